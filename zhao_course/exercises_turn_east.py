"""Checks for the data exercises of chapter 3, "Russia Turns to the East".

Every expected answer is computed here from ``data/`` (through :mod:`zhao_course.gdp`),
never typed in. Each ``check_...`` answers with a sentence whatever it is given, and
points out the likely slip behind a wrong number (a ratio the wrong way round, the
article's figures instead of today's, dollars instead of billions).

Example:
    >>> check_year_china_overtook(1993)
    Correct: 1993. China US$444.7 bn against Russia US$435.1 bn; in 1992 it was still US$426.9 bn against US$460.3 bn.
"""
from __future__ import annotations

from typing import Any

from zhao_course.checks import Feedback, as_number, check_choice, check_number, learner_check, shorten
from zhao_course.gdp import article_gdp_2012, closest_release, first_year_ahead, gdp_ratio, gdp_value, releases


def _money(value: float) -> str:
    return f"US${value:,.1f} bn"


def _near(value: float | None, target: float, tolerance: float) -> bool:
    return value is not None and abs(value - target) <= tolerance


# --------------------------------------------------------------------------- exercise 1


def ratio_2012() -> float:
    """China's GDP in 2012 divided by Russia's, in today's World Bank release.

    Example:
        >>> round(ratio_2012(), 2)
        3.86
    """
    ratio = gdp_ratio("CHN", "RUS", 2012)
    assert ratio is not None
    return ratio


@learner_check
def check_ratio_2012(answer: Any = ...) -> Feedback:
    """Exercise 1: how many times Russia's GDP was China's in 2012 (today's figures), to two decimals.

    Example:
        >>> check_ratio_2012(0.26).message.startswith("Not yet: you divided Russia's GDP by China's")
        True
    """
    expected = ratio_2012()
    article = article_gdp_2012()
    article_ratio = article["CHN"] / article["RUS"]
    value, problem = as_number(answer)
    if problem is None and _near(value, 1 / expected, 0.006):
        return Feedback(False, f"Not yet: you divided Russia's GDP by China's ({value:g}). The question asks "
                               "how many times China's is Russia's: divide China's by Russia's.")
    if problem is None and _near(value, article_ratio, 0.006) and not _near(value, expected, 0.01):
        return Feedback(False, f"Not yet: {value:g} is the ratio of the article's figures (an earlier release). "
                               "Use today's table, worldbank_gdp, for 2012.")
    return check_number(
        answer, expected=expected, tolerance=0.01,
        explanation=(f"China {_money(gdp_value('CHN', 2012))} ÷ Russia {_money(gdp_value('RUS', 2012))}. The "
                     f"article's own figures give {article_ratio:.2f}: 'approximately four times' holds either way."),
        hint="select the 2012 rows of CHN and RUS, take value_usd, and divide China's by Russia's.",
    )


# --------------------------------------------------------------------------- exercise 2


@learner_check
def check_year_china_overtook(answer: Any = ...) -> Feedback:
    """Exercise 2: the first year, from 1990, in which China's GDP was larger than Russia's.

    Example:
        >>> check_year_china_overtook(1990).correct
        False
    """
    year = first_year_ahead("CHN", "RUS")
    assert year is not None

    def pair(y: int) -> str:
        return f"China {_money(gdp_value('CHN', y))} against Russia {_money(gdp_value('RUS', y))}"

    value, problem = as_number(answer, unit="")
    if problem is None and value == year:
        return Feedback(True, f"Correct: {year}. {pair(year)}; in {year - 1} it was still "
                              f"{_money(gdp_value('CHN', year - 1))} against {_money(gdp_value('RUS', year - 1))}.")
    if problem is None and value is not None and value == int(value) and 1990 <= value < year:
        return Feedback(False, f"Not yet: in {int(value)} Russia's GDP was still the larger ({pair(int(value))}).")
    if problem is None and value is not None and value == int(value) and year < value <= 2023:
        return Feedback(False, f"Not yet: China was already ahead before {int(value)}. Look for the first year "
                               "in which China's value is the larger one.")
    return check_number(answer, expected=year, integer=True, unit="",
                        explanation=f"{pair(year)}; in {year - 1} it was still {_money(gdp_value('CHN', year - 1))} "
                                    f"against {_money(gdp_value('RUS', year - 1))}.",
                        hint="compare the two columns year by year, e.g. gdp['CHN'] > gdp['RUS'].")


# --------------------------------------------------------------------------- exercise 3


def article_release() -> dict[str, Any]:
    """The release whose Russian figure for 2012 is closest to the article's.

    Example:
        >>> article_release()["vintage_date"]
        '2015-08-16'
    """
    row = closest_release("RUS", 2012, article_gdp_2012()["RUS"])
    return {key: row[key] for key in ("vintage_commit", "vintage_date", "value_bn", "gap_pct")}


def _releases_without_2012() -> set[str]:
    """Commits, dates and years (lower case) of releases in the table that give no Russian figure for 2012."""
    import pandas as pd

    from zhao_course.data import load_table

    vintages = load_table("worldbank_gdp_vintages")
    russia = vintages[vintages["code"] == "RUS"]
    with_2012 = set(russia.loc[russia["year"] == 2012, "vintage_commit"])
    out: set[str] = set()
    for commit, date in russia[["vintage_commit", "vintage_date"]].drop_duplicates().itertuples(index=False):
        if commit not in with_2012:
            day = pd.Timestamp(date)
            out |= {str(commit).casefold(), day.strftime("%Y-%m-%d"), str(day.year)}
    return out


def _one_release(answer: Any) -> Any:
    """A one-element list, Series or array as its element; a date as YYYY-MM-DD; a whole number as int."""
    import datetime

    import numpy as np
    import pandas as pd

    if isinstance(answer, (list, tuple, pd.Series, pd.Index, np.ndarray)) and len(answer) == 1:
        answer = answer.iloc[0] if isinstance(answer, pd.Series) else list(answer)[0]
    if isinstance(answer, (datetime.date, np.datetime64)) and not pd.isna(answer):
        return pd.Timestamp(answer).strftime("%Y-%m-%d")
    if isinstance(answer, (np.integer, np.str_)):
        return answer.item()
    if isinstance(answer, float) and answer.is_integer() and abs(answer) < 1e4:
        return int(answer)
    return answer


@learner_check
def check_article_release(answer: Any = ...) -> Feedback:
    """Exercise 3: which release does the article's Russian figure match? Its commit or its date.

    Example:
        >>> check_article_release("2018-01-14").correct
        False
    """
    answer = _one_release(answer)
    rows = releases("RUS", 2012)
    match = article_release()
    article = article_gdp_2012()["RUS"]
    shown = ", ".join(f"{c!r}" for c in rows["vintage_commit"])
    if answer is ... or answer is None or (isinstance(answer, str) and not answer.strip()):
        return Feedback(False, f"Not yet. You have not given an answer yet: write a release's commit ({shown}) "
                               "or its date, in quotes.")
    without = _releases_without_2012()
    if str(answer).strip().casefold() in without:
        return Feedback(False, f"Not yet: the release {str(answer).strip()!r} holds no figure for 2012 (its copy "
                               "stops at 2011), so the table cannot show whether it matches. Among the releases that give 2012, find the closest.")
    years = rows["vintage_date"].str[:4].tolist()
    if isinstance(answer, int) and not isinstance(answer, bool) and years.count(str(answer)) == 1:
        answer = rows["vintage_date"].iloc[years.index(str(answer))]  # the only release of that year
    if not isinstance(answer, str):
        return Feedback(False, f"Not yet: {shorten(answer)} is not a release. Write the commit or the date of one "
                               f"release, in quotes: one of {shown}.")
    given = answer.strip()
    for _, row in rows.iterrows():
        if given.casefold() in (str(row["vintage_commit"]).casefold(), row["vintage_date"]):
            gap = 100 * (row["value_bn"] - article) / article
            if row["vintage_commit"] == match["vintage_commit"]:
                return Feedback(True, (
                    f"Correct. The release of {row['vintage_date']} gives {_money(row['value_bn'])}, "
                    f"{abs(gap):.2f}% from the article's {_money(article)}: it is the release of the article's time. "
                    "The article was right when written; the World Bank has revised the figure since."))
            return Feedback(False, (
                f"Not yet: the release of {row['vintage_date']} gives {_money(row['value_bn'])}, "
                f"{abs(gap):.1f}% from the article's {_money(article)}. Look for the release whose value is closest."))
    return Feedback(False, f"Not yet: {shorten(given)} is not a release of Russia's 2012 GDP in the table. "
                           f"Write one of the commits {shown}, or its date as YYYY-MM-DD.")


# --------------------------------------------------------------------------- exercise 4


def revision_since_article() -> float:
    """Today's value of Russia's 2012 GDP minus the article's, in US$ billions.

    Example:
        >>> round(revision_since_article(), 1)
        191.3
    """
    today = gdp_value("RUS", 2012)
    assert today is not None
    return today - article_gdp_2012()["RUS"]


@learner_check
def check_revision(answer: Any = ...) -> Feedback:
    """Exercise 4: by how many US$ billions has Russia's 2012 GDP been revised since the article?

    Taking the matching release's value instead of the article's rounded one is right too.

    Example:
        >>> check_revision(192.2).correct and check_revision(191.3).correct
        True
    """
    expected = revision_since_article()
    value, problem = as_number(answer, unit="billion")
    if problem is None and value is not None:
        if _near(value, -expected, 1.0):
            return Feedback(False, "Not yet: you subtracted the other way. Today's value minus the article's "
                                   "is positive: the World Bank revised the figure up.")
        if _near(value, expected * 1e9, 1.0e9):
            return Feedback(False, "Not yet: that is in dollars. The question asks for billions of dollars: divide by 1e9.")
        if _near(value, 100 * expected / article_gdp_2012()["RUS"], 0.1):
            return Feedback(False, "Not yet: that is the revision as a percentage. The question asks for "
                                   "billions of US dollars.")
    today = gdp_value("RUS", 2012)
    return check_number(
        answer, expected=expected, tolerance=1.0, unit="billion",
        explanation=(f"Today's {_money(today)} against the article's {_money(article_gdp_2012()['RUS'])}: "
                     f"{100 * expected / article_gdp_2012()['RUS']:.1f}% more. A later release raised the "
                     "figure; the article did not get it wrong."),
        hint="today's value is in worldbank_gdp (RUS, 2012); divide it by 1e9 and subtract 2017.",
    )


# --------------------------------------------------------------------------- exercise 5

#: The options of exercise 5 and the feedback each earns.
GNP_OPTIONS: dict[str, str] = {
    "A": ("A slip of terminology that does not touch the argument: the figures are the World Bank's GDP, "
          "and the point, China's economy about four times Russia's, is the same whichever name they carry."),
    "B": ("Not yet. It is a slip, but it does not change the argument: Zhao compares the size of the two "
          "economies, and the ratio comes from the same World Bank GDP figures."),
    "C": ("Not yet. An error of substance would be a wrong figure or fact; the figures are right for the "
          "release of the time. Only the name of the measure is wrong."),
    "D": ("Not yet. The figures are right for the release of the time, so nothing of substance is wrong, "
          "and the ratio that carries the argument does not depend on the name."),
}


@learner_check
def check_gnp_slip(answer: Any = ...) -> Feedback:
    """Exercise 5: the article calls World Bank GDP 'GNP'. What kind of mistake, and does it matter?

    Example:
        >>> check_gnp_slip("a").correct
        True
    """
    return check_choice(answer, GNP_OPTIONS, expected="A")
