"""Export quiz banks to QTI 1.2 for Canvas, through text2qti.

Reads a bank through :func:`zhao_course.quiz.load_bank` (so it is validated first),
writes it in text2qti's plain-text quiz format (:func:`to_text2qti`), and lets text2qti
(``text2qti==0.7.1``, its Python API: ``Quiz`` and ``QTI``) turn that into the QTI
``.zip`` that Canvas imports under *Settings → Import Course Content → QTI .zip file*.

What each bank question becomes:

* ``multiple_choice``: a multiple-choice question, each option with its feedback;
* ``many_choice``: a multiple-answers question (``[*]`` right, ``[ ]`` wrong), each
  option with its feedback;
* ``numeric``: a numerical question whose one correct value or range is the answer
  (GIFT and Canvas include a range's high end; jupyterquiz does not). The correct
  answer's feedback is shown for a right answer; the default feedback, followed by the
  feedback of each wrong value or range (labelled with it), for a wrong one, because a
  Canvas numerical question has no wrong answers of its own to attach feedback to;
* ``written``: an essay question (graded by hand) whose general feedback is the model
  answer, the rubric's points and the source.

Every other question carries its source as general feedback, as in the GIFT export.
The quiz is set to shuffle answers, so Canvas shows the options in a new order to each
learner.

text2qti reads every text as Markdown, with LaTeX between ``$`` signs, curly quotes
and dashes (Python-Markdown's ``smarty``), lists for lines starting ``1.`` or ``-``,
and more. Bank texts are HTML, as jupyterquiz and the GIFT export treat them (``written``
items are plain text): so tags and character references are passed on, and the ASCII
punctuation outside them (all but ``, ; ? / % @``) becomes numeric character references
(``&#39;``), which neither text2qti nor Markdown reads as markup. Canvas then shows the
bank's text character for character (a line break shows as a space, as in any HTML; a
bank's ``\\$`` stays ``\\$``, as in the GIFT export).

Example:
    >>> from zhao_course.quiz_schema import example_bank
    >>> text = to_text2qti(example_bank())
    >>> print(text.split("\\n\\n")[2])
    Title: border_disputes 01 demo-choice
    1.    What does Zhao treat as the foundation of the relations?
    ...   Source&#58; article, section &#39;Border Disputes No Longer Obstacles&#39;
    a)    Trade
    ...   No&#58; &#46;&#46;&#46;
    *b)   The settled border
    ...   Right&#58; &#46;&#46;&#46;
    c)    The Eurasian Economic Union
    ...   No&#58; &#46;&#46;&#46;
    >>> to_qti(example_bank())[:2]            # a zip archive
    b'PK'

From a shell: ``python -m zhao_course.quiz qti border_disputes border_disputes_qti.zip``.
"""
from __future__ import annotations

import io
import math
import re
import string
import zipfile
from pathlib import Path
from typing import Any, Mapping

from zhao_course.quiz import QuizBankError, load_bank, validate_bank

__all__ = ["to_text2qti", "to_qti", "export_qti", "md_escape", "md_escape_html"]

#: Width of every marker (``1.``, ``*a)``, ``[ ]``, ``...``) with its spaces; continuation
#: lines of a text are indented by as much, as text2qti requires.
_INDENT = 6
# ASCII punctuation that Markdown, smarty or text2qti may read as markup (all of it but
# , ; ? / % @, which mean nothing there): written as numeric character references.
_PUNCTUATION = frozenset(string.punctuation) - frozenset(",;?/%@")
# A tag, a comment or a character reference: passed on unchanged in HTML texts.
_HTML_TOKEN = re.compile(
    r"<!--.*?-->|</?[A-Za-z][^<>]*>|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);",
    re.S)
# text2qti writes numerical bounds with four decimals; smaller magnitudes it refuses.
_NUM_DECIMALS = 4
_NUM_SMALLEST = 1e-4
#: The time stamp of every file in the zip, so the same bank always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _encode(text: str) -> str:
    """Markup characters (:data:`_PUNCTUATION`) as numeric character references."""
    return "".join(f"&#{ord(ch)};" if ch in _PUNCTUATION else ch for ch in text)


def _tidy(markdown: str) -> str:
    """Strip every line: indentation would make a code block, trailing spaces a line break
    (in HTML a line break is a space anyway); an empty line still separates paragraphs."""
    return "\n".join(line.strip() for line in markdown.splitlines()).strip("\n")


def md_escape(text: str) -> str:
    r"""Plain text as Markdown that text2qti shows unchanged.

    ASCII punctuation (all but ``, ; ? / % @``) becomes a numeric character reference, so no
    ``$`` starts LaTeX, no ``*``, ``_`` or backtick formats, no ``1.`` or ``-`` starts
    a list, no ``<`` starts a tag and no quote is curled.

    Example:
        >>> md_escape("1. It's *$5*")
        '1&#46; It&#39;s &#42;&#36;5&#42;'
    """
    return _tidy(_encode(text))


def md_escape_html(text: str) -> str:
    """An HTML text as Markdown: tags and character references kept, the rest escaped.

    Example:
        >>> md_escape_html("a <b>b_c</b> &amp; d's")
        'a <b>b&#95;c</b> &amp; d&#39;s'
    """
    out: list[str] = []
    pos = 0
    for match in _HTML_TOKEN.finditer(text):
        out += [_encode(text[pos:match.start()]), match.group()]
        pos = match.end()
    out.append(_encode(text[pos:]))
    return _tidy("".join(out))


def _item(marker: str, markdown: str) -> list[str]:
    """A text2qti element: the marker, then the text indented under it."""
    first, *rest = markdown.split("\n") or [""]
    lines = [f"{marker:<{_INDENT}}{first}" if len(marker) < _INDENT else f"{marker} {first}"]
    lines += [(" " * _INDENT + line) if line else "" for line in rest]
    return lines


def _with_code(markdown: str, code: str | None) -> str:
    """Append a question's or option's code as a fenced code block (shown literally)."""
    if not code:
        return markdown
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{markdown}\n\n{fence}\n{code.rstrip()}\n{fence}"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _where(bank: Mapping[str, Any], number: int, q: Mapping[str, Any]) -> str:
    return f"quiz bank '{bank['chapter']}', question {number} ('{q['id']}')"


def _check_bound(bank: Mapping[str, Any], number: int, q: Mapping[str, Any], x: float) -> None:
    """text2qti writes bounds with four decimals and refuses magnitudes under 0.0001."""
    if abs(x) < _NUM_SMALLEST or not math.isclose(round(x, _NUM_DECIMALS), x, rel_tol=0,
                                                     abs_tol=1e-12):
        raise QuizBankError(
            f"{_where(bank, number, q)}: the correct answer's bound {_number(x)} cannot go to "
            "Canvas (text2qti takes bounds of at least 0.0001 in size, to four decimals). "
            "Change the correct value or range.",
            source=bank["chapter"], question=number, question_id=q["id"], field="answers")


def _numeric_lines(bank: Mapping[str, Any], number: int, q: Mapping[str, Any]) -> list[str]:
    """``+`` correct feedback, ``-`` incorrect feedback, ``=`` the answer (text2qti order)."""
    graded = [a for a in q["answers"] if a["type"] != "default"]
    right = [a for a in graded if a["correct"]]
    if len(right) != 1:
        raise QuizBankError(
            f"{_where(bank, number, q)}: has {len(right)} correct values or ranges, but a Canvas "
            "numerical question made by text2qti takes exactly one. Keep one correct answer.",
            source=bank["chapter"], question=number, question_id=q["id"], field="answers")
    (ans,) = right
    if ans["type"] == "range":
        low, high = ans["range"]
        spec = f"[{_number(low)}, {_number(high)}]"
    else:
        margin = 0.0
        if "precision" in q and ans["value"] != 0:
            exponent = math.floor(math.log10(abs(ans["value"]))) - q["precision"] + 1
            margin = round(0.5 * 10 ** exponent, 12)
        low, high = ans["value"] - margin, ans["value"] + margin
        spec = f"{_number(ans['value'])} +- {_number(margin)}"
    for bound in (low, high):
        _check_bound(bank, number, q, bound)

    wrong_paragraphs = [md_escape_html(a["feedback"]) for a in q["answers"] if a["type"] == "default"]
    for a in graded:
        if a["correct"]:
            continue
        label = (f"An answer from {_number(a['range'][0])} to {_number(a['range'][1])}: "
                 if a["type"] == "range" else f"The answer {_number(a['value'])}: ")
        wrong_paragraphs.append(md_escape_html(label + a["feedback"]))
    lines = _item("+", md_escape_html(ans["feedback"]))
    if wrong_paragraphs:
        lines += _item("-", "\n\n".join(wrong_paragraphs))
    return lines + [f"{'=':<{_INDENT}}{spec}"]


def _written_feedback(q: Mapping[str, Any]) -> str:
    """Model answer, the rubric as a list, and the source, as Markdown paragraphs."""
    parts = [md_escape("Model answer: " + q["model_answer"])]
    if q.get("rubric"):
        parts.append(md_escape("A good answer:"))
        parts.append("\n".join(f"-   {md_escape(' '.join(point.split()))}" for point in q["rubric"]))
    parts.append(md_escape("Source: " + q["source"]))
    return "\n\n".join(parts)


def _one_line(text: str) -> str:
    """Titles are plain text on one line in text2qti."""
    return " ".join(text.split())


def to_text2qti(bank: Mapping[str, Any]) -> str:
    """Write a quiz bank in text2qti's plain-text quiz format.

    The quiz title is the bank's title; each question's title (seen by instructors in
    Canvas's editor) is ``<chapter> <number> <id>``, as in the GIFT export. Options are
    written in the bank's order; ``shuffle answers: true`` lets Canvas shuffle them.

    Args:
        bank: a loaded bank; it is validated first.

    Raises:
        QuizBankError: a numeric question Canvas cannot take (more than one correct value
            or range, or a bound under 0.0001 or finer than four decimals).

    Example:
        >>> from zhao_course.quiz_schema import example_bank
        >>> print(to_text2qti(example_bank()).split("\\n\\n")[3])
        Title: border_disputes 02 demo-numeric
        2.    Russia&#39;s area in millions of km², to one decimal place?
        ...   Source&#58; CIA World Factbook
        +     Right&#58; &#46;&#46;&#46;
        -     No&#58; about 17&#46;1 million km²&#46;
        =     [17, 17.2]
    """
    validate_bank(bank)
    chapter = bank["chapter"]
    blocks = [
        "\n".join([
            f"Quiz title: {_one_line(bank['title'])}",
            *_item("Quiz description:", md_escape(
                f"Quiz bank '{chapter}' of the course on Zhao Huasheng, \"Sino-Russian Economic "
                "Cooperation in the Far East and Central Asia Since 2012\".")),
            "shuffle answers: true",
        ]),
        f"% Generated by zhao_course.quiz_qti from exercises/quizzes/{chapter}.json; "
        "edit the JSON, not this file.",
    ]
    for number, q in enumerate(bank["questions"], start=1):
        if q["type"] == "written":
            text = md_escape(q["question"])
        else:
            text = _with_code(md_escape_html(q["question"]), q.get("code"))
        lines = [f"Title: {chapter} {number:02d} {q['id']}", *_item(f"{number}.", text)]
        if q["type"] == "written":
            lines += _item("...", _written_feedback(q))
            lines.append("____")
        else:
            lines += _item("...", md_escape("Source: " + q["source"]))
            if q["type"] == "numeric":
                lines += _numeric_lines(bank, number, q)
            else:
                for letter, ans in zip(_letters(), q["answers"]):
                    if q["type"] == "multiple_choice":
                        marker = f"*{letter})" if ans["correct"] else f"{letter})"
                    else:
                        marker = "[*]" if ans["correct"] else "[ ]"
                    lines += _item(marker, _with_code(md_escape_html(ans["answer"]), ans.get("code")))
                    lines += _item("...", md_escape_html(ans["feedback"]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _letters() -> Any:
    """a, b, ..., z, a, ... (text2qti does not need them ordered or unique)."""
    while True:
        yield from string.ascii_lowercase


def to_qti(bank: Mapping[str, Any]) -> bytes:
    """Export a quiz bank as the bytes of a QTI 1.2 ``.zip`` for Canvas (via text2qti).

    The same bank always gives the same bytes (text2qti's identifiers are hashes of
    the content; the files' time stamps are fixed here).

    Raises:
        QuizBankError: the bank is invalid, or text2qti refuses a question (the message
            names it).

    Example:
        >>> import io, zipfile
        >>> from zhao_course.quiz_schema import example_bank
        >>> names = zipfile.ZipFile(io.BytesIO(to_qti(example_bank()))).namelist()
        >>> names[0], len(names)
        ('imsmanifest.xml', 4)
    """
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    text = to_text2qti(bank)
    try:
        # Config() without .load(): text2qti's defaults, no file read or written in $HOME
        quiz = Quiz(text, config=Config(), source_name=f"{bank['chapter']}.txt")
        raw = QTI(quiz).zip_bytes()
    except Text2qtiError as exc:
        raise QuizBankError(_text2qti_problem(bank, text, str(exc)),
                            source=bank["chapter"]) from None
    return _stable_zip(raw)


def _text2qti_problem(bank: Mapping[str, Any], text: str, message: str) -> str:
    """text2qti's message (``In "x" on line N:\\n<what>``) as one sentence naming the question."""
    what = " ".join(message.splitlines()[-1:]).strip().rstrip(".") or "an unknown problem"
    where = f"quiz bank '{bank['chapter']}'"
    line = re.search(r"on line (\d+)", message)
    if line:
        titles = [ln for ln in text.splitlines()[: int(line.group(1))] if ln.startswith("Title: ")]
        if titles:
            number, qid = titles[-1].split()[-2:]
            where += f", question {int(number)} ('{qid}')"
    return (f"{where}: text2qti cannot turn it into QTI for Canvas ({what}). "
            "Change that question in the bank, then export again.")


def _stable_zip(raw: bytes) -> bytes:
    """The same archive with every file's time stamp fixed (byte-stable output)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def export_qti(name_or_path: str | Path, path: str | Path) -> Path:
    """Write a bank as a QTI ``.zip`` for Canvas (creating the folder) and return its path.

    Example:
        >>> import tempfile, pathlib, zipfile
        >>> out = export_qti("border_disputes", pathlib.Path(tempfile.mkdtemp()) / "b.zip")
        >>> zipfile.is_zipfile(out)
        True
    """
    out = Path(path)
    data = to_qti(load_bank(name_or_path))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
