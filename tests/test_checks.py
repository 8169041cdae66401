"""The answer checks: right answers pass, wrong ones fail, bad input gets a sentence."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zhao_course.checks import Feedback, as_number, check_ids, check_number
from zhao_course.exercises_border import (
    border_length_gap,
    check_border_length_gap,
    check_wrongly_dated,
    check_years_of_talks,
    wrongly_dated_events,
    years_of_talks,
)
from zhao_course.data import load_table


def test_expected_answers_are_computed_from_the_data() -> None:
    timeline = load_table("border_timeline").set_index("id")
    assert years_of_talks() == timeline.loc["ratification_2005", "date"].year - timeline.loc["talks_1964_open", "date"].year == 41
    assert wrongly_dated_events() == ["supplementary_2004"]
    assert round(border_length_gap(), 1) == 140.7


@pytest.mark.parametrize("answer", [41, 41.0, "41", " 41 ", "41 years", np.int64(41), pd.Series([41]), np.array([41.2])])
def test_years_of_talks_accepts_right_answers_in_any_reasonable_form(answer) -> None:
    result = check_years_of_talks(answer)
    assert result.correct, result.message
    assert result.message.startswith("Correct")


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (None, "You have not given an answer yet"),
        (..., "You have not given an answer yet"),
        ("", "You have not given an answer yet"),
        ("forty-one", "is not a number I can read"),
        (True, "is a yes/no value"),
        ([41, 5], "Give one number, not a list of 2 values"),
        (float("nan"), "is not a usable number"),
        (40, "too low"),
        (44, "too high"),
        ({"years": 41}, "Give one number, not a dict"),
        (object(), "is not a number"),
    ],
)
def test_years_of_talks_answers_bad_input_with_a_sentence(answer, fragment: str) -> None:
    result = check_years_of_talks(answer)
    assert not result.correct
    assert fragment in result.message
    assert result.message.startswith("Not yet")


def test_wrongly_dated_accepts_string_list_and_series() -> None:
    assert check_wrongly_dated("supplementary_2004").correct
    assert check_wrongly_dated(["supplementary_2004"]).correct
    assert check_wrongly_dated(pd.Series(["supplementary_2004"])).correct


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ("suplementary_2004", "Did you mean 'supplementary_2004'?"),
        ("June 2004", "is not an id in the table"),
        (["supplementary_2004", "treaty_2001"], "(treaty_2001) should not be there"),
        (["treaty_2001"], "should not be there; 1 is missing"),
        ([], "Your list is empty"),
        (2004, "is not an id"),
        ([2004], "Every item must be an id in quotes"),
        (None, "You have not given an answer yet"),
    ],
)
def test_wrongly_dated_explains_what_is_wrong(answer, fragment: str) -> None:
    result = check_wrongly_dated(answer)
    assert not result.correct
    assert fragment in result.message


def test_border_gap_flags_unit_slips() -> None:
    assert check_border_length_gap(140.7).correct
    assert check_border_length_gap("140.7 km").correct
    slip = check_border_length_gap(140_700)
    assert not slip.correct and "factor of 1,000" in slip.message


def test_feedback_shows_words_not_only_colour() -> None:
    good, bad = Feedback(True, "Correct: 1."), Feedback(False, "Not yet: 2.")
    assert "✔" in good._repr_html_() and "Correct" in good._repr_html_()
    assert "✘" in bad._repr_html_() and "Not yet" in bad._repr_html_()
    assert repr(good) == "Correct: 1."
    assert bool(good) and not bool(bad)


def test_feedback_html_escapes_learner_text() -> None:
    result = check_number("<script>", expected=1)
    assert "<script>" not in result._repr_html_()


def test_as_number_reads_thousands_separators() -> None:
    assert as_number("4,209.3") == (4209.3, None)


def test_check_ids_is_order_free() -> None:
    assert check_ids(["b", "a"], ["a", "b"], ["a", "b", "c"]).correct


@pytest.mark.parametrize("check", [check_years_of_talks, check_wrongly_dated, check_border_length_gap])
def test_calling_a_check_without_an_answer_gets_a_sentence(check) -> None:
    result = check()
    assert not result.correct
    assert "You have not given an answer yet" in result.message
