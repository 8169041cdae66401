"""Where the course's files live.

The package sits at the root of the course repository, beside ``data/`` and
``exercises/``; every path the notebooks need is built here, so no chapter writes a
relative path like ``'../data'``. Set ``ZHAO_COURSE_ROOT`` to point at another copy.

Nothing here raises at import: a ``ZHAO_COURSE_ROOT`` that points at the wrong folder is
reported by :func:`root_problem` (and by :func:`zhao_course.data.load_table`, which
raises it as a one-sentence ``DataError``).

Example:
    >>> from zhao_course.paths import DATA_DIR
    >>> (DATA_DIR / "datapackage.json").exists()
    True
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "ZHAO_COURSE_ROOT"
#: The course folder this package was imported from (the parent of ``zhao_course/``).
PACKAGE_ROOT: Path = Path(__file__).resolve().parent.parent
#: True when ``ZHAO_COURSE_ROOT`` chose :data:`ROOT` (an empty value counts as unset).
FROM_ENV: bool = bool(os.environ.get(ENV_VAR, "").strip())
ROOT: Path = (
    Path(os.path.abspath(os.path.expanduser(os.environ[ENV_VAR].strip()))) if FROM_ENV else PACKAGE_ROOT
)
DATA_DIR: Path = ROOT / "data"
GEO_DIR: Path = DATA_DIR / "geo"
QUIZ_DIR: Path = ROOT / "exercises" / "quizzes"

_MARKER = Path("data") / "datapackage.json"
_warned = False


def root_problem() -> str | None:
    """A sentence saying why the course folder :data:`ROOT` cannot be used, or None.

    It names ``ZHAO_COURSE_ROOT`` when that variable chose the folder.

    Example:
        >>> root_problem() is None
        True
    """
    root = Path(ROOT)
    if (root / _MARKER).is_file():
        return None
    if FROM_ENV:
        if not root.exists():
            what = "a folder that does not exist"
        elif (root / "datapackage.json").is_file():
            what = f"which looks like the data folder itself (use {root.parent} instead)"
        else:
            what = f"which has no {_MARKER.as_posix()}"
        return (f"{ENV_VAR} is set to {root}, {what}; unset it or point it at the course folder "
                f"(the folder that holds {_MARKER.as_posix()}).")
    return (f"The zhao_course package in use comes from {root}, which has no {_MARKER.as_posix()}; "
            f"run `pip install -e .` in the course folder, or set {ENV_VAR} to that folder.")


def course_folder_of(start: Path) -> Path | None:
    """The course folder that contains ``start`` (a folder with ``data/datapackage.json``
    and ``zhao_course/``), or None if ``start`` is not inside one.

    Example:
        >>> course_folder_of(PACKAGE_ROOT / "notebooks") == PACKAGE_ROOT
        True
    """
    start = Path(start)
    for folder in (start, *start.parents):
        if (folder / _MARKER).is_file() and (folder / "zhao_course").is_dir():
            return folder
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def other_clone_message(cwd: Path | None = None) -> str | None:
    """A warning sentence if the working folder (a notebook's folder) belongs to another
    copy of the course than the package or the data in use; None if all agree.

    Example:
        >>> other_clone_message(PACKAGE_ROOT / "notebooks") is None
        True
    """
    try:
        here = course_folder_of(Path(cwd) if cwd is not None else Path.cwd())
    except OSError:  # the working folder was deleted
        return None
    if here is None:
        return None
    if not _same(here, PACKAGE_ROOT):
        data_note = "" if _same(Path(ROOT), here) else f" (and its data from {ROOT})"
        return (f"This notebook is in {here} but the zhao_course package in use comes from "
                f"{PACKAGE_ROOT}{data_note}; run `pip install -e .` in {here} so that it uses "
                "its own copy.")
    if not _same(Path(ROOT), here):
        return (f"This notebook is in {here} but {ENV_VAR} makes the course read its data from "
                f"{ROOT}; unset {ENV_VAR} to use this folder's data.")
    return None


def warn_if_other_clone(cwd: Path | None = None) -> str | None:
    """Print :func:`other_clone_message` to stderr once per process, as one sentence.

    Returns the message printed (None if nothing was printed). Cheap: a few file checks.

    Example:
        >>> warn_if_other_clone(PACKAGE_ROOT) is None
        True
    """
    global _warned
    if _warned:
        return None
    message = other_clone_message(cwd)
    if message:
        _warned = True
        print(f"Warning: {message}", file=sys.stderr)
    return message
