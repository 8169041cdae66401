"""Rebuild ``data/worldbank_gdp_vintages.csv`` from the git history of github.com/datasets/gdp.

The Frictionless "core dataset" github.com/datasets/gdp packages the World Bank's GDP in
current US dollars (indicator NY.GDP.MKTP.CD) as ``data/gdp.csv``; each commit that
changed that file is one copy of the World Bank's figures as they stood when the copy
was made. This script reads every such copy and keeps China's and Russia's values for a
few years, so the course can show how the World Bank revised them::

    git clone https://github.com/datasets/gdp /tmp/gdp
    python scripts/extract_gdp_vintages.py --repo /tmp/gdp

(Licence of the data: ODC-PDDL-1.0.) Then run ``python -m zhao_course.data record``.

What it does, in order:

1. ``git log --format="%h %ad" --date=short -- data/gdp.csv``: every commit that changed
   the file, oldest first. Each copy is labelled by that commit (7 characters) and its
   author date as git shows it, which is the day the copy was made in the repository,
   not the day the World Bank published the release.
2. For each commit, ``git show <commit>:data/gdp.csv``; keep the rows of CHN and RUS
   for :data:`YEARS`, with the value as printed (no rounding).
3. Mark the upload of 2024-10-20 (commit a50bef4) as broken: in it Russia's values for
   1990-1993 are its values for 2018-2021 (the script checks this against the next
   copy), and the next day's commit 1cdcd2e, "Updating the dataset with correct data",
   replaced it. Its rows are kept, marked ``broken upload``, so the fault can be seen;
   the course's checks leave them out.

The output is sorted by date, country code and year, and written with a header; running
the script twice on the same repository gives the same file.
"""
from __future__ import annotations

import argparse
import csv
import io
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "worldbank_gdp_vintages.csv"
CODES = ("CHN", "RUS")
YEARS = (1990, 2000, 2010, 2011, 2012, 2013, 2014)
#: Copies known to be broken, with what replaced them.
BROKEN = {"a50bef4": "1cdcd2e"}
COLUMNS = ["vintage_commit", "vintage_date", "country", "code", "year", "value_usd", "copy_status", "source_id"]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def copies(repo: Path) -> list[tuple[str, str]]:
    """(commit, date) of every commit that changed data/gdp.csv, oldest first."""
    log = _git(repo, "log", "--format=%h %ad", "--date=short", "--abbrev=7", "--", "data/gdp.csv")
    return [tuple(line.split()) for line in reversed(log.strip().splitlines())]  # type: ignore[misc]


def read_copy(repo: Path, commit: str) -> dict[tuple[str, int], tuple[str, str]]:
    """(code, year) -> (country name, value as printed) for one copy of data/gdp.csv."""
    text = _git(repo, "show", f"{commit}:data/gdp.csv")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        out[(row["Country Code"], int(row["Year"]))] = (row["Country Name"], row["Value"])
    return out


def check_broken(repo: Path, commit: str, replacement: str) -> None:
    """Fail unless Russia's 1990-1993 in ``commit`` are its 2018-2021 in ``replacement``."""
    bad, good = read_copy(repo, commit), read_copy(repo, replacement)
    for shift, year in enumerate(range(1990, 1994)):
        if float(bad[("RUS", year)][1]) != float(good[("RUS", 2018 + shift)][1]):
            raise SystemExit(f"{commit}: Russia {year} is not its {2018 + shift} value of {replacement}; check BROKEN.")


def extract(repo: Path) -> list[dict[str, str]]:
    rows = []
    for commit, date in copies(repo):
        if commit in BROKEN:
            check_broken(repo, commit, BROKEN[commit])
        data = read_copy(repo, commit)
        for code in CODES:
            for year in YEARS:
                if (code, year) not in data or not data[(code, year)][1]:
                    continue
                country, value = data[(code, year)]
                rows.append({"vintage_commit": commit, "vintage_date": date, "country": country, "code": code,
                             "year": str(year), "value_usd": value,
                             "copy_status": "broken upload" if commit in BROKEN else "ok",
                             "source_id": "worldbank_wdi_vintages"})
    rows.sort(key=lambda r: (r["vintage_date"], r["code"], int(r["year"])))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, required=True, help="a clone of github.com/datasets/gdp (full history)")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = extract(args.repo)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    head = _git(args.repo, "log", "-1", "--format=%h %ad", "--date=short").strip()
    print(f"{len(rows)} rows from {len(copies(args.repo))} copies (repository head {head}) -> {args.out}")


if __name__ == "__main__":
    main()
