"""Find, zoom, fit, presentation mode with stage focus, and rendering the map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from journeymap.editing.commands import UpdateCommand
from journeymap.model import ItemRef
from journeymap.widgets.canvas.pictures import render_scene_image, render_scene_svg
from tests.widgets.canvas.conftest import press_key


def test_find_highlights_matches_and_cycles(view) -> None:
    journey = view.document.journey
    assert view.find("CHECK") == 1
    assert view.find("i") == 3  # Pricing page, Stuck on import, Admin training
    matches = view.finder.matches
    assert view.map_scene.current_match == matches[0]
    assert all(view.map_scene.card_items[c].matched for c in matches)
    view.find_next()
    assert view.map_scene.current_match == matches[1]
    view.find_previous()
    view.find_previous()
    assert view.map_scene.current_match == matches[-1]
    item = view.map_scene.card_items[matches[-1]]
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(item.sceneBoundingRect().center())
    view.clear_find()
    assert not any(item.matched for item in view.map_scene.card_items.values())
    assert view.find("no such words") == 0
    card = journey.card_ids()[0]
    view.find("Pricing")
    view.document.push(UpdateCommand(journey, ItemRef.card(card), {"title": "Plans page"}))
    assert not view.map_scene.card_items[card].matched  # an edit that stops matching drops the highlight


def test_zoom_steps_fit_and_zoom_to_selection(view) -> None:
    levels: list[float] = []
    view.zoom_changed.connect(levels.append)
    view.set_zoom(1.0)
    press_key(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_level() > 1.0
    press_key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    press_key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_level() < 1.0
    view.fit_to_map()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.map_scene.map_rect())
    assert levels and levels[-1] == view.zoom_level()
    card = view.document.journey.card_ids()[0]
    view.select(ItemRef.card(card))
    view.zoom_to_selection()
    assert view.zoom_level() == 1.5
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.map_scene.card_items[card].sceneBoundingRect())


def test_ctrl_wheel_zooms_around_the_pointer(view, qtbot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view.set_zoom(2.0)
    view.centerOn(view.map_scene.map_rect().center())
    point = QPoint(400, 300)
    under = view.mapToScene(point)
    event = QWheelEvent(
        QPointF(point),
        QPointF(view.viewport().mapToGlobal(point)),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_level() == 2.5
    after = view.mapToScene(point)
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2


def test_a_wheel_zoom_scales_the_screen_then_paints_the_map_afresh(view, qtbot) -> None:
    """While the wheel turns, the picture of the screen scales (cheap); once it rests, cards repaint."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view.set_zoom(1.0)
    view.centerOn(view.map_scene.map_rect().center())
    point = QPoint(400, 300)
    event = QWheelEvent(
        QPointF(point),
        QPointF(view.viewport().mapToGlobal(point)),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_level() == 1.25 and view.zooming
    during = view.viewport().grab().toImage()
    qtbot.waitUntil(lambda: not view.zooming, timeout=3000)
    after = view.viewport().grab().toImage()
    # The scaled picture is the map at the new zoom, only softer: nearly every pixel agrees.
    differing = sum(
        1
        for x in range(0, after.width(), 4)
        for y in range(0, after.height(), 4)
        if max(
            abs(a - b)
            for a, b in zip(during.pixelColor(x, y).getRgb()[:3], after.pixelColor(x, y).getRgb()[:3], strict=True)
        )
        > 80
    )
    assert differing < (after.width() // 4) * (after.height() // 4) * 0.03


def test_presentation_mode_uses_large_type_and_focuses_stages(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    card = journey.card_ids()[0]
    normal_width = view.map_scene.layout.cards[card].rect.width
    view.select(ItemRef.card(card))
    view.set_presentation(True)
    assert view.is_presentation()
    assert view.map_scene.layout.cards[card].rect.width == normal_width * 1.5
    assert view.map_scene.ctx.palette.high_contrast
    assert view.selected() == [("card", card)]  # the rebuild keeps the selection
    view.map_scene.clearSelection()
    press_key(view, Qt.Key.Key_Right)
    assert view.focused_stage == land
    column = view.map_scene.layout.stages[land].column
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.left() <= column.x and visible.right() >= column.right
    # The room sees the stage's cards, not only its header: the whole column is on screen…
    assert visible.top() <= column.y and visible.bottom() >= column.bottom
    # …and it fills the screen in at least one direction (it is the focus, not a thumbnail).
    assert column.width / visible.width() > 0.9 or column.height / visible.height() > 0.9
    assert view.zoom_level() > 1.0
    view.focus_next_stage()
    assert view.focused_stage == adopt
    view.focus_next_stage()
    assert view.focused_stage is None  # past the last stage: the whole map
    view.focus_previous_stage()
    assert view.focused_stage == adopt
    view.focus_stage(None)
    assert view.focused_stage is None
    view.set_presentation(False)
    assert view.map_scene.layout.cards[card].rect.width == normal_width


def test_render_to_image_paints_the_map(view, tmp_path) -> None:
    image = render_scene_image(view.map_scene, 0.5)
    rect = view.map_scene.map_rect()
    assert (image.width(), image.height()) == (round(rect.width() * 0.5), round(rect.height() * 0.5))
    card = view.map_scene.layout.cards[view.document.journey.card_ids()[0]].rect
    colour = image.pixelColor(round((card.x + 3) * 0.5), round(card.center[1] * 0.5))
    assert colour.name() != "#ffffff"  # the kind stripe is painted
    (tmp_path / "map.svg").write_bytes(render_scene_svg(view.map_scene, "Workshop map"))
    assert "<svg" in (tmp_path / "map.svg").read_text(encoding="utf-8")[:400]


def test_pan_with_the_middle_button(view) -> None:
    from tests.widgets.canvas.conftest import drag

    view.set_zoom(3.0)
    view.centerOn(view.map_scene.map_rect().center())
    before = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    centre = view.mapToScene(view.viewport().rect().center())
    drag(view, centre, centre + QPointF(30, 20), button=Qt.MouseButton.MiddleButton)
    after = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    # The map follows the hand: dragging right and down shows what was left and above.
    assert (before[0] - after[0], before[1] - after[1]) == (90, 60)
    assert view.document.undo_stack.count() == 0


def test_space_drag_pans_instead_of_selecting(view) -> None:
    from PySide6.QtTest import QTest

    from tests.widgets.canvas.conftest import drag

    view.set_zoom(3.0)
    view.centerOn(view.map_scene.map_rect().center())
    before = view.horizontalScrollBar().value()
    QTest.keyPress(view, Qt.Key.Key_Space)
    centre = view.mapToScene(view.viewport().rect().center())
    drag(view, centre, centre + QPointF(20, 0))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert before - view.horizontalScrollBar().value() == 60
    assert view.selected() == []
    assert view.document.undo_stack.count() == 0


def test_presenting_one_stage_fades_the_others(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    view.set_presentation(True)
    view.focus_stage(adopt)
    neighbour = view.map_scene.layout.cards[journey.cards_in(land, journey.lane_ids()[0])[0]].rect
    focused = view.map_scene.layout.cards[journey.cards_in(adopt, journey.lane_ids()[0])[0]].rect

    def lightness_at(rect) -> int:
        image = view.grab().toImage()
        point = view.mapFromScene(QPointF(rect.x + 3, rect.center[1]))  # on the card's kind stripe
        return image.pixelColor(point).lightness()

    faded, clear = lightness_at(neighbour), lightness_at(focused)
    assert faded > clear + 60, "the stripe of a card in another stage is washed out"
    view.set_presentation(False)
    view.focus_stage(adopt)
    neighbour = view.map_scene.layout.cards[journey.cards_in(land, journey.lane_ids()[0])[0]].rect
    assert lightness_at(neighbour) < faded - 60, "outside presentation nothing is faded"


def test_pinch_on_a_touchpad_zooms_about_the_fingers(view) -> None:
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice
    from PySide6.QtWidgets import QApplication

    view.set_zoom(2.0)  # zoomed in, so the view can scroll to keep the point under the fingers
    view.centerOn(view.map_scene.map_rect().center())
    fingers = QPointF(view.viewport().width() * 0.4, view.viewport().height() * 0.45)
    under = view.mapToScene(fingers.toPoint())
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        fingers,
        fingers,
        QPointF(view.viewport().mapToGlobal(fingers.toPoint())),
        0.25,
        QPointF(0, 0),
    )
    QApplication.sendEvent(view.viewport(), event)
    assert abs(view.zoom_level() - 2.5) < 1e-6
    after = view.mapToScene(fingers.toPoint())
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2, "the point under the fingers stays"


def test_presenting_a_far_stage_pins_the_lane_names_to_the_left_edge(view) -> None:
    journey = view.document.journey
    for name in ("Advocacy", "Expansion", "Renewal", "Referral"):
        journey.add_stage(name)
    view.set_presentation(True)
    view.focus_stage(journey.stage_ids()[-1])
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.left() > view.map_scene.layout.style.lane_header_width, "the real lane headers are off screen"
    image = view.grab().toImage()
    palette = view.map_scene.ctx.palette
    for lane_id in journey.lane_ids():
        box = view.map_scene.layout.lanes[lane_id]
        y = view.mapFromScene(QPointF(visible.left(), box.row.center[1])).y()
        colour = image.pixelColor(1, y)
        assert colour == palette.lane_colour[box.colour_index], lane_id
    view.focus_stage(None)
    image = view.grab().toImage()
    first = view.map_scene.layout.lanes[journey.lane_ids()[0]]
    point = view.mapFromScene(QPointF(first.row.x + 1, first.row.center[1]))
    assert image.pixelColor(point) == palette.lane_colour[first.colour_index], "the real header is back"
