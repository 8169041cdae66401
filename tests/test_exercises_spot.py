"""Chapter 10's exercise checks: right answers reached any fair way pass; wrong ones never do."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from zhao_course.checks import CheckFailedWarning
from zhao_course.data import load_table
from zhao_course.exercises_spot import (
    ALSO_RIGHT,
    ROUTE_NOTE,
    ARGUMENT_ITEMS,
    SORTING_ITEMS,
    STANDING_ITEMS,
    area_ratio,
    argument_items,
    check_area_ratio,
    check_slips_among_items,
    check_standing_of_claims,
    check_target_shortfall,
    check_touches_argument,
    present,
    slips_among_items,
    sorting_items,
    standing_items,
    standing_of_claims,
    target_shortfall,
    touches_argument,
)

CHECKS = [check_slips_among_items, check_touches_argument, check_area_ratio, check_target_shortfall,
          check_standing_of_claims]
HOSTILE = [None, ..., float("nan"), "", "   ", [1, 2, 3], {"a": 1}, "ten", "10 km", 10**400, -1e308,
           float("inf"), True, b"10", object(), pd.Series([], dtype=float), np.array([[1, 2], [3, 4]]),
           pd.DataFrame({"a": [1, 2]}), "x" * 10_000, ["area_square_meters", None], {"target_150bn_2014": None},
           {k: "maybe" for k in STANDING_ITEMS}]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_sentence_never_a_traceback_or_a_pass(check, answer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckFailedWarning)  # the check itself must not fail
        result = check(answer)
    assert result.message.startswith("Not yet"), (check.__name__, answer, result.message)
    assert not result.correct


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_the_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet. You have not given an answer yet")
    assert check().message.startswith("Not yet")


def test_expected_answers_come_from_the_data() -> None:
    errors = load_table("article_errors").set_index("id")
    assert set(slips_among_items()) == {i for i in present(SORTING_ITEMS) if errors.loc[i, "kind"] == "slip"}
    probes = load_table("argument_probes").set_index("id")
    assert set(touches_argument()) == set(present(ARGUMENT_ITEMS)) | set(probes.index)
    assert {k: v for k, v in touches_argument().items() if k in probes.index} == {
        k: str(v).strip().lower() == "true" for k, v in probes["touches_argument"].items()}
    claims = load_table("article_claims").set_index("id")
    assert area_ratio() == pytest.approx(claims.loc["russia_area", "checked_value"] / claims.loc["russia_area", "article_value"])
    trade = load_table("china_russia_trade").set_index("id")
    assert target_shortfall() == pytest.approx(claims.loc["trade_target_2014", "article_value"] - trade.loc["china_2014", "value_usd_bn"])
    assert standing_of_claims()["border_length_main"] == "official figure of one side"  # not an error
    assert standing_of_claims()["vtsiom_date"] == "error"
    assert standing_of_claims()["entries_from_china"] == "not verified"


def test_the_tables_shown_to_the_learner_do_not_give_the_answer_away() -> None:
    assert "kind" not in sorting_items().columns
    assert "touches_argument" not in argument_items().columns
    assert "verdict" not in standing_items().columns


def test_exercise_1_right_answers_in_any_form() -> None:
    slips = slips_among_items()
    assert check_slips_among_items(slips).correct
    assert check_slips_among_items(list(reversed(slips))).correct
    assert check_slips_among_items(tuple(slips)).correct
    assert check_slips_among_items(pd.Series(slips)).correct
    assert check_slips_among_items([f" {s} " for s in slips]).correct


def test_exercise_1_wrong_answers_are_explained_per_item() -> None:
    slips = slips_among_items()
    substance = [i for i in present(SORTING_ITEMS) if i not in slips]
    result = check_slips_among_items(slips[:-1] + [substance[0]])
    assert not result.correct
    assert f"'{substance[0]}' is an error of substance" in result.message
    assert f"'{slips[-1]}' is a slip" in result.message
    assert not check_slips_among_items(present(SORTING_ITEMS)).correct  # everything is not an answer
    assert not check_slips_among_items([]).correct
    assert not check_slips_among_items(slips + [slips[0]]).correct  # a repeat


def test_exercise_2_accepts_booleans_and_yes_no_words() -> None:
    expected = touches_argument()
    assert check_touches_argument(expected).correct
    assert check_touches_argument({k: ("yes" if v else "no") for k, v in expected.items()}).correct
    assert check_touches_argument({k: str(v).lower() for k, v in expected.items()}).correct


def test_exercise_2_cannot_be_passed_by_a_blanket_answer() -> None:
    """The supposed mistakes make "no to everything" and "yes to everything" both wrong."""
    expected = touches_argument()
    assert any(expected.values()) and not all(expected.values())
    for blanket in (False, True):
        result = check_touches_argument({k: blanket for k in expected})
        assert not result.correct
        # every item placed wrongly is explained with the course's reason
        for item in (k for k, v in expected.items() if v != blanket):
            assert f"'{item}'" in result.message


def test_exercise_2_items_say_which_are_supposed() -> None:
    items = argument_items().set_index("id")
    probes = load_table("argument_probes").set_index("id")
    assert (items.loc[probes.index, "item"] == "supposed (what if?)").all()
    assert (items.loc[present(ARGUMENT_ITEMS), "item"] == "the article's mistake").all()
    assert list(items.loc[probes.index, "what_is_said"]) == list(probes["supposed_mistake"])


def test_exercise_2_wrong_verdicts_are_explained_per_item() -> None:
    expected = touches_argument()
    first = next(iter(expected))
    flipped = dict(expected, **{first: not expected[first]})
    result = check_touches_argument(flipped)
    assert not result.correct and f"'{first}'" in result.message
    assert not check_touches_argument({first: expected[first]}).correct  # incomplete
    assert not check_touches_argument(dict(expected, extra=True)).correct
    assert not check_touches_argument(list(expected)).correct


def test_exercise_3_ratio() -> None:
    ratio = area_ratio()
    assert check_area_ratio(ratio).correct
    assert check_area_ratio(round(ratio, 2)).correct
    assert check_area_ratio(str(round(ratio, 2))).correct
    assert check_area_ratio(10).correct  # 10.00 follows from the older standard area
    assert not check_area_ratio(10.2).correct
    assert not check_area_ratio(1 / ratio).correct  # the ratio turned over
    literal = check_area_ratio(ratio * 1e6)  # km² against m²
    assert not literal.correct and "square metres" in literal.message


def test_exercise_4_shortfall() -> None:
    shortfall = target_shortfall()
    assert check_target_shortfall(shortfall).correct
    assert check_target_shortfall(f"{shortfall:.2f}").correct
    assert not check_target_shortfall(-shortfall).correct
    official = check_target_shortfall(100 - 95.28)
    assert not official.correct and "2015" in official.message
    assert not check_target_shortfall(shortfall * 1000).correct
    assert check_target_shortfall(55).correct and check_target_shortfall(54.7).correct  # whole or rounded
    assert not check_target_shortfall(54).correct


def test_exercise_5_standing() -> None:
    expected = standing_of_claims()
    assert check_standing_of_claims(expected).correct
    assert check_standing_of_claims({k: v.upper() for k, v in expected.items()}).correct
    aliases = {"error": "wrong", "checks out": "accurate", "not verified": "unverified", "depends on the source": "depends",
               "official figure of one side": "official"}
    assert check_standing_of_claims({k: aliases[v] for k, v in expected.items()}).correct
    everything_wrong = check_standing_of_claims({k: "error" for k in expected})
    assert not everything_wrong.correct
    assert "'border_length_main' is 'official figure of one side'" in everything_wrong.message
    for other in ("checks out", "depends on the source"):  # defensible readings of China's official length
        assert check_standing_of_claims({**expected, "border_length_main": other}).correct
    assert not check_standing_of_claims({**expected, "border_length_main": "error"}).correct
    assert "'entries_from_china' is 'not verified'" in everything_wrong.message
    assert not check_standing_of_claims({k: "not verified" for k in expected}).correct


def test_exercise_5_says_when_it_accepts_another_defensible_standing() -> None:
    expected = standing_of_claims()
    assert "ca_border_length" in ALSO_RIGHT and "border_length_main" in ALSO_RIGHT
    for item, others in ALSO_RIGHT.items():
        for other in others:
            result = check_standing_of_claims(dict(expected, **{item: other}))
            assert result.correct
            assert f"For '{item}' you chose '{other}', which the course also accepts" in result.message
    # an answer outside the accepted set is still wrong
    assert not check_standing_of_claims(dict(expected, ca_border_length="error")).correct


def test_exercise_1_explains_the_sorting_rule_to_who_sorted_by_origin() -> None:
    slips = slips_among_items()
    substance = [i for i in present(SORTING_ITEMS) if i not in slips]
    result = check_slips_among_items(slips + [substance[0]])
    assert not result.correct and ROUTE_NOTE in result.message
    assert ROUTE_NOTE not in check_slips_among_items(slips[:-1]).message  # nothing placed wrongly among the slips
