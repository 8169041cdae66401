"""The quiz bank format as a JSON Schema, and its errors as sentences.

The format of a bank is written down once, in
``exercises/quizzes/schema/quiz-bank.schema.json`` (JSON Schema, draft 2020-12). An
editor that knows JSON Schema (VS Code, PyCharm, ...) checks a bank while it is typed
when the bank starts with::

    "$schema": "./schema/quiz-bank.schema.json",

The schema sits in a folder of its own so that nothing that globs
``exercises/quizzes/*.json`` for banks takes it for one.

:func:`schema_problem` runs the schema with :mod:`jsonschema` and turns the first
error into a :class:`SchemaProblem`: the question (1-based number), the field as a
learner would name it (``answers[2].feedback``, answers counted from 1), what is wrong
and how to fix it (the schema's ``errorMessage``, which editors show too).
:mod:`zhao_course.quiz` makes the sentence and adds the checks a schema cannot express.

Example:
    >>> bank = example_bank()
    >>> schema_problem(bank) is None
    True
    >>> bank["questions"][0]["answers"][1].pop("feedback")
    'Right: ...'
    >>> problem = schema_problem(bank)
    >>> problem.question, problem.field, problem.problem
    (1, 'answers[2].feedback', 'missing')
    >>> problem.fix
    'Write a sentence that says why this option is right or wrong.'
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from zhao_course.paths import QUIZ_DIR

__all__ = [
    "SCHEMA_PATH",
    "SCHEMA_REF",
    "SchemaProblem",
    "load_schema",
    "schema_problem",
    "example_bank",
]

_IN_REPO = Path("exercises") / "quizzes" / "schema" / "quiz-bank.schema.json"
_BESIDE_PACKAGE = Path(__file__).resolve().parent.parent / _IN_REPO

#: The schema file (in a folder of its own: ``list_banks()`` globs ``*.json`` beside it).
#: The format belongs to this package's code, so it is read from the package's own
#: clone (even when ``ZHAO_COURSE_ROOT`` points at another copy of the course).
SCHEMA_PATH: Path = _BESIDE_PACKAGE if _BESIDE_PACKAGE.is_file() else QUIZ_DIR / "schema" / "quiz-bank.schema.json"

#: What a bank in ``exercises/quizzes/`` writes as its ``"$schema"`` (relative to the bank).
SCHEMA_REF: str = "./schema/quiz-bank.schema.json"


@dataclass(frozen=True)
class SchemaProblem:
    """The first schema error of a bank, in the words a course author uses.

    Attributes:
        question: 1-based question number, ``None`` for a bank-level field.
        question_id: the question's ``id`` if it has a usable one.
        field: e.g. ``"answers[2].feedback"`` or ``"title"`` or ``"(top level)"``.
        problem: what is wrong, without a final full stop.
        fix: how to fix it, one sentence ending with a full stop.
    """

    question: int | None
    question_id: str | None
    field: str
    problem: str
    fix: str


@lru_cache(maxsize=None)
def _schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The schema as a dict (a fresh copy each call).

    Example:
        >>> load_schema()["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
    """
    return json.loads(_schema_text())


@lru_cache(maxsize=None)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _resolve(root: Mapping[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (``#/$defs/name``) once."""
    if isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref.startswith("#/"):
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part]
            return target
    return node


def _fix_along(root: Mapping[str, Any], schema_path: Iterable[Any]) -> str | None:
    """The ``errorMessage`` that applies to an error, walking its schema path.

    The deepest message wins, except that a message written beside a ``$ref`` or an
    ``allOf`` (the property's own message) wins over the shared definition's one.
    """
    node: Any = root
    message: str | None = None
    frozen = False
    for step in schema_path:
        if isinstance(node, Mapping) and not frozen and isinstance(node.get("errorMessage"), str):
            message = node["errorMessage"]
        if isinstance(node, Mapping) and step not in node and "$ref" in node:
            if isinstance(node.get("errorMessage"), str):
                frozen = True
            node = _resolve(root, node)
        if isinstance(node, Mapping) and step == "allOf" and isinstance(node.get("errorMessage"), str):
            frozen = True
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    node = _resolve(root, node)
    if isinstance(node, Mapping) and not frozen and isinstance(node.get("errorMessage"), str):
        message = node["errorMessage"]
    return message


def _property_fix(root: Mapping[str, Any], key: str, near: Any) -> str | None:
    """The message of property ``key``: from the schema at hand, else anywhere in the schema."""
    if isinstance(near, Mapping):
        sub = near.get("properties", {}).get(key)
        if isinstance(sub, Mapping) and isinstance(sub.get("errorMessage"), str):
            return sub["errorMessage"]
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            props = node.get("properties")
            if isinstance(props, Mapping):
                sub = props.get(key)
                if isinstance(sub, Mapping) and isinstance(sub.get("errorMessage"), str):
                    found.append(sub["errorMessage"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(root)
    return found[0] if found else None


def _field(path: Iterable[Any]) -> str:
    """``['answers', 1, 'feedback']`` -> ``'answers[2].feedback'`` (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


def _show(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_KINDS = {"string": "a text", "boolean": "true or false", "number": "a number",
          "integer": "a whole number", "array": "a list", "object": "a JSON object"}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    return "a JSON object"


def _describe(error: Any, instance_root: Any) -> tuple[list[Any], str, int]:
    """(path of the field at fault, problem, priority) for one jsonschema error."""
    path = list(error.absolute_path)
    kind = error.validator
    value = error.instance
    schema = error.schema
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(value, Mapping) and k not in value]
        return path + [missing[0] if missing else "?"], "missing", 0
    if kind is None or schema is False:  # a key this kind of question does not use
        return path, "not used here", 1
    if kind == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed) if isinstance(value, Mapping) else []
        return path + [extra[0] if extra else "?"], "is not a key the quiz format knows", 1
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        return path, f"is {_kind_of(value)} ({_show(value)}), not {_KINDS.get(expected, expected)}", 2
    if kind == "pattern":
        if error.validator_value == "\\S":
            return path, "is empty", 3
        return path, f"{_show(value)} is not in the expected form", 3
    if kind == "not":
        return path, "contains a bare '$', which jupyterquiz reads as the start of LaTeX math", 3
    if kind in ("enum", "const"):
        if path and path[-1] == "type" and len(path) == 3:
            return path, f"unknown question type {_show(value)}", 3
        return path, f"{_show(value)} is not one of the allowed values", 3
    if kind in ("contains", "minContains", "maxContains"):
        n = sum(1 for item in value if isinstance(item, Mapping) and item.get("correct") is True)
        low, high = schema.get("minContains", 1), schema.get("maxContains")
        need = "exactly one" if (low, high) == (1, 1) else f"at least {low}"
        question = _at(instance_root, path[:-1])
        qtype = question.get("type") if isinstance(question, Mapping) else None
        return path, f"a {qtype} question needs {need} correct answer, found {n}", 3
    if kind == "minItems":
        if isinstance(value, list) and not value:
            return path, "is an empty list", 3
        return path, f"has {len(value)} item(s), fewer than {error.validator_value}", 3
    if kind == "maxItems":
        return path, f"has {len(value)} items, more than {error.validator_value}", 3
    if kind == "minimum":
        return path, f"{_show(value)} is less than {error.validator_value}", 3
    if kind == "uniqueItems":
        return path, "lists the same item twice", 3
    return path, error.message, 4


def _at(instance: Any, path: Iterable[Any]) -> Any:
    for part in path:
        try:
            instance = instance[part]
        except (KeyError, IndexError, TypeError):
            return None
    return instance


def _false_key(root: Mapping[str, Any], error: Any, instance_root: Any) -> str | None:
    """For a ``false`` subschema error: the key of the parent object that it forbids."""
    node: Any = root
    for step in error.absolute_schema_path:
        if isinstance(node, Mapping) and step not in node and "$ref" in node:
            node = _resolve(root, node)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    parent = _at(instance_root, error.absolute_path)
    if isinstance(node, Mapping) and isinstance(parent, Mapping):
        for key, sub in node.items():
            if sub is False and key in parent:
                return key
    return None


def schema_problem(bank: Any) -> SchemaProblem | None:
    """The first error the schema finds in ``bank`` (in document order), or ``None``.

    Errors are ordered by question, then missing keys before unknown ones before wrong
    types before other problems, so one bank always gives the same first message.

    Example:
        >>> bank = example_bank()
        >>> bank["questions"][1]["type"] = "essay"
        >>> p = schema_problem(bank)
        >>> (p.question, p.question_id, p.field, p.problem)
        (2, 'demo-numeric', 'type', 'unknown question type "essay"')
    """
    validator = _validator()
    root = validator.schema
    found = []
    for error in validator.iter_errors(bank):
        path, problem, priority = _describe(error, bank)
        if problem == "not used here":
            key = _false_key(root, error, bank)
            if key is not None:
                path = path + [key]
            question = _at(bank, path[:2]) if path[:1] == ["questions"] else None
            qtype = question.get("type") if isinstance(question, Mapping) else None
            problem = f"a {qtype} question does not use this key" if qtype else "is not used here"
            fix = "Remove it."
        elif error.validator == "required":
            fix = _property_fix(root, str(path[-1]), error.schema)
        elif error.validator == "additionalProperties":
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            fix = f"Check its spelling or remove it; the keys allowed here are: {allowed}."
        else:
            fix = _fix_along(root, error.absolute_schema_path)
        qnum = path[1] + 1 if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int) else None
        answer = path[3] if len(path) >= 4 and isinstance(path[3], int) else -1
        found.append(((qnum or 0, priority, answer, _field(path)), path, qnum, problem, fix))
    if not found:
        return None
    (_, path, qnum, problem, fix) = min(found, key=lambda item: item[0])
    if qnum is not None:
        field_path = path[2:]
        question = bank["questions"][qnum - 1]
        qid = question.get("id") if isinstance(question, Mapping) else None
        qid = qid if isinstance(qid, str) and qid.strip() else None
    else:
        field_path, qid = path, None
    fix = fix or "See exercises/quizzes/schema/quiz-bank.schema.json for the format."
    return SchemaProblem(qnum, qid, _field(field_path), problem, fix)


_EXAMPLE: dict[str, Any] = {
    "$schema": SCHEMA_REF,
    "chapter": "border_disputes",
    "title": "A small example bank",
    "questions": [
        {
            "id": "demo-choice",
            "type": "multiple_choice",
            "section": "Border Disputes No Longer Obstacles",
            "source": "article, section 'Border Disputes No Longer Obstacles'",
            "source_ids": ["zhao2015"],
            "learning_objective": "Say what the article treats as the foundation of the relations.",
            "question": "What does Zhao treat as the foundation of the relations?",
            "answers": [
                {"answer": "Trade", "correct": False, "feedback": "No: ..."},
                {"answer": "The settled border", "correct": True, "feedback": "Right: ..."},
                {"answer": "The Eurasian Economic Union", "correct": False, "feedback": "No: ..."},
            ],
        },
        {
            "id": "demo-numeric",
            "type": "numeric",
            "section": "Border Disputes No Longer Obstacles",
            "source": "CIA World Factbook",
            "learning_objective": "Correct a garbled figure.",
            "question": "Russia's area in millions of km², to one decimal place?",
            "answers": [
                {"type": "range", "range": [17.0, 17.2], "correct": True, "feedback": "Right: ..."},
                {"type": "default", "feedback": "No: about 17.1 million km²."},
            ],
        },
        {
            "id": "demo-written",
            "type": "written",
            "section": "Border Disputes No Longer Obstacles",
            "source": "article, section 'Border Disputes No Longer Obstacles'",
            "learning_objective": "Explain the difference between delimitation and demarcation.",
            "question": "In two or three sentences: what is the difference between delimiting and demarcating a border?",
            "model_answer": "Delimitation fixes the line in a treaty; demarcation marks it on the ground.",
            "rubric": ["names the treaty line", "names the marking on the ground"],
        },
    ],
}


def example_bank() -> dict[str, Any]:
    """A small valid bank (one question of each main type), a fresh copy each call.

    Used in examples and tests; its chapter is ``border_disputes`` so that it can be
    written to a file of that name.

    Example:
        >>> [q["type"] for q in example_bank()["questions"]]
        ['multiple_choice', 'numeric', 'written']
    """
    return copy.deepcopy(_EXAMPLE)
