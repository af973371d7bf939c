"""Workshop mode: F5 in, the map alone in large type, arrow keys step through stages, Esc or F5 out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar


def _key(window, key: Qt.Key) -> None:
    QTest.keyClick(window.view, key)


def test_entering_and_leaving_restores_the_window(make_window, qtbot) -> None:
    window = make_window()
    window.resize(700, 500)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    window.view.setFocus()

    _key(window, Qt.Key.Key_F5)

    assert window.workshop.active and window.isFullScreen()
    assert window.view.is_presentation()
    assert not window.properties.isVisible() and not toolbar.isVisible()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.findChild(QAction, "actionPresent").isChecked()

    _key(window, Qt.Key.Key_Escape)

    assert not window.workshop.active and not window.isFullScreen()
    assert not window.view.is_presentation()
    assert window.properties.isVisible() and toolbar.isVisible()
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (700, 500), timeout=2000)


def test_f5_leaves_too(make_window) -> None:
    window = make_window()
    window.findChild(QAction, "actionPresent").trigger()
    assert window.workshop.active
    window.view.setFocus()
    _key(window, Qt.Key.Key_F5)
    assert not window.workshop.active


def test_arrow_keys_focus_one_stage_at_a_time(make_window) -> None:
    window = make_window()
    stages = window.document.journey.stage_ids()
    window.workshop.enter()
    assert window.view.focused_stage is None

    _key(window, Qt.Key.Key_Right)
    assert window.view.focused_stage == stages[0]
    _key(window, Qt.Key.Key_Right)
    assert window.view.focused_stage == stages[1]
    zoom_on_stage = window.view.zoom_level()
    _key(window, Qt.Key.Key_Left)
    assert window.view.focused_stage == stages[0]
    _key(window, Qt.Key.Key_PageDown)  # a presenter's clicker
    assert window.view.focused_stage == stages[1]
    _key(window, Qt.Key.Key_Home)
    assert window.view.focused_stage is None
    assert window.view.zoom_level() < zoom_on_stage  # the whole map again
    _key(window, Qt.Key.Key_Right)
    _key(window, Qt.Key.Key_0)
    assert window.view.focused_stage is None
    window.workshop.leave()


def test_stage_keys_do_nothing_outside_workshop_mode(make_window) -> None:
    window = make_window()
    window.view.setFocus()
    _key(window, Qt.Key.Key_Right)
    assert window.view.focused_stage is None


def test_closing_while_presenting_restores_first(make_window) -> None:
    window = make_window()
    window.workshop.enter()
    assert window.close()
    assert not window.workshop.active


def _double_click_empty_cell(window, stage: str, lane: str) -> None:
    from PySide6.QtCore import QPointF

    view = window.view
    cell = view.map_scene.layout.cells[(stage, lane)].rect
    point = view.mapFromScene(QPointF(cell.x + cell.width / 2, cell.bottom - 8))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_quick_capture_still_works_while_presenting(make_window) -> None:
    window = make_window()
    journey = window.document.journey
    stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
    before = journey.cards_in(stage, lane)
    window.workshop.enter()
    _key(window, Qt.Key.Key_Right)  # the room looks at the first stage
    assert window.view.focused_stage == stage

    _double_click_empty_cell(window, stage, lane)
    QTest.keyClicks(window.view, "Call in 0 days")  # a "0" typed here must not show the whole map
    _key(window, Qt.Key.Key_Left)  # nor an arrow step a stage: they move the caret
    _key(window, Qt.Key.Key_Home)
    _key(window, Qt.Key.Key_Return)

    cards = journey.cards_in(stage, lane)
    assert len(cards) == len(before) + 1
    assert journey.card(cards[-1]).title == "Call in 0 days"
    assert window.workshop.active and window.view.focused_stage == stage

    _double_click_empty_cell(window, stage, lane)
    QTest.keyClicks(window.view, "never mind")
    _key(window, Qt.Key.Key_Escape)  # cancels the card, stays in the room's view
    assert len(journey.cards_in(stage, lane)) == len(before) + 1
    assert window.workshop.active
    _key(window, Qt.Key.Key_Escape)
    assert not window.workshop.active


def test_present_on_another_screen_leaves_the_editor_as_it_is(make_window, qtbot) -> None:
    """Issue 11, addition 2: View > Present On puts the map on the chosen screen; the editor stays."""
    from PySide6.QtWidgets import QMenu

    from journeymap.editing.commands import AddCardCommand
    from journeymap.model import Touchpoint

    window = make_window()
    menu = window.findChild(QMenu, "menuPresentOn")
    menu.aboutToShow.emit()
    screen_name = window.screen().name()
    choice = next(a for a in menu.actions() if a.data() == screen_name)
    choice.trigger()  # the projector: offscreen Qt has one screen, so the same one stands in
    assert [a.data() for a in menu.actions() if a.isChecked()] == [screen_name]

    window.view.setFocus()
    _key(window, Qt.Key.Key_F5)
    presentation = window.workshop.presentation
    assert presentation is not None
    qtbot.waitUntil(presentation.isFullScreen, timeout=2000)
    assert presentation.view.is_presentation() and not window.view.is_presentation()
    assert not window.isFullScreen() and window.menuBar().isVisible()

    # Both views follow the same document.
    journey = window.document.journey
    stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
    window.document.push(AddCardCommand(journey, stage, lane, Touchpoint("Raised in the room")))
    card = journey.cards_in(stage, lane)[-1]
    assert card in presentation.view.map_scene.layout.cards

    # The clicker steps the projector's stages from the editor; arrows still move the editor's selection.
    _key(window, Qt.Key.Key_PageDown)
    assert presentation.view.focused_stage == stage and window.view.focused_stage is None

    _key(window, Qt.Key.Key_F5)
    assert window.workshop.presentation is None and not window.workshop.active
    qtbot.waitUntil(lambda: not presentation.isVisible(), timeout=2000)
