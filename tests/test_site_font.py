"""The site's web font draws every Chinese character the course shows."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "book" / "_static" / "fonts" / "ZhaoCourseCJK-Site.woff2"
CSS = ROOT / "book" / "_static" / "cjk.css"


def _script():
    spec = importlib.util.spec_from_file_location("build_font_subset", ROOT / "scripts" / "build_font_subset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_site_shows_chinese_characters_so_the_check_means_something() -> None:
    chars = _script().site_characters()
    assert len(chars) > 50 and "黑" in chars  # the glossary's Heixiazi


def test_site_font_has_a_glyph_for_every_chinese_character_of_the_course() -> None:
    pytest.importorskip("fontTools", reason="fontTools is a maintainer tool (requirements-geo.txt)")
    pytest.importorskip("brotli", reason="reading WOFF2 needs brotli (requirements-geo.txt)")
    from fontTools.ttLib import TTFont

    cmap = TTFont(FONT).getBestCmap()
    missing = sorted(c for c in _script().site_characters() if ord(c) not in cmap)
    assert not missing, f"the site font lacks {''.join(missing)!r}: run scripts/build_font_subset.py --site"


def test_the_stylesheet_loads_the_font_for_chinese_text_only() -> None:
    css = CSS.read_text(encoding="utf-8")
    assert f'url("fonts/{FONT.name}")' in css and "unicode-range: U+2E80-9FFF" in css
    assert '"Zhao Course CJK"' in css.split("--pst-font-family-base:", 1)[1].split(";", 1)[0]
    assert (FONT.parent / "OFL.txt").is_file(), "the font's licence travels with it"
