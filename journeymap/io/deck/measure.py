"""Text widths in the deck's font, so the layout's card heights hold the text PowerPoint wraps.

The deck names Arial, which PowerPoint, Keynote and Google Slides have and LibreOffice replaces by the
metric-compatible Liberation Sans. reportlab ships the Helvetica metrics (the same advance widths as
Arial) without any font file, so measuring with them needs nothing installed. Characters outside
Latin-1 fall back to a width by their East Asian width class: a full em for wide (CJK) characters.
"""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth

from journeymap.layout.style import TextStyle

DECK_FONT = "Arial"
_FACES = {False: "Helvetica", True: "Helvetica-Bold"}


class DeckMeasurer:
    """Advance widths of Arial (Helvetica metrics) per character, cached; widths add up."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, bool], float] = {}  # per 1 pt of font size

    def baseline(self, style: TextStyle) -> float:
        """How far below a line's top its baseline is (Helvetica's ascent and descent, the glyph box
        centred in the line, as the shared measurer does)."""
        ascent, descent = 0.718, 0.207
        return (style.line_height - (ascent + descent) * style.size) / 2 + ascent * style.size

    def char_width(self, char: str, bold: bool) -> float:
        key = (char, bold)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = _char_width(char, bold)
        return width

    def width(self, text: str, style: TextStyle) -> float:
        widths = self._widths
        bold = style.bold
        total = 0.0
        for char in text:
            width = widths.get((char, bold))
            if width is None:
                width = self.char_width(char, bold)
            total += width
        return total * style.size


def _char_width(char: str, bold: bool) -> float:
    if ord(char) < 256 and unicodedata.category(char)[0] != "C":
        return float(stringWidth(char, _FACES[bold], 1.0))
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0  # combining marks and format characters take no advance
    return 0.62 if bold else 0.58  # an average Latin-like glyph (Greek, Cyrillic, symbols)
