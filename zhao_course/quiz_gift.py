"""Export quiz banks to Moodle's GIFT format, for import into an LMS question bank.

Reads a bank through :func:`zhao_course.quiz.load_bank` (so it is validated first) and
writes one GIFT question per bank question: options keep their feedback, the question's
source becomes its general feedback, and each question gets an id number and tags.

A ``written`` item becomes an essay question (``{####...}``: no answers, graded by
hand in Moodle) whose general feedback is the model answer, the rubric's points and the
source.

Example:
    >>> from zhao_course.quiz_schema import example_bank
    >>> bank = example_bank()
    >>> gift = to_gift(bank)
    >>> gift.count("\\n::border_disputes ") == len(bank["questions"])
    True

From a shell: ``python -m zhao_course.quiz gift border_disputes border_disputes.gift``.
"""
from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any, Mapping

from zhao_course.quiz import load_bank, validate_bank

__all__ = ["to_gift", "export_gift"]


_GIFT_RESERVED = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{",
                  "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}


def _gift_escape(text: str) -> str:
    r"""Escape GIFT's reserved characters (as Moodle's own exporter does).

    Example:
        >>> print(_gift_escape("a=b: {1} #2 ~3 \\ end"))
        a\=b\: \{1\} \#2 \~3 \\ end
    """
    return "".join(_GIFT_RESERVED.get(ch, ch) for ch in text)


def _gift_comment(text: str) -> str:
    """One comment line; brackets are softened so Moodle reads no stray [id:]/[tag:]."""
    return " ".join(text.split()).replace("[", "(").replace("]", ")")


def _gift_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _gift_weight(percent: float) -> str:
    """A Moodle grade percentage: 33.33333, 50, -100 (Moodle's grade list, 5 decimals)."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def _gift_choice_text(ans: Mapping[str, Any]) -> str:
    text = ans.get("answer", "")
    if ans.get("code"):
        text += f"<pre><code>{ans['code']}</code></pre>"
    return _gift_escape(text)


def _gift_answers(q: Mapping[str, Any]) -> list[str]:
    answers = q["answers"]
    lines: list[str] = []
    if q["type"] == "multiple_choice":
        for ans in answers:
            mark = "=" if ans["correct"] else "~"
            lines.append(f"{mark}{_gift_choice_text(ans)}#{_gift_escape(ans['feedback'])}")
    elif q["type"] == "many_choice":
        n_right = sum(a["correct"] for a in answers)
        n_wrong = len(answers) - n_right
        for ans in answers:
            pct = 100 / n_right if ans["correct"] else -100 / n_wrong
            lines.append(f"~%{_gift_weight(pct)}%{_gift_choice_text(ans)}"
                         f"#{_gift_escape(ans['feedback'])}")
    else:  # numeric
        default = None
        for ans in answers:
            if ans["type"] == "default":
                default = ans
                continue
            if ans["type"] == "range":
                low, high = ans["range"]
                spec = f"{_gift_number(low)}..{_gift_number(high)}"
            else:
                spec = _gift_number(ans["value"])
                if "precision" in q and ans["value"] != 0:
                    exponent = math.floor(math.log10(abs(ans["value"]))) - q["precision"] + 1
                    spec += ":" + _gift_number(round(0.5 * 10 ** exponent, 12))
            mark = "=" if ans["correct"] else "=%0%"
            lines.append(f"{mark}{spec}#{_gift_escape(ans['feedback'])}")
        if default is not None:
            lines.append(f"~#{_gift_escape(default['feedback'])}")
    return lines


def _gift_written_feedback(q: Mapping[str, Any]) -> str:
    """General feedback of a written item: model answer, rubric points, source (as HTML)."""
    parts = [f"<p>Model answer: {html.escape(q['model_answer'], quote=False)}</p>"]
    if q.get("rubric"):
        items = "".join(f"<li>{html.escape(point, quote=False)}</li>" for point in q["rubric"])
        parts.append(f"<p>A good answer:</p><ul>{items}</ul>")
    parts.append(f"<p>Source: {html.escape(q['source'], quote=False)}</p>")
    return "".join(parts)


def to_gift(bank: Mapping[str, Any], *, category: str | None = None) -> str:
    r"""Export a quiz bank to Moodle's GIFT format (UTF-8 text).

    * ``multiple_choice``: ``=right#feedback`` and ``~wrong#feedback``;
    * ``many_choice``: ``~%33.33333%right#feedback``, wrong options share -100 %;
    * ``written``: an essay question, ``{`` then ``####`` and the model answer, the
      rubric and the source as general feedback, then ``}`` (the texts are plain text
      in the bank, so they are HTML-escaped here);
    * ``numeric``: ``=low..high#feedback`` for ranges (GIFT includes the high end,
      jupyterquiz does not), ``=value`` (with a tolerance of half a unit in the last
      significant digit when ``precision`` is set), ``=%0%...`` for wrong values or
      ranges, and ``~#feedback`` for the default answer.

    Text is marked ``[html]`` (jupyterquiz shows it as HTML); GIFT's reserved
    characters ``~ = # { } :`` and the backslash are escaped. Each question carries
    ``// [id:chapter.id] [tag:...]`` (read by Moodle's importer), its section, source
    and learning objective as comments, and its source as general feedback.

    Args:
        bank: a loaded bank; it is validated first.
        category: Moodle category path; default ``$course$/top/zhao_course/<chapter>``.

    Example:
        >>> from zhao_course.quiz_schema import example_bank
        >>> gift = to_gift(example_bank())
        >>> "::border_disputes 02 demo-numeric::[html]Russia's area" in gift
        True
        >>> print(gift.split("\n\n")[-1])   # doctest: +NORMALIZE_WHITESPACE
        // [id:border_disputes.demo-written] [tag:zhao_course] [tag:border_disputes]
        // section: Border Disputes No Longer Obstacles
        // source: article, section 'Border Disputes No Longer Obstacles'
        // learning objective: Explain the difference between delimitation and demarcation.
        ::border_disputes 03 demo-written::[html]In two or three sentences\: what is the difference between delimiting and demarcating a border?{
            ####<p>Model answer\: Delimitation fixes the line in a treaty; demarcation marks it on the ground.</p><p>A good answer\:</p><ul><li>names the treaty line</li><li>names the marking on the ground</li></ul><p>Source\: article, section 'Border Disputes No Longer Obstacles'</p>
        }
        <BLANKLINE>
    """
    validate_bank(bank)
    chapter = bank["chapter"]
    category = category or f"$course$/top/zhao_course/{chapter}"
    blocks = [
        "\n".join([
            f"// {_gift_comment(bank['title'])}",
            f"// Quiz bank '{chapter}' of the course on Zhao Huasheng, \"Sino-Russian Economic "
            "Cooperation in the Far East and Central Asia Since 2012\".",
            f"// Generated by zhao_course.quiz from exercises/quizzes/{chapter}.json; "
            "edit the JSON, not this file.",
            f"$CATEGORY: {category}",
        ])
    ]
    for number, q in enumerate(bank["questions"], start=1):
        text = q["question"]
        if q["type"] == "written":
            text = html.escape(text, quote=False)
        if q.get("code"):
            text += f"<pre><code>{q['code']}</code></pre>"
        name = f"{chapter} {number:02d} {q['id']}"
        lines = [
            f"// [id:{chapter}.{q['id']}] [tag:zhao_course] [tag:{chapter}]",
            f"// section: {_gift_comment(q['section'])}",
            f"// source: {_gift_comment(q['source'])}",
            f"// learning objective: {_gift_comment(q['learning_objective'])}",
            f"::{_gift_escape(name)}::"
            f"[html]{_gift_escape(text)}" + ("{#" if q["type"] == "numeric" else "{"),
        ]
        if q["type"] == "written":
            lines.append(f"\t####{_gift_escape(_gift_written_feedback(q))}")
        else:
            lines += ["\t" + line for line in _gift_answers(q)]
            lines.append(f"\t####{_gift_escape('Source: ' + q['source'])}")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def export_gift(name_or_path: str | Path, path: str | Path) -> Path:
    """Write a bank as a GIFT file (creating the folder if needed) and return its path.

    Example:
        >>> import tempfile, pathlib
        >>> out = export_gift("border_disputes", pathlib.Path(tempfile.mkdtemp()) / "b.gift")
        >>> out.read_text(encoding="utf-8").startswith("// Border Disputes")
        True
    """
    out = Path(path)
    text = to_gift(load_bank(name_or_path))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    return out


