"""The published site, checked the way a reader meets it: in a browser, with no network.

The session builds the book once (``jupyter-book build . -n -W --keep-going``), serves
``_build/html`` on 127.0.0.1 and opens every page in headless Chromium (Debian's
``/usr/bin/chromium``, driven by Playwright; Playwright's own browser download is never
used). For every page it checks that

- nothing is requested from outside 127.0.0.1, and no request fails;
- the browser console shows no error and no script throws;
- every image has alt text, and every image in the page content has real alt text
  (not empty, not a file name or a generic word, at least a few words long);
- axe-core (bundled by ``axe-playwright-python``, so nothing comes from a CDN) finds no
  violation of impact "critical" or "serious", with the page in light AND in dark mode
  (pydata-sphinx-theme's own setting in ``localStorage``, with the browser's
  ``prefers-color-scheme`` emulated to match, checked to have taken effect before axe
  runs; closed ``<details>`` and toggles are opened first so hidden code and solutions
  are checked too);
- no data table has an empty header cell (axe's ``empty-table-header``, a "minor" rule
  kept here because the course fixes it with ``zhao_course.tables``).

Every page is opened once per mode, and all of these checks read that one visit.

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
from chromium import launched_chromium, only_host, tail

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
BUILD_LOG = BUILD_DIR / "site-test-build.log"
SCREENSHOT_DIR = BUILD_DIR / "site-test-screenshots"
BUILD_TIMEOUT_S = 1800
COLOUR_MODES = ("light", "dark")
# axe impacts that fail a page; "moderate" and "minor" findings are only listed in the
# audit file below; the table rules have a test of their own.
AXE_FAILING_IMPACTS = {"critical", "serious"}
AXE_TABLE_RULES = {"empty-table-header"}
AXE_REPORT = BUILD_DIR / "site-test-axe.txt"
# Alt text of an image in the page content must say something: this many words at least.
MIN_ALT_WORDS = 3
MIN_ALT_CHARS = 15
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



def _tail(text: str, n: int = LOG_TAIL_LINES) -> str:
    return tail(text, n)


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
    with launched_chromium("the browser tests") as b:
        yield b


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

    def __init__(self, browser, base_url: str, rel: str, mode: str | None = None):
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.rel = rel
        self.mode = mode
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.external_requests: list[str] = []
        options = {"viewport": {"width": 1280, "height": 900}, "service_workers": "block"}
        if mode:
            options["color_scheme"] = mode
        self.context = browser.new_context(**options)
        if mode:
            # pydata-sphinx-theme reads the reader's choice from localStorage in an inline
            # script at the top of <head>, before any style applies (theme-switcher and
            # pydata-sphinx-theme.js: setTheme stores "mode" and "theme").
            self.context.add_init_script(
                f"try {{ localStorage.setItem('mode', '{mode}');"
                f" localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}")
        self.context.route("**/*", only_host(self.host, self.external_requests))
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.page.on("requestfailed", self._on_failed)
        self.page.on("response", self._on_response)

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
        name = self.rel.replace("/", "__").removesuffix(".html")
        name += f".{self.mode}.png" if self.mode else ".png"
        try:
            self.page.screenshot(path=str(SCREENSHOT_DIR / name), full_page=True)
        except Exception:  # noqa: BLE001 - a screenshot is a convenience, not a check
            pass

    def close(self):
        self.context.close()


def _bad_alt(alt: str | None) -> str | None:
    """Why an alt text is not acceptable, or None if it is."""
    if alt is None or not alt.strip():
        return "missing or empty"
    text = alt.strip()
    if text.lower() in GENERIC_ALT:
        return "a generic word"
    if FILENAME_ALT.search(text):
        return "a file name"
    if len(text) < MIN_ALT_CHARS or len(text.split()) < MIN_ALT_WORDS:
        return f"too short to describe anything (fewer than {MIN_ALT_WORDS} words)"
    return None


# --------------------------------------------------------------------------------------
# One audit per page and colour mode: load, images, axe
# --------------------------------------------------------------------------------------
# Is the page really in the mode asked for? The theme's attribute, and the colour the
# dark or light stylesheet gives the page background.
_MODE_STATE_JS = """() => {
  const rgb = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return {theme: document.documentElement.dataset.theme,
          luminance: 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])};
}"""

_OPEN_HIDDEN_JS = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  document.querySelectorAll("button.toggle-button.toggle-button-hidden")
    .forEach(b => b.click());
}"""


def _images(page) -> list[str]:
    """Problems with the images of a page: alt text missing anywhere, or poor in the content."""
    problems = []
    for img in page.locator("img").all():
        hidden = img.evaluate(
            "i => i.getAttribute('role') === 'presentation' || i.closest('[aria-hidden=true]') !== null")
        alt = img.get_attribute("alt")
        src = img.get_attribute("src")
        in_content = img.evaluate(
            "i => { const c = document.querySelector('article.bd-article')"
            " || document.querySelector('main'); return c !== null && c.contains(i); }")
        why = _bad_alt(alt) if in_content else (None if (alt or "").strip() else "missing or empty")
        if why and not hidden:
            problems.append(f"image {src}: alt text {alt!r} is {why}")
    return problems


def _axe_findings(results: dict) -> list[dict]:
    """One entry per element axe flags: rule, impact, target, help, why."""
    found = []
    for violation in results.get("violations", []):
        for node in violation.get("nodes", []):
            summary = (node.get("failureSummary") or "").splitlines()
            found.append({
                "rule": violation["id"],
                "impact": node.get("impact") or violation.get("impact") or "unknown",
                "target": " ".join(" >>> ".join(t) if isinstance(t, list) else str(t)
                                   for t in node.get("target", [])),
                "help": violation.get("help", ""),
                "url": violation.get("helpUrl", ""),
                "why": summary[-1].strip() if summary else "",
            })
    return found


def _format_findings(findings: list[dict]) -> str:
    return "\n".join(
        f"    [{f['impact']}] {f['rule']}: {f['target']}\n"
        f"        {f['help']} ({f['why']}) {f['url']}" for f in findings)


class PageAudit:
    """What one page in one colour mode showed: load problems, image problems, axe findings."""

    def __init__(self, rel: str, mode: str):
        self.rel, self.mode = rel, mode
        self.load_problems: list[str] = []
        self.image_problems: list[str] = []
        self.axe: list[dict] = []


def _audit_page(browser, base_url: str, rel: str, mode: str, axe) -> PageAudit:
    audit = PageAudit(rel, mode)
    v = PageVisit(browser, base_url, rel, mode)
    try:
        page = v.open()
        if rel != "index.html":  # the root index.html is only a redirect
            state = page.evaluate(_MODE_STATE_JS)
            dark = state["luminance"] < 0.2
            if state["theme"] != mode or dark != (mode == "dark"):
                audit.load_problems.append(
                    f"the page did not switch to {mode} mode: data-theme={state['theme']!r}, "
                    f"background luminance {state['luminance']:.2f}")
        audit.image_problems = _images(page)
        page.evaluate(_OPEN_HIDDEN_JS)
        page.wait_for_timeout(200)
        v.screenshot()
        # Taken before axe runs: axe fetches the stylesheets itself and resolves the
        # theme's `@import "../basic.css"` against the page, a 404 that is axe's own.
        audit.load_problems += v.problems()
        audit.axe = _axe_findings(axe.run(page, options={"resultTypes": ["violations"]}).response)
    finally:
        v.close()
    return audit


@pytest.fixture(scope="session")
def audits(browser, site_url, pages) -> dict[str, list[PageAudit]]:
    """Every built page opened once in each colour mode; all findings written to a file."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as exc:  # pragma: no cover - it is in requirements.txt
        pytest.fail(f"axe-playwright-python is not installed: {exc}", pytrace=False)
    axe = Axe()
    result = {mode: [_audit_page(browser, site_url, rel, mode, axe) for rel in pages]
              for mode in COLOUR_MODES}
    lines = []
    for mode, page_audits in result.items():
        for a in page_audits:
            counts = {}
            for f in a.axe:
                counts[f["impact"]] = counts.get(f["impact"], 0) + 1
            lines.append(f"{mode:5} {a.rel}: {counts or 'no violation'}")
            if a.axe:
                lines.append(_format_findings(a.axe))
    BUILD_DIR.mkdir(exist_ok=True)
    AXE_REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return result


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


# --------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------
def test_every_toc_page_is_built(pages):
    """Every page in _toc.yml, and nothing unexpected, is in the build output."""
    toc_pages = {f"{d}.html" for d in _toc_docnames()}
    extra = set(pages) - toc_pages - {"index.html", "genindex.html", "search.html"}
    assert not extra, f"pages built that are not in _toc.yml: {sorted(extra)}"


@pytest.mark.parametrize("mode", COLOUR_MODES)
def test_pages_load_cleanly(audits, mode):
    """In both colour modes: the mode applies, no external or failed request, no console error."""
    report = {a.rel: a.load_problems for a in audits[mode] if a.load_problems}
    assert not report, f"{mode} mode:\n" + "\n".join(
        f"{rel}:\n  " + "\n  ".join(p) for rel, p in report.items())


def test_images_have_alt_text(audits):
    """Every image has alt text; in the page content it describes the image in words."""
    report = {a.rel: a.image_problems for a in audits["light"] if a.image_problems}
    assert not report, "\n".join(f"{rel}:\n  " + "\n  ".join(p) for rel, p in report.items())


@pytest.mark.parametrize("mode", COLOUR_MODES)
def test_pages_have_no_serious_accessibility_violation(audits, mode):
    """axe-core finds nothing critical or serious on any page, in light and in dark mode."""
    report = {}
    for a in audits[mode]:
        bad = [f for f in a.axe if f["impact"] in AXE_FAILING_IMPACTS]
        if bad:
            report[a.rel] = bad
    assert not report, (
        f"axe, {mode} mode: critical or serious violations (all findings in {AXE_REPORT}):\n"
        + "\n".join(f"  {rel}:\n{_format_findings(found)}" for rel, found in report.items()))


def test_data_tables_have_no_empty_header_cell(audits):
    """No table announces an empty header: DataFrames go through zhao_course.tables."""
    report = {}
    for a in audits["light"]:
        bad = [f for f in a.axe if f["rule"] in AXE_TABLE_RULES]
        if bad:
            report[a.rel] = bad
    assert not report, (
        "tables with an empty header cell (a DataFrame shown with pandas's own HTML: call "
        "zhao_course.tables.enable_accessible_tables() in the chapter's setup cell and "
        "re-execute the chapter):\n"
        + "\n".join(f"  {rel}:\n{_format_findings(found)}" for rel, found in report.items()))


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


def test_glossary_draws_chinese_names_with_the_course_font(visit):
    """A reader without a Chinese system font still sees the names: the site's CJK font
    is in the page's font stack, is served, and has the glyphs."""
    v = visit("book/glossary.html")
    page = v.open()
    family = page.evaluate("() => getComputedStyle(document.querySelector('dl.glossary dd')).fontFamily")
    assert "Zhao Course CJK" in family, f"the glossary text is not set in a stack with the course font: {family}"
    # Load it explicitly: a machine with its own Chinese font would never need it.
    faces = page.evaluate("""async () => {
        const loaded = await document.fonts.load('16px "Zhao Course CJK"', '黑瞎子岛');
        return loaded.map(f => [f.family, f.status]);
    }""")
    assert faces and all(status == "loaded" for _, status in faces), f"the course's CJK font did not load: {faces}"
    assert not v.problems(), "\n".join(v.problems())
