"""The Open Recent list, kept in QSettings so it survives restarts."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentFiles"
LIMIT = 10


class RecentFiles:
    """Most recent first, no duplicates, at most ``limit`` entries."""

    def __init__(self, settings: QSettings, limit: int = LIMIT) -> None:
        self._settings = settings
        self._limit = limit

    @property
    def settings(self) -> QSettings:
        """The settings the list lives in (the app's; other per-user choices sit beside it)."""
        return self._settings

    def paths(self) -> list[str]:
        value = self._settings.value(KEY, [])
        if isinstance(value, str):  # QSettings gives a single-entry list back as a string
            value = [value]
        if not isinstance(value, list | tuple):
            return []
        return [str(p) for p in value if p]

    def add(self, path: str | os.PathLike[str]) -> None:
        entry = _entry(path)
        paths = [entry, *(p for p in self.paths() if p != entry)]
        self._store(paths[: self._limit])

    def remove(self, path: str | os.PathLike[str]) -> None:
        entry = _entry(path)
        self._store([p for p in self.paths() if p != entry])

    def clear(self) -> None:
        self._store([])

    def _store(self, paths: list[str]) -> None:
        self._settings.setValue(KEY, paths)
        self._settings.sync()


def _entry(path: str | os.PathLike[str]) -> str:
    """The path as the list keeps it: resolved, or only made absolute where it cannot be (a loop of
    symbolic links, which Path.resolve() refuses with an error)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)
