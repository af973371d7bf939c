"""SIGTERM (a logout, ``kill``, a service manager) ends the program without leaving debris.

Python's default for SIGTERM ends the process at once: a save or export in progress leaves its
temporary file beside the target. Here the command line removes the temporary files of writes in
progress and exits with status 143; the window also writes its autosave first (so the next start
offers the unsaved work back) and leaves its event loop without asking questions.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

from journeymap.io.atomic import remove_live_temp_files

EXIT_STATUS = 128 + signal.SIGTERM


def exit_cleanly_on_sigterm() -> None:
    """For the command line: temp files removed, then SystemExit unwinds every ``finally``."""
    signal.signal(signal.SIGTERM, _raise_exit)


def _raise_exit(_signum: int, _frame: FrameType | None) -> None:
    remove_live_temp_files()
    raise SystemExit(EXIT_STATUS)


def quit_app_on_sigterm(app: Any, before_quit: Callable[[], None]) -> Any:
    """For the window: ``before_quit`` (the autosave), temp files removed, event loops left.

    Python runs signal handlers only between bytecodes, and Qt's event loop is C++: a timer
    gives Python a moment several times a second. Returns the timer, which must be kept alive.
    """
    from PySide6.QtCore import QTimer

    def handle(_signum: int, _frame: FrameType | None) -> None:
        try:
            before_quit()
        finally:
            remove_live_temp_files()
            app.exit(EXIT_STATUS)

    signal.signal(signal.SIGTERM, handle)
    timer = QTimer(app)
    timer.setObjectName("sigtermPoll")
    timer.timeout.connect(lambda: None)
    timer.start(200)
    return timer
