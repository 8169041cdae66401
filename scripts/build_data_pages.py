"""Write the site's generated pages: one page per data table, and the chapter times.

    python scripts/build_data_pages.py          # (re)write the pages
    python scripts/build_data_pages.py --check  # exit 1, naming the files, if a fresh
                                                # generation differs from what is committed

What it writes (nothing else):

- ``book/data/index.md``: every table of ``data/datapackage.json`` with its description,
  row count and download link, the package's licence, and the map layers in ``data/geo/``;
- ``book/data/<table>.md`` for each resource: its description, row count, a download link
  to the CSV (Sphinx's ``{download}`` role, so the built site serves the file itself), its
  fields (name, type, unit, description, constraints), the sources its ``source_id``
  column cites, resolved through ``data/sources.csv`` (citation and link), and its schema;
- in ``book/index.md``, the table of chapter times between the two ``% chapter-times``
  comment lines: each chapter's time as its notebook's own "**Time:**" line gives it;
- in ``_toc.yml``, the part "Reference: data tables" between the two ``# data-pages``
  comment lines: the index, then every table's page.

Text from the data is escaped so MyST reads it as text: ``$`` is not maths, ``{`` is not
a role, ``*`` is not emphasis, ``|`` does not split a table cell.

``tests/test_data_pages.py`` fails when a committed page differs from a fresh
generation, so after editing ``data/datapackage.json``, a table, ``data/sources.csv``, a
chapter's "**Time:**" line or ``_toc.yml``, run this script and commit what it wrote.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = "data"
PAGES_DIR = "book/data"
LANDING_PAGE = "book/index.md"
TOC = "_toc.yml"
CHAPTERS_CAPTION = "Chapters"
TIMES_START = "% chapter-times: start (written by scripts/build_data_pages.py; do not edit by hand)"
TIMES_END = "% chapter-times: end"
TOC_START = "# data-pages: start (written by scripts/build_data_pages.py; do not edit by hand)"
TOC_END = "# data-pages: end"
TOC_CAPTION = "Reference: data tables"
HEADER = ("% Written by scripts/build_data_pages.py from data/datapackage.json; do not edit.\n"
          "% Run `python scripts/build_data_pages.py` after changing the data.\n\n")

# ASCII punctuation MyST could read as markup. CommonMark lets a backslash escape any
# ASCII punctuation, so escaping these is always safe; the common harmless ones
# (. , ; : ( ) ' " / ? % = @ -) are left alone so the source stays readable.
_MARKUP = set("\\`*_{}[]<>#|$~^&!+")
_URL = re.compile(r"https?://[^\s<>\"]+")
_URL_TRAILING = ".,;:)]'\""
_LIST_START = re.compile(r"^(\d+)([.)])")


def escape(text: str) -> str:
    """Text for a MyST page: markup characters escaped, URLs made into links.

    Newlines become spaces (the text may sit in a table cell).

    Example:
        >>> escape("US$ 90 bn | {cite} *new*")
        'US\\\\$ 90 bn \\\\| \\\\{cite\\\\} \\\\*new\\\\*'
        >>> escape("see https://example.org/a_b.")
        'see <https://example.org/a_b>.'
        >>> escape("1. first")
        '1\\\\. first'
    """
    text = " ".join(str(text).split())
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        # keep a closing bracket that belongs to the URL, e.g. .../Foo_(bar)
        while url.count("(") > url.count(")") and text[match.start() + len(url):][:1] == ")":
            url += ")"
        out.append(_escape_plain(text[pos:match.start()]))
        out.append(f"<{url}>")
        pos = match.start() + len(url)
    out.append(_escape_plain(text[pos:]))
    escaped = "".join(out)
    # a paragraph that starts "1." or "1)" would become a numbered list
    return _LIST_START.sub(r"\1\\\2", escaped)


def _escape_plain(text: str) -> str:
    return "".join("\\" + ch if ch in _MARKUP else ch for ch in text)


def role_text(text: str) -> str:
    """Text for the title part of a role such as ``{doc}`title <target>```: a role's
    content is not parsed as Markdown, so nothing is escaped, but a backtick would end the
    role and ``<`` would start the target.

    Example:
        >>> role_text("A <b> `c`")
        "A ‹b› 'c'"
    """
    return " ".join(str(text).split()).replace("`", "'").replace("<", "‹").replace(">", "›")


def code(text: str) -> str:
    """Inline code, with a fence longer than any run of backticks inside and ``|`` escaped
    (the text may sit in a table cell).

    Example:
        >>> code("[a-z]|x")
        '`[a-z]\\\\|x`'
    """
    text = str(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# ------------------------------------------------------------------------------------
# Data pages
# ------------------------------------------------------------------------------------
def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _source_ids(rows: list[dict[str, str]]) -> list[str]:
    """The distinct ``source_id`` values of a table, in order of first use."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in re.split(r"[;\s]+", row.get("source_id") or ""):
            if key:
                seen.setdefault(key, None)
    return list(seen)


def _constraints(field: dict) -> str:
    parts = []
    spec = field.get("constraints", {})
    if spec.get("required"):
        parts.append("required")
    if spec.get("unique"):
        parts.append("unique")
    if "enum" in spec:
        parts.append("one of " + ", ".join(code(v) for v in spec["enum"]))
    if "minimum" in spec:
        parts.append(f"minimum {code(spec['minimum'])}")
    if "maximum" in spec:
        parts.append(f"maximum {code(spec['maximum'])}")
    if "pattern" in spec:
        parts.append(f"matches {code(spec['pattern'])}")
    known = {"required", "unique", "enum", "minimum", "maximum", "pattern"}
    for key in sorted(set(spec) - known):
        parts.append(f"{escape(key)} {code(json.dumps(spec[key], ensure_ascii=False))}")
    return "; ".join(parts) or "—"


def _fields_table(fields: list[dict]) -> list[str]:
    lines = ["| field | type | unit | description | constraints |",
             "| --- | --- | --- | --- | --- |"]
    for field in fields:
        lines.append(
            f"| {code(field['name'])} | {escape(field.get('type', 'string'))} "
            f"| {escape(field['unit']) if field.get('unit') else '—'} "
            f"| {escape(field.get('description', '')) or '—'} | {_constraints(field)} |")
    return lines


def _foreign_keys(schema: dict) -> list[str]:
    lines = []
    for key in schema.get("foreignKeys", []):
        ref = key["reference"]
        target = ref.get("resource") or "this table"
        lines.append(f"- {', '.join(code(f) for f in key['fields'])} refers to "
                     f"{', '.join(code(f) for f in ref['fields'])} in "
                     + (f"{{doc}}`{target} <{target}>`" if ref.get("resource") else target))
    return lines


def resource_page(resource: dict, rows: list[dict[str, str]],
                  sources: dict[str, dict[str, str]]) -> str:
    """The MyST page of one Data Package resource.

    Example:
        >>> page = resource_page(
        ...     {"name": "t", "path": "t.csv", "description": "Costs in $.",
        ...      "schema": {"fields": [{"name": "source_id", "type": "string",
        ...                             "description": "Source."}]}},
        ...     [{"source_id": "s1"}],
        ...     {"s1": {"id": "s1", "citation": "A *book*", "url": "https://example.org"}})
        >>> "Costs in \\\\$." in page and "{download}`t.csv </data/t.csv>`" in page
        True
        >>> "A \\\\*book\\\\* <https://example.org>" in page
        True
    """
    name, path = resource["name"], resource["path"]
    schema = resource["schema"]
    readme = Path(path).with_suffix(".md").as_posix()
    # The heading breaks between words at phone width: a resource's title if it has one,
    # else its name with spaces for underscores (the name itself is in the download line).
    title = resource.get("title") or name.replace("_", " ")
    lines = [f"# Table: {escape(title)}", ""]
    lines += [escape(resource.get("description", "")), ""]
    lines += [
        f"- **Rows:** {len(rows):,} (not counting the header row).",
        f"- **Download:** {{download}}`{path} </{DATA_DIR}/{path}>` "
        f"({escape(resource.get('format', 'csv')).upper()}, "
        f"{escape(resource.get('encoding', 'utf-8')).upper()}, with a header row).",
        f"- **How it was made:** the table's README, {{download}}`{readme} </{DATA_DIR}/{readme}>`.",
        "",
        "To read it in Python (the second form, in the course, also checks it against the "
        "schema below):",
        "",
        "```python",
        "import pandas as pd",
        f'table = pd.read_csv("{path}")',
        "",
        "from zhao_course.data import load_table",
        f'table = load_table("{name}")',
        "```",
        "",
        "## Fields",
        "",
    ]
    lines += _fields_table(schema["fields"])
    lines += ["", "## Sources", ""]
    if any(f["name"] == "source_id" for f in schema["fields"]):
        ids = _source_ids(rows)
        lines += [f"The {len(ids)} source{'s' if len(ids) != 1 else ''} that the table's "
                  f"`source_id` column cites, in order of first use (from "
                  f"{{doc}}`sources <sources>`):", ""]
        for key in ids:
            source = sources.get(key)
            if source is None:
                raise ValueError(f"{path}: source_id {key!r} is not in sources.csv")
            url = (source.get("url") or "").strip()
            link = f" <{url}>" if url else ""
            lines.append(f"- {code(key)}: {escape(source['citation'])}{link}")
    else:
        lines.append("This table has no `source_id` column"
                     + (": it is the list of sources the other tables cite."
                        if name == "sources" else "."))
    lines += ["", "## Schema", ""]
    if schema.get("primaryKey"):
        lines.append(f"Primary key: {', '.join(code(f) for f in schema['primaryKey'])}.")
        lines.append("")
    foreign = _foreign_keys(schema)
    if foreign:
        lines += ["Foreign keys:", ""] + foreign + [""]
    lines += [f"The resource as `data/datapackage.json` describes it "
              f"([Frictionless Table Schema](https://specs.frictionlessdata.io/table-schema/)):",
              "", "```json", json.dumps(resource, indent=2, ensure_ascii=False), "```", ""]
    return HEADER + "\n".join(lines)


def index_page(package: dict, counts: dict[str, int], geo_files: list[str]) -> str:
    """The index of the data pages: every table with its description, rows and download.

    Example:
        >>> page = index_page({"title": "D", "description": "All.", "resources": [
        ...     {"name": "t", "path": "t.csv", "description": "T | U."}]}, {"t": 3}, [])
        >>> "| {doc}`t <t>` | T \\\\| U. | 3 | {download}`t.csv </data/t.csv>` |" in page
        True
    """
    lines = ["# Data tables", "",
             "Every figure, date and place the course shows comes from one of these tables. "
             "They are in the repository's `data/` folder and described by a "
             "[Frictionless Data Package](https://specs.frictionlessdata.io/data-package/), "
             f"{{download}}`datapackage.json </{DATA_DIR}/datapackage.json>`, from which "
             "these pages are generated: download a table, read its fields and units, and "
             "follow its sources to reuse the data.", ""]
    if package.get("description"):
        lines += [f"{escape(package['description'])}", ""]
    licences = package.get("licenses", [])
    if licences:
        names = ", ".join(
            f"[{escape(l.get('title') or l['name'])}]({l['path']})" if l.get("path")
            else escape(l.get("title") or l["name"]) for l in licences)
        lines += [f"Licence of the package: {names}, unless a table's README "
                  "(linked from its page) names another, such as the World Bank's for its "
                  "extracts.", ""]
    lines += ["| table | what it holds | rows | download |", "| --- | --- | --- | --- |"]
    for res in package["resources"]:
        lines.append(f"| {{doc}}`{res['name']} <{res['name']}>` | "
                     f"{escape(res.get('description', ''))} | {counts[res['name']]:,} | "
                     f"{{download}}`{res['path']} </{DATA_DIR}/{res['path']}>` |")
    lines.append("")
    if geo_files:
        lines += ["## Map layers", "",
                  "The maps are drawn from GeoJSON layers in `data/geo/`. They are not "
                  "tables of the Data Package; their README gives their source, licence "
                  f"and how they were made: {{download}}`geo/README.md </{DATA_DIR}/geo/README.md>`.",
                  ""]
        lines += [f"- {{download}}`geo/{rel} </{DATA_DIR}/geo/{rel}>`" for rel in geo_files]
        lines.append("")
    return HEADER + "\n".join(lines)


def data_pages(root: Path = ROOT) -> dict[str, str]:
    """Every data page, keyed by its path relative to ``root``.

    Example:
        >>> pages = data_pages()
        >>> "book/data/index.md" in pages and "book/data/sources.md" in pages
        True
    """
    data_dir = root / DATA_DIR
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    sources = {row["id"]: row for row in _read_csv(data_dir / "sources.csv")}
    pages: dict[str, str] = {}
    counts: dict[str, int] = {}
    for res in package["resources"]:
        rows = _read_csv(data_dir / res["path"])
        counts[res["name"]] = len(rows)
        pages[f"{PAGES_DIR}/{res['name']}.md"] = resource_page(res, rows, sources)
    geo = data_dir / "geo"
    geo_files = sorted(p.relative_to(geo).as_posix() for p in geo.rglob("*.geojson")) \
        if geo.is_dir() else []
    pages[f"{PAGES_DIR}/index.md"] = index_page(package, counts, geo_files)
    return pages


# ------------------------------------------------------------------------------------
# Chapter times on the landing page
# ------------------------------------------------------------------------------------
@dataclass
class ChapterTime:
    """A chapter and its time, as the notebook's "**Time:**" line gives it."""

    docname: str
    title: str
    text: str              # the line after "**Time:**", up to the next bold label
    total: int             # minutes, everything included
    reading: int | None    # minutes to read
    quiz: int | None       # minutes for the quiz


_TIME_LINE = re.compile(r"\*\*Time:\*\*\s*(.*?)\s*(?:\*\*[A-Z][^*]*:\*\*|$)")


def parse_time(text: str) -> tuple[int, int | None, int | None]:
    """(total, reading, quiz) minutes from a chapter's "**Time:**" text.

    The total is "about N minutes" plus any "plus M"; reading is "N to read" (or the first
    of "(N and M)" right after "to read and do"); the quiz is "N for the quiz".

    Example:
        >>> parse_time("about 65 minutes: 25 to read, 35 for the six exercises, 5 for the quiz")
        (65, 25, 5)
        >>> parse_time("about 65 minutes to read and do the five exercises (25 and 35), "
        ...            "plus 15 for the quiz")
        (80, 25, 15)
    """
    about = re.search(r"about (\d+) minutes", text)
    if not about:
        raise ValueError(f"no 'about N minutes' in the time line {text!r}")
    total = int(about.group(1)) + sum(int(m) for m in re.findall(r"plus (\d+)", text))
    reading = re.search(r"\b(\d+) to read", text) or re.search(
        r"to read and do [^(]*\((\d+) and \d+\)", text)
    quiz = re.search(r"\b(\d+) for the quiz", text)
    return (total, int(reading.group(1)) if reading else None,
            int(quiz.group(1)) if quiz else None)


def _toc_chapters(root: Path) -> list[str]:
    import yaml

    toc = yaml.safe_load((root / TOC).read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        if part.get("caption") == CHAPTERS_CAPTION:
            return [entry["file"] for entry in part["chapters"]]
    raise ValueError(f"{TOC} has no part captioned {CHAPTERS_CAPTION!r}")


def chapter_times(root: Path = ROOT) -> list[ChapterTime]:
    """Each chapter of ``_toc.yml``'s "Chapters" part, in order, with its time.

    Example:
        >>> times = chapter_times()
        >>> times[0].docname, times[0].total
        ('notebooks/01_introduction', 65)
    """
    out = []
    for docname in _toc_chapters(root):
        nb = json.loads((root / f"{docname}.ipynb").read_text(encoding="utf-8"))
        title, text = None, None
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            source = "".join(cell["source"])
            for line in source.splitlines():
                if title is None and line.startswith("# "):
                    title = line[2:].strip()
                match = _TIME_LINE.search(line)
                if text is None and match:
                    text = match.group(1).rstrip(".")
        if title is None or text is None:
            raise ValueError(f"{docname}.ipynb has no '# ' title or no '**Time:**' line")
        out.append(ChapterTime(docname, title, text, *parse_time(text)))
    return out


def _minutes(value: int | None) -> str:
    return "—" if value is None else f"{value} min"


def chapter_times_block(times: list[ChapterTime]) -> str:
    """The landing page's table of chapter times, one row per chapter.

    Example:
        >>> block = chapter_times_block([ChapterTime("notebooks/x", "X", "about 65 minutes: "
        ...     "25 to read, 35 for the exercises, 5 for the quiz", 65, 25, 5)])
        >>> "| 1 | {doc}`X </notebooks/x>` | about 65 min | about 75–80 min | about 30 min |" in block
        True
    """
    lines = [TIMES_START, "",
             "| no. | chapter | self-study | classroom | reading |",
             "| --- | --- | --- | --- | --- |"]
    for number, ch in enumerate(times, start=1):
        reading = (f"about {ch.reading + (ch.quiz or 0)} min"
                   if ch.reading is not None else "—")
        lines.append(f"| {number} | {{doc}}`{role_text(ch.title)} </{ch.docname}>` "
                     f"| about {ch.total} min | about {ch.total + 10}–{ch.total + 15} min "
                     f"| {reading} |")
    total = sum(ch.total for ch in times)
    read = sum(ch.reading + (ch.quiz or 0) for ch in times if ch.reading is not None)
    lines.append(f"| | **all {len(times)} chapters** | **about {total / 60:.1f} h** "
                 f"| **about {(total + 10 * len(times)) / 60:.1f}–"
                 f"{(total + 15 * len(times)) / 60:.1f} h** | **about {read / 60:.1f} h** |")
    lines += ["", "Each chapter's own estimate, from the line under its title:", ""]
    for number, ch in enumerate(times, start=1):
        lines.append(f"{number}. {escape(ch.title)} — {escape(ch.text)}.")
    lines += ["", TIMES_END]
    return "\n".join(lines)


def landing_page(current: str, times: list[ChapterTime]) -> str:
    """``book/index.md`` with the block between the chapter-times comments rewritten.

    Example:
        >>> page = landing_page(f"Intro\\n{TIMES_START}\\nold\\n{TIMES_END}\\nEnd\\n", [])
        >>> page.startswith("Intro\\n% chapter-times") and page.endswith(f"{TIMES_END}\\nEnd\\n")
        True
    """
    start, end = current.find(TIMES_START), current.find(TIMES_END)
    if start < 0 or end < start:
        raise ValueError(f"{LANDING_PAGE} has no '{TIMES_START}' ... '{TIMES_END}' block")
    return current[:start] + chapter_times_block(times) + current[end + len(TIMES_END):]


# ------------------------------------------------------------------------------------
def _replace_block(current: str, start: str, end: str, block: str, where: str) -> str:
    """``current`` with the text from the line holding ``start`` to the line holding
    ``end`` replaced by ``block`` (which carries its own marker lines)."""
    first, last = current.find(start), current.find(end)
    if first < 0 or last < first:
        raise ValueError(f"{where} has no '{start}' ... '{end}' block")
    line_start = current.rfind("\n", 0, first) + 1
    line_end = current.find("\n", last)
    line_end = len(current) if line_end < 0 else line_end
    return current[:line_start] + block + current[line_end:]


def toc_block(package: dict, indent: str = "  ") -> str:
    """The ``_toc.yml`` part of the data pages: the index, then each table, all at one
    level (a nested list would give every page's sidebar a toggle with no accessible name,
    pydata-sphinx-theme's ``<summary>`` holding only an icon).

    Example:
        >>> print(toc_block({"resources": [{"name": "t"}]}, indent=""))
        # data-pages: start (written by scripts/build_data_pages.py; do not edit by hand)
        - caption: "Reference: data tables"
          chapters:
            - file: book/data/index
            - file: book/data/t
        # data-pages: end
    """
    lines = [f"{indent}{TOC_START}", f'{indent}- caption: "{TOC_CAPTION}"', f"{indent}  chapters:",
             f"{indent}    - file: {PAGES_DIR}/index"]
    lines += [f"{indent}    - file: {PAGES_DIR}/{res['name']}" for res in package["resources"]]
    lines.append(f"{indent}{TOC_END}")
    return "\n".join(lines)


def generated_files(root: Path = ROOT) -> dict[str, str]:
    """Every file this script writes, keyed by path relative to ``root``, as it should be now."""
    files = data_pages(root)
    current = (root / LANDING_PAGE).read_text(encoding="utf-8")
    files[LANDING_PAGE] = landing_page(current, chapter_times(root))
    package = json.loads((root / DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    toc = (root / TOC).read_text(encoding="utf-8")
    files[TOC] = _replace_block(toc, TOC_START, TOC_END, toc_block(package), TOC)
    return files


def stale_files(root: Path = ROOT) -> list[str]:
    """Paths (relative to ``root``) whose committed text differs from a fresh generation,
    and generated-looking pages in ``book/data/`` that no resource produces any more.

    Example:
        >>> stale_files()
        []
    """
    files = generated_files(root)
    stale = [rel for rel, text in files.items()
             if not (root / rel).exists() or (root / rel).read_text(encoding="utf-8") != text]
    extra = [p.relative_to(root).as_posix() for p in sorted((root / PAGES_DIR).glob("*.md"))
             if p.relative_to(root).as_posix() not in files]
    return stale + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a page differs from a fresh generation")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for rel in stale:
            print(f"out of date: {rel}")
        if stale:
            print("run: python scripts/build_data_pages.py")
        return 1 if stale else 0
    (ROOT / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    files = generated_files()
    for rel, text in files.items():
        path = ROOT / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    for p in sorted((ROOT / PAGES_DIR).glob("*.md")):
        if p.relative_to(ROOT).as_posix() not in files:
            p.unlink()
            print(f"removed {p.relative_to(ROOT).as_posix()} (no such table any more)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
