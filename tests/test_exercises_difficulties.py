"""The checks of chapter 6's exercises: right answers accepted however reached, wrong ones never."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhao_course import exercises_difficulties as ex
from zhao_course.data import load_table

CHECKS = [
    ex.check_china_share_of_entries,
    ex.check_claim_against_census,
    ex.check_population_ratio,
    ex.check_poll_growth,
    ex.check_statement_kinds,
]
HOSTILE = [..., None, "", "   ", "abc", "3 km", float("nan"), math.inf, [1, 2], [], {}, 10**400, True,
           pd.Series([], dtype=float), pd.DataFrame(), np.array([1.0, 2.0]), object(), b"3", "1,2,3"]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=repr)
def test_hostile_answers_get_a_sentence_never_a_traceback(check, answer) -> None:
    feedback = check(answer)
    assert feedback.correct is False
    assert feedback.message.startswith("Not yet")


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_the_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")


def test_exercise_1_accepts_both_ends_of_the_range_and_nothing_outside() -> None:
    low, high = ex.china_share_of_entries()
    for right in (low, high, 3, "3%", f"{low:.2f}", round(high, 2), 2.9, 3.1):
        assert ex.check_china_share_of_entries(right).correct, right
    for wrong in (low - 0.1, high + 0.1, 0.03, 33.75, 75, 2.5, 2.7, 3.2):
        assert not ex.check_china_share_of_entries(wrong).correct, wrong
    assert "multiply" in ex.check_china_share_of_entries(0.03).message


def test_exercise_2_from_the_data_and_its_explained_mistakes() -> None:
    rows = load_table("migration").set_index("id")["value"]
    assert ex.check_claim_against_census(rows["press_claim_2004_low"] / rows["chinese_census_2002"]).correct
    assert ex.check_claim_against_census(289).correct
    assert ex.check_claim_against_census(290).correct  # rounded
    assert ex.check_claim_against_census(ex.claim_against_census() - 1).correct  # "times larger", strictly
    assert "25 to 50" in ex.check_claim_against_census(289).message  # the expert estimate
    assert "35,000" in ex.check_claim_against_census(rows["press_claim_2004_low"] / 35000).message
    assert not ex.check_claim_against_census(rows["chinese_census_2002"] / rows["press_claim_2004_low"]).correct
    assert not ex.check_claim_against_census(347).correct  # the high end of the claim


def test_exercise_3_rejects_one_province_and_the_inverse() -> None:
    assert ex.check_population_ratio(17.4).correct
    assert ex.check_population_ratio(pd.Series([17.403])).correct
    assert ex.check_population_ratio(17).correct  # rounded to a whole number
    assert not ex.check_population_ratio(1 / 17.4).correct
    rows = load_table("borderland_population").set_index("id")["population"]
    one = rows["cn_liaoning_2010"] / rows["ru_far_east_2010"]
    assert "three provinces" in ex.check_population_ratio(one).message
    assert not ex.check_population_ratio(16.4).correct  # the 2020/2021 round


def test_exercise_4_tells_a_ratio_from_a_difference() -> None:
    assert ex.check_poll_growth(51 / 23).correct
    assert ex.check_poll_growth("2.22").correct
    assert "difference" in ex.check_poll_growth(28).message
    assert not ex.check_poll_growth(23 / 51).correct
    assert not ex.check_poll_growth(121.7).correct
    assert not ex.check_poll_growth(2).correct


def test_exercise_5_sorts_the_statements_from_the_data() -> None:
    kinds = ex.statement_kinds()
    assert kinds["gnp_for_gdp"] == "slip"
    assert kinds["poll_date_january_2015"] == "substance"
    assert kinds["rason_port_lease"] == "substance"
    assert kinds["entries_from_china"] == "unverifiable"
    assert ex.check_statement_kinds(kinds).correct
    assert ex.check_statement_kinds({k: v.upper() for k, v in kinds.items()}).correct
    swapped = dict(kinds, poll_date_january_2015="unverifiable")
    assert "poll_date_january_2015" in ex.check_statement_kinds(swapped).message
    assert not ex.check_statement_kinds(swapped).correct
    assert not ex.check_statement_kinds(dict(kinds, gnp_for_gdp=3)).correct
    assert not ex.check_statement_kinds(dict(kinds, extra_id="slip")).correct
    assert not ex.check_statement_kinds(list(kinds)).correct


def test_the_1990_comparison_may_be_sorted_as_unverifiable_too() -> None:
    from zhao_course.exercises_difficulties import check_statement_kinds, statement_kinds

    kinds = statement_kinds()
    kinds["gdp_1990_same_size"] = "unverifiable"
    assert check_statement_kinds(kinds).correct
    kinds["gdp_1990_same_size"] = "slip"
    assert not check_statement_kinds(kinds).correct


def test_the_rason_lease_may_be_sorted_as_unverifiable_but_not_as_a_slip() -> None:
    from zhao_course.exercises_difficulties import check_statement_kinds, statement_kinds

    kinds = statement_kinds()
    assert kinds["rason_port_lease"] == "substance"
    kinds["rason_port_lease"] = "unverifiable"
    result = check_statement_kinds(kinds)
    assert result.correct and "Rason" in result.message
    kinds["rason_port_lease"] = "slip"
    assert not check_statement_kinds(kinds).correct
