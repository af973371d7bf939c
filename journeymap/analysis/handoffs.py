"""Handoffs: where ownership of the customer changes, the riskiest points of a journey.

Two kinds: between consecutive stages (the stages' owners) and along arrows (the owners of the two
cards). Owners are compared trimmed and case-folded, so "Sales" and " sales " are one team, and an
empty owner never makes a handoff: nobody is not a team.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analysis.curve import experience_curve
from journeymap.model import JourneyMap

RISKY_EMOTION = -1  # a handoff into a card scored this or lower is flagged


def owner_key(owner: str) -> str:
    return " ".join(owner.split()).casefold()


def same_owner(a: str, b: str) -> bool:
    """True when two owner texts name the same team (trimmed, case-folded)."""
    return owner_key(a) == owner_key(b)


def is_handoff(from_owner: str, to_owner: str) -> bool:
    """Both owners given and different."""
    a, b = owner_key(from_owner), owner_key(to_owner)
    return bool(a) and bool(b) and a != b


@dataclass(frozen=True)
class StageHandoff:
    from_stage: str  # stage ids
    to_stage: str
    from_owner: str
    to_owner: str


@dataclass(frozen=True)
class FlowHandoff:
    source: str  # card ids
    target: str
    from_owner: str
    to_owner: str
    persona: str  # the target card's lane id
    emotion: int | None  # the target card's score

    @property
    def risk(self) -> bool:
        return self.emotion is not None and self.emotion <= RISKY_EMOTION


def stage_handoffs(journey: JourneyMap) -> list[StageHandoff]:
    """Consecutive stages whose owners differ, in stage order."""
    stages = journey.stage_ids()
    found = []
    for before, after in zip(stages, stages[1:], strict=False):
        a, b = journey.stage(before).owner, journey.stage(after).owner
        if is_handoff(a, b):
            found.append(StageHandoff(before, after, a.strip(), b.strip()))
    return found


def flow_handoffs(journey: JourneyMap) -> list[FlowHandoff]:
    """Arrows whose two cards have different owners, in the map's flow order."""
    found = []
    for source, target in journey.flows():
        a, b = journey.card(source).owner, journey.card(target).owner
        if is_handoff(a, b):
            lane = journey.cell_of(target)[1]
            found.append(FlowHandoff(source, target, a.strip(), b.strip(), lane, journey.card(target).emotion))
    return found


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the handoff ledger: who hands the customer to whom, and how the persona feels there."""

    kind: str  # "stage" or "flow"
    from_label: str  # stage name, or the source card's title
    to_label: str
    from_owner: str
    to_owner: str
    persona: str  # lane name
    emotion: float | None  # the persona's mean in the receiving stage, or the target card's score
    risk: bool  # a card scored -1 or -2 receives the customer
    low: int | None  # the lowest score receiving the customer (a -2 can hide in a mean of 0)
    place: tuple[str, ...]  # (from stage, to stage) or (source card, target card): what to select


def handoff_ledger(journey: JourneyMap) -> list[LedgerEntry]:
    """Stage handoffs (one line per persona, with its emotion in the receiving stage), then arrow handoffs."""
    curve = experience_curve(journey)
    entries = []
    for handoff in stage_handoffs(journey):
        for lane_id in journey.lane_ids():
            point = next(p for p in curve[lane_id] if p.stage == handoff.to_stage)
            entries.append(
                LedgerEntry(
                    "stage",
                    journey.stage(handoff.from_stage).name,
                    journey.stage(handoff.to_stage).name,
                    handoff.from_owner,
                    handoff.to_owner,
                    journey.lane(lane_id).name,
                    point.mean,
                    point.low is not None and point.low <= RISKY_EMOTION,
                    point.low,
                    (handoff.from_stage, handoff.to_stage),
                )
            )
    for flow in flow_handoffs(journey):
        entries.append(
            LedgerEntry(
                "flow",
                journey.card(flow.source).title,
                journey.card(flow.target).title,
                flow.from_owner,
                flow.to_owner,
                journey.lane(flow.persona).name,
                flow.emotion,
                flow.risk,
                flow.emotion,
                (flow.source, flow.target),
            )
        )
    return entries
