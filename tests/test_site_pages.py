"""The built site's weight, data downloads and execution table (marked ``site``).

The site is the one ``tests/test_site.py`` builds (the session fixture ``built_site`` of tests/conftest.py,
here: ``jupyter-book build . -n -W --keep-going`` into ``_build/html``). Page weight is
measured by ``scripts/benchmark.py``'s :func:`chapter_page_weights`, the function the
benchmark prints: the HTML of a chapter page plus every image, script, stylesheet and
font it loads from the site, found by parsing the HTML and the CSS, text files counted
gzip-compressed as a web server sends them.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("zhao_benchmark", ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


benchmark = _load_benchmark()


def test_every_chapter_page_weighs_at_most_1_5_mb(built_site):
    weights = benchmark.chapter_page_weights(built_site, ROOT)
    assert len(weights) >= 10
    limit = benchmark.GOAL_PAGE_BYTES
    over = []
    for w in weights:
        if w.total_sent > limit:
            images = sorted(((n, rel) for rel, n in w.files.items() if rel.startswith("_images/")),
                            reverse=True)[:3]
            over.append(f"{w.page}: {w.total_sent / 1e6:.3f} MB sent ({w.total / 1e6:.3f} MB of "
                        f"files); largest images: "
                        + ", ".join(f"{rel} {n / 1000:.0f} kB" for n, rel in images))
    assert not over, (f"chapter pages over {limit / 1e6:.1f} MB with their assets (compress "
                      "the figures in the package code that draws them):\n" + "\n".join(over))


def test_chapter_pages_load_only_files_the_site_has(built_site):
    for w in benchmark.chapter_page_weights(built_site, ROOT):
        assert not w.external, f"{w.page} loads from outside the site: {w.external}"
        assert not w.missing, f"{w.page} loads files the site lacks: {w.missing}"


def test_data_pages_serve_each_table_for_download(built_site):
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        page = built_site / "book" / "data" / f"{res['name']}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = {Path(a["href"]).name: (page.parent / a["href"]).resolve()
                 for a in soup.select("a.download") if a.get("href")}
        assert res["path"] in links, f"{page.name}: no download link to {res['path']}"
        served = links[res["path"]]
        assert served.is_relative_to(built_site.resolve()), served
        assert served.read_bytes() == (ROOT / "data" / res["path"]).read_bytes(), \
            f"{page.name}: the served {res['path']} differs from data/{res['path']}"


def test_execution_page_lists_every_chapter_as_run(built_site):
    from test_site import _chapter_docnames

    soup = BeautifulSoup((built_site / "book" / "execution.html").read_text(encoding="utf-8"),
                         "html.parser")
    rows = {tr.find("td").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in soup.select("article table tbody tr")}
    for docname in _chapter_docnames():
        assert docname in rows, f"{docname} missing from the execution table"
        assert rows[docname][-1] == "✅", f"{docname}: {rows[docname]}"
