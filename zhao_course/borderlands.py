"""The two sides of the eastern border over time: the Russian Far East and Northeast China.

Everything here reads ``data/borderland_population.csv``: the population of the Far
Eastern Federal District (in its borders of 2000–2018, so that three censuses count the
same territory) and of China's three north-eastern provinces, Heilongjiang, Jilin and
Liaoning, at three census rounds (2000/2002, 2010, 2020/2021), with their areas.

- :func:`borderland_table`, :func:`side_by_side`, :func:`population_ratio`: the numbers;
- :func:`borderlands_figure` and :func:`borderlands_alt_text`: the static figure;
- :class:`BorderlandsExplorer`: a census slider and a measure menu, for JupyterLab.

Example:
    >>> round(population_ratio("2010"), 2)
    17.4
    >>> side_by_side("2020/2021")["far_east_population"]
    5993049
"""
from __future__ import annotations

import html
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
    "MEASURES",
    "PROVINCES",
    "ROUNDS",
    "BorderlandsExplorer",
    "borderland_table",
    "borderlands_alt_text",
    "borderlands_figure",
    "explorer_text",
    "population_ratio",
    "side_by_side",
]

#: The census rounds, in order: Russia counted in 2002, 2010 and 2021, China in 2000, 2010 and 2020.
ROUNDS: tuple[str, ...] = ("2000/2002", "2010", "2020/2021")
#: China's three north-eastern provinces, as the table names them.
PROVINCES: tuple[str, ...] = ("Heilongjiang", "Jilin", "Liaoning")
#: What the explorer can show: menu label -> key.
MEASURES: dict[str, str] = {
    "Population (millions)": "population",
    "People per km²": "density",
    "China's three provinces ÷ Russian Far East": "ratio",
}
#: The Russian rows compared across rounds (the district in its borders of 2000–2018).
ENLARGED_ID = "ru_far_east_2018_borders_2021"
RUSSIA_COLOUR = OKABE_ITO["blue"]
CHINA_COLOUR = OKABE_ITO["vermillion"]
RATIO_COLOUR = OKABE_ITO["black"]
EXPLORER_DPI = 80


# ------------------------------------------------------------------------------ values
def _far_east_rows(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame[(frame["side"] == "russia") & (frame["id"] != ENLARGED_ID)]
    return rows.set_index("census_round")


def borderland_table() -> pd.DataFrame:
    """One row per census round: each side's population, area and density, and the ratios.

    Columns: far_east_population, far_east_area, far_east_density, northeast_population,
    northeast_area, northeast_density, ratio (the three provinces' population divided by
    the Far East's) and density_ratio; plus one population column per province.

    Example:
        >>> table = borderland_table()
        >>> list(table.index)
        ['2000/2002', '2010', '2020/2021']
        >>> int(table.loc["2010", "northeast_population"])
        109520844
    """
    frame = load_table("borderland_population")
    russia = _far_east_rows(frame)
    china = frame[frame["side"] == "china"]
    out = pd.DataFrame(index=pd.Index(list(ROUNDS), name="census_round"))
    out["far_east_population"] = [int(russia.loc[r, "population"]) for r in ROUNDS]
    out["far_east_area"] = [float(russia.loc[r, "area_km2"]) for r in ROUNDS]
    for province in PROVINCES:
        rows = china[china["region"] == province].set_index("census_round")
        out[province] = [int(rows.loc[r, "population"]) for r in ROUNDS]
    groups = china.groupby("census_round")
    out["northeast_population"] = [int(groups.get_group(r)["population"].sum()) for r in ROUNDS]
    out["northeast_area"] = [float(groups.get_group(r)["area_km2"].sum()) for r in ROUNDS]
    out["far_east_density"] = out["far_east_population"] / out["far_east_area"]
    out["northeast_density"] = out["northeast_population"] / out["northeast_area"]
    out["ratio"] = out["northeast_population"] / out["far_east_population"]
    out["density_ratio"] = out["northeast_density"] / out["far_east_density"]
    return out


def _check_round(census_round: Any) -> str:
    if isinstance(census_round, int) and not isinstance(census_round, bool):
        census_round = str(census_round)
    if not isinstance(census_round, str):
        raise CourseTypeError(
            f"A census round is a text such as '2010', not {describe_type(census_round)}."
        )
    matches = [r for r in ROUNDS if census_round.strip() in r.split("/") or census_round.strip() == r]
    if not matches:
        raise CourseInputError(
            f"There is no census round {census_round[:20]!r}; choose one of: {', '.join(ROUNDS)}."
        )
    return matches[0]


def side_by_side(census_round: str | int) -> dict[str, Any]:
    """Both sides of the border in one census round, as a dict of plain numbers.

    ``census_round`` is one of :data:`ROUNDS`, or one of its years (``2002`` or
    ``"2000"`` both mean ``"2000/2002"``).

    Example:
        >>> side_by_side(2010)["northeast_population"]
        109520844
        >>> side_by_side("1999")
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: There is no census round '1999'; choose one of: 2000/2002, 2010, 2020/2021.
    """
    census_round = _check_round(census_round)
    row = borderland_table().loc[census_round]
    values: dict[str, Any] = {"census_round": census_round}
    for column, value in row.items():
        values[str(column)] = int(value) if str(column).endswith("population") or column in PROVINCES else float(value)
    return values


def population_ratio(census_round: str | int) -> float:
    """How many times as many people lived in the three provinces as in the Russian Far East.

    Example:
        >>> round(population_ratio("2020/2021"), 1)
        16.4
    """
    return float(side_by_side(census_round)["ratio"])


def _enlarged_2021() -> tuple[int, float]:
    row = load_table("borderland_population").set_index("id").loc[ENLARGED_ID]
    return int(row["population"]), float(row["area_km2"])


def _dates(census_round: str) -> tuple[str, str]:
    frame = load_table("borderland_population")
    frame = frame[frame["census_round"] == census_round]
    russia = frame[(frame["side"] == "russia") & (frame["id"] != ENLARGED_ID)]["reference_date"].iloc[0]
    china = frame[frame["side"] == "china"]["reference_date"].iloc[0]
    return (f"{russia.day} {russia:%B %Y}", f"{china.day} {china:%B %Y}")


# ------------------------------------------------------------------------------ figure
def _millions(value: float) -> str:
    return f"{value / 1e6:.1f} m"


def borderlands_figure() -> Figure:
    """The static figure: both sides' population at three census rounds, and their densities.

    Left: for each round, a blue bar for the Russian Far East and a stacked vermillion
    bar for Heilongjiang, Jilin and Liaoning (hatched differently), labelled in millions.
    Right: people per km² on both sides, on a logarithmic scale.

    Example:
        >>> fig = borderlands_figure()
        >>> [ax.get_title(loc="left") for ax in fig.axes]
        ['Population at three census rounds', 'People per km² (log scale)']
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    table = borderland_table()
    fig = Figure(figsize=(10, 4.4), layout="constrained")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1]})
    xs = range(len(ROUNDS))
    width = 0.36
    hatches = ("", "//", "..")
    left.bar([x - width / 2 for x in xs], table["far_east_population"] / 1e6, width, color=RUSSIA_COLOUR,
             edgecolor="white")
    bottom = [0.0] * len(ROUNDS)
    for province, hatch in zip(PROVINCES, hatches):
        heights = (table[province] / 1e6).tolist()
        left.bar([x + width / 2 for x in xs], heights, width, bottom=bottom, color=CHINA_COLOUR,
                 edgecolor="white", hatch=hatch, linewidth=0.8)
        bottom = [b + h for b, h in zip(bottom, heights)]
    for x, r in zip(xs, ROUNDS):
        left.annotate(_millions(table.loc[r, "far_east_population"]), (x - width / 2, table.loc[r, "far_east_population"] / 1e6),
                      xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
        left.annotate(_millions(table.loc[r, "northeast_population"]), (x + width / 2, table.loc[r, "northeast_population"] / 1e6),
                      xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    left.set_xticks(list(xs), [f"{r}\n×{table.loc[r, 'ratio']:.1f}" for r in ROUNDS])
    left.set_ylabel("People, millions")
    left.set_ylim(0, table["northeast_population"].max() / 1e6 * 1.3)
    left.set_title("Population at three census rounds", loc="left", fontsize=11)
    handles = [Patch(color=RUSSIA_COLOUR, label="Russian Far East (district's 2000–2018 borders)")]
    handles += [Patch(facecolor=CHINA_COLOUR, edgecolor="white", hatch=h, label=p) for p, h in zip(PROVINCES, hatches)]
    left.legend(handles=handles, loc="upper left", fontsize=8, frameon=False, ncols=2)
    left.grid(axis="y", color="#dddddd", linewidth=0.6)
    left.set_axisbelow(True)

    right.bar([x - width / 2 for x in xs], table["far_east_density"], width, color=RUSSIA_COLOUR, label="Russian Far East")
    right.bar([x + width / 2 for x in xs], table["northeast_density"], width, color=CHINA_COLOUR,
              label="Heilongjiang, Jilin, Liaoning")
    for x, r in zip(xs, ROUNDS):
        for dx, column in ((-width / 2, "far_east_density"), (width / 2, "northeast_density")):
            right.annotate(f"{table.loc[r, column]:.1f}", (x + dx, table.loc[r, column]), xytext=(0, 3),
                           textcoords="offset points", ha="center", fontsize=9)
    right.set_yscale("log")
    right.set_ylim(0.5, 1000)
    right.set_xticks(list(xs), list(ROUNDS))
    right.set_ylabel("People per km²")
    right.set_title("People per km² (log scale)", loc="left", fontsize=11)
    right.legend(loc="upper left", fontsize=8, frameon=False)
    right.grid(axis="y", color="#dddddd", linewidth=0.6)
    right.set_axisbelow(True)
    return fig


def borderlands_alt_text() -> str:
    """A description of :func:`borderlands_figure` for screen readers, built from the data.

    Example:
        >>> borderlands_alt_text().startswith("Two bar charts comparing")
        True
    """
    table = borderland_table()
    enlarged, _ = _enlarged_2021()
    parts = [
        "Two bar charts comparing the two sides of the eastern Sino-Russian border at three census rounds "
        f"({', '.join(ROUNDS)}; Russia counted in 2002, 2010 and 2021, China in 2000, 2010 and 2020).",
        "Left: population in millions, a blue bar for the Russian Far East (the Far Eastern Federal District "
        "in its borders of 2000 to 2018) beside a vermillion bar stacked from Heilongjiang, Jilin and Liaoning "
        "(plain, hatched with lines, dotted); the label under each round gives how many times as many people "
        "the three provinces had.",
    ]
    for r in ROUNDS:
        row = table.loc[r]
        parts.append(
            f"{r}: Russian Far East {_millions(row['far_east_population'])}, the three provinces "
            f"{_millions(row['northeast_population'])} (Heilongjiang {_millions(row['Heilongjiang'])}, "
            f"Jilin {_millions(row['Jilin'])}, Liaoning {_millions(row['Liaoning'])}), {row['ratio']:.1f} times as many."
        )
    first, last = table.iloc[0], table.iloc[-1]
    parts.append(
        f"The Russian Far East shrinks at every round, from {_millions(first['far_east_population'])} to "
        f"{_millions(last['far_east_population'])}; the three provinces grow to "
        f"{_millions(table.loc['2010', 'northeast_population'])} in 2010 and fall to {_millions(last['northeast_population'])}."
    )
    parts.append(
        "Right: people per square kilometre on a logarithmic scale: the Russian Far East "
        + ", ".join(f"{table.loc[r, 'far_east_density']:.1f}" for r in ROUNDS)
        + "; the three provinces "
        + ", ".join(f"{table.loc[r, 'northeast_density']:.1f}" for r in ROUNDS)
        + f", more than {int(table['density_ratio'].min())} times as dense."
    )
    parts.append(
        f"In its enlarged borders since 2018, with Buryatia and Zabaykalsky Krai, the district counted "
        f"{_millions(enlarged)} in 2021; the chart keeps the older borders so that the rounds compare."
    )
    return " ".join(parts)


# ---------------------------------------------------------------------------- explorer
def _measure_key(measure: Any) -> str:
    if isinstance(measure, str) and measure in MEASURES.values():
        return measure
    if isinstance(measure, str) and measure in MEASURES:
        return MEASURES[measure]
    raise CourseInputError(
        f"There is no measure {str(measure)[:30]!r}; choose one of: {', '.join(MEASURES.values())}."
    )


def explorer_text(census_round: str, measure: str, table: pd.DataFrame | None = None) -> str:
    """The explorer's text for one census round and measure, as HTML.

    Example:
        >>> "17.4 times" in explorer_text("2010", "ratio")
        True
    """
    census_round, measure = _check_round(census_round), _measure_key(measure)
    table = borderland_table() if table is None else table
    row = table.loc[census_round]
    russia_date, china_date = _dates(census_round)
    lead = {
        "population": (f"<b>Population, {census_round}</b>: the Russian Far East "
                       f"<b>{int(row['far_east_population']):,}</b>, China's three north-eastern provinces "
                       f"<b>{int(row['northeast_population']):,}</b>."),
        "density": (f"<b>People per km², {census_round}</b>: the Russian Far East <b>{row['far_east_density']:.1f}</b>, "
                    f"the three provinces <b>{row['northeast_density']:.1f}</b> "
                    f"({row['density_ratio']:.0f} times as dense)."),
        "ratio": (f"<b>Ratio, {census_round}</b>: the three provinces had <b>{row['ratio']:.1f} times</b> "
                  "as many people as the Russian Far East."),
    }[measure]
    detail = (
        f" Census dates: Russia {russia_date}, China {china_date}. Heilongjiang {int(row['Heilongjiang']):,}, "
        f"Jilin {int(row['Jilin']):,}, Liaoning {int(row['Liaoning']):,}; the Far East on "
        f"{row['far_east_area']:,.0f} km², the provinces on {row['northeast_area']:,.0f} km²."
    )
    if census_round == ROUNDS[-1]:
        enlarged, area = _enlarged_2021()
        detail += (f" With Buryatia and Zabaykalsky Krai (in the district since November 2018) the Far East "
                   f"counted {enlarged:,} on {area:,.0f} km².")
    if census_round == ROUNDS[0]:
        detail += " China's 2000 figures are rounded to ten thousand."
    return f'<p style="margin:0.3em 0;color:inherit">{lead}{html.escape(detail)}</p>'


class _FastBorderlands:
    """The explorer's figure: one chart per measure, drawn once; a change draws only the chosen round.

    Each measure has its own small figure whose axes, faded bars for every round and
    legend are rendered once, when the explorer is made, and kept as pixels; each
    round's full-colour bars and labels are made then too, as animated artists that
    only a change draws. A change restores the pixels, draws that round's artists over
    them and encodes PNG: no layout, no new artists, no redraw of the axes. Each
    (measure, round) PNG is cached.
    """

    def __init__(self, table: pd.DataFrame, dpi: int = EXPLORER_DPI) -> None:
        self.table = table
        self.dpi = dpi
        self._charts: dict[str, tuple[Any, Any, Any]] = {}
        self._backgrounds: dict[str, Any] = {}
        self._cache: dict[tuple[str, str], bytes] = {}
        self._focus: dict[tuple[str, str], list[Any]] = {}
        for measure in MEASURES.values():
            self._chart(measure)

    def _values(self, measure: str) -> list[tuple[str, str, pd.Series]]:
        t = self.table
        if measure == "population":
            return [("Russian Far East", RUSSIA_COLOUR, t["far_east_population"] / 1e6),
                    ("Heilongjiang, Jilin, Liaoning", CHINA_COLOUR, t["northeast_population"] / 1e6)]
        if measure == "density":
            return [("Russian Far East", RUSSIA_COLOUR, t["far_east_density"]),
                    ("Heilongjiang, Jilin, Liaoning", CHINA_COLOUR, t["northeast_density"])]
        return [("Three provinces ÷ Russian Far East", RATIO_COLOUR, t["ratio"])]

    def _chart(self, measure: str) -> tuple[Any, Any, Any]:
        if measure in self._charts:
            return self._charts[measure]
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch

        fig = Figure(figsize=(7.5, 3.8), dpi=self.dpi)
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0.11, 0.12, 0.86, 0.76))
        series = self._values(measure)
        width = 0.7 / len(series)
        for i, (_, colour, values) in enumerate(series):
            offset = (i - (len(series) - 1) / 2) * width
            ax.bar([x + offset for x in range(len(ROUNDS))], values.tolist(), width, color=colour, alpha=0.25)
        ax.set_xticks(range(len(ROUNDS)), list(ROUNDS))
        ax.set_xlim(-0.6, len(ROUNDS) - 0.4)
        if measure == "density":
            ax.set_yscale("log")
            ax.set_ylim(0.5, 1000)
        else:
            ax.set_ylim(0, max(float(v.max()) for _, _, v in series) * 1.25)
        ax.set_ylabel({"population": "People, millions", "density": "People per km² (log scale)",
                       "ratio": "Times as many people"}[measure])
        ax.set_title({"population": "Population on the two sides of the border",
                      "density": "People per km² on the two sides of the border",
                      "ratio": "China's three provinces ÷ the Russian Far East"}[measure], loc="left", fontsize=11)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(handles=[Patch(color=c, label=lab) for lab, c, _ in series], loc="upper right", fontsize=9,
                  frameon=False)
        canvas.draw()
        self._backgrounds[measure] = canvas.copy_from_bbox(fig.bbox)
        # each round's highlighted bars and labels, made now, drawn only over the background
        for x, census_round in enumerate(ROUNDS):
            artists = []
            for i, (_, colour, values) in enumerate(series):
                offset = (i - (len(series) - 1) / 2) * width
                value = float(values.loc[census_round])
                bar = ax.bar([x + offset], [value], width, color=colour)[0]
                label = ax.annotate(f"{value:.1f}", (x + offset, value), xytext=(0, 3), textcoords="offset points",
                                    ha="center", fontsize=11, fontweight="bold")
                for artist in (bar, label):
                    artist.set_animated(True)
                artists += [bar, label]
            self._focus[(measure, census_round)] = artists
        self._charts[measure] = (fig, canvas, ax)
        return self._charts[measure]

    def png(self, measure: str, census_round: str) -> bytes:
        key = (measure, census_round)
        if key not in self._cache:
            self._cache[key] = self._render(measure, census_round)
        return self._cache[key]

    def _render(self, measure: str, census_round: str) -> bytes:
        fig, canvas, ax = self._chart(measure)
        canvas.restore_region(self._backgrounds[measure])
        renderer = canvas.get_renderer()
        for artist in self._focus[(measure, census_round)]:
            artist.draw(renderer)
        return canvas_png(canvas)


class BorderlandsExplorer(Explorer):
    """Set the two sides of the border side by side: a census slider, a measure menu, a chart and a text.

    ``choose(census_round=..., measure=...)`` changes the inputs programmatically, as the
    learner would with the controls; every change updates ``text`` (HTML: both sides'
    numbers) and ``image`` (PNG: the chosen round's bars over the faded others) before it
    returns. ``redraws`` counts the renderings and ``png`` is the current PNG, so a
    benchmark can time a change.

    Example:
        >>> explorer = BorderlandsExplorer()
        >>> explorer.choose(census_round="2020/2021", measure="density")
        >>> "People per km²" in explorer.text.value and explorer.png.startswith(b"\\x89PNG")
        True
    """

    def __init__(self, census_round: str = "2010", measure: str = "population") -> None:
        import ipywidgets as widgets

        self.table = borderland_table()
        self.redraws = 0
        self._figure = _FastBorderlands(self.table)
        # the nine texts are cheap to build and are built once, so a change only renders the chart
        self._texts: dict[tuple[str, str], str] = {
            (r, m): explorer_text(r, m, self.table) for r in ROUNDS for m in MEASURES.values()
        }
        self.round = widgets.SelectionSlider(options=list(ROUNDS), value=_check_round(census_round),
                                             description="Census round", continuous_update=False,
                                             layout=widgets.Layout(width="60%"),
                                             style={"description_width": "initial"})
        self.measure = widgets.Dropdown(options=list(MEASURES.items()), value=_measure_key(measure),
                                        description="Show", style={"description_width": "initial"})
        self.text = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([widgets.HBox([self.round, self.measure]), self.text, self.image])
        for control in (self.round, self.measure):
            control.observe(self._on_change, names="value")
        self._show()

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show()

    def _show(self) -> None:
        key = (str(self.round.value), str(self.measure.value))
        self.text.value = self._texts[key]
        self.image.value = self._figure.png(key[1], key[0])
        self.redraws += 1

    def choose(self, census_round: str | int | None = None, measure: str | None = None) -> None:
        """Set either input, as if the learner had used the controls (one redraw)."""
        values = (
            self.round.value if census_round is None else _check_round(census_round),
            self.measure.value if measure is None else _measure_key(measure),
        )
        set_quietly((self.round, self.measure), values, self._on_change)
        self._show()
