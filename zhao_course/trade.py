"""China–Russia trade against its targets: the series, the targets, a figure and an explorer.

Reads ``data/china_russia_trade.csv`` (turnover a year, US$ bn, by China's and by
Russia's customs) and ``data/trade_targets.csv`` (the official targets and the two the
article states). Everything a chapter says about trade and targets is computed here
from those tables: the trade of a year, how far it fell short of a target, the first
year a target was reached, the gas contract of May 2014 set against the trade of 2013.

:func:`trade_figure` is the static figure (every target over the series) for the
published site; :class:`TradeExplorer` is the widget for JupyterLab: a dropdown of
targets and a slider of years, redrawing the chosen target and year over the series.

Example:
    >>> trade_in(2013)
    89.21
    >>> first_year_met("official_2015")
    2018
    >>> round(shortfall("official_2015"), 2)
    32.0
"""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from zhao_course.data import load_table, lookup
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer
from zhao_course.png import canvas_png
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "REPORTERS",
    "TradeExplorer",
    "first_year_met",
    "gas_deal_per_year",
    "gas_share_of_trade",
    "load_targets",
    "load_trade",
    "shortfall",
    "trade_alt_text",
    "trade_figure",
    "trade_in",
]

#: Whose statistics: the key used in the table, and how the course names it.
REPORTERS: dict[str, str] = {
    "china_customs": "China's customs (GACC)",
    "russia_customs": "Russia's customs",
}
#: The series the chapter uses throughout (one reporter's figures, never mixed).
MAIN_REPORTER = "china_customs"

TITLE = "China–Russia trade and its targets, 2010–2024 (US$ bn)"
TARGET_STYLE: dict[str, dict[str, Any]] = {
    "official": {"color": OKABE_ITO["blue"], "linestyle": "-", "marker": "o", "label": "Official target"},
    "article": {"color": OKABE_ITO["vermillion"], "linestyle": "--", "marker": "X", "label": "Target as the article gives it"},
}
#: Resolution of the explorer's PNG (the static figure keeps matplotlib's default).
EXPLORER_DPI = 80


def _money(value: float) -> str:
    """US$ bn written as the tables give them: 89.21, 68.0, 244.81."""
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.1f}"


# --------------------------------------------------------------------------- data
def load_trade(reporter: str = MAIN_REPORTER) -> pd.Series:
    """Trade turnover by year (US$ bn) as one reporter counts it, a Series indexed by year.

    Example:
        >>> float(load_trade().loc[2024])
        244.81
        >>> load_trade("russia_customs").to_dict()
        {2010: 59.34, 2018: 108.3}
    """
    if not isinstance(reporter, str) or reporter not in REPORTERS:
        raise CourseInputError(
            f"reporter must be one of {', '.join(repr(r) for r in REPORTERS)}, not {describe_type(reporter)}."
        )
    table = load_table("china_russia_trade")
    rows = table[table["reporter"] == reporter].sort_values("year")
    series = pd.Series(rows["value_usd_bn"].astype(float).to_numpy(), index=rows["year"].astype(int).to_numpy(),
                       name="value_usd_bn")
    series.index.name = "year"
    return series


def load_targets() -> pd.DataFrame:
    """The trade targets, official ones first, each by the year it was due.

    Example:
        >>> load_targets()["id"].tolist()
        ['official_2015', 'official_2020', 'official_2024', 'article_2014', 'article_2020']
    """
    targets = load_table("trade_targets")
    order = {"official": 0, "article": 1}
    targets = targets.assign(_k=targets["kind"].map(order)).sort_values(["_k", "by_year"], kind="stable")
    return targets.drop(columns="_k").reset_index(drop=True)


def _target(target_id: Any) -> pd.Series:
    targets = load_targets()
    ids = targets["id"].tolist()
    if not isinstance(target_id, str):
        raise CourseTypeError(f"A target is chosen by its id, a text such as {ids[0]!r}, not {describe_type(target_id)}.")
    if target_id not in ids:
        raise CourseInputError(f"There is no target {target_id[:60]!r}. Choose one of: {', '.join(ids)}.")
    return targets.loc[targets["id"] == target_id].iloc[0]


def trade_in(year: int, reporter: str = MAIN_REPORTER) -> float:
    """Trade turnover in one year (US$ bn), as ``reporter`` counts it.

    Example:
        >>> trade_in(2015)
        68.0
        >>> trade_in(2010, "russia_customs")
        59.34
    """
    series = load_trade(reporter)
    if isinstance(year, bool) or not isinstance(year, (int,)) and not (isinstance(year, float) and year.is_integer()):
        raise CourseTypeError(f"year must be a whole number such as 2013, not {describe_type(year)}.")
    if int(year) not in series.index:
        raise CourseInputError(
            f"{REPORTERS[reporter]} has no figure for {year} in data/china_russia_trade.csv "
            f"(years: {', '.join(str(y) for y in series.index)})."
        )
    return float(series.loc[int(year)])


def shortfall(target_id: str, reporter: str = MAIN_REPORTER) -> float:
    """How far trade in the target's year fell short of it (US$ bn; negative if it was passed).

    Example:
        >>> round(shortfall("official_2020"), 2)
        92.24
        >>> round(shortfall("official_2024"), 2)
        -44.81
    """
    target = _target(target_id)
    return float(target["target_usd_bn"]) - trade_in(int(target["by_year"]), reporter)


def first_year_met(target_id: str, reporter: str = MAIN_REPORTER) -> int | None:
    """The first year in which trade reached the target's value (None if it never did).

    Example:
        >>> first_year_met("official_2020"), first_year_met("article_2014")
        (2023, 2022)
    """
    target = _target(target_id)
    series = load_trade(reporter)
    reached = series[series >= float(target["target_usd_bn"])]
    return int(reached.index[0]) if len(reached) else None


def gas_deal_per_year() -> float:
    """The gas contract of May 2014 spread evenly over its years (US$ bn a year).

    Example:
        >>> round(gas_deal_per_year(), 2)
        13.33
    """
    value = float(lookup("article_claims", "gas_deal_value", "checked_value"))
    years = float(lookup("article_claims", "gas_deal_years", "checked_value"))
    return value / years


def gas_share_of_trade(year: int = 2013) -> float:
    """The gas contract's yearly value as a percentage of one year's trade (China's customs).

    Example:
        >>> round(gas_share_of_trade(), 1)
        14.9
    """
    return 100 * gas_deal_per_year() / trade_in(year)


# ------------------------------------------------------------------------- figure
def _draw_base(ax: Axes, series: pd.Series, russian: pd.Series) -> None:
    """The series (and the Russian customs points), axes and legend: what never changes."""
    from matplotlib.lines import Line2D

    table = load_table("china_russia_trade").set_index("year")
    china = table[table["reporter"] == MAIN_REPORTER]
    exact = china["confidence"] == "high"
    ax.plot(series.index, series.values, color=OKABE_ITO["black"], linewidth=1.6, zorder=3, gid="series")
    ax.scatter(series.index[exact.to_numpy()], series.values[exact.to_numpy()], s=28, color=OKABE_ITO["black"],
               zorder=4, gid="series-exact")
    ax.scatter(series.index[~exact.to_numpy()], series.values[~exact.to_numpy()], s=34, facecolors="white",
               edgecolors=OKABE_ITO["black"], linewidths=1.4, zorder=4, gid="series-approximate")
    ax.scatter(russian.index, russian.values, s=60, marker="D", facecolors="none", edgecolors=OKABE_ITO["orange"],
               linewidths=1.6, zorder=4, gid="russian")
    ax.set_xlim(series.index.min() - 0.6, series.index.max() + 0.6)
    ax.set_ylim(0, 270)
    ax.set_xticks(range(int(series.index.min()), int(series.index.max()) + 1, 2))
    ax.set_ylabel("Trade turnover, US$ bn")
    ax.set_xlabel("Year")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(TITLE, loc="left", fontsize=12)
    handles = [
        Line2D([], [], color=OKABE_ITO["black"], marker="o", markersize=5, label="Trade, China's customs"),
        Line2D([], [], color=OKABE_ITO["black"], marker="o", markersize=6, markerfacecolor="white", linestyle="",
               label="Round, derived or unsourced figure (not high confidence)"),
        Line2D([], [], marker="D", markersize=7, markerfacecolor="none", markeredgecolor=OKABE_ITO["orange"],
               linestyle="", label="Trade, Russia's customs"),
    ]
    for style in TARGET_STYLE.values():
        handles.append(Line2D([], [], color=style["color"], linestyle=style["linestyle"], marker=style["marker"],
                              linewidth=1.6, label=style["label"]))
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)


def _draw_target(ax: Axes, target: pd.Series, first_year: int, strong: bool, animated: bool = False,
                 label: bool = True) -> list[Any]:
    """One target: a line from the start of the axis to its year, a marker at its year, a label."""
    style = TARGET_STYLE[target["kind"]]
    value, year = float(target["target_usd_bn"]), int(target["by_year"])
    artists = [
        ax.plot([first_year - 0.5, year], [value, value], color=style["color"], linestyle=style["linestyle"],
                linewidth=2.4 if strong else 1.2, alpha=1.0 if strong else 0.55, zorder=2,
                gid=f"target:{target['id']}")[0],
        ax.scatter([year], [value], s=120 if strong else 60, marker=style["marker"], color=style["color"],
                   edgecolors="white", linewidths=0.8, zorder=5, gid=f"target-end:{target['id']}"),
    ]
    if label:  # above the line, ending at the target's year: clear of the series before it
        artists.append(ax.annotate(
            str(target["label"]), (year, value), xytext=(-6, 5), textcoords="offset points", fontsize=8.5,
            ha="right", va="bottom", color=OKABE_ITO["black"], fontweight="bold" if strong else "normal",
            bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1.0), gid=f"target-label:{target['id']}"))
    if animated:
        for artist in artists:
            artist.set_animated(True)
    return artists


def _draw_year(ax: Axes, year: int, value: float, target: pd.Series) -> list[Any]:
    """The explorer's year: a vertical line, the year's point, the gap to the target and its size.

    Kept light (lines and one short label), because it is drawn anew for every picture.
    """
    goal = float(target["target_usd_bn"])
    gap = goal - value
    artists = [
        ax.axvline(year, color=OKABE_ITO["grey"], linewidth=1.0, linestyle=":", zorder=1, gid="year-line"),
        ax.plot([year, year], [value, goal], color=OKABE_ITO["green"], linewidth=2.4, zorder=5, gid="year-gap")[0],
        ax.plot([year], [value], marker="o", markersize=10, color=OKABE_ITO["green"], markeredgecolor=OKABE_ITO["black"],
                zorder=6, gid="year-point")[0],
        ax.text(year + (0.25 if year < 2021 else -0.25), (value + goal) / 2,
                f"{'−' if gap > 0 else '+'}{abs(gap):.1f}", fontsize=9, fontweight="bold",
                ha="left" if year < 2021 else "right", va="center", gid="year-label"),
    ]
    for artist in artists:
        artist.set_animated(True)
    return artists


def _new_figure() -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 5.2), layout="constrained")
    return fig, fig.subplots()


def trade_figure(highlight: str | None = None, ax: Axes | None = None) -> Figure:
    """China–Russia trade (China's customs, with Russia's where they differ) under every target.

    Each target is a line at its value up to the year it was due, ending in a marker:
    official targets solid blue circles, the article's dashed vermillion crosses (the
    article's 2020 target lies on the official one). ``highlight`` (a target id) draws
    that target strong and the others faint.

    Example:
        >>> fig = trade_figure()
        >>> fig.axes[0].get_title(loc="left")
        'China–Russia trade and its targets, 2010–2024 (US$ bn)'
        >>> trade_figure(highlight="official_2016")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: There is no target 'official_2016'. Choose one of: ...
    """
    from matplotlib.axes import Axes as _Axes

    if highlight is not None:
        _target(highlight)
    if ax is not None and not isinstance(ax, _Axes):
        raise CourseTypeError(f"ax must be a matplotlib Axes or None, not {describe_type(ax)}.")
    fig, ax = _new_figure() if ax is None else (ax.figure, ax)
    series, russian = load_trade(), load_trade("russia_customs")
    _draw_base(ax, series, russian)
    for _, target in load_targets().iterrows():
        _draw_target(ax, target, int(series.index.min()), strong=highlight in (None, target["id"]),
                     label=target["kind"] == "official" or target["id"] == "article_2014")
    return fig


def trade_alt_text() -> str:
    """A description of :func:`trade_figure` for screen readers, built from the data.

    Example:
        >>> trade_alt_text().startswith("Line chart of China–Russia trade turnover")
        True
    """
    series, russian = load_trade(), load_trade("russia_customs")
    first, last = int(series.index[0]), int(series.index[-1])
    peak_before = int(series.loc[:2015].idxmax())
    low_after = int(series.loc[peak_before:2017].idxmin())
    table = load_table("china_russia_trade")
    medium = table[(table["reporter"] == MAIN_REPORTER) & (table["confidence"] != "high")]["year"].tolist()
    parts = [
        f"Line chart of China–Russia trade turnover in US$ bn by China's customs figures, {first} to {last}, "
        "with the trade targets drawn as horizontal lines up to the year each was due.",
        f"Trade rose from {_money(series.loc[first])} in {first} to {_money(series.loc[peak_before])} in {peak_before}, "
        f"fell to {_money(series.loc[low_after])} in {low_after}, and reached {_money(series.loc[last])} in {last}.",
        "Hollow points are round, derived or unsourced figures (medium or low confidence): " + ", ".join(str(y) for y in medium) + ".",
        "Orange hollow diamonds are Russia's customs figures where the course shows them: "
        + "; ".join(f"{_money(v)} in {y} (China's customs: {_money(series.loc[y])})" for y, v in russian.items()) + ".",
    ]
    for _, target in load_targets().iterrows():
        met = first_year_met(target["id"])
        due = int(target["by_year"])
        kind = "an official target, a solid blue line ending in a circle" if target["kind"] == "official" else \
            "the article's figure, a dashed vermillion line ending in a cross"
        parts.append(
            f"{target['label']}: {kind}; trade in {due} was {_money(trade_in(due))}; "
            + (f"first reached in {met}." if met else "not yet reached.")
        )
    return " ".join(parts)


# ----------------------------------------------------------------------- explorer
class _FastTradeFigure:
    """The explorer's figure, drawn once; a change redraws only the target and the year.

    The series, axes and faint targets are rendered once and kept as a pixel
    background; each target, drawn strong over it, is kept as a second background the
    first time it is chosen. Showing a (target, year) pair restores that target's
    background, draws the year's line, point, gap and gap label over it, and encodes
    the pixels as PNG (a 255-colour palette, as in the border timeline).
    """

    def __init__(self, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.series = load_trade()
        self.targets = load_targets().set_index("id", drop=False)
        self.fig, self.ax = _new_figure()
        self.fig.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        _draw_base(self.ax, self.series, load_trade("russia_customs"))
        first = int(self.series.index.min())
        for _, target in self.targets.iterrows():
            _draw_target(self.ax, target, first, strong=False, label=False)
        self.fig.get_layout_engine().execute(self.fig)
        self.fig.set_layout_engine("none")
        self._target_backgrounds: dict[str, Any] = {}
        self._cache: dict[tuple[str, int], bytes] = {}
        self.background: Any = None

    def png(self, target_id: str, year: int) -> bytes:
        key = (target_id, int(year))
        if key not in self._cache:
            self._cache[key] = self._render(*key)
        return self._cache[key]

    def _render(self, target_id: str, year: int) -> bytes:
        target = self.targets.loc[target_id]
        if self.background is None:  # the series and the faint targets, rendered once
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        renderer = self.canvas.get_renderer()
        if target_id not in self._target_backgrounds:  # the chosen target over it, once per target
            self.canvas.restore_region(self.background)
            for artist in _draw_target(self.ax, target, int(self.series.index.min()), strong=True, animated=True):
                artist.draw(renderer)
                artist.remove()
            self._target_backgrounds[target_id] = self.canvas.copy_from_bbox(self.fig.bbox)
        self.canvas.restore_region(self._target_backgrounds[target_id])
        for artist in _draw_year(self.ax, year, float(self.series.loc[year]), target):
            artist.draw(renderer)
            artist.remove()  # made for this picture only
        return canvas_png(self.canvas)


def _explanation(target: pd.Series, year: int, value: float, met: int | None, cite: str, medium: bool) -> str:
    """The explorer's text, from values already looked up (so a change of control reads no table)."""
    goal, due = float(target["target_usd_bn"]), int(target["by_year"])
    gap = goal - value
    if gap > 0:
        where = f"<b>{gap:,.1f} bn short</b> of the target ({value / goal:.0%} of it)"
    else:
        where = f"<b>{-gap:,.1f} bn above</b> the target"
    if met is None:
        when = "Trade has not yet reached it."
    elif met <= due:
        early = due - met
        when = f"Trade first reached it in {met}, " + ("on time." if not early else f"{early} year{'s' if early > 1 else ''} early.")
    else:
        late = met - due
        when = f"Trade first reached it in {met}, {late} year{'s' if late > 1 else ''} late."
    kind = ("an official target" if target["kind"] == "official"
            else "the target as the article gives it, not an official one" if target["id"] == "article_2014"
            else "the target as the article gives it (it matches the official one)")
    caution = " (a round, derived or unsourced figure: not high confidence)" if medium else ""
    p = 'style="margin:0.3em 0;color:inherit"'
    return (
        f'<div role="group" aria-label="{html.escape(str(target["label"]), quote=True)}, {year}" '
        f'style="border-left:6px solid {TARGET_STYLE[target["kind"]]["color"]};padding:0.4em 0.8em;max-width:46em;color:inherit">'
        f"<p {p}><strong>{html.escape(str(target['label']))}</strong>: {kind}. "
        f"Set by: {html.escape(str(target['set_by']))}; when: {html.escape(str(target['when_set']))}.</p>"
        f"<p {p}>In <b>{year}</b> trade was <b>{_money(value)} bn</b> by China's customs{caution}: {where}. {when}</p>"
        f'<p style="margin:0.3em 0;font-size:90%;color:inherit">Target source: {html.escape(_no_dollar(str(cite)))}</p></div>'
    )


def _no_dollar(text: str) -> str:
    """'US$100 bn' as 'USD 100 bn': a pair of dollar signs in HTML can be typeset as maths.

    Example:
        >>> _no_dollar("US$100 bn by 2015 and US$200 bn by 2020")
        'USD 100 bn by 2015 and USD 200 bn by 2020'
    """
    return re.sub(r"US\$\s?", "USD ", text).replace("$", "USD ")


def _citation(source_id: str, sources: pd.DataFrame) -> str:
    return str(sources.loc[source_id, "citation"]) if source_id in sources.index else source_id


def _medium_years() -> set[int]:
    table = load_table("china_russia_trade")
    chosen = table[(table["reporter"] == MAIN_REPORTER) & (table["confidence"] != "high")]
    return {int(y) for y in chosen["year"]}


def explanation_html(target_id: str, year: int) -> str:
    """The explorer's text for one target and one year: trade, the gap, when the target was met.

    Example:
        >>> "32.0 bn short" in explanation_html("official_2015", 2015)
        True
    """
    target = _target(target_id)
    sources = load_table("sources").set_index("id")
    return _explanation(target, int(year), trade_in(year), first_year_met(target_id),
                        _citation(target["source_id"], sources), int(year) in _medium_years())


class TradeExplorer(Explorer):
    """An ipywidgets explorer: a dropdown of targets, a slider of years, a figure and a text.

    Every change of either control redraws the figure (the chosen target over the
    series, the year's trade and its gap to the target) and rewrites the text.
    ``show(target_id, year)`` changes them programmatically; ``redraws`` counts the
    figure's renderings and ``png`` is the current PNG, so a benchmark can time a move.

    Example:
        >>> explorer = TradeExplorer()
        >>> explorer.show("official_2020", 2020)
        >>> "92.2 bn short" in explorer.text.value
        True
        >>> explorer.png.startswith(b"\\x89PNG")
        True
    """

    def __init__(self, target_id: str = "official_2015", year: int = 2015) -> None:
        import ipywidgets as widgets

        self.targets = load_targets()
        self.series = load_trade()
        self.redraws = 0
        self._texts: dict[tuple[str, int], str] = {}
        sources = load_table("sources").set_index("id")
        self._rows = {row["id"]: row for _, row in self.targets.iterrows()}
        self._met = {target: first_year_met(target) for target in self._rows}
        self._cites = {target: _citation(row["source_id"], sources) for target, row in self._rows.items()}
        self._medium = _medium_years()
        self._figure = _FastTradeFigure()
        _target(target_id)
        options = list(zip(self.targets["label"], self.targets["id"]))
        self.dropdown = widgets.Dropdown(options=options, value=target_id, description="Target",
                                         layout=widgets.Layout(width="60%"), style={"description_width": "initial"})
        self.slider = widgets.IntSlider(value=self._year(year), min=int(self.series.index.min()),
                                        max=int(self.series.index.max()), step=1, description="Year",
                                        continuous_update=False, layout=widgets.Layout(width="60%"))
        self.text = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([self.dropdown, self.slider, self.text, self.image])
        self.dropdown.observe(self._on_change, names="value")
        self.slider.observe(self._on_change, names="value")
        self._update()

    def _year(self, year: Any) -> int:
        if isinstance(year, bool) or not isinstance(year, int) or year not in set(self.series.index):
            raise CourseInputError(
                f"year must be a whole number from {self.series.index.min()} to {self.series.index.max()}, "
                f"not {describe_type(year)}."
            )
        return int(year)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._update()

    def _update(self) -> None:
        target_id, year = self.dropdown.value, int(self.slider.value)
        if (target_id, year) not in self._texts:
            self._texts[(target_id, year)] = _explanation(
                self._rows[target_id], year, float(self.series.loc[year]), self._met[target_id],
                self._cites[target_id], year in self._medium)
        self.text.value = self._texts[(target_id, year)]
        self.image.value = self._figure.png(target_id, year)
        self.redraws += 1

    def show(self, target_id: str, year: int) -> None:
        """Show one target and one year, as if the learner had moved the controls."""
        _target(target_id)
        year = self._year(year)
        if self.dropdown.value == target_id and self.slider.value == year:
            self._update()
            return
        self.dropdown.unobserve(self._on_change, names="value")
        self.dropdown.value = target_id
        self.dropdown.observe(self._on_change, names="value")
        if self.slider.value == year:
            self._update()
        else:
            self.slider.value = year
