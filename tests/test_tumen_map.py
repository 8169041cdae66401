"""The close-up map of the Tumen mouth (chapter 5): distances, figure, alt text, explorer."""
from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from zhao_course.data import load_table, lookup
from zhao_course.errors import CourseInputError, CourseTypeError
from zhao_course.tumen_map import (
    ROUTES,
    STRAIGHT_LINE_NOTE,
    TUMEN_BOX,
    TumenRouteExplorer,
    distance_km,
    great_circle_km,
    route_table,
    tumen_map_alt_text,
    tumen_map_caption,
    tumen_map_figure,
    tumen_places,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "05_china_partner.ipynb"


def test_great_circle_distance_is_right_on_known_cases() -> None:
    assert great_circle_km(0, 0, 0, 0) == 0.0
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * 6371.0 / 360)
    assert great_circle_km(0, 0, 90, 0) == pytest.approx(math.pi * 6371.0 / 2)
    assert great_circle_km(42.0, 130.0, 43.0, 131.0) == pytest.approx(great_circle_km(43.0, 131.0, 42.0, 130.0))


@pytest.mark.parametrize("bad", [None, "42", float("nan"), float("inf"), True, [42.0]])
def test_great_circle_distance_refuses_bad_input_with_a_sentence(bad) -> None:
    with pytest.raises((CourseInputError, CourseTypeError)):
        great_circle_km(bad, 130.0, 42.0, 131.0)


def test_latitude_out_of_range_is_explained() -> None:
    with pytest.raises(CourseInputError, match="latitude first"):
        great_circle_km(130.0, 42.0, 131.0, 42.0)


def test_places_come_from_the_tables_without_repeating_the_gazetteer() -> None:
    places = tumen_places()
    gazetteer = set(load_table("gazetteer")["id"])
    own = set(load_table("tumen_places")["id"])
    assert not own & gazetteer, "a place is in both tables: one source per fact"
    assert set(ROUTES) | {"hunchun", "tumen_mouth"} <= set(places.index)
    assert places.loc["hunchun", "lat"] == lookup("gazetteer", "hunchun", "lat")


def test_every_place_but_dalian_is_on_the_close_up() -> None:
    x0, x1, y0, y1 = TUMEN_BOX
    for place_id, row in tumen_places().iterrows():
        inside = x0 <= row["lon"] <= x1 and y0 <= row["lat"] <= y1
        assert inside == (place_id != "dalian"), place_id


def test_route_distances_tell_the_borrowed_port_story() -> None:
    km = route_table().set_index("port")["km"]
    assert km["posyet"] < km["zarubino"] < km["rajin"] < km["vladivostok"] < km["dalian"]
    assert km["dalian"] / km["zarubino"] > 10
    # the developer's 18 km is to the nearest border point, so Hunchun must be further
    assert km["zarubino"] > lookup("article_claims", "zarubino_border_km", "checked_value")
    assert distance_km("hunchun", "tumen_mouth") > km["zarubino"]


def test_unknown_place_and_route_get_a_sentence() -> None:
    with pytest.raises(CourseInputError, match="no place 'dalain'"):
        distance_km("hunchun", "dalain")
    with pytest.raises(CourseTypeError):
        distance_km("hunchun", 3)
    with pytest.raises(CourseInputError, match="the ports are"):
        tumen_map_figure("shanghai")


def test_figure_draws_every_route_and_says_lines_are_straight() -> None:
    fig = tumen_map_figure()
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert STRAIGHT_LINE_NOTE in texts
    labels = " ".join(texts)
    for port in ROUTES:
        assert f"{distance_km('hunchun', port):.0f} km" in labels, port
    one = tumen_map_figure("rajin")
    assert len(one.axes[0].lines) < len(ax.lines)


def test_alt_text_is_built_from_the_data() -> None:
    text = tumen_map_alt_text()
    article, checked = (lookup("article_claims", "tumen_last_km", c) for c in ("article_value", "checked_value"))
    assert f"last {checked:g} km" in text and f"says {article:g} km" in text
    for port in ROUTES:
        assert str(tumen_places().loc[port, "name_en"]) in text
    assert "straight line" in text and len(text) > 80
    assert "Dalian" not in tumen_map_alt_text("zarubino")


def test_notebook_figure_carries_the_module_alt_text() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip() == "tumen_map_figure()"]
    assert cells and cells[0].metadata["mystnb"]["image"]["alt"] == tumen_map_alt_text()
    assert "hide-input" in cells[0].metadata["tags"]


def test_caption_gives_the_distance_and_a_reading() -> None:
    for port in ROUTES:
        caption = tumen_map_caption(port)
        assert f"{distance_km('hunchun', port):.0f} km" in caption and "straight line" in caption
    assert "Yellow Sea" in tumen_map_caption("dalian")


def test_every_button_changes_both_picture_and_caption() -> None:
    explorer = TumenRouteExplorer()
    assert explorer.png.startswith(b"\x89PNG")
    seen_png, seen_card = {explorer.png}, {explorer.card.value}
    order = [p for p in ROUTES if p != explorer.route] + [explorer.route]
    for port in order:
        before_png, before_card, redraws = explorer.png, explorer.card.value, explorer.redraws
        explorer.buttons.value = port  # as a click does
        assert explorer.redraws == redraws + 1
        assert explorer.png != before_png and explorer.card.value != before_card
        seen_png.add(explorer.png)
        seen_card.add(explorer.card.value)
    assert len(seen_png) == len(ROUTES) and len(seen_card) == len(ROUTES)


def test_explorer_controls_are_ones_the_lab_test_can_drive() -> None:
    import ipywidgets as widgets

    explorer = TumenRouteExplorer()
    assert isinstance(explorer.buttons, widgets.ToggleButtons)
    assert isinstance(explorer.image, widgets.Image) and isinstance(explorer.card, widgets.HTML)
    explorer.set_route("dalian")
    assert explorer.route == "dalian" and "Dalian" in explorer.card.value
    with pytest.raises(CourseInputError):
        explorer.set_route("busan")


def test_explorer_picture_is_the_map() -> None:
    from io import BytesIO

    from PIL import Image

    explorer = TumenRouteExplorer("vladivostok")
    image = np.asarray(Image.open(BytesIO(explorer.png)).convert("RGB"))
    assert image.shape[0] > 300 and image.shape[1] > 400
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 20
