"""Checks for the data exercises of chapter 9, what happened next (2015 to today).

Each expected answer is computed here from ``data/`` (the trade series and targets, the
Power of Siberia deliveries, China's trade with Central Asia, the forecasts and the Amur
bridges), never typed in. Every ``check_...`` answers with a sentence.

Example:
    >>> check_year_trade_reached_200(2023)
    Correct: 2023. Trade was 107.76 bn in 2020, the year the target was due; it first passed 200 bn in 2023 (240.11 bn).
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from zhao_course.checks import Feedback, as_number, check_number, check_order, learner_check
from zhao_course.data import load_table, lookup
from zhao_course.scorecard import design_capacity, load_power_of_siberia
from zhao_course.trade import first_year_met, load_trade, trade_in

#: The events of exercise 4, by letter, in no particular order: (table, row id).
EVENTS: dict[str, tuple[str, str]] = {
    "A": ("amur_bridges", "tongjiang_rail"),
    "B": ("forecasts", "gas_contract"),
    "C": ("amur_bridges", "blagoveshchensk_road"),
    "D": ("forecasts", "sreb_eaeu_cooperation"),
}
_TITLES = {
    "A": "The first freight train crosses the railway bridge at Nizhneleninskoye–Tongjiang",
    "B": "Gas starts to flow through the Power of Siberia",
    "C": "The Blagoveshchensk–Heihe road bridge opens",
    "D": "The EAEU and China sign an agreement on trade and economic cooperation",
}


# --------------------------------------------------------------------------- exercise 1
@learner_check
def check_year_trade_reached_200(answer: Any = ...) -> Feedback:
    """Exercise 1: in which year did trade (China's customs) first pass the 2020 target of 200 bn?

    Example:
        >>> check_year_trade_reached_200(2020).correct
        False
        >>> check_year_trade_reached_200(2024).message
        'Not yet: 2024 is too late. Trade had already passed the target by then: look for the first year at or above it.'
    """
    target = lookup("trade_targets", "official_2020")
    year = first_year_met("official_2020")
    due = int(target["by_year"])
    value, _ = as_number(answer, unit="")
    series = load_trade()
    if value is not None and year is not None and value == int(value) and int(value) in series.index and int(value) < year:
        return Feedback(False, f"Not yet: in {int(value)} trade was {trade_in(int(value)):g} bn, still below "
                               f"{float(target['target_usd_bn']):g} bn. Look at the later years.")
    if value is not None and year is not None and value == int(value) and 1000 <= value <= 2200 and int(value) != year:
        later = int(value) > year
        return Feedback(False, f"Not yet: {int(value)} is too {'late' if later else 'early'}. "
                               + ("Trade had already passed the target by then: look for the first year at or above it."
                                  if later else "Look at the later years."))
    explanation = (f"Trade was {trade_in(due):g} bn in {due}, the year the target was due; it first passed "
                   f"{float(target['target_usd_bn']):g} bn in {year} ({trade_in(year):g} bn).")
    result = check_number(
        answer, expected=year, integer=True, explanation=explanation,
        hint="select China's customs rows of china_russia_trade with value_usd_bn >= 200 and take the smallest year.",
    )
    return Feedback(True, f"Correct: {year}. {explanation}") if result.correct else result


# --------------------------------------------------------------------------- exercise 2
def design_gap_2024() -> float:
    """How far 2024's deliveries stayed below the design capacity, bcm (the full rate was due only in 2025).

    Example:
        >>> round(design_gap_2024(), 2)
        6.88
    """
    return design_capacity() - float(load_power_of_siberia().loc[2024])


@learner_check
def check_design_gap_2024(answer: Any = ...) -> Feedback:
    """Exercise 2: how far below the design rate were 2024's deliveries as a whole, in bcm?

    Example:
        >>> check_design_gap_2024(6.88).correct
        True
        >>> check_design_gap_2024("6.88 bcm").correct
        True
        >>> check_design_gap_2024(-6.88).message.startswith("Not yet: -6.88 has the sign reversed")
        True
    """
    gap = design_gap_2024()
    value, _ = as_number(answer, unit="bcm")
    share = 100 * gap / design_capacity()
    if value is not None and abs(value - share) < 0.1:
        return Feedback(False, f"Not yet: {value:g} is the shortfall as a percentage of the capacity. "
                               "The question asks for bcm: subtract the two volumes.")
    if value is not None and abs(value + gap) < 0.005:
        return Feedback(False, f"Not yet: {value:g} has the sign reversed. The question asks how far below the "
                               "capacity 2024's deliveries stayed: subtract the deliveries from the capacity, "
                               "which gives a positive number.")
    return check_number(
        answer, expected=round(gap, 2), tolerance=0.005, unit="bcm",
        explanation=(f"{design_capacity():g} − {float(load_power_of_siberia().loc[2024]):g} = {gap:.2f} bcm. That is not "
                     "a shortfall against the contract: its build-up called for the full rate only in 2025 (in July 2024 "
                     "Russia's deputy prime minister expected 30 bcm for the year), and the pipeline reached it on "
                     "1 December 2024, ahead of that schedule."),
        hint="subtract delivered_bcm of 2024 from design_capacity_bcm.",
    )


# --------------------------------------------------------------------------- exercise 3
def central_asia_growth() -> float:
    """How many times larger China's trade with Central Asia was in 2024 than in 2012.

    Example:
        >>> round(central_asia_growth(), 2)
        2.06
    """
    table = load_table("central_asia_trade").set_index("year")["value_usd_bn"].astype(float)
    return float(table.loc[2024] / table.loc[2012])


@learner_check
def check_central_asia_growth(answer: Any = ...) -> Feedback:
    """Exercise 3: how many times larger was China's trade with Central Asia in 2024 than in 2012?

    Example:
        >>> check_central_asia_growth(2.06).correct
        True
        >>> check_central_asia_growth(106).correct
        False
    """
    ratio = central_asia_growth()
    value, _ = as_number(answer, unit="")
    if value is not None and (abs(value - 100 * ratio) < 1 or abs(value - 100 * (ratio - 1)) < 1):
        return Feedback(False, f"Not yet: {value:g} is a percentage. The question asks for a ratio: "
                               "the 2024 value divided by the 2012 value (a number a little above 2).")
    return check_number(
        answer, expected=ratio, tolerance=0.01,
        explanation=(f"{ratio:.2f} times, by Chinese statistics. Central Asian statistics often give lower "
                     "figures for the same trade."),
        hint="divide value_usd_bn of 2024 by that of 2012 (round to two decimals).",
    )


# --------------------------------------------------------------------------- exercise 4
def events_to_order() -> pd.DataFrame:
    """The four events of exercise 4, by letter, without their dates.

    Example:
        >>> events_to_order()["letter"].tolist()
        ['A', 'B', 'C', 'D']
    """
    return pd.DataFrame({"letter": list(_TITLES), "event": list(_TITLES.values())})


def _event_date(letter: str) -> pd.Timestamp:
    table, row = EVENTS[letter]
    column = "opened" if table == "amur_bridges" else "outcome_date"
    return lookup(table, row, column)


def events_in_order() -> list[str]:
    """The letters of exercise 4 in the order the events happened.

    Example:
        >>> events_in_order()
        ['D', 'B', 'C', 'A']
    """
    return sorted(EVENTS, key=_event_date)


@learner_check
def check_events_order(answer: Any = ...) -> Feedback:
    """Exercise 4: put the four events in order, earliest first, as a list of letters.

    Example:
        >>> check_events_order(["d", "b", "c", "a"]).correct
        True
        >>> check_events_order("D, B, C, A").correct and check_events_order("DBCA").correct
        True
    """
    if answer is ...:
        return Feedback(False, "Not yet. You have not given an answer yet: write the four letters as a list, "
                               "earliest first, e.g. [\"B\", ...].")
    if isinstance(answer, str):
        letters = [part for part in re.split(r"[\s,;]+", answer.strip()) if part]
        if len(letters) == 1 and len(letters[0]) == len(EVENTS) and letters[0].isalpha():
            letters = list(letters[0])  # "DBCA"
        if len(letters) > 1:
            answer = letters
    if isinstance(answer, (list, tuple)) and all(isinstance(item, str) for item in answer):
        answer = [item.strip().upper() for item in answer]
    return check_order(
        answer, events_in_order(), list(EVENTS), noun="letter",
        explanation=("The agreement of May 2018 came first, then the gas in December 2019; both bridges opened in 2022, "
                     "the road bridge in June and the railway bridge in November."),
    )
