"""Milestones: placed in a lane or across all lanes, titled and retitled inline."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from tests.widgets.canvas.conftest import click, double_click, empty_spot, press_key, type_text


def test_place_a_milestone_in_one_lane(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    before = journey.milestone_ids()
    view.add_milestone()
    assert view.tool.name == "place_milestone"
    click(view, empty_spot(view, adopt, ent))
    type_text(view, "Admins trained")
    press_key(view, Qt.Key.Key_Return)
    new = [m for m in journey.milestone_ids() if m not in before]
    assert len(new) == 1
    assert journey.milestone(new[0]).title == "Admins trained"
    assert journey.milestone_place(new[0]) == (adopt, ent)
    assert new[0] in view.map_scene.milestone_items
    view.document.undo_stack.undo()
    assert journey.milestone_ids() == before


def test_place_a_milestone_across_all_lanes_from_the_stage_header(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    view.add_milestone()
    click(view, view.map_scene.stage_items[land].sceneBoundingRect().center())
    type_text(view, "Kick-off")
    press_key(view, Qt.Key.Key_Return)
    placed = [m for m in journey.milestone_ids() if journey.milestone(m).title == "Kick-off"]
    assert [journey.milestone_place(m) for m in placed] == [(land, None)]


def test_escape_places_nothing(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    smb = journey.lane_ids()[0]
    before = journey.milestone_ids()
    view.add_milestone()
    click(view, empty_spot(view, land, smb))
    type_text(view, "Oops")
    press_key(view, Qt.Key.Key_Escape)
    assert journey.milestone_ids() == before
    assert view.tool.name == "select"


def test_double_click_a_milestone_edits_its_title(view) -> None:
    journey = view.document.journey
    milestone = journey.milestone_ids()[0]
    item = view.map_scene.milestone_items[milestone]
    double_click(view, item.title_rect().center())
    type_text(view, "Five seats active")
    press_key(view, Qt.Key.Key_Return)
    assert journey.milestone(milestone).title == "Five seats active"
    assert view.map_scene.milestone_items[milestone].box.title_lines == ("Five seats active",)
    view.document.undo_stack.undo()
    assert journey.milestone(milestone).title == "5 users added"


def test_delete_a_selected_milestone(view) -> None:
    journey = view.document.journey
    milestone = journey.milestone_ids()[0]
    diamond = view.map_scene.milestone_items[milestone].box.diamond
    click(view, QPointF(*diamond.center))
    assert view.selected() == [("milestone", milestone)]
    press_key(view, Qt.Key.Key_Delete)
    assert milestone not in journey.milestone_ids()
    view.document.undo_stack.undo()
    assert milestone in journey.milestone_ids()
