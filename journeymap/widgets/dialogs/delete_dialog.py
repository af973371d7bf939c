"""Asks what happens to the cards of a stage or lane being deleted: move them, or delete them.

The model refuses to guess (``CardPolicy``), so the canvas asks whenever the stage or lane holds
anything. Moving is the default: losing a room's work to a misclick is worse than one more click.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.model import CardPolicy


class DeleteDialog(QDialog):
    def __init__(
        self,
        kind: str,
        name: str,
        card_count: int,
        milestone_count: int,
        targets: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deleteDialog")
        self.setWindowTitle(f"Delete {kind} '{name}'")
        what = [f"{card_count} card{'s' if card_count != 1 else ''}"] if card_count else []
        if milestone_count:
            what.append(f"{milestone_count} milestone{'s' if milestone_count != 1 else ''}")
        message = QLabel(f"The {kind} '{name}' holds {' and '.join(what)}. What should happen to them?")
        message.setWordWrap(True)
        self.move_option = QRadioButton(f"Move them to this {kind}:")
        self.move_option.setObjectName("moveCardsOption")
        self.target_combo = QComboBox()
        self.target_combo.setObjectName("moveTargetCombo")
        for target_id, target_name in targets:
            self.target_combo.addItem(target_name, target_id)
        self.delete_option = QRadioButton("Delete them too")
        self.delete_option.setObjectName("deleteCardsOption")
        group = QButtonGroup(self)
        group.addButton(self.move_option)
        group.addButton(self.delete_option)
        if targets:
            self.move_option.setChecked(True)
        else:
            self.move_option.setEnabled(False)
            self.target_combo.setEnabled(False)
            self.delete_option.setChecked(True)
        self.move_option.toggled.connect(self.target_combo.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("deleteDialogButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Delete {kind}")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (message, self.move_option, self.target_combo, self.delete_option, buttons):
            layout.addWidget(widget)

    def policy(self) -> CardPolicy:
        return CardPolicy.MOVE if self.move_option.isChecked() else CardPolicy.DELETE

    def move_to(self) -> str | None:
        return self.target_combo.currentData() if self.policy() is CardPolicy.MOVE else None
