"""Checks for the data exercises of chapter 7, "Silk Road Economic Belt and Eurasian Economic Union".

Each expected answer is computed here from ``data/`` (never typed in), so the check and
the table cannot drift apart. Every ``check_...`` function answers with a sentence,
whatever it is given (:func:`zhao_course.checks.learner_check`).

Example:
    >>> check_eurasec_not_customs_union(["Kyrgyzstan", "Tajikistan"]).correct
    True
    >>> check_article_growth(204.2)
    Not yet: 204.2 % is a simple average: the total growth divided by the years. Compound growth multiplies: find the rate r with 1.8 × (1 + r)^12 = 45.9.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from zhao_course.central_asia_trade import article_figures, cagr, trade_series
from zhao_course.checks import Feedback, as_number, check_ids, check_number, learner_check, shorten
from zhao_course.data import load_table
from zhao_course.eaeu_shares import PROTOCOL_YEAR, gdp_shares, protocol_shares, EAEU_MEMBERS
from zhao_course.memberships import members

SECTION = "Silk Road Economic Belt and Eurasian Economic Union"


def _names() -> dict[str, str]:
    states = load_table("eurasia_states")
    return dict(zip(states["code"], states["short_name"]))


# --------------------------------------------------------------------------- exercise 1


def eurasec_not_customs_union(year: int = 2010) -> list[str]:
    """States in EurAsEC but not in the Customs Union of 2010, in ``year`` (short names, sorted).

    Example:
        >>> eurasec_not_customs_union()
        ['Kyrgyzstan', 'Tajikistan']
    """
    eurasec = set(members(year, "eurasec")["short_name"])
    union = set(members(year, "customs_union_2010")["short_name"])
    return sorted(eurasec - union)


@learner_check
def check_eurasec_not_customs_union(answer: Any = ...) -> Feedback:
    """Exercise 1: which states were in EurAsEC in 2010 but outside the Customs Union of 2010?

    Accepts short names (``"Kyrgyzstan"``) or codes (``"KGZ"``), in any order.

    Example:
        >>> check_eurasec_not_customs_union(["KGZ", "TJK"]).correct
        True
        >>> check_eurasec_not_customs_union(["Kyrgyzstan", "Tajikistan", "Uzbekistan"]).message.startswith("Not yet: Uzbekistan suspended")
        True
    """
    names = _names()
    expected = eurasec_not_customs_union()
    aliases = {code.casefold(): name for code, name in names.items()}
    aliases.update({name.casefold(): name for name in names.values()})
    states = load_table("eurasia_states")
    aliases.update({full.casefold(): short for full, short in zip(states["country"], states["short_name"])})
    answer = _as_list(answer)
    if isinstance(answer, str) and answer.strip().casefold() not in aliases and ("," in answer or ";" in answer):
        answer = [part.strip() for part in answer.replace(";", ",").split(",") if part.strip()]  # "KGZ, TJK"
    if isinstance(answer, list):
        answer = [aliases.get(item.strip().casefold(), item) if isinstance(item, str) else item for item in answer]
    elif isinstance(answer, str):
        answer = aliases.get(answer.strip().casefold(), answer)
    items = answer if isinstance(answer, list) else [answer] if isinstance(answer, str) else []
    unknown = [item for item in items if isinstance(item, str) and item.strip() and item not in names.values()]
    if unknown:
        return Feedback(False, f"Not yet: {shorten(unknown[0])} is not a state in the membership table. Use a code from its "
                        "'code' column (e.g. 'KGZ') or a state's name (e.g. 'Kyrgyzstan').")
    if isinstance(answer, list) and "Uzbekistan" in answer:
        return Feedback(False, "Not yet: Uzbekistan suspended its EurAsEC membership in 2008, so it was no longer a "
                        "member in 2010. Take it out.")
    union = sorted(members(2010, "customs_union_2010")["short_name"])
    named = {item for item in answer if isinstance(item, str)} if isinstance(answer, list) else set()
    if named & set(union):
        inside = sorted(named & set(union))
        return Feedback(False, f"Not yet: {', '.join(inside)} belonged to the Customs Union of 2010 as well. The "
                        "question asks for EurAsEC members outside it.")
    if (isinstance(answer, list) and answer and all(isinstance(item, str) for item in answer)
            and set(answer) < set(expected)):
        return Feedback(False, f"Not yet: {', '.join(sorted(set(answer)))} is right, but the answer has "
                        f"{len(expected)} states. Look again at the EurAsEC members of 2010.")
    return check_ids(
        answer, expected, valid=sorted(names.values()), noun="state",
        explanation=(f"{' and '.join(expected)} were in EurAsEC but not in the Customs Union of Russia, Belarus and "
                     "Kazakhstan: the customs union grew inside EurAsEC with only three of its members. Kyrgyzstan "
                     "joined the EAEU in 2015; Tajikistan has not joined (see the explorer)."),
    )


def _as_list(answer: Any) -> Any:
    """A set, tuple, numpy array or pandas Series of names becomes a list; anything else is left as it is."""
    if isinstance(answer, (set, frozenset, tuple)):
        return sorted(answer, key=str)
    if hasattr(answer, "tolist") and not isinstance(answer, str):
        try:
            items = answer.tolist()
        except Exception:  # noqa: BLE001 - an odd object is left for check_ids to explain
            return answer
        return items if isinstance(items, list) else answer
    return answer


# --------------------------------------------------------------------------- exercise 2


def kyrgyz_gap() -> float:
    """Kyrgyzstan's share of EAEU import duties minus its share of the five members' GDP, in percentage points.

    Example:
        >>> round(kyrgyz_gap(), 2)
        1.48
    """
    return protocol_shares()["KGZ"] - gdp_shares(EAEU_MEMBERS, PROTOCOL_YEAR)["KGZ"]


@learner_check
def check_kyrgyz_gap(answer: Any = ...) -> Feedback:
    """Exercise 2: by how many percentage points does Kyrgyzstan's share of duties exceed its share of GDP?

    Example:
        >>> check_kyrgyz_gap(1.48).correct
        True
        >>> check_kyrgyz_gap(0.42).correct
        False
    """
    duty = protocol_shares()["KGZ"]
    gdp = gdp_shares(EAEU_MEMBERS, PROTOCOL_YEAR)["KGZ"]
    gap = duty - gdp
    value, _ = as_number(answer, unit="percentage points")
    if value is not None:
        if abs(value - gdp) < 0.006:
            return Feedback(False, f"Not yet: {value:g} is Kyrgyzstan's share of the five members' GDP. Subtract it "
                            f"from its share of the duties ({duty:g} %).")
        if abs(value + gap) < 0.006:
            return Feedback(False, "Not yet: the sign is the wrong way round. The share of duties is the larger one: "
                            "subtract the GDP share from it.")
        if abs(value - duty / gdp) < 0.06:
            return Feedback(False, f"Not yet: {value:g} is the ratio of the two shares (how many times). The question "
                            "asks for the difference in percentage points.")
        if abs(value - duty) < 1e-9:
            return Feedback(False, f"Not yet: {duty:g} % is the share of duties alone. Subtract the GDP share.")
    return check_number(
        answer, expected=gap, tolerance=0.011, unit="percentage points",
        explanation=(f"{duty:g} − {gdp:.2f} = {gap:.2f} percentage points: Kyrgyzstan receives about "
                     f"{duty / gdp:.1f} times its share of the members' GDP. The split is a negotiated deal, "
                     "not a formula of economic size; small members were given more than their GDP share."),
        hint=(f"take Kyrgyzstan's share_pct in eaeu_tariff_shares; compute its GDP in {PROTOCOL_YEAR} as a percentage "
              "of the five members' total (worldbank_gdp); subtract."),
    )


# --------------------------------------------------------------------------- exercises 3 and 4


def article_growth_percent() -> float:
    """Compound annual growth (%) from the article's 2000 figure to its 2012 figure.

    Example:
        >>> round(article_growth_percent(), 1)
        31.0
    """
    article = article_figures()
    return cagr(article[2000], article[2012], 2012 - 2000) * 100


@learner_check
def check_article_growth(answer: Any = ...) -> Feedback:
    """Exercise 3: the compound annual growth rate (%) implied by the article's figures for 2000 and 2012.

    The answer may use the article's 45.9 or the checked 45.94 for 2012.

    Example:
        >>> check_article_growth("31%").correct and check_article_growth(30.98).correct
        True
        >>> check_article_growth(0.31).correct
        False
    """
    article = article_figures()
    start, end = article[2000], article[2012]
    exact = article_growth_percent()
    other = cagr(start, trade_series()[2012], 12) * 100
    low, high = sorted((exact, other))
    value, _ = as_number(answer, unit="%")
    if value is not None:
        simple = (end / start - 1) / 12 * 100
        if abs(value - simple) < 0.15:
            return Feedback(False, f"Not yet: {value:g} % is a simple average: the total growth divided by the years. "
                            f"Compound growth multiplies: find the rate r with {start:g} × (1 + r)^12 = {end:g}.")
        if abs(value - cagr(start, end, 11) * 100) < 0.1 or abs(value - cagr(start, end, 13) * 100) < 0.1:
            return Feedback(False, f"Not yet: {value:g} % counts the wrong number of years. From 2000 to 2012 there "
                            "are 12 years of growth (2012 − 2000).")
        if abs(value - (end / start) * 100) < 1 or abs(value - (end / start)) < 0.05:
            return Feedback(False, f"Not yet: {value:g} is the growth over the whole period (the ratio {end / start:.1f}). "
                            "The question asks for the yearly rate.")
    return check_number(
        answer, expected=(low + high) / 2, tolerance=(high - low) / 2 + 0.1, unit="%",
        explanation=(f"({end:g} / {start:g})^(1/12) − 1 ≈ {exact:.1f} % a year. Keep in mind that the starting value, "
                     f"USD {start:g} bn in 2000, is the article's and could not be verified: a different starting "
                     "figure changes the rate a great deal, while the 2012 figure is checked."),
        hint="divide 2012 by 2000, take the 12th root, subtract 1, multiply by 100.",
    )


def growth_since_2012_percent() -> float:
    """Compound annual growth (%) of the checked series from 2012 to its last year.

    Example:
        >>> round(growth_since_2012_percent(), 1)
        6.7
    """
    series = trade_series()
    last = max(series)
    return cagr(series[2012], series[last], last - 2012) * 100


@learner_check
def check_growth_since_2012(answer: Any = ...) -> Feedback:
    """Exercise 4: the compound annual growth rate (%) from 2012 to the last year of the checked figures.

    Example:
        >>> check_growth_since_2012(6.7).correct
        True
        >>> check_growth_since_2012(10.1).correct
        False
    """
    series = trade_series()
    last = max(series)
    start, end = series[2012], series[last]
    rate = growth_since_2012_percent()
    years = last - 2012
    value, _ = as_number(answer, unit="%")
    if value is not None:
        simple = (end / start - 1) / years * 100
        if abs(value - simple) < 0.1:
            return Feedback(False, f"Not yet: {value:g} % is a simple average (total growth divided by {years} years). "
                            "Compound growth multiplies: take the root.")
        if abs(value - cagr(start, end, years - 1) * 100) < 0.05 or abs(value - cagr(start, end, years + 1) * 100) < 0.05:
            return Feedback(False, f"Not yet: {value:g} % counts the wrong number of years: from 2012 to {last} there "
                            f"are {years}.")
    return check_number(
        answer, expected=rate, tolerance=0.06, unit="%",
        explanation=(f"({end:g} / {start:g})^(1/{years}) − 1 ≈ {rate:.1f} % a year: far slower than the ~31 % the "
                     "article's figures imply for 2000-2012, and from a far larger base. It is an average, not a path: "
                     f"trade fell after 2014 and in 2020 was {series[2020]:g}, below the {start:g} of 2012; only the five "
                     "years to 2025 were years of growth in a row. These are Chinese statistics; Central Asian ones "
                     "differ."),
        hint=f"take value_usd_bn for 2012 and {last} from central_asia_trade; the {years}th root of their ratio, minus 1.",
    )


# --------------------------------------------------------------------------- exercise 5


#: Rows of article_errors.csv for this section that the course no longer counts as errors: the
#: July 2011 start is one of three defensible dates (the single customs territory), and the
#: 87.97 / 7.33 / 4.7 split was the one in force in May 2014. They were removed from the shared
#: table; a learner who gives one of their ids still gets a sentence saying why.
NOT_ERRORS = ("customs_union_july_2011", "tariff_split_called_eaeu")


def section_errors() -> "pd.DataFrame":
    """This section's rows of article_errors.csv, without the ones the course no longer counts.

    Example:
        >>> sorted(section_errors()["kind"].unique())
        ['slip', 'substance']
    """
    rows = load_table("article_errors")
    return rows[(rows["section"] == SECTION) & ~rows["id"].isin(NOT_ERRORS)].reset_index(drop=True)


def slip_ids() -> list[str]:
    """The ids of this section's slips in article_errors.csv.

    Example:
        >>> slip_ids()
        ['world_development_bank', 'cultural_ties_not_weak', 'lukin_title']
    """
    rows = section_errors()
    return rows.loc[rows["kind"] == "slip", "id"].tolist()


@learner_check
def check_slips(answer: Any = ...) -> Feedback:
    """Exercise 5: which of this section's mistakes are slips of transcription or translation?

    Example:
        >>> check_slips(["cultural_ties_not_weak", "world_development_bank", "lukin_title"]).correct
        True
        >>> check_slips(["tajikistan_partner_rank"]).correct
        False
    """
    rows = section_errors()
    valid = rows["id"].tolist()
    expected = slip_ids()
    answer = _as_list(answer)
    if isinstance(answer, list):
        gone = [item for item in answer if isinstance(item, str) and item in NOT_ERRORS]
        if gone:
            return Feedback(False, f"Not yet: {gone[0]!r} is no longer counted as a mistake of the article (see "
                            "the claims table): leave it out and use the ids listed above.")
        wrong = [item for item in answer if isinstance(item, str) and item in valid and item not in expected]
        if wrong:
            return Feedback(False, f"Not yet: the course sorts {wrong[0]!r} as an error of substance: a careful "
                            "translator would have kept it, because the fact itself is wrong. Keep only the "
                            "mistakes whose intended sense is clear from the text.")
    if isinstance(answer, str) and answer in expected:
        answer = [answer]
    if (isinstance(answer, list) and answer and all(isinstance(item, str) for item in answer)
            and set(answer) < set(expected)):
        return Feedback(False, f"Not yet: right so far, but there are {len(expected)} slips in the list. Look again "
                        "for a name or a word whose intended sense is clear from the text.")
    return check_ids(
        answer, expected, valid=valid, noun="id",
        explanation=("A bank's name and a scholar's title garbled in translation, and a 'not' that reverses the "
                     "meaning, are slips: the intended sense is clear. The 1995 members and Tajikistan's rank "
                     "among China's partners are errors of substance. None of them changes Zhao's argument."),
    )


def section_errors_table() -> "pd.DataFrame":
    """The course's sorting of this section's mistakes, as :func:`zhao_course.claims.errors_table` shows it,
    without the rows in :data:`NOT_ERRORS`.

    Example:
        >>> len(section_errors_table()) == len(section_errors())
        True
    """
    from zhao_course.claims import errors_table

    rows = load_table("article_errors")
    dropped = set(rows.loc[rows["id"].isin(NOT_ERRORS), "article_says"])
    table = errors_table(SECTION)
    return table[~table["The article says"].isin(dropped)].reset_index(drop=True)
