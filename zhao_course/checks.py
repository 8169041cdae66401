"""Answer checks that reply with a sentence, never a traceback.

Every check takes whatever the learner typed (a number, a string, a list, ``None``, a
pandas object...) and returns a :class:`Feedback`: whether the answer is right, and a
sentence saying why, or what to fix. Wrong types, empty answers and typos get a
sentence too. Chapter modules (such as :mod:`zhao_course.exercises_border`) compute
the expected answers from ``data/`` and call these checks.

Example:
    >>> check_number(41.0, expected=41, tolerance=0.5, unit="years")
    Correct: 41 years.
    >>> check_number("forty", expected=41, unit="years").correct
    False
"""
from __future__ import annotations

import difflib
import html
import math
import numbers
from dataclasses import dataclass
from typing import Any, Iterable

MISSING = (None, ..., "")


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``correct`` and a ``message`` for the learner.

    It prints as its message and shows as a coloured box in a notebook; the words
    "Correct" / "Not yet" carry the verdict, so colour is never the only signal.
    """

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour, mark = ("#009E73", "✔") if self.correct else ("#D55E00", "✘")
        return (
            f'<div role="status" style="border-left:6px solid {colour};padding:0.3em 0.8em">'
            f"{mark} {html.escape(self.message)}</div>"
        )


def _unwrap(answer: Any) -> Any:
    """Turn a one-element pandas/numpy container into its element."""
    size = getattr(answer, "size", None)
    if size == 1 and hasattr(answer, "item"):
        try:
            return answer.item()
        except (ValueError, TypeError):
            return answer
    return answer


def as_number(answer: Any) -> tuple[float | None, str | None]:
    """Read a learner's answer as a number; return ``(number, None)`` or ``(None, why_not)``.

    Example:
        >>> as_number("4,209.3")
        (4209.3, None)
        >>> as_number([1, 2])[1]
        'Give one number, not a list of 2 values.'
    """
    answer = _unwrap(answer)
    if answer is None or answer is ... or (isinstance(answer, str) and not answer.strip()):
        return None, "You have not given an answer yet: replace the placeholder with a number."
    if isinstance(answer, bool):
        return None, f"{answer} is a yes/no value, not a number."
    if isinstance(answer, numbers.Number):
        value = float(answer)  # type: ignore[arg-type]
        if math.isnan(value) or math.isinf(value):
            return None, f"{answer} is not a usable number: check the calculation that produced it."
        return value, None
    if isinstance(answer, str):
        text = answer.strip().replace(",", "").replace("_", "")
        for suffix in ("km", "years", "year", "%", "bn", "billion"):
            if text.lower().endswith(suffix):
                text = text[: -len(suffix)].strip()
        try:
            value = float(text)
        except ValueError:
            return None, f"{answer!r} is not a number I can read: write it in digits, e.g. 41 or 140.7."
        if math.isnan(value) or math.isinf(value):
            return None, f"{answer!r} is not a usable number."
        return value, None
    if isinstance(answer, (list, tuple, set, dict)) or hasattr(answer, "__len__"):
        try:
            count = len(answer)
        except TypeError:
            count = "several"
        return None, f"Give one number, not a {type(answer).__name__} of {count} values."
    return None, f"An answer of type {type(answer).__name__} is not a number."


def check_number(
    answer: Any,
    expected: float,
    tolerance: float = 0.0,
    unit: str = "",
    explanation: str = "",
    hint: str = "",
) -> Feedback:
    """Check a numeric answer against ``expected`` give or take ``tolerance``.

    Example:
        >>> check_number(140.5, expected=140.7, tolerance=0.5, unit="km").correct
        True
        >>> check_number(None, expected=1).message
        'Not yet. You have not given an answer yet: replace the placeholder with a number.'
    """
    value, problem = as_number(answer)
    suffix = f" {unit}" if unit else ""
    if problem:
        return Feedback(False, f"Not yet. {problem}")
    assert value is not None
    shown = f"{value:g}"
    if abs(value - expected) <= tolerance + 1e-9:
        return Feedback(True, f"Correct: {shown}{suffix}. {explanation}".strip())
    direction = "too high" if value > expected else "too low"
    message = f"Not yet: {shown}{suffix} is {direction}."
    if expected and abs(value - expected * 1000) <= tolerance * 1000 + 1e-9 or (
        expected and abs(value * 1000 - expected) <= tolerance + 1e-9
    ):
        message += " Check your units: the answer is off by a factor of 1,000."
    if hint:
        message += f" Hint: {hint}"
    return Feedback(False, message)


def _as_strings(answer: Any) -> tuple[list[str] | None, str | None]:
    answer = _unwrap(answer)
    if answer is None or answer is ... or (isinstance(answer, str) and not answer.strip()):
        return None, "You have not given an answer yet: write an id in quotes, e.g. 'treaty_2001'."
    if isinstance(answer, str):
        return [answer.strip()], None
    if hasattr(answer, "tolist"):
        answer = answer.tolist()
    if isinstance(answer, (list, tuple, set)):
        items = list(answer)
        if not items:
            return None, "Your list is empty: put at least one id in it."
        bad = [x for x in items if not isinstance(x, str)]
        if bad:
            return None, f"Every item must be an id in quotes; {bad[0]!r} is a {type(bad[0]).__name__}."
        return [x.strip() for x in items], None
    return None, f"An answer of type {type(answer).__name__} is not an id: write it in quotes, e.g. 'treaty_2001'."


def check_ids(
    answer: Any, expected: Iterable[str], valid: Iterable[str], explanation: str = "", noun: str = "id"
) -> Feedback:
    """Check an answer that names one or more rows by id (order does not matter).

    Ids that do not exist get a "did you mean" suggestion; a partly right answer is told
    how many are missing or extra.

    Example:
        >>> valid = ["treaty_2001", "supplementary_2004"]
        >>> check_ids("suplementary_2004", ["supplementary_2004"], valid).message
        "Not yet: 'suplementary_2004' is not an id in the table. Did you mean 'supplementary_2004'?"
    """
    expected_set, valid_list = set(expected), list(valid)
    items, problem = _as_strings(answer)
    if problem:
        return Feedback(False, f"Not yet. {problem}")
    assert items is not None
    for item in items:
        if item not in valid_list:
            close = difflib.get_close_matches(item, valid_list, n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]!r}?" if close else f" Look at the '{noun}' column for the exact spelling."
            return Feedback(False, f"Not yet: {item!r} is not an {noun} in the table.{hint}")
    given = set(items)
    if given == expected_set:
        return Feedback(True, f"Correct. {explanation}".strip())
    missing, extra = expected_set - given, given - expected_set
    parts = []
    if extra:
        parts.append(f"{len(extra)} of your answers ({', '.join(sorted(extra))}) should not be there")
    if missing:
        parts.append(f"{len(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    return Feedback(False, "Not yet: " + "; ".join(parts) + ".")
