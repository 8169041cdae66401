"""Chapter 3's checks: right answers in any reasonable form pass, wrong and hostile ones get a sentence."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhao_course.exercises_turn_east import (
    article_release,
    check_article_release,
    check_gnp_slip,
    check_ratio_2012,
    check_revision,
    check_year_china_overtook,
    ratio_2012,
    revision_since_article,
)
from zhao_course.gdp import first_year_ahead, releases

CHECKS = [check_ratio_2012, check_year_china_overtook, check_article_release, check_revision, check_gnp_slip]
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
                                              (3.7, "too low"), (4.5, "too high")])
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


def test_release_by_commit_date_year_or_series() -> None:
    match = article_release()
    for answer in (match["vintage_commit"], match["vintage_date"], int(match["vintage_date"][:4]),
                   pd.Series([match["vintage_commit"]]), pd.Timestamp(match["vintage_date"])):
        assert check_article_release(answer).correct, answer
    for other in releases("RUS", 2012)["vintage_commit"]:
        if other != match["vintage_commit"]:
            assert not check_article_release(other).correct
    assert "no figure for 2012" in check_article_release("0cc736c").message


def test_revision_from_the_article_or_from_the_release() -> None:
    assert check_revision(round(revision_since_article(), 1)).correct
    release_value = float(releases("RUS", 2012).set_index("vintage_commit").loc[article_release()["vintage_commit"], "value_bn"])
    today = revision_since_article() + 2017.0
    assert check_revision(today - release_value).correct
    assert check_revision(f"{revision_since_article():.1f} bn").correct
    assert "other way" in check_revision(-revision_since_article()).message
    assert "dollars" in check_revision(revision_since_article() * 1e9).message
    assert "percentage" in check_revision(100 * revision_since_article() / 2017).message
    assert not check_revision(revision_since_article() + 5).correct


def test_gnp_slip_choices() -> None:
    assert check_gnp_slip("A").correct and check_gnp_slip(" a ").correct
    for other in "BCD":
        assert not check_gnp_slip(other).correct


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
