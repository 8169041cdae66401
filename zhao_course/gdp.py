"""GDP of China, Russia and their neighbours: values, ratios, releases, a figure and an explorer.

Everything here reads ``data/worldbank_gdp.csv`` (World Bank GDP in current US$, as copied
in October 2024, data to 2023) and ``data/worldbank_gdp_vintages.csv`` (the same series for
China and Russia in every copy kept in the history of github.com/datasets/gdp). Values are
returned in US$ billions.

- :func:`gdp_table`, :func:`gdp_value`, :func:`gdp_ratio`, :func:`first_year_ahead`:
  read and compare;
- :func:`releases`, :func:`closest_release`, :func:`copies_against_article`: which copy
  of the World Bank's series a published figure matches, and how far later copies moved it;
- :func:`ratio_over_time`: China's GDP over Russia's in chosen years;
- :func:`gdp_figure` and :func:`gdp_alt_text`: the static figure for the site;
- :class:`GDPExplorer`: two country menus and a year slider, for JupyterLab.

Example:
    >>> round(gdp_ratio("CHN", "RUS", 2012), 2)
    3.86
    >>> first_year_ahead("CHN", "RUS")
    1993
    >>> closest_release("RUS", 2012, 2017.0)["vintage_date"]
    '2015-08-16'
    >>> bool(copies_against_article()["matches_both"].any())
    False
"""
from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer, set_quietly
from zhao_course.png import canvas_png
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn
    from matplotlib.figure import Figure

__all__ = [
    "FIRST_YEAR",
    "GDPExplorer",
    "closest_release",
    "copies_against_article",
    "ratio_over_time",
    "gdp_claims",
    "country_names",
    "first_year_ahead",
    "gdp_alt_text",
    "gdp_figure",
    "gdp_ratio",
    "gdp_table",
    "gdp_value",
    "releases",
]

#: The figure and the explorer start here: Russia's series begins in the late 1980s.
FIRST_YEAR = 1990
#: Countries drawn in colour in the static figure, with their line styles (colour is never the only cue).
FIGURE_STYLE: dict[str, dict[str, Any]] = {
    "CHN": {"color": OKABE_ITO["vermillion"], "linestyle": "-", "linewidth": 2.4},
    "RUS": {"color": OKABE_ITO["blue"], "linestyle": "-", "linewidth": 2.4},
    "JPN": {"color": OKABE_ITO["orange"], "linestyle": "--", "linewidth": 1.6},
    "KAZ": {"color": OKABE_ITO["green"], "linestyle": "-.", "linewidth": 1.6},
    "MNG": {"color": OKABE_ITO["purple"], "linestyle": ":", "linewidth": 1.8},
}
#: Resolution of the explorer's PNG.
EXPLORER_DPI = 80


# ------------------------------------------------------------------------------ values
def gdp_table() -> pd.DataFrame:
    """GDP in US$ billions, one row per year from :data:`FIRST_YEAR`, one column per country code (World excluded).

    Example:
        >>> round(float(gdp_table().loc[1990, "RUS"]), 1)
        517.0
    """
    gdp = load_table("worldbank_gdp")
    table = gdp.pivot(index="year", columns="code", values="value_usd") / 1e9
    table = table.drop(columns=[c for c in ("WLD",) if c in table.columns])
    return table.loc[table.index >= FIRST_YEAR]


def country_names() -> dict[str, str]:
    """Country code -> the World Bank's name, China and Russia first, then by name.

    Example:
        >>> list(country_names().items())[:2]
        [('CHN', 'China'), ('RUS', 'Russian Federation')]
    """
    gdp = load_table("worldbank_gdp")
    names = dict(zip(gdp["code"], gdp["country"]))
    names.pop("WLD", None)
    first = [c for c in ("CHN", "RUS") if c in names]
    rest = sorted((c for c in names if c not in first), key=lambda c: names[c])
    return {c: names[c] for c in first + rest}


def _check_code(code: Any) -> str:
    names = country_names()
    if not isinstance(code, str):
        raise CourseTypeError(f"A country is given by its code, a text such as 'CHN', not {describe_type(code)}.")
    if code.upper() not in names:
        raise CourseInputError(f"There is no country {code[:20]!r} in the GDP table; use one of: {', '.join(names)}.")
    return code.upper()


def _check_year(year: Any) -> int:
    table = gdp_table()
    if isinstance(year, bool) or not isinstance(year, (int, float)) or year != int(year):
        raise CourseTypeError(f"A year must be a whole number such as 2012, not {describe_type(year)}.")
    if int(year) not in table.index:
        raise CourseInputError(f"The GDP table covers {table.index.min()} to {table.index.max()}, not {int(year)}.")
    return int(year)


def gdp_value(code: str, year: int) -> float | None:
    """GDP of one country in one year, in US$ billions (None where the World Bank gives none).

    Example:
        >>> round(gdp_value("CHN", 2012), 1)
        8532.2
    """
    value = gdp_table().loc[_check_year(year), _check_code(code)]
    return None if pd.isna(value) else float(value)


def gdp_ratio(first: str, second: str, year: int) -> float | None:
    """How many times the first country's GDP is the second's in a year (None if either is missing).

    Example:
        >>> round(gdp_ratio("RUS", "CHN", 1990), 2)
        1.43
    """
    a, b = gdp_value(first, year), gdp_value(second, year)
    return None if a is None or b is None or b == 0 else a / b


def first_year_ahead(first: str, second: str) -> int | None:
    """The first year from :data:`FIRST_YEAR` in which the first country's GDP exceeds the second's.

    Example:
        >>> first_year_ahead("RUS", "CHN")
        1990
    """
    table = gdp_table()
    a, b = table[_check_code(first)], table[_check_code(second)]
    ahead = table.index[(a > b).to_numpy()]
    return int(ahead[0]) if len(ahead) else None


def article_gdp_2012() -> dict[str, float]:
    """The article's 2012 figures (it calls them GNP), in US$ billions, from data/article_claims.csv.

    Example:
        >>> article_gdp_2012()
        {'RUS': 2017.0, 'CHN': 8229.0}
    """
    claims = load_table("article_claims").set_index("id")
    scale = {"US$ trillion": 1000.0, "US$ billion": 1.0}
    out = {}
    for code, row_id in (("RUS", "gdp_2012_russia"), ("CHN", "gdp_2012_china")):
        row = claims.loc[row_id]
        out[code] = round(float(row["article_value"]) * scale[row["article_unit"]], 6)
    return out


#: The article's GDP claims (data/article_claims.csv ids), stated in its section "Difficulties and Problems Remain".
GDP_CLAIMS: tuple[str, ...] = ("gdp_soviet_end", "gdp_1990", "gdp_ratio_2012", "gdp_2012_russia", "gdp_2012_china")


def gdp_claims() -> pd.DataFrame:
    """The article's GDP claims beside their checked values (as :func:`zhao_course.claims.claims_table` shows them).

    Example:
        >>> gdp_claims().loc["Russia's GDP in 2012", "Verdict"]
        'right then, since revised'
    """
    from zhao_course.claims import claims_table

    claims = load_table("article_claims").set_index("id")
    topics = [claims.loc[i, "topic"] for i in GDP_CLAIMS if i in claims.index]
    table = claims_table(section="Difficulties and Problems Remain")
    return table.loc[[t for t in topics if t in table.index]]


# ---------------------------------------------------------------------------- releases
def releases(code: str, year: int) -> pd.DataFrame:
    """Every copy in the vintages table that gives a value for one country and year, oldest first.

    The broken upload of 2024-10-20 (``copy_status`` "broken upload") is left out.
    Columns: vintage_commit, vintage_date (text, YYYY-MM-DD) and value_bn (US$ bn).

    Example:
        >>> releases("RUS", 2012)["vintage_date"].tolist()
        ['2015-08-16', '2017-07-12', '2018-01-14', '2024-10-21']
    """
    code = _check_code(code)
    vintages = load_table("worldbank_gdp_vintages")
    vintages = vintages[vintages["copy_status"] == "ok"]
    rows = vintages[(vintages["code"] == code) & (vintages["year"] == int(year))].copy()
    rows["vintage_date"] = pd.to_datetime(rows["vintage_date"]).dt.strftime("%Y-%m-%d")
    rows["value_bn"] = rows["value_usd"] / 1e9
    rows = rows.sort_values("vintage_date", kind="stable").reset_index(drop=True)
    return rows[["vintage_commit", "vintage_date", "value_bn"]]


def closest_release(code: str, year: int, value_bn: float) -> pd.Series:
    """The release whose value for ``code`` and ``year`` is closest to ``value_bn``, with the gap.

    The result has vintage_commit, vintage_date, value_bn, gap_bn (release minus value)
    and gap_pct (the gap as a percentage of ``value_bn``).

    Example:
        >>> row = closest_release("RUS", 2012, 2017.0)
        >>> row["vintage_commit"], round(float(row["gap_pct"]), 2)
        ('1f0eaba', -0.04)
    """
    rows = releases(code, year)
    if rows.empty:
        raise CourseInputError(f"No release in the vintages table gives {code}'s GDP for {year}.")
    rows["gap_bn"] = rows["value_bn"] - float(value_bn)
    rows["gap_pct"] = 100 * rows["gap_bn"] / float(value_bn)
    return rows.loc[rows["gap_bn"].abs().idxmin()]


def copies_against_article(tolerance_pct: float = 1.0) -> pd.DataFrame:
    """Each copy that gives both countries' 2012 GDP, tested against the article's two figures.

    One row per copy (oldest first): vintage_commit, vintage_date, RUS and CHN (US$ bn),
    gap_RUS_pct and gap_CHN_pct (the copy's value minus the article's, as a percentage of
    the article's), ratio (CHN / RUS) and matches_both (both gaps within ``tolerance_pct``).

    Example:
        >>> table = copies_against_article()
        >>> table.loc[0, "vintage_date"], round(float(table.loc[0, "gap_CHN_pct"]), 1)
        ('2015-08-16', 2.8)
    """
    article = article_gdp_2012()
    both = releases("RUS", 2012).merge(releases("CHN", 2012), on=["vintage_commit", "vintage_date"],
                                       suffixes=("_RUS", "_CHN"))
    out = both.rename(columns={"value_bn_RUS": "RUS", "value_bn_CHN": "CHN"})
    for code in ("RUS", "CHN"):
        out[f"gap_{code}_pct"] = 100 * (out[code] - article[code]) / article[code]
    out["ratio"] = out["CHN"] / out["RUS"]
    out["matches_both"] = (out["gap_RUS_pct"].abs() <= tolerance_pct) & (out["gap_CHN_pct"].abs() <= tolerance_pct)
    return out.reset_index(drop=True)


def ratio_over_time(years: list[int] | tuple[int, ...] = (1990, 1993, 1999, 2007, 2012, 2014, 2020, 2021, 2022, 2023)) -> pd.DataFrame:
    """China's GDP, Russia's (US$ bn) and China's divided by Russia's, for chosen years.

    Example:
        >>> round(float(ratio_over_time([2020]).loc[2020, "China ÷ Russia"]), 2)
        9.84
    """
    table = gdp_table().loc[[_check_year(y) for y in years], ["CHN", "RUS"]]
    out = table.rename(columns={"CHN": "China, US$ bn", "RUS": "Russia, US$ bn"}).round(1)
    out["China ÷ Russia"] = (table["CHN"] / table["RUS"]).round(2)
    out.columns.name = None
    out.index.name = "year"
    return out


# ------------------------------------------------------------------------------ figure
def _money(value: float) -> str:
    return f"US${value:,.1f} bn"


def _label(code: str, names: dict[str, str] | None = None) -> str:
    """The short name the course uses; ``names`` (from :func:`country_names`) saves a table read."""
    short = {"RUS": "Russia", "KGZ": "Kyrgyzstan"}.get(code)
    return short or (names if names is not None else country_names())[code]


def _draw_levels(ax: Any, table: pd.DataFrame) -> None:
    for code in table.columns:
        if code in FIGURE_STYLE:
            continue
        ax.plot(table.index, table[code], color=OKABE_ITO["grey"], linewidth=0.8, alpha=0.7)
    for code, style in FIGURE_STYLE.items():
        series = table[code].dropna()
        ax.plot(series.index, series, label=_label(code), **style)
        ax.annotate(_label(code), (series.index[-1], series.iloc[-1]), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9, color=OKABE_ITO["black"])
    ax.set_yscale("log")
    ax.set_ylabel("GDP, US$ billions (log scale)")
    ax.set_title("GDP in current US$, World Bank", loc="left", fontsize=11)
    ax.grid(color="#dddddd", linewidth=0.6)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_xlim(FIRST_YEAR, table.index.max() + 5)


def _draw_ratio(ax: Any, table: pd.DataFrame) -> None:
    ratio = table["CHN"] / table["RUS"]
    article = article_gdp_2012()
    ax.plot(ratio.index, ratio, color=OKABE_ITO["black"], linewidth=2)
    ax.axhline(1, color=OKABE_ITO["grey"], linestyle="--", linewidth=1)
    ax.annotate("equal size", (FIRST_YEAR + 0.5, 1), xytext=(0, 4), textcoords="offset points", fontsize=8)
    ax.scatter([2012], [article["CHN"] / article["RUS"]], marker="D", s=60, facecolors="white",
               edgecolors=OKABE_ITO["vermillion"], linewidths=1.8, zorder=3,
               label=f"The article's 2012 figures: {article['CHN'] / article['RUS']:.2f}")
    ax.scatter([2012], [ratio.loc[2012]], marker="o", s=40, color=OKABE_ITO["black"], zorder=3,
               label=f"World Bank figures for 2012 as of 2024: {ratio.loc[2012]:.2f}")
    ax.set_ylabel("China's GDP ÷ Russia's")
    ax.set_title("How many times China's economy is Russia's", loc="left", fontsize=11)
    ax.grid(color="#dddddd", linewidth=0.6)
    ax.set_ylim(0, math.ceil(ratio.max()) + 1)
    ax.set_xlim(FIRST_YEAR, table.index.max() + 1)
    ax.legend(loc="upper left", fontsize=8, frameon=False)


def gdp_figure() -> Figure:
    """The static figure: GDP of China, Russia and neighbours from 1990 (log scale), and China's GDP over Russia's.

    Example:
        >>> fig = gdp_figure()
        >>> [ax.get_title(loc="left") for ax in fig.axes]
        ['GDP in current US$, World Bank', "How many times China's economy is Russia's"]
    """
    from matplotlib.figure import Figure

    table = gdp_table()
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
    _draw_levels(left, table)
    _draw_ratio(right, table)
    return fig


def gdp_alt_text() -> str:
    """A description of :func:`gdp_figure` for screen readers, built from the data.

    Example:
        >>> gdp_alt_text().startswith("Two charts of World Bank GDP")
        True
    """
    table = gdp_table()
    first, last = int(table.index.min()), int(table.index.max())
    ratio = table["CHN"] / table["RUS"]
    article = article_gdp_2012()
    overtook = first_year_ahead("CHN", "RUS")
    peak = int(ratio.idxmax())
    others = [_label(c) for c in table.columns if c not in FIGURE_STYLE]
    named = ", ".join(
        f"{_label(c)} {_money(table.loc[first, c])} in {first} and {_money(table.loc[last, c])} in {last}"
        for c in FIGURE_STYLE if not pd.isna(table.loc[first, c])
    )
    return (
        f"Two charts of World Bank GDP in current US dollars, {first} to {last}. "
        f"Left: GDP on a logarithmic scale for China (thick vermillion line), Russia (thick blue line), "
        f"Japan (orange dashes), Kazakhstan (green dash-dots) and Mongolia (purple dots), each labelled at its end, "
        f"with thin grey lines for {', '.join(others)}. Values: {named}. "
        f"In this series China's line crosses above Russia's in {overtook} and reaches its highest, {_money(table['CHN'].max())}, "
        f"in {int(table['CHN'].idxmax())}; Russia's falls to its lowest, {_money(table['RUS'].min())}, in "
        f"{int(table['RUS'].idxmin())} and reaches its highest, {_money(table['RUS'].max())}, in {int(table['RUS'].idxmax())}. "
        f"Right: China's GDP divided by Russia's, with a dashed line at 1 (equal size): "
        f"{ratio.loc[first]:.2f} in {first}, above 1 from {overtook}, {ratio.loc[2012]:.2f} in 2012, highest at "
        f"{ratio.max():.2f} in {peak}, {ratio.loc[last]:.2f} in {last}. "
        f"A hollow diamond at 2012 marks the ratio of the article's own figures, "
        f"{article['CHN'] / article['RUS']:.2f}, just above the {ratio.loc[2012]:.2f} of the figures as copied in 2024."
    )


# ---------------------------------------------------------------------------- explorer
class _FastGDP:
    """The explorer's figure: the axes drawn once, the chosen pair and year drawn over them.

    All countries share one log scale (from the smallest to the largest GDP in the
    table), so the axes, grid and title are rendered once, at start, and kept as a pixel
    background. A change of country or year restores the background and draws only the two
    lines, the legend, the year's marker, points and labels, then encodes the pixels as
    PNG: no full redraw of the figure ever follows a control. Each (pair, year) PNG is
    cached.
    """

    def __init__(self, table: pd.DataFrame, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.table = table
        self.names = country_names()
        self.fig = Figure(figsize=(8, 4), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0.1, 0.12, 0.86, 0.78))
        styles = (("vermillion", "-", "o"), ("blue", "--", "s"))
        self.lines = [self.ax.plot([], [], color=OKABE_ITO[c], linestyle=ls, linewidth=2.2, animated=True)[0]
                      for c, ls, _ in styles]
        self.ax.set_yscale("log")
        self.ax.set_xlim(table.index.min() - 0.5, table.index.max() + 0.5)
        values = table.to_numpy().ravel()
        values = values[~pd.isna(values)]
        self.ax.set_ylim(values.min() / 1.6, values.max() * 1.6)
        self.ax.set_ylabel("GDP, US$ billions (log scale)")
        self.ax.set_title("GDP, current US$ (World Bank), on one scale for every country", loc="left", fontsize=11)
        self.ax.grid(color="#dddddd", linewidth=0.6)
        self.year_line = self.ax.axvline(table.index.min(), color=OKABE_ITO["grey"], linewidth=1.2, animated=True)
        self.points = [self.ax.plot([], [], marker=m, markersize=9, linestyle="", color=OKABE_ITO[c],
                                    markeredgecolor="white", animated=True)[0] for c, _, m in styles]
        self.notes = [self.ax.annotate("", (0, 1), xytext=(6, 6), textcoords="offset points", fontsize=10,
                                       fontweight="bold", animated=True,
                                       bbox=dict(facecolor="white", edgecolor="none", pad=1.0)) for _ in styles]
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        self._legend: Any = None
        self._pair: tuple[str, str] | None = None
        self._cache: dict[tuple[str, str, int], bytes] = {}

    def _set_pair(self, first: str, second: str) -> None:
        if self._pair == (first, second):
            return
        for line, code in zip(self.lines, (first, second)):
            series = self.table[code].dropna()
            line.set_data(series.index, series.to_numpy())
            line.set_label(_label(code, self.names))
        self._legend = self.ax.legend(handles=self.lines, loc="upper left", fontsize=9, frameon=True,
                                      facecolor="white", edgecolor="none", framealpha=0.9)
        self._legend.set_animated(True)
        self._pair = (first, second)

    def png(self, first: str, second: str, year: int) -> bytes:
        key = (first, second, int(year))
        if key not in self._cache:
            self._cache[key] = self._render(*key)
        return self._cache[key]

    def _render(self, first: str, second: str, year: int) -> bytes:
        self._set_pair(first, second)
        self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        self.year_line.set_xdata([year, year])
        self.year_line.draw(renderer)
        for line in self.lines:
            line.draw(renderer)
        for point, note, code in zip(self.points, self.notes, (first, second)):
            value = self.table.loc[year, code]
            if pd.isna(value):
                continue
            point.set_data([year], [value])
            note.xy = (year, value)
            note.set_text(f"{value:,.0f} bn")
            late = year > (self.table.index.min() + self.table.index.max()) / 2
            note.set_horizontalalignment("right" if late else "left")
            note.xyann = (-8 if late else 8, 6)
            point.draw(renderer)
            note.draw(renderer)
        self._legend.draw(renderer)
        return canvas_png(self.canvas)


def explorer_text(first: str, second: str, year: int, table: pd.DataFrame | None = None,
                  names: dict[str, str] | None = None) -> str:
    """The explorer's text for one choice: each value and the ratio, as HTML.

    Example:
        >>> "3.86 times" in explorer_text("CHN", "RUS", 2012)
        True
    """
    table = gdp_table() if table is None else table
    names = country_names() if names is None else names
    values = {code: table.loc[year, code] for code in (first, second)}
    parts = []
    for code, value in values.items():
        parts.append(f"{html.escape(_label(code, names))}: " + ("no World Bank figure" if pd.isna(value) else _money(value)))
    text = f"<b>{year}</b>. " + "; ".join(parts) + ". "
    a, b = values[first], values[second]
    if first == second:
        text += "You chose the same country twice: choose two different countries to read a ratio."
    elif pd.isna(a) or pd.isna(b):
        text += "No ratio for this year: one of the two values is missing."
    elif a >= b:
        text += f"{html.escape(_label(first, names))}'s GDP is <b>{a / b:.2f} times</b> {html.escape(_label(second, names))}'s."
    else:
        text += (f"{html.escape(_label(first, names))}'s GDP is <b>{a / b:.2f} times</b> {html.escape(_label(second, names))}'s "
                 f"({html.escape(_label(second, names))}'s is {b / a:.2f} times larger).")
    if {first, second} == {"CHN", "RUS"} and year == 2012:
        article = article_gdp_2012()
        text += (f" The article's own 2012 figures (an earlier World Bank release) give "
                 f"{article['CHN'] / article['RUS']:.2f}.")
    return f'<p style="margin:0.3em 0;color:inherit">{text}</p>'


class GDPExplorer(Explorer):
    """Compare the GDP of two countries in any year: two menus, a year slider, a figure and a sentence.

    ``choose(first, second, year)`` changes the inputs programmatically, as the learner
    would with the controls; every change updates ``text`` (HTML: both values and the
    ratio) and ``image`` (PNG: both series, the year marked) before it returns.
    ``redraws`` counts the figure's renderings and ``png`` is the current PNG, so a
    benchmark can time a change.

    Example:
        >>> explorer = GDPExplorer()
        >>> explorer.choose("KAZ", "MNG", 2000)
        >>> "Kazakhstan" in explorer.text.value and explorer.png.startswith(b"\\x89PNG")
        True
    """

    def __init__(self, first: str = "CHN", second: str = "RUS", year: int = 2012) -> None:
        import ipywidgets as widgets

        self.table = gdp_table()
        names = country_names()
        self._names = names  # read once: explorer_text would otherwise read the table on every change
        self.redraws = 0
        self._figure = _FastGDP(self.table)
        options = [(_label(code), code) for code in names]
        self.first = widgets.Dropdown(options=options, value=_check_code(first), description="Country")
        self.second = widgets.Dropdown(options=options, value=_check_code(second), description="compared with")
        self.year = widgets.IntSlider(value=_check_year(year), min=int(self.table.index.min()),
                                      max=int(self.table.index.max()), step=1, description="Year",
                                      continuous_update=False, layout=widgets.Layout(width="95%"))
        for control in (self.first, self.second):
            control.style.description_width = "initial"
        self.text = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([widgets.HBox([self.first, self.second]), self.year, self.text, self.image])
        for control in (self.first, self.second, self.year):
            control.observe(self._on_change, names="value")
        self._show()

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show()

    def _show(self) -> None:
        first, second, year = self.first.value, self.second.value, int(self.year.value)
        self.text.value = explorer_text(first, second, year, self.table, self._names)
        self.image.value = self._figure.png(first, second, year)
        self.redraws += 1

    def choose(self, first: str | None = None, second: str | None = None, year: int | None = None) -> None:
        """Set any of the inputs, as if the learner had used the controls (one redraw)."""
        values = (
            self.first.value if first is None else _check_code(first),
            self.second.value if second is None else _check_code(second),
            self.year.value if year is None else _check_year(year),
        )
        set_quietly((self.first, self.second, self.year), values, self._on_change)
        self._show()
