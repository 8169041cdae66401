"""The autograded assignments: they build, nothing secret reaches students, grading is right.

* Every assignment builds with ``otter assign`` (which also runs the reference solution
  against every public and hidden test).
* No line of a solution or of a hidden test appears in anything a student receives: the
  student versions (cells and metadata) and the course material handed out with them.
* ``python -m zhao_course.grading grade`` grades, per assignment, the reference solution
  (full marks), the untouched student version (zero), a partly wrong submission, and
  broken ones (not a notebook, a cell that raises, an endless loop, deleted cells,
  reordered cells, a write outside the submission's folder), and writes one CSV row for
  each, with the marks earned and a reason where a fault cost marks.
"""
from __future__ import annotations

import copy
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from zhao_course import grading, paths

ROOT = paths.PACKAGE_ROOT


def _text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("assignments")
    grading.build(grading.ASSIGNMENTS, out, log=lambda text: None)
    return out


# --- the sources ---------------------------------------------------------------------------


def _parts(name: str) -> tuple[list[str], list[str], list[str]]:
    """(solution cells, hidden test cells, public cells) of an assignment's source."""
    notebook = json.loads(grading.source_path(name).read_text(encoding="utf-8"))
    solutions, hidden, public = [], [], []
    in_solution = in_tests = False
    for cell in notebook["cells"]:
        text = _text(cell)
        marker = text.strip() if cell["cell_type"] == "raw" else ""
        if marker in ("# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN TESTS", "# END TESTS"):
            in_solution = marker == "# BEGIN SOLUTION"
            in_tests = marker == "# BEGIN TESTS"
            continue
        if in_solution:
            solutions.append(text)
        elif in_tests:
            (hidden if re.search(r"^hidden:\s*true", text, flags=re.M) else public).append(text)
        elif cell["cell_type"] != "raw":
            public.append(text)
    return solutions, hidden, public


def test_every_assignment_has_5_to_8_questions_public_and_hidden_tests_and_a_written_answer() -> None:
    for name in grading.ASSIGNMENTS:
        asked = grading.questions(name)
        assert 5 <= len(asked) <= 8, name
        assert any(q.manual for q in asked), f"{name} has no written answer graded by hand"
        notebook = json.loads(grading.source_path(name).read_text(encoding="utf-8"))
        source = "\n".join(_text(cell) for cell in notebook["cells"])
        for question in (q for q in asked if not q.manual):
            block = source.split(f"name: {question.name}\n", 1)[1].split("# END QUESTION", 1)[0]
            assert "hidden: true" in block, f"{name} {question.name} has no hidden test"
            assert re.search(r"points: 0\n(?!hidden)", block), f"{name} {question.name} has no public test"
            assert "success_message" in block
        assert "spot the error" in source.lower(), f"{name} has no 'spot the error' question"


# --- nothing leaks -------------------------------------------------------------------------

_OTTER_MARKER = re.compile(r"\s*#\s*(BEGIN|END) SOLUTION( NO PROMPT)?\s*$|\s*#\s*SOLUTION( NO PROMPT)?\s*$")


def _answer_names(name: str) -> set[str]:
    """The answer variables: the names the solution lines marked ``# SOLUTION`` assign."""
    names = set()
    for text in _parts(name)[0]:
        for line in text.splitlines():
            if re.search(r"#\s*SOLUTION\s*$", line) and " = " in line:
                names.add(line.split(" = ", 1)[0].strip())
    return names


def _secret_lines(name: str) -> dict[str, bool]:
    """Lines of the solutions and hidden tests that the public part of the source does not show.

    Each maps to whether it bears an answer (it names an answer variable or ``expected``,
    maps a statement's letter to a row, or is a line of a model answer). The student
    versions must contain none of them; the rest of the course material, which shares
    idioms such as ``load_table("article_claims")`` with the solutions, none of those
    that bear an answer.
    """
    solutions, hidden, _ = _parts(name)
    # what any assignment shows its students is not a secret of another (a shared set-up line)
    public_text = "\n".join(text for other in grading.ASSIGNMENTS for text in _parts(other)[2])
    answers = _answer_names(name) | {"expected"}
    secrets: dict[str, bool] = {}

    def add(line: str, prose: bool) -> None:
        if len(re.sub(r"\W", "", line)) < 8 or line in public_text:
            return
        bears = prose or any(re.search(rf"\b{re.escape(word)}\b", line) for word in answers) \
            or bool(re.match(r'"[A-H]": ', line))
        secrets[line] = secrets.get(line, False) or bears

    for text in solutions + hidden:
        prose = not text.lstrip().startswith(('"""', "#", "def ")) and "**" in text  # a model answer
        for line in text.splitlines():
            line = _OTTER_MARKER.sub("", line).strip()
            if line.startswith('"""') or re.fullmatch(r"(points|hidden|success_message):.*", line):
                continue  # the test's config block: a number, not a secret
            add(line, prose)
            if " = " in line and not prose:  # the computation without its name
                add(line.split(" = ", 1)[1].strip(), False)
    return secrets


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _readable(path: Path) -> str:
    if path.suffix == ".ipynb":
        return "\n".join(_strings(json.loads(path.read_text(encoding="utf-8"))))
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ""


def student_material(built: Path) -> list[Path]:
    """What a student receives: the student versions, and the course handed out beside them."""
    files = [p for name in grading.ASSIGNMENTS for p in (built / name / "student").rglob("*") if p.is_file()]
    for folder in ("book", "notebooks", "data", "zhao_course", "exercises/quizzes"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in
                  {".md", ".ipynb", ".py", ".csv", ".json", ".bib", ".txt", ".yml"} and "__pycache__" not in p.parts]
    files += [ROOT / name for name in ("README.md", "requirements.txt", "_config.yml", "_toc.yml")]
    return files


def test_student_versions_have_no_solution_and_no_hidden_test(built: Path) -> None:
    material = {path: _readable(path) for path in student_material(built)}
    leaks = []
    for name in grading.ASSIGNMENTS:
        secrets = _secret_lines(name)
        assert sum(secrets.values()) > 15, f"{name}: too few secret lines found: is the source parsed?"
        for path, text in material.items():
            in_student_version = built in path.parents
            leaks += [f"{path}: {line}" for line, bears in secrets.items()
                      if (bears or in_student_version) and line in text]
    assert not leaks, "Secret lines found in student material:\n" + "\n".join(leaks[:20])


def test_student_version_keeps_the_public_tests_and_no_hidden_ones(built: Path) -> None:
    for name in grading.ASSIGNMENTS:
        student = json.loads(grading.built_paths(name, built)[0].read_text(encoding="utf-8"))
        tests = student["metadata"]["otter"]["tests"]
        auto = [q.name for q in grading.questions(name) if not q.manual]
        assert sorted(tests) == sorted(auto)
        for body in tests.values():
            assert "hidden=True" not in body and "hidden=False" in body
        answers = [c for c in student["cells"] if "otter_answer_cell" in c["metadata"].get("tags", [])]
        assert len(answers) == len(grading.questions(name))


def test_the_leak_search_finds_a_planted_leak(built: Path, tmp_path: Path) -> None:
    name = "sreb_eaeu"
    student = json.loads(grading.built_paths(name, built)[0].read_text(encoding="utf-8"))
    solution = next(line for line in _parts(name)[0][1].splitlines() if re.search(r"#\s*SOLUTION\s*$", line))
    student["cells"][-1]["source"] = _OTTER_MARKER.sub("", solution)
    planted = tmp_path / "leaky.ipynb"
    planted.write_text(json.dumps(student), encoding="utf-8")
    assert any(line in _readable(planted) for line, bears in _secret_lines(name).items() if bears)


# --- grading -------------------------------------------------------------------------------


def _reference(name: str, built: Path) -> dict[str, Any]:
    student = json.loads(grading.built_paths(name, built)[0].read_text(encoding="utf-8"))
    answers = [i for i, c in enumerate(student["cells"]) if "otter_answer_cell" in c["metadata"].get("tags", [])]
    solutions = _parts(name)[0]
    assert len(answers) == len(solutions)
    for index, solution in zip(answers, solutions):
        student["cells"][index]["source"] = solution
    return student


def _cells_of(notebook: dict[str, Any], question: str) -> tuple[int, int]:
    """(answer cell, check cell) of an auto-graded question."""
    check = next(i for i, c in enumerate(notebook["cells"]) if f'grader.check("{question}")' in _text(c))
    answer = max(i for i, c in enumerate(notebook["cells"][:check])
                 if "otter_answer_cell" in c["metadata"].get("tags", []))
    return answer, check


def _prepend(notebook: dict[str, Any], question: str, code: str) -> dict[str, Any]:
    changed = copy.deepcopy(notebook)
    answer, _ = _cells_of(changed, question)
    changed["cells"][answer]["source"] = code + "\n" + _text(changed["cells"][answer])
    return changed


def _submissions(name: str, built: Path, folder: Path, outside: Path) -> dict[str, float]:
    """Write the test submissions; return each one's expected auto-graded total."""
    asked = [q for q in grading.questions(name) if not q.manual]
    points = {q.name: q.points for q in asked}
    full = sum(points.values())
    first, second, third, spot = asked[0].name, asked[1].name, asked[2].name, asked[-1].name
    student = json.loads(grading.built_paths(name, built)[0].read_text(encoding="utf-8"))
    reference = _reference(name, built)

    partial = copy.deepcopy(reference)
    answer, _ = _cells_of(partial, first)
    partial["cells"][answer] = copy.deepcopy(student["cells"][answer])  # left blank
    answer, _ = _cells_of(partial, spot)  # the slip-or-substance question: one of its four sentences judged wrongly
    judged = _text(partial["cells"][answer])
    assert judged.startswith("kinds = {") and '"slip"' in judged, judged
    partial["cells"][answer]["source"] = judged.replace('"slip"', '"substance"', 1)
    per_item = points[spot] / 4

    deleted = copy.deepcopy(reference)
    answer, check = _cells_of(deleted, first)
    del deleted["cells"][check]
    del deleted["cells"][answer]

    reordered = copy.deepcopy(reference)
    start = next(i for i, c in enumerate(reordered["cells"]) if c["cell_type"] == "markdown"
                 and _text(c).startswith("## Question 1"))
    spot_start = max(i for i, c in enumerate(reordered["cells"][:_cells_of(reordered, spot)[0]])
                     if c["cell_type"] == "markdown")
    block = reordered["cells"][spot_start:_cells_of(reordered, spot)[1] + 1]
    del reordered["cells"][spot_start:_cells_of(reordered, spot)[1] + 1]
    reordered["cells"][start:start] = block  # the independent spot-the-error question moved first

    raises = _prepend(reference, second, "1 / 0")
    writes = f"open({str(outside)!r}, 'w').write('graded')"
    if name == grading.ASSIGNMENTS[0]:  # every fault in a submission of its own
        notebooks = {
            "1_reference": (reference, full),
            "2_blank": (student, 0.0),
            "3_partial": (partial, full - points[first] - per_item),
            "5_raises": (raises, full - points[second]),
            "6_loops": (_prepend(reference, third, "while True:\n    pass"), full - points[third]),
            "7_deletes_cells": (deleted, full - points[first]),
            "8_reorders_cells": (reordered, full),
            "9_writes_outside": (_prepend(reference, second, writes), full - points[second]),
        }
    else:  # the same faults, fewer runs: three faults in one notebook, two in another
        faulty = _prepend(_prepend(_prepend(reference, second, "1 / 0"), third, "while True:\n    pass"), spot, writes)
        restructured = copy.deepcopy(reordered)
        answer, check = _cells_of(restructured, first)
        del restructured["cells"][check]
        del restructured["cells"][answer]
        notebooks = {
            "1_reference": (reference, full),
            "2_blank": (student, 0.0),
            "3_partial": (partial, full - points[first] - per_item),
            "5_raises_loops_writes_outside": (faulty, full - points[second] - points[third] - points[spot]),
            "7_deletes_and_reorders_cells": (restructured, full - points[first]),
        }
    for label, (notebook, _) in notebooks.items():
        (folder / f"{label}.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    (folder / "4_not_a_notebook.ipynb").write_text('{"cells": [ this is not JSON', encoding="utf-8")
    expected = {label: total for label, (_, total) in notebooks.items()}
    expected["4_not_a_notebook"] = 0.0
    return expected


REASONS = {
    "1_reference": None,
    "2_blank": None,
    "3_partial": None,
    "4_not_a_notebook": "not a notebook that can be read",
    "5_raises": "ZeroDivisionError",
    "6_loops": "cell stopped",
    "7_deletes_cells": "deleted",
    "8_reorders_cells": "reordered",
    "9_writes_outside": "blocked",
    "5_raises_loops_writes_outside": ("ZeroDivisionError", "cell stopped", "blocked"),
    "7_deletes_and_reorders_cells": ("deleted", "reordered"),
}


@pytest.mark.parametrize("name", grading.ASSIGNMENTS)
def test_grade_command_writes_one_row_per_submission(name: str, built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    outside = tmp_path / "outside" / "written_by_a_submission.txt"
    outside.parent.mkdir()
    expected = _submissions(name, built, folder, outside)
    out = tmp_path / "grades.csv"
    done = subprocess.run(
        [sys.executable, "-m", "zhao_course.grading", "grade", name, str(folder), "--out", str(out),
         "--build", str(built), "--cell-timeout", "15", "--timeout", "240", "--jobs", "2"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{len(expected)}/{len(expected)}" in done.stderr, "no progress bar"
    rows = {row["submission"].removesuffix(".ipynb"): row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert sorted(rows) == sorted(expected)
    asked = grading.questions(name)
    header = list(next(csv.reader(out.open(encoding="utf-8"))))
    assert header == (["submission"] + [q.name + (" (manual)" if q.manual else "") for q in asked]
                      + ["total", "possible", "seconds", "reason"])
    possible = sum(q.points for q in asked if not q.manual)
    report = []
    for label, total in expected.items():
        row = rows[label]
        report.append(f"{name} {label}: {row['total']}/{row['possible']} in {row['seconds']} s; {row['reason']}")
        assert float(row["possible"]) == possible
        assert float(row["total"]) == pytest.approx(total), f"{label}: {row}"
        assert float(row["total"]) == pytest.approx(sum(float(row[q.name]) for q in asked if not q.manual))
        assert all(row[f"{q.name} (manual)"] == "" for q in asked if q.manual)
        wanted = REASONS[label]
        if wanted is None:
            assert row["reason"] == "", f"{label}: {row['reason']}"
        else:
            for part in (wanted,) if isinstance(wanted, str) else wanted:
                assert part in row["reason"], f"{label}: {row['reason']!r}"
    assert not outside.exists(), "a submission wrote outside its folder"
    print("\n".join(report))


STUDENT_URL = "https://github.com/your-org/zhao-course-student"


def test_student_repo_command_writes_a_copy_without_any_key(tmp_path: Path) -> None:
    dest = tmp_path / "student-course"
    done = subprocess.run([sys.executable, "-m", "zhao_course.grading", "student-repo", str(dest), "--url", STUDENT_URL],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert not list(dest.rglob("*autograder*")) and not list(dest.rglob("*.zip")), "an autograder was copied"
    assert not (dest / "_build").exists() and not (dest / ".git").exists()
    # the launch buttons of a site built from the copy open the copy, not the repository with the keys
    import yaml
    config = yaml.safe_load((dest / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"]["url"] == STUDENT_URL
    assert config["repository"]["url"] not in (ROOT / "_config.yml").read_text(encoding="utf-8")
    keyed = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    naming = [str(path) for path in dest.rglob("*") if path.is_file() and keyed in _readable(path)]
    assert not naming, f"pages of the student copy still send learners to the repository with the keys: {naming}"
    how_to = (dest / "book" / "how_to_use.md").read_text(encoding="utf-8")
    assert f"git clone {STUDENT_URL}" in how_to and "cd zhao-course-student" in how_to
    assert (dest / "data" / "article_claims.csv").is_file() and (dest / "zhao_course" / "data.py").is_file()
    assert (dest / "notebooks" / "02_border_disputes.ipynb").is_file()
    assert not (dest / "exercises" / "assignments").exists(), "the assignment sources were copied"
    assert not (dest / "tests").exists()
    texts = {path: _readable(path) for path in dest.rglob("*") if path.is_file()}
    leaks = [f"{path}: {line}" for name in grading.ASSIGNMENTS for line, bears in _secret_lines(name).items()
             if bears for path, text in texts.items() if line in text]
    assert not leaks, "Secret lines in the student copy:\n" + "\n".join(leaks[:20])
    again = subprocess.run([sys.executable, "-m", "zhao_course.grading", "student-repo", str(dest), "--url", STUDENT_URL],
                           capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 1 and "not empty" in again.stderr


def _toc_files(toc: Any) -> list[str]:
    if isinstance(toc, dict):
        return ([toc["file"]] if "file" in toc else []) + [f for value in toc.values() for f in _toc_files(value)]
    if isinstance(toc, list):
        return [f for item in toc for f in _toc_files(item)]
    return []


def test_student_copy_withholds_the_instructor_guide_and_its_keys(tmp_path: Path) -> None:
    """The guide restates keys and marking criteria: the copy has a one-paragraph page in its
    place, its table of contents names no missing page, and no sentence of the guide's
    criteria or keys reaches any file of the copy."""
    import yaml

    dest = grading.student_repo(tmp_path / "copy", url=STUDENT_URL, log=lambda text: None)
    guide = (ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")
    page = (dest / "book" / "instructor_guide.md").read_text(encoding="utf-8")
    assert page == grading.WITHHELD_PAGE and "Marking criteria" not in page
    toc = yaml.safe_load((dest / "_toc.yml").read_text(encoding="utf-8"))
    missing = [f for f in _toc_files(toc) if not any((dest / (f + ext)).is_file() for ext in ("", ".md", ".ipynb"))]
    assert not missing, f"the copy's _toc.yml names pages the copy does not have: {missing}"
    linked = [(path, target) for path in (dest / "book").glob("*.md")
              for target in re.findall(r"\]\(([^)#:]+\.md)", path.read_text(encoding="utf-8"))
              if not (path.parent / target).is_file()]
    assert not linked, f"pages of the copy link to pages it does not have: {linked}"
    # every sentence of the guide from its marking criteria to its end (criteria, model answers,
    # the keys an instructor needs), in every file of the copy, whitespace-insensitive
    secret = guide.split("### Marking criteria", 1)[1]
    sentences = {" ".join(part.split()) for part in re.split(r"(?<=[.;:!?])\s+|\n\s*[-*|] ", secret)}
    sentences = {text for text in sentences if len(text) >= 40 and not text.startswith(("python -m", "`python"))}
    assert len(sentences) > 20
    texts = {path: " ".join(_readable(path).split()) for path in dest.rglob("*") if path.is_file()}
    found = [f"{path.relative_to(dest)}: {text[:80]}" for text in sorted(sentences)
             for path, content in texts.items() if text in content]
    assert not found, "The guide's criteria or keys are in the student copy:\n" + "\n".join(found[:20])
    # and the keys of the auto-graded questions as the guide phrases them, when it does
    for phrase in re.findall(r"question \d+: [^.;)]{8,}", secret):
        assert not any(" ".join(phrase.split()) in content for content in texts.values()), phrase


def test_hub_link_command() -> None:
    done = subprocess.run([sys.executable, "-m", "zhao_course.grading", "hub-link", "--hub", "https://hub.example.edu",
                           "--repo", "https://github.com/org/zhao-course", "--path", "notebooks/02_border_disputes.ipynb"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (
        "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fzhao-course"
        "&branch=main&urlpath=lab%2Ftree%2Fzhao-course%2Fnotebooks%2F02_border_disputes.ipynb")


def test_hub_link_points_at_the_student_copy_and_refuses_the_repository_with_the_keys() -> None:
    done = subprocess.run([sys.executable, "-m", "zhao_course.grading", "hub-link", "--hub", "https://hub.example.edu",
                           "--student-repo", STUDENT_URL + ".git", "--path", "notebooks/01_introduction.ipynb"],
                          capture_output=True, text=True, check=True)
    assert "repo=https%3A%2F%2Fgithub.com%2Fyour-org%2Fzhao-course-student.git" in done.stdout
    assert "urlpath=lab%2Ftree%2Fzhao-course-student%2Fnotebooks%2F01_introduction.ipynb" in done.stdout
    import yaml
    keyed = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    for given in (keyed, keyed.upper() + ".git/", keyed.replace("https://github.com/", "git@github.com:") + ".git"):
        refused = subprocess.run([sys.executable, "-m", "zhao_course.grading", "hub-link", "--hub", "https://hub.example.edu",
                                  "--repo", given], capture_output=True, text=True)
        assert refused.returncode == 1 and refused.stdout == "", given
        assert "holds the assignment sources" in refused.stderr and "student-repo" in refused.stderr
        copied = subprocess.run([sys.executable, "-m", "zhao_course.grading", "student-repo", "/nonexistent-never-written",
                                 "--url", given], capture_output=True, text=True)
        assert copied.returncode == 1 and "holds the assignment sources" in copied.stderr


def test_build_starts_from_scratch_and_grade_rebuilds_a_stale_build(built: Path, tmp_path: Path) -> None:
    name = grading.ASSIGNMENTS[0]
    assert all(grading.is_current(each, built) for each in grading.ASSIGNMENTS)
    out = tmp_path / "build"
    shutil.copytree(built / name, out / name)
    stale_question = out / name / "student" / "tests" / "q99.py"
    stale_question.parent.mkdir(parents=True, exist_ok=True)
    stale_question.write_text("# a question removed from the source", encoding="utf-8")
    gone = out / "removed_assignment"
    (gone / "student").mkdir(parents=True)
    (gone / grading.STAMP).write_text("0" * 64, encoding="utf-8")
    (out / name / grading.STAMP).write_text("0" * 64, encoding="utf-8")  # built from older sources
    assert not grading.is_current(name, out)
    folder = tmp_path / "submissions"
    folder.mkdir()
    rows = grading.grade(name, folder, tmp_path / "grades.csv", out, progress=False)  # rebuilds first
    assert rows == [] and grading.is_current(name, out)
    assert not stale_question.exists(), "a stale file survived the build"
    assert not gone.exists(), "the build of a removed assignment survived"


def test_unknown_assignment_gets_a_sentence(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "zhao_course.grading", "grade", "nope", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "There is no assignment 'nope'" in done.stderr


# --- the instructor guide ------------------------------------------------------------------


def test_instructor_guide_maps_outcomes_to_existing_quiz_items_and_every_assignment() -> None:
    guide = (ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")
    table = guide.split("## Learning outcomes", 1)[1].split("\n## ", 1)[0]
    banks = {}
    for path in (ROOT / "exercises" / "quizzes").glob("*.json"):
        bank = json.loads(path.read_text(encoding="utf-8"))
        banks.update({item["id"]: path.stem for item in bank["questions"]})
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", guide))
    assert named, "no quiz item ids in the guide"
    assert named <= set(banks), f"quiz items the banks do not have: {sorted(named - set(banks))}"
    for prefix, name in zip(("A1", "A2", "A3"), grading.ASSIGNMENTS):
        assert name in guide
        for question in grading.questions(name):
            number = int(question.name[1:])
            mentioned = re.findall(rf"{prefix} q(\d)(?:–q(\d))?", table)
            covered = any(int(a) <= number <= int(b or a) for a, b in mentioned)
            assert covered, f"{prefix} {question.name} is not mapped to an outcome"
    for needed in ("One week", "Two weeks", "Four weeks", "Discussion prompts", "Notes", "nbgitpuller",
                   "Binder", "Colab", "zhao_course.grading build", "zhao_course.grading grade", "quiz gift",
                   "quiz qti", "Marking criteria"):
        assert needed in guide, needed


# --- the questions teach and judge -----------------------------------------------------------


def _question_cells(name: str, question: str) -> list[str]:
    notebook = json.loads(grading.source_path(name).read_text(encoding="utf-8"))
    texts = [_text(cell) for cell in notebook["cells"]]
    start = next(i for i, text in enumerate(texts) if text.startswith("# BEGIN QUESTION") and f"name: {question}\n" in text + "\n")
    end = next(i for i in range(start, len(texts)) if texts[i].strip() == "# END QUESTION")
    return texts[start:end]


def _public_check(name: str, question: str) -> Any:
    """The public test function of a question, ready to call with an answer."""
    code = next(text for text in _question_cells(name, question) if re.search(r"^points: 0$", text, flags=re.M))
    scope: dict[str, Any] = {}
    exec(code.rsplit("\ntest_", 1)[0], scope)  # the definition, without its call
    return next(value for key, value in scope.items() if key.startswith("test_"))


def test_public_checks_reject_the_inverted_ratio_and_the_entry_into_force_with_a_reason() -> None:
    ratio = _public_check("sreb_eaeu", "q5")
    ratio(0.7100)
    ratio(6.955 / 9.8)  # the GDP share rounded to one decimal still passes the public check
    with pytest.raises(AssertionError, match="upside down"):
        ratio(1 / 0.7100)
    days = _public_check("sreb_eaeu", "q4")
    days(138)
    with pytest.raises(AssertionError, match="entry into force"):
        days(217)


def test_slip_or_substance_is_judged_per_sentence_with_chapter_10s_definitions() -> None:
    chapter = json.loads((ROOT / "notebooks" / "10_spot_the_error.ipynb").read_text(encoding="utf-8"))
    chapter_text = "\n".join(_text(cell) for cell in chapter["cells"])
    data_text = (ROOT / "data" / "article_errors.md").read_text(encoding="utf-8")
    phrases = ("garbles a word, a unit, a digit or a name", "can a careful reader identify what was meant",
               "a name no one can identify", "obvious referent")
    for phrase in phrases:
        assert phrase in chapter_text, f"chapter 10 no longer says {phrase!r}: align the assignments with it"
    for phrase in phrases[1:]:
        assert phrase in " ".join(data_text.split()), f"data/article_errors.md no longer says {phrase!r}"
    errors = {row["id"]: row for row in csv.DictReader((ROOT / "data" / "article_errors.csv").open(encoding="utf-8"))}
    for name in grading.ASSIGNMENTS:
        source = grading.source_path(name).read_text(encoding="utf-8")
        prose = " ".join(_text(cell) for cell in json.loads(source)["cells"] if cell["cell_type"] == "markdown")
        for phrase in phrases:
            assert phrase in " ".join(prose.split()), f"{name}: the definitions are not chapter 10's ({phrase!r})"
        assert "a typo or wrong unit the reader can see through" not in source
        judged = [q for q in grading.questions(name) if any("kinds = {" in text for text in _question_cells(name, q.name))]
        assert len(judged) == 1, name
        cells = _question_cells(name, judged[0].name)
        hidden = [text for text in cells if "hidden: true" in text]
        assert len(hidden) == 4 and all("points: 0.5" in text for text in hidden), f"{name}: one hidden test per sentence"
        assert all(re.search(r"def test_\w+\(kinds\)", text) for text in hidden)
        # the sentences to judge are the course's own, not the article's classified mistakes
        prompt = next(text for text in cells if text.startswith("## Question"))
        for row in errors.values():
            assert row["article_says"].strip("'\"") not in prompt, f"{name}: {row['id']} is classified in chapter 10"


def test_instructor_guide_gives_each_chapter_the_time_of_its_own_time_line() -> None:
    """The guide's table of the module gives every chapter the minutes its notebook states."""
    guide = (ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| Chapter (\d+),[^|]*\|[^|]*\| about (\d+) min", guide, flags=re.M))
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert len(rows) == len(notebooks), f"the guide's table lists {len(rows)} chapters, the course has {len(notebooks)}"
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        minutes = re.search(r"\*\*Time:\*\* about (\d+) minutes", text).group(1)
        number = str(int(path.name[:2]))
        assert rows[number] == minutes, f"the guide gives chapter {number} {rows[number]} min, its notebook {minutes}"


def _hidden_checks(name: str, question: str) -> list[tuple[float, Any]]:
    """(points, test function) of each hidden test of a question."""
    found = []
    for code in _question_cells(name, question):
        if re.search(r"^hidden: true$", code, flags=re.M):
            scope: dict[str, Any] = {}
            exec(code.rsplit("\ntest_", 1)[0], scope)
            points = float(re.search(r"^points: ([\d.]+)$", code, flags=re.M).group(1))
            found.append((points, next(value for key, value in scope.items() if key.startswith("test_"))))
    return found


@pytest.mark.parametrize("name,question,letters", [("border_history", "q5", "ABCDEF"),
                                                   ("turn_to_the_east", "q6", "ABCDE"),
                                                   ("sreb_eaeu", "q6", "ABCDEF")])
def test_which_are_errors_is_marked_per_statement_with_a_reason(name: str, question: str, letters: str) -> None:
    """One hidden test per statement, the points split; a wrong call on one statement costs
    only its share and says why; a blank earns nothing."""
    checks = _hidden_checks(name, question)
    total = next(q.points for q in grading.questions(name) if q.name == question)
    assert len(checks) == len(letters) and sum(points for points, _ in checks) == pytest.approx(total)

    def score(answer: Any) -> tuple[float, list[str]]:
        earned, messages = 0.0, []
        for points, check in checks:
            try:
                check(answer)
                earned += points
            except AssertionError as failure:
                messages.append(str(failure))
        return earned, messages

    key = [letter for (points, check), letter in zip(checks, letters) if _passes(check, [letter])]
    assert score(key) == (pytest.approx(total), [])
    assert score(...)[0] == 0 and score([])[0] == 0 and score(None)[0] == 0
    share = total / len(letters)
    for letter in letters:
        changed = [x for x in key if x != letter] if letter in key else key + [letter]
        earned, messages = score([x.lower() for x in changed])
        assert earned == pytest.approx(total - share) and len(messages) == 1, (letter, messages)
        assert messages[0].startswith(f"Statement {letter} is ") and "row" in messages[0], messages[0]
    if name == "turn_to_the_east":
        prompt = next(text for text in _question_cells(name, question) if text.startswith("## Question"))
        assert "city of Vladivostok" not in prompt, "the free-port statement is a borderline call in the data"


def _passes(check: Any, answer: Any) -> bool:
    try:
        check(answer)
        return True
    except AssertionError:
        return False


def test_slip_or_substance_feedback_gives_the_reason() -> None:
    for name in grading.ASSIGNMENTS:
        question = next(q.name for q in grading.questions(name)
                        if any("kinds = {" in text for text in _question_cells(name, q.name)))
        for _, check in _hidden_checks(name, question):
            with pytest.raises(AssertionError) as failure:
                check({})
            message = str(failure.value)
            assert re.match(r"Sentence [PQRS] is (a slip|an error of substance): ", message), message
            assert "sentence" in message.split(":", 1)[1], message


def test_sreb_tariff_split_is_dated_and_its_column_named() -> None:
    q3 = next(text for text in _question_cells("sreb_eaeu", "q3") if text.startswith("## Question"))
    q5 = next(text for text in _question_cells("sreb_eaeu", "q5") if text.startswith("## Question"))
    flat3 = " ".join(q3.split())
    assert "when the article was written" not in flat3
    assert "signed in May 2014" in flat3 and "2 January 2015" in flat3 and "86.97 %" in flat3
    assert "column `share_pct`" in flat3 and "share_2020_pct" in q5 and "Do not round" in q5
    guide = " ".join((ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8").split())
    criteria = guide.split("Assignment 3, q8", 1)[1].split("Slip or substance", 1)[0]
    assert "in force when the article was written" not in criteria and "signed in May 2014" in criteria
    assert "above their GDP weight" not in criteria
