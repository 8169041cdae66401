"""Checks for the data exercises of chapter 3, "Russia Turns to the East".

Every expected answer is computed here from ``data/`` (through :mod:`zhao_course.gdp`),
never typed in. Each ``check_...`` answers with a sentence whatever it is given, and
points out the likely slip behind a wrong number (a ratio the wrong way round, the
article's figures instead of the table's, dollars instead of billions). "The table" is the
World Bank's series as copied in October 2024 (data/worldbank_gdp.csv).

Example:
    >>> check_year_china_overtook(1992).message
    "Not yet: in 1992 Russia's GDP was still the larger (China US$426.9 bn against Russia US$460.3 bn)."
"""
from __future__ import annotations

import math
import re
from typing import Any

from zhao_course.checks import Feedback, as_number, check_choice, check_number, learner_check, shorten
from zhao_course.gdp import article_gdp_2012, copies_against_article, first_year_ahead, gdp_ratio, gdp_table, gdp_value


def _money(value: float) -> str:
    return f"US${value:,.1f} bn"


def _near(value: float | None, target: float, tolerance: float) -> bool:
    return value is not None and abs(value - target) <= tolerance


# --------------------------------------------------------------------------- exercise 1


def ratio_2012() -> float:
    """China's GDP in 2012 divided by Russia's, in the World Bank's figures as copied in October 2024.

    Example:
        >>> round(ratio_2012(), 2)
        3.86
    """
    ratio = gdp_ratio("CHN", "RUS", 2012)
    assert ratio is not None
    return ratio


@learner_check
def check_ratio_2012(answer: Any = ...) -> Feedback:
    """Exercise 1: how many times China's GDP was Russia's in 2012 (the table's figures), to two decimals.

    Any answer that rounds to the right two decimals passes (3.86, 3.864, the unrounded
    ratio); 3.85 and 3.87 do not.

    Example:
        >>> check_ratio_2012(0.26).message.startswith("Not yet: you divided Russia's GDP by China's")
        True
        >>> check_ratio_2012(3.87).correct
        False
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
                               "Use the table worldbank_gdp, for 2012.")
    return check_number(
        answer, expected=expected, tolerance=0.005,
        explanation=(f"China {_money(gdp_value('CHN', 2012))} ÷ Russia {_money(gdp_value('RUS', 2012))}. The "
                     f"article's own figures give {article_ratio:.2f}: 'approximately four times' holds either way."),
        hint="select the 2012 rows of CHN and RUS, take value_usd, and divide China's by Russia's.",
    )


# --------------------------------------------------------------------------- exercise 2


@learner_check
def check_year_china_overtook(answer: Any = ...) -> Feedback:
    """Exercise 2: the first year, from 1990, in which China's GDP was larger than Russia's (in the table).

    Example:
        >>> check_year_china_overtook(1990).correct
        False
        >>> check_year_china_overtook(2024).message
        'Not yet: the table ends in 2023, and China was already ahead long before. Look from 1990 on.'
    """
    year = first_year_ahead("CHN", "RUS")
    assert year is not None
    last = int(gdp_table().index.max())

    def pair(y: int) -> str:
        return f"China {_money(gdp_value('CHN', y))} against Russia {_money(gdp_value('RUS', y))}"

    value, problem = as_number(answer, unit="")
    whole = problem is None and value is not None and math.isfinite(value) and value == int(value)
    if whole and value == year:
        return Feedback(True, f"Correct: {year}, in the World Bank's series. {pair(year)}; in {year - 1} it was "
                              f"still {_money(gdp_value('CHN', year - 1))} against {_money(gdp_value('RUS', year - 1))}. "
                              "The dollar values of these years depend on how roubles and yuan were converted.")
    if whole and 1990 <= value < year:
        return Feedback(False, f"Not yet: in {int(value)} Russia's GDP was still the larger ({pair(int(value))}).")
    if whole and year < value <= last:
        return Feedback(False, f"Not yet: China was already ahead before {int(value)}. Look for the first year "
                               "in which China's value is the larger one.")
    if whole and 1000 <= value < 1990:
        return Feedback(False, f"Not yet: {int(value)} is before 1990; the question starts in 1990.")
    if whole and last < value < 10000:
        return Feedback(False, f"Not yet: the table ends in {last}, and China was already ahead long before. "
                               "Look from 1990 on.")
    return check_number(answer, expected=year, integer=True, unit="",
                        explanation=f"{pair(year)}.",
                        hint=("put the countries side by side with gdp.pivot(index='year', columns='code', "
                              "values='value_usd'), then compare the CHN and RUS columns."))


# --------------------------------------------------------------------------- exercise 3


def japan_ratio() -> tuple[int, float]:
    """The table's last year and Japan's GDP divided by Russia's in it.

    Example:
        >>> year, ratio = japan_ratio()
        >>> year, round(ratio, 2)
        (2023, 2.08)
    """
    year = int(gdp_table().index.max())
    ratio = gdp_ratio("JPN", "RUS", year)
    assert ratio is not None
    return year, ratio


@learner_check
def check_japan_ratio(answer: Any = ...) -> Feedback:
    """Exercise 3: how many times Japan's GDP was Russia's in the table's last year, to two decimals.

    Example:
        >>> check_japan_ratio(0.48).message.startswith("Not yet: you divided Russia's GDP by Japan's")
        True
        >>> check_japan_ratio(2.08).correct
        True
    """
    year, expected = japan_ratio()
    value, problem = as_number(answer)
    if problem is None and _near(value, 1 / expected, 0.006):
        return Feedback(False, f"Not yet: you divided Russia's GDP by Japan's ({value:g}). The question asks how "
                               "many times Japan's is Russia's: divide Japan's by Russia's.")
    for other in (2012, year - 1):
        ratio = gdp_ratio("JPN", "RUS", other)
        if problem is None and ratio is not None and _near(value, ratio, 0.006) and not _near(value, expected, 0.01):
            return Feedback(False, f"Not yet: {value:g} is the ratio for {other}. Use the rows of {year}.")
    china = gdp_ratio("CHN", "RUS", year)
    return check_number(
        answer, expected=expected, tolerance=0.005,
        explanation=(f"Japan {_money(gdp_value('JPN', year))} ÷ Russia {_money(gdp_value('RUS', year))}. "
                     f"China's was {china:.2f} times Russia's that year: Russia's two largest Asian neighbours "
                     "both have larger economies than its own."),
        hint=f"select the {year} rows of JPN and RUS, take value_usd, and divide Japan's by Russia's.",
    )


# --------------------------------------------------------------------------- exercise 4

#: How close (per cent) a copy's value must be to the article's figure to count as its source.
MATCH_TOLERANCE_PCT = 1.0
#: Answers that say "no copy matches".
NO_COPY = {"none", "no copy", "no copies", "neither", "no one", "nothing", "no match", "none of them"}


def article_copy() -> str:
    """What exercise 4 expects: the commit of the copy that gives both 2012 figures, or 'none'.

    Example:
        >>> article_copy()
        'none'
    """
    table = copies_against_article(MATCH_TOLERANCE_PCT)
    matching = table.loc[table["matches_both"], "vintage_commit"].tolist()
    return str(matching[0]) if matching else "none"


def _copy_names() -> dict[str, dict[str, Any]]:
    """Every copy in the vintages table by commit and by date (lower case): its commit, date, status, years."""
    import pandas as pd

    from zhao_course.data import load_table

    vintages = load_table("worldbank_gdp_vintages")
    out: dict[str, dict[str, Any]] = {}
    for commit, rows in vintages.groupby("vintage_commit", sort=False):
        date = pd.Timestamp(rows["vintage_date"].iloc[0]).strftime("%Y-%m-%d")
        info = {"commit": str(commit), "date": date, "status": rows["copy_status"].iloc[0],
                "last_year": int(rows["year"].max())}
        out[str(commit).casefold()] = out[date] = info
    return out


def _one_answer(answer: Any) -> Any:
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


def _month_or_year(answer: Any, names: dict[str, dict[str, Any]]) -> Any:
    """'2015' as 2015; 'August 2015' or '2015-08' as the date of the one copy of that month; else unchanged."""
    import pandas as pd

    if not isinstance(answer, str) or len(answer) > 40:
        return answer
    text = answer.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or not re.search(r"\d{4}", text):
        return answer
    try:
        month = pd.Timestamp(text).strftime("%Y-%m")
    except (ValueError, OverflowError):
        return answer
    dates = [key for key in names if len(key) == 10 and key.startswith(month)]
    return dates[0] if len(dates) == 1 else answer


@learner_check
def check_article_copy(answer: Any = ...) -> Feedback:
    """Exercise 4: which copy gives BOTH of the article's 2012 figures (within 1 %)? A commit, or 'none'.

    Example:
        >>> check_article_copy("1f0eaba").correct
        False
        >>> check_article_copy("None").correct
        True
    """
    answer = _one_answer(answer)
    table = copies_against_article(MATCH_TOLERANCE_PCT)
    expected = article_copy()
    shown = ", ".join(repr(c) for c in table["vintage_commit"])
    if answer is ...:
        return Feedback(False, f"Not yet. You have not given an answer yet: write the commit of a copy ({shown}) "
                               "in quotes, or 'none' if no copy gives both figures.")
    if answer is None:
        return Feedback(False, "Not yet: None is Python's empty value. If you mean that no copy gives both "
                               "figures, write 'none' in quotes.")
    names = _copy_names()
    answer = _month_or_year(answer, names)
    if isinstance(answer, int) and not isinstance(answer, bool):
        dates = [key for key in names if key[:4] == str(answer) and len(key) == 10]
        if len(dates) == 1:
            answer = dates[0]
        elif dates:
            return Feedback(False, f"Not yet: more than one copy was made in {answer}; write its commit in quotes.")
    if not isinstance(answer, str) or not answer.strip():
        return Feedback(False, f"Not yet: {shorten(answer)} is not a copy. Write the commit of one copy in quotes "
                               f"(one of {shown}), or 'none'.")
    given = answer.strip().casefold()
    article = article_gdp_2012()
    if given in NO_COPY or given.rstrip(".") in NO_COPY:
        if expected != "none":
            row = table[table["vintage_commit"] == expected].iloc[0]
            return Feedback(False, f"Not yet: the copy {expected!r} ({row['vintage_date']}) gives both figures "
                                   f"within {MATCH_TOLERANCE_PCT:g} %.")
        best = table.loc[table["gap_RUS_pct"].abs().idxmin()]
        return Feedback(True, (
            f"Correct: no copy in the table gives both. Russia's {_money(article['RUS'])} matches the copy of "
            f"{best['vintage_date']} ({abs(best['gap_RUS_pct']):.2f} % off), but that copy gives China "
            f"{_money(best['CHN'])}, {abs(best['gap_CHN_pct']):.1f} % from the article's {_money(article['CHN'])}; "
            "and the copies of 2012 and 2013 stop at 2011. The pair comes from a release the repository "
            "did not copy, most probably of 2013-14."))
    if given not in names:
        return Feedback(False, f"Not yet: {shorten(answer.strip())} is not a copy in the table. Write one of "
                               f"{shown} in quotes, or 'none'.")
    info = names[given]
    if info["status"] != "ok":
        return Feedback(False, f"Not yet: {info['commit']!r} ({info['date']}) is the broken upload, replaced the "
                               "next day; it is left out. Test the other copies.")
    if info["commit"] not in set(table["vintage_commit"]):
        return Feedback(False, f"Not yet: the copy {info['commit']!r} ({info['date']}) stops at "
                               f"{info['last_year']}, so it gives no 2012 figures to test.")
    row = table[table["vintage_commit"] == info["commit"]].iloc[0]
    if info["commit"] == expected:
        return Feedback(True, f"Correct: the copy {expected!r} gives both figures within {MATCH_TOLERANCE_PCT:g} %.")
    return Feedback(False, (
        f"Not yet: the copy {info['commit']!r} ({info['date']}) gives Russia {_money(row['RUS'])} "
        f"({row['gap_RUS_pct']:+.2f} %) and China {_money(row['CHN'])} ({row['gap_CHN_pct']:+.1f} %). "
        f"Both must be within {MATCH_TOLERANCE_PCT:g} % of the article's figures."))


# --------------------------------------------------------------------------- exercise 5


def _money_text(answer: Any) -> Any:
    """'$191.3bn' or 'US$ 191.3 billion' as '191.3 billion'; anything else unchanged."""
    if isinstance(answer, str) and len(answer) <= 100:
        text = re.sub(r"^\s*(US\$|USD|\$)\s*", "", answer)
        return re.sub(r"(?<=\d)\s*bn\b", " billion", text)
    return answer


def revision_since_article() -> float:
    """The table's value of Russia's 2012 GDP (copy of October 2024) minus the article's, in US$ billions.

    Example:
        >>> round(revision_since_article(), 1)
        191.3
    """
    today = gdp_value("RUS", 2012)
    assert today is not None
    return today - article_gdp_2012()["RUS"]


@learner_check
def check_revision(answer: Any = ...) -> Feedback:
    """Exercise 5: by how many US$ billions has Russia's 2012 GDP been revised since the article?

    Taking the 2015 copy's value (which matches the article's Russian figure) instead of the
    article's rounded one is right too, and so is a text such as "$191.3bn".

    Example:
        >>> check_revision(192.2).correct and check_revision("US$191.3bn").correct
        True
    """
    expected = revision_since_article()
    answer = _money_text(answer)
    value, problem = as_number(answer, unit="billion")
    if problem is None and value is not None:
        if _near(value, -expected, 1.0):
            return Feedback(False, "Not yet: you subtracted the other way. The table's value minus the article's "
                                   "is positive: the World Bank revised the figure up.")
        if _near(value, expected * 1e9, 1.0e9):
            return Feedback(False, "Not yet: that is in dollars. The question asks for billions of dollars: divide by 1e9.")
        if _near(value, 100 * expected / article_gdp_2012()["RUS"], 0.1):
            return Feedback(False, "Not yet: that is the revision as a percentage. The question asks for "
                                   "billions of US dollars.")
    today = gdp_value("RUS", 2012)
    assert today is not None
    return check_number(
        answer, expected=expected, tolerance=1.0, unit="billion",
        explanation=(f"The table's {_money(today)} against the article's {_money(article_gdp_2012()['RUS'])}: "
                     f"{100 * expected / article_gdp_2012()['RUS']:.1f}% more. Later releases raised the "
                     "figure; the article did not get it wrong."),
        hint="the table's value is in worldbank_gdp (RUS, 2012); divide it by 1e9 and subtract 2017.",
    )


# --------------------------------------------------------------------------- exercise 6

#: The options of exercise 6 and the feedback each earns.
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
    """Exercise 6: the article calls World Bank GDP 'GNP'. What kind of mistake, and does it matter?

    Example:
        >>> check_gnp_slip("a").correct
        True
    """
    return check_choice(answer, GNP_OPTIONS, expected="A")


# --------------------------------------------------------------------------- exercise 7

#: The options of exercise 7 (two statements by Putin in 2000) and the feedback each earns.
TWO_SOURCES_OPTIONS: dict[str, str] = {
    "A": ("Not yet. Nothing here shows the first quotation is false: the course has not read the Xinhua "
          "report, and the November article does not deny it. Two statements can both be genuine."),
    "B": ("Not yet. One article before a summit does not make a turn: Zhao's point is about what Russian "
          "diplomacy did, and it kept its core in Europe for years after 2000, as he argues."),
    "C": ("Correct. Each statement was made to an audience: the November article was written for Asia-Pacific "
          "readers before the APEC forum, months after Putin had spoken of Russia as a European country to "
          "European readers. One quotation is thin evidence "
          "for a country's orientation; Zhao's claim needs other evidence too, such as trade or diplomatic practice."),
    "D": ("Not yet. There is no sign of a translation error: 'European country' and 'Eurasian country' are "
          "two different claims, and the kremlin.ru text of November says 'Eurasian'."),
}


@learner_check
def check_two_sources(answer: Any = ...) -> Feedback:
    """Exercise 7: Putin in May 2000 ('a European country') and in November 2000 ('a Eurasian country').

    Example:
        >>> check_two_sources("c").correct
        True
    """
    return check_choice(answer, TWO_SOURCES_OPTIONS, expected="C")
