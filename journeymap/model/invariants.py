"""The map's invariants, checked in one place: tests call this after every random operation."""

from __future__ import annotations

from collections import Counter

from journeymap.model.journey_map import EdgeType, JourneyMap, NodeType, check_record
from journeymap.model.records import Milestone, Persona, Stage, Touchpoint

_RECORD_TYPE = {
    NodeType.STAGE: Stage,
    NodeType.LANE: Persona,
    NodeType.CARD: Touchpoint,
    NodeType.MILESTONE: Milestone,
}


class InvariantError(AssertionError):
    """The map's graph and its orders disagree: a bug, never a user error."""


def check_invariants(journey: JourneyMap) -> None:
    """Raise :class:`InvariantError` naming the first broken rule."""
    by_type: dict[NodeType, set[str]] = {t: set() for t in NodeType}
    type_of: dict[str, NodeType] = {}
    for node, node_type, record in journey.stored_nodes():
        if not isinstance(node_type, NodeType) or node_type not in _RECORD_TYPE:
            raise InvariantError(f"node {node!r} has no known type")
        if not isinstance(record, _RECORD_TYPE[node_type]):
            raise InvariantError(f"node {node!r} carries {type(record).__name__}")
        check_record(record)
        by_type[node_type].add(node)
        type_of[node] = node_type

    _same_members(journey.stage_ids(), by_type[NodeType.STAGE], "stage order")
    _same_members(journey.lane_ids(), by_type[NodeType.LANE], "lane order")
    _same_members(journey.milestone_ids(), by_type[NodeType.MILESTONE], "milestone order")
    cells = journey.cells()
    placed = [card for cards in cells.values() for card in cards]
    _same_members(placed, by_type[NodeType.CARD], "cell contents")

    for cell, cards in cells.items():
        if not cards:
            raise InvariantError(f"cell {cell} is kept empty")
        for card in cards:
            if journey.cell_of(card) != cell:
                raise InvariantError(f"card {card!r} sits in cell {cell} but cell_of says otherwise")
    if len(journey.card_cells()) != len(placed):
        raise InvariantError("cell_of knows cards that no cell holds")

    memberships: dict[str, Counter[EdgeType]] = {}
    for source, target, edge_type in journey.stored_edges():
        source_type, target_type = type_of[source], type_of[target]
        if edge_type is EdgeType.FLOW:
            if source_type is not NodeType.CARD or target_type is not NodeType.CARD or source == target:
                raise InvariantError(f"flow {source!r} -> {target!r} must join two different cards")
            continue
        if edge_type is EdgeType.IN_STAGE:
            if target_type is not NodeType.STAGE:
                raise InvariantError(f"{source!r} is 'in stage' {target!r}, which is no stage")
        elif edge_type is EdgeType.IN_LANE:
            if target_type is not NodeType.LANE:
                raise InvariantError(f"{source!r} is 'in lane' {target!r}, which is no lane")
        else:
            raise InvariantError(f"edge {source!r} -> {target!r} has no known type")
        if source_type is NodeType.CARD:
            raise InvariantError(f"card {source!r} has membership edges: a card's cell is kept in one place")
        if source_type in (NodeType.STAGE, NodeType.LANE):
            raise InvariantError(f"{source!r} must not point at anything")
        memberships.setdefault(source, Counter())[edge_type] += 1
    for node in by_type[NodeType.MILESTONE]:
        kinds = memberships.get(node, Counter())
        if kinds[EdgeType.IN_STAGE] != 1 or kinds[EdgeType.IN_LANE] > 1:
            raise InvariantError(f"{node!r} must belong to one stage and at most one lane")
    _check_room_parts(journey, by_type)


def _check_room_parts(journey: JourneyMap, by_type: dict[NodeType, set[str]]) -> None:
    """Inbox hints, dots and the voting round point only at what the map has."""
    for submission_id in journey.inbox.ids():
        submission = journey.inbox.get(submission_id)
        if submission.stage is not None and submission.stage not in by_type[NodeType.STAGE]:
            raise InvariantError(f"submission {submission_id!r} suggests a stage the map lacks")
        if submission.persona is not None and submission.persona not in by_type[NodeType.LANE]:
            raise InvariantError(f"submission {submission_id!r} suggests a lane the map lacks")
    for card, count in journey.voting.counts().items():
        if card not in by_type[NodeType.CARD] or count < 1:
            raise InvariantError(f"votes {count} on {card!r} do not belong to a card")
    voting_round = journey.voting.round
    if voting_round is not None and voting_round.stage not in (None, *by_type[NodeType.STAGE]):
        raise InvariantError("the voting round covers a stage the map lacks")


def _same_members(order: list[str], expected: set[str], what: str) -> None:
    if len(order) != len(set(order)):
        raise InvariantError(f"{what} lists an id twice")
    if set(order) != expected:
        raise InvariantError(f"{what} differs from the graph: {sorted(set(order) ^ expected)[:3]}")
