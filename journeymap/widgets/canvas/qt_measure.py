"""The Qt text measurer for the shared layout, and the fonts the canvas paints with.

The poster measures with reportlab and DejaVu Sans; measuring here with the same family, hinting
and kerning off, and a pixel size equal to the layout's point size keeps line breaks identical on
screen and on paper. The canvas must paint with exactly the fonts measured here (``font_for``),
otherwise a wrapped line could come out wider than its card.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QGuiApplication

from journeymap.layout import TextStyle

PREFERRED_FAMILY = "DejaVu Sans"
FALLBACK_DPI = 96.0


def screen_dpi() -> float:
    """The logical DPI painting on screen uses; point sizes are converted with it."""
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    return float(screen.logicalDotsPerInchY()) if screen else FALLBACK_DPI


def font_family() -> str:
    families = QFontDatabase.families()
    return PREFERRED_FAMILY if PREFERRED_FAMILY in families else QFont().defaultFamily()


class QtTextMeasurer:
    """Measures advance widths with QFontMetricsF; one QFont per text style, made once."""

    def __init__(self, dpi: float | None = None) -> None:
        self.dpi = dpi or screen_dpi()
        self.family = font_family()
        self._fonts: dict[TextStyle, QFont] = {}
        self._metrics: dict[TextStyle, QFontMetricsF] = {}
        self._advances: dict[TextStyle, dict[str, float]] = {}
        self._offsets: dict[TextStyle, float] = {}

    def font_for(self, style: TextStyle) -> QFont:
        font = self._fonts.get(style)
        if font is None:
            font = QFont(self.family)
            # Pixel size == layout units: a 11-unit font is 11 scene units tall, like 11 pt on paper.
            font.setPointSizeF(style.size * 72.0 / self.dpi)
            font.setBold(style.bold)
            font.setItalic(style.italic)  # DejaVu Sans's oblique faces advance exactly as the upright ones
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setKerning(False)
            for feature in ("liga", "clig"):  # no ligatures: widths stay the sum of their characters
                font.setFeature(QFont.Tag(feature), 0)
            font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
            self._fonts[style] = font
        return font

    def metrics_for(self, style: TextStyle) -> QFontMetricsF:
        metrics = self._metrics.get(style)
        if metrics is None:
            metrics = QFontMetricsF(self.font_for(style))
            self._metrics[style] = metrics
        return metrics

    def width(self, text: str, style: TextStyle) -> float:
        """The sum of the characters' advances, each measured once per style.

        With kerning and ligatures off, a line's advance is the sum of its glyphs' advances, which
        is also how reportlab measures the poster; summing cached advances makes wrapping a
        10,000-card map several times faster than asking Qt for every candidate line.
        """
        advances = self._advances.get(style)
        if advances is None:
            advances = self._advances[style] = {}
        try:
            return sum(map(advances.__getitem__, text))
        except KeyError:
            metrics = self.metrics_for(style)
            for char in text:
                if char not in advances:
                    advances[char] = metrics.horizontalAdvance(char)
            return sum(map(advances.__getitem__, text))

    def text_offset(self, style: TextStyle) -> float:
        """How far below a line's top its glyph box starts, to centre text in the line height."""
        offset = self._offsets.get(style)
        if offset is None:
            offset = self._offsets[style] = max(0.0, (style.line_height - self.metrics_for(style).height()) / 2)
        return offset
