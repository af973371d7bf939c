"""The room joined to one map: opens the journal and the server, and brings what arrives into the map.

The host runs on the map's thread (the GUI thread in the app, the main thread headless). The server
never touches the map: it stores entries in the journal and queues them; :meth:`RoomHost.take_arrivals`
applies them here and moves the map's journal mark, and :meth:`RoomHost.publish` hands the server a
fresh snapshot of what phones may see.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from journeymap.model import JournalMark, JourneyMap, VotingRound
from journeymap.room.journal import Journal, apply_entry
from journeymap.room.participants import CARDS_PER_MINUTE, MAX_PARTICIPANTS
from journeymap.room.server import RoomServer
from journeymap.room.view import RoomView, TimerView, build_view


class RoomHost:
    """One open room for one saved map (the journal lives beside ``map_path``)."""

    def __init__(
        self,
        journey: JourneyMap,
        map_path: str | os.PathLike[str],
        host: str = "127.0.0.1",
        port: int = 0,
        notify: Callable[[], None] | None = None,
        max_participants: int = MAX_PARTICIPANTS,
        cards_per_minute: int = CARDS_PER_MINUTE,
    ) -> None:
        self.journey = journey
        self.map_path = Path(map_path)
        self._host, self._port, self._notify = host, port, notify
        self._limits = (max_participants, cards_per_minute)
        self.journal: Journal | None = None
        self.server: RoomServer | None = None
        self.timer: TimerView | None = None
        self.locked = False
        self.skipped: list[str] = []  # arrivals that could not apply (their card was deleted meanwhile)
        self._round_number = 0
        self._last_round: VotingRound | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    @property
    def is_open(self) -> bool:
        return self.server is not None

    def open(self, host: str | None = None, port: int | None = None) -> str:
        """Start journal and server; returns the URL phones open. Raises RoomError or MapFileError.

        Opening again after :meth:`close`, before the map was saved, goes on with the same journal.
        """
        self._host = self._host if host is None else host
        self._port = self._port if port is None else port
        again = self.journal is not None
        journal = self.journal.reopen() if self.journal is not None else Journal.create(self.map_path)
        first = int(self.journey.inbox.next_id().removeprefix("idea-"))
        server = RoomServer(self._view(), journal, self._host, self._port, first, self._notify, *self._limits)
        try:
            url = server.start()
        except Exception:
            journal.close() if again else journal.remove()
            raise
        self.journal, self.server = journal, server
        if not again:
            self.journey.journal_mark = JournalMark(journal.journal_id, 0)
        return url

    def take_arrivals(self, limit: int | None = None) -> int:
        """Apply stored cards and votes (at most ``limit``) to the map; returns how many were applied."""
        if self.server is None or self.journal is None:
            return 0
        entries = self.server.drain(limit)
        if not entries:
            return 0
        # A batch of room-only changes reaches listeners as one event per kind (see EventHub).
        with self.journey.batch():
            for entry in entries:
                problem = apply_entry(self.journey, entry)
                if problem:
                    self.skipped.append(problem)
        self.journey.journal_mark = JournalMark(self.journal.journal_id, entries[-1]["seq"])
        return len(entries)

    def publish(self) -> None:
        """Hand phones the current names, voting round, timer and lock (after any change to them)."""
        if self.server is not None:
            self.server.publish(self._view())

    def set_timer(self, seconds: int | None) -> None:
        self.timer = None if not seconds else TimerView(time.time() + seconds, seconds)
        self.publish()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.publish()

    def holds_whole_journal(self) -> bool:
        """True when the map (as saved) has every entry the journal has: then the journal may go."""
        mark = self.journey.journal_mark
        return (
            self.journal is not None
            and mark is not None
            and mark.journal_id == self.journal.journal_id
            and mark.applied >= self.journal.last_seq
        )

    def close(self, apply: bool = True) -> None:
        """Stop the server (the port is free on return) and apply what it stored last.

        ``apply=False`` leaves the last arrivals in the journal only (the map showing is another one).
        """
        if self.server is None:
            return
        self.server.stop()
        if apply:
            self.take_arrivals()
        self.server = None
        if self.journal is not None:
            self.journal.close()  # nothing more is appended; the file stays until the map is saved

    def release(self) -> None:
        """Forget the journal without deleting it: the next opening of the map replays it."""
        if self.journal is not None:
            self.journal.close()
            self.journal = None

    def discard_journal(self) -> None:
        """After the map is saved with everything: the journal is no longer needed."""
        if self.journal is not None and self.holds_whole_journal():
            self.journal.remove()
            self.journal = None

    def _view(self) -> RoomView:
        current = self.journey.voting.round
        if current != self._last_round:
            self._last_round = current
            self._round_number += 1
        return build_view(self.journey, self._round_number, self.timer, self.locked)
