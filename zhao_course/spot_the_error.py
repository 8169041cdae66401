"""The article's mistakes as a lesson in source criticism: a summary figure and a card explorer.

Reads ``data/article_errors.csv`` (every mistake the course found, by section, sorted
into slips of transcription or translation and errors of substance, with whether each
touches the author's argument) at run time, so the lesson shows whatever the table holds
when the chapter is run.

- :func:`load_mistakes`: the table in the article's section order, with a boolean
  ``touches`` column.
- :func:`mistakes_figure` and :func:`mistakes_alt_text`: the static summary (mistakes
  by section and kind).
- :class:`SpotTheErrorExplorer`: a card per mistake; the learner makes a call (slip or
  substance), then reveals the evidence; a small grid of all cards shows the sorting so far.

Example:
    >>> mistakes = load_mistakes()
    >>> set(mistakes["kind"]) <= {"slip", "substance"}
    True
    >>> "slip" in mistakes_alt_text()
    True
"""
from __future__ import annotations

import html
import io
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from zhao_course.claims import KIND_LABELS, short_citation
from zhao_course.data import is_true, load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.explorer import Explorer
from zhao_course.style import OKABE_ITO

__all__ = [
    "ARTICLE_SECTIONS", "KIND_COLOURS", "SpotTheErrorExplorer", "load_mistakes", "mistakes_alt_text",
    "mistakes_by_section", "mistakes_figure", "mistakes_table", "short_section",
]

#: The article's sections in the article's order, as ``article_errors.csv`` names them
#: (a section is matched by its first words, so a longer form of the name still sorts).
ARTICLE_SECTIONS: tuple[str, ...] = (
    "Introduction",
    "Border Disputes No Longer Obstacles",
    "Russia Turns to the East",
    "Opening-up of Far East and Siberia",
    "China is an Enthusiastic and Indispensable Partner",
    "Difficulties and Problems Remain",
    "Silk Road Economic Belt",
    "Conclusion",
)

#: Short names for the figure's rows.
_SHORT: dict[str, str] = {
    "Introduction": "Introduction",
    "Border Disputes No Longer Obstacles": "Border disputes",
    "Russia Turns to the East": "Turn to the East",
    "Opening-up of Far East and Siberia": "Opening the Far East",
    "China is an Enthusiastic and Indispensable Partner": "China as partner",
    "Difficulties and Problems Remain": "Difficulties",
    "Silk Road Economic Belt": "SREB and EAEU",
    "Conclusion": "Conclusion",
}

#: Colour of each kind (Okabe-Ito); substance is also hatched, so colour is never the only signal.
KIND_COLOURS: dict[str, str] = {"slip": OKABE_ITO["sky_blue"], "substance": OKABE_ITO["vermillion"]}
_HATCH: dict[str, str] = {"slip": "", "substance": "///"}

EXPLORER_DPI = 80


def _section_rank(section: str) -> int:
    for rank, start in enumerate(ARTICLE_SECTIONS):
        if str(section).startswith(start):
            return rank
    return len(ARTICLE_SECTIONS)


def short_section(section: str) -> str:
    """A short name for one of the article's sections, for figure labels.

    Example:
        >>> short_section("Opening-up of Far East and Siberia: How and For What?")
        'Opening the Far East'
    """
    rank = _section_rank(section)
    return _SHORT[ARTICLE_SECTIONS[rank]] if rank < len(ARTICLE_SECTIONS) else str(section)


def load_mistakes() -> pd.DataFrame:
    """``article_errors.csv`` in the article's section order, with a boolean ``touches`` column.

    Within a section the table's own order is kept.

    Example:
        >>> load_mistakes()["section"].iloc[0]
        'Introduction'
    """
    table = load_table("article_errors").copy()
    table["touches"] = [is_true(v) for v in table["touches_argument"]]
    table["rank"] = [_section_rank(s) for s in table["section"]]
    return table.sort_values("rank", kind="stable").drop(columns="rank").reset_index(drop=True)


def mistakes_by_section() -> pd.DataFrame:
    """How many slips and errors of substance each section has, and how many touch the argument.

    Example:
        >>> counts = mistakes_by_section()
        >>> list(counts.columns)
        ['slip', 'substance', 'touches the argument']
    """
    mistakes = load_mistakes()
    mistakes["short"] = [short_section(s) for s in mistakes["section"]]
    order = list(dict.fromkeys(mistakes["short"]))
    counts = pd.crosstab(mistakes["short"], mistakes["kind"]).reindex(index=order, columns=["slip", "substance"], fill_value=0)
    counts["touches the argument"] = mistakes.groupby("short")["touches"].sum().reindex(order).astype(int)
    counts.index.name = "section"
    counts.columns.name = None
    return counts


def mistakes_table() -> pd.DataFrame:
    """Every mistake in the article's section order: section, what the article says, kind, what is wrong, weight.

    Example:
        >>> list(mistakes_table().columns)
        ['Section', 'The article says', 'Kind', 'What is wrong', 'Touches the argument?']
    """
    mistakes = load_mistakes()
    return pd.DataFrame({
        "Section": [short_section(s) for s in mistakes["section"]],
        "The article says": mistakes["article_says"],
        "Kind": mistakes["kind"].map(KIND_LABELS),
        "What is wrong": mistakes["what_is_wrong"],
        "Touches the argument?": ["yes" if t else "no" for t in mistakes["touches"]],
    })


def mistakes_figure() -> Figure:
    """Bars of the article's mistakes by section (article order), split into slips and substance.

    Slips are sky blue; errors of substance vermillion and hatched; a mistake that
    touches the argument would be outlined in black and counted at the bar's end.

    Example:
        >>> fig = mistakes_figure()
        >>> fig.axes[0].get_xlabel()
        'Number of mistakes the course found'
    """
    counts = mistakes_by_section()
    fig = Figure(figsize=(8, 0.45 * len(counts) + 1.6), layout="constrained")
    ax = fig.subplots()
    rows = list(range(len(counts)))[::-1]
    left = [0] * len(counts)
    for kind in ("slip", "substance"):
        values = counts[kind].tolist()
        bars = ax.barh(rows, values, left=left, color=KIND_COLOURS[kind], hatch=_HATCH[kind],
                       edgecolor="white", label=KIND_LABELS[kind])
        for bar, value in zip(bars, values):
            if value:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(value),
                        ha="center", va="center", fontsize=9, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        left = [a + b for a, b in zip(left, values)]
    for row, total, touching in zip(rows, left, counts["touches the argument"]):
        if touching:
            ax.text(total + 0.15, row, f"{touching} touch the argument", va="center", fontsize=8)
    ax.set_yticks(rows, counts.index.tolist())
    ax.set_xlabel("Number of mistakes the course found")
    ax.set_xlim(0, max(left) + 1.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    touching = int(counts["touches the argument"].sum())
    ax.set_title(f"The article's mistakes by section: {int(counts['slip'].sum())} slips, "
                 f"{int(counts['substance'].sum())} errors of substance\n"
                 f"{touching if touching else 'None'} of them touch{'es' if touching <= 1 else ''} the author's argument",
                 fontsize=10, loc="left")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return fig


def mistakes_alt_text() -> str:
    """The alt text of :func:`mistakes_figure`, computed from the same data.

    Example:
        >>> mistakes_alt_text().startswith("Horizontal bar chart")
        True
    """
    counts = mistakes_by_section()
    parts = []
    for section, row in counts.iterrows():
        parts.append(f"{section}: {row['slip']} slip{'s' if row['slip'] != 1 else ''} and "
                     f"{row['substance']} error{'s' if row['substance'] != 1 else ''} of substance")
    touching = int(counts["touches the argument"].sum())
    return (
        f"Horizontal bar chart of the {int(counts[['slip', 'substance']].to_numpy().sum())} mistakes the course "
        f"found in the article, one bar per section in the article's order, each bar split into slips of "
        f"transcription or translation (sky blue, plain) and errors of substance (vermillion, hatched). "
        + "; ".join(parts) + ". "
        + (f"{touching} of them touch the author's argument." if touching else
           "None of them touches the author's argument.")
    )


# ---------------------------------------------------------------------------- explorer

_FADED_EDGE = OKABE_ITO["grey"]


class _CardGrid:
    """The explorer's picture: one square per mistake, one row per section.

    The grid (labels, empty squares, legend) is rendered once by matplotlib as a pixel
    background; a change draws only the squares' fills, letters, the ring round the
    current card and the score line over a copy of it with PIL (no matplotlib text
    layout), then encodes the pixels as PNG.
    """

    def __init__(self, mistakes: pd.DataFrame, dpi: int = EXPLORER_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.patches import Rectangle

        self.mistakes = mistakes
        shorts = [short_section(s) for s in mistakes["section"]]
        order = list(dict.fromkeys(shorts))
        widest = max(shorts.count(s) for s in order)
        self.fig = Figure(figsize=(7.5, 0.5 * len(order) + 1.3), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0.25, 0.16, 0.73, 0.68))
        ax.set_xlim(-0.6, max(widest, 6) - 0.4)
        ax.set_ylim(-0.6, len(order) - 0.4)
        ax.axis("off")
        self.ax = ax
        self.positions: list[tuple[float, float]] = []
        seen: dict[str, int] = {}
        for short in shorts:
            column = seen.get(short, 0)
            seen[short] = column + 1
            self.positions.append((column, len(order) - 1 - order.index(short)))
        for row, short in enumerate(order):
            ax.text(-0.75, len(order) - 1 - row, short, ha="right", va="center", fontsize=9)
        for i, (x, y) in enumerate(self.positions):
            ax.add_patch(Rectangle((x - 0.4, y - 0.3), 0.8, 0.6, facecolor="white", edgecolor=_FADED_EDGE, lw=1))
            ax.text(x, y - 0.43, str(i + 1), ha="center", va="center", fontsize=6.5, color="#555555")
        self.fig.text(0.01, 0.03, "Fill = the course's sorting, once revealed: sky blue = slip, vermillion hatched = "
                      "substance.  Letter = your call: S slip, E error of substance.", fontsize=7.5)
        self.canvas.draw()
        width, height = self.canvas.get_width_height()
        self.size = (width, height)
        self.boxes: list[tuple[int, int, int, int]] = []  # pixel boxes of the squares (PIL: top-left origin)
        for x, y in self.positions:
            (x0, y0), (x1, y1) = ax.transData.transform([(x - 0.4, y - 0.3), (x + 0.4, y + 0.3)])
            self.boxes.append((round(x0), round(height - y1), round(x1), round(height - y0)))
        self.background = self._pixels()
        from matplotlib import font_manager
        from PIL import ImageFont

        regular = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
        bold = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight="bold"))
        self.letter_font = ImageFont.truetype(bold, size=max(8, round(11 * dpi / 72)))
        self.score_font = ImageFont.truetype(regular, size=max(8, round(9 * dpi / 72)))
        self.colours = {kind: _rgb(colour) for kind, colour in KIND_COLOURS.items()}

    def _pixels(self) -> Any:
        from PIL import Image

        width, height = self.canvas.get_width_height()
        return Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")

    def png(self, current: int, calls: dict[int, str], revealed: set[int], score: str) -> bytes:
        """The grid for one state of the explorer, as PNG bytes (drawn with PIL over the background)."""
        from PIL import Image, ImageDraw

        image = self.background.copy()
        draw = ImageDraw.Draw(image)
        kinds = self.mistakes["kind"].tolist()
        for i in sorted(revealed):
            x0, y0, x1, y1 = self.boxes[i]
            draw.rectangle((x0, y0, x1, y1), fill=self.colours.get(kinds[i], (153, 153, 153)), outline=(255, 255, 255))
            if _HATCH.get(kinds[i]):
                for offset in range(-(y1 - y0), x1 - x0, 6):  # diagonal hatching, clipped to the square
                    a = (x0 + max(offset, 0), y1 - max(-offset, 0))
                    length = min(x1 - a[0], a[1] - y0)
                    draw.line((a, (a[0] + length, a[1] - length)), fill=(255, 255, 255), width=1)
        for i, call in calls.items():
            x0, y0, x1, y1 = self.boxes[i]
            letter = "S" if call == "slip" else "E"
            draw.text(((x0 + x1) / 2, (y0 + y1) / 2), letter, fill=(0, 0, 0), font=self.letter_font, anchor="mm",
                      stroke_width=2, stroke_fill=(255, 255, 255))
        x0, y0, x1, y1 = self.boxes[current]
        draw.rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 2), outline=(0, 0, 0), width=3)
        draw.text((8, 6), score, fill=(0, 0, 0), font=self.score_font)
        image = image.quantize(colors=255, method=Image.Quantize.FASTOCTREE)
        out = io.BytesIO()
        image.save(out, format="png", compress_level=1)
        return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    """'#56B4E9' -> (86, 180, 233)."""
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


class SpotTheErrorExplorer(Explorer):
    """Cards of the article's mistakes: make your call, then reveal the evidence.

    A dropdown picks a card (what the article says, and where). Two buttons record your
    call, *slip* or *substance* (pressing the same call again takes it back); a third
    reveals the course's sorting, what is wrong, whether it touches the argument and the
    source, and hides it again. The picture beside it shows every card: your calls as
    letters, the revealed sorting as colours, the current card ringed, and a score line.

    ``show(index)`` picks a card, ``call(kind)`` makes a call and ``reveal()`` toggles
    the evidence, as the controls do. ``redraws`` counts the pictures made and ``png``
    is the current picture, so a benchmark can time a change.

    Example:
        >>> explorer = SpotTheErrorExplorer()
        >>> before = explorer.png
        >>> explorer.call("slip")
        >>> explorer.png != before and "Your call:</b> slip" in explorer.card.value
        True
        >>> explorer.reveal()
        >>> "The course's sorting:</b>" in explorer.card.value
        True
    """

    def __init__(self) -> None:
        import ipywidgets as widgets

        self.mistakes = load_mistakes()
        if self.mistakes.empty:
            raise CourseInputError("data/article_errors.csv has no rows: there is nothing to sort.")
        self.sources = load_table("sources").set_index("id")
        self.calls: dict[int, str] = {}
        self.revealed: set[int] = set()
        self.redraws = 0
        self._grid = _CardGrid(self.mistakes)
        options = [(f"{i + 1}. {short_section(s)}: {self._teaser(t)}", i)
                   for i, (s, t) in enumerate(zip(self.mistakes["section"], self.mistakes["article_says"]))]
        self.dropdown = widgets.Dropdown(options=options, value=0, description="Card",
                                         layout=widgets.Layout(width="95%"))
        self.slip_button = widgets.Button(description="Call it a slip", tooltip="slip of transcription or translation")
        self.substance_button = widgets.Button(description="Call it substance", tooltip="error of substance")
        self.reveal_button = widgets.Button(description="Reveal the evidence", button_style="info")
        self.card = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.widget = widgets.VBox([
            self.dropdown,
            widgets.HBox([self.slip_button, self.substance_button, self.reveal_button]),
            self.card, self.image,
        ])
        self.dropdown.observe(lambda change: self._update(), names="value")
        self.slip_button.on_click(lambda _: self.call("slip"))
        self.substance_button.on_click(lambda _: self.call("substance"))
        self.reveal_button.on_click(lambda _: self.reveal())
        self._update()

    @staticmethod
    def _teaser(text: str, limit: int = 60) -> str:
        text = " ".join(str(text).split())
        return text if len(text) <= limit else text[: limit - 3] + "..."

    @property
    def current(self) -> int:
        """The index (from 0) of the card shown."""
        return int(self.dropdown.value)

    def show(self, index: int) -> None:
        """Show card ``index`` (from 0), as if the learner had picked it in the dropdown."""
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.mistakes):
            raise CourseTypeError(
                f"index must be a whole number from 0 to {len(self.mistakes) - 1}, not {describe_type(index)}."
            )
        if index == self.current:
            self._update()
        else:
            self.dropdown.value = index

    def call(self, kind: str) -> None:
        """Record your call for the current card: "slip" or "substance" (the same call again takes it back)."""
        if kind not in KIND_COLOURS:
            raise CourseInputError(f"kind must be 'slip' or 'substance', not {describe_type(kind)}.")
        if self.calls.get(self.current) == kind:
            del self.calls[self.current]
        else:
            self.calls[self.current] = kind
        self._update()

    def reveal(self) -> None:
        """Reveal the evidence for the current card, or hide it again."""
        self.revealed ^= {self.current}
        self._update()

    def score_line(self) -> str:
        """The line over the picture: calls made, cards revealed and agreement with the course."""
        kinds = self.mistakes["kind"].tolist()
        judged = [i for i in self.revealed if i in self.calls]
        agree = sum(self.calls[i] == kinds[i] for i in judged)
        return (f"Card {self.current + 1} of {len(kinds)}  |  your calls: {len(self.calls)}  |  revealed: "
                f"{len(self.revealed)}  |  your call agrees with the course on {agree} of {len(judged)} revealed")

    def _card_html(self) -> str:
        row = self.mistakes.iloc[self.current]
        call = self.calls.get(self.current)
        parts = [
            f"<p><b>Card {self.current + 1}</b>, section “{html.escape(row['section'])}”</p>",
            f"<p><b>The article says:</b> {html.escape(str(row['article_says']))}</p>",
            f"<p><b>Your call:</b> {call if call else 'none yet (press a button)'}</p>",
        ]
        if self.current in self.revealed:
            kind = str(row["kind"])
            verdict = "" if call is None else (" You agree." if call == kind else " You called it otherwise.")
            source_id = str(row["source_id"])
            source = short_citation(self.sources, source_id) if source_id in self.sources.index else source_id
            parts += [
                f"<p><b>The course's sorting:</b> {KIND_LABELS.get(kind, kind)}.{verdict} "
                f"<b>Touches the argument?</b> {'yes' if row['touches'] else 'no'}.</p>",
                f"<p><b>What is wrong:</b> {html.escape(str(row['what_is_wrong']))}</p>",
                f"<p><b>Evidence:</b> {html.escape(source)}"
                + (f"; checked value in <code>{html.escape(str(row['ref']))}</code>" if str(row["ref"]).strip() not in {"", "nan"} else "")
                + "</p>",
            ]
        else:
            parts.append("<p><i>Make your call, then press “Reveal the evidence”.</i></p>")
        return "".join(parts)

    def _update(self) -> None:
        self.reveal_button.description = "Hide the evidence" if self.current in self.revealed else "Reveal the evidence"
        self.card.value = self._card_html()
        self.image.value = self._grid.png(self.current, self.calls, self.revealed, self.score_line())
        self.redraws += 1
