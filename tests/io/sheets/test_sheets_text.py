"""The text rules: label normalisation, the synonym table, list items, and the escape pairs."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from journeymap.io.sheets.labels import Field, Label, synonyms
from journeymap.io.sheets.text import (
    escape_ooxml,
    neutralise_formula,
    normalise_label,
    restore_formula,
    split_items,
    unescape_ooxml,
)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Touchpoints & channels", "touchpoints and channels"),
        ("  SUCCESS   criteria: ", "success criteria"),
        ("Emotions (-2..+2)", "emotions"),
        ("(Owner)", "owner"),
        ("Ｇｏａｌ", "goal"),  # full-width letters: NFKC
        ("Straße", "strasse"),  # case-folding, not lower()
        ("Time-frame", "time frame"),
    ],
)
def test_labels_are_normalised(raw: str, normal: str) -> None:
    assert normalise_label(raw) == normal


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("Aim", Field.GOAL),
        ("Objective", Field.GOAL),
        ("Aim and goal of the stage", Field.GOAL),
        ("What success looks like", Field.SUCCESS_CRITERIA),
        ("Exit criteria", Field.SUCCESS_CRITERIA),
        ("KPI", Field.SUCCESS_CRITERIA),
        ("Timeframe", Field.TIMELINE),
        ("Duration", Field.TIMELINE),
        ("Owns", Field.OWNER),
        ("Responsible", Field.OWNER),
        ("DRI", Field.OWNER),
        ("Team", Field.OWNER),
        ("Channels", Field.CHANNEL),
        ("Touchpoints & channels", Field.TOUCHPOINTS),
        ("Interactions", Field.TOUCHPOINTS),
        ("Milestones", Field.MILESTONES),
        ("Pain points", Field.PAIN_POINTS),
        ("Opportunities", Field.OPPORTUNITIES),
        ("Emotions (-2..+2)", Field.EMOTIONS),
        ("Experience", Field.EMOTIONS),
        ("Goal / Objective", Field.GOAL),
        ("Stage", Field.STAGE),
        ("Phase", Field.STAGE),
        ("Notes", Field.NOTES),
        ("Comments", Field.NOTES),
    ],
)
def test_synonyms_match_fields(raw: str, field: Field) -> None:
    assert synonyms().match(raw) == Label(field)


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Touchpoints: SMB founder", Label(Field.TOUCHPOINTS, "SMB founder")),
        ("Touchpoints - Enterprise", Label(Field.TOUCHPOINTS, "Enterprise")),
        ("Touchpoints – Enterprise", Label(Field.TOUCHPOINTS, "Enterprise")),
        ("Enterprise touchpoints", Label(Field.TOUCHPOINTS, "Enterprise")),
        ("Enterprise - touchpoints", Label(Field.TOUCHPOINTS, "Enterprise")),
        ("Pain points: IT admin", Label(Field.PAIN_POINTS, "IT admin")),
        ("Admin's pain points", Label(Field.PAIN_POINTS, "Admin")),
        ("Milestones | Buyer", Label(Field.MILESTONES, "Buyer")),
        ("Emotions: SMB", Label(Field.EMOTIONS, "SMB")),
    ],
)
def test_labels_name_persona_lanes(raw: str, label: Label) -> None:
    assert synonyms().match(raw) == label


@pytest.mark.parametrize(
    "raw",
    [
        "Purchase / Subscription",
        "Goal: SMB",
        "Total touchpoints",
        "# of pain points",
        "Touchpoint count",
        "Number of touchpoints",
        "",
    ],
)
def test_other_text_is_not_a_label(raw: str) -> None:
    assert synonyms().match(raw) is None


@pytest.mark.parametrize("raw", ["Total touchpoints", "# of pain points", "Touchpoint count", "Sum"])
def test_count_labels_are_computed_rows(raw: str) -> None:
    assert synonyms().is_computed(raw)


def test_the_synonym_table_is_data_shipped_with_the_package() -> None:
    data = json.loads((resources.files("journeymap.resources") / "synonyms.json").read_text("utf-8"))
    assert set(data["fields"]) == {f.value for f in Field}
    for field, words in data["fields"].items():
        for word in words:
            assert synonyms().match(word) == Label(Field(field)), word


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("- LinkedIn post\n- Paid ad", ["LinkedIn post", "Paid ad"]),
        ("• Demo\r\n• Proposal", ["Demo", "Proposal"]),
        ("* one\n\n  * two  \n", ["one", "two"]),
        ("1. Kickoff\n2) Training", ["Kickoff", "Training"]),
        ("-5% churn", ["-5% churn"]),
        ("+1 NPS\n3.5 hours", ["+1 NPS", "3.5 hours"]),
        ("Mac line\rends", ["Mac line", "ends"]),
        ("•No space", ["No space"]),
        ("• - a dash item", ["- a dash item"]),
    ],
)
def test_list_cells_split_into_items(cell: str, items: list[str]) -> None:
    assert split_items(cell) == items


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("1", 1),
        ("+2", 2),
        ("−1", -1),
        ("-2", -2),
        ("0.0", 0),
        ("positive", 1),
        ("Very negative", -2),
        ("3", None),
        ("1.5", None),
        ("meh", None),
    ],
)
def test_emotions_are_scores_from_minus_two_to_two(text: str, score: int | None) -> None:
    assert synonyms().emotion(text) == score


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-5%", "@me", "\tx", "\rx", "\nx"])
def test_csv_neutralisation_quotes_formula_starts(text: str) -> None:
    assert neutralise_formula(text) == "'" + text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r\nab_x0D5F"), max_size=12))
def test_csv_neutralisation_is_undone_exactly(text: str) -> None:
    assert restore_formula(neutralise_formula(text)) == text
    assert not neutralise_formula(text).startswith(tuple("=+-@\t\r\n"))


@given(st.text(alphabet=st.sampled_from("_x0041D5Fa\r\n"), max_size=24))
@example("_x0000\r")  # the CR's own escape once closed the "_x0000" before it
def test_ooxml_escape_is_undone_exactly(text: str) -> None:
    escaped = escape_ooxml(text)
    assert "\r" not in escaped
    assert unescape_ooxml(escaped) == text
