"""DataFrames shown as HTML tables that a screen reader can read: no empty header cell.

pandas writes the top-left corner of a table as an empty ``<th>``, and when the index has a
name it adds a second header row holding that name above more empty ``<th>`` cells. A
screen reader announces an empty header as nothing at all (axe's rule
``empty-table-header``). :func:`accessible_html` keeps the table pandas would show (the same
display options, truncation and dimensions line) and changes only its header cells:

- the index name moves up into the corner, and the row that held it goes away;
- a header cell with nothing to say (the corner of an unnamed index, the gaps of a
  MultiIndex) becomes an ordinary empty ``<td>``;
- every remaining header cell says what it heads: ``scope="col"`` in the header,
  ``scope="row"`` for the index cells of the body (``colgroup``/``rowgroup`` when it spans).

:func:`enable_accessible_tables` makes every DataFrame a cell displays use it, in the
chapters and in a learner's own cells. Call it once, in a chapter's hidden setup cell.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"km": [4209.3]}, index=pd.Index(["total"], name="section"))
    >>> html = accessible_html(df)
    >>> '<th scope="col">section</th>' in html and '<th scope="row">total</th>' in html
    True
    >>> "<th></th>" in html
    False
    >>> enable_accessible_tables()   # outside IPython there is nothing to register
    False
"""
from __future__ import annotations

import re
from typing import Any

NO_MATHS = "tex2jax_ignore mathjax_ignore"  # MathJax (JupyterLab, the site) skips such elements

__all__ = ["accessible_html", "enable_accessible_tables", "disable_accessible_tables"]

_THEAD = re.compile(r"(<thead>)(.*?)(</thead>)", re.DOTALL)
_TBODY = re.compile(r"(<tbody>)(.*?)(</tbody>)", re.DOTALL)
_ROW = re.compile(r"(\s*<tr[^>]*>)(.*?)(</tr>)", re.DOTALL)
_CELL = re.compile(r"<(th|td)([^>]*)>(.*?)</\1>", re.DOTALL)
_SPAN = re.compile(r'\b(colspan|rowspan)="(\d+)"')


class _Cell:
    """One cell of a pandas HTML table row: tag, attributes (with their leading space), text."""

    __slots__ = ("tag", "attrs", "text", "before")

    def __init__(self, tag: str, attrs: str, text: str, before: str):
        self.tag, self.attrs, self.text, self.before = tag, attrs, text, before

    @property
    def empty(self) -> bool:
        return not re.sub(r"&nbsp;|&#160;|\s", "", self.text)

    def html(self) -> str:
        return f"{self.before}<{self.tag}{self.attrs}>{self.text}</{self.tag}>"


def _cells(row_html: str) -> tuple[list[_Cell], str]:
    """The cells of a row and the whitespace after the last one."""
    cells, pos = [], 0
    for m in _CELL.finditer(row_html):
        cells.append(_Cell(m.group(1), m.group(2), m.group(3), row_html[pos:m.start()]))
        pos = m.end()
    return cells, row_html[pos:]


def _with_scope(cell: _Cell, axis: str) -> None:
    """Turn an empty header cell into a ``<td>``; give any other header cell its scope."""
    if cell.tag != "th":
        return
    if cell.empty:
        cell.tag = "td"
        return
    if "scope=" in cell.attrs:
        return
    spans = {k: int(v) for k, v in _SPAN.findall(cell.attrs)}
    if axis == "col":
        scope = "colgroup" if spans.get("colspan", 1) > 1 else "col"
    else:
        scope = "rowgroup" if spans.get("rowspan", 1) > 1 else "row"
    cell.attrs = f' scope="{scope}"' + cell.attrs


def _trailing_space(text: str) -> str:
    return text[len(text.rstrip()):]


def _fix_head(thead: str, index_levels: int) -> str:
    rows = [(m.group(1), *_cells(m.group(2)), m.group(3)) for m in _ROW.finditer(thead)]
    if len(rows) >= 2 and index_levels:
        *_, (start, last, tail, end) = rows
        above = rows[-2][1]
        # pandas's index-name row: the index names, then nothing but empty cells.
        is_names_row = (
            len(last) > index_levels
            and all(c.tag == "th" and c.empty for c in last[index_levels:])
            and not all(c.empty for c in last[:index_levels])
        )
        corner_free = len(above) >= index_levels and all(
            c.tag == "th" and c.empty and "span" not in c.attrs for c in above[:index_levels])
        if is_names_row and corner_free:
            for target, name in zip(above[:index_levels], last[:index_levels]):
                target.text = name.text
            rows.pop()
    out = []
    for start, cells, tail, end in rows:
        for cell in cells:
            _with_scope(cell, "col")
        out.append(start + "".join(c.html() for c in cells) + tail + end)
    return "".join(out) + _trailing_space(thead)


def _fix_body(tbody: str) -> str:
    def row(m: re.Match) -> str:
        cells, tail = _cells(m.group(2))
        for cell in cells:
            _with_scope(cell, "row")
        return m.group(1) + "".join(c.html() for c in cells) + tail + m.group(3)

    return _ROW.sub(row, tbody)


def accessible_html(df: Any, html: str | None = None) -> str | None:
    """The HTML pandas would display for ``df``, with no empty header cell.

    ``html`` is pandas's own HTML for ``df`` (by default ``df._repr_html_()``, which follows
    the ``display.*`` options: maximum rows and columns, dimensions line). Returns ``None``
    when pandas has no HTML for it (``display.notebook_repr_html`` off), so IPython falls
    back to the text form. Only header cells change; the values are pandas's own, escaped.

    Example:
        >>> import pandas as pd
        >>> html = accessible_html(pd.DataFrame({"year": [1991, 2004]}))
        >>> "<th></th>" in html, '<th scope="col">year</th>' in html, '<th scope="row">0</th>' in html
        (False, True, True)
        >>> html.startswith('<div class="tex2jax_ignore')   # dollar signs stay text
        True
    """
    if html is None:
        html = df._repr_html_()
    if html is None:
        return None
    levels = getattr(getattr(df, "index", None), "nlevels", 1)
    html = _THEAD.sub(lambda m: m.group(1) + _fix_head(m.group(2), levels) + m.group(3),
                      html, count=1)
    html = _TBODY.sub(lambda m: m.group(1) + _fix_body(m.group(2)) + m.group(3), html, count=1)
    # Two "$" in one table ("$2.017 tn ... $8.229 tn") would be typeset as maths by
    # MathJax in JupyterLab; it skips an element of class tex2jax_ignore.
    if html.startswith("<div>"):
        html = f'<div class="{NO_MATHS}">' + html[len("<div>"):]
    else:
        html = f'<div class="{NO_MATHS}">{html}</div>'
    return html


def _formatter():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return None
    shell = get_ipython()
    if shell is None:
        return None
    return shell.display_formatter.formatters["text/html"]


def enable_accessible_tables() -> bool:
    """Show every DataFrame in this kernel through :func:`accessible_html`.

    Registers an IPython HTML formatter for ``pandas.DataFrame`` (and its subclasses).
    Returns True if it was registered, False outside IPython (a plain Python script, a
    doctest), where nothing is displayed as HTML anyway. Calling it again does no harm.

    Example, in a notebook's setup cell::

        from zhao_course.tables import enable_accessible_tables
        enable_accessible_tables()
    """
    import pandas as pd

    formatter = _formatter()
    if formatter is None:
        return False
    formatter.for_type(pd.DataFrame, accessible_html)
    return True


def disable_accessible_tables() -> bool:
    """Go back to pandas's own HTML for DataFrames. Returns False outside IPython."""
    import pandas as pd

    formatter = _formatter()
    if formatter is None:
        return False
    formatter.type_printers.pop(pd.DataFrame, None)
    return True
