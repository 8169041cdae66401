"""Faults in data files that used to pass validation and crash later, or give wrong results.

Each test breaks a copy of ``data/`` (the ``data_copy`` fixture) the way a chapter
author or a learner might, and checks that :func:`load_table` answers with one sentence
naming the file, the line and the column. Also: the cache follows content (including
the tables a foreign key reads and the descriptor), the fast path never imports
frictionless, ``lookup`` names missing rows, and ``ZHAO_COURSE_ROOT`` and a second
clone of the course are explained.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from zhao_course import data, paths
from zhao_course.data import DataError, load_table, lookup

ROOT = Path(__file__).resolve().parent.parent


# --- helpers ------------------------------------------------------------------------

def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _set_cell(data_dir: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Write ``value`` into one cell; return the line it is on (header = line 1)."""
    path = data_dir / f"{table}.csv"
    rows = _rows(path)
    col = rows[0].index(column)
    index = next(i for i, row in enumerate(rows) if row[0] == row_id)
    rows[index][col] = value
    _write_rows(path, rows)
    return index + 1  # no cell in the course's tables spans lines


def _first_id(data_dir: Path, table: str) -> str:
    return _rows(data_dir / f"{table}.csv")[1][0]


def _load_error(table: str, data_dir: Path) -> str:
    with pytest.raises(DataError) as info:
        load_table(table, data_dir)
    message = str(info.value)
    assert "Traceback" not in message
    assert f"{table}.csv" in message
    return message


def _keep_mtime(path: Path):
    """Context: edit a file but give it back its old modification time."""
    class _Keep:
        def __enter__(self) -> None:
            self.stat = path.stat()

        def __exit__(self, *exc: object) -> None:
            os.utime(path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))
    return _Keep()


@pytest.fixture
def recorded_copy(data_copy: Path) -> Path:
    """``data_copy`` with an up-to-date record, even while the chapter author edits data/."""
    if data.stale_tables(data_copy):
        data.record_validated(data_copy)
    return data_copy


# --- numbers ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("NaN", "'NaN' is not a number the course can compute with; leave the cell empty"),
        ("nan", "'nan' is not a number the course can compute with"),
        ("inf", "'inf' is infinite"),
        ("-inf", "'-inf' is infinite"),
        ("Infinity", "'Infinity' is infinite"),
        ("1e400", "'1e400' is too large: it reads as infinite"),
        ("140,7", "'140,7' is not a valid number: write decimals with a point"),
        ("4300 km", "'4300 km' is not a valid number"),
    ],
)
def test_a_number_cell_that_is_not_a_finite_number_is_named(data_copy: Path, cell: str, expected: str) -> None:
    row_id = "trade_target_2020"
    line = _set_cell(data_copy, "article_claims", row_id, "article_value", cell)
    message = _load_error("article_claims", data_copy)
    assert f"line {line}, column 'article_value': {expected}" in message


def test_nan_is_refused_in_a_number_column_without_constraints(data_copy: Path) -> None:
    spec = next(f for f in data.table_schema("article_claims", data_copy)["schema"]["fields"]
                if f["name"] == "checked_value")
    assert not spec.get("constraints"), "the test wants a number column with no constraints"
    _set_cell(data_copy, "article_claims", "trade_target_2020", "checked_value", "NaN")
    assert "column 'checked_value': 'NaN'" in _load_error("article_claims", data_copy)


@pytest.mark.parametrize(
    ("table", "column", "cell", "expected"),
    [
        ("worldbank_gdp", "value_usd", "-5", "-5 is below the minimum, 0, that datapackage.json sets"),
        ("worldbank_gdp", "value_usd", "inf", "'inf' is infinite"),
        ("worldbank_population", "value", "-1", "-1 is below the minimum, 0"),
        ("gazetteer", "lat", "95.5", "95.5 is above the maximum, 90"),
        ("article_claims", "footnote", "0", "0 is below the minimum, 1"),
        ("article_claims", "footnote", "2.5", "'2.5' is not a valid integer"),
    ],
)
def test_values_outside_the_schemas_limits_are_named(
    data_copy: Path, table: str, column: str, cell: str, expected: str
) -> None:
    line = _set_cell(data_copy, table, _first_id(data_copy, table), column, cell)
    assert f"line {line}, column '{column}': {expected}" in _load_error(table, data_copy)


# --- separators, header, empty files, encoding --------------------------------------

@pytest.mark.parametrize(("delimiter", "word"), [("\t", "tabs"), (";", "semicolons")])
def test_a_file_not_separated_by_commas_is_named(data_copy: Path, delimiter: str, word: str) -> None:
    path = data_copy / "border_timeline.csv"
    _write_rows(path, _rows(path), delimiter=delimiter)
    message = _load_error("border_timeline", data_copy)
    assert f"line 1: the file uses {word} between cells; save it as comma-separated CSV" in message


def test_rows_separated_by_tabs_under_a_comma_header_are_named(data_copy: Path) -> None:
    path = data_copy / "border_timeline.csv"
    rows = _rows(path)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(rows[0])
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(rows[1:])
    path.write_text(out.getvalue(), encoding="utf-8")
    assert "line 2: the file uses tabs between cells" in _load_error("border_timeline", data_copy)


def test_spaces_around_a_column_name_are_named(data_copy: Path) -> None:
    path = data_copy / "border_timeline.csv"
    rows = _rows(path)
    rows[0][0] = " id"
    _write_rows(path, rows)
    message = _load_error("border_timeline", data_copy)
    assert "line 1: the header row does not match the schema" in message
    assert "write ' id' as 'id'" in message


def test_a_deleted_column_is_named(data_copy: Path) -> None:
    path = data_copy / "border_timeline.csv"
    rows = _rows(path)
    col = rows[0].index("place")
    _write_rows(path, [row[:col] + row[col + 1:] for row in rows])
    message = _load_error("border_timeline", data_copy)
    assert "the column 'place' is missing" in message
    assert "not in the schema" not in message


def test_a_renamed_column_names_both_names(data_copy: Path) -> None:
    path = data_copy / "border_timeline.csv"
    rows = _rows(path)
    rows[0][rows[0].index("title")] = "titel"
    _write_rows(path, rows)
    message = _load_error("border_timeline", data_copy)
    assert "the column 'title' is missing and the column 'titel' is not in the schema" in message
    assert "'titel' for 'title'" in message


def test_columns_in_another_order_are_named(data_copy: Path) -> None:
    path = data_copy / "sources.csv"
    rows = _rows(path)
    _write_rows(path, [[row[1], row[0], *row[2:]] for row in rows])
    assert "the columns are in a different order" in _load_error("sources", data_copy)


def test_a_zero_byte_file_is_named(data_copy: Path) -> None:
    (data_copy / "gazetteer.csv").write_bytes(b"")
    assert "gazetteer.csv is empty: it has no header row and no rows" in _load_error("gazetteer", data_copy)


def test_a_header_without_rows_is_named(data_copy: Path) -> None:
    path = data_copy / "gazetteer.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "gazetteer.csv has a header row but no rows" in _load_error("gazetteer", data_copy)


def test_a_file_that_is_not_utf8_is_named_with_line_and_column(data_copy: Path) -> None:
    path = data_copy / "border_timeline.csv"
    rows = _rows(path)
    col = rows[0].index("title")
    rows[3][col] = rows[3][col] + " (café)"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("cp1252", errors="replace"))
    message = _load_error("border_timeline", data_copy)
    assert "line 4, column 'title': the file is not UTF-8 text" in message
    assert "Save it as UTF-8" in message


def test_a_utf8_byte_order_mark_is_accepted(data_copy: Path) -> None:
    path = data_copy / "gazetteer.csv"
    plain = load_table("gazetteer", data_copy)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with_bom = load_table("gazetteer", data_copy)
    assert data.last_load["gazetteer"] == "full"  # new content: frictionless accepted it too
    pd.testing.assert_frame_equal(plain, with_bom)


def test_windows_line_endings_keep_the_fast_path(recorded_copy: Path) -> None:
    data_copy = recorded_copy
    path = data_copy / "border_timeline.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert data.is_recorded("border_timeline", data_copy)
    load_table("border_timeline", data_copy)


def test_blank_lines_and_ragged_lines_are_named(data_copy: Path) -> None:
    path = data_copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    n = len(text.splitlines())
    path.write_text(text + "\nextra_source,news\n", encoding="utf-8")
    message = _load_error("sources", data_copy)
    assert f"line {n + 1}: the line is blank; delete it" in message
    assert f"line {n + 2}: the line has the wrong number of cells (2 where the header has 5" in message


def test_an_empty_required_cell_and_a_bad_pattern_are_named(data_copy: Path) -> None:
    row_id = _first_id(data_copy, "worldbank_gdp")
    line = _set_cell(data_copy, "worldbank_gdp", row_id, "code", "arm")
    _set_cell(data_copy, "worldbank_gdp", row_id, "country", "")
    message = _load_error("worldbank_gdp", data_copy)
    assert f"line {line}, column 'country': this cell must not be empty" in message
    assert f"line {line}, column 'code': 'arm' does not have the form" in message


def test_a_repeated_composite_key_is_named(data_copy: Path) -> None:
    path = data_copy / "worldbank_population.csv"
    rows = _rows(path)
    rows[2][rows[0].index("year")] = rows[1][rows[0].index("year")]
    _write_rows(path, rows)
    assert "line 3: this line repeats the key code=" in _load_error("worldbank_population", data_copy)


def test_an_unknown_enum_value_suggests_the_right_one(data_copy: Path) -> None:
    line = _set_cell(data_copy, "article_claims", "trade_target_2020", "verdict", "acurate")
    message = _load_error("article_claims", data_copy)
    assert f"line {line}, column 'verdict': 'acurate' is not one of the allowed values" in message
    assert "Did you mean 'accurate'?" in message


# --- lookup -------------------------------------------------------------------------

def test_lookup_returns_a_row_or_a_cell() -> None:
    row = lookup("border_timeline", "treaty_2001")
    assert isinstance(row, pd.Series) and row.name == "treaty_2001"
    assert row["kind"] == "treaty"
    assert lookup("border_timeline", "treaty_2001", "date") == row["date"]
    assert lookup("worldbank_population", ("CHN", 2012), "value") > 1_000_000_000


def test_lookup_names_a_missing_row(data_copy: Path) -> None:
    path = data_copy / "border_timeline.csv"
    rows = _rows(path)
    _write_rows(path, [row for row in rows if row[0] != "treaty_2001"])
    with pytest.raises(DataError) as info:
        lookup("border_timeline", "treaty_2001", data_dir=data_copy)
    message = str(info.value)
    assert "border_timeline.csv has no row with id 'treaty_2001'; the exercise needs it." in message
    assert not isinstance(info.value, KeyError)


def test_lookup_suggests_a_close_id_and_a_close_column() -> None:
    with pytest.raises(DataError, match="Did you mean 'treaty_2001'"):
        lookup("border_timeline", "treaty_2010")
    with pytest.raises(DataError, match="has no column 'titel'. Did you mean 'title'"):
        lookup("border_timeline", "treaty_2001", "titel")
    with pytest.raises(DataError, match=r"finds its rows by key \(code, year\)"):
        lookup("worldbank_population", "CHN")


def test_lookup_gives_a_copy_the_caller_may_change() -> None:
    row = lookup("border_timeline", "treaty_2001")
    row["kind"] = "changed"
    assert lookup("border_timeline", "treaty_2001", "kind") == "treaty"


# --- the cache follows content ------------------------------------------------------

def test_the_cache_follows_content_not_modification_time(data_copy: Path) -> None:
    first = load_table("border_timeline", data_copy)
    path = data_copy / "border_timeline.csv"
    with _keep_mtime(path):
        path.write_text(path.read_text(encoding="utf-8").replace(first["title"].iloc[0], "Opening talks", 1),
                        encoding="utf-8")
    assert load_table("border_timeline", data_copy)["title"].iloc[0] == "Opening talks"


def test_editing_a_foreign_key_table_revalidates_the_tables_that_read_it(recorded_copy: Path) -> None:
    data_copy = recorded_copy
    claims = load_table("article_claims", data_copy)
    assert data.last_load["article_claims"] in {"recorded", "cache"}
    used = claims["source_id"].iloc[1]
    sources = data_copy / "sources.csv"
    with _keep_mtime(sources):  # a harmless edit: the table is checked again, in full
        _set_cell(data_copy, "sources", used, "note", "edited")
    load_table("article_claims", data_copy)
    assert data.last_load["article_claims"] == "full"
    with _keep_mtime(sources):  # now remove the source the claims cite
        _write_rows(sources, [row for row in _rows(sources) if row[0] != used])
    message = _load_error("article_claims", data_copy)
    assert f"column 'source_id': '{used}' is not an id listed in sources.csv" in message


def test_editing_the_descriptor_revalidates(data_copy: Path) -> None:
    load_table("article_claims", data_copy)
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    claims = next(r for r in descriptor["resources"] if r["name"] == "article_claims")
    verdict = next(f for f in claims["schema"]["fields"] if f["name"] == "verdict")
    verdict["constraints"]["enum"].remove("accurate")
    with _keep_mtime(path):
        path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert "'accurate' is not one of the allowed values" in _load_error("article_claims", data_copy)


def test_each_load_returns_a_fresh_copy() -> None:
    first = load_table("sources")
    first.loc[0, "id"] = "changed"
    assert load_table("sources").loc[0, "id"] != "changed"


# --- the record of validated content ------------------------------------------------

def test_a_stale_record_names_the_command_to_run(recorded_copy: Path) -> None:
    data_copy = recorded_copy
    assert data.stale_tables(data_copy) == []
    _set_cell(data_copy, "sources", _first_id(data_copy, "sources"), "note", "edited")
    assert data.stale_tables(data_copy) == ["sources"]
    assert not data.is_recorded("article_claims", data_copy)  # it reads sources.csv
    assert data.is_recorded("border_timeline", data_copy) is False
    cmd = [sys.executable, "-m", "zhao_course.data", "check", "--data-dir", str(data_copy)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert "out of date for: sources" in out.stderr
    assert "Run `python -m zhao_course.data record`" in out.stderr
    assert "RuntimeWarning" not in out.stderr and "Traceback" not in out.stderr


def test_record_writes_what_passed_and_refuses_a_broken_table(data_copy: Path) -> None:
    _set_cell(data_copy, "sources", _first_id(data_copy, "sources"), "note", "edited")
    data.record_validated(data_copy)
    assert data.stale_tables(data_copy) == []
    before = (data_copy / "validated.json").read_bytes()
    _set_cell(data_copy, "gazetteer", _first_id(data_copy, "gazetteer"), "lat", "NaN")
    with pytest.raises(DataError, match="'NaN' is not a number"):
        data.record_validated(data_copy)
    assert (data_copy / "validated.json").read_bytes() == before


def test_a_missing_record_means_full_validation(data_copy: Path) -> None:
    (data_copy / "validated.json").unlink()
    assert not data.is_recorded("gazetteer", data_copy)
    _set_cell(data_copy, "gazetteer", _first_id(data_copy, "gazetteer"), "note", "new note")  # new content
    load_table("gazetteer", data_copy)
    assert data.last_load["gazetteer"] == "full"


def test_the_fast_path_never_imports_frictionless(recorded_copy: Path) -> None:
    code = ("import sys, zhao_course.data as d\n"
            "for name in d.table_names(sys.argv[1]): d.load_table(name, sys.argv[1])\n"
            "d.lookup('border_timeline', 'treaty_2001', data_dir=sys.argv[1])\n"
            "print('frictionless' in sys.modules, 'full' in d.last_load.values())")
    out = subprocess.run([sys.executable, "-c", code, str(recorded_copy)], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False False"


def test_a_changed_table_is_validated_with_frictionless_in_a_fresh_process(data_copy: Path) -> None:
    _set_cell(data_copy, "gazetteer", _first_id(data_copy, "gazetteer"), "note", "changed")
    code = ("import sys, zhao_course.data as d\n"
            "d.load_table('gazetteer', sys.argv[1])\n"
            "print('frictionless' in sys.modules, d.last_load['gazetteer'])")
    out = subprocess.run([sys.executable, "-c", code, str(data_copy)], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "True full", out.stderr


# --- ZHAO_COURSE_ROOT and other clones ----------------------------------------------

def _python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != paths.ENV_VAR}
    environ.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=environ)


@pytest.mark.parametrize("make", ["missing", "empty", "data"])
def test_a_wrong_zhao_course_root_is_named(tmp_path: Path, make: str) -> None:
    folder = tmp_path / "course"
    if make != "missing":
        folder.mkdir()
    if make == "data":  # pointed at the data folder itself
        (folder / "datapackage.json").write_text("{}", encoding="utf-8")
    out = _python("from zhao_course import load_table\n"
                  "try:\n    load_table('sources')\nexcept Exception as e:\n    print(type(e).__name__, e)",
                  ROOT, ZHAO_COURSE_ROOT=str(folder))
    assert out.stdout.startswith(f"DataError ZHAO_COURSE_ROOT is set to {folder}, "), out.stdout + out.stderr
    assert "unset it or point it at the course folder" in out.stdout
    expected = {"missing": "a folder that does not exist", "empty": "which has no data/datapackage.json",
                "data": f"looks like the data folder itself (use {tmp_path} instead)"}[make]
    assert expected in out.stdout


def test_root_problem_is_none_for_the_course_and_names_the_variable(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    assert paths.root_problem() is None
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(paths, "FROM_ENV", True)
    assert paths.root_problem().startswith(f"ZHAO_COURSE_ROOT is set to {tmp_path}, which has no data/")
    with pytest.raises(DataError, match="ZHAO_COURSE_ROOT is set to"):
        load_table("sources")
    monkeypatch.setattr(paths, "FROM_ENV", False)
    assert "pip install -e ." in paths.root_problem()


def _fake_clone(tmp_path: Path) -> Path:
    clone = tmp_path / "other_course"
    (clone / "data").mkdir(parents=True)
    (clone / "zhao_course").mkdir()
    (clone / "notebooks").mkdir()
    (clone / "data" / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    return clone


def test_a_notebook_in_another_clone_is_told_once(tmp_path: Path) -> None:
    clone = _fake_clone(tmp_path)
    out = _python("import zhao_course, zhao_course.paths as p\nfrom zhao_course import load_table\n"
                  "p.warn_if_other_clone()", clone / "notebooks")
    assert out.returncode == 0, out.stderr
    expected = (f"Warning: This notebook is in {clone.resolve()} but the zhao_course package in use comes "
                f"from {paths.PACKAGE_ROOT}")
    assert out.stderr.count(expected) == 1, out.stderr
    assert "pip install -e ." in out.stderr and "Traceback" not in out.stderr


def test_a_notebook_in_its_own_clone_is_not_warned() -> None:
    out = _python("import zhao_course", ROOT / "notebooks")
    assert out.returncode == 0 and out.stderr == ""
    assert paths.other_clone_message(ROOT / "notebooks") is None
    assert paths.other_clone_message(Path("/")) is None
