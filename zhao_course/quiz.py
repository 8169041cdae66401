"""Quiz banks: load and check them, show them in a notebook (export: :mod:`zhao_course.quiz_gift`).

Each chapter has one quiz bank, ``exercises/quizzes/<chapter>.json``::

    {"chapter": "border_disputes", "title": "...", "questions": [...]}

Every question is a `jupyterquiz <https://github.com/jmshea/jupyterquiz>`_ question
(``type``, ``question``, ``answers``, and ``precision`` for numeric questions) plus
keys that jupyterquiz ignores and this module requires: ``id`` (a stable slug),
``section`` (the article's section), ``source`` (where the answer comes from) and
``learning_objective``. Two optional lists tie a question to the data:
``source_ids`` (rows of ``data/sources.csv``) and ``data_refs`` (``"table:row_id"``).

Example:
    >>> from zhao_course.quiz import load_bank
    >>> bank = load_bank("border_disputes")
    >>> bank["chapter"]
    'border_disputes'
    >>> all(q["section"] and q["source"] for q in bank["questions"])
    True

In a chapter notebook, in a cell tagged ``remove-input``::

    from zhao_course.quiz import show_quiz
    show_quiz("border_disputes")

From a shell (exit code 2 and a one-line message on bad input)::

    python -m zhao_course.quiz validate
    python -m zhao_course.quiz gift border_disputes border_disputes.gift
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
import random
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from zhao_course.paths import QUIZ_DIR, ROOT

__all__ = [
    "QuizBankError",
    "QUESTION_TYPES",
    "SECTIONS",
    "list_banks",
    "load_bank",
    "validate_bank",
    "render_quiz",
    "show_quiz",
    "quiz_text",
    "main",
]

#: Question types a bank may use (jupyterquiz's ``string`` type is not supported yet:
#: GIFT has no catch-all feedback for short answers).
QUESTION_TYPES: tuple[str, ...] = ("multiple_choice", "many_choice", "numeric")

#: Values allowed in a question's ``section``: the article's sections (short and full
#: titles) and the course's own epilogue and source-criticism lesson.
SECTIONS: tuple[str, ...] = (
    "Introduction",
    "Border Disputes No Longer Obstacles",
    "Russia Turns to the East",
    "Opening-up of Far East and Siberia",
    "Opening-up of Far East and Siberia: How and For What?",
    "China is an Enthusiastic and Indispensable Partner",
    "Difficulties and Problems Remain",
    "SREB and EAEU in Central Asia",
    "Silk Road Economic Belt and Eurasian Economic Union: "
    "A New Topic for China and Russia to Cooperate in Central Asia",
    "Conclusion",
    "What happened next",
    "Spot the error",
)

#: Keys of a question that are passed to jupyterquiz; the course's own keys are not.
JUPYTERQUIZ_KEYS: tuple[str, ...] = (
    "type", "question", "code", "answers", "precision", "answer_cols", "input_width",
)

#: Colour-blind-safe feedback colours (Okabe-Ito blue and a darkened vermillion), both
#: above 4.5:1 contrast on white, in place of jupyterquiz's red and green.
COLORS: dict[str, str] = {
    "--jq-correct-color": "#0072B2",
    "--jq-incorrect-color": "#B34700",
}

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
_NUMERIC_KINDS = ("value", "range", "default")


class QuizBankError(ValueError):
    """A quiz bank that cannot be used, with a sentence saying where and why.

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
        quiz bank 'demo', field 'questions': the bank has no questions. Add at least one question.
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


# --------------------------------------------------------------------------- loading


def list_banks() -> list[str]:
    """Names of the quiz banks in ``exercises/quizzes``, sorted.

    Example:
        >>> "border_disputes" in list_banks()
        True
    """
    return sorted(p.stem for p in QUIZ_DIR.glob("*.json"))


def _bank_path(name_or_path: str | Path) -> Path:
    """Turn a bank name (``"border_disputes"``) or a path into a path."""
    if isinstance(name_or_path, Path):
        return name_or_path
    text = str(name_or_path)
    if text.endswith(".json") or "/" in text or "\\" in text:
        return Path(text)
    return QUIZ_DIR / f"{text}.json"


def _label(path: Path) -> str:
    """A path as a learner would recognise it: relative to the course root if inside."""
    try:
        return path.resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_bank(name_or_path: str | Path, *, validate: bool = True) -> dict[str, Any]:
    """Read a quiz bank by name (from ``exercises/quizzes``) or path, and check it.

    Args:
        name_or_path: a bank name such as ``"border_disputes"``, or a path to a
            ``.json`` file.
        validate: run :func:`validate_bank` (default) and raise on the first problem.

    Raises:
        QuizBankError: the file is missing, is not valid JSON, or fails validation.
            The message names the file (and the question and field, if any).

    Example:
        >>> bank = load_bank("border_disputes")
        >>> len(bank["questions"]) >= 8
        True
        >>> try:
        ...     load_bank("no_such_chapter")
        ... except QuizBankError as err:
        ...     print(str(err).split(" Available")[0])
        exercises/quizzes/no_such_chapter.json: no such quiz bank.
    """
    path = _bank_path(name_or_path)
    label = _label(path)
    if not path.is_file():
        available = ", ".join(list_banks()) or "none"
        raise QuizBankError(
            f"{label}: no such quiz bank. Available banks: {available}.", source=label
        )
    try:
        bank = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise QuizBankError(
            f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "Check for a missing comma or quote near that spot.",
            source=label,
        ) from None
    if validate:
        validate_bank(bank, source=path)
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


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def validate_bank(bank: Mapping[str, Any], source: str | Path | None = None) -> None:
    """Check a quiz bank and raise :class:`QuizBankError` on the first problem.

    The message is one sentence naming the file, the question (number and id) and the
    field at fault, followed by how to fix it. Checked: the bank's ``chapter``,
    ``title`` and ``questions``; each question's ``id`` (a slug, unique), ``type``
    (one of :data:`QUESTION_TYPES`), non-empty ``question``, ``section`` (one of
    :data:`SECTIONS`), ``source`` and ``learning_objective``; every answer's
    ``feedback``; exactly one correct option in a ``multiple_choice`` question, at
    least one in a ``many_choice`` one; numeric answers with a ``value`` or a
    ``range``; and no bare ``$`` (jupyterquiz would read it as LaTeX).

    Args:
        bank: the parsed JSON object.
        source: the file it came from, used in messages (default: the bank's name).

    Example:
        >>> bank = load_bank("border_disputes")
        >>> validate_bank(bank)   # a valid bank: returns None
        >>> broken = {**bank, "questions": [dict(bank["questions"][0], type="essay")]}
        >>> try:
        ...     validate_bank(broken, source="demo.json")
        ... except QuizBankError as err:
        ...     print(err)
        demo.json, question 1 (id 'border-why-it-matters'), field 'type': unknown question type 'essay'. Use one of: multiple_choice, many_choice, numeric.
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
        check.fail("(top level)", "the bank is not a JSON object",
                   'Write it as {"chapter": ..., "title": ..., "questions": [...]}.')
    chapter = bank.get("chapter")
    if not (isinstance(chapter, str) and _SLUG.match(chapter)):
        check.fail("chapter", f"missing or not a lower-case slug ({chapter!r})",
                   "Give the chapter's file name, e.g. \"border_disputes\".")
    if isinstance(source, Path) and source.suffix == ".json" and source.stem != chapter:
        check.fail("chapter", f"'{chapter}' does not match the file name '{source.name}'",
                   f"Rename the file to {chapter}.json or set \"chapter\": \"{source.stem}\".")
    if not _is_text(bank.get("title")):
        check.fail("title", "missing or empty", "Give the quiz a title.")
    questions = bank.get("questions")
    if not isinstance(questions, list) or not questions:
        check.fail("questions", "the bank has no questions", "Add at least one question.")

    seen: dict[str, int] = {}
    for number, question in enumerate(questions, start=1):
        _validate_question(check, number, question, seen)


def _validate_question(
    check: _Checker, number: int, q: Any, seen: dict[str, int]
) -> None:
    if not isinstance(q, Mapping):
        check.fail("(question)", "not a JSON object",
                   "Write each question as {\"id\": ..., \"type\": ..., ...}.", number=number)
    qid = q.get("id")
    if not (isinstance(qid, str) and _SLUG.match(qid)):
        check.fail("id", f"missing or not a slug ({qid!r})",
                   "Give a stable lower-case id such as \"border-russia-area\".", number=number)

    def fail(field: str, problem: str, fix: str) -> None:
        check.fail(field, problem, fix, number=number, qid=qid)

    if qid in seen:
        fail("id", f"duplicate id, already used by question {seen[qid]}",
             "Give every question its own id.")
    seen[qid] = number

    qtype = q.get("type")
    if qtype not in QUESTION_TYPES:
        fail("type", f"unknown question type {qtype!r}",
             f"Use one of: {', '.join(QUESTION_TYPES)}.")
    if not _is_text(q.get("question")):
        fail("question", "the question text is missing or empty",
             "Write the question the learner should answer.")
    section = q.get("section")
    if section not in SECTIONS:
        fail("section", f"{section!r} is not one of the article's sections",
             f"Use one of: {'; '.join(SECTIONS)}.")
    for key, fix in (
        ("source", "Say where the answer comes from, e.g. \"article, section X\" and the outside source."),
        ("learning_objective", "Say what the learner should be able to do after this question."),
    ):
        if not _is_text(q.get(key)):
            fail(key, "missing or empty", fix)
    for key in ("source_ids", "data_refs"):
        if key in q and not (
            isinstance(q[key], list) and all(_is_text(v) for v in q[key])
        ):
            fail(key, "must be a list of non-empty strings",
                 "List ids, e.g. [\"zhao2015\"] or [\"border_timeline:treaty_2001\"].")
    if "precision" in q and not (
        isinstance(q["precision"], int) and not isinstance(q["precision"], bool)
        and q["precision"] > 0
    ):
        fail("precision", f"must be a positive whole number ({q['precision']!r})",
             "Give the number of significant digits, e.g. 3, or leave it out.")

    answers = q.get("answers")
    if not isinstance(answers, list) or not answers:
        fail("answers", "no answers", "Add a list of answers, each with its feedback.")
    for i, ans in enumerate(answers, start=1):
        if not isinstance(ans, Mapping):
            fail(f"answers[{i}]", "not a JSON object", "Write each answer as {...}.")
        if not _is_text(ans.get("feedback")):
            fail(f"answers[{i}].feedback", f"option {i} has no feedback",
                 "Add a sentence that says why this option is right or wrong.")

    if qtype == "numeric":
        _validate_numeric(fail, answers)
    else:
        _validate_choices(fail, qtype, answers)

    texts = [("question", q.get("question"))]
    for i, ans in enumerate(answers, start=1):
        texts += [(f"answers[{i}].answer", ans.get("answer")),
                  (f"answers[{i}].feedback", ans.get("feedback"))]
    for field, text in texts:
        if isinstance(text, str) and _UNESCAPED_DOLLAR.search(text):
            fail(field, "contains a bare '$', which jupyterquiz reads as the start of LaTeX math",
                 "Write amounts as 'USD 90 bn' or '90 billion US dollars'.")


def _validate_choices(fail: Any, qtype: str, answers: Sequence[Mapping[str, Any]]) -> None:
    if len(answers) < 2:
        fail("answers", "a choice question needs at least two options", "Add options.")
    texts: dict[str, int] = {}
    n_correct = 0
    for i, ans in enumerate(answers, start=1):
        text = ans.get("answer")
        if not (_is_text(text) or _is_text(ans.get("code"))):
            fail(f"answers[{i}].answer", f"option {i} has no text",
                 "Give the option's wording in \"answer\".")
        if not isinstance(ans.get("correct"), bool):
            fail(f"answers[{i}].correct", f"option {i} is not marked true or false",
                 "Add \"correct\": true or \"correct\": false.")
        key = f"{text}|{ans.get('code')}"
        if key in texts:
            fail(f"answers[{i}].answer", f"option {i} repeats option {texts[key]}",
                 "Make every option different.")
        texts[key] = i
        n_correct += ans["correct"]
    if qtype == "multiple_choice" and n_correct != 1:
        problem = "no correct answer" if n_correct == 0 else f"{n_correct} correct answers"
        fail("answers", f"a multiple_choice question needs exactly one correct answer, found {problem}",
             "Mark exactly one option \"correct\": true, or use type \"many_choice\".")
    if qtype == "many_choice" and n_correct == 0:
        fail("answers", "a many_choice question has no correct answer",
             "Mark at least one option \"correct\": true.")


def _validate_numeric(fail: Any, answers: Sequence[Mapping[str, Any]]) -> None:
    n_correct = n_default = 0
    for i, ans in enumerate(answers, start=1):
        kind = ans.get("type")
        if kind not in _NUMERIC_KINDS:
            fail(f"answers[{i}].type", f"numeric answer {i} has type {kind!r}",
                 "Use \"value\", \"range\" or \"default\".")
        if kind == "default":
            n_default += 1
            if n_default > 1:
                fail(f"answers[{i}].type", "more than one default answer",
                     "Keep a single \"default\" answer.")
            continue
        if kind == "value" and not _is_number(ans.get("value")):
            fail(f"answers[{i}].value", f"numeric answer {i} has no number in \"value\"",
                 "Give the value as a number, e.g. \"value\": 17.1.")
        if kind == "range":
            rng = ans.get("range")
            if not (isinstance(rng, list) and len(rng) == 2 and all(map(_is_number, rng))
                    and rng[0] < rng[1]):
                fail(f"answers[{i}].range",
                     f"numeric answer {i} needs \"range\": [low, high] with low < high (got {rng!r})",
                     "Give two numbers; the low end is included, the high end is not.")
        if not isinstance(ans.get("correct"), bool):
            fail(f"answers[{i}].correct", f"numeric answer {i} is not marked true or false",
                 "Add \"correct\": true or \"correct\": false.")
        n_correct += ans["correct"]
    if n_correct == 0:
        fail("answers", "a numeric question has no correct value or range",
             "Mark one value or range \"correct\": true.")


# ------------------------------------------------------------------------- rendering


def _as_bank(name_or_bank: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(name_or_bank, Mapping):
        validate_bank(name_or_bank)
        return dict(name_or_bank)
    return load_bank(name_or_bank)


def _select(bank: Mapping[str, Any], ids: Iterable[str] | None) -> list[dict[str, Any]]:
    questions = list(bank["questions"])
    if ids is None:
        return questions
    if isinstance(ids, str):
        ids = [ids]
    by_id = {q["id"]: q for q in questions}
    chosen = []
    for qid in ids:
        if qid not in by_id:
            raise QuizBankError(
                f"quiz bank '{bank['chapter']}': no question with id '{qid}'. "
                f"Available ids: {', '.join(by_id)}.",
                source=bank["chapter"], question_id=qid, field="id",
            )
        chosen.append(by_id[qid])
    return chosen


#: jupyterquiz 2.9.6.4 falls back to loading MathJax 3 from cdn.jsdelivr.net when it
#: finds a MathJax without ``typeset`` (JupyterLab 4); it also reads
#: ``MathJax.version[0]`` even when ``window.MathJax`` is only a configuration object
#: (Sphinx pages whose MathJax has not loaded), which throws. The course works offline,
#: so both are neutralised in the emitted script. There is no jupyterquiz option for
#: this (``load_js=False`` drops the whole quiz script).
_MATHJAX_CDN_LOADER = re.compile(r"window\.MathJax = \{.*?\}\)\(\);", re.S)
_MATHJAX_VERSION_INDEX = re.compile(r"\b(version|v)\[0\]")
_MATHJAX_TYPESET_CALL = re.compile(r"MathJax\.typeset\((\[\w+\])\);")


def _offline_script(script: str) -> str:
    """Make jupyterquiz's script load nothing from the network and survive a half-loaded MathJax.

    Only jupyterquiz's own code is patched, never the embedded questions (which come
    first, as ``var questions<id>=[...];`` on one line).
    """
    marker = "\n\nif (typeof Question === 'undefined') {"
    cut = script.find(marker)
    if cut < 0:
        cut = 0
    questions, script = script[:cut], script[cut:]
    script = _MATHJAX_CDN_LOADER.sub(
        "console.log('zhao_course: MathJax 3 has no typeset(); not loading it from a CDN');",
        script,
    )
    script = _MATHJAX_VERSION_INDEX.sub(r"String(\1)[0]", script)
    script = _MATHJAX_TYPESET_CALL.sub(
        r"if (typeof MathJax.typeset === 'function') { MathJax.typeset(\1); }", script
    )
    return questions + script


def render_quiz(
    name_or_bank: str | Path | Mapping[str, Any],
    ids: Iterable[str] | None = None,
    *,
    key: str | None = None,
    **display_kwargs: Any,
) -> tuple[str, str]:
    """Render a bank with jupyterquiz and return its ``(html, javascript)``, byte-stable.

    jupyterquiz's ``display_quiz`` names its container with 12 letters drawn from
    Python's :mod:`random`. Here the generator is seeded from the bank's name, the
    chosen question ids and ``key``, and the caller's random state is restored
    afterwards, so the same call always gives the same bytes (nbval can compare them)
    and user code that relies on :mod:`random` is not disturbed. The questions are
    embedded in the script: nothing is fetched at run time.

    Args:
        name_or_bank: a bank name, a path, or an already loaded bank.
        ids: only these questions, in this order (default: all).
        key: extra text for the seed; use it to show the same questions twice on
            one page (each display needs its own container id).
        **display_kwargs: passed to ``jupyterquiz.display_quiz`` (e.g.
            ``shuffle_answers=False``); ``colors`` defaults to :data:`COLORS`.

    Example:
        >>> html, js = render_quiz("border_disputes", ids=["border-russia-area"])
        >>> html.startswith('<div id="') and "border-russia-area" not in js
        True
        >>> render_quiz("border_disputes") == render_quiz("border_disputes")
        True
    """
    bank = _as_bank(name_or_bank)
    questions = _select(bank, ids)
    payload = [{k: q[k] for k in JUPYTERQUIZ_KEYS if k in q} for q in questions]
    kwargs: dict[str, Any] = {"colors": dict(COLORS)}
    kwargs.update(display_kwargs)
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
    finally:
        module.display = original_display
        random.setstate(state)

    if len(captured) != 2:
        raise RuntimeError(
            "jupyterquiz.display_quiz produced an unexpected output "
            f"({len(captured)} objects); this module expects jupyterquiz 2.9.x."
        )
    html, javascript = (obj.data for obj in captured)
    return html, _offline_script(javascript)


def quiz_text(
    name_or_bank: str | Path | Mapping[str, Any], ids: Iterable[str] | None = None
) -> str:
    """The quiz as plain text, questions and options without the answers.

    :func:`show_quiz` uses it as the ``text/plain`` form of the quiz, which is what a
    PDF or a viewer without JavaScript shows instead of the interactive quiz.

    Example:
        >>> print(quiz_text("border_disputes", ids=["border-russia-area"]))
        Quiz: Border Disputes No Longer Obstacles: check your understanding (interactive in JupyterLab and on the course website)
        1. The article gives Russia's area as 1,707,000 'square meters'. Enter Russia's actual area in millions of square kilometres, to one decimal place, then press Enter.
    """
    bank = _as_bank(name_or_bank)
    lines = [f"Quiz: {bank['title']} (interactive in JupyterLab and on the course website)"]
    for number, q in enumerate(_select(bank, ids), start=1):
        lines.append(f"{number}. {' '.join(q['question'].split())}")
        if q["type"] != "numeric":
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

    Displays two outputs, as jupyterquiz does: the quiz container with its styles
    (``text/html``, with :func:`quiz_text` as its ``text/plain`` form for PDFs) and
    the script that builds the questions (``application/javascript``). Output bytes
    are the same on every run; see :func:`render_quiz` for the arguments.

    Example (in a notebook cell tagged ``remove-input``)::

        from zhao_course.quiz import show_quiz
        show_quiz("border_disputes")                                # the whole bank
        show_quiz("border_disputes", ids=["border-russia-area"])    # one question
    """
    from IPython.display import display

    bank = _as_bank(name_or_bank)
    html, javascript = render_quiz(bank, ids, key=key, **display_kwargs)
    display({"text/html": html, "text/plain": quiz_text(bank, ids)}, raw=True)
    display({"application/javascript": javascript, "text/plain": ""}, raw=True)


# ------------------------------------------------------------------------------ CLI


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m zhao_course.quiz {list,validate,gift} ...``.

    Returns 0 on success and 2 on bad input (unknown or invalid bank, unwritable
    output), with a one-line message on standard error.

    Example:
        >>> main(["validate", "border_disputes"])
        ok: border_disputes (12 questions)
        0
    """
    parser = argparse.ArgumentParser(
        prog="python -m zhao_course.quiz",
        description="Check the course's quiz banks and export them to Moodle (GIFT).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the quiz banks")
    p_val = sub.add_parser("validate", help="check quiz banks (all of them by default)")
    p_val.add_argument("banks", nargs="*", help="bank names or paths")
    p_gift = sub.add_parser("gift", help="export a bank to a GIFT file for Moodle")
    p_gift.add_argument("bank", help="bank name (e.g. border_disputes) or path")
    p_gift.add_argument("output", help="the .gift file to write")
    args = parser.parse_args(argv)

    try:
        if args.command == "list":
            for name in list_banks():
                print(name)
        elif args.command == "validate":
            names = args.banks or list_banks()
            if not names:
                raise QuizBankError(f"no quiz banks in {_label(QUIZ_DIR)}")
            for name in names:
                bank = load_bank(name)
                print(f"ok: {bank['chapter']} ({len(bank['questions'])} questions)")
        else:
            from zhao_course.quiz_gift import export_gift

            out = export_gift(args.bank, args.output)
            n = len(load_bank(args.bank)["questions"])
            print(f"wrote {n} questions to {out}")
    except QuizBankError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {getattr(exc, 'filename', '') or getattr(args, 'output', '')}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    # run the imported module's main, so that this file and zhao_course.quiz_gift share
    # one zhao_course.quiz module (and one QuizBankError class)
    from zhao_course.quiz import main as _main

    sys.exit(_main())
