"""Shared fixtures: a writable copy of data/ for tests that break files on purpose, and the built site."""
from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The book built once per test session (``test_site.build_book``), for every site test file."""
    from test_site import build_book

    return build_book()
