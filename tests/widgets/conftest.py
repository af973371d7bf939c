"""Shared fixtures for the dialogs' tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from journeymap.widgets.dialogs.import_dialog import ImportDialog

OpenImport = Callable[..., ImportDialog]


@pytest.fixture
def open_import(qtbot) -> Iterator[OpenImport]:
    """Open the import dialog on a file and wait until its preview shows (or the read failed)."""
    dialogs: list[ImportDialog] = []

    def open_dialog(path: Path, settings: QSettings | None = None) -> ImportDialog:
        dialog = ImportDialog(str(path), None, settings)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        with qtbot.waitSignal(dialog.read_finished, timeout=10_000):
            dialog.start()
            dialog.show()
        return dialog

    yield open_dialog
    for dialog in dialogs:
        dialog.done(0)
