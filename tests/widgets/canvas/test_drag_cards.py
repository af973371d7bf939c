"""Dragging cards across cells and within a cell: the drop target shows, one undo step per drag."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF

from tests.widgets.canvas.conftest import LEFT, NO_BUTTON, card_centre, drag, empty_spot, send_mouse, to_viewport


def test_drag_a_card_to_another_stage_is_one_undo_step(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    card = journey.cards_in(land, smb)[0]
    drag(view, card_centre(view, card), empty_spot(view, adopt, ent))
    assert journey.cell_of(card) == (adopt, ent)
    assert journey.cards_in(adopt, ent)[-1] == card
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Move 'Pricing page'"
    # The item followed the model into its new lane and cell.
    item = view.map_scene.card_items[card]
    cell = view.map_scene.layout.cells[(adopt, ent)].rect
    assert cell.contains(item.card_rect().center().x(), item.card_rect().center().y())
    view.document.undo_stack.undo()
    assert journey.cell_of(card) == (land, smb)
    assert journey.index_in_cell(card) == 0


def test_drop_target_is_highlighted_while_dragging_and_arrows_follow(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    card = journey.cards_in(land, smb)[0]
    flow = view.map_scene.flow_items[journey.flows_of(card)[0]]
    before = list(flow.points)
    start = to_viewport(view, card_centre(view, card))
    target = view.mapFromScene(empty_spot(view, adopt, ent))
    send_mouse(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    send_mouse(view, QEvent.Type.MouseMove, (start + target) / 2, NO_BUTTON, LEFT)
    send_mouse(view, QEvent.Type.MouseMove, target, NO_BUTTON, LEFT)
    assert view.map_scene.drop_item.isVisible()
    assert view.map_scene.drop_item.cell == (adopt, ent)
    assert flow.points != before
    assert journey.cell_of(card) == (land, smb)  # nothing committed mid-drag
    send_mouse(view, QEvent.Type.MouseButtonRelease, target, LEFT, NO_BUTTON)
    assert not view.map_scene.drop_item.isVisible()


def test_drag_within_a_cell_reorders(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    smb = journey.lane_ids()[0]
    first, second = journey.cards_in(land, smb)
    below_second = view.map_scene.layout.cards[second].rect
    drag(view, card_centre(view, first), QPointF(below_second.center[0], below_second.bottom + 4))
    assert journey.cards_in(land, smb) == [second, first]
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert journey.cards_in(land, smb) == [first, second]


def test_escape_mid_drag_puts_the_card_back(view) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    card = journey.cards_in(land, smb)[0]
    item = view.map_scene.card_items[card]
    origin = item.scenePos()
    start = to_viewport(view, card_centre(view, card))
    target = view.mapFromScene(empty_spot(view, adopt, ent))
    send_mouse(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    send_mouse(view, QEvent.Type.MouseMove, target, NO_BUTTON, LEFT)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    send_mouse(view, QEvent.Type.MouseButtonRelease, target, LEFT, NO_BUTTON)
    assert item.scenePos() == origin
    assert journey.cell_of(card) == (land, smb)
    assert view.document.undo_stack.count() == 0


def test_dragging_two_selected_cards_moves_both_in_one_step(view) -> None:
    from PySide6.QtCore import Qt

    from tests.widgets.canvas.conftest import click

    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    first, second = journey.cards_in(land, smb)
    click(view, card_centre(view, first))
    click(view, card_centre(view, second), Qt.KeyboardModifier.ControlModifier)
    assert {key[1] for key in view.selected()} == {first, second}
    drag(view, card_centre(view, second), empty_spot(view, adopt, ent))
    assert journey.cards_in(adopt, ent)[-2:] == [first, second]
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert journey.cards_in(land, smb) == [first, second]
