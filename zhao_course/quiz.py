"""Quiz banks: load and check them, show them in a notebook.

Export to Moodle: :mod:`zhao_course.quiz_gift`; the command line:
:mod:`zhao_course.quiz_cli`; the format as a JSON Schema: :mod:`zhao_course.quiz_schema`.

Each chapter has one quiz bank, ``exercises/quizzes/<chapter>.json``::

    {"$schema": "./schema/quiz-bank.schema.json",
     "chapter": "border_disputes", "title": "...", "questions": [...]}

The format is written down once, as a JSON Schema
(``exercises/quizzes/schema/quiz-bank.schema.json``); an editor checks a bank against
it while it is typed. Every question has ``id`` (a stable slug), ``type``,
``question``, ``section`` (the article's section), ``source`` (where the answer comes
from) and ``learning_objective``; two optional lists tie it to the data:
``source_ids`` (rows of ``data/sources.csv``) and ``data_refs`` (``"table:row_id"``).
Types ``multiple_choice``, ``many_choice`` and ``numeric`` are jupyterquiz questions
(``answers`` with feedback on every one; ``precision`` for numbers); ``written`` is
the course's own: a short answer the learner writes and checks against
``model_answer`` (and the points of an optional ``rubric``).

:func:`validate_bank` runs the schema and then the checks a schema cannot express:
unique ids, rows that exist in ``data/``, numeric answers that can all be reached, and
across the bank where the correct answer of the multiple-choice questions sits and how
long it is (:data:`KEY_POSITION_MAX_SHARE`, :data:`KEY_LONGEST_MAX_SHARE`).

Example:
    >>> from zhao_course.quiz_schema import example_bank
    >>> bank = example_bank()
    >>> validate_bank(bank)          # a valid bank: returns None
    >>> print(quiz_text(bank, ids=["demo-choice"]))
    Quiz: A small example bank (interactive in JupyterLab and on the course website)
    1. What does Zhao treat as the foundation of the relations?
       a) Trade
       b) The settled border
       c) The Eurasian Economic Union

Full validation imports :mod:`jsonschema`, which takes one to two seconds, so a
learner's notebook skips it for content already known to be valid, as
:mod:`zhao_course.data` does for tables. ``exercises/quizzes/schema/validated.json``
(the record of validated content) lists the sha256 of every bank file, of the schema,
and of the data files each bank's ``source_ids``/``data_refs`` checks read
(``data/sources.csv`` and the referenced tables). :func:`load_bank` (and so
:func:`render_quiz`, :func:`show_quiz` and :func:`quiz_text` given a bank name or path)
skips :func:`validate_bank` when all of them match, and reads no table then; a bank
that someone edited, or whose schema or data changed, is validated fully as before
(:data:`last_check` says which happened). A bank passed as a dict is always validated
fully. The record is written by ``python -m zhao_course.quiz record``
(:func:`record_validated`), which validates every bank fully first and writes nothing
if one fails; a test fails while the record is out of date. After editing a bank, the
schema or a table a bank refers to::

    .venv/bin/python -m zhao_course.quiz record     # then commit exercises/quizzes/schema/validated.json

In a chapter notebook, in a cell tagged ``remove-input``::

    from zhao_course.quiz import show_quiz
    show_quiz("border_disputes")

From a shell (exit code 2 and a one-line message per bad bank; ``validate`` and
``record`` always validate fully; ``check`` exits 1 while the record is out of date)::

    python -m zhao_course.quiz validate
    python -m zhao_course.quiz record
    python -m zhao_course.quiz check
    python -m zhao_course.quiz gift border_disputes border_disputes.gift
    python -m zhao_course.quiz qti border_disputes border_disputes.zip   # Canvas
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import html as html_lib
import importlib
import json
import math
import os
import random
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from zhao_course import paths, quiz_schema
from zhao_course.quiz_schema import load_schema, schema_problem

__all__ = [
    "QuizBankError",
    "QUESTION_TYPES",
    "SECTIONS",
    "KEY_RULES_MIN_QUESTIONS",
    "KEY_POSITION_MAX_SHARE",
    "KEY_LONGEST_MAX_SHARE",
    "COLORS",
    "DARK_COLORS",
    "CONTRAST_PAIRS",
    "contrast_ratio",
    "list_banks",
    "load_bank",
    "validate_bank",
    "RECORD_NAME",
    "RECORD_COMMAND",
    "last_check",
    "record_path",
    "read_record",
    "is_recorded",
    "fingerprints",
    "stale_banks",
    "record_validated",
    "render_quiz",
    "show_quiz",
    "quiz_text",
]

_SCHEMA = load_schema()

#: Question types a bank may use, read from the schema (jupyterquiz's ``string`` type is
#: not supported: GIFT has no catch-all feedback for short answers). ``written`` is
#: rendered by this module, not by jupyterquiz.
QUESTION_TYPES: tuple[str, ...] = tuple(
    _SCHEMA["$defs"]["question"]["properties"]["type"]["enum"])

#: Values allowed in a question's ``section`` (read from the schema): the article's
#: sections (short and full titles) and the course's epilogue and source-criticism lesson.
SECTIONS: tuple[str, ...] = tuple(_SCHEMA["$defs"]["section"]["enum"])

#: Keys of a question that are passed to jupyterquiz; the course's own keys are not.
JUPYTERQUIZ_KEYS: tuple[str, ...] = (
    "type", "question", "code", "answers", "precision", "answer_cols", "input_width",
)

# Rules on the correct answers across a bank (multiple_choice questions only). A learner
# who notices that the key is usually first, or usually the longest option, can score
# without reading; the rules keep both cues weak. They apply from
# KEY_RULES_MIN_QUESTIONS multiple_choice questions on (with fewer, any pattern is chance).
#: Fewest multiple_choice questions in a bank for the two rules below to apply.
KEY_RULES_MIN_QUESTIONS: int = 4
#: Largest share of multiple_choice questions whose correct answer is in the same
#: position (first, second, ...): half. More than half in one position fails.
KEY_POSITION_MAX_SHARE: float = 0.5
#: Largest share of multiple_choice questions whose correct answer is the strictly
#: longest option: 40 %. With four options, chance alone gives about 25 %.
KEY_LONGEST_MAX_SHARE: float = 0.4

# Colours. jupyterquiz reads them from CSS variables; every variable it uses is set here
# (its defaults fail WCAG: white on a light grey numeric box, 1.7:1; white on its orange,
# 3.1:1). The course adds its own (--zq-*) for the surfaces jupyterquiz leaves to the
# page: each question sits on --zq-surface, so feedback colours do not depend on the
# page's theme. DARK_COLORS replaces some of them in dark mode (pydata-sphinx-theme's
# html[data-theme="dark"], JupyterLab's body[data-jp-theme-light="false"]).
# CONTRAST_PAIRS lists every text/background and border/background pair; a test
# computes their WCAG contrast ratios in both modes.
#: Light-mode colours (also jupyterquiz's ``colors`` argument).
COLORS: dict[str, str] = {
    "--jq-multiple-choice-bg": "#392061",     # white text on it: 13.0:1
    "--jq-many-choice-bg": "#9a3f00",         # was #f75c03 (3.1:1); now 6.5:1
    "--jq-numeric-bg": "#1f5c63",             # 7.3:1
    "--jq-string-bg": "#4c1a57",              # 12.6:1 (type not used by the course)
    "--jq-text-color": "#fafafa",
    "--jq-link-color": "#d6e4ff",             # links in question text, on the panels
    "--jq-mc-button-bg": "#fafafa",           # jupyterquiz writes its text in #333333
    "--jq-mc-button-border": "#6e6e6e",       # was #e0e0e0 (1.3:1 on white)
    "--jq-mc-button-inset-shadow": "#555555",
    "--jq-numeric-input-bg": "#ffffff",       # was #c0c0c0 under white text (1.7:1)
    "--jq-numeric-input-label": "#1a1a1a",
    "--jq-numeric-input-shadow": "#999999",
    # Okabe-Ito blue and a darkened vermillion: colour-blind safe, and the background of
    # an answered option under white text
    "--jq-correct-color": "#0072B2",
    "--jq-incorrect-color": "#B34700",
    # the course's own
    "--zq-surface": "#ffffff",
    "--zq-text": "#1a1a1a",
    "--zq-feedback-correct": "#0072B2",
    "--zq-feedback-incorrect": "#B34700",
    "--zq-link": "#0b5cad",
    "--zq-border": "#6e6e6e",
    "--zq-focus": "#0b5cad",
    "--zq-input-text": "#1a1a1a",
    "--zq-written-bg": "#4c1a57",
}

#: Dark-mode replacements (the panels, buttons and answered colours stay as in light mode).
DARK_COLORS: dict[str, str] = {
    "--jq-numeric-input-bg": "#0d1117",
    "--jq-numeric-input-label": "#e8e8e8",
    "--zq-surface": "#1c2128",
    "--zq-text": "#e8e8e8",
    "--zq-feedback-correct": "#7cc4f0",
    "--zq-feedback-incorrect": "#ffb070",
    "--zq-link": "#9abafa",
    "--zq-border": "#9a9a9a",
    "--zq-focus": "#9abafa",
    "--zq-input-text": "#e8e8e8",
}

#: (what, foreground, background, least WCAG ratio): 4.5 for text, 3 for UI borders.
#: A value starting with ``#`` is a fixed colour (jupyterquiz's own, not a variable).
CONTRAST_PAIRS: tuple[tuple[str, str, str, float], ...] = (
    ("multiple-choice question text", "--jq-text-color", "--jq-multiple-choice-bg", 4.5),
    ("many-choice question text", "--jq-text-color", "--jq-many-choice-bg", 4.5),
    ("numeric question text", "--jq-text-color", "--jq-numeric-bg", 4.5),
    ("string question text", "--jq-text-color", "--jq-string-bg", 4.5),
    ("written question text", "--jq-text-color", "--zq-written-bg", 4.5),
    ("link on a multiple-choice panel", "--jq-link-color", "--jq-multiple-choice-bg", 4.5),
    ("link on a many-choice panel", "--jq-link-color", "--jq-many-choice-bg", 4.5),
    ("link on a numeric panel", "--jq-link-color", "--jq-numeric-bg", 4.5),
    ("link on a written panel", "--jq-link-color", "--zq-written-bg", 4.5),
    ("option text (jupyterquiz's #333333)", "#333333", "--jq-mc-button-bg", 4.5),
    ("option border", "--jq-mc-button-border", "--zq-surface", 3.0),
    ("option border against the option", "--jq-mc-button-border", "--jq-mc-button-bg", 3.0),
    ("answered right: option text", "--jq-text-color", "--jq-correct-color", 4.5),
    ("answered wrong: option text", "--jq-text-color", "--jq-incorrect-color", 4.5),
    ("numeric box text", "--zq-input-text", "--jq-numeric-input-bg", 4.5),
    ("numeric box border", "--zq-border", "--zq-surface", 3.0),
    ("numeric box label", "--jq-numeric-input-label", "--zq-surface", 4.5),
    ("feedback, right", "--zq-feedback-correct", "--zq-surface", 4.5),
    ("feedback, wrong", "--zq-feedback-incorrect", "--zq-surface", 4.5),
    ("link in feedback", "--zq-link", "--zq-surface", 4.5),
    ("text on the quiz surface", "--zq-text", "--zq-surface", 4.5),
    ("written answer box text", "--zq-input-text", "--jq-numeric-input-bg", 4.5),
    ("focus outline", "--zq-focus", "--zq-surface", 3.0),
)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(color: str) -> float:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if not re.fullmatch(r"[0-9a-fA-F]{6}(?:[fF]{2})?", digits):
        raise ValueError(f"{color!r} is not an opaque #rrggbb colour")
    r, g, b = (int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two opaque ``#rrggbb`` colours, from 1 to 21.

    Example:
        >>> round(contrast_ratio("#000000", "#ffffff"), 1)
        21.0
        >>> round(contrast_ratio("#fafafa", "#c0c0c0"), 2)   # jupyterquiz's numeric box
        1.74
    """
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class QuizBankError(ValueError):
    """A quiz bank (or a call to show it) that cannot be used, with a sentence saying why.

    In a notebook it shows as that sentence alone, like :class:`zhao_course.data.DataError`.

    Attributes:
        source: the file (or bank name) at fault.
        question: 1-based question number, or ``None`` for a bank-level problem.
        question_id: the question's ``id`` when it has one.
        field: the key at fault, e.g. ``"answers[2].feedback"``.

    Example:
        >>> try:
        ...     validate_bank({"chapter": "demo", "title": "Demo", "questions": []})
        ... except QuizBankError as err:
        ...     print(err)
        quiz bank 'demo', field 'questions': is an empty list. Add at least one question.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        question: int | None = None,
        question_id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.source = source
        self.question = question
        self.question_id = question_id
        self.field = field

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the sentence, nothing else."""
        return [f"{type(self).__name__}: {self}"]


# --------------------------------------------------------------------------- loading


def list_banks() -> list[str]:
    """Names of the quiz banks in ``exercises/quizzes``, sorted.

    The schema lives in ``exercises/quizzes/schema/``, a folder of its own, so it is
    never taken for a bank.

    Example:
        >>> "border_disputes" in list_banks()
        True
    """
    return sorted(p.stem for p in Path(paths.QUIZ_DIR).glob("*.json") if p.is_file())


def _bank_path(name_or_path: str | Path) -> Path:
    """Turn a bank name (``"border_disputes"``) or a path into a path."""
    if isinstance(name_or_path, Path):
        return name_or_path
    text = str(name_or_path)
    if text.endswith(".json") or "/" in text or "\\" in text:
        return Path(text)
    return Path(paths.QUIZ_DIR) / f"{text}.json"


def _label(path: Path) -> str:
    """A path as a learner would recognise it: relative to the course root if inside."""
    try:
        return path.resolve().relative_to(Path(paths.ROOT).resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


class _DuplicateKey(Exception):
    def __init__(self, key: str, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(key)
        self.key = key
        self.pairs = pairs


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key, pairs)
        seen[key] = value
    return seen


def _no_constants(name: str) -> float:
    raise ValueError(name)


def _read_bank_bytes(path: Path, label: str) -> bytes:
    """The file's bytes, or a sentence saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise QuizBankError(f"{label}: cannot be read ({exc.strerror or exc}). Check that it is a "
                            "file you may read.", source=label) from None


def _parse_bank_bytes(raw: bytes, label: str) -> Any:
    """Bytes to a parsed JSON value; every way a file can be unreadable gets a sentence."""
    def fail(problem: str) -> QuizBankError:
        return QuizBankError(f"{label}: {problem}", source=label)

    if raw.startswith(codecs.BOM_UTF8):
        raise fail("starts with a byte-order mark (BOM). Save it as UTF-8 without a BOM "
                   "(in most editors: encoding 'UTF-8', not 'UTF-8 with BOM').")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail("is saved as UTF-16, not UTF-8. Save it as UTF-8.")
    if not raw.strip():
        raise fail('is empty. Write the bank as {"chapter": ..., "title": ..., "questions": [...]}.')
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}). "
                   "Save it as UTF-8.") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
                   "Check for a missing comma or quote near that spot.") from None
    except _DuplicateKey as exc:
        owner = dict(exc.pairs).get("id")
        where = f" in the object with id '{owner}'" if isinstance(owner, str) else " in one object"
        raise fail(f"the key '{exc.key}' appears twice{where} (JSON would keep only the last). "
                   "Remove or rename one of them.") from None
    except ValueError as exc:  # NaN, Infinity, -Infinity
        raise fail(f"not valid JSON ({exc} is not a JSON number). Write a number or leave the key out.") from None
    except RecursionError:
        raise fail("nests too deeply to read. Check the brackets.") from None


def load_bank(
    name_or_path: str | Path, *, validate: bool = True, full: bool = False
) -> dict[str, Any]:
    """Read a quiz bank by name (from ``exercises/quizzes``) or path, and check it.

    A bank whose content is known to be valid is not checked again: when the file's
    bytes, the schema and the data files its ``source_ids`` and ``data_refs`` read are
    exactly as listed in the record of validated content
    (``exercises/quizzes/schema/validated.json``, see :func:`record_validated`), the
    slow :func:`validate_bank` (it imports :mod:`jsonschema`) is skipped. Any other
    content (a bank someone edited) is validated fully. :data:`last_check` says which
    happened.

    Args:
        name_or_path: a bank name such as ``"border_disputes"``, or a path to a
            ``.json`` file.
        validate: check the bank (default) and raise on the first problem.
        full: run :func:`validate_bank` even when the record lists the content (the
            command line's ``validate`` and ``record`` do, and so do the tests).

    Raises:
        QuizBankError: the file is missing, unreadable, not UTF-8, has a BOM, is not
            valid JSON (or repeats a key), or fails validation. The message names the
            file (and the question and field, if any).

    Example:
        >>> load_bank("border_disputes", validate=False)["chapter"]
        'border_disputes'
        >>> bank = load_bank("border_disputes", full=True)   # schema and checks, always
        >>> last_check["exercises/quizzes/border_disputes.json"]
        'full'
        >>> try:
        ...     load_bank("no_such_chapter")
        ... except QuizBankError as err:
        ...     print(str(err).split(" Available")[0])
        exercises/quizzes/no_such_chapter.json: no such quiz bank.
    """
    if not isinstance(name_or_path, (str, Path)) or not str(name_or_path).strip():
        raise QuizBankError(
            f"a quiz bank is named by a string such as 'border_disputes' or a path, "
            f"not {_describe_value(name_or_path)}. Available banks: {', '.join(list_banks()) or 'none'}."
        )
    path = _bank_path(name_or_path)
    label = _label(path)
    if not path.is_file():
        available = ", ".join(list_banks()) or "none"
        raise QuizBankError(
            f"{label}: no such quiz bank. Available banks: {available}.", source=label
        )
    raw = _read_bank_bytes(path, label)
    bank = _parse_bank_bytes(raw, label)
    if not validate:
        last_check[label] = "none"
    elif not full and _is_recorded(path.stem, raw, read_record()):
        last_check[label] = "recorded"
    else:
        validate_bank(bank, source=path)
        last_check[label] = "full"
    return bank


# ------------------------------------------------------------------------ validation


class _Checker:
    """Builds the error messages of :func:`validate_bank`."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(
        self,
        field: str,
        problem: str,
        fix: str,
        *,
        number: int | None = None,
        qid: str | None = None,
    ) -> None:
        where = self.source
        if number is not None:
            where += f", question {number}"
            if qid:
                where += f" (id '{qid}')"
        raise QuizBankError(
            f"{where}, field '{field}': {problem}. {fix}",
            source=self.source,
            question=number,
            question_id=qid,
            field=field,
        )


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _describe_value(value: Any) -> str:
    text = repr(value)
    text = text if len(text) <= 40 else text[:39] + "…"
    return f"{type(value).__name__} {text}"


def validate_bank(bank: Mapping[str, Any], source: str | Path | None = None) -> None:
    """Check a quiz bank and raise :class:`QuizBankError` on the first problem.

    The message is one sentence naming the file, the question (number and id) and the
    field at fault, followed by how to fix it. First the JSON Schema
    (:mod:`zhao_course.quiz_schema`: keys, types, sections, one correct option in a
    ``multiple_choice`` question, ``model_answer`` in a ``written`` one, no bare ``$``),
    then what a schema cannot express:

    * the ``chapter`` matches the file name, and question ids are unique;
    * no option repeats another in the same question;
    * numeric answers: ranges with low < high and finite numbers, at most one
      ``default``, and no answer hidden behind an earlier one (jupyterquiz takes the
      first answer that matches, so a later one could never be reached);
    * ``source_ids`` are rows of ``data/sources.csv``, ``data_refs`` rows of their table;
    * across the bank (from :data:`KEY_RULES_MIN_QUESTIONS` multiple_choice questions):
      the correct answer is in the same position in at most
      :data:`KEY_POSITION_MAX_SHARE` of them, and the strictly longest option in at most
      :data:`KEY_LONGEST_MAX_SHARE` of them.

    Args:
        bank: the parsed JSON object.
        source: the file it came from, used in messages (default: the bank's name).

    Example:
        >>> from zhao_course.quiz_schema import example_bank
        >>> bank = example_bank()
        >>> validate_bank(bank)   # a valid bank: returns None
        >>> bank["questions"][0]["type"] = "essay"
        >>> try:
        ...     validate_bank(bank, source="demo.json")
        ... except QuizBankError as err:
        ...     print(err)
        demo.json, question 1 (id 'demo-choice'), field 'type': unknown question type "essay". Use one of: multiple_choice, many_choice, numeric, written.
    """
    if isinstance(source, Path):
        label = _label(source)
    elif source is not None:
        label = str(source)
    elif isinstance(bank, Mapping) and isinstance(bank.get("chapter"), str):
        label = f"quiz bank '{bank['chapter']}'"
    else:
        label = "quiz bank"
    check = _Checker(label)

    if not isinstance(bank, Mapping):
        what = "a list" if isinstance(bank, list) else _describe_value(bank)
        check.fail("(top level)", f"the bank is {what}, not a JSON object",
                   'Write it as {"chapter": ..., "title": ..., "questions": [...]}.')
    problem = schema_problem(bank)
    if problem is not None:
        check.fail(problem.field, problem.problem, problem.fix,
                   number=problem.question, qid=problem.question_id)

    chapter = bank["chapter"]
    if isinstance(source, Path) and source.suffix == ".json" and source.stem != chapter:
        check.fail("chapter", f"'{chapter}' does not match the file name '{source.name}'",
                   f"Rename the file to {chapter}.json or set \"chapter\": \"{source.stem}\".")

    seen: dict[str, int] = {}
    for number, question in enumerate(bank["questions"], start=1):
        _check_question(check, number, question, seen)
    _check_keys_across_bank(check, bank["questions"])


def _check_question(check: _Checker, number: int, q: Mapping[str, Any], seen: dict[str, int]) -> None:
    qid = q["id"]

    def fail(field: str, problem: str, fix: str) -> None:
        check.fail(field, problem, fix, number=number, qid=qid)

    if qid in seen:
        fail("id", f"duplicate id, already used by question {seen[qid]}",
             "Give every question its own id.")
    seen[qid] = number

    if q["type"] in ("multiple_choice", "many_choice"):
        texts: dict[str, int] = {}
        for i, ans in enumerate(q["answers"], start=1):
            key = " ".join(ans["answer"].split()).casefold() + "|" + str(ans.get("code", ""))
            if key in texts:
                fail(f"answers[{i}].answer", f"option {i} repeats option {texts[key]}",
                     "Make every option different.")
            texts[key] = i
    elif q["type"] == "numeric":
        _check_numeric(fail, q["answers"])

    _check_data_links(fail, q)


def _check_numeric(fail: Any, answers: Sequence[Mapping[str, Any]]) -> None:
    """Ranges well formed, one default at most, every answer reachable."""
    earlier: list[tuple[int, str, Any]] = []
    n_default = 0
    for i, ans in enumerate(answers, start=1):
        kind = ans["type"]
        if kind == "default":
            n_default += 1
            if n_default > 1:
                fail(f"answers[{i}].type", "more than one default answer",
                     "Keep a single \"default\" answer.")
            continue
        if kind == "value":
            value = ans["value"]
            if not _is_number(value):
                fail(f"answers[{i}].value", f"numeric answer {i} is not a finite number ({value!r})",
                     "Give the value as a number, e.g. \"value\": 17.1.")
            hidden_by = next((j for j, k, spec in earlier
                              if (k == "value" and spec == value)
                              or (k == "range" and spec[0] <= value < spec[1])), None)
        else:
            rng = ans["range"]
            if not (all(map(_is_number, rng)) and rng[0] < rng[1]):
                fail(f"answers[{i}].range",
                     f"numeric answer {i} needs \"range\": [low, high] with low < high (got {rng!r})",
                     "Give two numbers; the low end is included, the high end is not.")
            hidden_by = next((j for j, k, spec in earlier
                              if k == "range" and spec[0] <= rng[0] and rng[1] <= spec[1]), None)
        if hidden_by is not None:
            fail(f"answers[{i}]",
                 f"numeric answer {i} can never be reached: answer {hidden_by} comes first and "
                 "catches every number it would",
                 "jupyterquiz takes the first answer that matches; put the narrower answer first "
                 "or make the ranges not overlap.")
        earlier.append((i, kind, ans.get("value") if kind == "value" else ans["range"]))


@lru_cache(maxsize=32)
def _csv_ids(path_text: str, mtime_ns: int, size: int) -> frozenset[str] | None:
    """The ``id`` column of a CSV file (``None`` if it has none); cached by file state."""
    with open(path_text, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if "id" not in (reader.fieldnames or []):
            return None
        return frozenset(row["id"] for row in reader)


def _table_ids(table: str) -> frozenset[str] | None | str:
    """Row ids of ``data/<table>.csv``; a string says why they cannot be read."""
    path = Path(paths.DATA_DIR) / f"{table}.csv"
    try:
        stat = path.stat()
        return _csv_ids(str(path), stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        return f"there is no table data/{table}.csv"
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return f"data/{table}.csv cannot be read ({exc})"


def _check_data_links(fail: Any, q: Mapping[str, Any]) -> None:
    for i, sid in enumerate(q.get("source_ids", []), start=1):
        ids = _table_ids("sources")
        if isinstance(ids, str):
            fail(f"source_ids[{i}]", ids, "Restore data/sources.csv.")
        if ids is None or sid not in ids:
            fail(f"source_ids[{i}]", f"'{sid}' is not a source in data/sources.csv",
                 "Add the source to data/sources.csv or correct the id.")
    for i, ref in enumerate(q.get("data_refs", []), start=1):
        table, _, row_id = ref.partition(":")
        ids = _table_ids(table)
        if isinstance(ids, str):
            fail(f"data_refs[{i}]", f"'{ref}' points at a missing table: {ids}",
                 "Write \"table:row_id\" with a table of data/.")
        if ids is None:
            fail(f"data_refs[{i}]", f"data/{table}.csv has no 'id' column, so '{ref}' cannot be checked",
                 "Point at a table whose rows have ids.")
        if row_id not in ids:
            fail(f"data_refs[{i}]", f"data/{table}.csv has no row with id '{row_id}'",
                 "Correct the row id or add the row to the table.")


def _option_length(ans: Mapping[str, Any]) -> int:
    return len(" ".join(ans["answer"].split()))


def _check_keys_across_bank(check: _Checker, questions: Sequence[Mapping[str, Any]]) -> None:
    """Where the correct answer sits and how long it is, over the multiple_choice questions."""
    positions: list[int] = []
    longest = 0
    for q in questions:
        if q["type"] != "multiple_choice":
            continue
        answers = q["answers"]
        key = next(i for i, a in enumerate(answers) if a["correct"] is True)
        positions.append(key + 1)
        others = [_option_length(a) for i, a in enumerate(answers) if i != key]
        longest += _option_length(answers[key]) > max(others)
    n = len(positions)
    if n < KEY_RULES_MIN_QUESTIONS:
        return
    position, count = min(Counter(positions).items(), key=lambda kv: (-kv[1], kv[0]))
    if count > n * KEY_POSITION_MAX_SHARE:
        check.fail(
            "questions",
            f"the correct answer is option {position} in {count} of the {n} multiple_choice "
            f"questions, more than the {KEY_POSITION_MAX_SHARE:.0%} one position may hold "
            f"(at most {math.floor(n * KEY_POSITION_MAX_SHARE)})",
            "Move the correct answer to other positions in some of them; learners who spot "
            "the pattern can answer without reading.",
        )
    if longest > n * KEY_LONGEST_MAX_SHARE:
        check.fail(
            "questions",
            f"the correct answer is the longest option in {longest} of the {n} multiple_choice "
            f"questions, more than the {KEY_LONGEST_MAX_SHARE:.0%} allowed "
            f"(at most {math.floor(n * KEY_LONGEST_MAX_SHARE)})",
            "Shorten some correct answers or lengthen the wrong ones, so that length gives "
            "nothing away.",
        )


# ------------------------------------------------------ the record of validated content
#
# Full validation imports jsonschema, whose optional format checkers take one to two
# seconds to import; a learner's quiz cell must not pay that for content the course has
# already checked. The record lists, for every bank that passed full validation, the
# sha256 of its file and of the data files its source_ids/data_refs checks read, and the
# sha256 of the schema. Validity depends on nothing else but the checking code, which
# the tests run on every bank (so committed banks, record and code always agree).

#: File name of the record of validated content, in ``exercises/quizzes/schema/`` (a
#: folder of its own, so :func:`list_banks` never takes it for a bank).
RECORD_NAME: str = "validated.json"

#: The command that validates every bank fully and writes the record.
RECORD_COMMAND: str = "python -m zhao_course.quiz record"

#: How :func:`load_bank` last checked each bank, by file label: ``"recorded"`` (content
#: listed in the record: validation skipped), ``"full"`` (:func:`validate_bank` ran) or
#: ``"none"`` (``validate=False``).
last_check: dict[str, str] = {}


def record_path() -> Path:
    """Where the record of validated content lives: beside the schema.

    Example:
        >>> record_path().relative_to(paths.QUIZ_DIR).as_posix()
        'schema/validated.json'
    """
    return Path(paths.QUIZ_DIR) / "schema" / RECORD_NAME


def _digest(raw: bytes) -> str:
    """sha256 of a text file's bytes, CRLF read as LF (git on Windows may convert them).

    Either form means the same to JSON (a raw line break cannot sit inside a JSON
    string) and to the ``id`` column of a CSV file, as in :mod:`zhao_course.data`.

    Example:
        >>> _digest(b"{}\\r\\n") == _digest(b"{}\\n")
        True
    """
    return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()


def _file_print(path: Path) -> str | None:
    """:func:`_digest` of a file's bytes, ``None`` if it cannot be read."""
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def _schema_print() -> str | None:
    return _file_print(Path(quiz_schema.SCHEMA_PATH))


def _data_print(table: str) -> str | None:
    return _file_print(Path(paths.DATA_DIR) / f"{table}.csv")


def _data_tables(bank: Any) -> list[str]:
    """The tables of ``data/`` that the ``source_ids`` and ``data_refs`` checks read.

    Example:
        >>> from zhao_course.quiz_schema import example_bank
        >>> _data_tables(example_bank())     # one question lists source_ids
        ['sources']
    """
    tables: set[str] = set()
    questions = bank.get("questions") if isinstance(bank, Mapping) else None
    for q in questions if isinstance(questions, list) else []:
        if not isinstance(q, Mapping):
            continue
        if q.get("source_ids"):
            tables.add("sources")
        refs = q.get("data_refs")
        for ref in refs if isinstance(refs, list) else []:
            if isinstance(ref, str):
                tables.add(ref.partition(":")[0])
    return sorted(tables)


def _bank_print(raw: bytes, bank: Any) -> dict[str, Any]:
    """What one bank's validity depends on, besides the schema and the code."""
    return {"file": _digest(raw), "data": {t: _data_print(t) for t in _data_tables(bank)}}


def read_record() -> dict[str, Any]:
    """The record of validated content (``{}`` if it is missing or unreadable).

    Example:
        >>> sorted(read_record())
        ['about', 'banks', 'schema']
    """
    try:
        record = json.loads(record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not (isinstance(record, dict) and isinstance(record.get("banks"), dict)
            and isinstance(record.get("schema"), str)):
        return {}
    return record


def _is_recorded(stem: str, raw: bytes, record: Mapping[str, Any]) -> bool:
    """Whether a bank file named ``<stem>.json`` with these bytes is known to be valid.

    Reads only the schema and the data files the record lists for the bank (hashes
    them; no table is parsed). The file name counts: the bank's ``chapter`` must match it.
    """
    entry = record.get("banks", {}).get(stem)
    if not isinstance(entry, Mapping) or entry.get("file") != _digest(raw):
        return False
    data = entry.get("data")
    if not isinstance(data, Mapping) or record.get("schema") != _schema_print():
        return False
    return all(isinstance(digest, str) and _data_print(table) == digest
               for table, digest in data.items())


def is_recorded(name_or_path: str | Path) -> bool:
    """Whether a bank's content is listed in the record, so :func:`load_bank` skips
    :func:`validate_bank` for it.

    Example:
        >>> is_recorded("border_disputes") in (True, False)
        True
    """
    path = _bank_path(name_or_path)
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    return _is_recorded(path.stem, raw, read_record())


def fingerprints() -> dict[str, Any]:
    """The sha256 of the schema and of every bank (and the data files it reads) as they
    are now: what :func:`record_validated` writes, without validating anything.

    Example:
        >>> prints = fingerprints()
        >>> sorted(prints["banks"]["border_disputes"]["data"])[:2]
        ['article_claims', 'article_errors']
    """
    banks: dict[str, Any] = {}
    for name in list_banks():
        path = Path(paths.QUIZ_DIR) / f"{name}.json"
        raw = _read_bank_bytes(path, _label(path))
        try:
            bank = _parse_bank_bytes(raw, name)
        except QuizBankError:
            bank = None
        banks[name] = _bank_print(raw, bank)
    return {"schema": _schema_print(), "banks": banks}


def stale_banks() -> list[str]:
    """Banks whose content differs from the record (sorted), and banks the record lists
    that no longer exist, marked ``(removed)``. Empty when the record is up to date.

    A stale bank still works: it is validated fully on every load. After checking it,
    run ``python -m zhao_course.quiz record`` and commit the record.

    Example:
        >>> isinstance(stale_banks(), list)
        True
    """
    record = read_record()
    now = fingerprints()
    recorded = record.get("banks", {})
    schema_ok = record.get("schema") == now["schema"]
    stale = [name for name, print_ in now["banks"].items()
             if not schema_ok or recorded.get(name) != print_]
    stale += [f"{name} (removed)" for name in sorted(recorded) if name not in now["banks"]]
    return stale


def record_validated() -> Path:
    """Validate every bank fully, then write the record of validated content; return
    its path.

    This is what ``python -m zhao_course.quiz record`` runs. Nothing is written if a
    bank fails: the :class:`QuizBankError` of the first bad bank is raised. The record
    is written with sorted keys, so the same content gives the same bytes.
    """
    for name in list_banks():
        load_bank(name, full=True)
    record = {
        "about": (
            f"Written by `{RECORD_COMMAND}` after every bank passed full validation (the JSON "
            "Schema with jsonschema, then zhao_course.quiz's own checks). load_bank skips "
            "validation for a bank whose file (exercises/quizzes/<bank>.json), the schema "
            "(schema: quiz-bank.schema.json) and the data files its source_ids and data_refs "
            "read (data/<table>.csv) have exactly these sha256 hashes, each of the file's bytes "
            "with CRLF read as LF. Do not edit by hand: run the command again."
        ),
        **fingerprints(),
    }
    target = record_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return target



# ------------------------------------------------------------------------- rendering


def _as_bank(name_or_bank: Any) -> dict[str, Any]:
    """A checked bank from a name, a path or a loaded bank.

    A name or path goes through :func:`load_bank` (validation skipped when the record
    lists the content); a bank passed as a mapping is validated fully (the record lists
    files, not objects someone may have changed since loading them).
    """
    if isinstance(name_or_bank, Mapping):
        validate_bank(name_or_bank)
        return dict(name_or_bank)
    if isinstance(name_or_bank, (str, Path)):
        return load_bank(name_or_bank)
    raise QuizBankError(
        "a quiz is shown from a bank name such as 'border_disputes', a path to a .json "
        f"file or a loaded bank, not {_describe_value(name_or_bank)}. "
        f"Available banks: {', '.join(list_banks()) or 'none'}."
    )


def _select(bank: Mapping[str, Any], ids: Any) -> list[dict[str, Any]]:
    """The questions named by ``ids`` (all if ``None``), with a sentence for bad ids."""
    questions = list(bank["questions"])
    if ids is None:
        return questions
    by_id = {q["id"]: q for q in questions}
    available = f"Available ids: {', '.join(by_id)}."
    where = f"quiz bank '{bank['chapter']}'"
    if isinstance(ids, str):
        ids = [ids]
    elif isinstance(ids, (Mapping, bytes)) or not isinstance(ids, Iterable):
        raise QuizBankError(
            f"{where}: ids must be a list of question ids, not {_describe_value(ids)}. {available}",
            source=bank["chapter"], field="ids")
    chosen_ids = list(ids)
    if not chosen_ids:
        raise QuizBankError(
            f"{where}: the list of question ids is empty. Leave ids out to show every "
            f"question, or name some. {available}", source=bank["chapter"], field="ids")
    chosen: list[dict[str, Any]] = []
    for qid in chosen_ids:
        if not isinstance(qid, str):
            raise QuizBankError(
                f"{where}: a question id is a string, not {_describe_value(qid)}. {available}",
                source=bank["chapter"], field="ids")
        if qid not in by_id:
            raise QuizBankError(
                f"{where}: no question with id '{qid}'. {available}",
                source=bank["chapter"], question_id=qid, field="id")
        if any(q["id"] == qid for q in chosen):
            raise QuizBankError(
                f"{where}: the id '{qid}' is listed twice. Name each question once.",
                source=bank["chapter"], question_id=qid, field="ids")
        chosen.append(by_id[qid])
    return chosen


def _display_order(questions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """jupyterquiz's questions first (one container), then the written items below them."""
    return ([q for q in questions if q["type"] != "written"]
            + [q for q in questions if q["type"] == "written"])


def _script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (JSON reads
    them back as the same characters), so a text holding ``</script>``, ``<!--`` or
    ``]]>`` cannot end or confuse the script; U+2028/U+2029 are escaped too.

    Example:
        >>> print(_script_json({"q": "</script><!-- & ]]>"}))
        {"q": "\\u003c/script\\u003e\\u003c!-- \\u0026 ]]\\u003e"}
    """
    text = json.dumps(value)  # ensure_ascii: U+2028 and U+2029 are escaped as well
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: jupyterquiz 2.9.6.4 falls back to loading MathJax 3 from cdn.jsdelivr.net when it
#: finds a MathJax without ``typeset`` (JupyterLab 4); it also reads
#: ``MathJax.version[0]`` even when ``window.MathJax`` is only a configuration object
#: (Sphinx pages whose MathJax has not loaded), which throws. The course works offline,
#: so both are neutralised in the emitted script. There is no jupyterquiz option for
#: this (``load_js=False`` drops the whole quiz script).
_MATHJAX_CDN_LOADER = re.compile(r"window\.MathJax = \{.*?\}\)\(\);", re.S)
_MATHJAX_VERSION_INDEX = re.compile(r"\b(version|v)\[0\]")
_MATHJAX_TYPESET_CALL = re.compile(r"MathJax\.typeset\((\[\w+\])\);")
_QUESTIONS_MARKER = "\n\nif (typeof Question === 'undefined') {"


def _offline_script(script: str, div_id: str, payload: Any) -> str:
    """Make jupyterquiz's script safe, offline and accessible.

    The questions (``var questions<id>=[...];``, which jupyterquiz writes with a plain
    ``json.dumps``) are written again with :func:`_script_json`; only jupyterquiz's own
    code after them is patched (MathJax guards); the course's small accessibility
    script is appended (:data:`_A11Y_SCRIPT`).
    """
    cut = script.find(_QUESTIONS_MARKER)
    if cut < 0 or not script.startswith(f"var questions{div_id}="):
        raise RuntimeError("jupyterquiz's script has an unexpected form; this module expects "
                           "jupyterquiz 2.9.6.x.")
    code = script[cut:]
    code = _MATHJAX_CDN_LOADER.sub(
        "console.log('zhao_course: MathJax 3 has no typeset(); not loading it from a CDN');",
        code,
    )
    code = _MATHJAX_VERSION_INDEX.sub(r"String(\1)[0]", code)
    code = _MATHJAX_TYPESET_CALL.sub(
        r"if (typeof MathJax.typeset === 'function') { MathJax.typeset(\1); }", code
    )
    return (f"var questions{div_id}={_script_json(payload)};" + code
            + _A11Y_SCRIPT.replace("__DIV_ID__", div_id))


#: Run after jupyterquiz has built the questions (it does so asynchronously), and again
#: whenever they change: jupyterquiz's numeric box has a <label> that is not tied to it
#: (and no name for a screen reader); its feedback is not announced. Inline, no network.
_A11Y_SCRIPT = """
/* zhao_course: label the numeric boxes, announce feedback (offline, no dependencies) */
(function () {
  var rootId = "__DIV_ID__";
  function fix(root) {
    var inputs = root.querySelectorAll("input.Input-text");
    for (var i = 0; i < inputs.length; i++) {
      var inp = inputs[i];
      var wrap = inp.closest(".Quiz");
      var qText = wrap ? wrap.querySelector("[id^='quizQn']") : null;
      var lab = inp.previousElementSibling;
      if (lab && lab.tagName === "LABEL" && !lab.htmlFor) {
        lab.htmlFor = inp.id;
        lab.textContent = "Your answer (a number; press Enter to check):";
      }
      if (!inp.hasAttribute("aria-label")) {
        inp.setAttribute("aria-label", "Your answer, a number; press Enter to check");
      }
      if (qText && !inp.hasAttribute("aria-describedby")) {
        inp.setAttribute("aria-describedby", qText.id);
      }
      inp.setAttribute("inputmode", "decimal");
      inp.setAttribute("autocomplete", "off");
    }
    var fbs = root.querySelectorAll(".Feedback");
    for (var j = 0; j < fbs.length; j++) {
      if (!fbs[j].hasAttribute("aria-live")) { fbs[j].setAttribute("aria-live", "polite"); }
    }
  }
  function start(tries) {
    var root = document.getElementById(rootId);
    if (!root || !root.querySelector(".Quiz")) {
      if (tries < 100) { setTimeout(function () { start(tries + 1); }, 100); }
      if (!root) { return; }
    }
    fix(root);
    if (window.MutationObserver && !root.dataset.zqObserved) {
      root.dataset.zqObserved = "1";
      new MutationObserver(function () { fix(root); }).observe(root, {childList: true, subtree: true});
    }
  }
  start(0);
})();
"""


def _css_vars(colors: Mapping[str, str]) -> str:
    return " ".join(f"{name}: {value};" for name, value in colors.items())


def _course_styles(div_id: str, light: Mapping[str, str], dark: Mapping[str, str]) -> str:
    """The course's CSS: dark-mode colours, surfaces, labels, focus, written items."""
    q, w = f"#{div_id}", f"#{div_id}-written"
    dark_scopes = ", ".join(f"{mode} {scope}" for mode in (
        'html[data-theme="dark"]', 'body[data-jp-theme-light="false"]') for scope in (q, w))
    rules = [
        f"{w} {{ {_css_vars(light)} }}",
        f"{dark_scopes} {{ {_css_vars(dark)} }}",
        f"{q} > .Quiz, {w} > .zq-written {{ background: var(--zq-surface); color: var(--zq-text); "
        "padding: 6px; }",
        f"{q} .Feedback.correct {{ color: var(--zq-feedback-correct); }}",
        f"{q} .Feedback.incorrect {{ color: var(--zq-feedback-incorrect); }}",
        f"{q} .Feedback .JQLink {{ color: var(--zq-link) !important; }}",
        f"{q} .InpLabel {{ color: var(--jq-numeric-input-label); }}",
        f"{q} .Input-text {{ color: var(--zq-input-text); background-color: var(--jq-numeric-input-bg); "
        "border: 2px solid var(--zq-border); }",
        f"{q} .Input-text.correctButton, {q} .Input-text.incorrectButton {{ color: var(--jq-text-color); }}",
        f"{q} .MCButton:focus-within, {q} .Input-text:focus-visible, {w} textarea:focus-visible, "
        f"{w} summary:focus-visible {{ outline: 3px solid var(--zq-focus); outline-offset: 2px; }}",
        f"{w} {{ max-width: 600px; margin: 15px auto 0 auto; border-radius: 10px; }}",
        f"{w} > .zq-written {{ border-radius: inherit; margin-top: 15px; }}",
        f"{w} .zq-written-q {{ background: var(--zq-written-bg); color: var(--jq-text-color); "
        "padding: 10px; border-radius: inherit; font-size: 16pt; line-height: 1.3; }",
        f"{w} .zq-written-q p {{ color: inherit; margin: 0 0 0.4em 0; }}",
        f"{w} .zq-written-q .zq-kind {{ font-size: 12pt; }}",
        f"{w} label {{ display: block; margin: 10px 0 4px 0; color: var(--zq-text); font-size: 12pt; }}",
        f"{w} textarea {{ display: block; box-sizing: border-box; width: 100%; font: inherit; "
        "padding: 6px; color: var(--zq-input-text); background-color: var(--jq-numeric-input-bg); "
        "border: 2px solid var(--zq-border); border-radius: 4px; }",
        f"{w} details {{ margin-top: 10px; color: var(--zq-text); }}",
        f"{w} summary {{ cursor: pointer; font-weight: 600; color: var(--zq-text); padding: 4px 8px; "
        "border: 2px solid var(--zq-border); border-radius: 6px; width: fit-content; }",
        f"{w} details p, {w} details li {{ color: var(--zq-text); }}",
    ]
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def _written_html(div_id: str, written: Sequence[Mapping[str, Any]]) -> str:
    """The written items as plain HTML: no script needed, so they work everywhere.

    Each has a real ``<label>`` for its ``<textarea>`` and a ``<details>`` whose
    ``<summary>`` ("Show model answer") opens with Enter or Space. Texts are escaped.
    """
    if not written:
        return ""
    esc = html_lib.escape
    parts = [f'<div id="{div_id}-written" class="zq-written-items">']
    for n, q in enumerate(written, start=1):
        base = f"{div_id}-w{n}"
        rubric = ""
        if q.get("rubric"):
            items = "".join(f"<li>{esc(point)}</li>" for point in q["rubric"])
            rubric = f"<p>A good answer:</p><ul>{items}</ul>"
        parts.append(
            f'<div class="zq-written" id="{base}" data-question-id="{esc(q["id"])}">'
            f'<div class="zq-written-q" id="{base}-q">'
            f'<p class="zq-kind">Short written answer: write it, then compare it with the model answer.</p>'
            f'<p>{esc(q["question"])}</p></div>'
            f'<label for="{base}-a">Your answer (it stays on this page; nothing is saved or marked)</label>'
            f'<textarea id="{base}-a" rows="5" aria-describedby="{base}-q"></textarea>'
            f'<details><summary>Show model answer</summary>'
            f'<p><strong>Model answer:</strong> {esc(q["model_answer"])}</p>{rubric}</details>'
            f"</div>"
        )
    parts.append("</div>")
    return "".join(parts)


#: Keyword arguments of ``jupyterquiz.display_quiz`` that :func:`render_quiz` passes on.
_DISPLAY_KWARGS = ("num", "shuffle_questions", "shuffle_answers", "preserve_responses",
                   "border_radius", "question_alignment", "max_width", "colors")


def render_quiz(
    name_or_bank: str | Path | Mapping[str, Any],
    ids: Iterable[str] | None = None,
    *,
    key: str | None = None,
    **display_kwargs: Any,
) -> tuple[str, str]:
    """Render a bank and return its ``(html, javascript)``, byte-stable.

    Choice and numeric questions are rendered by jupyterquiz; ``written`` items by this
    module, as plain HTML below them (a labelled text box and a "Show model answer"
    disclosure that needs no script). jupyterquiz's ``display_quiz`` names its
    container with 12 letters drawn from Python's :mod:`random`: here the generator is
    seeded from the bank's name, the chosen question ids and ``key``, and the caller's
    random state is restored afterwards, so the same call always gives the same bytes
    (nbval can compare them). The questions are embedded in the script as JSON that
    cannot end it (:func:`_script_json`): nothing is fetched at run time.

    Args:
        name_or_bank: a bank name, a path, or an already loaded bank.
        ids: only these questions (default: all); jupyterquiz's in this order, then
            the written ones.
        key: extra text for the seed; use it to show the same questions twice on
            one page (each display needs its own container id).
        **display_kwargs: passed to ``jupyterquiz.display_quiz`` (e.g.
            ``shuffle_answers=False``); ``colors`` is merged over :data:`COLORS`.

    Raises:
        QuizBankError: a bad bank, ids or argument, with a sentence.

    Example:
        >>> from zhao_course.quiz_schema import example_bank
        >>> html, js = render_quiz(example_bank(), ids=["demo-numeric"])
        >>> html.startswith('<div id="') and "demo-numeric" not in js
        True
        >>> render_quiz(example_bank()) == render_quiz(example_bank())
        True
    """
    return _render(_as_bank(name_or_bank), ids, key, display_kwargs)


def _render(
    bank: Mapping[str, Any], ids: Iterable[str] | None, key: str | None,
    display_kwargs: dict[str, Any],
) -> tuple[str, str]:
    """:func:`render_quiz` for a bank that has been checked already."""
    display_kwargs = dict(display_kwargs)
    questions = _select(bank, ids)
    if key is not None and not isinstance(key, str):
        raise QuizBankError(f"key must be a string (or left out), not {_describe_value(key)}.")
    unknown = sorted(set(display_kwargs) - set(_DISPLAY_KWARGS))
    if unknown:
        raise QuizBankError(
            f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}. "
            f"A quiz takes: ids, key, {', '.join(_DISPLAY_KWARGS)}.")
    ordered = _display_order(questions)
    payload = [{k: q[k] for k in JUPYTERQUIZ_KEYS if k in q}
               for q in ordered if q["type"] != "written"]
    written = [q for q in ordered if q["type"] == "written"]
    colors = dict(COLORS)
    user_colors = display_kwargs.pop("colors", None)
    if user_colors is not None:
        if not (isinstance(user_colors, Mapping)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in user_colors.items())):
            raise QuizBankError("colors must map CSS variable names to colours, e.g. "
                                "{'--jq-correct-color': '#0072B2'}.")
        colors.update(user_colors)
    kwargs: dict[str, Any] = {"colors": colors, **display_kwargs}
    seed = "zhao_course.quiz:{}:{}:{}".format(
        bank["chapter"], ",".join(q["id"] for q in questions), key or ""
    )

    module = importlib.import_module("jupyterquiz.dynamic.display")
    captured: list[Any] = []

    def collect(*objs: Any, **_: Any) -> None:
        captured.extend(objs)

    state = random.getstate()
    original_display = module.display
    module.display = collect
    try:
        random.seed(seed)
        module.display_quiz(payload, **kwargs)
    except (AssertionError, TypeError, ValueError) as exc:
        raise QuizBankError(f"jupyterquiz refused the options {sorted(display_kwargs)}: "
                            f"{exc or 'an option has a wrong value'}. Check their values.") from None
    finally:
        module.display = original_display
        random.setstate(state)

    if len(captured) != 2:
        raise RuntimeError(
            "jupyterquiz.display_quiz produced an unexpected output "
            f"({len(captured)} objects); this module expects jupyterquiz 2.9.x."
        )
    jq_html, javascript = (obj.data for obj in captured)
    div_id = re.match(r'<div id="([A-Za-z]+)"', jq_html).group(1)
    dark = {**colors, **DARK_COLORS}
    dark = {k: dark[k] for k in DARK_COLORS}
    html = (jq_html + "</div>" + _written_html(div_id, written)
            + _course_styles(div_id, colors, dark))
    script = _offline_script(javascript, div_id, payload)
    if re.search(r"</script|<!--", script, flags=re.I):
        raise RuntimeError("the quiz script would end its <script> element; not emitting it.")
    return html, script


def quiz_text(
    name_or_bank: str | Path | Mapping[str, Any], ids: Iterable[str] | None = None
) -> str:
    """The quiz as plain text, questions and options without the answers.

    :func:`show_quiz` uses it as the ``text/plain`` form of the quiz, which is what a
    PDF or a viewer without JavaScript shows instead of the interactive quiz. The order
    is the page's: jupyterquiz's questions, then the written items.

    Example:
        >>> from zhao_course.quiz_schema import example_bank
        >>> print(quiz_text(example_bank(), ids=["demo-written", "demo-numeric"]))
        Quiz: A small example bank (interactive in JupyterLab and on the course website)
        1. Russia's area in millions of km², to one decimal place?
        2. In two or three sentences: what is the difference between delimiting and demarcating a border? (a short written answer)
    """
    return _text(_as_bank(name_or_bank), ids)


def _text(bank: Mapping[str, Any], ids: Iterable[str] | None) -> str:
    """:func:`quiz_text` for a bank that has been checked already."""
    lines = [f"Quiz: {bank['title']} (interactive in JupyterLab and on the course website)"]
    for number, q in enumerate(_display_order(_select(bank, ids)), start=1):
        text = " ".join(q["question"].split())
        if q["type"] == "written":
            text += " (a short written answer)"
        lines.append(f"{number}. {text}")
        if q["type"] in ("multiple_choice", "many_choice"):
            for letter, ans in zip("abcdefghijklmnopqrstuvwxyz", q["answers"]):
                lines.append(f"   {letter}) {' '.join(str(ans.get('answer', '')).split())}")
    return "\n".join(lines)


def show_quiz(
    name_or_bank: str | Path | Mapping[str, Any],
    ids: Iterable[str] | None = None,
    *,
    key: str | None = None,
    **display_kwargs: Any,
) -> None:
    """Show a quiz bank in the notebook (JupyterLab and the static Jupyter Book site).

    Displays two outputs, as jupyterquiz does: the quiz container with its styles and
    the written items (``text/html``, with :func:`quiz_text` as its ``text/plain`` form
    for PDFs) and the script that builds the questions (``application/javascript``).
    Output bytes are the same on every run; see :func:`render_quiz` for the arguments.
    Any problem (unknown bank, bad ids, a bank that fails validation) shows as one
    sentence, not a traceback.

    Example (in a notebook cell tagged ``remove-input``)::

        from zhao_course.quiz import show_quiz
        show_quiz("border_disputes")                                # the whole bank
        show_quiz("border_disputes", ids=["border-russia-area"])    # one question
    """
    from IPython.display import display

    bank = _as_bank(name_or_bank)  # checked once, not again for each form
    html, javascript = _render(bank, ids, key, display_kwargs)
    display({"text/html": html, "text/plain": _text(bank, ids)}, raw=True)
    display({"application/javascript": javascript, "text/plain": ""}, raw=True)


if __name__ == "__main__":  # pragma: no cover
    # ``python -m zhao_course.quiz ...``: the command line lives in zhao_course.quiz_cli,
    # which imports this module (as zhao_course.quiz) and zhao_course.quiz_gift.
    import sys

    from zhao_course.quiz_cli import main

    sys.exit(main())
