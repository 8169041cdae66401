"""What a chapter's hidden setup cell turns on, in one call.

Every chapter starts with the same few display settings; they live here so no chapter
copies them:

- DataFrames shown as accessible HTML tables (:mod:`zhao_course.tables`);
- long text cells shown whole, not cut at 50 characters (the claims tables quote the
  article and the checked record in full);
- figures shown as palette PNGs, a third of the size (:mod:`zhao_course.png`);
- one warning sentence if the notebook sits in another copy of the course than the
  package in use (:func:`zhao_course.paths.warn_if_other_clone`).

Example:
    >>> import pandas as pd
    >>> setup_notebook()
    >>> pd.get_option("display.max_colwidth") is None
    True
"""
from __future__ import annotations

import pandas as pd

from zhao_course.paths import warn_if_other_clone
from zhao_course.png import enable_small_figures
from zhao_course.tables import enable_accessible_tables


def setup_notebook() -> None:
    """Turn on the course's display settings (outside IPython, only the pandas option)."""
    pd.set_option("display.max_colwidth", None)
    warn_if_other_clone()
    enable_accessible_tables()
    enable_small_figures()
