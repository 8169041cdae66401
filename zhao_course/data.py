"""Load the course's data tables and check them against their schemas.

Every table in ``data/`` is described in ``data/datapackage.json`` (a Frictionless Data
Package: fields, types, units, constraints, foreign keys). :func:`load_table` hands back
a pandas DataFrame with the schema's types, so a chapter never computes with a
malformed file. Anything wrong (a missing or empty file, a file that is not UTF-8 or
not comma-separated, a renamed column, a bad date, ``NaN`` in a number column, an
unknown verdict, a source that ``sources.csv`` does not list) raises
:class:`DataError`, whose message names the file, the line and the column.

Two levels of checking:

* every load reads the file itself (Python's ``csv`` and pandas) and checks the
  structure, the types and the schema's ``required``, ``enum``, ``pattern``,
  ``minimum``/``maximum``, ``unique``, primary and foreign keys: a few milliseconds;
* full validation with the ``frictionless`` library (slow to import) runs only when
  the content is not known to be valid. ``data/validated.json`` records the sha256 of
  every table file and schema that passed full validation; it is written by
  ``python -m zhao_course.data record`` and checked by the tests. A learner who edits
  a CSV gets full validation; the course's own files load fast.

Results are cached by content (the table's file, its schema, and the tables its
foreign keys read), never by modification time.

Example:
    >>> from zhao_course.data import load_table, lookup
    >>> claims = load_table("article_claims")
    >>> claims.loc[claims["id"] == "russia_area", "verdict"].item()
    'wrong'
    >>> lookup("article_claims", "russia_area", "verdict")
    'wrong'
"""
from __future__ import annotations

import argparse
import codecs
import csv
import difflib
import hashlib
import io
import json
import math
import re
import sys
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from zhao_course import paths

DESCRIPTOR = "datapackage.json"
RECORD = "validated.json"
RECORD_COMMAND = "python -m zhao_course.data record"
MAX_SHOWN = 10
_CACHE_SIZE = 64

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+(?:,[0-9]+)+")
_NOT_FINITE = {"nan", "inf", "infinity"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DataError(ValueError):
    """A data file is missing or does not match its schema.

    The message is a plain sentence naming the file, and where it applies the line
    (as a spreadsheet or text editor numbers it, header = line 1) and the column.
    In a notebook it shows as that sentence alone, without a stack of library frames.

    Example:
        >>> DataError("data/x.csv, line 2: bad.")._render_traceback_()
        ['DataError: data/x.csv, line 2: bad.']
    """

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the sentence, nothing else."""
        return [f"{type(self).__name__}: {self}"]


# ------------------------------------------------------------------------------------
# Where things are
# ------------------------------------------------------------------------------------
def _data_dir(data_dir: Path | str | None = None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    problem = paths.root_problem()
    if problem:
        raise DataError(problem)
    return Path(paths.DATA_DIR)


def _relative(path: Path) -> str:
    """``data/x.csv`` for a file of the course, the full path for any other file."""
    try:
        return Path(path).relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def _restore_hint(path: Path) -> str:
    rel = _relative(path)
    return f" (`git checkout -- {rel}` restores the course's copy)" if not Path(rel).is_absolute() else ""


def read_descriptor(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Read ``datapackage.json`` and return it as a dict.

    Example:
        >>> names = [r["name"] for r in read_descriptor()["resources"]]
        >>> "border_timeline" in names
        True
    """
    path = _data_dir(data_dir) / DESCRIPTOR
    if not path.exists():
        raise DataError(f"{_relative(path)} is missing: the course cannot find its data tables.")
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise DataError(f"{_relative(path)} is not UTF-8 text; save it as UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{_relative(path)} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError(f"{_relative(path)} has no list of 'resources'.")
    return descriptor


def table_names(data_dir: Path | str | None = None) -> list[str]:
    """Names of the tables described in ``datapackage.json``.

    Example:
        >>> "gazetteer" in table_names()
        True
    """
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def _resource(descriptor: dict[str, Any], name: Any) -> dict[str, Any]:
    resources = {r.get("name"): r for r in descriptor["resources"] if isinstance(r, dict)}
    if not isinstance(name, str) or name not in resources:
        names = [n for n in resources if isinstance(n, str)]
        close = difflib.get_close_matches(str(name), names, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise DataError(f"There is no table called {name!r}.{hint} The tables are: {', '.join(sorted(names))}.")
    resource = resources[name]
    if not isinstance(resource.get("path"), str) or not isinstance(resource.get("schema", {}).get("fields"), list):
        raise DataError(f"{DESCRIPTOR} describes the table '{name}' without a 'path' or a list of schema 'fields'.")
    return resource


def table_schema(name: str, data_dir: Path | str | None = None) -> dict[str, Any]:
    """The resource descriptor (path, description, schema) of one table.

    Example:
        >>> [f["name"] for f in table_schema("sources")["schema"]["fields"]][:2]
        ['id', 'kind']
    """
    return _resource(read_descriptor(data_dir), name)


def _references(resource: dict[str, Any]) -> list[tuple[list[str], str, list[str]]]:
    """The foreign keys of a resource as (fields, referenced table, referenced fields)."""
    found = []
    for key in resource["schema"].get("foreignKeys", []) or []:
        def as_list(value: Any) -> list[str]:
            return [value] if isinstance(value, str) else list(value or [])
        reference = key.get("reference", {})
        table = reference.get("resource") or resource["name"]  # "" = the table itself
        found.append((as_list(key.get("fields")), table, as_list(reference.get("fields"))))
    return found


# ------------------------------------------------------------------------------------
# Content fingerprints and the record of validated content
# ------------------------------------------------------------------------------------
def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(raw: bytes) -> str:
    """sha256 of a file with CRLF line endings read as LF (git on Windows may convert them)."""
    return _digest(raw.replace(b"\r\n", b"\n"))


def _schema_digest(resource: dict[str, Any]) -> str:
    return _digest(json.dumps(resource, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{_relative(path)} is missing: the table '{name}' cannot be loaded.") from None
    except OSError as exc:
        raise DataError(f"{_relative(path)} cannot be read ({exc.strerror or exc}).") from None


@dataclass
class _State:
    """What a table's validity depends on: its bytes, its schema, its referenced tables."""

    name: str
    resource: dict[str, Any]
    path: Path
    raw: bytes
    prints: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> {"file", "schema"}

    @property
    def key(self) -> str:
        return _digest(json.dumps(self.prints, sort_keys=True).encode())


def _state(name: str, descriptor: dict[str, Any], data_dir: Path) -> _State:
    resource = _resource(descriptor, name)
    path = data_dir / resource["path"]
    raw = _read_bytes(path, name)
    state = _State(name, resource, path, raw)
    state.prints[name] = {"file": _file_digest(raw), "schema": _schema_digest(resource)}
    for _, table, _ in _references(resource):
        if table not in state.prints:
            other = _resource(descriptor, table)
            state.prints[table] = {
                "file": _file_digest(_read_bytes(data_dir / other["path"], table)),
                "schema": _schema_digest(other),
            }
    return state


def read_record(data_dir: Path | str | None = None) -> dict[str, dict[str, str]]:
    """The fingerprints in ``data/validated.json`` (empty if it is missing or unreadable).

    Example:
        >>> "sources" in read_record()
        True
    """
    try:
        record = json.loads((_data_dir(data_dir) / RECORD).read_text(encoding="utf-8"))
        tables = record["tables"]
        return tables if isinstance(tables, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _is_recorded(state: _State, record: dict[str, dict[str, str]]) -> bool:
    return all(record.get(table) == print_ for table, print_ in state.prints.items())


def fingerprints(data_dir: Path | str | None = None) -> dict[str, dict[str, str]]:
    """The sha256 of every table's file and schema as they are now.

    Example:
        >>> sorted(fingerprints()["sources"])
        ['file', 'schema']
    """
    data_dir = _data_dir(data_dir)
    descriptor = read_descriptor(data_dir)
    prints: dict[str, dict[str, str]] = {}
    for name in table_names(data_dir):
        prints.update(_state(name, descriptor, data_dir).prints)
    return prints


def stale_tables(data_dir: Path | str | None = None) -> list[str]:
    """Tables whose file or schema differs from ``data/validated.json``.

    Such tables are validated fully (with frictionless) on every first load; after
    checking them, run ``python -m zhao_course.data record`` and commit the record.

    Example:
        >>> isinstance(stale_tables(), list)
        True
    """
    record = read_record(data_dir)
    return [name for name, print_ in fingerprints(data_dir).items() if record.get(name) != print_]


def is_recorded(name: str, data_dir: Path | str | None = None) -> bool:
    """Whether the table, its schema and the tables its foreign keys read are exactly
    as recorded in ``data/validated.json`` (so loading it skips frictionless).

    Example:
        >>> is_recorded("article_claims") in (True, False)
        True
    """
    data_dir = _data_dir(data_dir)
    return _is_recorded(_state(name, read_descriptor(data_dir), data_dir), read_record(data_dir))


def record_validated(data_dir: Path | str | None = None) -> Path:
    """Validate every table fully, then write ``data/validated.json``; return its path.

    This is what ``python -m zhao_course.data record`` runs. Nothing is written if a
    table fails (the :class:`DataError` says which and where).
    """
    data_dir = _data_dir(data_dir)
    validate_all(data_dir, full=True)
    record = {
        "about": (
            f"Written by `{RECORD_COMMAND}` after every table passed full validation with "
            "frictionless. load_table skips frictionless for a table whose file and schema, "
            "and those of the tables its foreign keys read, have exactly these sha256 hashes "
            "(file: the CSV with CRLF read as LF; schema: the table's entry in datapackage.json "
            "as JSON with sorted keys). Do not edit by hand: run the command again."
        ),
        "tables": fingerprints(data_dir),
    }
    target = data_dir / RECORD
    target.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


# ------------------------------------------------------------------------------------
# Reading a CSV: encoding, separator, header, cells
# ------------------------------------------------------------------------------------
def _decode(raw: bytes, path: Path, fields: list[str]) -> str:
    rel = _relative(path)
    if not raw.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise DataError(f"{rel} is empty: it has no header row and no rows. Put the table back{_restore_hint(path)}.")
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark (Excel's "CSV UTF-8") is fine
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        before = raw[line_start:exc.start].decode("utf-8", errors="replace")
        column = ""
        if line > 1:
            index = len(next(csv.reader([before]), [""])) - 1
            column = f", column '{fields[index]}'" if 0 <= index < len(fields) else ""
        raise DataError(
            f"{rel}, line {line}{column}: the file is not UTF-8 text (it has the byte "
            f"0x{raw[exc.start]:02x}, so it was probably saved as Windows-1252 or Latin-1). "
            "Save it as UTF-8: in Excel choose 'CSV UTF-8', in LibreOffice the character set "
            "'Unicode (UTF-8)'."
        ) from None


def _separator_word(line: str, expected: int) -> str | None:
    """'tabs' or 'semicolons' if the line reads as cells split by them instead of commas."""
    for separator, word in (("\t", "tabs"), (";", "semicolons")):
        cells = next(csv.reader([line], delimiter=separator), [])
        commas = next(csv.reader([line]), [])
        if len(cells) > len(commas) and len(cells) >= min(expected, 2):
            return word
    return None


def _separator_error(rel: str, line_number: int, word: str) -> DataError:
    return DataError(
        f"{rel}, line {line_number}: the file uses {word} between cells; save it as "
        "comma-separated CSV (in Excel: 'CSV UTF-8 (Comma delimited)'; in LibreOffice: "
        "field delimiter ',')."
    )


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _check_header(header: list[str], first_line: str, fields: list[str], rel: str) -> None:
    """Raise a sentence for a header that does not list the schema's columns in order."""
    if header == fields:
        return
    word = _separator_word(first_line, len(fields))
    if word:
        raise _separator_error(rel, 1, word)
    where = f"{rel}, line 1: the header row does not match the schema in {DESCRIPTOR}"
    spaced = [h for h in header if h != h.strip() and h.strip()]
    if spaced:
        fixes = ", ".join(f"{h!r} as '{h.strip()}'" for h in spaced)
        raise DataError(f"{where}: column names must have no spaces around them; write {fixes}.")
    if any(not h for h in header):
        raise DataError(f"{where}: column {header.index('') + 1} has no name.")
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise DataError(f"{where}: the column {_quoted(repeated)} appears more than once.")
    missing = [f for f in fields if f not in header]
    unexpected = [h for h in header if h not in fields]
    parts = []
    if missing:
        parts.append(f"the column{'s' if len(missing) > 1 else ''} {_quoted(missing)} "
                     f"{'are' if len(missing) > 1 else 'is'} missing")
    if unexpected:
        parts.append(f"the column{'s' if len(unexpected) > 1 else ''} {_quoted(unexpected)} "
                     f"{'are' if len(unexpected) > 1 else 'is'} not in the schema")
    if parts:
        guesses = [f"'{u}' for '{c[0]}'" for u in unexpected
                   for c in [difflib.get_close_matches(u, missing, n=1)] if c]
        guess = f" (renamed? {', '.join(guesses)})" if guesses else ""
        raise DataError(f"{where}: {' and '.join(parts)}{guess}. The chapters read the columns "
                        f"by these names: {', '.join(fields)}.")
    raise DataError(f"{where}: the columns are in a different order; put them in this order: "
                    f"{', '.join(fields)}.")


@dataclass
class _Problems:
    """Problems found in one file, each with the line it is on."""

    rel: str
    found: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int, column: str | None, what: str) -> None:
        where = f"{self.rel}, line {line}" + (f", column '{column}'" if column else "")
        self.found.append((line, f"{where}: {what}"))

    def raise_if_any(self) -> None:
        if not self.found:
            return
        found = sorted(self.found, key=lambda p: p[0])
        if len(found) == 1:
            raise DataError(found[0][1])
        shown = [text for _, text in found[:MAX_SHOWN]]
        more = f"\n(and {len(found) - MAX_SHOWN} more problems)" if len(found) > MAX_SHOWN else ""
        raise DataError(f"{self.rel} does not match its schema ({len(found)} problems):\n- "
                        + "\n- ".join(shown) + more)


def _read_rows(text: str, path: Path, fields: list[str]) -> tuple[list[int], list[list[str]]]:
    """The data rows of a CSV text and the line each starts on; checks the header."""
    rel = _relative(path)
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    problems = _Problems(rel)
    numbers: list[int] = []
    rows: list[list[str]] = []
    try:
        header = next(reader, [])
        _check_header(header, lines[0] if lines else "", fields, rel)
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                problems.add(start, None, "the line is blank; delete it (a blank line reads as a row with no values).")
            elif len(row) != len(fields):
                word = _separator_word(lines[start - 1], len(fields)) if len(row) < len(fields) else None
                if word:
                    raise _separator_error(rel, start, word)
                problems.add(start, None, f"the line has the wrong number of cells ({len(row)} where the "
                             f"header has {len(fields)}; a cell that contains a comma must be in double quotes).")
            else:
                numbers.append(start)
                rows.append(row)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"{rel}, line {reader.line_num}: the line cannot be read as CSV ({exc}).") from None
    problems.raise_if_any()
    if not rows:
        raise DataError(f"{rel} has a header row but no rows; the chapters need its rows. "
                        f"Put them back{_restore_hint(path)}.")
    return numbers, rows


# ------------------------------------------------------------------------------------
# Types and constraints, column by column
# ------------------------------------------------------------------------------------
def _number_problem(cell: str) -> str | None:
    """Why a cell is not a finite number, or None if it is one."""
    word = cell.strip().lstrip("+-").lower()
    if word in _NOT_FINITE:
        if word == "nan":
            return (f"{cell!r} is not a number the course can compute with; leave the cell empty "
                    "if the value is unknown.")
        return f"{cell!r} is infinite; write the actual number, or leave the cell empty if it is unknown."
    if _DECIMAL_COMMA.fullmatch(cell):
        return (f"{cell!r} is not a valid number: write decimals with a point and no thousands "
                "separators (e.g. 4300 or 140.7).")
    if not _NUMBER.fullmatch(cell):
        return f"{cell!r} is not a valid number."
    if not math.isfinite(float(cell)):
        return f"{cell!r} is too large: it reads as infinite."
    return None


def _typed(column: pd.Series, kind: str, name: str, lines: list[int], problems: _Problems) -> pd.Series:
    """The column converted to the schema's type; bad cells are reported and left empty."""
    cells = column.tolist()
    filled = [cell != "" for cell in cells]
    if kind == "integer":
        values: list[Any] = []
        for line, cell, has in zip(lines, cells, filled):
            ok = has and _INTEGER.fullmatch(cell) and abs(int(cell)) < 2**63
            if has and not ok:
                problems.add(line, name, f"{cell!r} is not a valid integer (a whole number such as 42).")
            values.append(int(cell) if ok else pd.NA)
        return pd.Series(pd.array(values, dtype="Int64"), index=column.index)
    if kind == "number":
        numbers: list[float] = []
        for line, cell, has in zip(lines, cells, filled):
            why = _number_problem(cell) if has else None
            if why:
                problems.add(line, name, why)
            numbers.append(float(cell) if has and not why else math.nan)
        return pd.Series(numbers, index=column.index, dtype="float64")
    if kind == "date":
        text = column.where([has and bool(_DATE.fullmatch(c)) for c, has in zip(cells, filled)], None)
        dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        for line, cell, has, date in zip(lines, cells, filled, dates):
            if has and pd.isna(date):
                problems.add(line, name, f"{cell!r} is not a valid date (write it as YYYY-MM-DD, e.g. 1964-02-01).")
        return dates
    return column


def _check_constraints(frame: pd.DataFrame, typed: pd.Series, spec: dict[str, Any], lines: list[int],
                       problems: _Problems, required: bool) -> None:
    """required, enum, pattern, length, minimum/maximum and unique for one column."""
    name, rules = spec["name"], spec.get("constraints", {}) or {}
    cells = frame[name].tolist()
    enum = rules.get("enum")
    pattern = re.compile(rules["pattern"]) if isinstance(rules.get("pattern"), str) else None
    low, high = rules.get("minimum"), rules.get("maximum")
    numeric = spec.get("type") in {"integer", "number"}
    for line, cell, value in zip(lines, cells, typed.tolist()):
        if cell == "":
            if required or rules.get("required"):
                problems.add(line, name, "this cell must not be empty.")
            continue
        if enum is not None and spec.get("type", "string") == "string" and cell not in enum:
            close = difflib.get_close_matches(cell, [str(e) for e in enum], n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.add(line, name, f"{cell!r} is not one of the allowed values ({', '.join(map(str, enum))}).{hint}")
        if pattern is not None and not pattern.fullmatch(cell):
            problems.add(line, name, f"{cell!r} does not have the form the schema asks for ({pattern.pattern}).")
        if "minLength" in rules and len(cell) < rules["minLength"]:
            problems.add(line, name, f"{cell!r} is shorter than {rules['minLength']} characters.")
        if "maxLength" in rules and len(cell) > rules["maxLength"]:
            problems.add(line, name, f"{cell!r} is longer than {rules['maxLength']} characters.")
        if numeric and not pd.isna(value):
            if low is not None and value < low:
                problems.add(line, name, f"{cell} is below the minimum, {low}, that {DESCRIPTOR} sets for this column.")
            if high is not None and value > high:
                problems.add(line, name, f"{cell} is above the maximum, {high}, that {DESCRIPTOR} sets for this column.")
    if rules.get("unique"):
        _check_unique(frame, [name], lines, problems)


def _check_unique(frame: pd.DataFrame, key: list[str], lines: list[int], problems: _Problems) -> None:
    """Report every row whose (non-empty) key repeats an earlier row's."""
    first: dict[tuple[str, ...], int] = {}
    for line, values in zip(lines, frame[key].itertuples(index=False, name=None)):
        if "" in values:
            continue
        if values in first:
            if len(key) == 1:
                problems.add(line, key[0], f"{values[0]!r} appears more than once (first on line "
                             f"{first[values]}), but each value must be unique.")
            else:
                shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, values))
                problems.add(line, None, f"this line repeats the key {shown} of line {first[values]}.")
        else:
            first[values] = line


def _check_foreign_keys(frame: pd.DataFrame, resource: dict[str, Any], lines: list[int],
                        problems: _Problems, data_dir: Path, descriptor: dict[str, Any]) -> None:
    for fields, table, ref_fields in _references(resource):
        if table == resource["name"]:
            target = frame
        else:
            target = _load(table, data_dir)
        target_file = Path(_resource(descriptor, table)["path"]).name
        missing_cols = [f for f in ref_fields if f not in target.columns]
        if missing_cols or len(fields) != len(ref_fields):
            continue  # a broken descriptor: frictionless reports it in full validation
        known = set(target[ref_fields].astype(str).itertuples(index=False, name=None))
        for line, values in zip(lines, frame[fields].itertuples(index=False, name=None)):
            if "" in values or values in known:
                continue
            if len(fields) == 1:
                problems.add(line, fields[0], f"{values[0]!r} is not an id listed in {target_file}.")
            else:
                problems.add(line, None, f"{values!r} (columns {', '.join(fields)}) is not listed in {target_file}.")


def _parse(state: _State, data_dir: Path, descriptor: dict[str, Any]) -> pd.DataFrame:
    """Read and check one table's bytes; return the typed DataFrame or raise DataError."""
    specs = state.resource["schema"]["fields"]
    names = [spec["name"] for spec in specs]
    text = _decode(state.raw, state.path, names)
    lines, rows = _read_rows(text, state.path, names)
    frame = pd.DataFrame(rows, columns=names, dtype=str)
    problems = _Problems(_relative(state.path))
    key = state.resource["schema"].get("primaryKey") or []
    key = [key] if isinstance(key, str) else list(key)
    typed = {}
    for spec in specs:
        name = spec["name"]
        typed[name] = _typed(frame[name], spec.get("type", "string"), name, lines, problems)
        _check_constraints(frame, typed[name], spec, lines, problems, required=name in key)
    if len(key) > 1 and all(k in names for k in key):
        _check_unique(frame, key, lines, problems)
    problems.raise_if_any()
    _check_foreign_keys(frame, state.resource, lines, problems, data_dir, descriptor)
    problems.raise_if_any()
    for name, column in typed.items():
        frame[name] = column
    return frame


# ------------------------------------------------------------------------------------
# Full validation with frictionless (tests, CI, and content not known to be valid)
# ------------------------------------------------------------------------------------
def _describe_error(error: dict[str, Any], path: str) -> str:
    """One sentence for one frictionless error."""
    kind = error.get("type", "")
    line = error.get("rowNumber")
    column = error.get("fieldName")
    cell = error.get("cell")
    where = path
    if line:
        where += f", line {line}"
    if column:
        where += f", column '{column}'"
    note = error.get("note", "")
    if kind == "type-error":
        return f"{where}: {cell!r} is not a valid {note.split('type is ')[-1].strip(chr(34)).split('/')[0]}."
    if kind == "constraint-error" and "required" in note:
        return f"{where}: this cell must not be empty."
    if kind == "constraint-error" and "enum" in note:
        return f"{where}: {cell!r} is not one of the allowed values ({note.split(' is ', 1)[-1]})."
    if kind == "constraint-error":
        return f"{where}: {cell!r} breaks the rule {note}."
    if kind == "unique-error":
        return f"{where}: {cell!r} appears more than once, but each value must be unique."
    if kind == "primary-key":
        return f"{where}: this line repeats the key of an earlier line."
    if kind == "foreign-key":
        match = re.search(r'for "(.+?)": values "(.+?)" not found in the lookup table "(.+?)"', note)
        if match:
            column, value, table = match.groups()
            return f"{path}, line {line}, column '{column}': {value!r} is not an id listed in {table}.csv."
        return f"{where}: {note}"
    if kind in {"missing-label", "extra-label", "incorrect-label", "blank-label", "duplicate-label"}:
        return f"{path}: the header row does not match the schema ({error.get('message', note)})."
    if kind in {"extra-cell", "missing-cell"}:
        return f"{where}: the line has the wrong number of cells ({kind.replace('-', ' ')})."
    return f"{where}: {error.get('message', note or kind)}"


def _frictionless_check(name: str, data_dir: Path, path: Path) -> None:
    """Validate one table with frictionless; raise DataError listing what it found."""
    import frictionless  # slow to import: only here, never on the fast path

    rel = _relative(path)
    package = frictionless.Package(str(data_dir / DESCRIPTOR))
    report = frictionless.validate(package.get_resource(name), limit_errors=20)
    if report.valid:
        return
    errors = [e.to_descriptor() for task in report.tasks for e in task.errors] + [
        e.to_descriptor() for e in report.errors
    ]
    # a line with the wrong number of cells explains the errors that follow it
    errors.sort(key=lambda e: (e.get("rowNumber") or 0, e.get("type") not in {"extra-cell", "missing-cell"}))
    lines = [_describe_error(e, rel) for e in errors[:MAX_SHOWN]]
    more = f"\n(and {len(errors) - MAX_SHOWN} more problems)" if len(errors) > MAX_SHOWN else ""
    raise DataError(f"{rel} does not match its schema:\n- " + "\n- ".join(lines) + more)


# ------------------------------------------------------------------------------------
# Loading, with a cache that follows content
# ------------------------------------------------------------------------------------
_frames: dict[tuple[str, str], pd.DataFrame] = {}
_fully_validated: set[str] = set()
#: How the last call to :func:`load_table` got its table, per table name: "cache",
#: "recorded" (checked, frictionless skipped) or "full" (checked and frictionless run).
last_load: dict[str, str] = {}


def _load(name: str, data_dir: Path, full: bool = False) -> pd.DataFrame:
    """The checked table (shared: do not modify), from the cache when the content is known."""
    descriptor = read_descriptor(data_dir)
    state = _state(name, descriptor, data_dir)
    cache_key = (name, state.key)
    need_full = state.key not in _fully_validated and (full or not _is_recorded(state, read_record(data_dir)))
    if cache_key in _frames and not need_full:
        last_load[name] = "cache"
        return _frames[cache_key]
    frame = _parse(state, data_dir, descriptor)
    if need_full:
        _frictionless_check(name, data_dir, state.path)
        _fully_validated.add(state.key)
    last_load[name] = "full" if need_full else "recorded"
    if len(_frames) >= _CACHE_SIZE:
        _frames.pop(next(iter(_frames)))
    _frames[cache_key] = frame
    return frame


def load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Check one table against ``datapackage.json`` and return it as a DataFrame.

    Columns get the schema's types: ``integer`` as nullable ``Int64``, ``number`` as
    float, ``date`` as datetime, everything else as text (empty cells as ``""``).
    Results are cached by content; each call returns a fresh copy that is yours to change.
    The slow full validation (frictionless) runs only for content that
    ``data/validated.json`` does not list.

    Raises:
        DataError: the table is unknown, its file is missing, empty, not UTF-8 or not
            comma-separated, its header differs from the schema, or a cell breaks the
            schema (the message names file, line and column).

    Example:
        >>> timeline = load_table("border_timeline")
        >>> timeline.iloc[0]["date"].year
        1964
    """
    return _load(name, _data_dir(data_dir)).copy()


def validate_table(name: str, data_dir: Path | str | None = None) -> None:
    """Validate one table fully: the loader's checks and frictionless, whatever the record says.

    Example:
        >>> validate_table("sources")
    """
    _load(name, _data_dir(data_dir), full=True)


def validate_all(data_dir: Path | str | None = None, full: bool = True) -> None:
    """Validate every table (fully by default); raise :class:`DataError` for the first that fails.

    Example:
        >>> validate_all(full=False)
    """
    data_dir = _data_dir(data_dir)
    for name in table_names(data_dir):
        _load(name, data_dir, full=full)


def _key_columns(name: str, data_dir: Path) -> list[str]:
    schema = table_schema(name, data_dir)["schema"]
    key = schema.get("primaryKey") or ["id"]
    return [key] if isinstance(key, str) else list(key)


def _missing_row_advice(frame: pd.DataFrame, key: list[str], wanted: tuple[Any, ...], path: Path) -> str:
    """What to do about a missing row: a close id if there is one, else how to restore the file."""
    restore = f"Put the row back{_restore_hint(path)}"
    if len(key) == 1:
        close = difflib.get_close_matches(str(wanted[0]), frame[key[0]].astype(str).tolist(), n=1)
        if close:
            return f"Did you mean '{close[0]}'? If not, {restore[0].lower()}{restore[1:]}."
    return f"{restore} or check the id's spelling."


def is_true(value: Any) -> bool:
    """Read a cell of a boolean column as the tables store it ("true" or "false").

    ``load_table`` keeps every cell as it is written in the CSV, so a boolean column such
    as ``touches_argument`` holds the strings "true" and "false"; this turns one into a bool.

    Example:
        >>> is_true("true"), is_true(" True "), is_true("false"), is_true(True)
        (True, True, False, True)
    """
    return str(value).strip().lower() in {"true", "1", "yes"}


def lookup(table: str, row_id: Hashable, column: str | None = None,
           data_dir: Path | str | None = None) -> Any:
    """One row of a table (a Series) or one cell, found by the row's ``id``.

    Use it wherever an exercise or a chapter needs a particular row: a row that is
    missing gives a sentence naming the file and the id, not a ``KeyError``. For a
    table whose key has several columns (the World Bank tables: ``code`` and ``year``)
    give the key as a tuple.

    Raises:
        DataError: the table, the row or the column does not exist.

    Example:
        >>> lookup("border_timeline", "treaty_2001", "date").year
        2001
        >>> lookup("border_timeline", "treaty_2001")["kind"]
        'treaty'
        >>> int(lookup("worldbank_population", ("RUS", 2012), "value")) > 140_000_000
        True
        >>> lookup("border_timeline", "moon_landing_1969")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        zhao_course.data.DataError: data/border_timeline.csv has no row with id 'moon_landing_1969'; the exercise needs it. Put the row back (...) or check the id's spelling.
    """
    data_dir = _data_dir(data_dir)
    frame = _load(table, data_dir)
    rel = _relative(data_dir / table_schema(table, data_dir)["path"])
    key = _key_columns(table, data_dir)
    wanted = row_id if isinstance(row_id, tuple) else (row_id,)
    label = "id" if key == ["id"] else "key (" + ", ".join(key) + ")"
    shown = repr(row_id if len(wanted) == 1 else tuple(wanted))
    if len(wanted) != len(key) or not all(k in frame.columns for k in key):
        raise DataError(f"{rel} finds its rows by {label}: give {len(key)} value(s), not {shown}.")
    mask = pd.Series(True, index=frame.index)
    for k, value in zip(key, wanted):
        mask &= frame[k].astype(str) == str(value)
    if not mask.any():
        raise DataError(f"{rel} has no row with {label} {shown}; the exercise needs it. "
                        + _missing_row_advice(frame, key, wanted, data_dir / table_schema(table, data_dir)["path"]))
    row = frame[mask].iloc[0].copy()
    row.name = wanted[0] if len(wanted) == 1 else tuple(wanted)
    if column is None:
        return row
    if column not in frame.columns:
        close = difflib.get_close_matches(str(column), list(frame.columns), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise DataError(f"{rel} has no column {column!r}.{hint} Its columns are: {', '.join(frame.columns)}.")
    return row[column]


# ------------------------------------------------------------------------------------
# Command line: python -m zhao_course.data record | check | validate
# ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """``record``: validate fully and write data/validated.json; ``check``: is the record
    up to date?; ``validate``: validate every table fully. Exit 0 if fine, 1 if the record
    is stale, 2 if a table is broken."""
    parser = argparse.ArgumentParser(prog="python -m zhao_course.data",
                                     description="Validate the course's data tables and record what passed.")
    parser.add_argument("command", choices=["record", "check", "validate"])
    parser.add_argument("--data-dir", default=None, help="folder with datapackage.json (default: the course's data/)")
    args = parser.parse_args(argv)
    try:
        if args.command == "record":
            target = record_validated(args.data_dir)
            print(f"Every table passed full validation; wrote {_relative(target)}. Commit it with the data.")
        elif args.command == "validate":
            validate_all(args.data_dir, full=True)
            print("Every table passed full validation.")
        else:
            stale = stale_tables(args.data_dir)
            if stale:
                print(f"{RECORD} is out of date for: {', '.join(stale)}. Run `{RECORD_COMMAND}` and commit "
                      f"data/{RECORD}.", file=sys.stderr)
                return 1
            print(f"{RECORD} is up to date.")
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    # run the imported module's main, so there is one zhao_course.data (one DataError class)
    from zhao_course.data import main as _main

    sys.exit(_main())
