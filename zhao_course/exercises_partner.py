"""Checks for the data exercises of chapter 5, "China is an Enthusiastic and Indispensable Partner".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. Every ``check_...`` function answers with a sentence,
whatever it is given (:func:`zhao_course.checks.learner_check`). Distances are
straight-line (great-circle) distances from :mod:`zhao_course.tumen_map`.

Example:
    >>> check_mouth_km(70).correct
    True
    >>> check_mouth_km("70 miles").correct
    False
"""
from __future__ import annotations

import math
from typing import Any

from zhao_course.checks import Feedback, as_number, check_ids, check_number, learner_check
from zhao_course.data import load_table
from zhao_course.tumen_map import ORIGIN, distance_km, tumen_places

SECTION = "China is an Enthusiastic and Indispensable Partner"


# --------------------------------------------------------------------------- exercise 1


def mouth_km() -> float:
    """Straight-line distance from Hunchun to the Tumen River mouth, in km.

    Example:
        >>> round(mouth_km())
        70
    """
    return distance_km(ORIGIN, "tumen_mouth")


def _flat_km(a: str, b: str) -> float:
    """The distance a learner gets by treating a degree of longitude as 111 km (a common slip)."""
    places = tumen_places()
    dlat = (places.loc[b, "lat"] - places.loc[a, "lat"]) * 111.195
    dlon = (places.loc[b, "lon"] - places.loc[a, "lon"]) * 111.195
    return math.hypot(dlat, dlon)


@learner_check
def check_mouth_km(answer: Any = ...) -> Feedback:
    """Exercise 1: how far is Hunchun from the Tumen River mouth in a straight line, in km?

    The distance rounded to a whole number, or unrounded, is right.

    Example:
        >>> check_mouth_km(74).correct
        False
        >>> check_mouth_km(69.757).correct and not check_mouth_km(71).correct
        True
    """
    expected = mouth_km()
    value, _ = as_number(answer, unit="km")
    if value is not None:
        if abs(value - _flat_km(ORIGIN, "tumen_mouth")) < 1.0 and abs(value - expected) > 1.0:
            return Feedback(False, f"Not yet: {value:g} km treats a degree of longitude as 111 km, as at the equator. "
                            "At about 42.8° N a degree of longitude is only about 82 km: use great_circle_km with the "
                            "two places' lat and lon.")
        if abs(value - distance_km(ORIGIN, "zarubino")) < 1.0:
            return Feedback(False, f"Not yet: {value:g} km is the distance from Hunchun to Zarubino. The question asks "
                            "for the Tumen River mouth (id tumen_mouth in the gazetteer).")
        if abs(value - 18) < 1e-9:
            return Feedback(False, "Not yet: 18 km is how far Zarubino is from the Chinese border, the figure of the "
                            "port's developer. Compute the distance from Hunchun to the Tumen mouth.")
    zarubino = distance_km(ORIGIN, "zarubino")
    return check_number(
        answer, expected=expected, tolerance=0.75, unit="km",
        explanation=(f"Hunchun is {expected:.1f} km from the river mouth in a straight line, a little further than "
                     f"Zarubino ({zarubino:.0f} km). Hunchun is not on the Tumen's banks: China reaches the river's "
                     "lower course near Fangchuan, about 15 km from the sea. An open river would not change whose "
                     "banks a ship passes (Russia's and North Korea's, with their consent), but it would let a "
                     "Chinese vessel reach the sea without unloading in a foreign port or changing rail gauge."),
        hint="look up hunchun and tumen_mouth in load_table('gazetteer') and give their lat and lon to "
             "great_circle_km(lat1, lon1, lat2, lon2); round to a whole number.",
    )


# --------------------------------------------------------------------------- exercise 2


def dalian_ratio(port: str = "zarubino") -> float:
    """How many times further Dalian is from Hunchun than ``port`` is, in straight lines.

    Example:
        >>> round(dalian_ratio(), 1)
        13.6
    """
    return distance_km(ORIGIN, "dalian") / distance_km(ORIGIN, port)


@learner_check
def check_dalian_ratio(answer: Any = ...) -> Feedback:
    """Exercise 2: how many times further from Hunchun is Dalian than Zarubino (one decimal)?

    Example:
        >>> check_dalian_ratio(13.6).correct
        True
        >>> check_dalian_ratio(0.07).correct
        False
    """
    ratio = dalian_ratio()
    value, _ = as_number(answer)
    if value is not None:
        if value > 0 and abs(value - 1 / ratio) < 0.006:
            return Feedback(False, f"Not yet: {value:g} divides the Zarubino distance by the Dalian one. The question "
                            "asks how many times further Dalian is: divide the Dalian distance by the Zarubino one.")
        if abs(value - (ratio - 1)) < 0.06:
            return Feedback(False, f"Not yet: {value:g} is how many times the Zarubino distance you would have to "
                            "add to reach Dalian ((Dalian - Zarubino) / Zarubino). The exercise means the ratio of the "
                            "two distances: Dalian's distance divided by Zarubino's."
                            + (" (It is also, by chance, close to the ratio for Rajin, in North Korea.)"
                               if abs(value - dalian_ratio("rajin")) < 0.06 else ""))
        if abs(value - dalian_ratio("rajin")) < 0.06:
            return Feedback(False, f"Not yet: {value:g} compares Dalian with Rajin, in North Korea. The question asks "
                            "about Zarubino.")
        if abs(value - round(ratio)) < 1e-9 and abs(value - ratio) > 0.05:
            return Feedback(False, f"Not yet: {value:g} is the ratio rounded to a whole number. Give one decimal.")
        if abs(value - (distance_km(ORIGIN, "dalian") - distance_km(ORIGIN, "zarubino"))) < 1.0:
            return Feedback(False, f"Not yet: {value:g} is the difference in km. The question asks for a ratio: "
                            "divide one distance by the other.")
    return check_number(
        answer, expected=ratio, tolerance=0.05,
        explanation=(f"{distance_km(ORIGIN, 'dalian'):.0f} km / {distance_km(ORIGIN, 'zarubino'):.0f} km = "
                     f"{ratio:.2f}. In straight lines Zarubino is more than ten times nearer; by rail the gap is "
                     "different, and Dalian is on the Yellow Sea, so ships for Japan's west coast still have to "
                     "round Korea."),
        hint="divide distance_km('hunchun', 'dalian') by distance_km('hunchun', 'zarubino'), or compute both with "
             "great_circle_km; give one decimal.",
    )


# --------------------------------------------------------------------------- exercise 3


def transport_share() -> float:
    """Percentage of the seven Primorye projects that are transport projects.

    Example:
        >>> round(transport_share(), 1)
        57.1
    """
    projects = load_table("primorsky_projects")
    return float((projects["sector"] == "transport").mean() * 100)


@learner_check
def check_transport_share(answer: Any = ...) -> Feedback:
    """Exercise 3: what percentage of the projects Russia proposed in Primorye are transport projects?

    Example:
        >>> check_transport_share("57.1%").correct
        True
        >>> check_transport_share(4).correct
        False
    """
    projects = load_table("primorsky_projects")
    count, total = int((projects["sector"] == "transport").sum()), len(projects)
    share = transport_share()
    value, _ = as_number(answer, unit="%")
    if value is not None:
        if abs(value - count) < 1e-9:
            return Feedback(False, f"Not yet: {count} is the number of transport projects. The question asks for "
                            f"their share of all {total}, as a percentage.")
        if abs(value - share / 100) < 0.001:
            return Feedback(False, f"Not yet: {value:g} is the share as a fraction. Multiply by 100 for a percentage.")
        if abs(value - (100 - share)) < 0.06:
            return Feedback(False, f"Not yet: {value:g} % is the share you get if you leave out the Nakhodka "
                            "project (information networks at a port), or the share of the other projects. The course "
                            "counts Nakhodka's port networks as transport: count the rows whose sector is transport.")
    return check_number(
        answer, expected=share, tolerance=0.05, unit="%",
        explanation=(f"{count} of the {total} projects ({share:.1f} %) are ports, sea cargo or air transit. "
                     "What Russia asked for was mostly Chinese capital for Russian infrastructure; the article does "
                     "not say whose cargo the transport projects were for. The count depends on the course's sorting: the Nakhodka "
                     "project is about information networks at a port."),
        hint="count the rows of primorsky_projects whose sector is 'transport', divide by the number of rows, "
             "multiply by 100, one decimal.",
    )


# --------------------------------------------------------------------------- exercise 4


RULE = ("A mistake is a slip if the article itself (another of its sentences, or its own footnote) shows what "
        "was meant; otherwise it is an error of substance, because the reader takes away a wrong fact and cannot "
        "correct it from the article.")


def substance_ids() -> list[str]:
    """Ids of the section's mistakes that are errors of substance (``kind`` is ``substance``).

    Example:
        >>> sorted(substance_ids())
        ['dashicheng', 'spas_klepiki']
    """
    errors = load_table("article_errors")
    section = errors[errors["section"] == SECTION]
    return section.loc[section["kind"] == "substance", "id"].tolist()


def _lower_ids(answer: Any) -> Any:
    """Lower-case the strings of an answer, so that 'SPAS_KLEPIKI' is read as 'spas_klepiki'."""
    if isinstance(answer, str):
        return answer.strip().lower()
    if isinstance(answer, (list, tuple, set)):
        return [x.strip().lower() if isinstance(x, str) else x for x in answer]
    return answer


@learner_check
def check_substance(answer: Any = ...) -> Feedback:
    """Exercise 4: by the course's rule (``RULE``), which of the section's mistakes are errors of substance?

    Example:
        >>> check_substance(["wang_rogozin_date"]).correct
        False
        >>> check_substance(["SPAS_KLEPIKI", "dashicheng"]).correct
        True
    """
    errors = load_table("article_errors")
    section = errors[errors["section"] == SECTION]
    expected = substance_ids()
    value = _lower_ids(answer)
    items = [value] if isinstance(value, str) else value
    if isinstance(items, list) and all(isinstance(x, str) for x in items):
        if "wang_rogozin_date" in items:
            return Feedback(False, "Not yet: the date of the Wang Yang-Rogozin meeting is wrong in the text, but the "
                            "article's own footnote 11 gives the right month (April 2014, as China's Foreign Ministry "
                            "confirms). By the rule, a mistake the article itself corrects is a slip.")
        if "northwest_for_northeast" in items:
            return Feedback(False, "Not yet: 'Northwest' is corrected by the article itself, which puts Jilin and "
                            "Heilongjiang in the Northeast a few paragraphs earlier. By the rule that is a slip.")
    return check_ids(value, expected, section["id"], explanation=(
        "Neither 'Spas-Klepiki' nor 'Dashicheng' can be put right from the article or its footnote, so a reader takes "
        "away a place that does not exist in Primorye: by the rule, errors of substance, although probably garbled "
        "names. The month and 'Northwest' are slips, put right by the article itself. None touches the argument. "
        "Another rule (say, 'a garbled name is always a slip') would sort them differently: the point is to state "
        "the rule you use."
    ))
