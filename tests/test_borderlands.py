"""The two sides of the border: table, static figure, alt text and explorer (chapter 6)."""
from __future__ import annotations

import pytest

from zhao_course.borderlands import (
    MEASURES,
    ROUNDS,
    BorderlandsExplorer,
    borderland_table,
    borderlands_alt_text,
    borderlands_figure,
    explorer_text,
    population_ratio,
    side_by_side,
)
from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError


def test_the_far_east_series_keeps_the_borders_of_2000_to_2018() -> None:
    rows = load_table("borderland_population").set_index("id")
    enlarged = int(rows.loc["ru_far_east_2018_borders_2021", "population"])
    assert borderland_table().loc["2020/2021", "far_east_population"] < enlarged
    # the 2021 row is the enlarged district less Buryatia and Zabaykalsky Krai
    assert enlarged - int(rows.loc["ru_far_east_2021", "population"]) == 978588 + 1004125


def test_the_three_provinces_add_up_to_the_communique_total_for_the_northeast() -> None:
    assert int(borderland_table().loc["2020/2021", "northeast_population"]) == 98514948


def test_every_round_pairs_one_russian_and_three_chinese_counts() -> None:
    frame = load_table("borderland_population")
    for census_round in ROUNDS:
        rows = frame[frame["census_round"] == census_round]
        assert (rows["side"] == "china").sum() == 3
        russia = rows[(rows["side"] == "russia") & (rows["id"] != "ru_far_east_2018_borders_2021")]
        assert len(russia) == 1 and russia["territory"].str.contains("2000–2018").all()


def test_ratio_and_side_by_side_agree() -> None:
    values = side_by_side(2010)
    assert values["ratio"] == pytest.approx(values["northeast_population"] / values["far_east_population"])
    assert population_ratio("2010") == pytest.approx(17.40, abs=0.01)


@pytest.mark.parametrize("bad, error", [("1999", CourseInputError), (None, CourseTypeError), (2.5, CourseTypeError)])
def test_a_bad_census_round_gets_a_sentence(bad: object, error: type) -> None:
    with pytest.raises(error):
        side_by_side(bad)  # type: ignore[arg-type]


def test_the_static_figure_shows_both_sides_at_every_round() -> None:
    fig = borderlands_figure()
    left, right = fig.axes
    assert [t.get_text() for t in left.get_xticklabels()][0].startswith(ROUNDS[0])
    assert len(right.patches) == 2 * len(ROUNDS)


def test_alt_text_is_built_from_the_data() -> None:
    text = borderlands_alt_text()
    table = borderland_table()
    assert len(text) > 80
    for census_round in ROUNDS:
        assert f"{table.loc[census_round, 'ratio']:.1f} times" in text
    assert "2000 to 2018" in text and "Buryatia" in text


def test_every_control_change_changes_both_the_image_and_the_text() -> None:
    explorer = BorderlandsExplorer()
    seen = {(explorer.png, explorer.text.value)}
    for census_round in ROUNDS:
        for measure in MEASURES.values():
            if (census_round, measure) == ("2010", "population"):
                continue
            png, text, redraws = explorer.png, explorer.text.value, explorer.redraws
            if explorer.round.value != census_round:
                explorer.round.value = census_round
                assert explorer.redraws == redraws + 1
                assert explorer.png != png and explorer.text.value != text
                png, text, redraws = explorer.png, explorer.text.value, explorer.redraws
            if explorer.measure.value != measure:
                explorer.measure.value = measure
                assert explorer.redraws == redraws + 1
                assert explorer.png != png and explorer.text.value != text
            seen.add((explorer.png, explorer.text.value))
    assert len(seen) == len(ROUNDS) * len(MEASURES)


def test_choose_works_like_the_controls() -> None:
    explorer = BorderlandsExplorer()
    explorer.choose(census_round=2002, measure="ratio")
    assert explorer.round.value == "2000/2002" and explorer.measure.value == "ratio"
    assert explorer.png.startswith(b"\x89PNG")
    assert "15.9 times" in explorer.text.value
    with pytest.raises(CourseInputError):
        explorer.choose(measure="area")


def test_the_text_of_the_last_round_names_the_enlarged_district() -> None:
    assert "7,975,762" in explorer_text("2020/2021", "population")
    assert "7,975,762" not in explorer_text("2010", "population")


def test_the_chapter_figure_carries_the_alt_text_the_module_computes() -> None:
    from pathlib import Path

    import nbformat

    path = Path(__file__).resolve().parent.parent / "notebooks" / "06_difficulties.ipynb"
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" and c.source.strip() == "borderlands_figure()"]
    assert len(cells) == 1
    assert cells[0].metadata["mystnb"]["image"]["alt"] == borderlands_alt_text()
    assert "hide-input" in cells[0].metadata["tags"]
