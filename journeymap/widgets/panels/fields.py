"""Editors for one field of a record, with the two halves of a binding kept apart.

``edited`` fires only for the user's own changes (typing, choosing); ``set_value`` shows a value
from the model with signals blocked and only when it differs, so a model event never echoes back
as an edit and the caret does not jump while someone types. This is napari's pattern for its
layer controls: the widget tells, the model answers, and the answer is not told again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget


def claims_own_undo(event: QEvent) -> bool:
    """True for Undo and Redo keys: while a field has focus they undo its typing, not the map's steps."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    standard = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
    return any(event.matches(key) for key in standard) or QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Y")


class LineField(QLineEdit):
    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self.edited.emit)

    def value(self) -> str:
        return self.text()

    def event(self, event: QEvent) -> bool:
        if claims_own_undo(event):
            event.accept()
            return True
        return super().event(event)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text == self.text():
            return
        position = self.cursorPosition()
        with QSignalBlocker(self):
            self.setText(text)
        self.setCursorPosition(min(position, len(text)))


class TextField(QPlainTextEdit):
    """Multi-line text (notes, goals); grows with a few lines, then scrolls."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves to the next field, as in every other form
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(line * lines + 2 * self.frameWidth() + self.document().documentMargin() * 2))
        self.textChanged.connect(lambda: self.edited.emit(self.toPlainText()))

    def value(self) -> str:
        return self.toPlainText()

    def event(self, event: QEvent) -> bool:
        if claims_own_undo(event):
            event.accept()
            return True
        return super().event(event)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        with QSignalBlocker(self):
            self.setPlainText(text)
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(text)), QTextCursor.MoveMode.MoveAnchor)
            self.setTextCursor(cursor)


class ChoiceField(QComboBox):
    """A fixed list of (label, value) choices; ``edited`` carries the chosen value."""

    edited = Signal(object)

    def __init__(self, choices: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = [value for _, value in choices]
        for label, _ in choices:
            self.addItem(label)
        self.activated.connect(lambda index: self.edited.emit(self._values[index]))

    def value(self) -> Any:
        return self._values[self.currentIndex()]

    def set_value(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        if index != self.currentIndex():
            with QSignalBlocker(self):
                self.setCurrentIndex(index)
