"""Gaps and health: what the map does not say yet, each with the place on the map it concerns.

- empty cells: a stage x lane cell with no card and no milestone;
- stages missing goal, success criteria, timeline or owner (blank after trimming);
- pain points with no opportunity in the same stage and lane: a problem nobody answered;
- cards without channel or owner (thoughts are quotes, which have neither, so they are left out);
- stage timelines that are written but cannot be read as a duration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.model import JourneyMap, Kind, parse_timeline
from journeymap.model.records import STAGE_DETAILS

STAGE_FIELDS = STAGE_DETAILS
CARD_FIELDS = ("channel", "owner")
FIELD_LABELS = {
    "goal": "goal",
    "success_criteria": "success criteria",
    "timeline": "timeline",
    "owner": "owner",
    "channel": "channel",
}


@dataclass(frozen=True)
class StageGap:
    stage: str  # stage id
    fields: tuple[str, ...]  # record field names, in STAGE_FIELDS order


@dataclass(frozen=True)
class CardGap:
    card: str  # card id
    fields: tuple[str, ...]  # in CARD_FIELDS order


@dataclass
class Gaps:
    empty_cells: list[tuple[str, str]] = field(default_factory=list)  # (stage id, lane id), stage by stage
    stage_fields_missing: list[StageGap] = field(default_factory=list)
    unanswered_pain_points: list[str] = field(default_factory=list)  # card ids, in map order
    cards_missing: list[CardGap] = field(default_factory=list)
    unreadable_timelines: list[str] = field(default_factory=list)  # stage ids whose timeline is no duration

    @property
    def count(self) -> int:
        return (
            len(self.empty_cells)
            + len(self.stage_fields_missing)
            + len(self.unanswered_pain_points)
            + len(self.cards_missing)
            + len(self.unreadable_timelines)
        )


def find_gaps(journey: JourneyMap) -> Gaps:
    gaps = Gaps()
    stages, lanes = journey.stage_ids(), journey.lane_ids()
    in_lane_milestones = set()
    for milestone_id in journey.milestone_ids():
        stage_id, lane_id = journey.milestone_place(milestone_id)
        if lane_id is not None:
            in_lane_milestones.add((stage_id, lane_id))
    for stage_id in stages:
        for lane_id in lanes:
            if not journey.cards_in(stage_id, lane_id) and (stage_id, lane_id) not in in_lane_milestones:
                gaps.empty_cells.append((stage_id, lane_id))
    for stage_id in stages:
        stage = journey.stage(stage_id)
        missing = tuple(name for name in STAGE_FIELDS if not getattr(stage, name).strip())
        if missing:
            gaps.stage_fields_missing.append(StageGap(stage_id, missing))
        if stage.timeline.strip() and parse_timeline(stage.timeline) is None:
            gaps.unreadable_timelines.append(stage_id)
    answered = {
        journey.cell_of(card_id) for card_id in journey.card_ids() if journey.card(card_id).kind is Kind.OPPORTUNITY
    }
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        if card.kind is Kind.PAIN_POINT and journey.cell_of(card_id) not in answered:
            gaps.unanswered_pain_points.append(card_id)
        if card.kind is not Kind.THOUGHT:
            missing = tuple(name for name in CARD_FIELDS if not getattr(card, name).strip())
            if missing:
                gaps.cards_missing.append(CardGap(card_id, missing))
    return gaps
