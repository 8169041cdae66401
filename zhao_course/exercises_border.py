"""Checks for the data exercises of chapter 1, "Border Disputes No Longer Obstacles".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. The chapter calls these functions after each exercise.

Example:
    >>> check_years_of_talks(41)
    Correct: 41 years. From the first talks (February 1964) to the exchange of ratifications (2 June 2005).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from zhao_course.checks import Feedback, check_ids, check_number
from zhao_course.data import load_table
from zhao_course.style import format_date


def _talks_span() -> tuple[pd.Series, pd.Series]:
    """The first talks and the exchange of ratifications, as rows of the timeline."""
    timeline = load_table("border_timeline").set_index("id", drop=False)
    return timeline.loc["talks_1964_open"], timeline.loc["ratification_2005"]


def years_of_talks() -> int:
    """Whole years from the first border talks to the exchange of ratifications.

    Example:
        >>> years_of_talks()
        41
    """
    start, end = _talks_span()
    return int(end["date"].year - start["date"].year)


def check_years_of_talks(answer: Any = ...) -> Feedback:
    """Exercise 1: how many years from the first talks to the ratifications?"""
    start, end = _talks_span()
    return check_number(
        answer, expected=years_of_talks(), tolerance=0.5, unit="years",
        explanation=(
            f"From the first talks ({format_date(start['date'], start['date_precision'])}) to the exchange "
            f"of ratifications ({format_date(end['date'], end['date_precision'])})."
        ),
        hint="subtract the year of 'talks_1964_open' from the year of 'ratification_2005' (use .dt.year).",
    )


def wrongly_dated_events() -> list[str]:
    """Ids of the events the article dates wrongly, according to the timeline table.

    Example:
        >>> wrongly_dated_events()
        ['supplementary_2004']
    """
    timeline = load_table("border_timeline")
    return sorted(timeline.loc[timeline["verdict"] == "wrong", "id"])


def check_wrongly_dated(answer: Any = ...) -> Feedback:
    """Exercise 2: which event(s) does the article date wrongly? Answer with id(s)."""
    timeline = load_table("border_timeline")
    wrong = timeline[timeline["verdict"] == "wrong"]
    detail = "; ".join(
        f"{row['title']}: the article says {row['article_date']}, the record says "
        f"{format_date(row['date'], row['date_precision'])}"
        for _, row in wrong.iterrows()
    )
    return check_ids(answer, wrongly_dated_events(), timeline["id"], explanation=detail + ".")


def border_length_gap() -> float:
    """Kilometres by which the article's border total exceeds the demarcated length.

    Example:
        >>> round(border_length_gap(), 1)
        140.7
    """
    claims = load_table("article_claims").set_index("id")
    article_total = claims.loc["border_length_east", "article_value"] + claims.loc["border_length_west", "article_value"]
    return float(article_total - claims.loc["border_length_total", "checked_value"])


def check_border_length_gap(answer: Any = ...) -> Feedback:
    """Exercise 3: by how many km does the article's total (east + west) exceed the measured length?"""
    claims = load_table("article_claims").set_index("id")
    gap = border_length_gap()
    measured = claims.loc["border_length_total", "checked_value"]
    return check_number(
        answer, expected=round(gap, 1), tolerance=0.5, unit="km",
        explanation=(
            f"That is {gap / measured:.1%} of the measured {measured:,.1f} km: the article gives "
            "round figures, not a measurement."
        ),
        hint="add the article_value of 'border_length_east' and 'border_length_west', then subtract the "
        "checked_value of 'border_length_total'.",
    )
