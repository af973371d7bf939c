"""Where the handoff marks go: labels on stage boundaries and marks on arrows, for canvas and poster.

A stage handoff is a label ("Sales → Onboarding") centred on the boundary between the two columns,
in the strip the layout keeps at the foot of the stage headers (``style.handoff_strip``), so it
covers no header text and no card. An arrow handoff is a numbered disc on the arrow, in the gutter
or the corridor the arrow already runs through; where the arrow runs along a corridor long enough,
the label is written there instead. The number is the mark's line in the poster's handoff ledger.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analysis.curve import experience_curve
from journeymap.analysis.handoffs import RISKY_EMOTION, flow_handoffs, stage_handoffs
from journeymap.layout.geometry import Rect
from journeymap.layout.map_layout import ELLIPSIS, MapLayout
from journeymap.layout.style import TextStyle
from journeymap.layout.text import TextMeasurer
from journeymap.model import JourneyMap

ARROW = " → "
RISK_SIGN = "⚠ "


@dataclass(frozen=True)
class HandoffMark:
    kind: str  # "stage" or "flow"
    key: tuple[str, str]  # (from stage, to stage) or (source card, target card)
    label: str  # the full "From → To"
    text: str  # what fits on the map: the label, elided, or the flow's number
    rect: Rect  # the pill or disc to draw
    risk: bool  # a card scored -1 or -2 receives the customer here
    number: int = 0  # arrow handoffs are numbered 1..n in flow order


def label_style(layout: MapLayout) -> TextStyle:
    return TextStyle(layout.style.card_meta.size, bold=True)


def handoff_marks(journey: JourneyMap, layout: MapLayout, measurer: TextMeasurer) -> list[HandoffMark]:
    """Stage marks (when the layout kept a strip for them), then arrow marks in flow order."""
    s = layout.style
    style = label_style(layout)
    pad = style.size * 0.6
    height = style.line_height + 2
    marks = []
    if s.handoff_strip:
        lows = {lane: {p.stage: p.low for p in points} for lane, points in experience_curve(journey).items()}
        top = layout.header_height - s.handoff_strip + (s.handoff_strip - height) / 2
        for handoff in stage_handoffs(journey):
            if handoff.from_stage not in layout.stages or handoff.to_stage not in layout.stages:
                continue
            label = handoff.from_owner + ARROW + handoff.to_owner
            risk = any(
                low is not None and low <= RISKY_EMOTION
                for low in (lanes.get(handoff.to_stage) for lanes in lows.values())
            )
            # Neighbouring labels sit a column apart: each keeps to 88% of a column, so they never touch.
            text = _elide((RISK_SIGN if risk else "") + label, s.column_width * 0.88 - 2 * pad, style, measurer)
            width = measurer.width(text, style) + 2 * pad
            x = layout.stages[handoff.from_stage].column.right
            marks.append(
                HandoffMark(
                    "stage",
                    (handoff.from_stage, handoff.to_stage),
                    label,
                    text,
                    Rect(x - width / 2, top, width, height),
                    risk,
                )
            )
    for number, flow in enumerate(flow_handoffs(journey), 1):
        route = layout.flows.get((flow.source, flow.target))
        if route is None:
            continue
        label = flow.from_owner + ARROW + flow.to_owner
        text, rect = _on_arrow(route.points, label, str(number), style, measurer, pad, height)
        # Only the cards of the cells the mark touches can be under it (a big map has thousands).
        lanes = {lane for lane in (layout.lane_at(rect.y), layout.lane_at(rect.bottom)) if lane is not None}
        stages = {stage for stage in (layout.stage_at(rect.x), layout.stage_at(rect.right)) if stage is not None}
        near = [
            layout.cards[card].rect
            for stage in stages
            for lane in lanes
            for card in layout.cells[(stage, lane)].card_ids
            if layout.cards[card].rect.intersects(rect)
        ]
        rect = _clear_of_cards(rect, near)
        marks.append(HandoffMark("flow", (flow.source, flow.target), label, text, rect, flow.risk, number))
    return marks


def _on_arrow(
    points: list[tuple[float, float]],
    label: str,
    number: str,
    style: TextStyle,
    measurer: TextMeasurer,
    pad: float,
    height: float,
) -> tuple[str, Rect]:
    """The label on the arrow's longest horizontal run when it fits there, else a disc at the arrow's middle."""
    runs = [(abs(b[0] - a[0]), a, b) for a, b in zip(points, points[1:], strict=False) if abs(a[1] - b[1]) < 0.5]
    # Only a corridor run (one that is neither the first nor the last segment) has no card beside it.
    corridor = [run for run in runs if run[1] != points[0] and run[2] != points[-1]]
    width = measurer.width(label, style) + 2 * pad
    if corridor:
        length, a, b = max(corridor, key=lambda run: run[0])
        if length >= width + 24:
            cx = (a[0] + b[0]) / 2
            return label, Rect(cx - width / 2, a[1] - height / 2, width, height)
    cx, cy = _middle(points)
    return number, Rect(cx - height / 2, cy - height / 2, height, height)


def _clear_of_cards(rect: Rect, cards: list[Rect]) -> Rect:
    """A disc that an arrow turning close beside a card would lay over its edge moves into the gutter."""
    for card in cards:
        if rect.center[0] >= card.center[0]:
            rect = rect._replace(x=max(rect.x, card.right + 1))
        else:
            rect = rect._replace(x=min(rect.x, card.x - 1 - rect.width))
    return rect


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a polyline."""
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in zip(points, points[1:], strict=False)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        remaining -= length
    return points[-1]


def _elide(text: str, width: float, style: TextStyle, measurer: TextMeasurer) -> str:
    if measurer.width(text, style) <= width:
        return text
    while text and measurer.width(text + ELLIPSIS, style) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
