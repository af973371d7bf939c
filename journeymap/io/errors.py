"""Errors that IO raises: each names the file, the place in it and what is wrong."""

from __future__ import annotations

import os


class MapFileError(Exception):
    """A file could not be read or written. ``str()`` is the one line a user sees."""

    def __init__(self, path: str | os.PathLike[str], problem: str, place: str = "") -> None:
        self.path = os.fspath(path)
        self.problem = problem
        self.place = place
        super().__init__(f"{self.path}: {place + ': ' if place else ''}{problem}")


class UnsupportedFormatError(MapFileError):
    """The file's format (or the asked-for conversion) is not one we read or write."""
