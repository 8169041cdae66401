"""How long the course takes to build and run, in one table. Not a test.

    python scripts/benchmark.py              # everything
    python scripts/benchmark.py --skip-build # notebooks and the widgets only
    python scripts/benchmark.py --repeat 3   # run each notebook 3 times, report the median

It measures:

1. the site build, clean: the repository is copied to a temporary folder (without .git,
   _build and virtual environments) and built there with ``jupyter-book build``, so the
   notebooks are executed from an empty cache;
2. the site build, cached: the same copy built again with nothing changed;
3. each chapter notebook, run top to bottom with nbclient in a fresh kernel, beside the
   "floor": a minimal lesson run the same way (import pandas and matplotlib with the
   inline backend, read one CSV, draw one figure). Goal: chapter / floor <= 1.5;
4. each chapter's widget (``WIDGETS``) in a real kernel: its controls are moved in turn
   20 times, timing each move until the figure widget has its new picture (and,
   separately, until its text has changed). Goal: median figure redraw <= 100 ms;
5. loading every table with ``zhao_course.data.load_table`` in a fresh Python process
   (import included): the learner's fast path (content listed in data/validated.json,
   frictionless never imported) and full validation (``validate_all(full=True)``);
6. the weight of each chapter page of the site built in step 1: its HTML plus every
   image, script, stylesheet and font it loads from the site, found by parsing the HTML
   for local ``src``/``href``/``srcset`` and each stylesheet for ``url()`` and
   ``@import`` (of a ``@font-face`` only its first source, the one a browser fetches).
   Two figures: the bytes of the files, and the bytes sent over the network, where text
   files (HTML, JavaScript, CSS, SVG, JSON) are gzip-compressed as GitHub Pages serves
   them and images and fonts (already compressed) go as they are. Goal: each chapter
   page <= 1.5 MB sent. A font is counted when a stylesheet declares it, even if the page
   draws no character in it, so both figures are upper bounds (in Chromium, a chapter
   page fetched every font counted here but Font Awesome's "regular" face, 25 kB).

    python scripts/benchmark.py --weights _build/html   # only step 6, on a built site
    python scripts/benchmark.py --site-only             # only steps 1, 2 and 6

The goals are printed after the table. Usually under 3 minutes with ``--skip-build``;
the site build adds a few minutes.

A part that cannot run is reported with the reason, and the others still run. Nothing is
written into the repository: the builds happen in the temporary copy and notebooks are
executed in memory.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
COPY_IGNORE = shutil.ignore_patterns(
    ".git", "_build", ".venv", "venv", "__pycache__", ".ipynb_checkpoints",
    "*.egg-info", ".pytest_cache", "benchmarks",
)
EXECUTED_RE = re.compile(r"Executed notebook in ([0-9.]+) seconds")
FLOOR_CSV = ROOT / "data" / "worldbank_population.csv"
FLOOR_SOURCE = f"""%matplotlib inline
import pandas as pd
import matplotlib.pyplot as plt

frame = pd.read_csv({str(FLOOR_CSV)!r})
fig, ax = plt.subplots(figsize=(6, 3))
for code, rows in frame[frame["code"].isin(["CHN", "RUS"])].groupby("code"):
    ax.plot(rows["year"], rows["value"], label=code)
ax.legend()
plt.show()"""
FLOOR_LABEL = "floor notebook (pandas, inline matplotlib, 1 CSV, 1 figure)"
GOAL_RATIO = 1.5
GOAL_REDRAW = 0.100
WIDGET_MOVES = 20
GOAL_PAGE_BYTES = 1_500_000  # 1.5 MB (decimal megabytes), each chapter page with its assets
# Files a web server sends gzip-compressed (GitHub Pages does); others go as they are.
COMPRESSED_SUFFIXES = (".html", ".htm", ".js", ".mjs", ".css", ".svg", ".json", ".txt", ".xml")


@dataclass
class Row:
    measure: str
    seconds: float | None
    note: str = ""


@dataclass
class Goal:
    goal: str
    measured: str
    met: bool | None  # None: not measured


GOALS: list[Goal] = []


def _print_goals() -> None:
    if not GOALS:
        return
    print("\nGoals")
    for g in GOALS:
        verdict = {True: "met", False: "NOT met", None: "not measured"}[g.met]
        print(f"- {g.goal}: {g.measured} ({verdict})")


def _fmt(seconds: float | None) -> str:
    return f"{'—':>8}" if seconds is None else f"{seconds:8.3f}"


def _print_table(rows: list[Row]) -> None:
    width = max(len(r.measure) for r in rows)
    header = f"{'measure'.ljust(width)}  {'seconds':>8}  note"
    print(header)
    print("-" * len(header.rstrip()) + "-" * 30)
    for r in rows:
        print(f"{r.measure.ljust(width)}  {_fmt(r.seconds)}  {r.note}")


ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def _why(exc: BaseException) -> str:
    """One line: the last line of the error (a notebook's error: its last 'XxxError: ...' line)."""
    text = ANSI_RE.sub("", "".join(traceback.format_exception_only(type(exc), exc)))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[A-Za-z_.]*(Error|Exception)\b", line)]
    last = (errors or lines or [type(exc).__name__])[-1]
    return f"not run: {last[:200]}"


# ------------------------------------------------------------------------------------
# 1-2. Site build, clean and cached, in a temporary copy
# ------------------------------------------------------------------------------------
def _jupyter_book() -> str:
    bindir = Path(sys.executable).parent
    for name in ("jupyter-book", "jupyter-book.exe"):
        if (bindir / name).exists():
            return str(bindir / name)
    found = shutil.which("jupyter-book")
    if not found:
        raise FileNotFoundError(f"jupyter-book is not installed next to {sys.executable}")
    return found


def _build(copy: Path, timeout: float) -> tuple[float, float]:
    """Build the copy; return (wall-clock seconds, seconds the build spent executing notebooks)."""
    env = dict(os.environ)
    # The copy's own package and data, not the repository's editable install.
    env["PYTHONPATH"] = str(copy) + os.pathsep + env.get("PYTHONPATH", "")
    env["ZHAO_COURSE_ROOT"] = str(copy)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    start = time.perf_counter()
    proc = subprocess.run(
        [_jupyter_book(), "build", str(copy)], cwd=copy, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
        timeout=timeout,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-15:])
        raise RuntimeError(f"jupyter-book build exited with {proc.returncode}:\n{tail}")
    executing = sum(float(m) for m in EXECUTED_RE.findall(proc.stdout))
    return elapsed, executing


def bench_site(timeout: float) -> list[Row]:
    """Time the clean and the cached build of a temporary copy; weigh the built pages."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="zhao-bench-") as tmp:
        copy = Path(tmp) / "course"
        try:
            shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
        except Exception as exc:  # noqa: BLE001 - report and go on
            return [Row("site build, clean", None, _why(exc)),
                    Row("site build, cached rebuild", None, "not run: no copy to build")]
        try:
            clean, executing = _build(copy, timeout)
            rows.append(Row("site build, clean", clean,
                            "temporary copy, empty execution cache; executing notebooks: "
                            f"{executing:.3f} s"))
            WEIGHTS.extend(chapter_page_weights(copy / "_build" / "html", copy))
        except Exception as exc:  # noqa: BLE001
            rows.append(Row("site build, clean", None, _why(exc)))
            rows.append(Row("site build, cached rebuild", None,
                            "not run: the clean build failed"))
            return rows
        try:
            cached, executing = _build(copy, timeout)
            note = "same copy, nothing changed"
            note += (": no notebook re-executed" if not executing
                     else f", yet notebooks were executed for {executing:.3f} s (cache miss)")
            rows.append(Row("site build, cached rebuild", cached, note))
        except Exception as exc:  # noqa: BLE001
            rows.append(Row("site build, cached rebuild", None, _why(exc)))
    return rows


# ------------------------------------------------------------------------------------
# 3. Notebooks, run all, against the floor
# ------------------------------------------------------------------------------------
def _run_notebook(nb, cwd: Path, timeout: float) -> float:
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def _median_run(make_nb, cwd: Path, timeout: float, repeat: int) -> float:
    return statistics.median(_run_notebook(make_nb(), cwd, timeout) for _ in range(repeat))


def bench_notebooks(timeout: float, repeat: int) -> list[Row]:
    try:
        import nbformat
    except ImportError as exc:
        return [Row("notebooks, run all", None, _why(exc))]

    rows: list[Row] = []
    suffix = "" if repeat == 1 else f", median of {repeat}"

    def floor_nb():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        return nb

    floor: float | None = None
    try:
        floor = _median_run(floor_nb, NOTEBOOK_DIR if NOTEBOOK_DIR.is_dir() else ROOT,
                            timeout, repeat)
        rows.append(Row(FLOOR_LABEL, floor, f"fresh kernel, nbclient{suffix}"))
    except Exception as exc:  # noqa: BLE001
        rows.append(Row(FLOOR_LABEL, None, _why(exc)))

    notebooks = sorted(NOTEBOOK_DIR.glob("*.ipynb")) if NOTEBOOK_DIR.is_dir() else []
    if not notebooks:
        rows.append(Row("chapter notebooks", None, f"not run: no notebook in {NOTEBOOK_DIR}"))
    for path in notebooks:
        label = f"notebook {path.name}"
        try:
            seconds = _median_run(lambda p=path: nbformat.read(p, as_version=4),
                                  path.parent, timeout, repeat)
            note = f"fresh kernel, nbclient{suffix}"
            if floor:
                ratio = seconds / floor
                note += (f"; {seconds - floor:+.3f} s over the floor, ratio {ratio:.2f} "
                         f"(goal <= {GOAL_RATIO})")
                GOALS.append(Goal(f"{path.name} run-all <= {GOAL_RATIO} x floor",
                                  f"{ratio:.2f} x ({seconds:.2f} s / {floor:.2f} s)",
                                  ratio <= GOAL_RATIO))
            else:
                GOALS.append(Goal(f"{path.name} run-all <= {GOAL_RATIO} x floor",
                                  "no floor time", None))
            rows.append(Row(label, seconds, note))
        except Exception as exc:  # noqa: BLE001
            rows.append(Row(label, None, _why(exc)))
            GOALS.append(Goal(f"{path.name} run-all <= {GOAL_RATIO} x floor", "failed to run", None))
    return rows


# ------------------------------------------------------------------------------------
# 4. Each chapter's widget: figure redraw after a control moves, in a real kernel
# ------------------------------------------------------------------------------------
# Runs in a fresh kernel (inline backend, as in JupyterLab). Only an explorer's public
# behaviour is used: its ``widget`` tree and the controls in it, moved as a learner moves
# them (a slider or dropdown to its next option, an integer slider one step, a toggle
# button flipped, a button clicked), round robin over the controls. A move is timed from
# changing the control until the figure widget (an Image or Output in the tree) has a new
# state; the kernel's event loop is given control while waiting, so a redraw that is
# debounced or done in the background is waited for, not missed.
WIDGETS = [
    # (label, import, constructor)
    ("trade targets (chapter 1)", "from zhao_course.trade import TradeExplorer", "TradeExplorer()"),
    ("timeline (chapter 2)", "from zhao_course.timeline import TimelineExplorer", "TimelineExplorer()"),
    ("GDP (chapter 3)", "from zhao_course.gdp import GDPExplorer", "GDPExplorer()"),
    ("Far East map (chapter 4)", "from zhao_course.far_east_map import FarEastMapExplorer", "FarEastMapExplorer()"),
    ("Tumen routes (chapter 5)", "from zhao_course.tumen_map import TumenRouteExplorer", "TumenRouteExplorer()"),
    ("borderlands (chapter 6)", "from zhao_course.borderlands import BorderlandsExplorer", "BorderlandsExplorer()"),
    ("memberships (chapter 7)", "from zhao_course.memberships import MembershipExplorer", "MembershipExplorer()"),
    ("project status (chapter 8)", "from zhao_course.scorecard import ProjectStatusExplorer", "ProjectStatusExplorer()"),
    ("scorecard (chapter 9)", "from zhao_course.scorecard import ScorecardExplorer", "ScorecardExplorer()"),
    ("spot the error (chapter 10)", "from zhao_course.spot_the_error import SpotTheErrorExplorer", "SpotTheErrorExplorer()"),
]
WIDGET_SOURCE = r"""
import asyncio, json, statistics, time
import ipywidgets as w

ex = CONSTRUCT
root = getattr(ex, "widget", ex)

def tree(node):
    found, stack = [], [node]
    while stack:
        x = stack.pop()
        if isinstance(x, w.Widget):
            found.append(x)
            stack.extend(getattr(x, "children", ()) or ())
    return found

widgets_ = tree(root)
controls = [x for x in widgets_ if isinstance(x, (w.SelectionSlider, w.Dropdown, w.IntSlider,
                                                   w.ToggleButton, w.Button, w.ToggleButtons))]
if not controls:
    raise RuntimeError("no slider, dropdown or button in the widget")
figures = [x for x in widgets_ if isinstance(x, (w.Image, w.Output))]
texts = [x for x in widgets_ if isinstance(x, w.HTML)]

def state(ws):
    return [bytes(x.value) if isinstance(x, w.Image) else repr(x.outputs) if isinstance(x, w.Output)
            else repr(x.get_state()) for x in ws]

def move(c):
    if isinstance(c, w.Button):
        c.click()
    elif isinstance(c, w.ToggleButton):
        c.value = not c.value
    elif isinstance(c, w.IntSlider):
        c.value = c.min + (c.value - c.min + c.step) % (c.max - c.min + c.step)
    else:
        values = [o[1] if isinstance(o, tuple) else o for o in c.options]
        c.value = values[(values.index(c.value) + 1) % len(values)]

def key():
    return tuple(repr(getattr(c, "value", None)) for c in controls)

fig_times, text_times, new_states = [], [], []
seen = {key()}
for i in range(MOVES):
    control = controls[i % len(controls)]
    before_fig, before_text = state(figures), state(texts)
    start = time.perf_counter()
    move(control)
    k = key()
    new_states.append(k not in seen or isinstance(control, w.Button))
    seen.add(k)
    text_done = None
    while True:
        now = time.perf_counter()
        if text_done is None and (not texts or state(texts) != before_text):
            text_done = now - start
        if state(figures) != before_fig:
            fig_times.append(now - start)
            break
        if now - start > 10:
            raise RuntimeError(f"the figure did not change within 10 s of moving {type(control).__name__}")
        await asyncio.sleep(0.002)
    text_times.append(text_done if text_done is not None else float("nan"))
print("RESULT " + json.dumps({"figure": fig_times, "text": text_times, "controls": len(controls),
                              "new": new_states}))
"""


def bench_widget(label: str, importer: str, constructor: str, timeout: float) -> list[Row]:
    label_med = f"{label} widget: figure redraw after a control moves, median of {WIDGET_MOVES}"
    label_max = f"{label} widget: figure redraw, slowest move"
    label_text = f"{label} widget: text updated, median"
    goal = f"{label} figure redraw median <= {GOAL_REDRAW * 1000:.0f} ms"
    try:
        import json

        import nbformat

        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(
            "%matplotlib inline\nimport sys\nsys.path.insert(0, " + repr(str(ROOT)) + ")\n" + importer),
            nbformat.v4.new_code_cell(f"MOVES = {WIDGET_MOVES}\n"
                                      + WIDGET_SOURCE.replace("CONSTRUCT", constructor))]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        _run_notebook(nb, ROOT, timeout)
        text = "".join(o.get("text", "") for o in nb.cells[1].outputs if o.get("output_type") == "stream")
        result = json.loads(text.split("RESULT ", 1)[1].splitlines()[0])
    except Exception as exc:  # noqa: BLE001
        GOALS.append(Goal(goal, "failed to run", None))
        return [Row(label_med, None, _why(exc)), Row(label_max, None, "not run"),
                Row(label_text, None, "not run")]
    figure, texts = result["figure"], [t for t in result["text"] if t == t]
    first = [f for f, new in zip(figure, result["new"]) if new]
    median = statistics.median(figure)
    # A widget may cache its pictures: the goal is judged on the slower of all moves and
    # of moves to a state not shown before, so a cache cannot hide a slow first drawing.
    judged = max(median, statistics.median(first)) if first else median
    GOALS.append(Goal(goal, f"{median * 1000:.0f} ms (first showings {statistics.median(first) * 1000:.0f} ms)"
                      if first else f"{median * 1000:.0f} ms", judged <= GOAL_REDRAW))
    note = (f"fresh kernel, inline backend, {result['controls']} control(s) moved in turn; "
            f"goal <= {GOAL_REDRAW * 1000:.0f} ms")
    return [
        Row(label_med, median, note),
        Row(label_max, max(figure), f"over {len(figure)} moves"),
        Row(f"{label} widget: first showing of a state, median", statistics.median(first) if first else None,
            f"{len(first)} of {len(figure)} moves showed a state not shown before (no cache to help)"),
        Row(label_text, statistics.median(texts) if texts else None,
            "time until the widget's HTML changed" if texts else "no HTML widget found"),
    ]


def bench_widgets(timeout: float) -> list[Row]:
    rows: list[Row] = []
    for label, importer, constructor in WIDGETS:
        rows += bench_widget(label, importer, constructor, timeout)
    return rows


# ------------------------------------------------------------------------------------
# 5. Loading every table in a fresh process
# ------------------------------------------------------------------------------------
LOAD_SOURCE = r"""
import sys, time
start = time.perf_counter()
import zhao_course.data as d
imported = time.perf_counter()
names = d.table_names()
if sys.argv[1] == "full":
    d.validate_all(full=True)
else:
    for name in names:
        d.load_table(name)
end = time.perf_counter()
print(end - start, end - imported, "frictionless" in sys.modules, len(names),
      ",".join(sorted(n for n in names if not d.is_recorded(n))) or "-")
"""


def _load_once(mode: str, timeout: float) -> tuple[float, float, bool, int, str]:
    env = dict(os.environ)
    env.pop("ZHAO_COURSE_ROOT", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", LOAD_SOURCE, mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed")
    total, loads, imported, count, unrecorded = proc.stdout.split()
    return float(total), float(loads), imported == "True", int(count), unrecorded


def bench_loading(timeout: float, repeat: int) -> list[Row]:
    rows: list[Row] = []
    for mode, label in (("fast", "load every table, fresh process (learner's path)"),
                        ("full", "load every table, fresh process, full validation")):
        try:
            runs = [_load_once(mode, timeout) for _ in range(max(repeat, 3) if mode == "fast" else repeat)]
        except Exception as exc:  # noqa: BLE001
            rows.append(Row(label, None, _why(exc)))
            continue
        total = statistics.median(r[0] for r in runs)
        loads = statistics.median(r[1] for r in runs)
        _, _, imported, count, unrecorded = runs[-1]
        note = (f"{count} tables, median of {len(runs)}; {loads:.3f} s after importing zhao_course.data; "
                f"frictionless imported: {'yes' if imported else 'no'}")
        if mode == "fast" and unrecorded != "-":
            note += f"; not in data/validated.json (validated fully): {unrecorded}"
        rows.append(Row(label, total, note))
    return rows



# ------------------------------------------------------------------------------------
# 6. Page weight: a built page with everything it loads from the site
# ------------------------------------------------------------------------------------
_HTML_REFS = re.compile(
    r"""<(?P<tag>link|script|img|source|image|use|iframe|embed|object|video|audio|input)\b"""
    r"""(?P<attrs>[^>]*)>""", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""(?P<name>[a-zA-Z:-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']([^"']+)["']""")
_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.IGNORECASE)
# <link rel=...> values that make the browser fetch the file with the page
_LOADED_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "apple-touch-icon"}


@dataclass
class PageWeight:
    """A page and the files it loads from the site, with their sizes in bytes."""

    page: str
    files: dict[str, int]            # path relative to the site root -> bytes (the page included)
    sent: dict[str, int]             # the same files -> bytes sent (text gzip-compressed)
    external: list[str]              # references that leave the site (should be none)
    missing: list[str]               # local references with no file behind them

    @property
    def total(self) -> int:
        """Bytes of the files."""
        return sum(self.files.values())

    @property
    def total_sent(self) -> int:
        """Bytes sent over the network, text files gzip-compressed."""
        return sum(self.sent.values())

    def bytes_of(self, suffixes: tuple[str, ...]) -> int:
        return sum(size for rel, size in self.files.items() if rel.lower().endswith(suffixes))


def _attrs(text: str) -> dict[str, str]:
    return {m.group("name").lower(): next(v for v in (m.group("dq"), m.group("sq"), m.group("bare"))
                                          if v is not None)
            for m in _ATTR.finditer(text)}


def _local(ref: str, base: Path, site: Path) -> Path | None:
    """The file a reference points to, or None if it leaves the site (or is inline data)."""
    ref = ref.strip()
    if not ref or ref.startswith(("data:", "#", "javascript:", "mailto:", "about:", "blob:")):
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
        raise ValueError(ref)
    ref = re.split(r"[?#]", ref, maxsplit=1)[0]
    from urllib.parse import unquote

    ref = unquote(ref)
    target = (site / ref.lstrip("/")) if ref.startswith("/") else (base / ref)
    return Path(os.path.normpath(target))


def _html_refs(html: str) -> list[str]:
    html = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    refs = []
    for match in _HTML_REFS.finditer(html):
        tag, attrs = match.group("tag").lower(), _attrs(match.group("attrs"))
        if tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels & _LOADED_RELS and "href" in attrs:
                refs.append(attrs["href"])
            continue
        for name in ("src", "href", "xlink:href", "data", "poster"):
            if name in attrs and (tag != "use" or not attrs[name].startswith("#")):
                refs.append(attrs[name])
        for name in ("srcset",):
            if name in attrs:
                refs += [part.strip().split()[0] for part in attrs[name].split(",") if part.strip()]
    # inline style="background: url(...)" and <style> blocks
    for style in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.DOTALL | re.IGNORECASE):
        refs += _css_refs(style)
    refs += [u for s in re.findall(r'style\s*=\s*"([^"]*)"', html) for u in _css_refs(s)]
    return refs


def _css_refs(css: str) -> list[str]:
    """What a stylesheet makes the browser fetch: @import, url() outside @font-face, and
    of each @font-face only its first source (the browser takes the first it supports)."""
    refs = [m for m in _CSS_IMPORT.findall(css)]
    for face in _FONT_FACE.findall(css):
        first = _CSS_URL.search(face)
        if first:
            refs.append(next(g for g in first.groups() if g is not None))
    rest = _FONT_FACE.sub("", _CSS_IMPORT.sub("", css))
    refs += [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(rest)]
    return [r for r in refs if r]


def page_weight(site: Path, page: str) -> PageWeight:
    """Weigh one built page: its HTML and every file it loads from the site, each once.

    ``site`` is the built HTML folder, ``page`` a path inside it. Stylesheets are followed
    (``@import``, ``url()``); scripts are counted but not run, so a file a script fetches
    later (the search index on the search page) is not counted.

    Example:
        >>> import tempfile
        >>> site = Path(tempfile.mkdtemp())
        >>> _ = (site / "a.css").write_text("@font-face{src:url(f.woff2) format('woff2'),url(f.ttf)}")
        >>> _ = (site / "f.woff2").write_bytes(b"x" * 100)
        >>> _ = (site / "f.ttf").write_bytes(b"x" * 999)
        >>> _ = (site / "p.html").write_text('<link rel="stylesheet" href="a.css?v=1"><img src="i.png">')
        >>> w = page_weight(site, "p.html")
        >>> sorted(w.files), w.missing
        (['a.css', 'f.woff2', 'p.html'], ['i.png'])
        >>> w.sent["f.woff2"] == w.files["f.woff2"] == 100 and w.total_sent <= w.total + 100
        True
    """
    site = Path(site).resolve()
    start = site / page
    files: dict[str, int] = {}
    sent: dict[str, int] = {}
    external: list[str] = []
    missing: list[str] = []
    queue: list[Path] = [start]
    seen: set[Path] = set()
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        rel = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
        if not path.is_file():
            missing.append(rel)
            continue
        files[rel] = path.stat().st_size
        sent[rel] = (len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
                     if path.suffix.lower() in COMPRESSED_SUFFIXES else files[rel])
        if path.suffix.lower() in {".html", ".htm"} and path == start:
            refs = _html_refs(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix.lower() == ".css":
            refs = _css_refs(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        for ref in refs:
            try:
                target = _local(ref, path.parent, site)
            except ValueError:
                external.append(ref)
                continue
            if target is not None and target != start and target.suffix.lower() not in {".html", ".htm"}:
                queue.append(target)
    return PageWeight(page, files, sent, sorted(set(external)), sorted(set(missing)))


def _chapter_pages(root: Path) -> list[str]:
    """The chapter pages of the site: the _toc.yml entries that are notebooks."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    return [f"{doc}.html" for doc in parse_toc_yaml(root / "_toc.yml")
            if (root / f"{doc}.ipynb").exists()]


def chapter_page_weights(site: Path, root: Path = ROOT) -> list[PageWeight]:
    """:func:`page_weight` of every chapter page of a built site, in the book's order."""
    return [page_weight(site, page) for page in _chapter_pages(root)]


WEIGHTS: list[PageWeight] = []


def _print_weights(weights: list[PageWeight]) -> None:
    if not weights:
        return
    mb = 1_000_000
    width = max(len(w.page) for w in weights)
    print("\nPage weight: the HTML and every image, script, stylesheet and font it loads from "
          "the site (found by parsing the HTML and CSS). 'sent' = bytes over the network, text "
          f"gzip-compressed; 'files' = bytes on disk. MB = 10^6 bytes. Goal: sent <= "
          f"{GOAL_PAGE_BYTES / mb:.1f} MB.")
    header = (f"{'page'.ljust(width)}  {'sent MB':>8}  {'files MB':>8}  {'HTML':>6}  "
              f"{'images':>6}  {'scripts':>7}  {'CSS':>6}  {'fonts':>6}   (sent MB)")
    print(header)
    print("-" * len(header))

    def part(w: PageWeight, suffixes: tuple[str, ...]) -> float:
        return sum(n for rel, n in w.sent.items() if rel.lower().endswith(suffixes)) / mb

    for w in weights:
        over = w.total_sent > GOAL_PAGE_BYTES
        print(f"{w.page.ljust(width)}  {w.total_sent / mb:8.3f}  {w.total / mb:8.3f}  "
              f"{w.sent.get(w.page, 0) / mb:6.3f}  "
              f"{part(w, ('.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp')):6.3f}  "
              f"{part(w, ('.js', '.mjs')):7.3f}  {part(w, ('.css',)):6.3f}  "
              f"{part(w, ('.woff', '.woff2', '.ttf', '.otf', '.eot')):6.3f}"
              + (f"   OVER {GOAL_PAGE_BYTES / mb:.1f} MB" if over else ""))
        if over:
            images = sorted(((n, rel) for rel, n in w.files.items() if rel.startswith("_images/")),
                            reverse=True)[:3]
            print("    largest images: " + ", ".join(f"{rel} ({n / 1000:.0f} kB)" for n, rel in images))
        if w.external or w.missing:
            print(f"    {w.page}: leaves the site: {w.external or '-'}; missing: {w.missing or '-'}")
        GOALS.append(Goal(f"{w.page} with its assets <= {GOAL_PAGE_BYTES / mb:.1f} MB sent",
                          f"{w.total_sent / mb:.3f} MB sent ({w.total / mb:.3f} MB of files)",
                          not over))

# ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="do not time the site build")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per notebook; the median is reported (default 1)")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds allowed for one build or one notebook cell (default 1800)")
    parser.add_argument("--weights", metavar="HTML_DIR", type=Path,
                        help="only weigh the chapter pages of a site already built in HTML_DIR "
                             "(e.g. _build/html); no build, no notebooks")
    parser.add_argument("--site-only", action="store_true",
                        help="only the clean and cached site builds and the page weights")
    args = parser.parse_args(argv)
    if args.site_only and args.skip_build:
        parser.error("--site-only and --skip-build exclude each other")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.weights:
        if not (args.weights / "index.html").exists():
            parser.error(f"no built site in {args.weights} (no index.html)")
        _print_weights(chapter_page_weights(args.weights))
        _print_goals()
        return 0

    print(f"Python {sys.version.split()[0]} at {sys.executable}; {os.cpu_count()} CPUs\n",
          flush=True)
    rows: list[Row] = []
    if args.skip_build:
        rows.append(Row("site build", None, "skipped (--skip-build)"))
    else:
        rows += bench_site(args.timeout)
    if not args.site_only:
        rows += bench_notebooks(args.timeout, args.repeat)
        rows += bench_widgets(args.timeout)
        rows += bench_loading(args.timeout, args.repeat)
    _print_table(rows)
    _print_weights(WEIGHTS)
    _print_goals()
    return 0


if __name__ == "__main__":
    sys.exit(main())
