"""The published site, checked the way a reader meets it: in a browser, with no network.

The session builds the book once (``jupyter-book build . -n -W --keep-going --all``), serves
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

Every page is opened once per mode, and all of these checks read that one visit. The
light-mode visit also

- collects the page's links as the browser sees them (scripts included) and checks, with
  the links in the HTML files themselves, that every internal link and ``#anchor``
  resolves (``tests/test_site_links.py``: the target file exists and has that id);
- checks the layout at 1280 px and, resized, at a phone's 390 x 844 px: the page itself
  never scrolls sideways (wide tables and code scroll in their own box), the primary
  sidebar is folded behind its menu button on the phone and opens from it, and no
  visible text is smaller than 12 px; axe's scrollable-region rule runs at phone width;
- saves full-page screenshots in ``_build/site-test-screenshots/``: every page at
  1280 px in both modes, and the pages in ``PHONE_SCREENSHOT_PAGES`` at 390 px, to be
  looked at by a person after a change to the layout.

On every chapter page (a notebook) it also checks that the quizzes answer a click on a
wrong option and on the right option with visible feedback, that they work with the
keyboard alone (Tab reaches an option, which shows a focus ring; Space and Enter choose
it; feedback appears), that every figure the notebook draws (a widget's static
companion included) is on the page with its alt text, and that the Binder and Colab
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
from test_site_links import broken_links

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
BUILD_LOG = BUILD_DIR / "site-test-build.log"
SCREENSHOT_DIR = BUILD_DIR / "site-test-screenshots"
# The layout is checked at a desktop width and at a phone's (an iPhone 12-15: 390 x 844).
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
PHONE_VIEWPORT = {"width": 390, "height": 844}
# Full-page screenshots at phone width (each is tens of thousands of pixels tall, so not
# every page): two chapters with wide tables, maps, widgets' figures, quizzes and Chinese
# names, and the landing page.
PHONE_SCREENSHOT_PAGES = (
    "book/index.html", "notebooks/02_border_disputes.html", "notebooks/07_sreb_eaeu.html")
# No visible text smaller than this (CSS pixels).
MIN_FONT_PX = 12
# pydata-sphinx-theme recomputes which boxes scroll 300 ms after a resize (tab stops).
RESIZE_SETTLE_MS = 600
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
def build_book() -> Path:
    """Build the book; fail with the log's tail on any warning. Return the HTML folder.

    The session fixture ``built_site`` (tests/conftest.py) calls it once for every test
    file that needs the built site.
    """
    # --all: read every page again, as a clean build in CI does. An incremental build
    # keeps pages whose source did not change, and with them citation links to
    # bibliography anchors that a changed .bib file has renumbered. Executed notebooks
    # still come from the execution cache.
    cmd = [_jupyter_book_executable(), "build", str(ROOT), "-n", "-W", "--keep-going", "--all"]
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
        options = {"viewport": dict(DESKTOP_VIEWPORT), "service_workers": "block"}
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

    def screenshot(self, width_label: str = ""):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = self.rel.replace("/", "__").removesuffix(".html")
        name += f".{self.mode}" if self.mode else ""
        name += f".{width_label}.png" if width_label else ".png"
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


# --------------------------------------------------------------------------------------
# Layout at desktop and phone width
# --------------------------------------------------------------------------------------
# What a reader would notice at this width: the page scrolling sideways (and which boxes
# stick out of it, outside any box that scrolls on its own), text below MIN_FONT_PX,
# and where the primary sidebar and its menu button are.
_LAYOUT_JS = """(minFont) => {
  const describe = el => {
    const cls = (typeof el.className === 'string' && el.className.trim())
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '';
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + (text ? ` "${text}"` : '');
  };
  const scrollsItself = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
    }
    return false;
  };
  const shown = el => {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || parseFloat(cs.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;   // a visually hidden (sr-only) box is 1 px
  };
  const out = {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth,
               sticking_out: [], small_text: []};
  // A box's own rectangle does not grow with text that overflows it (a long URL), so the
  // right edge of its contents counts too.
  const rightEdge = el => {
    let right = el.getBoundingClientRect().right;
    if (Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) {
      const range = document.createRange();
      range.selectNodeContents(el);
      right = Math.max(right, range.getBoundingClientRect().right);
    }
    return right;
  };
  if (out.scrollWidth > innerWidth + 1) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && rightEdge(el) > innerWidth + 1 && !scrollsItself(el) && shown(el)) {
        out.sticking_out.push(`${describe(el)} (right edge at ${Math.round(rightEdge(el))} px)`);
        if (out.sticking_out.length >= 6) break;
      }
    }
  }
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size >= minFont || !shown(el)) continue;
    const d = `${describe(el)} (${size.toFixed(1)} px)`;
    if (!seen.has(d)) { seen.add(d); out.small_text.push(d); }
    if (out.small_text.length >= 8) break;
  }
  const sb = document.getElementById('pst-primary-sidebar');
  if (sb) {
    const r = sb.getBoundingClientRect();
    out.sidebar_shown = shown(sb) && r.right > 0 && r.left < innerWidth;
  }
  const toggle = document.querySelector('button.primary-toggle');
  out.toggle_shown = !!toggle && shown(toggle);
  return out;
}"""


def _layout_problems(page, label: str) -> list[str]:
    """What is wrong with the page's layout at the current viewport, each line prefixed."""
    found = page.evaluate(_LAYOUT_JS, MIN_FONT_PX)
    problems = []
    if found["scrollWidth"] > found["innerWidth"] + 1:
        problems.append(
            f"{label}: the page scrolls sideways ({found['scrollWidth']} px of content in a "
            f"{found['innerWidth']} px window); sticking out: "
            + ("; ".join(found["sticking_out"]) or "(no single box found)"))
    for what in found["small_text"]:
        problems.append(f"{label}: text smaller than {MIN_FONT_PX} px: {what}")
    return problems


def _phone_sidebar_problems(page, label: str) -> list[str]:
    """On a phone the primary sidebar is folded away, and its menu button opens and closes it."""
    found = page.evaluate(_LAYOUT_JS, MIN_FONT_PX)
    if "sidebar_shown" not in found:
        return []  # a page without the primary sidebar (none in this book so far)
    problems = []
    if found["sidebar_shown"]:
        problems.append(f"{label}: the primary sidebar is still shown beside the text")
    if not found["toggle_shown"]:
        return problems + [f"{label}: no visible menu button (button.primary-toggle) for the sidebar"]
    page.locator("button.primary-toggle").first.click()
    dialog = page.locator("dialog#pst-primary-sidebar-modal")
    nav_link = dialog.locator("nav a").first
    try:
        nav_link.wait_for(state="visible", timeout=3_000)
    except Exception:  # noqa: BLE001 - reported below
        problems.append(f"{label}: the menu button does not open the sidebar with its links")
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    if dialog.evaluate("d => d.open"):
        problems.append(f"{label}: Escape does not close the sidebar opened from the menu button")
    return problems


class PageAudit:
    """What one page in one colour mode showed: load problems, image problems, axe findings;
    in light mode also its links as the browser saw them and its layout at both widths."""

    def __init__(self, rel: str, mode: str):
        self.rel, self.mode = rel, mode
        self.load_problems: list[str] = []
        self.image_problems: list[str] = []
        self.axe: list[dict] = []
        self.links: list[str] = []
        self.layout_problems: list[str] = []


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
        if mode == COLOUR_MODES[0] and rel != "index.html":
            _check_links_and_layout(audit, v, axe)
    finally:
        v.close()
    return audit


def _check_links_and_layout(audit: PageAudit, v: PageVisit, axe) -> None:
    """The light-mode visit's extra checks: links as the browser sees them, and the
    layout at desktop width, then at phone width (the same page, resized)."""
    page = v.page
    audit.links = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href)")
    desktop = f"{DESKTOP_VIEWPORT['width']} px"
    audit.layout_problems += _layout_problems(page, desktop)
    page.set_viewport_size(dict(PHONE_VIEWPORT))
    page.wait_for_timeout(RESIZE_SETTLE_MS)
    phone = f"{PHONE_VIEWPORT['width']} px"
    audit.layout_problems += _layout_problems(page, phone)
    # A box that scrolls sideways only on a phone must still be reachable by keyboard.
    narrow = _axe_findings(axe.run(page, options={
        "runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]},
        "resultTypes": ["violations"]}).response)
    audit.layout_problems += [f"{phone}: axe [{f['impact']}] {f['rule']}: {f['target']}"
                              for f in narrow]
    if audit.rel in PHONE_SCREENSHOT_PAGES:
        v.screenshot("phone")
    audit.layout_problems += _phone_sidebar_problems(page, phone)


@pytest.fixture(scope="session")
def audits(browser, site_url, pages) -> dict[str, list[PageAudit]]:
    """Every built page opened once in each colour mode; all findings written to a file."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as exc:  # pragma: no cover - it is in requirements.txt
        pytest.fail(f"axe-playwright-python is not installed: {exc}", pytrace=False)
    axe = Axe()
    # Screenshots of this run only: a page renamed or removed leaves no stale picture.
    shutil.rmtree(SCREENSHOT_DIR, ignore_errors=True)
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


def test_internal_links_and_anchors_resolve(audits, built_site, pages, site_url):
    """Every link inside the site reaches a file that exists, and its #anchor an element
    with that id: navigation, cross-references, glossary terms, citations and their
    back-references, download buttons; read from the HTML files and, for links that
    scripts add, from the page in the browser."""
    seen = {a.rel: a.links for a in audits[COLOUR_MODES[0]]}
    report = broken_links(built_site, pages, extra=seen, site_origin=site_url)
    assert not report, "links that do not resolve:\n" + "\n".join(
        f"{rel}:\n  " + "\n  ".join(bad) for rel, bad in report.items())


def test_layout_at_desktop_and_phone_width(audits):
    """At 1280 px and at 390 px: the page never scrolls sideways, no text is under 12 px,
    and on the phone the sidebar folds behind a menu button that opens and closes it."""
    report = {a.rel: a.layout_problems for a in audits[COLOUR_MODES[0]] if a.layout_problems}
    assert not report, (
        f"layout problems (screenshots in {SCREENSHOT_DIR}):\n"
        + "\n".join(f"{rel}:\n  " + "\n  ".join(p) for rel, p in report.items()))


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


# The focused element and the quiz option (label) around it, with the label's focus ring.
_QUIZ_FOCUS_JS = """() => {
  const el = document.activeElement;
  const label = el && el.closest ? el.closest('label.MCButton') : null;
  if (!label) return {inOption: false, tag: el ? el.tagName : null};
  const cs = getComputedStyle(label);
  const quiz = label.closest('div.Quiz');
  return {inOption: true, role: el.getAttribute('type') || el.getAttribute('role') || el.tagName,
          outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth),
          boxShadow: cs.boxShadow, labelId: label.id,
          quizIndex: Array.from(document.querySelectorAll('div.Quiz')).indexOf(quiz)};
}"""

# Start where a reader who followed the contents' link to the quiz section would: on its
# heading (made focusable for the test only, as a fragment link would place the caret).
_FOCUS_BEFORE_FIRST_QUIZ_JS = """() => {
  const quiz = document.querySelector('div.Quiz');
  const section = quiz.closest('section');
  const heading = section && section.querySelector('h1, h2, h3, h4');
  if (!heading) return false;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
  return document.activeElement === heading;
}"""

MAX_TABS_TO_QUIZ = 40


def _tab_to_next_option(page, after_quiz: int = -1) -> dict:
    """Press Tab until the focus is on a quiz option of a quiz after ``after_quiz``."""
    for _ in range(MAX_TABS_TO_QUIZ):
        page.keyboard.press("Tab")
        state = page.evaluate(_QUIZ_FOCUS_JS)
        if state["inOption"] and state["quizIndex"] > after_quiz:
            return state
    return {"inOption": False}


def _feedback_after(page, quiz_index: int) -> tuple[str, str]:
    fb = page.locator("div.Quiz").nth(quiz_index).locator(".Feedback").first
    if not fb.is_visible():
        return "", ""
    return fb.inner_text().strip(), fb.get_attribute("class") or ""


@pytest.mark.parametrize("docname", _chapter_docnames())
def test_chapter_quizzes_work_with_the_keyboard_alone(visit, built_site, docname):
    """From the quiz's heading, Tab reaches an option, which shows a focus ring; Space
    chooses it and feedback appears; Tab goes on to the next question, whose option
    Enter chooses. No mouse is used."""
    v = visit(f"{docname}.html")
    page = v.open()
    page.locator("div.Quiz label.MCButton").first.wait_for(state="visible", timeout=10_000)
    assert page.evaluate(_FOCUS_BEFORE_FIRST_QUIZ_JS), "no heading before the first quiz to start from"
    first = _tab_to_next_option(page)
    assert first["inOption"], f"{MAX_TABS_TO_QUIZ} presses of Tab did not reach a quiz option"
    assert first["role"] in ("radio", "checkbox", "button"), f"the focused option is a {first['role']}"
    ring = (first["outlineStyle"] not in ("none", "") and first["outlineWidth"] >= 2) \
        or first["boxShadow"] not in ("none", "")
    assert ring, f"the focused option has no visible focus style: {first}"
    page.keyboard.press("Space")
    text, cls = _feedback_after(page, first["quizIndex"])
    assert text and re.search(r"\b(in)?correct\b", cls), \
        f"Space on an option gave no feedback (class {cls!r}, text {text!r})"
    assert re.search(r"\b(in)?correctButton\b", page.locator(f"label#{first['labelId']}").get_attribute("class") or "")
    # Tab leaves this question's options (one stop per group of radio buttons) for the next one.
    second = _tab_to_next_option(page, after_quiz=first["quizIndex"])
    assert second["inOption"], "Tab did not go on from the first question to the next one's options"
    page.keyboard.press("Enter")
    text, cls = _feedback_after(page, second["quizIndex"])
    assert text and re.search(r"\b(in)?correct\b", cls), \
        f"Enter on an option gave no feedback (class {cls!r}, text {text!r}); book/_static/a11y.js " \
        "makes Enter choose an option"
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


# A code cell that builds an interactive explorer (an ipywidgets view of the data). On the
# site it has no kernel, so its output is removed and a static figure stands in for it.
_WIDGET_CALL = re.compile(r"\b[A-Z]\w*Explorer\(")
_HIDING_TAGS = {"remove-output", "remove-cell", "remove_output", "remove_cell"}


def _figure_cells(docname: str) -> tuple[list[str], list[str]]:
    """The figures a chapter must show on the site, read from the notebook itself.

    Returns the alt texts of the cells that carry ``mystnb.image.alt`` metadata (the
    figures, each widget's static companion among them), in notebook order, and the
    problems with the notebook's own promise: a figure cell whose output is removed, a
    cell with a saved image but no alt metadata, a widget without a companion figure
    (one in the cells since the previous widget).

    Example:
        >>> alts, problems = _figure_cells("notebooks/02_border_disputes")
        >>> len(alts) >= 2 and problems == []
        True
    """
    import nbformat

    nb = nbformat.read(ROOT / f"{docname}.ipynb", as_version=4)
    alts: list[str] = []
    problems: list[str] = []
    figures_since_widget = 0
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        tags = set(cell.get("metadata", {}).get("tags", []))
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        has_image = any(k.startswith("image/") for o in cell.outputs for k in o.get("data", {}))
        if alt:
            if tags & _HIDING_TAGS:
                problems.append(f"cell {number} is a figure (it has alt text) but is tagged "
                                f"{sorted(tags & _HIDING_TAGS)}, so the site does not show it")
            else:
                alts.append(alt)
                figures_since_widget += 1
        elif has_image and not tags & _HIDING_TAGS:
            problems.append(f"cell {number} shows an image but has no mystnb.image.alt metadata")
        if _WIDGET_CALL.search(cell.source):
            if not figures_since_widget:
                problems.append(f"cell {number} builds a widget ({_WIDGET_CALL.search(cell.source).group(0)}"
                                "...) with no static companion figure before it")
            figures_since_widget = 0
    return alts, problems


@pytest.mark.parametrize("docname", _chapter_docnames())
def test_chapter_figures_are_shown_with_their_alt_text(visit, built_site, docname):
    """Every figure the notebook promises (each cell with ``mystnb.image.alt``, every
    widget's static companion among them) is on the page, in order, loaded, with its
    alt text; and the page shows no other image in its text."""
    expected, promise_problems = _figure_cells(docname)
    assert not promise_problems, f"{docname}.ipynb:\n  " + "\n  ".join(promise_problems)
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
    missing = [alt for alt in expected if alt not in shown]
    assert not missing, "figures of the notebook that are not on the page:\n  " + "\n  ".join(
        a[:100] for a in missing)
    assert shown == expected, f"the page's images differ from the notebook's figures: {shown}"
    assert not v.problems(), "\n".join(v.problems())


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
