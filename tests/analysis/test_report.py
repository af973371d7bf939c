"""How the report writes numbers and awkward text for people."""

from __future__ import annotations

from journeymap.analysis.report import emotion_text, report_markdown
from journeymap.model import JourneyMap, Stage, Touchpoint


def test_emotions_are_signed_like_the_card_badges() -> None:
    assert [emotion_text(v) for v in (None, 0.0, 2.0, -1.0, 1 / 3, -0.5, -1 / 30)] == [
        "–",
        "0",
        "+2",
        "−1",
        "+0.3",
        "−0.5",
        "0",
    ]


def test_pipes_and_line_breaks_in_names_keep_the_tables_whole() -> None:
    journey = JourneyMap("A | B")
    stage = journey.add_stage(Stage("Buy |\nnow", timeline="Ongoing"))
    lane = journey.add_lane("Ops")
    journey.add_card(stage, lane, Touchpoint("x", emotion=-1))
    page = report_markdown(journey)
    assert "| Persona | Buy \\| now |" in page
    assert "| Buy \\| now | Ongoing | not a duration | the start |" in page
    assert "The whole journey" not in page  # nothing readable to add up
    assert "- Buy \\| now: “Ongoing”" in page


def test_an_empty_map_still_reads_as_a_report() -> None:
    page = report_markdown(JourneyMap(""))
    assert page.startswith("# Untitled journey map: journey report")
    assert "The map has no stages or personas yet." in page
    assert "No handoffs" in page
