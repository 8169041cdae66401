"""The published site, checked the way a reader meets it: in a browser, with no network.

The session builds the book once (``jupyter-book build . -n -W --keep-going``), serves
``_build/html`` on 127.0.0.1 and opens every page in headless Chromium (Debian's
``/usr/bin/chromium``, driven by Playwright; Playwright's own browser download is never
used). For every page it checks that

- nothing is requested from outside 127.0.0.1, and no request fails;
- the browser console shows no error and no script throws;
- every image in the page content has real alt text.

On every chapter page (a notebook) it also checks that the quizzes answer a click on a
wrong option and on the right option with visible feedback, and that the Binder and Colab
launch buttons are there. The search page must find a glossary term.

Without ``/usr/bin/chromium`` the browser tests are skipped, except under CI (the
``CI`` environment variable set), where they fail.

Run just these tests with ``python -m pytest -m site``; skip them with ``-m "not site"``.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
BUILD_LOG = BUILD_DIR / "site-test-build.log"
SCREENSHOT_DIR = BUILD_DIR / "site-test-screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_TIMEOUT_S = 1800
LOG_TAIL_LINES = 80

# Lines that contain "WARNING" but are not about the book. The Jupyter kernel that runs
# the chapters logs this notice about its own transport to stderr on every start; it
# says nothing about the pages.
ALLOWED_WARNING_LINES = [
    re.compile(r"\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption"),
]
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# Alt text that says nothing to someone who cannot see the image.
GENERIC_ALT = {
    "png", "jpg", "jpeg", "svg", "gif", "image", "img", "picture", "photo", "output",
    "figure", "fig", "plot", "chart", "graph", "graphic", "untitled", "icon", "none",
    "alt", "alt text", "screenshot",
}
FILENAME_ALT = re.compile(
    r"(\.(png|jpe?g|gif|svg|webp|bmp)$)|(^[0-9a-f]{16,}$)|(^(\.\.?/|_images/|_static/))",
    re.IGNORECASE,
)


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def _tail(text: str, n: int = LOG_TAIL_LINES) -> str:
    return "\n".join(text.splitlines()[-n:])


def _jupyter_book_executable() -> str:
    """The jupyter-book next to the Python running the tests (the project's venv)."""
    bindir = Path(sys.executable).parent
    for name in ("jupyter-book", "jupyter-book.exe"):
        candidate = bindir / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which("jupyter-book")
    if found:
        return found
    pytest.fail(f"jupyter-book is not installed next to {sys.executable}; "
                "install the project with `pip install -r requirements.txt`.")


def _warning_lines(log: str) -> list[str]:
    lines = []
    for line in ANSI_ESCAPE.sub("", log).splitlines():
        if "WARNING" in line and not any(p.search(line) for p in ALLOWED_WARNING_LINES):
            lines.append(line)
    return lines


# --------------------------------------------------------------------------------------
# Session fixtures: one build, one server, one browser
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the book once per session; fail with the log's tail on any warning."""
    cmd = [_jupyter_book_executable(), "build", str(ROOT), "-n", "-W", "--keep-going"]
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    try:
        proc = subprocess.run(
            cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
            timeout=BUILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or ""
        if isinstance(out, bytes):
            out = out.decode("utf-8", "replace")
        pytest.fail(f"`{' '.join(cmd)}` took more than {BUILD_TIMEOUT_S} s.\n{_tail(out)}")
    log = proc.stdout
    BUILD_DIR.mkdir(exist_ok=True)
    BUILD_LOG.write_text(log, encoding="utf-8")
    warnings = _warning_lines(log)
    if proc.returncode != 0 or warnings:
        listed = "\n".join(warnings[:40]) or "(none)"
        pytest.fail(
            f"The book build failed (exit code {proc.returncode}); full log in {BUILD_LOG}.\n"
            f"Warnings:\n{listed}\n\nLast lines of the log:\n{_tail(log)}",
            pytrace=False,
        )
    assert (HTML_DIR / "index.html").exists(), f"no index.html in {HTML_DIR}"
    return HTML_DIR


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Serve the built site on 127.0.0.1 at a free port, from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = (f"{CHROMIUM} is missing: install Debian's chromium package "
                  "(apt-get install chromium) to run the browser tests")
        if _in_ci():
            pytest.fail(reason + " (CI is set, so this is a failure, not a skip)",
                        pytrace=False)
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is in requirements.txt
        if _in_ci():
            pytest.fail(f"playwright is not installed: {exc}", pytrace=False)
        pytest.skip(f"playwright is not installed: {exc}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# --------------------------------------------------------------------------------------
# Which pages: discovered from the build output, checked against _toc.yml
# --------------------------------------------------------------------------------------
def _built_pages(html_dir: Path) -> list[str]:
    """Every HTML page Sphinx wrote, as paths relative to the site root.

    Skipped: ``_static`` (theme templates, not pages) and ``_sources``.
    Included on purpose: the root ``index.html`` redirect, ``genindex.html`` and
    ``search.html``, which load the same theme assets as every other page.
    """
    pages = []
    for path in sorted(html_dir.rglob("*.html")):
        rel = path.relative_to(html_dir).as_posix()
        if rel.split("/", 1)[0] in {"_static", "_sources", "_images"}:
            continue
        pages.append(rel)
    return pages


def _toc_docnames() -> list[str]:
    from sphinx_external_toc.parsing import parse_toc_yaml

    return list(parse_toc_yaml(ROOT / "_toc.yml"))


def _chapter_docnames() -> list[str]:
    """Toc entries that are notebooks: the chapters with launch buttons and quizzes."""
    return [d for d in _toc_docnames() if (ROOT / f"{d}.ipynb").exists()]


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    found = _built_pages(built_site)
    missing = [d for d in _toc_docnames() if f"{d}.html" not in found]
    assert not missing, f"pages in _toc.yml that the build did not produce: {missing}"
    return found


# --------------------------------------------------------------------------------------
# Opening a page and recording what goes wrong
# --------------------------------------------------------------------------------------
class PageVisit:
    """A page opened in a fresh browser context, with its problems recorded."""

    def __init__(self, browser, base_url: str, rel: str):
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.rel = rel
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.external_requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.page.on("requestfailed", self._on_failed)
        self.page.on("response", self._on_response)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == self.host:
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort("blockedbyclient")

    def _on_console(self, msg):
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def _on_failed(self, request):
        if request.url in self.external_requests:
            return  # reported once, as an external request
        self.failed_requests.append(f"{request.url}: {request.failure}")

    def _on_response(self, response):
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def open(self, query: str = ""):
        self.page.goto(f"{self.base_url}/{self.rel}{query}", wait_until="load")
        try:
            self.page.wait_for_load_state("networkidle", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page that keeps polling still gets checked
            pass
        return self.page

    def problems(self) -> list[str]:
        out = []
        out += [f"request to outside the site: {u}" for u in self.external_requests]
        out += [f"failed request: {r}" for r in self.failed_requests]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught script error: {e}" for e in self.page_errors]
        return out

    def screenshot(self):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = self.rel.replace("/", "__").removesuffix(".html") + ".png"
        try:
            self.page.screenshot(path=str(SCREENSHOT_DIR / name), full_page=True)
        except Exception:  # noqa: BLE001 - a screenshot is a convenience, not a check
            pass

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    opened: list[PageVisit] = []

    def _open(rel: str) -> PageVisit:
        v = PageVisit(browser, site_url, rel)
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.close()


def _bad_alt(alt: str | None) -> str | None:
    """Why an alt text is not acceptable, or None if it is."""
    if alt is None or not alt.strip():
        return "missing or empty"
    text = alt.strip()
    if text.lower() in GENERIC_ALT:
        return "a generic word"
    if FILENAME_ALT.search(text):
        return "a file name"
    return None


# --------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------
def test_every_toc_page_is_built(pages):
    """Every page in _toc.yml, and nothing unexpected, is in the build output."""
    toc_pages = {f"{d}.html" for d in _toc_docnames()}
    extra = set(pages) - toc_pages - {"index.html", "genindex.html", "search.html"}
    assert not extra, f"pages built that are not in _toc.yml: {sorted(extra)}"


def test_pages_load_cleanly_and_images_have_alt_text(visit, pages):
    """No external or failed request, no console error, and real alt text, on every page."""
    report = {}
    for rel in pages:
        v = visit(rel)
        page = v.open()
        content = page.locator("article.bd-article")
        if content.count() == 0:
            content = page.locator("main")
        problems = v.problems()
        if content.count():
            for img in content.first.locator("img").all():
                alt = img.get_attribute("alt")
                why = _bad_alt(alt)
                if why:
                    src = img.get_attribute("src")
                    problems.append(f"image {src}: alt text {alt!r} is {why}")
        v.screenshot()
        if problems:
            report[rel] = problems
        v.close()
    assert not report, "\n".join(
        f"{rel}:\n  " + "\n  ".join(p) for rel, p in report.items())


@pytest.mark.parametrize("docname", _chapter_docnames())
def test_chapter_quizzes_give_feedback(visit, built_site, docname):
    """Each multiple-choice question answers a wrong and a right click with feedback."""
    v = visit(f"{docname}.html")
    page = v.open()
    questions = page.locator("div.Quiz")
    questions.first.wait_for(state="visible", timeout=10_000)
    checked = 0
    for i in range(questions.count()):
        q = questions.nth(i)
        options = q.locator("label.MCButton")
        if options.count() == 0:
            continue  # numeric or text question: not a multiple-choice one
        feedback = q.locator(".Feedback")
        wrong = q.locator('label.MCButton[data-correct="false"]')
        right = q.locator('label.MCButton[data-correct="true"]')
        assert right.count() >= 1, f"question {i + 1} on {docname} has no correct option"
        if wrong.count():
            wrong.first.click()
            assert feedback.first.is_visible(), f"no feedback after a wrong answer (question {i + 1})"
            text = feedback.first.inner_text().strip()
            assert text, f"empty feedback after a wrong answer (question {i + 1})"
            assert "incorrect" in (feedback.first.get_attribute("class") or "")
            assert "incorrectButton" in (wrong.first.get_attribute("class") or "")
        right.first.click()
        assert feedback.first.is_visible(), f"no feedback after the right answer (question {i + 1})"
        text_right = feedback.first.inner_text().strip()
        assert text_right, f"empty feedback after the right answer (question {i + 1})"
        assert re.search(r"\bcorrect\b", feedback.first.get_attribute("class") or "")
        assert "correctButton" in (right.first.get_attribute("class") or "")
        checked += 1
    assert checked, f"{docname}: no multiple-choice quiz question found on the page"
    assert not v.problems(), "\n".join(v.problems())


@pytest.mark.parametrize("docname", _chapter_docnames())
def test_chapter_has_launch_buttons(visit, docname):
    """Binder and Colab buttons point at this chapter's notebook in the repository."""
    v = visit(f"{docname}.html")
    page = v.open()
    notebook = f"{docname}.ipynb"
    binder = page.locator('a[href*="/v2/gh/"]')
    colab = page.locator('a[href*="colab.research.google.com/github/"]')
    assert binder.count() >= 1, "no Binder launch button"
    assert colab.count() >= 1, "no Colab launch button"
    for link in (binder.first, colab.first):
        href = link.get_attribute("href") or ""
        assert href.endswith(notebook), f"{href} does not open {notebook}"
        assert "/./" not in href, f"{href} has a '/./' in its path"
    # The launch menu opens from its button, and the Binder entry is then visible.
    page.locator("button.dropdown-toggle[aria-label*='aunch']").first.click()
    assert binder.first.is_visible(), "the Binder button does not show in the launch menu"


def test_search_finds_a_glossary_term(visit):
    """The built-in search works offline: a term from the glossary is found."""
    v = visit("search.html")
    page = v.open("?q=Heixiazi")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="attached", timeout=15_000)
    hrefs = [a.get_attribute("href") or "" for a in results.locator("a").all()]
    assert any("glossary" in h for h in hrefs), f"search for Heixiazi did not find the glossary: {hrefs}"
    assert not v.problems(), "\n".join(v.problems())


def _figure_alts(docname: str) -> list[str]:
    """Alt texts of the figures a chapter shows on the site, from the notebook itself."""
    import nbformat

    nb = nbformat.read(ROOT / f"{docname}.ipynb", as_version=4)
    alts = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type != "code" or tags & {"remove-output", "remove-cell"}:
            continue
        if any("image/png" in o.get("data", {}) for o in cell.outputs):
            alts.append(cell.metadata.get("mystnb", {}).get("image", {}).get("alt", ""))
    return alts


@pytest.mark.parametrize("docname", _chapter_docnames())
def test_chapter_figures_are_shown_with_their_alt_text(visit, built_site, docname):
    """Every figure the notebook draws appears on the page, loads, and carries its alt text."""
    expected = _figure_alts(docname)
    assert expected, f"{docname} shows no figure on the site"
    v = visit(f"{docname}.html")
    page = v.open()
    images = page.locator("article.bd-article img").all()
    shown = []
    for img in images:
        img.scroll_into_view_if_needed()
        loaded = img.evaluate("i => i.complete && i.naturalWidth > 0")
        assert loaded, f"image {img.get_attribute('src')} did not load"
        shown.append(img.get_attribute("alt"))
    v.close()
    assert shown == expected
