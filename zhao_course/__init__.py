"""Helpers for the course on Zhao Huasheng's article on Sino-Russian cooperation.

The notebooks import this package; it reads ``data/`` and the quiz banks, which are the
single sources of every figure the course shows.

Importing the package is cheap: ``load_table``, ``lookup`` and ``DataError`` are loaded
from :mod:`zhao_course.data` on first use. If the notebook's folder belongs to another
copy of the course than this package, a one-sentence warning says so.

Example:
    >>> from zhao_course import load_table, lookup
    >>> timeline = load_table("border_timeline")
    >>> timeline["date"].is_monotonic_increasing
    True
    >>> lookup("border_timeline", "treaty_2001", "date").year
    2001
"""
from __future__ import annotations

from typing import Any

from zhao_course import paths as _paths

__all__ = ["DataError", "load_table", "lookup"]

_paths.warn_if_other_clone()


def __getattr__(name: str) -> Any:
    """Load the data helpers on first use (PEP 562), so ``python -m zhao_course.data`` runs cleanly."""
    if name in __all__:
        from zhao_course import data

        return getattr(data, name)
    raise AttributeError(f"module 'zhao_course' has no attribute {name!r}")
