"""What every chapter's explorer widget shares: its picture, its display and quiet updates.

Each explorer (``TradeExplorer``, ``GDPExplorer``, ``TimelineExplorer`` ...) builds its own
controls, an ``ipywidgets.Image`` named ``image`` and a box named ``widget``, and draws in
its own ``_show`` or ``_update``. This base class gives all of them the same ``png``
property (what a benchmark or a test reads), the same display in a notebook, and one way to
set several controls at once with a single redraw.

Example:
    >>> import ipywidgets as widgets
    >>> class Tiny(Explorer):
    ...     def __init__(self):
    ...         self.image = widgets.Image(value=b"png bytes", format="png")
    ...         self.widget = widgets.VBox([self.image])
    >>> Tiny().png
    b'png bytes'
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


class Explorer:
    """Base of the course's explorer widgets: subclasses set ``self.image`` and ``self.widget``."""

    image: Any
    widget: Any

    @property
    def png(self) -> bytes:
        """The picture as it is shown now (PNG bytes)."""
        return bytes(self.image.value)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def set_quietly(controls: Sequence[Any], values: Sequence[Any], handler: Callable[[dict[str, Any]], None]) -> None:
    """Give each control its value without calling ``handler`` for each one.

    The caller redraws once afterwards, so changing two controls costs one redraw, not two.
    The handler is attached again even if a value is refused.

    Example:
        >>> import ipywidgets as widgets
        >>> calls = []
        >>> a, b = widgets.IntSlider(value=1), widgets.IntSlider(value=1)
        >>> for c in (a, b):
        ...     c.observe(calls.append, names="value")
        >>> set_quietly((a, b), (2, 3), calls.append)
        >>> (a.value, b.value, calls)
        (2, 3, [])
    """
    for control in controls:
        control.unobserve(handler, names="value")
    try:
        for control, value in zip(controls, values):
            control.value = value
    finally:
        for control in controls:
            control.observe(handler, names="value")
