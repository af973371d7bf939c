"""Every edit is an undoable command: redo, undo and redo again land on the same map."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QUndoStack

from journeymap.editing.commands import (
    AddCardCommand,
    AddFlowCommand,
    AddLaneCommand,
    AddMilestoneCommand,
    AddStageCommand,
    MoveCardCommand,
    MoveCardsCommand,
    MoveMilestoneCommand,
    RemoveCardsCommand,
    RemoveFlowCommand,
    RemoveLaneCommand,
    RemoveMilestoneCommand,
    RemoveStageCommand,
    ReorderCommand,
    ReplaceMapCommand,
    SetTitleCommand,
    UpdateCommand,
)
from journeymap.editing.document import Document
from journeymap.io.cjm import load_cjm, to_document
from journeymap.model import CardPolicy, ItemRef, JourneyMap, Milestone, Persona, Stage, Touchpoint
from journeymap.model.invariants import check_invariants
from tests.factories import small_map

Factory = Callable[[JourneyMap], object]


def _ids(journey: JourneyMap) -> tuple[list[str], list[str], list[str]]:
    return journey.stage_ids(), journey.lane_ids(), journey.card_ids()


COMMANDS: dict[str, Factory] = {
    "add stage": lambda j: AddStageCommand(j, Stage("Renewal"), 1),
    "add lane": lambda j: AddLaneCommand(j, Persona("Partner")),
    "add card": lambda j: AddCardCommand(j, _ids(j)[0][0], _ids(j)[1][0], Touchpoint("Webinar"), 0),
    "add milestone": lambda j: AddMilestoneCommand(j, _ids(j)[0][1], Milestone("Live")),
    "add flow": lambda j: AddFlowCommand(j, _ids(j)[2][0], _ids(j)[2][3]),
    "edit card": lambda j: UpdateCommand(j, ItemRef.card(_ids(j)[2][0]), {"title": "New", "emotion": -1}),
    "edit stage": lambda j: UpdateCommand(j, ItemRef.stage(_ids(j)[0][0]), {"goal": "Win"}),
    "reorder stage": lambda j: ReorderCommand(j, ItemRef.stage(_ids(j)[0][0]), 1),
    "reorder lane": lambda j: ReorderCommand(j, ItemRef.lane(_ids(j)[1][1]), 0),
    "move card": lambda j: MoveCardCommand(j, _ids(j)[2][0], _ids(j)[0][1], _ids(j)[1][1], 0),
    "move cards": lambda j: MoveCardsCommand(j, [_ids(j)[2][3], _ids(j)[2][0]], _ids(j)[0][1], _ids(j)[1][0], 1),
    "move milestone": lambda j: MoveMilestoneCommand(j, j.milestone_ids()[0], _ids(j)[0][0], _ids(j)[1][1]),
    "delete stage, move cards": lambda j: RemoveStageCommand(j, _ids(j)[0][0], CardPolicy.MOVE, _ids(j)[0][1]),
    "delete stage with cards": lambda j: RemoveStageCommand(j, _ids(j)[0][0], CardPolicy.DELETE),
    "delete lane": lambda j: RemoveLaneCommand(j, _ids(j)[1][0], CardPolicy.DELETE),
    "delete cards": lambda j: RemoveCardsCommand(j, _ids(j)[2][:3]),
    "delete milestone": lambda j: RemoveMilestoneCommand(j, j.milestone_ids()[0]),
    "delete arrow": lambda j: RemoveFlowCommand(j, *j.flows()[0]),
    "rename map": lambda j: SetTitleCommand(j, "Renamed"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_redo_undo_redo(name: str) -> None:
    journey = small_map()
    stack = QUndoStack()
    before = to_document(journey)
    stack.push(COMMANDS[name](journey))
    after = to_document(journey)
    assert after != before
    check_invariants(journey)
    stack.undo()
    assert to_document(journey) == before
    stack.redo()
    assert to_document(journey) == after, "redo must give the same ids, so later commands still apply"


def test_a_later_command_survives_undo_and_redo_of_the_add_it_depends_on() -> None:
    journey = small_map()
    stack = QUndoStack()
    add = AddCardCommand(journey, journey.stage_ids()[0], journey.lane_ids()[0], Touchpoint("Kickoff call"))
    stack.push(add)
    stack.push(MoveCardCommand(journey, add.card_id, journey.stage_ids()[1], journey.lane_ids()[1]))
    final = to_document(journey)
    stack.undo()
    stack.undo()
    stack.redo()
    stack.redo()
    assert to_document(journey) == final


def test_command_texts_read_well_in_the_edit_menu() -> None:
    journey = small_map()
    stack = QUndoStack()
    card = journey.card_ids()[0]
    stack.push(MoveCardCommand(journey, card, journey.stage_ids()[1], journey.lane_ids()[0]))
    assert stack.undoText() == "Move 'Pricing page'"
    stack.push(UpdateCommand(journey, ItemRef.card(card), {"title": "Pricing page v2"}))
    assert stack.undoText() == "Rename card 'Pricing page'"
    stack.push(RemoveCardsCommand(journey, journey.card_ids()[:2]))
    assert stack.undoText() == "Delete 2 cards"


def test_typing_in_one_field_merges_into_one_undo_step() -> None:
    journey = small_map()
    stack = QUndoStack()
    card = journey.card_ids()[0]
    for text in ("K", "Ki", "Kic", "Kick"):
        stack.push(UpdateCommand(journey, ItemRef.card(card), {"title": text}, merge=True))
    assert stack.count() == 1 and journey.card(card).title == "Kick"
    stack.push(UpdateCommand(journey, ItemRef.card(card), {"owner": "CSM"}, merge=True))
    assert stack.count() == 2, "another field is another step"
    stack.undo()
    stack.undo()
    assert journey.card(card).title == "Pricing page"


def test_edits_not_marked_mergeable_stay_separate() -> None:
    journey = small_map()
    stack = QUndoStack()
    card = journey.card_ids()[0]
    stack.push(UpdateCommand(journey, ItemRef.card(card), {"title": "A"}))
    stack.push(UpdateCommand(journey, ItemRef.card(card), {"title": "B"}))
    assert stack.count() == 2


def test_replace_map_is_one_step() -> None:
    journey = small_map()
    stack = QUndoStack()
    before = to_document(journey)
    other = JourneyMap("Imported")
    other.add_stage("Only")
    stack.push(ReplaceMapCommand(journey, other, "Import 'sheet.xlsx'"))
    assert journey.title == "Imported" and len(journey.stage_ids()) == 1
    stack.undo()
    assert to_document(journey) == before


def test_document_tracks_unsaved_changes_and_saves(tmp_path, qtbot) -> None:
    document = Document(small_map())
    events = []
    document.map_changed.connect(events.append)
    assert not document.is_modified
    with qtbot.waitSignal(document.modified_changed):
        document.push(SetTitleCommand(document.journey, "Edited"))
    assert document.is_modified and events
    path = document.save(tmp_path / "saved.cjm")
    assert not document.is_modified and document.path == path
    assert load_cjm(path).title == "Edited"
    document.undo_stack.undo()
    assert document.is_modified


def test_loading_a_restored_map_marks_it_unsaved() -> None:
    document = Document(small_map())
    document.load(JourneyMap("Restored"), None, modified=True)
    assert document.is_modified and document.journey.title == "Restored"
    assert document.undo_stack.count() == 0


def test_a_command_reaches_listeners_as_one_event_however_many_changes_it_makes() -> None:
    """The canvas re-lays out once per event: deleting a stage that moves its cards must be one."""
    journey = small_map()
    land, adopt = journey.stage_ids()
    for i in range(20):
        journey.add_card(adopt, journey.lane_ids()[0], f"Card {i}")
    stack = QUndoStack()
    seen = []
    journey.events.subscribe(seen.append)
    stack.push(RemoveStageCommand(journey, adopt, CardPolicy.MOVE, land))
    assert len(seen) == 1
    stack.undo()
    assert len(seen) == 2
    stack.push(UpdateCommand(journey, ItemRef.card(journey.card_ids()[0]), {"title": "Renamed"}))
    assert seen[-1].change.value == "card_changed", "a single change keeps its own event"


def test_a_macro_is_one_undo_step_and_one_event_each_way() -> None:
    document = Document(small_map())
    journey = document.journey
    land, _ = journey.stage_ids()
    smb = journey.lane_ids()[0]
    before = to_document(journey)
    seen = []
    journey.events.subscribe(seen.append)
    with document.macro("Paste 3 cards"):
        commands = [AddCardCommand(journey, land, smb, Touchpoint(f"Row {i}")) for i in range(3)]
        for command in commands:
            document.push(command)
            assert command.card_id is not None, "each command runs as it is pushed"
    after = to_document(journey)
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Paste 3 cards"
    assert len(seen) == 1
    document.undo_stack.undo()
    assert to_document(journey) == before and len(seen) == 2
    document.undo_stack.redo()
    assert to_document(journey) == after and len(seen) == 3


def test_a_macro_of_one_command_reads_as_that_command() -> None:
    document = Document(small_map())
    journey = document.journey
    with document.macro("Delete"):
        document.push(RemoveCardsCommand(journey, [journey.card_ids()[0]]))
    assert document.undo_stack.undoText() == "Delete 'Pricing page'"


def test_moving_several_cards_keeps_their_order_and_lands_them_together() -> None:
    """Two cards from different cells dropped between the cards of a third: one step, in map order."""
    journey = small_map()
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    pricing, checkout = journey.cards_in(land, smb)
    stuck, admin = journey.cards_in(adopt, smb)[0], journey.cards_in(adopt, ent)[0]
    stack = QUndoStack()
    assert MoveCardsCommand.changes_anything(journey, [admin, pricing], adopt, smb, 1)
    command = MoveCardsCommand(journey, [admin, pricing], adopt, smb, 1)
    assert command.text() == "Move 2 cards"
    stack.push(command)
    assert journey.cards_in(adopt, smb) == [stuck, pricing, admin]
    assert journey.cards_in(land, smb) == [checkout] and journey.cards_in(adopt, ent) == []
    stack.undo()
    assert journey.cards_in(land, smb) == [pricing, checkout] and journey.cards_in(adopt, ent) == [admin]
    assert journey.cards_in(adopt, smb) == [stuck]
    # Dropping cards exactly where they already are is no edit at all.
    assert not MoveCardsCommand.changes_anything(journey, [pricing, checkout], land, smb, 0)
