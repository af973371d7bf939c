"""Arrows: drag from a card's handle, or select two and connect; select an arrow and delete it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from journeymap.model import ItemRef
from tests.widgets.canvas.conftest import card_centre, click, drag, hover, press_key


def test_drag_from_the_handle_to_another_card_connects_them(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    source = journey.cards_in(adopt, smb)[0]  # "Stuck on import"
    target = journey.cards_in(adopt, ent)[0]  # "Admin training"
    assert not journey.has_flow(source, target)
    handle = view.map_scene.card_items[source].handle_center()
    hover(view, handle)
    drag(view, handle, card_centre(view, target))
    assert journey.has_flow(source, target)
    assert (source, target) in view.map_scene.flow_items
    assert view.document.undo_stack.count() == 1
    assert journey.cell_of(source) == (adopt, smb)  # a handle drag never moves the card
    view.document.undo_stack.undo()
    assert not journey.has_flow(source, target)
    assert (source, target) not in view.map_scene.flow_items


def test_releasing_on_empty_space_connects_nothing(view) -> None:
    journey = view.document.journey
    source = journey.card_ids()[0]
    handle = view.map_scene.card_items[source].handle_center()
    drag(view, handle, handle + QPointF(5, 60))
    assert view.document.undo_stack.count() == 0
    assert view.tool.name == "select"


def test_select_two_and_shortcut_connects_earlier_to_later(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    later = journey.cards_in(adopt, ent)[0]
    earlier = journey.cards_in(land, smb)[1]
    click(view, card_centre(view, later))
    click(view, card_centre(view, earlier), Qt.KeyboardModifier.ControlModifier)
    press_key(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert journey.has_flow(earlier, later)
    assert view.connect_selected() is False  # already connected: nothing more
    view.document.undo_stack.undo()
    assert not journey.has_flow(earlier, later)


def _clear_point_on(view, key: tuple[str, str]) -> QPointF:
    """A point on the arrow where no other arrow or card is on top of it."""
    flow = view.map_scene.flow_items[key]
    view.ensureVisible(flow.sceneBoundingRect(), 60, 60)
    for a, b in zip(flow.points, flow.points[1:], strict=False):
        for t in (0.5, 0.3, 0.7):
            point = QPointF(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            pixel = view.mapFromScene(point)
            near_handle = any(item.handle_contains(point) for item in view.map_scene.card_items.values())
            under = [item for item in view.items(pixel) if hasattr(item, "ref")]
            if under[:1] == [flow] and not near_handle:
                return point
    raise AssertionError(f"no clear point on {key}")


def test_select_an_arrow_and_delete_it(view) -> None:
    journey = view.document.journey
    source, target = journey.flows()[0]
    click(view, _clear_point_on(view, (source, target)))
    assert view.selected() == [ItemRef.flow(source, target)]
    press_key(view, Qt.Key.Key_Delete)
    assert not journey.has_flow(source, target)
    assert journey.card(source) and journey.card(target)
    assert view.document.undo_stack.undoText() == "Delete arrow 'Pricing page' → 'Checkout'"
    view.document.undo_stack.undo()
    assert journey.has_flow(source, target)
    assert (source, target) in view.map_scene.flow_items


def test_an_arrow_between_cards_whose_ids_contain_an_arrow_can_be_deleted(qtbot) -> None:
    """Ids are any string in a .cjm; ``step->1`` once made the selected arrow's key parse as 'step'."""
    from journeymap.editing.document import Document
    from journeymap.model import JourneyMap, Touchpoint
    from journeymap.widgets.canvas import MapView

    journey = JourneyMap("Arrows in ids")
    stage, lane = journey.add_stage("Land"), journey.add_lane("SMB")
    first = journey.add_card(stage, lane, Touchpoint("Kickoff"), card_id="step->1")
    second = journey.add_card(stage, lane, Touchpoint("Training"), card_id="step->2->x")
    journey.add_flow(first, second)
    document = Document(journey)
    view = MapView(document)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(1.0)
    view.select(ItemRef.flow(first, second))
    assert view.selected() == [ItemRef.flow(first, second)]
    view.delete_selection()
    assert not journey.has_flow(first, second)
    assert journey.card_ids() == [first, second]
    document.undo_stack.undo()
    assert journey.has_flow(first, second)
    document.close()
