"""Checks for the data exercises of chapter 8, the article's Conclusion.

Each expected answer is computed here from ``data/forecasts.csv`` and
``data/eurasian_integration.csv`` (never typed in). Every ``check_...`` answers with a
sentence, whatever it is given.

Example:
    >>> check_years_oil_to_gas(8)
    Correct: 8 years. Commercial oil deliveries to China began on 1 January 2011 (the branch itself was completed in 2010); gas followed on 2 December 2019.
"""
from __future__ import annotations

from typing import Any

from zhao_course.checks import Feedback, as_number, check_ids, check_number, learner_check
from zhao_course.data import lookup
from zhao_course.scorecard import STATUS_LABELS, load_forecasts, projects
from zhao_course.style import format_date
from zhao_course.trade import trade_in

_SCALE = {"on_paper": 0, "under_way": 1, "realised": 2}


# --------------------------------------------------------------------------- exercise 1
def projects_moved_up() -> list[str]:
    """Projects whose status rose on the scale on paper < under way < realised between 2015 and now.

    A project the course has not checked (``not_checked``) has not moved up.

    Example:
        >>> projects_moved_up()
        ['gas_contract', 'rail_bridge']
    """
    table = projects()
    moved = [row["id"] for _, row in table.iterrows()
             if row["status_now"] in _SCALE and _SCALE[row["status_now"]] > _SCALE.get(row["status_2015"], 99)]
    return moved


@learner_check
def check_projects_moved(answer: Any = ...) -> Feedback:
    """Exercise 1: which projects moved up the scale between 2015 and now? A list of ids.

    Example:
        >>> check_projects_moved(["gas_contract", "rail_bridge"]).correct
        True
        >>> check_projects_moved(["gas_contract", "sreb_eaeu_cooperation"]).message.startswith(
        ...     "Not yet: 'sreb_eaeu_cooperation' is a row of the table, but its kind is 'forecast'")
        True
        >>> check_projects_moved(["gas_contract"]).correct
        False
    """
    table = projects()
    valid = table["id"].tolist()
    expected = projects_moved_up()
    unmoved = {row["id"]: row for _, row in table.iterrows() if row["id"] not in expected}
    if isinstance(answer, (list, tuple)) and all(isinstance(item, str) for item in answer):
        kinds = dict(zip(load_forecasts()["id"], load_forecasts()["kind"]))
        for item in answer:
            kind = kinds.get(item.strip())
            if kind is not None and item.strip() not in valid:
                return Feedback(False, f"Not yet: {item.strip()!r} is a row of the table, but its kind is {kind!r}, "
                                       "not a project or a plan: the question keeps only the rows whose kind is "
                                       "'plan' or 'project'.")
            row = unmoved.get(item.strip())
            if row is not None:
                before, now = STATUS_LABELS[row["status_2015"]].lower(), STATUS_LABELS[row["status_now"]].lower()
                why = ("'not checked' means the course has not measured it, which is not a step up"
                       if row["status_now"] == "not_checked" else "it did not climb")
                return Feedback(False, f"Not yet: {item.strip()!r} went from {before} to {now}: {why}. "
                                       "Look again at the two status columns of each row.")
    return check_ids(
        answer, expected, valid,
        explanation=("The gas pipeline and the railway bridge were both being built in 2015 and now carry gas and "
                     "trains. The development zones did not climb: the first three were approved in June 2015, so "
                     "they were under way when the article appeared, and they still are. The oil pipeline "
                     "could not climb: it was realised already."),
    )


# --------------------------------------------------------------------------- exercise 2
def years_oil_to_gas() -> int:
    """Whole years (difference of the years) from the first oil through the pipeline to the first gas.

    Example:
        >>> years_oil_to_gas()
        8
    """
    oil = lookup("forecasts", "oil_pipeline", "outcome_date")
    gas = lookup("forecasts", "gas_contract", "outcome_date")
    return int(gas.year - oil.year)


@learner_check
def check_years_oil_to_gas(answer: Any = ...) -> Feedback:
    """Exercise 2: how many years after the first oil did the first gas reach China?

    Example:
        >>> check_years_oil_to_gas("8 years").correct
        True
        >>> check_years_oil_to_gas(4).correct
        False
        >>> check_years_oil_to_gas(9).message.startswith("Not yet: 9 counts from 2010")
        True
    """
    oil, gas = lookup("forecasts", "oil_pipeline"), lookup("forecasts", "gas_contract")
    value, _ = as_number(answer, unit="years")
    expected = years_oil_to_gas()
    if value is not None and value == expected + 1:
        return Feedback(False, f"Not yet: {value:g} counts from 2010, when the branch was completed, or rounds the "
                               f"{(gas['outcome_date'] - oil['outcome_date']).days / 365.25:.1f} years between the two days. "
                               "The question starts from the first commercial oil (the outcome_date of oil_pipeline) "
                               "and asks for the difference of the two calendar years.")
    return check_number(
        answer, expected=years_oil_to_gas(), integer=True, unit="years",
        explanation=(f"Commercial oil deliveries to China began on {format_date(oil['outcome_date'], oil['outcome_date_precision'])} "
                     "(the branch itself was completed in 2010); "
                     f"gas followed on {format_date(gas['outcome_date'], gas['outcome_date_precision'])}."),
        hint="subtract the year of oil_pipeline's outcome_date from the year of gas_contract's.",
    )


# --------------------------------------------------------------------------- exercise 3
def years_statement_to_agreement() -> int:
    """Whole years from the SREB–EAEU joint statement to the EAEU–China agreement.

    Example:
        >>> years_statement_to_agreement()
        3
    """
    statement = lookup("eurasian_integration", "sreb_eaeu_statement_2015", "date")
    agreement = lookup("forecasts", "sreb_eaeu_cooperation", "outcome_date")
    return int(agreement.year - statement.year)


@learner_check
def check_years_statement_to_agreement(answer: Any = ...) -> Feedback:
    """Exercise 3: how many years from the joint statement of May 2015 to the EAEU–China agreement?

    Example:
        >>> check_years_statement_to_agreement(3).correct
        True
    """
    statement = lookup("eurasian_integration", "sreb_eaeu_statement_2015")
    agreement = lookup("forecasts", "sreb_eaeu_cooperation")
    return check_number(
        answer, expected=years_statement_to_agreement(), integer=True, unit="years",
        explanation=(f"The joint statement of {format_date(statement['date'], statement['date_precision'])}; the "
                     f"agreement signed on {format_date(agreement['outcome_date'], agreement['outcome_date_precision'])}. "
                     f"{years_statement_to_agreement()} years to an agreement whose 13 chapters range from customs and trade "
                     "facilitation to intellectual property, procurement, e-commerce and competition, but which cuts no "
                     "import duties (it is not a free-trade agreement). How far that counts as the cooperation the "
                     "Conclusion foresaw is a judgement: chapter 9 asks for yours."),
        hint="subtract the year of the statement's date (eurasian_integration) from the year of the agreement (forecasts).",
    )


# --------------------------------------------------------------------------- exercise 4
#: The year of the Western sanctions the Conclusion mentions, and the last full year in the trade table.
SANCTIONS_YEAR, LAST_YEAR = 2014, 2024


def trade_growth_since_sanctions() -> float:
    """How many times larger China–Russia trade (China's customs) was in 2024 than in 2014.

    Example:
        >>> round(trade_growth_since_sanctions(), 2)
        2.57
    """
    return trade_in(LAST_YEAR) / trade_in(SANCTIONS_YEAR)


@learner_check
def check_trade_growth_since_sanctions(answer: Any = ...) -> Feedback:
    """Exercise 4: how many times larger was trade in 2024 than in 2014? A ratio to two decimals.

    Example:
        >>> check_trade_growth_since_sanctions(2.57).correct
        True
        >>> check_trade_growth_since_sanctions(257).correct
        False
        >>> check_trade_growth_since_sanctions(2.6).message
        'Not yet: 2.6 is the ratio rounded to one decimal. Round it to two decimals.'
        >>> check_trade_growth_since_sanctions(2.56).correct
        False
    """
    ratio = trade_growth_since_sanctions()
    value, _ = as_number(answer, unit="")
    if value is not None and (abs(value - 100 * ratio) < 1 or abs(value - 100 * (ratio - 1)) < 1):
        return Feedback(False, f"Not yet: {value:g} is a percentage. The question asks for a ratio: the value of "
                               f"{LAST_YEAR} divided by the value of {SANCTIONS_YEAR}.")
    if value is not None and abs(value - 1 / ratio) < 0.01:
        return Feedback(False, f"Not yet: {value:g} is the ratio the wrong way round: divide {LAST_YEAR} by {SANCTIONS_YEAR}.")
    if value is not None and value == round(ratio, 1) and abs(value - ratio) > 0.006:
        return Feedback(False, f"Not yet: {value:g} is the ratio rounded to one decimal. Round it to two decimals.")
    return check_number(
        answer, expected=ratio, tolerance=0.006,
        explanation=(f"{trade_in(LAST_YEAR):g} ÷ {trade_in(SANCTIONS_YEAR):g} = {ratio:.2f}. The Conclusion expected the "
                     "sanctions to give Russia a new reason to trade with China. The two end points fit that expectation, "
                     f"but the path between does not: trade fell to about {trade_in(2015):g} bn in 2015 and "
                     f"{trade_in(2016):g} bn in 2016, passed the level of {SANCTIONS_YEAR} only in 2018, and most of "
                     "the rise came after the far wider sanctions imposed from February 2022, after Russia's full-scale "
                     "invasion of Ukraine. The figures do not show the cause."),
        hint=f"divide value_usd_bn of {LAST_YEAR} by that of {SANCTIONS_YEAR} (China's customs rows), to two decimals.",
    )
