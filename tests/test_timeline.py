"""The timeline figure, its alt text and the interactive explorer."""
from __future__ import annotations

import pytest

from zhao_course.data import load_table
from zhao_course.timeline import TimelineExplorer, event_card_html, load_events, timeline_alt_text, timeline_figure


def test_static_figure_labels_every_event_with_its_date() -> None:
    events = load_events()
    fig = timeline_figure()
    texts = [" ".join(t.get_text().split()) for t in fig.axes[0].texts]
    assert len(texts) == len(events)
    assert texts[0].startswith("February 1964")
    assert any(t.startswith("14 October 2004") and "(article: June 2004)" in t for t in texts)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert {"Talks", "Armed clash", "Agreement", "Treaty", "Handover", "Article's date wrong"} <= set(legend)


def test_events_the_article_dates_wrongly_are_ringed() -> None:
    events = load_events()
    wrong = events[events["verdict"] == "wrong"]
    assert len(wrong) >= 1
    fig = timeline_figure()
    ax = fig.axes[0]
    rings = [c for c in ax.collections if len(c.get_facecolors()) == 0 or c.get_facecolors()[0][3] == 0]
    assert len(rings) == len(wrong)
    ring_years = sorted(round(c.get_offsets()[0][0]) for c in rings)
    assert ring_years == sorted(round(d.year + (d.day_of_year - 1) / 365.25) for d in wrong["date"])


def test_highlight_makes_one_label_bold() -> None:
    fig = timeline_figure(highlight="treaty_2001")
    bold = [" ".join(t.get_text().split()) for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert bold == ["16 July 2001: Treaty of Good-Neighbourliness and Friendly Cooperation"]


def test_unknown_highlight_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="There is no event 'treaty_2002'"):
        timeline_figure(highlight="treaty_2002")


def test_alt_text_is_built_from_the_data() -> None:
    text = timeline_alt_text()
    assert text.startswith(f"Timeline of {len(load_table('border_timeline'))} events")
    assert "February 1964" in text and "14 October 2008" in text
    assert "the article dates it June 2004, but it happened on 14 October 2004" in text


def test_event_card_shows_article_dating_verdict_and_source() -> None:
    event = load_events().set_index("id", drop=False).loc["supplementary_2004"]
    card = event_card_html(event)
    assert "The article says: <b>June 2004</b>" in card
    assert "wrong" in card
    assert "China.org.cn" in card


def test_explorer_updates_card_when_an_event_is_chosen() -> None:
    explorer = TimelineExplorer()
    assert "February 1964" in explorer.card.value
    first_image = bytes(explorer.image.value)
    assert first_image.startswith(b"\x89PNG")
    explorer.select("handover_2008")
    assert bytes(explorer.image.value).startswith(b"\x89PNG") and bytes(explorer.image.value) != first_image
    assert explorer.slider.value == "handover_2008"
    assert "174 km²" in explorer.card.value
    explorer.slider.value = "zhenbao_1969_first"  # as if the learner moved the slider
    assert "Zhenbao" in explorer.card.value


def test_explorer_refuses_unknown_event() -> None:
    with pytest.raises(ValueError, match="There is no event 'nope'"):
        TimelineExplorer().select("nope")
