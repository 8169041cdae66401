"""The article's forecasts and plans beside what happened: data, figures, two explorers, saved verdicts.

Reads ``data/forecasts.csv`` (each forecast, plan or target of the article, its outcome,
source and the course's verdict) and ``data/power_of_siberia.csv`` (gas delivered to
China each year). Chapter 8 (the Conclusion) uses the projects' status in 2015 and now:
:func:`project_status_figure` and :class:`ProjectStatusExplorer`. Chapter 9 (what
happened next) uses the scorecard: :func:`scorecard_figure` (the course's verdicts),
:class:`ScorecardExplorer` (the learner's verdict beside the course's) and
:class:`ScorecardSaver` (Save and Load buttons that keep the learner's verdicts in a JSON
file in the notebook's folder), and the gas deliveries: :func:`power_of_siberia_figure`.

Example:
    >>> load_forecasts()["id"].iloc[0]
    'oil_pipeline'
    >>> verdict_counts()["realised"]
    2
    >>> first_year_at_share(0.5)
    2023
"""
from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer
from zhao_course.png import canvas_png
from zhao_course.style import OKABE_ITO, format_date

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "STATUS_LABELS",
    "VERDICTS",
    "ProjectStatusExplorer",
    "ScorecardExplorer",
    "ScorecardSaver",
    "design_capacity",
    "first_year_at_share",
    "forecast",
    "load_forecasts",
    "load_power_of_siberia",
    "load_verdicts",
    "power_of_siberia_alt_text",
    "power_of_siberia_figure",
    "project_status_alt_text",
    "project_status_figure",
    "projects",
    "save_verdicts",
    "scorecard_alt_text",
    "scorecard_figure",
    "verdict_counts",
]

#: The course's verdicts, in the order the scorecard shows them, and how they read.
VERDICTS: dict[str, str] = {
    "realised": "Realised",
    "partly": "Partly",
    "delayed": "Delayed",
    "not_realised": "Not realised",
    "too_early": "Too early to tell",
}
#: Where a project stands, on the scale of the Conclusion chapter's figure.
STATUS_LABELS: dict[str, str] = {
    "not_checked": "Not checked",
    "on_paper": "On paper",
    "under_way": "Under way",
    "realised": "Realised",
    "goal": "A goal",
}
_LEVEL = {"not_checked": -1, "on_paper": 0, "under_way": 1, "realised": 2}
#: Resolution of the explorers' PNGs.
EXPLORER_DPI = 80
#: The file the Save and Load buttons use unless told otherwise.
DEFAULT_FILE = "my_scorecard.json"
FILE_FORMAT = "zhao-course-scorecard"
NO_VERDICT = "(not yet)"


# --------------------------------------------------------------------------- data
def load_forecasts() -> pd.DataFrame:
    """The forecasts table in the scorecard's order.

    Example:
        >>> len(load_forecasts())
        8
    """
    return load_table("forecasts").sort_values("seq").reset_index(drop=True)


def forecast(forecast_id: Any) -> pd.Series:
    """One row of the forecasts table, by id; a clear error for anything else.

    Example:
        >>> forecast("gas_contract")["verdict"]
        'realised'
    """
    table = load_forecasts()
    ids = table["id"].tolist()
    if not isinstance(forecast_id, str):
        raise CourseTypeError(f"A forecast is chosen by its id, a text such as {ids[0]!r}, not {describe_type(forecast_id)}.")
    if forecast_id not in ids:
        raise CourseInputError(f"There is no forecast {forecast_id[:60]!r}. Choose one of: {', '.join(ids)}.")
    return table.loc[table["id"] == forecast_id].iloc[0]


def projects() -> pd.DataFrame:
    """The projects and plans (not the trade targets or forecasts): the Conclusion's figure.

    Example:
        >>> projects()["id"].tolist()[:2]
        ['oil_pipeline', 'gas_contract']
    """
    table = load_forecasts()
    return table[table["kind"].isin(["plan", "project"])].reset_index(drop=True)


def verdict_counts() -> dict[str, int]:
    """How many rows the course gives each verdict (every verdict listed, zeros too).

    Example:
        >>> verdict_counts()["too_early"]
        1
    """
    counts = load_forecasts()["verdict"].value_counts()
    return {key: int(counts.get(key, 0)) for key in VERDICTS}


def load_power_of_siberia() -> pd.Series:
    """Gas delivered to China through the Power of Siberia, bcm, indexed by year.

    Example:
        >>> float(load_power_of_siberia().loc[2024])
        31.12
    """
    table = load_table("power_of_siberia").sort_values("year")
    series = pd.Series(table["delivered_bcm"].astype(float).to_numpy(), index=table["year"].astype(int).to_numpy(),
                       name="delivered_bcm")
    series.index.name = "year"
    return series


def design_capacity() -> float:
    """The pipeline's design capacity, bcm a year (the same in every row of the table).

    Example:
        >>> design_capacity()
        38.0
    """
    values = load_table("power_of_siberia")["design_capacity_bcm"].astype(float).unique()
    if len(values) != 1:
        raise CourseInputError("data/power_of_siberia.csv gives more than one design capacity.")
    return float(values[0])


def first_year_at_share(share: float) -> int | None:
    """The first full year whose deliveries reached ``share`` of the design capacity.

    Example:
        >>> first_year_at_share(0.25), first_year_at_share(1.0)
        (2021, None)
    """
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise CourseInputError(f"share must be a fraction above 0 and at most 1, such as 0.5, not {describe_type(share)}.")
    series = load_power_of_siberia()
    reached = series[series >= share * design_capacity()]
    return int(reached.index[0]) if len(reached) else None


def _citation(source_id: str, sources: pd.DataFrame) -> str:
    return str(sources.loc[source_id, "citation"]) if source_id in sources.index else source_id


def _outcome_date(row: pd.Series) -> str:
    if pd.isna(row["outcome_date"]) or not str(row["outcome_date_precision"]):
        return "no date yet"
    return format_date(row["outcome_date"], str(row["outcome_date_precision"]))



class _Blitter:
    """A figure drawn once and kept as pixels; each picture draws a few artists over it."""

    def __init__(self, fig: Figure, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig = fig
        fig.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(fig)
        if fig.get_layout_engine() is not None:
            fig.get_layout_engine().execute(fig)
            fig.set_layout_engine("none")
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(fig.bbox)

    def png(self, artists: list[Any]) -> bytes:
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in artists:
            artist.set_animated(True)
            artist.draw(renderer)
            artist.remove()  # made for this picture only
        return canvas_png(self.canvas)


# ------------------------------------------------------- chapter 8: project status
_PROJECT_COLOURS = ["blue", "vermillion", "green", "orange", "purple", "sky_blue", "black"]
_PROJECT_MARKERS = ["o", "s", "D", "^", "v", "P", "X"]


def _project_styles(table: pd.DataFrame) -> dict[str, tuple[str, str, float]]:
    """Colour, marker and a small vertical offset per project, so lines that share a level stay apart."""
    count = len(table)
    offsets = [0.4 - 0.8 * i / max(count - 1, 1) for i in range(count)]
    return {row["id"]: (OKABE_ITO[_PROJECT_COLOURS[i % 7]], _PROJECT_MARKERS[i % 7], offsets[i])
            for i, (_, row) in enumerate(table.iterrows())}


def _status_axes(ax: Axes) -> None:
    for level in (0, 1, 2):
        ax.axhspan(level - 0.45, level + 0.45, color="#f2f2f2" if level % 2 else "#fafafa", zorder=0)
    ax.set_yticks([0, 1, 2], [STATUS_LABELS[k] for k in ("on_paper", "under_way", "realised")])
    ax.set_xticks([0, 1], ["In 2015 (the course's reading\nof the article)", "Now, from later sources"])
    ax.set_xlim(-0.35, 2.05)
    ax.set_ylim(-0.5, 2.5)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("The article's projects: where they stood in 2015 and where they stand now", loc="left", fontsize=11)


def _project_artists(ax: Axes, row: pd.Series, style: tuple[str, str, float], strong: bool,
                     colour: str | None = None) -> list[Any]:
    colour = colour or style[0]
    marker, offset = style[1], style[2]
    unchecked = row["status_now"] == "not_checked"
    y0 = _LEVEL[row["status_2015"]] + offset
    y1 = y0 if unchecked else _LEVEL[row["status_now"]] + offset
    width, alpha = (3.0, 1.0) if strong else (1.2, 0.35)
    # A plan not checked now is drawn at its 2015 point only: no line, so nothing reads as a rise or a fall.
    xs, ys = ([0], [y0]) if unchecked else ([0, 1], [y0, y1])
    label = f"{row['label']} (now: not checked)" if unchecked else str(row["label"])
    artists = [
        ax.plot(xs, ys, color=colour, linewidth=width, alpha=alpha, marker=marker,
                markersize=9 if strong else 6, zorder=3 if strong else 2, gid=f"project:{row['id']}")[0],
        ax.text(1.06, y1, label, fontsize=8.5, va="center", ha="left", color=OKABE_ITO["black"],
                alpha=1.0 if strong else 0.45, fontweight="bold" if strong else "normal", gid=f"project-label:{row['id']}"),
    ]
    return artists


def _new_status_figure() -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.5, 4.6), layout="constrained")
    return fig, fig.subplots()


def project_status_figure(highlight: str | None = None) -> Figure:
    """Each project the article names: its status in 2015 (left) and now (right), one line each.

    ``highlight`` (a project id) draws that project strong and the others faint.

    Example:
        >>> fig = project_status_figure()
        >>> fig.axes[0].get_title(loc="left")
        "The article's projects: where they stood in 2015 and where they stand now"
    """
    table = projects()
    if highlight is not None and highlight not in table["id"].tolist():
        raise CourseInputError(f"There is no project {str(highlight)[:60]!r}. Choose one of: {', '.join(table['id'])}.")
    fig, ax = _new_status_figure()
    _status_axes(ax)
    styles = _project_styles(table)
    for _, row in table.iterrows():
        _project_artists(ax, row, styles[row["id"]], strong=highlight in (None, row["id"]))
    return fig


def project_status_alt_text() -> str:
    """A description of :func:`project_status_figure` for screen readers, built from the data.

    Example:
        >>> project_status_alt_text().startswith("Slope chart of")
        True
    """
    table = projects()
    parts = [
        f"Slope chart of the {len(table)} projects and plans the article names, each a line from its status in 2015, "
        "as the course reads the article (left), to its status now, from later sources (right), on a scale from "
        "on paper through under way to realised; a plan the course has not checked now is drawn at its 2015 point only."
    ]
    for _, row in table.iterrows():
        before, now = STATUS_LABELS[row["status_2015"]].lower(), STATUS_LABELS[row["status_now"]].lower()
        move = "stays" if before == now else "moves"
        parts.append(f"{row['label']}: {before} in 2015, {move} {'at' if move == 'stays' else 'to'} {now} "
                     f"(course verdict: {VERDICTS[row['verdict']].lower()}).")
    return " ".join(parts)


def _note_html(row: pd.Series) -> str:
    """The row's note (further sources, caveats), named by their ids in sources.csv; empty if none."""
    note = str(row.get("note", "") or "").strip()
    if not note or note == "nan":
        return ""
    return (f'<p style="margin:0.3em 0;font-size:90%;color:inherit">Notes (further sources by their id in '
            f"data/sources.csv): {html.escape(note)}</p>")


def _project_html(row: pd.Series, citation: str) -> str:
    p = 'style="margin:0.3em 0;color:inherit"'
    return (
        f'<div role="group" aria-label="{html.escape(str(row["label"]), quote=True)}" '
        f'style="border-left:6px solid {OKABE_ITO["blue"]};padding:0.4em 0.8em;max-width:46em;color:inherit">'
        f"<p {p}><strong>{html.escape(str(row['label']))}</strong> (article, section "
        f"\u201c{html.escape(str(row['section']))}\u201d): {html.escape(str(row['article_says']))}.</p>"
        f"<p {p}>In 2015: <b>{STATUS_LABELS[row['status_2015']].lower()}</b>. Now: "
        f"<b>{STATUS_LABELS[row['status_now']].lower()}</b> ({html.escape(_outcome_date(row))}). "
        f"{html.escape(str(row['outcome']))}</p>"
        f"<p {p}>The course's verdict: <b>{VERDICTS[row['verdict']].lower()}</b> "
        f"(confidence: {html.escape(str(row['confidence']))}).</p>"
        f'<p style="margin:0.3em 0;font-size:90%;color:inherit">Source: {html.escape(citation)}</p>'
        f"{_note_html(row)}</div>"
    )


class ProjectStatusExplorer(Explorer):
    """A dropdown of the article's projects; the chosen one is drawn strong, with its story beside it.

    ``show(project_id)`` changes it programmatically; ``redraws`` counts the pictures and
    ``png`` is the current one, so a benchmark can time a change.

    Example:
        >>> explorer = ProjectStatusExplorer()
        >>> explorer.show("zarubino_port")
        >>> "Zarubino" in explorer.text.value and explorer.png.startswith(b"\\x89PNG")
        True
    """

    def __init__(self, project_id: str = "oil_pipeline") -> None:
        import ipywidgets as widgets

        self.table = projects()
        sources = load_table("sources").set_index("id")
        self._rows = {row["id"]: row for _, row in self.table.iterrows()}
        self._check(project_id)
        self._texts = {pid: _project_html(row, _citation(row["source_id"], sources)) for pid, row in self._rows.items()}
        self._styles = _project_styles(self.table)
        fig, self._ax = _new_status_figure()
        _status_axes(self._ax)
        for _, row in self.table.iterrows():  # every project faint, once, in the background
            _project_artists(self._ax, row, self._styles[row["id"]], strong=False, colour=OKABE_ITO["grey"])
        self._blitter = _Blitter(fig)
        self._cache: dict[str, bytes] = {}
        self.redraws = 0
        self.dropdown = widgets.Dropdown(options=list(zip(self.table["label"], self.table["id"])), value=project_id,
                                         description="Project", layout=widgets.Layout(width="60%"))
        self.text = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([self.dropdown, self.text, self.image])
        self.dropdown.observe(self._on_change, names="value")
        self._update()

    def _check(self, project_id: Any) -> None:
        if not isinstance(project_id, str) or project_id not in self._rows:
            raise CourseInputError(f"Choose a project by its id, one of: {', '.join(self._rows)}; "
                                   f"not {describe_type(project_id)}.")

    def _on_change(self, change: dict[str, Any]) -> None:
        self._update()

    def _picture(self, project_id: str) -> bytes:
        if project_id not in self._cache:
            row = self._rows[project_id]
            self._cache[project_id] = self._blitter.png(
                _project_artists(self._ax, row, self._styles[project_id], strong=True))
        return self._cache[project_id]

    def _update(self) -> None:
        project_id = self.dropdown.value
        self.text.value = self._texts[project_id]
        self.image.value = self._picture(project_id)
        self.redraws += 1

    def show(self, project_id: str) -> None:
        """Show one project, as if the learner had chosen it."""
        self._check(project_id)
        if self.dropdown.value == project_id:
            self._update()
        else:
            self.dropdown.value = project_id



# ------------------------------------------------------------ chapter 9: scorecard


def _new_scorecard_figure(rows: int) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 1.2 + 0.42 * rows), layout="constrained")
    return fig, fig.subplots()


def _scorecard_axes(ax: Axes, table: pd.DataFrame, learner: bool = True) -> None:
    from matplotlib.lines import Line2D

    rows = len(table)
    ax.set_xlim(-0.5, len(VERDICTS) - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xticks(range(len(VERDICTS)), list(VERDICTS.values()), fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(rows), table["label"].tolist(), fontsize=9)
    for x in range(len(VERDICTS)):
        ax.axvline(x, color="#e5e5e5", linewidth=0.8, zorder=0)
    for y in range(rows):
        ax.axhline(y, color="#eeeeee", linewidth=0.6, zorder=0)
    for side in ("right", "bottom", "left", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=OKABE_ITO["blue"], label="The course's verdict"),
        Line2D([], [], marker="o", linestyle="", markersize=13, markerfacecolor="none", markeredgewidth=2.2,
               color=OKABE_ITO["vermillion"], label="Your verdict"),
    ]
    handles = handles if learner else handles[:1]  # the static chart has no learner's verdicts to explain
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, frameon=False, fontsize=9)
    ax.set_title("The article's forecasts and plans: verdicts", loc="left", fontsize=11, pad=22)


def _course_dots(ax: Axes, table: pd.DataFrame) -> None:
    columns = list(VERDICTS)
    ax.scatter([columns.index(v) for v in table["verdict"]], range(len(table)), s=70, color=OKABE_ITO["blue"],
               zorder=3, gid="course-verdicts")


def _learner_artists(ax: Axes, table: pd.DataFrame, verdicts: dict[str, str], highlight: int | None) -> list[Any]:
    """The current row's band and the learner's rings (light artists: drawn anew for every picture)."""
    from matplotlib.patches import Rectangle

    columns = list(VERDICTS)
    artists: list[Any] = []
    if highlight is not None:
        band = Rectangle((-0.5, highlight - 0.45), len(columns), 0.9, facecolor=OKABE_ITO["yellow"], alpha=0.35,
                         edgecolor="none", zorder=1, gid="current-row")
        artists.append(ax.add_patch(band))
        course = columns.index(table["verdict"].iloc[highlight])  # drawn again: the band is drawn over the background
        artists.append(ax.plot([course], [highlight], linestyle="", marker="o", markersize=8.5,
                               color=OKABE_ITO["blue"], zorder=3, gid="current-course-verdict")[0])
    points = [(columns.index(verdicts[fid]), y) for y, fid in enumerate(table["id"]) if verdicts.get(fid) in VERDICTS]
    if points:
        xs, ys = zip(*points)
        artists.append(ax.plot(xs, ys, linestyle="", marker="o", markersize=16, markerfacecolor="none",
                               markeredgecolor=OKABE_ITO["vermillion"], markeredgewidth=2.2, zorder=4,
                               gid="learner-verdicts")[0])
    return artists


def scorecard_figure(verdicts: dict[str, str] | None = None) -> Figure:
    """The scorecard: one row per forecast, one column per verdict; the course's verdicts as dots.

    ``verdicts`` (forecast id -> verdict key) adds a learner's verdicts as rings.

    Example:
        >>> fig = scorecard_figure({"gas_contract": "partly"})
        >>> fig.axes[0].get_title(loc="left")
        "The article's forecasts and plans: verdicts"
    """
    table = load_forecasts()
    verdicts = _clean_verdicts(verdicts or {}, table)[0]
    fig, ax = _new_scorecard_figure(len(table))
    _scorecard_axes(ax, table, learner=bool(verdicts))
    _course_dots(ax, table)
    _learner_artists(ax, table, verdicts, None)
    return fig


def scorecard_alt_text() -> str:
    """A description of :func:`scorecard_figure` for screen readers, built from the data.

    Example:
        >>> scorecard_alt_text().startswith("Grid chart of the course's verdicts")
        True
    """
    table = load_forecasts()
    parts = [
        f"Grid chart of the course's verdicts on {len(table)} forecasts, plans and targets of the article, one row each, "
        f"with {len(VERDICTS)} columns: " + ", ".join(v.lower() for v in VERDICTS.values()) + ". A blue dot marks the course's verdict."
    ]
    for key, name in VERDICTS.items():
        labels = table.loc[table["verdict"] == key, "label"].tolist()
        if labels:
            parts.append(f"{name}: {'; '.join(labels)}.")
    return " ".join(parts)


def _scorecard_html(row: pd.Series, citation: str, mine: str | None, given: int, agree: int, total: int) -> str:
    p = 'style="margin:0.3em 0;color:inherit"'
    course = VERDICTS[row["verdict"]].lower()
    if mine is None:
        yours = "You have not given a verdict on this one yet: choose one under <i>Your verdict</i>."
    elif mine == row["verdict"]:
        yours = f"Your verdict: <b>{VERDICTS[mine].lower()}</b>. You and the course agree."
    else:
        yours = (f"Your verdict: <b>{VERDICTS[mine].lower()}</b>; the course says <b>{course}</b>. Read the outcome "
                 "and its source again: what evidence would settle it?")
    return (
        f'<div role="group" aria-label="{html.escape(str(row["label"]), quote=True)}" '
        f'style="border-left:6px solid {OKABE_ITO["vermillion"]};padding:0.4em 0.8em;max-width:46em;color:inherit">'
        f"<p {p}><strong>{html.escape(str(row['label']))}</strong>. The article (section "
        f"\u201c{html.escape(str(row['section']))}\u201d): {html.escape(str(row['article_says']))}.</p>"
        f"<p {p}>What happened ({html.escape(_outcome_date(row))}): {html.escape(str(row['outcome']))}</p>"
        f"<p {p}>The course's verdict: <b>{course}</b> (confidence: {html.escape(str(row['confidence']))}). {yours}</p>"
        f"<p {p}>So far you have given {given} of {total} verdicts and agree with the course on {agree}.</p>"
        f'<p style="margin:0.3em 0;font-size:90%;color:inherit">Source: {html.escape(citation)}</p>'
        f"{_note_html(row)}</div>"
    )


def _clean_verdicts(verdicts: Any, table: pd.DataFrame) -> tuple[dict[str, str], int]:
    """Keep the entries whose id is a forecast and whose value is a verdict key; count the others."""
    if not isinstance(verdicts, dict):
        raise CourseTypeError(f"verdicts must be a dict of forecast id -> verdict, not {describe_type(verdicts)}.")
    ids = set(table["id"])
    clean = {k: v for k, v in verdicts.items() if isinstance(k, str) and k in ids and isinstance(v, str) and v in VERDICTS}
    return clean, len(verdicts) - len(clean)


class ScorecardExplorer(Explorer):
    """The scorecard in JupyterLab: a dropdown of forecasts and a dropdown for the learner's verdict.

    Choosing a forecast shows the article's claim, what happened, the source and the
    course's verdict, and marks the row on the chart; choosing a verdict draws it as a
    ring beside the course's dot and says whether the two agree. ``verdicts`` holds the
    learner's verdicts (id -> verdict key); ``show(forecast_id, verdict)`` changes the
    controls programmatically; ``redraws`` and ``png`` let a benchmark time a change.

    Example:
        >>> explorer = ScorecardExplorer()
        >>> explorer.show("trade_target_2020", "delayed")
        >>> explorer.verdicts
        {'trade_target_2020': 'delayed'}
        >>> "You and the course agree" in explorer.text.value
        True
    """

    def __init__(self, forecast_id: str | None = None) -> None:
        import ipywidgets as widgets

        self.table = load_forecasts()
        sources = load_table("sources").set_index("id")
        self._rows = {row["id"]: row for _, row in self.table.iterrows()}
        self._positions = {fid: i for i, fid in enumerate(self.table["id"])}
        self._cites = {fid: _citation(row["source_id"], sources) for fid, row in self._rows.items()}
        forecast_id = forecast_id if forecast_id is not None else self.table["id"].iloc[0]
        self._check(forecast_id)
        self.verdicts: dict[str, str] = {}
        self.redraws = 0
        fig, self._ax = _new_scorecard_figure(len(self.table))
        _scorecard_axes(self._ax, self.table)
        _course_dots(self._ax, self.table)
        self._blitter = _Blitter(fig)
        self.forecast_menu = widgets.Dropdown(options=list(zip(self.table["label"], self.table["id"])),
                                              value=forecast_id, description="Forecast",
                                              layout=widgets.Layout(width="60%"))
        self.verdict_menu = widgets.Dropdown(options=[(NO_VERDICT, NO_VERDICT)] + [(v, k) for k, v in VERDICTS.items()],
                                             value=NO_VERDICT, description="Your verdict",
                                             style={"description_width": "initial"})
        self.text = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([self.forecast_menu, self.verdict_menu, self.text, self.image])
        self.forecast_menu.observe(self._on_forecast, names="value")
        self.verdict_menu.observe(self._on_verdict, names="value")
        self._update()

    def _check(self, forecast_id: Any) -> None:
        if not isinstance(forecast_id, str) or forecast_id not in self._rows:
            raise CourseInputError(f"Choose a forecast by its id, one of: {', '.join(self._rows)}; "
                                   f"not {describe_type(forecast_id)}.")

    def _on_forecast(self, change: dict[str, Any]) -> None:
        mine = self.verdicts.get(change["new"], NO_VERDICT)
        if self.verdict_menu.value != mine:  # show this forecast's own verdict without counting it as a choice
            self.verdict_menu.unobserve(self._on_verdict, names="value")
            self.verdict_menu.value = mine
            self.verdict_menu.observe(self._on_verdict, names="value")
        self._update()

    def _on_verdict(self, change: dict[str, Any]) -> None:
        fid = self.forecast_menu.value
        if change["new"] in VERDICTS:
            self.verdicts[fid] = change["new"]
        else:
            self.verdicts.pop(fid, None)
        self._update()

    def _update(self) -> None:
        fid = self.forecast_menu.value
        row = self._rows[fid]
        agree = sum(self._rows[k]["verdict"] == v for k, v in self.verdicts.items())
        self.text.value = _scorecard_html(row, self._cites[fid], self.verdicts.get(fid), len(self.verdicts), agree,
                                          len(self._rows))
        self.image.value = self._blitter.png(_learner_artists(self._ax, self.table, self.verdicts, self._positions[fid]))
        self.redraws += 1

    def set_verdicts(self, verdicts: dict[str, str]) -> int:
        """Replace the learner's verdicts (from a saved file, say); return how many were kept.

        Example:
            >>> ScorecardExplorer().set_verdicts({"oil_pipeline": "realised", "nonsense": "realised"})
            1
        """
        clean, _ = _clean_verdicts(verdicts, self.table)
        self.verdicts = dict(clean)
        fid = self.forecast_menu.value
        self.verdict_menu.unobserve(self._on_verdict, names="value")
        self.verdict_menu.value = self.verdicts.get(fid, NO_VERDICT)
        self.verdict_menu.observe(self._on_verdict, names="value")
        self._update()
        return len(clean)

    def show(self, forecast_id: str, verdict: str | None = None) -> None:
        """Show one forecast and, if given, set the learner's verdict on it (a key of VERDICTS)."""
        self._check(forecast_id)
        if verdict is not None and verdict not in VERDICTS:
            raise CourseInputError(f"A verdict is one of {', '.join(VERDICTS)}, not {describe_type(verdict)}.")
        if self.forecast_menu.value != forecast_id:
            self.forecast_menu.value = forecast_id
        elif verdict is None:
            self._update()
        if verdict is not None:
            if self.verdict_menu.value == verdict:
                self._update()
            else:
                self.verdict_menu.value = verdict



# ------------------------------------------------------------ saving the verdicts


def _backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.bak{number}")
    return candidate


def load_verdicts(path: str | os.PathLike[str]) -> tuple[dict[str, str] | None, str]:
    """Read saved verdicts: ``(verdicts, sentence)``, or ``(None, why not)`` for a missing or bad file.

    Entries that name no forecast or no verdict are left out, and the sentence says how many.

    Example:
        >>> load_verdicts("no_such_file.json")[1]
        'There is no saved scorecard at no_such_file.json yet: press Save first. Nothing was changed.'
    """
    path = Path(path)
    if not path.exists():
        return None, f"There is no saved scorecard at {path.name} yet: press Save first. Nothing was changed."
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, f"{path.name} could not be read ({type(error).__name__}). Nothing was changed."
    if not text.strip():
        return None, f"{path.name} is empty: it holds no verdicts. Nothing was changed."
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, (f"{path.name} is not a scorecard file: it is not valid JSON (line {error.lineno}). "
                      "Nothing was changed.")
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT or not isinstance(data.get("verdicts"), dict):
        return None, f"{path.name} is JSON, but not a scorecard saved by this course. Nothing was changed."
    clean, dropped = _clean_verdicts(data["verdicts"], load_forecasts())
    note = f" {dropped} entr{'y' if dropped == 1 else 'ies'} that name no forecast or no verdict {'was' if dropped == 1 else 'were'} left out." if dropped else ""
    return clean, f"Loaded {len(clean)} verdict{'' if len(clean) == 1 else 's'} from {path.name}.{note}"


def save_verdicts(verdicts: dict[str, str], path: str | os.PathLike[str]) -> str:
    """Write the learner's verdicts to ``path`` as JSON; return a sentence saying what happened.

    The file is written whole or not at all (a temporary file, then a rename). A file
    already there that this course cannot read as a scorecard is kept as a backup
    (``name.bak``) before it is replaced, so nothing is lost.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> save_verdicts({"oil_pipeline": "realised"}, folder / "card.json")
        'Saved 1 verdict to card.json.'
    """
    path = Path(path)
    clean, _ = _clean_verdicts(verdicts, load_forecasts())
    kept = ""
    if path.exists() and load_verdicts(path)[0] is None:
        backup = _backup_path(path)
        try:
            path.replace(backup)
        except OSError as error:
            return f"Not saved: {path.name} exists and is not a scorecard, and it could not be moved aside ({type(error).__name__})."
        kept = f" The file that was there was not a scorecard; it is kept as {backup.name}."
    payload = {"format": FILE_FORMAT, "version": 1, "verdicts": dict(sorted(clean.items()))}
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        return f"Not saved: {path.name} could not be written ({type(error).__name__}). Your verdicts are still in the scorecard."
    return f"Saved {len(clean)} verdict{'' if len(clean) == 1 else 's'} to {path.name}.{kept}"


class ScorecardSaver:
    """Save and Load buttons for a :class:`ScorecardExplorer`, with a sentence saying what happened.

    The file lives in ``folder`` (the notebook's folder, where the kernel runs, unless
    told otherwise) under ``filename``.

    Example:
        >>> import tempfile
        >>> explorer = ScorecardExplorer()
        >>> explorer.show("oil_pipeline", "realised")
        >>> saver = ScorecardSaver(explorer, folder=tempfile.mkdtemp())
        >>> saver.save()
        'Saved 1 verdict to my_scorecard.json.'
        >>> saver.load()
        'Loaded 1 verdict from my_scorecard.json.'
    """

    def __init__(self, explorer: ScorecardExplorer, filename: str = DEFAULT_FILE,
                 folder: str | os.PathLike[str] | None = None) -> None:
        import ipywidgets as widgets

        if not isinstance(explorer, ScorecardExplorer):
            raise CourseTypeError(f"ScorecardSaver needs the scorecard explorer, not {describe_type(explorer)}.")
        if not isinstance(filename, str) or not filename.strip() or Path(filename).name != filename:
            raise CourseInputError(f"filename must be a plain file name such as {DEFAULT_FILE!r}, not {describe_type(filename)}.")
        self.explorer = explorer
        self.path = Path(folder if folder is not None else Path.cwd()) / filename
        self.save_button = widgets.Button(description="Save my verdicts", icon="save")
        self.load_button = widgets.Button(description="Load saved verdicts", icon="folder-open")
        self.text = widgets.HTML(f"<p>Your verdicts are kept in {html.escape(filename)}, beside this notebook.</p>")
        self.clicks = 0
        self.widget = widgets.VBox([widgets.HBox([self.save_button, self.load_button]), self.text])
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())

    def _say(self, sentence: str) -> str:
        self.clicks += 1
        self.text.value = f"<p>{html.escape(sentence)} <small>(action {self.clicks})</small></p>"
        return sentence

    def save(self) -> str:
        """Save the explorer's verdicts; return the sentence shown."""
        return self._say(save_verdicts(self.explorer.verdicts, self.path))

    def load(self) -> str:
        """Load saved verdicts into the explorer (nothing changes if the file is missing or bad)."""
        verdicts, sentence = load_verdicts(self.path)
        if verdicts is not None:
            self.explorer.set_verdicts(verdicts)
        return self._say(sentence)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


# ------------------------------------------------------------- Power of Siberia
def power_of_siberia_figure() -> Figure:
    """Gas delivered to China each year through the Power of Siberia, against the design capacity.

    Example:
        >>> power_of_siberia_figure().axes[0].get_ylabel()
        'Gas delivered to China, bcm'
    """
    from matplotlib.figure import Figure

    series, capacity = load_power_of_siberia(), design_capacity()
    fig = Figure(figsize=(7.5, 4), layout="constrained")
    ax = fig.subplots()
    ax.bar(series.index, series.values, color=OKABE_ITO["blue"], width=0.6, zorder=2)
    for year, value in series.items():
        ax.text(year, value + 0.6, f"{value:g}", ha="center", va="bottom", fontsize=9)
    ax.axhline(capacity, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.6, zorder=3)
    ax.text(series.index.min() - 0.4, capacity + 0.6, f"Design capacity: {capacity:g} bcm a year", fontsize=9,
            color=OKABE_ITO["black"], ha="left", va="bottom")
    ax.set_ylim(0, capacity * 1.15)
    ax.set_xticks(list(series.index))
    ax.set_ylabel("Gas delivered to China, bcm")
    ax.set_xlabel("Year")
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("Power of Siberia: gas delivered to China each year", loc="left", fontsize=11)
    return fig


def power_of_siberia_alt_text() -> str:
    """A description of :func:`power_of_siberia_figure` for screen readers, built from the data.

    Example:
        >>> power_of_siberia_alt_text().startswith("Bar chart of gas delivered")
        True
    """
    series, capacity = load_power_of_siberia(), design_capacity()
    values = "; ".join(f"{year}: {value:g} bcm" for year, value in series.items())
    last = int(series.index[-1])
    return (f"Bar chart of gas delivered to China through the Power of Siberia pipeline in each full year, "
            f"{int(series.index[0])} to {last}, with a dashed line at the design capacity of {capacity:g} bcm a year. "
            f"{values}. Deliveries rose every year; in {last} they were {100 * series.iloc[-1] / capacity:.0f}% of the "
            "design capacity, which was reached in December of that year.")
