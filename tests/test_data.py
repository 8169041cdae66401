"""Data tests: every table matches its schema, carries provenance, and agrees with the others."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from zhao_course.data import RECORD_COMMAND, DataError, load_table, stale_tables, table_names, validate_all

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def test_every_table_validates() -> None:
    validate_all(full=True)  # the loader's checks and frictionless, whatever the record says


def test_the_record_of_validated_data_is_up_to_date() -> None:
    """data/validated.json lets learners skip frictionless; it must list the data as it is."""
    stale = stale_tables()
    assert not stale, (
        f"data/validated.json is out of date for: {', '.join(stale)}. If the tables validate "
        f"(test_every_table_validates), run `.venv/bin/{RECORD_COMMAND}` and commit data/validated.json."
    )


def test_every_csv_in_data_is_described() -> None:
    described = {r["path"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]}
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert on_disk == described


@pytest.mark.parametrize("name", table_names())
def test_every_table_has_a_readme_with_a_column_dictionary(name: str) -> None:
    readme = DATA / f"{name}.md"
    assert readme.exists(), f"data/{name}.md is missing"
    text = readme.read_text(encoding="utf-8")
    for heading in ("Source", "How it was made", "Columns"):
        assert heading in text, f"data/{name}.md has no '{heading}' section"
    schema = json.loads((DATA / "datapackage.json").read_text())
    fields = next(r for r in schema["resources"] if r["name"] == name)["schema"]["fields"]
    for field in fields:
        assert f"`{field['name']}`" in text, f"data/{name}.md does not describe column {field['name']}"


@pytest.mark.parametrize("name", [n for n in table_names() if n != "sources"])
def test_every_row_names_a_source(name: str) -> None:
    table = load_table(name)
    assert (table["source_id"].str.len() > 0).all()
    assert set(table["source_id"]) <= set(load_table("sources")["id"])


def test_timeline_is_in_date_order_and_spans_1964_to_2008() -> None:
    timeline = load_table("border_timeline")
    assert timeline["date"].is_monotonic_increasing
    assert timeline["date"].iloc[0].year == 1964
    assert timeline["date"].iloc[-1].year == 2008


def test_timeline_dates_respect_their_precision() -> None:
    timeline = load_table("border_timeline")
    for _, row in timeline.iterrows():
        if row["date_precision"] in ("month", "year"):
            assert row["date"].day == 1, row["id"]
        if row["date_precision"] == "year":
            assert row["date"].month == 1, row["id"]


def test_article_dates_appear_where_the_article_speaks() -> None:
    timeline = load_table("border_timeline")
    mentioned = timeline["verdict"] != "not_in_article"
    assert (timeline.loc[mentioned, "article_date"] != "").all()
    assert (timeline.loc[~mentioned, "article_date"] == "").all()
    # an accurate dating must name the same year as the checked date
    for _, row in timeline[timeline["verdict"] == "accurate"].iterrows():
        assert str(row["date"].year) in row["article_date"], row["id"]


def test_wrong_verdicts_keep_both_values() -> None:
    claims = load_table("article_claims")
    for _, row in claims[claims["verdict"].isin(["wrong", "overstated", "revised"])].iterrows():
        assert row["article_says"] and row["checked_says"], row["id"]


def test_unverified_claims_have_no_checked_value() -> None:
    claims = load_table("article_claims")
    unverified = claims[claims["verdict"] == "not_verified"]
    assert unverified["checked_value"].isna().all()


def test_the_article_is_not_given_a_border_total_it_does_not_state() -> None:
    """The article gives 'over 4,300 km' and '50 km in the West', never a sum: no constructed article value."""
    claims = load_table("article_claims").set_index("id")
    assert pd.isna(claims.loc["border_length_total", "article_value"])
    assert claims.loc["border_length_main", "checked_value"] == claims.loc["border_length_main", "article_value"]


def _population(code: str, year: int) -> int:
    pop = load_table("worldbank_population")
    return int(pop[(pop["code"] == code) & (pop["year"] == year)]["value"].item())


def _gdp(code: str, year: int) -> float:
    gdp = load_table("worldbank_gdp")
    return float(gdp[(gdp["code"] == code) & (gdp["year"] == year)]["value_usd"].item())


def test_checked_population_figures_match_the_world_bank_table() -> None:
    claims = load_table("article_claims").set_index("id")
    assert claims.loc["russia_population", "checked_value"] == round(_population("RUS", 2012) / 1e6, 3)
    assert claims.loc["china_population", "checked_value"] == round(_population("CHN", 2012) / 1e9, 3)
    share = 100 * _population("CHN", 2012) / _population("WLD", 2012)
    assert claims.loc["china_world_share", "checked_value"] == round(share, 1)


def test_checked_gdp_figures_match_the_world_bank_table() -> None:
    claims = load_table("article_claims").set_index("id")
    assert claims.loc["gdp_2012_russia", "checked_value"] == round(_gdp("RUS", 2012) / 1e12, 4)
    assert claims.loc["gdp_2012_china", "checked_value"] == round(_gdp("CHN", 2012) / 1e12, 4)


def test_article_gdp_for_russia_matches_an_earlier_world_bank_release() -> None:
    vintages = load_table("worldbank_gdp_vintages")
    claims = load_table("article_claims").set_index("id")
    russia_2012 = vintages[(vintages["code"] == "RUS") & (vintages["year"] == 2012)]
    closest = (russia_2012["value_usd"] / 1e12 - claims.loc["gdp_2012_russia", "article_value"]).abs().min()
    assert closest < 0.005


# --- the loader's errors name file, line and column ---------------------------------

def _break(data_dir: Path, table: str, old: str, new: str) -> None:
    path = data_dir / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("1964-02-01", "1964-13-01", "line 2, column 'date': '1964-13-01' is not a valid date"),
        (",accurate,medium,fravel2008,", ",acurate,medium,fravel2008,", "column 'verdict': 'acurate' is not one of"),
        (",accurate,medium,fravel2008,", ",accurate,medium,nosuch,", "column 'source_id': 'nosuch' is not an id listed in sources.csv"),
        ("talks_1964_break", "talks_1964_open", "'talks_1964_open' appears more than once"),
        ("id,date,", "ident,date,", "the header row does not match the schema"),
        ("February 1964,accurate", "February 1964,accurate,extra", "line 2: the line has the wrong number of cells"),
    ],
)
def test_malformed_timeline_raises_a_sentence_naming_file_line_column(
    data_copy: Path, old: str, new: str, expected: str
) -> None:
    _break(data_copy, "border_timeline", old, new)
    with pytest.raises(DataError) as info:
        load_table("border_timeline", data_copy)
    message = str(info.value)
    assert "border_timeline.csv" in message
    assert expected in message
    assert "Traceback" not in message


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "gazetteer.csv").unlink()
    with pytest.raises(DataError, match=r"gazetteer\.csv is missing"):
        load_table("gazetteer", data_copy)


def test_broken_descriptor_is_named(data_copy: Path) -> None:
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json is not valid JSON \(line 1"):
        load_table("sources", data_copy)


def test_unknown_table_suggests_the_right_name() -> None:
    with pytest.raises(DataError, match="Did you mean 'border_timeline'"):
        load_table("border_timline")


def test_loaded_columns_have_schema_types() -> None:
    timeline = load_table("border_timeline")
    assert pd.api.types.is_datetime64_any_dtype(timeline["date"])
    assert str(timeline["article_footnote"].dtype) == "Int64"
    claims = load_table("article_claims")
    assert pd.api.types.is_float_dtype(claims["article_value"])


def test_cache_notices_an_edited_file(data_copy: Path) -> None:
    before = load_table("border_timeline", data_copy)
    path = data_copy / "border_timeline.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("First border talks", "Opening talks"), encoding="utf-8")
    import os
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    after = load_table("border_timeline", data_copy)
    assert before["title"].iloc[0] != after["title"].iloc[0]


def test_a_typo_in_a_notebook_shows_a_sentence_not_a_traceback() -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from zhao_course import load_table\nload_table('border_timline')")])
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    error = next(o for o in nb.cells[0].outputs if o.output_type == "error")
    shown = "\n".join(error.traceback)
    assert "Did you mean 'border_timeline'?" in shown
    assert "File " not in shown and "Traceback" not in shown and "frictionless" not in shown
