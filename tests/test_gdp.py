"""zhao_course.gdp: values from the World Bank tables, the static figure, its alt text, the explorer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError
from zhao_course.gdp import (
    GDPExplorer,
    article_gdp_2012,
    closest_release,
    country_names,
    first_year_ahead,
    gdp_alt_text,
    gdp_claims,
    gdp_figure,
    gdp_ratio,
    gdp_table,
    gdp_value,
    releases,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "03_turn_to_the_east.ipynb"


def _raw(code: str, year: int) -> float:
    gdp = load_table("worldbank_gdp")
    return float(gdp[(gdp["code"] == code) & (gdp["year"] == year)]["value_usd"].item())


def test_values_are_the_world_bank_table_in_billions() -> None:
    assert gdp_value("CHN", 2012) == pytest.approx(_raw("CHN", 2012) / 1e9)
    assert gdp_value("rus", 1990) == pytest.approx(_raw("RUS", 1990) / 1e9)
    assert "WLD" not in gdp_table().columns and gdp_table().index.min() == 1990


def test_ratio_and_first_year_ahead() -> None:
    assert gdp_ratio("CHN", "RUS", 2012) == pytest.approx(_raw("CHN", 2012) / _raw("RUS", 2012))
    year = first_year_ahead("CHN", "RUS")
    assert _raw("CHN", year) > _raw("RUS", year) and _raw("CHN", year - 1) < _raw("RUS", year - 1)


def test_missing_values_give_none() -> None:
    table = gdp_table()
    code, year = next((c, y) for c in table.columns for y in table.index if table[c].isna()[y])
    assert gdp_value(code, int(year)) is None and gdp_ratio(code, "CHN", int(year)) is None


@pytest.mark.parametrize("bad", [None, 3, ["CHN"], "XXX"])
def test_bad_country_gets_one_sentence(bad: object) -> None:
    with pytest.raises(CourseInputError):
        gdp_value(bad, 2012)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1800, 2012.5, "2012", True])
def test_bad_year_gets_one_sentence(bad: object) -> None:
    with pytest.raises((CourseInputError, CourseTypeError)):
        gdp_value("CHN", bad)  # type: ignore[arg-type]


def test_the_articles_figures_come_from_the_claims_table() -> None:
    claims = load_table("article_claims").set_index("id")
    assert article_gdp_2012()["RUS"] == pytest.approx(claims.loc["gdp_2012_russia", "article_value"] * 1000)


def test_the_ratio_claim_matches_the_table() -> None:
    claims = load_table("article_claims").set_index("id")
    assert claims.loc["gdp_ratio_2012", "checked_value"] == round(gdp_ratio("CHN", "RUS", 2012), 2)
    article = article_gdp_2012()
    assert f"{article['CHN'] / article['RUS']:.2f}" in claims.loc["gdp_ratio_2012", "article_says"]
    for year, text in ((2014, "for 2014"), (2023, "for 2023")):
        assert f"{gdp_ratio('CHN', 'RUS', year):.2f} {text}" in claims.loc["gdp_ratio_2012", "checked_says"]


def test_releases_and_the_closest_one() -> None:
    assert list(releases("RUS", 2012)["vintage_date"]) == sorted(releases("RUS", 2012)["vintage_date"])
    row = closest_release("RUS", 2012, article_gdp_2012()["RUS"])
    assert abs(row["gap_pct"]) < 0.1
    with pytest.raises(CourseInputError):
        closest_release("JPN", 2012, 1.0)


def test_gdp_claims_shows_the_articles_gdp_rows() -> None:
    table = gdp_claims()
    assert "Russia's GDP in 2012" in table.index and len(table) >= 4


def test_figure_and_alt_text_come_from_the_data() -> None:
    fig = gdp_figure()
    assert len(fig.axes) == 2
    alt = gdp_alt_text()
    assert len(alt) > 80
    assert f"{gdp_ratio('CHN', 'RUS', 2012):.2f} in 2012" in alt
    assert str(first_year_ahead("CHN", "RUS")) in alt


def test_the_notebook_carries_the_current_alt_text() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip() == "gdp_figure()")
    assert cell["metadata"]["mystnb"]["image"]["alt"] == gdp_alt_text()


def _move(control):
    import ipywidgets as w

    if isinstance(control, w.IntSlider):
        control.value = control.min + (control.value - control.min + 1) % (control.max - control.min + 1)
    else:
        values = [o[1] for o in control.options]
        control.value = values[(values.index(control.value) + 1) % len(values)]


def test_every_control_change_changes_image_and_text() -> None:
    explorer = GDPExplorer()
    for i in range(len(country_names()) + 3):
        for control in (explorer.first, explorer.second, explorer.year):
            before = (explorer.png, explorer.text.value, explorer.redraws)
            _move(control)
            assert explorer.png != before[0], f"image unchanged after moving {control.description} ({i})"
            assert explorer.text.value != before[1], f"text unchanged after moving {control.description} ({i})"
            assert explorer.redraws == before[2] + 1


def test_choose_sets_the_controls_and_redraws_once() -> None:
    explorer = GDPExplorer()
    count = explorer.redraws
    explorer.choose("KAZ", "MNG", 2000)
    assert (explorer.first.value, explorer.second.value, explorer.year.value) == ("KAZ", "MNG", 2000)
    assert explorer.redraws == count + 1 and "Kazakhstan" in explorer.text.value
    assert explorer.png.startswith(b"\x89PNG")
    with pytest.raises(CourseInputError):
        explorer.choose(first="Atlantis")


def test_the_text_handles_the_same_country_and_missing_values() -> None:
    explorer = GDPExplorer()
    explorer.choose("CHN", "CHN", 2012)
    assert "same country" in explorer.text.value
    table = gdp_table()
    code, year = next((c, y) for c in table.columns for y in table.index if table[c].isna()[y])
    explorer.choose(code, "CHN", int(year))
    assert "no World Bank figure" in explorer.text.value


def test_a_change_of_country_reads_no_table(monkeypatch) -> None:
    """The explorer reads the country names once; a change only draws (the redraw budget is 100 ms)."""
    import zhao_course.gdp as gdp

    explorer = gdp.GDPExplorer()
    calls = []
    real = gdp.country_names
    monkeypatch.setattr(gdp, "country_names", lambda: calls.append(1) or real())
    explorer.first.value = "KAZ"  # as the learner's dropdown does
    explorer.second.value = "MNG"
    assert calls == [] and "Kazakhstan" in explorer.text.value and "Mongolia" in explorer.text.value
