"""Where the experience curve goes: the one geometry that the canvas and the poster both draw.

Per lane (``style.curve_band``) each lane row ends in a band with its own line; shared
(``style.shared_curve_band``) one band under the last lane holds a line per persona. A band maps the
-2..+2 scale to heights; each stage's mean is a point at the column's centre, each scored card a small
dot spread across the column in card order, and the line joins the means of consecutive scored
stages only: a stage nobody scored breaks it (no invented zeros).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from journeymap.analysis.curve import CurvePoint, experience_curve, segments
from journeymap.layout.geometry import Rect
from journeymap.layout.map_layout import MapLayout
from journeymap.layout.style import CURVE_BAND, HANDOFF_STRIP, RULER_STRIP, SHARED_CURVE_BAND, LayoutStyle
from journeymap.model import JourneyMap

CURVE_MODES = ("off", "lanes", "shared")  # no curve, a band per lane, one band with a line per persona
LEVELS = (2, 1, 0, -1, -2)
Point = tuple[float, float]


@dataclass(frozen=True)
class CurveMean:
    x: float
    y: float
    stage: str
    mean: float
    count: int


@dataclass(frozen=True)
class CurveLine:
    """One persona's curve: lines through its stage means, the means, and each scored card."""

    lane: str
    colour_index: int
    segments: tuple[tuple[Point, ...], ...]  # each run of consecutive scored stages (a run of one is a dot)
    means: tuple[CurveMean, ...]
    cards: tuple[tuple[float, float, str, int], ...]  # (x, y, card id, score)


@dataclass(frozen=True)
class CurveBand:
    rect: Rect
    levels: tuple[tuple[int, float], ...]  # (score, y) from +2 down to -2
    lines: tuple[CurveLine, ...]
    lane: str | None  # the lane of a per-lane band; None for the shared band

    def y_of(self, score: float) -> float:
        return level_y(self.rect, score)


def with_overlay(style: LayoutStyle, curve: str = "off", handoffs: bool = False, timeline: bool = False) -> LayoutStyle:
    """``style`` with room for the curve, the stage handoff labels and the timeline ruler (before ``scaled``)."""
    if curve not in CURVE_MODES:
        raise ValueError(f"curve must be one of {', '.join(CURVE_MODES)}, not {curve!r}")
    return replace(
        style,
        curve_band=CURVE_BAND if curve == "lanes" else 0.0,
        shared_curve_band=SHARED_CURVE_BAND if curve == "shared" else 0.0,
        handoff_strip=HANDOFF_STRIP if handoffs else 0.0,
        ruler_strip=RULER_STRIP if timeline else 0.0,
    )


def level_y(rect: Rect, score: float) -> float:
    """The height of a score in a band: +2 near the top, -2 near the bottom."""
    margin = min(10.0, rect.height * 0.16)
    return rect.y + margin + (2 - score) / 4 * (rect.height - 2 * margin)


def curve_bands(journey: JourneyMap, layout: MapLayout) -> list[CurveBand]:
    """Every band the layout made room for, each with its lines; empty when the curve is off."""
    if not layout.curve_band and not any(lane.curve for lane in layout.lanes.values()):
        return []
    curve = {lane: points for lane, points in experience_curve(journey).items() if lane in layout.lanes}
    bands = []
    if layout.curve_band is not None:
        lanes = list(curve)
        lines = tuple(
            _line(
                journey,
                layout,
                layout.curve_band,
                lane,
                curve[lane],
                _spread(index, len(lanes), layout.style.badge_size * 0.35),
            )
            for index, lane in enumerate(lanes)
        )
        bands.append(CurveBand(layout.curve_band, _levels(layout.curve_band), lines, None))
    for lane_id, points in curve.items():
        rect = layout.lanes[lane_id].curve
        if rect is not None:
            line = _line(journey, layout, rect, lane_id, points, 0.0)
            bands.append(CurveBand(rect, _levels(rect), (line,), lane_id))
    return bands


def _levels(rect: Rect) -> tuple[tuple[int, float], ...]:
    return tuple((score, level_y(rect, score)) for score in LEVELS)


def _spread(index: int, count: int, step: float) -> float:
    """Lines of a shared band sit a little apart, so equal means of two personas both show."""
    return (index - (count - 1) / 2) * step


def _line(
    journey: JourneyMap, layout: MapLayout, rect: Rect, lane_id: str, points: list[CurvePoint], offset: float
) -> CurveLine:
    stages = layout.stages
    means = tuple(
        CurveMean(stages[p.stage].column.center[0] + offset, level_y(rect, p.mean), p.stage, p.mean, p.count)
        for p in points
        if p.mean is not None
    )
    where = {m.stage: (m.x, m.y) for m in means}
    runs = tuple(tuple(where[p.stage] for p in run) for run in segments(points))
    cards = []
    inner = layout.style.column_width - 2 * layout.style.cell_padding
    for point in points:
        if point.mean is None:
            continue
        scored = [(c, e) for c in journey.cards_in(point.stage, lane_id) if (e := journey.card(c).emotion) is not None]
        left = stages[point.stage].column.x + layout.style.cell_padding
        for index, (card_id, score) in enumerate(scored):
            cards.append((left + (index + 0.5) / len(scored) * inner + offset, level_y(rect, score), card_id, score))
    return CurveLine(lane_id, layout.lanes[lane_id].colour_index, runs, means, tuple(cards))
