"""A field is called the same everywhere: its label is declared once, on the record."""

from __future__ import annotations

from journeymap.io.describe import summary
from journeymap.layout import compute_layout
from journeymap.model import Stage
from journeymap.model.records import field_label
from tests.factories import small_map
from tests.layout.test_layout import MEASURE


def test_success_criteria_reads_the_same_on_the_header_in_the_summary_and_in_the_panel() -> None:
    from journeymap.widgets.panels.properties_panel import FORMS

    journey = small_map()
    land = journey.stage_ids()[0]  # success criteria "Signed"
    label = field_label(Stage, "success_criteria")
    assert label == "Success criteria"
    header = compute_layout(journey, MEASURE).stages[land]
    assert ("Success criteria", ("Success criteria: Signed",)) in header.field_lines
    assert "   Success criteria: Signed" in summary(journey).splitlines()
    assert ("success_criteria", "Success criteria") in [(name, text) for name, text, _ in FORMS["stage"][1]]
