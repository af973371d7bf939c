"""What every item needs to paint: the fonts, the layout's measurer and style, and the palette.

One shared object, swapped as a whole when presentation mode changes, so items never build fonts,
pens or colours in ``paint()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QStaticText, QTransform

from journeymap.layout import LayoutStyle, TextMeasurer, TextStyle
from journeymap.layout.style import ITALIC_SLANT
from journeymap.widgets.canvas.palette import CanvasPalette
from journeymap.widgets.canvas.qt_fonts import CanvasFonts

# Below this zoom, text is too small to read: items paint flat shapes only.
DETAIL_ZOOM = 0.4


@dataclass
class CanvasContext:
    fonts: CanvasFonts
    measurer: TextMeasurer  # the layout's: items use it only for baselines, never to wrap
    style: LayoutStyle
    palette: CanvasPalette

    def font(self, style: TextStyle) -> QFont:
        """A font of about ``style``'s size for inline editors; painting uses :class:`TextBlock`."""
        return self.fonts.editor_font(style)

    def block(self, lines: tuple[str, ...], style: TextStyle) -> TextBlock:
        return TextBlock(lines, self, style)


class TextBlock:
    """Lines already wrapped by the layout, drawn with cached glyph runs (QStaticText).

    Drawn at the layout's baselines with a reference-size font in a scaled painter (see
    :mod:`journeymap.widgets.canvas.qt_fonts`), so each line is exactly as wide as the layout
    measured it. The static texts are made on first paint, so opening a big map does not pay for
    cards that are never on screen.
    """

    __slots__ = ("_static", "ascent", "baseline", "font", "line_height", "lines", "scale", "slant")

    def __init__(self, lines: tuple[str, ...], ctx: CanvasContext, style: TextStyle) -> None:
        self.lines = lines
        self.font, self.scale, self.ascent = ctx.fonts.paint_font(style)
        self.line_height = style.line_height
        self.baseline = ctx.measurer.baseline(style)
        # Italic is the upright face slanted about each baseline, as on the poster: same widths, same breaks.
        self.slant = ITALIC_SLANT if style.italic else 0.0
        self._static: list[QStaticText] | None = None

    def draw(self, painter: QPainter, x: float, top: float) -> None:
        """Draw the lines, the first one's line box starting at ``top`` (item coordinates)."""
        if self._static is None:
            self._static = []
            for line in self.lines:
                static = QStaticText(line)
                static.setTextFormat(Qt.TextFormat.PlainText)
                self._static.append(static)
        saved = painter.worldTransform()
        scale = self.scale
        painter.setFont(self.font)
        if self.slant:
            # Each line leans about its own baseline (y grows downwards: the top moves right).
            for index, static in enumerate(self._static):
                baseline = top + self.baseline + index * self.line_height
                painter.setWorldTransform(
                    QTransform(saved).translate(x, baseline).shear(-self.slant, 0).scale(scale, scale)
                )
                painter.drawStaticText(QPointF(0, -self.ascent), static)
            painter.setWorldTransform(saved)
            return
        painter.setWorldTransform(QTransform(saved).translate(x, top + self.baseline).scale(scale, scale))
        # QStaticText is placed by the top of its line; the layout gave the baseline.
        y, step = -self.ascent, self.line_height / scale
        for static in self._static:
            painter.drawStaticText(QPointF(0, y), static)
            y += step
        painter.setWorldTransform(saved)


def paint_header_frame(painter: QPainter, rect: QRectF, palette: CanvasPalette, selected: bool) -> None:
    """The grid lines on a header's right and bottom edges, and its selection outline."""
    painter.setPen(palette.grid_pen)
    painter.drawLine(QLineF(rect.topRight(), rect.bottomRight()))
    painter.drawLine(QLineF(rect.bottomLeft(), rect.bottomRight()))
    if selected:
        painter.setPen(palette.selection_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
