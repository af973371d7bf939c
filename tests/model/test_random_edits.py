"""Random sequences of edits keep every invariant, and every delete is exactly undoable."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from journeymap.io.cjm import dumps, loads, to_document
from journeymap.model import CardPolicy, JourneyMap, Kind, MapError, Submission, Touchpoint, VoteScope, VotingRound
from journeymap.model.invariants import check_invariants

texts = st.text(min_size=0, max_size=12)
emotions = st.one_of(st.none(), st.integers(-2, 2))
kinds = st.sampled_from(list(Kind))


class MapEdits(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.journey = JourneyMap("Random")

    @rule(name=texts, where=st.integers(0, 10))
    def add_stage(self, name: str, where: int) -> None:
        self.journey.add_stage(name, index=where)

    @rule(name=texts, where=st.integers(0, 10))
    def add_lane(self, name: str, where: int) -> None:
        self.journey.add_lane(name, index=where)

    @precondition(lambda self: self.journey.stage_ids() and self.journey.lane_ids())
    @rule(data=st.data(), title=texts, emotion=emotions, kind=kinds)
    def add_card(self, data: st.DataObject, title: str, emotion: int | None, kind: Kind) -> None:
        stage = data.draw(st.sampled_from(self.journey.stage_ids()))
        lane = data.draw(st.sampled_from(self.journey.lane_ids()))
        index = data.draw(st.one_of(st.none(), st.integers(0, 5)))
        self.journey.add_card(stage, lane, Touchpoint(title, emotion=emotion, kind=kind), index)

    @precondition(lambda self: self.journey.card_ids())
    @rule(data=st.data())
    def move_card(self, data: st.DataObject) -> None:
        card = data.draw(st.sampled_from(self.journey.card_ids()))
        stage = data.draw(st.sampled_from(self.journey.stage_ids()))
        lane = data.draw(st.sampled_from(self.journey.lane_ids()))
        self.journey.move_card(card, stage, lane, data.draw(st.one_of(st.none(), st.integers(0, 5))))

    @precondition(lambda self: self.journey.card_ids())
    @rule(data=st.data(), title=texts)
    def edit_card(self, data: st.DataObject, title: str) -> None:
        self.journey.update_card(data.draw(st.sampled_from(self.journey.card_ids())), title=title)

    @precondition(lambda self: len(self.journey.card_ids()) >= 2)
    @rule(data=st.data())
    def add_flow(self, data: st.DataObject) -> None:
        source, target = data.draw(
            st.lists(st.sampled_from(self.journey.card_ids()), min_size=2, max_size=2, unique=True)
        )
        try:
            self.journey.add_flow(source, target)
        except MapError:
            assert self.journey.has_flow(source, target)

    @precondition(lambda self: self.journey.stage_ids())
    @rule(data=st.data(), lane_wide=st.booleans(), title=texts)
    def add_milestone(self, data: st.DataObject, lane_wide: bool, title: str) -> None:
        stage = data.draw(st.sampled_from(self.journey.stage_ids()))
        lane = data.draw(st.sampled_from(self.journey.lane_ids())) if lane_wide and self.journey.lane_ids() else None
        self.journey.add_milestone(stage, title, lane)

    @precondition(lambda self: len(self.journey.stage_ids()) >= 1)
    @rule(data=st.data(), move=st.booleans())
    def remove_stage_and_undo_or_keep(self, data: st.DataObject, move: bool) -> None:
        self._remove_and_maybe_restore(data, "stage", move)

    @precondition(lambda self: len(self.journey.lane_ids()) >= 1)
    @rule(data=st.data(), move=st.booleans())
    def remove_lane_and_undo_or_keep(self, data: st.DataObject, move: bool) -> None:
        self._remove_and_maybe_restore(data, "lane", move)

    @precondition(lambda self: self.journey.card_ids())
    @rule(data=st.data())
    def remove_cards_and_undo_or_keep(self, data: st.DataObject) -> None:
        cards = data.draw(st.lists(st.sampled_from(self.journey.card_ids()), min_size=1, max_size=4, unique=True))
        before = to_document(self.journey)
        removal = self.journey.remove_cards(cards)
        check_invariants(self.journey)
        if data.draw(st.booleans()):
            self.journey.restore(removal)
            assert to_document(self.journey) == before

    def _remove_and_maybe_restore(self, data: st.DataObject, kind: str, move: bool) -> None:
        ids = self.journey.stage_ids() if kind == "stage" else self.journey.lane_ids()
        target = data.draw(st.sampled_from(ids))
        others = [i for i in ids if i != target]
        before = to_document(self.journey)
        cards_before = self.journey.counts()["cards"]
        remove = self.journey.remove_stage if kind == "stage" else self.journey.remove_lane
        if move and others:
            removal = remove(target, CardPolicy.MOVE, data.draw(st.sampled_from(others)))
            assert self.journey.counts()["cards"] == cards_before, "moving must keep every card"
        else:
            removal = remove(target, CardPolicy.DELETE)
        check_invariants(self.journey)
        if data.draw(st.booleans()):
            self.journey.restore(removal)
            assert to_document(self.journey) == before

    # The room's parts: ideas with suggested cells, dots and rounds must survive every delete and undo.
    @rule(data=st.data(), title=texts, kind=kinds, author=st.one_of(st.none(), texts))
    def submit_idea(self, data: st.DataObject, title: str, kind: Kind, author: str | None) -> None:
        stages, lanes = self.journey.stage_ids(), self.journey.lane_ids()
        stage = data.draw(st.one_of(st.none(), st.sampled_from(stages))) if stages else None
        lane = data.draw(st.one_of(st.none(), st.sampled_from(lanes))) if lanes else None
        self.journey.inbox.add(Submission(title, kind, stage, lane, author))

    @precondition(lambda self: len(self.journey.inbox))
    @rule(data=st.data())
    def drop_idea(self, data: st.DataObject) -> None:
        self.journey.inbox.remove(data.draw(st.sampled_from(self.journey.inbox.ids())))

    @precondition(lambda self: self.journey.card_ids())
    @rule(data=st.data(), dots=st.integers(1, 3))
    def vote(self, data: st.DataObject, dots: int) -> None:
        self.journey.voting.add(data.draw(st.sampled_from(self.journey.card_ids())), dots)

    @precondition(lambda self: self.journey.stage_ids())
    @rule(data=st.data(), dots=st.integers(1, 9), scope=st.sampled_from(list(VoteScope)))
    def open_round(self, data: st.DataObject, dots: int, scope: VoteScope) -> None:
        stage = data.draw(st.sampled_from(self.journey.stage_ids())) if scope is VoteScope.STAGE else None
        self.journey.voting.set_round(VotingRound(dots, scope, stage))

    @invariant()
    def invariants_hold(self) -> None:
        check_invariants(self.journey)

    def teardown(self) -> None:
        # Whatever the edits were, the saved file reads back as the same, valid map.
        reloaded = loads(dumps(self.journey))
        check_invariants(reloaded)
        assert to_document(reloaded) == to_document(self.journey)


MapEdits.TestCase.settings = settings(
    max_examples=60, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestMapEdits = MapEdits.TestCase
