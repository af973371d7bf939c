"""Never lose work: autosave the open map to the per-user data folder, and find it after a crash.

Each running window owns one *session* in the autosave folder: ``<session>.cjm`` (the map),
``<session>.json`` (where it came from, when it was saved) and ``<session>.lock`` (a QLockFile with
our pid). The map is written a few seconds after the last change (a debounced timer, so typing does
not write on every key, with a maximum wait, so a busy room loses at most about 5 s of work), on a
worker thread from a snapshot, atomically, and removed when the map is saved or the window closes
cleanly. A session whose lock is stale (its process died) is an *orphan*: the next start offers to
restore it. A live lock means another instance is running, and its autosave is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from journeymap.app.background_write import BackgroundWriter
from journeymap.editing.document import Document
from journeymap.io.atomic import write_atomic
from journeymap.io.cjm import dumps_document, encode, load_cjm, to_document
from journeymap.io.errors import MapFileError
from journeymap.model import JourneyMap

AUTOSAVE_DELAY_MS = 2000
# However busy the room (the properties panel sends a change per keystroke), an unsaved change
# reaches the disk within this much plus the write itself (about 1 s for 50,000 cards on a busy
# 2-core machine): at most 5 s of work is at risk.
AUTOSAVE_MAX_WAIT_MS = 3500


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    # Only a dead owner makes a lock stale: a session can sit unchanged for hours.
    lock.setStaleLockTime(0)
    return lock


def write_session(document: dict[str, Any], info: dict[str, object], map_path: Path, info_path: Path) -> None:
    """Encode and write one autosave (map, then its info); runs on the background thread.

    ``document`` is ``to_document``'s fresh JSON data (immutable strings in new containers): the
    same content a Save writes, whatever the map holds, and no longer tied to the live map.
    """
    write_atomic(map_path, encode(dumps_document(document)))
    write_atomic(info_path, json.dumps(info, ensure_ascii=False).encode("utf-8"))


class Autosaver(QObject):
    """Writes the document's map to this session's autosave file shortly after each change.

    The countdown restarts with each change (so typing does not write on every key) but never
    runs past the maximum wait counted from the first unsaved change. The write happens on a
    worker thread from a snapshot (the map's JSON data); the GUI thread only takes the snapshot.
    """

    failed = Signal(str)  # the one-line problem, for the status bar; the workshop goes on
    written = Signal()

    def __init__(
        self,
        document: Document,
        folder: Path,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
        max_wait_ms: int = AUTOSAVE_MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("autosaver")
        self._document = document
        self._folder = folder
        self.session = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._lock = _lock(self._folder / f"{self.session}.lock")
        self._lock.tryLock(0)
        self._timer = self._single_shot("autosaveTimer", delay_ms)
        self._deadline = self._single_shot("autosaveDeadline", max(delay_ms, max_wait_ms))
        self._writer = BackgroundWriter(self)
        self._writer.finished.connect(self._on_written)
        self._again = False  # changes arrived while a write was running
        self._discards = 0  # a write started before a discard must not bring the files back
        self._discards_at_start = 0
        self.last_error = ""
        document.map_changed.connect(self.schedule)
        document.modified_changed.connect(self._on_modified_changed)

    def _single_shot(self, name: str, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setObjectName(name)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self.save_in_background)
        return timer

    @property
    def map_path(self) -> Path:
        return self._folder / f"{self.session}.cjm"

    @property
    def info_path(self) -> Path:
        return self._folder / f"{self.session}.json"

    @property
    def writing(self) -> bool:
        return self._writer.busy

    def schedule(self, *_args: object) -> None:
        """(Re)start the countdown; the deadline set by the first unsaved change is not moved."""
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def save_in_background(self) -> None:
        """Take a snapshot now and write it on the worker thread (or after the running write)."""
        self._stop_timers()
        if not self._document.is_modified:
            self.discard()
            return
        if self._writer.busy:
            self._again = True
            return
        taken, info = self._snapshot()
        self._discards_at_start = self._discards
        map_path, info_path = self.map_path, self.info_path
        self._writer.start(lambda: write_session(taken, info, map_path, info_path))

    def save_now(self) -> None:
        """Write the autosave now, on this thread, or remove it if there is nothing unsaved."""
        self._writer.wait()
        self._stop_timers()
        self._again = False
        if not self._document.is_modified:
            self.discard()
            return
        taken, info = self._snapshot()
        try:
            write_session(taken, info, self.map_path, self.info_path)
        except MapFileError as error:
            self._report(str(error))
        else:
            self._report("")

    def wait(self) -> None:
        """Block until a background write is on disk (closing, quitting, tests)."""
        self._writer.wait()

    def discard(self) -> None:
        """Remove this session's autosave (after a save, a clean close, or undo back to saved)."""
        self._stop_timers()
        self._again = False
        self._discards += 1
        self._remove_files()

    def close(self) -> None:
        """A clean close: nothing to restore next time."""
        self._writer.wait()
        self.discard()
        self._lock.unlock()

    def _snapshot(self) -> tuple[dict[str, Any], dict[str, object]]:
        """The part that runs on the GUI thread: the map's JSON data (a cell walk, no encoding)."""
        path = self._document.path
        info: dict[str, object] = {
            "path": str(path) if path else None,
            "title": self._document.journey.title,
            "saved": time.time(),
            "pid": os.getpid(),
        }
        return to_document(self._document.journey), info

    def _on_written(self, problem: str) -> None:
        if self._discards != self._discards_at_start:
            # Saved (or undone to saved) while the write ran: the file it wrote is stale.
            self._remove_files()
            problem = ""
        self._report(problem)
        if self._again:
            self._again = False
            self.save_in_background()

    def _report(self, problem: str) -> None:
        self.last_error = problem
        if problem:
            # A full disk must not interrupt the workshop with a dialog; the status bar says it.
            self.failed.emit(problem)
        else:
            self.written.emit()

    def _remove_files(self) -> None:
        for path in (self.map_path, self.info_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _stop_timers(self) -> None:
        self._timer.stop()
        self._deadline.stop()

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard()
        else:
            self.schedule()


@dataclass
class Orphan:
    """The autosave of a session whose process died; we hold its lock until it is resolved."""

    session: str
    map_path: Path
    info_path: Path
    original_path: str | None
    title: str
    saved: float
    lock: QLockFile
    others_waiting: int = 0  # older crashed sessions, offered at the next starts

    def load(self) -> JourneyMap:
        return load_cjm(self.map_path)

    def remove(self) -> None:
        for path in (self.map_path, self.info_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self.release()

    def release(self) -> None:
        """Leave it for the next start (the user chose "Later")."""
        self.lock.unlock()


def find_orphans(folder: Path) -> list[Orphan]:
    """Autosaves left by processes that are no longer running, newest first."""
    orphans = []
    for map_path in folder.glob("*.cjm"):
        session = map_path.stem
        lock = _lock(folder / f"{session}.lock")
        if not lock.tryLock(0):
            continue  # a running instance owns it
        info_path = folder / f"{session}.json"
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        orphans.append(
            Orphan(
                session=session,
                map_path=map_path,
                info_path=info_path,
                original_path=info.get("path") if isinstance(info.get("path"), str) else None,
                title=str(info.get("title") or map_path.stem),
                saved=float(info.get("saved") or map_path.stat().st_mtime),
                lock=lock,
            )
        )
    _sweep_stale_locks(folder, {orphan.session for orphan in orphans})
    return sorted(orphans, key=lambda orphan: orphan.saved, reverse=True)


def _sweep_stale_locks(folder: Path, keep: set[str]) -> None:
    """Remove locks of dead sessions that left no map (they crashed before any change)."""
    for lock_path in folder.glob("*.lock"):
        session = lock_path.stem
        if session in keep or (folder / f"{session}.cjm").exists():
            continue
        lock = _lock(lock_path)
        if lock.tryLock(0):
            lock.unlock()
