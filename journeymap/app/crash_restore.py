"""The offer made at start-up after a crash: restore the autosaved map, discard it, or decide later."""

from __future__ import annotations

import time
from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget

from journeymap.app.autosave import Orphan


class RestoreChoice(StrEnum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def waiting_text(orphan: Orphan) -> str:
    """The hint that more crashed sessions wait: one is offered per start, newest first."""
    count = orphan.others_waiting
    if not count:
        return ""
    sessions = "session waits" if count == 1 else "sessions wait"
    return (
        f"\n\n{count} older unsaved {sessions} too; each is offered in turn when Journey Map Designer "
        "starts again (restore or discard this one first)."
    )


def ask_restore(parent: QWidget | None, orphan: Orphan) -> RestoreChoice:
    """Ask the user; tests replace this function, so keep all the dialog code in here."""
    when = time.strftime("%H:%M on %d %b", time.localtime(orphan.saved))
    where = f"It was last saved to {orphan.original_path}." if orphan.original_path else "It was never saved."
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Restore unsaved work?",
        f"Journey Map Designer closed unexpectedly while “{orphan.title}” had unsaved changes.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("restoreDialog")
    box.setInformativeText(
        f"An autosaved copy from {when} is available. {where}\n\n"
        "Restore opens it as unsaved work; save it to keep it." + waiting_text(orphan)
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RestoreChoice.RESTORE
    if clicked is discard:
        return RestoreChoice.DISCARD
    return RestoreChoice.LATER
