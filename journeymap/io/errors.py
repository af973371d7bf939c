"""Errors that IO raises: each names the file, the place in it and what is wrong."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


class MapFileError(Exception):
    """A file could not be read or written. ``str()`` is the one line a user sees."""

    def __init__(self, path: str | os.PathLike[str], problem: str, place: str = "") -> None:
        self.path = os.fspath(path)
        self.problem = problem
        self.place = place
        super().__init__(f"{self.path}: {place + ': ' if place else ''}{problem}")


class UnsupportedFormatError(MapFileError):
    """The file's format (or the asked-for conversion) is not one we read or write."""


@contextlib.contextmanager
def reading(path: str | os.PathLike[str], folder: str = "is a folder, not a file") -> Iterator[None]:
    """Turn the OSErrors of opening and reading ``path`` into one-line MapFileErrors."""
    try:
        yield
    except FileNotFoundError:
        raise MapFileError(path, "no such file") from None
    except IsADirectoryError:
        raise MapFileError(path, folder) from None
    except PermissionError:
        raise MapFileError(path, "cannot be read: permission denied") from None
    except OSError as error:
        raise MapFileError(path, f"cannot be read ({error.strerror or error})") from None
