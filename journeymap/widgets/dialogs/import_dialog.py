"""File > Import…: preview a spreadsheet, let the user correct what each label means, choose the
layout and the sheets, show the report, and hand back the imported map.

The file is read once, on a pool thread, with a progress bar and Cancel; every correction then
re-analyses the read workbook on the GUI thread, which needs no file access. The mapping the user
chose is remembered for sheets with the same labels and offered next time, and can be saved as a
file for ``journeymap convert --mapping``. The caller (the main window) decides whether the map
becomes a new document or is merged as one undoable step.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
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
from journeymap.io.sheets import Analysis, Layout, Mapping, Orientation, Spreadsheet, Target, analyse, read_spreadsheet
from journeymap.io.sheets.api import SheetSummary, UnclearTableError
from journeymap.io.sheets.detect import LabelSlot
from journeymap.widgets.dialogs.mapping_memory import MappingMemory, signature
from journeymap.widgets.dialogs.mapping_table import MappingTable
from journeymap.widgets.dialogs.progress import ProgressJob, show_progress

FILE_FILTER = "Spreadsheets (*.xlsx *.ods *.xls *.csv *.tsv *.txt);;All files (*)"
_LAYOUTS = (
    ("Detected", None),
    ("Stages as columns", Layout.COLUMNS),
    ("Stages as rows", Layout.ROWS),
    ("One row per touchpoint", Layout.INVENTORY),
)
_WARNING_COLOUR = QColor("#9a5b00")


class ImportDialog(QDialog):
    """Reads ``path`` in the background, then previews the import until the user accepts."""

    read_finished = Signal()  # the preview is showing, or the read failed (see ``error``)

    def __init__(self, path: str, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {Path(path).name}")
        self.path = path
        self.sheet: Spreadsheet | None = None
        self.analysis: Analysis | None = None
        self.result_value: LoadResult | None = None
        self.error = ""
        self.mapping = Mapping()
        self.slots: list[LabelSlot] = []
        self._memory = MappingMemory(settings) if settings is not None else None
        self._memory_key = ""
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
        self.layout_combo = QComboBox(objectName="layoutCombo")
        for text, shape in _LAYOUTS:
            self.layout_combo.addItem(text, shape.value if shape else None)
        self.layout_combo.currentIndexChanged.connect(self._on_layout_chosen)
        self.hidden_check = QCheckBox("Take in hidden rows and columns", objectName="includeHiddenCheck")
        self.hidden_check.toggled.connect(self._on_hidden_toggled)
        self.mapping_table = MappingTable(self)
        self.mapping_table.changed.connect(self.set_field)
        self.memory_label = QLabel(objectName="mappingMemoryLabel", wordWrap=True)
        self.forget_button = QPushButton("Use the guess instead", objectName="forgetMappingButton")
        self.forget_button.clicked.connect(self.forget_mapping)
        self.save_mapping_button = QPushButton("Save mapping…", objectName="saveMappingButton")
        self.save_mapping_button.setToolTip("Save these choices as a file for 'journeymap convert --mapping FILE.json'")
        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.sheet_list = QListWidget(objectName="sheetList")
        self.sheet_list.setMaximumHeight(72)
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

        layout_row = QHBoxLayout()
        layout_row.addWidget(self.layout_combo)
        layout_row.addWidget(self.flip_button)
        layout_row.addWidget(self.hidden_check)
        layout_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Layout:", layout_row)
        form.addRow("", self.orientation_label)
        form.addRow("Sheets:", self.sheet_list)
        memory_row = QHBoxLayout()
        memory_row.addWidget(self.memory_label, 1)
        memory_row.addWidget(self.forget_button)
        memory_row.addWidget(self.save_mapping_button)
        preview = QFormLayout()
        preview.addRow("Stages:", self.stages_label)
        preview.addRow("Lanes:", self.lanes_label)
        preview.addRow("Contents:", self.counts_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addLayout(form)
        layout.addWidget(QLabel("What each label becomes (change any; the preview follows):"))
        layout.addWidget(self.mapping_table, 2)
        layout.addLayout(memory_row)
        layout.addLayout(preview)
        layout.addWidget(self.error_label)
        layout.addWidget(QLabel("Import report (what was assumed, and every cell not used):"))
        layout.addWidget(self.report_list, 1)
        layout.addWidget(self.buttons)
        self._set_preview_enabled(False)
        self.forget_button.hide()
        self.resize(760, 820)

    def _set_preview_enabled(self, enabled: bool) -> None:
        for widget in (
            self.flip_button,
            self.sheet_list,
            self.layout_combo,
            self.mapping_table,
            self.save_mapping_button,
            self.hidden_check,
        ):
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
        self.progress_label.setText(
            f"Read {len(sheet.grids)} sheet{'s' * (len(sheet.grids) != 1)} ({sheet.format.upper()})."
        )
        hidden = sum(len(g.hidden_rows) + len(g.hidden_columns) for g in sheet.grids)
        self.hidden_check.setText(
            f"Take in {hidden} hidden row{'s' * (hidden != 1)} and columns"
            if hidden
            else "Take in hidden rows and columns"
        )
        self.refresh()
        self._offer_remembered()
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
        return [
            self.sheet_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.sheet_list.count())
            if self.sheet_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    @property
    def _orientation(self) -> Orientation | None:
        layout = self.mapping.layout
        return Orientation(layout.value) if layout in (Layout.COLUMNS, Layout.ROWS) else None

    def flip_orientation(self) -> None:
        current = self._orientation or (self.analysis.orientation if self.analysis else None) or Orientation.COLUMNS
        self._set_layout(Layout(current.flipped().value))

    def _set_layout(self, layout: Layout | None) -> None:
        self.mapping = Mapping(dict(self.mapping.fields), layout, self.mapping.include_hidden)
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(self.layout_combo.findData(layout.value if layout else None))
        self.layout_combo.blockSignals(False)
        self.refresh()

    def _on_layout_chosen(self, index: int) -> None:
        data = self.layout_combo.itemData(index)
        self._set_layout(Layout(data) if data else None)

    def _on_hidden_toggled(self, on: bool) -> None:
        self.mapping = Mapping(dict(self.mapping.fields), self.mapping.layout, on)
        self.refresh()

    def set_field(self, label: str, target: Target) -> None:
        """Give a label a meaning (the mapping step's choice); the preview follows at once."""
        self.mapping = self.mapping.with_field(label, target)
        self.refresh()

    def refresh(self) -> None:
        """Re-analyse the read workbook with the chosen layout, sheets and mapping."""
        if self.sheet is None:
            return
        try:
            self.analysis = analyse(self.sheet, sheets=self.selected_sheets(), mapping=self.mapping)
        except MapFileError as error:
            self.analysis = None
            slots = self._slots_of(error.sheets) if isinstance(error, UnclearTableError) else []
            self.error_label.setText(
                "No clear journey map table yet: say what the labels above mean, or pick another layout."
                if slots
                else f"Nothing to import: {error.problem}"
            )
            self.import_button.setEnabled(False)
            self.stages_label.clear()
            self.lanes_label.clear()
            self.counts_label.clear()
            self.report_list.clear()
            self._show_slots(slots)
            self._describe_orientation()
            return
        self.error_label.clear()
        self._fill_sheets()
        self._show_slots(self.analysis.label_slots())
        self._describe_orientation()
        names = self.analysis.stage_names()
        self.stages_label.setText(", ".join(names) or "none")
        self.lanes_label.setText(", ".join(self.analysis.lane_names()) or "none")
        counts = self.analysis.result.map.counts()
        self.counts_label.setText(
            f"{counts['cards']} cards, {counts['milestones']} milestones, {counts['flows']} flows"
        )
        self._fill_report()
        self.import_button.setEnabled(bool(names))

    @staticmethod
    def _slots_of(sheets: list[SheetSummary]) -> list[LabelSlot]:
        return [slot for summary in sheets if summary.selected for slot in summary.labels]

    def _show_slots(self, slots: list[LabelSlot]) -> None:
        self.slots = slots
        self.mapping_table.show_slots(slots)

    def _describe_orientation(self) -> None:
        analysis = self.analysis
        if analysis is not None and analysis.native:
            self.orientation_label.setText("Our own export: read exactly from its data sheets.")
            self._set_preview_enabled(False)
            return
        self._set_preview_enabled(True)
        if self.mapping.layout is Layout.INVENTORY or (analysis is not None and analysis.layout is Layout.INVENTORY):
            how = "as asked" if self.mapping.layout else "detected"
            self.orientation_label.setText(f"One row per touchpoint ({how}).")
            return
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
                notes = [
                    note for note, on in (("hidden", summary.hidden), (summary.reason, bool(summary.reason))) if on
                ]
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

    # ----------------------------------------------------------------- the mapping, kept
    def _offer_remembered(self) -> None:
        """Use the mapping chosen last time for a sheet with these labels, and say so."""
        self._memory_key = signature(slot.text for slot in self.slots)
        remembered = self._memory.recall(self._memory_key) if self._memory is not None else None
        if remembered is None:
            return
        self.mapping = remembered
        self.hidden_check.blockSignals(True)
        self.hidden_check.setChecked(remembered.include_hidden)
        self.hidden_check.blockSignals(False)
        self._set_layout(remembered.layout)
        self.memory_label.setText("Using the mapping you chose last time for a sheet with these labels.")
        self.forget_button.show()

    def forget_mapping(self) -> None:
        """Back to the guess; the remembered mapping is forgotten."""
        if self._memory is not None and self._memory_key:
            self._memory.forget(self._memory_key)
        self.mapping = Mapping()
        self.hidden_check.blockSignals(True)
        self.hidden_check.setChecked(False)
        self.hidden_check.blockSignals(False)
        self.memory_label.clear()
        self.forget_button.hide()
        self._set_layout(None)

    def save_mapping(self, path: str | None = None) -> bool:
        """Save the choices as a mapping file for the command line."""
        if path is None:
            start = str(Path(self.path).with_suffix(".mapping.json"))
            path, _ = QFileDialog.getSaveFileName(self, "Save Mapping", start, "Mappings (*.json)")
            if not path:
                return False
        try:
            self.mapping.save(path)
        except MapFileError as error:
            show_import_error(self, str(error))
            return False
        self.memory_label.setText(f"Saved the mapping to {Path(path).name}.")
        return True

    # ----------------------------------------------------------------- closing
    def accept(self) -> None:
        if self.analysis is None:
            return
        self.result_value = self.analysis.result
        if self._memory is not None and self._memory_key and not self.analysis.native:
            self._memory.remember(self._memory_key, self.mapping)
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


def run_import_dialog(
    parent: QWidget | None, path: str | None = None, settings: QSettings | None = None
) -> LoadResult | None:
    """Ask for a spreadsheet (when ``path`` is None), preview its import, and return the imported map
    with its report; None when the user cancels. A file that cannot be read is shown in a message box
    naming the file and the problem. ``settings`` keep the mappings the user chose."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Import Spreadsheet", os.path.expanduser("~"), FILE_FILTER)
        if not path:
            return None
    dialog = ImportDialog(path, parent, settings)
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
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Import failed",
        "The spreadsheet could not be imported.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("importErrorBox")
    box.setInformativeText(message)
    box.exec()
