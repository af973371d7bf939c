"""Never lose work: autosave the open map to the per-user data folder, and find it after a crash.

Each running window owns one *session* in the autosave folder: ``<session>.cjm`` (the map),
``<session>.json`` (where it came from, when it was saved) and ``<session>.lock`` (a QLockFile with
our pid). The map is written a few seconds after the last change (a debounced timer, so typing does
not write on every key), atomically, and removed when the map is saved or the window closes
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

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from journeymap.editing.document import Document
from journeymap.io.atomic import write_atomic
from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.io.errors import MapFileError
from journeymap.model import JourneyMap

AUTOSAVE_DELAY_MS = 2000


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    # Only a dead owner makes a lock stale: a session can sit unchanged for hours.
    lock.setStaleLockTime(0)
    return lock


class Autosaver(QObject):
    """Writes the document's map to this session's autosave file shortly after each change."""

    failed = Signal(str)  # the one-line problem, for the status bar; the workshop goes on

    def __init__(self, document: Document, folder: Path, delay_ms: int = AUTOSAVE_DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autosaver")
        self._document = document
        self._folder = folder
        self.session = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._lock = _lock(self._folder / f"{self.session}.lock")
        self._lock.tryLock(0)
        self._timer = QTimer(self)
        self._timer.setObjectName("autosaveTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        self.last_error = ""
        document.map_changed.connect(self.schedule)
        document.modified_changed.connect(self._on_modified_changed)

    @property
    def map_path(self) -> Path:
        return self._folder / f"{self.session}.cjm"

    @property
    def info_path(self) -> Path:
        return self._folder / f"{self.session}.json"

    def schedule(self, *_args: object) -> None:
        """(Re)start the countdown: the file is written once the edits pause."""
        self._timer.start()

    def save_now(self) -> None:
        """Write the autosave now, or remove it if there is nothing unsaved."""
        self._timer.stop()
        if not self._document.is_modified:
            self.discard()
            return
        path = self._document.path
        info = {"path": str(path) if path else None, "title": self._document.journey.title,
                "saved": time.time(), "pid": os.getpid()}
        try:
            save_cjm(self._document.journey, self.map_path)
            write_atomic(self.info_path, json.dumps(info, ensure_ascii=False).encode("utf-8"))
            self.last_error = ""
        except MapFileError as error:
            # A full disk must not interrupt the workshop with a dialog; the status bar says it.
            self.last_error = str(error)
            self.failed.emit(self.last_error)

    def discard(self) -> None:
        """Remove this session's autosave (after a save, a clean close, or undo back to saved)."""
        self._timer.stop()
        for path in (self.map_path, self.info_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def close(self) -> None:
        """A clean close: nothing to restore next time."""
        self.discard()
        self._lock.unlock()

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
        orphans.append(Orphan(
            session=session, map_path=map_path, info_path=info_path,
            original_path=info.get("path") if isinstance(info.get("path"), str) else None,
            title=str(info.get("title") or map_path.stem),
            saved=float(info.get("saved") or map_path.stat().st_mtime), lock=lock,
        ))
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
