"""Chapter 10's figure, alt text and card explorer (SpotTheErrorExplorer)."""
from __future__ import annotations

import statistics
import time

import nbformat
import pytest

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError
from zhao_course.paths import ROOT
from zhao_course.spot_the_error import (
    ARTICLE_SECTIONS,
    SpotTheErrorExplorer,
    load_mistakes,
    mistakes_alt_text,
    mistakes_by_section,
    mistakes_figure,
    short_section,
)

NOTEBOOK = ROOT / "notebooks" / "10_spot_the_error.ipynb"


def test_mistakes_follow_the_article_order_and_keep_every_row() -> None:
    mistakes = load_mistakes()
    assert len(mistakes) == len(load_table("article_errors"))
    ranks = [next(i for i, s in enumerate(ARTICLE_SECTIONS) if sec.startswith(s)) for sec in mistakes["section"]]
    assert ranks == sorted(ranks)
    assert mistakes["touches"].dtype == bool


def test_counts_add_up_to_the_table() -> None:
    counts = mistakes_by_section()
    errors = load_table("article_errors")
    assert counts["slip"].sum() == (errors["kind"] == "slip").sum()
    assert counts["substance"].sum() == (errors["kind"] == "substance").sum()
    assert short_section("Silk Road Economic Belt and Eurasian Economic Union") == "SREB and EAEU"


def test_figure_and_alt_text_are_built_from_the_data() -> None:
    fig = mistakes_figure()
    assert len(fig.axes[0].get_yticklabels()) == len(mistakes_by_section())
    alt = mistakes_alt_text()
    assert len(alt) > 80
    for section in mistakes_by_section().index:
        assert section in alt


def test_the_chapter_carries_the_alt_text_the_module_computes() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.strip() == "mistakes_figure()")
    assert cell.metadata["mystnb"]["image"]["alt"] == mistakes_alt_text()
    assert "hide-input" in cell.metadata["tags"]


def test_every_control_changes_both_the_picture_and_the_text() -> None:
    explorer = SpotTheErrorExplorer()
    actions = [
        lambda: setattr(explorer.dropdown, "value", 1),
        explorer.slip_button.click,
        explorer.substance_button.click,
        explorer.reveal_button.click,
        explorer.reveal_button.click,  # hide again
        explorer.substance_button.click,  # take the call back
    ]
    for action in actions:
        png, text, redraws = explorer.png, explorer.card.value, explorer.redraws
        action()
        assert explorer.png != png and explorer.card.value != text and explorer.redraws == redraws + 1


def test_reveal_shows_the_sorting_and_the_agreement() -> None:
    explorer = SpotTheErrorExplorer()
    row = explorer.mistakes.iloc[0]
    explorer.call(row["kind"])
    explorer.reveal()
    assert "You agree." in explorer.card.value
    assert "agrees with the course on 1 of 1 revealed" in explorer.score_line()
    other = "slip" if row["kind"] == "substance" else "substance"
    explorer.call(other)
    assert "You called it otherwise." in explorer.card.value


def test_programmatic_changes_are_checked() -> None:
    explorer = SpotTheErrorExplorer()
    with pytest.raises(CourseInputError):
        explorer.call("typo")
    with pytest.raises(CourseInputError):
        explorer.show(len(explorer.mistakes))
    explorer.show(2)
    assert explorer.current == 2 and explorer.dropdown.value == 2


def test_explorer_redraws_within_100_ms_median() -> None:
    explorer = SpotTheErrorExplorer()
    n = len(explorer.mistakes)
    actions = [lambda i: explorer.show((i + 1) % n), lambda i: explorer.call("slip"),
               lambda i: explorer.call("substance"), lambda i: explorer.reveal()]
    times = []
    for i in range(40):
        start = time.perf_counter()
        actions[i % 4](i)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.1


def test_the_full_table_lists_every_mistake_with_its_section() -> None:
    from zhao_course.spot_the_error import mistakes_table

    table = mistakes_table()
    assert len(table) == len(load_table("article_errors"))
    assert set(table["Touches the argument?"]) <= {"yes", "no"}
    assert table["Kind"].notna().all()
