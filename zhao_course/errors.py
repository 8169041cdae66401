"""One small exception for bad arguments to the course's functions.

A learner who passes the wrong thing to a figure or widget function (a list where a
table is expected, a typo in a place id, a table without a column) gets one sentence
that says what is wrong and how to fix it, never a stack of library frames.

:class:`CourseInputError` is a ``ValueError``; :class:`CourseTypeError` is both a
``TypeError`` and a :class:`CourseInputError`, for arguments of the wrong type. Both show
in IPython and Jupyter as the sentence alone, like :class:`zhao_course.data.DataError`.

Example:
    >>> from zhao_course.errors import CourseInputError, CourseTypeError
    >>> err = CourseTypeError("events must be a pandas DataFrame, not a list.")
    >>> isinstance(err, TypeError) and isinstance(err, CourseInputError) and isinstance(err, ValueError)
    True
    >>> err._render_traceback_()
    ['CourseTypeError: events must be a pandas DataFrame, not a list.']
"""
from __future__ import annotations

from typing import Any

__all__ = ["CourseInputError", "CourseTypeError", "describe_type"]


class CourseInputError(ValueError):
    """A function of the course was called with an argument it cannot use.

    The message is one sentence naming the argument and saying what to give instead.
    """

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the sentence, nothing else."""
        return [f"{type(self).__name__}: {self}"]


class CourseTypeError(CourseInputError, TypeError):
    """An argument has the wrong type (a list where a DataFrame is expected, ...)."""


def describe_type(value: Any) -> str:
    """A short phrase for a value's type, for messages: 'a list', 'the number 3', 'None'.

    Example:
        >>> describe_type([1, 2]), describe_type(3), describe_type(None), describe_type("x" * 80)[:12]
        ('a list', 'the number 3', 'None', "the text 'xx")
    """
    if value is None:
        return "None"
    if isinstance(value, bool):
        return f"the value {value}"
    if isinstance(value, (int, float)):
        text = repr(value)
        return f"the number {text if len(text) <= 20 else text[:17] + '...'}"
    if isinstance(value, str):
        text = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {text!r}"
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name}"
