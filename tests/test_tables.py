"""zhao_course.tables: DataFrames displayed as HTML tables with no empty header cell."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from IPython.core.formatters import HTMLFormatter

from zhao_course import tables
from zhao_course.tables import accessible_html, disable_accessible_tables, enable_accessible_tables


class _Cells(HTMLParser):
    """Every th/td of a table: (tag, attributes, text)."""

    def __init__(self):
        super().__init__()
        self.cells: list[tuple[str, dict, str]] = []
        self._open: list | None = None
        self.section = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("thead", "tbody"):
            self.section = tag
        if tag in ("th", "td"):
            self._open = [tag, dict(attrs) | {"_section": self.section}, ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._open is not None:
            self.cells.append(tuple(self._open))
            self._open = None


def cells(html: str) -> list[tuple[str, dict, str]]:
    p = _Cells()
    p.feed(html)
    return p.cells


def values(html: str) -> list[str]:
    """The table's text, cell by cell, header rows without their empty cells."""
    return [text.strip() for _, _, text in cells(html) if text.strip()]


FRAMES = {
    "default index": pd.DataFrame({"year": [1991, 2004], "event": ["treaty", "supplement"]}),
    "named index": pd.DataFrame(
        {"article_value": [4300.0, 50.0], "checked_value": [4195.0, np.nan]},
        index=pd.Index(["east", "west"], name="id")),
    "named columns": pd.DataFrame({"v": [1, 2]}, index=pd.Index(["a", "b"], name="row")).rename_axis(
        columns="measure"),
    "MultiIndex both ways": pd.DataFrame(
        np.arange(8).reshape(4, 2),
        index=pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["L1", "L2"]),
        columns=pd.MultiIndex.from_tuples([("x", "p"), ("x", "q")])),
    "unnamed MultiIndex": pd.DataFrame(
        {"v": range(4)}, index=pd.MultiIndex.from_product([["a", "b"], [1, 2]])),
    "empty string labels": pd.DataFrame({"": [1], "v": [2]}, index=[""]),
    "learner's subset": pd.DataFrame({"id": ["a"], "date": pd.to_datetime(["2008-10-14"])}).set_index(
        "id")[["date"]],
}


@pytest.mark.parametrize("name", FRAMES)
def test_no_empty_header_cell_and_every_header_has_a_scope(name):
    html = accessible_html(FRAMES[name])
    for tag, attrs, text in cells(html):
        if tag == "th":
            assert text.strip(), f"{name}: empty <th> in\n{html}"
            want = {"thead": ("col", "colgroup"), "tbody": ("row", "rowgroup")}[attrs["_section"]]
            assert attrs.get("scope") in want, f"{name}: {attrs} {text!r}"


@pytest.mark.parametrize("name", FRAMES)
def test_same_values_as_pandas(name):
    """Only the header cells change: the table's text is pandas's own, in the same order."""
    df = FRAMES[name]
    ours, theirs = values(accessible_html(df)), values(df._repr_html_())
    assert sorted(ours) == sorted(theirs)
    body = lambda h: re.search(r"<tbody>.*</tbody>", h, re.S).group(0)  # noqa: E731
    strip = lambda h: re.sub(r' scope="\w+"', "", h).replace("<td></td>", "<th></th>")  # noqa: E731
    assert strip(body(accessible_html(df))) == body(df._repr_html_())


def test_index_name_moves_into_the_corner():
    html = accessible_html(FRAMES["named index"])
    assert html.count("<tr") == 3  # one header row, two data rows
    assert '<th scope="col">id</th>' in html


def test_column_names_kept_when_corner_is_taken():
    html = accessible_html(FRAMES["named columns"])
    texts = values(html)
    assert "measure" in texts and "row" in texts


def test_follows_pandas_display_options():
    df = pd.DataFrame({"n": range(100)})
    with pd.option_context("display.max_rows", 10, "display.min_rows", 4):
        html = accessible_html(df)
    assert "..." in html and "100 rows × 1 columns" in html
    with pd.option_context("display.notebook_repr_html", False):
        assert accessible_html(df) is None


def test_keeps_style_and_class_so_the_theme_styles_it():
    html = accessible_html(FRAMES["default index"])
    assert 'class="dataframe"' in html and "<style scoped>" in html


def test_outside_ipython_nothing_is_registered(monkeypatch):
    import IPython

    # another test may have started an in-process IPython shell; this test is about none
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert enable_accessible_tables() is False
    assert disable_accessible_tables() is False


def test_enable_registers_a_formatter_for_dataframes_and_subclasses(monkeypatch):
    formatter = HTMLFormatter()
    monkeypatch.setattr(tables, "_formatter", lambda: formatter)

    class Sub(pd.DataFrame):
        pass

    df = FRAMES["named index"]
    assert "<th></th>" in formatter(df)
    assert enable_accessible_tables() is True
    assert enable_accessible_tables() is True  # twice does no harm
    assert formatter(df) == accessible_html(df)
    assert "<th></th>" not in formatter(Sub(df))
    assert disable_accessible_tables() is True
    assert formatter(df) == df._repr_html_()


def test_dollar_signs_in_tables_and_feedback_are_not_typeset_as_maths() -> None:
    """MathJax (JupyterLab, the site) reads "$2.017 tn and $8.229 tn" as maths unless the
    element is marked tex2jax_ignore."""
    import pandas as pd

    from zhao_course.checks import Feedback

    html = accessible_html(pd.DataFrame({"says": ["$2.017 tn and $8.229 tn"]}))
    assert html.startswith('<div class="tex2jax_ignore mathjax_ignore">') and html.count("<div") == 1
    feedback = Feedback(False, "Not yet: $5 is not $6.")._repr_html_()
    assert 'class="tex2jax_ignore mathjax_ignore"' in feedback
