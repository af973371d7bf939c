"""The main window as a user meets it: the sample map, menus, title, undo texts, status bar."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolBar

from journeymap.editing.commands import MoveCardCommand, UpdateCommand
from journeymap.io.templates import load_sample
from journeymap.model import ItemRef

MENUS = {
    "menuFile": [
        "actionNewFromTemplate",
        "actionOpen",
        "actionSave",
        "actionSaveAs",
        "actionImport",
        "actionExport",
        "actionExportPoster",
        "actionQuit",
    ],
    "menuEdit": [
        "actionUndo",
        "actionRedo",
        "actionCut",
        "actionCopy",
        "actionPaste",
        "actionDuplicate",
        "actionDelete",
        "actionConnect",
        "actionFind",
        "actionFindNext",
        "actionFindPrevious",
        "actionAddStage",
        "actionAddLane",
        "actionAddCard",
        "actionAddMilestone",
    ],
    "menuView": [
        "actionZoomIn",
        "actionZoomOut",
        "actionFitToMap",
        "actionZoomToSelection",
        "actionPresent",
        "actionShowProperties",
    ],
    "menuHelp": ["actionShortcuts", "actionAbout"],
}


def test_the_window_opens_on_the_sample_map(make_window) -> None:
    window = make_window()
    sample = load_sample()
    assert window.windowTitle().startswith(f"{sample.title}[*]")
    assert not window.isWindowModified()
    counts = window.findChild(QLabel, "statusCounts").text()
    assert f"{sample.counts()['stages']} stages" in counts and f"{sample.counts()['cards']} cards" in counts
    assert set(window.view.map_scene.layout.stages) == set(sample.stage_ids())
    assert window.findChild(QLabel, "statusZoom").text().startswith("Zoom ")
    assert window.properties.isVisible()
    assert window.findChild(QToolBar, "mainToolbar").isVisible()


def test_every_menu_holds_its_actions(make_window) -> None:
    window = make_window()
    for menu_name, action_names in MENUS.items():
        menu = window.menuBar().findChild(QMenu, menu_name)
        assert menu is not None, menu_name
        in_menu = {action.objectName() for action in menu.actions()}
        assert set(action_names) <= in_menu, (menu_name, set(action_names) - in_menu)
    assert window.findChild(QMenu, "menuRecent") is not None


def test_the_expected_shortcuts(make_window) -> None:
    window = make_window()

    def keys(name: str) -> list[str]:
        return [s.toString() for s in window.findChild(QAction, name).shortcuts()]

    assert "Ctrl+F" in keys("actionFind")
    assert "F3" in keys("actionFindNext") and "Shift+F3" in keys("actionFindPrevious")
    assert "Ctrl+0" in keys("actionFitToMap")
    assert "F5" in keys("actionPresent")
    assert "Ctrl+Z" in keys("actionUndo")
    assert "Ctrl+S" in keys("actionSave") and "Ctrl+O" in keys("actionOpen")
    everything = [
        s.toString()
        for a in window.findChildren(QAction)
        for s in a.shortcuts()
        if a.isEnabled() and s != QKeySequence()
    ]
    duplicates = {s for s in everything if everything.count(s) > 1}
    assert not duplicates, f"ambiguous shortcuts never fire: {duplicates}"


def test_undo_and_redo_read_the_command(make_window) -> None:
    window = make_window()
    journey = window.document.journey
    card = journey.card_ids()[0]
    title = journey.card(card).title
    target = journey.stage_ids()[1], journey.lane_ids()[0]
    undo, redo = window.findChild(QAction, "actionUndo"), window.findChild(QAction, "actionRedo")
    assert not undo.isEnabled()

    window.document.push(MoveCardCommand(journey, card, *target))

    assert undo.isEnabled() and undo.text() == f"Undo Move '{title}'"
    undo.trigger()
    assert redo.text() == f"Redo Move '{title}'"
    redo.trigger()
    assert journey.cell_of(card) == target


def test_the_title_marks_unsaved_changes(make_window, tmp_path) -> None:
    window = make_window()
    journey = window.document.journey
    window.document.push(UpdateCommand(journey, ItemRef.stage(journey.stage_ids()[0]), {"owner": "CS"}))
    assert window.isWindowModified()
    assert window.windowTitle().endswith("[*] — Journey Map Designer")
    window.document.save(tmp_path / "kickoff.cjm")
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("kickoff.cjm[*]")
    window.document.undo_stack.undo()
    assert window.isWindowModified()


def test_counts_follow_edits(make_window, qtbot) -> None:
    from journeymap.editing.commands import AddStageCommand
    from journeymap.model import Stage

    window = make_window()
    before = window.document.journey.counts()["stages"]
    window.document.push(AddStageCommand(window.document.journey, Stage("Renewal")))
    label = window.findChild(QLabel, "statusCounts")
    qtbot.waitUntil(lambda: f"{before + 1} stages" in label.text(), timeout=2000)


def test_zoom_shows_in_the_status_bar(make_window) -> None:
    window = make_window()
    window.view.set_zoom(1.0)
    window.findChild(QAction, "actionZoomIn").trigger()
    assert window.findChild(QLabel, "statusZoom").text() == "Zoom 125%"
    window.findChild(QAction, "actionZoomOut").trigger()
    assert window.findChild(QLabel, "statusZoom").text() == "Zoom 100%"


def test_selecting_on_the_canvas_shows_the_item_in_the_properties_panel(make_window) -> None:
    window = make_window()
    journey = window.document.journey
    card = journey.card_ids()[0]
    window.view.select(ItemRef.card(card))
    assert window.properties.target == ("card", card)
    assert window.properties.field("card", "title").text() == journey.card(card).title
    window.view.map_scene.clearSelection()
    assert window.properties.target is None


def test_hiding_the_properties_panel(make_window) -> None:
    window = make_window()
    toggle = window.findChild(QAction, "actionShowProperties")
    toggle.trigger()
    assert not window.properties.isVisible()
    toggle.trigger()
    assert window.properties.isVisible()


def test_help_lists_the_live_shortcuts(make_window) -> None:
    window = make_window()
    sections = dict(window.shortcut_sections())
    assert ("Find", "Ctrl+F") in sections["Edit"]
    assert ("Undo", "Ctrl+Z, Alt+Backspace") in sections["Edit"]
    assert any(keys.startswith("F5") for _what, keys in sections["View"])


def test_about(make_window, dialogs) -> None:
    window = make_window()
    window.findChild(QAction, "actionAbout").trigger()
    assert dialogs.kinds() == ["about"]


def test_the_shortcuts_dialog_lists_menus_gestures_and_workshop_keys(make_window, qtbot) -> None:
    from PySide6.QtWidgets import QTextBrowser

    from journeymap.widgets.dialogs.shortcuts_dialog import ShortcutsDialog

    window = make_window()
    dialog = ShortcutsDialog(window.shortcut_sections(), window)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser, "shortcutsText").toPlainText()
    for expected in ("Find", "Ctrl+F", "Present", "F5", "Double-click an empty cell", "Workshop mode", "Home or 0"):
        assert expected in text
