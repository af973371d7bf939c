"""File > Export Decision Pack…: choose a folder, confirm any file it would replace, write with progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from journeymap.app.actions import ActionWindow
    from journeymap.io.pack import PackResult


def pack_stem(window: ActionWindow) -> str:
    """The pack's files are named after the map's file, or its title for a map never saved."""
    document = window.document
    name = document.path.stem if document.path else document.display_name()
    cleaned = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip(" .")
    return (cleaned or "journey-map").removesuffix(".cjm")


def export_decision_pack(window: ActionWindow) -> PackResult | None:
    # The pack's writers (reportlab, python-pptx, openpyxl) load on first use: start-up stays light.
    from journeymap.io.pack import existing_files
    from journeymap.widgets.dialogs.pack_dialog import run_pack_dialog

    document = window.document
    start = str(document.path.parent) if document.path else str(Path.home())
    folder = QFileDialog.getExistingDirectory(window.window(), "Export Decision Pack to Folder", start)
    if not folder:
        return None
    stem, date = pack_stem(window), dt.date.today()
    replaced = existing_files(folder, stem, date)
    if replaced:
        names = "\n".join(f"• {path.name}" for path in replaced)
        answer = QMessageBox.question(
            window.window(),
            "Replace files?",
            f"The folder already has {len(replaced)} file{'s' if len(replaced) != 1 else ''} of this pack:\n"
            f"{names}\n\nReplace {'them' if len(replaced) != 1 else 'it'}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    # The pack is written from a copy: the room may keep editing the map meanwhile.
    dialog = run_pack_dialog(window.window(), document.journey.copy(), Path(folder), stem, date)
    if dialog.error is not None:
        QMessageBox.critical(window.window(), "Decision pack failed", dialog.error)
        return None
    if dialog.pack_result is None:
        window.statusBar().showMessage("Decision pack cancelled; nothing was written", 5000)
        return None
    result = dialog.pack_result
    window.statusBar().showMessage(f"Decision pack: {len(result.files)} files in {result.folder}", 8000)
    if result.notices:
        lines = "\n".join(f"• {notice}" for notice in result.notices[:20])
        QMessageBox.information(window.window(), "Notes", f"{result.folder.name}:\n{lines}")
    return result
