"""Who is in the room: one record per phone (known by its cookie), with its rate limit and its dots."""

from __future__ import annotations

import secrets
import time
from collections import deque
from dataclasses import dataclass, field

CARDS_PER_MINUTE = 20
MAX_PARTICIPANTS = 200


@dataclass
class Participant:
    key: str
    sent: deque[float] = field(default_factory=deque)  # when each recent card was sent
    round_number: int = -1  # the round the dots below belong to
    votes: dict[str, int] = field(default_factory=dict)  # card id -> dots spent this round

    def spent(self, round_number: int) -> int:
        if round_number != self.round_number:
            return 0
        return sum(self.votes.values())

    def votes_in(self, round_number: int) -> dict[str, int]:
        return dict(self.votes) if round_number == self.round_number else {}

    def take_slot(self, now: float, per_minute: int) -> float:
        """Count a card against the rate limit; returns 0, or seconds to wait when over it."""
        while self.sent and now - self.sent[0] >= 60:
            self.sent.popleft()
        if len(self.sent) >= per_minute:
            return 60 - (now - self.sent[0])
        self.sent.append(now)
        return 0.0


class Participants:
    """The room's participants, at most ``cap``; keys are random and only ever issued here."""

    def __init__(self, cap: int = MAX_PARTICIPANTS, per_minute: int = CARDS_PER_MINUTE) -> None:
        self.cap, self.per_minute = cap, per_minute
        self._known: dict[str, Participant] = {}

    def __len__(self) -> int:
        return len(self._known)

    def get(self, key: str | None) -> Participant | None:
        return self._known.get(key) if key else None

    def join(self) -> Participant | None:
        """A new participant, or None when the room is full."""
        if len(self._known) >= self.cap:
            return None
        participant = Participant(secrets.token_urlsafe(16))
        self._known[participant.key] = participant
        return participant

    @staticmethod
    def now() -> float:
        return time.monotonic()
