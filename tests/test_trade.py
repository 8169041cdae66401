"""Tests for zhao_course.trade: the series, the targets, the figure, the alt text and the explorer."""
from __future__ import annotations

import statistics
import time

import pytest

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError
from zhao_course.trade import (
    TradeExplorer,
    explanation_html,
    first_year_met,
    gas_share_of_trade,
    load_targets,
    load_trade,
    shortfall,
    trade_alt_text,
    trade_figure,
    trade_in,
)


def test_one_row_per_year_for_china_and_each_row_sourced() -> None:
    table = load_table("china_russia_trade")
    china = table[table["reporter"] == "china_customs"]
    assert china["year"].tolist() == list(range(2010, 2025))
    assert (table["source_id"] != "").all()
    assert set(table.loc[table["confidence"] != "high", "year"]) == {2011, 2012, 2015, 2018}


def test_ids_name_reporter_and_year() -> None:
    table = load_table("china_russia_trade")
    for _, row in table.iterrows():
        assert row["id"] == f"{row['reporter'].split('_')[0]}_{row['year']}"


def test_russian_figures_differ_where_shown() -> None:
    russian = load_trade("russia_customs")
    assert list(russian.index) == [2010, 2018]
    for year, value in russian.items():
        assert value != trade_in(year)


def test_the_2013_figure_matches_the_claims_table_elsewhere() -> None:
    claims = load_table("article_claims").set_index("id")
    if "trade_2013" in claims.index and claims.loc["trade_2013", "checked_value"] == claims.loc["trade_2013", "checked_value"]:
        assert claims.loc["trade_2013", "checked_value"] == pytest.approx(trade_in(2013))


def test_targets_official_and_article() -> None:
    targets = load_targets().set_index("id")
    assert targets.loc["official_2015", ["target_usd_bn", "by_year"]].tolist() == [100, 2015]
    assert targets.loc["official_2020", ["target_usd_bn", "by_year"]].tolist() == [200, 2020]
    assert targets.loc["official_2024", ["target_usd_bn", "by_year"]].tolist() == [200, 2024]
    assert targets.loc["article_2014", ["target_usd_bn", "by_year"]].tolist() == [150, 2014]
    claims = load_table("article_claims").set_index("id")
    assert claims.loc["trade_target_2014", "article_value"] == targets.loc["article_2014", "target_usd_bn"]
    assert claims.loc["trade_target_2014", "checked_value"] == targets.loc["official_2015", "target_usd_bn"]


def test_computed_answers() -> None:
    assert first_year_met("official_2015") == 2018
    assert first_year_met("official_2020") == 2023
    assert first_year_met("official_2024") == 2023
    assert first_year_met("article_2014") == 2022
    assert shortfall("official_2015") == pytest.approx(32.0)
    assert shortfall("article_2014") == pytest.approx(54.72)
    assert gas_share_of_trade(2013) == pytest.approx(100 * 400 / 30 / 89.21)


@pytest.mark.parametrize("bad", [None, 2015, "official-2015", ["official_2015"]])
def test_unknown_target_gets_a_sentence(bad: object) -> None:
    with pytest.raises(CourseInputError) as err:
        shortfall(bad)  # type: ignore[arg-type]
    assert "official_2015" in str(err.value)


@pytest.mark.parametrize("bad", [True, "2013", 2013.5, 1999])
def test_bad_year_gets_a_sentence(bad: object) -> None:
    with pytest.raises((CourseInputError, CourseTypeError)):
        trade_in(bad)  # type: ignore[arg-type]


def test_figure_draws_every_target_and_the_series() -> None:
    fig = trade_figure()
    gids = {str(a.get_gid()) for a in fig.axes[0].get_children()}
    for target_id in load_targets()["id"]:
        assert f"target:{target_id}" in gids
    assert {"series", "russian"} <= gids


def test_alt_text_is_built_from_the_data() -> None:
    text = trade_alt_text()
    assert len(text) > 80
    for figure in ("55.45", "244.81", "59.34", "108.3", "first reached in 2018", "first reached in 2023"):
        assert figure in text


def test_explanation_names_the_gap_and_the_year_met() -> None:
    text = explanation_html("official_2015", 2015)
    assert "32.0 bn short" in text and "2018" in text and "not high confidence" in text
    assert "above" in explanation_html("official_2024", 2024)


def test_every_control_change_changes_both_image_and_text() -> None:
    explorer = TradeExplorer()
    before = (explorer.png, explorer.text.value)
    explorer.slider.value = explorer.slider.value + 1
    after_year = (explorer.png, explorer.text.value)
    assert after_year[0] != before[0] and after_year[1] != before[1]
    options = [value for _, value in explorer.dropdown.options]
    for option in options[1:]:  # including the article's 2020 target, which lies on the official one
        previous = (explorer.png, explorer.text.value)
        explorer.dropdown.value = option
        assert explorer.png != previous[0] and explorer.text.value != previous[1], option
    assert explorer.redraws == 1 + 1 + len(options) - 1


def test_show_moves_the_controls_and_rejects_bad_input() -> None:
    explorer = TradeExplorer()
    explorer.show("official_2020", 2020)
    assert explorer.dropdown.value == "official_2020" and explorer.slider.value == 2020
    assert "92.2 bn short" in explorer.text.value
    with pytest.raises(CourseInputError):
        explorer.show("official_2020", 1999)
    with pytest.raises(CourseInputError):
        explorer.show("nonsense", 2020)


def test_redraw_is_fast() -> None:
    """Median redraw of a new (target, year) picture; the goal is 100 ms, the test allows slack."""
    explorer = TradeExplorer()
    times = []
    for year in range(2010, 2025):
        if year == explorer.slider.value:
            continue
        start = time.perf_counter()
        explorer.slider.value = year
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.3
