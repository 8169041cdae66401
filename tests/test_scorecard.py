"""The scorecard module: its tables agree with the others, its figures, explorers and saved files."""
from __future__ import annotations

import json
import statistics
import time

import pytest

from zhao_course import scorecard as sc
from zhao_course.data import load_table
from zhao_course.errors import CourseInputError, CourseTypeError


# ----------------------------------------------------------------------------- data
def test_every_data_ref_names_a_row_that_exists() -> None:
    for _, row in sc.load_forecasts().iterrows():
        if row["data_ref"]:
            table, row_id = row["data_ref"].split(":")
            assert row_id in set(load_table(table)["id"]), row["data_ref"]


def test_dates_given_twice_agree() -> None:
    forecasts = load_table("forecasts").set_index("id")
    bridges = load_table("amur_bridges").set_index("id")
    assert forecasts.loc["rail_bridge", "outcome_date"] == bridges.loc["tongjiang_rail", "opened"]
    assert forecasts.loc["rail_bridge", "outcome_date_precision"] == bridges.loc["tongjiang_rail", "opened_precision"]
    claims = load_table("article_claims").set_index("id")
    assert claims.loc["oil_pipeline_realised", "checked_value"] == forecasts.loc["oil_pipeline", "outcome_date"].year


def test_trade_verdicts_follow_from_the_trade_table() -> None:
    """A target passed only after its year is 'delayed', and the outcome names the year it was passed."""
    from zhao_course.trade import first_year_met

    forecasts = load_table("forecasts").set_index("id")
    targets = load_table("trade_targets").set_index("id")
    for row_id, target in (("trade_target_2020", "article_2020"),):
        met = first_year_met(target)
        assert met is not None and met > int(targets.loc[target, "by_year"])
        assert forecasts.loc[row_id, "verdict"] == "delayed"
        assert str(met) in forecasts.loc[row_id, "outcome"]
        # outcome_date is the year that settles the verdict, not the year the target was due
        assert forecasts.loc[row_id, "outcome_date"].year == met
    # the article's US$150 bn for 2014 was never a target: it is an error, not a forecast to score
    assert "trade_target_2014" not in forecasts.index


def test_a_project_under_way_in_2015_was_being_built() -> None:
    """Building of the gas pipeline began on 1 September 2014, so in 2015 it was under way, not on paper."""
    forecasts = load_table("forecasts").set_index("id")
    assert forecasts.loc["gas_contract", "status_2015"] == "under_way"
    assert "1 September 2014" in forecasts.loc["gas_contract", "note"]


def test_statuses_and_verdicts_are_consistent() -> None:
    for _, row in sc.load_forecasts().iterrows():
        if row["verdict"] == "too_early":
            assert row["status_now"] == "not_checked" and not row["outcome_date_precision"]
        if row["kind"] in ("plan", "project"):
            assert row["status_2015"] in ("on_paper", "under_way", "realised")
        if row["verdict"] == "realised" and row["kind"] != "target":
            assert row["status_now"] == "realised"


def test_power_of_siberia_rises_to_its_design_capacity() -> None:
    series = sc.load_power_of_siberia()
    assert series.is_monotonic_increasing
    assert sc.design_capacity() == 38.0
    assert series.max() < sc.design_capacity()
    assert sc.first_year_at_share(0.5) == int(series[series >= 19].index[0])
    with pytest.raises(CourseInputError):
        sc.first_year_at_share(1.5)


def test_forecast_lookup_explains_bad_ids() -> None:
    with pytest.raises(CourseInputError, match="Choose one of"):
        sc.forecast("gas_contrat")
    with pytest.raises(CourseTypeError):
        sc.forecast(3)


# -------------------------------------------------------------------------- figures
@pytest.mark.parametrize("figure, alt", [
    (sc.project_status_figure, sc.project_status_alt_text),
    (sc.scorecard_figure, sc.scorecard_alt_text),
    (sc.power_of_siberia_figure, sc.power_of_siberia_alt_text),
])
def test_figures_draw_and_their_alt_text_is_built_from_the_data(figure, alt) -> None:
    fig = figure()
    assert fig.axes and fig.axes[0].get_title(loc="left")
    assert len(alt()) > 80


def test_alt_texts_name_every_row() -> None:
    for label in sc.projects()["label"]:
        assert label in sc.project_status_alt_text()
    for label in sc.load_forecasts()["label"]:
        assert label in sc.scorecard_alt_text()
    for value in sc.load_power_of_siberia():
        assert f"{value:g} bcm" in sc.power_of_siberia_alt_text()


def test_scorecard_figure_draws_a_learners_verdicts_and_ignores_nonsense() -> None:
    fig = sc.scorecard_figure({"gas_contract": "partly", "nonsense": "realised", "oil_pipeline": "maybe"})
    rings = [a for a in fig.axes[0].lines if a.get_gid() == "learner-verdicts"]
    assert len(rings) == 1 and len(rings[0].get_xdata()) == 1


# ------------------------------------------------------------------------ explorers
def _median_ms(action, values) -> float:
    times = []
    for value in values:
        start = time.perf_counter()
        action(value)
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def test_project_explorer_changes_image_and_text_for_every_project() -> None:
    explorer = sc.ProjectStatusExplorer()
    seen = {(explorer.png, explorer.text.value)}
    for project_id in explorer.table["id"][1:]:
        explorer.dropdown.value = project_id
        seen.add((explorer.png, explorer.text.value))
    assert len({png for png, _ in seen}) == len(explorer.table)
    assert len({text for _, text in seen}) == len(explorer.table)
    assert explorer.png.startswith(b"\x89PNG")
    with pytest.raises(CourseInputError):
        explorer.show("nowhere")


def test_scorecard_explorer_every_control_changes_image_and_text() -> None:
    explorer = sc.ScorecardExplorer()
    before = (explorer.png, explorer.text.value)
    explorer.verdict_menu.value = "partly"
    after_verdict = (explorer.png, explorer.text.value)
    assert after_verdict[0] != before[0] and after_verdict[1] != before[1]
    explorer.forecast_menu.value = "zarubino_port"
    after_forecast = (explorer.png, explorer.text.value)
    assert after_forecast[0] != after_verdict[0] and after_forecast[1] != after_verdict[1]
    assert explorer.verdict_menu.value == sc.NO_VERDICT  # the new forecast shows its own (missing) verdict
    explorer.forecast_menu.value = "oil_pipeline"
    assert explorer.verdict_menu.value == "partly"
    assert explorer.verdicts == {"oil_pipeline": "partly"}
    explorer.verdict_menu.value = sc.NO_VERDICT
    assert explorer.verdicts == {}


def test_scorecard_explorer_says_whether_learner_and_course_agree() -> None:
    explorer = sc.ScorecardExplorer()
    explorer.show("trade_target_2020", "delayed")
    assert "You and the course agree" in explorer.text.value
    explorer.show("trade_target_2020", "realised")
    assert "the course says" in explorer.text.value
    with pytest.raises(CourseInputError):
        explorer.show("trade_target_2020", "perhaps")


def test_explorers_redraw_within_100_ms_median() -> None:
    explorer = sc.ScorecardExplorer()
    ids = explorer.table["id"].tolist()
    verdicts = list(sc.VERDICTS)
    start = explorer.redraws
    forecast_ms = _median_ms(lambda i: setattr(explorer.forecast_menu, "value", ids[i % len(ids)]), range(1, 30))
    verdict_ms = _median_ms(lambda i: setattr(explorer.verdict_menu, "value", verdicts[i % len(verdicts)]), range(1, 30))
    assert explorer.redraws - start == 58
    assert forecast_ms < 100 and verdict_ms < 100, (forecast_ms, verdict_ms)


# --------------------------------------------------------------------- saved files
def test_save_and_load_round_trip(tmp_path) -> None:
    explorer = sc.ScorecardExplorer()
    explorer.show("gas_contract", "partly")
    explorer.show("zarubino_port", "not_realised")
    saver = sc.ScorecardSaver(explorer, folder=tmp_path)
    assert saver.save() == "Saved 2 verdicts to my_scorecard.json."
    data = json.loads((tmp_path / "my_scorecard.json").read_text(encoding="utf-8"))
    assert data["format"] == sc.FILE_FORMAT and data["verdicts"] == {"gas_contract": "partly", "zarubino_port": "not_realised"}
    fresh = sc.ScorecardExplorer()
    assert sc.ScorecardSaver(fresh, folder=tmp_path).load() == "Loaded 2 verdicts from my_scorecard.json."
    assert fresh.verdicts == explorer.verdicts
    fresh.forecast_menu.value = "gas_contract"
    assert fresh.verdict_menu.value == "partly"


def test_a_missing_file_changes_nothing(tmp_path) -> None:
    explorer = sc.ScorecardExplorer()
    explorer.show("oil_pipeline", "realised")
    message = sc.ScorecardSaver(explorer, folder=tmp_path).load()
    assert "no saved scorecard" in message and "Nothing was changed" in message
    assert explorer.verdicts == {"oil_pipeline": "realised"}


@pytest.mark.parametrize("content, words", [
    ("", "empty"),
    ("   \n", "empty"),
    ("{not json", "not valid JSON"),
    ("[1, 2, 3]", "not a scorecard"),
    ('{"verdicts": {"oil_pipeline": "realised"}}', "not a scorecard"),
    ('{"format": "zhao-course-scorecard", "verdicts": "realised"}', "not a scorecard"),
])
def test_bad_files_get_a_sentence_and_are_kept_when_saving(tmp_path, content, words) -> None:
    path = tmp_path / "my_scorecard.json"
    path.write_text(content, encoding="utf-8")
    explorer = sc.ScorecardExplorer()
    explorer.show("oil_pipeline", "realised")
    saver = sc.ScorecardSaver(explorer, folder=tmp_path)
    message = saver.load()
    assert words in message and "Nothing was changed" in message
    assert explorer.verdicts == {"oil_pipeline": "realised"}
    message = saver.save()
    assert message.startswith("Saved 1 verdict") and "kept as my_scorecard.json.bak" in message
    assert (tmp_path / "my_scorecard.json.bak").read_text(encoding="utf-8") == content
    assert sc.load_verdicts(path)[0] == {"oil_pipeline": "realised"}


def test_a_second_bad_file_gets_its_own_backup(tmp_path) -> None:
    path = tmp_path / "card.json"
    (tmp_path / "card.json.bak").write_text("older", encoding="utf-8")
    path.write_text("broken", encoding="utf-8")
    assert "card.json.bak2" in sc.save_verdicts({}, path)
    assert (tmp_path / "card.json.bak").read_text(encoding="utf-8") == "older"


def test_unknown_entries_are_left_out_with_a_count(tmp_path) -> None:
    path = tmp_path / "card.json"
    path.write_text(json.dumps({"format": sc.FILE_FORMAT, "version": 1, "verdicts": {
        "oil_pipeline": "realised", "atlantis": "realised", "gas_contract": "maybe"}}), encoding="utf-8")
    verdicts, message = sc.load_verdicts(path)
    assert verdicts == {"oil_pipeline": "realised"}
    assert "2 entries" in message


def test_a_good_file_is_overwritten_without_backup(tmp_path) -> None:
    path = tmp_path / "card.json"
    sc.save_verdicts({"oil_pipeline": "realised"}, path)
    assert sc.save_verdicts({"gas_contract": "delayed"}, path) == "Saved 1 verdict to card.json."
    assert not list(tmp_path.glob("*.bak*"))
    assert sc.load_verdicts(path)[0] == {"gas_contract": "delayed"}


def test_saver_rejects_bad_arguments(tmp_path) -> None:
    with pytest.raises(CourseTypeError):
        sc.ScorecardSaver("my scorecard", folder=tmp_path)
    with pytest.raises(CourseInputError):
        sc.ScorecardSaver(sc.ScorecardExplorer(), filename="../elsewhere.json", folder=tmp_path)


def test_saver_buttons_answer_with_changing_text(tmp_path) -> None:
    saver = sc.ScorecardSaver(sc.ScorecardExplorer(), folder=tmp_path)
    texts = [saver.text.value]
    saver.load_button.click()
    texts.append(saver.text.value)
    saver.save_button.click()
    texts.append(saver.text.value)
    saver.load_button.click()
    texts.append(saver.text.value)
    assert len(set(texts)) == 4
