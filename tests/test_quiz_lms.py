"""Quizzes in learning platforms: each export parsed back and checked against its bank.

For every bank in ``exercises/quizzes`` (and a small bank full of markup characters):

* **QTI** (Canvas, written by text2qti): the zip is opened, the QTI XML read with
  :mod:`xml.etree`, and for every question the title, type, question text, each
  option's text, which options are correct (from the ``respcondition`` that sets
  ``SCORE``: its ``varequal``, not under ``<not>``), each option's feedback (followed
  from its ``respcondition``'s ``displayfeedback`` to the ``itemfeedback``), the
  numeric range or value and its right/wrong feedback, and the general feedback (the
  source; the model answer, rubric and source for an essay) are compared with the bank.
  Texts are compared as a browser shows them: the HTML's text, entities decoded,
  whitespace collapsed.
* **GIFT** (Moodle): the text is read by a small GIFT parser below (no maintained GIFT
  parser on PyPI reads this subset: ``pygiftparser`` 1.1, of 2017, pins
  ``markdown==3.0.1`` through ``MarkdownSuperscript``, leaves ``\\:`` escaped and marks
  a numeric question with ``=%0%`` answers invalid; ``pygiftparserrgmf`` 0.0.5 stops at
  the first ``~``), and the same things are checked.
"""
from __future__ import annotations

import copy
import html
import io
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest

from zhao_course import quiz_cli
from zhao_course.quiz import QuizBankError, list_banks, load_bank
from zhao_course.quiz_gift import to_gift
from zhao_course.quiz_qti import export_qti, to_qti, to_text2qti
from zhao_course.quiz_schema import example_bank

BANKS = list_banks()
QTI_NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
META_NS = {"c": "http://canvas.instructure.com/xsd/cccv1p0"}


# ------------------------------------------------------------------ shown text of HTML

_BLOCK_TAGS = {"p", "li", "ul", "ol", "pre", "br", "div"}


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown(fragment: str) -> str:
    """The text a browser shows for an HTML fragment, whitespace collapsed."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def plain(text: str) -> str:
    return " ".join(text.split())


def expected_text(q: Mapping[str, Any]) -> str:
    """A question's text as shown: bank texts are HTML, ``written`` ones plain text."""
    if q["type"] == "written":
        return plain(q["question"])
    return shown(q["question"]) + (" " + plain(q["code"]) if q.get("code") else "")


def expected_option(ans: Mapping[str, Any]) -> str:
    return shown(ans["answer"]) + (" " + plain(ans["code"]) if ans.get("code") else "")


def expected_essay_feedback(q: Mapping[str, Any]) -> str:
    rubric = " ".join(plain(p) for p in q.get("rubric", []))
    return plain(f"Model answer: {q['model_answer']} "
                 + (f"A good answer: {rubric} " if rubric else "") + f"Source: {q['source']}")


def number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


# --------------------------------------------------------------------------- QTI reader


def _mattext(element: ET.Element | None) -> str:
    """The HTML in an element's ``mattext`` (QTI keeps it as escaped text)."""
    assert element is not None
    node = element.find(".//q:mattext", QTI_NS)
    assert node is not None and node.get("texttype") == "text/html"
    return node.text or ""


def _positive_idents(node: ET.Element, negated: bool = False) -> Iterator[tuple[str, bool]]:
    """(ident, negated) for every ``varequal`` under a condition."""
    for child in node:
        tag = child.tag.split("}")[1]
        if tag == "varequal":
            yield child.text or "", negated
        else:
            yield from _positive_idents(child, negated ^ (tag == "not"))


def read_qti(data: bytes) -> dict[str, Any]:
    """Read a text2qti zip: quiz settings and, per item, what a learner sees and scores."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert "imsmanifest.xml" in names
    (meta_name,) = [n for n in names if n.endswith("/assessment_meta.xml")]
    meta = ET.fromstring(archive.read(meta_name))
    folder = meta_name.rsplit("/", 1)[0]
    root = ET.fromstring(archive.read(f"{folder}/{folder}.xml"))
    items = []
    for item in root.iter(f"{{{QTI_NS['q']}}}item"):
        fields = {f.findtext("q:fieldlabel", namespaces=QTI_NS): f.findtext("q:fieldentry", namespaces=QTI_NS)
                  for f in item.iterfind(".//q:qtimetadatafield", QTI_NS)}
        feedback = {fb.get("ident"): shown(_mattext(fb)) for fb in item.iterfind("q:itemfeedback", QTI_NS)}
        options = []
        for label in item.iterfind(".//q:response_label", QTI_NS):
            if label.find("q:material", QTI_NS) is not None:
                options.append({"ident": label.get("ident"), "text": shown(_mattext(label))})
        parsed: dict[str, Any] = {
            "title": item.get("title"), "type": fields["question_type"],
            "text": shown(_mattext(item.find("q:presentation", QTI_NS))),
            "options": options, "general": None, "correct": set(), "range": None,
            "correct_feedback": None, "incorrect_feedback": None, "incorrect_paragraphs": [],
        }
        by_ident = {o["ident"]: o for o in options}
        for cond in item.iterfind(".//q:respcondition", QTI_NS):
            conditionvar = cond.find("q:conditionvar", QTI_NS)
            link = cond.find("q:displayfeedback", QTI_NS)
            linkref = link.get("linkrefid") if link is not None else None
            score = cond.find("q:setvar[@varname='SCORE']", QTI_NS)
            idents = list(_positive_idents(conditionvar))
            if score is not None and float(score.text or 0) > 0:
                parsed["correct"] = {i for i, negated in idents if not negated}
                low = conditionvar.find(".//q:vargte", QTI_NS)
                high = conditionvar.find(".//q:varlte", QTI_NS)
                if low is not None:
                    parsed["range"] = (float(low.text), float(high.text))
                if linkref:
                    parsed["correct_feedback"] = feedback[linkref]
            elif conditionvar.find("q:other", QTI_NS) is not None and linkref == "general_fb":
                parsed["general"] = feedback[linkref]
            elif conditionvar.find("q:other", QTI_NS) is not None and linkref == "general_incorrect_fb":
                parsed["incorrect_feedback"] = feedback[linkref]
                (fb,) = [f for f in item.iterfind("q:itemfeedback", QTI_NS) if f.get("ident") == linkref]
                parsed["incorrect_paragraphs"] = [shown(p) for p in re.findall(r"<p>.*?</p>", _mattext(fb), re.S)]
            elif linkref and len(idents) == 1 and idents[0][0] in by_ident:
                by_ident[idents[0][0]]["feedback"] = feedback[linkref]
        items.append(parsed)
    return {
        "title": meta.findtext("c:title", namespaces=META_NS),
        "shuffle_answers": meta.findtext("c:shuffle_answers", namespaces=META_NS),
        "items": items,
    }


QTI_TYPES = {"multiple_choice": "multiple_choice_question", "many_choice": "multiple_answers_question",
             "numeric": "numerical_question", "written": "essay_question"}


def check_qti(bank: Mapping[str, Any], data: bytes) -> None:
    """Every question, key and feedback of ``bank`` is in the QTI zip ``data``."""
    qti = read_qti(data)
    assert qti["title"] == plain(bank["title"])
    assert qti["shuffle_answers"] == "true"       # Canvas shuffles the options
    assert len(qti["items"]) == len(bank["questions"])
    for n, (q, item) in enumerate(zip(bank["questions"], qti["items"]), start=1):
        where = f"question {n} ({q['id']})"
        assert item["title"] == f"{bank['chapter']} {n:02d} {q['id']}", where
        assert item["type"] == QTI_TYPES[q["type"]], where
        assert item["text"] == expected_text(q), where
        if q["type"] == "written":
            assert item["options"] == [] and item["general"] == expected_essay_feedback(q), where
            continue
        assert item["general"] == plain("Source: " + q["source"]), where
        if q["type"] == "numeric":
            graded = [a for a in q["answers"] if a["type"] != "default"]
            (right,) = [a for a in graded if a["correct"]]
            if right["type"] == "range":
                assert item["range"] == pytest.approx(tuple(right["range"]), abs=1e-9), where
            else:
                low, high = item["range"]
                assert low <= right["value"] <= high, where
            assert item["correct_feedback"] == shown(right["feedback"]), where
            expected_wrong = [shown(a["feedback"]) for a in q["answers"] if a["type"] == "default"]
            expected_wrong += [
                shown(f"An answer from {number(a['range'][0])} to {number(a['range'][1])}: "
                      if a["type"] == "range" else f"The answer {number(a['value'])}: ")
                + " " + shown(a["feedback"]) for a in graded if not a["correct"]]
            assert item["incorrect_paragraphs"] == [plain(p) for p in expected_wrong], where
            continue
        assert [o["text"] for o in item["options"]] == [expected_option(a) for a in q["answers"]], where
        assert [o.get("feedback") for o in item["options"]] == [shown(a["feedback"]) for a in q["answers"]], where
        correct = {o["ident"] for o, a in zip(item["options"], q["answers"]) if a["correct"]}
        assert item["correct"] == correct, where


# -------------------------------------------------------------------------- GIFT reader

_GIFT_MARKS = ("####", "=", "~", "#")


def _scan(text: str, stops: tuple[str, ...], pos: int = 0) -> tuple[str, str | None, int]:
    """Read ``text`` from ``pos`` to the first unescaped stop; return (raw, stop, next pos)."""
    out = []
    while pos < len(text):
        if text[pos] == "\\" and pos + 1 < len(text):
            out.append(text[pos:pos + 2])
            pos += 2
            continue
        for stop in stops:
            if text.startswith(stop, pos):
                return "".join(out), stop, pos + len(stop)
        out.append(text[pos])
        pos += 1
    return "".join(out), None, pos


def gift_unescape(raw: str) -> str:
    r"""GIFT's escapes: ``\n`` a new line, ``\x`` the character x."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), raw, flags=re.S).strip()


def parse_gift(text: str) -> list[dict[str, Any]]:
    """Read the GIFT questions of a file: name, format, text, answers, general feedback.

    Each answer is ``{"mark": "=" or "~", "weight": float or None, "text", "feedback"}``;
    a numeric question's answers have ``text`` as written (``17..17.2``, ``5:0.5``).
    """
    questions = []
    for block in re.split(r"\n[ \t]*\n", text):
        body = "\n".join(ln for ln in block.splitlines() if not ln.lstrip().startswith("//")).strip()
        if not body or body.startswith("$CATEGORY:"):
            continue
        assert body.startswith("::"), body[:40]
        name, stop, pos = _scan(body, ("::",), 2)
        assert stop == "::"
        head, stop, pos = _scan(body, ("{",), pos)
        assert stop == "{"
        fmt = re.match(r"\[(\w+)\]", head)
        section, stop, end = _scan(body, ("}",), pos)
        assert stop == "}" and body[end:].strip() == "", "text after the answers"
        section = section.strip()
        numeric = section.startswith("#") and not section.startswith("####")
        if numeric:
            section = section[1:]
        answers: list[dict[str, Any]] = []
        general = None
        raw, stop, pos = _scan(section, _GIFT_MARKS)
        assert raw.strip() == "", f"answer text before any mark: {raw!r}"
        while stop is not None:
            raw, next_stop, pos = _scan(section, _GIFT_MARKS, pos)
            if stop == "####":
                general = gift_unescape(raw)
            elif stop == "#":
                assert answers and answers[-1]["feedback"] is None, "feedback without an answer"
                answers[-1]["feedback"] = gift_unescape(raw)
            else:
                weight = re.match(r"\s*%(-?[\d.]+)%", raw)
                answers.append({"mark": stop, "weight": float(weight.group(1)) if weight else None,
                                "text": gift_unescape(raw[weight.end():] if weight else raw),
                                "feedback": None})
            stop = next_stop
        questions.append({
            "name": gift_unescape(name), "format": fmt.group(1) if fmt else None,
            "text": gift_unescape(head[fmt.end():] if fmt else head),
            "numeric": numeric, "answers": answers, "general": general,
        })
    return questions


def _gift_spec(spec: str) -> tuple[float, float]:
    """A numeric answer as the interval it accepts."""
    if ".." in spec:
        low, high = spec.split("..")
        return float(low), float(high)
    value, _, tolerance = spec.partition(":")
    return float(value) - float(tolerance or 0), float(value) + float(tolerance or 0)


def check_gift(bank: Mapping[str, Any], text: str) -> None:
    """Every question, key and feedback of ``bank`` is in the GIFT ``text``."""
    parsed = parse_gift(text)
    assert len(parsed) == len(bank["questions"])
    for n, (q, p) in enumerate(zip(bank["questions"], parsed), start=1):
        where = f"question {n} ({q['id']})"
        assert p["name"] == f"{bank['chapter']} {n:02d} {q['id']}", where
        assert p["format"] == "html", where
        code = f"<pre><code>{q['code']}</code></pre>" if q.get("code") else ""
        if q["type"] == "written":
            assert html.unescape(p["text"]) == q["question"] + code, where
            assert p["answers"] == [] and not p["numeric"], where
            assert shown(p["general"]) == expected_essay_feedback(q), where
            continue
        assert p["text"] == q["question"] + code, where
        assert p["general"] == "Source: " + q["source"], where
        if q["type"] == "numeric":
            assert p["numeric"], where
            graded = [a for a in q["answers"] if a["type"] != "default"]
            defaults = [a for a in q["answers"] if a["type"] == "default"]
            assert len(p["answers"]) == len(graded) + len(defaults), where
            for a, g in zip(graded, p["answers"]):
                assert g["mark"] == "=" and g["weight"] == (None if a["correct"] else 0.0), where
                assert g["feedback"] == a["feedback"], where
                low, high = _gift_spec(g["text"])
                if a["type"] == "range":
                    assert (low, high) == pytest.approx(tuple(a["range"]), abs=1e-12), where
                else:
                    assert low <= a["value"] <= high and math.isclose(low + high, 2 * a["value"]), where
            for a, g in zip(defaults, p["answers"][len(graded):]):
                assert (g["mark"], g["text"], g["feedback"]) == ("~", "", a["feedback"]), where
            continue
        assert not p["numeric"], where
        answer_code = [f"<pre><code>{a['code']}</code></pre>" if a.get("code") else "" for a in q["answers"]]
        assert [g["text"] for g in p["answers"]] == [a["answer"] + c for a, c in zip(q["answers"], answer_code)], where
        assert [g["feedback"] for g in p["answers"]] == [a["feedback"] for a in q["answers"]], where
        if q["type"] == "multiple_choice":
            assert [g["mark"] for g in p["answers"]] == ["=" if a["correct"] else "~" for a in q["answers"]], where
            assert all(g["weight"] is None for g in p["answers"]), where
        else:
            assert all(g["mark"] == "~" for g in p["answers"]), where
            assert [g["weight"] > 0 for g in p["answers"]] == [a["correct"] for a in q["answers"]], where
            assert sum(g["weight"] for g in p["answers"] if g["weight"] > 0) == pytest.approx(100, abs=1e-3)
            assert sum(g["weight"] for g in p["answers"] if g["weight"] < 0) == pytest.approx(-100, abs=1e-3)


# ------------------------------------------------------------------------ a nasty bank

MARKUP = ("1. Is \\$5 *more* than _that_ or `code` -- \"quoted\" and 'it's'... "
          "# not a heading; - not a list; > no quote; [a link](x) ![an image](y.png) "
          "~x~ ^y^ | a | {b} =c= 100% <b>bold</b> &amp; a < b > c \\\\ end")


def markup_bank() -> dict[str, Any]:
    """A valid bank whose every text is full of what Markdown, text2qti or GIFT read as markup."""
    bank = example_bank()
    choice, numeric, written = bank["questions"]
    choice["question"] = MARKUP
    choice["code"] = "for i in range(3):\n    print(i * 2)  # `x` $y$ *z*"
    for n, ans in enumerate(choice["answers"], start=1):
        ans["answer"] = f"{n}. {MARKUP} ({n})"
        ans["feedback"] = f"- {MARKUP} [{n}]"
    choice["source"] = "a source with $x$ and *stars*: 1. two"
    many = copy.deepcopy(choice)
    many.update(id="demo-many", type="many_choice")
    many.pop("code")
    for ans, right in zip(many["answers"], (True, False, True)):
        ans["correct"] = right
    numeric["question"] = "Give 2.5 * 2 (\\$ not LaTeX), _exactly_?"
    numeric["precision"] = 2
    numeric["answers"] = [
        {"type": "value", "value": 5, "correct": True, "feedback": "Right: *5*."},
        {"type": "value", "value": 4, "correct": False, "feedback": "No: `4` is 2.5 - 0.5 - 1..."},
        {"type": "range", "range": [6, 7], "correct": False, "feedback": "No: 2.5 * 2 < 6."},
        {"type": "default", "feedback": "No. \\$x\\$ is not it; 1. try again."},
    ]
    written["question"] = "Write <b>plainly</b>: 1. why *this*?"
    written["model_answer"] = "Because $a$ and _b_ -- \"c\"; see `d`."
    written["rubric"] = ["1. first *point*", "- second_point", "<i>third</i> & $x$"]
    bank["questions"] = [choice, many, numeric, written]
    return bank


# ------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", BANKS)
def test_qti_round_trips_questions_keys_and_feedback(name: str) -> None:
    bank = load_bank(name)
    check_qti(bank, to_qti(bank))


@pytest.mark.parametrize("name", BANKS)
def test_gift_round_trips_questions_keys_and_feedback(name: str) -> None:
    bank = load_bank(name)
    check_gift(bank, to_gift(bank))


def test_the_banks_use_every_question_type() -> None:
    """The round trips above meet each kind of question at least once."""
    types = {q["type"] for name in BANKS for q in load_bank(name)["questions"]}
    assert types == set(QTI_TYPES)


def test_markup_characters_survive_both_exports() -> None:
    bank = markup_bank()
    check_qti(bank, to_qti(bank))
    check_gift(bank, to_gift(bank))


def test_qti_markdown_cannot_act_on_the_texts() -> None:
    """No LaTeX image, list, emphasis, curly quote, dash or code of text2qti's making."""
    data = to_qti(markup_bank())
    archive = zipfile.ZipFile(io.BytesIO(data))
    xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    stored = html.unescape(xml)    # the HTML inside mattext
    for made in ("equation_image", "<em>", "<strong>", "<ol>", "<h1>", "<blockquote>", "<a href",
                 "<img", "&rsquo;", "&ldquo;", "&ndash;", "&hellip;", "<del>", "<sup>"):
        assert made not in stored, made
    assert stored.count("<ul>") == 1       # only the essay's rubric is a list
    assert stored.count("<pre><code>") == 1  # only the question's code
    assert len(archive.namelist()) == 4       # no image was read or packed


def test_qti_is_byte_stable_and_written_by_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = BANKS[0]
    data = to_qti(load_bank(name))
    assert data == to_qti(load_bank(name))
    out = tmp_path / "sub" / "quiz.zip"
    assert quiz_cli.main(["qti", name, str(out)]) == 0
    assert out.read_bytes() == data
    assert f"wrote {len(load_bank(name)['questions'])} questions to {out}" in capsys.readouterr().out
    assert export_qti(name, tmp_path / "again.zip").read_bytes() == data


def test_cli_qti_bad_input_exits_2_with_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert quiz_cli.main(["qti", "no_such_bank", str(tmp_path / "x.zip")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such quiz bank" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.zip").exists()
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert quiz_cli.main(["qti", BANKS[0], str(blocker / "x.zip")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write ") and len(err.strip().splitlines()) == 1


def _numeric_bank(answers: list[dict[str, Any]]) -> dict[str, Any]:
    bank = example_bank()
    bank["questions"][1]["answers"] = answers
    return bank


@pytest.mark.parametrize("answers, expected", [
    ([{"type": "range", "range": [1, 2], "correct": True, "feedback": "a"},
      {"type": "value", "value": 3, "correct": True, "feedback": "b"}],
     "has 2 correct values or ranges"),
    ([{"type": "range", "range": [0, 2], "correct": True, "feedback": "a"}],
     "bound 0 cannot go to Canvas"),
    ([{"type": "value", "value": 1.23456, "correct": True, "feedback": "a"}],
     "bound 1.23456 cannot go to Canvas"),
])
def test_qti_refuses_numeric_answers_canvas_cannot_take(answers: list[dict[str, Any]], expected: str) -> None:
    with pytest.raises(QuizBankError, match=expected) as excinfo:
        to_qti(_numeric_bank(answers))
    assert "question 2 ('demo-numeric')" in str(excinfo.value)
    assert "\n" not in str(excinfo.value)


def test_qti_turns_a_text2qti_refusal_into_a_sentence() -> None:
    bank = example_bank()
    bank["questions"][1]["question"] = bank["questions"][0]["question"]   # valid, but twice
    with pytest.raises(QuizBankError) as excinfo:
        to_qti(bank)
    message = str(excinfo.value)
    assert message.startswith("quiz bank 'border_disputes', question 2 ('demo-numeric'): text2qti")
    assert "Duplicate question" in message and "\n" not in message


def test_text2qti_source_is_readable() -> None:
    """The intermediate text keeps the structure text2qti reads: one marker per element."""
    text = to_text2qti(load_bank(BANKS[0]))
    assert text.startswith("Quiz title: ") and "\nshuffle answers: true\n" in text
    assert text.count("\nTitle: ") == len(load_bank(BANKS[0])["questions"])
