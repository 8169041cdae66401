"""The checks of chapter 8's exercises: right answers accepted however reached, wrong ones never."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from zhao_course import exercises_conclusion as ex
from zhao_course.data import load_table

CHECKS = [ex.check_projects_moved, ex.check_years_oil_to_gas, ex.check_years_statement_to_agreement,
          ex.check_trade_growth_since_sanctions]
HOSTILE = [..., None, "", "   ", "abc", "3 km", float("nan"), math.inf, [1, 2], [], {}, 10**400, True,
           pd.Series([], dtype=float), pd.DataFrame(), np.array([1.0, 2.0]), object(), b"3", "1,2,3"]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=repr)
def test_hostile_answers_get_a_sentence_never_a_traceback(check, answer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a check that fails itself warns: that would be a bug here
        feedback = check(answer)
    assert feedback.correct is False
    assert feedback.message.startswith("Not yet")


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_the_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")


def test_exercise_1_from_the_data_in_any_order_and_form() -> None:
    table = load_table("forecasts")
    rank = {"on_paper": 0, "under_way": 1, "realised": 2}
    rows = table[table["kind"].isin(["plan", "project"])]
    moved = rows[rows["status_now"].map(rank) > rows["status_2015"].map(rank)]["id"].tolist()
    assert sorted(moved) == sorted(ex.projects_moved_up())
    assert ex.check_projects_moved(moved).correct
    assert ex.check_projects_moved(list(reversed(moved))).correct
    assert ex.check_projects_moved(pd.Series(moved)).correct
    assert ex.check_projects_moved(tuple(f" {m} " for m in moved)).correct


def test_exercise_1_never_accepts_a_wrong_set() -> None:
    moved = ex.projects_moved_up()
    assert not ex.check_projects_moved(moved[:-1]).correct
    assert not ex.check_projects_moved(moved + ["oil_pipeline"]).correct
    message = ex.check_projects_moved(moved + ["railways_2030"]).message
    assert "not checked" in message
    assert not ex.check_projects_moved(moved + moved[:1]).correct
    # A row of the table that is not a project or plan: the check says why it is left out.
    feedback = ex.check_projects_moved(moved + ["sreb_eaeu_cooperation"])
    assert not feedback.correct
    assert "is a row of the table" in feedback.message and "not an id" not in feedback.message
    # The development zones were under way in 2015 (first three approved in June 2015): not a move.
    assert "development_zones" not in moved


def test_exercise_2_and_3_whole_years_from_the_tables() -> None:
    outcomes = load_table("forecasts").set_index("id")["outcome_date"]
    years = outcomes["gas_contract"].year - outcomes["oil_pipeline"].year
    assert ex.check_years_oil_to_gas(years).correct
    assert ex.check_years_oil_to_gas(f"{years} years").correct
    assert ex.check_years_oil_to_gas(np.int64(years)).correct
    assert not ex.check_years_oil_to_gas(years + 1).correct
    assert not ex.check_years_oil_to_gas(f"{years} km").correct
    assert not ex.check_years_oil_to_gas(years + 0.5).correct
    statement = load_table("eurasian_integration").set_index("id").loc["sreb_eaeu_statement_2015", "date"]
    gap = outcomes["sreb_eaeu_cooperation"].year - statement.year
    assert ex.check_years_statement_to_agreement(gap).correct
    assert not ex.check_years_statement_to_agreement(gap - 1).correct
    days = outcomes["sreb_eaeu_cooperation"] - statement
    assert not ex.check_years_statement_to_agreement(days).correct


def test_nine_years_gets_its_own_explanation_and_is_not_accepted() -> None:
    from zhao_course.exercises_conclusion import check_years_oil_to_gas, years_oil_to_gas

    feedback = check_years_oil_to_gas(years_oil_to_gas() + 1)
    assert not feedback.correct and "2010" in feedback.message


def test_trade_growth_is_computed_from_the_trade_table_and_explains_slips() -> None:
    trade = load_table("china_russia_trade").query("reporter == 'china_customs'").set_index("year")["value_usd_bn"]
    ratio = trade[2024] / trade[2014]
    assert ex.check_trade_growth_since_sanctions(round(ratio, 2)).correct
    assert ex.check_trade_growth_since_sanctions(f"{ratio:.3f}").correct
    assert not ex.check_trade_growth_since_sanctions(round(ratio, 2) + 0.05).correct
    assert "percentage" in ex.check_trade_growth_since_sanctions(round(100 * ratio)).message
    assert "wrong way round" in ex.check_trade_growth_since_sanctions(round(1 / ratio, 3)).message
