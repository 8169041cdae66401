"""The checks of chapter 9's exercises: right answers accepted however reached, wrong ones never."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from zhao_course import exercises_epilogue as ex
from zhao_course.data import load_table

CHECKS = [ex.check_year_trade_reached_200, ex.check_design_gap_2024, ex.check_central_asia_growth, ex.check_events_order]
HOSTILE = [..., None, "", "   ", "abc", "3 km", float("nan"), math.inf, [1, 2], [], {}, 10**400, True,
           pd.Series([], dtype=float), pd.DataFrame(), np.array([1.0, 2.0]), object(), b"3", "1,2,3"]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=repr)
def test_hostile_answers_get_a_sentence_never_a_traceback(check, answer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        feedback = check(answer)
    assert feedback.correct is False
    assert feedback.message.startswith("Not yet")


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_the_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")


def test_exercise_1_the_first_year_above_the_target() -> None:
    trade = load_table("china_russia_trade").query("reporter == 'china_customs'")
    target = load_table("trade_targets").set_index("id").loc["official_2020", "target_usd_bn"]
    year = int(trade.loc[trade["value_usd_bn"] >= target, "year"].min())
    assert ex.check_year_trade_reached_200(year).correct
    assert ex.check_year_trade_reached_200(str(year)).correct
    assert ex.check_year_trade_reached_200(trade.loc[trade["value_usd_bn"] >= target, "year"].head(1)).correct
    for wrong in (year - 1, year + 1, 2020, year + 0.5):
        assert not ex.check_year_trade_reached_200(wrong).correct
    assert "still below" in ex.check_year_trade_reached_200(year - 1).message


def test_exercise_2_the_gap_in_bcm_not_a_percentage() -> None:
    row = load_table("power_of_siberia").set_index("year").loc[2024]
    gap = row["design_capacity_bcm"] - row["delivered_bcm"]
    assert ex.check_design_gap_2024(gap).correct
    assert ex.check_design_gap_2024(round(gap, 2)).correct
    assert ex.check_design_gap_2024(f"{gap:.2f} bcm").correct
    assert not ex.check_design_gap_2024(round(gap, 1) + 0.1).correct
    assert not ex.check_design_gap_2024(row["delivered_bcm"]).correct
    share = 100 * gap / row["design_capacity_bcm"]
    assert "percentage" in ex.check_design_gap_2024(round(share, 1)).message
    assert not ex.check_design_gap_2024(f"{gap:.2f} km").correct


def test_exercise_3_a_ratio_not_a_percentage() -> None:
    values = load_table("central_asia_trade").set_index("year")["value_usd_bn"]
    ratio = values[2024] / values[2012]
    assert ex.check_central_asia_growth(ratio).correct
    assert ex.check_central_asia_growth(round(ratio, 2)).correct
    assert not ex.check_central_asia_growth(values[2012] / values[2024]).correct
    assert not ex.check_central_asia_growth(values[2024] - values[2012]).correct
    assert "percentage" in ex.check_central_asia_growth(round(100 * (ratio - 1))).message
    assert not ex.check_central_asia_growth(round(ratio, 1)).correct  # 2.1 is not 2.06 to two decimals


def test_exercise_4_order_from_the_tables() -> None:
    bridges = load_table("amur_bridges").set_index("id")["opened"]
    outcomes = load_table("forecasts").set_index("id")["outcome_date"]
    dates = {"A": bridges["tongjiang_rail"], "B": outcomes["gas_contract"],
             "C": bridges["blagoveshchensk_road"], "D": outcomes["sreb_eaeu_cooperation"]}
    order = sorted(dates, key=dates.get)
    assert order == ex.events_in_order()
    assert ex.check_events_order(order).correct
    assert ex.check_events_order([x.lower() for x in order]).correct
    assert not ex.check_events_order(list(reversed(order))).correct
    assert not ex.check_events_order(order[:-1]).correct
    assert not ex.check_events_order(set(order)).correct
    assert "letter" not in ex.events_to_order().columns.drop("letter")
    assert "date" not in " ".join(ex.events_to_order().columns)


def test_a_year_is_never_shown_with_a_thousands_separator() -> None:
    from zhao_course.exercises_epilogue import check_year_trade_reached_200

    for year in (2024, 2025, 1990):
        message = check_year_trade_reached_200(year).message
        assert message.startswith("Not yet") and f"{year:,}" not in message


def test_the_order_may_be_written_as_one_string() -> None:
    from zhao_course.exercises_epilogue import check_events_order, events_in_order

    right = events_in_order()
    assert check_events_order("".join(right)).correct
    assert check_events_order(", ".join(right)).correct
    assert not check_events_order("".join(reversed(right))).correct
    assert "list" in check_events_order(...).message
