"""Saves that respect other copies: what the map's file looked like, and who else has it open.

Two instances on one file used to end with the later Save silently discarding the other's saved
work. The guard remembers the file's size, modification time and inode when the map is opened or
saved here; before the next Save the file is compared with that, and a difference means someone
else wrote it. Opening takes a lock file beside the map (``.<name>.lock``, a QLockFile holding
our pid and host), so a second instance can say that the map is already open, and by whom. A
lock whose process died is stale and taken over; a folder where no lock can be made (read-only)
simply has none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo


@dataclass(frozen=True)
class DiskState:
    """Enough of a file's stat to tell that someone else replaced or rewrote it."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, info.st_ino)


@dataclass(frozen=True)
class Holder:
    """Another instance that has the map open."""

    pid: int
    host: str

    def describe(self) -> str:
        if not self.pid:
            return "its lock file could not be read"
        return f"process {self.pid} on {self.host}" if self.host else f"process {self.pid}"


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)  # only a dead owner makes it stale: a workshop lasts hours
    return lock


def holder_of(path: str | os.PathLike[str]) -> Holder | None:
    """Who else has this map open, or None (nobody, or only a process that died)."""
    probe = _lock(Path(path))
    if probe.tryLock(0):
        probe.unlock()
        return None
    if probe.error() != QLockFile.LockError.LockFailedError:
        return None  # no lock can be made here (a read-only folder): nobody can say
    info = probe.getLockInfo()  # PySide6 gives (pid, host, app), or a falsy value if unreadable
    if not isinstance(info, tuple) or len(info) < 3:
        return Holder(0, "")
    pid, host = int(info[-3]), str(info[-2])
    if pid == os.getpid() and host == QSysInfo.machineHostName():
        return None  # this process: the app has one window per process, so it is this map here
    return Holder(pid, host)


class DiskGuard:
    """The open map's file: its state when we last read or wrote it, and our lock on it."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.state: DiskState | None = None
        self._lock: QLockFile | None = None

    def track(self, path: str | os.PathLike[str] | None) -> None:
        """The map now shows (or was just saved to) ``path``: remember its file, lock it."""
        target = Path(os.path.realpath(path)) if path else None
        if target != self.path:
            self.release()
            self.path = target
            if target is not None:
                lock = _lock(target)
                self._lock = lock if lock.tryLock(0) else None
        self.state = DiskState.of(target) if target is not None else None

    def changed_on_disk(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is the tracked file and something else wrote it since we did."""
        if self.path is None or Path(os.path.realpath(path)) != self.path or self.state is None:
            return False
        return DiskState.of(self.path) != self.state

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
        self._lock = None
        self.path = None
        self.state = None
