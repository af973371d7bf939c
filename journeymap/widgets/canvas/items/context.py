"""What every item needs to paint: the measurer's fonts, the layout style and the palette.

One shared object, swapped as a whole when presentation mode changes, so items never build fonts,
pens or colours in ``paint()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QStaticText

from journeymap.layout import LayoutStyle, TextStyle
from journeymap.widgets.canvas.palette import CanvasPalette
from journeymap.widgets.canvas.qt_measure import QtTextMeasurer

# Below this zoom, text is too small to read: items paint flat shapes only.
DETAIL_ZOOM = 0.4


@dataclass
class CanvasContext:
    measurer: QtTextMeasurer
    style: LayoutStyle
    palette: CanvasPalette

    def font(self, style: TextStyle) -> QFont:
        return self.measurer.font_for(style)

    def block(self, lines: tuple[str, ...], style: TextStyle) -> TextBlock:
        return TextBlock(lines, self, style)


class TextBlock:
    """Lines already wrapped by the layout, drawn with cached glyph runs (QStaticText).

    The static texts are made on first paint, so opening a big map does not pay for cards that are
    never on screen.
    """

    __slots__ = ("_static", "font", "line_height", "lines", "offset")

    def __init__(self, lines: tuple[str, ...], ctx: CanvasContext, style: TextStyle) -> None:
        self.lines = lines
        self.font = ctx.font(style)
        self.line_height = style.line_height
        self.offset = ctx.measurer.text_offset(style)
        self._static: list[QStaticText] | None = None

    def draw(self, painter: QPainter, x: float, top: float) -> None:
        if self._static is None:
            self._static = []
            for line in self.lines:
                static = QStaticText(line)
                static.setTextFormat(Qt.TextFormat.PlainText)
                self._static.append(static)
        painter.setFont(self.font)
        y = top + self.offset
        for static in self._static:
            painter.drawStaticText(QPointF(x, y), static)
            y += self.line_height


def paint_header_frame(painter: QPainter, rect: QRectF, palette: CanvasPalette, selected: bool) -> None:
    """The grid lines on a header's right and bottom edges, and its selection outline."""
    painter.setPen(palette.grid_pen)
    painter.drawLine(QLineF(rect.topRight(), rect.bottomRight()))
    painter.drawLine(QLineF(rect.bottomLeft(), rect.bottomRight()))
    if selected:
        painter.setPen(palette.selection_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
