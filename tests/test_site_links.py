"""Every internal link of the built site resolves: the file exists, and so does the anchor.

The checker reads the HTML that Sphinx wrote (no browser needed): for every ``<a href>``
(and ``<area href>``) on a page that points inside the site, the target file must exist
and, when the link has a ``#fragment``, the target page must have an element with that
``id`` (or an ``<a name>``). That covers the navigation, the chapters' cross-references,
the glossary terms, the bibliography's citations and back-references, and the download
buttons (``_sources/...``, ``_downloads/...``, data files).

The functions here are tried on a small made-up site below (fast, no build); the
browser suite (``tests/test_site.py``, marked ``site``) runs :func:`broken_links` on the
real build, together with the links that scripts add to a page after it loads (the
quizzes' feedback).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

class _LinkAndIdParser(HTMLParser):
    """Collects the ``href`` of ``<a>``/``<area>`` and every ``id``/``<a name>`` of a page.

    ``HTMLParser`` reads ``<script>`` and ``<style>`` as raw text, so strings inside
    scripts (like a regular expression's ``href="$1"``) are not taken for links.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if attr.get("id"):
            self.ids.add(attr["id"])
        if tag == "a" and attr.get("name"):
            self.ids.add(attr["name"])
        if tag in ("a", "area") and attr.get("href") is not None:
            self.hrefs.append(attr["href"])

    handle_startendtag = handle_starttag


@lru_cache(maxsize=None)
def _parse(path: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    parser = _LinkAndIdParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return tuple(parser.hrefs), frozenset(parser.ids)


def page_links(html_file: Path) -> list[str]:
    """The ``href`` of every ``<a>`` and ``<area>`` in one HTML file, in page order.

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = (d / "p.html").write_text('<a href="q.html#x">q</a><script>s="<a href=no>"</script>')
        >>> page_links(d / "p.html")
        ['q.html#x']
    """
    return list(_parse(html_file.resolve())[0])


def page_ids(html_file: Path) -> frozenset[str]:
    """Every fragment a link may point at in one HTML file: each ``id`` and ``<a name>``.

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = (d / "p.html").write_text('<h2 id="quiz">Quiz</h2><a name="old"></a>')
        >>> sorted(page_ids(d / "p.html"))
        ['old', 'quiz']
    """
    return _parse(html_file.resolve())[1]


def link_problem(html_dir: Path, page_rel: str, href: str, site_origin: str = "") -> str | None:
    """Why ``href`` on page ``page_rel`` does not resolve inside ``html_dir``, or None.

    Links that leave the site (another scheme or host) and the bare ``#`` are not
    checked here. ``site_origin`` (like ``http://127.0.0.1:8000``) lets absolute URLs
    that a browser reports count as internal.

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp()); (d / "b").mkdir()
        >>> _ = (d / "b" / "p.html").write_text('<h2 id="here">x</h2>')
        >>> link_problem(d, "b/p.html", "#here") is None
        True
        >>> link_problem(d, "b/p.html", "p.html#gone")
        'no element with id "gone" in b/p.html'
        >>> link_problem(d, "b/p.html", "../data/t.csv")
        'data/t.csv does not exist'
        >>> link_problem(d, "b/p.html", "https://example.org/") is None
        True
    """
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        origin = f"{parts.scheme}://{parts.netloc}"
        if not site_origin or origin != site_origin.rstrip("/"):
            return None
        target_rel = unquote(parts.path).lstrip("/")
    else:
        base = Path(page_rel).parent
        path = unquote(parts.path)
        if not path:
            target_rel = page_rel
        elif path.startswith("/"):
            target_rel = path.lstrip("/")
        else:
            target_rel = (base / path).as_posix()
    # Normalise "a/../b" without touching the file system, and refuse to leave the site.
    stack: list[str] = []
    for piece in target_rel.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if not stack:
                return f"{href} points above the site root"
            stack.pop()
        else:
            stack.append(piece)
    target_rel = "/".join(stack)
    target = html_dir / target_rel if target_rel else html_dir
    if target.is_dir():
        target = target / "index.html"
        target_rel = (target_rel + "/index.html").lstrip("/")
    if not target.is_file():
        return f"{target_rel} does not exist"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in page_ids(target):
        return f'no element with id "{fragment}" in {target_rel}'
    return None


def broken_links(html_dir: Path, pages: Iterable[str],
                 extra: dict[str, Iterable[str]] | None = None,
                 site_origin: str = "") -> dict[str, list[str]]:
    """Every internal link that does not resolve, by page: ``{page: ["href: why", ...]}``.

    ``pages`` are HTML files relative to ``html_dir``; their links are read from the
    files. ``extra`` adds links per page found some other way (a browser's DOM after
    scripts ran), as absolute URLs on ``site_origin`` or relative hrefs.

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = (d / "a.html").write_text('<a href="b.html#x">b</a> <a href="#top">top</a>')
        >>> _ = (d / "b.html").write_text('<p id="x">x</p>')
        >>> broken_links(d, ["a.html", "b.html"])
        {'a.html': ['#top: no element with id "top" in a.html']}
    """
    report: dict[str, list[str]] = {}
    for rel in pages:
        hrefs = list(dict.fromkeys(page_links(html_dir / rel)))
        if extra:
            hrefs += [h for h in dict.fromkeys(extra.get(rel, ())) if h not in hrefs]
        for href in hrefs:
            if href.strip() in ("", "#"):
                continue
            why = link_problem(html_dir, rel, href, site_origin)
            if why:
                report.setdefault(rel, []).append(f"{href}: {why}")
    return report


# --------------------------------------------------------------------------------------
# The checker on a small made-up site
# --------------------------------------------------------------------------------------
@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "book").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_sources" / "notebooks").mkdir(parents=True)
    (tmp_path / "_sources" / "notebooks" / "ch.ipynb").write_text("{}")
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/index.html" />')
    (tmp_path / "book" / "index.html").write_text(
        '<a href="../notebooks/ch.html#quiz">quiz</a> <a href="glossary.html#term-Tumen">Tumen</a>'
        ' <a href="https://mybinder.org/v2/gh/x">Binder</a> <a href="#">top</a>'
        ' <a href="mailto:someone@example.org">mail</a>')
    (tmp_path / "book" / "glossary.html").write_text(
        '<dl><dt id="term-Tumen">Tumen</dt></dl><a href="bibliography.html#id3">[1]</a>')
    (tmp_path / "book" / "bibliography.html").write_text(
        '<div class="citation" id="id3">Zhao</div><a href="../notebooks/ch.html#id9">back</a>')
    (tmp_path / "notebooks" / "ch.html").write_text(
        '<section id="quiz"><span id="id9"></span>'
        '<a href="../_sources/notebooks/ch.ipynb">.ipynb</a>'
        '<script>var s = "<a href=\\"missing.html\\">";</script>'
        '<a href="../book/glossary.html#term-Tumen">Tumen</a></section>')
    return tmp_path


_TINY_PAGES = ["index.html", "book/index.html", "book/glossary.html",
               "book/bibliography.html", "notebooks/ch.html"]


def test_a_site_whose_links_all_resolve_has_no_broken_link(tiny_site: Path) -> None:
    assert broken_links(tiny_site, _TINY_PAGES) == {}


def test_a_missing_page_a_missing_anchor_and_a_missing_download_are_reported(tiny_site: Path) -> None:
    (tiny_site / "book" / "glossary.html").write_text(
        '<dl><dt id="term-Tumen">Tumen</dt></dl><a href="bibliography.html#id4">[1]</a>'
        '<a href="no_such_page.html">x</a> <a href="../_downloads/abc/trade.csv">csv</a>')
    report = broken_links(tiny_site, _TINY_PAGES)
    assert report == {"book/glossary.html": [
        'bibliography.html#id4: no element with id "id4" in book/bibliography.html',
        "no_such_page.html: book/no_such_page.html does not exist",
        "../_downloads/abc/trade.csv: _downloads/abc/trade.csv does not exist",
    ]}


def test_a_link_out_of_the_site_root_is_reported(tiny_site: Path) -> None:
    assert link_problem(tiny_site, "book/index.html", "../../etc/passwd") == \
        "../../etc/passwd points above the site root"


def test_links_a_browser_saw_after_scripts_ran_are_checked_too(tiny_site: Path) -> None:
    origin = "http://127.0.0.1:8000"
    extra = {"notebooks/ch.html": [f"{origin}/book/glossary.html#term-Tumen",
                                   f"{origin}/book/glossary.html#term-Heixiazi",
                                   "https://example.org/elsewhere"]}
    report = broken_links(tiny_site, _TINY_PAGES, extra=extra, site_origin=origin)
    assert report == {"notebooks/ch.html": [
        f'{origin}/book/glossary.html#term-Heixiazi: no element with id "term-Heixiazi" '
        "in book/glossary.html"]}


def test_a_directory_link_resolves_to_its_index_and_encoded_fragments_are_decoded(tiny_site: Path) -> None:
    (tiny_site / "book" / "index.html").write_text('<a href="../book/">home</a><h2 id="größe">x</h2>'
                                                   '<a href="#gr%C3%B6%C3%9Fe">size</a>')
    assert broken_links(tiny_site, ["book/index.html"]) == {}
