"""Where the course's files live.

The package sits at the root of the course repository, beside ``data/`` and
``exercises/``; every path the notebooks need is built here, so no chapter writes a
relative path like ``'../data'``. Set ``ZHAO_COURSE_ROOT`` to point at another copy.

Example:
    >>> from zhao_course.paths import DATA_DIR
    >>> (DATA_DIR / "datapackage.json").exists()
    True
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(os.environ.get("ZHAO_COURSE_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR: Path = ROOT / "data"
GEO_DIR: Path = DATA_DIR / "geo"
QUIZ_DIR: Path = ROOT / "exercises" / "quizzes"
