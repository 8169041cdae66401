"""Every exercise check of every chapter, given answers a learner should not give.

One list of hostile answers (wrong types, units in strings, NaN, infinities, huge numbers,
empty and odd containers, pandas and numpy objects, bytes, very long strings) is run
through every ``check_*`` function of every ``zhao_course.exercises_*`` module. Each must
answer with a sentence that starts "Not yet", never mark the answer correct, never show a
traceback and never warn (a check that fails inside warns ``CheckFailedWarning``: here that
would be a bug). Chapter test files add the hostile answers that only their checks meet.
"""
from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import warnings

import numpy as np
import pandas as pd
import pytest

import zhao_course

#: Answers no check may accept or crash on.
HOSTILE = [
    ..., None, "", "   ", "abc", "ten", "3 km", "70 miles", "1,2,3", "x" * 10_000, b"3", b"38.4",
    float("nan"), math.inf, -math.inf, 10**400, -1e308, -1, 0, True,
    [], [1, 2], [1, 2, 3], {}, {"a": 1},
    pd.Series([], dtype=float), pd.Series([1.0, 2.0]), pd.DataFrame(), pd.DataFrame({"a": [1, 2]}),
    np.array([]), np.array([np.nan]), np.array([1.0, 2.0]), np.array([[1, 2], [3, 4]]), object(),
]


def _checks() -> list:
    found = []
    for info in pkgutil.iter_modules(zhao_course.__path__):
        if not info.name.startswith("exercises_"):
            continue
        module = importlib.import_module(f"zhao_course.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("check_") and function.__module__ == module.__name__:
                found.append(function)
    return found


CHECKS = _checks()


def test_every_chapter_has_its_checks_here() -> None:
    modules = {f.__module__ for f in CHECKS}
    assert len(modules) >= 10 and len(CHECKS) >= 40, sorted(modules)


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}")
@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: f"{type(a).__name__}:{str(a)[:12]}")
def test_hostile_answers_get_a_sentence_never_a_traceback(check, answer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        feedback = check(answer)
    assert feedback.correct is False
    assert feedback.message.startswith("Not yet"), feedback.message[:200]
    assert "Traceback" not in feedback.message
