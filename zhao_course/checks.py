"""Answer checks that reply with a sentence, never a traceback.

Every check takes whatever the learner typed (a number, a string, a list, ``None``, a
pandas object...) and returns a :class:`Feedback`: whether the answer is right, and a
sentence saying why, or what to fix. Wrong types, empty answers, typos, units and
pandas surprises (a time span, a NaN from misaligned rows) get a sentence too, and no
check accepts a wrong answer: numbers are read strictly ("41 km" is not 41 years, and
"4,1" is not 41). Chapter modules (such as :mod:`zhao_course.exercises_border`) compute
the expected answers from ``data/``, call these checks, and put :func:`learner_check`
on their own ``check_*`` functions.

The checks:

- :func:`check_number`: one number, with a unit, a tolerance, or a whole number.
- :func:`check_ids`: one or more ids of rows, in any order.
- :func:`check_order`: ids put in the right order.
- :func:`check_choice`: one option picked from a few, each with its own feedback.

Example:
    >>> check_number(41.0, expected=41, unit="years", integer=True)
    Correct: 41 years.
    >>> check_number("41 km", expected=41, unit="years")
    Not yet: you wrote km, but the question asks for years.
    >>> check_number("forty", expected=41, unit="years").correct
    False
"""
from __future__ import annotations

import collections.abc
import datetime
import difflib
import functools
import html
import inspect
import math
import numbers
import re
import reprlib
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from zhao_course.data import DataError
from zhao_course.tables import NO_MATHS

MISSING = (None, ..., "")
"""Placeholders that mean "no answer yet" (kept for callers; checks test them by identity)."""

LONGEST_TEXT = 100
"""A text answer longer than this is not read as a number or an id."""


class CheckFailedWarning(RuntimeWarning):
    """A check itself failed: a fault in the course, shown to maintainers as a warning."""


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``correct`` and a ``message`` for the learner.

    It prints as its message and shows as a coloured box in a notebook; the words
    "Correct" / "Not yet" carry the verdict, so colour is never the only signal.

    Example:
        >>> print(Feedback(False, "Not yet: 40 years is too low."))
        Not yet: 40 years is too low.
    """

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour, mark = ("#009E73", "✔") if self.correct else ("#D55E00", "✘")
        return (
            # tex2jax_ignore: two "$" in a message must not be typeset as maths (MathJax
            # in JupyterLab and on the site skips elements of that class).
            f'<div role="status" class="{NO_MATHS}" '
            f'style="border-left:6px solid {colour};padding:0.3em 0.8em">'
            f"{mark} {html.escape(self.message)}</div>"
        )


# --- Showing the learner's answer back, short and safely -----------------------------

_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 4
_REPR.maxlevel = 2


def shorten(value: Any, limit: int = 50) -> str:
    """A short repr of ``value`` for a message: never long, never raises.

    Example:
        >>> shorten("x" * 10_000)
        "'xxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx'"
        >>> shorten(list(range(100)))
        '[0, 1, 2, 3, ...]'
    """
    try:
        text = " ".join(_REPR.repr(value).split())
    except Exception:  # a hostile __repr__: say what it is instead
        text = f"<{_type_name(value)} object>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short_text(text: Any, limit: int = 200) -> str:
    try:
        text = " ".join(str(text).split())
    except Exception:
        return "(no description)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _type_name(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:
        return "object"


def _format_number(value: float) -> str:
    """Digits a learner would write: 41, 140.7, 4,209.3 (at most 10 significant digits)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.10g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _a(noun: str) -> str:
    """'an id', 'a place'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _is_missing(value: Any) -> bool:
    return value is None or value is ... or (isinstance(value, str) and not value.strip())


# --- One value out of a container -----------------------------------------------------

_ALIGNMENT = (
    "Subtracting or adding two Series lines them up by their index labels, and rows whose "
    "labels differ give NaN. Take single values first: .item(), .iloc[0], or .loc[label] "
    "with one label (not a list)."
)


def _single(answer: Any, what: str = "one number", depth: int = 0) -> tuple[Any, str | None]:
    """Unwrap one-element lists, arrays, Series and 1x1 DataFrames: ``(value, problem)``."""
    if depth > 4:
        return None, f"Your answer is a list inside a list inside a list...: give {what}."
    if isinstance(answer, pd.DataFrame):
        rows, columns = answer.shape
        if rows * columns == 1:
            return _single(answer.iloc[0, 0], what, depth + 1)
        if rows * columns == 0:
            return None, "Your answer is an empty table: no row was selected. Check the labels or the condition you used."
        return None, f"Give {what}, not a table (DataFrame) of {_plural(rows, 'row')} and {_plural(columns, 'column')}."
    if isinstance(answer, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray, np.ndarray)):
        return _single_from_array(answer, what, depth)
    if isinstance(answer, (str, bytes, bytearray, memoryview, dict)) or not isinstance(answer, collections.abc.Sized):
        if isinstance(answer, collections.abc.Iterator):
            return None, f"Your answer is {_a(_type_name(answer))}, not a value: give {what} (list(...) shows what it holds)."
        if isinstance(answer, dict):
            return None, f"Give {what}, not a dict of {_plural(len(answer), 'value')}."
        return answer, None
    try:
        size = len(answer)
    except Exception:
        return None, f"An answer of type {_type_name(answer)} is not something I can read: give {what}."
    if size == 1 and isinstance(answer, (collections.abc.Sequence, collections.abc.Set)):
        try:
            return _single(next(iter(answer)), what, depth + 1)
        except Exception:
            return None, f"An answer of type {_type_name(answer)} is not something I can read: give {what}."
    if size == 0:
        return None, f"Your answer is an empty {_type_name(answer)}: give {what}."
    return None, f"Give {what}, not {_a(_type_name(answer))} of {_plural(size, 'value')}."


def _single_from_array(answer: Any, what: str, depth: int) -> tuple[Any, str | None]:
    kind = _type_name(answer)
    size = int(answer.size) if isinstance(answer, np.ndarray) else len(answer)
    if size == 1:
        if isinstance(answer, np.ndarray):
            return _single(answer.flat[0], what, depth + 1)
        if isinstance(answer, pd.Series):
            return _single(answer.iloc[0], what, depth + 1)
        return _single(answer[0], what, depth + 1)
    if size == 0:
        return None, f"Your answer is an empty {kind}: no row was selected. Check the labels or the condition you used."
    if isinstance(answer, pd.Series) and _all_missing(answer):
        return None, f"Your answer is a Series of {size} missing values (NaN). {_ALIGNMENT}"
    return None, f"Give {what}, not {_a(kind)} of {_plural(size, 'value')}."


def _all_missing(series: pd.Series) -> bool:
    try:
        return bool(series.isna().all())
    except Exception:  # e.g. Decimal('sNaN') in an object Series
        return False


# --- Reading a number -----------------------------------------------------------------

_UNITS: dict[str, tuple[str, ...]] = {
    "years": ("year", "years", "yr", "yrs", "y"),
    "months": ("month", "months"),
    "days": ("day", "days", "d"),
    "km": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "km²": ("km²", "km2", "km^2", "sq km", "square km", "square kilometres", "square kilometers"),
    "m": ("m", "metre", "metres", "meter", "meters"),
    "miles": ("mi", "mile", "miles"),
    "%": ("%", "percent", "per cent", "pct"),
    "million": ("million", "mn", "mln"),
    "billion": ("billion", "bn", "bln"),
}
_ALIASES = {alias: name for name, aliases in _UNITS.items() for alias in aliases}
_SPACE_CHARS = " \u00a0\u202f\u2009"
_NUMBER = re.compile(
    r"([+\-\u2212]?)\s*"  # sign, ASCII or Unicode minus
    rf"((?:\d|\.\d)(?:[\d.,_]|[{_SPACE_CHARS}](?=\d))*)"  # digits with any separators
    r"(?:[eE]([+\-]?\d+))?"  # exponent
    r"\s*(.*)",  # what follows: a unit, or anything else
    re.DOTALL,
)


def _unit_name(text: str) -> str:
    text = " ".join(text.casefold().split()).rstrip(".")
    return _ALIASES.get(text, text)


_PLAIN = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # 140,7
_COMMA_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")  # 4,209.3
_SPACE_GROUPS = re.compile(r"[1-9]\d{0,2}(?P<g>[ _])\d{3}(?:(?P=g)\d{3})*(?:[.,]\d+)?")  # 4 209,3


def _read_digits(digits: str) -> float | None:
    """Digits with separators to a float; ``None`` when the separators are ambiguous."""
    for space in _SPACE_CHARS[1:]:
        digits = digits.replace(space, " ")
    if _PLAIN.fullmatch(digits):
        return float(digits)
    if _DECIMAL_COMMA.fullmatch(digits):
        return float(digits.replace(",", "."))
    if _COMMA_GROUPS.fullmatch(digits):
        return float(digits.replace(",", ""))
    if _SPACE_GROUPS.fullmatch(digits):
        return float(digits.replace(" ", "").replace("_", "").replace(",", "."))
    return None


def _number_from_text(text: str, unit: str) -> tuple[float | None, str | None]:
    if len(text) > LONGEST_TEXT:
        return None, f"Your answer is {len(text):,} characters long: write just the number, in digits."
    match = _NUMBER.fullmatch(text.strip())
    if not match:
        return None, f"{shorten(text)} is not a number I can read: write it in digits, e.g. 12 or 3.5."
    sign, digits, exponent, written_unit = match.groups()
    value = _read_digits(digits)
    if value is None or (exponent and not _PLAIN.fullmatch(digits)):
        return None, (
            f"I cannot tell which number {shorten(text)} means: write it with digits and a dot "
            "for decimals, without separators, e.g. 4209.3."
        )
    if exponent:
        value = float(f"{digits}e{exponent}")
    value = -value if sign in ("-", "\u2212") else value
    if not math.isfinite(value):
        return None, f"{shorten(text)} is far too large to be the answer."
    problem = _unit_problem(written_unit, unit, value)
    return (None, problem) if problem else (value, None)


def _unit_problem(written: str, unit: str, value: float) -> str | None:
    """A sentence if the unit written after the number is not the question's unit."""
    if not written.strip():
        return None
    given, wanted = _unit_name(written), _unit_name(unit) if unit else ""
    if given == wanted:
        return None
    shown = shorten(written.strip(), 30).strip("'\"")
    asked = f"the question asks for {unit}" if unit else "the question asks for a plain number"
    if given == "%":
        return f"you wrote %, but {asked}, not a percentage."
    if given in _UNITS:
        return f"you wrote {shown}, but {asked}."
    return (
        f"I can read {_format_number(value)} in your answer, but not {shorten(written.strip(), 30)} "
        f"after it: write just the number{f' (in {unit})' if unit else ''}."
    )


def _time_span_problem(value: Any, unit: str) -> str:
    try:
        days = pd.Timedelta(value).total_seconds() / 86_400
        span = f"a time span of {_format_number(round(days, 2))} days"
    except Exception:
        span = "a time span"
    wanted = _unit_name(unit)
    if wanted == "days":
        return f"{shorten(value)} is {span}, not a plain number: take its .days (or .dt.days for a column)."
    if wanted == "years":
        return (
            f"this is {span}, not a number of years: take the year of each date (.dt.year, or .year "
            "for one date) and subtract the years. Dividing the days by 365.25 gives a fraction of "
            "years, not the count of calendar years the question asks for."
        )
    return f"this is {span}, not a number{f' of {unit}' if unit else ''}: check which columns you subtracted."


def _scalar_problem(value: Any, unit: str) -> str | None:
    """A sentence for values that are not numbers at all (dates, NA, text as bytes...)."""
    if _is_missing(value):
        return "You have not given an answer yet: replace the placeholder with a number."
    if value is pd.NA or value is pd.NaT:
        return (
            f"{value} is a missing value: the row or cell you selected is empty. "
            "Check the label and the column you used."
        )
    if isinstance(value, (np.datetime64, np.timedelta64)) and np.isnat(value):
        return "NaT is a missing date or time span: check the rows you selected."
    if isinstance(value, (bool, np.bool_)):
        return f"{value} is a yes/no value, not a number."
    if isinstance(value, (datetime.timedelta, np.timedelta64)):
        return _time_span_problem(value, unit)
    if isinstance(value, (datetime.date, datetime.time, np.datetime64)):
        return (
            f"{shorten(value)} is a date, not a number: take its .year (or .dt.year for a column), "
            "and do the arithmetic on the years."
        )
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"{shorten(value)} is bytes, not a number: write the number without a b before the quotes."
    if isinstance(value, (complex, np.complexfloating)):
        return f"{shorten(value)} is a complex number: the answer is an ordinary (real) number."
    return None


def _number_from_object(value: Any) -> tuple[float | None, str | None]:
    if not isinstance(value, numbers.Number) and not hasattr(type(value), "__float__"):
        return None, f"An answer of type {_type_name(value)} is not a number."
    try:
        number = float(value)
    except OverflowError:
        return None, f"Your answer ({_type_name(value)}) is far too large to be the answer."
    except Exception as error:
        return None, f"{shorten(value)} could not be read as a number ({_type_name(error)}): give a number in digits."
    if math.isnan(number):
        return None, f"{shorten(value)} is not a usable number (NaN: 'not a number', a missing value). {_ALIGNMENT}"
    if math.isinf(number):
        return None, f"{shorten(value)} is not a usable number: it is infinite. Check the calculation that produced it."
    return number, None


def as_number(answer: Any, unit: str = "") -> tuple[float | None, str | None]:
    """Read a learner's answer as a number; return ``(number, None)`` or ``(None, why_not)``.

    Text is read strictly: a unit after the number must be ``unit`` (``"41 yrs"`` for
    years, never ``"41 km"``); commas are thousands separators only in a well-formed
    grouping (``"4,209.3"``), or a decimal comma when one comma has 1 or 2 digits after
    it (``"140,7"``); anything ambiguous gets a sentence. One-element lists, arrays,
    Series and 1x1 DataFrames are unwrapped.

    Example:
        >>> as_number("4,209.3")
        (4209.3, None)
        >>> as_number("140,7 km", unit="km")
        (140.7, None)
        >>> as_number("1,40.7")[1]
        "I cannot tell which number '1,40.7' means: write it with digits and a dot for decimals, without separators, e.g. 4209.3."
        >>> as_number([1, 2])[1]
        'Give one number, not a list of 2 values.'
    """
    value, problem = _single(answer)
    if problem:
        return None, problem
    problem = _scalar_problem(value, unit)
    if problem:
        return None, problem
    if isinstance(value, str):
        return _number_from_text(value, unit)
    return _number_from_object(value)


# --- Checks ---------------------------------------------------------------------------


def _not_yet(problem: str) -> Feedback:
    """A problem sentence as feedback: 'Not yet. You have...' or 'Not yet: you wrote...'."""
    return Feedback(False, f"Not yet. {problem}" if problem[:1].isupper() else f"Not yet: {problem}")


def _within(value: float, expected: float, tolerance: float) -> bool:
    """``|value - expected| <= tolerance``, with a rounding slack of one part in 10^9."""
    difference = abs(value - expected)
    return math.isfinite(difference) and difference <= tolerance + 1e-9 * max(1.0, abs(expected))


def check_number(
    answer: Any,
    expected: float,
    tolerance: float = 0.0,
    unit: str = "",
    explanation: str = "",
    hint: str = "",
    *,
    integer: bool = False,
) -> Feedback:
    """Check a numeric answer against ``expected`` give or take ``tolerance``.

    With ``integer=True`` the answer must be a whole number (41 or 41.0, not 40.6),
    whatever the tolerance. ``unit`` is what the question asks for: the answer may be
    written with it ("41 years", "41 yrs") but not with another ("41 km", "41%").

    Example:
        >>> check_number(140.5, expected=140.7, tolerance=0.5, unit="km").correct
        True
        >>> check_number("40.6", expected=41, unit="years", integer=True)
        Not yet: 40.6 is not a whole number, and the question asks for a whole number of years.
        >>> check_number(None, expected=1).message
        'Not yet. You have not given an answer yet: replace the placeholder with a number.'
    """
    expected, tolerance = float(expected), float(tolerance)
    value, problem = as_number(answer, unit=unit)
    if problem:
        return _not_yet(problem)
    assert value is not None
    suffix = f" {unit}" if unit else ""
    shown = _format_number(value)
    hint_text = f" Hint: {hint}" if hint else ""
    if integer and not _within(value, round(value), 0.0):
        return Feedback(
            False, f"Not yet: {shown} is not a whole number, and the question asks for a whole number"
            f"{f' of {unit}' if unit else ''}.{hint_text}"
        )
    if _within(value, expected, tolerance):
        return Feedback(True, f"Correct: {shown}{suffix}. {explanation}".strip())
    direction = "too high" if value > expected else "too low"
    message = f"Not yet: {shown}{suffix} is {direction}."
    if expected and (_within(value, expected * 1000, tolerance * 1000) or _within(value * 1000, expected, tolerance)):
        message += " Check your units: the answer is off by a factor of 1,000."
    elif expected and _unit_name(unit) == "%" and _within(value * 100, expected, tolerance):
        message += " The question asks for a percentage: multiply a share by 100."
    return Feedback(False, message + hint_text)


def _example(valid: Sequence[str], expected: Iterable[str]) -> str:
    """An id to show in an example sentence: one that is not part of the answer."""
    answer = set(expected)
    others = [item for item in valid if item not in answer]
    return f", e.g. {others[0]!r}" if others else ""


def _as_ids(answer: Any, noun: str, example: str) -> tuple[list[str] | None, str | None]:
    """The learner's answer as a list of stripped strings, or a sentence."""
    if _is_missing(answer):
        return None, f"You have not given an answer yet: write {_a(noun)} in quotes{example}."
    if isinstance(answer, str):
        return [answer.strip()], None
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] != 1:
            return None, (
                f"Your answer is a table with {_plural(answer.shape[0], 'row')} and "
                f"{_plural(answer.shape[1], 'column')}: give only the {noun}s, e.g. table['{noun}'] "
                f"(or table.index if the {noun}s are the index)."
            )
        answer = answer.iloc[:, 0]
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        return _as_ids(answer.item(), noun, example)
    if isinstance(answer, np.ndarray) and answer.ndim > 1:
        if answer.ndim == 2 and answer.shape[1] == 1:
            answer = answer[:, 0]
        else:
            return None, f"Your answer is an array of shape {answer.shape}: give a list of {noun}s."
    if isinstance(answer, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray, np.ndarray)):
        if isinstance(answer, pd.Series) and pd.api.types.is_bool_dtype(answer.dtype):
            return None, (
                f"Your answer is a Series of True/False values: use it to select rows, "
                f"then take their {noun}s, e.g. table.loc[condition, '{noun}']."
            )
        answer = list(answer)
    if isinstance(answer, (list, tuple, collections.abc.Set)):
        return _ids_from_items(list(answer), noun)
    if isinstance(answer, collections.abc.Iterator):
        return None, f"Your answer is {_a(_type_name(answer))}: wrap it in list(...) to get the {noun}s."
    return None, f"An answer of type {_type_name(answer)} is not {_a(noun)}: write it in quotes{example}."


def _ids_from_items(items: list[Any], noun: str) -> tuple[list[str] | None, str | None]:
    if not items:
        return None, f"Your list is empty: put at least one {noun} in it."
    for item in items:
        if not isinstance(item, str):
            return None, f"Every item must be {_a(noun)} in quotes; {shorten(item)} is {_a(_type_name(item))}."
        if not item.strip():
            return None, f"One of the items is an empty text: each must be {_a(noun)}."
    return [item.strip() for item in items], None


def _unknown_id(items: list[str], valid: Sequence[str], noun: str) -> str | None:
    """A sentence for the first item that is not a valid id, with a "did you mean"."""
    known = set(valid)
    for item in items:
        if item in known:
            continue
        parts = [part.strip().strip("'\"") for part in item.split(",")]
        if len(parts) > 1 and all(part in known for part in parts):
            return (
                f"{shorten(item)} is several {noun}s in one text: put each in its own quotes, "
                f"in a list: {shorten(parts)}."
            )
        close = difflib.get_close_matches(item, valid, n=1, cutoff=0.6) if len(item) <= LONGEST_TEXT else []
        hint = f" Did you mean {close[0]!r}?" if close else f" Look at the '{noun}' column for the exact spelling."
        return f"{shorten(item)} is not {_a(noun)} in the table.{hint}"
    return None


def _duplicate(items: list[str]) -> str | None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


def _set_difference(items: list[str], expected: Sequence[str]) -> str | None:
    """'1 of your answers (x) should not be there; 2 are missing', or None if the sets agree."""
    given, wanted = set(items), set(expected)
    extra = sorted(given - wanted)
    missing = wanted - given
    parts = []
    if extra:
        shown = ", ".join(shorten(x, 30).strip("'") for x in extra[:3]) + (", ..." if len(extra) > 3 else "")
        parts.append(f"{len(extra)} of your answers ({shown}) should not be there")
    if missing:
        parts.append(f"{len(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    return "; ".join(parts) + "." if parts else None


def _prepare_ids(
    answer: Any, expected: Sequence[str], valid: Sequence[str], noun: str
) -> tuple[list[str] | None, str | None]:
    """Read, then reject unknown and repeated ids, with sentences."""
    items, problem = _as_ids(answer, noun, _example(valid, expected))
    if problem:
        return None, problem
    assert items is not None
    problem = _unknown_id(items, valid, noun)
    if problem:
        return None, problem
    twice = _duplicate(items)
    if twice is not None:
        return None, f"you gave {twice!r} more than once: name each {noun} once."
    return items, None


def _read_ids(
    answer: Any, expected: list[str], valid: list[str], noun: str
) -> tuple[list[str] | None, Feedback | None]:
    """The learner's ids, or the "Not yet" for an unreadable answer or the wrong set of ids."""
    items, problem = _prepare_ids(answer, expected, valid, noun)
    if problem:
        return None, _not_yet(problem)
    assert items is not None
    difference = _set_difference(items, expected)
    if difference:
        return None, Feedback(False, f"Not yet: {difference}")
    return items, None


def check_ids(
    answer: Any, expected: Iterable[str], valid: Iterable[str], explanation: str = "", noun: str = "id"
) -> Feedback:
    """Check an answer that names one or more rows by id (order does not matter).

    Ids that do not exist get a "did you mean" suggestion; a partly right answer is told
    how many are missing or extra; an id given twice is pointed out.

    Example:
        >>> valid = ["treaty_2001", "supplementary_2004"]
        >>> check_ids("suplementary_2004", ["supplementary_2004"], valid).message
        "Not yet: 'suplementary_2004' is not an id in the table. Did you mean 'supplementary_2004'?"
        >>> check_ids(["supplementary_2004", "treaty_2001"], valid, valid)
        Correct.
    """
    expected_list, valid_list = [str(x) for x in expected], [str(x) for x in valid]
    items, rejection = _read_ids(answer, expected_list, valid_list, noun)
    if rejection is not None:
        return rejection
    assert items is not None
    return Feedback(True, f"Correct. {explanation}".strip())


def check_order(
    answer: Any, expected: Sequence[str], valid: Iterable[str], explanation: str = "", noun: str = "id"
) -> Feedback:
    """Check ids that the learner puts in order (a list, tuple, Series or array of strings).

    Unknown, repeated, missing and extra ids get a sentence first; then a wrong order
    is told how many ids are in the right place and which is the first out of place,
    without giving the solution away.

    Example:
        >>> steps = ["talks_1964_open", "agreement_1991", "treaty_2001"]
        >>> check_order(["agreement_1991", "talks_1964_open", "treaty_2001"], steps, steps).message
        "Not yet: the right ids, but not in the right order: 1 of 3 is in the right place. The first one out of place is 'agreement_1991', at position 1."
        >>> check_order(steps, steps, steps)
        Correct.
    """
    expected_list, valid_list = [str(x) for x in expected], [str(x) for x in valid]
    if isinstance(answer, collections.abc.Set):
        return _not_yet(f"A set has no order: write the {noun}s in a list, in square brackets [...].")
    if isinstance(answer, str) and len(expected_list) > 1 and not _is_missing(answer):
        return _not_yet(f"Give all the {noun}s in order, in a list: ['first', 'second', ...], not one {noun}.")
    items, rejection = _read_ids(answer, expected_list, valid_list, noun)
    if rejection is not None:
        return rejection
    assert items is not None
    if items == expected_list:
        return Feedback(True, f"Correct. {explanation}".strip())
    right = sum(given == wanted for given, wanted in zip(items, expected_list))
    first = next(i for i, (given, wanted) in enumerate(zip(items, expected_list)) if given != wanted)
    return Feedback(
        False,
        f"Not yet: the right {noun}s, but not in the right order: {right} of {len(expected_list)} "
        f"{'is' if right == 1 else 'are'} in the right place. The first one out of place is "
        f"{shorten(items[first])}, at position {first + 1}.",
    )


def _choice_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_choice(answer: Any, options: Mapping[str, str], expected: str, explanation: str = "") -> Feedback:
    """Check one option picked by its key; each key maps to the feedback shown when it is chosen.

    The feedback follows "Correct." or "Not yet." (feedback that already starts with
    that verdict is shown as it is); ``explanation`` follows the right option's. Keys
    are matched ignoring case and surrounding spaces (``" a "`` is ``"A"``; a whole
    number 2 is the key ``"2"``). An unknown key gets the list of valid keys.

    Example:
        >>> options = {"A": "Right: the 1991 agreement left three islands open.",
        ...            "B": "No: the 2004 agreement settled them."}
        >>> check_choice(" a", options, expected="A")
        Correct. Right: the 1991 agreement left three islands open.
        >>> check_choice("B", options, expected="A")
        Not yet. No: the 2004 agreement settled them.
        >>> check_choice("C", options, expected="A")
        Not yet: 'C' is not one of the choices: choose one of 'A', 'B'.
    """
    keys = {_choice_key(str(key)): key for key in options}
    if len(keys) != len(options) or _choice_key(str(expected)) not in keys:
        raise ValueError("check_choice needs distinct option keys (ignoring case) and `expected` among them.")
    listed = ", ".join(repr(str(key)) for key in list(keys.values())[:12])
    value, problem = _single(answer, what="one choice")
    if problem:
        return _not_yet(f"{problem} Choose one of {listed}.")
    if _is_missing(value):
        return _not_yet(f"You have not given an answer yet: write one of {listed}, in quotes.")
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_, np.timedelta64)):
        if abs(int(value)) >= 10**LONGEST_TEXT:
            return _not_yet(f"That number is not one of the choices: choose one of {listed}.")
        value = str(int(value))
    if not isinstance(value, str):
        return _not_yet(f"{shorten(value)} is {_a(_type_name(value))}: write one of {listed}, in quotes.")
    chosen = keys.get(_choice_key(value)) if len(value) <= LONGEST_TEXT else None
    if chosen is None:
        close = difflib.get_close_matches(_choice_key(value), list(keys), n=1, cutoff=0.6) if len(value) <= LONGEST_TEXT else []
        hint = f" Did you mean {str(keys[close[0]])!r}?" if close else ""
        return _not_yet(f"{shorten(value.strip())} is not one of the choices: choose one of {listed}.{hint}")
    feedback = str(options[chosen] or "")
    if chosen == keys[_choice_key(str(expected))]:
        return Feedback(True, _with_verdict("Correct.", " ".join(part for part in (feedback, explanation) if part)))
    return Feedback(False, _with_verdict("Not yet.", feedback or f"{str(chosen)!r} is not the best choice."))


def _with_verdict(verdict: str, text: str) -> str:
    """'Not yet. text', unless the text already starts with the verdict's words."""
    if text.casefold().startswith(verdict.rstrip(".").casefold()):
        return text
    return f"{verdict} {text}".strip()


# --- The decorator for a chapter's check functions ----------------------------------

CheckFunction = TypeVar("CheckFunction", bound=Callable[..., Feedback])


def _call_problem(name: str, signature: inspect.Signature, args: tuple, kwargs: dict) -> str:
    """The sentence for a call whose arguments do not fit the check's signature."""
    if not args and not kwargs:
        return f"You have not given an answer yet: put it in the brackets, {name}(your_answer)."
    slots = [p for p in signature.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    takes = "one answer" if len(slots) == 1 else f"{len(slots)} answers"
    unknown = [key for key in kwargs if key not in signature.parameters]
    named = f", with the name{'s' if len(unknown) > 1 else ''} {', '.join(shorten(k, 20) for k in unknown[:3])}" if unknown else ""
    return (
        f"{name} takes {takes}; you gave {len(args) + len(kwargs)}{named}. "
        f"Put just your answer in the brackets: {name}(your_answer)."
    )


def _report(func: Callable[..., Any], problem: str) -> Feedback:
    """Warn the maintainer; tell the learner the check failed, never that they are right."""
    warnings.warn(f"{func.__qualname__}: {problem} (please report this)", CheckFailedWarning, stacklevel=3)
    return Feedback(
        False,
        "Not yet checked: the check itself failed. This is a fault in the course, not in your "
        "answer: please report this, with the answer you gave.",
    )


def learner_check(func: CheckFunction) -> CheckFunction:
    """Make a chapter's ``check_*`` function answer every call with a :class:`Feedback`.

    A call with extra arguments, unknown keyword names, or no answer (when the answer
    has no default) gets a sentence instead of a ``TypeError``. A :class:`DataError`
    becomes a sentence naming the data problem; any other exception, or a result that is
    not a ``Feedback``, becomes a "please report this" sentence and a
    :class:`CheckFailedWarning` for the maintainer. The verdict is never changed to
    correct: only the function's own ``Feedback`` can say "Correct".

    Example:
        >>> @learner_check
        ... def check_capital(answer: Any = ...) -> Feedback:
        ...     '''Which city is Russia's capital?'''
        ...     return check_choice(answer, {"moscow": "Yes.", "beijing": "No: China's."}, "moscow")
        >>> check_capital("Moscow")
        Correct. Yes.
        >>> check_capital("moscow", "beijing")
        Not yet: check_capital takes one answer; you gave 2. Put just your answer in the brackets: check_capital(your_answer).
        >>> check_capital.__doc__
        "Which city is Russia's capital?"
    """
    signature = inspect.signature(func)
    name = getattr(func, "__name__", "this check")

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Feedback:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            return _not_yet(_call_problem(name, signature, args, kwargs))
        try:
            result = func(*args, **kwargs)
        except DataError as error:
            return Feedback(
                False,
                "Not yet checked: the course's data could not be read, so your answer cannot be "
                f"checked. {_short_text(error, 250)}",
            )
        except Exception as error:
            frames = traceback.extract_tb(error.__traceback__)
            where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
            return _report(func, f"{_type_name(error)}{where}: {_short_text(error)}")
        if not isinstance(result, Feedback):
            return _report(func, f"returned a {_type_name(result)}, not a Feedback")
        return result

    wrapper.__learner_check__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
