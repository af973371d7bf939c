"""Stage durations and cumulative starts read from the stages' timeline text."""

from __future__ import annotations

from journeymap.analysis import stage_timeline
from journeymap.analysis.timeline import days_text
from journeymap.model import JourneyMap, Stage


def test_starts_add_up_the_earlier_ranges() -> None:
    journey = JourneyMap("Time")
    for name, text in (("Land", "2-4 weeks"), ("Onboard", "30-60 days"), ("Adopt", "within 14 days")):
        journey.add_stage(Stage(name, timeline=text))
    spans = stage_timeline(journey)
    assert [(s.days_min, s.days_max, s.start_min, s.start_max) for s in spans] == [
        (14, 28, 0, 0),
        (30, 60, 14, 28),
        (0, 14, 44, 88),
    ]
    assert (spans[-1].end_min, spans[-1].end_max) == (44, 102)
    assert days_text(spans[1].start_min, spans[1].start_max) == "14-28 days"


def test_an_unreadable_or_open_stage_leaves_later_upper_bounds_unknown() -> None:
    journey = JourneyMap("Time")
    for name, text in (("Land", "Ongoing"), ("Onboard", "1 week"), ("Adopt", "after 90 days"), ("Renew", "")):
        journey.add_stage(Stage(name, timeline=text))
    spans = stage_timeline(journey)
    assert [(s.text, s.days_min, s.days_max, s.start_min, s.start_max, s.parsed) for s in spans] == [
        ("Ongoing", None, None, 0, 0, False),
        ("1 week", 7, 7, 0, None, True),
        ("after 90 days", 90, None, 7, None, True),
        ("", None, None, 97, None, False),
    ]
    assert days_text(97, None) == "97+ days"
