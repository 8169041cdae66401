"""Checks for the data exercises of chapter 10, "Spot the error".

Every expected answer is computed here from ``data/`` (``article_errors.csv``,
``article_claims.csv``, ``china_russia_trade.csv``), never typed in. A check explains
each item the learner placed wrongly, and answers anything it cannot read with a sentence.

Example:
    >>> check_slips_among_items(...)
    Not yet. You have not given an answer yet: replace the placeholder with a list of ids, e.g. ['area_square_meters', ...].
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from zhao_course.checks import Feedback, _prepare_ids, as_number, check_number, learner_check, shorten
from zhao_course.data import is_true, load_table, lookup

#: The mistakes the course's fact sheet lists for this lesson (section F), by id in
#: ``article_errors.csv``: five slips and five errors of substance, in no particular order.
SORTING_ITEMS: tuple[str, ...] = (
    "poll_date_january_2015",
    "area_square_meters",
    "xi_visit_september_2013",
    "northwest_for_northeast",
    "border_talks_1979",
    "footnote6_title",
    "supplementary_june_2004",
    "best_period_historys",
    "target_150bn_2014",
    "cultural_ties_not_weak",
)

#: The errors of substance whose weight exercise 2 asks about.
ARGUMENT_ITEMS: tuple[str, ...] = (
    "target_150bn_2014",
    "poll_date_january_2015",
    "border_talks_1979",
    "xi_visit_september_2013",
    "supplementary_june_2004",
)

#: Claims of ``article_claims.csv`` that exercise 5 asks the learner to classify.
STANDING_ITEMS: tuple[str, ...] = (
    "border_length_main",
    "vtsiom_date",
    "entries_from_china",
    "ca_border_length",
    "vtsiom_share_2008",
)

#: The five answers exercise 5 accepts, and what each means.
STANDINGS: dict[str, str] = {
    "error": "the article is wrong: the course lists it among the mistakes",
    "checks out": "the checked record agrees, exactly or nearly",
    "official figure of one side": "one government's standard published figure, right as that side's figure: say whose it is",
    "depends on the source": "sources measure or count differently, so the figure is right by one count and not another",
    "not verified": "the course found no outside source either way: not shown wrong, not shown right",
}

#: Other standings exercise 5 also accepts for a claim, with the reason given.
ALSO_RIGHT: dict[str, set[str]] = {
    # China's "over 4,300 km" is China's official length; Russia's count differs, so
    # "checks out" and "depends on the source" are defensible too.
    "border_length_main": {"checks out", "depends on the source"},
    # "Over 3,300 km" is most probably China's own count; the table shows only the Kazakh
    # section's length and another, shorter measurement, so a learner may fairly say the
    # figure depends on the source or is not verified.
    "ca_border_length": {"depends on the source", "not verified"},
}

#: Added to exercise 1's feedback on an error of substance a learner called a slip: the
#: learner may have sorted by who made it, and the course sorts by what can be recovered.
ROUTE_NOTE = ("(If you called it a slip because a translator may have made it: the course sorts by whether a careful "
              "reader can identify what was meant, not by who made the mistake; see section 2.)")


def _errors() -> pd.DataFrame:
    return load_table("article_errors").set_index("id")


def present(items: tuple[str, ...], table: str = "article_errors") -> list[str]:
    """The ids of ``items`` that the table holds now (rows may still be added by other chapters).

    Example:
        >>> present(("area_square_meters", "no_such_row"))
        ['area_square_meters']
    """
    ids = set(load_table(table)["id"])
    return [item for item in items if item in ids]


def sorting_items() -> pd.DataFrame:
    """Exercise 1's items: id and what the article says, without the course's sorting.

    Example:
        >>> list(sorting_items().columns)
        ['id', 'section', 'article_says']
    """
    errors = load_table("article_errors").set_index("id")
    ids = present(SORTING_ITEMS)
    return errors.loc[ids, ["section", "article_says"]].reset_index()


def _read_id_list(answer: Any, valid: list[str], example: str) -> tuple[list[str] | None, Feedback | None]:
    """The learner's ids (an empty list allowed), or a Feedback saying what cannot be read."""
    if isinstance(answer, (list, tuple, pd.Series, np.ndarray)) and len(answer) == 0:
        return [], None
    items, problem = _prepare_ids(answer, [example], valid, "id")
    if problem:
        text = f"Not yet. {problem}" if problem[:1].isupper() else f"Not yet: {problem}"
        return None, Feedback(False, text)
    return items, None


# --------------------------------------------------------------------------- exercise 1


def slips_among_items() -> list[str]:
    """The ids of exercise 1's items that the course sorts as slips.

    Example:
        >>> sorted(slips_among_items())[:2]
        ['area_square_meters', 'best_period_historys']
    """
    errors = _errors()
    return [item for item in present(SORTING_ITEMS) if errors.loc[item, "kind"] == "slip"]


@learner_check
def check_slips_among_items(answer: Any = ...) -> Feedback:
    """Exercise 1: which of the ten items are slips of transcription or translation?

    Give a list of ids. Each item placed wrongly is explained.

    Example:
        >>> check_slips_among_items(slips_among_items()).correct
        True
        >>> check_slips_among_items(["area_square_meters"]).correct
        False
    """
    errors = _errors()
    items_all = present(SORTING_ITEMS)
    expected = slips_among_items()
    if answer is ...:
        return Feedback(False, "Not yet. You have not given an answer yet: replace the placeholder with a list of ids, "
                        f"e.g. [{expected[0]!r}, ...].")
    items, rejection = _read_id_list(answer, items_all, expected[0])
    if rejection is not None:
        return rejection
    assert items is not None
    wrong_in = [i for i in items if i not in expected]
    missed = [i for i in expected if i not in items]
    if not wrong_in and not missed:
        return Feedback(True, (
            f"Correct. The {len(expected)} slips garble a word, a unit or a name, and the meaning can be recovered "
            f"from the context; the other {len(items_all) - len(expected)} state a wrong date, figure or "
            "description, which no reader could correct without an outside source."
        ))
    lines = [f"Not yet: {len(items) - len(wrong_in)} of your {len(items)} ids are slips, and "
             f"{len(missed)} slip{' is' if len(missed) == 1 else 's are'} missing."]
    for item in wrong_in:
        lines.append(f"'{item}' is an error of substance: {errors.loc[item, 'what_is_wrong']}")
    if wrong_in:
        lines.append(ROUTE_NOTE)
    for item in missed:
        lines.append(f"'{item}' is a slip: {errors.loc[item, 'what_is_wrong']}")
    return Feedback(False, " ".join(lines))


# --------------------------------------------------------------------------- exercise 2


def _probes() -> pd.DataFrame:
    return load_table("argument_probes").set_index("id")


def touches_argument() -> dict[str, bool]:
    """Exercise 2's items and whether the course judges that each touches the argument.

    The items are the real errors of substance in ``ARGUMENT_ITEMS`` followed by the
    supposed mistakes of ``argument_probes.csv``.

    Example:
        >>> touches_argument()["target_150bn_2014"]
        False
        >>> touches_argument()["probe_poll_trend"]
        True
    """
    errors = _errors()
    real = {item: is_true(errors.loc[item, "touches_argument"]) for item in present(ARGUMENT_ITEMS)}
    supposed = {item: is_true(row["touches_argument"]) for item, row in _probes().iterrows()}
    return {**real, **supposed}


def _why(item: str) -> str:
    """The course's reason for an item of exercise 2, real or supposed."""
    probes = _probes()
    if item in probes.index:
        return str(probes.loc[item, "why"])
    return str(_errors().loc[item, "what_is_wrong"])


_YES = {"yes", "y", "true", "1", "touches", "it does"}
_NO = {"no", "n", "false", "0", "does not", "doesn't", "not"}


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str):
        word = " ".join(value.lower().split())
        return True if word in _YES else False if word in _NO else None
    return None


def _read_verdicts(answer: Any, expected: dict[str, Any], read: Any, noun: str,
                   choices: str) -> tuple[dict[str, Any] | None, Feedback | None]:
    """Read a dict answer id -> verdict for exercises 2 and 5: the verdicts, or the sentence that says what is amiss.

    ``read`` turns one value into a verdict (None if it cannot); ``choices`` says what to write.

    Example:
        >>> given, problem = _read_verdicts({"a": "yes"}, {"a": True, "b": False}, _yes_no, "verdict", "True or False")
        >>> given, problem.message
        (None, "Not yet: give a verdict for every id; 1 is missing, e.g. 'b'.")
    """
    example = "{" + ", ".join(f"{k!r}: ..." for k in list(expected)[:2]) + ", ...}"
    if answer is ...:
        return None, Feedback(False, "Not yet. You have not given an answer yet: replace the placeholder with a dict, "
                              f"{example}, giving {choices} for each id.")
    if not isinstance(answer, dict):
        return None, Feedback(False, f"Not yet: give a dict in curly brackets, {example}, with {choices} for each of "
                              f"the {len(expected)} ids; you gave {shorten(answer)}.")
    keys = [str(k).strip() for k in answer]
    unknown = [k for k in keys if k not in expected]
    if unknown:
        return None, Feedback(False, f"Not yet: {shorten(unknown[0])} is not one of the ids of this exercise: "
                              f"use {', '.join(repr(k) for k in expected)}.")
    missing = [k for k in expected if k not in keys]
    if missing:
        return None, Feedback(False, f"Not yet: give a {noun} for every id; {len(missing)} "
                              f"{'is' if len(missing) == 1 else 'are'} missing, e.g. {missing[0]!r}.")
    given = {str(k).strip(): read(v) for k, v in answer.items()}
    unreadable = [k for k, v in given.items() if v is None]
    if unreadable:
        return None, Feedback(False, f"Not yet: the {noun} for {unreadable[0]!r} is {shorten(answer[unreadable[0]])}; "
                              f"write {choices}.")
    return given, None


@learner_check
def check_touches_argument(answer: Any = ...) -> Feedback:
    """Exercise 2: for each id, does the mistake touch Zhao's argument? A dict id -> True/False.

    Example:
        >>> check_touches_argument(touches_argument()).correct
        True
        >>> check_touches_argument({k: False for k in touches_argument()}).correct
        False
    """
    expected = touches_argument()
    verdicts, problem = _read_verdicts(answer, expected, _yes_no, "verdict", "True (it touches the argument) or False")
    if problem is not None:
        return problem
    wrong = [k for k in expected if verdicts[k] != expected[k]]
    if not wrong:
        real = [k for k in expected if not k.startswith("probe_")]
        touching_real = [k for k in real if expected[k]]
        return Feedback(True, "Correct. " + (
            "None of the article's real errors changes what Zhao argues: each wrong figure or date serves a point "
            "that stands with the checked value. The supposed mistakes show what would have changed it: a wrong "
            "destination, a reversed trend, an unsettled island, a fall in trade. A mistake touches the argument when "
            "it changes the fact the point rests on, not when it changes a detail beside it."
            if not touching_real else
            "The items marked True would change the argument if corrected; the others serve points that stand."))
    lines = [f"Not yet: {len(expected) - len(wrong)} of {len(expected)} verdicts agree with the course."]
    for item in wrong:
        lines.append(f"'{item}': {'it does' if expected[item] else 'it does not'} touch the argument. {_why(item)}")
    return Feedback(False, " ".join(lines))


# --------------------------------------------------------------------------- exercise 3


def area_ratio() -> float:
    """The checked area of Russia (km²) divided by the article's digits (1,707,000).

    Example:
        >>> round(area_ratio(), 2)
        10.02
    """
    row = lookup("article_claims", "russia_area")
    return float(row["checked_value"] / row["article_value"])


@learner_check
def check_area_ratio(answer: Any = ...) -> Feedback:
    """Exercise 3: how many times larger is the checked area than the article's number?

    Example:
        >>> check_area_ratio(10.02).correct
        True
        >>> check_area_ratio(10_000_000).correct
        False
    """
    ratio = area_ratio()
    row = lookup("article_claims", "russia_area")
    value, _ = as_number(answer, unit="times")
    if value is not None and math.isfinite(value) and 1e6 < value < 1e8:
        return Feedback(False, (
            f"Not yet: {value:,.0f} compares square kilometres with the article's figure read literally in square "
            "metres. The question asks you to compare the numbers as they stand: divide the checked_value by the "
            "article_value."
        ))
    if value is not None and math.isfinite(value) and abs(value - 1 / ratio) < 0.003:
        return Feedback(False, (
            f"Not yet: {value:g} is the ratio turned over (the article's number divided by the checked one). "
            "Divide the checked_value by the article_value."
        ))
    return check_number(
        answer, expected=ratio, tolerance=0.03, unit="times",
        explanation=(
            f"The checked area is about {ratio:.2f} times the article's number: almost exactly ten. A ratio that "
            f"close to a power of ten points to a shifted decimal point and a garbled unit (the area is about "
            f"{row['checked_value'] / 1e6:.1f} million km²), not to a different measurement: a slip, not an error of "
            "substance. The article's figure read literally, in square metres, would be under 2 km²."
        ),
        hint="divide the checked_value of the row 'russia_area' by its article_value.",
    )


# --------------------------------------------------------------------------- exercise 4


def target_shortfall() -> float:
    """US$ bn by which China's customs figure for 2014 trade fell short of the article's 150.

    Example:
        >>> round(target_shortfall(), 2)
        54.72
    """
    target = lookup("article_claims", "trade_target_2014", "article_value")
    trade = load_table("china_russia_trade").set_index("id").loc["china_2014", "value_usd_bn"]
    return float(target - trade)


@learner_check
def check_target_shortfall(answer: Any = ...) -> Feedback:
    """Exercise 4: by how many US$ bn did 2014 trade fall short of the article's "150 billion in 2014"?

    Example:
        >>> check_target_shortfall(54.72).correct
        True
        >>> check_target_shortfall(4.72).correct
        False
    """
    shortfall = target_shortfall()
    claims = load_table("article_claims").set_index("id")
    trade = load_table("china_russia_trade").set_index("id")["value_usd_bn"]
    official = claims.loc["trade_target_2014", "checked_value"]
    value, _ = as_number(answer, unit="US$ bn")
    if value is not None and abs(value - (official - trade["china_2014"])) < 0.01:
        return Feedback(False, (
            f"Not yet: {value:g} is the gap to the official target of US$ {official:g} bn, which was set for 2015, "
            "not 2014. The question asks about the article's figure for 2014."
        ))
    return check_number(
        answer, expected=shortfall, tolerance=0.3, unit="US$ bn",
        explanation=(
            f"Trade in 2014 (US$ {trade['china_2014']:g} bn, China's customs) was US$ {shortfall:.2f} bn short of the "
            f"article's US$ {claims.loc['trade_target_2014', 'article_value']:g} bn. No such target was ever set: "
            f"the official goal was US$ {official:g} bn by 2015, and 2015 trade, about US$ {trade['china_2015']:g} bn, "
            "missed that too. The article's figure makes the goals look more ambitious than they were, but its point, "
            "that the visit of May 2014 renewed high goals, stands with the official ones."
        ),
        hint="subtract the value_usd_bn of 'china_2014' in china_russia_trade from the article_value of 'trade_target_2014'.",
    )


# --------------------------------------------------------------------------- exercise 5


def standing_of_claims() -> dict[str, str]:
    """Exercise 5's claims and their standing: error, checks out, depends on the source, not verified.

    A claim is an "error" if ``article_errors.csv`` refers to it or its verdict is
    ``wrong``; otherwise its verdict decides.

    Example:
        >>> standing_of_claims()["border_length_main"]
        'official figure of one side'
    """
    claims = load_table("article_claims").set_index("id")
    refs = set(load_table("article_errors")["ref"].astype(str))
    out = {}
    for item in present(STANDING_ITEMS, "article_claims"):
        verdict = claims.loc[item, "verdict"]
        if f"article_claims:{item}" in refs or verdict == "wrong":
            out[item] = "error"
        elif verdict == "not_verified":
            out[item] = "not verified"
        elif verdict == "depends_on_source":
            out[item] = "depends on the source"
        elif item == "border_length_main":
            out[item] = "official figure of one side"
        else:
            out[item] = "checks out"
    return out


def _evidence(row: pd.Series) -> str:
    """The checked record of a claim in a sentence or two (or that none was found)."""
    parts = [str(row[c]).strip().rstrip(".") for c in ("checked_says", "note") if str(row[c]).strip() not in {"", "nan"}]
    if not parts:
        return "The course found no outside source for it."
    return "Checked record: " + ". ".join(parts) + f" (source: {row['source_id']})."


def _standing(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    word = " ".join(value.lower().replace("_", " ").split())
    aliases = {"wrong": "error", "an error": "error", "accurate": "checks out", "right": "checks out",
               "depends on source": "depends on the source", "depends": "depends on the source",
               "unverified": "not verified",
               "official": "official figure of one side", "official figure": "official figure of one side", "not verifiable": "not verified"}
    word = aliases.get(word, word)
    return word if word in STANDINGS else None


@learner_check
def check_standing_of_claims(answer: Any = ...) -> Feedback:
    """Exercise 5: for each claim, "error", "checks out", "official figure of one side", "depends on the source" or "not verified".

    Example:
        >>> check_standing_of_claims(standing_of_claims()).correct
        True
        >>> check_standing_of_claims({k: "error" for k in standing_of_claims()}).correct
        False
    """
    expected = standing_of_claims()
    claims = load_table("article_claims").set_index("id")
    choices = ", ".join(repr(k) for k in STANDINGS)
    given, problem = _read_verdicts(answer, expected, _standing, "standing", f"one of {choices}")
    if problem is not None:
        return problem
    wrong = [k for k in expected if given[k] != expected[k] and given[k] not in ALSO_RIGHT.get(k, set())]
    if not wrong:
        errors_found = sum(v == "error" for v in expected.values())
        other = [k for k in expected if given[k] != expected[k]]
        also = "".join(f" For '{k}' you chose '{given[k]}', which the course also accepts; its own standing is "
                       f"'{expected[k]}' ({STANDINGS[expected[k]]})." for k in other)
        return Feedback(True, (
            f"Correct. {errors_found} of them {'is' if errors_found == 1 else 'are'} the author's error. A standard official figure of one side (China's "
            "'over 4,300 km', which Russia's count puts lower) is not an error: say whose figure it is; a figure right "
            "by one measurement and short by another (the Central Asian border) is not shown wrong; and "
            "'not verified' means the course found no source either way, which is not the same as wrong."
        ) + also)
    lines = [f"Not yet: {len(expected) - len(wrong)} of {len(expected)} agree with the course."]
    for item in wrong:
        lines.append(f"'{item}' is '{expected[item]}' ({STANDINGS[expected[item]]}). {_evidence(claims.loc[item])}")
    return Feedback(False, " ".join(lines))


def argument_items() -> pd.DataFrame:
    """Exercise 2's items: the article's real errors of substance, then the supposed mistakes.

    Columns: ``id``, ``item`` (whether the row is the article's mistake or a supposed one),
    ``section``, ``point`` (the point the supposed mistake would test; empty for a real
    error, whose point the learner finds), ``what_is_said`` and ``ref`` (the row of the record).

    Example:
        >>> list(argument_items().columns)
        ['id', 'item', 'section', 'point', 'what_is_said', 'ref']
    """
    errors = _errors().loc[present(ARGUMENT_ITEMS)]
    real = pd.DataFrame({"id": errors.index, "item": "the article's mistake", "section": errors["section"].values,
                         "point": "", "what_is_said": errors["article_says"].values, "ref": errors["ref"].values})
    probes = _probes()
    supposed = pd.DataFrame({"id": probes.index, "item": "supposed (what if?)", "section": probes["section"].values,
                             "point": probes["point"].values, "what_is_said": probes["supposed_mistake"].values,
                             "ref": probes["ref"].values})
    return pd.concat([real, supposed], ignore_index=True)


def standing_items() -> pd.DataFrame:
    """Exercise 5's claims with what the article says and the checked record, but no verdict.

    Example:
        >>> "verdict" in standing_items().columns
        False
    """
    claims = load_table("article_claims").set_index("id")
    # The note column is left out: it often states the verdict.
    return claims.loc[present(STANDING_ITEMS, "article_claims"), ["article_says", "checked_says", "source_id"]].reset_index()
