"""The map described for scripts (``journeymap inspect --json``) and for people (a summary)."""

from __future__ import annotations

from typing import Any

from journeymap.layout.map_layout import STAGE_FIELDS
from journeymap.model import JourneyMap


def describe(journey: JourneyMap) -> dict[str, Any]:
    """The inspect contract: stage and persona of a card are given by name, not id."""
    stage_names = {s: journey.stage(s).name for s in journey.stage_ids()}
    lane_names = {p: journey.lane(p).name for p in journey.lane_ids()}
    stages = []
    for stage_id in journey.stage_ids():
        stage = journey.stage(stage_id)
        stages.append(
            {
                "id": stage_id,
                "name": stage.name,
                "goal": stage.goal,
                "success_criteria": stage.success_criteria,
                "timeline": stage.timeline,
                "owner": stage.owner,
            }
        )
    personas = [
        {"id": p, "name": lane_names[p], "description": journey.lane(p).description} for p in journey.lane_ids()
    ]
    touchpoints = []
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        stage_id, lane_id = journey.cell_of(card_id)
        touchpoints.append(
            {
                "id": card_id,
                "title": card.title,
                "stage": stage_names[stage_id],
                "persona": lane_names[lane_id],
                "channel": card.channel,
                "owner": card.owner,
                "kind": card.kind.value,
                "emotion": card.emotion,
                "notes": card.notes,
                "votes": journey.voting.count(card_id),
            }
        )
    milestones = []
    for milestone_id in journey.milestone_ids():
        stage_id, place = journey.milestone_place(milestone_id)
        milestone = journey.milestone(milestone_id)
        milestones.append(
            {
                "id": milestone_id,
                "title": milestone.title,
                "stage": stage_names[stage_id],
                "persona": lane_names[place] if place else None,
                "success_signal": milestone.success_signal,
            }
        )
    flows = [{"from": s, "to": t} for s, t in journey.flows()]
    inbox = []
    for submission_id in journey.inbox.ids():
        submission = journey.inbox.get(submission_id)
        inbox.append(
            {
                "id": submission_id,
                "title": submission.title,
                "kind": submission.kind.value,
                "stage": stage_names.get(submission.stage or ""),
                "persona": lane_names.get(submission.persona or ""),
                "author": submission.author,
            }
        )
    return {
        "title": journey.title,
        "stages": stages,
        "personas": personas,
        "touchpoints": touchpoints,
        "milestones": milestones,
        "flows": flows,
        "inbox": inbox,
    }


def plural(count: int, word: str) -> str:
    """ "1 lane", "2 lanes", "0 lanes": what people write."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(journey: JourneyMap) -> str:
    """A short human-readable overview, one stage per paragraph."""
    counts = journey.counts()
    lines = [
        journey.title,
        ", ".join(
            plural(counts[key], word)
            for key, word in (
                ("stages", "stage"),
                ("lanes", "lane"),
                ("cards", "card"),
                ("milestones", "milestone"),
                ("flows", "flow"),
            )
        ),
        "Lanes: " + (", ".join(journey.lane(p).name for p in journey.lane_ids()) or "none"),
    ]
    if len(journey.inbox):
        waiting = len(journey.inbox)
        lines.append(f"Inbox: {waiting} idea{'s' if waiting != 1 else ''} from the room waiting to be sorted")
    for number, stage_id in enumerate(journey.stage_ids(), 1):
        stage = journey.stage(stage_id)
        lines.append("")
        lines.append(f"{number}. {stage.name}")
        for label, name in STAGE_FIELDS:
            value = getattr(stage, name)
            if value:
                lines.append(f"   {label}: {' '.join(value.split())}")
        for lane_id in journey.lane_ids():
            cards = journey.cards_in(stage_id, lane_id)
            if cards:
                titles = "; ".join(" ".join(journey.card(c).title.split()) for c in cards)
                lines.append(f"   {journey.lane(lane_id).name}: {titles}")
        for milestone_id in journey.milestone_ids():
            if journey.milestone_place(milestone_id)[0] == stage_id:
                lines.append(f"   Milestone: {journey.milestone(milestone_id).title}")
    return "\n".join(lines) + "\n"
