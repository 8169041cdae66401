"""Run chapter notebooks top to bottom and save them with their outputs, deterministically.

    python scripts/execute_notebooks.py                      # every notebook in notebooks/
    python scripts/execute_notebooks.py notebooks/02_border_disputes.ipynb

Same code, same bytes: no execution timestamps are recorded (nbclient's
``record_timing`` is off), no widget state is stored, and the one inherently random
output, a widget's model id (a fresh uuid4 on every run), is left out: the widget's
text form stays. A re-run that changes nothing leaves git clean, and nbval (strict;
it skips widget model ids itself) proves that the committed outputs are what the code
produces.

A static figure cell whose whole code is ``<name>_figure()`` gets the alt text that
``<name>_alt_text()`` computes from the data (``zhao_course.alt_text``), so a change in the
data never leaves a stale description on the site.

Worked solutions (code cells whose source starts with ``# A solution``) are collapsed,
input and output alike, so a learner who has not tried yet does not read the answer
under the exercise: tags ``hide-input`` and ``hide-output`` for the site, and
``jupyter.source_hidden`` and ``jupyter.outputs_hidden`` for JupyterLab.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


SOLUTION_TAGS = ("hide-input", "hide-output")


def collapse_solutions(nb: nbformat.NotebookNode) -> int:
    """Collapse every worked solution's input and output; return how many there are."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.lstrip().startswith("# A solution"):
            continue
        tags = cell.metadata.setdefault("tags", [])
        tags.extend(tag for tag in SOLUTION_TAGS if tag not in tags)
        jupyter = cell.metadata.setdefault("jupyter", {})
        jupyter["source_hidden"] = True
        jupyter["outputs_hidden"] = True
        count += 1
    return count


def set_alt_texts(nb: nbformat.NotebookNode) -> int:
    """Give each ``<name>_figure()`` cell the alt text its module computes; return how many."""
    from zhao_course.alt_text import alt_text_for

    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        alt = alt_text_for(cell.source)
        if alt is not None:
            cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = alt
            count += 1
    return count


def execute(path: Path) -> None:
    """Execute one notebook in its own folder and write it back in place."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)  # timings from other tools
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", record_timing=False, store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    collapse_solutions(nb)
    set_alt_texts(nb)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 2
        print(f"executing {path.relative_to(ROOT) if path.is_absolute() else path} ...")
        execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
