"""China's trade with the five Central Asian states: the article's figures and later ones (chapter 7).

The checked series is ``data/central_asia_trade.csv`` (Chinese statistics, US$ bn). The
article's two figures are rows ``ca_trade_2000`` (US$1.8 bn, **not verified**) and
``ca_trade_2012`` (US$45.9 bn) of ``data/article_claims.csv``.

Example:
    >>> round(cagr(1.8, 45.9, 12) * 100, 1)
    31.0
    >>> trade_series()[2024]
    94.8
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from zhao_course.data import load_table, lookup
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["article_figures", "cagr", "central_asia_trade_alt_text", "central_asia_trade_figure", "gaps_after_2012",
           "trade_series", "yuan_only"]


def trade_series() -> dict[int, float]:
    """The checked series, year -> US$ bn.

    Example:
        >>> trade_series()[2012]
        45.94
    """
    table = load_table("central_asia_trade").sort_values("year")
    return {int(y): float(v) for y, v in zip(table["year"], table["value_usd_bn"]) if not math.isnan(float(v))}


def yuan_only() -> dict[int, float]:
    """Years the table gives in yuan only (no dollar figure), year -> CNY bn.

    Example:
        >>> yuan_only()
        {2013: 312.04}
    """
    table = load_table("central_asia_trade").sort_values("year")
    return {int(y): float(c) for y, u, c in zip(table["year"], table["value_usd_bn"], table["value_cny_bn"])
            if math.isnan(float(u)) and not math.isnan(float(c))}


def gaps_after_2012(series: dict[int, float] | None = None) -> list[tuple[int, int]]:
    """Runs of years after 2012 with no dollar figure in the table, as (first, last) pairs.

    Example:
        >>> gaps_after_2012({2012: 1.0, 2016: 2.0, 2018: 3.0})
        [(2013, 2015), (2017, 2017)]
    """
    years = sorted(series if series is not None else trade_series())
    later = [y for y in years if y >= 2012]
    return [(a + 1, b - 1) for a, b in zip(later, later[1:]) if b - a > 1]


def article_figures() -> dict[int, float]:
    """The article's two figures, year -> US$ bn (the one for 2000 is not verified).

    Example:
        >>> article_figures()
        {2000: 1.8, 2012: 45.9}
    """
    return {2000: float(lookup("article_claims", "ca_trade_2000", "article_value")),
            2012: float(lookup("article_claims", "ca_trade_2012", "article_value"))}


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate: the constant yearly rate that turns ``start`` into ``end``.

    ``(end / start) ** (1 / years) - 1``, as a fraction (0.05 is 5 % a year).

    Example:
        >>> round(cagr(100, 121, 2), 3)
        0.1
        >>> cagr(0, 5, 3)
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: Compound growth needs two positive values and a positive number of years; you gave 0, 5 and 3.
    """
    for value in (start, end, years):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CourseTypeError(f"cagr needs numbers, not {describe_type(value)}.")
    if not (start > 0 and end > 0 and years > 0 and math.isfinite(start * end * years)):
        raise CourseInputError("Compound growth needs two positive values and a positive number of years; "
                               f"you gave {start:g}, {end:g} and {years:g}.")
    return (end / start) ** (1 / years) - 1


def central_asia_trade_figure() -> Figure:
    """Bars of the checked series, with the article's unverified 2000 figure as a hollow, hatched bar.

    Example:
        >>> len(central_asia_trade_figure().axes)
        1
    """
    from matplotlib.figure import Figure

    series, article = trade_series(), article_figures()
    fig = Figure(figsize=(8, 3.8))
    ax = fig.subplots()
    fig.subplots_adjust(left=0.09, right=0.98, top=0.88, bottom=0.2)
    ax.bar(list(series), list(series.values()), width=0.8, color=OKABE_ITO["blue"], edgecolor="black", linewidth=0.5,
           label="Checked (Chinese statistics)")
    ax.bar([2000], [article[2000]], width=0.8, color="white", edgecolor=OKABE_ITO["vermillion"], hatch="xxx",
           linewidth=1.0, label="The article's figure, not verified")
    for year, value in [*series.items(), (2000, article[2000])]:
        ax.annotate(f"{value:g}", (year, value), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=7)
    for first, last in gaps_after_2012(series):
        ax.axvspan(first - 0.5, last + 0.5, color="#EEEEEE", zorder=0)
        wide = last > first
        ax.text((first + last) / 2, max(series.values()) * (0.7 if wide else 0.3),
                f"no dollar\nfigure\n{first}–{last}" if wide else f"no figure {first}", ha="center", va="center",
                fontsize=6.5, color="#444444", rotation=0 if wide else 90)
    for year, cny in yuan_only().items():
        ax.annotate(f"{year}: CNY {cny:g} bn\n(yuan only)", (year, 0), xytext=(0, 30), textcoords="offset points",
                    ha="left", va="bottom", fontsize=6.5, color="#444444",
                    arrowprops={"arrowstyle": "-", "color": "#888888", "linewidth": 0.6})
    ax.set_xlim(1990.5, max(series) + 1.2)
    ax.set_ylim(0, max(series.values()) * 1.12)
    ax.set_ylabel("US$ bn (current)", fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(True, axis="y", color="#BBBBBB", linewidth=0.5, linestyle=":")
    ax.set_axisbelow(True)
    ax.set_title("China's trade with the five Central Asian states", fontsize=10)
    fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
    return fig


def central_asia_trade_alt_text() -> str:
    """Describe :func:`central_asia_trade_figure` from the data.

    Example:
        >>> "not verified" in central_asia_trade_alt_text()
        True
    """
    series, article = trade_series(), article_figures()
    listed = "; ".join(f"{year}: {value:g}" for year, value in series.items())
    gaps = "; ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in gaps_after_2012(series))
    yuan = "; ".join(f"{y}: {v:g} billion yuan" for y, v in yuan_only().items())
    return (
        "Bar chart of China's trade with Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan, in US$ "
        f"billions, from Chinese statistics, solid blue bars: {listed}. A hollow bar hatched in vermillion marks the "
        f"article's figure for 2000, {article[2000]:g}, not verified by the course. The checked series has no "
        f"value between {max(y for y in series if y < 2000)} and {min(y for y in series if y > 2000)}"
        + (f", and no dollar figure for {gaps}, grey bands" if gaps else "")
        + (f"; a label gives the yuan figure ({yuan}), which the course does not convert." if yuan else ".")
    )
