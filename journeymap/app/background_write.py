"""Run one file write at a time on a worker thread and hear back on the GUI thread.

The autosave of a 50,000-card map takes about a second to encode and write; on the GUI thread
that second freezes the canvas in front of the room. The job gets a snapshot (immutable data),
never the live map, so the room keeps editing while it runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from journeymap.io.errors import MapFileError


class BackgroundWriter(QObject):
    """One write at a time; ``finished`` carries the one-line problem, or "" when it worked."""

    finished = Signal(str)
    _done = Signal(int, str)  # (job number, problem): emitted on the worker, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._job = 0
        self._result = ""
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Callable[[], None]) -> None:
        if self._thread is not None:
            raise RuntimeError("a background write is already running")
        self._job += 1
        thread = threading.Thread(target=self._run, args=(self._job, job), name="journeymap-autosave", daemon=True)
        self._thread = thread
        thread.start()

    def wait(self) -> None:
        """Block until the running write (if any) is on disk, and report it now."""
        thread = self._thread
        if thread is None:
            return
        thread.join()
        self._finish(self._result)

    def _run(self, number: int, job: Callable[[], None]) -> None:
        try:
            job()
            problem = ""
        except MapFileError as error:
            problem = str(error)
        except Exception as error:  # noqa: BLE001 - a worker must report, never die silently
            problem = f"could not be written ({type(error).__name__}: {error})"
        self._result = problem
        self._done.emit(number, problem)

    def _on_done(self, number: int, problem: str) -> None:
        if number == self._job:
            self._finish(problem)

    def _finish(self, problem: str) -> None:
        if self._thread is None:
            return  # already reported by wait()
        self._thread.join()
        self._thread = None
        self.finished.emit(problem)
