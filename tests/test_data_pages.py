"""The site's generated pages (scripts/build_data_pages.py) and the landing page.

No build needed: these read the sources. The built pages (downloads served, page weight,
execution table) are checked in ``tests/test_site_pages.py``.
"""
from __future__ import annotations

import doctest
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_data_pages.py"
REGENERATE = "python scripts/build_data_pages.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("build_data_pages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


pages = _load_script()


def _resources() -> list[dict]:
    return json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def _toc_docnames() -> list[str]:
    from sphinx_external_toc.parsing import parse_toc_yaml

    return list(parse_toc_yaml(ROOT / "_toc.yml"))


def test_committed_pages_equal_a_fresh_generation():
    stale = pages.stale_files(ROOT)
    assert not stale, (f"generated files out of date: {stale}. Run `{REGENERATE}` and commit "
                       "what it writes.")


def test_script_examples_hold():
    result = doctest.testmod(pages, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_table_has_a_page_in_the_toc_under_reference():
    docnames = _toc_docnames()
    for res in _resources():
        assert (ROOT / "book" / "data" / f"{res['name']}.md").exists(), res["name"]
        assert f"book/data/{res['name']}" in docnames, f"book/data/{res['name']} not in _toc.yml"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    reference = next(p for p in toc["parts"] if p["caption"] == "Reference")
    assert "book/execution" in [c["file"] for c in reference["chapters"]]
    data = next(p for p in toc["parts"] if p["caption"] == pages.TOC_CAPTION)
    assert [c["file"] for c in data["chapters"]] == \
        ["book/data/index"] + [f"book/data/{res['name']}" for res in _resources()]
    assert not any("sections" in c for c in data["chapters"]), "keep the data part one level"


def test_each_table_page_has_download_fields_sources_and_schema():
    sources = {row["id"] for row in pages._read_csv(ROOT / "data" / "sources.csv")}
    for res in _resources():
        text = (ROOT / "book" / "data" / f"{res['name']}.md").read_text(encoding="utf-8")
        assert f"{{download}}`{res['path']} </data/{res['path']}>`" in text, res["name"]
        assert f'pd.read_csv("{res["path"]}")' in text and f'load_table("{res["name"]}")' in text
        for field in res["schema"]["fields"]:
            assert f"| `{field['name']}` |" in text, (res["name"], field["name"])
        rows = pages._read_csv(ROOT / "data" / res["path"])
        assert f"**Rows:** {len(rows):,} " in text, res["name"]
        for key in pages._source_ids(rows):
            assert key in sources and f"- `{key}`: " in text, (res["name"], key)
        assert "## Schema" in text and '"name": "' + res["name"] + '"' in text


def test_download_targets_exist():
    for page in sorted((ROOT / "book" / "data").glob("*.md")):
        targets = re.findall(r"\{download\}`[^`<]*<(/[^>]+)>`", page.read_text(encoding="utf-8"))
        assert targets, page.name
        for target in targets:
            assert (ROOT / target.lstrip("/")).is_file(), f"{page.name}: {target} does not exist"


@pytest.mark.parametrize("text", [
    "US$ 90 bn to US$ 200 bn",
    "a {cite}`x` role and {doc}`y`",
    "*not emphasis* and **not strong**",
    "a | b || c",
    "snake_case_names and [not a link](x) <b>not html</b> & &amp;",
    "1. not a list",
    "see https://example.org/a_b_(c) and https://example.org/x*y.",
])
def test_escaped_text_renders_as_itself(text):
    """Through MyST's own parser with the book's extensions, in a table cell."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"dollarmath", "colon_fence", "deflist", "fieldlist",
                                               "linkify", "substitution", "tasklist", "amsmath"},
                            dmath_allow_space=False, dmath_allow_digits=False,
                            dmath_double_inline=True, linkify_fuzzy_links=False)
    md = create_md_parser(config, RendererHTML)
    html = md.render(f"| h |\n| --- |\n| {pages.escape(text)} |\n")
    cell = re.search(r"<td>(.*)</td>", html, re.DOTALL).group(1)
    plain = re.sub(r"<[^>]+>", "", cell)
    import html as html_lib

    assert html_lib.unescape(plain) == text
    assert "<em>" not in cell and "<strong>" not in cell and "math" not in cell


# --------------------------------------------------------------------------------------
# Landing page
# --------------------------------------------------------------------------------------
LANDING = ROOT / "book" / "index.md"


def _time_lines() -> dict[str, str]:
    """Each chapter's "**Time:**" text, read straight from the notebook."""
    out = {}
    for docname in pages._toc_chapters(ROOT):
        nb = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        match = re.search(r"\*\*Time:\*\*\s*(.*?)\s*\*\*You need:\*\*", text)
        assert match, f"{docname}: no '**Time:** ... **You need:**' line"
        out[docname] = match.group(1).rstrip(".")
    return out


def test_landing_page_times_are_the_chapters_own():
    landing = LANDING.read_text(encoding="utf-8")
    lines = _time_lines()
    assert len(lines) >= 10
    for number, (docname, text) in enumerate(lines.items(), start=1):
        total = int(re.search(r"about (\d+) minutes", text).group(1))
        total += sum(int(m) for m in re.findall(r"plus (\d+)", text))
        row = re.search(rf"^\| {number} \| \{{doc\}}`[^`]*</{re.escape(docname)}>` \| about (\d+) min \|",
                        landing, re.MULTILINE)
        assert row, f"no row for {docname} in the landing page's table"
        assert int(row.group(1)) == total, f"{docname}: landing page {row.group(1)} min, notebook {total}"
        assert f" — {pages.escape(text)}." in landing, f"{docname}'s time line is not quoted"


def test_landing_page_has_three_paths_and_how_to_cite():
    landing = LANDING.read_text(encoding="utf-8")
    for path in ("Self-study\n:", "Classroom\n:", "Reading\n:"):
        assert path in landing
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "## How to cite" in landing
    assert config["repository"]["url"] in landing
    assert config["title"] in landing.replace("\n  ", " ")
    assert "The course authors" in landing and str(config["copyright"]) in landing
    assert '"Sino-Russian Economic Cooperation in the Far East and Central\n  Asia Since 2012"' in landing


def test_citation_file_matches_the_config():
    cff = ROOT / "CITATION.cff"
    if not cff.exists():
        pytest.skip("no CITATION.cff")
    data = yaml.safe_load(cff.read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert data["title"] == config["title"]
    assert data["repository-code"] == config["repository"]["url"]
    assert data["authors"] == [{"name": config["author"]}]


def test_execution_page_uses_the_exec_table():
    assert "book/execution" in _toc_docnames()
    assert "```{nb-exec-table}" in (ROOT / "book" / "execution.md").read_text(encoding="utf-8")
