"""Build the small CJK font the map draws its Chinese place names with.

Run by a maintainer whenever a place name needs a character the shipped font lacks
(``tests/test_maps.py`` fails with "run scripts/build_font_subset.py"); the output is
committed, so learners, Binder, Colab and the published site need no system font::

    apt-get download fonts-noto-cjk          # Debian bookworm: 1:20220127+repack1-1
    dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    python scripts/build_font_subset.py --source /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

(On a machine with ``fonts-noto-cjk`` installed, ``--source`` can be left out.)

Input: Noto Sans CJK SC Regular, version 2.004 (face 2 of Debian's
``NotoSansCJK-Regular.ttc``), licensed under the SIL Open Font License 1.1.

Processing, with ``fontTools.subset`` (fontTools is a maintainer-only dependency, in
``requirements-geo.txt``):

1. Keep only the characters :func:`zhao_course.maps.font_characters` lists: every
   character of the gazetteer's ``name_en``, ``name_zh`` and ``name_ru`` columns, the
   map's own labels, printable ASCII, Latin-1 and the Russian alphabet.
2. Drop hinting and the vertical-writing tables (the map draws horizontal text at
   screen resolution), keep the ``kern``/``liga`` layout defaults.
3. Rename the family to "Zhao Course CJK" (OFL section 3: a Modified Version should
   not pass for the original) and say in the name table what it is a subset of; keep
   the copyright, trademark and licence records.
4. Keep the source's timestamps, so the same input gives the same bytes.

Output: ``zhao_course/fonts/ZhaoCourseCJK-Regular.otf`` (CFF outlines), beside
``OFL.txt``.

With ``--site`` it builds the web font of the published site instead: the same source and
processing, but the characters are every CJK character the site can show (in ``book/``,
the notebooks' cells and outputs, the quiz banks and ``data/``, listed by
:func:`site_characters`), written as WOFF2 (``brotli`` is in ``requirements-geo.txt``)
to ``book/_static/fonts/ZhaoCourseCJK-Site.woff2``. ``book/_static/cjk.css`` loads it for
those characters only (``unicode-range``), so a reader whose system has no Chinese font
still sees the glossary's and chapters' Chinese names, and a page without them
downloads nothing. ``tests/test_site_font.py`` fails with "run scripts/build_font_subset.py
--site" when a character is missing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_FACE = 2  # JP, KR, SC, TC, HK, Mono JP, ...: SC is face 2 of NotoSansCJK-*.ttc
SOURCE_VERSION = "Version 2.004"
FAMILY = "Zhao Course CJK"
POSTSCRIPT = "ZhaoCourseCJK-Regular"
DESCRIPTION = (
    "Subset of Noto Sans CJK SC Regular 2.004 (SIL Open Font License 1.1) with only the "
    "characters the course's map labels need; made by scripts/build_font_subset.py in "
    "the zhao-course repository."
)


def _characters() -> set[str]:
    sys.path.insert(0, str(ROOT))
    from zhao_course.maps import font_characters

    return font_characters()


def is_cjk(char: str) -> bool:
    """True for a character the site font must draw: CJK ideographs, punctuation, kana."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x2FA1F)


def site_sources() -> list[Path]:
    """The files whose text the published site can show."""
    files = [*ROOT.glob("book/*.md"), *ROOT.glob("book/*.bib"), *ROOT.glob("notebooks/*.ipynb"),
             *ROOT.glob("exercises/quizzes/*.json"), *ROOT.glob("data/*.csv"), *ROOT.glob("data/*.md")]
    return sorted(files)


def site_characters() -> set[str]:
    """Every CJK character in :func:`site_sources` (JSON escapes of notebooks decoded)."""
    import json

    chars: set[str] = set()
    for path in site_sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".ipynb", ".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        chars |= {c for c in text if is_cjk(c)}
    return chars


def build(source: Path, out_dir: Path, site: bool = False) -> Path:
    """Write the subset font into ``out_dir`` and return its path."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if not source.is_file():
        raise SystemExit(
            f"{source} does not exist: download Debian's fonts-noto-cjk (see this script's "
            "docstring) and pass its NotoSansCJK-Regular.ttc with --source."
        )
    font = TTFont(source, fontNumber=SC_FACE if source.suffix.lower() == ".ttc" else -1,
                  recalcTimestamp=False, lazy=False)
    name = font["name"]
    if name.getDebugName(1) != "Noto Sans CJK SC" or not str(name.getDebugName(5)).startswith(SOURCE_VERSION):
        raise SystemExit(
            f"{source} is {name.getDebugName(4)!r} {name.getDebugName(5)!r}; this script expects "
            f"Noto Sans CJK SC, {SOURCE_VERSION} (face {SC_FACE} of NotoSansCJK-Regular.ttc)."
        )
    chars = site_characters() if site else _characters()
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "JSTF", "DSIG"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)

    missing = sorted(c for c in chars if ord(c) not in font.getBestCmap() and c.isprintable() and not c.isspace())
    if missing:
        raise SystemExit(f"Noto Sans CJK SC has no glyph for: {''.join(missing)}")

    name = font["name"]
    for record_id, text in ((1, FAMILY), (3, f"2.004;{POSTSCRIPT};subset"), (4, FAMILY),
                            (6, POSTSCRIPT), (10, DESCRIPTION), (16, FAMILY), (17, "Regular")):
        name.removeNames(nameID=record_id)
        if record_id in (16, 17):
            continue  # no typographic family/subfamily: the legacy ones say it all
        name.setName(text, record_id, 3, 1, 0x409)
        name.setName(text, record_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, FAMILY)
        if hasattr(top, "FontName"):
            top.FontName = POSTSCRIPT

    out_dir.mkdir(parents=True, exist_ok=True)
    if site:
        font.flavor = "woff2"
        out = out_dir / "ZhaoCourseCJK-Site.woff2"
    else:
        out = out_dir / f"{POSTSCRIPT}.otf"
    font.save(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help=f"NotoSansCJK-Regular.ttc or NotoSansCJKsc-Regular.otf (default {DEFAULT_SOURCE})")
    parser.add_argument("--site", action="store_true",
                        help="build the published site's web font (book/_static/fonts/) instead of the map's")
    parser.add_argument("--out-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    out_dir = args.out_dir or (ROOT / "book" / "_static" / "fonts" if args.site else ROOT / "zhao_course" / "fonts")
    out = build(args.source, out_dir, site=args.site)
    count = len(site_characters() if args.site else _characters())
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({out.stat().st_size / 1024:.1f} KB, "
          f"{count} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
