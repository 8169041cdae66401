"""Chapter 5's exercise checks: right answers reached any fair way pass; wrong ones never do."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zhao_course.data import load_table
from zhao_course.exercises_partner import (
    SECTION,
    check_dalian_ratio,
    check_mouth_km,
    check_substance,
    check_transport_share,
    dalian_ratio,
    mouth_km,
    substance_ids,
    transport_share,
)
from zhao_course.tumen_map import distance_km, great_circle_km

CHECKS = [check_mouth_km, check_dalian_ratio, check_transport_share, check_substance]
HOSTILE = [None, ..., float("nan"), "", "   ", [], [1, 2, 3], {"a": 1}, "seventy", "70 miles", 10**400, -1e308,
           float("inf"), True, b"70", object(), pd.Series([], dtype=float), np.array([[1, 2], [3, 4]]),
           pd.DataFrame({"a": [1, 2]}), "x" * 10_000, ["wang_rogozin_date", None]]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_sentence_never_a_traceback_or_a_pass(check, answer) -> None:
    with _no_warning():  # no CheckFailedWarning: the check itself did not fail
        result = check(answer)
    assert result.message.startswith("Not yet"), (check.__name__, answer, result.message)
    assert not result.correct


class _no_warning:
    """Turn every warning but deprecations into an error while a check runs."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("error", category=Warning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)

    def __exit__(self, *exc):
        self._catch.__exit__(*exc)
        return False


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")


def test_exercise_1_accepts_the_distance_rounded_or_not_and_in_text() -> None:
    exact = mouth_km()
    places = load_table("gazetteer").set_index("id")
    a, b = places.loc["hunchun"], places.loc["tumen_mouth"]
    assert exact == great_circle_km(a["lat"], a["lon"], b["lat"], b["lon"])
    for answer in (round(exact), exact, round(exact, 1), f"{round(exact)} km", np.float64(exact), [round(exact)]):
        assert check_mouth_km(answer).correct, answer
    for wrong in (round(exact) + 2, 74, round(distance_km("hunchun", "zarubino")), 18, f"{round(exact)} miles"):
        assert not check_mouth_km(wrong).correct, wrong


def test_exercise_1_explains_the_equator_slip_and_the_wrong_place() -> None:
    assert "111 km" in check_mouth_km(74).message
    assert "Zarubino" in check_mouth_km(63).message
    assert "border" in check_mouth_km(18).message


def test_exercise_2_accepts_the_ratio_from_rounded_distances() -> None:
    exact = dalian_ratio()
    rounded = round(distance_km("hunchun", "dalian")) / round(distance_km("hunchun", "zarubino"))
    for answer in (round(exact, 1), exact, round(rounded, 2), str(round(exact, 1))):
        assert check_dalian_ratio(answer).correct, answer
    for wrong in (1 / exact, dalian_ratio("rajin"), round(exact) + 1, distance_km("hunchun", "dalian") - distance_km("hunchun", "zarubino")):
        result = check_dalian_ratio(wrong)
        assert not result.correct and len(result.message) > 30, wrong


def test_exercise_3_is_computed_from_the_projects_table() -> None:
    table = load_table("primorsky_projects")
    assert transport_share() == pytest.approx((table["sector"] == "transport").sum() / len(table) * 100)
    for answer in (round(transport_share(), 1), f"{transport_share():.1f}%", f"{transport_share():.1f} %"):
        assert check_transport_share(answer).correct, answer
    count = int((table["sector"] == "transport").sum())
    for wrong in (count, transport_share() / 100, 100 - transport_share(), 50, "57.1 km"):
        assert not check_transport_share(wrong).correct, wrong
    assert "number of transport projects" in check_transport_share(count).message


def test_exercise_4_expects_the_substance_rows_of_the_section() -> None:
    errors = load_table("article_errors")
    section = errors[errors["section"] == SECTION]
    expected = section.loc[section["kind"] == "substance", "id"].tolist()
    assert substance_ids() == expected and expected
    assert check_substance(expected).correct
    assert check_substance(tuple(expected)).correct
    assert check_substance(pd.Series(expected)).correct
    slips = section.loc[section["kind"] == "slip", "id"].tolist()
    assert not check_substance(slips).correct
    assert not check_substance(expected + slips[:1]).correct
    assert "did you mean" in check_substance(["wang_rogozin_dat"]).message.lower()


def test_exercise_4_explains_the_rule_for_each_slip_and_reads_any_case() -> None:
    assert "footnote" in check_substance(["wang_rogozin_date"]).message
    assert "Northeast" in check_substance("northwest_for_northeast").message
    assert check_substance([x.upper() for x in substance_ids()]).correct


def test_exercise_2_explains_the_near_misses() -> None:
    from zhao_course.exercises_partner import dalian_ratio

    ratio = dalian_ratio()
    assert "ratio of the" in check_dalian_ratio(round(ratio - 1, 1)).message
    assert "whole number" in check_dalian_ratio(round(ratio)).message
