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

from typing import Any

from zhao_course.central_asia_trade import article_figures, cagr, trade_series
from zhao_course.checks import Feedback, as_number, check_ids, check_number, learner_check
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
        >>> check_eurasec_not_customs_union(["Kyrgyzstan", "Tajikistan", "Uzbekistan"]).message.startswith("Not yet: Uzbekistan left")
        True
    """
    names = _names()
    expected = eurasec_not_customs_union()
    codes = {code.casefold(): name for code, name in names.items()}
    if isinstance(answer, (list, tuple)):
        answer = [codes.get(item.strip().casefold(), item) if isinstance(item, str) else item for item in answer]
    elif isinstance(answer, str):
        answer = codes.get(answer.strip().casefold(), answer)
    if isinstance(answer, (list, tuple)) and "Uzbekistan" in answer:
        return Feedback(False, "Not yet: Uzbekistan left EurAsEC in 2008, so it was no longer a member in 2010. "
                        "Take it out.")
    union = sorted(members(2010, "customs_union_2010")["short_name"])
    if isinstance(answer, (list, tuple)) and set(answer) & set(union):
        inside = sorted(set(answer) & set(union))
        return Feedback(False, f"Not yet: {', '.join(inside)} belonged to the Customs Union of 2010 as well. The "
                        "question asks for EurAsEC members outside it.")
    return check_ids(
        answer, expected, valid=sorted(names.values()), noun="state",
        explanation=(f"{' and '.join(expected)} were in EurAsEC but not in the Customs Union of Russia, Belarus and "
                     "Kazakhstan: the customs union grew inside EurAsEC with only three of its members. Both joined "
                     "the EAEU later; Tajikistan has not (see the explorer)."),
    )


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
        6.2
    """
    series = trade_series()
    last = max(series)
    return cagr(series[2012], series[last], last - 2012) * 100


@learner_check
def check_growth_since_2012(answer: Any = ...) -> Feedback:
    """Exercise 4: the compound annual growth rate (%) from 2012 to 2024 (checked figures).

    Example:
        >>> check_growth_since_2012(6.2).correct
        True
        >>> check_growth_since_2012(8.9).correct
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
        if abs(value - cagr(45.9, end, years) * 100) < 0.06 and abs(value - rate) > 0.06:
            return Feedback(False, "Not yet: use the checked 2012 value from central_asia_trade.csv.")
    return check_number(
        answer, expected=rate, tolerance=0.06, unit="%",
        explanation=(f"({end:g} / {start:g})^(1/{years}) − 1 ≈ {rate:.1f} % a year: far slower than the ~31 % the "
                     "article's figures imply for 2000-2012, and the growth came in bursts (see the chart). These "
                     "are Chinese statistics; Central Asian ones differ."),
        hint=f"take value_usd_bn for 2012 and {last} from central_asia_trade; the {years}th root of their ratio, minus 1.",
    )


# --------------------------------------------------------------------------- exercise 5


def slip_ids() -> list[str]:
    """The ids of this section's slips in article_errors.csv.

    Example:
        >>> slip_ids()
        ['world_development_bank', 'cultural_ties_not_weak']
    """
    rows = load_table("article_errors")
    rows = rows[rows["section"] == SECTION]
    return rows.loc[rows["kind"] == "slip", "id"].tolist()


@learner_check
def check_slips(answer: Any = ...) -> Feedback:
    """Exercise 5: which of this section's mistakes are slips of transcription or translation?

    Example:
        >>> check_slips(["cultural_ties_not_weak", "world_development_bank"]).correct
        True
        >>> check_slips(["tariff_split_called_eaeu"]).correct
        False
    """
    rows = load_table("article_errors")
    rows = rows[rows["section"] == SECTION]
    valid = rows["id"].tolist()
    expected = slip_ids()
    if isinstance(answer, (list, tuple)):
        wrong = [item for item in answer if isinstance(item, str) and item in valid and item not in expected]
        if wrong:
            return Feedback(False, f"Not yet: {wrong[0]!r} is a wrong fact or date, an error of substance: it would "
                            "survive a careful translator. Keep only the garbled names and words.")
    return check_ids(
        answer, expected, valid=valid, noun="id",
        explanation=("A bank's name garbled in translation and a 'not' that reverses the meaning are slips: the "
                     "intended sense is clear. The 1995 membership, the July 2011 start and the tariff split called "
                     "the EAEU's are errors of substance. None of them changes Zhao's argument."),
    )
