"""Chapter 3's checks: right answers in any reasonable form pass, wrong and hostile ones get a sentence."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhao_course.exercises_turn_east import (
    article_copy,
    check_article_copy,
    check_gnp_slip,
    check_japan_ratio,
    check_ratio_2012,
    check_revision,
    check_two_sources,
    check_year_china_overtook,
    japan_ratio,
    ratio_2012,
    revision_since_article,
)
from zhao_course.gdp import copies_against_article, first_year_ahead, releases

CHECKS = [check_ratio_2012, check_year_china_overtook, check_japan_ratio, check_article_copy, check_revision, check_gnp_slip,
          check_two_sources]
HOSTILE = [..., None, "", "   ", float("nan"), math.inf, -math.inf, [], [1, 2], {"a": 1}, 10**400, -1, 0, True,
           "x" * 10_000, b"3.86", object(), pd.Series(dtype=float), pd.DataFrame(), np.array([1.0, 2.0]), "3.86 km"]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: type(a).__name__)
def test_hostile_answers_get_a_sentence_and_are_never_correct(check, answer) -> None:
    feedback = check(answer)
    assert not feedback.correct
    assert feedback.message.startswith("Not yet") and len(feedback.message) < 400


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_the_placeholder_says_not_yet(check) -> None:
    assert check(...).message.startswith("Not yet")
    assert check().message.startswith("Not yet")


@pytest.mark.parametrize("answer", [round(ratio_2012(), 2), ratio_2012(), str(round(ratio_2012(), 3)),
                                    np.float64(ratio_2012()), pd.Series([ratio_2012()])])
def test_ratio_right_in_any_form(answer) -> None:
    assert check_ratio_2012(answer).correct


@pytest.mark.parametrize(("answer", "says"), [(1 / ratio_2012(), "divided Russia"), (4.08, "article's figures"),
                                              (3.7, "too low"), (4.5, "too high"), (3.85, "too low"),
                                              (3.87, "too high")])
def test_ratio_wrong_answers_are_explained(answer, says) -> None:
    feedback = check_ratio_2012(answer)
    assert not feedback.correct and says in feedback.message


def test_year_china_overtook() -> None:
    year = first_year_ahead("CHN", "RUS")
    assert check_year_china_overtook(year).correct and check_year_china_overtook(float(year)).correct
    assert check_year_china_overtook(str(year)).correct and check_year_china_overtook(np.int64(year)).correct
    assert "still the larger" in check_year_china_overtook(1990).message
    assert "already ahead" in check_year_china_overtook(year + 5).message
    assert not check_year_china_overtook(year + 0.5).correct
    for outside in (1989, 2024, 2100):
        message = check_year_china_overtook(outside).message
        assert message.startswith("Not yet") and f"{outside:,}" not in message.replace(str(outside), "")


def test_japan_ratio() -> None:
    year, ratio = japan_ratio()
    assert year == 2023 and check_japan_ratio(round(ratio, 2)).correct and check_japan_ratio(str(ratio)).correct
    assert "divided Russia" in check_japan_ratio(1 / ratio).message
    assert "ratio for 2012" in check_japan_ratio(2.84).message
    assert not check_japan_ratio(round(ratio, 2) + 0.01).correct


def test_the_hint_of_exercise_2_runs() -> None:
    from zhao_course.data import load_table

    gdp = load_table("worldbank_gdp")
    wide = gdp.pivot(index="year", columns="code", values="value_usd")
    assert (wide["CHN"] > wide["RUS"]).any()
    assert "pivot" in check_year_china_overtook(1).message


def test_no_copy_gives_both_of_the_articles_figures() -> None:
    table = copies_against_article()
    assert not table["matches_both"].any() and article_copy() == "none"
    best = table.loc[table["gap_RUS_pct"].abs().idxmin()]
    assert abs(best["gap_RUS_pct"]) < 0.1 and abs(best["gap_CHN_pct"]) > 1  # Russia matches, China does not


@pytest.mark.parametrize("answer", ["none", "None", " NONE ", "no copy", "neither", ["none"], pd.Series(["none"])])
def test_copy_none_in_any_form(answer) -> None:
    assert check_article_copy(answer).correct


@pytest.mark.parametrize(("answer", "says"), [("1f0eaba", "+2.8 %"), ("2015-08-16", "1f0eaba"), (2015, "1f0eaba"), ("2015", "1f0eaba"),
                                              ("August 2015", "1f0eaba"), ("2015-08", "1f0eaba"),
                                              (pd.Timestamp("2015-08-16"), "1f0eaba"), ("8ba1b10", "2017-07-12"),
                                              ("f607da1", "stops at 2011"), ("0cc736c", "stops at 2011"),
                                              ("a50bef4", "broken upload"), ("2024-10-20", "broken upload"),
                                              ("1cdcd2e", "within 1 %"), (None, "'none' in quotes"),
                                              ("HEAD", "not a copy"), (2024, "more than one copy")])
def test_copy_wrong_answers_are_explained(answer, says) -> None:
    feedback = check_article_copy(answer)
    assert not feedback.correct and says in feedback.message, feedback.message


def test_copies_leave_out_the_broken_upload() -> None:
    assert "a50bef4" not in set(releases("RUS", 1990)["vintage_commit"])
    assert "a50bef4" not in set(releases("CHN", 2012)["vintage_commit"])


def test_revision_from_the_article_or_from_the_release() -> None:
    assert check_revision(round(revision_since_article(), 1)).correct
    release_value = float(releases("RUS", 2012).set_index("vintage_commit").loc["1f0eaba", "value_bn"])
    today = revision_since_article() + 2017.0
    assert check_revision(today - release_value).correct
    assert check_revision(f"{revision_since_article():.1f} bn").correct
    assert check_revision(f"${revision_since_article():.1f}bn").correct
    assert check_revision(f"US$ {revision_since_article():.1f} billion").correct
    assert "other way" in check_revision(-revision_since_article()).message
    assert "dollars" in check_revision(revision_since_article() * 1e9).message
    assert "percentage" in check_revision(100 * revision_since_article() / 2017).message
    assert not check_revision(revision_since_article() + 5).correct


def test_gnp_slip_choices() -> None:
    assert check_gnp_slip("A").correct and check_gnp_slip(" a ").correct
    for other in "BCD":
        assert not check_gnp_slip(other).correct


def test_two_sources_choices() -> None:
    assert check_two_sources("C").correct and check_two_sources(" c ").correct
    for other in "ABD":
        assert not check_two_sources(other).correct


def test_every_objective_of_the_chapter_is_assessed_by_the_quiz() -> None:
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    nb = json.loads((root / "notebooks" / "03_turn_to_the_east.ipynb").read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    block = first.split("## What you will be able to do", 1)[1].split("##", 1)[0]
    objectives = re.findall(r"^\d+\. (.+)$", block, flags=re.MULTILINE)
    bank = json.loads((root / "exercises" / "quizzes" / "turn_to_the_east.json").read_text(encoding="utf-8"))
    assessed = {q["learning_objective"] for q in bank["questions"]}
    assert len(objectives) == 5 and set(objectives) == assessed
