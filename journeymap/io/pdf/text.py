"""Measuring and drawing text with the poster's fonts, one run per font.

The layout wraps text with :class:`PdfMeasurer`, and the poster draws exactly those lines with
:func:`draw_text`, through the same runs, so a measured line and a drawn line are the same width.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from journeymap.io.pdf.fonts import FontSet, default_fonts
from journeymap.layout import TextStyle

# DejaVu Sans's vertical metrics (em fractions): the baseline sits so that the glyphs' box is
# centred in the layout's line box, as the canvas centres it.
ASCENT = 0.928
DESCENT = 0.236


class PdfMeasurer:
    """The layout's :class:`~journeymap.layout.TextMeasurer` for reportlab and our font set."""

    def __init__(self, fonts: FontSet | None = None) -> None:
        self.fonts = fonts or default_fonts()

    def width(self, text: str, style: TextStyle) -> float:
        return self.fonts.width(text, style.size, style.bold)


def baseline(top: float, style: TextStyle) -> float:
    """Distance down from a line's top to its baseline, in layout (y-down) units."""
    return top + (style.line_height - (ASCENT + DESCENT) * style.size) / 2 + ASCENT * style.size


def draw_text(canvas: Canvas, fonts: FontSet, x: float, y: float, text: str, style: TextStyle) -> float:
    """Draw one line with its baseline at PDF ``(x, y)``; returns the advance width."""
    advance = 0.0
    for face, piece in fonts.runs(text, style.bold):
        canvas.setFont(face.name, style.size)
        canvas.drawString(x + advance, y, piece)
        advance += face.font.stringWidth(piece, style.size)
    return advance
