"""Chapter 7's exercise checks: right answers reached any sensible way pass, wrong ones never do,
and nothing a learner types gets a traceback."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhao_course.central_asia_trade import article_figures, cagr, trade_series
from zhao_course.data import load_table
from zhao_course.eaeu_shares import article_shares, gdp_shares, protocol_shares, shares_table, tariff_shares_alt_text
from zhao_course.exercises_sreb import (
    article_growth_percent,
    check_article_growth,
    check_eurasec_not_customs_union,
    check_growth_since_2012,
    check_kyrgyz_gap,
    check_slips,
    eurasec_not_customs_union,
    growth_since_2012_percent,
    kyrgyz_gap,
    slip_ids,
)

CHECKS = [check_eurasec_not_customs_union, check_kyrgyz_gap, check_article_growth, check_growth_since_2012, check_slips]
HOSTILE = [..., None, "", "   ", "abc", float("nan"), math.inf, 10**400, -1e308, [], [1, 2], {"a": 1}, b"6.2",
           pd.Series([], dtype=float), pd.DataFrame(), np.array([np.nan]), object(), "x" * 10_000, True]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: type(a).__name__)
def test_hostile_input_gets_a_sentence_never_correct(check, answer) -> None:
    feedback = check(answer)
    assert not feedback.correct
    assert feedback.message and "Traceback" not in feedback.message


def test_expected_answers_come_from_the_data() -> None:
    rows = load_table("memberships")
    assert set(eurasec_not_customs_union()) == {"Kyrgyzstan", "Tajikistan"}
    assert len(rows) > 20
    assert kyrgyz_gap() == pytest.approx(1.9 - gdp_shares(["RUS", "KAZ", "BLR", "KGZ", "ARM"], 2017)["KGZ"])
    assert article_growth_percent() == pytest.approx(((45.9 / 1.8) ** (1 / 12) - 1) * 100)
    assert growth_since_2012_percent() == pytest.approx(((106.3 / 45.94) ** (1 / 13) - 1) * 100)
    assert set(slip_ids()) == {"world_development_bank", "cultural_ties_not_weak", "lukin_title"}


@pytest.mark.parametrize("answer", [["Kyrgyzstan", "Tajikistan"], ["Tajikistan", "Kyrgyzstan"], ["KGZ", "TJK"],
                                    ("kgz", "Tajikistan"), pd.Series(["Kyrgyzstan", "Tajikistan"])])
def test_exercise_1_accepts_names_or_codes(answer) -> None:
    assert check_eurasec_not_customs_union(answer).correct


@pytest.mark.parametrize("answer,word", [(["Kyrgyzstan", "Tajikistan", "Uzbekistan"], "Uzbekistan suspended"),
                                         (["Kyrgyzstan", "Tajikistan", "Russia"], "Customs Union of 2010 as well"),
                                         (["Kyrgyzstan"], "2 states"), ("Mongolia", "not")])
def test_exercise_1_explains_wrong_answers(answer, word) -> None:
    feedback = check_eurasec_not_customs_union(answer)
    assert not feedback.correct and word in feedback.message


@pytest.mark.parametrize("answer", [1.48, "1.48", "1.48 percentage points", 1.47, 1.476, np.float64(1.48), [1.48]])
def test_exercise_2_accepts_the_gap(answer) -> None:
    assert check_kyrgyz_gap(answer).correct


@pytest.mark.parametrize("answer,word", [(0.42, "share of the five"), (-1.48, "sign"), (4.5, "ratio"), (1.9, "alone"),
                                         (2.5, "too high"), ("1.48 km", "km")])
def test_exercise_2_explains_wrong_answers(answer, word) -> None:
    feedback = check_kyrgyz_gap(answer)
    assert not feedback.correct and word in feedback.message


@pytest.mark.parametrize("answer", [31, 31.0, "31%", "31 %", 30.98, 30.99])
def test_exercise_3_accepts_the_rate(answer) -> None:
    assert check_article_growth(answer).correct


@pytest.mark.parametrize("answer,word", [(204.2, "simple average"), (34.2, "years"), (25.5, "whole period"),
                                         (0.31, "too low"), (40, "too high")])
def test_exercise_3_explains_wrong_answers(answer, word) -> None:
    feedback = check_article_growth(answer)
    assert not feedback.correct and word in feedback.message


@pytest.mark.parametrize("answer", [6.67, "6.7%", 6.66, 6.7, 6.71])
def test_exercise_4_accepts_the_rate(answer) -> None:
    assert check_growth_since_2012(answer).correct


@pytest.mark.parametrize("answer,word", [(10.1, "simple average"), (7.24, "years"), (7.8, "too high"), (0.067, "too low")])
def test_exercise_4_explains_wrong_answers(answer, word) -> None:
    feedback = check_growth_since_2012(answer)
    assert not feedback.correct and word in feedback.message


def test_exercise_1_accepts_sets_arrays_series_and_full_names() -> None:
    for answer in ({"KGZ", "TJK"}, np.array(["KGZ", "TJK"]), pd.Series(["TJK", "KGZ"]), ("Kyrgyz Republic", "Tajikistan")):
        assert check_eurasec_not_customs_union(answer).correct
    assert "2 states" in check_eurasec_not_customs_union(["KGZ"]).message


def test_exercise_5() -> None:
    assert check_slips(["cultural_ties_not_weak", "world_development_bank", "lukin_title"]).correct
    assert check_slips({"lukin_title", "cultural_ties_not_weak", "world_development_bank"}).correct
    assert "substance" in check_slips(["world_development_bank", "tajikistan_partner_rank"]).message
    assert "no longer" in check_slips(["world_development_bank", "tariff_split_called_eaeu"]).message
    assert not check_slips(["world_development_bank", "cultural_ties_not_weak"]).correct
    assert not check_slips(["area_square_meters"]).correct  # another section's slip


def test_tariff_and_trade_helpers() -> None:
    assert sum(article_shares().values()) == pytest.approx(100)
    assert sum(protocol_shares().values()) == pytest.approx(100)
    table = shares_table()
    assert list(table.index) == ["Russia", "Kazakhstan", "Belarus", "Kyrgyzstan", "Armenia"]
    assert "Kyrgyzstan 1.9 % of duties" in tariff_shares_alt_text()
    assert article_figures() == {2000: 1.8, 2012: 45.9}
    assert trade_series()[2012] == 45.94
    assert cagr(1, 4, 2) == pytest.approx(1.0)
    with pytest.raises(Exception):
        cagr(-1, 4, 2)


def test_exercise_1_accepts_a_comma_separated_string() -> None:
    from zhao_course.exercises_sreb import check_eurasec_not_customs_union as check

    assert check("Kyrgyzstan, Tajikistan").correct
    assert check("kgz; tjk").correct
    assert not check("Kyrgyzstan, Uzbekistan").correct
