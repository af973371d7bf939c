"""Long file work off the GUI thread, with progress the window can show and a way to cancel.

A :class:`ProgressJob` runs ``work(progress)`` on a thread pool. ``progress(done, total, text)``
reaches the GUI as a queued signal (at most once per thousandth of the work, so a fast reader
cannot flood the event loop) and raises :class:`ImportCancelled` once :meth:`ProgressJob.cancel`
was called, which stops the work at its next report. The outcome comes back as exactly one of
``finished(result)``, ``failed(message)`` or ``cancelled()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtWidgets import QProgressBar

from journeymap.io.errors import MapFileError
from journeymap.io.sheets import ImportCancelled, ProgressFn

PROGRESS_STEPS = 1000


class JobSignals(QObject):
    progressed = Signal(int, str)  # thousandths done (-1: unknown), what is being done
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class ProgressJob(QRunnable):
    """Runs one piece of work on a pool thread and reports back through queued signals."""

    def __init__(self, work: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until the outcome has arrived
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self._last = -2

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, message: str) -> None:
        if self._cancel.is_set():
            raise ImportCancelled
        step = done * PROGRESS_STEPS // total if total > 0 else -1
        if step != self._last:
            self._last = step
            self.signals.progressed.emit(step, message)

    def run(self) -> None:  # on a pool thread
        try:
            result = self.work(self._progress)
        except ImportCancelled:
            self.signals.cancelled.emit()
        except MapFileError as error:
            self.signals.failed.emit(str(error))
        except MemoryError:
            self.signals.failed.emit("out of memory")
        except Exception as error:  # noqa: BLE001 - a worker must report, never die silently
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
