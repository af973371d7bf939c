"""The question asked when the map's file changed on disk since it was opened or saved here."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget


class Conflict(StrEnum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    RELOAD = "reload"
    CANCEL = "cancel"


def ask_disk_conflict(parent: QWidget | None, name: str) -> Conflict:
    """Ask the user; tests replace this function, so keep all the dialog code in here."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "File changed on disk",
        f"“{name}” was changed on disk since you opened or last saved it here, probably by "
        "another copy of Journey Map Designer.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("diskConflictDialog")
    box.setInformativeText(
        "Overwrite replaces those changes with this map. Save As keeps both. Reload "
        "shows the file as it is now and drops the changes made here."
    )
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    reload = box.addButton("Reload from Disk", QMessageBox.ButtonRole.ResetRole)
    box.setDefaultButton(save_as)
    box.exec()
    return {id(overwrite): Conflict.OVERWRITE, id(save_as): Conflict.SAVE_AS, id(reload): Conflict.RELOAD}.get(
        id(box.clickedButton()), Conflict.CANCEL
    )
