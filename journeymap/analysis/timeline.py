"""The journey in time: each stage's day range and when it starts, counted from the first stage.

The stage's timeline text stays the user's; :func:`journeymap.model.parse_timeline` reads a day range
out of it where it can. A start is a range too: its lower bound adds the earlier stages' minimums
(a stage that cannot be read still takes at least no time), its upper bound their maximums, and is
unknown (None) once an earlier stage is unreadable or open-ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import JourneyMap, parse_timeline


@dataclass(frozen=True)
class StageSpan:
    stage: str  # stage id
    text: str
    days_min: int | None
    days_max: int | None
    start_min: int
    start_max: int | None

    @property
    def parsed(self) -> bool:
        return self.days_min is not None

    @property
    def end_min(self) -> int:
        return self.start_min + (self.days_min or 0)

    @property
    def end_max(self) -> int | None:
        if self.start_max is None or self.days_max is None:
            return None
        return self.start_max + self.days_max


def stage_timeline(journey: JourneyMap) -> list[StageSpan]:
    """One span per stage, in stage order."""
    spans = []
    start_min: int = 0
    start_max: int | None = 0
    for stage_id in journey.stage_ids():
        text = journey.stage(stage_id).timeline
        days = parse_timeline(text) if text.strip() else None
        low, high = days if days is not None else (None, None)
        spans.append(StageSpan(stage_id, text, low, high, start_min, start_max))
        start_min += low or 0
        start_max = None if start_max is None or high is None else start_max + high
    return spans


def days_text(low: int | None, high: int | None) -> str:
    """ "45-75 days", "90+ days", "14 days": a day range as people say it."""
    if low is None:
        return "unknown"
    if high is None:
        return f"{low}+ days"
    if low == high:
        return "1 day" if low == 1 else f"{low} days"
    return f"{low}-{high} days"


def start_text(low: int, high: int | None) -> str:
    """When a stage starts (or the journey ends): "the start", "14-28 days", "at least 7 days", "unknown"."""
    if high == 0:
        return "the start"
    if high is None:
        return f"at least {days_text(low, low)}" if low else "unknown"
    return days_text(low, high)
