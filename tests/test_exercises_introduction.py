"""The checks of chapter 1's exercises: right answers reached any way pass; wrong or hostile input gets a sentence."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhao_course.exercises_introduction import (
    check_error_evidence,
    check_gas_share,
    check_shortfall_2015,
    check_target_error_kind,
    check_year_100bn,
    check_year_200bn,
    check_xi_date_kind,
    introduction_errors,
)
from zhao_course.trade import first_year_met, gas_share_of_trade, shortfall

CHECKS = [check_shortfall_2015, check_year_100bn, check_year_200bn, check_gas_share, check_target_error_kind,
          check_error_evidence, check_xi_date_kind]
HOSTILE = [..., None, "", "   ", float("nan"), math.inf, [], [1, 2], {"a": 1}, "abc", "32 km", 10**400, True,
           pd.Series([1.0, 2.0]), pd.DataFrame({"a": [1, 2]}), np.array([]), object(), b"32"]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=repr)
def test_hostile_input_gets_a_sentence_and_is_never_accepted(check, answer) -> None:
    feedback = check(answer)
    assert not feedback.correct
    assert feedback.message.startswith("Not yet")
    assert "Traceback" not in feedback.message


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_the_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet. You have not given an answer yet")


@pytest.mark.parametrize("answer", [32, 32.0, 31.94, 32.06, "32", "32 bn", "32 billion", np.float64(32.0), [32], pd.Series([32.0]),
                                    shortfall("official_2015")])
def test_shortfall_accepts_the_right_answer_in_any_form(answer) -> None:
    assert check_shortfall_2015(answer).correct


@pytest.mark.parametrize("answer,says", [(4.72, "2014"), (68, "trade of the year"), (-32, "sign"),
                                         (32e9, "dollars"), (35.8, "yuan"), (33, "too high"), ("32%", "percentage")])
def test_shortfall_explains_wrong_answers(answer, says) -> None:
    feedback = check_shortfall_2015(answer)
    assert not feedback.correct and says in feedback.message


def test_years() -> None:
    assert check_year_100bn(2018).correct and check_year_100bn("2018").correct and check_year_100bn(2018.0).correct
    assert check_year_100bn(first_year_met("official_2015")).correct
    assert check_year_200bn(np.int64(2023)).correct
    for wrong in (2014, 2015, 2019, 2009, 2018.5, 20188):
        assert not check_year_100bn(wrong).correct
    for wrong in (2020, 2022, 2024, 2018):
        assert not check_year_200bn(wrong).correct
    assert "2015" in check_year_100bn(2015).message
    assert "year before" in check_year_200bn(2024).message


@pytest.mark.parametrize("answer", [14.9, 15.0, "14.9%", "14.95 %", round(gas_share_of_trade(), 2)])
def test_gas_share_accepts(answer) -> None:
    assert check_gas_share(answer).correct


@pytest.mark.parametrize("answer,says", [(13.33, "a year in USD bn"), (448.4, "whole contract"),
                                         (0.149, "multiply a share by 100"), (14.8, "too low"), (16, "too high")])
def test_gas_share_explains_wrong_answers(answer, says) -> None:
    feedback = check_gas_share(answer)
    assert not feedback.correct and says in feedback.message


def test_error_kind() -> None:
    assert check_target_error_kind("substance").correct
    assert check_target_error_kind(" Substance ").correct
    assert check_target_error_kind("error of substance").correct
    assert not check_target_error_kind("slip").correct
    assert not check_target_error_kind("substanse").correct
    # An article before the kind is read as the kind, and the message never quotes words the learner did not write.
    feedback = check_target_error_kind("an error of substance")
    assert feedback.correct and "an substance" not in feedback.message
    assert "Chinese original" in check_target_error_kind("a slip").message


def test_error_evidence() -> None:
    for right in ("original", " Original ", "the Chinese original", "the original."):
        assert check_error_evidence(right).correct
    for wrong in ("statement", "putin", "customs", "not the original", "original statement"):
        feedback = check_error_evidence(wrong)
        assert not feedback.correct and feedback.message.startswith("Not yet")
    assert "who got it wrong" in check_error_evidence("statement").message


def test_xi_date_kind() -> None:
    for right in ("substance", "An error of substance.", "error of substance", " SUBSTANCE"):
        assert check_xi_date_kind(right).correct
    feedback = check_xi_date_kind("slip")
    assert not feedback.correct and "G20" in feedback.message
    assert not check_xi_date_kind("a slip of substance").correct


def test_introduction_errors_hides_the_kind() -> None:
    table = introduction_errors()
    assert list(table.columns) == ["id", "article_says"]
    assert "target_150bn_2014" in table["id"].tolist()
