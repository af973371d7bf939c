"""File > New from Template…: pick a built-in template (or a blank map) with its stages shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.io.templates import load_template, template_names
from journeymap.model import JourneyMap, Persona, Stage

BLANK = ""


def blank_map() -> JourneyMap:
    """A new map that is ready for quick capture: one stage and one lane to double-click into."""
    journey = JourneyMap("Untitled journey map")
    journey.add_stage(Stage("Stage 1"))
    journey.add_lane(Persona("Customer"))
    return journey


class TemplateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateDialog")
        self.setWindowTitle("New from Template")
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.details = QLabel()
        self.details.setObjectName("templateDetails")
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(90)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._maps: dict[str, JourneyMap] = {BLANK: blank_map()}
        self._add(BLANK, "Blank map")
        for name in template_names():
            journey = load_template(name)
            self._maps[name] = journey
            self._add(name, f"{journey.title}  ({name})")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._describe())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start from:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(520, 420)
        self.list.setCurrentRow(1 if self.list.count() > 1 else 0)

    def _add(self, name: str, label: str) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, name)
        self.list.addItem(item)

    def selected_name(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else BLANK

    def selected_map(self) -> JourneyMap:
        return self._maps[self.selected_name()].copy()

    def _describe(self) -> None:
        journey = self._maps[self.selected_name()]
        stages = ", ".join(journey.stage(s).name for s in journey.stage_ids())
        lanes = ", ".join(journey.lane(p).name for p in journey.lane_ids())
        counts = journey.counts()
        self.details.setText(
            f"<b>Stages:</b> {stages}<br><b>Lanes:</b> {lanes}<br>"
            f"{counts['cards']} example cards, {counts['milestones']} milestones"
        )


def run_template_dialog(parent: QWidget | None) -> JourneyMap | None:
    """The chosen template as a fresh map, or None if the user cancelled."""
    dialog = TemplateDialog(parent)
    return dialog.selected_map() if dialog.exec() == QDialog.DialogCode.Accepted else None
