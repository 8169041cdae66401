"""Find the alt text of a chapter's static figure from the package, by the figure's name.

Every static figure ``<name>_figure()`` in the package has a function ``<name>_alt_text()``
that describes it from the same data. A chapter's figure cell carries that text in its
metadata (``mystnb.image.alt``), which the site uses as the image's alt text;
``scripts/execute_notebooks.py`` writes it there after each run, and
``tests/test_chapters.py`` checks that it is not stale.

Example:
    >>> alt_text_for("trade_figure()") == __import__("zhao_course.trade").trade.trade_alt_text()
    True
    >>> alt_text_for("print('no figure')") is None
    True
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from functools import cache

import zhao_course

_FIGURE_CALL = re.compile(r"(\w+)_figure\(\)")


@cache
def alt_text_functions() -> dict[str, Callable[[], str]]:
    """Every ``<name>_alt_text`` function of the package, by ``<name>``.

    Example:
        >>> "timeline" in alt_text_functions()
        True
    """
    found: dict[str, Callable[[], str]] = {}
    for info in pkgutil.iter_modules(zhao_course.__path__):
        module = importlib.import_module(f"zhao_course.{info.name}")
        for attribute, value in vars(module).items():
            if attribute.endswith("_alt_text") and callable(value) and value.__module__ == module.__name__:
                found[attribute.removesuffix("_alt_text")] = value
    return found


def alt_text_for(source: str) -> str | None:
    """The alt text for a cell whose whole code is ``<name>_figure()``, or None.

    Cells that pass arguments (``membership_map_figure(2015)``) are left to the chapter,
    which must set their alt text with the same arguments.
    """
    match = _FIGURE_CALL.fullmatch(source.strip())
    if not match or match.group(1) not in alt_text_functions():
        return None
    return alt_text_functions()[match.group(1)]()
