"""Shared fixtures: a writable copy of data/ for tests that break files on purpose."""
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
