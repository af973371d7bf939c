"""Write a file so that a crash mid-write never leaves a broken file behind.

The bytes go to a temporary file in the same folder, are flushed and synced, and only then
renamed over the target: readers see the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from journeymap.io.errors import MapFileError


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary stream; on a clean exit its content replaces ``path`` in one rename."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MapFileError(path, f"cannot write here ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # mkstemp creates 0600; keep the permissions the user's file already had.
            with contextlib.suppress(OSError):
                os.chmod(temp_name, target.stat().st_mode & 0o777)
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
            raise MapFileError(path, f"could not be saved ({error.strerror or error})") from error
        raise
    _sync_folder(folder)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path) as stream:
        stream.write(data)


def write_atomic_with(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Let a writer (openpyxl, reportlab) fill the stream, then rename it into place."""
    with atomic_writer(path) as stream:
        write(stream)


def _sync_folder(folder: Path) -> None:
    # The rename itself must reach the disk too, or a power cut can undo it.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
