"""Writing the decision pack with a progress bar and a Cancel button.

The pack is written on a pool thread (:class:`ProgressJob`); Cancel asks the writer to stop at its
next progress report, and the writer then removes everything it had written, so a cancelled pack
leaves the folder as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from journeymap.io.pack import PackResult, write_pack
from journeymap.model import JourneyMap
from journeymap.widgets.dialogs.progress import ProgressJob, show_progress


class PackDialog(QDialog):
    """Runs one pack export; afterwards exactly one of ``pack_result``, ``error`` or ``cancelled`` is set."""

    def __init__(
        self, parent: QWidget | None, journey: JourneyMap, folder: Path, stem: str, date: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("packDialog")
        self.setWindowTitle("Export Decision Pack")
        self.setMinimumWidth(420)
        self.pack_result: PackResult | None = None  # not ``result``: QDialog.result() is Qt's
        self.error: str | None = None
        self.cancelled = False
        self.label = QLabel(f"Writing the decision pack into {folder}…")
        self.label.setObjectName("packLabel")
        self.label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("packProgress")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelPackButton")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._pool = QThreadPool(self)
        # The folder may hold other files; the caller has asked before any pack file is replaced.
        self._job: ProgressJob | None = ProgressJob(
            lambda progress: write_pack(journey, folder, stem, date=date, force=True, progress=progress)
        )
        self._job.signals.progressed.connect(self._on_progress)
        self._job.signals.finished.connect(self._on_finished)
        self._job.signals.failed.connect(self._on_failed)
        self._job.signals.cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        show_progress(self.progress, -1)
        if self._job is not None:
            self._pool.start(self._job)

    def _on_progress(self, step: int, message: str) -> None:
        show_progress(self.progress, step)
        self.label.setText(message + "…")

    def _on_finished(self, result: PackResult) -> None:
        self._job, self.pack_result = None, result
        super().accept()

    def _on_failed(self, message: str) -> None:
        self._job, self.error = None, message
        super().reject()

    def _on_cancelled(self) -> None:
        self._job, self.cancelled = None, True
        super().reject()

    def reject(self) -> None:
        """Cancel: the writer stops and cleans up; the dialog closes when it has."""
        if self._job is None:
            super().reject()
            return
        self._job.cancel()
        self.label.setText("Cancelling…")
        self.buttons.setEnabled(False)

    def done(self, code: int) -> None:
        super().done(code)
        if self._job is not None:
            self._job.cancel()
        self._pool.waitForDone(30_000)


def run_pack_dialog(
    parent: QWidget | None, journey: JourneyMap, folder: Path, stem: str, date: dt.date | None = None
) -> PackDialog:
    """Show the dialog until the pack is written, has failed or was cancelled; returns it for its outcome."""
    dialog = PackDialog(parent, journey, folder, stem, date)
    dialog.start()
    dialog.exec()
    return dialog
