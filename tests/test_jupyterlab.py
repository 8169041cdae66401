"""Every chapter run the way a learner runs it: in a real JupyterLab, in a real browser.

One JupyterLab server is started for the whole module (a free port on 127.0.0.1, a random
token, no browser of its own, its own config, runtime and IPython folders) on a
temporary folder that holds copies of the chapters with their outputs cleared. The
repository's notebooks are never opened, so nothing the server does can touch them;
autosave is off too, and the test checks at the end that the copies were not saved.
Headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright; Playwright's own
browser download is never used) opens each chapter, waits for "Idle", and

1. runs every cell from the menu (*Run > Run All Cells*), waits until no cell is
   running or queued and the kernel is idle, and requires an execution count on every
   code cell (read from the notebook model through ``window.jupyterapp``, which the
   server exposes for the test: cells with hidden input show no prompt);
2. fails if any output is an error or is written to stderr, naming the cell and quoting
   the text;
3. moves every ipywidgets control it finds (slider: focus the handle, press ArrowRight;
   dropdown: choose another option; button: click) and requires that the control's
   cell answers: its text (``.widget-html`` and the like) and its image
   (``.widget-image`` or any ``img``, compared by the bytes of the picture, not by the
   blob URL) must both change;
4. clicks a wrong and a right option of every multiple-choice quiz question, clicks an
   option of every many-choice question, and types a wrong and a right answer (then
   Enter) into every numeric question, requiring visible, non-empty feedback each time.

A chapter without any widget or any quiz is not passed silently: the test emits a
warning that says which check had nothing to check.

JupyterLab 4 renders notebooks "windowed" (cells off screen are detached or hidden);
the server is given user settings that switch that off (``windowingMode: "none"``), and
the test checks that every cell of the file is in the page. The same settings turn
autosave off and stop the news and update checks. The browser may only talk to the
server: any other request is blocked and reported, as is any uncaught script error.

A self-test runs the same checks on a small broken notebook (a cell that writes to
stderr, a slider that answers nothing, a cell that raises, a cell that therefore never
runs; and a dropdown and a button that do answer) and requires exactly those four
failures, each naming its cell.

Without ``/usr/bin/chromium`` the test is skipped, except under CI (the ``CI``
environment variable set), where it fails, as the site tests do.

Marked ``lab`` (run only these with ``python -m pytest -m lab``) and ``site`` (so
``-m "not site"`` leaves out every browser test).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import launched_chromium, only_host, tail

pytestmark = [pytest.mark.lab, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SERVER_START_TIMEOUT_S = 90
RUN_ALL_TIMEOUT_S = 300  # the same as nbval's cell timeout in pyproject.toml
WIDGET_TIMEOUT_MS = 20_000
LOG_TAIL_LINES = 60

# User settings for the test's JupyterLab (written into a temporary settings folder).
LAB_SETTINGS = {
    # JupyterLab 4 virtualises the notebook: cells off screen are not in the DOM (or are
    # hidden), so their outputs could not be checked.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    # The copies are never saved; autosave off as well.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # No news or update check (no network, no toast over the notebook).
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                     "checkForUpdates": False},
}

STDERR_MIME = "application/vnd.jupyter.stderr"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# Output text of a widget's cell that must change when a control moves.
WIDGET_TEXT_SELECTOR = ".widget-html, .widget-htmlmath, .widget-label, .widget-output"
WIDGET_IMAGE_SELECTOR = "img"  # ipywidgets' Image is an <img class="widget-image">
SLIDER_SELECTOR = ".widget-slider"
DROPDOWN_SELECTOR = ".widget-dropdown select"
BUTTON_SELECTOR = "button.widget-button, .widget-toggle-button"



def _tail(text: str, n: int = LOG_TAIL_LINES) -> str:
    return tail(text, n)



def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------
# The JupyterLab server
# --------------------------------------------------------------------------------------
@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen

    def api(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}{path}", data=data, method=method,
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode() or "null"
        return json.loads(text)

    def log_tail(self) -> str:
        try:
            return _tail(self.log.read_text(errors="replace"))
        except OSError:
            return "(no server log)"

    def shutdown_kernels(self) -> None:
        """End the kernels of finished chapters, so they do not compete for the CPU."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except (OSError, urllib.error.URLError, ValueError):
            pass


def _prepare_root(root: Path, notebooks: list[Path]) -> None:
    """Copies of the notebooks in ``root/notebooks``, outputs and counts cleared."""
    import nbformat

    target = root / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, target / path.name)


def _start_lab(workdir: Path) -> LabServer:
    root = workdir / "root"
    settings = workdir / "settings"
    for plugin, values in LAB_SETTINGS.items():
        f = settings / f"{plugin}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    for name in ("config", "runtime", "workspaces", "ipython"):
        (workdir / name).mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update({
        "JUPYTER_CONFIG_DIR": str(workdir / "config"),    # no user config of the host
        "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
        "IPYTHONDIR": str(workdir / "ipython"),           # no user startup files
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(workdir / "workspaces"),
        "PYTHONUNBUFFERED": "1",
    })
    token = secrets.token_hex(24)
    log = workdir / "jupyterlab.log"
    port = _free_port()
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.terminals_enabled=False",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
        "--LabApp.news_url=",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: cell counts and states
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    server = LabServer(f"http://127.0.0.1:{port}", token, root, log, process)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {process.returncode} before "
                               f"it answered:\n{server.log_tail()}")
        try:
            server.api("GET", "/api/status")
            return server
        except (OSError, urllib.error.URLError, ValueError):
            if time.monotonic() > deadline:
                _stop_lab(server)
                raise RuntimeError(f"JupyterLab did not answer on {server.url} within "
                                   f"{SERVER_START_TIMEOUT_S} s:\n{server.log_tail()}")
            time.sleep(0.3)


def _stop_lab(server: LabServer) -> None:
    """Shut the server down through its API, then by signal; its kernels go with it."""
    process = server.process
    if process.poll() is None:
        try:
            server.api("POST", "/api/shutdown")
        except (OSError, urllib.error.URLError, ValueError):
            pass
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    # Anything left in the server's own process group (a kernel that outlived it).
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@pytest.fixture(scope="module")
def browser():
    with launched_chromium("the JupyterLab test") as b:
        yield b


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    """One JupyterLab for every chapter (and the self-test), stopped at the end."""
    workdir = tmp_path_factory.mktemp("jupyterlab")
    _prepare_root(workdir / "root", NOTEBOOKS)
    copies = sorted((workdir / "root" / "notebooks").glob("*.ipynb"))
    before = {p: _digest(p) for p in copies}
    try:
        server = _start_lab(workdir)
        failure = None
    except RuntimeError as exc:
        server, failure = None, str(exc)
    if failure:
        pytest.fail(failure, pytrace=False)
    try:
        yield server
    finally:
        _stop_lab(server)
    # The server's root is a temporary folder, so the repository cannot be written; the
    # copies must not have been saved either (autosave is off, nothing presses save).
    changed = [p.name for p in copies if _digest(p) != before[p]]
    assert not changed, f"JupyterLab saved the test's copies of {changed}"


# --------------------------------------------------------------------------------------
# Running one notebook in the browser and recording what goes wrong
# --------------------------------------------------------------------------------------
@dataclass
class LabReport:
    notebook: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # nothing to check, said aloud
    widgets_checked: int = 0
    quiz_questions_checked: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


class LabSession:
    """A notebook opened in JupyterLab in a fresh browser context."""

    def __init__(self, browser, server: LabServer, rel: str):
        self.server = server
        self.rel = rel
        self.host = urlsplit(server.url).netloc
        self.external_requests: list[str] = []
        self.page_errors: list[str] = []
        import nbformat

        nb = nbformat.read(server.root / rel, as_version=4)
        self.sources = [c.source for c in nb.cells]
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           service_workers="block")
        self.context.route("**/*", only_host(self.host, self.external_requests))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))

    def close(self):
        self.context.close()


def _cells(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")


def _kernel_ready(server: LabServer, rel: str) -> bool:
    """The notebook's kernel has started, is idle and the page is connected to it."""
    try:
        sessions = server.api("GET", "/api/sessions")
    except (OSError, urllib.error.URLError, ValueError):
        return False
    return any(s.get("path") == rel and s["kernel"].get("execution_state") == "idle"
               and s["kernel"].get("connections", 0) >= 1 for s in sessions)


def _open_notebook(session: LabSession) -> None:
    """Open the notebook and wait for its kernel, as a learner waits for "Idle"."""
    page = session.page
    # ?reset: a fresh workspace, so the tabs of earlier notebooks are not restored.
    page.goto(f"{session.server.url}/lab/tree/{session.rel}?reset&token={session.server.token}",
              wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first \
        .wait_for(timeout=60_000)
    deadline = time.monotonic() + 60
    while not _kernel_ready(session.server, session.rel):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the kernel of {session.rel} did not start within 60 s")
        # Not time.sleep: Playwright's sync API serves the page's (routed) requests
        # only while one of its calls runs.
        page.wait_for_timeout(200)
    # The page itself shows the kernel as idle (its status bar says "Idle").
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\|\s*Idle")).first \
        .wait_for(timeout=60_000)
    # Every cell is in the DOM: the windowingMode setting took effect.
    expected = len(session.sources)
    shown = _cells(page).count()
    if shown != expected:
        raise RuntimeError(f"JupyterLab shows {shown} of the {expected} cells of "
                           f"{session.rel}: is the notebook still windowed (virtualised)? "
                           f"The test sets {LAB_SETTINGS}")


def _run_all(session: LabSession) -> None:
    """Run > Run All Cells, from the menu bar, as a learner does."""
    page = session.page
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first \
        .click(position={"x": 5, "y": 5})
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()


# The notebook's model, read through the application object the server exposes to the
# page for this test (``--LabApp.expose_app_in_browser``): execution counts and states
# are there even for cells whose input is hidden (those show no prompt in the DOM).
_STATE_JS = """
() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.content || !panel.content.model) return null;
    const cells = panel.content.model.cells;
    const out = [];
    for (let i = 0; i < cells.length; i++) {
        const m = cells.get(i);
        out.push(m.type === 'code'
            ? {type: 'code', count: m.executionCount, state: m.executionState || 'idle'}
            : {type: m.type, count: null, state: null});
    }
    const kernel = panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return {cells: out, kernel: kernel ? kernel.status : 'none'};
}
"""


def _notebook_state(session: LabSession) -> dict:
    state = session.page.evaluate(_STATE_JS)
    if state is None:
        raise RuntimeError("the notebook is not JupyterLab's current widget, or "
                           "window.jupyterapp is missing (expose_app_in_browser)")
    return state


def _wait_until_executed(session: LabSession) -> None:
    """Wait until Run All has finished: something ran, nothing is queued, kernel idle.

    Run All stops at a cell that raises (later cells keep no count), so the end is "no
    cell running or queued and an idle kernel, for a second", not "every cell has a
    count"; the caller then names the cells that did not run.
    """
    session.page.wait_for_function(
        "() => { const s = (" + _STATE_JS + """)();
            if (!s) return false;
            const code = s.cells.filter(c => c.type === 'code');
            const started = code.some(c => c.count !== null || c.state === 'running');
            const settled = started && s.kernel === 'idle'
                && !code.some(c => c.state === 'running');
            const now = performance.now();
            if (!settled) { window.__labTestSettledSince = null; return false; }
            window.__labTestSettledSince = window.__labTestSettledSince || now;
            return now - window.__labTestSettledSince > 1000;
        }""",
        timeout=RUN_ALL_TIMEOUT_S * 1000, polling=200)


def _cell_label(session: "LabSession", index: int) -> str:
    """"cell 12 ('draw_border_map()')": the number JupyterLab's status bar shows, and
    the cell's first line (from the file: a cell with hidden input shows no source)."""
    lines = session.sources[index].strip().splitlines() if index < len(session.sources) else []
    return f"cell {index + 1} ({(lines[0] if lines else '')[:60]!r})"


def _check_errors(session: LabSession, report: LabReport) -> None:
    cells = _cells(session.page)
    for i in range(cells.count()):
        cell = cells.nth(i)
        if "jp-CodeCell" not in (cell.get_attribute("class") or ""):
            continue
        errors = cell.locator(f'.jp-OutputArea-output[data-mime-type="{STDERR_MIME}"]')
        for j in range(errors.count()):
            text = errors.nth(j).inner_text().strip()
            kind = ("error" if re.search(r"Traceback|Error\b|Exception\b", text)
                    else "stderr output")
            report.problems.append(f"{_cell_label(session, i)}: {kind}:\n{_tail(text, 25)}")


# ---- widgets ---------------------------------------------------------------------------
_SNAPSHOT_JS = """
async ([area, textSel, imgSel, control]) => {
    const texts = [...area.querySelectorAll(textSel)]
        .filter(e => !control.contains(e) && !e.closest('.widget-slider, .widget-dropdown'))
        .map(e => e.innerText.trim());
    const images = [];
    for (const img of area.querySelectorAll(imgSel)) {
        if (!img.src) { images.push(''); continue; }
        try {
            const buf = await (await fetch(img.src)).arrayBuffer();
            const hash = await crypto.subtle.digest('SHA-256', buf);
            images.push([...new Uint8Array(hash)].map(b => b.toString(16).padStart(2, '0')).join(''));
        } catch (e) { images.push('unreadable:' + img.src); }
    }
    const readout = control.querySelector('.widget-readout');
    const select = control.querySelector('select');
    return {texts, images,
            value: readout ? readout.innerText.trim() : (select ? select.value : '')};
}
"""


def _snapshot(area, control) -> dict:
    return area.evaluate(
        "(area, args) => (" + _SNAPSHOT_JS + ")([area, ...args])",
        [WIDGET_TEXT_SELECTOR, WIDGET_IMAGE_SELECTOR, control.element_handle()])


def _move(control, kind: str) -> str:
    """Change a control as a learner would; returns what was done."""
    if kind == "slider":
        handle = control.locator(".noUi-handle, [role='slider']").first
        handle.focus()
        handle.press("ArrowRight")
        return "focused the slider handle and pressed ArrowRight"
    if kind == "dropdown":
        select = control.locator("select").first
        values = select.evaluate("s => [...s.options].map(o => o.value)")
        current = select.input_value()
        other = next(v for v in values if v != current)
        select.select_option(other)
        return f"chose option {other!r}"
    control.click()
    return "clicked the button"


def _check_widgets(session: LabSession, report: LabReport,
                   timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    page = session.page
    cells = _cells(page)
    widget_outputs = 0
    for i in range(cells.count()):
        cell = cells.nth(i)
        area = cell.locator(".jp-OutputArea").first
        if not area.count():
            continue
        # A widget view's output node carries no data-mime-type in JupyterLab 4.6; it
        # is known by the ipywidgets DOM inside it.
        views = area.locator(f'.jp-OutputArea-output[data-mime-type="{WIDGET_MIME}"], '
                             '.jp-OutputArea-output:has(.jupyter-widgets), '
                             '.jp-OutputArea-output:has(.widget-inline-hbox)')
        if not views.count():
            continue
        widget_outputs += views.count()
        label = _cell_label(session, i)
        broken = views.filter(has_text=re.compile(r"Error displaying widget|"
                                                  r"widget model not found", re.I))
        if broken.count():
            report.problems.append(f"{label}: JupyterLab could not display a widget: "
                                   f"{broken.first.inner_text()[:300]!r}")
            continue
        controls = []
        for kind, selector in (("slider", SLIDER_SELECTOR), ("dropdown", DROPDOWN_SELECTOR),
                               ("button", BUTTON_SELECTOR)):
            found = area.locator(selector)
            for k in range(found.count()):
                c = found.nth(k)
                if kind == "dropdown":
                    c = c.locator("xpath=ancestor::*[contains(@class,'widget-dropdown')][1]")
                controls.append((kind, c))
        if not controls:
            report.problems.append(f"{label}: shows a widget but no slider, dropdown or "
                                   "button this test knows how to move")
            continue
        for kind, control in controls:
            control.scroll_into_view_if_needed()
            before = _snapshot(area, control)
            if not before["texts"] and not before["images"]:
                report.problems.append(f"{label}: the {kind} has no text or image output "
                                       "beside it to check")
                continue
            action = _move(control, kind)
            start = time.monotonic()
            after = before
            while time.monotonic() - start < timeout_ms / 1000:
                page.wait_for_timeout(200)
                after = _snapshot(area, control)
                text_ok = not before["texts"] or after["texts"] != before["texts"]
                image_ok = not before["images"] or after["images"] != before["images"]
                if text_ok and image_ok:
                    break
            unchanged = []
            if kind != "button" and after["value"] == before["value"]:
                unchanged.append(f"its value (still {before['value']!r})")
            if before["texts"] and after["texts"] == before["texts"]:
                unchanged.append("its text")
            if before["images"] and after["images"] == before["images"]:
                unchanged.append("its image")
            if unchanged:
                report.problems.append(
                    f"{label}: {action}, but within {timeout_ms / 1000:g} s "
                    f"{' and '.join(unchanged)} did not change")
            else:
                report.widgets_checked += 1
                report.seconds.setdefault("widget_response_s", round(time.monotonic() - start, 2))
    if not widget_outputs:
        report.notes.append(f"{report.notebook}: no ipywidgets output: nothing for the "
                            "widget check to move")


# ---- quizzes ---------------------------------------------------------------------------
def _feedback_after(question, act, what: str, report: LabReport, label: str,
                    want_correct: bool | None) -> None:
    feedback = question.locator(".Feedback").first
    act()
    try:
        feedback.wait_for(state="visible", timeout=5_000)
    except Exception:  # noqa: BLE001 - reported below
        report.problems.append(f"{label}: no visible feedback after {what}")
        return
    text = feedback.inner_text().strip()
    if not text:
        report.problems.append(f"{label}: empty feedback after {what}")
        return
    classes = (feedback.get_attribute("class") or "").split()
    if want_correct is True and "correct" not in classes:
        report.problems.append(f"{label}: {what} was not marked correct ({text[:120]!r})")
    if want_correct is False and "incorrect" not in classes:
        report.problems.append(f"{label}: {what} was not marked incorrect ({text[:120]!r})")


def _check_quizzes(session: LabSession, report: LabReport) -> None:
    page = session.page
    questions = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea div.Quiz")
    if not questions.count():
        report.notes.append(f"{report.notebook}: no jupyterquiz question rendered: nothing "
                            "for the quiz check to click")
        return
    for i in range(questions.count()):
        q = questions.nth(i)
        q.scroll_into_view_if_needed()
        text = q.locator("[id^='quizQn']")
        label = (f"quiz question {i + 1}"
                 + (f" ({text.first.inner_text().strip()[:60]!r})" if text.count() else ""))
        options = q.locator("label.MCButton")
        numeric = q.locator("input.Input-text")
        if options.count() and q.locator(".ManyChoiceQn").count():
            _feedback_after(q, options.first.click, "a click on the first option", report,
                            label, None)
        elif options.count():
            wrong = q.locator('label.MCButton[data-correct="false"]')
            right = q.locator('label.MCButton[data-correct="true"]')
            if not right.count():
                report.problems.append(f"{label}: no option is marked correct")
                continue
            if wrong.count():
                _feedback_after(q, wrong.first.click, "a click on a wrong option", report,
                                label, False)
            _feedback_after(q, right.first.click, "a click on the right option", report,
                            label, True)
        elif numeric.count():
            box = numeric.first
            answers = json.loads(box.get_attribute("data-answers") or "[]")
            right_value = next((a["value"] for a in answers
                                if a.get("correct") and "value" in a), None)

            def answer(value):
                def act():
                    box.click()
                    box.fill(str(value))
                    box.press("Enter")
                return act

            _feedback_after(q, answer("-987654321"), "typing a wrong number and Enter",
                            report, label, False)
            if right_value is not None:
                _feedback_after(q, answer(right_value),
                                f"typing the right number ({right_value}) and Enter",
                                report, label, True)
        else:
            report.problems.append(f"{label}: a question with no option and no input box")
            continue
        report.quiz_questions_checked += 1


def run_in_lab(browser, server: LabServer, notebook: Path,
               widget_timeout_ms: int = WIDGET_TIMEOUT_MS) -> LabReport:
    """Open, run and exercise one notebook of the server's root; return what went wrong."""
    rel = notebook.relative_to(server.root).as_posix()
    report = LabReport(rel)
    session = LabSession(browser, server, rel)
    try:
        t0 = time.monotonic()
        _open_notebook(session)
        t1 = time.monotonic()
        _run_all(session)
        try:
            _wait_until_executed(session)
        except Exception:  # noqa: BLE001 - a timeout: the cells are named below
            report.problems.append(f"Run All Cells had not finished after {RUN_ALL_TIMEOUT_S} s")
        t2 = time.monotonic()
        _check_errors(session, report)
        not_run = [i for i, cell in enumerate(_notebook_state(session)["cells"])
                   if cell["type"] == "code" and cell["count"] is None]
        if not_run:
            report.problems.append(
                f"{_cell_label(session, not_run[0])} has no execution count after Run All "
                "Cells" + (f" (nor have cells {', '.join(str(i + 1) for i in not_run[1:])})"
                           if len(not_run) > 1 else ""))
        _check_widgets(session, report, widget_timeout_ms)
        t3 = time.monotonic()
        _check_quizzes(session, report)
        t4 = time.monotonic()
        report.seconds.update(open_s=round(t1 - t0, 1), run_all_s=round(t2 - t1, 1),
                              widgets_s=round(t3 - t2, 1), quiz_s=round(t4 - t3, 1))
        report.problems += [f"request to outside the server: {u}"
                            for u in session.external_requests]
        report.problems += [f"uncaught script error in the page: {e}"
                            for e in session.page_errors]
        if report.problems:
            shot = server.root.parent / (notebook.stem + ".png")
            try:
                session.page.screenshot(path=str(shot), full_page=True)
                report.notes.append(f"screenshot: {shot}")
            except Exception:  # noqa: BLE001 - a convenience
                pass
    finally:
        session.close()
        server.shutdown_kernels()
    return report


def _explain(report: LabReport, server: LabServer) -> str:
    lines = [f"{report.notebook} in JupyterLab: {len(report.problems)} problem(s)"]
    lines += [f"- {p}" for p in report.problems]
    lines += [f"  ({n})" for n in report.notes]
    if any("had not finished" in p for p in report.problems):
        lines.append("server log:\n" + server.log_tail())
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------
def test_there_are_chapters():
    assert NOTEBOOKS, "no notebook in notebooks/"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_runs_in_jupyterlab(browser, lab, notebook):
    """Run All Cells gives no error; every widget and quiz question answers."""
    report = run_in_lab(browser, lab, lab.root / "notebooks" / notebook.name)
    for note in report.notes:
        if not note.startswith("screenshot"):
            warnings.warn(note, pytest.PytestWarning, stacklevel=1)
    print(f"{report.notebook}: {report.widgets_checked} widget control(s), "
          f"{report.quiz_questions_checked} quiz question(s) checked; times {report.seconds}")
    assert not report.problems, _explain(report, lab)


BROKEN_NOTEBOOK_CELLS = [
    "print('fine')",
    "import sys\nprint('a warning the learner would see', file=sys.stderr)",
    # Two controls that answer: the checks must pass them.
    "import ipywidgets as w\n"
    "choice, said = w.Dropdown(options=['a', 'b']), w.HTML('a')\n"
    "choice.observe(lambda c: setattr(said, 'value', c['new']), 'value')\n"
    "press, count = w.Button(description='Press'), w.HTML('0 presses')\n"
    "press.on_click(lambda b: setattr(count, 'value', f'{int(count.value.split()[0]) + 1} presses'))\n"
    "w.VBox([choice, said, press, count])",
    # A slider that answers nothing: the checks must name it.
    "w.VBox([w.IntSlider(description='Dead'), w.HTML('nothing moves me')])",
    "raise ValueError('deliberately broken cell')",
    "print('never runs: Run All stops at the error')",
]


def test_self_test_a_broken_notebook_fails(browser, lab):
    """The checks can fail, and say where: an error, stderr, a dead widget, a cell not run."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in BROKEN_NOTEBOOK_CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = lab.root / "selftest" / "broken.ipynb"
    path.parent.mkdir(exist_ok=True)
    nbformat.write(nb, path)
    report = run_in_lab(browser, lab, path, widget_timeout_ms=3_000)
    message = _explain(report, lab)
    print(message)

    def reported(*parts: str) -> bool:
        return any(all(part in p for part in parts) for p in report.problems)

    assert reported("cell 2 ", "stderr output", "a warning the learner would see"), message
    assert reported("cell 4 ", "slider", "its text did not change"), message
    assert reported("cell 5 ", "error", "ValueError: deliberately broken cell"), message
    assert reported("cell 6 ", "no execution count"), message
    assert len(report.problems) == 4, message
    assert report.widgets_checked == 2, message  # the dropdown and the button answered
    assert any("no jupyterquiz question" in n for n in report.notes), message
