"""The journey map over networkx, with no Qt: records, operations, events and invariants."""

from journeymap.model.events import Change, EventHub, MapEvent
from journeymap.model.inbox import InboxError, JournalMark, Submission, VoteScope, VotingRound
from journeymap.model.journey_map import CardPolicy, Cell, JourneyMap, MapError, NodeType, Removal
from journeymap.model.records import Flow, Kind, Milestone, Persona, SheetRow, SheetShape, Stage, Touchpoint
from journeymap.model.refs import ItemKind, ItemRef
from journeymap.model.timeline import parse_timeline

__all__ = [
    "CardPolicy",
    "Cell",
    "Change",
    "EventHub",
    "Flow",
    "ItemKind",
    "ItemRef",
    "JourneyMap",
    "Kind",
    "MapError",
    "MapEvent",
    "Milestone",
    "NodeType",
    "Persona",
    "Removal",
    "SheetRow",
    "SheetShape",
    "Stage",
    "Touchpoint",
    "parse_timeline",
    "InboxError",
    "JournalMark",
    "Submission",
    "VoteScope",
    "VotingRound",
]
