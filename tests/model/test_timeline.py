"""Timelines keep the user's words; a day range is read out where the words allow it."""

from __future__ import annotations

import pytest

from journeymap.model import parse_timeline


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2-4 weeks", (14, 28)),
        ("30-60 days", (30, 60)),
        ("1 quarter", (90, 90)),
        ("6–8 wks", (42, 56)),
        ("one to two weeks", (7, 14)),
        ("2 weeks to 3 months", (14, 90)),
        ("first 90 days", (0, 90)),
        ("within 14 days", (0, 14)),
        ("after 90 days", (90, None)),
        ("a month", (30, 30)),
        ("12 months", (360, 360)),
        ("90 days before term end", (90, 90)),
    ],
)
def test_durations_people_write_give_a_day_range(text: str, days: tuple[int, int | None]) -> None:
    assert parse_timeline(text) == days


@pytest.mark.parametrize("text", ["Ongoing", "Q3", "Day 30", "", "ASAP", "Week 1"])
def test_text_that_is_not_a_duration_gives_none(text: str) -> None:
    assert parse_timeline(text) is None
