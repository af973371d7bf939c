"""The cards a room voted for, ranked: what the team decided to act on first.

Ties share a rank (1, 2, 2, 4) and keep the map's reading order (stage, then lane, then position in
the cell), so the list is the same on every export.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import JourneyMap, Kind


@dataclass(frozen=True)
class RankedCard:
    rank: int
    votes: int
    card: str  # card id
    title: str
    stage: str  # stage name
    lane: str  # persona name
    owner: str
    kind: Kind


def ranked_cards(journey: JourneyMap) -> list[RankedCard]:
    """Cards with at least one dot, most dots first."""
    counts = journey.voting.counts()
    if not counts:
        return []
    order: dict[str, int] = {}
    for stage_id in journey.stage_ids():
        for lane_id in journey.lane_ids():
            for card_id in journey.cards_in(stage_id, lane_id):
                order[card_id] = len(order)
    voted = sorted((card for card in counts if card in order), key=lambda card: (-counts[card], order[card]))
    ranked: list[RankedCard] = []
    for position, card_id in enumerate(voted, 1):
        votes = counts[card_id]
        rank = ranked[-1].rank if ranked and ranked[-1].votes == votes else position
        card = journey.card(card_id)
        stage_id, lane_id = journey.cell_of(card_id)
        ranked.append(
            RankedCard(
                rank,
                votes,
                card_id,
                card.title,
                journey.stage(stage_id).name,
                journey.lane(lane_id).name,
                card.owner,
                card.kind,
            )
        )
    return ranked
