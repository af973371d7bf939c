"""What participants may see of the map, as an immutable snapshot handed from the map's thread to the server.

Only stage and lane names, and the cards of an open voting round: never the rest of the map, the
inbox, other people's names or the counts of dots (those would steer the vote).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from journeymap.model import JourneyMap, Kind, VoteScope, VotingRound


@dataclass(frozen=True)
class RoundCard:
    id: str
    title: str
    kind: str
    stage: str  # the stage's name


@dataclass(frozen=True)
class RoundView:
    number: int  # changes with every new round, so everyone gets fresh dots
    dots: int
    cards: tuple[RoundCard, ...]


@dataclass(frozen=True)
class TimerView:
    ends_at: float  # time.time() when it reaches zero
    seconds: int  # how long it was set for

    def remaining(self, now: float | None = None) -> float:
        return max(0.0, self.ends_at - (time.time() if now is None else now))


@dataclass(frozen=True)
class RoomView:
    title: str
    stages: tuple[tuple[str, str], ...]  # (id, name)
    lanes: tuple[tuple[str, str], ...]
    voting: RoundView | None = None
    timer: TimerView | None = None
    locked: bool = False
    card_ids: frozenset[str] = field(default_factory=frozenset)  # cards one may vote on

    def stage_ids(self) -> set[str]:
        return {s for s, _ in self.stages}

    def lane_ids(self) -> set[str]:
        return {lane for lane, _ in self.lanes}


def round_cards(journey: JourneyMap, voting_round: VotingRound) -> list[str]:
    """The cards a round covers, in the map's order."""
    cards = journey.card_ids()
    if voting_round.scope is VoteScope.STAGE:
        return [c for c in cards if journey.cell_of(c)[0] == voting_round.stage]
    if voting_round.scope is VoteScope.PAIN_POINTS:
        return [c for c in cards if journey.card(c).kind is Kind.PAIN_POINT]
    return cards


def build_view(
    journey: JourneyMap, round_number: int = 0, timer: TimerView | None = None, locked: bool = False
) -> RoomView:
    stages = tuple((s, journey.stage(s).name) for s in journey.stage_ids())
    lanes = tuple((p, journey.lane(p).name) for p in journey.lane_ids())
    voting = None
    if journey.voting.round is not None:
        names = dict(stages)
        cards = tuple(
            RoundCard(c, journey.card(c).title, journey.card(c).kind.value, names[journey.cell_of(c)[0]])
            for c in round_cards(journey, journey.voting.round)
        )
        voting = RoundView(round_number, journey.voting.round.dots, cards)
    card_ids = frozenset(c.id for c in voting.cards) if voting else frozenset()
    return RoomView(journey.title, stages, lanes, voting, timer, locked, card_ids)
