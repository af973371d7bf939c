"""The window's actions, menus and toolbar, declared in one place.

Every action has an objectName (``action<Name>``) so tests and the shortcuts dialog can reach it,
and every action is also added to the window itself, so its shortcut keeps working in workshop
mode when menus and tool bars are hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStatusBar, QStyle, QToolBar, QToolButton, QWidget

from journeymap.app.analysis_view import MENU_ENTRIES, AnalysisView
from journeymap.app.pack_export import export_decision_pack

if TYPE_CHECKING:
    from journeymap.app.files import DocumentFiles
    from journeymap.app.find_bar import FindBar
    from journeymap.app.workshop_mode import WorkshopMode
    from journeymap.editing.document import Document
    from journeymap.widgets.canvas import MapView
    from journeymap.widgets.panels.properties_panel import PropertiesPanel


class ActionWindow(Protocol):
    """What the actions need of the window they are built for (``MainWindow`` is the one such).

    A protocol, so this module depends on the window's parts, not on ``main_window``.
    """

    document: Document
    view: MapView
    files: DocumentFiles
    find_bar: FindBar
    workshop: WorkshopMode
    properties: PropertiesPanel
    analysis_view: AnalysisView

    def cut(self) -> None: ...

    def show_shortcuts(self) -> None: ...

    def show_about(self) -> None: ...

    def close(self) -> bool: ...

    def style(self) -> QStyle: ...

    def addAction(self, action: QAction) -> None: ...  # noqa: N802 - Qt's name

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def addToolBar(self, area: Qt.ToolBarArea, toolbar: QToolBar) -> None: ...  # noqa: N802 - Qt's name

    def window(self) -> QWidget:
        """The window as a widget (Qt's ``QWidget.window()``): the parent of menus and tool bars."""
        ...


Keys = Sequence[str | QKeySequence.StandardKey]
SK = QKeySequence.StandardKey
# Keys claimed outside this table: the properties toggle, the analysis view, workshop mode's stepping.
OTHER_KEYS: Keys = (
    "Ctrl+Shift+P",
    "Ctrl+Shift+E",
    "Ctrl+Shift+H",
    "Ctrl+Shift+G",
    "Ctrl+Shift+T",
    "Right",
    "Left",
    "PgDown",
    "PgUp",
    "Home",
    "0",
    "Esc",
    "Up",
    "Down",
)


def resolve_keys(keys: Keys, taken: list[QKeySequence]) -> list[QKeySequence]:
    """An action's sequences: its own keys, then its standard key's platform bindings.

    A platform binding another action claims, or one already given out, is left out and
    added to ``taken``: on Linux the standard Delete is "Del, Ctrl+D", and Ctrl+D is Duplicate's.
    No sequence is ever claimed twice (an ambiguous shortcut does nothing at all in Qt).
    """
    explicit = [QKeySequence(key) for key in keys if not isinstance(key, QKeySequence.StandardKey)]
    standard = [
        sequence
        for key in keys
        if isinstance(key, QKeySequence.StandardKey)
        for sequence in QKeySequence.keyBindings(key)
    ]
    unique: list[QKeySequence] = []
    for sequence in [*standard[:1], *explicit, *standard[1:]]:
        claimed = sequence in taken and sequence not in explicit  # this action's own keys are reserved for it
        if not sequence.isEmpty() and sequence not in unique and not claimed:
            unique.append(sequence)
    taken.extend(unique)
    return unique


def explicit_keys(keys: Keys) -> list[QKeySequence]:
    return [QKeySequence(key) for key in keys if not isinstance(key, QKeySequence.StandardKey)]


def _make(
    window: ActionWindow,
    name: str,
    text: str,
    slot: Callable[[], object],
    keys: Keys = (),
    tip: str = "",
    icon: QStyle.StandardPixmap | None = None,
    taken: list[QKeySequence] | None = None,
) -> QAction:
    action = QAction(text, window.window())
    action.setObjectName(name)
    unique = resolve_keys(keys, taken if taken is not None else [])
    action.setShortcuts(unique)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({unique[0].toString(QKeySequence.SequenceFormat.NativeText)})" if unique else tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: ActionWindow) -> dict[str, QAction]:
    """Create every action of the window; the view's operations are reached through ``window.view``."""
    view, files = window.view, window.files
    px = QStyle.StandardPixmap
    specs: list[tuple[str, str, Callable[[], object], Keys, str, QStyle.StandardPixmap | None]] = [
        # File
        (
            "actionNewFromTemplate",
            "&New from Template…",
            files.new_from_template,
            (SK.New,),
            "Start a new map from a template",
            px.SP_FileIcon,
        ),
        ("actionOpen", "&Open…", files.open_dialog, (SK.Open,), "Open a map or a spreadsheet", px.SP_DialogOpenButton),
        ("actionSave", "&Save", files.save, (SK.Save,), "Save the map", px.SP_DialogSaveButton),
        (
            "actionSaveAs",
            "Save &As…",
            files.save_as,
            (SK.SaveAs, "Ctrl+Shift+S"),
            "Save the map under a new name",
            None,
        ),
        (
            "actionImport",
            "&Import…",
            files.import_dialog,
            ("Ctrl+I",),
            "Import a spreadsheet as a new map or into this one",
            None,
        ),
        (
            "actionExport",
            "&Export…",
            files.export_dialog,
            ("Ctrl+E",),
            "Export the map as a spreadsheet, PDF or image",
            None,
        ),
        (
            "actionExportPoster",
            "Export &Poster…",
            files.export_poster,
            ("Ctrl+P",),
            "Print the map as a poster PDF",
            None,
        ),
        (
            "actionExportPack",
            "Export &Decision Pack…",
            lambda: export_decision_pack(window),
            (),
            "Write the poster, deck, report, action list and a dated snapshot into a folder",
            None,
        ),
        ("actionQuit", "&Quit", window.close, (SK.Quit, "Ctrl+Q"), "Close the window", None),
        # Edit
        ("actionCut", "Cu&t", window.cut, (SK.Cut,), "Copy the selection and delete it", None),
        ("actionCopy", "&Copy", view.copy_selection, (SK.Copy,), "Copy the selection", None),
        (
            "actionPaste",
            "&Paste",
            view.paste,
            (SK.Paste,),
            "Paste cards (or spreadsheet rows, one card per line)",
            None,
        ),
        ("actionDuplicate", "D&uplicate", view.duplicate_selection, ("Ctrl+D",), "Duplicate the selection", None),
        ("actionDelete", "&Delete", view.delete_selection, (SK.Delete,), "Delete the selection", None),
        (
            "actionConnect",
            "Co&nnect Cards",
            view.connect_selected,
            ("Ctrl+L",),
            "Draw an arrow between the two selected cards",
            None,
        ),
        ("actionEditSelected", "&Edit Selected", view.edit_selected, ("F2",), "Edit the selected item in place", None),
        ("actionFind", "&Find…", window.find_bar.open_bar, (SK.Find,), "Find cards by their text", None),
        ("actionFindNext", "Find &Next", window.find_bar.find_next, ("F3",), "Go to the next match", None),
        (
            "actionFindPrevious",
            "Find Pre&vious",
            window.find_bar.find_previous,
            ("Shift+F3",),
            "Go to the previous match",
            None,
        ),
        ("actionAddStage", "Add &Stage", view.add_stage, ("Ctrl+Alt+S",), "Add a stage column", None),
        ("actionAddLane", "Add &Lane", view.add_lane, ("Ctrl+Alt+L",), "Add a persona lane", None),
        (
            "actionAddCard",
            "Add &Card",
            view.add_card_in_selected_cell,
            ("Ctrl+Return",),
            "Add a card in the selected cell",
            None,
        ),
        (
            "actionAddMilestone",
            "Add &Milestone",
            view.add_milestone,
            ("Ctrl+M",),
            "Add a milestone to the selected stage",
            None,
        ),
        (
            "actionCycleKind",
            "Next Card &Kind",
            view.cycle_kind,
            ("Ctrl+K",),
            "Touchpoint, pain point, opportunity, thought, and round again",
            None,
        ),
        ("actionEmotionUp", "Emotion &Up", view.emotion_up, ("Ctrl+Shift+Up",), "Raise the card's emotion", None),
        (
            "actionEmotionDown",
            "Emotion Do&wn",
            view.emotion_down,
            ("Ctrl+Shift+Down",),
            "Lower the card's emotion",
            None,
        ),
        # View
        ("actionZoomIn", "Zoom &In", view.zoom_in, (SK.ZoomIn, "Ctrl+="), "Zoom in", None),
        ("actionZoomOut", "Zoom &Out", view.zoom_out, (SK.ZoomOut,), "Zoom out", None),
        ("actionFitToMap", "&Fit to Map", view.fit_to_map, ("Ctrl+0",), "Show the whole map", None),
        (
            "actionZoomToSelection",
            "Zoom to &Selection",
            view.zoom_to_selection,
            ("Ctrl+2",),
            "Zoom to the selected items",
            None,
        ),
        (
            "actionPresent",
            "&Present (Workshop Mode)",
            window.workshop.toggle,
            ("F5",),
            "Full screen, large type, one stage at a time",
            px.SP_MediaPlay,
        ),
        # Help
        (
            "actionShortcuts",
            "&Keyboard Shortcuts",
            window.show_shortcuts,
            (SK.HelpContents, "Ctrl+/"),
            "List every gesture and shortcut",
            None,
        ),
        ("actionAbout", "&About Journey Map Designer", window.show_about, (), "", None),
    ]
    # Every key named outright is reserved first, so a platform's extra standard binding never steals it.
    taken = [sequence for keys in [spec[3] for spec in specs] + [OTHER_KEYS] for sequence in explicit_keys(keys)]
    actions = {
        name: _make(window, name, text, slot, keys, tip, icon, taken) for name, text, slot, keys, tip, icon in specs
    }
    stack = window.document.undo_stack
    undo = stack.createUndoAction(window.window())
    undo.setObjectName("actionUndo")
    undo.setShortcuts(resolve_keys((SK.Undo,), taken))
    undo.setIcon(window.style().standardIcon(px.SP_ArrowBack))
    redo = stack.createRedoAction(window.window())
    redo.setObjectName("actionRedo")
    redo.setShortcuts(resolve_keys((SK.Redo, "Ctrl+Y"), taken))
    redo.setIcon(window.style().standardIcon(px.SP_ArrowForward))
    for action in (undo, redo):
        window.addAction(action)
    actions["actionUndo"], actions["actionRedo"] = undo, redo
    actions["actionPresent"].setCheckable(True)
    actions["actionPresent"].setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    toggle = window.properties.toggleViewAction()
    toggle.setObjectName("actionShowProperties")
    toggle.setText("&Properties Panel")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+P"))
    window.addAction(toggle)
    actions["actionShowProperties"] = toggle
    actions.update(window.analysis_view.actions)
    return actions


def build_menus(window: ActionWindow, actions: dict[str, QAction]) -> QMenu:
    """Fill the menu bar; returns the Open Recent menu, which the window refills before it shows."""
    bar = window.menuBar()

    def menu(title: str, name: str, entries: list[str | QMenu | None]) -> QMenu:
        result = bar.addMenu(title)
        result.setObjectName(name)
        for entry in entries:
            if entry is None:
                result.addSeparator()
            elif isinstance(entry, QMenu):
                result.addMenu(entry)
            else:
                result.addAction(actions[entry])
        return result

    recent = QMenu("Open &Recent", window.window())
    recent.setObjectName("menuRecent")
    menu(
        "&File",
        "menuFile",
        [
            "actionNewFromTemplate",
            "actionOpen",
            recent,
            None,
            "actionSave",
            "actionSaveAs",
            None,
            "actionImport",
            "actionExport",
            "actionExportPoster",
            "actionExportPack",
            None,
            "actionQuit",
        ],
    )
    menu(
        "&Edit",
        "menuEdit",
        [
            "actionUndo",
            "actionRedo",
            None,
            "actionCut",
            "actionCopy",
            "actionPaste",
            "actionDuplicate",
            "actionDelete",
            None,
            "actionEditSelected",
            "actionConnect",
            None,
            "actionFind",
            "actionFindNext",
            "actionFindPrevious",
            None,
            "actionAddStage",
            "actionAddLane",
            "actionAddCard",
            "actionAddMilestone",
            None,
            "actionCycleKind",
            "actionEmotionUp",
            "actionEmotionDown",
        ],
    )
    menu(
        "&View",
        "menuView",
        [
            "actionZoomIn",
            "actionZoomOut",
            "actionFitToMap",
            "actionZoomToSelection",
            None,
            "actionPresent",
            window.workshop.make_menu(window.window()),
            None,
            *MENU_ENTRIES,
            None,
            "actionShowProperties",
            "actionShowToolbar",
        ],
    )
    menu("&Help", "menuHelp", ["actionShortcuts", None, "actionAbout"])
    return recent


def build_toolbar(window: ActionWindow, actions: dict[str, QAction]) -> QToolBar:
    toolbar = QToolBar("Toolbar", window.window())
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    for name in (
        "actionOpen",
        "actionSave",
        None,
        "actionUndo",
        "actionRedo",
        None,
        "actionAddStage",
        "actionAddLane",
        "actionAddCard",
        "actionAddMilestone",
        "actionConnect",
        None,
        "actionFitToMap",
        "actionPresent",
    ):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    # Undo and Redo name the command ("Undo Move 3 cards"): as text beside the icon every button after
    # them would move after each edit. They show their icon, at one fixed size, the text in the tooltip.
    for name in ("actionUndo", "actionRedo"):
        button = toolbar.widgetForAction(actions[name])
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setFixedSize(button.sizeHint())  # the tooltip follows the action's text by itself
    toggle = toolbar.toggleViewAction()
    toggle.setObjectName("actionShowToolbar")
    toggle.setText("&Toolbar")
    actions["actionShowToolbar"] = toggle
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
