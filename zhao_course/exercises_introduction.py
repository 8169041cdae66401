"""Checks for the data exercises of chapter 1, the article's "Introduction".

Each expected answer is computed from ``data/`` through :mod:`zhao_course.trade` (never
typed in), so the checks and the tables cannot drift apart. Every ``check_...`` answers
with a sentence, whatever it is given: a wrong type, a unit, NaN, an empty list.

Example:
    >>> check_shortfall_2015(32)
    Correct: 32 billion. In 2015 trade was 68.0 bn by China's customs, against the official target of 100 bn: about 68% of the way there.
    >>> check_year_100bn(2015).correct
    False
"""
from __future__ import annotations

import re
from typing import Any

from zhao_course.checks import Feedback, as_number, check_choice, check_number, learner_check
from zhao_course.data import load_table, lookup
from zhao_course.trade import first_year_met, gas_deal_per_year, gas_share_of_trade, shortfall, trade_in

__all__ = [
    "EVIDENCE_OPTIONS",
    "check_error_evidence",
    "check_gas_share",
    "check_shortfall_2015",
    "check_target_error_kind",
    "check_year_100bn",
    "check_year_200bn",
    "check_xi_date_kind",
]


def _bn(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != round(value, 1) else f"{value:,.1f}"


def _target_value(target_id: str) -> float:
    return float(lookup("trade_targets", target_id, "target_usd_bn"))


def _due(target_id: str) -> int:
    return int(lookup("trade_targets", target_id, "by_year"))


# --------------------------------------------------------------------------- exercise 1


def _yuan_converted(year: int) -> float | None:
    """The yuan total converted to dollars that the note of a year's row reports, if any.

    Example:
        >>> _yuan_converted(2015)
        64.2
    """
    note = str(lookup("china_russia_trade", f"china_{year}", "note"))
    found = re.search(r"converted as US\$(\d+(?:\.\d+)?) bn", note)
    return float(found.group(1)) if found else None


@learner_check
def check_shortfall_2015(answer: Any = ...) -> Feedback:
    """Exercise 1: by how many US$ bn did trade in 2015 fall short of the official USD 100 bn target?

    Example:
        >>> check_shortfall_2015(4.72).correct
        False
    """
    expected = shortfall("official_2015")
    goal, due = _target_value("official_2015"), _due("official_2015")
    before = trade_in(due - 1)
    value, _ = as_number(answer, unit="billion")
    if value is not None:
        if abs(value - (goal - before)) < 0.005:
            return Feedback(False, (
                f"Not yet: {_bn(goal - before)} is the gap in {due - 1}, when trade was {_bn(before)} bn. "
                f"The target was for {due}: take that year's trade."
            ))
        converted = _yuan_converted(due)
        if converted is not None and abs(value - (goal - converted)) < 0.005:
            return Feedback(False, (
                f"Not yet: that uses the first report's figure, {_bn(converted)} bn, which converted China's yuan "
                "total to dollars. Use the table's value_usd_bn, from China's dollar series."
            ))
        if abs(value - trade_in(due)) < 0.005:
            return Feedback(False, "Not yet: that is the trade of the year itself. The question asks for the gap: "
                            "the target minus the trade.")
        if abs(value + expected) < 0.005:
            return Feedback(False, "Not yet: the sign is the wrong way round. Trade fell short, so the gap is "
                            "the target minus the trade, a positive number.")
        if abs(value - expected * 1e9) < 1e7:
            return Feedback(False, "Not yet: the right size, but in dollars. Give it in billions of US dollars, "
                            "as the table does.")
    return check_number(
        answer, expected=expected, tolerance=0.1, unit="billion",
        explanation=(
            f"In {due} trade was {_bn(trade_in(due))} bn by China's customs, against the official target of "
            f"{goal:g} bn: about {trade_in(due) / goal:.0%} of the way there."
        ),
        hint=f"take the target_usd_bn of 'official_2015' minus the value_usd_bn of 'china_{due}'.",
    )


# ------------------------------------------------------------------------- exercises 2, 3


def _check_year(answer: Any, target_id: str, wrong: dict[int, str], extra: str = "") -> Feedback:
    """A year answer: read strictly, explain the likely wrong years, and check it."""
    expected = first_year_met(target_id)
    value, problem = as_number(answer)
    if problem:
        return Feedback(False, f"Not yet. {problem}" if problem[:1].isupper() else f"Not yet: {problem}")
    assert value is not None
    if value != int(value):
        return Feedback(False, f"Not yet: {value:g} is not a whole year. Give a year such as 2016.")
    year = int(value)
    if year < 1000 or year > 3000:
        return Feedback(False, f"Not yet: {year} is not a year of the table. Give a year such as 2016.")
    goal = _target_value(target_id)
    if year == expected:
        due = _due(target_id)
        gap = abs(year - due)
        timing = "on time" if year == due else f"{gap} year{'s' if gap != 1 else ''} {'early' if year < due else 'late'}"
        return Feedback(True, (
            f"Correct: {year}. Trade first reached {goal:g} bn that year ({_bn(trade_in(year))} bn by China's "
            f"customs): {timing} for a target due in {due}. {extra}"
        ).strip())
    if year in wrong:
        return Feedback(False, f"Not yet: {wrong[year]}")
    try:
        value_then = trade_in(year)
    except Exception:
        return Feedback(False, (
            f"Not yet: {year} is outside the table (its years run from 2010 to 2024). Look for the first year "
            f"whose value_usd_bn is {goal:g} or more."
        ))
    if value_then < goal:
        return Feedback(False, f"Not yet: in {year} trade was {_bn(value_then)} bn, still below {goal:g} bn.")
    return Feedback(False, (
        f"Not yet: in {year} trade was above {goal:g} bn ({_bn(value_then)} bn), but it had already passed it "
        "in an earlier year. Look for the first year."
    ))


@learner_check
def check_year_100bn(answer: Any = ...) -> Feedback:
    """Exercise 2: in which year did trade (China's customs) first reach the USD 100 bn target?

    Example:
        >>> check_year_100bn(first_year_met("official_2015")).correct
        True
    """
    due = _due("official_2015")
    return _check_year(answer, "official_2015", {
        due: f"{due} was the year the target was due, but trade that year was only {_bn(trade_in(due))} bn.",
        due - 1: (f"{due - 1} came closest before the fall, at {_bn(trade_in(due - 1))} bn, but that is still "
                  "below the target."),
    })


@learner_check
def check_year_200bn(answer: Any = ...) -> Feedback:
    """Exercise 3: in which year did trade (China's customs) first reach USD 200 bn?

    Example:
        >>> check_year_200bn(2020).correct
        False
    """
    due, later = _due("official_2020"), _due("official_2024")
    return _check_year(answer, "official_2020", {
        due: f"{due} was the year the first USD 200 bn target was due, but trade was {_bn(trade_in(due))} bn.",
        later: (f"{later} was the year the later target was due, and trade was above it "
                f"({_bn(trade_in(later))} bn), but it had already passed USD 200 bn the year before."),
    }, extra=f"The later target, USD 200 bn by {later}, was therefore met a year early."
        if later - (first_year_met("official_2024") or later) == 1 else "")


# --------------------------------------------------------------------------- exercise 4


@learner_check
def check_gas_share(answer: Any = ...) -> Feedback:
    """Exercise 4: the gas contract's value a year, as a percentage of the trade of 2013.

    Example:
        >>> check_gas_share(round(gas_share_of_trade(), 1)).correct
        True
        >>> check_gas_share(13.3).correct
        False
    """
    expected = gas_share_of_trade(2013)
    per_year = gas_deal_per_year()
    value, _ = as_number(answer, unit="%")
    if value is not None:
        if abs(value - per_year) < 0.05:
            return Feedback(False, (
                f"Not yet: {_bn(round(per_year, 2))} is the contract's value a year in USD bn. Now divide it by the "
                "trade of 2013 and multiply by 100 to get a percentage."
            ))
        total = float(lookup("article_claims", "gas_deal_value", "checked_value"))
        if abs(value - 100 * total / trade_in(2013)) < 0.5:
            return Feedback(False, (
                "Not yet: that compares the whole contract, all its years together, with one year of trade. "
                "Divide the value by the number of years first."
            ))
    return check_number(
        answer, expected=expected, tolerance=0.06, unit="%",
        explanation=(
            f"Spread evenly, the contract is worth about {_bn(round(per_year, 2))} bn a year, about {expected:.0f}% of "
            f"the {_bn(trade_in(2013))} bn of all two-way trade in 2013: a large share for a single contract, "
            "and a larger one of what China bought from Russia, since the gas is a Russian export. "
            "(An average: the contract's total is itself an estimate.)"
        ),
        hint="divide the gas deal's checked_value by its number of years, then by the trade of 2013, times 100.",
    )


# --------------------------------------------------------------------------- exercise 5


#: Exercise 5: which evidence would tell an author's error from a translator's slip in
#: "$150 billion in 2014"? Each key maps to the feedback shown when it is chosen.
EVIDENCE_OPTIONS: dict[str, str] = {
    "statement": ("Not yet. The joint statement of 20 May 2014, which Zhao cites in footnote 1, pledged USD 100 bn "
                  "by 2015: it shows that the figure is wrong, but not who got it wrong. Author and translator "
                  "could both have had it in front of them."),
    "putin": ("Not yet. Putin's words of October 2014 confirm the official target, USD 100 bn for 2015, but say "
              "nothing about who wrote USD 150 bn for 2014."),
    "original": ("Correct. Only the text the translation was made from can tell them apart: if the Chinese original "
                 "says 150 and 2014, the author erred (substance); if it says 100 and 2015, the English garbled it "
                 "(a slip of translation). The course has not seen an original, and the intended figure cannot be "
                 "recovered from the English, so it sorts the error as substance, and says why."),
    "customs": ("Not yet. China's customs figures tell you what trade was in 2014 (95.28 bn), not what the target "
                "was, nor who made the mistake."),
}

#: The key of :data:`EVIDENCE_OPTIONS` that answers exercise 5 (a question of reasoning, not of data).
EVIDENCE_KEY = "original"


@learner_check
def check_error_evidence(answer: Any = ...) -> Feedback:
    """Exercise 5: which evidence would show whether "$150 billion in 2014" is the author's error or a slip?

    Example:
        >>> check_error_evidence("original").correct
        True
        >>> check_error_evidence("statement").correct
        False
    """
    if isinstance(answer, str):
        answer = re.sub(r"^(the|a|an)\s+", "", re.sub(r"\s+", " ", answer.strip().lower())).rstrip(".")
        if answer in {"chinese original", "original text", "chinese text", "chinese-language original"}:
            answer = "original"
    return check_choice(answer, EVIDENCE_OPTIONS, expected=EVIDENCE_KEY)


def _kind_answer(answer: Any) -> Any:
    """Read 'slip', 'substance', 'an error of substance', 'a slip.' and the like as a kind.

    Example:
        >>> _kind_answer("An error of substance.")
        'substance'
        >>> _kind_answer(" A slip ")
        'slip'
    """
    if not isinstance(answer, str):
        return answer
    text = re.sub(r"\s+", " ", answer.strip().lower()).rstrip(".!")
    text = re.sub(r"^(it is |it's )?(an? |the )?", "", text)
    text = re.sub(r"^error of ", "", text)
    return text


#: Feedback for each answer to exercise 6 (the key is computed from data/article_errors.csv).
XI_KIND_OPTIONS: dict[str, str] = {
    "slip": ("A slip is a garbled digit, unit or word where the intended meaning is clear. Here the month "
             "names a real, different visit: Xi was in Russia in September 2013 for the G20 summit. Confusing "
             "two visits is a wrong fact, not a garbled one."),
    "substance": ("The month is a wrong fact, and a likely cause is plain: Xi was in Russia again in September "
                  "2013, for the G20 summit in St Petersburg, on the tour in which he proposed the Silk Road "
                  "Economic Belt in Astana."),
}


@learner_check
def check_xi_date_kind(answer: Any = ...) -> Feedback:
    """Exercise 6: is the article's "September 2013" for Xi's first visit a slip or an error of substance?

    Example:
        >>> check_xi_date_kind("an error of substance").correct
        True
        >>> check_xi_date_kind("slip").correct
        False
    """
    expected = lookup("article_errors", "xi_visit_september_2013", "kind")
    touches = str(lookup("article_errors", "xi_visit_september_2013", "touches_argument")).lower() in {"true", "1"}
    return check_choice(_kind_answer(answer), XI_KIND_OPTIONS, expected=expected, explanation=(
        "It does not touch the argument: Zhao's point is where Xi went first, and that is right."
        if not touches else "And it touches the argument."
    ))


@learner_check
def check_target_error_kind(answer: Any = ...) -> Feedback:
    """How the course sorts "$150 billion in 2014" (kept for the chapter's table; exercise 5 asks for evidence).

    Both readings are weighed: "substance" is the course's sorting, and "slip" gets the reason.

    Example:
        >>> check_target_error_kind("an error of substance").correct
        True
        >>> check_target_error_kind("slip").correct
        False
    """
    expected = lookup("article_errors", "target_150bn_2014", "kind")
    options = {
        "slip": ("Defensible, but not shown: a translator may have garbled 100 and 2015, yet nothing in the English "
                 "text proves it, and the intended figure cannot be recovered from it. Only the Chinese original "
                 "could show a slip."),
        "substance": ("The figure is wrong against the joint statement the article itself cites (USD 100 bn by 2015), "
                      "and the intended figure cannot be recovered from the text."),
    }
    return check_choice(_kind_answer(answer), options, expected=expected)


def introduction_errors() -> Any:
    """The Introduction's rows of ``data/article_errors.csv`` (id and what the article says).

    Example:
        >>> introduction_errors()["id"].tolist()
        ['target_150bn_2014', 'xi_visit_september_2013']
    """
    errors = load_table("article_errors")
    return errors.loc[errors["section"] == "Introduction", ["id", "article_says"]].reset_index(drop=True)
