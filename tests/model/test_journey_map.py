"""Model operations: what a facilitator's edits do to the map, and what they refuse."""

from __future__ import annotations

import pytest

from journeymap.io.cjm import to_document
from journeymap.model import CardPolicy, Change, JourneyMap, Kind, MapError, Stage, Touchpoint
from journeymap.model.invariants import check_invariants
from tests.factories import small_map


def names(journey: JourneyMap, ids: list[str]) -> list[str]:
    return [journey.card(i).title for i in ids]


def test_stages_and_lanes_keep_their_order_and_reorder() -> None:
    journey = small_map()
    land, adopt = journey.stage_ids()
    renewal = journey.add_stage("Renewal", index=1)
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Land", "Renewal", "Adoption"]
    assert journey.move_stage(renewal, 2) == 1
    assert journey.stage_ids() == [land, adopt, renewal]
    smb, ent = journey.lane_ids()
    journey.move_lane(ent, 0)
    assert journey.lane_ids() == [ent, smb]
    check_invariants(journey)


def test_ids_are_stable_strings_and_never_reused_while_present() -> None:
    journey = small_map()
    ids = journey.stage_ids() + journey.lane_ids() + journey.card_ids() + journey.milestone_ids()
    assert len(set(ids)) == len(ids) and all(isinstance(i, str) for i in ids)
    stage = journey.add_stage("New")
    assert stage not in ids
    with pytest.raises(MapError, match="already used"):
        journey.add_stage("Again", stage_id=stage)


def test_cards_move_between_cells_and_reorder_within_one() -> None:
    journey = small_map()
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    pricing, checkout = journey.cards_in(land, smb)
    journey.move_card(checkout, land, smb, 0)
    assert names(journey, journey.cards_in(land, smb)) == ["Checkout", "Pricing page"]
    source, index = journey.move_card(pricing, adopt, ent, 0)
    assert (source, index) == ((land, smb), 1)
    assert journey.cell_of(pricing) == (adopt, ent)
    assert names(journey, journey.cards_in(adopt, ent)) == ["Pricing page", "Admin training"]
    check_invariants(journey)


def test_edit_validates_fields_and_returns_the_old_record() -> None:
    journey = small_map()
    card = journey.card_ids()[0]
    old = journey.update_card(card, title="Pricing page v2", emotion=-1, kind="pain_point")
    assert old.title == "Pricing page"
    assert journey.card(card).kind is Kind.PAIN_POINT
    with pytest.raises(MapError, match="emotion"):
        journey.update_card(card, emotion=3)
    with pytest.raises(MapError, match="kind"):
        journey.update_card(card, kind="rumour")
    with pytest.raises(MapError, match="no field"):
        journey.update_card(card, colour="red")
    assert journey.card(card).title == "Pricing page v2"


def test_deleting_a_stage_needs_a_choice_and_can_move_its_cards() -> None:
    journey = small_map()
    land, adopt = journey.stage_ids()
    before = to_document(journey)
    with pytest.raises(MapError, match="another stage"):
        journey.remove_stage(adopt, CardPolicy.MOVE)
    removal = journey.remove_stage(adopt, CardPolicy.MOVE, move_to=land)
    assert journey.stage_ids() == [land]
    assert journey.counts()["cards"] == 4, "moving must keep every card"
    assert [
        journey.milestone(m).title for m in journey.milestone_ids() if journey.milestone_place(m) == (land, None)
    ] == ["5 users added"]
    check_invariants(journey)
    journey.restore(removal)
    assert to_document(journey) == before


def test_deleting_a_lane_with_delete_policy_removes_cards_flows_and_milestones_and_restores_them() -> None:
    journey = small_map()
    smb = journey.lane_ids()[0]
    before = to_document(journey)
    removal = journey.remove_lane(smb, CardPolicy.DELETE)
    assert journey.counts() == {"stages": 2, "lanes": 1, "cards": 1, "milestones": 1, "flows": 0}
    check_invariants(journey)
    journey.restore(removal)
    assert to_document(journey) == before


def test_flows_branch_but_never_loop_on_one_card_or_repeat() -> None:
    journey = small_map()
    a, b, c, d = journey.card_ids()
    journey.add_flow(a, c)
    assert (a, b) in journey.flows() and (a, c) in journey.flows()
    with pytest.raises(MapError, match="two different"):
        journey.add_flow(a, a)
    with pytest.raises(MapError, match="already"):
        journey.add_flow(a, b)
    removal = journey.remove_card(b)
    assert (a, b) not in journey.flows() and (b, c) not in journey.flows()
    journey.restore(removal)
    assert {(a, b), (b, c), (a, c)} <= set(journey.flows())


def test_milestones_sit_in_a_lane_or_across_all_lanes_and_move() -> None:
    journey = small_map()
    land, adopt = journey.stage_ids()
    smb, _ = journey.lane_ids()
    across = journey.milestone_ids()[0]
    assert journey.milestone_place(across) == (adopt, None)
    assert journey.move_milestone(across, land, smb) == (adopt, None)
    assert journey.milestone_place(across) == (land, smb)
    assert [m for m in journey.milestone_ids() if journey.milestone_place(m) == (adopt, None)] == []


def test_every_change_is_announced_to_listeners() -> None:
    journey = small_map()
    seen = []
    unsubscribe = journey.events.subscribe(seen.append)
    stage = journey.add_stage(Stage("Renewal"))
    card = journey.add_card(stage, journey.lane_ids()[0], Touchpoint("Renewal call"))
    journey.update_card(card, title="Renewal QBR")
    journey.remove_card(card)
    assert [e.change for e in seen] == [Change.STAGE_ADDED, Change.CARD_ADDED, Change.CARD_CHANGED, Change.CARD_REMOVED]
    assert seen[1].ids == (card,)
    unsubscribe()
    journey.set_title("Quiet")
    assert len(seen) == 4


def test_a_batch_reaches_listeners_once_as_a_reset() -> None:
    journey = small_map()
    seen = []
    journey.events.subscribe(seen.append)
    with journey.batch():
        for i in range(50):
            journey.add_card(journey.stage_ids()[0], journey.lane_ids()[0], f"Card {i}")
    assert [e.change for e in seen] == [Change.RESET]


def test_unknown_ids_are_refused_with_the_id_named() -> None:
    journey = small_map()
    with pytest.raises(MapError, match="'nope'"):
        journey.add_card("nope", journey.lane_ids()[0], "x")
    with pytest.raises(MapError, match="no card"):
        journey.card(journey.stage_ids()[0])


def test_typed_references_read_update_and_reorder_every_kind() -> None:
    from journeymap.model import Flow, ItemRef

    journey = small_map()
    land, adopt = journey.stage_ids()
    card = journey.card_ids()[0]
    source, target = journey.flows()[0]
    assert journey.record(ItemRef.card(card)) is journey.card(card)
    old = journey.update(ItemRef.stage(land), goal="Win")
    assert (old.goal, journey.stage(land).goal) == ("Close", "Win")
    assert journey.update(ItemRef.flow(source, target), label="next") == Flow()
    assert journey.flow(source, target).label == "next"
    assert journey.reorder(ItemRef.stage(adopt), 0) == 1
    assert journey.stage_ids() == [adopt, land]
    assert journey.contains(ItemRef.card(card)) and not journey.contains(ItemRef.stage(card))
    assert not journey.contains(ItemRef.flow(target, source))
    with pytest.raises(MapError):
        journey.reorder(ItemRef.card(card), 0)
    with pytest.raises(MapError, match="no card"):
        journey.record(ItemRef.card("missing"))
    assert ItemRef.card(card) == ("card", card)  # a NamedTuple: plain tuples compare equal
