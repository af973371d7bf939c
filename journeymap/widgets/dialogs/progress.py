"""The one way to run long work off the GUI thread, with progress the window can show and a cancel.

A :class:`ProgressJob` runs ``work(progress)`` on a thread pool. ``progress(done, total, text)``
reaches the GUI as a queued signal (at most once per thousandth of the work, so a fast reader
cannot flood the event loop) and raises :class:`ImportCancelled` once :meth:`ProgressJob.cancel`
was called, which stops the work at its next report. The outcome comes back as exactly one of
``finished(result)``, ``failed(message)`` or ``cancelled()``. Dialogs that stay open (import,
poster) connect to those signals; :func:`run_with_progress` waits for a job behind a progress
dialog for callers that need the result before they go on (Export).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget

from journeymap.io.errors import MapFileError
from journeymap.io.sheets import ImportCancelled, ProgressFn

PROGRESS_STEPS = 1000
T = TypeVar("T")


class JobSignals(QObject):
    progressed = Signal(int, str)  # thousandths done (-1: unknown), what is being done
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class ProgressJob:
    """Runs one piece of work on a pool thread and reports back through queued signals.

    Start it with ``QThreadPool.start(job)``: a job is a plain callable, not a QRunnable, so the pool
    owns only its own wrapper and nothing is deleted under a thread still returning from the work.
    """

    def __init__(self, work: Callable[[ProgressFn], Any]) -> None:
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self._last = -2
        self.error: BaseException | None = None  # what ``failed`` reported, for callers that re-raise it
        self.thread_id: int | None = None  # the pool thread that ran the work

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, message: str) -> None:
        if self._cancel.is_set():
            raise ImportCancelled
        step = done * PROGRESS_STEPS // total if total > 0 else -1
        if step != self._last:
            self._last = step
            self.signals.progressed.emit(step, message)

    def __call__(self) -> None:  # on a pool thread
        self.thread_id = threading.get_ident()
        try:
            result = self.work(self._progress)
        except ImportCancelled:
            self.signals.cancelled.emit()
        except MapFileError as error:
            self.error = error
            self.signals.failed.emit(str(error))
        except MemoryError as error:
            self.error = error
            self.signals.failed.emit("out of memory")
        except Exception as error:  # noqa: BLE001 - a worker must report, never die silently
            self.error = error
            self.signals.failed.emit(f"unexpected {type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(result)


def show_progress(bar: QProgressBar, step: int) -> None:
    """Put a job's progress on a bar: a busy bar while the total is unknown."""
    if step < 0:
        bar.setRange(0, 0)
    else:
        bar.setRange(0, PROGRESS_STEPS)
        bar.setValue(step)


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[ProgressFn], T]) -> T:
    """Run ``work`` as a :class:`ProgressJob` and wait for it, behind a dialog shown after a moment.

    The window keeps painting while it waits (a local event loop that the job's outcome signal
    ends); the dialog is window-modal, so no edit can start meanwhile. The work's own exception is
    raised here, on the GUI thread.
    """
    job = ProgressJob(work)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("exportProgress")
    dialog.setWindowTitle(label.rstrip("…."))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    outcome: list[T] = []
    loop = QEventLoop()

    def finished(result: T) -> None:
        outcome.append(result)
        loop.quit()

    job.signals.finished.connect(finished)
    job.signals.failed.connect(lambda _message: loop.quit())
    job.signals.cancelled.connect(loop.quit)
    job.signals.progressed.connect(lambda step, _text: _show_step(dialog, step))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        QThreadPool.globalInstance().start(job)
        loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.reset()
        dialog.deleteLater()
    if job.error is not None:
        raise job.error
    if not outcome:
        raise ImportCancelled
    return outcome[0]


def _show_step(dialog: QProgressDialog, step: int) -> None:
    if step >= 0:
        dialog.setRange(0, PROGRESS_STEPS)
        dialog.setValue(step)
