"""Issue 11: the facilitator's loop without friction, driven through the real window's keys and viewport."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest

SK = QKeySequence.StandardKey

# Qt's own key tables (qplatformtheme.cpp) for the standard keys the window uses, per platform.
PLATFORM_BINDINGS: dict[str, dict[QKeySequence.StandardKey, tuple[str, ...]]] = {
    "windows": {
        SK.Delete: ("Del",),
        SK.Cut: ("Ctrl+X", "Shift+Del"),
        SK.Copy: ("Ctrl+C", "Ctrl+Ins"),
        SK.Paste: ("Ctrl+V", "Shift+Ins"),
        SK.Undo: ("Ctrl+Z", "Alt+Backspace"),
        SK.Redo: ("Ctrl+Y", "Shift+Ctrl+Z", "Alt+Shift+Backspace"),
        SK.HelpContents: ("F1",),
        SK.SaveAs: (),
        SK.Quit: (),
    },
    "macos": {
        SK.Delete: ("Del", "Meta+D"),
        SK.Cut: ("Ctrl+X", "Meta+K"),
        SK.Copy: ("Ctrl+C",),
        SK.Paste: ("Ctrl+V", "Meta+Y"),
        SK.Undo: ("Ctrl+Z",),
        SK.Redo: ("Shift+Ctrl+Z",),
        SK.HelpContents: ("Ctrl+?",),
        SK.SaveAs: ("Ctrl+Shift+S",),
        SK.Quit: ("Ctrl+Q",),
    },
    "kde": {
        SK.Delete: ("Del", "Ctrl+D"),
        SK.Cut: ("Ctrl+X", "Shift+Del", "F20"),
        SK.Copy: ("Ctrl+C", "Ctrl+Ins", "F16"),
        SK.Paste: ("Ctrl+V", "Shift+Ins", "F18"),
        SK.Undo: ("Ctrl+Z", "F14"),
        SK.Redo: ("Ctrl+Shift+Z", "Ctrl+Y"),
        SK.HelpContents: ("F1",),
        SK.SaveAs: ("Ctrl+Shift+S",),
        SK.Quit: ("Ctrl+Q",),
    },
    "gnome": {
        SK.Delete: ("Del", "Ctrl+D"),
        SK.Cut: ("Ctrl+X", "Shift+Del", "F20"),
        SK.Copy: ("Ctrl+C", "Ctrl+Ins", "F16"),
        SK.Paste: ("Ctrl+V", "Shift+Ins", "F18"),
        SK.Undo: ("Ctrl+Z", "F14"),
        SK.Redo: ("Ctrl+Shift+Z",),
        SK.HelpContents: ("F1",),
        SK.SaveAs: ("Ctrl+Shift+S",),
        SK.Quit: ("Ctrl+Q",),
    },
}
COMMON = {
    SK.New: ("Ctrl+N",),
    SK.Open: ("Ctrl+O",),
    SK.Save: ("Ctrl+S",),
    SK.Find: ("Ctrl+F",),
    SK.ZoomIn: ("Ctrl++",),
    SK.ZoomOut: ("Ctrl+-",),
}


def _claims(window) -> Counter[str]:
    """Every sequence of every action of the window that can fire (workshop stepping included)."""
    claims: Counter[str] = Counter()
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            claims[sequence.toString()] += 1
    return claims


@pytest.mark.parametrize("platform", sorted(PLATFORM_BINDINGS))
def test_no_shortcut_is_claimed_twice_on_any_platform(make_window, monkeypatch, platform) -> None:
    table = {**COMMON, **PLATFORM_BINDINGS[platform]}

    def bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        return [QKeySequence(text) for text in table.get(key, ())]

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(bindings))
    window = make_window()
    twice = {text: n for text, n in _claims(window).items() if n > 1}
    assert twice == {}
    delete = [s.toString() for s in window.findChild(QAction, "actionDelete").shortcuts()]
    assert "Del" in delete and "Ctrl+D" not in delete
    assert [s.toString() for s in window.findChild(QAction, "actionDuplicate").shortcuts()] == ["Ctrl+D"]


def test_ctrl_d_duplicates_the_selected_card(make_window) -> None:
    window = make_window()
    journey = window.document.journey
    stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
    card = journey.cards_in(stage, lane)[0]
    from journeymap.model import ItemRef

    before = len(journey.cards_in(stage, lane))
    window.view.setFocus()
    window.view.select(ItemRef.card(card))
    QTest.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(journey.cards_in(stage, lane)) == before + 1


def _first_card(window) -> str:
    journey = window.document.journey
    return journey.cards_in(journey.stage_ids()[0], journey.lane_ids()[0])[0]


def test_toolbar_buttons_keep_their_place_after_edits(make_window) -> None:
    from PySide6.QtWidgets import QToolBar

    from journeymap.editing.commands import UpdateCommand
    from journeymap.model import ItemRef

    window = make_window()
    window.resize(1100, 700)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    present = toolbar.widgetForAction(window.findChild(QAction, "actionPresent"))
    QTest.qWait(50)
    before = present.geometry()
    card = _first_card(window)
    window.document.push(
        UpdateCommand(window.document.journey, ItemRef.card(card), {"title": "A much longer title " * 3})
    )
    QTest.qWait(50)
    assert present.geometry() == before and present.isVisible()
    undo = window.findChild(QAction, "actionUndo")
    assert toolbar.widgetForAction(undo).toolTip().startswith("Undo ")
    assert "A much longer" not in toolbar.widgetForAction(undo).text() or undo.text() in undo.toolTip()
    assert "Undo" in toolbar.widgetForAction(undo).toolTip()


def test_renaming_a_card_inline_keeps_it_selected(make_window) -> None:
    from journeymap.model import ItemRef

    window = make_window()
    card = _first_card(window)
    window.view.setFocus()
    window.view.select(ItemRef.card(card))
    QTest.keyClick(window.view, Qt.Key.Key_F2)
    QTest.keyClicks(window.view, "Kickoff call")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert window.document.journey.card(card).title == "Kickoff call"
    assert window.view.selected() == [ItemRef.card(card)]


def _shows_whole_map_fitted(view) -> bool:
    """The whole map is on screen and fills the viewport in one direction (within the fit margin)."""
    from journeymap.widgets.canvas.view import FIT_MARGIN

    shown = view.mapFromScene(view.map_scene.map_rect()).boundingRect()
    port = view.viewport().rect()
    inside = port.contains(shown)
    fills = (
        abs(shown.width() - (port.width() - 2 * FIT_MARGIN)) <= 2
        or abs(shown.height() - (port.height() - 2 * FIT_MARGIN)) <= 2
    )
    return inside and fills


def test_workshop_mode_fits_on_entering_and_leaves_the_window_as_it_was(make_window, qtbot) -> None:
    window = make_window()
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.width() == 700)
    view = window.view
    view.set_zoom(1.3)
    view.centerOn(300, 200)
    zoom, centre = view.view_state()
    view.setFocus()

    QTest.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    qtbot.waitUntil(lambda: _shows_whole_map_fitted(view), timeout=2000)

    QTest.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (700, 500), timeout=2000)
    QTest.qWait(50)
    after_zoom, after_centre = view.view_state()
    assert after_zoom == pytest.approx(zoom)
    assert abs(after_centre.x() - centre.x()) <= 1.5 and abs(after_centre.y() - centre.y()) <= 1.5


def test_ctrl_z_in_a_field_undoes_its_typing_and_map_steps_name_the_field(make_window, qtbot) -> None:
    from journeymap.model import ItemRef

    window = make_window()
    journey = window.document.journey
    card = _first_card(window)
    journey.update(ItemRef.card(card), notes="Agenda", title="Kickoff call")
    window.view.select(ItemRef.card(card))
    notes = window.properties.field("card", "notes")
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    QTest.keyClicks(notes, " and goals")
    stack = window.document.undo_stack
    assert journey.card(card).notes == "Agenda and goals"
    assert stack.undoText() == "Edit notes of 'Kickoff call'"
    undo = window.findChild(QAction, "actionUndo")
    assert undo.text() == "&Undo Edit notes of 'Kickoff call'" or "Edit notes of 'Kickoff call'" in undo.text()

    QTest.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    # The field took back its own typing; the note is not wiped and the map follows the field.
    assert notes.value() == "Agenda"
    assert journey.card(card).notes == "Agenda"
    assert journey.card(card).title == "Kickoff call"


def test_the_point_under_the_cursor_stays_still_after_edits_at_fit_to_map(make_window, qtbot) -> None:
    from PySide6.QtCore import QPoint

    from journeymap.editing.commands import AddCardCommand
    from journeymap.model import Touchpoint

    window = make_window()
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    view = window.view
    view.fit_to_map()
    journey = window.document.journey
    stage, lane = journey.stage_ids()[1], journey.lane_ids()[-1]
    point = QPoint(view.viewport().width() // 3, view.viewport().height() // 3)
    QTest.mouseMove(view.viewport(), point)
    under = view.mapToScene(point)
    height = view.map_scene.map_rect().height()
    for n in range(4):  # the last lane grows: the map gets taller
        window.document.push(AddCardCommand(journey, stage, lane, Touchpoint(title=f"Extra {n}")))
        QTest.qWait(10)
        assert view.map_scene.map_rect().height() > height
        moved = view.mapFromScene(under) - point
        assert abs(moved.x()) <= 1 and abs(moved.y()) <= 1


def test_stage_focus_scrolls_a_tall_column_and_pins_whole_lane_names(make_window, qtbot) -> None:
    from journeymap.editing.commands import AddCardCommand
    from journeymap.model import Touchpoint
    from journeymap.widgets.canvas.focus import lane_names_cut

    window = make_window()
    journey = window.document.journey
    stage, lane = journey.stage_ids()[1], journey.lane_ids()[-1]
    for n in range(40):
        window.document.push(AddCardCommand(journey, stage, lane, Touchpoint(title=f"Step {n}")))
    view = window.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.focused_stage == stage
    column = view.map_scene.layout.stages[stage].column
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.bottom() < column.y + column.height  # taller than the screen
    # The lane headers are off the left edge: the pinned names take over.
    assert visible.left() > 0 and lane_names_cut(view.map_scene, visible)
    for _ in range(40):
        QTest.keyClick(view, Qt.Key.Key_Down)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.bottom() >= column.y + column.height
    assert view.focused_stage == stage
    QTest.keyClick(view, Qt.Key.Key_Escape)


def test_a_blank_map_opens_at_no_more_than_100_percent(make_window) -> None:
    from journeymap.model import JourneyMap

    blank = JourneyMap()
    blank.add_stage("Stage 1")
    blank.add_lane("Persona")
    window = make_window(blank)
    assert window.view.zoom_level() <= 1.0


def test_a_png_export_reports_in_the_status_bar_not_a_box(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    target = tmp_path / "map.png"
    assert window.files.export_to(target)
    assert target.exists()
    assert "information" not in dialogs.kinds()
    message = window.statusBar().currentMessage()
    assert message.startswith("Exported map.png") and "pixels" in message


def test_emotion_choices_read_as_the_canvas_badges(make_window) -> None:
    window = make_window()
    emotion = window.properties.field("card", "emotion")
    labels = [emotion.itemText(i) for i in range(emotion.count())]
    assert "−1  negative" in labels and "+1  positive" in labels and "0  neutral" in labels
    assert not any(label.startswith(("+0", "-1")) for label in labels)


def test_add_milestone_says_in_the_status_bar_what_it_waits_for(make_window) -> None:
    window = make_window()
    window.findChild(QAction, "actionAddMilestone").trigger()
    assert "click a stage header" in window.statusBar().currentMessage()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == ""


def test_find_on_a_big_map_searches_once_typing_pauses(make_window, monkeypatch, qtbot) -> None:
    from journeymap.app import find_bar

    monkeypatch.setattr(find_bar, "FIND_SETTLE_MIN_CARDS", 1)  # the sample map stands in for 10,000 cards
    window = make_window()
    searches: list[str] = []
    real_find = window.view.find
    monkeypatch.setattr(window.view, "find", lambda text: searches.append(text) or real_find(text))
    window.findChild(QAction, "actionFind").trigger()
    QTest.keyClicks(window.find_bar.edit, "check")
    assert searches == []  # no search per letter
    qtbot.waitUntil(lambda: searches == ["check"], timeout=2000)
    assert window.find_bar.matches >= 1


def test_opening_a_map_shows_the_busy_pointer_while_it_loads(make_window, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    from journeymap.io.cjm import save_cjm
    from journeymap.io.templates import load_sample

    path = tmp_path / "big.cjm"
    save_cjm(load_sample(), path)
    window = make_window()
    seen: list[object] = []

    def record(_event: object) -> None:
        cursor = QApplication.overrideCursor()
        seen.append(cursor.shape() if cursor is not None else None)

    window.document.map_changed.connect(record)
    assert window.files.open_path(path)
    assert Qt.CursorShape.WaitCursor in seen  # while the map was laid out
    assert QApplication.overrideCursor() is None  # and given back after


def test_file_dialogs_open_in_the_maps_folder(make_window, monkeypatch, tmp_path) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from journeymap.io.templates import load_sample

    folder = tmp_path / "workshops" / "acme"
    folder.mkdir(parents=True)
    window = make_window(load_sample(), folder / "journey.cjm")
    starts: list[str] = []

    def dialog(_parent: object, _title: str, start: str = "", *_args: object, **_kwargs: object) -> tuple[str, str]:
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.files.open_dialog()
    window.files.save_as()
    window.files.export_dialog()
    assert len(starts) == 3
    for start in starts:
        assert Path(start) == folder or Path(start).parent == folder, start
