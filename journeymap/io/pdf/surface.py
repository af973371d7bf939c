"""A reportlab canvas seen in layout coordinates: y grows downwards, as on screen.

The layout (and the canvas on screen) measure from the top-left; PDF measures from the
bottom-left. Every drawing call of the poster goes through :class:`Surface`, which flips y once,
here, so the drawing modules read like the layout they draw.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from journeymap.io.pdf.fonts import FontSet
from journeymap.io.pdf.text import ASCENT, DESCENT, baseline, draw_block, draw_text
from journeymap.layout import Rect, TextStyle
from journeymap.layout.style import EMOTION_COLOURS

EMOTION_TEXT = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}  # the canvas's badge labels


@cache
def colour(value: str) -> Color:
    return HexColor(value)


class Surface:
    """Draws rectangles, lines, text and marks in y-down coordinates on a canvas or form."""

    def __init__(self, canvas: Canvas, fonts: FontSet, height: float) -> None:
        self.canvas = canvas
        self.fonts = fonts
        self.height = height
        self._widths: dict[tuple[str, TextStyle], float] = {}

    def y(self, y: float) -> float:
        return self.height - y

    # reportlab writes every colour and width it is given; a poster sets the same few thousands of
    # times. These compare with the canvas's own state (which save/restore and new pages keep
    # right) and skip what would change nothing.
    def fill(self, value: str) -> None:
        col = colour(value)
        if self.canvas._fillColorObj is not col:
            self.canvas.setFillColor(col)

    def stroke(self, value: str, width: float) -> None:
        c = self.canvas
        col = colour(value)
        if c._strokeColorObj is not col:
            c.setStrokeColor(col)
        if c._lineWidth != width:
            c.setLineWidth(width)

    def rect(self, rect: Rect, fill: str | None = None, stroke: str | None = None, width: float = 0.6,
             radius: float = 0.0) -> None:
        c = self.canvas
        if fill:
            self.fill(fill)
        if stroke:
            self.stroke(stroke, width)
        x, y = rect.x, self.height - rect.bottom
        if radius:
            c.roundRect(x, y, rect.width, rect.height, radius, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            c.rect(x, y, rect.width, rect.height, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 0.6,
             dash: tuple[float, ...] | None = None) -> None:
        c = self.canvas
        self.stroke(stroke, width)
        if dash:
            c.setDash(list(dash))
        c.line(x1, self.height - y1, x2, self.height - y2)
        if dash:
            c.setDash([])

    def text_lines(self, x: float, top: float, lines: tuple[str, ...] | list[str], style: TextStyle,
                   ink: str) -> None:
        """Lines exactly as the layout wrapped them, one ``line_height`` apart."""
        if not lines:
            return
        self.fill(ink)
        draw_block(self.canvas, self.fonts, x, self.height - baseline(top, style), lines, style)

    def text(self, x: float, top: float, text: str, style: TextStyle, ink: str) -> float:
        """One line; returns its width, for what follows on the same line."""
        self.fill(ink)
        draw_text(self.canvas, self.fonts, x, self.height - baseline(top, style), text, style)
        return self.fonts.width(text, style.size, style.bold)

    def diamond(self, rect: Rect, fill: str, stroke: str, width: float = 1.0) -> None:
        c = self.canvas
        cx, cy = rect.center
        path = c.beginPath()
        path.moveTo(cx, self.height - rect.y)
        path.lineTo(rect.right, self.height - cy)
        path.lineTo(cx, self.height - rect.bottom)
        path.lineTo(rect.x, self.height - cy)
        path.close()
        self.fill(fill)
        self.stroke(stroke, width)
        c.drawPath(path, stroke=1, fill=1)

    def arrow(self, points: list[tuple[float, float]], stroke: str, width: float = 1.4, head: float = 9.0,
              half: float = 4.5) -> None:
        """An orthogonal polyline ending in a filled arrowhead that touches the last point."""
        if len(points) < 2:
            return
        c = self.canvas
        (ax, ay), (bx, by) = points[-2], points[-1]
        length = max(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5, 1e-6)
        ux, uy = (bx - ax) / length, (by - ay) / length
        # The line stops at the arrowhead's base, so the head's point stays sharp.
        base = (bx - ux * head * 0.8, by - uy * head * 0.8)
        path = c.beginPath()
        path.moveTo(points[0][0], self.height - points[0][1])
        for x, y in (*points[1:-1], base):
            path.lineTo(x, self.height - y)
        self.stroke(stroke, width)
        if c._lineJoin != 1:
            c.setLineJoin(1)
        c.drawPath(path, stroke=1, fill=0)
        tip = c.beginPath()
        tip.moveTo(bx, self.height - by)
        tip.lineTo(bx - ux * head - uy * half, self.height - (by - uy * head + ux * half))
        tip.lineTo(bx - ux * head + uy * half, self.height - (by - uy * head - ux * half))
        tip.close()
        self.fill(stroke)
        c.drawPath(tip, stroke=0, fill=1)

    def emotion_badge(self, badge: Rect, emotion: int, style: TextStyle) -> None:
        """A disc in the emotion's colour with its value (-2..+2), as the canvas paints it."""
        self.badge_disc(badge, emotion)
        self.badge_label(badge, emotion, style)

    def badge_disc(self, badge: Rect, emotion: int) -> None:
        cx, cy = badge.center
        self.fill(EMOTION_COLOURS[emotion])
        self.canvas.circle(cx, self.height - cy, badge.width / 2, stroke=0, fill=1)

    def badge_label(self, badge: Rect, emotion: int, style: TextStyle) -> None:
        label = EMOTION_TEXT[emotion]
        width = self._label_width(label, style)
        cx, cy = badge.center
        self.fill("#ffffff")
        # Centred like Qt's AlignCenter: the glyph box (ascent + descent) centred on the disc.
        y = self.height - (cy + (ASCENT - DESCENT) * style.size / 2)
        draw_text(self.canvas, self.fonts, cx - width / 2, y, label, style)

    def _label_width(self, label: str, style: TextStyle) -> float:
        key = (label, style)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.fonts.width(label, style.size, style.bold)
        return width
