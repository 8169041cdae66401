"""The layered Far East map: its data, its layers, its alt text, its widget and how fast it redraws."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError
from zhao_course.far_east_map import (
    FAR_EAST_BOX,
    INSET_BOX,
    LAYERS,
    FarEastMapExplorer,
    far_east_map_alt_text,
    far_east_map_caption,
    far_east_map_figure,
    load_far_east_layer,
    rail_lines,
)
from zhao_course.maps import GeoDataError

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "data" / "geo" / "far_east"


def test_layer_files_are_small_and_inside_the_box() -> None:
    total = sum(p.stat().st_size for p in GEO.glob("*.geojson"))
    assert 0 < total < 300_000
    for name in ("coastline", "rivers", "borders"):
        layer = load_far_east_layer(name)
        assert layer["bbox"] == [FAR_EAST_BOX[0], FAR_EAST_BOX[2], FAR_EAST_BOX[1], FAR_EAST_BOX[3]]
        assert "GSHHG" in layer["source"] or "WDBII" in layer["source"]


def test_the_border_map_layers_are_untouched() -> None:
    """The second box is written beside, not over, the border map's three files."""
    for name in ("coastline", "rivers", "borders"):
        data = json.loads((ROOT / "data" / "geo" / f"{name}.geojson").read_text(encoding="utf-8"))
        assert data["bbox"] == [114.0, 40.0, 137.0, 54.5]


def test_every_place_is_inside_the_box_and_has_a_geonames_id() -> None:
    places = load_table("far_east_places")
    lon0, lon1, lat0, lat1 = FAR_EAST_BOX
    assert places["lon"].between(lon0, lon1).all() and places["lat"].between(lat0, lat1).all()
    assert places["note"].str.contains(r"GeoNames id \d+\.$").all()


def test_rail_lines_run_through_their_stations_in_order() -> None:
    lines = rail_lines()
    assert set(lines) == {"trans_siberian", "bam", "amur_yakutsk"}
    assert lines["trans_siberian"]["place_id"].iloc[[0, -1]].tolist() == ["tayshet", "vladivostok"]
    for stations in lines.values():
        assert stations["seq"].tolist() == list(range(1, len(stations) + 1))
    # the Trans-Siberian runs eastwards overall: Vladivostok is east of Irkutsk
    ts = lines["trans_siberian"].set_index("place_id")
    assert ts.loc["vladivostok", "lon"] > ts.loc["irkutsk", "lon"]


def test_the_inset_holds_the_primorye_ports() -> None:
    places = load_table("far_east_places").set_index("id")
    x0, x1, y0, y1 = INSET_BOX
    for place in ("vladivostok", "nakhodka", "vrangel", "slavyanka"):
        assert x0 <= places.loc[place, "lon"] <= x1 and y0 <= places.loc[place, "lat"] <= y1


def test_the_figure_says_its_rail_lines_are_schematic() -> None:
    fig = far_east_map_figure()
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("schematic" in t for t in texts)
    assert "schematic" in far_east_map_alt_text()
    assert "schematic" not in far_east_map_alt_text(["ports"])


def test_alt_text_is_built_from_the_data() -> None:
    text = far_east_map_alt_text()
    assert len(text) > 80
    for name in load_table("far_east_places").query("kind == 'port'")["name_en"]:
        assert name in text
    for stations in rail_lines().values():
        assert f"through {len(stations)} listed stations" in text
    assert "Zone 'Khabarovsk' (June 2015)" in text


@pytest.mark.parametrize("bad", ["roads", ["ports", "roads"], 3, {"ports": 1}])
def test_bad_layer_names_get_one_sentence(bad) -> None:
    with pytest.raises(CourseInputError) as info:
        far_east_map_figure(bad)
    assert "\n" not in str(info.value)


def test_a_missing_layer_file_is_named(tmp_path, monkeypatch) -> None:
    import zhao_course.far_east_map as fem
    import zhao_course.maps as maps

    monkeypatch.setattr(maps, "GEO_DIR", tmp_path)  # the regional maps read their layers through maps
    with pytest.raises(GeoDataError, match="borders.geojson"):
        fem.load_far_east_layer("borders")


def test_a_point_outside_the_box_is_named(tmp_path, monkeypatch) -> None:
    import zhao_course.far_east_map as fem
    import zhao_course.maps as maps

    (tmp_path / "far_east").mkdir()
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[10, 50], [11, 50]]}}]}
    (tmp_path / "far_east" / "borders.geojson").write_text(json.dumps(bad), encoding="utf-8")
    monkeypatch.setattr(maps, "GEO_DIR", tmp_path)  # the regional maps read their layers through maps
    with pytest.raises(GeoDataError, match="outside the map box"):
        fem.load_far_east_layer("borders")


def test_caption_lists_the_layers_shown() -> None:
    assert "No layer is shown" in far_east_map_caption([])
    caption = far_east_map_caption(["ports", "zones"])
    assert "Ports" in caption and "Zones and institutions" in caption and "Rail lines" not in caption


def test_every_click_changes_picture_and_caption() -> None:
    explorer = FarEastMapExplorer()
    for i in range(12):
        before = (explorer.png, explorer.card.value, explorer.redraws)
        button = explorer.buttons[LAYERS[i % len(LAYERS)]]
        button.value = not button.value
        assert explorer.png != before[0] and explorer.card.value != before[1]
        assert explorer.redraws == before[2] + 1
    import itertools

    pictures = set()
    for combo in (c for r in range(len(LAYERS) + 1) for c in itertools.combinations(LAYERS, r)):
        explorer.set_layers(list(combo))
        pictures.add((explorer.png, explorer.card.value))
    assert len(pictures) == 8  # every combination of the three layers has its own picture and caption


def test_set_layers_and_toggle() -> None:
    explorer = FarEastMapExplorer([])
    explorer.set_layers(["rail"])
    assert explorer.layers == ("rail",) and explorer.buttons["rail"].value
    explorer.toggle("ports")
    assert explorer.layers == ("ports", "rail")
    with pytest.raises(CourseInputError):
        explorer.toggle("roads")


def test_a_new_combination_is_composed_in_well_under_100_ms() -> None:
    """The redraw itself (no PNG cache): compose the layers over the base and encode."""
    explorer = FarEastMapExplorer()
    fast = explorer._map
    combos = [(), ("ports",), ("rail",), ("zones",), ("ports", "rail"), ("rail", "zones"), LAYERS]
    for combo in combos:  # first use of each layer draws it once
        fast.render(combo)
    times = []
    for _ in range(3):
        for combo in combos:
            start = time.perf_counter()
            fast.render(combo)
            times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.1
