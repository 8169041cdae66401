"""Chapter 7's membership data, map and explorer: the years follow the sources, the figures
carry their alt text, and every control change redraws both the picture and the text."""
from __future__ import annotations

import json

import pytest

from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError
from zhao_course.memberships import (
    FIRST_YEAR,
    GROUPINGS,
    LAST_YEAR,
    MembershipExplorer,
    changes_in,
    load_eurasia_layer,
    members,
    membership_alt_text,
    membership_caption,
    membership_figure,
    membership_map_alt_text,
    membership_map_figure,
    membership_table,
)
from zhao_course.paths import GEO_DIR


def _names(year: int, grouping: str) -> set[str]:
    return set(members(year, grouping)["short_name"])


def test_the_eaeu_grows_from_three_in_2014_treaty_to_five_in_2015() -> None:
    assert _names(2014, "eaeu") == set()
    assert _names(2015, "eaeu") == {"Russia", "Belarus", "Kazakhstan", "Armenia", "Kyrgyzstan"}
    assert _names(2014, "customs_union_2010") == {"Russia", "Belarus", "Kazakhstan"}
    assert _names(2015, "customs_union_2010") == set()


def test_uzbekistan_in_eurasec_only_from_2006_to_2008() -> None:
    assert [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if "Uzbekistan" in _names(y, "eurasec")] == [2006, 2007, 2008]


def test_sco_enlargements_follow_the_sources() -> None:
    assert _names(1996, "sco") == {"China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"}
    assert "Uzbekistan" in _names(2001, "sco") and "Uzbekistan" not in _names(2000, "sco")
    assert {"India", "Pakistan"} <= _names(2017, "sco") and not {"India", "Pakistan"} & _names(2016, "sco")
    assert "Iran" in _names(2023, "sco") and "Iran" not in _names(2022, "sco")
    assert "Belarus" in _names(2024, "sco") and "Belarus" not in _names(2023, "sco")


def test_nobody_is_in_a_grouping_before_1995_and_every_row_has_a_source() -> None:
    assert members(FIRST_YEAR).empty
    rows = load_table("memberships")
    sources = set(load_table("sources")["id"])
    assert set(rows["source_id"]) <= sources
    assert set(rows["grouping"]) == set(GROUPINGS)
    assert (rows["left"].isna() | (rows["left"] >= rows["joined"])).all()


def test_changes_and_table() -> None:
    assert changes_in(2006) == ["Uzbekistan joins EurAsEC."]
    assert changes_in(2009) == ["Uzbekistan suspends its membership of EurAsEC (counted as a member until the end of 2008)."]
    assert any("Shanghai Five" in c and "SCO" in c for c in changes_in(1996))
    assert not any("join SCO" in c for c in changes_in(1996))
    assert any("built into EurAsEC" in c for c in changes_in(2001))
    table = membership_table(2015)
    assert table.loc["Armenia", "EAEU"] == "member" and table.loc["Armenia", "SCO"] == ""


@pytest.mark.parametrize("year,grouping", [(1993, None), (2026, "eaeu"), (2015, "nato"), ("2015", None), (2015.5, None)])
def test_bad_arguments_get_a_sentence(year, grouping) -> None:
    with pytest.raises((CourseInputError, CourseTypeError)):
        membership_caption(year, grouping)


def test_layers_are_small_and_inside_their_box() -> None:
    total = 0
    for name in ("coastline", "borders"):
        path = GEO_DIR / "eurasia" / f"{name}.geojson"
        total += path.stat().st_size
        data = load_eurasia_layer(name)
        assert data["features"] and json.loads(path.read_text(encoding="utf-8"))["bbox"] == [20.0, 18.0, 125.0, 62.0]
    assert total < 300_000


def test_capitals_lie_on_the_map() -> None:
    states = load_table("eurasia_states")
    assert set(load_table("memberships")["code"]) <= set(states["code"])
    assert states["lon"].between(22, 123).all() and states["lat"].between(23, 60).all()


def test_figures_draw_and_alt_texts_name_the_data() -> None:
    assert len(membership_figure().axes) == 1
    fig = membership_map_figure(2008, "eurasec")
    visible = [line for line in fig.axes[0].lines if line.get_visible() and line.get_marker() == "s"]
    assert len(visible) == len(members(2008, "eurasec"))
    text = membership_map_alt_text(2008, "eurasec")
    assert "Uzbekistan" in text and "2008" in text and len(text) > 80
    assert "Iran" in membership_alt_text() and "SCO 2023 to today" in membership_alt_text()


def test_every_control_change_redraws_picture_and_text() -> None:
    explorer = MembershipExplorer(year=2015)
    seen = {(explorer.png, explorer.card.value)}
    for year in (2016, 2004, 1994):  # 2015 -> 2016 and 2004 -> 1994 change no membership in some groupings
        before = explorer.redraws
        explorer.slider.value = year
        assert explorer.redraws == before + 1
        assert explorer.png not in {png for png, _ in seen} and explorer.card.value not in {t for _, t in seen}
        seen.add((explorer.png, explorer.card.value))
    for value in ("customs_union_2010", "eaeu", "all"):  # in 1994 all three show no member
        before, png, text = explorer.redraws, explorer.png, explorer.card.value
        explorer.dropdown.value = value
        assert explorer.redraws == before + 1 and explorer.png != png and explorer.card.value != text


def test_set_from_code() -> None:
    explorer = MembershipExplorer()
    explorer.set(year=2023, grouping="sco")
    assert (explorer.year, explorer.grouping) == (2023, "sco") and "Iran" in explorer.card.value
    explorer.set(grouping=None)
    assert explorer.grouping is None and explorer.dropdown.value == "all"
    with pytest.raises(CourseInputError):
        explorer.set(year=1900)


def test_the_1995_customs_union_follows_the_eurasec_register() -> None:
    rows = load_table("memberships").set_index("id")
    assert rows.loc["cu1995_kaz", "joined"] == 1995
    assert rows.loc["cu1995_kgz", "joined"] == 1996
    assert rows.loc["cu1995_tjk", "joined"] == 1999
