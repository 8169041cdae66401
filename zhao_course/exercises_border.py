"""Checks for the data exercises of chapter 1, "Border Disputes No Longer Obstacles".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. The chapter calls one ``check_...`` function after each
exercise; every one of them answers with a sentence, whatever it is given.

Example:
    >>> check_years_of_talks(41)
    Correct: 41 years. From the first talks (February 1964) to the exchange of ratifications (2 June 2005).
"""
from __future__ import annotations

from typing import Any

from zhao_course.checks import Feedback, as_number, check_choice, check_ids, check_number, check_order, learner_check, shorten
from zhao_course.data import load_table, lookup
from zhao_course.style import format_date

#: The settlement's steps the ordering exercise asks about, listed alphabetically so
#: that the list itself gives nothing away.
SETTLEMENT_STEPS: tuple[str, ...] = (
    "demarcation_1997",
    "eastern_agreement_1991",
    "ratification_2005",
    "supplementary_2004",
    "treaty_2001",
    "western_agreement_1994",
)

#: Places on the map that the 1991 agreement left open (gazetteer ids).
OPEN_IN_1991: tuple[str, ...] = ("abagaitu", "heixiazi", "yinlong")


# --------------------------------------------------------------------------- exercise 1


def years_of_talks() -> int:
    """Whole years from the first border talks to the exchange of ratifications.

    Example:
        >>> years_of_talks()
        41
    """
    start = lookup("border_timeline", "talks_1964_open", "date")
    end = lookup("border_timeline", "ratification_2005", "date")
    return int(end.year - start.year)


@learner_check
def check_years_of_talks(answer: Any = ...) -> Feedback:
    """Exercise 1: how many years from the first talks to the exchange of ratifications?

    Example:
        >>> check_years_of_talks(40).correct
        False
    """
    start = lookup("border_timeline", "talks_1964_open")
    end = lookup("border_timeline", "ratification_2005")
    return check_number(
        answer, expected=years_of_talks(), integer=True, unit="years",
        explanation=(
            f"From the first talks ({format_date(start['date'], start['date_precision'])}) to the exchange "
            f"of ratifications ({format_date(end['date'], end['date_precision'])})."
        ),
        hint="subtract the year of 'talks_1964_open' from the year of 'ratification_2005' (a date's .year).",
    )


# --------------------------------------------------------------------------- exercise 2

#: What each choice in exercise 2 means, and the feedback it earns.
TALKS_OPTIONS: dict[str, str] = {
    "border": (
        "Not yet. That is what the article says, but read the two outside sources: the border talks had "
        "stopped meeting in 1978, before the Soviet intervention in Afghanistan (December 1979)."
    ),
    "normalisation": "",  # the right answer: its feedback is the explanation below
    "both": (
        "Not yet. Only one set of talks was running in 1979: the border talks had already lapsed in 1978, "
        "so there was nothing left to break off."
    ),
}


def talks_broken_off_after_afghanistan() -> str:
    """Which talks China broke off after the Soviet intervention in Afghanistan (exercise 2).

    Read from the timeline: if the border talks had lapsed before the normalisation talks
    were suspended (January 1980, after the Soviet intervention of December 1979), only
    the normalisation talks were left to break off.

    Example:
        >>> talks_broken_off_after_afghanistan()
        'normalisation'
    """
    lapse = lookup("border_timeline", "talks_1978_lapse", "date")
    suspended = lookup("border_timeline", "normalisation_1980_suspended", "date")
    return "normalisation" if lapse.year < suspended.year - 1 else "border"


@learner_check
def check_talks_broken_off(answer: Any = ...) -> Feedback:
    """Exercise 2: which talks did China break off after the invasion of Afghanistan?

    Answer ``"border"``, ``"normalisation"`` or ``"both"``.

    Example:
        >>> check_talks_broken_off("border").correct
        False
    """
    lapse = lookup("border_timeline", "talks_1978_lapse")
    suspended = lookup("border_timeline", "normalisation_1980_suspended")
    explanation = (
        f"The border talks of 1969 lapsed in {format_date(lapse['date'], lapse['date_precision'])}; "
        f"what China suspended in {format_date(suspended['date'], suspended['date_precision'])} were the "
        "separate talks on normalising relations. The article folds the two together: an error of "
        "substance about dates, though it does not change its argument that the border talks only "
        "succeeded after Gorbachev's turn."
    )
    return check_choice(answer, options=TALKS_OPTIONS, expected=talks_broken_off_after_afghanistan(),
                        explanation=explanation)


# --------------------------------------------------------------------------- exercise 3


def border_count_gap() -> float:
    """Kilometres between the Chinese official length ("over 4,300 km") and the Russian one.

    Example:
        >>> round(border_count_gap(), 1)
        90.7
    """
    chinese = lookup("article_claims", "border_length_main", "checked_value")
    russian = lookup("article_claims", "border_length_total", "checked_value")
    return float(chinese - russian)


@learner_check
def check_border_count_gap(answer: Any = ...) -> Feedback:
    """Exercise 3: how many km separate the Chinese and the Russian official lengths?

    Example:
        >>> check_border_count_gap(90.7).correct
        True
        >>> check_border_count_gap(140.7).correct
        False
    """
    gap = border_count_gap()
    west = lookup("article_claims", "border_length_west", "article_value")
    russian = lookup("article_claims", "border_length_total", "checked_value")
    value, _ = as_number(answer, unit="km")
    if value is not None and abs(value - (gap + west)) < 0.05:
        return Feedback(False, (
            f"Not yet: {gap + west:g} km adds the article's {west:g} km in the west to the Chinese figure. "
            "Compare the two official counts alone: the Chinese 'over 4,300 km' and the Russian total."
        ))
    return check_number(
        answer, expected=round(gap, 1), tolerance=0.05, unit="km",
        explanation=(
            f"The Chinese count is at least {gap:.1f} km longer than the Russian {russian:,.1f} km "
            "('over' 4,300 km is a lower bound). Two governments measuring the same line by different "
            "methods: not an error of the author, who gives his own side's official figure."
        ),
        hint="subtract the checked_value of 'border_length_total' from the checked_value of 'border_length_main'.",
    )


# --------------------------------------------------------------------------- exercise 4


def open_places_numbers() -> list[int]:
    """The numbers that the numbered map gives the three places left open in 1991.

    Example:
        >>> len(open_places_numbers())
        3
    """
    from zhao_course.maps import numbered_places

    numbered = numbered_places()
    return sorted(int(n) for n in numbered.loc[numbered["id"].isin(OPEN_IN_1991), "number"])


@learner_check
def check_open_places_on_map(answer: Any = ...) -> Feedback:
    """Exercise 4: the numbers, on the numbered map, of the places left open in 1991.

    Example:
        >>> check_open_places_on_map(open_places_numbers()).correct
        True
    """
    from zhao_course.maps import numbered_places

    numbered = numbered_places()
    by_number = {str(int(n)): i for n, i in zip(numbered["number"], numbered["id"])}
    if answer is None or answer is ... or (isinstance(answer, str) and not answer.strip()):
        return Feedback(False, "Not yet. You have not given an answer yet: write a list of the numbers you read "
                        "on the map, e.g. [1, 2, 3].")
    given = answer
    if isinstance(answer, (int, str)) and not isinstance(answer, bool):
        given = [answer]
    if isinstance(given, (list, tuple, set)):
        ids = []
        for item in given:
            key = str(item).strip()
            if isinstance(item, bool) or key not in by_number:
                return Feedback(False, (
                    f"Not yet: {shorten(item)} is not one of the map's numbers. Give the numbers you see on the map, "
                    f"from 1 to {len(by_number)}, e.g. [2, 5, 9]."
                ))
            ids.append(by_number[key])
        given = ids
    names = [lookup("gazetteer", place, "name_en") for place in OPEN_IN_1991]
    return check_ids(given, OPEN_IN_1991, by_number.values(), noun="place",
                     explanation="They are " + "; ".join(names) + ". All three lie on border rivers "
                     "where the main channel did not settle which side an island was on.")


# --------------------------------------------------------------------------- exercise 5


def settlement_order() -> list[str]:
    """The steps of :data:`SETTLEMENT_STEPS` in the order they happened.

    Example:
        >>> settlement_order()[0]
        'eastern_agreement_1991'
    """
    timeline = load_table("border_timeline")
    steps = timeline[timeline["id"].isin(SETTLEMENT_STEPS)]
    return steps.sort_values("date", kind="stable")["id"].tolist()


@learner_check
def check_settlement_order(answer: Any = ...) -> Feedback:
    """Exercise 5: put the steps of the settlement in order, earliest first.

    Example:
        >>> check_settlement_order(settlement_order()).correct
        True
    """
    if answer is None or answer is ...:
        return Feedback(False, "Not yet. You have not given an answer yet: write the six ids as a list in quotes, "
                        "earliest first, e.g. ['treaty_2001', ...] with all six.")
    timeline = load_table("border_timeline").set_index("id")
    explanation = "; ".join(f"{timeline.loc[i, 'date'].year}: {timeline.loc[i, 'title']}" for i in settlement_order())
    return check_order(answer, settlement_order(), SETTLEMENT_STEPS, explanation=explanation + ".")
