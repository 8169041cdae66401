"""Tests for the quiz banks and zhao_course.quiz (loading, validation, rendering, GIFT).

Run with ``python -m pytest tests/test_quiz.py -q`` from the course root.
"""
from __future__ import annotations

import copy
import csv
import html
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from zhao_course import quiz, quiz_cli
from zhao_course.paths import DATA_DIR, QUIZ_DIR, ROOT
from zhao_course.quiz import (
    QuizBankError,
    list_banks,
    load_bank,
    render_quiz,
    show_quiz,
    validate_bank,
)
from zhao_course.quiz_gift import export_gift, to_gift

BANKS = list_banks()
BORDER = "border_disputes"


def all_questions() -> list[tuple[str, dict[str, Any]]]:
    return [(name, q) for name in BANKS for q in load_bank(name)["questions"]]


def question_param_id(val: Any) -> str:
    return f"{val[0]}:{val[1]['id']}" if isinstance(val, tuple) else str(val)


QUESTIONS = all_questions()


def by_id(bank: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in bank["questions"] if q["id"] == qid)


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------ the banks themselves


def test_there_are_banks_and_the_border_bank_is_one() -> None:
    assert BORDER in BANKS


@pytest.mark.parametrize("name", BANKS)
def test_every_bank_validates(name: str) -> None:
    bank = load_bank(name)  # validates; raises QuizBankError on any problem
    validate_bank(bank, source=QUIZ_DIR / f"{name}.json")
    assert bank["chapter"] == name


@pytest.mark.parametrize("name", BANKS)
def test_bank_has_at_least_eight_questions(name: str) -> None:
    assert len(load_bank(name)["questions"]) >= 8


@pytest.mark.parametrize("name", BANKS)
def test_question_ids_are_unique(name: str) -> None:
    ids = [q["id"] for q in load_bank(name)["questions"]]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


@pytest.mark.parametrize("item", QUESTIONS, ids=question_param_id)
def test_every_option_has_explanatory_feedback(item: tuple[str, dict[str, Any]]) -> None:
    _, q = item
    if q["type"] == "written":  # no options: the model answer is the explanation
        assert len(q["model_answer"].split()) >= 12, q["model_answer"]
    for ans in q.get("answers", []):
        feedback = ans.get("feedback", "")
        assert isinstance(feedback, str) and feedback.strip(), ans
        # an explanation, not just a verdict
        assert len(feedback.split()) >= 6, f"feedback too short to explain: {feedback!r}"
        assert feedback.strip().rstrip(".!").lower() not in {"correct", "incorrect", "wrong", "right"}


@pytest.mark.parametrize("item", QUESTIONS, ids=question_param_id)
def test_multiple_choice_has_exactly_one_correct_answer(item: tuple[str, dict[str, Any]]) -> None:
    _, q = item
    if q["type"] == "multiple_choice":
        assert sum(a["correct"] is True for a in q["answers"]) == 1
    elif q["type"] == "many_choice":
        assert sum(a["correct"] is True for a in q["answers"]) >= 1
    elif q["type"] == "written":
        assert "answers" not in q and q["model_answer"].strip()
    else:
        assert any(a.get("correct") is True for a in q["answers"])


@pytest.mark.parametrize("item", QUESTIONS, ids=question_param_id)
def test_every_question_has_section_source_and_objective(item: tuple[str, dict[str, Any]]) -> None:
    _, q = item
    assert q["section"] in quiz.SECTIONS
    assert q["source"].strip()
    assert q["learning_objective"].strip()


@pytest.mark.parametrize("item", QUESTIONS, ids=question_param_id)
def test_sources_and_data_refs_point_at_existing_rows(item: tuple[str, dict[str, Any]]) -> None:
    _, q = item
    source_ids = {row["id"] for row in read_csv("sources")}
    for sid in q.get("source_ids", []):
        assert sid in source_ids, f"{q['id']}: source id {sid!r} not in data/sources.csv"
    for ref in q.get("data_refs", []):
        table, _, row_id = ref.partition(":")
        assert (DATA_DIR / f"{table}.csv").exists(), f"{q['id']}: no table data/{table}.csv"
        assert row_id in {row["id"] for row in read_csv(table)}, f"{q['id']}: no row {ref}"


# ------------------------------------------ the border bank agrees with the data tables


def test_border_bank_covers_the_section_and_what_happened_next() -> None:
    bank = load_bank(BORDER)
    sections = [q["section"] for q in bank["questions"]]
    assert sections.count("Border Disputes No Longer Obstacles") >= 10
    assert 1 <= sections.count("What happened next") <= 2
    assert {q["type"] for q in bank["questions"]} >= {"multiple_choice", "many_choice", "numeric"}


def test_supplementary_agreement_date_sets_article_beside_checked_value() -> None:
    row = next(r for r in read_csv("border_timeline") if r["id"] == "supplementary_2004")
    assert (row["date"], row["article_date"]) == ("2004-10-14", "June 2004")
    q = by_id(load_bank(BORDER), "border-supplementary-agreement-date")
    correct = [a for a in q["answers"] if a["correct"]]
    assert [a["answer"] for a in correct] == ["14 October 2004"]
    assert "June 2004" in q["question"]  # the article's date is shown, not silently fixed
    wrong_article = next(a for a in q["answers"] if a["answer"].startswith("June 2004"))
    assert wrong_article["correct"] is False and "14 October 2004" in wrong_article["feedback"]


def test_russia_area_range_contains_the_checked_value() -> None:
    claim = next(r for r in read_csv("article_claims") if r["id"] == "russia_area")
    checked_million_km2 = float(claim["checked_value"]) / 1e6
    q = by_id(load_bank(BORDER), "border-russia-area")
    (right,) = [a for a in q["answers"] if a.get("correct")]
    low, high = right["range"]
    assert low <= checked_million_km2 < high
    assert f"{int(claim['checked_value']):,}" in right["feedback"]
    assert "1,707,000" in q["question"]  # the article's figure stays in view


def test_population_feedback_matches_the_data() -> None:
    claims = {r["id"]: r for r in read_csv("article_claims")}
    q = by_id(load_bank(BORDER), "border-population-figures")
    text = json.dumps(q, ensure_ascii=False)
    assert f"{float(claims['russia_population']['checked_value']):.1f} million" in text
    assert f"{float(claims['china_population']['checked_value']):.3f} billion" in text


def test_heixiazi_handover_matches_the_timeline() -> None:
    rows = {r["id"]: r for r in read_csv("border_timeline")}
    assert rows["protocol_2008"]["date"] == "2008-07-21"
    assert rows["handover_2008"]["date"] == "2008-10-14"
    q = by_id(load_bank(BORDER), "next-heixiazi-handover-2008")
    (right,) = [a for a in q["answers"] if a["correct"]]
    assert "Yinlong" in right["answer"]  # the handover told with Yinlong/Tarabarov (issue 5, section 1)
    assert "21 July 2008" in right["feedback"] and "14 October 2008" in right["feedback"]


# --------------------------------------------------------------------- the validator


def _valid_bank() -> dict[str, Any]:
    """A synthetic bank (not the chapter's, which its author edits) that passes every rule.

    Question 1 is multiple_choice (MC), 2 numeric (NUM), 5 many_choice (MANY), as the
    BROKEN table below expects; the correct options sit in different positions and are
    not the longest.
    """
    return copy.deepcopy(SYNTHETIC)


def _q(bank: dict[str, Any], qid: str) -> dict[str, Any]:
    return by_id(bank, qid)


MC = "border-why-it-matters"          # question 1, multiple_choice
NUM = "border-russia-area"            # question 2, numeric
MANY = "border-negotiation-rounds"    # question 5, many_choice


def _mc(qid: str, correct: int, texts: list[str]) -> dict[str, Any]:
    return {
        "id": qid, "type": "multiple_choice",
        "section": "Border Disputes No Longer Obstacles",
        "source": "test: a synthetic question", "source_ids": ["zhao2015"],
        "learning_objective": "Pass the validator.",
        "question": f"Synthetic question {qid}?",
        "answers": [{"answer": t, "correct": i == correct,
                     "feedback": f"{'Right' if i == correct else 'No'}: option {i + 1} explained here."}
                    for i, t in enumerate(texts)],
    }


SYNTHETIC: dict[str, Any] = {
    "chapter": BORDER,
    "title": "Synthetic bank",
    "questions": [
        _mc(MC, 0, ["The key", "An option of some length", "Another option", "A fourth, long option"]),
        {
            "id": NUM, "type": "numeric", "section": "Border Disputes No Longer Obstacles",
            "source": "test", "learning_objective": "Pass the validator.",
            "data_refs": ["article_claims:russia_area"],
            "question": "Russia's area in millions of km²?", "precision": 3,
            "answers": [
                {"type": "range", "range": [17.0, 17.2], "correct": True, "feedback": "Right: about 17.1 million km²."},
                {"type": "range", "range": [1.7, 1.71], "correct": False, "feedback": "No: the article's garbled figure."},
                {"type": "default", "feedback": "No: Russia covers about 17.1 million km²."},
            ],
        },
        _mc("synthetic-three", 0, ["Key", "A longer wrong option", "Wrong"]),
        _mc("synthetic-four", 2, ["Wrong one here", "Wrong two", "Key", "Wrong three"]),
        {
            "id": MANY, "type": "many_choice", "section": "Border Disputes No Longer Obstacles",
            "source": "test", "learning_objective": "Pass the validator.",
            "question": "Which are right?",
            "answers": [
                {"answer": "A", "correct": True, "feedback": "Right: A is one of them."},
                {"answer": "B", "correct": True, "feedback": "Right: B is one of them."},
                {"answer": "C", "correct": False, "feedback": "No: C is not one of them."},
            ],
        },
        _mc("synthetic-six", 3, ["Wrong", "Also wrong", "Wrong again, longer", "The key"]),
        {
            "id": "synthetic-written", "type": "written", "section": "Border Disputes No Longer Obstacles",
            "source": "test", "learning_objective": "Write an explanation.",
            "question": "Explain delimitation and demarcation.",
            "model_answer": "Delimitation fixes the line in a treaty; demarcation marks it on the ground.",
            "rubric": ["treaty line", "marks on the ground"],
        },
    ],
}


def _mutate(fn: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    return fn


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], int, str, str]] = {
    # name: (mutation, question number, question id, field named in the message)
    "missing feedback": (lambda b: _q(b, MC)["answers"][1].pop("feedback"), 1, MC, "answers[2].feedback"),
    "empty feedback": (lambda b: _q(b, MC)["answers"][0].update(feedback="  "), 1, MC, "answers[1].feedback"),
    "no correct answer": (lambda b: _q(b, MC)["answers"][0].update(correct=False), 1, MC, "answers"),
    "two correct answers": (lambda b: _q(b, MC)["answers"][1].update(correct=True), 1, MC, "answers"),
    "correct not a boolean": (lambda b: _q(b, MC)["answers"][1].update(correct="false"), 1, MC, "answers[2].correct"),
    "duplicate option": (lambda b: _q(b, MC)["answers"][2].update(answer=_q(b, MC)["answers"][1]["answer"]), 1, MC, "answers[3].answer"),
    "unknown type": (lambda b: _q(b, MC).update(type="essay"), 1, MC, "type"),
    "empty question text": (lambda b: _q(b, MC).update(question=""), 1, MC, "question"),
    "missing question text": (lambda b: _q(b, MC).pop("question"), 1, MC, "question"),
    "missing section": (lambda b: _q(b, MC).pop("section"), 1, MC, "section"),
    "unknown section": (lambda b: _q(b, MC).update(section="Border Disputes"), 1, MC, "section"),
    "missing source": (lambda b: _q(b, MC).pop("source"), 1, MC, "source"),
    "empty learning objective": (lambda b: _q(b, MC).update(learning_objective=""), 1, MC, "learning_objective"),
    "bare dollar sign": (lambda b: _q(b, MC)["answers"][1].update(answer="Trade of $90 bn"), 1, MC, "answers[2].answer"),
    "no answers": (lambda b: _q(b, MC).update(answers=[]), 1, MC, "answers"),
    "numeric value missing": (lambda b: _q(b, NUM)["answers"][0].update(type="value", range=None), 2, NUM, "answers[1].value"),
    "numeric range reversed": (lambda b: _q(b, NUM)["answers"][0].update(range=[17.2, 17.0]), 2, NUM, "answers[1].range"),
    "numeric range missing": (lambda b: _q(b, NUM)["answers"][1].pop("range"), 2, NUM, "answers[2].range"),
    "numeric answer kind unknown": (lambda b: _q(b, NUM)["answers"][1].update(type="interval"), 2, NUM, "answers[2].type"),
    "numeric no correct": (lambda b: _q(b, NUM)["answers"][0].update(correct=False), 2, NUM, "answers"),
    "numeric bad precision": (lambda b: _q(b, NUM).update(precision=0), 2, NUM, "precision"),
    "many_choice no correct": (lambda b: [a.update(correct=False) for a in _q(b, MANY)["answers"]], 5, MANY, "answers"),
    "duplicate id": (lambda b: _q(b, NUM).update(id=MC), 2, MC, "id"),
}


@pytest.mark.parametrize("variant", sorted(BROKEN))
def test_validator_rejects_broken_bank_naming_file_question_and_field(
    variant: str, tmp_path: Path
) -> None:
    mutate, number, qid, field = BROKEN[variant]
    bank = _valid_bank()
    mutate(bank)
    path = tmp_path / f"{BORDER}.json"
    path.write_text(json.dumps(bank), encoding="utf-8")

    with pytest.raises(QuizBankError) as excinfo:
        load_bank(path)
    message = str(excinfo.value)
    assert str(path) in message
    assert f"question {number} (id '{qid}')" in message
    assert f"field '{field}'" in message
    assert message.endswith(".") and len(message.split(". ")) >= 2  # problem, then fix
    err = excinfo.value
    assert (err.question, err.question_id, err.field) == (number, qid, field)
    assert isinstance(err, ValueError)

    # the same bank, validated in memory, names the source it is given
    with pytest.raises(QuizBankError, match=re.escape(f"mine.json, question {number}")):
        validate_bank(bank, source="mine.json")


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda b: b.update(questions=[]), "questions"),
        (lambda b: b.pop("title"), "title"),
        (lambda b: b.update(chapter="Border Disputes"), "chapter"),
    ],
    ids=["no questions", "no title", "chapter not a slug"],
)
def test_validator_rejects_broken_bank_level_fields(
    mutate: Callable[[dict[str, Any]], None], field: str, tmp_path: Path
) -> None:
    bank = _valid_bank()
    mutate(bank)
    path = tmp_path / f"{BORDER}.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    with pytest.raises(QuizBankError, match=re.escape(f"{path}, field '{field}'")):
        load_bank(path)


def test_chapter_must_match_file_name(tmp_path: Path) -> None:
    path = tmp_path / "other_chapter.json"
    path.write_text(json.dumps(_valid_bank()), encoding="utf-8")
    with pytest.raises(QuizBankError, match="does not match the file name 'other_chapter.json'"):
        load_bank(path)


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "chapter": "broken",\n  "title": "x"\n  "questions": []\n}\n', encoding="utf-8")
    with pytest.raises(QuizBankError, match=r"broken\.json: not valid JSON \(line 4"):
        load_bank(path)


def test_unknown_bank_name_lists_available_banks() -> None:
    with pytest.raises(QuizBankError, match=r"no_such_bank\.json: no such quiz bank\. Available banks: .*border_disputes"):
        load_bank("no_such_bank")


def test_validate_without_source_names_the_bank() -> None:
    bank = _valid_bank()
    bank["questions"][0]["type"] = "essay"
    with pytest.raises(QuizBankError, match=r"^quiz bank 'border_disputes', question 1 \(id 'border-why-it-matters'\)"):
        validate_bank(bank)


# ----------------------------------------------------------------------- rendering


def _capture_show_quiz(monkeypatch: pytest.MonkeyPatch, *args: Any, **kwargs: Any) -> list[dict[str, str]]:
    import IPython.display

    shown: list[dict[str, str]] = []

    def fake_display(*objs: Any, raw: bool = False, **_: Any) -> None:
        assert raw, "show_quiz publishes raw mime bundles"
        shown.extend(objs)

    monkeypatch.setattr(IPython.display, "display", fake_display)
    show_quiz(*args, **kwargs)
    return shown


def test_show_quiz_is_byte_identical_and_keeps_random_state(monkeypatch: pytest.MonkeyPatch) -> None:
    random.seed(2024)
    state = random.getstate()
    first = _capture_show_quiz(monkeypatch, BORDER)
    assert random.getstate() == state  # the caller's random stream is untouched
    second = _capture_show_quiz(monkeypatch, BORDER)
    assert random.getstate() == state
    assert first == second
    assert [sorted(bundle) for bundle in first] == [
        ["text/html", "text/plain"], ["application/javascript", "text/plain"]]
    assert (first[0]["text/html"], first[1]["application/javascript"]) == render_quiz(BORDER)
    assert first[0]["text/plain"].startswith("Quiz: ") and "1,707,000" in first[0]["text/plain"]
    # the output does not depend on what the caller did with random before
    random.seed(99)
    random.random()
    assert _capture_show_quiz(monkeypatch, BORDER) == first


def test_render_is_stable_across_processes() -> None:
    code = (
        "import hashlib, random; random.seed(7); from zhao_course.quiz import render_quiz; "
        "h, j = render_quiz('border_disputes'); print(hashlib.sha256((h + j).encode()).hexdigest())"
    )
    digests = set()
    for hashseed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hashseed, PYTHONPATH=str(ROOT))
        out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_rendered_quiz_embeds_questions_and_loads_nothing_external() -> None:
    bank = load_bank(BORDER)
    html, js = render_quiz(BORDER)
    div_id = re.match(r'<div id="([A-Za-z]{12})"', html).group(1)
    assert f"var questions{div_id}=" in js  # questions embedded, no fetch
    payload = json.loads(js.split("=", 1)[1].split(";\n", 1)[0])
    assert [q["question"] for q in payload] == [
        q["question"] for q in bank["questions"] if q["type"] != "written"]
    assert all(set(q) <= set(quiz.JUPYTERQUIZ_KEYS) for q in payload)  # course keys stripped
    everything = html + js
    assert not re.search(r"https?://|//cdn|@import|url\(", everything)
    assert not re.search(r"\b(version|v)\[0\]", js)  # MathJax guards applied
    assert "fetch(" not in js and "<link" not in html
    assert quiz.COLORS["--jq-correct-color"] in html


def test_offline_patch_leaves_question_text_alone() -> None:
    bank = _valid_bank()
    bank["questions"][0]["question"] = "Is version[0] or v[0] of window.MathJax = {x} here?"
    _, js = render_quiz(bank, ids=[MC])
    payload = json.loads(js.split("=", 1)[1].split(";\n", 1)[0])
    assert payload[0]["question"] == bank["questions"][0]["question"]


def test_plain_text_form_lists_questions_without_answers() -> None:
    bank = load_bank(BORDER)
    text = quiz.quiz_text(BORDER)
    assert text.count("\n1. ") == 1 and f"\n{len(bank['questions'])}. " in text
    assert "feedback" not in text and "Right." not in text  # no answers or feedback leak
    assert "   a) " in text


def test_render_selects_questions_and_varies_container_id() -> None:
    html_all, _ = render_quiz(BORDER)
    html_one, js_one = render_quiz(BORDER, ids=[NUM])
    html_key, _ = render_quiz(BORDER, ids=[NUM], key="again")
    ids = {re.match(r'<div id="(\w+)"', h).group(1) for h in (html_all, html_one, html_key)}
    assert len(ids) == 3
    assert "1,707,000" in js_one and "foundation of Sino-Russian" not in js_one
    with pytest.raises(QuizBankError, match="no question with id 'nope'"):
        render_quiz(BORDER, ids=["nope"])


def test_show_quiz_in_a_kernel_gives_identical_outputs(monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    cells = [
        "import random\nrandom.seed(5)\nstate = random.getstate()",
        "from zhao_course.quiz import show_quiz\nshow_quiz('border_disputes')",
        "print(random.getstate() == state)",
    ]
    runs = []
    for _ in range(2):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT)}}).execute()
        runs.append([cell["outputs"] for cell in nb.cells])
    assert runs[0] == runs[1]
    quiz_outputs = runs[0][1]
    assert [sorted(o["data"]) for o in quiz_outputs] == [
        ["text/html", "text/plain"], ["application/javascript", "text/plain"]]
    assert runs[0][2][0]["text"] == "True\n"


# ---------------------------------------------------------------------------- GIFT


_PLACEHOLDERS = {"\\\\": "\x00BS", "\\:": "\x00CO", "\\#": "\x00HA", "\\=": "\x00EQ",
                 "\\{": "\x00LB", "\\}": "\x00RB", "\\~": "\x00TI", "\\n": "\x00NL"}
_RESTORE = {"\x00BS": "\\", "\x00CO": ":", "\x00HA": "#", "\x00EQ": "=", "\x00LB": "{",
            "\x00RB": "}", "\x00TI": "~", "\x00NL": "\n"}


def _unescape(text: str) -> str:
    for ph, ch in _RESTORE.items():
        text = text.replace(ph, ch)
    return text.strip()


def parse_gift(text: str) -> list[dict[str, Any]]:
    """A small GIFT reader following Moodle's qformat_gift: enough to round-trip."""
    questions = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if not ln.strip().startswith("//")]
        body = "\n".join(lines).strip()
        if not body or body.startswith("$CATEGORY:"):
            continue
        body = body.replace("\\\\", _PLACEHOLDERS["\\\\"])
        for esc, ph in _PLACEHOLDERS.items():
            body = body.replace(esc, ph)
        assert body.startswith("::")
        name, rest = body[2:].split("::", 1)
        start, end = rest.index("{"), rest.index("}")
        qtext, answers = rest[:start], rest[start + 1:end].strip()
        assert rest[end + 1:].strip() == ""
        answers, _, general = answers.rpartition("####") if "####" in answers else (answers, "", "")
        parsed: dict[str, Any] = {"name": _unescape(name), "general": _unescape(general)}
        assert qtext.startswith("[html]")
        parsed["text"] = _unescape(qtext[len("[html]"):])
        items = []
        if not answers.strip():
            parsed["kind"] = "essay"
        elif answers.startswith("#"):
            parsed["kind"] = "numeric"
            answers, _, default = answers[1:].partition("~")
            for part in [p.strip() for p in answers.split("=") if p.strip()]:
                spec, _, fb = part.partition("#")
                weight = 100.0
                m = re.match(r"^%(-?[\d.]+)%", spec)
                if m:
                    weight, spec = float(m.group(1)), spec[m.end():]
                items.append((weight, spec.strip(), _unescape(fb)))
            parsed["default"] = _unescape(default.partition("#")[2]) if default else None
        else:
            parsed["kind"] = "choice"
            for part in [p.strip() for p in answers.replace("=", "~=").split("~") if p.strip()]:
                if part.startswith("="):
                    weight, part = 100.0, part[1:]
                else:
                    m = re.match(r"^%(-?[\d.]+)%", part)
                    weight, part = (float(m.group(1)), part[m.end():]) if m else (0.0, part)
                ans, _, fb = part.partition("#")
                items.append((weight, _unescape(ans), _unescape(fb)))
        parsed["answers"] = items
        questions.append(parsed)
    return questions


def _special_bank() -> dict[str, Any]:
    bank = _valid_bank()
    bank["questions"] = [
        {
            "id": "specials",
            "section": "Border Disputes No Longer Obstacles",
            "source": "test: GIFT's reserved characters",
            "learning_objective": "none",
            "type": "multiple_choice",
            "question": "Is a={b} #1 ~ c: d \\ e?",
            "answers": [
                {"answer": "x=1 {y}", "correct": True, "feedback": "Yes: #right ~ {here}."},
                {"answer": "z~2 # \\", "correct": False, "feedback": "No = wrong\nsecond line."},
            ],
        }
    ]
    return bank


def test_gift_escapes_special_characters_exactly() -> None:
    gift = to_gift(_special_bank())
    expected_block = (
        "// [id:border_disputes.specials] [tag:zhao_course] [tag:border_disputes]\n"
        "// section: Border Disputes No Longer Obstacles\n"
        "// source: test: GIFT's reserved characters\n"
        "// learning objective: none\n"
        "::border_disputes 01 specials::[html]Is a\\=\\{b\\} \\#1 \\~ c\\: d \\\\ e?{\n"
        "\t=x\\=1 \\{y\\}#Yes\\: \\#right \\~ \\{here\\}.\n"
        "\t~z\\~2 \\# \\\\#No \\= wrong\\nsecond line.\n"
        "\t####Source\\: test\\: GIFT's reserved characters\n"
        "}\n"
    )
    assert gift.endswith("\n\n" + expected_block)
    (parsed,) = parse_gift(gift)
    original = _special_bank()["questions"][0]
    assert parsed["text"] == original["question"]
    assert [(w, a, f) for w, a, f in parsed["answers"]] == [
        (100.0, "x=1 {y}", "Yes: #right ~ {here}."),
        (0.0, "z~2 # \\", "No = wrong\nsecond line."),
    ]


@pytest.mark.parametrize("name", BANKS)
def test_gift_round_trips_questions_answers_and_feedback(name: str) -> None:
    bank = load_bank(name)
    parsed = parse_gift(to_gift(bank))
    assert len(parsed) == len(bank["questions"])
    for q, p in zip(bank["questions"], parsed):
        assert p["name"].endswith(q["id"])
        if q["type"] == "written":
            assert p["kind"] == "essay" and p["answers"] == []
            assert html.unescape(p["text"]) == q["question"]
            assert html.escape(q["model_answer"], quote=False) in p["general"]
            assert p["general"].endswith(f"<p>Source: {html.escape(q['source'], quote=False)}</p>")
            continue
        assert p["text"] == q["question"]
        assert p["general"] == "Source: " + q["source"]
        if q["type"] == "numeric":
            graded = [a for a in q["answers"] if a["type"] != "default"]
            assert [f for _, _, f in p["answers"]] == [a["feedback"] for a in graded]
            assert [w > 0 for w, _, _ in p["answers"]] == [a["correct"] for a in graded]
            default = [a["feedback"] for a in q["answers"] if a["type"] == "default"]
            assert p["default"] == (default[0] if default else None)
        else:
            assert [(a, f) for _, a, f in p["answers"]] == [
                (a["answer"], a["feedback"]) for a in q["answers"]]
            assert [w > 0 for w, _, _ in p["answers"]] == [a["correct"] for a in q["answers"]]
            if q["type"] == "many_choice":
                assert sum(w for w, _, _ in p["answers"] if w > 0) == pytest.approx(100, abs=1e-3)
                assert sum(w for w, _, _ in p["answers"] if w < 0) == pytest.approx(-100, abs=1e-3)


def test_gift_exports_a_numeric_question_exactly() -> None:
    gift = to_gift(load_bank(BORDER))
    block = next(b for b in gift.split("\n\n") if "[id:border_disputes.border-russia-area]" in b)
    lines = block.splitlines()
    assert lines[4] == (
        "::border_disputes 02 border-russia-area::[html]The article gives Russia's area as "
        "1,707,000 'square meters'. Enter Russia's actual area in millions of square kilometres, "
        "to one decimal place, then press Enter.{#"
    )
    assert [ln.split("#", 1)[0] for ln in lines[5:10]] == [
        "\t=17..17.2", "\t=%0%1.7..1.71", "\t=%0%6.5..6.7", "\t=%0%0..0.01", "\t~"]
    assert lines[-1] == "}"
    assert gift.count("$CATEGORY: $course$/top/zhao_course/border_disputes") == 1


def test_gift_many_choice_weights() -> None:
    gift = to_gift(load_bank(BORDER))
    block = next(b for b in gift.split("\n\n") if "[id:border_disputes.border-negotiation-rounds]" in b)
    weights = re.findall(r"^\t~%(-?[\d.]+)%", block, flags=re.M)
    assert sorted(weights) == sorted(["33.33333", "33.33333", "33.33333", "-50", "-50"])


def test_export_gift_writes_utf8_file(tmp_path: Path) -> None:
    out = export_gift(BORDER, tmp_path / "sub" / "border.gift")
    text = out.read_text(encoding="utf-8")
    assert text == to_gift(load_bank(BORDER))
    assert "km²" in text and "\r" not in text


# ----------------------------------------------------------------------------- CLI


def test_cli_gift_and_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.gift"
    assert quiz_cli.main(["gift", BORDER, str(out)]) == 0
    assert out.read_text(encoding="utf-8") == to_gift(load_bank(BORDER))
    assert f"wrote {len(load_bank(BORDER)['questions'])} questions" in capsys.readouterr().out
    assert quiz_cli.main(["validate"]) == 0
    assert f"ok: {BORDER}" in capsys.readouterr().out


def test_cli_bad_input_exits_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert quiz_cli.main(["gift", "no_such_bank", str(tmp_path / "x.gift")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such quiz bank" in err and "Traceback" not in err
    assert not (tmp_path / "x.gift").exists()

    broken = _valid_bank()
    broken["questions"][0]["answers"][0].pop("feedback")
    path = tmp_path / f"{BORDER}.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert quiz_cli.main(["validate", str(path)]) == 2
    assert "field 'answers[1].feedback'" in capsys.readouterr().err

    with pytest.raises(SystemExit) as excinfo:
        quiz_cli.main(["frobnicate"])
    assert excinfo.value.code == 2


def test_cli_runs_as_a_module(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    ok = subprocess.run([sys.executable, "-m", "zhao_course.quiz", "gift", BORDER, str(tmp_path / "o.gift")],
                        env=env, cwd=tmp_path, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "zhao_course.quiz", "gift", "nope", str(tmp_path / "n.gift")],
                         env=env, cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")


# ------------------------------------------------- the record of validated content

RECORD_FILE = "exercises/quizzes/schema/validated.json"


def test_the_record_of_validated_banks_is_up_to_date() -> None:
    """The record lets learners skip jsonschema; it must list the banks as they are."""
    stale = quiz.stale_banks()
    assert not stale, (
        f"{RECORD_FILE} is out of date for: {', '.join(stale)}. If the banks validate "
        f"(test_every_bank_validates), run `.venv/bin/{quiz.RECORD_COMMAND}` and commit {RECORD_FILE}.")


def test_rendering_a_recorded_bank_imports_no_jsonschema_and_reads_no_table() -> None:
    """The learner's path in a fresh process: no jsonschema, no pandas, no data layer."""
    code = (
        "import json, sys\n"
        "import IPython.display\n"
        "IPython.display.display = lambda *a, **k: None\n"
        "from zhao_course import quiz\n"
        "quiz.render_quiz('border_disputes')\n"
        "quiz.quiz_text('border_disputes')\n"
        "quiz.show_quiz('border_disputes')\n"
        "print(json.dumps({'modules': sorted(m for m in ('jsonschema', 'pandas', 'zhao_course.data',"
        " 'frictionless') if m in sys.modules), 'checks': sorted(set(quiz.last_check.values()))}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("ZHAO_COURSE_ROOT", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["checks"] == ["recorded"], (
        f"the bank was validated fully: is {RECORD_FILE} out of date? "
        f"Run `.venv/bin/{quiz.RECORD_COMMAND}` and commit it.")
    assert result["modules"] == []


def test_recorded_bank_loads_without_schema_or_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_: Any, **__: Any) -> Any:
        raise AssertionError("the fast path must not run the schema or read a table's rows")

    assert quiz.is_recorded(BORDER), "see test_the_record_of_validated_banks_is_up_to_date"
    monkeypatch.setattr(quiz, "schema_problem", forbidden)
    monkeypatch.setattr(quiz, "_table_ids", forbidden)
    html, _ = render_quiz(BORDER)
    assert html.startswith('<div id="')
    assert quiz.quiz_text(BORDER).startswith("Quiz: ")
    assert quiz.last_check[f"exercises/quizzes/{BORDER}.json"] == "recorded"
    with pytest.raises(AssertionError, match="fast path"):
        load_bank(BORDER, full=True)  # full=True always validates


def _count_schema_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    real = quiz.schema_problem

    def counting(bank: Any) -> Any:
        runs.append(1)
        return real(bank)

    monkeypatch.setattr(quiz, "schema_problem", counting)
    return runs


def test_an_edited_bank_is_validated_fully(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (QUIZ_DIR / f"{BORDER}.json").read_bytes()
    path = tmp_path / f"{BORDER}.json"
    runs = _count_schema_runs(monkeypatch)

    path.write_bytes(raw)  # the same content elsewhere is the same content
    load_bank(path)
    assert quiz.last_check[str(path)] == "recorded" and runs == []
    path.write_bytes(raw.replace(b"\n", b"\r\n"))  # as git may check it out on Windows
    load_bank(path)
    assert quiz.last_check[str(path)] == "recorded" and runs == []

    bank = json.loads(raw)
    bank["questions"][0]["answers"][0]["feedback"] += " (edited)"
    path.write_text(json.dumps(bank, ensure_ascii=False, indent=2), encoding="utf-8")
    load_bank(path)
    assert quiz.last_check[str(path)] == "full" and runs == [1]

    bank["questions"][0]["type"] = "essay"  # an edit that breaks the bank
    path.write_text(json.dumps(bank, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(QuizBankError, match="unknown question type"):
        render_quiz(path)


def test_the_record_is_per_file_name(tmp_path: Path) -> None:
    """The same bytes under another name are not known valid: the chapter must match."""
    path = tmp_path / "another_chapter.json"
    path.write_bytes((QUIZ_DIR / f"{BORDER}.json").read_bytes())
    assert not quiz.is_recorded(path)
    with pytest.raises(QuizBankError, match="does not match the file name"):
        render_quiz(path)


def test_changed_data_or_schema_invalidates_the_record(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhao_course import paths, quiz_schema

    assert quiz.is_recorded(BORDER), "see test_the_record_of_validated_banks_is_up_to_date"
    monkeypatch.setattr(paths, "DATA_DIR", data_copy)
    assert quiz.is_recorded(BORDER)
    recorded = quiz.read_record()["banks"][BORDER]["data"]
    assert "sources" in recorded and "worldbank_gdp" not in recorded

    # a table the bank does not refer to: still recorded
    (data_copy / "worldbank_gdp.csv").write_bytes((data_copy / "worldbank_gdp.csv").read_bytes() + b"\n")
    assert quiz.is_recorded(BORDER)

    # a source the bank cites removed from sources.csv: validated fully, and caught
    cited = next(sid for q in load_bank(BORDER)["questions"] for sid in q.get("source_ids", []))
    sources = data_copy / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{cited},")]
    assert len(kept) == len(lines) - 1
    sources.write_text("".join(kept), encoding="utf-8")
    assert not quiz.is_recorded(BORDER)
    with pytest.raises(QuizBankError, match=f"'{cited}' is not a source in data/sources.csv"):
        render_quiz(BORDER)
    sources.write_text("".join(lines), encoding="utf-8")
    assert quiz.is_recorded(BORDER)

    # every referenced table counts
    for table in recorded:
        target = data_copy / f"{table}.csv"
        original = target.read_bytes()
        target.write_bytes(original + b"\n")
        assert not quiz.is_recorded(BORDER), table
        target.write_bytes(original)

    # the schema counts
    schema = tmp_path / "quiz-bank.schema.json"
    schema.write_bytes(quiz_schema.SCHEMA_PATH.read_bytes() + b"\n")
    monkeypatch.setattr(quiz_schema, "SCHEMA_PATH", schema)
    assert not quiz.is_recorded(BORDER)
    load_bank(BORDER)
    assert quiz.last_check[f"exercises/quizzes/{BORDER}.json"] == "full"


def _quiz_dir_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from zhao_course import paths

    folder = tmp_path / "quizzes"
    (folder / "schema").mkdir(parents=True)
    for name in BANKS:
        (folder / f"{name}.json").write_bytes((QUIZ_DIR / f"{name}.json").read_bytes())
    monkeypatch.setattr(paths, "QUIZ_DIR", folder)
    return folder


def test_record_command_validates_first_and_writes_only_if_all_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _quiz_dir_copy(tmp_path, monkeypatch)
    record = folder / "schema" / "validated.json"
    assert quiz.record_path() == record
    assert quiz_cli.main(["check"]) == 1  # no record yet
    assert f"Run `{quiz.RECORD_COMMAND}`" in capsys.readouterr().err

    runs = _count_schema_runs(monkeypatch)
    assert quiz_cli.main(["record"]) == 0
    assert len(runs) == len(BANKS)  # full validation, whatever an old record says
    assert "passed full validation" in capsys.readouterr().out
    written = record.read_bytes()
    data = json.loads(written)
    assert {k: data[k] for k in ("schema", "banks")} == quiz.fingerprints()
    assert quiz.stale_banks() == [] and quiz_cli.main(["check"]) == 0
    assert quiz.is_recorded(BORDER)
    assert quiz_cli.main(["record"]) == 0 and record.read_bytes() == written  # same bytes

    broken = _valid_bank()
    broken["chapter"] = "broken_chapter"
    broken["questions"][0]["answers"][0].pop("feedback")
    (folder / "broken_chapter.json").write_text(json.dumps(broken), encoding="utf-8")
    capsys.readouterr()
    assert quiz_cli.main(["check"]) == 1
    assert "broken_chapter" in capsys.readouterr().err
    record.unlink()
    assert quiz_cli.main(["record"]) == 2
    err = capsys.readouterr().err
    assert "field 'answers[1].feedback'" in err and "Nothing written" in err
    assert not record.exists()

    # a bank removed after recording leaves a stale entry
    (folder / "broken_chapter.json").unlink()
    assert quiz_cli.main(["record"]) == 0
    (folder / f"{BORDER}.json").rename(folder / f"{BORDER}.json.bak")
    assert f"{BORDER} (removed)" in quiz.stale_banks()


@pytest.mark.parametrize("content", ["not json", "[]", '{"banks": {}}', ""])
def test_an_unreadable_record_means_full_validation(
    content: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _quiz_dir_copy(tmp_path, monkeypatch)
    (folder / "schema" / "validated.json").write_text(content, encoding="utf-8")
    assert quiz.read_record() == {}
    load_bank(BORDER)
    assert quiz.last_check[str(folder / f"{BORDER}.json")] == "full"
    assert quiz.stale_banks() == sorted(BANKS), "with no readable record, every bank is stale"


def test_validate_command_always_validates_fully(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = _count_schema_runs(monkeypatch)
    assert quiz_cli.main(["validate"]) == 0
    assert len(runs) == len(BANKS)
    assert f"ok: {BORDER}" in capsys.readouterr().out
