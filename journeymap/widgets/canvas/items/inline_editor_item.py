"""The inline text editor that opens over a card, header or milestone title.

Enter commits, Shift+Enter breaks the line, Tab commits and asks for the next one, Esc cancels. The
item only reports keys to its tool; what a commit means (add a card, rename a stage) is the tool's.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen, QTextCursor
from PySide6.QtWidgets import QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget


class EditorOwner(Protocol):
    def commit(self) -> None: ...

    def commit_and_next(self) -> None: ...

    def cancel(self) -> None: ...


_FRAME = QPen(QColor("#0a84ff"), 2)


class InlineEditorItem(QGraphicsTextItem):
    def __init__(self, owner: EditorOwner, rect: QRectF, text: str, font: QFont) -> None:
        super().__init__()
        self.setObjectName("inlineEditor")
        self.owner = owner
        self.setFont(font)
        self.setPlainText(text)
        self.setTextWidth(rect.width())
        self.setPos(rect.topLeft())
        self.min_height = rect.height()
        self.document().setDocumentMargin(3)
        self.setZValue(100)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)

    def select_all(self) -> None:
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def type_over(self, text: str) -> None:
        """Replace everything with typed text (typing on a selected card)."""
        self.select_all()
        cursor = self.textCursor()
        cursor.insertText(text)
        self.setTextCursor(cursor)

    def text(self) -> str:
        return self.toPlainText()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift:
            self.owner.commit()
        elif key == Qt.Key.Key_Escape:
            self.owner.cancel()
        elif key == Qt.Key.Key_Tab:
            self.owner.commit_and_next()
        elif key == Qt.Key.Key_Backtab:
            self.owner.commit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt virtual
        rect = super().boundingRect()
        return QRectF(rect.x() - 2, rect.y() - 2, rect.width() + 4, max(rect.height(), self.min_height) + 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        frame = self.boundingRect().adjusted(1, 1, -1, -1)
        painter.fillRect(frame, QColor("#ffffff"))
        # The view paints with DontSavePainterState: set every brush and pen used, never inherit one.
        painter.setPen(_FRAME)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        super().paint(painter, option, widget)  # type: ignore[arg-type]  # Qt accepts no widget
