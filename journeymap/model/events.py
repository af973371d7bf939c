"""Plain-Python change events, so the canvas can follow the model without the model knowing Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Change(StrEnum):
    RESET = "reset"
    TITLE = "title"
    STAGE_ADDED = "stage_added"
    STAGE_CHANGED = "stage_changed"
    STAGE_REMOVED = "stage_removed"
    STAGES_REORDERED = "stages_reordered"
    LANE_ADDED = "lane_added"
    LANE_CHANGED = "lane_changed"
    LANE_REMOVED = "lane_removed"
    LANES_REORDERED = "lanes_reordered"
    CARD_ADDED = "card_added"
    CARD_CHANGED = "card_changed"
    CARD_REMOVED = "card_removed"
    CARD_MOVED = "card_moved"
    MILESTONE_ADDED = "milestone_added"
    MILESTONE_CHANGED = "milestone_changed"
    MILESTONE_REMOVED = "milestone_removed"
    MILESTONE_MOVED = "milestone_moved"
    FLOW_ADDED = "flow_added"
    FLOW_CHANGED = "flow_changed"
    FLOW_REMOVED = "flow_removed"
    # What the room contributes (journeymap.model.inbox): submissions waiting, dots, the open round.
    INBOX_ADDED = "inbox_added"
    INBOX_CHANGED = "inbox_changed"
    INBOX_REMOVED = "inbox_removed"
    VOTES_CHANGED = "votes_changed"
    VOTING_CHANGED = "voting_changed"


# Changes that leave the journey's layout as it is: a canvas need not re-lay out the map for them.
ROOM_ONLY = frozenset(
    {Change.INBOX_ADDED, Change.INBOX_CHANGED, Change.INBOX_REMOVED, Change.VOTES_CHANGED, Change.VOTING_CHANGED}
)


@dataclass(frozen=True)
class MapEvent:
    """One change. ``ids`` names what changed: one id, or (source, target) for a flow."""

    change: Change
    ids: tuple[str, ...] = ()


Listener = Callable[[MapEvent], None]


class EventHub:
    """A minimal observer: listeners are called in subscription order, synchronously.

    Batching lets a compound edit (a paste, an import) reach listeners once as a reset-like burst
    instead of thousands of single events.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._batch_depth = 0
        self._pending: list[MapEvent] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: MapEvent) -> None:
        if self._batch_depth:
            self._pending.append(event)
            return
        for listener in list(self._listeners):
            listener(event)

    def begin_batch(self) -> None:
        self._batch_depth += 1

    def end_batch(self) -> None:
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._pending:
            pending, self._pending = self._pending, []
            if len(pending) > 1 and all(e.change in ROOM_ONLY for e in pending):
                # A burst from the room (ideas, dots): one event per kind with all the ids, never a
                # reset, since the map's layout did not change.
                merged: dict[Change, list[str]] = {}
                for event in pending:
                    merged.setdefault(event.change, []).extend(event.ids)
                for change, ids in merged.items():
                    self.emit(MapEvent(change, tuple(ids)))
                return
            # Many events collapse into one reset: cheaper for a view than replaying each.
            event = pending[0] if len(pending) == 1 else MapEvent(Change.RESET)
            self.emit(event)
