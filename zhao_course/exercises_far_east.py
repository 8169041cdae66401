"""Checks for the data exercises of chapter 4, "Opening-up of Far East and Siberia".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. Every ``check_...`` function answers with a sentence,
whatever it is given (:func:`zhao_course.checks.learner_check`).

Example:
    >>> check_route_saving(38.4).correct
    True
    >>> check_route_saving(40)
    Not yet: 40 % is the source's rounded summary ("40% shorter"). Compute the share from the two distances, to one decimal.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from zhao_course.checks import Feedback, as_number, check_ids, check_number, check_order, learner_check
from zhao_course.data import load_table, lookup
from zhao_course.style import format_date
from zhao_course.tumen_map import great_circle_km

SECTION = "Opening-up of Far East and Siberia: How and For What?"

#: The institutions of exercise 4, by letter, in no particular order (the ids carry
#: years, so the chapter shows only the names, through institution_steps()).
INSTITUTION_STEPS: dict[str, str] = {
    "A": "free_port_law_2015",
    "B": "apec_2012",
    "C": "free_port_in_force_2015",
    "D": "zones_law_2014",
    "E": "ministry_2012",
}


def _route(route_id: str, column: str = "distance_km") -> float:
    return float(lookup("sea_routes", route_id, column))


# --------------------------------------------------------------------------- exercise 1


def route_saving_percent(pair: str = "st_petersburg_vladivostok") -> float:
    """How much shorter the Northern Sea Route is than the Suez route, as a % of the Suez route.

    Example:
        >>> round(route_saving_percent(), 1)
        38.4
        >>> round(route_saving_percent("murmansk_yokohama"), 1)
        55.0
    """
    suez, nsr = _route(f"{pair}_suez"), _route(f"{pair}_nsr")
    return (suez - nsr) / suez * 100


@learner_check
def check_route_saving(answer: Any = ...) -> Feedback:
    """Exercise 1: by how many per cent of the Suez route is St Petersburg–Vladivostok shorter by the NSR?

    Example:
        >>> check_route_saving("38.4%").correct
        True
        >>> check_route_saving(61.6).correct
        False
    """
    suez, nsr = _route("st_petersburg_vladivostok_suez"), _route("st_petersburg_vladivostok_nsr")
    saving = route_saving_percent()
    value, _ = as_number(answer, unit="%")
    if value is not None:
        if abs(value - 40) < 1e-9:
            return Feedback(False, "Not yet: 40 % is the source's rounded summary (\"40% shorter\"). Compute the "
                            "share from the two distances, to one decimal.")
        if abs(value - nsr / suez * 100) < 0.06:
            return Feedback(False, f"Not yet: {nsr / suez * 100:.1f} % is the Northern Sea Route's length as a share of "
                            "the Suez route. The question asks how much shorter it is: subtract that from 100, or "
                            "divide the difference by the Suez distance.")
        if abs(value - (suez - nsr) / nsr * 100) < 0.06:
            return Feedback(False, f"Not yet: {value:g} % divides the difference by the Northern Sea Route's distance. "
                            "The question measures the saving against the Suez route.")
        if abs(value - round(saving)) < 1e-9:
            return Feedback(False, f"Not yet: {value:g} % is the share rounded to a whole number. Give it to one "
                            "decimal.")
        if abs(value - (suez - nsr)) < 0.5:
            return Feedback(False, f"Not yet: {suez - nsr:,.0f} km is the difference in kilometres. The question asks "
                            "for it as a percentage of the Suez route.")
    return check_number(
        answer, expected=saving, tolerance=0.05, unit="%",
        explanation=(f"({suez:,.0f} − {nsr:,.0f}) / {suez:,.0f} × 100 = {saving:.3f} %: the Northern Sea Route saves "
                     f"{suez - nsr:,.0f} km, a little under the '40%' the Valdai Club's summary gives. It is a saving "
                     "of distance, not of time or cost."),
        hint="take the two distance_km values of the pair st_petersburg_vladivostok, subtract, divide by the Suez one.",
    )


# --------------------------------------------------------------------------- exercise 2


def route_ratio(pair: str = "murmansk_yokohama", column: str = "distance_nm") -> float:
    """How many times longer the Suez route is than the Northern Sea Route.

    Example:
        >>> round(route_ratio(), 2)
        2.23
    """
    return _route(f"{pair}_suez", column) / _route(f"{pair}_nsr", column)


@learner_check
def check_route_ratio(answer: Any = ...) -> Feedback:
    """Exercise 2: how many times longer is Murmansk–Yokohama through Suez than by the NSR?

    Accepts the ratio in nautical miles or in kilometres, to two decimals.

    Example:
        >>> check_route_ratio(2.22).correct and check_route_ratio(2.23).correct
        True
        >>> check_route_ratio(0.45).correct
        False
    """
    nm, km = route_ratio(column="distance_nm"), route_ratio(column="distance_km")
    low, high = sorted((nm, km))
    value, _ = as_number(answer)
    if value is not None and value > 0 and abs(1 / value - nm) < 0.02:
        return Feedback(False, f"Not yet: {value:g} is the Northern Sea Route as a fraction of the Suez route. The "
                        "question asks the other way round: divide the Suez distance by the Northern Sea Route's.")
    if value is not None and abs(value - (_route("murmansk_yokohama_suez", "distance_nm")
                                          - _route("murmansk_yokohama_nsr", "distance_nm"))) < 0.5:
        return Feedback(False, "Not yet: that is the difference in nautical miles. The question asks for a ratio: "
                        "divide one distance by the other.")
    middle, half_width = (low + high) / 2, (high - low) / 2 + 0.006
    return check_number(
        answer, expected=middle, tolerance=half_width,
        explanation=(f"{nm:.4f} in nautical miles and {km:.4f} in kilometres (the source's conversions are rounded): "
                     "the Valdai Club's '2.23 times less'. For a port as far north as Murmansk the Arctic route "
                     "saves more than half the distance; for a port in southern China it would save much less."),
        hint="divide the distance_nm of murmansk_yokohama_suez by that of murmansk_yokohama_nsr.",
    )


# --------------------------------------------------------------------------- exercise 3


def bam_distances() -> pd.DataFrame:
    """Each BAM station's straight-line distance to the nearest Trans-Siberian station listed.

    Computed from the coordinates in far_east_places.csv (great-circle distance, km): a
    measure of how far apart the two lines run, station by station (in the east mostly
    eastward, not northward).

    Example:
        >>> table = bam_distances()
        >>> table.loc["tynda", "nearest_trans_siberian"], int(table.loc["tynda", "km"])
        ('Skovorodino', 139)
    """
    places = load_table("far_east_places").set_index("id")
    lines = load_table("rail_lines").sort_values(["line_id", "seq"], kind="stable")
    trans = lines.loc[lines["line_id"] == "trans_siberian", "place_id"].tolist()
    rows = []
    for place in lines.loc[lines["line_id"] == "bam", "place_id"]:
        lat, lon = places.loc[place, "lat"], places.loc[place, "lon"]
        km, nearest = min((great_circle_km(lat, lon, places.loc[t, "lat"], places.loc[t, "lon"]), t) for t in trans)
        rows.append({"place_id": place, "bam_station": places.loc[place, "name_en"],
                     "nearest_trans_siberian": places.loc[nearest, "name_en"], "km": round(km)})
    return pd.DataFrame(rows).set_index("place_id")


def _bam_distance_sentence() -> str:
    table = bam_distances().drop(index=shared_stations())
    far = table["km"].idxmax()
    east = table.loc[["tynda", "komsomolsk"]]
    return (f"From the places table, the BAM stations lie {table['km'].min():,} to {table['km'].max():,} km in a "
            f"straight line from the nearest listed Trans-Siberian station (the farthest: {table.loc[far, 'bam_station']}); "
            + "; ".join(f"{r.bam_station} {r.km:,} km from {r.nearest_trans_siberian}" for r in east.itertuples())
            + ".")


def shared_stations(first: str = "trans_siberian", second: str = "bam") -> list[str]:
    """Places that the two lines both list in rail_lines.csv.

    Example:
        >>> shared_stations()
        ['tayshet']
    """
    lines = load_table("rail_lines")
    a = set(lines.loc[lines["line_id"] == first, "place_id"])
    b = set(lines.loc[lines["line_id"] == second, "place_id"])
    return sorted(a & b)


@learner_check
def check_shared_stations(answer: Any = ...) -> Feedback:
    """Exercise 3: which places lie on both the Trans-Siberian and the BAM (as the table lists them)?

    Example:
        >>> check_shared_stations(["tayshet"]).correct
        True
        >>> check_shared_stations(["tayshet", "tynda"]).correct
        False
    """
    lines = load_table("rail_lines")
    if isinstance(answer, (list, tuple, set)):
        given = {str(a).strip().lower() for a in answer}
        on_link = sorted(given & set(lines.loc[lines["line_id"] == "amur_yakutsk", "place_id"]) - set(shared_stations()))
        if on_link:
            return Feedback(False, f"Not yet: {', '.join(repr(p) for p in on_link)} lies on the Little BAM / "
                            "Amur-Yakutsk line, which links the two main lines; the question asks for places on both "
                            "the trans_siberian and the bam rows.")
    names = [lookup("far_east_places", p, "name_en") for p in shared_stations()]
    return check_ids(answer, shared_stations(), sorted(set(lines["place_id"])), noun="place id", explanation=(
        f"{', '.join(names)}: the BAM leaves the Trans-Siberian there and runs north of it to the Pacific, away "
        f"from the Chinese border. {_bam_distance_sentence()} Further east the table lists no shared station: the "
        "Little BAM (Skovorodino–Tynda) links the two lines, and so do other connecting lines the table leaves out."
    ))


# --------------------------------------------------------------------------- exercise 4


def institution_steps() -> pd.DataFrame:
    """The five steps of exercise 4, by letter, with their names and no dates.

    Example:
        >>> institution_steps().loc["E", "step"]
        'Ministry for the Development of the Russian Far East'
    """
    names = [lookup("far_east_institutions", i, "name_en") for i in INSTITUTION_STEPS.values()]
    return pd.DataFrame({"step": names}, index=pd.Index(list(INSTITUTION_STEPS), name="letter"))


def institution_order() -> list[str]:
    """The letters of :data:`INSTITUTION_STEPS` in date order.

    Example:
        >>> sorted(institution_order()) == sorted(INSTITUTION_STEPS)
        True
    """
    dates = load_table("far_east_institutions").set_index("id")["date"]
    return sorted(INSTITUTION_STEPS, key=lambda letter: dates[INSTITUTION_STEPS[letter]])


@learner_check
def check_institution_order(answer: Any = ...) -> Feedback:
    """Exercise 4: put the five steps in order, earliest first, by letter.

    Example:
        >>> check_institution_order(institution_order()).correct
        True
        >>> check_institution_order("".join(institution_order()).lower()).correct
        True
    """
    if answer is None or answer is ...:
        return Feedback(False, "Not yet. You have not given an answer yet: write the five letters as a list, "
                        "earliest first, e.g. ['B', ...] with all five.")
    if isinstance(answer, str) and len(answer.replace(",", "").replace(" ", "")) == len(INSTITUTION_STEPS):
        answer = list(answer.replace(",", "").replace(" ", ""))
    if isinstance(answer, (list, tuple)):
        answer = [a.strip().upper() if isinstance(a, str) else a for a in answer]
    table = load_table("far_east_institutions").set_index("id")
    explanation = "; ".join(
        f"{format_date(table.loc[INSTITUTION_STEPS[k], 'date'], table.loc[INSTITUTION_STEPS[k], 'date_precision'])}: "
        f"{table.loc[INSTITUTION_STEPS[k], 'name_en']}" for k in institution_order()
    )
    return check_order(answer, institution_order(), list(INSTITUTION_STEPS), explanation=explanation + ".",
                       noun="letter")


# --------------------------------------------------------------------------- exercise 5


# The company the article names was never identified for certain: a learner may count it
# as a slip (the course's sorting) or as substance, with the reason given in the feedback.
EITHER_KIND = "company_name_garbled"


def substance_ids(section: str = SECTION) -> list[str]:
    """Ids of the section's mistakes that are errors of substance (not slips).

    Example:
        >>> substance_ids()
        ['free_port_city_only', 'nsr_arctic_to_atlantic']
    """
    errors = load_table("article_errors")
    return sorted(errors.loc[(errors["section"] == section) & (errors["kind"] == "substance"), "id"])


@learner_check
def check_substance(answer: Any = ...) -> Feedback:
    """Exercise 5: which of the section's mistakes are errors of substance rather than slips?

    Example:
        >>> check_substance(["primoriskii_spelling"]).correct
        False
    """
    errors = load_table("article_errors")
    section = errors[errors["section"] == SECTION].set_index("id")
    wanted = substance_ids()
    reasons = " ".join(f"{i}: {_first_sentence(section.loc[i, 'what_is_wrong'])}" for i in wanted)
    either = ""
    if isinstance(answer, (list, tuple, set)) and all(isinstance(a, str) for a in answer):
        given = {a.strip() for a in answer}
        if EITHER_KIND in given:
            # Defensible either way: judge the rest of the answer without it.
            given.discard(EITHER_KIND)
            if not given:
                return Feedback(False, (
                    f"Not yet: {EITHER_KIND!r} may be counted either way, but the list has "
                    f"{len(wanted)} clearer errors of substance. Look for statements that describe a fact wrongly "
                    "(where a route runs, what a law covers)."))
            answer = sorted(given)
            either = (f" Counting {EITHER_KIND!r} as substance is defensible too: the course lists it as a slip "
                      "because the point (Russia built institutions) stands, but the body it names was never "
                      "identified for certain.")
        slips = sorted(given & set(section.index[section["kind"] == "slip"]))
        if slips and given <= set(section.index):
            return Feedback(False, f"Not yet: {slips[0]!r} is a slip, not an error of substance. "
                            f"{_first_sentence(section.loc[slips[0], 'what_is_wrong'])}")
        if given and given < set(wanted):
            return Feedback(False, f"Not yet: right so far, but {len(wanted) - len(given)} more error of substance "
                            "is in the list. Look for a statement that describes a fact wrongly (where a route "
                            "runs, what a law covers), not a word spelt or translated wrongly.")
    return check_ids(answer, wanted, section.index, explanation=(
        f"{reasons} The others are slips of a word or a name: the meaning is clear once corrected. None of the "
        f"section's mistakes touches the argument.{either}"
    ))


def _first_sentence(text: str) -> str:
    """The first sentence of a table's explanation (up to the first full stop and space)."""
    head = str(text).split(". ")[0].rstrip(".")
    return head + "."


# --------------------------------------------------------------------------- exercise 6


def strategy_year() -> int:
    """The year the government approved the Far East strategy, from far_east_institutions.csv.

    Example:
        >>> strategy_year()
        2009
    """
    return int(str(lookup("far_east_institutions", "strategy_far_east_2009", "date"))[:4])


@learner_check
def check_strategy_year(answer: Any = ...) -> Feedback:
    """Exercise 6: in which year was the Far East and Baikal Region strategy approved?

    Example:
        >>> check_strategy_year(2009).correct
        True
        >>> check_strategy_year(2010).message.startswith("Not yet: 2010 is the year the article gives")
        True
    """
    year = strategy_year()
    value, _ = as_number(answer)
    if value is not None:
        if value == 2010:
            return Feedback(False, "Not yet: 2010 is the year the article gives. Read the date of the government "
                            "order itself, in the citation of strategy_fe_2009.")
        if value == 2025:
            return Feedback(False, "Not yet: 2025 is the strategy's horizon (it runs 'to 2025'), not the year it "
                            "was approved.")
        if value == 2094:
            return Feedback(False, "Not yet: 2094 is the order's number (No. 2094-r), not a year.")
    explanation = (
        f"The government approved it by order No. 2094-r on 28 December {year}, days before the "
        "'2010' the article gives (the Siberia strategy did follow in July 2010, which may be why the article puts both in one "
        "year). The order also names the strategy for the Far East and the Baikal region, not 'Trans-Baikal'. "
        "A slip of dating and naming: it does not touch the argument. The claims table gives the row as "
        "'approximately right'.")
    if value is not None and value == year:
        return Feedback(True, f"Correct: {year}. {explanation}")
    if value is not None and value == value:
        return Feedback(False, f"Not yet: {value:g} is not the year of the order. Hint: read the citation of "
                        "strategy_fe_2009 in sources.csv: the order's date is in it.")
    return check_number(answer, expected=year, tolerance=0, explanation=explanation, integer=True,
                        hint="read the citation of strategy_fe_2009 in sources.csv: the order's date is in it.")
