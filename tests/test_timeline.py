"""The timeline figure, its alt text, the event card and the interactive explorer."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from zhao_course.data import load_table, table_schema
from zhao_course.errors import CourseInputError, CourseTypeError
from zhao_course.timeline import (
    KIND_STYLE,
    PRECISION_LEGEND,
    WRONG_LEGEND,
    TimelineExplorer,
    _period,
    _position,
    event_card_html,
    load_events,
    timeline_alt_text,
    timeline_figure,
)


def _by_gid(fig, prefix: str) -> dict[str, object]:
    ax = fig.axes[0]
    artists = list(ax.collections) + list(ax.texts) + list(ax.patches)
    return {str(a.get_gid()).split(":", 1)[1]: a for a in artists if str(a.get_gid()).startswith(prefix + ":")}


def _events_with(event_id: str, **changes) -> pd.DataFrame:
    frame = load_events().drop(columns="label")
    for column, value in changes.items():
        if isinstance(value, str):
            frame[column] = frame[column].astype(object)
        frame.loc[frame["id"] == event_id, column] = value
    return frame


def test_every_kind_in_the_schema_has_a_style() -> None:
    field = next(f for f in table_schema("border_timeline")["schema"]["fields"] if f["name"] == "kind")
    assert set(field["constraints"]["enum"]) <= set(KIND_STYLE)


def test_static_figure_labels_every_event_with_its_date() -> None:
    events = load_events()
    fig = timeline_figure()
    texts = [" ".join(t.get_text().split()) for t in fig.axes[0].texts]
    assert len(texts) == len(events)
    assert texts[0].startswith("February 1964")
    assert any(t.startswith("14 October 2004") and "(article: June 2004)" in t for t in texts)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert {"Talks", "Armed clash", "Agreement", "Treaty", "Handover", WRONG_LEGEND} <= set(legend)
    assert WRONG_LEGEND == "Ringed: the article dates this wrongly"


def test_events_the_article_dates_wrongly_are_ringed() -> None:
    events = load_events()
    wrong = events[events["verdict"] == "wrong"]
    assert len(wrong) >= 1
    fig = timeline_figure()
    rings = _by_gid(fig, "ring")
    assert set(rings) == set(wrong["id"])
    markers = _by_gid(fig, "marker")
    for event_id, ring in rings.items():
        assert tuple(ring.get_offsets()[0]) == tuple(markers[event_id].get_offsets()[0])


@pytest.mark.parametrize("precision", ["year", "month"])
def test_a_vague_date_is_not_drawn_as_its_first_day(precision: str) -> None:
    frame = _events_with("treaty_2001", date=pd.Timestamp("2001-01-01"), date_precision=precision)
    fig = timeline_figure(frame)
    x = float(_by_gid(fig, "marker")["treaty_2001"].get_offsets()[0][0])
    start, end = (2001.0, 2002.0) if precision == "year" else (2001.0, 2001 + 31 / 365)
    assert start < x < end and x == pytest.approx((start + end) / 2)  # the middle, not 1 January
    box = _by_gid(fig, "period")["treaty_2001"]
    assert isinstance(box, Rectangle)
    assert box.get_x() == pytest.approx(start) and box.get_x() + box.get_width() == pytest.approx(end)
    marker = _by_gid(fig, "marker")["treaty_2001"]
    assert tuple(marker.get_facecolors()[0][:3]) == (1.0, 1.0, 1.0)  # hollow
    label = _by_gid(fig, "label")["treaty_2001"].get_text()
    assert label.startswith("2001 (year only):" if precision == "year" else "January 2001:")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert PRECISION_LEGEND in legend


def test_an_exact_day_is_a_filled_marker_without_a_box() -> None:
    frame = _events_with("treaty_2001")
    fig = timeline_figure(frame)
    assert "treaty_2001" not in _by_gid(fig, "period")
    marker = _by_gid(fig, "marker")["treaty_2001"]
    assert tuple(marker.get_facecolors()[0][:3]) != (1.0, 1.0, 1.0)
    assert float(marker.get_offsets()[0][0]) == pytest.approx(2001 + 196 / 365)


def test_period_helpers() -> None:
    assert _period(pd.Timestamp("1978-01-01"), "year") == (1978.0, 1979.0)
    assert _position(pd.Timestamp("1978-01-01"), "year") == 1978.5
    start, end = _period(pd.Timestamp("1964-02-01"), "month")
    assert start == pytest.approx(1964 + 31 / 366) and end == pytest.approx(1964 + 60 / 366)


def test_highlight_makes_one_label_bold() -> None:
    fig = timeline_figure(highlight="treaty_2001")
    bold = [" ".join(t.get_text().split()) for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert len(bold) == 1 and bold[0].startswith("16 July 2001: Treaty of Good-Neighbourliness")


def test_alt_text_is_built_from_the_data() -> None:
    text = timeline_alt_text()
    events = load_events()
    assert text.startswith(f"Timeline of {len(load_table('border_timeline'))} events")
    assert "February 1964" in text and "14 October 2008" in text
    assert "the article dates it June 2004, but it happened on 14 October 2004" in text
    for _, row in events[events["date_precision"] == "year"].iterrows():
        assert f"known only to the year" in text and row["title"] in text
    # a year-only event the article dates wrongly reads "in <year>", never "on 1 January"
    frame = _events_with("supplementary_2004", date=pd.Timestamp("2004-01-01"), date_precision="year")
    changed = timeline_alt_text(frame)
    assert "it happened in 2004" in changed and "1 January 2004" not in changed


def test_event_card_shows_article_dating_verdict_and_source() -> None:
    event = load_events().set_index("id", drop=False).loc["supplementary_2004"]
    card = event_card_html(event)
    assert "The article says: <b>June 2004</b>" in card
    assert "wrong" in card
    assert "China.org.cn" in card
    assert event_card_html("supplementary_2004") == card


def test_event_card_is_accessible_in_light_and_dark_mode() -> None:
    for event_id in load_events()["id"]:
        card = event_card_html(event_id)
        assert not re.search(r"<h[1-6]", card), "a card must not add headings to the page's outline"
        assert 'role="group"' in card and "aria-label=" in card
        colours = re.findall(r"(?<![-\w])color:\s*([^;\"]+)", card)
        assert colours and all(c.strip() == "inherit" for c in colours), colours


def test_event_card_says_when_a_date_is_known_only_to_the_year() -> None:
    frame = _events_with("treaty_2001", date=pd.Timestamp("2001-01-01"), date_precision="year")
    event = load_events(frame).set_index("id", drop=False).loc["treaty_2001"]
    card = event_card_html(event)
    assert "Dated to the year" in card and "1 January" not in card
    day = event_card_html("treaty_2001")
    assert "Dated to the" not in day


def test_explorer_updates_card_and_figure_when_an_event_is_chosen() -> None:
    explorer = TimelineExplorer()
    assert "February 1964" in explorer.card.value
    first_image = explorer.png
    assert first_image.startswith(b"\x89PNG")
    count = explorer.redraws
    explorer.select("handover_2008")
    assert explorer.png.startswith(b"\x89PNG") and explorer.png != first_image
    assert explorer.redraws == count + 1
    assert explorer.slider.value == "handover_2008"
    assert "174 km²" in explorer.card.value
    explorer.slider.value = "zhenbao_1969_first"  # as if the learner moved the slider
    assert "Zhenbao" in explorer.card.value and explorer.redraws == count + 2
    explorer.slider.value = events_first = load_events()["id"].iloc[0]
    assert explorer.png == first_image and events_first in explorer.slider.value


def test_explorer_image_highlights_the_chosen_row() -> None:
    """The pixels that change between two events are in their two rows, not elsewhere."""
    import io

    import numpy as np
    from PIL import Image

    explorer = TimelineExplorer()
    ids = explorer.events["id"].tolist()
    explorer.select(ids[0])
    a = np.asarray(Image.open(io.BytesIO(explorer.png)).convert("RGB"), dtype=int)
    explorer.select(ids[-1])
    b = np.asarray(Image.open(io.BytesIO(explorer.png)).convert("RGB"), dtype=int)
    # (the PNG has an adaptive 255-colour palette: unchanged pixels may shift by a shade or two)
    changed_rows = np.flatnonzero((np.abs(a - b).sum(axis=2) > 45).any(axis=1))
    height = a.shape[0]
    assert changed_rows.min() < height * 0.2 and changed_rows.max() > height * 0.7  # first and last rows
    middle = (changed_rows > height * 0.3) & (changed_rows < height * 0.6)
    assert not middle.any(), "rows of events that were not chosen changed"


# ------------------------------------------------------------------- bad arguments
@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: timeline_figure(events=[1, 2]), CourseTypeError, "events must be a pandas DataFrame"),
        (lambda: timeline_figure(events=load_events().iloc[0:0]), CourseInputError, "empty"),
        (lambda: timeline_figure(events=load_events().drop(columns="kind")), CourseInputError, "no column 'kind'"),
        (lambda: timeline_figure(highlight="treaty_2002"), CourseInputError, "Did you mean 'treaty_2001'"),
        (lambda: timeline_figure(highlight=2001), CourseTypeError, "not the number 2001"),
        (lambda: timeline_figure(ax="left"), CourseTypeError, "ax must be a matplotlib Axes"),
        (lambda: timeline_figure(_events_with("treaty_2001", date_precision="decade")), CourseInputError, "date_precision 'decade'"),
        (lambda: timeline_figure(_events_with("treaty_2001", kind="party")), CourseInputError, "kind 'party'"),
        (lambda: timeline_figure(_events_with("treaty_2001", date="soon")), CourseInputError, "no readable date"),
        (lambda: timeline_alt_text("border_timeline"), CourseTypeError, "not the text"),
        (lambda: TimelineExplorer(events={"id": []}), CourseTypeError, "not a dict"),
        (lambda: TimelineExplorer().select("nope"), CourseInputError, "There is no event 'nope'"),
        (lambda: TimelineExplorer().select(None), CourseTypeError, "not None"),
        (lambda: event_card_html(42), CourseTypeError, "not the number 42"),
        (lambda: event_card_html(load_events()), CourseInputError, "rows"),
        (lambda: event_card_html(load_events().iloc[0].drop("title")), CourseInputError, "'title'"),
        (lambda: event_card_html("treaty_2002"), CourseInputError, "Did you mean"),
        (lambda: event_card_html("treaty_2001", sources=["x"]), CourseTypeError, "sources must be a table"),
    ],
)
def test_bad_arguments_get_one_sentence(call, error, words: str) -> None:
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert words in message
    assert message.endswith((".", "?")) and "\n" not in message and len(message) < 600
    assert isinstance(info.value, (ValueError, TypeError))
    assert info.value._render_traceback_() == [f"{type(info.value).__name__}: {message}"]


def test_a_table_indexed_by_id_is_accepted() -> None:
    fig = timeline_figure(load_table("border_timeline").set_index("id"))
    assert len(fig.axes[0].texts) == len(load_events())


def test_explorer_image_of_an_event_does_not_depend_on_the_events_shown_before() -> None:
    ids = load_events()["id"].tolist()
    direct = TimelineExplorer()
    direct.select(ids[5])
    after_others = TimelineExplorer()
    for event_id in (ids[-1], ids[2], ids[5]):
        after_others.select(event_id)
    assert after_others.png == direct.png
    after_others.select(ids[0])
    assert after_others.png == TimelineExplorer().png  # the first event, as a new explorer shows it


def test_importing_the_module_leaves_matplotlib_for_the_first_figure() -> None:
    """The alt text and the event cards need no matplotlib; it is imported on the first figure."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, zhao_course.timeline as t; t.timeline_alt_text(); t.event_card_html('treaty_2001'); "
            "print('matplotlib' in sys.modules)")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"
