"""What the room contributes to a map: the inbox of submitted ideas, and dot votes on cards.

Submissions wait in the inbox until the facilitator accepts, merges or rejects them; they are never
cards until then. Votes are counts per card, with the settings of the voting round that is open.
Both live beside the graph (they are not part of the journey itself) and announce every change on
the map's event hub, so the canvas and the inbox panel follow them like any other edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from journeymap.model.events import Change, EventHub, MapEvent
from journeymap.model.records import Kind

MAX_DOTS = 99
_ID_NUMBER = re.compile(r"^idea-(\d+)$")


class InboxError(ValueError):
    """An inbox or voting operation the map refuses (unknown id, bad value)."""


@dataclass(frozen=True)
class Submission:
    """A card someone in the room proposed; ``stage``/``persona`` are the suggested cell, if any."""

    title: str
    kind: Kind = Kind.TOUCHPOINT
    stage: str | None = None
    persona: str | None = None
    author: str | None = None


class VoteScope(StrEnum):
    """Which cards a voting round covers."""

    ALL = "all"
    STAGE = "stage"
    PAIN_POINTS = "pain_points"


@dataclass(frozen=True)
class VotingRound:
    """An open dot-voting round: each participant may spend ``dots`` dots on the cards in scope."""

    dots: int
    scope: VoteScope = VoteScope.ALL
    stage: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.dots, bool) or not isinstance(self.dots, int) or not 1 <= self.dots <= MAX_DOTS:
            raise InboxError(f"dots must be a whole number from 1 to {MAX_DOTS}, not {self.dots!r}")
        if not isinstance(self.scope, VoteScope):
            raise InboxError(f"scope must be one of {', '.join(s.value for s in VoteScope)}, not {self.scope!r}")
        if (self.scope is VoteScope.STAGE) != (self.stage is not None):
            raise InboxError("a round over one stage names that stage, and only such a round does")


@dataclass(frozen=True)
class JournalMark:
    """How much of a room journal this map already holds: journal ``journal_id`` up to entry ``applied``."""

    journal_id: str
    applied: int


class Inbox:
    """Submissions in arrival order, by id ("idea-7")."""

    def __init__(self, events: EventHub, node_type: Callable[[str], str | None]) -> None:
        self._events = events
        self._node_type = node_type  # the map's: "stage", "lane", … or None for an unknown id
        self._items: dict[str, Submission] = {}
        self._next = 1

    def ids(self) -> list[str]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, submission_id: object) -> bool:
        return submission_id in self._items

    def get(self, submission_id: str) -> Submission:
        try:
            return self._items[submission_id]
        except KeyError:
            raise InboxError(f"there is no submission with id {submission_id!r}") from None

    def next_id(self) -> str:
        """The id the next submission gets unless it brings its own."""
        number = self._next
        while f"idea-{number}" in self._items:
            number += 1
        return f"idea-{number}"

    def add(self, submission: Submission, submission_id: str | None = None, index: int | None = None) -> str:
        check_submission(submission)
        self._check_hints(submission)
        new_id = submission_id or self.next_id()
        if not isinstance(new_id, str):
            raise InboxError(f"a submission id must be text, not {new_id!r}")
        if new_id in self._items:
            raise InboxError(f"the submission id {new_id!r} is already used")
        match = _ID_NUMBER.match(new_id)
        if match:
            self._next = max(self._next, int(match.group(1)) + 1)
        if index is None or index >= len(self._items):
            self._items[new_id] = submission  # arrivals: append, no copy
        else:
            items = list(self._items.items())
            items.insert(max(0, index), (new_id, submission))
            self._items = dict(items)
        self._events.emit(MapEvent(Change.INBOX_ADDED, (new_id,)))
        return new_id

    def remove(self, submission_id: str) -> tuple[int, Submission]:
        """Take a submission out; returns (its index, its record) so undo can put it back."""
        record = self.get(submission_id)
        index = list(self._items).index(submission_id)
        del self._items[submission_id]
        self._events.emit(MapEvent(Change.INBOX_REMOVED, (submission_id,)))
        return index, record

    def update(self, submission_id: str, **changes: Any) -> Submission:
        """Change fields of a submission (an edit before accepting); returns the old record."""
        old = self.get(submission_id)
        if "kind" in changes:
            changes["kind"] = kind_of(changes["kind"])
        try:
            new = replace(old, **changes)
        except TypeError as error:
            raise InboxError(str(error)) from None
        check_submission(new)
        self._check_hints(new)
        self._items[submission_id] = new
        self._events.emit(MapEvent(Change.INBOX_CHANGED, (submission_id,)))
        return old

    def _check_hints(self, submission: Submission) -> None:
        if submission.stage is not None and self._node_type(submission.stage) != "stage":
            raise InboxError(f"there is no stage with id {submission.stage!r}")
        if submission.persona is not None and self._node_type(submission.persona) != "lane":
            raise InboxError(f"there is no lane with id {submission.persona!r}")

    def clear_hints(self, is_gone: Callable[[Submission], tuple[bool, bool]]) -> list[tuple[str, Submission]]:
        """Forget suggested stages or lanes that no longer exist; returns the old records for undo."""
        changed = []
        for submission_id, record in list(self._items.items()):
            stage_gone, lane_gone = is_gone(record)
            if stage_gone or lane_gone:
                changed.append((submission_id, record))
                self._items[submission_id] = replace(
                    record, stage=None if stage_gone else record.stage, persona=None if lane_gone else record.persona
                )
                self._events.emit(MapEvent(Change.INBOX_CHANGED, (submission_id,)))
        return changed

    def put_back(self, submission_id: str, record: Submission) -> None:
        """Restore a record exactly (undo of :meth:`clear_hints`)."""
        self.get(submission_id)
        self._items[submission_id] = record
        self._events.emit(MapEvent(Change.INBOX_CHANGED, (submission_id,)))

    def copy_from(self, other: Inbox) -> None:
        self._items = dict(other._items)
        self._next = other._next


class Voting:
    """Dot counts per card and the round that is open (or None)."""

    def __init__(self, events: EventHub, card_exists: Callable[[str], bool]) -> None:
        self._events = events
        self._card_exists = card_exists
        self._counts: dict[str, int] = {}
        self._round: VotingRound | None = None

    @property
    def round(self) -> VotingRound | None:
        return self._round

    def set_round(self, voting_round: VotingRound | None) -> VotingRound | None:
        """Open a round (or close it with None); returns the previous one. Counts are kept."""
        if voting_round is not None and not isinstance(voting_round, VotingRound):
            raise InboxError(f"a voting round must be a VotingRound, not {voting_round!r}")
        old, self._round = self._round, voting_round
        self._events.emit(MapEvent(Change.VOTING_CHANGED))
        return old

    def count(self, card_id: str) -> int:
        return self._counts.get(card_id, 0)

    def counts(self) -> dict[str, int]:
        """Cards with at least one dot."""
        return dict(self._counts)

    def add(self, card_id: str, dots: int = 1) -> int:
        """Add dots to a card (a phone's vote); returns the new count."""
        return self.set(card_id, self.count(card_id) + dots)

    def set(self, card_id: str, count: int) -> int:
        if not self._card_exists(card_id):
            raise InboxError(f"there is no card with id {card_id!r} to vote on")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InboxError(f"a vote count must be a whole number of 0 or more, not {count!r}")
        if count:
            self._counts[card_id] = count
        else:
            self._counts.pop(card_id, None)
        self._events.emit(MapEvent(Change.VOTES_CHANGED, (card_id,)))
        return count

    def clear(self) -> dict[str, int]:
        """Remove every dot; returns the counts for undo."""
        old, self._counts = self._counts, {}
        self._events.emit(MapEvent(Change.VOTES_CHANGED))
        return old

    def restore(self, counts: dict[str, int]) -> None:
        self._counts = {card: n for card, n in counts.items() if n and self._card_exists(card)}
        self._events.emit(MapEvent(Change.VOTES_CHANGED))

    def forget(self, card_id: str) -> int:
        """Drop the dots of a card that is deleted; returns them (0 if none)."""
        return self._counts.pop(card_id, 0)

    def copy_from(self, other: Voting) -> None:
        self._counts = dict(other._counts)
        self._round = other._round


def kind_of(value: Any) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        raise InboxError(f"kind must be one of {allowed}, not {value!r}") from None


def check_submission(submission: Submission) -> None:
    if not isinstance(submission, Submission):
        raise InboxError(f"expected a Submission, not {type(submission).__name__}")
    if not isinstance(submission.title, str):
        raise InboxError(f"title must be text, not {type(submission.title).__name__}")
    if not isinstance(submission.kind, Kind):
        raise InboxError(f"kind must be a Kind, not {submission.kind!r}")
    for name in ("stage", "persona", "author"):
        value = getattr(submission, name)
        if value is not None and not isinstance(value, str):
            raise InboxError(f"{name} must be text or empty, not {type(value).__name__}")
