"""The inbox and the dots: what the room adds to a map, announced as events, kept right by deletes and undo."""

from __future__ import annotations

import pytest

from journeymap.model import Change, InboxError, Kind, MapEvent, Submission, VoteScope, VotingRound
from journeymap.model.invariants import check_invariants
from tests.factories import small_map


def test_submissions_keep_arrival_order_and_are_announced() -> None:
    journey = small_map()
    heard: list[MapEvent] = []
    journey.events.subscribe(heard.append)
    land = journey.stage_ids()[0]
    first = journey.inbox.add(Submission("Slow onboarding call", Kind.PAIN_POINT, stage=land, author="Ana"))
    second = journey.inbox.add(Submission("Chat with support"))
    assert journey.inbox.ids() == [first, second] == ["idea-1", "idea-2"]
    assert journey.inbox.get(first).author == "Ana"
    assert [e.change for e in heard] == [Change.INBOX_ADDED, Change.INBOX_ADDED]
    index, record = journey.inbox.remove(first)
    assert (index, record.title) == (0, "Slow onboarding call")
    journey.inbox.add(record, first, index)
    assert journey.inbox.ids() == [first, second]
    check_invariants(journey)


def test_a_submission_cannot_suggest_a_cell_the_map_lacks() -> None:
    journey = small_map()
    with pytest.raises(InboxError, match="no stage"):
        journey.inbox.add(Submission("x", stage="stage-99"))
    with pytest.raises(InboxError, match="no lane"):
        journey.inbox.add(Submission("x", persona=journey.stage_ids()[0]))
    with pytest.raises(InboxError, match="kind must be one of"):
        journey.inbox.add(Submission("x"), "idea-5") and journey.inbox.update("idea-5", kind="rumour")
    assert journey.inbox.get("idea-5").kind is Kind.TOUCHPOINT


def test_deleting_a_stage_drops_its_hints_and_dots_and_undo_puts_them_back() -> None:
    journey = small_map()
    land, adoption = journey.stage_ids()
    card = journey.cards_in(adoption, journey.lane_ids()[0])[0]
    idea = journey.inbox.add(Submission("Idea", stage=adoption, persona=journey.lane_ids()[1]))
    journey.voting.add(card, 3)
    journey.voting.set_round(VotingRound(5, VoteScope.STAGE, adoption))
    removal = journey.remove_stage(adoption, "delete")
    check_invariants(journey)
    assert journey.inbox.get(idea).stage is None and journey.inbox.get(idea).persona == journey.lane_ids()[1]
    assert journey.voting.counts() == {} and journey.voting.round is None
    journey.restore(removal)
    check_invariants(journey)
    assert journey.inbox.get(idea).stage == adoption
    assert journey.voting.count(card) == 3
    assert journey.voting.round == VotingRound(5, VoteScope.STAGE, adoption)
    assert land in journey.stage_ids()


def test_deleting_a_card_takes_its_dots_and_restore_returns_them() -> None:
    journey = small_map()
    card = journey.card_ids()[0]
    journey.voting.add(card)
    journey.voting.add(card)
    removal = journey.remove_card(card)
    assert journey.voting.counts() == {}
    journey.restore(removal)
    assert journey.voting.count(card) == 2


def test_votes_only_on_cards_and_rounds_are_checked() -> None:
    journey = small_map()
    with pytest.raises(InboxError, match="no card"):
        journey.voting.add(journey.stage_ids()[0])
    with pytest.raises(InboxError, match="dots must be"):
        VotingRound(0)
    with pytest.raises(InboxError, match="names that stage"):
        VotingRound(3, VoteScope.STAGE)
    with pytest.raises(InboxError, match="names that stage"):
        VotingRound(3, VoteScope.ALL, journey.stage_ids()[0])
    journey.voting.add(journey.card_ids()[1], 2)
    assert journey.voting.clear() == {journey.card_ids()[1]: 2}
    assert journey.voting.counts() == {}


def test_copy_carries_the_inbox_votes_and_round() -> None:
    journey = small_map()
    journey.inbox.add(Submission("Idea"))
    journey.voting.add(journey.card_ids()[0])
    journey.voting.set_round(VotingRound(3))
    duplicate = journey.copy()
    assert duplicate.inbox.ids() == ["idea-1"] and duplicate.voting.counts() == journey.voting.counts()
    assert duplicate.voting.round == VotingRound(3)
    assert duplicate.inbox.next_id() == "idea-2"
