"""Start-up of the desktop program: ``journeymap [FILE]`` ends here.

Order matters for a good first minute: check that a window can open at all (a missing display or
missing xcb libraries would make Qt abort with a cryptic message), read FILE (a bad file is one
line on stderr and exit status 1, before any window: the person typed the name in a terminal and
is looking there, and opening the sample instead would look as if their file had opened), then
the window on FILE or the sample map, then the offer to restore work a crash left behind.
Nothing here imports openpyxl or reportlab: they load when a spreadsheet or PDF is used.

:func:`run_app` is the one public entry: the command line calls it, and so do scripted checks that
drive the real program in a child process (``on_window`` gets the main window once it is shown).
``journeymap --quit-after-first-paint [FILE]`` exits 0 right after the map view's first paint,
for start-up benchmarks.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeymap.app.main_window import MainWindow

PROGRAM = "journeymap"
XCB_PACKAGES = "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"
XCB_LIBRARIES = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0")
INSTALL_HINT = f"On Debian or Ubuntu: sudo apt-get install {XCB_PACKAGES}"


def run_app(
    path: str | None = None,
    on_window: Callable[[MainWindow], object] | None = None,
    *,
    quit_after_first_paint: bool = False,
) -> int:
    """Open the main window on ``path`` (or the sample map) and run until it closes; returns the exit code.

    ``on_window`` is called with the main window once it is shown (scripted checks drive the real
    program through it). With ``quit_after_first_paint`` the program ends, status 0, right after
    the map view has painted for the first time.
    """
    problem = display_problem()
    if problem:
        print(f"{PROGRAM}: error: {problem}", file=sys.stderr)
        return 1
    from journeymap.io.errors import MapFileError
    from journeymap.model import MapError

    initial = None
    if path:
        from journeymap.io.formats import read_map

        try:
            from journeymap.app.room_recovery import fold_room_journal

            recovered = fold_room_journal(path) if path.lower().endswith(".cjm") else None
            if recovered:
                print(f"{PROGRAM}: note: {path}: {recovered}", file=sys.stderr)
            initial = read_map(path)
        except (MapFileError, MapError) as error:
            print(f"{PROGRAM}: error: {' '.join(str(error).split())}", file=sys.stderr)
            return 1
        for notice in initial.notices:
            print(f"{PROGRAM}: {notice.severity.value}: {notice}", file=sys.stderr)
    return _run_window(path, initial, on_window, quit_after_first_paint)


def display_problem() -> str:
    """Why no window can open on this machine, or "" if it should. Linux only; elsewhere Qt copes."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a "
            "desktop session, or with QT_QPA_PLATFORM=offscreen for a headless run. Qt's window on Linux "
            f"also needs the xcb libraries: {INSTALL_HINT}"
        )
    if os.environ.get("WAYLAND_DISPLAY"):
        return ""
    missing = [name for name in XCB_LIBRARIES if not _library_loadable(name)]
    if missing:
        return f"Qt cannot open a window: missing {', '.join(missing)}. {INSTALL_HINT}"
    return ""


def _library_loadable(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _run_window(
    path: str | None, initial: Any, on_window: Callable[[MainWindow], object] | None, quit_after_first_paint: bool
) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from journeymap import __version__
    from journeymap.app.paths import APPLICATION, ORGANISATION

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("journeymap")
    previous_hook = sys.excepthook
    sys.excepthook = _ExceptionHook()
    try:
        from journeymap.app.autosave import find_orphans
        from journeymap.app.main_window import MainWindow
        from journeymap.app.paths import autosave_dir
        from journeymap.editing.document import Document
        from journeymap.io.templates import load_sample

        orphans = find_orphans(autosave_dir())
        document = Document()
        if initial is None:
            document.load(load_sample(), None)
        elif initial.format == "cjm":
            document.load(initial.map, path)
        else:
            # A spreadsheet opened from the command line is an unsaved map: Save asks for a .cjm name.
            document.load(initial.map, None, modified=True)
        window = MainWindow(document)
        from journeymap.app.termination import quit_app_on_sigterm

        # Kept referenced: its timer lets Python's SIGTERM handler run inside Qt's event loop.
        _sigterm_poll = quit_app_on_sigterm(app, lambda: _autosave_before_exit(window))
        window.show()
        QTimer.singleShot(0, window.view.fit_to_map)
        if path and initial is not None and initial.format == "cjm":
            window.files.warn_if_open_elsewhere(path)
            window.files.adopt(path)
            window.recent.add(path)
        if orphans:
            QTimer.singleShot(0, lambda: _offer_restore(window, orphans))
        if on_window is not None:
            QTimer.singleShot(0, lambda: on_window(window))
        if quit_after_first_paint:
            # After this paint has reached the screen. No "save changes?" question: nothing was edited.
            window.view.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
        status = app.exec()
        if quit_after_first_paint and window.autosaver is not None:
            window.autosaver.close()  # a clean end: nothing to offer to restore next time
        return status
    finally:
        sys.excepthook = previous_hook


def _autosave_before_exit(window: Any) -> None:
    """SIGTERM: write unsaved work to the autosave (the next start offers it back), ask nothing."""
    if window.autosaver is not None and window.document.is_modified:
        window.autosaver.save_now()


def _offer_restore(window: Any, orphans: list[Any]) -> None:
    """Offer the newest crashed session's map; older ones stay for the next start."""
    from journeymap.app import crash_restore
    from journeymap.io.errors import MapFileError

    newest, *others = orphans
    for orphan in others:
        orphan.release()
    newest.others_waiting = len(others)
    choice = crash_restore.ask_restore(window, newest)
    if choice == crash_restore.RestoreChoice.RESTORE:
        try:
            journey = newest.load()
        except MapFileError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(window, "Cannot restore", str(error))
            newest.release()
            return
        window.document.load(journey, newest.original_path, modified=True)
        window.files.adopt(newest.original_path)
        window.after_load(f"Restored unsaved work on “{journey.title}”")
        if window.autosaver is not None:
            window.autosaver.save_now()  # our own session holds it now, before the old copy goes
        newest.remove()
    elif choice == crash_restore.RestoreChoice.DISCARD:
        newest.remove()
    else:
        newest.release()


class _ExceptionHook:
    """The last resort: an unexpected error is logged and shown in a dialog, never as a traceback."""

    def __init__(self) -> None:
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
            return
        log_file = _log(kind, error, trace)
        if self._showing:
            return
        self._showing = True
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            QMessageBox.critical(
                QApplication.activeWindow(),
                "Something went wrong",
                f"An unexpected error happened: {kind.__name__}: {error}\n\n"
                "Your map is autosaved every few seconds; save it now to be safe."
                + (f"\n\nDetails were written to {log_file}." if log_file else ""),
            )
        finally:
            self._showing = False


def _log(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    try:
        from journeymap.app.paths import log_path

        target = log_path()
        logger = logging.getLogger("journeymap")
        for stale in [h for h in logger.handlers if isinstance(h, logging.FileHandler)]:
            if stale.baseFilename != str(target.resolve()):
                logger.removeHandler(stale)
                stale.close()
        if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
            handler = logging.FileHandler(target, encoding="utf-8", delay=True)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
        logger.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, trace)))
        return str(target)
    except OSError:
        return ""
