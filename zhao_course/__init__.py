"""Helpers for the course on Zhao Huasheng's article on Sino-Russian cooperation.

The notebooks import this package; it reads ``data/`` and the quiz banks, which are the
single sources of every figure the course shows.

Example:
    >>> from zhao_course import load_table
    >>> timeline = load_table("border_timeline")
    >>> timeline["date"].is_monotonic_increasing
    True
"""
from zhao_course.data import DataError, load_table

__all__ = ["DataError", "load_table"]
