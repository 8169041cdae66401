"""Find the alt text of a chapter's static figure from the package, by the figure's name.

Every static figure ``<name>_figure(...)`` in the package has a function
``<name>_alt_text(...)``, taking the same arguments, that describes it from the same data. A chapter's figure cell carries that text in its
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

import ast
import importlib
import pkgutil
from collections.abc import Callable
from functools import cache

import zhao_course



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
    """The alt text for a cell whose whole code is one call ``<name>_figure(...)``, or None.

    Arguments written as literals (``membership_map_figure(2015)``) are passed on to
    ``<name>_alt_text`` unchanged; a cell with any other code, or with arguments that are
    not literals, gets None and its chapter must set the alt text itself.

    Example:
        >>> alt_text_for("membership_map_figure(2015)") == alt_text_for("membership_map_figure(year=2015)")
        True
    """
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return None
    call = tree.body
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id.endswith("_figure")):
        return None
    function = alt_text_functions().get(call.func.id.removesuffix("_figure"))
    if function is None:
        return None
    try:
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg is not None}
    except ValueError:
        return None
    if len(kwargs) != len(call.keywords):
        return None
    return function(*args, **kwargs)
