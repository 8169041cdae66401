"""Checks for the data exercises of chapter 2, "Border Disputes No Longer Obstacles".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. The chapter calls one ``check_...`` function after each
exercise; every one of them answers with a sentence, whatever it is given.

Example:
    >>> check_years_of_talks(41)
    Correct: 41 years. From the first talks (February 1964) to the exchange of ratifications (2 June 2005).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from zhao_course.checks import Feedback, as_number, check_choice, check_ids, check_number, check_order, learner_check, shorten
from zhao_course.data import load_table, lookup
from zhao_course.style import format_date

#: The settlement's steps the ordering exercise asks about, by letter. The letters are
#: given in no particular order (only one letter is in its place in "ABCDEF"). The ids
#: carry years, so the chapter shows the learner only the titles (settlement_steps) and
#: does not import this mapping.
SETTLEMENT_STEPS: dict[str, str] = {
    "A": "treaty_2001",
    "B": "demarcation_1997",
    "C": "ratification_2005",
    "D": "eastern_agreement_1991",
    "E": "supplementary_2004",
    "F": "western_agreement_1994",
}

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
        "Not yet. The sources put the last round of border talks in 1978, before the Soviet intervention "
        "(December 1979); the talks China suspended in January 1980 were the normalisation talks."
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
    if isinstance(answer, str):
        words = answer.lower().replace("normalization", "normalisation").replace("the ", " ").replace("talks", " ")
        answer = " ".join(words.split()) or answer
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
    # "over 4,300 km" is a rounded lower bound, so anything from the exact difference up to
    # the next whole kilometre is right; nothing below it is.
    upper = float(int(gap) + 1)
    return check_number(
        answer, expected=(gap + upper) / 2, tolerance=(upper - gap) / 2 + 1e-9, unit="km",
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
    if not isinstance(given, list):
        return Feedback(False, f"Not yet: {shorten(answer)} is not a list of numbers. Write the numbers you read "
                        "on the map in square brackets, e.g. [1, 2, 3].")
    names = [lookup("gazetteer", place, "name_en") for place in OPEN_IN_1991]
    wrong = [i for i in given if i not in OPEN_IN_1991]
    missing = [i for i in OPEN_IN_1991 if i not in given]
    if len(set(given)) != len(given):
        return Feedback(False, "Not yet: a number appears twice in your list. Give each of the three places once.")
    if wrong or missing:
        parts = []
        if wrong:
            parts.append((f"{len(wrong)} of your numbers marks a place" if len(wrong) == 1 else f"{len(wrong)} of your numbers mark places")
                         + " settled in 1991 or not islands at all")
        if missing:
            parts.append(f"{len(missing)} of the three {'is' if len(missing) == 1 else 'are'} missing")
        return Feedback(False, "Not yet: " + "; ".join(parts) + ". Look for islands in the border rivers "
                        "(the map's diamonds) and reread section 2 on what 1991 left open.")
    return check_ids(given, OPEN_IN_1991, by_number.values(), noun="place",
                     explanation="They are " + "; ".join(names) + ". At Heixiazi and Yinlong the main channel "
                     "pointed to China, but the 1860 treaty map's line, held by Moscow since 1929, pointed to Russia; "
                     "Abagaitu, in the Argun, was left open too.")


# --------------------------------------------------------------------------- exercise 5


def settlement_steps() -> pd.DataFrame:
    """The six steps of exercise 5, by letter, with their titles and no dates.

    Example:
        >>> settlement_steps().loc["A", "step"]
        'Treaty of Good-Neighbourliness and Friendly Cooperation'
    """
    titles = [lookup("border_timeline", event_id, "title") for event_id in SETTLEMENT_STEPS.values()]
    return pd.DataFrame({"step": titles}, index=pd.Index(list(SETTLEMENT_STEPS), name="letter"))


def settlement_order() -> list[str]:
    """The letters of :data:`SETTLEMENT_STEPS` in the order the steps happened.

    Example:
        >>> sorted(settlement_order()) == sorted(SETTLEMENT_STEPS)
        True
    """
    timeline = load_table("border_timeline").set_index("id")
    return sorted(SETTLEMENT_STEPS, key=lambda letter: timeline.loc[SETTLEMENT_STEPS[letter], "date"])


@learner_check
def check_settlement_order(answer: Any = ...) -> Feedback:
    """Exercise 5: put the steps of the settlement in order, earliest first, by letter.

    Example:
        >>> check_settlement_order(settlement_order()).correct
        True
        >>> check_settlement_order([letter.lower() for letter in settlement_order()]).correct
        True
    """
    if answer is None or answer is ...:
        return Feedback(False, "Not yet. You have not given an answer yet: write the six letters as a list, "
                        "earliest first, e.g. ['B', ...] with all six.")
    if isinstance(answer, str) and len(answer.replace(",", "").replace(" ", "")) == len(SETTLEMENT_STEPS):
        answer = list(answer.replace(",", "").replace(" ", ""))
    if isinstance(answer, (list, tuple)):
        answer = [a.strip().upper() if isinstance(a, str) else a for a in answer]
    timeline = load_table("border_timeline").set_index("id")
    explanation = "; ".join(
        f"{timeline.loc[SETTLEMENT_STEPS[letter], 'date'].year}: {timeline.loc[SETTLEMENT_STEPS[letter], 'title']}"
        for letter in settlement_order()
    )
    return check_order(answer, settlement_order(), list(SETTLEMENT_STEPS), explanation=explanation + ".", noun="letter")


# --------------------------------------------------------------------------- exercise 6


def slip_ids(section: str = "Border Disputes No Longer Obstacles") -> list[str]:
    """Ids of the article's mistakes in a section that are slips of transcription or translation.

    Example:
        >>> slip_ids()
        ['agreements_called_treaties', 'area_square_meters', 'best_period_historys']
    """
    errors = load_table("article_errors")
    chosen = errors[(errors["section"] == section) & (errors["kind"] == "slip")]
    return sorted(chosen["id"])


@learner_check
def check_slips(answer: Any = ...) -> Feedback:
    """Exercise 6: which of the section's mistakes are slips rather than errors of substance?

    Example:
        >>> check_slips(["area_square_meters"]).correct
        False
    """
    errors = load_table("article_errors")
    section = errors[errors["section"] == "Border Disputes No Longer Obstacles"]
    if isinstance(answer, (list, tuple, set)):
        elsewhere = [a for a in answer if isinstance(a, str) and a in set(errors["id"]) - set(section["id"])]
        if elsewhere:
            return Feedback(False, (
                f"Not yet: {', '.join(repr(a) for a in elsewhere)} "
                f"{'is a mistake' if len(elsewhere) == 1 else 'are mistakes'} of another section of the article. "
                "Keep to the rows whose section is 'Border Disputes No Longer Obstacles'."))
    return check_ids(answer, slip_ids(), section["id"], explanation=(
        "A garbled unit, a typing error and a title translated with the wrong term are slips: they would not survive a careful editor, and the meaning "
        "is clear once corrected. A wrong date or a confusion of two sets of talks is an error of substance. "
        "None of them touches the argument."
    ))
