"""The find bar under the canvas (Ctrl+F): matching cards are highlighted and cycled through.

Enter or F3 goes to the next match, Shift+Enter or Shift+F3 to the previous one, Esc closes the
bar and clears the highlight. The canvas does the matching; the bar only drives it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

# Measured in issue 11: one search over 10,000 cards took 0.3 s, so each letter lagged. From this
# many cards a search waits until typing pauses this long.
FIND_SETTLE_MIN_CARDS = 2000
FIND_SETTLE_MS = 250


class FindBar(QWidget):
    def __init__(self, view: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        self.edit = QLineEdit()
        self.edit.setObjectName("findText")
        self.edit.setPlaceholderText("Find cards…")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        # On a big map each search walks every card; typing restarts a short wait so it runs once.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(FIND_SETTLE_MS)
        self._settle.timeout.connect(lambda: self._on_text_changed(self.edit.text()))
        self.edit.textChanged.connect(self._on_typed)
        self.count_label = QLabel()
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(90)
        previous = self._button("findPrevious", "▲", "Previous match (Shift+Enter, Shift+F3)", self.find_previous)
        following = self._button("findNext", "▼", "Next match (Enter, F3)", self.find_next)
        close = self._button("findClose", "✕", "Close (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:"))
        self.edit.setMaximumWidth(420)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addStretch(1)
        layout.addWidget(close)
        self.matches = 0
        self.hide()

    def _button(self, name: str, text: str, tip: str, slot: Any) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def open_bar(self) -> None:
        """Show the bar with its text selected, so typing replaces the last search."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self._on_text_changed(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self._view.clear_find()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _flush(self) -> None:
        """A search still waiting for typing to pause runs now (Enter came first)."""
        if self._settle.isActive():
            self._settle.stop()
            self._on_text_changed(self.edit.text())

    def find_next(self) -> None:
        self._flush()
        if self.edit.text():
            self._view.find_next()
            self._show_count()

    def find_previous(self) -> None:
        self._flush()
        if self.edit.text():
            self._view.find_previous()
            self._show_count()

    def _show_count(self) -> None:
        """ "3 of 7": where we are among the matches, so the room knows how many are left."""
        if not self.matches:
            self.count_label.setText("No matches")
            return
        index = getattr(getattr(self._view, "finder", None), "index", -1)
        self.count_label.setText(
            f"{index + 1} of {self.matches}"
            if 0 <= index < self.matches
            else f"{self.matches} match{'es' if self.matches != 1 else ''}"
        )

    def _on_typed(self, text: str) -> None:
        if len(self._view.map_scene.layout.cards) >= FIND_SETTLE_MIN_CARDS:
            self._settle.start()
        else:
            self._on_text_changed(text)

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._view.clear_find()
            self.matches = 0
            self.count_label.setText("")
            return
        self.matches = int(self._view.find(text) or 0)
        self._show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        if watched is self.edit and isinstance(event, QKeyEvent):
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
                event.accept()  # Esc closes the bar; it must not leave workshop mode as well
                return True
            if event.type() == QEvent.Type.KeyPress:
                if key == Qt.Key.Key_Escape:
                    self.close_bar()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.find_previous() if shift else self.find_next()
                    return True
        return super().eventFilter(watched, event)
