"""Opening, saving, importing and exporting: the File menu's work, with every error shown by name.

Each operation that could lose unsaved work asks first (Save / Discard / Cancel). Errors become a
message box whose text names the file and the problem (``MapFileError`` already says both); nothing
reaches the user as a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from journeymap.app import disk_conflict, file_formats
from journeymap.app.disk_guard import DiskGuard, holder_of
from journeymap.app.room_recovery import fold_room_journal
from journeymap.editing.commands import ReplaceMapCommand
from journeymap.io.atomic import remove_stale_temp_files
from journeymap.io.errors import MapFileError
from journeymap.io.formats import LoadResult, Notice, read_map, sniff_format
from journeymap.model import MapError
from journeymap.model.merge import merge_maps

if TYPE_CHECKING:
    from journeymap.app.recent_files import RecentFiles
    from journeymap.editing.document import Document

T = TypeVar("T")
NEW_DOCUMENT, MERGE = "new", "merge"


def ask_import_mode(parent: QWidget, name: str) -> str | None:
    """Open an import as a new map, or merge it into the open one; None if cancelled."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Import",
        f"How should “{name}” be imported?",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("importModeDialog")
    box.setInformativeText(
        "Merge adds its cards to this map, matching stages and lanes by name "
        "(one undo step). A new map replaces what is open."
    )
    merge = box.addButton("Merge into This Map", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Open as New Map", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(merge)
    box.exec()
    return {id(merge): MERGE, id(new): NEW_DOCUMENT}.get(id(box.clickedButton()))


class DocumentFiles(QObject):
    """The File menu's operations for one document; dialogs open over ``window``.

    It reports through signals, never by calling into the window: ``loaded(message)`` once a map
    was put into the document (the window fits the view, updates its title), ``status(message,
    milliseconds)`` for the status bar.
    """

    loaded = Signal(str)
    status = Signal(str, int)

    def __init__(self, window: QWidget, document: Document, recent: RecentFiles) -> None:
        super().__init__(window)
        self.setObjectName("documentFiles")
        self._window = window
        self._document = document
        self._recent = recent
        self.guard = DiskGuard()  # the open map's file as we last saw it, and our lock on it

    @property
    def document(self) -> Document:
        return self._document

    # ------------------------------------------------------------------ unsaved work
    def confirm_discard(self, action: str = "closing") -> bool:
        """True if it is fine to replace or close the map: saved, discarded, or unchanged."""
        if not self.document.is_modified:
            return True
        answer = QMessageBox.warning(
            self._window,
            "Unsaved changes",
            f"Save the changes to “{self.document.display_name()}” before {action}?\n\n"
            "If you don't save, your changes will be lost.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------------ new and open
    def new_from_template(self) -> None:
        from journeymap.widgets.dialogs.template_dialog import run_template_dialog

        journey = run_template_dialog(self._window)
        if journey is None or not self.confirm_discard("starting a new map"):
            return
        self.document.load(journey, None)
        self.guard.track(None)
        self.loaded.emit(f"New map from template: {journey.title}")

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, "Open Map", self._start_folder(), file_formats.open_filters()
        )
        if path:
            self.open_path(path)

    def open_path(self, path: str | os.PathLike[str]) -> bool:
        """Open a .cjm in this window; a spreadsheet goes through the import path instead."""
        try:
            is_spreadsheet = sniff_format(path) != "cjm"
        except MapFileError as error:
            self._error("Cannot open", error)
            self._recent.remove(path)
            return False
        if is_spreadsheet:
            return self.import_path(path)
        if not self.confirm_discard("opening another map") or not self._confirm_open_elsewhere(path):
            return False
        # Reading and laying out a big map takes a moment: the pointer says so (restored before any box).
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            recovered = fold_room_journal(path)  # a room that was killed: its journal joins the map first
            result = read_map(path)
            self.document.load(result.map, path)
        except (MapFileError, MapError) as error:
            QApplication.restoreOverrideCursor()
            self._error("Cannot open", error)
            return False
        QApplication.restoreOverrideCursor()
        self.adopt(path)
        self._recent.add(path)
        self.loaded.emit(f"Opened {Path(path).name}" + (f". {recovered}" if recovered else ""))
        self._show_notices(path, result.notices)
        return True

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        path = self.document.path
        if path is None or path.suffix.lower() != ".cjm":
            return self.save_as()
        return self._save_to(path)

    def save_as(self) -> bool:
        suggested = self.document.path or Path(self._start_folder()) / _file_stem(self.document.display_name())
        path, _ = QFileDialog.getSaveFileName(
            self._window, "Save Map As", str(Path(suggested).with_suffix(".cjm")), file_formats.map_filter()
        )
        if not path:
            return False
        if not path.lower().endswith(".cjm"):
            path += ".cjm"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        if self.guard.changed_on_disk(path):
            choice = disk_conflict.ask_disk_conflict(self._window, path.name)
            if choice == disk_conflict.Conflict.SAVE_AS:
                return self.save_as()
            if choice == disk_conflict.Conflict.RELOAD:
                self.reload(path)
                return False
            if choice != disk_conflict.Conflict.OVERWRITE:
                return False
        try:
            self.document.save(path)
        except (MapFileError, OSError) as error:
            self._error("Cannot save", error)
            return False
        self.guard.track(path)
        self._recent.add(path)
        self.status.emit(f"Saved {path.name}", 4000)
        return True

    # ------------------------------------------------------------------ other copies of the file
    def adopt(self, path: str | os.PathLike[str] | None) -> None:
        """The document now shows ``path``: remember its file (to notice other writers), lock it,
        and clear temporary files that interrupted saves of it left behind."""
        self.guard.track(path)
        if path is not None:
            remove_stale_temp_files(path)

    def warn_if_open_elsewhere(self, path: str | os.PathLike[str]) -> None:
        """At start-up the map is already open: say so if another instance has it too."""
        holder = holder_of(path) if not self._is_tracked(path) else None
        if holder is not None:
            text = (
                _open_elsewhere_text(path, holder.describe()) + "\n\nBefore saving here, close it there "
                "(or use Save As)."
            )
            # Once the window is up: the person is looking at it, not at the terminal.
            QTimer.singleShot(0, lambda: QMessageBox.warning(self._window, "Map open elsewhere", text))

    def reload(self, path: str | os.PathLike[str]) -> bool:
        """Show the file as it is on disk now, dropping the changes made here."""
        try:
            result = read_map(path)
        except (MapFileError, MapError) as error:
            self._error("Cannot reload", error)
            return False
        self.document.load(result.map, path)
        self.adopt(path)
        self.loaded.emit(f"Reloaded {Path(path).name} from disk")
        self._show_notices(path, result.notices)
        return True

    def _confirm_open_elsewhere(self, path: str | os.PathLike[str]) -> bool:
        holder = holder_of(path) if not self._is_tracked(path) else None
        if holder is None:
            return True
        answer = QMessageBox.warning(
            self._window,
            "Map open elsewhere",
            _open_elsewhere_text(path, holder.describe()) + "\n\nOpen it here anyway?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open

    def _is_tracked(self, path: str | os.PathLike[str]) -> bool:
        return self.guard.path is not None and self.guard.path == Path(os.path.realpath(path))

    # ------------------------------------------------------------------ import
    def import_dialog(self) -> bool:
        return self._import(None)

    def import_path(self, path: str | os.PathLike[str]) -> bool:
        return self._import(os.fspath(path))

    def _import(self, path: str | None) -> bool:
        result = self._read_for_import(path)
        if result is None:
            return False
        name = Path(path).name if path else (result.map.title or "the import")
        mode = ask_import_mode(self._window, name)
        if mode is None:
            return False
        if mode == MERGE:
            merged = merge_maps(self.document.journey, result.map)
            self.document.push(ReplaceMapCommand(self.document.journey, merged.map, f"Import '{name}'"))
            self.status.emit(f"Imported {name}: {merged.summary()}", 6000)
            return True
        if not self.confirm_discard("opening the import"):
            return False
        # An import is unsaved work with no .cjm of its own yet: Save asks where to put it.
        self.document.load(result.map, None, modified=True)
        self.guard.track(None)
        self.loaded.emit(f"Imported {name} as a new map (not saved yet)")
        return True

    def _read_for_import(self, path: str | None) -> LoadResult | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self._window, "Import", self._start_folder(), file_formats.import_filters()
            )
            if not path:
                return None
        try:
            if sniff_format(path) != "cjm":
                # A spreadsheet: the import dialog previews it, lets the user correct the mapping and
                # reports every cell it did not use. (Loaded on first use: start-up stays light.)
                from journeymap.widgets.dialogs.import_dialog import run_import_dialog

                return run_import_dialog(self._window, path, self._recent.settings)
            result = read_map(path)  # another map, to merge or open as new: nothing to preview
        except (MapFileError, MapError) as error:
            self._error("Cannot import", error)
            return None
        self._show_notices(path, result.notices)
        return result

    # ------------------------------------------------------------------ export
    def export_dialog(self) -> bool:
        stem = _file_stem(self.document.path.stem if self.document.path else self.document.display_name())
        start = str(Path(self._start_folder()) / f"{stem}.xlsx")
        filters = file_formats.export_filters()
        path, chosen = QFileDialog.getSaveFileName(self._window, "Export", start, ";;".join(filters))
        if not path:
            return False
        if Path(path).suffix.lower() not in filters.values():
            path += filters.get(chosen, ".xlsx")
        return self.export_to(path)

    def export_to(self, path: str | os.PathLike[str]) -> bool:
        """Write the map in the format the extension names; long writes show a progress dialog."""
        target = Path(path)
        snapshot = self.document.journey.copy()  # the writer works on a copy while the room keeps editing
        try:
            found = file_formats.APP_FORMATS.format_to_write(target)
            # Pictures are painted with Qt, which must stay on this thread; the rest runs in the background.
            notices = self._busy(
                f"Exporting {target.name}…", lambda: found.write(snapshot, target), threaded=not found.needs_qt
            )
        except (MapFileError, MapError, OSError) as error:
            self._error("Export failed", error, target)
            return False
        except Exception as error:  # noqa: BLE001 - a writer's bug must not lose the session
            self._error("Export failed", f"{target}: could not be written ({type(error).__name__}: {error})")
            return False
        # A success says so in the status bar ("Exported map.png: picture of 1500 x 900 pixels");
        # only warnings need a box to click away.
        information = [str(n) for n in notices or [] if n.severity.name == "INFO"]
        self._show_notices(target, [n for n in notices or [] if n.severity.name != "INFO"])
        self.status.emit("; ".join([f"Exported {target.name}", *information]), 8000)
        return True

    def export_poster(self) -> None:
        from journeymap.widgets.dialogs.poster_dialog import run_poster_dialog

        written = run_poster_dialog(self._window, self.document)
        if written:
            self.status.emit(f"Exported poster {Path(written).name}", 5000)

    def _busy(self, label: str, work: Callable[[], T], threaded: bool = True) -> T:
        """Run ``work`` with a progress dialog that appears if it takes more than a moment.

        Threaded work runs as a background job (``widgets/dialogs/progress.py``, the one way the app
        runs work off the GUI thread); Qt painting (images) must stay on this thread.
        """
        if threaded:
            from journeymap.widgets.dialogs.progress import run_with_progress

            return run_with_progress(self._window, label, lambda _progress: work())
        progress = QProgressDialog(label, "", 0, 0, self._window)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle("Export")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            progress.show()
            QApplication.processEvents()
            return work()
        finally:
            QApplication.restoreOverrideCursor()
            progress.reset()
            progress.deleteLater()

    # ------------------------------------------------------------------ helpers
    def _start_folder(self) -> str:
        path = self.document.path
        if path is not None:
            return str(path.parent)
        recent = self._recent.paths()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def _error(self, title: str, error: object, path: str | os.PathLike[str] | None = None) -> None:
        text = str(error)
        if path is not None and os.fspath(path) not in text:
            text = f"{os.fspath(path)}: {text}"
        QMessageBox.critical(self._window, title, text)

    def _show_notices(self, path: str | os.PathLike[str], notices: list[Notice]) -> None:
        if not notices:
            return
        lines = "\n".join(f"• {notice}" for notice in notices[:30])
        more = f"\n… and {len(notices) - 30} more" if len(notices) > 30 else ""
        QMessageBox.information(self._window, "Notes", f"{Path(path).name}:\n{lines}{more}")


def _open_elsewhere_text(path: str | os.PathLike[str], holder: str) -> str:
    return (
        f"“{Path(path).name}” is open in another Journey Map Designer ({holder}). If both save it, the "
        "later save replaces the other's work (this app asks before overwriting)."
    )


def _file_stem(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip(" .")
    return (cleaned or "journey-map").removesuffix(".cjm")
