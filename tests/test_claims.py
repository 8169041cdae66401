"""The claims and errors tables answer bad arguments with one sentence."""
from __future__ import annotations

import pytest

from zhao_course.claims import claims_table, errors_table
from zhao_course.data import DataError
from zhao_course.errors import CourseInputError


@pytest.mark.parametrize("bad", [5, ["x", "y"], {"a": 1}, 1.5])
@pytest.mark.parametrize("function", [claims_table, errors_table], ids=lambda f: f.__name__)
def test_a_section_that_is_not_text_gets_a_sentence(function, bad) -> None:
    with pytest.raises(CourseInputError, match="section must be the name of one of the article's sections"):
        function(bad)
    assert CourseInputError("x")._render_traceback_() == ["CourseInputError: x"]


@pytest.mark.parametrize("function", [claims_table, errors_table], ids=lambda f: f.__name__)
def test_an_unknown_section_lists_the_sections(function) -> None:
    with pytest.raises(DataError, match="Sections: .*Border Disputes No Longer Obstacles"):
        function("Border")


def test_a_theme_that_is_not_text_gets_a_sentence() -> None:
    with pytest.raises(CourseInputError, match="theme must be"):
        claims_table(theme=["border"])


def test_the_errors_table_sorts_slips_before_errors_of_substance() -> None:
    kinds = errors_table("Border Disputes No Longer Obstacles")["Kind"].tolist()
    assert kinds == sorted(kinds, key=lambda k: not k.startswith("slip"))
    assert {"slip of transcription or translation", "error of substance"} == set(kinds)


def test_claims_table_shows_verdicts_in_words() -> None:
    table = claims_table(section="Border Disputes No Longer Obstacles")
    assert table.loc["Russia's area", "Verdict"] == "wrong"
    assert table.loc["Share of border issues settled in 1991", "Verdict"] == "approximately right"
