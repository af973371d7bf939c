"""Milestones: placed in a lane or across all lanes, titled and retitled inline."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from tests.widgets.canvas.conftest import click, double_click, drag, empty_spot, press_key, type_text


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


def test_drag_a_milestone_to_another_lane_and_into_the_all_lanes_band(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    signed = next(m for m in journey.milestone_ids() if journey.milestone(m).title == "Contract signed")
    assert journey.milestone_place(signed) == (land, smb)
    start = view.map_scene.milestone_items[signed].sceneBoundingRect().center()
    drag(view, start, empty_spot(view, adopt, ent))
    assert journey.milestone_place(signed) == (adopt, ent)
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Move milestone 'Contract signed'"
    item = view.map_scene.milestone_items[signed]
    assert view.map_scene.layout.cells[(adopt, ent)].rect.contains(*_centre(item.sceneBoundingRect()))
    band = view.map_scene.layout.band
    drag(
        view,
        item.sceneBoundingRect().center(),
        QPointF(view.map_scene.layout.stages[land].column.center[0], band.y + band.height / 2),
    )
    assert journey.milestone_place(signed) == (land, None)
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert journey.milestone_place(signed) == (land, smb)
    assert view.document.journey.milestone(signed).title == "Contract signed"


def test_a_milestone_dropped_outside_the_map_stays(view) -> None:
    journey = view.document.journey
    signed = next(m for m in journey.milestone_ids() if journey.milestone(m).title == "Contract signed")
    place = journey.milestone_place(signed)
    item = view.map_scene.milestone_items[signed]
    before = item.pos()
    drag(view, item.sceneBoundingRect().center(), QPointF(-40, -40))
    assert journey.milestone_place(signed) == place
    assert view.document.undo_stack.count() == 0
    assert item.pos() == before


def _centre(rect) -> tuple[float, float]:
    return rect.center().x(), rect.center().y()
