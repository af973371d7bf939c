"""The mapping step of the import dialog: every label found, what it will become, and a lane name
for fields that can belong to one persona. Changing a choice emits ``changed`` at once, so the
preview follows it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from journeymap.io.sheets import Target
from journeymap.io.sheets.detect import LabelSlot
from journeymap.io.sheets.labels import Field
from journeymap.io.sheets.mapping import FIELD_TITLES, LANE_CHOICES

_UNKNOWN = QColor("#9a5b00")


class MappingTable(QTableWidget):
    """One row per label: the label as written, a choice of field, and an optional lane."""

    changed = Signal(str, object)  # label text, Target

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("mappingTable")
        self.setHorizontalHeaderLabels(["Label in the sheet", "Becomes", "Only for lane"])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 130)
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._labels: list[str] = []

    def show_slots(self, slots: list[LabelSlot]) -> None:
        """Fill the table; rebuilt only when the labels change, so a combo keeps its focus."""
        labels = [slot.text for slot in slots]
        if labels != self._labels:
            self._labels = labels
            self.setRowCount(len(slots))
            for row, slot in enumerate(slots):
                self._make_row(row, slot)
            if slots:  # wide enough for the longest choice: a clipped "Touchp…" helps nobody
                self.horizontalHeader().resizeSection(1, self.field_combo(0).sizeHint().width() + 8)
        for row, slot in enumerate(slots):
            self._update_row(row, slot)
        self.resizeRowsToContents()

    def field_combo(self, row: int) -> QComboBox:
        widget = self.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def lane_edit(self, row: int) -> QLineEdit:
        widget = self.cellWidget(row, 2)
        assert isinstance(widget, QLineEdit)
        return widget

    def row_of(self, label: str) -> int:
        return self._labels.index(label)

    def choose(self, label: str, target: Target) -> None:
        """Set a row's choice as the user would (used by the dialog's own controls and tests)."""
        row = self.row_of(label)
        combo = self.field_combo(row)
        combo.setCurrentIndex(combo.findData(target.field.value))
        if target.persona:
            self.lane_edit(row).setText(target.persona)
            self.lane_edit(row).editingFinished.emit()

    def _make_row(self, row: int, slot: LabelSlot) -> None:
        item = QTableWidgetItem(slot.text)
        item.setToolTip(slot.text)
        self.setItem(row, 0, item)
        combo = QComboBox(objectName=f"mappingField{row}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for field, title in FIELD_TITLES.items():
            combo.addItem(title, field.value)
        combo.currentIndexChanged.connect(lambda _index, r=row: self._emit(r))
        self.setCellWidget(row, 1, combo)
        lane = QLineEdit(objectName=f"mappingLane{row}")
        lane.setPlaceholderText("all lanes")
        lane.editingFinished.connect(lambda r=row: self._emit(r))
        self.setCellWidget(row, 2, lane)

    def _update_row(self, row: int, slot: LabelSlot) -> None:
        item = self.item(row, 0)
        assert item is not None  # every row gets its label item in _make_row
        unknown = slot.guess.field is Field.IGNORE
        font = QFont(item.font())
        font.setItalic(unknown)
        item.setFont(font)
        item.setForeground(QBrush(_UNKNOWN) if unknown else QBrush())
        item.setToolTip(
            f"{slot.text}\nNot a label we know: choose what it means"
            if unknown
            else f"{slot.text}\nGuessed: {slot.guess.describe()}"
        )
        combo, lane = self.field_combo(row), self.lane_edit(row)
        for widget in (combo, lane):
            widget.blockSignals(True)
        try:
            combo.setCurrentIndex(combo.findData(slot.target.field.value))
            if not lane.hasFocus():
                lane.setText(slot.target.persona or "")
            lane.setEnabled(slot.target.field in LANE_CHOICES)
        finally:
            for widget in (combo, lane):
                widget.blockSignals(False)

    def _emit(self, row: int) -> None:
        field = Field(self.field_combo(row).currentData())
        lane = self.lane_edit(row).text().strip() if field in LANE_CHOICES else ""
        self.lane_edit(row).setEnabled(field in LANE_CHOICES)
        self.changed.emit(self._labels[row], Target(field, lane or None))
