"""The experience curve: each persona's mean emotion per stage, with no invented zeros.

A stage where a lane has no scored card has no point (``mean`` None): the line is broken there,
because "nobody scored it" is not "neutral".
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import JourneyMap


@dataclass(frozen=True)
class CurvePoint:
    """One lane's emotion in one stage: the mean of its scored cards, and how many there were."""

    stage: str  # stage id
    mean: float | None
    count: int
    low: int | None = None  # the lowest score in the cell: a -2 hidden behind a mean of 0 is still a risk


def lane_curve(journey: JourneyMap, lane_id: str) -> list[CurvePoint]:
    """One point per stage, in stage order."""
    points = []
    for stage_id in journey.stage_ids():
        scores = [journey.card(card).emotion for card in journey.cards_in(stage_id, lane_id)]
        scored = [score for score in scores if score is not None]
        if scored:
            points.append(CurvePoint(stage_id, sum(scored) / len(scored), len(scored), min(scored)))
        else:
            points.append(CurvePoint(stage_id, None, 0))
    return points


def experience_curve(journey: JourneyMap) -> dict[str, list[CurvePoint]]:
    """Every lane's curve, keyed by lane id, in lane order."""
    return {lane_id: lane_curve(journey, lane_id) for lane_id in journey.lane_ids()}


def segments(points: list[CurvePoint]) -> list[list[CurvePoint]]:
    """The unbroken runs of scored stages: each is drawn as one line (a run of one is a lone dot)."""
    runs: list[list[CurvePoint]] = []
    current: list[CurvePoint] = []
    for point in points:
        if point.mean is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(point)
    if current:
        runs.append(current)
    return runs
