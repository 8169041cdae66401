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


def build(source: Path, out_dir: Path) -> Path:
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
    chars = _characters()
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
    out = out_dir / f"{POSTSCRIPT}.otf"
    font.save(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help=f"NotoSansCJK-Regular.ttc or NotoSansCJKsc-Regular.otf (default {DEFAULT_SOURCE})")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "zhao_course" / "fonts")
    args = parser.parse_args(argv)
    out = build(args.source, args.out_dir)
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({out.stat().st_size / 1024:.1f} KB, "
          f"{len(_characters())} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
