"""Load the course's data tables and check them against their schemas.

Every table in ``data/`` is described in ``data/datapackage.json`` (a Frictionless Data
Package: fields, types, units, constraints, foreign keys). :func:`load_table` validates
a table with the ``frictionless`` library before it hands back a pandas DataFrame with
the schema's types, so a chapter never computes with a malformed file. Anything wrong
(a missing file, a bad date, an unknown verdict, a source that ``sources.csv`` does not
list) raises :class:`DataError`, whose message names the file, the line and the column.

Example:
    >>> from zhao_course.data import load_table
    >>> claims = load_table("article_claims")
    >>> claims.loc[claims["id"] == "russia_area", "verdict"].item()
    'wrong'
"""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from zhao_course import paths

DESCRIPTOR = "datapackage.json"


class DataError(ValueError):
    """A data file is missing or does not match its schema.

    The message is a plain sentence naming the file, and where it applies the line
    (as a spreadsheet or text editor numbers it, header = line 1) and the column.
    In a notebook it shows as that sentence alone, without a stack of library frames.
    """

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the sentence, nothing else."""
        return [f"{type(self).__name__}: {self}"]


def _data_dir() -> Path:
    return Path(paths.DATA_DIR)


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def read_descriptor(data_dir: Path | None = None) -> dict[str, Any]:
    """Read ``datapackage.json`` and return it as a dict.

    Example:
        >>> names = [r["name"] for r in read_descriptor()["resources"]]
        >>> "border_timeline" in names
        True
    """
    data_dir = Path(data_dir) if data_dir is not None else _data_dir()
    path = data_dir / DESCRIPTOR
    if not path.exists():
        raise DataError(f"{_relative(path)} is missing: the course cannot find its data tables.")
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{_relative(path)} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError(f"{_relative(path)} has no list of 'resources'.")
    return descriptor


def table_names(data_dir: Path | None = None) -> list[str]:
    """Names of the tables described in ``datapackage.json``.

    Example:
        >>> "gazetteer" in table_names()
        True
    """
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def table_schema(name: str, data_dir: Path | None = None) -> dict[str, Any]:
    """The resource descriptor (path, description, schema) of one table.

    Example:
        >>> [f["name"] for f in table_schema("sources")["schema"]["fields"]][:2]
        ['id', 'kind']
    """
    resources = {r["name"]: r for r in read_descriptor(data_dir)["resources"]}
    if not isinstance(name, str) or name not in resources:
        close = difflib.get_close_matches(str(name), list(resources), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise DataError(
            f"There is no table called {name!r}.{hint} The tables are: {', '.join(sorted(resources))}."
        )
    return resources[name]


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


@lru_cache(maxsize=None)
def _validated(name: str, data_dir: str, stamp: float) -> pd.DataFrame:
    import frictionless  # imported here: it is slow to import and only needed on first load

    resource_desc = table_schema(name, Path(data_dir))
    path = Path(data_dir) / resource_desc["path"]
    rel = _relative(path)
    if not path.exists():
        raise DataError(f"{rel} is missing: the table '{name}' cannot be loaded.")
    package = frictionless.Package(str(Path(data_dir) / DESCRIPTOR))
    resource = package.get_resource(name)
    report = frictionless.validate(resource, limit_errors=20)
    if not report.valid:
        errors = [e.to_descriptor() for task in report.tasks for e in task.errors] + [
            e.to_descriptor() for e in report.errors
        ]
        # a line with the wrong number of cells explains the errors that follow it
        errors.sort(key=lambda e: (e.get("rowNumber") or 0, e.get("type") not in {"extra-cell", "missing-cell"}))
        lines = [_describe_error(e, rel) for e in errors[:10]]
        more = f"\n(and {len(errors) - 10} more problems)" if len(errors) > 10 else ""
        raise DataError("The data file does not match its schema:\n- " + "\n- ".join(lines) + more)
    return _read_typed(path, resource_desc["schema"]["fields"])


def _read_typed(path: Path, fields: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for field in fields:
        column, kind = field["name"], field.get("type", "string")
        if kind == "integer":
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
        elif kind == "number":
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("float64")
        elif kind == "date":
            frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
    return frame


def load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Validate one table against ``datapackage.json`` and return it as a DataFrame.

    Columns get the schema's types: ``integer`` as nullable ``Int64``, ``number`` as
    float, ``date`` as datetime, everything else as text (empty cells as ``""``).
    Results are cached until the file changes; each call returns a fresh copy.

    Raises:
        DataError: the table is unknown, its file is missing, or a cell breaks the
            schema (the message names file, line and column).

    Example:
        >>> timeline = load_table("border_timeline")
        >>> timeline.iloc[0]["date"].year
        1964
    """
    data_dir = Path(data_dir) if data_dir is not None else _data_dir()
    resource_desc = table_schema(name, data_dir)
    path = data_dir / resource_desc["path"]
    stamp = max(p.stat().st_mtime_ns for p in (path, data_dir / DESCRIPTOR) if p.exists())
    return _validated(name, str(data_dir), stamp).copy()


def validate_all(data_dir: Path | str | None = None) -> None:
    """Validate every table; raise :class:`DataError` for the first one that fails.

    Example:
        >>> validate_all()
    """
    for name in table_names(Path(data_dir) if data_dir is not None else None):
        load_table(name, data_dir)
