"""Alt text found by a figure's name, and the palette PNGs of the static figures."""
from __future__ import annotations

import importlib.util
import io

import nbformat
import pytest
from matplotlib.figure import Figure
from PIL import Image

from zhao_course.alt_text import alt_text_for, alt_text_functions
from zhao_course.memberships import membership_map_alt_text
from zhao_course.png import canvas_png, enable_small_figures, figure_png
from zhao_course.trade import trade_alt_text

from conftest import ROOT


def test_alt_text_follows_the_figure_call_and_its_literal_arguments() -> None:
    assert alt_text_for("trade_figure()") == trade_alt_text()
    assert alt_text_for("  trade_figure()\n") == trade_alt_text()
    assert alt_text_for("membership_map_figure(2015)") == membership_map_alt_text(2015)
    assert alt_text_for("membership_map_figure(year=1999)") == membership_map_alt_text(1999)
    assert membership_map_alt_text(1999) != membership_map_alt_text(2015)


@pytest.mark.parametrize("source", [
    "x = 1", "print(", "trade_figure() ; x = 1", "membership_map_figure(year)", "unknown_figure()",
    "trade_figure", "fig = trade_figure()",
])
def test_other_cells_get_no_alt_text(source: str) -> None:
    assert alt_text_for(source) is None


def test_every_alt_text_function_describes_its_figure_in_words() -> None:
    functions = alt_text_functions()
    assert {"trade", "timeline", "gdp", "mistakes", "membership_map"} <= set(functions)


def _execute_notebooks_module():
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "scripts" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_execute_notebooks_writes_the_computed_alt_text_over_a_stale_one() -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("trade_figure()", metadata={"mystnb": {"image": {"alt": "stale"}}}),
        nbformat.v4.new_code_cell("membership_map_figure(2015)"),
        nbformat.v4.new_code_cell("print('no figure')"),
    ])
    assert _execute_notebooks_module().set_alt_texts(nb) == 2
    assert nb.cells[0].metadata["mystnb"]["image"]["alt"] == trade_alt_text()
    assert nb.cells[1].metadata["mystnb"]["image"]["alt"] == membership_map_alt_text(2015)
    assert "mystnb" not in nb.cells[2].metadata


def _figure() -> Figure:
    fig = Figure(figsize=(6, 4), dpi=100)
    ax = fig.add_subplot()
    for k in range(6):
        ax.plot(range(50), [((i * (k + 1)) % 17) for i in range(50)], label=f"line {k}")
    ax.legend()
    ax.set_title("A figure with text and lines")
    return fig


def test_static_figures_are_palette_pngs_smaller_than_matplotlibs() -> None:
    fig = _figure()
    small = figure_png(fig)
    plain = io.BytesIO()
    fig.savefig(plain, format="png", bbox_inches="tight")
    image = Image.open(io.BytesIO(small))
    assert image.mode == "P" and len(image.getcolors(256) or []) <= 255
    assert len(small) < 0.7 * len(plain.getvalue())
    assert image.size == Image.open(plain).size  # same crop and resolution as Jupyter's own


def test_canvas_png_is_the_canvas_as_a_palette_png() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(_figure())
    canvas.draw()
    image = Image.open(io.BytesIO(canvas_png(canvas)))
    assert image.mode == "P" and image.size == canvas.get_width_height()


def test_small_figures_need_ipython_and_say_so_outside_it() -> None:
    assert enable_small_figures() is False  # pytest runs no IPython shell


def test_in_ipython_every_figure_is_shown_as_a_palette_png() -> None:
    import base64

    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert enable_small_figures() is True
        data, _ = shell.display_formatter.format(_figure())
        image = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
        assert image.mode == "P"
    finally:
        InteractiveShell.clear_instance()
