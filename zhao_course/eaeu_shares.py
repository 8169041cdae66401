"""How the Eurasian customs unions share import duties, beside each member's share of GDP (chapter 7).

The article gives a three-member split (Russia 87.97 %, Kazakhstan 7.33 %, Belarus 4.7 %:
rows ``tariff_share_*`` of ``data/article_claims.csv``), which is the Customs Union's of
2010, not the five-member Eurasian Economic Union's. The EAEU's split, fixed by the
protocol of 2017, is ``data/eaeu_tariff_shares.csv``. Both are set by agreement; neither
follows GDP, which :func:`gdp_shares` computes from the World Bank table
(``data/worldbank_gdp.csv``).

Example:
    >>> round(sum(article_shares().values()), 2)
    100.0
    >>> round(gdp_shares(["RUS", "KAZ", "BLR", "KGZ", "ARM"], 2017)["KGZ"], 2)
    0.42
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from zhao_course.data import load_table, lookup
from zhao_course.errors import CourseInputError
from zhao_course.gdp import gdp_value
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "ARTICLE_ROWS",
    "CU_MEMBERS",
    "EAEU_MEMBERS",
    "PROTOCOL_YEAR",
    "TREATY_YEAR",
    "article_shares",
    "gdp_shares",
    "protocol_shares",
    "shares_table",
    "tariff_shares_alt_text",
    "tariff_shares_figure",
]

#: The rows of article_claims.csv with the article's three shares, by member.
ARTICLE_ROWS: dict[str, str] = {"RUS": "tariff_share_russia", "KAZ": "tariff_share_kazakhstan",
                                "BLR": "tariff_share_belarus"}
CU_MEMBERS: tuple[str, ...] = ("RUS", "KAZ", "BLR")
EAEU_MEMBERS: tuple[str, ...] = ("RUS", "KAZ", "BLR", "KGZ", "ARM")
#: The year the three-member Customs Union's common tariff started (its split is compared with GDP then).
TREATY_YEAR = 2010
#: The year of the EAEU's protocol on the five-member split.
PROTOCOL_YEAR = 2017
_NAMES = {"RUS": "Russia", "KAZ": "Kazakhstan", "BLR": "Belarus", "KGZ": "Kyrgyzstan", "ARM": "Armenia"}


def article_shares() -> dict[str, float]:
    """The article's three shares (%), by member code, read from article_claims.csv.

    Example:
        >>> article_shares()["RUS"]
        87.97
    """
    return {code: float(lookup("article_claims", row, "article_value")) for code, row in ARTICLE_ROWS.items()}


def protocol_shares() -> dict[str, float]:
    """The EAEU's five shares (%) under the 2017 protocol, by member code.

    Example:
        >>> protocol_shares()["KGZ"]
        1.9
    """
    table = load_table("eaeu_tariff_shares")
    return {str(code): float(share) for code, share in zip(table["code"], table["share_pct"])}


def gdp_shares(codes: Iterable[str], year: int) -> dict[str, float]:
    """Each state's share (%) of the group's combined GDP in ``year`` (World Bank, current US$).

    Example:
        >>> round(gdp_shares(["RUS", "KAZ", "BLR"], 2010)["RUS"], 1)
        88.1
    """
    codes = list(codes)
    values = {code: gdp_value(code, year) for code in codes}
    missing = [code for code, value in values.items() if value is None]
    if missing:
        raise CourseInputError(f"The World Bank table has no GDP for {', '.join(missing)} in {year}.")
    total = sum(values.values())
    return {code: value / total * 100 for code, value in values.items()}


def shares_table() -> pd.DataFrame:
    """The article's split, the 2017 protocol's split and the GDP shares, one row per member (%).

    Example:
        >>> shares_table().loc["Armenia", "Customs Union split (the article's)"]
        '—'
    """
    article, protocol = article_shares(), protocol_shares()
    gdp3, gdp5 = gdp_shares(CU_MEMBERS, TREATY_YEAR), gdp_shares(EAEU_MEMBERS, PROTOCOL_YEAR)

    def cell(table: dict[str, float], code: str, digits: int) -> str:
        return f"{table[code]:.{digits}f}".rstrip("0").rstrip(".") if code in table else "—"

    rows = []
    for code in EAEU_MEMBERS:
        rows.append({
            "Member": _NAMES[code],
            "Customs Union split (the article's)": cell(article, code, 2),
            f"Share of the three's GDP, {TREATY_YEAR}": cell(gdp3, code, 1),
            f"EAEU split ({PROTOCOL_YEAR} protocol)": cell(protocol, code, 3),
            f"Share of the five's GDP, {PROTOCOL_YEAR}": cell(gdp5, code, 2),
        })
    return pd.DataFrame(rows).set_index("Member")


def tariff_shares_figure() -> Figure:
    """Paired bars: the two revenue splits beside the GDP shares of the same members.

    Example:
        >>> len(tariff_shares_figure().axes)
        2
    """
    from matplotlib.figure import Figure

    article, protocol = article_shares(), protocol_shares()
    gdp3, gdp5 = gdp_shares(CU_MEMBERS, TREATY_YEAR), gdp_shares(EAEU_MEMBERS, PROTOCOL_YEAR)
    fig = Figure(figsize=(9, 4.2))
    axes = fig.subplots(1, 2, sharey=False)
    fig.subplots_adjust(left=0.08, right=0.99, top=0.83, bottom=0.2, wspace=0.25)
    panels = [
        (axes[0], CU_MEMBERS, article, gdp3, f"Three members: the article's split\nbeside GDP shares, {TREATY_YEAR}"),
        (axes[1], EAEU_MEMBERS, protocol, gdp5, f"Five members: the {PROTOCOL_YEAR} protocol's split\nbeside GDP shares, {PROTOCOL_YEAR}"),
    ]
    for ax, codes, revenue, gdp, title in panels:
        x = range(len(codes))
        ax.bar([i - 0.2 for i in x], [revenue[c] for c in codes], width=0.4, color=OKABE_ITO["blue"],
               edgecolor="black", linewidth=0.5, label="Share of import duties (%)")
        ax.bar([i + 0.2 for i in x], [gdp[c] for c in codes], width=0.4, color="white", edgecolor="black",
               hatch="///", linewidth=0.5, label="Share of the members' GDP (%)")
        for i, code in enumerate(codes):
            ax.annotate(f"{revenue[code]:g}", (i - 0.2, revenue[code]), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7, rotation=90)
            ax.annotate(f"{gdp[code]:.1f}", (i + 0.2, gdp[code]), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7, rotation=90)
        ax.set_yscale("log")
        ax.set_ylim(0.2, 600)
        ticks = [0.5, 1, 2, 5, 10, 20, 50, 100]
        ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
        ax.minorticks_off()
        ax.set_xticks(list(x), [_NAMES[c] for c in codes], fontsize=8)
        ax.set_ylabel("% (log scale)", fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_title(title, fontsize=9)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=8, frameon=False)
    fig.suptitle("Who gets the customs unions' import duties, and how big each economy is", fontsize=10)
    return fig


def tariff_shares_alt_text() -> str:
    """Describe :func:`tariff_shares_figure` from the data.

    Example:
        >>> "Kyrgyzstan" in tariff_shares_alt_text()
        True
    """
    article, protocol = article_shares(), protocol_shares()
    gdp3, gdp5 = gdp_shares(CU_MEMBERS, TREATY_YEAR), gdp_shares(EAEU_MEMBERS, PROTOCOL_YEAR)

    less = [c for c in EAEU_MEMBERS if protocol[c] < gdp5[c]]
    more = [c for c in EAEU_MEMBERS if protocol[c] >= gdp5[c]]

    def pairs(codes: tuple[str, ...], revenue: dict[str, float], gdp: dict[str, float]) -> str:
        return "; ".join(f"{_NAMES[c]} {revenue[c]:g} % of duties, {gdp[c]:.1f} % of GDP" for c in codes)

    return (
        "Two bar charts on a logarithmic scale, each pairing a member's share of the union's import duties (solid "
        "blue bars) with its share of the members' combined GDP (white hatched bars). Left, the three-member Customs "
        f"Union split the article gives, beside GDP shares in {TREATY_YEAR}: {pairs(CU_MEMBERS, article, gdp3)}. "
        f"Right, the five-member EAEU split of the {PROTOCOL_YEAR} protocol, beside GDP shares in {PROTOCOL_YEAR}: "
        f"{pairs(EAEU_MEMBERS, protocol, gdp5)}. In the EAEU split, {_join(less)} receive less than their share "
        f"of GDP, and {_join(more)} more."
    )


def _join(codes: list[str]) -> str:
    names = [_NAMES[c] for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
