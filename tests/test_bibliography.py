"""The bibliography: book/sources.bib is a fresh generation from data/sources.csv, every
source is a bib key exactly once, and the page's groups follow data/article_footnotes.csv."""
from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"


def _script():
    spec = importlib.util.spec_from_file_location("build_bibliography", ROOT / "scripts" / "build_bibliography.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_bibliography = _script()


def _rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _config_bibfiles() -> list[str]:
    import yaml

    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["bibtex_bibfiles"]


def test_committed_sources_bib_equals_a_fresh_generation() -> None:
    committed = (BOOK / "sources.bib").read_text(encoding="utf-8")
    assert committed == build_bibliography.build(), (
        "book/sources.bib is out of date: run .venv/bin/python scripts/build_bibliography.py and commit it"
    )


def test_the_book_reads_both_bib_files() -> None:
    assert _config_bibfiles() == ["book/references.bib", "book/sources.bib"]


def test_every_source_is_a_bib_key_exactly_once() -> None:
    keys = [key for name in ("references.bib", "sources.bib")
            for key in build_bibliography.bib_keys((BOOK / name).read_text(encoding="utf-8"))]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates, f"keys in both bib files (sphinxcontrib-bibtex fails on them): {duplicates}"
    missing = {row["id"] for row in _rows("sources.csv")} - set(keys)
    assert not missing, f"sources without a bib entry: {missing}"


@pytest.mark.parametrize("name", ["references.bib", "sources.bib"])
def test_bib_files_parse_and_keep_non_ascii_text(name: str) -> None:
    data = parse_file(str(BOOK / name), bib_format="bibtex")
    assert data.entries
    if name == "sources.bib":
        text = " ".join(str(entry.fields.get("title", "")) for entry in data.entries.values())
        assert re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[\u0400-\u04ff]", text)


def test_generated_fields_are_escaped_so_latex_gives_the_citation_back() -> None:
    """What the page prints (pybtex decodes LaTeX) is the citation text of sources.csv."""
    from pybtex.richtext import Text

    data = parse_file(str(BOOK / "sources.bib"), bib_format="bibtex")
    for row in _rows("sources.csv"):
        if row["id"] not in data.entries:
            continue
        entry = data.entries[row["id"]]
        lead = str(entry.persons["author"][0]) if "author" in entry.persons else ""
        title = Text.from_latex(entry.fields["title"]).render_as("text")
        printed = f"{lead.strip('{}')}, {title}" if lead else title
        original = row["citation"].strip().rstrip(".")
        assert re.sub(r"[,:;]\s*", " ", printed).split() == re.sub(r"[,:;]\s*", " ", original).split(), row["id"]


def test_footnote_sources_are_grouped_by_keyword() -> None:
    """The bibliography page's second group is `keywords % "article-footnote"`: exactly the
    works a footnote cites, in both bib files."""
    cited = {row["source_id"] for row in _rows("article_footnotes.csv")} - {"zhao2015"}
    for name in ("references.bib", "sources.bib"):
        data = parse_file(str(BOOK / name), bib_format="bibtex")
        for key, entry in data.entries.items():
            marked = "article-footnote" in entry.fields.get("keywords", "")
            assert marked == (key in cited), f"{name}: {key} keywords do not match article_footnotes.csv"


def test_the_article_has_26_footnotes_each_in_a_section_and_citing_a_source() -> None:
    rows = _rows("article_footnotes.csv")
    assert [int(row["footnote"]) for row in rows] == list(range(1, 27))
    ids = {row["id"] for row in _rows("sources.csv")}
    assert all(row["source_id"] in ids for row in rows)


def test_the_bibliography_page_has_the_three_groups() -> None:
    page = (BOOK / "bibliography.md").read_text(encoding="utf-8")
    filters = re.findall(r"^:filter: (.+)$", page, flags=re.MULTILINE)
    assert filters == ['key == "zhao2015"', 'keywords % "article-footnote"',
                       'key != "zhao2015" and not keywords % "article-footnote"']
    prefixes = re.findall(r"^:labelprefix: (\w+)$", page, flags=re.MULTILINE)
    assert len(set(prefixes)) == 3, "each group needs its own label prefix, or labels repeat"
