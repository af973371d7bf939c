"""Write a file so that a crash mid-write never leaves a broken file behind.

The bytes go to a temporary file in the same folder, are flushed and synced, and only then
renamed over the target: readers see the old file or the new one, never half of one.

A symbolic link is followed: its target gets the new content and the link stays a link. A hard
link does not survive (the rename gives the name a new file; other names keep the old content),
which is what every editor that saves atomically does. A read-only file is refused rather than
silently replaced.

Temporary files are named ``.<name>.<pid>.<random>.tmp``. Those of writes in progress are
remembered, so a SIGTERM handler can remove them (:func:`remove_live_temp_files`), and a later
write of the same file removes those a killed process left behind (:func:`remove_stale_temp_files`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from journeymap.io.errors import MapFileError

_TEMP_SUFFIX = ".tmp"
# Temp files of versions before the pid was in the name: removed only when clearly abandoned.
_UNOWNED_STALE_SECONDS = 3600
_live: set[str] = set()
_live_lock = threading.Lock()


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a save of ``path`` really writes: a symlink's target, never the link itself."""
    target = Path(path)
    if target.is_symlink():
        # realpath does not raise on a loop; the write then fails with a one-line error.
        return Path(os.path.realpath(target))
    return target


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary stream; on a clean exit its content replaces ``path`` in one rename."""
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    existing = _existing_mode(path, target)
    if existing is not None and not existing & 0o222:
        raise MapFileError(
            path, "is read-only, so it was not replaced; save under another name, or make the file writable first"
        )
    remove_stale_temp_files(target)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f"{_temp_prefix(target)}{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=folder
        )
    except OSError as error:
        raise MapFileError(path, f"cannot write here ({error.strerror or error})") from None
    with _live_lock:
        _live.add(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            # mkstemp creates 0600; keep the permissions the user's file already had.
            with contextlib.suppress(OSError):
                os.chmod(temp_name, existing & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise MapFileError(path, f"could not be saved ({error.strerror or error})") from None
        raise
    finally:
        with _live_lock:
            _live.discard(temp_name)
    _sync_folder(folder)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path) as stream:
        stream.write(data)


def write_atomic_with(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Let a writer (openpyxl, reportlab) fill the stream, then rename it into place."""
    with atomic_writer(path) as stream:
        write(stream)


def remove_live_temp_files() -> None:
    """Remove the temporary files of writes still in progress: the process is about to end."""
    with _live_lock:
        names = list(_live)
        _live.clear()
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


def remove_stale_temp_files(path: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files that interrupted saves of ``path`` left beside it; returns them.

    A temp file is stale when the process named in it is no longer running (or is this one, and
    no longer writing it); one without a pid is stale after an hour untouched.
    """
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    prefix = _temp_prefix(target)
    removed = []
    try:
        candidates = [
            entry for entry in os.scandir(folder) if entry.name.startswith(prefix) and entry.name.endswith(_TEMP_SUFFIX)
        ]
    except OSError:
        return []
    for entry in candidates:
        middle = entry.name[len(prefix) : -len(_TEMP_SUFFIX)]
        owner, _, rest = middle.partition(".")
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if owner.isdigit() and rest:
                if _running(int(owner)) and not _is_own_leftover(int(owner), entry.path):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < _UNOWNED_STALE_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def _existing_mode(path: str | os.PathLike[str], target: Path) -> int | None:
    try:
        info = target.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise MapFileError(path, f"cannot be written ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise MapFileError(path, f"is {what}, so nothing was written there")
    return info.st_mode


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's live process (or a pid we cannot ask about): leave it
    return True


def _is_own_leftover(pid: int, name: str) -> bool:
    if pid != os.getpid():
        return False
    with _live_lock:
        return name not in _live and os.path.abspath(name) not in _live


def _sync_folder(folder: Path) -> None:
    # The rename itself must reach the disk too, or a power cut can undo it.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
