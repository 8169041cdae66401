"""The border-negotiations timeline: a static figure and an interactive explorer.

Both read ``data/border_timeline.csv`` (through :func:`zhao_course.data.load_table`):
the static figure serves the published site and print, the explorer serves a learner
in JupyterLab. Choosing an event in the explorer highlights it in the figure and shows
what happened, how the article dates it, and the source of the checked date.

A date is drawn as precisely as it is known (``date_precision``): an exact day as a
filled marker; a date known only to the month or the year as a hollow marker in the
middle of that month or year, inside a shaded box spanning it, with "(year only)" in
the label for a year. Nothing known only to the year is plotted as if on 1 January.

Example:
    >>> from zhao_course.timeline import timeline_figure
    >>> fig = timeline_figure(highlight="treaty_2001")
    >>> fig.axes[0].get_title(loc="left")
    'Border talks and agreements, 1964–2008'
"""
from __future__ import annotations

import difflib
import html
import math
import textwrap
from typing import TYPE_CHECKING, Any

import pandas as pd

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer
from zhao_course.png import canvas_png
from zhao_course.style import OKABE_ITO, PRECISIONS, date_phrase, format_date, precision_note

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "KIND_STYLE",
    "TITLE",
    "VERDICT_TEXT",
    "TimelineExplorer",
    "event_card_html",
    "load_events",
    "timeline_alt_text",
    "timeline_figure",
]

KIND_STYLE: dict[str, dict[str, Any]] = {
    "talks": {"color": OKABE_ITO["blue"], "marker": "o", "label": "Talks"},
    "clash": {"color": OKABE_ITO["vermillion"], "marker": "X", "label": "Armed clash"},
    "agreement": {"color": OKABE_ITO["green"], "marker": "s", "label": "Agreement"},
    "treaty": {"color": OKABE_ITO["purple"], "marker": "D", "label": "Treaty"},
    "handover": {"color": OKABE_ITO["orange"], "marker": "^", "label": "Handover"},
    "speech": {"color": OKABE_ITO["sky_blue"], "marker": "P", "label": "Speech"},
}

VERDICT_TEXT: dict[str, str] = {
    "accurate": "The article's dating agrees with the checked record.",
    "approximate": "The article's dating is close but not exact.",
    "wrong": "The article's dating is wrong.",
    "not_in_article": "The article does not mention this event.",
    "not_verified": "The course has not checked this against an outside source: treat it as 'the article states'.",
}

TITLE = "Border talks and agreements, 1964–2008"
WRONG_LEGEND = "Ringed: the article dates this wrongly"
PRECISION_LEGEND = "Hollow, in a box: known only to the month or year"

#: Columns the figure needs; the card also reads CARD_COLUMNS (filled with "" if absent).
REQUIRED_COLUMNS = ("id", "date", "date_precision", "kind", "title", "verdict")
CARD_COLUMNS = ("summary", "article_date", "confidence", "source_id")
#: Resolution of the explorer's PNG (the static figure keeps matplotlib's default).
EXPLORER_DPI = 80

_FADED = object()  # highlight value: every event faded (the explorer's background)


# -------------------------------------------------------------------------- events
def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def load_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline in date order, with a ``label`` column for menus.

    ``events`` is None (read ``data/border_timeline.csv``) or a DataFrame with at least
    the columns id, date, date_precision, kind, title and verdict (a table indexed by
    ``id`` is accepted too). Anything else raises
    :class:`~zhao_course.errors.CourseInputError` or
    :class:`~zhao_course.errors.CourseTypeError` with one sentence.

    Example:
        >>> load_events()["label"].iloc[0]
        '1964 · First border talks open in Beijing'
        >>> load_events([1, 2])
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseTypeError: events must be a pandas DataFrame such as load_table('border_timeline'), not a list.
    """
    if events is None:
        frame = load_table("border_timeline")
    elif not isinstance(events, pd.DataFrame):
        raise CourseTypeError(
            f"events must be a pandas DataFrame such as load_table('border_timeline'), not {describe_type(events)}."
        )
    else:
        frame = events.copy()
        if "id" not in frame.columns and frame.index.name == "id":
            frame = frame.reset_index()
    if frame.empty:
        raise CourseInputError(
            "The events table is empty: give at least one event (for example load_table('border_timeline'))."
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise CourseInputError(
            f"The events table has no column {', '.join(repr(c) for c in missing)}; it needs "
            f"{', '.join(REQUIRED_COLUMNS)} (as in load_table('border_timeline'))."
        )
    frame = frame.reset_index(drop=True)
    for column in ("id", "title", "date_precision", "kind", "verdict", *CARD_COLUMNS, "place"):
        frame[column] = [_text(v) for v in frame[column]] if column in frame.columns else ""
    dates = pd.to_datetime(frame["date"], errors="coerce")
    if dates.isna().any():
        bad = frame.loc[dates.isna(), "id"].iloc[0]
        raise CourseInputError(f"Event {bad!r} has no readable date: write it as YYYY-MM-DD.")
    frame["date"] = dates
    for column, allowed in (("date_precision", PRECISIONS), ("kind", tuple(KIND_STYLE)), ("verdict", tuple(VERDICT_TEXT))):
        bad = frame.loc[~frame[column].isin(allowed)]
        if len(bad):
            raise CourseInputError(
                f"Event {bad['id'].iloc[0]!r} has {column} {bad[column].iloc[0][:40]!r}; "
                f"use one of: {', '.join(allowed)}."
            )
    duplicated = frame.loc[frame["id"].duplicated(), "id"]
    if len(duplicated) or (frame["id"] == "").any():
        which = repr(duplicated.iloc[0]) if len(duplicated) else "an empty id"
        raise CourseInputError(f"Every event needs its own id, but {which} appears more than once or is missing.")
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    frame["label"] = [f"{d.year} · {t}" for d, t in zip(frame["date"], frame["title"])]
    return frame


def _unknown_event(event_id: Any, ids: list[str]) -> CourseInputError | CourseTypeError:
    if not isinstance(event_id, str):
        return CourseTypeError(f"An event is chosen by its id, a text such as {ids[0]!r}, not {describe_type(event_id)}.")
    close = difflib.get_close_matches(event_id, ids, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return CourseInputError(f"There is no event {event_id[:60]!r}.{hint} Choose one of: {', '.join(ids)}.")


def _year_fraction(stamp: pd.Timestamp) -> float:
    return stamp.year + (stamp.day_of_year - 1) / (366 if stamp.is_leap_year else 365)


def _period(stamp: pd.Timestamp, precision: str) -> tuple[float, float]:
    """Start and end (in fractional years) of what is known of a date: a day, a month or a year."""
    if precision == "year":
        return float(stamp.year), float(stamp.year + 1)
    if precision == "month":
        first = pd.Timestamp(year=stamp.year, month=stamp.month, day=1)
        return _year_fraction(first), _year_fraction(first + pd.offsets.MonthBegin(1))
    start = _year_fraction(stamp)
    return start, start + 1 / 365


def _position(stamp: pd.Timestamp, precision: str) -> float:
    """Where the marker goes: the day itself, or the middle of the month or year."""
    if precision == "day":
        return _year_fraction(stamp)
    start, end = _period(stamp, precision)
    return (start + end) / 2


def _label(event: pd.Series) -> str:
    title = event["title"]
    if event["verdict"] == "wrong" and event["article_date"]:
        title += f" (article: {event['article_date']})"
    when = format_date(event["date"], event["date_precision"])
    if event["date_precision"] == "year":
        when += " (year only)"
    return f"{when}: " + "\n".join(textwrap.wrap(title, width=44, max_lines=2, placeholder="…"))


# -------------------------------------------------------------------------- figure
def _draw_event(ax: Axes, event: pd.Series, y: float, state: str, animated: bool = False) -> list[Any]:
    """Draw one event (marker, period box, ring, label) in a state: 'normal', 'focus' or 'faded'."""
    from matplotlib.patches import Rectangle

    style = KIND_STYLE[event["kind"]]
    eid, precision = event["id"], event["date_precision"]
    alpha = 0.25 if state == "faded" else 1.0
    x = _position(event["date"], precision)
    artists: list[Any] = []
    if precision != "day":
        start, end = _period(event["date"], precision)
        artists.append(ax.add_patch(Rectangle(
            (start, y - 0.34), end - start, 0.68, facecolor=style["color"], edgecolor=style["color"],
            alpha=0.3 * alpha if state != "focus" else 0.45, linewidth=0.8, zorder=2, gid=f"period:{eid}")))
    exact = precision == "day"
    artists.append(ax.scatter(
        x, y, s=160 if state == "focus" else 70, marker=style["marker"], zorder=3, alpha=alpha,
        facecolors=style["color"] if exact else "white", edgecolors="white" if exact else style["color"],
        linewidths=0.8 if exact else 1.8, gid=f"marker:{eid}"))
    if event["verdict"] == "wrong":
        artists.append(ax.scatter(
            x, y, s=420, facecolors="none", edgecolors=OKABE_ITO["black"], linewidths=1.2, zorder=2.5,
            alpha=1.0 if state != "faded" else 0.4, gid=f"ring:{eid}"))
    text_style: dict[str, Any] = dict(
        fontweight="bold" if state == "focus" else "normal",
        color=OKABE_ITO["grey"] if state == "faded" else OKABE_ITO["black"],
    )
    if animated:  # drawn over the faded label: a white box hides it
        text_style["bbox"] = dict(facecolor="white", edgecolor="none", pad=1.5)
    artists.append(ax.text(
        1.01, y, _label(event), transform=ax.get_yaxis_transform(), va="center", fontsize=9.5,
        linespacing=1.0, gid=f"label:{eid}", **text_style))
    if animated:
        for artist in artists:
            artist.set_animated(True)
    return artists


def _draw_timeline(ax: Axes, frame: pd.DataFrame, highlight: Any) -> list[float]:
    """Draw the whole timeline on ``ax``; returns the row (y) of each event."""
    from matplotlib.lines import Line2D

    rows = [float(r) for r in range(len(frame))][::-1]  # first event on top
    xs = [_position(d, p) for d, p in zip(frame["date"], frame["date_precision"])]
    ax.plot(xs, rows, color=OKABE_ITO["grey"], linewidth=0.8, zorder=1, gid="spine")
    for (_, event), y in zip(frame.iterrows(), rows):
        if highlight is _FADED:
            state = "faded"
        elif highlight is None:
            state = "normal"
        else:
            state = "focus" if event["id"] == highlight else "faded"
        _draw_event(ax, event, y, state)
    first_year = min(frame["date"]).year
    last_year = max(frame["date"]).year
    ax.set_xlim(min(1962, first_year - 2), max(2010, last_year + 2))
    ax.set_ylim(-0.8, len(frame) - 0.2)
    ax.set_yticks([])
    ax.set_xlabel("Year")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(TITLE, loc="left", fontsize=12)
    handles = [
        Line2D([], [], linestyle="", marker=s["marker"], color=s["color"], markersize=8, label=s["label"])
        for s in KIND_STYLE.values()
    ]
    handles.append(Line2D([], [], linestyle="", marker="o", markersize=13, markerfacecolor="none",
                          markeredgecolor=OKABE_ITO["black"], label=WRONG_LEGEND))
    if (frame["date_precision"] != "day").any():
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=8, markerfacecolor="white",
                              markeredgecolor=OKABE_ITO["grey"], markeredgewidth=1.8, label=PRECISION_LEGEND))
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    return rows


def _new_figure(n_events: int) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    # a Figure outside pyplot: shown once by the notebook, never left open in pyplot
    fig = Figure(figsize=(9, 0.5 * n_events + 1.4), layout="constrained")
    return fig, fig.subplots()


def timeline_figure(
    events: pd.DataFrame | None = None, highlight: str | None = None, ax: Axes | None = None
) -> Figure:
    """Draw every event on one time axis, one row per event, in date order.

    Markers show the kind of event by colour *and* shape. A date known to the day is a
    filled marker; a date known only to the month or year is a hollow marker in the
    middle of that period, in a shaded box spanning it (the label of a year-only date
    says "(year only)"). An event the article dates wrongly is ringed and its label
    gives the article's date. ``highlight`` (an event id) draws that event large and
    bold and fades the others.

    Example:
        >>> fig = timeline_figure()
        >>> len(fig.axes[0].texts) == len(load_events())
        True
        >>> timeline_figure(highlight="treaty_2002")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: There is no event 'treaty_2002'. Did you mean 'treaty_2001'? Choose one of: ...
    """
    from matplotlib.axes import Axes

    frame = load_events(events)
    ids = frame["id"].tolist()
    if highlight is not None and (not isinstance(highlight, str) or highlight not in set(ids)):
        raise _unknown_event(highlight, ids)
    if ax is not None and not isinstance(ax, Axes):
        raise CourseTypeError(
            f"ax must be a matplotlib Axes (for example from plt.subplots()) or None, not {describe_type(ax)}."
        )
    if ax is None:
        fig, ax = _new_figure(len(frame))
    else:
        fig = ax.figure
    _draw_timeline(ax, frame, highlight)
    return fig


def timeline_alt_text(events: pd.DataFrame | None = None) -> str:
    """A description of :func:`timeline_figure` for screen readers, built from the data.

    Example:
        >>> timeline_alt_text().startswith(f"Timeline of {len(load_events())} events")
        True
    """
    frame = load_events(events)
    first, last = frame.iloc[0], frame.iloc[-1]
    parts = [
        f"Timeline of {len(frame)} events in the Sino-Soviet and Sino-Russian border negotiations, "
        f"from {format_date(first['date'], first['date_precision'])} ({first['title']}) "
        f"to {format_date(last['date'], last['date_precision'])} ({last['title']}).",
        "Events are drawn one per row in date order on a horizontal time axis, "
        "marked by kind with colour and shape: " + ", ".join(s["label"].lower() for s in KIND_STYLE.values()) + ".",
    ]
    if len(frame) > 1:
        gaps = frame["date"].diff()
        after = int(gaps.idxmax())
        before = frame.iloc[after - 1]
        parts.append(
            f"The longest gap, about {gaps.max().days / 365.25:.0f} years, separates "
            f"'{before['title']}' ({before['date'].year}) from '{frame.iloc[after]['title']}' "
            f"({frame.iloc[after]['date'].year})."
        )
    vague = frame[frame["date_precision"] != "day"]
    if len(vague):
        items = [f"{row['title']} ({format_date(row['date'], row['date_precision'])}, "
                 f"known only to the {row['date_precision']})" for _, row in vague.iterrows()]
        parts.append(
            "Events whose date is known only to the month or the year are hollow markers in the middle of "
            "that period, inside a shaded box spanning it: " + "; ".join(items) + "."
        )
    for _, row in frame[frame["verdict"] == "wrong"].iterrows():
        said = f"the article dates it {row['article_date']}, but" if row["article_date"] else "the article dates it wrongly:"
        parts.append(
            f"{row['title']} is ringed: {said} it happened {date_phrase(row['date'], row['date_precision'])}."
        )
    return " ".join(parts)


# ---------------------------------------------------------------------------- card
def event_card_html(event: pd.Series | pd.DataFrame | str, sources: pd.DataFrame | None = None) -> str:
    """An HTML card explaining one event: what happened, the article's dating, the source.

    ``event`` is one row of the timeline (a Series), a one-row DataFrame, or an event id.
    The card uses no heading element (it sits inside the chapter's own headings) and no
    text colour of its own: text inherits the page's colour, so it reads in light and
    dark mode; the kind of event shows as the colour of the left border and in words.

    Example:
        >>> events = load_events()
        >>> "June 2004" in event_card_html(events[events["id"] == "supplementary_2004"].iloc[0])
        True
        >>> event_card_html(42)
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseTypeError: event must be one row of the timeline (a pandas Series) or an event id, not the number 42.
    """
    if isinstance(event, str):
        frame = load_events()
        if event not in set(frame["id"]):
            raise _unknown_event(event, frame["id"].tolist())
        event = frame.loc[frame["id"] == event].iloc[0]
    elif isinstance(event, pd.DataFrame):
        if len(event) != 1:
            raise CourseInputError(
                f"event must be one row of the timeline, but the table given has {len(event)} rows: "
                "pick one, e.g. timeline.set_index('id', drop=False).loc['treaty_2001']."
            )
        event = event.iloc[0]
    elif not isinstance(event, pd.Series):
        raise CourseTypeError(
            f"event must be one row of the timeline (a pandas Series) or an event id, not {describe_type(event)}."
        )
    if "id" not in event.index and event.name is not None:
        event = pd.concat([pd.Series({"id": event.name}), event])
    missing = [c for c in ("date", "date_precision", "kind", "title", "verdict") if c not in event.index]
    if missing:
        raise CourseInputError(
            f"The event has no {', '.join(repr(c) for c in missing)}: give a whole row of "
            "load_table('border_timeline')."
        )
    event = load_events(pd.DataFrame([event.to_dict()])).iloc[0]  # checks and normalises the row
    if sources is None:
        sources = load_table("sources")
    elif not isinstance(sources, pd.DataFrame) or not {"id", "citation"} <= set(sources.columns):
        raise CourseTypeError(
            f"sources must be a table with the columns id and citation (load_table('sources')), not {describe_type(sources)}."
        )
    citation = sources.loc[sources["id"] == event["source_id"], "citation"]
    cite = _text(citation.iloc[0]) if len(citation) else event["source_id"]
    when = format_date(event["date"], event["date_precision"])
    said = (
        f"The article says: <b>{html.escape(event['article_date'])}</b>. "
        if event["article_date"] else ""
    )
    style = KIND_STYLE[event["kind"]]
    precision = precision_note(event["date_precision"])
    confidence = f" (confidence in the checked date: {html.escape(event['confidence'])})" if event["confidence"] else ""
    p = 'style="margin:0.3em 0;color:inherit"'
    return (
        f'<div role="group" aria-label="{html.escape(when + ": " + event["title"], quote=True)}" '
        f'style="border-left:6px solid {style["color"]};padding:0.4em 0.8em;max-width:46em;color:inherit">'
        f'<p style="margin:0.2em 0;font-size:1.1em;color:inherit"><strong>{html.escape(when)}: '
        f"{html.escape(event['title'])}</strong></p>"
        + (f"<p {p}><i>{precision}</i></p>" if precision else "")
        + f"<p {p}><i>{style['label']}.</i> {html.escape(event['summary'])}</p>"
        f"<p {p}>{said}{VERDICT_TEXT[event['verdict']]}{confidence}</p>"
        f'<p style="margin:0.3em 0;font-size:90%;color:inherit">Source: {html.escape(cite)}</p></div>'
    )


# ------------------------------------------------------------------------ explorer
class EventCards:
    """Several event cards shown together, read from ``data/`` by id (never from a learner's variable).

    Example:
        >>> cards = event_cards(["protocol_2008", "handover_2008"])
        >>> "Yinlong" in cards._repr_html_()
        True
    """

    def __init__(self, event_ids: list[str]) -> None:
        self.event_ids = list(event_ids)
        self.html = "\n".join(event_card_html(event_id) for event_id in self.event_ids)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"{len(self.event_ids)} event cards: {', '.join(self.event_ids)}"


def event_cards(event_ids: list[str] | tuple[str, ...]) -> EventCards:
    """Cards for the given event ids, in the order given, for a chapter's hidden cell.

    Example:
        >>> event_cards(["treaty_2001"])
        1 event cards: treaty_2001
    """
    if isinstance(event_ids, str) or not isinstance(event_ids, (list, tuple)):
        raise CourseTypeError(f"event_ids must be a list of event ids, not {describe_type(event_ids)}.")
    return EventCards(list(event_ids))


class _FastTimeline:
    """The explorer's figure, drawn once; a change of event redraws only that event.

    The whole timeline is drawn once with every event faded and kept as a pixel
    background. Showing an event restores that background and draws the event's own
    artists (large marker, ring, period box, bold label on a white box) over it, then
    encodes the pixels as PNG: no layout, no redraw of the other rows.

    Construction is kept cheap: the layout is computed without rendering any pixels
    (for bold labels, so that a highlighted label fits), the faded background is
    rendered once, and an event's own artists are made the first time it is shown.
    """

    def __init__(self, frame: pd.DataFrame, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.frame = frame
        self.fig, self.ax = _new_figure(len(frame))
        self.fig.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.rows = _draw_timeline(self.ax, frame, _FADED)
        labels = [t for t in self.ax.texts if str(t.get_gid()).startswith("label:")]
        for text in labels:  # lay out for the widest (bold) labels, so a highlighted one fits
            text.set_fontweight("bold")
        # the constrained layout, fixed once: what a first draw would do, without its pixels
        self.fig.get_layout_engine().execute(self.fig)
        self.fig.set_layout_engine("none")
        for text in labels:
            text.set_fontweight("normal")
        self._cache: dict[str, bytes] = {}
        self._focus: dict[str, list[Any]] = {}
        self.background: Any = None

    def focus(self, event_id: str) -> list[Any]:
        """The artists that highlight one event (animated: drawn only over the background)."""
        if event_id not in self._focus:
            i = int(self.frame.index[self.frame["id"] == event_id][0])
            self._focus[event_id] = _draw_event(self.ax, self.frame.iloc[i], self.rows[i], "focus", animated=True)
        return self._focus[event_id]

    def png(self, event_id: str) -> bytes:
        """The figure with ``event_id`` highlighted, as PNG bytes (rendered once per event)."""
        if event_id not in self._cache:
            self._cache[event_id] = self._render(event_id)
        return self._cache[event_id]

    def _render(self, event_id: str) -> bytes:
        artists = self.focus(event_id)
        if self.background is None:  # the faded timeline, rendered once
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in artists:
            artist.draw(renderer)
        return canvas_png(self.canvas)


class TimelineExplorer(Explorer):
    """An ipywidgets explorer: a slider through the events, a figure and an explanation.

    ``select(event_id)`` moves the slider programmatically; moving the slider by hand
    does the same. Both update ``card`` (HTML) and ``image`` (the PNG of the figure with
    that event highlighted) before they return. ``redraws`` counts the figure's
    renderings and ``png`` is the current PNG, so a benchmark can time a move as: note
    ``redraws``, set ``slider.value``, and stop the clock when ``redraws`` has grown.

    Example:
        >>> explorer = TimelineExplorer()
        >>> explorer.select("handover_2008")
        >>> "174" in explorer.card.value
        True
        >>> explorer.png.startswith(b"\\x89PNG")
        True
    """

    def __init__(self, events: pd.DataFrame | None = None) -> None:
        import ipywidgets as widgets

        self.events = load_events(events)
        self.sources = load_table("sources")
        self.redraws = 0
        self._cards: dict[str, str] = {}
        self._figure = _FastTimeline(self.events)
        options = list(zip(self.events["label"], self.events["id"]))
        self.slider = widgets.SelectionSlider(
            options=options, value=options[0][1], description="Event",
            continuous_update=False, readout=True,
            layout=widgets.Layout(width="95%"), style={"description_width": "initial"},
        )
        self.card = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([self.slider, self.card, self.image])
        self.slider.observe(self._on_change, names="value")
        self._show(self.slider.value)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show(change["new"])

    def _show(self, event_id: str) -> None:
        if event_id not in self._cards:
            event = self.events[self.events["id"] == event_id].iloc[0]
            self._cards[event_id] = event_card_html(event, self.sources)
        self.card.value = self._cards[event_id]
        self.image.value = self._figure.png(event_id)
        self.redraws += 1

    def select(self, event_id: str) -> None:
        """Show one event, as if the learner had moved the slider to it."""
        ids = self.events["id"].tolist()
        if not isinstance(event_id, str) or event_id not in set(ids):
            raise _unknown_event(event_id, ids)
        if self.slider.value == event_id:
            self._show(event_id)
        else:
            self.slider.value = event_id
