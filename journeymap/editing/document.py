"""The open document: one map, its file, its undo stack, and a Qt signal for its model events.

The map object lives as long as the document: opening another file replaces its content (a RESET
event), so the canvas and panels subscribe once and never need re-wiring.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap.editing.commands import GroupCommand
from journeymap.io.cjm import save_cjm
from journeymap.model import JourneyMap, MapEvent


class Document(QObject):
    """Owns the map and its QUndoStack; widgets edit only by pushing commands here."""

    map_changed = Signal(object)  # MapEvent, re-emitted from the model's plain-Python events
    path_changed = Signal(str)
    modified_changed = Signal(bool)

    def __init__(
        self, journey: JourneyMap | None = None, path: str | Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.journey = journey or JourneyMap()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self._path: Path | None = Path(path) if path else None
        self._group: GroupCommand | None = None
        self._unsubscribe = self.journey.events.subscribe(self._forward)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    def _forward(self, event: MapEvent) -> None:
        self.map_changed.emit(event)

    # -------------------------------------------------------------- state
    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self._path.name if self._path else self.journey.title or "Untitled"

    # -------------------------------------------------------------- editing
    def push(self, command: QUndoCommand) -> None:
        """Do a command and keep it for undo (inside :meth:`macro`, as part of that one step)."""
        if self._group is not None:
            command.redo()
            self._group.commands.append(command)
        else:
            self.undo_stack.push(command)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Commands pushed inside are one undo step, and one model event each way.

        Qt's own macros undo their children one by one, each announced on its own; this group
        command is a MapCommand, so its redo and undo reach the canvas as one change.
        """
        if self._group is not None:  # nested: the outer group takes the commands
            yield
            return
        group = self._group = GroupCommand(self.journey, text)
        try:
            with self.journey.batch():
                yield
        finally:
            self._group = None
            if group.commands:
                if len(group.commands) == 1:
                    group.setText(group.commands[0].text())
                self.undo_stack.push(group)

    # -------------------------------------------------------------- files
    def load(self, journey: JourneyMap, path: str | os.PathLike[str] | None, modified: bool = False) -> None:
        """Show another map in this document: content replaced, history cleared."""
        self.journey.replace_with(journey)
        self.undo_stack.clear()
        self._set_path(Path(path) if path else None)
        if modified:
            # A restored autosave or an import is unsaved work: mark it so closing asks.
            self.undo_stack.resetClean()
        else:
            # clear() leaves the mark of unsaved work an earlier load() set on an empty stack.
            self.undo_stack.setClean()
        self.modified_changed.emit(self.is_modified)

    def save(self, path: str | Path | None = None) -> Path:
        """Save as .cjm (atomically); raises MapFileError with the file named."""
        target = Path(path) if path else self._path
        if target is None:
            raise ValueError("save needs a path for an untitled map")
        save_cjm(self.journey, target)
        self._set_path(target)
        self.undo_stack.setClean()
        return target

    def _set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit(str(path) if path else "")

    def close(self) -> None:
        self._unsubscribe()
