"""Shared look of the course's figures: a colour-blind-safe palette and small helpers.

The palette is Okabe and Ito's (2008), safe for the common forms of colour blindness;
figures never rely on colour alone (shapes, labels or line styles carry the same
information).

Example:
    >>> from zhao_course.style import OKABE_ITO
    >>> OKABE_ITO["blue"]
    '#0072B2'
"""
from __future__ import annotations

from datetime import date

import pandas as pd

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


#: The precisions a date in the course's tables can have (``date_precision`` in data/datapackage.json).
PRECISIONS: tuple[str, ...] = ("day", "month", "year")


def format_date(value: date | pd.Timestamp, precision: str = "day") -> str:
    """Write a date as a reader would, keeping only the precision that is known.

    Example:
        >>> format_date(pd.Timestamp("1991-05-16"))
        '16 May 1991'
        >>> format_date(pd.Timestamp("1964-02-01"), "month")
        'February 1964'
        >>> format_date(pd.Timestamp("1979-01-01"), "year")
        '1979'
    """
    stamp = pd.Timestamp(value)
    if precision == "year":
        return f"{stamp.year}"
    if precision == "month":
        return f"{MONTHS[stamp.month - 1]} {stamp.year}"
    return f"{stamp.day} {MONTHS[stamp.month - 1]} {stamp.year}"


def date_phrase(value: date | pd.Timestamp, precision: str = "day") -> str:
    """The date with its preposition, so a year or a month never reads as a day:
    'on 16 May 1991', 'in February 1964', 'in 1978'.

    Example:
        >>> date_phrase(pd.Timestamp("1991-05-16"))
        'on 16 May 1991'
        >>> date_phrase(pd.Timestamp("1978-01-01"), "year")
        'in 1978'
    """
    return ("on " if precision == "day" else "in ") + format_date(value, precision)


def precision_note(precision: str) -> str:
    """A sentence saying how much of a date is known ('' for an exact day).

    Example:
        >>> precision_note("year")
        'Dated to the year: the month and day are not known.'
    """
    return {
        "month": "Dated to the month: the day is not known.",
        "year": "Dated to the year: the month and day are not known.",
    }.get(precision, "")
