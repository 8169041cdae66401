"""Chapter 4's exercise checks: right answers reached any sensible way pass, wrong ones never do,
and nothing a learner types gets a traceback."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhao_course.data import load_table
from zhao_course.exercises_far_east import (
    INSTITUTION_STEPS,
    bam_distances,
    check_institution_order,
    check_route_ratio,
    check_route_saving,
    check_shared_stations,
    check_strategy_year,
    check_substance,
    institution_order,
    route_ratio,
    route_saving_percent,
    shared_stations,
    strategy_year,
    substance_ids,
)

CHECKS = [check_route_saving, check_route_ratio, check_shared_stations, check_institution_order, check_substance,
          check_strategy_year]
HOSTILE = [..., None, "", "   ", "abc", float("nan"), math.inf, 10**400, -1e308, [], [1, 2], {"a": 1}, b"38.4",
           pd.Series([], dtype=float), pd.DataFrame(), np.array([np.nan]), object(), "x" * 10_000, True]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: type(a).__name__)
def test_hostile_input_gets_a_sentence_never_correct(check, answer) -> None:
    feedback = check(answer)
    assert not feedback.correct
    assert feedback.message and "Traceback" not in feedback.message


def test_expected_answers_come_from_the_data() -> None:
    km = load_table("sea_routes").set_index("id")["distance_km"]
    assert route_saving_percent() == pytest.approx(
        (km["st_petersburg_vladivostok_suez"] - km["st_petersburg_vladivostok_nsr"]) / km["st_petersburg_vladivostok_suez"] * 100)
    assert round(route_ratio(), 2) == 2.23  # the source's own "2.23 times less"


@pytest.mark.parametrize("answer", [38.4, "38.4", "38.4 %", "38.4%", 38.45, np.float64(38.4), [38.4], pd.Series([38.4])])
def test_route_saving_accepts_the_share_written_any_sensible_way(answer) -> None:
    assert check_route_saving(answer).correct


@pytest.mark.parametrize("answer,word", [(40, "rounded summary"), (38, "whole number"), (61.6, "share"),
                                         (62.5, "Northern Sea Route's distance"), (8920, "difference"),
                                         (0.384, "percentage"), (38.6, "too high"), ("38.4 km", "km")])
def test_route_saving_explains_each_wrong_answer(answer, word) -> None:
    feedback = check_route_saving(answer)
    assert not feedback.correct and word in feedback.message


@pytest.mark.parametrize("answer", [2.23, 2.22, 2.225, "2.23"])
def test_route_ratio_accepts_nautical_miles_or_kilometres(answer) -> None:
    assert check_route_ratio(answer).correct


@pytest.mark.parametrize("answer", [0.45, 2.3, 2.2, 7070, 1])
def test_route_ratio_rejects_wrong_ratios(answer) -> None:
    assert not check_route_ratio(answer).correct


def test_shared_stations() -> None:
    assert shared_stations() == ["tayshet"]
    assert check_shared_stations(["tayshet"]).correct and check_shared_stations("tayshet").correct
    assert "Little BAM" in check_shared_stations(["tayshet", "skovorodino"]).message
    assert not check_shared_stations(["tayshet", "vladivostok"]).correct
    assert "did you mean" in check_shared_stations(["Tayshet"]).message.lower()


def test_institution_order() -> None:
    order = institution_order()
    assert check_institution_order(order).correct
    assert check_institution_order("".join(order).lower()).correct
    assert check_institution_order(", ".join(order)).correct
    assert not check_institution_order(sorted(INSTITUTION_STEPS)).correct  # the letters are not in date order
    assert not check_institution_order(order[::-1]).correct
    dates = load_table("far_east_institutions").set_index("id")["date"]
    assert [dates[INSTITUTION_STEPS[k]] for k in order] == sorted(dates[v] for v in INSTITUTION_STEPS.values())


def test_substance() -> None:
    assert substance_ids() == ["free_port_city_only", "nsr_arctic_to_atlantic"]
    assert check_substance(["free_port_city_only", "nsr_arctic_to_atlantic"]).correct
    assert check_substance(("nsr_arctic_to_atlantic", "free_port_city_only")).correct
    half = check_substance(["free_port_city_only"])
    assert not half.correct and "1 more" in half.message
    slip = check_substance(["free_port_city_only", "nsr_arctic_to_atlantic", "primoriskii_spelling"])
    assert not slip.correct and "'primoriskii_spelling' is a slip" in slip.message
    assert not check_substance([]).correct
    assert not check_substance("free_port_city_only").correct


def test_bam_distances_are_computed_from_the_places() -> None:
    table = bam_distances()
    assert table.loc["tayshet", "km"] == 0  # where the two lines meet
    assert table.drop(index="tayshet")["km"].between(100, 500).all()
    assert table["km"].idxmax() == "ust_kut"
    message = check_shared_stations(["tayshet"]).message
    assert "610" not in message and f"{table.loc['tynda', 'km']:,} km" in message


def test_strategy_year() -> None:
    assert strategy_year() == 2009
    assert check_strategy_year(2009).correct and check_strategy_year("2009").correct
    for wrong in (2010, 2025, 2094, 2008):
        assert not check_strategy_year(wrong).correct
    assert "article" in check_strategy_year(2010).message


def test_the_unidentified_company_may_be_counted_either_way() -> None:
    from zhao_course.exercises_far_east import EITHER_KIND, check_substance, substance_ids

    wanted = substance_ids()
    assert check_substance(wanted).correct
    assert check_substance(wanted + [EITHER_KIND]).correct
    alone = check_substance([EITHER_KIND])
    assert not alone.correct and "either way" in alone.message
    assert not check_substance([wanted[0], EITHER_KIND]).correct
