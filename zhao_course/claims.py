"""The article's figures beside their checked values, ready to show in a chapter.

Reads ``data/article_claims.csv`` and ``data/sources.csv``. Chapters call
:func:`claims_table` to show what the article says, what the checked record says, the
verdict and the source, so a learner always sees both and can judge the difference.

Example:
    >>> table = claims_table(section="Border Disputes No Longer Obstacles")
    >>> table.index.name, list(table.columns)
    ('Topic', ['The article says', 'Checked value', 'Verdict', 'Source'])
"""
from __future__ import annotations

import pandas as pd

from zhao_course.data import DataError, is_true, load_table
from zhao_course.errors import CourseTypeError, describe_type

VERDICT_LABELS: dict[str, str] = {
    "accurate": "accurate",
    "approximate": "approximately right",
    "overstated": "overstated",
    "wrong": "wrong",
    "revised": "right then, since revised",
    "depends_on_source": "depends on the source",
    "not_verified": "not verified",
}


def _check_name(argument: str, value: object) -> None:
    """A section or theme must be text (or None): anything else gets one sentence."""
    if value is not None and not isinstance(value, str):
        raise CourseTypeError(
            f"{argument} must be the name of one of the article's {argument}s, in quotes, not {describe_type(value)}."
        )


def claims_table(section: str | None = None, theme: str | None = None) -> pd.DataFrame:
    """The claims of one article section (or theme) in a reader-friendly table.

    The source column gives a short citation (the part before the first comma or
    colon, with the year); the full citation is in ``data/sources.csv``.

    Raises:
        DataError: no claim matches the section or theme (the message lists the valid ones).

    Example:
        >>> claims_table(theme="border").loc["Russia's area", "Verdict"]
        'wrong'
    """
    _check_name("section", section)
    _check_name("theme", theme)
    claims = load_table("article_claims")
    sources = load_table("sources").set_index("id")
    chosen = claims
    if section is not None:
        chosen = chosen[chosen["section"] == section]
    if theme is not None:
        chosen = chosen[chosen["theme"] == theme]
    if chosen.empty:
        raise DataError(
            f"No claim in data/article_claims.csv matches section={section!r}, theme={theme!r}. "
            f"Sections: {', '.join(sorted(claims['section'].unique()))}. "
            f"Themes: {', '.join(sorted(claims['theme'].unique()))}."
        )
    checked = chosen["checked_says"].where(chosen["checked_says"] != "", "—")
    table = pd.DataFrame(
        {
            "Topic": chosen["topic"],
            "The article says": chosen["article_says"],
            "Checked value": checked,
            "Verdict": chosen["verdict"].map(VERDICT_LABELS),
            "Source": [short_citation(sources, s) for s in chosen["source_id"]],
        }
    )
    return table.set_index("Topic")


KIND_LABELS: dict[str, str] = {
    "slip": "slip of transcription or translation",
    "substance": "error of substance",
}


def errors_table(section: str | None = None) -> pd.DataFrame:
    """The article's mistakes in one section, sorted into slips and errors of substance.

    Reads ``data/article_errors.csv``. Slips come first, then errors of substance; the
    last column says whether correcting the mistake changes the author's argument.

    Raises:
        DataError: no mistake is listed for the section (the message lists the sections).

    Example:
        >>> table = errors_table("Border Disputes No Longer Obstacles")
        >>> table.loc[table["Kind"].str.startswith("slip"), "Touches the argument?"].unique().tolist()
        ['no']
    """
    _check_name("section", section)
    errors = load_table("article_errors")
    chosen = errors if section is None else errors[errors["section"] == section]
    if chosen.empty:
        raise DataError(
            f"No mistake in data/article_errors.csv is listed for section={section!r}. "
            f"Sections: {', '.join(sorted(errors['section'].unique()))}."
        )
    chosen = chosen.sort_values("kind", kind="stable")
    table = pd.DataFrame(
        {
            "The article says": chosen["article_says"],
            "Kind": chosen["kind"].map(KIND_LABELS),
            "What is wrong": chosen["what_is_wrong"],
            "Touches the argument?": ["yes" if is_true(v) else "no" for v in chosen["touches_argument"]],
        }
    )
    return table.reset_index(drop=True)


def short_citation(sources: pd.DataFrame, source_id: str) -> str:
    """A short label for a source: its id written out, e.g. 'zhao2015' -> 'the article'.

    Example:
        >>> short_citation(load_table("sources").set_index("id"), "zhao2015")
        'the article'
    """
    if source_id == "zhao2015":
        return "the article"
    citation = sources.loc[source_id, "citation"]
    head = citation.replace('"', "").split(",")[0].split(":")[0]
    return head if len(head) <= 60 else head[:57] + "..."
