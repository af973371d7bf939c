"""Fill an empty map in one pass: opening a file with thousands of cards.

Adding cards one by one checks, indexes and announces each (about 40 µs a card); opening a
10,000-card map spent 0.4 s there. This makes the same checks with the same messages, builds the
graph with networkx's bulk calls; ``JourneyMap.load_parts`` puts the result in and announces one
RESET. Errors say which item failed, so the file reader can name its place ("touchpoints[3]").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from journeymap.model.journey_map import EdgeType, MapError, NodeType, check_record
from journeymap.model.records import Flow, Milestone, Persona, Stage, Touchpoint

_IN_STAGE: dict[str, object] = {"type": EdgeType.IN_STAGE}
_IN_LANE: dict[str, object] = {"type": EdgeType.IN_LANE}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a big map is built or laid out.

    Building 50,000 cards makes a few hundred thousand objects that all stay alive; the collector
    kept walking the growing heap as they were made (0.3 s of opening such a map, 0.7 s of laying it
    out). Nothing made there forms garbage cycles, and plain reference counting still frees
    everything; the collector resumes afterwards. Safe across threads: only a block that found the
    collector running turns it back on.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


class BulkLoadError(MapError):
    """A refused item: ``section`` ("touchpoints") and ``index`` say which."""

    def __init__(self, section: str, index: int, message: str) -> None:
        super().__init__(message)
        self.section, self.index = section, index


@dataclass
class MapParts:
    """Everything a map holds, in order, as the file lists it."""

    stages: list[tuple[str, Stage]] = field(default_factory=list)
    lanes: list[tuple[str, Persona]] = field(default_factory=list)
    cards: list[tuple[str, str, str, Touchpoint]] = field(default_factory=list)  # id, stage, lane, record
    milestones: list[tuple[str, str, str | None, Milestone]] = field(default_factory=list)
    flows: list[tuple[str, str, Flow]] = field(default_factory=list)


@dataclass
class CheckedParts:
    """``MapParts`` checked and turned into graph nodes and edges, ready for ``JourneyMap.load_parts``."""

    types: dict[str, NodeType]
    nodes: list[tuple[str, dict[str, object]]]
    edges: list[tuple[str, str, dict[str, object]]]
    cells: dict[tuple[str, str], list[str]]


def check_parts(parts: MapParts) -> CheckedParts:
    """Check every item as ``add_*`` would, or raise :class:`BulkLoadError` naming the first refused."""
    builder = _Builder()
    for index, (stage_id, stage) in enumerate(parts.stages):
        builder.claim("stages", index, stage_id, NodeType.STAGE, stage)
    for index, (lane_id, lane) in enumerate(parts.lanes):
        builder.claim("personas", index, lane_id, NodeType.LANE, lane)
    cells: dict[tuple[str, str], list[str]] = {}
    for index, (card_id, stage_id, lane_id, card) in enumerate(parts.cards):
        builder.claim("touchpoints", index, card_id, NodeType.CARD, card)
        builder.expect("touchpoints", index, stage_id, NodeType.STAGE)
        builder.expect("touchpoints", index, lane_id, NodeType.LANE)
        cells.setdefault((stage_id, lane_id), []).append(card_id)
    for index, (milestone_id, stage_id, place, milestone) in enumerate(parts.milestones):
        builder.claim("milestones", index, milestone_id, NodeType.MILESTONE, milestone)
        builder.expect("milestones", index, stage_id, NodeType.STAGE)
        builder.edges.append((milestone_id, stage_id, _IN_STAGE))
        if place is not None:
            builder.expect("milestones", index, place, NodeType.LANE)
            builder.edges.append((milestone_id, place, _IN_LANE))
    flows: set[tuple[str, str]] = set()
    for index, (source, target, flow) in enumerate(parts.flows):
        builder.expect("flows", index, source, NodeType.CARD)
        builder.expect("flows", index, target, NodeType.CARD)
        if source == target:
            raise BulkLoadError("flows", index, "a flow needs two different cards")
        if (source, target) in flows:
            raise BulkLoadError("flows", index, f"there is already a flow from {source} to {target}")
        flows.add((source, target))
        builder.edges.append((source, target, {"type": EdgeType.FLOW, "record": flow}))
    return CheckedParts(builder.types, builder.nodes, builder.edges, cells)


class _Builder:
    def __init__(self) -> None:
        self.types: dict[str, NodeType] = {}
        self.nodes: list[tuple[str, dict[str, object]]] = []
        self.edges: list[tuple[str, str, dict[str, object]]] = []

    def claim(self, section: str, index: int, node_id: object, node_type: NodeType, record: object) -> None:
        try:
            check_record(record)
        except MapError as error:
            raise BulkLoadError(section, index, str(error)) from None
        if not isinstance(node_id, str) or not node_id:
            raise BulkLoadError(section, index, f"an id must be a non-empty string, not {node_id!r}")
        if node_id in self.types:
            raise BulkLoadError(section, index, f"the id {node_id!r} is already used")
        self.types[node_id] = node_type
        self.nodes.append((node_id, {"type": node_type, "record": record}))

    def expect(self, section: str, index: int, node_id: str, node_type: NodeType) -> None:
        if self.types.get(node_id) is not node_type:
            raise BulkLoadError(section, index, f"there is no {node_type.value} with id {node_id!r}")
