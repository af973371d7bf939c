"""Cut text beyond what the poster can show, before it is laid out, so any poster is bounded.

Wrapping measures every word, and a word wider than a card is measured piece by piece: a 50 MB
title took the poster 412 s, to print millions of lines no one could read. Each kind of text has a
ceiling in characters well above what its box shows (a card title of 500 characters already fills
about 25 lines); beyond it the text is cut with an ellipsis and a warning names what was cut.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeymap.io.formats import Notice, Severity
from journeymap.model import JourneyMap

ELLIPSIS = "…"
TITLE_CHARS = 300
NAME_CHARS = 200  # stage and persona names, card channel and owner, arrow labels
STAGE_FIELD_CHARS = 600  # a header shows four lines of each field; the layout elides the rest
DESCRIPTION_CHARS = 1_000
CARD_TITLE_CHARS = 500
MILESTONE_CHARS = 300
_STAGE = {
    "name": NAME_CHARS,
    "goal": STAGE_FIELD_CHARS,
    "success_criteria": STAGE_FIELD_CHARS,
    "timeline": STAGE_FIELD_CHARS,
    "owner": STAGE_FIELD_CHARS,
}
_LANE = {"name": NAME_CHARS, "description": DESCRIPTION_CHARS}
_CARD = {"title": CARD_TITLE_CHARS, "channel": NAME_CHARS, "owner": NAME_CHARS}
_MILESTONE = {"title": MILESTONE_CHARS}
_FLOW = {"label": NAME_CHARS}
_NAMED = 5

# (what to call it, its changes, how to apply them to a copy of the map)
_Cut = tuple[str, dict[str, str], Callable[[JourneyMap, dict[str, str]], Any]]


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def cut_long_texts(journey: JourneyMap) -> tuple[JourneyMap, list[Notice]]:
    """The map as the poster prints it (the same object when nothing is too long), and a warning."""
    cuts = list(_cuts(journey))
    if not cuts:
        return journey, []
    copy = journey.copy()
    for _what, changes, apply in cuts:
        apply(copy, changes)
    named = [what for what, _changes, _apply in cuts]
    shown = ", ".join(named[:_NAMED]) + (f" and {len(named) - _NAMED} more" if len(named) > _NAMED else "")
    return copy, [
        Notice(
            Severity.WARNING,
            f"text longer than the poster can show was cut with '{ELLIPSIS}' "
            f"(card titles at {CARD_TITLE_CHARS} characters): {shown}",
        )
    ]


def _changes(record: Any, limits: dict[str, int]) -> dict[str, str]:
    return {
        name: cut(getattr(record, name), limit) for name, limit in limits.items() if len(getattr(record, name)) > limit
    }


def _cuts(journey: JourneyMap) -> Any:
    if len(journey.title) > TITLE_CHARS:
        yield "the map title", {"title": cut(journey.title, TITLE_CHARS)}, lambda m, c: m.set_title(c["title"])
    for stage_id in journey.stage_ids():
        stage = journey.stage(stage_id)
        if changes := _changes(stage, _STAGE):
            yield (f"stage “{cut(stage.name, 30)}”", changes, lambda m, c, i=stage_id: m.update_stage(i, **c))
    for lane_id in journey.lane_ids():
        lane = journey.lane(lane_id)
        if changes := _changes(lane, _LANE):
            yield f"persona “{cut(lane.name, 30)}”", changes, lambda m, c, i=lane_id: m.update_lane(i, **c)
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        if changes := _changes(card, _CARD):
            yield f"card “{cut(card.title, 30)}”", changes, lambda m, c, i=card_id: m.update_card(i, **c)
    for milestone_id in journey.milestone_ids():
        milestone = journey.milestone(milestone_id)
        if changes := _changes(milestone, _MILESTONE):
            yield (
                f"milestone “{cut(milestone.title, 30)}”",
                changes,
                lambda m, c, i=milestone_id: m.update_milestone(i, **c),
            )
    for source, target in journey.flows():
        if changes := _changes(journey.flow(source, target), _FLOW):
            yield "an arrow's label", changes, lambda m, c, s=source, t=target: m.update_flow(s, t, **c)
