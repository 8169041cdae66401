"""Build the course's autograded assignments and grade a folder of submissions into a CSV.

The three assignments are otter-grader source notebooks (assign format v1) in
``exercises/assignments/``: ``border_history``, ``turn_to_the_east`` and ``sreb_eaeu``.

Two commands (run from the course folder)::

    python -m zhao_course.grading build                 # every assignment
    python -m zhao_course.grading grade border_history submissions/ --out grades.csv

``build`` runs ``otter assign`` on each source notebook into ``_build/assignments/<name>/``:
``student/<name>.ipynb`` is what learners get (no solutions, no hidden tests), and
``autograder/autograder.zip`` is what grading uses. ``otter assign`` also runs the
reference solution against every test, so a build fails if a solution is wrong.

``grade`` grades every ``.ipynb`` in a folder, each with ``otter run`` in its own process
and its own temporary folder, with a time limit for the whole notebook and one for each
cell, and writes a CSV with one row per submission: a column per question (points;
empty for the written answers, which the instructor marks), the total of the
auto-graded points, the points possible, the seconds it took, and ``reason``, which says
where marks may have been lost to a fault: a notebook that cannot be read, a cell that
raised an error or ran too long, cells deleted or reordered, a blocked attempt to write
outside the submission's folder or to start a program. A faulty submission never stops
the batch. With ``--docker``, the batch is handed to ``otter grade`` instead (one
container per submission); that needs Docker and an image in which the course package
is installed, and reports no reasons.

``student-repo DEST --url URL`` writes a copy of the course without the assignment sources
(which hold the solutions, hidden tests and model answers), to publish as the repository
that learners get through the hub link, Binder or Colab; ``URL`` is that repository's
address, written into the copy's ``_config.yml`` so its launch buttons open the copy.
``hub-link --repo URL`` prints an nbgitpuller link that opens the student copy on a
JupyterHub; it refuses the address of this repository, which holds the keys.

The source repository (this one) holds the keys: keep it private, or at least never
point learners at it. ``build`` removes its old output before it writes, and ``grade``
rebuilds an assignment whose source changed since its last build.

Example:
    >>> [q.name for q in questions("sreb_eaeu")][:3]
    ['q1', 'q2', 'q3']
    >>> nbgitpuller_link("https://hub.example.edu", "https://github.com/org/course",
    ...                  path="notebooks/02_border_disputes.ipynb")  # doctest: +NORMALIZE_WHITESPACE
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F02_border_disputes.ipynb'
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhao_course import paths

ASSIGNMENTS: tuple[str, ...] = ("border_history", "turn_to_the_east", "sreb_eaeu")
SOURCE_DIR: Path = paths.ROOT / "exercises" / "assignments"
BUILD_DIR: Path = paths.ROOT / "_build" / "assignments"
SANDBOX = SOURCE_DIR / "sandbox_startup.py"
NOTEBOOK_TIMEOUT = 300
"""Seconds one submission may take in all before its grading process is stopped."""
CELL_TIMEOUT = 60
"""Seconds one cell may run before the grader stops it and goes on with the next."""


class GradingError(RuntimeError):
    """A command could not do its work (a missing assignment, a failed build); the message says why."""


# --- Reading the source notebooks --------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """A question of an assignment: its name, its points, and whether a person marks it."""

    name: str
    points: float
    manual: bool


def source_path(name: str) -> Path:
    """The source notebook of an assignment; raises :class:`GradingError` for an unknown name."""
    if name not in ASSIGNMENTS:
        raise GradingError(f"There is no assignment {name!r}: choose one of {', '.join(ASSIGNMENTS)}.")
    return SOURCE_DIR / f"{name}.ipynb"


def _cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def questions(name: str) -> list[Question]:
    """The questions of an assignment, read from the ``# BEGIN QUESTION`` cells of its source."""
    import yaml

    notebook = json.loads(source_path(name).read_text(encoding="utf-8"))
    found = []
    for cell in notebook["cells"]:
        text = _cell_text(cell)
        if cell["cell_type"] == "raw" and text.lstrip().startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(text.split("\n", 1)[1]) or {}
            found.append(Question(str(config["name"]), float(config.get("points", 1)), bool(config.get("manual", False))))
    return found


# --- build ---------------------------------------------------------------------------------


def built_paths(name: str, build_dir: Path | str | None = None) -> tuple[Path, Path]:
    """``(student notebook, autograder zip)`` of a built assignment."""
    out = Path(build_dir or BUILD_DIR) / name
    return out / "student" / f"{name}.ipynb", out / "autograder" / "autograder.zip"


STAMP = "source.sha256"
"""File in each built assignment's folder: the fingerprint of the sources it was built from."""


def source_fingerprint(name: str) -> str:
    """SHA-256 of what a build of ``name`` depends on: its source notebook and the grading guard."""
    import hashlib

    digest = hashlib.sha256()
    for path in (source_path(name), SANDBOX):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def is_current(name: str, build_dir: Path | str | None = None) -> bool:
    """Whether the build of ``name`` exists and was made from the sources as they are now."""
    student, autograder = built_paths(name, build_dir)
    stamp = Path(build_dir or BUILD_DIR) / name / STAMP
    return (student.exists() and autograder.exists() and stamp.exists()
            and stamp.read_text(encoding="utf-8").strip() == source_fingerprint(name))


def build(names: Iterable[str] = ASSIGNMENTS, build_dir: Path | str | None = None,
          log: Callable[[str], None] = print) -> dict[str, Path]:
    """Run ``otter assign`` on each assignment; return each one's output folder.

    Every build starts from scratch: the assignment's old output folder is removed first
    (so a question deleted from a source cannot survive in a stale student version), and
    so is the folder of any assignment built earlier whose source no longer exists. The
    autograder zip is copied to the fixed name ``autograder/autograder.zip`` (otter's own
    name has a timestamp), and the sources' fingerprint is written to ``source.sha256``.
    """
    results = {}
    root = Path(build_dir or BUILD_DIR)
    if root.is_dir():
        for old in root.iterdir():  # a build of an assignment that is no longer in the course
            if old.is_dir() and old.name not in ASSIGNMENTS and (old / STAMP).exists():
                shutil.rmtree(old, ignore_errors=True)
    for name in names:
        source = source_path(name)
        out = root / name
        shutil.rmtree(out, ignore_errors=True)
        if out.exists():
            raise GradingError(f"Could not remove the old build {out}: close any program that uses it and build again.")
        out.parent.mkdir(parents=True, exist_ok=True)
        log(f"Building {name} ...")
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "otter", "assign", str(source), str(out)],
                              capture_output=True, text=True, cwd=SOURCE_DIR, env=_quiet_env())
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-30:]
            hint = ("\nThe hidden tests hold their expected values pinned (`expected = ...  # pinned`), and the "
                    "reference solution computes its answers from data/: if they now disagree, a table in data/ "
                    "has changed. Check the change, then update the question, its solution and the pinned value."
                    if "Test case failed" in (done.stderr + done.stdout) else "")
            raise GradingError(f"otter assign failed for {name}:\n" + "\n".join(detail) + hint)
        zips = sorted((out / "autograder").glob(f"{name}-autograder_*.zip"))
        if not zips:
            raise GradingError(f"otter assign wrote no autograder zip for {name}.")
        shutil.copyfile(zips[-1], out / "autograder" / "autograder.zip")
        (out / STAMP).write_text(source_fingerprint(name) + "\n", encoding="utf-8")
        log(f"  {name}: student version {out / 'student' / (name + '.ipynb')}, "
            f"autograder {out / 'autograder' / 'autograder.zip'} ({time.monotonic() - started:.0f} s)")
        results[name] = out
    return results


def _quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONWARNINGS", "ignore")
    env["ZHAO_COURSE_ROOT"] = str(paths.ROOT)
    return env


# --- Checking a submission's cells against the student version -------------------------


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def fixed_cells(student: dict[str, Any]) -> list[str]:
    """Texts of the student version's cells a learner must keep as they are, in order.

    These are the question texts and other Markdown, the otter set-up cell and the
    ``grader.check`` cells (answer cells, which learners edit, are left out).
    """
    kept = []
    for cell in student["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "otter_answer_cell" in tags:
            continue
        text = _normal(_cell_text(cell))
        if not text:
            continue
        if cell["cell_type"] == "markdown" or "grader.check(" in text or "otter.Notebook(" in text:
            kept.append(text)
    return kept


def structure_problems(submission: dict[str, Any], student: dict[str, Any]) -> list[str]:
    """Sentences for fixed cells that a submission deleted or moved (empty if none)."""
    expected = fixed_cells(student)
    given = [_normal(_cell_text(cell)) for cell in submission.get("cells", [])]
    positions: list[int] = []
    missing: list[str] = []
    cursor: dict[str, int] = {}
    for text in expected:
        start = cursor.get(text, 0)
        try:
            index = given.index(text, start)
        except ValueError:
            missing.append(text)
            continue
        cursor[text] = index + 1
        positions.append(index)
    problems = []
    if missing:
        first = missing[0].splitlines()[0][:60]
        problems.append(f"{len(missing)} cell(s) of the assignment deleted or changed (first: {first!r})")
    if any(later < earlier for earlier, later in zip(positions, positions[1:])):
        problems.append("cells of the assignment reordered")
    return problems


# --- grade ---------------------------------------------------------------------------------


@dataclass
class Row:
    """The grade of one submission: points per question, total, time and reasons."""

    submission: str
    scores: dict[str, float | None] = field(default_factory=dict)
    seconds: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def total(self) -> float:
        return round(sum(score for score in self.scores.values() if score is not None), 6)


def _question_of_cell(cell_source: str, submission: dict[str, Any]) -> str | None:
    """The question a cell belongs to: the first ``grader.check("qN")`` after it."""
    cells = [_normal(_cell_text(cell)) for cell in submission.get("cells", [])]
    target = _normal(cell_source)
    if target not in cells:
        return None
    for text in cells[cells.index(target) + 1:]:
        if "grader.check(" in text:
            return text.split("grader.check(", 1)[1].split(")", 1)[0].strip("\"' ")
    return None


def _fault_reasons(log_path: Path, submission: dict[str, Any]) -> list[str]:
    if not log_path.exists():
        return []
    reasons = []
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            fault = json.loads(line)
        except ValueError:
            continue
        where = _question_of_cell(fault.get("cell", ""), submission)
        place = f" in the cell of {where}" if where else ""
        detail = " ".join(str(fault.get("detail", "")).split())[:160]
        if fault.get("kind") == "blocked":
            if "PermissionError" in detail:
                continue
            reasons.append(f"blocked{place}: tried to {detail.removeprefix('blocked: ')}")
        elif fault.get("kind") == "timeout":
            reasons.append(f"cell stopped{place}: {detail.split(': ', 1)[-1]}")
        elif "PermissionError: The grader does not let" not in detail:
            reasons.append(f"error{place}: {detail}")
    # one line per distinct reason, in the order they happened
    return list(dict.fromkeys(reasons))


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def grade_one(submission: Path, name: str, build_dir: Path | str | None = None, *,
              timeout: float = NOTEBOOK_TIMEOUT, cell_timeout: int = CELL_TIMEOUT,
              work_root: Path | str | None = None) -> Row:
    """Grade one submission with ``otter run`` in its own process and folder; never raises."""
    started = time.monotonic()
    row = Row(submission.name, {q.name: (None if q.manual else 0.0) for q in questions(name)})
    student_path, autograder = built_paths(name, build_dir)
    try:
        raw = submission.read_text(encoding="utf-8")
        notebook = json.loads(raw)
        if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
            raise ValueError("it has no list of cells")
        import nbformat

        nbformat.reads(raw, as_version=4)
    except Exception as error:  # not JSON, not a notebook, not UTF-8
        message = " ".join(str(error).split())[:160]
        row.reasons.append(f"not a notebook that can be read ({type(error).__name__}: {message}); no marks recorded")
        row.seconds = round(time.monotonic() - started, 1)
        return row
    row.reasons.extend(structure_problems(notebook, json.loads(student_path.read_text(encoding="utf-8"))))

    work = Path(tempfile.mkdtemp(prefix="grade-", dir=work_root))
    try:
        for folder in ("tmp", "ipython/profile_default/startup", "out", "mpl", "runtime", "submission"):
            (work / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SANDBOX, work / "ipython/profile_default/startup/00-zhao-grading-sandbox.py")
        copy = work / "submission" / f"{name}.ipynb"
        shutil.copyfile(submission, copy)
        env = _quiet_env()
        env.update({
            "TMPDIR": str(work / "tmp"), "IPYTHONDIR": str(work / "ipython"), "MPLCONFIGDIR": str(work / "mpl"),
            "JUPYTER_RUNTIME_DIR": str(work / "runtime"), "PYTHONDONTWRITEBYTECODE": "1",
            "ZHAO_GRADE_ROOT": str(work), "ZHAO_GRADE_LOG": str(work / "faults.jsonl"),
            "ZHAO_GRADE_CELL_TIMEOUT": str(int(cell_timeout)), "ZHAO_GRADE_SUBMISSION": str(copy),
        })
        command = [sys.executable, "-m", "otter", "run", "--no-logo", "-a", str(autograder), "-o", str(work / "out"), str(copy)]
        with open(work / "otter.log", "w", encoding="utf-8") as output:
            process = subprocess.Popen(command, cwd=work, env=env, stdout=output, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                process.wait()
                row.reasons.append(f"grading stopped after {timeout:g} s (the notebook did not finish); no marks recorded")
            finally:
                _kill(process)  # anything the kernel left behind
        results = work / "out" / "results.json"
        if results.exists():
            for test in json.loads(results.read_text(encoding="utf-8")).get("tests", []):
                if test.get("name") in row.scores and row.scores[test["name"]] is not None:
                    row.scores[test["name"]] = float(test.get("score") or 0)
        elif not any("grading stopped" in reason for reason in row.reasons):
            tail = (work / "otter.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
            row.reasons.append("otter could not grade it" + (f" ({tail[0][:160]})" if tail else "") + "; no marks recorded")
        row.reasons.extend(_fault_reasons(work / "faults.jsonl", notebook))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    row.seconds = round(time.monotonic() - started, 1)
    return row


def _progress(done: int, total: int, label: str, stream: Any = None) -> None:
    stream = stream or sys.stderr
    width = 30
    filled = int(width * done / total) if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}")
    if done == total:
        stream.write("\n")
    stream.flush()


def grade(name: str, submissions: Path | str, out: Path | str, build_dir: Path | str | None = None, *,
          timeout: float = NOTEBOOK_TIMEOUT, cell_timeout: int = CELL_TIMEOUT, jobs: int = 1,
          progress: bool = True) -> list[Row]:
    """Grade every ``.ipynb`` in ``submissions`` and write the CSV ``out``; return the rows.

    The assignment is built first (from scratch) if ``build_dir`` has no build of it or
    its build was made from sources that have changed since.
    """
    folder = Path(submissions)
    if not folder.is_dir():
        raise GradingError(f"{folder} is not a folder of submissions.")
    if not is_current(name, build_dir):
        build([name], build_dir, log=(lambda text: print(text, file=sys.stderr)) if progress else (lambda text: None))
    files = sorted(path for path in folder.iterdir() if path.suffix == ".ipynb" and path.is_file())
    rows: list[Row | None] = [None] * len(files)
    finished = 0
    if progress:
        _progress(0, len(files), "")
    with tempfile.TemporaryDirectory(prefix="zhao-grading-") as work_root, \
            ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_one, path, name, build_dir, timeout=timeout, cell_timeout=cell_timeout,
                               work_root=work_root): index for index, path in enumerate(files)}
        for future in futures:
            index = futures[future]
            rows[index] = future.result()
            finished += 1
            if progress:
                _progress(finished, len(files), files[index].name)
    done = [row for row in rows if row is not None]
    write_csv(done, name, out)
    return done


def write_csv(rows: Sequence[Row], name: str, out: Path | str) -> Path:
    """One row per submission: question columns, ``total``, ``possible``, ``seconds``, ``reason``."""
    asked = questions(name)
    possible = sum(q.points for q in asked if not q.manual)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission"] + [q.name + (" (manual)" if q.manual else "") for q in asked]
                        + ["total", "possible", "seconds", "reason"])
        for row in rows:
            cells = ["" if row.scores.get(q.name) is None else f"{row.scores[q.name]:g}" for q in asked]
            writer.writerow([row.submission] + cells + [f"{row.total():g}", f"{possible:g}", f"{row.seconds:g}",
                                                        "; ".join(row.reasons)])
    return path


# --- JupyterHub ----------------------------------------------------------------------------


def _normal_url(url: str) -> str:
    """A repository address in one form: ``git@host:org/name.git`` and ``https://host/org/name/`` alike."""
    url = url.strip().lower().rstrip("/").removesuffix(".git")
    if url.startswith("git@") and ":" in url:
        host, path = url[4:].split(":", 1)
        url = f"https://{host}/{path}"
    return url.removeprefix("http://").removeprefix("https://").removeprefix("www.")


def keyed_repositories(root: Path | str | None = None) -> list[str]:
    """Addresses of the repository that holds the assignment keys: ``repository.url`` in
    ``_config.yml`` and the git remotes of the course folder."""
    import yaml

    root = Path(root or paths.ROOT)
    found = []
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
        url = (config.get("repository") or {}).get("url")
        if url:
            found.append(str(url))
    except (OSError, yaml.YAMLError):
        pass
    remotes = subprocess.run(["git", "remote", "-v"], cwd=root, capture_output=True, text=True)
    if remotes.returncode == 0:
        found += [line.split()[1] for line in remotes.stdout.splitlines() if len(line.split()) > 1]
    return list(dict.fromkeys(found))


def check_student_url(url: str, root: Path | str | None = None) -> None:
    """Raise :class:`GradingError` if ``url`` is the repository that holds the assignment keys."""
    if _normal_url(url) in {_normal_url(keyed) for keyed in keyed_repositories(root)}:
        raise GradingError(
            f"{url} is the course's source repository, which holds the assignment sources with the solutions "
            "and hidden tests: learners must not get it. Make a copy without them "
            "(python -m zhao_course.grading student-repo DEST --url STUDENT_URL), publish it, and give its address.")


def nbgitpuller_link(hub: str, repo: str, branch: str = "main", path: str = "", interface: str = "lab") -> str:
    """An nbgitpuller link: it copies ``repo`` into the learner's hub account and opens ``path``."""
    folder = repo.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
    target = f"{folder}/{path}".rstrip("/")
    urlpath = f"{interface}/tree/{target}" if interface == "lab" else f"tree/{target}"
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "urlpath": urlpath})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


# --- Command line --------------------------------------------------------------------------


def _docker_grade(name: str, submissions: Path, out: Path, build_dir: Path | str | None, jobs: int,
                  timeout: float, image: str | None) -> int:
    """Hand the batch to ``otter grade`` (Docker): its own CSV, ``final_grades.csv``, beside ``out``."""
    student, autograder = built_paths(name, build_dir)
    if not autograder.exists():
        build([name], build_dir)
    command = [sys.executable, "-m", "otter", "grade", "-n", name, "-a", str(autograder),
               "-o", str(out.parent if out.suffix == ".csv" else out), "--ext", "ipynb",
               "--containers", str(max(1, jobs)), "--timeout", str(int(timeout)), "--no-network"]
    if image:
        command += ["--image", image]
    return subprocess.call(command + [str(submissions)])


# --- a copy of the course without the keys --------------------------------------------------

#: What a student copy leaves out: the assignment sources (solutions, hidden tests, model
#: answers), the built autograders, the tests, version control and local builds.
KEYLESS_EXCLUDED: tuple[str, ...] = ("exercises/assignments", "_build", "tests", ".git", ".venv", ".ci",
                                     ".pytest_cache", ".ipynb_checkpoints", "__pycache__")

#: Pages of the book that a student copy replaces by :data:`WITHHELD_PAGE`: the guide for
#: instructors restates the assignments' keys and the marking criteria of the written answers.
#: The page stays (so the copy's ``_toc.yml`` and the links to it still resolve) but says only
#: that the guide is with the instructor.
WITHHELD: tuple[str, ...] = ("book/instructor_guide.md",)

WITHHELD_PAGE = """# Guide for instructors

The guide for instructors (timings, marking criteria and the keys of the assignments) is not
part of this copy of the course: your instructor has it. For how to work through the
chapters on your own, see [how to use this book](how_to_use.md).
"""


def student_repo(dest: Path | str, root: Path | str | None = None, log: Callable[[str], None] = print,
                 url: str | None = None, hub: str | None = None) -> Path:
    """Copy the course to ``dest`` without anything that holds an assignment key.

    The copy is what to publish for learners (a repository of its own that the hub link,
    Binder and Colab point at): the chapters, book, data and package, but not
    ``exercises/assignments/`` (solutions, hidden tests, model answers), no autograder,
    nor the other folders of :data:`KEYLESS_EXCLUDED`; the guide for instructors (keys and
    marking criteria) is replaced by a one-paragraph page (:data:`WITHHELD`). Only files git tracks are copied
    when the course is a git checkout (so no local output). ``url``, the address the copy
    will be published at, replaces ``repository.url`` in the copy's ``_config.yml`` (so
    the launch buttons of a site built from the copy open the copy, not this repository);
    ``hub`` sets its ``launch_buttons.jupyterhub_url``.
    """
    root = Path(root or paths.ROOT).resolve()
    dest = Path(dest).resolve()
    if url:
        check_student_url(url, root)
    if dest == root or root in dest.parents:
        raise GradingError(f"Write the student copy outside the course folder, not to {dest}.")
    if dest.exists() and any(dest.iterdir()):
        raise GradingError(f"{dest} is not empty: give a new or empty folder for the student copy.")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout:
        files = [root / name for name in listed.stdout.split("\0") if name]
    else:
        files = [path for path in root.rglob("*") if path.is_file()]
    copied = 0
    for path in files:
        relative = path.relative_to(root)
        text = relative.as_posix()
        if any(text == part or text.startswith(part + "/") or part in relative.parts
               for part in KEYLESS_EXCLUDED) or not path.is_file():
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied += 1
    for page in WITHHELD:
        if (dest / page).exists():
            (dest / page).write_text(WITHHELD_PAGE, encoding="utf-8")
    if url:
        _point_copy_at(dest, url, keyed_repositories(root))
    config = dest / "_config.yml"
    if config.exists() and (url or hub):
        import re

        text = config.read_text(encoding="utf-8")
        if url:
            text = re.sub(r"(^repository:[^\n]*\n(?:[ \t#][^\n]*\n|\n)*?[ \t]+url:[ \t]*).*$",
                          lambda m: m.group(1) + url, text, count=1, flags=re.M)
        if hub:
            text = re.sub(r"^([ \t]+jupyterhub_url:[ \t]*)\S*(.*)$", lambda m: f'{m.group(1)}"{hub}"{m.group(2)}',
                          text, count=1, flags=re.M)
        config.write_text(text, encoding="utf-8")
    log(f"Wrote a student copy of the course ({copied} files, no assignment sources, no autograder, "
        f"no guide for instructors) to {dest}"
        + (f"; its launch buttons point at {url}." if url else "."))
    if not url:
        log("Its _config.yml still names this repository: give --url with the student copy's address.")
    return dest


_TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".cff", ".txt", ".ipynb", ".py", ".toml", ".json", ".bib", ".cfg", ".rst"}


def _point_copy_at(dest: Path, url: str, keyed: Sequence[str]) -> None:
    """In the copy's text files, replace every address of the repository with the keys (and
    ``cd`` into its folder) by the student copy's, so that no page tells learners to clone it."""
    import re

    new = url.rstrip("/").removesuffix(".git")
    new_folder = new.rsplit("/", 1)[-1]
    olds = sorted({u.rstrip("/").removesuffix(".git") for u in keyed if u}, key=len, reverse=True)
    if not olds:
        return
    for path in dest.rglob("*"):
        if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        changed = text
        for old in olds:
            changed = changed.replace(old, new)
            folder = old.rsplit("/", 1)[-1]
            changed = re.sub(rf"(%?cd\s+){re.escape(folder)}\b", lambda m: m.group(1) + new_folder, changed)
        if changed != text:
            path.write_text(changed, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhao_course.grading", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build every assignment's student version and autograder")
    build_cmd.add_argument("names", nargs="*", default=list(ASSIGNMENTS), help=f"assignments ({', '.join(ASSIGNMENTS)})")
    build_cmd.add_argument("--out", default=None, help=f"output folder (default {BUILD_DIR})")
    grade_cmd = commands.add_parser("grade", help="grade a folder of submissions into a CSV")
    grade_cmd.add_argument("name", help=f"the assignment ({', '.join(ASSIGNMENTS)})")
    grade_cmd.add_argument("submissions", help="folder holding the submitted .ipynb files")
    grade_cmd.add_argument("--out", default="grades.csv", help="the CSV to write (default grades.csv)")
    grade_cmd.add_argument("--build", default=None, help=f"where the built assignments are (default {BUILD_DIR})")
    grade_cmd.add_argument("--timeout", type=float, default=NOTEBOOK_TIMEOUT, help="seconds per submission")
    grade_cmd.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell")
    grade_cmd.add_argument("--jobs", type=int, default=1, help="submissions graded at once (default 1)")
    grade_cmd.add_argument("--docker", action="store_true", help="grade with `otter grade` in Docker instead")
    grade_cmd.add_argument("--image", default=None, help="with --docker: a base image with the course installed")
    link_cmd = commands.add_parser("hub-link", help="print an nbgitpuller link to the student copy for a JupyterHub")
    link_cmd.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    link_cmd.add_argument("--repo", "--student-repo", dest="repo", required=True,
                          help="git URL of the student copy (made with student-repo); never this repository, which holds the keys")
    link_cmd.add_argument("--branch", default="main")
    link_cmd.add_argument("--path", default="book/index.md", help="file to open, inside the repository")
    copy_cmd = commands.add_parser("student-repo", help="copy the course without the assignment keys, to publish for learners")
    copy_cmd.add_argument("dest", help="a new or empty folder outside the course")
    copy_cmd.add_argument("--url", required=True,
                          help="the address the copy will be published at, e.g. https://github.com/your-org/zhao-course-student")
    copy_cmd.add_argument("--hub", default=None, help="a JupyterHub's address for the copy's launch buttons (optional)")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build(args.names, args.out)
        elif args.command == "grade":
            if args.docker:
                return _docker_grade(args.name, Path(args.submissions), Path(args.out), args.build, args.jobs,
                                     args.timeout, args.image)
            rows = grade(args.name, args.submissions, args.out, args.build, timeout=args.timeout,
                         cell_timeout=args.cell_timeout, jobs=args.jobs)
            faulty = sum(bool(row.reasons) for row in rows)
            print(f"Graded {len(rows)} submission(s) of {args.name} into {args.out}"
                  f"{f'; {faulty} with a reason given' if faulty else ''}.")
        elif args.command == "student-repo":
            student_repo(args.dest, url=args.url, hub=args.hub)
        else:
            check_student_url(args.repo)
            print(nbgitpuller_link(args.hub, args.repo, args.branch, args.path))
    except GradingError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
