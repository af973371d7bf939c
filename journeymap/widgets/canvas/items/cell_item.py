"""The drop target: one item that highlights the cell under a dragged card and where it will land.

The grid of cells itself is painted by the scene's background from the layout (a few lines per
frame), so a 5,000-cell map does not need 5,000 items.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import Rect
from journeymap.widgets.canvas.items.context import CanvasContext


class CellItem(QGraphicsRectItem):
    def __init__(self, ctx: CanvasContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cell: tuple[str, str] | None = None
        self.insert_y: float | None = None
        self.setZValue(0.5)
        self.setVisible(False)

    def show_target(self, cell: tuple[str, str] | None, rect: Rect | None, insert_y: float | None = None) -> None:
        """Highlight ``rect`` (scene coordinates) with a line at ``insert_y``; None hides it."""
        self.cell = cell
        if rect is None:
            self.setVisible(False)
            return
        self.insert_y = insert_y
        self.setRect(QRectF(rect.x, rect.y, rect.width, rect.height))
        self.setVisible(True)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = self.ctx.palette
        rect = self.rect().adjusted(2, 2, -2, -2)
        painter.setPen(palette.drop_pen)
        painter.setBrush(palette.drop_brush)
        painter.drawRect(rect)
        if self.insert_y is not None:
            painter.setPen(palette.insert_pen)
            pad = self.ctx.style.cell_padding
            painter.drawLine(QLineF(rect.left() + pad, self.insert_y, rect.right() - pad, self.insert_y))
