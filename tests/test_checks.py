"""The answer checks: right answers pass, wrong ones fail, bad input gets a sentence.

Each test is named for the behaviour it guards. The hostile inputs are the ones a
review found by calling every check in a kernel; the property-based versions are in
``test_checks_properties.py``.
"""
from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import zhao_course
from zhao_course.checks import (
    CheckFailedWarning,
    Feedback,
    as_number,
    check_choice,
    check_ids,
    check_number,
    check_order,
    learner_check,
    shorten,
)
from zhao_course.data import DataError


def years(answer, **kwargs) -> Feedback:
    """The chapter's first exercise as a bare check: 41 whole years."""
    return check_number(answer, expected=41, unit="years", integer=True, **kwargs)


def km(answer) -> Feedback:
    return check_number(answer, expected=140.7, tolerance=0.05, unit="km")


class RaisingFloat:
    def __float__(self) -> float:
        raise RuntimeError("float failed")


class RaisingRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr failed")


class RaisingLen:
    def __len__(self) -> int:
        raise RuntimeError("len failed")


class RaisingEq:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq failed")

    __hash__ = object.__hash__


def _recursive_list() -> list:
    items: list = []
    items.append(items)
    return items


def _misaligned_difference() -> pd.Series:
    """What ``end - start`` gives for two one-row Series with different index labels."""
    return pd.Series([2005], index=["ratification_2005"]) - pd.Series([1964], index=["talks_1964_open"])


HOSTILE = [
    None, ..., "", "   ", "forty-one", True, np.bool_(False), 3 + 4j, np.complex128(41), 10**400, 10**5000, [10**5000],
    Fraction(10**400, 3), RaisingFloat(), RaisingRepr(), RaisingLen(), RaisingEq(), "4" * 10_000, "x" * 10_000,
    b"41", bytearray(b"41"), {"years": 41}, (x for x in [41]), iter([41]), pd.NA, pd.NaT, np.datetime64("NaT"),
    np.timedelta64("NaT"), Decimal("sNaN"), Decimal("NaN"), Decimal("Infinity"), float("nan"), float("-inf"),
    [[41, 1]], _recursive_list(), [], (), set(), pd.Series([], dtype=float), pd.DataFrame(), object(),
    pd.DataFrame({"a": [1, 2], "b": [3, 4]}), np.arange(6).reshape(2, 3), _misaligned_difference(),
    pd.Timestamp("2005-06-02"), datetime.date(2005, 6, 2), datetime.time(12), np.datetime64("2005-06-02"),
    pd.Timedelta(days=15_073), datetime.timedelta(days=15_073), np.timedelta64(15_073, "D"), Feedback,
    print, type, slice(1), memoryview(b"41"), np.void(b"4"),
]


# --- Feedback -------------------------------------------------------------------------


def test_feedback_shows_words_not_only_colour() -> None:
    good, bad = Feedback(True, "Correct: 1."), Feedback(False, "Not yet: 2.")
    assert "✔" in good._repr_html_() and "Correct" in good._repr_html_()
    assert "✘" in bad._repr_html_() and "Not yet" in bad._repr_html_()
    assert repr(good) == "Correct: 1." and str(bad) == "Not yet: 2."
    assert bool(good) and not bool(bad)


def test_feedback_html_escapes_learner_text() -> None:
    result = check_number("<script>", expected=1)
    assert "<script>" not in result._repr_html_()
    assert "&lt;script&gt;" in result._repr_html_()


# --- check_number: right answers in every reasonable form --------------------------


@pytest.mark.parametrize(
    "answer",
    [
        41, 41.0, "41", " 41 ", "41.0", "41,0", "41 years", "41 yrs", "41 Years", "41years", "41 year",
        np.int64(41), np.int8(41), np.uint16(41), np.float32(41), np.float64(41), np.str_("41"),
        Decimal("41"), Fraction(82, 2), [41], (41,), {41}, [[41]], pd.Series([41]), pd.Index([41]),
        pd.array([41], dtype="Int64"), np.array(41), np.array([41]), np.array([[41]]),
        pd.DataFrame({"year": [41]}), pd.Series([2005], index=["x"]) - pd.Series([1964], index=["x"]),
    ],
)
def test_number_accepts_a_right_answer_in_any_reasonable_form(answer) -> None:
    result = years(answer)
    assert result.correct, result.message
    assert result.message.startswith("Correct: 41 years")


def test_number_accepts_a_one_by_one_dataframe_from_loc_with_a_list_of_columns() -> None:
    table = pd.DataFrame({"id": ["gap"], "value": [140.7]}).set_index("id")
    assert km(table.loc[["gap"], ["value"]]).correct


@pytest.mark.parametrize("answer", ["140,7", "140,70", "140.7 km", "140,7 km", "140.7km", "140.7 kilometres"])
def test_number_accepts_a_decimal_comma_and_the_right_unit(answer) -> None:
    assert km(answer).correct, km(answer).message


@pytest.mark.parametrize(
    ("text", "value"),
    [("4,209.3", 4209.3), ("1,407", 1407.0), ("1,407,000", 1407000.0), ("4 209,3", 4209.3), ("4\u00a0209.3", 4209.3),
     ("1_000", 1000.0), ("-41", -41.0), ("\u221241", -41.0), ("+41", 41.0), (".5", 0.5), ("4.1e1", 41.0), ("1e-05", 1e-05)],
)
def test_as_number_reads_well_formed_separators_signs_and_exponents(text: str, value: float) -> None:
    assert as_number(text) == (value, None)


# --- check_number: wrong answers are never accepted --------------------------------


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ("41 km", "you wrote km, but the question asks for years"),
        ("41 kilometres", "you wrote kilometres, but the question asks for years"),
        ("41%", "you wrote %, but the question asks for years, not a percentage"),
        ("41 percent", "not a percentage"),
        ("41 days", "you wrote days"),
        ("41 apples", "I can read 41 in your answer, but not 'apples' after it"),
    ],
)
def test_number_rejects_a_right_number_with_the_wrong_unit(answer, fragment: str) -> None:
    result = years(answer)
    assert not result.correct
    assert fragment in result.message


def test_number_without_a_unit_rejects_a_unit_with_a_sentence() -> None:
    result = check_number("41 km", expected=41)
    assert not result.correct and "asks for a plain number" in result.message


def test_number_reads_a_comma_with_one_digit_as_a_decimal_comma_not_a_separator() -> None:
    assert as_number("4,1") == (4.1, None)
    assert not check_number("4,1", expected=41).correct


@pytest.mark.parametrize("answer", ["1,40.7", "0,407", "4.209,3", "1.407.000", "1,4070", "41 2", "4_1", "1,000_000", "1,000e3"])
def test_number_asks_for_plain_digits_when_separators_are_ambiguous(answer) -> None:
    value, problem = as_number(answer)
    assert value is None
    assert problem is not None and "digits and a dot" in problem
    assert not km(answer).correct


@pytest.mark.parametrize("answer", [40.6, 41.4, "40.6", "41.5", 40.999, np.float64(41.2)])
def test_integer_answer_rejects_anything_but_the_whole_number(answer) -> None:
    result = years(answer)
    assert not result.correct
    assert "not a whole number" in result.message


def test_integer_answer_is_strict_even_with_a_tolerance() -> None:
    assert not check_number(40.6, expected=41, tolerance=0.5, integer=True).correct
    assert check_number(41.0, expected=41, tolerance=0.5, integer=True).correct
    assert not check_number(40, expected=41, tolerance=0.5, integer=True).correct


def test_tolerance_is_a_closed_interval_and_no_wider() -> None:
    assert check_number(140.75, expected=140.7, tolerance=0.05).correct
    assert not check_number(140.76, expected=140.7, tolerance=0.05).correct
    assert not check_number(40.6, expected=41).correct
    assert check_number(0.1 + 0.2, expected=0.3).correct  # rounding slack only


def test_number_says_too_high_or_too_low_and_repeats_the_hint() -> None:
    low, high = years(40, hint="use .dt.year"), years(44)
    assert "40 years is too low" in low.message and "Hint: use .dt.year" in low.message
    assert "44 years is too high" in high.message


def test_number_flags_a_factor_of_1000_and_a_share_given_for_a_percentage() -> None:
    assert "factor of 1,000" in check_number(140_700, expected=140.7, unit="km").message
    assert "percentage" in check_number(0.41, expected=41, unit="%").message
    assert check_number("41%", expected=41, unit="%").correct


@pytest.mark.parametrize("span", [pd.Timedelta(days=15_073), datetime.timedelta(days=15_073), np.timedelta64(15_073, "D")])
def test_number_explains_a_time_span_instead_of_accepting_days_over_365(span) -> None:
    result = years(span)
    assert not result.correct
    assert "time span of 15,073 days, not a number of years" in result.message
    assert ".dt.year" in result.message and "365.25" in result.message


def test_number_asks_for_days_of_a_time_span_when_days_are_wanted() -> None:
    result = check_number(pd.Timedelta(days=3), expected=3, unit="days")
    assert not result.correct and ".days" in result.message


@pytest.mark.parametrize("date", [pd.Timestamp("2005-06-02"), datetime.date(2005, 6, 2), np.datetime64("2005-06-02")])
def test_number_explains_a_date_given_instead_of_a_number(date) -> None:
    result = years(date)
    assert not result.correct and "is a date, not a number" in result.message and ".year" in result.message


def test_number_explains_nan_from_misaligned_series() -> None:
    both = years(_misaligned_difference())
    one = years(_misaligned_difference().iloc[:1])
    for result in (both, one):
        assert not result.correct
        assert "index labels" in result.message and ".item()" in result.message
    assert "Series of 2 missing values" in both.message


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
        ({"years": 41}, "Give one number, not a dict"),
        (object(), "is not a number"),
        (3 + 4j, "is a complex number"),
        (10**400, "far too large"),
        ("1e400", "far too large"),
        (RaisingFloat(), "could not be read as a number"),
        (b"41", "is bytes"),
        (pd.NA, "missing value"),
        (pd.NaT, "missing value"),
        ((x for x in [41]), "generator"),
        (_recursive_list(), "a list inside a list"),
        (pd.Series([], dtype=float), "empty Series: no row was selected"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), "not a table (DataFrame) of 2 rows and 2 columns"),
        ("x" * 10_000, "10,000 characters long"),
    ],
)
def test_number_answers_bad_input_with_a_sentence(answer, fragment: str) -> None:
    result = years(answer)
    assert not result.correct
    assert fragment in result.message
    assert result.message.startswith("Not yet")


@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: shorten(a, 25))
def test_no_check_raises_or_accepts_hostile_input_and_messages_stay_short(answer) -> None:
    valid = ["a_1", "b_2", "c_3"]
    results = [
        years(answer),
        check_number(answer, expected=0.5, tolerance=10),
        check_ids(answer, ["a_1"], valid),
        check_order(answer, valid, valid),
        check_choice(answer, {"A": "Yes.", "B": "No."}, expected="A"),
    ]
    for result in results:
        assert isinstance(result, Feedback)
        assert not result.correct, result.message
        assert result.message.startswith("Not yet") and 0 < len(result.message) < 400, result.message


def test_long_answers_are_shortened_in_messages() -> None:
    long_id = "treaty_2001" * 1_000
    for result in (check_ids(long_id, ["a"], ["a"]), check_choice(long_id, {"a": ""}, "a"), years(list(range(10_000)))):
        assert len(result.message) < 300 and not result.correct
    assert len(shorten("x" * 10_000)) <= 50
    assert shorten(RaisingRepr()) == "<RaisingRepr object>" or "RaisingRepr" in shorten(RaisingRepr())


# --- check_ids --------------------------------------------------------------------------

VALID = ["talks_1964_open", "treaty_2001", "supplementary_2004", "ratification_2005"]


def ids(answer, expected=("supplementary_2004",), noun: str = "id") -> Feedback:
    return check_ids(answer, list(expected), VALID, noun=noun)


@pytest.mark.parametrize(
    "answer",
    ["supplementary_2004", " supplementary_2004 ", ["supplementary_2004"], ("supplementary_2004",),
     {"supplementary_2004"}, np.array(["supplementary_2004"]), np.str_("supplementary_2004"),
     pd.Series(["supplementary_2004"]), pd.Index(["supplementary_2004"]), np.array([["supplementary_2004"]])],
)
def test_ids_accept_a_string_list_series_or_array(answer) -> None:
    assert ids(answer).correct, ids(answer).message


def test_ids_accept_a_one_by_one_dataframe_from_loc_with_a_list_of_columns() -> None:
    table = pd.DataFrame({"id": VALID, "verdict": ["ok", "ok", "wrong", "ok"]})
    assert ids(table.loc[table["verdict"] == "wrong", ["id"]]).correct
    assert ids(table.set_index("id").loc[table.set_index("id")["verdict"] == "wrong"].index).correct


def test_ids_are_order_free() -> None:
    assert check_ids(["b", "a"], ["a", "b"], ["a", "b", "c"]).correct


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ("suplementary_2004", "Did you mean 'supplementary_2004'?"),
        ("June 2004", "is not an id in the table"),
        (["supplementary_2004", "treaty_2001"], "(treaty_2001) should not be there"),
        (["treaty_2001"], "should not be there; 1 is missing"),
        (["supplementary_2004", "supplementary_2004"], "more than once"),
        ("supplementary_2004, treaty_2001", "in its own quotes"),
        ([], "Your list is empty"),
        (2004, "is not an id"),
        ([2004], "Every item must be an id in quotes"),
        ([["supplementary_2004"]], "Every item must be an id in quotes"),
        (None, "You have not given an answer yet"),
        (pd.Series([False, True]), "Series of True/False values"),
        (pd.DataFrame({"id": VALID, "x": range(4)}), "give only the ids"),
        ({"supplementary_2004": 1}, "is not an id"),
    ],
)
def test_ids_explain_what_is_wrong(answer, fragment: str) -> None:
    result = ids(answer)
    assert not result.correct
    assert fragment in result.message, result.message


def test_ids_use_the_right_article_for_the_noun() -> None:
    assert "is not a place in the table" in ids("nowhere", noun="place").message
    assert "example" not in ids(None).message and "'talks_1964_open'" in ids(None).message


# --- check_order ------------------------------------------------------------------------

STEPS = ["talks_1964_open", "treaty_2001", "supplementary_2004", "ratification_2005"]


def order(answer) -> Feedback:
    return check_order(answer, STEPS, sorted(STEPS), explanation="In date order.")


@pytest.mark.parametrize("answer", [STEPS, tuple(STEPS), pd.Series(STEPS), np.array(STEPS), pd.Index(STEPS)])
def test_order_accepts_the_exact_order_as_any_sequence(answer) -> None:
    result = order(answer)
    assert result.correct and result.message == "Correct. In date order."


def test_order_counts_the_right_places_and_names_the_first_out_of_place_only() -> None:
    swapped = [STEPS[0], STEPS[2], STEPS[1], STEPS[3]]
    result = order(swapped)
    assert not result.correct
    assert "2 of 4 are in the right place" in result.message
    assert "'supplementary_2004', at position 2" in result.message
    assert "treaty_2001" not in result.message  # the solution is not given away
    assert "1 of 4 is in the right place" in order(STEPS[1:3] + [STEPS[0], STEPS[3]]).message


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (set(STEPS), "A set has no order"),
        ("talks_1964_open", "not one id"),
        (STEPS + [STEPS[0]], "more than once"),
        (STEPS[:3] + ["treaty_2010"], "Did you mean 'treaty_2001'?"),
        (STEPS[:3], "1 is missing"),
        ({"a": 1}, "is not an id"),
        (None, "You have not given an answer yet"),
        ((s for s in STEPS), "list(...)"),
    ],
)
def test_order_explains_what_is_wrong(answer, fragment: str) -> None:
    result = order(answer)
    assert not result.correct
    assert fragment in result.message, result.message


# --- check_choice -----------------------------------------------------------------------

OPTIONS = {"china": "Right: China's count is the longer one.", "russia": "No: Russia's count is the shorter one.", "same": ""}


@pytest.mark.parametrize("answer", ["china", "China", "  CHINA ", ["china"], pd.Series(["china"]), np.str_("china")])
def test_choice_ignores_case_and_spaces(answer) -> None:
    result = check_choice(answer, OPTIONS, expected="china", explanation="Two official counts.")
    assert result.correct
    assert result.message == "Correct. Right: China's count is the longer one. Two official counts."


def test_choice_shows_the_feedback_of_the_option_chosen() -> None:
    assert check_choice("russia", OPTIONS, "china").message == "Not yet. No: Russia's count is the shorter one."
    assert check_choice("same", OPTIONS, "china").message == "Not yet. 'same' is not the best choice."


def test_choice_does_not_repeat_a_verdict_already_in_the_feedback() -> None:
    options = {"a": "Not yet. That is the article's view.", "b": "Correct: both sources agree."}
    assert check_choice("a", options, "b").message == "Not yet. That is the article's view."
    assert check_choice("b", options, "b").message == "Correct: both sources agree."


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ("chian", "Did you mean 'china'?"),
        ("C", "is not one of the choices: choose one of 'china', 'russia', 'same'"),
        (None, "You have not given an answer yet"),
        (3.5, "is a float"),
        (["china", "russia"], "Give one choice, not a list of 2 values"),
    ],
)
def test_choice_explains_an_answer_that_is_not_a_key(answer, fragment: str) -> None:
    result = check_choice(answer, OPTIONS, "china")
    assert not result.correct and fragment in result.message, result.message


def test_choice_reads_a_whole_number_as_a_numbered_key() -> None:
    options = {"1": "Yes.", "2": "No."}
    assert check_choice(1, options, "1").correct and not check_choice(np.int64(2), options, "1").correct
    assert not check_choice(True, options, "1").correct


def test_choice_refuses_a_badly_built_question() -> None:
    with pytest.raises(ValueError):
        check_choice("a", {"a": "", "A": ""}, "a")
    with pytest.raises(ValueError):
        check_choice("a", {"a": ""}, "b")


# --- learner_check ----------------------------------------------------------------------


@learner_check
def check_example(answer=...) -> Feedback:
    """Example exercise: 41 years."""
    return years(answer)


def test_decorator_keeps_name_docstring_and_signature() -> None:
    assert check_example.__name__ == "check_example"
    assert check_example.__doc__ == "Example exercise: 41 years."
    assert list(inspect.signature(check_example).parameters) == ["answer"]


def test_decorator_answers_extra_arguments_with_a_sentence() -> None:
    two = check_example(41, 42)
    assert not two.correct and "check_example takes one answer; you gave 2" in two.message
    named = check_example(41, unit="years")
    assert not named.correct and "with the name 'unit'" in named.message
    assert check_example(answer=41).correct


def test_decorator_answers_a_missing_required_answer_with_a_sentence() -> None:
    @learner_check
    def check_required(answer) -> Feedback:
        return years(answer)

    assert "You have not given an answer yet" in check_required().message
    assert "You have not given an answer yet" in check_example().message


def test_decorator_turns_a_data_error_into_a_sentence() -> None:
    @learner_check
    def check_broken(answer=...) -> Feedback:
        raise DataError("data/border_timeline.csv, line 7, column 'date': '2005-13-01' is not a date.")

    result = check_broken(41)
    assert not result.correct
    assert "could not be read" in result.message and "line 7" in result.message


def test_decorator_turns_an_unexpected_error_into_a_sentence_and_warns_the_maintainer() -> None:
    @learner_check
    def check_buggy(answer=...) -> Feedback:
        return {}["missing"]

    with pytest.warns(CheckFailedWarning, match="KeyError"):
        result = check_buggy(41)
    assert not result.correct and "please report this" in result.message


@pytest.mark.parametrize("returned", [True, 1, "Correct", None])
def test_decorator_never_turns_a_non_feedback_into_a_correct_answer(returned) -> None:
    @learner_check
    def check_sloppy(answer=...):
        return returned

    with pytest.warns(CheckFailedWarning):
        result = check_sloppy(41)
    assert isinstance(result, Feedback) and not result.correct


def test_decorator_passes_the_verdict_through_unchanged() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_example(41).correct
        assert not check_example(40).correct
        assert check_example(40).message == years(40).message


# --- Chapter modules use the layer ------------------------------------------------------


def _chapter_checks() -> list:
    found = []
    for module_info in pkgutil.iter_modules(zhao_course.__path__):
        if module_info.name.startswith("exercises_"):
            module = importlib.import_module(f"zhao_course.{module_info.name}")
            found += [f for name, f in vars(module).items() if name.startswith("check_") and inspect.isfunction(f)
                      and f.__module__ == module.__name__]
    return found


def test_every_chapter_check_is_a_learner_check() -> None:
    checks = _chapter_checks()
    assert checks, "no exercises_* module with check_ functions"
    undecorated = [f.__name__ for f in checks if not getattr(f, "__learner_check__", False)]
    assert not undecorated, f"put @learner_check on {undecorated}"


@pytest.mark.parametrize("call", [(), (41, 42), ("x" * 10_000,), (10**400,), (3 + 4j,)], ids=str)
def test_chapter_checks_answer_odd_calls_with_a_sentence(call) -> None:
    for check in _chapter_checks():
        with warnings.catch_warnings():
            warnings.simplefilter("error", CheckFailedWarning)
            result = check(*call)
        assert isinstance(result, Feedback) and not result.correct and len(result.message) < 800, check.__name__


def test_years_of_talks_is_strict() -> None:
    from zhao_course.exercises_border import check_years_of_talks, years_of_talks

    assert years_of_talks() == 41
    assert check_years_of_talks(41).correct and check_years_of_talks("41 years").correct
    for wrong in (40.6, "41 km", "41%", "4,1", 41.4, pd.Timedelta(days=15_073)):
        assert not check_years_of_talks(wrong).correct, wrong


def test_a_mistake_of_another_section_is_named_as_such_in_exercise_6() -> None:
    """The errors table holds every section's mistakes; exercise 6 is about the border's."""
    from zhao_course.data import load_table
    from zhao_course.exercises_border import check_slips

    errors = load_table("article_errors")
    other = errors.loc[errors["section"] != "Border Disputes No Longer Obstacles", "id"]
    if other.empty:
        pytest.skip("no other section has mistakes in the table yet")
    feedback = check_slips(["area_square_meters", other.iloc[0]])
    assert not feedback.correct and "another section" in feedback.message
