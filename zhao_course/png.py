"""Small PNG pictures: the explorers' redraws and the chapters' static figures.

The course's figures have a few flat colours and their antialiasing shades, so a
255-colour palette looks the same as full colour and makes a PNG about a third of the
size. Explorers encode fast (``compress_level=1``: each redraw must take under 100 ms);
static figures, drawn once and sent to every reader of the site, compress harder.

Example:
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> _ = fig.add_subplot().plot([0, 1], [0, 1])
    >>> figure_png(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
"""
from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image

#: 255 colours and not 256: PIL keeps one palette entry free, which avoids a rare
#: off-by-one colour in FASTOCTREE's palette.
COLOURS = 255


def image_png(image: Image.Image, compress_level: int = 1) -> bytes:
    """Encode a PIL image as a palette PNG.

    Example:
        >>> image_png(Image.new("RGB", (4, 4), "white"))[:4]
        b'\\x89PNG'
    """
    if image.mode != "P":
        image = image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="png", compress_level=compress_level)
    return out.getvalue()


def canvas_png(canvas: Any, compress_level: int = 1) -> bytes:
    """What an Agg canvas shows now, as a palette PNG (for an explorer's redraw).

    Example:
        >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
        >>> from matplotlib.figure import Figure
        >>> canvas = FigureCanvasAgg(Figure(figsize=(1, 1)))
        >>> canvas.draw()
        >>> canvas_png(canvas)[:4]
        b'\\x89PNG'
    """
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return image_png(image, compress_level)


def figure_png(fig: Any, dpi: float | None = None) -> bytes:
    """A whole matplotlib figure as a small palette PNG, cropped as Jupyter crops it."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi or fig.dpi, bbox_inches="tight", facecolor="white")
    return image_png(Image.open(out), compress_level=9)


def enable_small_figures() -> bool:
    """Show every matplotlib figure in this IPython session as a palette PNG; False outside IPython.

    Registered after ``%matplotlib inline`` (a chapter's setup cell), it replaces the
    inline backend's PNG formatter, so the chapters' static figures are about a third
    of the size on the site and in the notebook file.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    formatter.for_type(Figure, lambda fig: base64.b64encode(figure_png(fig)).decode("ascii"))
    return True
