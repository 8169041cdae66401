"""Chapter notebooks read like lessons and keep every number tied to data/."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from zhao_course.data import load_table, table_names

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# numbers a chapter may state without a data row: lesson furniture, not facts
FURNITURE = {"65", "25", "35", "5", "10", "15"}  # minutes in "Time: about 60 minutes: 25 to read..."


def _cells(path: Path, kind: str) -> list:
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == kind]


def _prose(path: Path) -> str:
    return "\n".join(c.source for c in _cells(path, "markdown"))


def test_there_is_at_least_one_chapter() -> None:
    assert CHAPTERS


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_the_parts_of_a_lesson(path: Path) -> None:
    prose = _prose(path)
    for heading in ("What you will be able to do", "Questions to keep in mind", "Key points",
                    "Discussion", "What happened next", "Key terms"):
        assert re.search(rf"^## (\d+\. )?{heading}", prose, flags=re.MULTILINE), f"{path.name} lacks '## {heading}'"
    first = _cells(path, "markdown")[0].source
    assert first.startswith("# "), "the first cell must be the chapter title"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_setup_is_hidden_and_code_cells_are_short(path: Path) -> None:
    code = _cells(path, "code")
    setup = code[0]
    assert "import" in setup.source and set(setup.metadata.get("tags", [])) & {"remove-cell", "hide-input", "remove-input"}
    for cell in code[1:]:
        assert len(cell.source.splitlines()) <= 8, f"a code cell of {path.name} is long: move the code to the package"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_no_installs_or_deep_relative_paths(path: Path) -> None:
    for cell in _cells(path, "code"):
        assert "pip install" not in cell.source
        assert "../" not in cell.source, "use zhao_course.paths, not relative paths"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_code_cell_is_committed_with_its_outputs(path: Path) -> None:
    for cell in _cells(path, "code")[1:]:
        assert cell.outputs, f"a code cell of {path.name} has no outputs: run the notebook and commit it"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_widget_has_a_static_figure_before_it(path: Path) -> None:
    code = [c.source for c in _cells(path, "code")]
    for i, source in enumerate(code):
        if "Explorer(" in source:
            assert any("_figure(" in earlier for earlier in code[max(0, i - 3):i]), "widget without a static companion"
            cell = _cells(path, "code")[i]
            assert "remove-output" in cell.metadata.get("tags", []), "a widget cannot render on the static site"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_figures_carry_the_alt_text_their_module_computes(path: Path) -> None:
    from zhao_course.alt_text import alt_text_for
    from zhao_course.maps import border_map_alt_text
    from zhao_course.timeline import timeline_alt_text

    expected = {
        "timeline_figure()": timeline_alt_text(),
        "draw_border_map()": border_map_alt_text(),
        'draw_border_map(labels="numbers")': border_map_alt_text(labels="numbers"),
    }
    figure_cells = [c for c in _cells(path, "code") if re.search(r"\b(\w+_figure|draw_\w+_map)\(", c.source)]
    assert figure_cells, f"{path.name} draws no figure"
    for cell in figure_cells:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), (
            f"figure cell {cell.source!r} has no image output (is the inline backend on?)"
        )
    for cell in figure_cells:
        if re.fullmatch(r"\w+_figure\(.*\)", cell.source.strip(), flags=re.S):
            assert alt_text_for(cell.source) is not None, (
                f"{cell.source!r}: the package has no matching <name>_alt_text function taking the same literal arguments"
            )
    for cell in _cells(path, "code"):
        outputs_image = any("image/png" in o.get("data", {}) for o in cell.outputs)
        if not outputs_image:
            continue
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 80, f"figure cell {cell.source!r} has no real alt text"
        computed = expected.get(cell.source.strip(), alt_text_for(cell.source))
        if computed is not None:
            assert alt == computed, (
                f"alt text of {cell.source!r} is stale: set mystnb.image.alt from the module's alt-text function"
            )


def _numbers_in_data() -> set[str]:
    found: set[str] = set()
    for name in table_names():
        for value in load_table(name).to_numpy().ravel():
            for number in re.findall(r"\d[\d,]*(?:\.\d+)?", str(value)):
                found.add(number.replace(",", "").rstrip("0").rstrip(".") if "." in number else number.replace(",", ""))
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_number_in_the_prose_is_in_data(path: Path) -> None:
    known = _numbers_in_data() | FURNITURE
    prose = _prose(path)
    prose = re.sub(r"^\s*\d+\.\s", "", prose, flags=re.MULTILINE)  # list numbering
    prose = re.sub(r"`[^`]*`", "", prose)  # ids and code
    prose = re.sub(r"<pre>.*?</pre>", "", prose, flags=re.DOTALL)
    prose = re.sub(r"^#+ \d+\.", "", prose, flags=re.MULTILINE)  # numbered headings
    prose = re.sub(r"Exercise \d+", "", prose)
    prose = re.sub(r"(footnote|Chapter|chapter) \d+", "", prose)
    stray = []
    for number in re.findall(r"\d[\d,]*(?:\.\d+)?%?", prose):
        bare = number.rstrip("%").replace(",", "")
        if bare not in known:
            stray.append(number)
    assert not stray, f"{path.name} states numbers that no table in data/ holds: {stray}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_quiz_is_rendered_without_its_code(path: Path) -> None:
    quiz_cells = [c for c in _cells(path, "code") if "show_quiz(" in c.source]
    assert quiz_cells, f"{path.name} has no quiz"
    for cell in quiz_cells:
        assert "remove-input" in cell.metadata.get("tags", [])


def _is_rounding_of_data(number: float, known: set[str]) -> bool:
    """True if ``number`` is a rounding (to 3 significant figures or fewer) of a data value."""
    values = [float(k) for k in known if k.replace(".", "", 1).isdigit()]
    for value in values:
        for scale in (1, 1e3, 1e6, 1e9):
            if value and abs(value / scale - number) <= 0.005 * number:
                return True
    return False


def _strings(node, skip=("id", "source", "source_ids", "data_refs", "learning_objective")):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _strings(value, skip)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, skip)
    elif isinstance(node, str):
        yield node


QUIZ_BANKS = sorted((ROOT / "exercises" / "quizzes").glob("*.json"))


@pytest.mark.parametrize("path", QUIZ_BANKS, ids=lambda p: p.name)
def test_every_number_in_a_quiz_is_in_data_or_a_rounding_of_it(path: Path) -> None:
    import json

    known = _numbers_in_data()
    stray = []
    for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
        for number in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
            bare = number.replace(",", "")
            bare = bare.rstrip("0").rstrip(".") if "." in bare else bare
            if bare not in known and not _is_rounding_of_data(float(bare), known):
                stray.append(number)
    assert not stray, f"{path.name} states numbers that no table in data/ holds: {stray}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_committed_notebook_carries_nothing_that_changes_from_run_to_run(path: Path) -> None:
    """Same code, same bytes: no timestamps, no widget state, no random widget model ids."""
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata, "run scripts/execute_notebooks.py: widget state was stored"
    for cell in _cells(path, "code"):
        assert "execution" not in cell.metadata, "run scripts/execute_notebooks.py: execution timings were recorded"
        for output in cell.outputs:
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {}), (
                "run scripts/execute_notebooks.py: a random widget model id was committed"
            )


def _is_solution(cell) -> bool:
    return cell.source.lstrip().startswith("# A solution")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_exercise_has_an_executed_collapsed_solution_that_a_check_calls_correct(path: Path) -> None:
    """A solution is code that runs: collapsed in JupyterLab and on the site, its check says Correct."""
    code = _cells(path, "code")
    exercises = [i for i, c in enumerate(code) if re.search(r"^answer_\w+ = \.\.\.", c.source, flags=re.MULTILINE)]
    assert exercises, f"{path.name} has no exercises"
    for i in exercises:
        following = code[i + 1:]
        solution = next((c for c in following if _is_solution(c)), None)
        assert solution is not None, f"exercise cell {code[i].source!r} has no solution cell after it"
        assert "hide-input" in solution.metadata.get("tags", []), "a solution must be collapsed on the site (hide-input)"
        assert solution.metadata.get("jupyter", {}).get("source_hidden") is True, (
            "a solution must be collapsed in JupyterLab (metadata jupyter.source_hidden)"
        )
        # Its output says "Correct: <the answer>": collapsed too, or the answer shows
        # under the exercise before the learner has tried (scripts/execute_notebooks.py
        # sets both).
        assert "hide-output" in solution.metadata.get("tags", []) and solution.metadata.get(
            "jupyter", {}).get("outputs_hidden") is True, (
            "a solution's output must be collapsed too: run scripts/execute_notebooks.py")
        text = " ".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in solution.outputs)
        assert text.lstrip("'\"").startswith("Correct"), f"the solution {solution.source!r} is not checked Correct: {text[:200]}"
    assert "<details>" not in _prose(path), "solutions are executed cells, not <details> text that nothing runs"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_exercise_cells_as_committed_say_not_yet(path: Path) -> None:
    """The untouched exercise cells answer the placeholder with a sentence, not a traceback."""
    for cell in _cells(path, "code"):
        if re.search(r"^answer_\w+ = \.\.\.", cell.source, flags=re.MULTILINE):
            assert not any(o.get("output_type") == "error" for o in cell.outputs)
            text = " ".join(str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
            assert "Not yet" in text, f"{cell.source!r} should answer the placeholder with 'Not yet ...'"


def _learner_names(nb) -> set[str]:
    """Names a learner's visible code cells assign: the ones exercises invite them to change."""
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or set(cell.metadata.get("tags", [])) & {"remove-cell", "remove-input", "hide-input"}:
            continue
        names |= set(re.findall(r"^(\w+)\s*=", cell.source, flags=re.MULTILINE))
    return names


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_hidden_cells_do_not_depend_on_what_the_learner_changed(path: Path) -> None:
    """Run the chapter with every learner variable broken before each cell the learner does not see.

    Exercises invite ``timeline = timeline[...]`` or ``set_index``; a hidden cell that read
    those names would break. Every hidden cell must give the same output as when the
    learner changes nothing, and every solution must still be checked Correct.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    names = sorted(_learner_names(nb))
    assert names, "no learner variables found: the test would prove nothing"
    sabotage = "\n".join(
        f"if '{name}' in globals(): {name} = {name}.iloc[:0] if hasattr({name}, 'iloc') else 'changed by the learner'"
        for name in names
    )
    cells, hidden = [], []
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code" and tags & {"remove-input", "hide-input"}:
            cells.append(nbformat.v4.new_code_cell(sabotage))
            hidden.append(len(cells))
        cells.append(cell)
    expected = {i: cell.outputs for i, cell in enumerate(cells) if i in hidden}
    run = nbformat.v4.new_notebook(cells=[nbformat.from_dict(c) for c in cells], metadata=nb.metadata)
    for c in run.cells:
        if c.cell_type == "code":
            c.outputs = []
    NotebookClient(run, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for i in hidden:
        got = [o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in run.cells[i].outputs]
        want = [o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in expected[i]]
        assert got == want, f"hidden cell {run.cells[i].source!r} changed its output when the learner's variables changed"
