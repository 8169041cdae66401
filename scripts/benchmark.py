"""How long the course takes to build and run, in one table. Not a test.

    python scripts/benchmark.py              # everything
    python scripts/benchmark.py --skip-build # notebooks and the timeline widget only
    python scripts/benchmark.py --repeat 3   # run each notebook 3 times, report the median

It measures:

1. the site build, clean: the repository is copied to a temporary folder (without .git,
   _build and virtual environments) and built there with ``jupyter-book build``, so the
   notebooks are executed from an empty cache;
2. the site build, cached: the same copy built again with nothing changed;
3. each chapter notebook, run top to bottom with nbclient in a fresh kernel, beside the
   "floor": a notebook that only imports pandas, matplotlib and ipywidgets, run the same
   way (kernel start-up and those imports are a cost no chapter can avoid);
4. the timeline widget: ``zhao_course.timeline.TimelineExplorer().select(event_id)`` for
   every event, median and maximum.

A part that cannot run is reported with the reason, and the others still run. Nothing is
written into the repository: the builds happen in the temporary copy and notebooks are
executed in memory.
"""
from __future__ import annotations

import argparse
import contextlib
import io
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
FLOOR_SOURCE = "import pandas as pd\nimport matplotlib.pyplot as plt\nimport ipywidgets as widgets"


@dataclass
class Row:
    measure: str
    seconds: float | None
    note: str = ""


def _fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:8.3f}"


def _print_table(rows: list[Row]) -> None:
    width = max(len(r.measure) for r in rows)
    header = f"{'measure'.ljust(width)}  {'seconds':>8}  note"
    print(header)
    print("-" * len(header.rstrip()) + "-" * 30)
    for r in rows:
        print(f"{r.measure.ljust(width)}  {_fmt(r.seconds)}  {r.note}")


def _why(exc: BaseException) -> str:
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return f"not run: {last}"


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
        rows.append(Row("floor notebook (imports pandas, matplotlib, ipywidgets)", floor,
                        f"fresh kernel, nbclient{suffix}"))
    except Exception as exc:  # noqa: BLE001
        rows.append(Row("floor notebook (imports pandas, matplotlib, ipywidgets)", None,
                        _why(exc)))

    notebooks = sorted(NOTEBOOK_DIR.glob("*.ipynb")) if NOTEBOOK_DIR.is_dir() else []
    if not notebooks:
        rows.append(Row("chapter notebooks", None, f"not run: no notebook in {NOTEBOOK_DIR}"))
    for path in notebooks:
        label = f"notebook {path.name}"
        try:
            seconds = _median_run(lambda p=path: nbformat.read(p, as_version=4),
                                  path.parent, timeout, repeat)
            note = f"fresh kernel, nbclient{suffix}"
            if floor is not None:
                note += f"; {seconds - floor:+.3f} s over the floor"
            rows.append(Row(label, seconds, note))
        except Exception as exc:  # noqa: BLE001
            rows.append(Row(label, None, _why(exc)))
    return rows


# ------------------------------------------------------------------------------------
# 4. Timeline widget update
# ------------------------------------------------------------------------------------
def bench_timeline() -> list[Row]:
    label_med = "timeline TimelineExplorer.select(), median"
    label_max = "timeline TimelineExplorer.select(), max"
    try:
        import matplotlib

        matplotlib.use("Agg")
        sys.path.insert(0, str(ROOT))
        from zhao_course.timeline import TimelineExplorer

        # Outside a kernel, IPython's display() prints each figure's repr: keep it quiet.
        with contextlib.redirect_stdout(io.StringIO()):
            explorer = TimelineExplorer()
            event_ids = [str(e) for e in explorer.events["id"]]
            times = []
            for event_id in event_ids:
                start = time.perf_counter()
                explorer.select(event_id)
                times.append(time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001
        return [Row(label_med, None, _why(exc)), Row(label_max, None, "not run")]
    if not times:
        return [Row(label_med, None, "not run: the timeline has no events"),
                Row(label_max, None, "not run")]
    slowest = event_ids[times.index(max(times))]
    return [
        Row(label_med, statistics.median(times), f"over {len(times)} events, Agg backend"),
        Row(label_max, max(times), f"slowest event: {slowest}"),
    ]


# ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="do not time the site build")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per notebook; the median is reported (default 1)")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds allowed for one build or one notebook cell (default 1800)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"Python {sys.version.split()[0]} at {sys.executable}; {os.cpu_count()} CPUs\n",
          flush=True)
    rows: list[Row] = []
    if args.skip_build:
        rows.append(Row("site build", None, "skipped (--skip-build)"))
    else:
        rows += bench_site(args.timeout)
    rows += bench_notebooks(args.timeout, args.repeat)
    rows += bench_timeline()
    _print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
