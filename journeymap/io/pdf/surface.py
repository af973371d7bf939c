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
from journeymap.io.pdf.text import draw_block, draw_text
from journeymap.layout import Rect, TextStyle
from journeymap.layout.measure import FontMeasurer
from journeymap.layout.style import EMOTION_COLOURS, EMOTION_TEXT, FLOW_WIDTH, ITALIC_SLANT


@cache
def colour(value: str) -> Color:
    return HexColor(value)


class Surface:
    """Draws rectangles, lines, text and marks in y-down coordinates on a canvas or form."""

    def __init__(self, canvas: Canvas, fonts: FontSet, measurer: FontMeasurer, height: float) -> None:
        self.canvas = canvas
        self.measurer = measurer
        self.fonts = fonts
        self.height = height
        self._widths: dict[tuple[str, TextStyle], float] = {}
        # What this surface last set on the current page (a new page starts from PDF's defaults).
        self._page = -1
        self._fill: Color | None = None
        self._stroke: Color | None = None
        self._line_width: float | None = None
        self._round_joins = False

    def y(self, y: float) -> float:
        return self.height - y

    # reportlab writes every colour and width it is given; a poster sets the same few thousands of
    # times. The surface remembers what it set on this page and skips what would change nothing.
    # Nothing else draws with colours between a surface's calls on one page (forms and tiles place
    # whole drawings inside their own saved state).
    def _on_page(self) -> None:
        page = self.canvas.getPageNumber()
        if page != self._page:
            self._page = page
            self._fill = self._stroke = None
            self._line_width = None
            self._round_joins = False

    def fill(self, value: str) -> None:
        self._on_page()
        col = colour(value)
        if self._fill is not col:
            self._fill = col
            self.canvas.setFillColor(col)

    def stroke(self, value: str, width: float) -> None:
        self._on_page()
        c = self.canvas
        col = colour(value)
        if self._stroke is not col:
            self._stroke = col
            c.setStrokeColor(col)
        if self._line_width != width:
            self._line_width = width
            c.setLineWidth(width)

    def rect(
        self, rect: Rect, fill: str | None = None, stroke: str | None = None, width: float = 0.6, radius: float = 0.0
    ) -> None:
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

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str,
        width: float = 0.6,
        dash: tuple[float, ...] | None = None,
    ) -> None:
        c = self.canvas
        self.stroke(stroke, width)
        if dash:
            c.setDash(list(dash))
        c.line(x1, self.height - y1, x2, self.height - y2)
        if dash:
            c.setDash([])

    def text_lines(self, x: float, top: float, lines: tuple[str, ...] | list[str], style: TextStyle, ink: str) -> None:
        """Lines exactly as the layout wrapped them, one ``line_height`` apart."""
        if not lines:
            return
        self.fill(ink)
        first = self.height - top - self.measurer.baseline(style)
        if not style.italic:
            draw_block(self.canvas, self.fonts, x, first, lines, style)
            return
        # Italic: the upright face slanted about each line's own baseline, so widths stay as measured.
        c = self.canvas
        for index, line in enumerate(lines):
            if not line:
                continue
            y = first - index * style.line_height
            c.saveState()
            c.transform(1, 0, ITALIC_SLANT, 1, -ITALIC_SLANT * y, 0)
            draw_text(c, self.fonts, x, y, line, style)
            c.restoreState()

    def text(self, x: float, top: float, text: str, style: TextStyle, ink: str) -> float:
        """One line; returns its width, for what follows on the same line."""
        self.fill(ink)
        draw_text(self.canvas, self.fonts, x, self.height - top - self.measurer.baseline(style), text, style)
        return self.measurer.width(text, style)

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

    def arrow(
        self,
        line: list[tuple[float, float]],
        head: tuple[tuple[float, float], ...],
        stroke: str,
        width: float = FLOW_WIDTH,
    ) -> None:
        """A flow as the layout shaped it: the polyline, then its filled head."""
        if len(line) < 2:
            return
        c = self.canvas
        path = c.beginPath()
        path.moveTo(line[0][0], self.height - line[0][1])
        for x, y in line[1:]:
            path.lineTo(x, self.height - y)
        self.stroke(stroke, width)
        if not self._round_joins:
            self._round_joins = True
            c.setLineJoin(1)
        c.drawPath(path, stroke=1, fill=0)
        if head:
            tip = c.beginPath()
            tip.moveTo(head[0][0], self.height - head[0][1])
            for x, y in head[1:]:
                tip.lineTo(x, self.height - y)
            tip.close()
            self.fill(stroke)
            c.drawPath(tip, stroke=0, fill=1)

    def emotion_badge(self, badge: Rect, emotion: int, style: TextStyle) -> None:
        """A disc in the emotion's colour with its value (-2..+2), for the legend (cards use the layout's)."""
        self.badge_disc(badge, emotion)
        label = EMOTION_TEXT[emotion]
        cx, cy = badge.center
        self.badge_label(
            label,
            cx - self._label_width(label, style) / 2,
            cy - style.line_height / 2 + self.measurer.baseline(style),
            style,
        )

    def badge_disc(self, badge: Rect, emotion: int) -> None:
        cx, cy = badge.center
        self.fill(EMOTION_COLOURS[emotion])
        self.canvas.circle(cx, self.height - cy, badge.width / 2, stroke=0, fill=1)

    def badge_label(self, label: str, x: float, baseline: float, style: TextStyle) -> None:
        """A badge's label, white, from the origin the layout computed (centred on the disc)."""
        self.fill("#ffffff")
        draw_text(self.canvas, self.fonts, x, self.height - baseline, label, style)

    def _label_width(self, label: str, style: TextStyle) -> float:
        key = (label, style)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.measurer.width(label, style)
        return width
