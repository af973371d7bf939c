"""Only regular files are opened: a FIFO would block the read forever, a device never ends.

``open()`` on a named pipe waits for a writer, so the kind of a path is checked with ``stat``
before anything opens it, and the refusal names what the path is instead.
"""

from __future__ import annotations

import os
import stat

from journeymap.io.errors import MapFileError, reading

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def require_regular_file(path: str | os.PathLike[str], folder: str = "is a folder, not a file") -> os.stat_result:
    """The file's stat (symlinks followed); a one-line MapFileError for anything but a regular file."""
    with reading(path, folder=folder):
        info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise MapFileError(path, folder)
    if not stat.S_ISREG(info.st_mode):
        what = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise MapFileError(path, f"is {what}, not a file; only map and spreadsheet files can be opened")
    return info
