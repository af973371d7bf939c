"""Timeline mode: each stage's column as wide as its duration, with a ruler of days, weeks or months.

The map is laid out as usual, then stretched: a stage whose timeline reads as a duration gets a
width in proportion to it (the middle of its range; never narrower than a normal column, so cards
keep their size), a stage whose timeline cannot be read keeps the normal width and the ruler says so.
Cards stay at the left of their widened column; arrows are routed again between the moved cards.
The ruler sits in a strip at the foot of the stage headers (``style.ruler_strip``): ticks at the
cumulative time from the start, and over each stage its duration and when it ends ("ends after
45-75 days").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from journeymap.analysis.timeline import StageSpan, days_text, stage_timeline, start_text
from journeymap.layout.flows import flow_route, label_flows, separate_shared_gutters
from journeymap.layout.geometry import Rect
from journeymap.layout.map_layout import (
    LayoutEngine,
    MapLayout,
    card_area,
    flow_corridor,
    route_flow,
)
from journeymap.layout.style import LayoutStyle
from journeymap.model import JourneyMap

MAX_COLUMNS = 8  # the longest stage is at most this many normal columns wide
TICK_STEPS = ((1, "d"), (7, "wk"), (30, "mo"), (90, "qtr"), (365, "yr"))
MIN_TICK_GAP = 40.0  # scene units between ticks at scale 1


@dataclass(frozen=True)
class RulerStage:
    stage: str
    span: Rect  # the stage's column across the ruler strip
    text: str  # "30-60 days, ends after 44-88 days" or why it has no time
    parsed: bool


@dataclass(frozen=True)
class Ruler:
    rect: Rect
    axis_y: float
    ticks: tuple[tuple[float, str], ...]  # (x, "2 wk")
    stages: tuple[RulerStage, ...]
    unit: str  # what a tick counts: "days", "weeks", ...


@dataclass
class TimelineLayout(MapLayout):
    """A layout whose columns differ in width; ``stage_at`` looks the column up."""

    ruler: Ruler | None = None
    spans: dict[str, StageSpan] = field(default_factory=dict)

    def stage_at(self, x: float) -> str | None:
        if not self.stage_order or x < self.style.lane_header_width:
            return None
        lefts = [self.stages[s].column.x for s in self.stage_order]
        index = bisect_right(lefts, x) - 1
        stage = self.stage_order[max(index, 0)]
        return stage if x <= self.stages[stage].column.right else None


class TimelineEngine(LayoutEngine):
    """A :class:`LayoutEngine` whose layouts are time-scaled (give it a style with a ruler strip)."""

    def compute(self, journey: JourneyMap) -> TimelineLayout:
        return stretch_to_timeline(super().compute(journey), journey)


def typical_days(span: StageSpan) -> float | None:
    """The middle of a stage's range (its lower bound when open-ended); None when it has no duration."""
    if span.days_min is None:
        return None
    return span.days_min if span.days_max is None else (span.days_min + span.days_max) / 2


def stage_widths(journey: JourneyMap, style: LayoutStyle) -> dict[str, float]:
    """Column widths in proportion to the stages' typical durations (a normal column at the least)."""
    typical = {s.stage: typical_days(s) for s in stage_timeline(journey)}
    positive = [d for d in typical.values() if d]
    base = style.column_width
    if not positive:
        return {stage: base for stage in typical}
    scale = base / min(positive)
    if max(positive) * scale > MAX_COLUMNS * base:
        scale = MAX_COLUMNS * base / max(positive)
    return {stage: max(base, (days or 0) * scale) for stage, days in typical.items()}


def stretch_to_timeline(layout: MapLayout, journey: JourneyMap) -> TimelineLayout:
    s = layout.style
    widths = stage_widths(journey, s)
    shift: dict[str, float] = {}
    total = 0.0
    for stage in layout.stage_order:
        shift[stage] = total
        total += widths[stage] - s.column_width
    stages = {
        sid: replace(
            box,
            header=Rect(box.header.x + shift[sid], box.header.y, widths[sid], box.header.height),
            column=Rect(box.column.x + shift[sid], box.column.y, widths[sid], box.column.height),
            text_x=box.text_x + shift[sid],
        )
        for sid, box in layout.stages.items()
    }
    cells, cards, milestones = {}, {}, {}
    for (sid, lane), cell in layout.cells.items():
        dx = shift[sid]
        cells[(sid, lane)] = replace(cell, rect=Rect(cell.rect.x + dx, cell.rect.y, widths[sid], cell.rect.height))
        for card in cell.card_ids:
            cards[card] = layout.cards[card].moved(dx)
    for mid, box in layout.milestones.items():
        dx = shift[box.stage]
        milestones[mid] = replace(
            box, rect=box.rect.moved(dx, 0), diamond=box.diamond.moved(dx, 0), text_x=box.text_x + dx
        )
    width = layout.width + total

    def widen(rect: Rect) -> Rect:
        return Rect(rect.x, rect.y, rect.width + total, rect.height)

    lanes = {
        lid: replace(box, row=widen(box.row), curve=None if box.curve is None else widen(box.curve))
        for lid, box in layout.lanes.items()
    }
    lane_of = {card: lane for (_, lane), cell in cells.items() for card in cell.card_ids}
    flows = {}
    for index, (a, b) in enumerate(layout.flows):
        corridor = flow_corridor(card_area(lanes[lane_of[a]]), s, index)
        flows[(a, b)] = flow_route(a, b, route_flow(cards[a].rect, cards[b].rect, s, corridor), s)
    separate_shared_gutters(flows, s)
    label_flows(flows, {key: journey.flow(*key).label for key in flows}, layout.measurer, s)
    spans = {span.stage: span for span in stage_timeline(journey)}
    curve_band = None if layout.curve_band is None else widen(layout.curve_band)
    result = TimelineLayout(
        s,
        width,
        layout.height,
        layout.header_height,
        widen(layout.band),
        stages,
        lanes,
        cells,
        cards,
        milestones,
        flows,
        layout.stage_order,
        layout.lane_order,
        layout.measurer,
        curve_band,
        spans=spans,
    )
    result.ruler = ruler(result) if s.ruler_strip else None
    return result


def ruler(layout: TimelineLayout) -> Ruler:
    s = layout.style
    top = layout.header_height - s.handoff_strip - s.ruler_strip
    rect = Rect(s.lane_header_width, top, layout.width - s.lane_header_width, s.ruler_strip)
    axis_y = top + s.ruler_strip * 0.62
    segments = []  # (column, start day, days) of stages with a duration
    elapsed = 0.0
    stages = []
    for stage in layout.stage_order:
        span, column = layout.spans[stage], layout.stages[stage].column
        days = typical_days(span)
        band = Rect(column.x, top, column.width, s.ruler_strip)
        if days is None:
            why = f"“{' '.join(span.text.split())}” is no duration" if span.text.strip() else "no timeline"
            stages.append(RulerStage(stage, band, f"{why}: normal width", False))
            continue
        ends = start_text(span.end_min, span.end_max)
        stages.append(RulerStage(stage, band, f"{days_text(span.days_min, span.days_max)}, ends after {ends}", True))
        if days > 0:
            segments.append((column, elapsed, days))
        elapsed += days
    ticks: list[tuple[float, str]] = []
    unit = "days"
    if segments:
        per_day = min(column.width / days for column, _, days in segments)
        gap = MIN_TICK_GAP * s.card_width / 200
        step, short = next(((n, u) for n, u in TICK_STEPS if n * per_day >= gap), TICK_STEPS[-1])
        unit = {"d": "days", "wk": "weeks", "mo": "months", "qtr": "quarters", "yr": "years"}[short]
        for column, start, days in segments:
            first = int(-(-start // step))  # the first multiple of the step at or after the stage's start
            for n in range(first, int((start + days) // step) + 1):
                t = n * step
                if t >= start + days and column is not segments[-1][0]:
                    continue  # the next stage draws the tick on their shared boundary
                ticks.append((column.x + (t - start) / days * column.width, f"{n} {short}"))
    return Ruler(rect, axis_y, tuple(ticks), tuple(stages), unit)
