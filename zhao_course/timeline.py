"""The border-negotiations timeline: a static figure and an interactive explorer.

Both read ``data/border_timeline.csv`` (through :func:`zhao_course.data.load_table`):
the static figure serves the published site and print, the explorer serves a learner
in JupyterLab. Choosing an event in the explorer highlights it in the figure and shows
what happened, how the article dates it, and the source of the checked date.

Example:
    >>> from zhao_course.timeline import timeline_figure
    >>> fig = timeline_figure(highlight="treaty_2001")
    >>> fig.axes[0].get_title(loc="left")
    'Border talks and agreements, 1964–2008'
"""
from __future__ import annotations

import html
import io
import textwrap
from typing import Any

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
import pandas as pd
from matplotlib.figure import Figure

from zhao_course.data import load_table
from zhao_course.style import OKABE_ITO, format_date

KIND_STYLE: dict[str, dict[str, Any]] = {
    "talks": {"color": OKABE_ITO["blue"], "marker": "o", "label": "Talks"},
    "clash": {"color": OKABE_ITO["vermillion"], "marker": "X", "label": "Armed clash"},
    "agreement": {"color": OKABE_ITO["green"], "marker": "s", "label": "Agreement"},
    "treaty": {"color": OKABE_ITO["purple"], "marker": "D", "label": "Treaty"},
    "handover": {"color": OKABE_ITO["orange"], "marker": "^", "label": "Handover"},
}

VERDICT_TEXT: dict[str, str] = {
    "accurate": "The article's dating agrees with the checked record.",
    "approximate": "The article's dating is close but not exact.",
    "wrong": "The article's dating is wrong.",
    "not_in_article": "The article does not mention this event.",
    "not_verified": "The course has not checked this against an outside source: treat it as 'the article states'.",
}

TITLE = "Border talks and agreements, 1964–2008"


def load_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline in date order, with a ``label`` column for menus.

    Example:
        >>> load_events()["label"].iloc[0]
        '1964 · First border talks open in Beijing'
    """
    frame = load_table("border_timeline") if events is None else events.copy()
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    frame["label"] = [f"{d.year} · {t}" for d, t in zip(frame["date"], frame["title"])]
    return frame


def _year_fraction(stamp: pd.Timestamp) -> float:
    return stamp.year + (stamp.day_of_year - 1) / 365.25


def timeline_figure(
    events: pd.DataFrame | None = None, highlight: str | None = None, ax: Axes | None = None
) -> Figure:
    """Draw every event on one time axis, one row per event, in date order.

    Markers show the kind of event by colour *and* shape; an event the article dates
    wrongly is ringed and its label says so. ``highlight`` (an event id) draws that
    event large and fades the others.

    Example:
        >>> fig = timeline_figure()
        >>> len(fig.axes[0].texts) == len(load_events())
        True
    """
    frame = load_events(events)
    if highlight is not None and highlight not in set(frame["id"]):
        raise ValueError(f"There is no event {highlight!r} in the timeline.")
    if ax is None:
        # a Figure outside pyplot: shown once by the notebook, never left open in pyplot
        fig = Figure(figsize=(9, 0.5 * len(frame) + 1.4), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    rows = list(range(len(frame)))[::-1]  # first event on top
    years = [_year_fraction(d) for d in frame["date"]]
    ax.plot(years, rows, color=OKABE_ITO["grey"], linewidth=0.8, zorder=1)
    for (_, event), x, y in zip(frame.iterrows(), years, rows):
        style = KIND_STYLE[event["kind"]]
        focus = highlight is None or event["id"] == highlight
        ax.scatter(
            x, y, s=160 if highlight == event["id"] else 70, marker=style["marker"],
            color=style["color"], alpha=1.0 if focus else 0.25, zorder=3, edgecolors="white",
        )
        if event["verdict"] == "wrong":
            ax.scatter(x, y, s=420, facecolors="none", edgecolors=OKABE_ITO["black"],
                       linewidths=1.2, zorder=2, alpha=1.0 if focus else 0.4)
        title = event["title"]
        if event["verdict"] == "wrong":
            title += f" (article: {event['article_date']})"
        label = f"{format_date(event['date'], event['date_precision'])}: " + "\n".join(
            textwrap.wrap(title, width=44, max_lines=2, placeholder="…")
        )
        ax.text(
            1.01, y, label, transform=ax.get_yaxis_transform(), va="center", fontsize=9.5, linespacing=1.0,
            fontweight="bold" if highlight == event["id"] else "normal",
            color=OKABE_ITO["black"] if focus else OKABE_ITO["grey"],
        )
    ax.set_xlim(1962, 2010)
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
                              markeredgecolor=OKABE_ITO["black"], label="Article's date wrong"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    return fig


def timeline_alt_text(events: pd.DataFrame | None = None) -> str:
    """A description of :func:`timeline_figure` for screen readers, built from the data.

    Example:
        >>> timeline_alt_text().startswith("Timeline of 17 events")
        True
    """
    frame = load_events(events)
    first, last = frame.iloc[0], frame.iloc[-1]
    wrong = frame[frame["verdict"] == "wrong"]
    gaps = frame["date"].diff()
    after = int(gaps.idxmax())
    before = frame.iloc[after - 1]
    parts = [
        f"Timeline of {len(frame)} events in the Sino-Soviet and Sino-Russian border negotiations, "
        f"from {format_date(first['date'], first['date_precision'])} ({first['title']}) "
        f"to {format_date(last['date'], last['date_precision'])} ({last['title']}).",
        "Events are drawn one per row in date order on a horizontal time axis, "
        "marked by kind: talks, armed clashes, agreements, the treaty and the handover.",
        f"The longest gap, about {gaps.max().days / 365.25:.0f} years, separates "
        f"'{before['title']}' ({before['date'].year}) from '{frame.iloc[after]['title']}' "
        f"({frame.iloc[after]['date'].year}).",
    ]
    for _, row in wrong.iterrows():
        parts.append(
            f"{row['title']} is ringed: the article dates it {row['article_date']}, "
            f"but it happened on {format_date(row['date'], row['date_precision'])}."
        )
    return " ".join(parts)


def event_card_html(event: pd.Series, sources: pd.DataFrame | None = None) -> str:
    """An HTML card explaining one event: what happened, the article's dating, the source.

    Example:
        >>> events = load_events()
        >>> "June 2004" in event_card_html(events[events["id"] == "supplementary_2004"].iloc[0])
        True
    """
    sources = load_table("sources") if sources is None else sources
    citation = sources.loc[sources["id"] == event["source_id"], "citation"]
    cite = citation.iloc[0] if len(citation) else event["source_id"]
    said = (
        f"The article says: <b>{html.escape(event['article_date'])}</b>. "
        if event["article_date"] else ""
    )
    style = KIND_STYLE[event["kind"]]
    return (
        f'<div style="border-left:6px solid {style["color"]};padding:0.4em 0.8em;max-width:46em">'
        f"<h4 style=\"margin:0.2em 0\">{html.escape(format_date(event['date'], event['date_precision']))}: "
        f"{html.escape(event['title'])}</h4>"
        f"<p style=\"margin:0.3em 0\"><i>{style['label']}.</i> {html.escape(event['summary'])}</p>"
        f"<p style=\"margin:0.3em 0\">{said}{VERDICT_TEXT[event['verdict']]} "
        f"(confidence in the checked date: {event['confidence']})</p>"
        f"<p style=\"margin:0.3em 0;font-size:90%\">Source: {html.escape(cite)}</p></div>"
    )


class TimelineExplorer:
    """An ipywidgets explorer: a slider through the events, a figure and an explanation.

    ``select(event_id)`` moves the slider programmatically (the benchmark and tests
    use it); moving the slider by hand does the same.

    Example:
        >>> explorer = TimelineExplorer()
        >>> explorer.select("handover_2008")
        >>> "174" in explorer.card.value
        True
    """

    def __init__(self, events: pd.DataFrame | None = None) -> None:
        import ipywidgets as widgets

        self.events = load_events(events)
        self.sources = load_table("sources")
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
        event = self.events[self.events["id"] == event_id].iloc[0]
        self.card.value = event_card_html(event, self.sources)
        fig = timeline_figure(self.events, highlight=event_id)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=80)
        self.image.value = buffer.getvalue()

    def select(self, event_id: str) -> None:
        """Show one event, as if the learner had moved the slider to it."""
        if event_id not in set(self.events["id"]):
            raise ValueError(
                f"There is no event {event_id!r}. Choose one of: {', '.join(self.events['id'])}."
            )
        if self.slider.value == event_id:
            self._show(event_id)
        else:
            self.slider.value = event_id

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
