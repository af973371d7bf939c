"""File > Import…: preview a spreadsheet, let the user flip the orientation and pick sheets, show the
report, and hand back the imported map.

The file is read once, on a pool thread, with a progress bar and Cancel; flipping and picking then
re-analyse the read workbook on the GUI thread, which needs no file access. The caller (the main
window) decides whether the map becomes a new document or is merged as one undoable step.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.io.errors import MapFileError
from journeymap.io.formats import LoadResult, Severity
from journeymap.io.sheets import Analysis, Orientation, Spreadsheet, analyse, read_spreadsheet
from journeymap.widgets.dialogs.progress import ProgressJob, show_progress

FILE_FILTER = "Spreadsheets (*.xlsx *.csv *.tsv *.txt);;All files (*)"
_WARNING_COLOUR = QColor("#9a5b00")


class ImportDialog(QDialog):
    """Reads ``path`` in the background, then previews the import until the user accepts."""

    read_finished = Signal()  # the preview is showing, or the read failed (see ``error``)

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {Path(path).name}")
        self.path = path
        self.sheet: Spreadsheet | None = None
        self.analysis: Analysis | None = None
        self.result_value: LoadResult | None = None
        self.error = ""
        self._orientation: Orientation | None = None
        self._pool = QThreadPool(self)
        self._job: ProgressJob | None = None
        self._build()

    # ----------------------------------------------------------------- widgets
    def _build(self) -> None:
        self.file_label = QLabel(self.path, objectName="importFileLabel", wordWrap=True)
        self.progress = QProgressBar(objectName="importProgress")
        self.progress_label = QLabel("Reading…", objectName="importProgressLabel")
        self.orientation_label = QLabel(objectName="orientationLabel", wordWrap=True)
        self.flip_button = QPushButton("Flip orientation", objectName="flipOrientationButton")
        self.flip_button.setToolTip("Read stages as rows instead of columns, or the other way round")
        self.flip_button.clicked.connect(self.flip_orientation)
        self.sheet_list = QListWidget(objectName="sheetList")
        self.sheet_list.setMaximumHeight(110)
        self.sheet_list.itemChanged.connect(lambda _item: self.refresh())
        self.stages_label = QLabel(objectName="stagesLabel", wordWrap=True)
        self.lanes_label = QLabel(objectName="lanesLabel", wordWrap=True)
        self.counts_label = QLabel(objectName="countsLabel", wordWrap=True)
        self.error_label = QLabel(objectName="importErrorLabel", wordWrap=True)
        self.error_label.setStyleSheet("color: #b00020")
        self.report_list = QListWidget(objectName="reportList")
        self.report_list.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelImportButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Orientation:", self.orientation_label)
        form.addRow("", self.flip_button)
        form.addRow("Sheets:", self.sheet_list)
        form.addRow("Stages:", self.stages_label)
        form.addRow("Lanes:", self.lanes_label)
        form.addRow("Contents:", self.counts_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(QLabel("Import report (what was assumed, and every cell not used):"))
        layout.addWidget(self.report_list, 1)
        layout.addWidget(self.buttons)
        self._set_preview_enabled(False)
        self.resize(640, 620)

    def _set_preview_enabled(self, enabled: bool) -> None:
        for widget in (self.flip_button, self.sheet_list):
            widget.setEnabled(enabled)

    # ----------------------------------------------------------------- reading
    def start(self) -> None:
        """Read the file on a pool thread; the preview fills in when it is done."""
        path = self.path
        self._job = ProgressJob(lambda progress: read_spreadsheet(path, progress=progress))
        self._job.signals.progressed.connect(self._on_progress)
        self._job.signals.finished.connect(self._on_read)
        self._job.signals.failed.connect(self._on_failed)
        self._job.signals.cancelled.connect(self._on_cancelled)
        show_progress(self.progress, -1)
        self._pool.start(self._job)

    def _on_progress(self, step: int, message: str) -> None:
        show_progress(self.progress, step)
        self.progress_label.setText(message)

    def _on_read(self, sheet: Spreadsheet) -> None:
        self._job = None
        self.sheet = sheet
        self.progress.hide()
        self.progress_label.setText(f"Read {len(sheet.grids)} sheet{'s' * (len(sheet.grids) != 1)} "
                                    f"({sheet.format.upper()}).")
        self.refresh()
        self.read_finished.emit()

    def _on_failed(self, message: str) -> None:
        self._job = None
        self.error = message
        self.read_finished.emit()
        super().reject()

    def _on_cancelled(self) -> None:
        self._job = None
        super().reject()

    # ----------------------------------------------------------------- the preview
    def selected_sheets(self) -> list[str] | None:
        if self.sheet_list.count() == 0:
            return None
        return [self.sheet_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sheet_list.count())
                if self.sheet_list.item(i).checkState() == Qt.CheckState.Checked]

    def flip_orientation(self) -> None:
        current = self._orientation or (self.analysis.orientation if self.analysis else None) or Orientation.COLUMNS
        self._orientation = current.flipped()
        self.refresh()

    def refresh(self) -> None:
        """Re-analyse the read workbook with the chosen orientation and sheets."""
        if self.sheet is None:
            return
        try:
            self.analysis = analyse(self.sheet, orientation=self._orientation, sheets=self.selected_sheets())
        except MapFileError as error:
            self.analysis = None
            self.error_label.setText(f"Nothing to import: {error.problem}")
            self.import_button.setEnabled(False)
            self.stages_label.clear()
            self.lanes_label.clear()
            self.counts_label.clear()
            self.report_list.clear()
            self._describe_orientation()
            return
        self.error_label.clear()
        self._fill_sheets()
        self._describe_orientation()
        names = self.analysis.stage_names()
        self.stages_label.setText(", ".join(names) or "none")
        self.lanes_label.setText(", ".join(self.analysis.lane_names()) or "none")
        counts = self.analysis.result.map.counts()
        self.counts_label.setText(f"{counts['cards']} cards, {counts['milestones']} milestones, "
                                  f"{counts['flows']} flows")
        self._fill_report()
        self.import_button.setEnabled(bool(names))

    def _describe_orientation(self) -> None:
        analysis = self.analysis
        if analysis is not None and analysis.native:
            self.orientation_label.setText("Our own export: read exactly from its data sheets.")
            self._set_preview_enabled(False)
            return
        self._set_preview_enabled(True)
        orientation = self._orientation or (analysis.orientation if analysis else None)
        if orientation is None:
            self.orientation_label.setText("No table found.")
            return
        how = "as asked" if self._orientation else "detected"
        text = f"{orientation.describe().capitalize()} ({how})."
        if analysis is not None and analysis.tie and not self._orientation:
            text += " Both ways fit equally well: check the stages below, and flip if they are wrong."
        self.orientation_label.setText(text)

    def _fill_sheets(self) -> None:
        assert self.analysis is not None
        self.sheet_list.blockSignals(True)
        try:
            if self.sheet_list.count() != len(self.analysis.sheets):
                self.sheet_list.clear()
                for summary in self.analysis.sheets:
                    item = QListWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, summary.name)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if summary.selected else Qt.CheckState.Unchecked)
                    self.sheet_list.addItem(item)
            for i, summary in enumerate(self.analysis.sheets):
                item = self.sheet_list.item(i)
                notes = [note for note, on in (("hidden", summary.hidden), (summary.reason, bool(summary.reason)))
                         if on]
                item.setText(summary.name + (f"  ({'; '.join(notes)})" if notes else ""))
        finally:
            self.sheet_list.blockSignals(False)

    def _fill_report(self) -> None:
        assert self.analysis is not None
        self.report_list.clear()
        for notice in self.analysis.result.notices:
            item = QListWidgetItem(str(notice))
            if notice.severity is Severity.WARNING:
                item.setForeground(QBrush(_WARNING_COLOUR))
            self.report_list.addItem(item)

    # ----------------------------------------------------------------- closing
    def accept(self) -> None:
        if self.analysis is None:
            return
        self.result_value = self.analysis.result
        super().accept()

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()  # the reader stops at its next progress report
        super().reject()

    def done(self, code: int) -> None:
        super().done(code)
        if self._job is not None:
            self._job.cancel()
            self._pool.waitForDone(10_000)


def run_import_dialog(parent: QWidget | None, path: str | None = None) -> LoadResult | None:
    """Ask for a spreadsheet (when ``path`` is None), preview its import, and return the imported map
    with its report; None when the user cancels. A file that cannot be read is shown in a message box
    naming the file and the problem."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Import Spreadsheet", os.path.expanduser("~"), FILE_FILTER)
        if not path:
            return None
    dialog = ImportDialog(path, parent)
    try:
        dialog.start()
        dialog.exec()
        if dialog.error:
            show_import_error(parent, dialog.error)
            return None
        return dialog.result_value
    finally:
        dialog.deleteLater()


def show_import_error(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Import failed", "The spreadsheet could not be imported.",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("importErrorBox")
    box.setInformativeText(message)
    box.exec()
