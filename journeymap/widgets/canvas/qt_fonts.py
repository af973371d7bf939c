"""The fonts the canvas paints with: the same DejaVu Sans files the layout measured.

The canvas never measures: the layout (``journeymap.layout.measure``) wraps every line and places
every baseline with the bundled fonts' metrics, and the items only draw those lines. Qt rounds a
font's pixel size to a whole number (8.5 becomes 9) before it lays out glyphs, which would make a
drawn line wider than the line the layout measured. So text is drawn with a font of a large whole
pixel size, ``REFERENCE_PIXELS``, in a painter scaled down to the style's size: glyph advances then
scale exactly, as they do on paper.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QGuiApplication

from journeymap.layout import TextStyle
from journeymap.layout.fonts import bundled_font_files

FAMILY = "DejaVu Sans"
REFERENCE_PIXELS = 64
FALLBACK_DPI = 96.0
_loaded: list[str] = []


def load_bundled_fonts() -> str:
    """Give Qt the bundled DejaVu files (once per process); returns the family to ask for."""
    if not _loaded:
        for path in bundled_font_files():
            font_id = QFontDatabase.addApplicationFont(path)
            _loaded.extend(QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else ())
        if not _loaded:  # the files are part of the package; this only happens in a broken install
            _loaded.append(QFont().defaultFamily())
    return FAMILY if FAMILY in _loaded else _loaded[0]


def screen_dpi() -> float:
    """The logical DPI painting on screen uses; point sizes are converted with it."""
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    return float(screen.logicalDotsPerInchY()) if screen else FALLBACK_DPI


def _unshaped(font: QFont, bold: bool) -> QFont:
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)  # as the layout measures: a line's width is the sum of its characters'
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


class CanvasFonts:
    """One reference-size QFont per text style (for painting) and one true-size QFont (for editors)."""

    def __init__(self) -> None:
        self.family = load_bundled_fonts()
        self.dpi = screen_dpi()
        self._paint: dict[bool, tuple[QFont, float]] = {}
        self._editor: dict[TextStyle, QFont] = {}

    def paint_font(self, style: TextStyle) -> tuple[QFont, float, float]:
        """(font, scale, ascent): draw with ``font`` in a painter scaled by ``scale``; ``ascent`` is in font pixels."""
        cached = self._paint.get(style.bold)
        if cached is None:
            font = QFont(self.family)
            font.setPixelSize(REFERENCE_PIXELS)
            font = _unshaped(font, style.bold)
            cached = self._paint[style.bold] = (font, QFontMetricsF(font).ascent())
        return cached[0], style.size / REFERENCE_PIXELS, cached[1]

    def editor_font(self, style: TextStyle) -> QFont:
        """A font about the style's size, for the inline editors (Qt lays out their text itself)."""
        font = self._editor.get(style)
        if font is None:
            font = QFont(self.family)
            font.setPointSizeF(style.size * 72.0 / self.dpi)
            font = self._editor[style] = _unshaped(font, style.bold)
        return font
