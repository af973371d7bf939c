"""The main window: the canvas in the middle, the properties panel beside it, menus, toolbar, status.

The window owns one document for its whole life; opening another map replaces the document's
content (see ``Document.load``), so the canvas and panels are wired once. File work lives in
``files.py``, autosave in ``autosave.py``, workshop mode in ``workshop_mode.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from journeymap import __version__
from journeymap.app import file_formats
from journeymap.app.actions import build_actions, build_menus, build_toolbar
from journeymap.app.analysis_view import AnalysisView
from journeymap.app.autosave import Autosaver
from journeymap.app.files import DocumentFiles
from journeymap.app.find_bar import FindBar
from journeymap.app.paths import APPLICATION, app_settings, autosave_dir
from journeymap.app.recent_files import RecentFiles
from journeymap.app.room_controller import RoomController
from journeymap.app.workshop_mode import WorkshopMode
from journeymap.editing.document import Document
from journeymap.model import Change, MapEvent
from journeymap.widgets.canvas.view import MapView
from journeymap.widgets.panels.properties_panel import PropertiesPanel

if TYPE_CHECKING:
    from journeymap.widgets.dialogs.shortcuts_dialog import Section


class MainWindow(QMainWindow):
    def __init__(
        self, document: Document | None = None, settings: QSettings | None = None, autosave: bool = True
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.document = document or Document()
        self.document.setParent(self)
        self.settings = settings or app_settings()
        self.recent = RecentFiles(self.settings)
        self.files = DocumentFiles(self, self.document, self.recent)
        self.files.loaded.connect(self.after_load)
        self.files.status.connect(lambda message, milliseconds: self.statusBar().showMessage(message, milliseconds))

        self.view = MapView(self.document)
        self.find_bar = FindBar(self.view)
        central = QWidget()
        central.setObjectName("centralArea")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.properties = PropertiesPanel(self.document, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.properties)
        self.workshop = WorkshopMode(self, self.view)
        self.analysis_view = AnalysisView(self)

        self.action_map = build_actions(self)
        self.toolbar = build_toolbar(self, self.action_map)
        self.recent_menu = build_menus(self, self.action_map)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.room = RoomController(self)  # Workshop menu, Inbox panel, the room on the projector

        self._zoom_label = QLabel()
        self._zoom_label.setObjectName("statusZoom")
        self._counts_label = QLabel()
        self._counts_label.setObjectName("statusCounts")
        self.statusBar().addPermanentWidget(self._counts_label)
        self.statusBar().addPermanentWidget(self._zoom_label)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)  # many events in one edit: count once
        self._counts_timer.timeout.connect(self._update_counts)

        self.autosaver = Autosaver(self.document, autosave_dir(), parent=self) if autosave else None
        if self.autosaver is not None:
            self.autosaver.failed.connect(
                lambda problem: self.statusBar().showMessage(f"Autosave failed: {problem}. Save your work.", 15000)
            )

        self.document.map_changed.connect(self._on_map_changed)
        self.document.path_changed.connect(lambda _path: self._update_title())
        self.document.modified_changed.connect(lambda _modified: self._update_title())
        self.view.zoom_changed.connect(self._show_zoom)
        self.view.selection_changed.connect(self._on_selection_changed)
        self.view.hint.connect(
            lambda text: self.statusBar().showMessage(text) if text else self.statusBar().clearMessage()
        )
        self.workshop.toggled.connect(self.action_map["actionPresent"].setChecked)
        self.setAcceptDrops(True)
        # The canvas's scene accepts every drag entering it and then refuses the drop, so files
        # dropped on the map (most of the window) are caught here before the scene sees them.
        self.view.viewport().installEventFilter(self)
        self._update_title()
        self._update_counts()
        self._show_zoom(self.view.zoom_level())
        self._restore_geometry()

    # ------------------------------------------------------------------ state shown
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — {APPLICATION}")
        self.setWindowModified(self.document.is_modified)
        path = self.document.path
        self.setWindowFilePath(str(path) if path else "")

    def _update_counts(self) -> None:
        counts = self.document.journey.counts()
        self._counts_label.setText(
            f"{counts['stages']} stages · {counts['lanes']} lanes · {counts['cards']} cards · "
            f"{counts['milestones']} milestones · {counts['flows']} arrows"
        )

    def _show_zoom(self, level: float) -> None:
        self._zoom_label.setText(f"Zoom {round(level * 100)}%")

    def _on_map_changed(self, event: MapEvent) -> None:
        self._counts_timer.start()
        if event.change in (Change.TITLE, Change.RESET):
            self._update_title()

    def _on_selection_changed(self) -> None:
        self.properties.show_selection(self.view.selected())

    def after_load(self, message: str) -> None:
        """A different map is showing: fit it, reset the panel, tell the user."""
        self.properties.show_map()
        self._update_title()
        self.view.fit_to_map()
        self.statusBar().showMessage(message, 5000)
        if self.autosaver is not None:
            self.autosaver.schedule()

    # ------------------------------------------------------------------ commands of the menus
    def cut(self) -> None:
        self.view.copy_selection()
        self.view.delete_selection()

    def show_shortcuts(self) -> None:
        from journeymap.widgets.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.shortcut_sections(), self).exec()

    def shortcut_sections(self) -> list[Section]:
        """The menus' actions with their keys, read from the live actions."""
        sections: list[Section] = []
        for menu in self.menuBar().findChildren(type(self.recent_menu)):
            if menu.parent() is not self.menuBar():
                continue
            rows = [
                (action.text().replace("&", "").rstrip("…"), _keys_text(action.shortcuts()))
                for action in menu.actions()
                if not action.isSeparator() and _keys_text(action.shortcuts())
            ]
            if rows:
                sections.append((menu.title().replace("&", ""), rows))
        return sections

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APPLICATION}",
            f"<h3>{APPLICATION} {__version__}</h3>"
            "<p>Build customer journey maps live with a room: stages, personas, touchpoints, "
            "milestones and the customer's path.</p>"
            "<p>Your work is autosaved every few seconds and offered back after a crash.</p>",
        )

    # ------------------------------------------------------------------ recent files
    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.recent.paths()
        for index, path in enumerate(paths):
            action = menu.addAction(f"&{index + 1}  {Path(path).name}" if index < 9 else Path(path).name)
            action.setObjectName(f"actionRecent{index}")
            action.setStatusTip(path)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.files.open_path(p))
        if paths:
            menu.addSeparator()
            clear = menu.addAction("Clear Menu")
            clear.setObjectName("actionClearRecent")
            clear.triggered.connect(self.recent.clear)
        else:
            empty = menu.addAction("No recent maps")
            empty.setEnabled(False)

    # ------------------------------------------------------------------ drop files to open
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt virtual
        self._accept_file_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt virtual
        self._accept_file_drag(event)

    @staticmethod
    def _accept_file_drag(event: QDragMoveEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt virtual
        path = _dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns: a modal prompt inside a drop handler stalls the drag source.
        QTimer.singleShot(0, lambda: self.files.open_path(path))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        if watched is self.view.viewport() and isinstance(event, QDropEvent) and _dropped_file(event) is not None:
            if event.type() == QEvent.Type.Drop:
                self.dropEvent(event)
            else:
                event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ closing and geometry
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt virtual
        if self.workshop.active:
            self.workshop.leave()
        self.room.shutdown()
        if not self.files.confirm_discard("closing"):
            event.ignore()
            return
        self._save_geometry()
        if self.autosaver is not None:
            self.autosaver.close()
        self.files.guard.release()  # the map's lock file: nobody has it open any more
        event.accept()

    def _save_geometry(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:
            # First start: the map gets the room, the panel a readable column.
            self.resizeDocks([self.properties], [300], Qt.Orientation.Horizontal)


def _keys_text(sequences: list[QKeySequence]) -> str:
    """Two keys at most, leaving out the dedicated keys of rare keyboards ("Undo", "Find")."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    typed = [t for t in texts if _TYPABLE.fullmatch(t.rsplit("+", 1)[-1] if not t.endswith("++") else "+")]
    return ", ".join(typed[:2])


_TYPABLE = re.compile(r".|F\d+|Del|Ins|Home|End|Esc|PgUp|PgDown|Return|Enter|Backspace|Tab|Space|Left|Right|Up|Down")


def _dropped_file(event: QDragMoveEvent | QDropEvent) -> str | None:
    """The one local map or spreadsheet being dropped, if that is what the drag carries."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [url.toLocalFile() for url in urls if url.isLocalFile()]
    if len(files) != 1 or Path(files[0]).suffix.lower() not in file_formats.droppable():
        return None
    return files[0]
