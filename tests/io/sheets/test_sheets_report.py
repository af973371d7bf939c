"""The report: no filled cell is dropped unreported, on random sheets and on the shared samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Severity
from journeymap.io.sheets import ImportCancelled, load_spreadsheet
from journeymap.io.sheets.labels import Field
from journeymap.io.sheets.mapping import Mapping, Target
from tests.io.sheets.files import SAMPLES, cards_by_stage, unaccounted, write_xlsx

LABELS = [
    "Stage",
    "Goal",
    "Aim",
    "Owner",
    "Timeline",
    "Touchpoints",
    "Touchpoints: SMB",
    "Enterprise touchpoints",
    "Pain points",
    "Opportunities",
    "Milestones",
    "Milestones: SMB",
    "Success criteria",
    "Emotions",
    "Total touchpoints",
    "Notes",
    "Comments",
    "Stage",
]


@st.composite
def messy_sheets(draw: st.DrawFn) -> list[list[object]]:
    """Random sheets: labels, content and noise anywhere, each content cell's text unique."""
    height, width = draw(st.integers(1, 9)), draw(st.integers(1, 6))
    rows: list[list[object]] = []
    for r in range(height):
        row: list[object] = []
        for c in range(width):
            kind = draw(st.sampled_from(["empty", "empty", "label", "text", "lines", "number"]))
            if kind == "label":
                row.append(draw(st.sampled_from(LABELS)))
            elif kind == "text":
                row.append(f"{draw(st.sampled_from(['Call', 'Demo', '-5% churn', '=x', 'Go live']))} r{r}c{c}")
            elif kind == "lines":
                row.append(f"- item r{r}c{c}a\n• item r{r}c{c}b")
            elif kind == "number":
                row.append(draw(st.integers(-3, 3)))
            else:
                row.append(None)
        rows.append(row)
    return rows


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messy_sheets(), min_size=1, max_size=3))
@example(
    [
        [
            [None, None, "Notes", None, "Stage", "Stage"],  # an inventory whose notes reach a card
            [None, None, "- item r4c2a\n• item r4c2b", None, "Stage", "Stage"],
        ]
    ]
)
def test_no_filled_cell_is_dropped_unreported(
    tmp_path_factory: pytest.TempPathFactory, sheets: list[list[list[object]]]
) -> None:
    path = write_xlsx(
        tmp_path_factory.mktemp("messy") / "messy.xlsx", {f"Sheet {i}": rows for i, rows in enumerate(sheets, 1)}
    )
    try:
        result = load_spreadsheet(path)
    except MapFileError as error:
        assert "holds no journey map table" in str(error)
        return
    assert unaccounted(path, result) == []


def test_two_rows_with_one_label_are_joined_and_said(tmp_path: Path) -> None:
    """Found by the property test above: two Timeline rows were joined with no word in the report."""
    rows = [
        [None] * 6,
        [None] * 5 + ["Goal"],
        [None] * 4 + ["Timeline", "- item r2c5a\n• item r2c5b"],
        [None] * 6,
        [None] * 4 + ["Timeline", "Stage"],
    ]
    path = write_xlsx(tmp_path / "joined.xlsx", {"Sheet 1": rows})
    # One label alone is not a clear table: the user's mapping says it is.
    result = load_spreadsheet(path, mapping=Mapping({"Timeline": Target(Field.TIMELINE)}))
    assert unaccounted(path, result) == []
    joined = [n for n in result.notices if "joins F3, F5" in n.text]
    assert [n.cell for n in joined] == ["F3", "F5"]


def test_progress_is_reported_and_can_cancel(tmp_path: Path) -> None:
    rows = [
        ["Stage", *[f"S{i}" for i in range(10)]],
        *[["Touchpoints", *[f"c{r}-{i}" for i in range(10)]] for r in range(2000)],
    ]
    path = write_xlsx(tmp_path / "big.xlsx", {"S": rows})
    calls: list[tuple[int, int, str]] = []
    load_spreadsheet(path, progress=lambda done, total, message: calls.append((done, total, message)))
    assert len(calls) > 2 and calls[-1][0] == calls[-1][1] > 0
    assert all(b[0] >= a[0] for a, b in zip(calls, calls[1:], strict=False))

    def cancel(done: int, total: int, message: str) -> None:
        raise ImportCancelled

    with pytest.raises(ImportCancelled):
        load_spreadsheet(path, progress=cancel)


needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")


@needs_samples
def test_the_libreoffice_sample() -> None:
    path = SAMPLES / "awareness_to_advocacy.xlsx"
    result = load_spreadsheet(path)
    journey = result.map
    assert journey.title == "Customer journey (B2B SaaS)"
    assert [journey.stage(s).name for s in journey.stage_ids()] == [
        "Awareness & Consideration",
        "Purchase / Subscription",
        "Service / Customer Success",
        "Loyalty & Advocacy",
    ]
    assert cards_by_stage(result)["Awareness & Consideration"] == [
        "LinkedIn post",
        "Paid ad",
        "Outreach by sales",
        "Generic messaging",
    ]
    emotions = {journey.card(c).title: journey.card(c).emotion for c in journey.card_ids()}
    assert emotions["Customer story"] == 2 and emotions["Training"] == -1
    assert emotions["Generic messaging"] is None  # a pain point: the stage's emotion is for touchpoints
    assert journey.stage(journey.stage_ids()[3]).owner == "Customer Success and Marketing"
    assert not [n for n in result.notices if n.severity is Severity.WARNING]
    assert unaccounted(path, result) == []


@needs_samples
def test_the_google_style_csv_sample_with_stages_as_rows() -> None:
    result = load_spreadsheet(SAMPLES / "post_sale_stages_as_rows.csv")
    journey = result.map
    assert [journey.stage(s).name for s in journey.stage_ids()] == [
        "Land",
        "Onboarding and Implementation",
        "Adoption",
        "Advocacy",
        "Expansion",
        "Renewal",
    ]
    expansion = journey.stage(journey.stage_ids()[4])
    assert (expansion.goal, expansion.success_criteria, expansion.timeline, expansion.owner) == (
        "More value, more products",
        "Upsell signed",
        "6 months",
        "Sales",
    )
    assert [str(n) for n in result.notices] == ["post_sale_stages_as_rows: read with stages as rows (labels in row 1)"]
