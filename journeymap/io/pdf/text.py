"""Drawing text with the poster's fonts, one run per font.

The layout wraps text with :class:`journeymap.layout.measure.FontMeasurer` (the canvas's measurer
too), and the poster draws exactly those lines through the same font set, so a measured line and a
drawn line are the same width.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from journeymap.io.pdf.fonts import FontSet
from journeymap.layout import TextStyle


def draw_text(canvas: Canvas, fonts: FontSet, x: float, y: float, text: str, style: TextStyle) -> None:
    """Draw one line with its baseline at PDF ``(x, y)``, one font run after another."""
    runs = fonts.runs(text, style.bold)
    if len(runs) == 1:
        canvas.setFont(runs[0][0].name, style.size)
        canvas.drawString(x, y, runs[0][1])
        return
    for face, piece in runs:
        canvas.setFont(face.name, style.size)
        canvas.drawString(x, y, piece)
        x += face.font.stringWidth(piece, style.size)


def draw_block(
    canvas: Canvas, fonts: FontSet, x: float, y: float, lines: tuple[str, ...] | list[str], style: TextStyle
) -> None:
    """Draw wrapped lines from a first baseline at PDF ``(x, y)``, ``line_height`` apart.

    Lines that one face draws whole share one text object (one BT/ET and a line feed per line),
    which is most of a poster's text; a line that mixes fonts is drawn run by run.
    """
    single = [fonts.runs(line, style.bold) for line in lines]
    face = single[0][0][0] if single and single[0] else None
    if face is not None and all(len(runs) == 1 and runs[0][0] is face for runs in single):
        text = canvas.beginText(x, y)
        text.setFont(face.name, style.size, style.line_height)
        for runs in single:
            text.textLine(runs[0][1])
        canvas.drawText(text)
        return
    for index, line in enumerate(lines):
        if line:
            draw_text(canvas, fonts, x, y - index * style.line_height, line, style)
