"""The quiz bank format (JSON Schema), the checks beyond it, safe and accessible rendering.

Synthetic banks only (built from :func:`zhao_course.quiz_schema.example_bank`), so these
tests do not move when a chapter's bank is rewritten. Run with
``python -m pytest tests/test_quiz_schema.py -q`` from the course root.
"""
from __future__ import annotations

import codecs
import copy
import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest

from zhao_course import quiz
from zhao_course.paths import QUIZ_DIR, ROOT
from zhao_course.quiz import (
    COLORS,
    CONTRAST_PAIRS,
    DARK_COLORS,
    KEY_LONGEST_MAX_SHARE,
    KEY_POSITION_MAX_SHARE,
    KEY_RULES_MIN_QUESTIONS,
    QuizBankError,
    contrast_ratio,
    list_banks,
    load_bank,
    quiz_text,
    render_quiz,
    show_quiz,
    validate_bank,
)
from zhao_course.quiz_gift import to_gift
from zhao_course.quiz_schema import SCHEMA_PATH, SCHEMA_REF, example_bank, load_schema, schema_problem

BORDER = "border_disputes"
JQ_CSS = Path(sys.modules["jupyterquiz"].__file__ if "jupyterquiz" in sys.modules
              else __import__("jupyterquiz").__file__).parent / "styles.css"


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema())


def mc(qid: str, correct: int, texts: list[str]) -> dict[str, Any]:
    return {
        "id": qid, "type": "multiple_choice", "section": "Introduction",
        "source": "test", "learning_objective": "Pass the validator.",
        "question": f"Question {qid}?",
        "answers": [{"answer": t, "correct": i == correct, "feedback": f"Feedback on option {i + 1}."}
                    for i, t in enumerate(texts)],
    }


def bank_of(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"chapter": BORDER, "title": "Synthetic", "questions": list(questions)}


def write(tmp_path: Path, data: bytes | str | Any, name: str = f"{BORDER}.json") -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "zhao_course.quiz", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def one_sentence(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith("."), message


# ------------------------------------------------------------------------ the schema


def test_schema_is_a_valid_draft_2020_12_schema_in_its_own_folder() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert SCHEMA_PATH.parent.name == "schema" and SCHEMA_PATH.parent.parent == QUIZ_DIR
    assert (QUIZ_DIR / SCHEMA_REF).resolve() == SCHEMA_PATH.resolve()
    assert not any("schema" in name for name in list_banks())  # never taken for a bank


def test_schema_accepts_the_example_and_the_real_banks_format() -> None:
    assert validator().is_valid(example_bank())
    for name in list_banks():
        bank = load_bank(name, validate=False)
        errors = [e.message for e in validator().iter_errors(bank)]
        assert not errors, f"{name}: {errors[:3]}"
        if "$schema" in bank:  # what an editor reads to check the bank while typing
            assert bank["$schema"] == SCHEMA_REF


def test_schema_and_python_share_types_and_sections() -> None:
    schema = load_schema()["$defs"]
    assert quiz.QUESTION_TYPES == tuple(schema["question"]["properties"]["type"]["enum"])
    assert "written" in quiz.QUESTION_TYPES
    assert quiz.SECTIONS == tuple(schema["section"]["enum"])


def _q(bank: dict[str, Any], n: int) -> dict[str, Any]:
    return bank["questions"][n - 1]


# name: (mutation of example_bank(), question number, field in the message)
MALFORMED: dict[str, tuple[Callable[[dict[str, Any]], Any], int | None, str]] = {
    "bank is missing its title": (lambda b: b.pop("title"), None, "title"),
    "unknown top-level key": (lambda b: b.update(titel="x"), None, "titel"),
    "chapter not a slug": (lambda b: b.update(chapter="Border Disputes"), None, "chapter"),
    "questions empty": (lambda b: b.update(questions=[]), None, "questions"),
    "questions not a list": (lambda b: b.update(questions={}), None, "questions"),
    "question not an object": (lambda b: b["questions"].__setitem__(0, "q"), 1, "(top level)"),
    "question missing id": (lambda b: _q(b, 1).pop("id"), 1, "id"),
    "question missing type": (lambda b: _q(b, 1).pop("type"), 1, "type"),
    "question missing section": (lambda b: _q(b, 1).pop("section"), 1, "section"),
    "question missing source": (lambda b: _q(b, 2).pop("source"), 2, "source"),
    "question missing learning objective": (lambda b: _q(b, 3).pop("learning_objective"), 3, "learning_objective"),
    "unknown type": (lambda b: _q(b, 1).update(type="essay"), 1, "type"),
    "unknown section": (lambda b: _q(b, 1).update(section="Borders"), 1, "section"),
    "misspelt key": (lambda b: _q(b, 1).update(feedbak="x"), 1, "feedbak"),
    "blank question": (lambda b: _q(b, 1).update(question="   "), 1, "question"),
    "bare dollar": (lambda b: _q(b, 1)["answers"][0].update(answer="USD $90 bn"), 1, "answers[1].answer"),
    "option missing feedback": (lambda b: _q(b, 1)["answers"][2].pop("feedback"), 1, "answers[3].feedback"),
    "correct as a string": (lambda b: _q(b, 1)["answers"][0].update(correct="no"), 1, "answers[1].correct"),
    "one option only": (lambda b: _q(b, 1).update(answers=_q(b, 1)["answers"][1:2]), 1, "answers"),
    "two keys in multiple_choice": (lambda b: _q(b, 1)["answers"][0].update(correct=True), 1, "answers"),
    "numeric without a correct answer": (lambda b: _q(b, 2)["answers"][0].update(correct=False), 2, "answers"),
    "numeric range of three numbers": (lambda b: _q(b, 2)["answers"][0].update(range=[1, 2, 3]), 2, "answers[1].range"),
    "numeric range of text": (lambda b: _q(b, 2)["answers"][0].update(range=[1, "2"]), 2, "answers[1].range[2]"),
    "numeric value with a range": (lambda b: _q(b, 2)["answers"][0].update(value=17.1), 2, "answers[1].value"),
    "precision zero": (lambda b: _q(b, 2).update(precision=0), 2, "precision"),
    "written without model answer": (lambda b: _q(b, 3).pop("model_answer"), 3, "model_answer"),
    "written with empty model answer": (lambda b: _q(b, 3).update(model_answer=" "), 3, "model_answer"),
    "written with options": (lambda b: _q(b, 3).update(answers=[]), 3, "answers"),
    "written with an empty rubric point": (lambda b: _q(b, 3).update(rubric=["ok", ""]), 3, "rubric[2]"),
    "source_ids not a list": (lambda b: _q(b, 1).update(source_ids="zhao2015"), 1, "source_ids"),
    "data_refs without a table": (lambda b: _q(b, 1).update(data_refs=["treaty_2001"]), 1, "data_refs[1]"),
}


@pytest.mark.parametrize("variant", sorted(MALFORMED))
def test_schema_rejects_each_malformed_bank_with_one_sentence(variant: str, tmp_path: Path) -> None:
    mutate, number, field = MALFORMED[variant]
    bank = example_bank()
    mutate(bank)
    assert not validator().is_valid(bank)  # the schema itself rejects it (an editor would too)
    problem = schema_problem(bank)
    assert problem is not None and (problem.question, problem.field) == (number, field)

    path = write(tmp_path, bank)
    with pytest.raises(QuizBankError) as excinfo:
        load_bank(path)
    message = str(excinfo.value)
    one_sentence(message)
    where = f"{path}, question {number}" if number else f"{path}, field"
    assert message.startswith(where), message
    assert f"field '{field}'" in message
    assert (excinfo.value.question, excinfo.value.field) == (number, field)


def test_schema_messages_say_how_to_fix() -> None:
    bank = example_bank()
    bank["questions"][2].pop("model_answer")
    problem = schema_problem(bank)
    assert (problem.question_id, problem.problem) == ("demo-written", "missing")
    assert problem.fix == "Write the model answer the learner compares theirs with."
    bank = example_bank()
    bank["questions"][0]["answers"][0]["correct"] = True
    assert schema_problem(bank).problem == "a multiple_choice question needs exactly one correct answer, found 2"


# ------------------------------------------------------- checks the schema cannot make


def test_python_checks_beyond_the_schema() -> None:
    cases: list[tuple[Callable[[dict[str, Any]], Any], str, str]] = [
        (lambda b: _q(b, 2).update(id="demo-choice"), "field 'id': duplicate id, already used by question 1", "id"),
        (lambda b: _q(b, 1)["answers"][2].update(answer=" trade "), "option 3 repeats option 1", "answers[3].answer"),
        (lambda b: _q(b, 1).update(source_ids=["zhao2015", "no_such_source"]),
         "'no_such_source' is not a source in data/sources.csv", "source_ids[2]"),
        (lambda b: _q(b, 1).update(data_refs=["no_such_table:x"]), "there is no table data/no_such_table.csv", "data_refs[1]"),
        (lambda b: _q(b, 1).update(data_refs=["article_claims:no_such_row"]),
         "data/article_claims.csv has no row with id 'no_such_row'", "data_refs[1]"),
        (lambda b: _q(b, 2)["answers"][0].update(range=[17.2, 17.0]), "low < high", "answers[1].range"),
        (lambda b: _q(b, 2)["answers"].append({"type": "default", "feedback": "again"}),
         "more than one default answer", "answers[4].type"),
        (lambda b: _q(b, 2)["answers"].insert(0, {"type": "range", "range": [0, 100], "correct": False,
                                                   "feedback": "too wide"}),
         "numeric answer 2 can never be reached: answer 1 comes first", "answers[2]"),
        (lambda b: _q(b, 2)["answers"].insert(0, {"type": "value", "value": 1e400, "correct": False,
                                                   "feedback": "infinite"}),
         "not a finite number", "answers[1].value"),
    ]
    for mutate, text, field in cases:
        bank = example_bank()
        bank["questions"][1]["answers"].insert(1, {"type": "range", "range": [1.7, 1.71], "correct": False,
                                                   "feedback": "the article's figure"})
        validate_bank(copy.deepcopy(bank))  # valid before the mutation
        mutate(bank)
        with pytest.raises(QuizBankError) as excinfo:
            validate_bank(bank, source="x.json")
        one_sentence(str(excinfo.value))
        assert text in str(excinfo.value) and excinfo.value.field == field, str(excinfo.value)


def test_key_position_rule_counts_multiple_choice_questions() -> None:
    texts = ["Aaaa", "Bbbb", "Cccc", "Dddd"]  # equal lengths: only the position rule can fire
    assert KEY_RULES_MIN_QUESTIONS == 4 and KEY_POSITION_MAX_SHARE == 0.5
    # 3 of 4 first: more than half
    bank = bank_of(*(mc(f"q{i}", k, texts) for i, k in enumerate([0, 0, 0, 1])))
    with pytest.raises(QuizBankError) as excinfo:
        validate_bank(bank, source="x.json")
    message = str(excinfo.value)
    one_sentence(message)
    assert message.startswith("x.json, field 'questions': the correct answer is option 1 in 3 of the 4 "
                              "multiple_choice questions"), message
    assert "at most 2" in message
    # exactly half is allowed
    validate_bank(bank_of(*(mc(f"q{i}", k, texts) for i, k in enumerate([0, 0, 2, 1]))))
    # fewer than four multiple_choice questions: the rule does not apply
    validate_bank(bank_of(*(mc(f"q{i}", 0, texts) for i in range(3))))
    # many_choice questions do not count
    many = mc("many", 0, texts)
    many["type"] = "many_choice"
    validate_bank(bank_of(*(mc(f"q{i}", 0, texts) for i in range(3)), many))


def test_key_longest_rule_counts_strictly_longest_keys() -> None:
    assert KEY_LONGEST_MAX_SHARE == 0.4

    def q(i: int, key: int, key_longest: bool) -> dict[str, Any]:
        texts = ["Option aa", "Option bb", "Option cc", "Option dd"]
        if key_longest:
            texts[key] = "Option that is clearly the longest"
        return mc(f"q{i}", key, texts)

    # 2 of 5 longest (40 %): allowed; 3 of 5 (60 %): not
    validate_bank(bank_of(q(0, 0, True), q(1, 1, True), q(2, 2, False), q(3, 3, False), q(4, 1, False)))
    bank = bank_of(q(0, 0, True), q(1, 1, True), q(2, 2, True), q(3, 3, False), q(4, 1, False))
    with pytest.raises(QuizBankError) as excinfo:
        validate_bank(bank, source="x.json")
    message = str(excinfo.value)
    one_sentence(message)
    assert "the correct answer is the longest option in 3 of the 5 multiple_choice questions" in message
    assert "at most 2" in message
    # a tie for the longest is not "strictly longest"
    tie = [mc(f"t{i}", i % 4, ["Same length A", "Same length B", "Same length C", "Same length D"])
           for i in range(5)]
    validate_bank(bank_of(*tie))


# ------------------------------------------------------------------ reading the file


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "is empty"),
    "only whitespace": (b"  \n\t\n", "is empty"),
    "BOM": (codecs.BOM_UTF8 + json.dumps(example_bank()).encode(), "byte-order mark (BOM)"),
    "UTF-16": (json.dumps(example_bank()).encode("utf-16"), "UTF-16, not UTF-8"),
    "Latin-1": (json.dumps(example_bank(), ensure_ascii=False).encode("latin-1", "replace")
                .replace(b"km?", "km\u00b2".encode("latin-1")), "is not UTF-8 text (byte 0xb2 on line 1)"),
    "a list": (b"[]", "field '(top level)': the bank is a list, not a JSON object"),
    "a number": (b"42", "the bank is int 42, not a JSON object"),
    "duplicate key": (b'{"chapter": "border_disputes", "title": "a", "title": "b", "questions": []}',
                      "the key 'title' appears twice in one object"),
    "duplicate key in a question": (
        json.dumps(example_bank()).replace('"id": "demo-numeric",', '"id": "demo-numeric", "type": "value",', 1)
        .encode(), "the key 'type' appears twice in the object with id 'demo-numeric'"),
    "NaN": (json.dumps(example_bank()).replace("17.2", "NaN").encode(), "NaN is not a JSON number"),
    "broken JSON": (b'{"chapter": "border_disputes",\n "title": }', "not valid JSON (line 2"),
    "missing fields": (b'{"chapter": "border_disputes"}', "field 'title': missing"),
    "unknown source": (json.dumps(example_bank()).replace('"zhao2015"', '"nobody1999"').encode(),
                       "'nobody1999' is not a source in data/sources.csv"),
}


@pytest.mark.parametrize("variant", sorted(BAD_FILES))
def test_bad_files_give_one_sentence(variant: str, tmp_path: Path) -> None:
    data, expected = BAD_FILES[variant]
    path = write(tmp_path, data)
    with pytest.raises(QuizBankError) as excinfo:
        load_bank(path)
    message = str(excinfo.value)
    one_sentence(message)
    assert message.startswith(str(path)) and expected in message, message


def test_cli_validate_answers_every_bad_bank_with_exit_2(tmp_path: Path) -> None:
    paths = []
    for variant in ("BOM", "Latin-1", "duplicate key", "unknown source", "a list", "empty"):
        folder = tmp_path / variant.replace(" ", "_")
        folder.mkdir()
        paths.append(write(folder, BAD_FILES[variant][0]))
    good = write(tmp_path, example_bank())
    result = run_cli("validate", str(good), *map(str, paths), cwd=tmp_path)
    assert result.returncode == 2, result
    errors = result.stderr.splitlines()
    assert len(errors) == len(paths), result.stderr  # one sentence per bad bank
    for line, (variant, path) in zip(errors, zip(("BOM", "Latin-1", "duplicate key", "unknown source",
                                                  "a list", "empty"), paths)):
        assert line.startswith(f"error: {path}") and BAD_FILES[variant][1] in line, line
        assert line.endswith(".")
    assert result.stdout == "ok: border_disputes (3 questions)\n"
    assert "Traceback" not in result.stderr

    ok = run_cli("validate", str(good), cwd=tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    missing = run_cli("validate", str(tmp_path / "nope.json"), cwd=tmp_path)
    assert missing.returncode == 2 and "no such quiz bank" in missing.stderr


def test_cli_gift_and_usage_errors(tmp_path: Path) -> None:
    bank = write(tmp_path, example_bank())
    out = tmp_path / "out" / "b.gift"
    done = run_cli("gift", str(bank), str(out), cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == f"wrote 3 questions to {out}\n", done
    assert out.read_text(encoding="utf-8") == to_gift(example_bank())
    blocked = run_cli("gift", str(bank), str(bank / "x.gift"), cwd=tmp_path)  # a file as folder
    assert blocked.returncode == 2 and blocked.stderr.startswith("error: cannot write"), blocked
    assert run_cli("frobnicate", cwd=tmp_path).returncode == 2


def test_quiz_does_not_import_gift_or_cli() -> None:
    code = ("import sys, zhao_course.quiz; "
            "print(sorted(m for m in sys.modules if m.startswith('zhao_course.quiz')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['zhao_course.quiz', 'zhao_course.quiz_schema']"
    gift_source = (ROOT / "zhao_course" / "quiz_gift.py").read_text(encoding="utf-8")
    assert "quiz_cli" not in gift_source and "importlib" not in gift_source


def test_importing_the_quiz_modules_does_not_import_jsonschema() -> None:
    """jsonschema (1-2 s to import) is loaded only when a bank is validated fully."""
    code = ("import sys, zhao_course.quiz, zhao_course.quiz_schema; "
            "print('jsonschema' in sys.modules); "
            "zhao_course.quiz.validate_bank(zhao_course.quiz_schema.example_bank()); "
            "print('jsonschema' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_show_quiz_validates_a_bank_given_as_a_dict_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dict is validated fully (the record lists files), once, not again for each form."""
    import IPython.display

    runs: list[int] = []
    real = quiz.schema_problem

    def counting(bank: Any) -> Any:
        runs.append(1)
        return real(bank)

    shown: list[Any] = []
    monkeypatch.setattr(quiz, "schema_problem", counting)
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
    show_quiz(example_bank())
    assert runs == [1] and len(shown) == 2
    assert shown[0]["text/plain"] == quiz_text(example_bank())
    bank = example_bank()
    bank["questions"][0]["type"] = "essay"
    with pytest.raises(QuizBankError, match="unknown question type"):
        show_quiz(bank)


# -------------------------------------------------------------- safe, stable rendering


@pytest.mark.parametrize("evil", ["</script><script>alert(1)</script>", "<!-- <script>", "]]> & <b>",
                                  "</SCRIPT >", "\u2028line\u2029"])
def test_quiz_text_cannot_end_the_script(evil: str) -> None:
    bank = example_bank()
    bank["questions"][0]["question"] = f"Which? {evil}"
    bank["questions"][0]["answers"][0]["feedback"] = f"No: {evil}"
    bank["questions"][2]["model_answer"] = f"Model {evil}"
    html, js = render_quiz(bank)
    assert not re.search(r"</script|<!--|]]>", js, flags=re.I)
    assert "\u2028" not in js and "\u2029" not in js
    payload = json.loads(js.split("=", 1)[1].split(";\n", 1)[0])
    assert payload[0]["question"] == f"Which? {evil}"  # the text itself is intact
    assert payload[0]["answers"][0]["feedback"] == f"No: {evil}"
    # the written item is HTML: its texts are escaped
    assert "<script" not in html.lower() and "<!--" not in html
    assert html_lib.escape(f"Model {evil}") in html


def test_written_item_is_a_labelled_text_box_and_a_disclosure() -> None:
    html, js = render_quiz(example_bank())
    div_id = re.match(r'<div id="([A-Za-z]{12})"', html).group(1)
    base = f"{div_id}-w1"
    assert f'<label for="{base}-a">' in html and f'<textarea id="{base}-a" ' in html
    assert f'aria-describedby="{base}-q"' in html
    assert "<details><summary>Show model answer</summary>" in html  # keyboard: Enter/Space, no script
    assert "Delimitation fixes the line in a treaty" in html
    assert "<li>names the treaty line</li><li>names the marking on the ground</li>" in html
    assert "demo-written" not in js and "Delimitation" not in js  # not given to jupyterquiz
    # the written items come after jupyterquiz's container, which is closed before them
    assert html.index("</div>") < html.index(f'id="{div_id}-written"')
    assert quiz_text(example_bank()).endswith("(a short written answer)")
    assert render_quiz(example_bank()) == (html, js)


def test_a_bank_of_written_items_only_renders() -> None:
    bank = example_bank()
    html, js = render_quiz(bank, ids=["demo-written"])
    assert "<textarea" in html and "var questions" in js and "[]" in js.split(";", 1)[0]


def test_numeric_box_gets_a_label_and_feedback_is_announced() -> None:
    html, js = render_quiz(example_bank(), ids=["demo-numeric"])
    div_id = re.match(r'<div id="([A-Za-z]{12})"', html).group(1)
    assert f'var rootId = "{div_id}";' in js
    assert 'lab.htmlFor = inp.id' in js and 'inp.setAttribute("aria-label"' in js
    assert 'setAttribute("aria-live", "polite")' in js
    assert js.index("show_questions(questions") < js.index("zhao_course: label the numeric boxes")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        (("no_such_bank",), {}, "no such quiz bank"),
        ((42,), {}, "not int 42"),
        (("",), {}, "named by a string"),
        ((None,), {}, "not NoneType None"),
        ((BORDER,), {"ids": []}, "the list of question ids is empty"),
        ((BORDER,), {"ids": ["nope"]}, "no question with id 'nope'"),
        ((BORDER,), {"ids": "nope"}, "no question with id 'nope'"),
        ((BORDER,), {"ids": 3}, "ids must be a list of question ids, not int 3"),
        ((BORDER,), {"ids": [3]}, "a question id is a string, not int 3"),
        ((BORDER,), {"ids": ["demo-choice", "demo-choice"]}, "listed twice"),
        ((BORDER,), {"key": 7}, "key must be a string"),
        ((BORDER,), {"shuffle": True}, "unknown option 'shuffle'"),
        ((BORDER,), {"question_alignment": "middle"}, "jupyterquiz refused"),
        ((BORDER,), {"colors": "dark"}, "colors must map CSS variable names"),
    ],
)
def test_bad_arguments_give_one_sentence(args: tuple[Any, ...], kwargs: dict[str, Any], expected: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    if args[0] == BORDER:
        args = (example_bank(),) + args[1:]
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: pytest.fail("displayed"))
    for fn in (show_quiz, render_quiz):
        with pytest.raises(QuizBankError) as excinfo:
            fn(*args, **kwargs)
        message = str(excinfo.value)
        assert expected in message, message
        one_sentence(message)
        assert excinfo.value._render_traceback_() == [f"QuizBankError: {message}"]
    if "key" not in kwargs and not set(kwargs) - {"ids"}:
        with pytest.raises(QuizBankError, match=re.escape(expected)):
            quiz_text(*args, **kwargs)


def test_quiz_bank_error_shows_as_one_sentence_in_ipython() -> None:
    shell_mod = pytest.importorskip("IPython.core.interactiveshell")
    shell = shell_mod.InteractiveShell.instance()
    result = shell.run_cell("from zhao_course.quiz import show_quiz\nshow_quiz('no_such_bank')",
                            silent=False)
    assert isinstance(result.error_in_exec, QuizBankError)
    assert result.error_in_exec._render_traceback_()[0].startswith(
        "QuizBankError: exercises/quizzes/no_such_bank.json: no such quiz bank.")


# ------------------------------------------------------------------------- colours


def test_contrast_ratio_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the 4.5 grey
    assert contrast_ratio("#fff", "#777") == contrast_ratio("#777777", "#ffffff")
    with pytest.raises(ValueError):
        contrast_ratio("red", "#ffffff")


def test_jupyterquiz_defaults_fail_so_the_check_can_fail() -> None:
    """The colours the issue measured: the check below would catch them."""
    assert contrast_ratio("#fafafa", "#c0c0c0") < 2  # numeric box: 1.7:1
    assert contrast_ratio("#fafafa", "#f75c03") < 4.5  # many-choice orange: 3.1:1


def _palette(dark: bool) -> dict[str, str]:
    return {**COLORS, **DARK_COLORS} if dark else dict(COLORS)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("pair", CONTRAST_PAIRS, ids=lambda p: p[0])
def test_every_quiz_colour_pair_reaches_wcag(pair: tuple[str, str, str, float], mode: str) -> None:
    what, fg, bg, least = pair
    palette = _palette(mode == "dark")
    ratio = contrast_ratio(palette.get(fg, fg), palette.get(bg, bg))
    assert ratio >= least, f"{what} ({mode}): {ratio:.2f}:1 < {least}:1"


def test_every_colour_variable_is_set_and_checked() -> None:
    used_by_jupyterquiz = set(re.findall(r"var\((--jq-[\w-]+)\)", JQ_CSS.read_text(encoding="utf-8")))
    assert used_by_jupyterquiz <= set(COLORS), used_by_jupyterquiz - set(COLORS)
    html, _ = render_quiz(example_bank())
    used_by_course = set(re.findall(r"var\((--[\w-]+)\)", html))
    assert used_by_course <= set(COLORS), used_by_course - set(COLORS)
    checked = {name for _, fg, bg, _ in CONTRAST_PAIRS for name in (fg, bg)}
    decorative = {"--jq-mc-button-inset-shadow", "--jq-numeric-input-shadow"}
    assert set(COLORS) - decorative <= checked, set(COLORS) - decorative - checked
    assert set(DARK_COLORS) <= set(COLORS)


def test_dark_mode_rules_are_emitted_for_both_themes() -> None:
    html, _ = render_quiz(example_bank())
    div_id = re.match(r'<div id="([A-Za-z]{12})"', html).group(1)
    for scope in (f'html[data-theme="dark"] #{div_id}', f'body[data-jp-theme-light="false"] #{div_id}-written'):
        assert scope in html
    dark_rule = re.search(r'html\[data-theme="dark"\][^{]*\{([^}]*)\}', html).group(1)
    for name, value in DARK_COLORS.items():
        assert f"{name}: {value};" in dark_rule
    assert f"--jq-many-choice-bg: {COLORS['--jq-many-choice-bg']};" in html
