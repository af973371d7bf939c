"""The journey map: one networkx graph that is the single source of truth for a map.

Nodes are stages, personas (lanes), touchpoint cards and milestones, each carrying a frozen record.
Edges are memberships (card -> stage, card -> lane, milestone -> stage, milestone -> lane) and the
customer's flows (card -> card). Order is data too: the order of stages, of lanes, of milestones,
and of the cards inside each cell is kept beside the graph and checked against it by
:func:`journeymap.model.invariants.check_invariants`.

Every mutation emits a :class:`MapEvent`. Deletions return a :class:`Removal` that
:meth:`JourneyMap.restore` puts back exactly, which is what undo needs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import networkx as nx

from journeymap.model.events import Change, EventHub, MapEvent
from journeymap.model.inbox import Inbox, JournalMark, Submission, Voting, VotingRound
from journeymap.model.records import (
    EMOTION_RANGE,
    Flow,
    Kind,
    Milestone,
    Persona,
    SheetShape,
    Stage,
    Touchpoint,
)
from journeymap.model.refs import ItemKind, ItemRef

if TYPE_CHECKING:
    from journeymap.model.bulk import MapParts

Cell = tuple[str, str]  # (stage id, lane id)


class NodeType(StrEnum):
    STAGE = "stage"
    LANE = "lane"
    CARD = "card"
    MILESTONE = "milestone"


class EdgeType(StrEnum):
    IN_STAGE = "in_stage"
    IN_LANE = "in_lane"
    FLOW = "flow"


class MapError(ValueError):
    """An operation the map refuses: unknown id, bad value, or a broken reference."""


class CardPolicy(StrEnum):
    """What happens to the cards of a stage or lane that is deleted: the caller must choose."""

    MOVE = "move"
    DELETE = "delete"


_ID_PREFIX = {
    NodeType.STAGE: "stage",
    NodeType.LANE: "lane",
    NodeType.CARD: "card",
    NodeType.MILESTONE: "ms",
}
_ID_NUMBER = re.compile(r"-(\d+)$")


@dataclass
class Removal:
    """Everything a delete took away or moved, so that :meth:`JourneyMap.restore` undoes it."""

    stages: list[tuple[int, str, Stage]] = field(default_factory=list)
    lanes: list[tuple[int, str, Persona]] = field(default_factory=list)
    cards: list[tuple[Cell, int, str, Touchpoint]] = field(default_factory=list)
    moved_cards: list[tuple[str, Cell, int]] = field(default_factory=list)
    milestones: list[tuple[int, str, Milestone, str, str | None]] = field(default_factory=list)
    moved_milestones: list[tuple[str, str, str | None]] = field(default_factory=list)
    flows: list[tuple[str, str, Flow]] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)
    inbox_hints: list[tuple[str, Submission]] = field(default_factory=list)
    closed_round: list[VotingRound] = field(default_factory=list)


R = TypeVar("R", Stage, Persona, Touchpoint, Milestone)
_NODE_TYPES = {
    ItemKind.STAGE: NodeType.STAGE,
    ItemKind.LANE: NodeType.LANE,
    ItemKind.CARD: NodeType.CARD,
    ItemKind.MILESTONE: NodeType.MILESTONE,
}


class JourneyMap:
    """A customer journey map. Ids are stable strings; records are immutable."""

    def __init__(self, title: str = "Untitled journey map") -> None:
        self._graph = nx.DiGraph()
        self._title = title
        self._stage_order: list[str] = []
        self._lane_order: list[str] = []
        self._milestone_order: list[str] = []
        self._cells: dict[Cell, list[str]] = {}  # each cell's cards, in order
        self._cell_of: dict[str, Cell] = {}  # where each card is: card membership has no graph edges
        self._next_number: dict[str, int] = {}
        self.events = EventHub()
        # How the team keeps this map as a sheet (from an import); the spreadsheet export follows it.
        self.sheet_shape: SheetShape | None = None
        self.inbox = Inbox(self.events, self.node_type)
        self.voting = Voting(self.events, lambda node: self.node_type(node) is NodeType.CARD)
        # Which room journal entries this map already holds, so a replay never applies one twice.
        self.journal_mark: JournalMark | None = None

    # ----------------------------------------------------------------- reading
    @property
    def title(self) -> str:
        return self._title

    def stage_ids(self) -> list[str]:
        return list(self._stage_order)

    def lane_ids(self) -> list[str]:
        return list(self._lane_order)

    def milestone_ids(self) -> list[str]:
        return list(self._milestone_order)

    def card_ids(self) -> list[str]:
        """All cards, lane by lane, stage by stage, in cell order."""
        return [
            card
            for lane in self._lane_order
            for stage in self._stage_order
            for card in self._cells.get((stage, lane), ())
        ]

    def cards_in(self, stage_id: str, lane_id: str) -> list[str]:
        return list(self._cells.get((stage_id, lane_id), ()))

    def stage(self, stage_id: str) -> Stage:
        return self._record(stage_id, NodeType.STAGE)

    def lane(self, lane_id: str) -> Persona:
        return self._record(lane_id, NodeType.LANE)

    def card(self, card_id: str) -> Touchpoint:
        return self._record(card_id, NodeType.CARD)

    def milestone(self, milestone_id: str) -> Milestone:
        return self._record(milestone_id, NodeType.MILESTONE)

    def node_type(self, node_id: str) -> NodeType | None:
        data = self._graph.nodes.get(node_id)
        return None if data is None else data["type"]

    def cell_cards(self, stage_id: str, lane_id: str) -> list[tuple[str, Touchpoint]]:
        """A cell's cards with their records, in order: the layout reads every card of a big map."""
        nodes = self._graph.nodes
        return [(card_id, nodes[card_id]["record"]) for card_id in self._cells.get((stage_id, lane_id), ())]

    def cells(self) -> dict[Cell, list[str]]:
        """Every cell that holds cards, with its cards in order (a copy)."""
        return {cell: list(cards) for cell, cards in self._cells.items()}

    def card_cells(self) -> dict[str, Cell]:
        """Each card's cell, as the map indexes it (a copy): the other half of :meth:`cells`."""
        return dict(self._cell_of)

    def stored_nodes(self) -> Iterator[tuple[str, object, object]]:
        """Every node as stored: id, type and record, unchecked (for the invariant checker)."""
        for node, data in self._graph.nodes(data=True):
            yield node, data.get("type"), data.get("record")

    def stored_edges(self) -> Iterator[tuple[str, str, object]]:
        """Every edge as stored: source, target and type (memberships and flows), unchecked."""
        for source, target, data in self._graph.edges(data=True):
            yield source, target, data.get("type")

    def cell_of(self, card_id: str) -> Cell:
        self._record(card_id, NodeType.CARD)
        return self._cell_of[card_id]

    def index_in_cell(self, card_id: str) -> int:
        return self._cells[self.cell_of(card_id)].index(card_id)

    def milestone_place(self, milestone_id: str) -> tuple[str, str | None]:
        """(stage id, lane id or None for a milestone across all lanes of the stage)."""
        self._record(milestone_id, NodeType.MILESTONE)
        stage = lane = None
        for _, target, data in self._graph.out_edges(milestone_id, data=True):
            if data["type"] is EdgeType.IN_STAGE:
                stage = target
            else:
                lane = target
        assert stage is not None
        return stage, lane

    def flows(self) -> list[tuple[str, str]]:
        """Flows in a stable order: by the source card's position, then the target's."""
        position = {card: i for i, card in enumerate(self.card_ids())}
        edges = [(s, t) for s, t, d in self._graph.edges(data=True) if d["type"] is EdgeType.FLOW]
        return sorted(edges, key=lambda e: (position[e[0]], position[e[1]]))

    def flow(self, source: str, target: str) -> Flow:
        data = self._graph.get_edge_data(source, target)
        if data is None or data["type"] is not EdgeType.FLOW:
            raise MapError(f"there is no flow from {source} to {target}")
        record: Flow = data["record"]
        return record

    def has_flow(self, source: str, target: str) -> bool:
        data = self._graph.get_edge_data(source, target)
        return data is not None and data["type"] is EdgeType.FLOW

    def flows_of(self, card_id: str) -> list[tuple[str, str]]:
        """Flows into and out of one card: what a moved card's arrows need re-routed."""
        out = [(card_id, t) for t, d in self._graph.succ[card_id].items() if d["type"] is EdgeType.FLOW]
        into = [(s, card_id) for s, d in self._graph.pred[card_id].items() if d["type"] is EdgeType.FLOW]
        return out + into

    def counts(self) -> dict[str, int]:
        return {
            "stages": len(self._stage_order),
            "lanes": len(self._lane_order),
            "cards": sum(len(c) for c in self._cells.values()),
            "milestones": len(self._milestone_order),
            "flows": sum(1 for *_, d in self._graph.edges(data=True) if d["type"] is EdgeType.FLOW),
        }

    # ----------------------------------------------------------------- the map
    def set_title(self, title: str) -> None:
        self._title = _text(title, "title")
        self.events.emit(MapEvent(Change.TITLE))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many edits so listeners hear of them once (as a reset) when the block ends."""
        self.events.begin_batch()
        try:
            yield
        finally:
            self.events.end_batch()

    def replace_with(self, other: JourneyMap) -> None:
        """Take over another map's whole content (an import, an undo of one): one RESET event."""
        self._graph = other._graph.copy()
        self._title = other._title
        self._stage_order = list(other._stage_order)
        self._lane_order = list(other._lane_order)
        self._milestone_order = list(other._milestone_order)
        self._cells = {cell: list(cards) for cell, cards in other._cells.items()}
        self._cell_of = dict(other._cell_of)
        self._next_number = dict(other._next_number)
        self.sheet_shape = other.sheet_shape
        self.inbox.copy_from(other.inbox)
        self.voting.copy_from(other.voting)
        self.journal_mark = other.journal_mark
        self.events.emit(MapEvent(Change.RESET))

    def load_parts(self, parts: MapParts) -> None:
        """Fill this empty map in one pass (opening a file): every item checked as ``add_*`` would,
        one RESET event; :class:`~journeymap.model.bulk.BulkLoadError` names a refused item and
        leaves the map empty."""
        from journeymap.model.bulk import check_parts  # bulk builds on this module's checks

        if len(self._graph):
            raise MapError("a map can only be filled in one pass while it is empty")
        checked = check_parts(parts)
        self._graph.add_nodes_from(checked.nodes)
        self._graph.add_edges_from(checked.edges)
        self._stage_order = [stage_id for stage_id, _ in parts.stages]
        self._lane_order = [lane_id for lane_id, _ in parts.lanes]
        self._milestone_order = [milestone_id for milestone_id, *_ in parts.milestones]
        self._cells = checked.cells
        self._cell_of = {card_id: cell for cell, card_ids in checked.cells.items() for card_id in card_ids}
        for node_id, node_type in checked.types.items():
            self._count_id(node_type, node_id)
        self.events.emit(MapEvent(Change.RESET))

    def avoid_ids_of(self, other: JourneyMap) -> None:
        """Make ids this map creates from now on differ from every id ``other`` has or had."""
        for prefix, number in other._next_number.items():
            self._next_number[prefix] = max(self._next_number.get(prefix, 1), number)

    def copy(self) -> JourneyMap:
        """A deep copy with no listeners (records are immutable, so sharing them is safe)."""
        duplicate = JourneyMap(self._title)
        duplicate.replace_with(self)
        return duplicate

    # ----------------------------------------------------------------- stages
    def add_stage(self, stage: Stage | str, index: int | None = None, stage_id: str | None = None) -> str:
        record = stage if isinstance(stage, Stage) else Stage(name=stage)
        check_record(record)
        new_id = self._new_node(NodeType.STAGE, record, stage_id)
        _insert(self._stage_order, new_id, index)
        self.events.emit(MapEvent(Change.STAGE_ADDED, (new_id,)))
        return new_id

    def update_stage(self, stage_id: str, **changes: Any) -> Stage:
        """Change fields of a stage; returns the previous record (for undo)."""
        return self._update(self.stage(stage_id), stage_id, changes, Change.STAGE_CHANGED)

    def move_stage(self, stage_id: str, index: int) -> int:
        """Move a stage column to ``index``; returns its old index."""
        return self._reorder(self._stage_order, stage_id, NodeType.STAGE, index, Change.STAGES_REORDERED)

    def remove_stage(self, stage_id: str, cards: CardPolicy | str, move_to: str | None = None) -> Removal:
        """Delete a stage. Its cards and milestones are deleted or moved to ``move_to``."""
        return self._remove_column_or_row(stage_id, NodeType.STAGE, CardPolicy(cards), move_to)

    # ----------------------------------------------------------------- lanes
    def add_lane(self, persona: Persona | str, index: int | None = None, lane_id: str | None = None) -> str:
        record = persona if isinstance(persona, Persona) else Persona(name=persona)
        check_record(record)
        new_id = self._new_node(NodeType.LANE, record, lane_id)
        _insert(self._lane_order, new_id, index)
        self.events.emit(MapEvent(Change.LANE_ADDED, (new_id,)))
        return new_id

    def update_lane(self, lane_id: str, **changes: Any) -> Persona:
        return self._update(self.lane(lane_id), lane_id, changes, Change.LANE_CHANGED)

    def move_lane(self, lane_id: str, index: int) -> int:
        return self._reorder(self._lane_order, lane_id, NodeType.LANE, index, Change.LANES_REORDERED)

    def remove_lane(self, lane_id: str, cards: CardPolicy | str, move_to: str | None = None) -> Removal:
        return self._remove_column_or_row(lane_id, NodeType.LANE, CardPolicy(cards), move_to)

    # ----------------------------------------------------------------- cards
    def add_card(
        self, stage_id: str, lane_id: str, card: Touchpoint | str, index: int | None = None, card_id: str | None = None
    ) -> str:
        record = card if isinstance(card, Touchpoint) else Touchpoint(title=card)
        check_record(record)
        cell = self._cell(stage_id, lane_id)
        new_id = self._new_node(NodeType.CARD, record, card_id)
        self._cell_of[new_id] = cell
        _insert(self._cells.setdefault(cell, []), new_id, index)
        self.events.emit(MapEvent(Change.CARD_ADDED, (new_id,)))
        return new_id

    def update_card(self, card_id: str, **changes: Any) -> Touchpoint:
        if "kind" in changes:
            changes["kind"] = _kind(changes["kind"])
        return self._update(self.card(card_id), card_id, changes, Change.CARD_CHANGED)

    def move_card(self, card_id: str, stage_id: str, lane_id: str, index: int | None = None) -> tuple[Cell, int]:
        """Move a card to a cell (and a place in it); returns where it was, for undo."""
        self._record(card_id, NodeType.CARD)
        target = self._cell(stage_id, lane_id)
        source = self._cell_of[card_id]
        old_index = self._cells[source].index(card_id)
        self._cells[source].remove(card_id)
        if not self._cells[source]:
            del self._cells[source]
        self._cell_of[card_id] = target
        _insert(self._cells.setdefault(target, []), card_id, index)
        self.events.emit(MapEvent(Change.CARD_MOVED, (card_id,)))
        return source, old_index

    def remove_card(self, card_id: str) -> Removal:
        return self.remove_cards([card_id])

    def remove_cards(self, card_ids: list[str]) -> Removal:
        """Delete cards with their flows; the removal restores them in their places."""
        removal = Removal()
        for card_id in card_ids:
            self._record(card_id, NodeType.CARD)
        self._take_cards(set(card_ids), removal)
        return removal

    # ----------------------------------------------------------------- milestones
    def add_milestone(
        self,
        stage_id: str,
        milestone: Milestone | str,
        lane_id: str | None = None,
        index: int | None = None,
        milestone_id: str | None = None,
    ) -> str:
        record = milestone if isinstance(milestone, Milestone) else Milestone(title=milestone)
        check_record(record)
        self._record(stage_id, NodeType.STAGE)
        if lane_id is not None:
            self._record(lane_id, NodeType.LANE)
        new_id = self._new_node(NodeType.MILESTONE, record, milestone_id)
        self._place_milestone(new_id, stage_id, lane_id)
        _insert(self._milestone_order, new_id, index)
        self.events.emit(MapEvent(Change.MILESTONE_ADDED, (new_id,)))
        return new_id

    def update_milestone(self, milestone_id: str, **changes: Any) -> Milestone:
        return self._update(self.milestone(milestone_id), milestone_id, changes, Change.MILESTONE_CHANGED)

    def move_milestone(self, milestone_id: str, stage_id: str, lane_id: str | None) -> tuple[str, str | None]:
        """Place a milestone in another stage or lane (None: all lanes); returns the old place."""
        old = self.milestone_place(milestone_id)
        self._record(stage_id, NodeType.STAGE)
        if lane_id is not None:
            self._record(lane_id, NodeType.LANE)
        self._detach(milestone_id)
        self._place_milestone(milestone_id, stage_id, lane_id)
        self.events.emit(MapEvent(Change.MILESTONE_MOVED, (milestone_id,)))
        return old

    def remove_milestone(self, milestone_id: str) -> Removal:
        removal = Removal()
        stage, lane = self.milestone_place(milestone_id)
        index = self._milestone_order.index(milestone_id)
        removal.milestones.append((index, milestone_id, self.milestone(milestone_id), stage, lane))
        self._milestone_order.remove(milestone_id)
        self._graph.remove_node(milestone_id)
        self.events.emit(MapEvent(Change.MILESTONE_REMOVED, (milestone_id,)))
        return removal

    # ----------------------------------------------------------------- flows
    def add_flow(self, source: str, target: str, flow: Flow | None = None) -> None:
        self._record(source, NodeType.CARD)
        self._record(target, NodeType.CARD)
        if source == target:
            raise MapError("a flow needs two different cards")
        if self._graph.has_edge(source, target):
            raise MapError(f"there is already a flow from {source} to {target}")
        self._graph.add_edge(source, target, type=EdgeType.FLOW, record=flow or Flow())
        self.events.emit(MapEvent(Change.FLOW_ADDED, (source, target)))

    def remove_flow(self, source: str, target: str) -> Removal:
        removal = Removal(flows=[(source, target, self.flow(source, target))])
        self._graph.remove_edge(source, target)
        self.events.emit(MapEvent(Change.FLOW_REMOVED, (source, target)))
        return removal

    # ----------------------------------------------------------------- by typed reference
    def record(self, ref: ItemRef) -> Stage | Persona | Touchpoint | Milestone | Flow:
        """The record a reference names; :class:`MapError` if the map has no such thing."""
        if ref.kind is ItemKind.FLOW:
            return self.flow(*ref.ends)
        return self._record(ref.id, _NODE_TYPES[ref.kind])

    def contains(self, ref: ItemRef) -> bool:
        if ref.kind is ItemKind.FLOW:
            return self.has_flow(*ref.ends)
        return self.node_type(ref.id) is _NODE_TYPES[ref.kind]

    def update(self, ref: ItemRef, **changes: Any) -> Stage | Persona | Touchpoint | Milestone | Flow:
        """Change fields of what ``ref`` names; returns the record as it was (for undo)."""
        if ref.kind is ItemKind.FLOW:
            source, target = ref.ends
            old_flow = self.flow(source, target)
            self._graph.edges[source, target]["record"] = _replace(old_flow, changes)
            self.events.emit(MapEvent(Change.FLOW_CHANGED, ref.ends))
            return old_flow
        if ref.kind is ItemKind.STAGE:
            return self.update_stage(ref.id, **changes)
        if ref.kind is ItemKind.LANE:
            return self.update_lane(ref.id, **changes)
        if ref.kind is ItemKind.CARD:
            return self.update_card(ref.id, **changes)
        return self.update_milestone(ref.id, **changes)

    def reorder(self, ref: ItemRef, index: int) -> int:
        """Move a stage column or a lane row to ``index``; returns where it was."""
        if ref.kind is ItemKind.STAGE:
            return self.move_stage(ref.id, index)
        if ref.kind is ItemKind.LANE:
            return self.move_lane(ref.id, index)
        raise MapError(f"only stages and lanes are reordered, not a {ref.kind}")

    # ----------------------------------------------------------------- undoing a removal
    def restore(self, removal: Removal) -> None:
        """Put back exactly what a ``remove_*`` call took away, in the places it had."""
        for index, stage_id, stage in sorted(removal.stages, key=lambda s: s[0]):
            self.add_stage(stage, index, stage_id)
        for index, lane_id, persona in sorted(removal.lanes, key=lambda s: s[0]):
            self.add_lane(persona, index, lane_id)
        for card_id, cell, index in removal.moved_cards:
            self.move_card(card_id, *cell, index)
        for cell, index, card_id, card in sorted(removal.cards, key=lambda c: c[1]):
            self.add_card(*cell, card, index, card_id)
        for milestone_id, stage_id, place in removal.moved_milestones:
            self.move_milestone(milestone_id, stage_id, place)
        # Milestone indices were taken one removal after another, so they go back in reverse.
        for index, milestone_id, milestone, stage_id, place in reversed(removal.milestones):
            self.add_milestone(stage_id, milestone, place, index, milestone_id)
        for source, target, flow in removal.flows:
            self.add_flow(source, target, flow)
        for card_id, count in removal.votes.items():
            self.voting.set(card_id, count)
        for submission_id, submission in removal.inbox_hints:
            self.inbox.put_back(submission_id, submission)
        for voting_round in removal.closed_round:
            self.voting.set_round(voting_round)

    # ----------------------------------------------------------------- internals
    @overload
    def _record(self, node_id: str, node_type: Literal[NodeType.STAGE]) -> Stage: ...

    @overload
    def _record(self, node_id: str, node_type: Literal[NodeType.LANE]) -> Persona: ...

    @overload
    def _record(self, node_id: str, node_type: Literal[NodeType.CARD]) -> Touchpoint: ...

    @overload
    def _record(self, node_id: str, node_type: Literal[NodeType.MILESTONE]) -> Milestone: ...

    @overload
    def _record(self, node_id: str, node_type: NodeType) -> Stage | Persona | Touchpoint | Milestone: ...

    def _record(self, node_id: str, node_type: NodeType) -> Any:
        # The hottest read of the model (layout reads every card): index the NodeView directly,
        # which is several times cheaper than its Mapping.get.
        try:
            data = self._graph.nodes[node_id]
        except (KeyError, TypeError):
            data = None
        if data is None or data["type"] is not node_type:
            raise MapError(f"there is no {node_type.value} with id {node_id!r}")
        return data["record"]

    def _new_node(self, node_type: NodeType, record: Any, node_id: str | None) -> str:
        prefix = _ID_PREFIX[node_type]
        if node_id is None:
            number = self._next_number.get(prefix, 1)
            while f"{prefix}-{number}" in self._graph:
                number += 1
            node_id = f"{prefix}-{number}"
        elif not isinstance(node_id, str) or not node_id:
            raise MapError(f"an id must be a non-empty string, not {node_id!r}")
        elif node_id in self._graph:
            raise MapError(f"the id {node_id!r} is already used")
        self._count_id(node_type, node_id)
        self._graph.add_node(node_id, type=node_type, record=record)
        return node_id

    def _count_id(self, node_type: NodeType, node_id: str) -> None:
        """Keep new ids ("card-12") clear of numbered ids the map already has."""
        prefix = _ID_PREFIX[node_type]
        if node_id.startswith(prefix + "-"):
            match = _ID_NUMBER.search(node_id)
            if match:
                self._next_number[prefix] = max(self._next_number.get(prefix, 1), int(match.group(1)) + 1)

    def _update(self, old: R, node_id: str, changes: dict[str, Any], change: Change) -> R:
        new = _replace(old, changes)
        self._graph.nodes[node_id]["record"] = new
        self.events.emit(MapEvent(change, (node_id,)))
        return old

    def _reorder(self, order: list[str], node_id: str, node_type: NodeType, index: int, change: Change) -> int:
        self._record(node_id, node_type)
        old_index = order.index(node_id)
        if not 0 <= index < len(order):
            raise MapError(f"position {index} is outside 0..{len(order) - 1}")
        order.remove(node_id)
        order.insert(index, node_id)
        self.events.emit(MapEvent(change, (node_id,)))
        return old_index

    def _cell(self, stage_id: str, lane_id: str) -> Cell:
        self._record(stage_id, NodeType.STAGE)
        self._record(lane_id, NodeType.LANE)
        return stage_id, lane_id

    def _detach(self, node_id: str) -> None:
        members = [
            (node_id, t) for _, t, d in self._graph.out_edges(node_id, data=True) if d["type"] is not EdgeType.FLOW
        ]
        self._graph.remove_edges_from(members)

    def _place_milestone(self, milestone_id: str, stage_id: str, lane_id: str | None) -> None:
        self._graph.add_edge(milestone_id, stage_id, type=EdgeType.IN_STAGE)
        if lane_id is not None:
            self._graph.add_edge(milestone_id, lane_id, type=EdgeType.IN_LANE)

    def _take_cards(self, card_ids: set[str], removal: Removal) -> None:
        seen: set[tuple[str, str]] = set()
        for card_id in card_ids:
            for source, target in self.flows_of(card_id):
                if (source, target) not in seen:
                    seen.add((source, target))
                    removal.flows.append((source, target, self.flow(source, target)))
                    self._graph.remove_edge(source, target)
                    self.events.emit(MapEvent(Change.FLOW_REMOVED, (source, target)))
        taken = []
        for card_id in [c for c in self.card_ids() if c in card_ids]:
            cell = self._cell_of[card_id]
            index = self._cells[cell].index(card_id)
            taken.append((cell, index, card_id, self.card(card_id)))
        removal.cards.extend(taken)
        # Remove from the end of each cell first so every recorded index stays right for restore.
        for cell, _index, card_id, _record in sorted(taken, key=lambda c: -c[1]):
            self._cells[cell].remove(card_id)
            if not self._cells[cell]:
                del self._cells[cell]
            del self._cell_of[card_id]
            self._graph.remove_node(card_id)
            dots = self.voting.forget(card_id)
            if dots:
                removal.votes[card_id] = dots
            self.events.emit(MapEvent(Change.CARD_REMOVED, (card_id,)))

    def _remove_column_or_row(
        self, node_id: str, node_type: NodeType, policy: CardPolicy, move_to: str | None
    ) -> Removal:
        self._record(node_id, node_type)
        is_stage = node_type is NodeType.STAGE
        order = self._stage_order if is_stage else self._lane_order
        if policy is CardPolicy.MOVE:
            if move_to is None or move_to == node_id:
                raise MapError(f"moving the cards needs another {node_type.value} to move them to")
            self._record(move_to, node_type)
        removal = Removal()
        cells = [cell for cell in list(self._cells) if cell[0 if is_stage else 1] == node_id]
        for cell in cells:
            cards = list(self._cells[cell])
            if policy is CardPolicy.DELETE:
                self._take_cards(set(cards), removal)
                continue
            target = (move_to, cell[1]) if is_stage else (cell[0], move_to)
            for index, card_id in enumerate(cards):
                removal.moved_cards.append((card_id, cell, index))
                self.move_card(card_id, *target)
        for milestone_id in list(self._milestone_order):
            stage, lane = self.milestone_place(milestone_id)
            if (stage if is_stage else lane) != node_id:
                continue
            if policy is CardPolicy.MOVE:
                removal.moved_milestones.append((milestone_id, stage, lane))
                if is_stage:
                    assert move_to is not None
                    self.move_milestone(milestone_id, move_to, lane)
                else:
                    self.move_milestone(milestone_id, stage, move_to)
            else:
                removal.milestones += self.remove_milestone(milestone_id).milestones
        index = order.index(node_id)
        record = self._graph.nodes[node_id]["record"]
        order.remove(node_id)
        self._graph.remove_node(node_id)
        removal.inbox_hints += self.inbox.clear_hints(
            lambda s: (is_stage and s.stage == node_id, not is_stage and s.persona == node_id)
        )
        voting_round = self.voting.round
        if is_stage and voting_round is not None and voting_round.stage == node_id:
            self.voting.set_round(None)
            removal.closed_round.append(voting_round)
        if is_stage:
            removal.stages.append((index, node_id, record))
            self.events.emit(MapEvent(Change.STAGE_REMOVED, (node_id,)))
        else:
            removal.lanes.append((index, node_id, record))
            self.events.emit(MapEvent(Change.LANE_REMOVED, (node_id,)))
        return removal


def _insert(order: list[str], item: str, index: int | None) -> None:
    if index is None or index >= len(order):
        order.append(item)
    elif index < 0:
        raise MapError(f"position {index} is negative")
    else:
        order.insert(index, item)


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise MapError(f"{name} must be text, not {type(value).__name__}")
    return value


def _kind(value: Any) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        raise MapError(f"kind must be one of {allowed}, not {value!r}") from None


@cache
def _field_names(record_type: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def check_record(record: Any) -> None:
    """Refuse a record whose fields have the wrong types (emotion out of range, a kind that is no Kind).

    Public: the bulk loader and the invariant checker validate records with it too.
    """
    record_type: Any = type(record)
    texts, emotion, kind = _field_checks(record_type)
    for name in texts:
        value = getattr(record, name)
        if not isinstance(value, str):
            _text(value, name)
    if emotion:
        value = record.emotion
        if value is not None and (isinstance(value, bool) or value not in EMOTION_RANGE):
            raise MapError(f"emotion must be a whole number from -2 to 2 or empty, not {value!r}")
    if kind and not isinstance(record.kind, Kind):
        raise MapError(f"kind must be a Kind, not {record.kind!r}")


@cache
def _field_checks(record_type: Any) -> tuple[tuple[str, ...], bool, bool]:
    """A record type's text fields, and whether it has an emotion and a kind: what check_record checks."""
    names = _field_names(record_type)
    return tuple(n for n in names if n not in ("emotion", "kind")), "emotion" in names, "kind" in names


def _replace(record: Any, changes: dict[str, Any]) -> Any:
    record_type: Any = type(record)
    unknown = set(changes) - set(_field_names(record_type))
    if unknown:
        raise MapError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    new = dataclasses.replace(record, **changes)
    check_record(new)
    return new
