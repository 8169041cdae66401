"""Checks for the data exercises of chapter 6, "Difficulties and Problems Remain".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. Every ``check_...`` function answers with a sentence,
whatever it is given.

Example:
    >>> check_poll_months(4)
    Correct: 4 months. The poll was held on 20–21 September 2014; the article dates it January 2015, the month of the TASS story it cites.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from zhao_course.checks import Feedback, as_number, check_number, learner_check
from zhao_course.data import load_table, lookup

__all__ = [
    "check_china_share_of_entries",
    "check_claim_against_census",
    "check_poll_growth",
    "check_poll_months",
    "check_population_ratio",
    "china_share_of_entries",
    "claim_against_census",
    "poll_growth",
    "poll_months",
    "population_ratio_2010",
]


def _value(row_id: str, table: str = "migration", column: str = "value") -> float:
    return float(lookup(table, row_id, column))


# --------------------------------------------------------------------------- exercise 1


def china_share_of_entries() -> tuple[float, float]:
    """The share of entries from China, in %, at the two ends of the article's range of entries.

    400,000 from China out of 14 million (the high end) and out of 13 million (the low end).

    Example:
        >>> [round(x, 2) for x in china_share_of_entries()]
        [2.86, 3.08]
    """
    china = float(lookup("article_claims", "entries_from_china", "article_value"))
    return 100 * china / _value("entries_high"), 100 * china / _value("entries_low")


@learner_check
def check_china_share_of_entries(answer: Any = ...) -> Feedback:
    """Exercise 1: by the article's own figures, what percentage of entries came from China?

    Any answer from the share of 14 million to the share of 13 million is right.

    Example:
        >>> check_china_share_of_entries(3).correct
        True
        >>> check_china_share_of_entries(0.03).message
        'Not yet: 0.03 is a share, not a percentage: multiply it by 100.'
    """
    low, high = china_share_of_entries()
    value, _ = as_number(answer, unit="%")
    if value is not None and low / 100 - 1e-4 <= value <= high / 100 + 1e-4:
        return Feedback(False, f"Not yet: {value:g} is a share, not a percentage: multiply it by 100.")
    cis = _value("share_cis")
    return check_number(
        answer, expected=(low + high) / 2, tolerance=(high - low) / 2 + 0.005, unit="%",
        explanation=(
            f"Between {low:.2f}% (of 14 million) and {high:.2f}% (of 13 million): about one entry in "
            f"{100 / high:.0f} to {100 / low:.0f}. The article's three-fourths from the CIS is {cis * 100 / high:.0f} "
            f"to {cis * 100 / low:.0f} times as many. "
            "The article's point stands on its own numbers, though the course could not verify the 400,000."
        ),
        hint="divide the article_value of 'entries_from_china' (article_claims) by the value of 'entries_high', "
             "or of 'entries_low' (migration), and multiply by 100.",
    )


# --------------------------------------------------------------------------- exercise 2


def claim_against_census() -> float:
    """How many times the low end of the 2004 press claim exceeds the Chinese counted by the 2002 census.

    Example:
        >>> round(claim_against_census(), 1)
        289.2
    """
    return _value("press_claim_2004_low") / _value("chinese_census_2002")


@learner_check
def check_claim_against_census(answer: Any = ...) -> Feedback:
    """Exercise 2: how many times larger is the press claim than the census count?

    Example:
        >>> check_claim_against_census(289).correct
        True
        >>> check_claim_against_census(0.0035).correct
        False
    """
    expected = claim_against_census()
    value, _ = as_number(answer)
    rounded = _value("press_claim_2004_low") / 35000
    if value is not None and abs(value - rounded) < 0.5 and abs(value - expected) > 0.5:
        return Feedback(False, (
            f"Not yet: {value:g} divides by 35,000, RIA Novosti's rounding. Use the census count itself, "
            "the value of 'chinese_census_2002'."
        ))
    if value is not None and 0 < value < 1 and abs(1 / value - expected) < 1:
        return Feedback(False, "Not yet: that is the census count divided by the claim. Divide the claim by the count.")
    census = int(_value("chinese_census_2002"))
    return check_number(
        answer, expected=expected, tolerance=0.5,
        explanation=(
            f"The claim's lower figure is about {expected:.0f} times the {census:,} people the 2002 census counted "
            "as Chinese. The two do not measure the same thing (the census counts residents who named their "
            "nationality, not traders who come and go), but no count supports millions."
        ),
        hint="divide the value of 'press_claim_2004_low' by the value of 'chinese_census_2002'.",
    )


# --------------------------------------------------------------------------- exercise 3


def population_ratio_2010() -> float:
    """How many times as many people lived in Heilongjiang, Jilin and Liaoning as in the Russian Far East in 2010.

    Example:
        >>> round(population_ratio_2010(), 2)
        17.4
    """
    frame = load_table("borderland_population").set_index("id")
    china = sum(int(frame.loc[f"cn_{p}_2010", "population"]) for p in ("heilongjiang", "jilin", "liaoning"))
    return china / int(frame.loc["ru_far_east_2010", "population"])


@learner_check
def check_population_ratio(answer: Any = ...) -> Feedback:
    """Exercise 3: the ratio of the two sides' population at the 2010 censuses.

    Example:
        >>> check_population_ratio(17.4).correct
        True
        >>> check_population_ratio(17).correct
        False
    """
    expected = population_ratio_2010()
    value, _ = as_number(answer)
    if value is not None and 0 < value < 1 and abs(1 / value - expected) < 0.1:
        return Feedback(False, "Not yet: that is the Far East divided by the three provinces. Divide the other way.")
    frame = load_table("borderland_population").set_index("id")
    for province in ("heilongjiang", "jilin", "liaoning"):
        single = int(frame.loc[f"cn_{province}_2010", "population"]) / int(frame.loc["ru_far_east_2010", "population"])
        if value is not None and abs(value - single) < 0.05:
            return Feedback(False, (
                f"Not yet: {value:g} compares one province with the Far East. Add up all three provinces first."
            ))
    return check_number(
        answer, expected=expected, tolerance=0.05,
        explanation=(
            f"About {expected:.1f} times as many people. This is the imbalance behind the 'migration threat' "
            "view: what it does not show is that people move, or want to; the census counts of Chinese in "
            "Russia (exercise 2) suggest few do."
        ),
        hint="add the population of the three 'cn_..._2010' rows and divide by the population of 'ru_far_east_2010'.",
    )


# --------------------------------------------------------------------------- exercise 4


def poll_growth() -> float:
    """How many times the share naming China friendliest in 2014 is the 2008 share.

    Example:
        >>> round(poll_growth(), 2)
        2.22
    """
    return float(lookup("polls", "vtsiom2014_china", "share_pct")) / float(lookup("polls", "vtsiom2008_china", "share_pct"))


@learner_check
def check_poll_growth(answer: Any = ...) -> Feedback:
    """Exercise 4: by how many times did the share naming China the friendliest country grow?

    Example:
        >>> check_poll_growth(2.22).correct
        True
        >>> check_poll_growth(28).message.startswith("Not yet: 28 is the difference")
        True
    """
    new = float(lookup("polls", "vtsiom2014_china", "share_pct"))
    old = float(lookup("polls", "vtsiom2008_china", "share_pct"))
    value, _ = as_number(answer)
    if value is not None and abs(value - (new - old)) < 0.5:
        return Feedback(False, (
            f"Not yet: {value:g} is the difference in percentage points. The question asks how many times "
            "larger: divide instead of subtracting."
        ))
    if value is not None and 0 < value < 1 and abs(value - old / new) < 0.01:
        return Feedback(False, "Not yet: that divides 2008 by 2014. Divide the 2014 share by the 2008 share.")
    if value is not None and abs(value - (new - old) / old * 100) < 0.5:
        return Feedback(False, (
            f"Not yet: {value:g} is the growth in per cent. The question asks how many times larger the new share "
            "is: the ratio of the two shares."
        ))
    return check_number(
        answer, expected=poll_growth(), tolerance=0.02,
        explanation=(
            f"{new:g}% against {old:g}%: {poll_growth():.2f} times, so 'more than doubled', as the article says. "
            "Belarus and Kazakhstan rose even faster in the same poll, from a lower start."
        ),
        hint="divide the share_pct of 'vtsiom2014_china' by the share_pct of 'vtsiom2008_china'.",
    )


# --------------------------------------------------------------------------- exercise 5


def poll_months() -> int:
    """Whole months from the poll's fieldwork to the month the article gives it.

    Example:
        >>> poll_months()
        4
    """
    held = pd.Timestamp(lookup("polls", "vtsiom2014_china", "fieldwork_end"))
    said = pd.Timestamp(str(lookup("polls", "vtsiom2014_china", "article_date")) + "-01")
    return int((said.year - held.year) * 12 + said.month - held.month)


@learner_check
def check_poll_months(answer: Any = ...) -> Feedback:
    """Exercise 5: how many months later than the poll is the date the article gives it?

    Example:
        >>> check_poll_months(3).correct
        False
    """
    held = lookup("polls", "vtsiom2014_china")
    return check_number(
        answer, expected=poll_months(), integer=True, unit="months",
        explanation=(
            f"The poll was held on {held['fieldwork']}; the article dates it January 2015, the month of the TASS "
            "story it cites."
        ),
        hint="count the months from the month of 'fieldwork_end' to the month in 'article_date' (row vtsiom2014_china).",
    )
