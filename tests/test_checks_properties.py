"""Property-based tests of the answer checks (hypothesis).

Whatever a learner types, every public check returns a :class:`Feedback` with a short
sentence, and a check is correct exactly when the answer is right: numbers within the
tolerance, the right ids in any order, the right order, the right option.
"""
from __future__ import annotations

import datetime
import math
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from zhao_course.checks import (
    CheckFailedWarning,
    Feedback,
    as_number,
    check_choice,
    check_ids,
    check_number,
    check_order,
    learner_check,
)

FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
BROAD = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
tolerances = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


def _slack(expected: float) -> float:
    """The rounding slack the checks allow: one part in 10^9."""
    return 1e-9 * max(1.0, abs(expected))


# --- Numbers ----------------------------------------------------------------------------


@FAST
@given(x=finite, expected=finite, tolerance=tolerances)
def test_number_is_correct_exactly_when_within_the_tolerance(x: float, expected: float, tolerance: float) -> None:
    distance = abs(x - expected)
    assume(abs(distance - tolerance) > 2 * _slack(expected))  # away from the rounding slack at the edge
    assert check_number(x, expected=expected, tolerance=tolerance).correct == (distance <= tolerance)


@FAST
@given(x=st.one_of(finite, st.integers(min_value=-10**15, max_value=10**15)))
def test_the_written_forms_of_a_right_answer_are_accepted(x) -> None:
    for text in (repr(x), str(x), f"{x:,}", f" {x} ", f"{x:,} km"):
        result = check_number(text, expected=x, unit="km")
        assert result.correct, (text, result.message)


@FAST
@given(x=finite.filter(lambda v: v != 0))
def test_a_decimal_comma_gives_the_same_number_as_a_dot(x: float) -> None:
    text = f"{round(abs(x)) % 10_000}.{int(abs(x) * 100) % 100:02d}"
    assert as_number(text.replace(".", ",")) == as_number(text)


@FAST
@given(x=finite, unit=st.sampled_from(["km", "%", "days", "miles", "km²", "billion"]))
def test_a_number_with_another_unit_is_never_accepted(x: float, unit: str) -> None:
    result = check_number(f"{x} {unit}", expected=x, tolerance=1, unit="years")
    assert not result.correct
    assert "years" in result.message


@FAST
@given(n=st.integers(min_value=-10**6, max_value=10**6), fraction=st.floats(min_value=0.01, max_value=0.99))
def test_an_integer_check_accepts_only_the_whole_number(n: int, fraction: float) -> None:
    assert check_number(float(n), expected=n, tolerance=0.5, integer=True).correct
    assert check_number(str(n), expected=n, integer=True).correct
    assert not check_number(n + fraction, expected=n, tolerance=0.5, integer=True).correct
    assert not check_number(n + 1, expected=n, tolerance=0.5, integer=True).correct


@FAST
@given(digits=st.text(alphabet="0123456789,._ ", min_size=1, max_size=20))
def test_separators_are_read_strictly_or_not_at_all(digits: str) -> None:
    """A number read from digits with separators is the digits without the separators,
    or their decimal-comma reading: never a number built by dropping commas anywhere."""
    value, problem = as_number(digits)
    assert (value is None) != (problem is None)
    if value is not None:
        bare = digits.strip().replace("_", "").replace(" ", "")
        candidates = {bare.replace(",", ""), bare.replace(",", ".")}
        assert any(math.isclose(value, float(c)) for c in candidates if c.count(".") <= 1 and c.strip(".")), digits
        if "," in bare and "." not in bare and len(bare.split(",")[-1]) != 3:
            assert math.isclose(value, float(bare.replace(",", "."))), digits  # a decimal comma, not 41 for 4,1


# --- Anything at all --------------------------------------------------------------------


def _raising(*names: str) -> object:
    """An instance of a class whose named dunder methods raise."""

    def fail(*args, **kwargs):
        raise RuntimeError("hostile")

    return type("Hostile", (), {name: fail for name in names} | {"__hash__": object.__hash__})()


hostile = st.sampled_from(
    [("__float__",), ("__float__", "__repr__"), ("__len__",), ("__len__", "__iter__", "__getitem__"),
     ("__eq__", "__ne__"), ("__bool__", "__str__", "__repr__"), ("__index__", "__int__")]
).map(lambda names: _raising(*names))


scalars = st.one_of(
    st.none(), st.just(...), st.booleans(), st.text(max_size=30), st.text(min_size=200, max_size=2_000),
    st.binary(max_size=20), st.floats(), st.complex_numbers(), st.integers(),
    st.integers(min_value=10**300, max_value=10**400), st.decimals(), st.fractions(),
    st.datetimes().map(pd.Timestamp), st.dates(), st.timedeltas(), st.timedeltas(min_value=-datetime.timedelta(days=10**5), max_value=datetime.timedelta(days=10**5)).map(pd.Timedelta),
    st.sampled_from([pd.NA, pd.NaT, np.nan, np.inf, np.datetime64("NaT"), np.timedelta64("NaT"), Decimal("sNaN"),
                     np.int8(41), np.uint64(41), np.float16(41), np.longdouble(41), np.complex64(41), np.bool_(True),
                     np.str_("41"), np.bytes_(b"41"), np.datetime64("2005-06-02"), np.timedelta64(41, "Y"),
                     Fraction(82, 2), Decimal("41.0"), object(), type, print, Feedback(True, "Correct.")]),
    hostile,
    st.text(alphabet="0123456789,.-_ %kmyears", max_size=15),
)
containers = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner), st.dictionaries(st.text(max_size=5), inner, max_size=3),
        st.lists(inner, max_size=4).map(lambda xs: pd.Series(xs, dtype=object)),
        st.lists(st.floats(), max_size=4).map(pd.Series),
        st.lists(st.text(max_size=10), max_size=4).map(np.array),
        st.lists(st.floats(), min_size=1, max_size=3).map(lambda xs: pd.DataFrame({"a": xs})),
        st.lists(st.integers(-5, 5), max_size=3).map(lambda xs: (x for x in xs)),
    ),
    max_leaves=8,
)


def _assert_sentence(result: object) -> None:
    assert isinstance(result, Feedback)
    assert isinstance(result.correct, bool)
    assert 0 < len(result.message) < 400, result.message
    assert result.message.startswith(("Correct", "Not yet"))


@BROAD
@given(answer=containers)
def test_no_answer_ever_raises_from_any_public_check(answer) -> None:
    ids = ["a_1", "b_2", "c_3"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy's own overflow notes, not ours
        warnings.simplefilter("error", CheckFailedWarning)
        _assert_sentence(check_number(answer, expected=41, unit="years", integer=True))
        _assert_sentence(check_number(answer, expected=-2.5, tolerance=0.1))
        _assert_sentence(check_ids(answer, ["a_1"], ids))
        _assert_sentence(check_order(answer, ids, ids))
        _assert_sentence(check_choice(answer, {"A": "Yes.", "B": "No."}, "A"))
        value, problem = as_number(answer)
        assert (value is None) != (problem is None)


@learner_check
def check_property(answer=...) -> Feedback:
    """A chapter-like check."""
    return check_number(answer, expected=41, unit="years", integer=True)


@BROAD
@given(args=st.lists(scalars, max_size=3), kwargs=st.dictionaries(st.text(max_size=8), scalars, max_size=2))
def test_a_learner_check_answers_any_call_with_a_sentence(args, kwargs) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckFailedWarning)
        result = check_property(*args, **kwargs)
    _assert_sentence(result)
    if len(args) + len(kwargs) > 1:
        assert not result.correct


# --- Ids, order, choice -------------------------------------------------------------------

id_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)


@FAST
@given(pool=st.lists(id_text, min_size=2, max_size=8, unique=True), data=st.data())
def test_ids_accept_any_permutation_and_reject_any_other_set(pool: list[str], data) -> None:
    expected = data.draw(st.lists(st.sampled_from(pool), min_size=1, unique=True))
    assert check_ids(data.draw(st.permutations(expected)), expected, pool).correct
    assert check_ids(pd.Series(list(reversed(expected))), expected, pool).correct
    other = data.draw(st.lists(st.sampled_from(pool), min_size=1, unique=True))
    assume(set(other) != set(expected))
    assert not check_ids(other, expected, pool).correct


@FAST
@given(expected=st.lists(id_text, min_size=2, max_size=7, unique=True), data=st.data())
def test_order_accepts_only_the_exact_order(expected: list[str], data) -> None:
    assert check_order(list(expected), expected, sorted(expected)).correct
    shuffled = data.draw(st.permutations(expected))
    result = check_order(shuffled, expected, sorted(expected))
    assert result.correct == (list(shuffled) == list(expected))
    if not result.correct:
        right = sum(a == b for a, b in zip(shuffled, expected))
        assert f"{right} of {len(expected)}" in result.message


@FAST
@given(keys=st.lists(id_text, min_size=2, max_size=5, unique_by=str.casefold), data=st.data())
def test_choice_is_correct_only_for_the_expected_key_in_any_case(keys: list[str], data) -> None:
    options = {key: f"feedback for {key}" for key in keys}
    expected = data.draw(st.sampled_from(keys))
    picked = data.draw(st.sampled_from(keys))
    spelled = data.draw(st.sampled_from([picked, picked.upper(), f"  {picked} ", picked.title()]))
    result = check_choice(spelled, options, expected)
    assert result.correct == (picked == expected)
    assert options[picked] in result.message


@FAST
@given(days=st.integers(min_value=1, max_value=40_000))
def test_a_time_span_is_never_accepted_as_years(days: int) -> None:
    for span in (pd.Timedelta(days=days), datetime.timedelta(days=days), np.timedelta64(days, "D")):
        result = check_number(span, expected=round(days / 365.25), unit="years", integer=True)
        assert not result.correct and "time span" in result.message
