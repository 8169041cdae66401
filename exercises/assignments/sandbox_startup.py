"""Guard for a submission's kernel while it is graded (loaded as an IPython startup file).

:mod:`zhao_course.grading` copies this file (`exercises/assignments/sandbox_startup.py`) into a fresh ``IPYTHONDIR`` for each
submission, so the kernel that ``otter run`` starts runs it before the first cell. It

* stops any attempt to write, delete, rename or change a file outside the submission's
  grading folder (``ZHAO_GRADE_ROOT``), and any attempt to start another program
  (``!cmd``, ``subprocess``, ``os.system``), with a :class:`PermissionError` whose message
  says why; the cell fails, grading goes on;
* stops a cell of the submission that runs longer than ``ZHAO_GRADE_CELL_TIMEOUT``
  seconds (an endless loop), so the later questions are still graded (the cells otter
  adds, which run the tests, have no such limit; otter, pandas and the course's data
  and checks modules are imported before the first cell, so no cell pays for that);
* writes one JSON line per fault (blocked action, cell error, time-out) to
  ``ZHAO_GRADE_LOG``, from which the grader writes the reason column of the CSV.

It uses :func:`sys.addaudithook`: once installed, a hook cannot be removed by the code
being graded. It guards the Python level; it is not a security sandbox against code that
loads native libraries (``ctypes``), which is why the grader also runs each submission in
its own process and folder, with a time limit. Without the ``ZHAO_GRADE_*`` variables it
does nothing.
"""
from __future__ import annotations

import json
import os
import signal
import sys

_ROOT = os.environ.get("ZHAO_GRADE_ROOT", "")
_LOG_PATH = os.environ.get("ZHAO_GRADE_LOG", "")


class CellTimeout(BaseException):
    """A cell ran longer than the grader allows (a BaseException, so ``except Exception`` cannot swallow it)."""


def _submission_cells() -> set[str]:
    """Normalised sources of the submission's own code cells (otter adds cells of its own)."""
    try:
        with open(os.environ.get("ZHAO_GRADE_SUBMISSION", ""), encoding="utf-8") as handle:
            cells = json.load(handle).get("cells", [])
        return {_normal(cell.get("source", "")) for cell in cells if cell.get("cell_type") == "code"}
    except Exception:
        return set()


def _normal(source: object) -> str:
    text = "".join(source) if isinstance(source, list) else str(source)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _preload() -> None:
    """Import what every graded notebook uses before the guard exists and before any time limit."""
    for module in ("otter", "pandas", "zhao_course.data", "zhao_course.checks"):
        try:
            __import__(module)
        except Exception:
            pass


def _install() -> None:
    _preload()
    own_cells = _submission_cells()
    root = os.path.realpath(_ROOT)
    log = open(_LOG_PATH, "a", encoding="utf-8", buffering=1)  # opened before the hook exists
    limit = int(os.environ.get("ZHAO_GRADE_CELL_TIMEOUT", "0") or 0)
    allowed_devices = {"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"}
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    state = {"cell": "", "inside": False}

    def record(kind: str, detail: str) -> None:
        log.write(json.dumps({"kind": kind, "detail": detail, "cell": state["cell"]}) + "\n")

    def inside(path: object) -> bool:
        if isinstance(path, int):  # an open file descriptor: its opening was checked
            return True
        try:
            real = os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except Exception:
            return False
        return real == root or real.startswith(root + os.sep) or real in allowed_devices

    def block(what: str, path: object = None) -> None:
        shown = "" if path is None else f": {os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else path}"
        record("blocked", f"{what}{shown}")
        raise PermissionError(f"The grader does not let a submission {what}{shown}.")

    path_events = {
        "os.remove": "delete a file outside its folder",
        "os.rmdir": "delete a folder outside its folder",
        "os.mkdir": "make a folder outside its folder",
        "os.chmod": "change a file outside its folder",
        "os.chown": "change a file outside its folder",
        "os.truncate": "change a file outside its folder",
        "os.utime": "change a file outside its folder",
        "os.chflags": "change a file outside its folder",
    }
    two_path_events = {"os.rename": "move a file outside its folder", "os.link": "link a file outside its folder",
                       "os.symlink": "link a file outside its folder"}
    programs = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                "os.forkpty", "pty.spawn", "os.startfile")

    def hook(event: str, args: tuple) -> None:
        if state["inside"]:
            return
        state["inside"] = True
        try:
            if event == "open":
                path, mode, flags = (tuple(args) + (None, None, 0))[:3]
                writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & write_flags)
                if writing and path is not None and not inside(path):
                    block("write outside its folder", path)
            elif event in path_events:
                if args and not inside(args[0]):
                    block(path_events[event], args[0])
            elif event in two_path_events:
                for path in args[:2]:
                    if not inside(path):
                        block(two_path_events[event], path)
            elif event in programs:
                block("start another program")
        finally:
            state["inside"] = False

    sys.addaudithook(hook)

    def on_alarm(signum: int, frame: object) -> None:
        raise CellTimeout(f"This cell ran for more than {limit} seconds, so the grader stopped it.")

    if limit > 0:
        signal.signal(signal.SIGALRM, on_alarm)

    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821 (defined in IPython startup files)
    except NameError:
        return

    def pre_run_cell(info: object) -> None:
        state["cell"] = getattr(info, "raw_cell", "") or ""
        if limit > 0 and _normal(state["cell"]) in own_cells:  # otter's own cells run without a limit
            signal.alarm(limit)

    def post_run_cell(result: object) -> None:
        if limit > 0:
            signal.alarm(0)
        error = getattr(result, "error_before_exec", None) or getattr(result, "error_in_exec", None)
        if error is not None:
            kind = "timeout" if isinstance(error, CellTimeout) else "error"
            record(kind, f"{type(error).__name__}: {error}".strip())

    shell.events.register("pre_run_cell", pre_run_cell)
    shell.events.register("post_run_cell", post_run_cell)


if _ROOT and _LOG_PATH:
    _install()
