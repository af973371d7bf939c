"""The one text measurer: the canvas and the poster both lay out text with it.

It measures with the bundled DejaVu Sans files (and, for characters DejaVu lacks, the discovered
fallback fonts), reading their metrics itself (:mod:`journeymap.layout.truetype`), with no Qt and
no reportlab. The layout computed with it is the same on screen and on paper: both break every
line at the same word and put every baseline at the same height, and only draw what it decided.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from journeymap.layout.fonts import bundled_font_files, fallback_files
from journeymap.layout.style import TextStyle
from journeymap.layout.truetype import FaceMetrics, FontFileError, read_face

# (regular file, bold file or None, fallbacks as (file, face index) in the order they are tried, or
# None to discover this machine's fallbacks when a character first needs one).
FontFiles = tuple[str, str | None, tuple[tuple[str, int], ...] | None]


class FaceChain:
    """A primary face and the fallbacks tried, in order, for characters it lacks.

    Fallback files are read only when a character first needs them: CJK collections are large,
    and most maps never leave the primary font. The poster's font chains (``io.pdf.fonts``) follow
    the same order, so a character is measured and printed with the same face.
    """

    def __init__(self, faces: list[FaceMetrics], pending: Iterable[tuple[str, int]] | None) -> None:
        self.faces = faces
        self.pending = None if pending is None else list(pending)

    @property
    def primary(self) -> FaceMetrics:
        return self.faces[0]

    def face_for(self, code: int) -> FaceMetrics | None:
        for face in self.faces:
            if face.covers(code):
                return face
        if self.pending is None:  # discovery (fontconfig) runs only for a map that needs it
            self.pending = list(fallback_files())
        while self.pending:
            path, index = self.pending.pop(0)
            found = _face(path, index)
            if found is None or found in self.faces:
                continue
            self.faces.append(found)
            if found.covers(code):
                return found
        return None


@cache
def _face(path: str, index: int) -> FaceMetrics | None:
    try:
        return read_face(path, index)
    except (FontFileError, OSError):
        return None


MAX_CACHED_WIDTHS = 100_000  # strings per style whose widths are kept


class FontMeasurer:
    """Advance widths and baselines of the layout's text styles, cached per character.

    Widths add up (no kerning, no ligatures; both renderers draw that way), so a string's width is
    the sum of its characters' advances, each looked up once per style.
    """

    def __init__(self, files: FontFiles) -> None:
        regular_path, bold_path, fallbacks = files
        regular = _face(regular_path, 0)
        if regular is None:
            raise OSError(f"{regular_path} is not a TrueType font this app can read")
        bold = _face(bold_path, 0) if bold_path else None
        self.regular = FaceChain([regular], fallbacks)
        # Bold falls back to the regular face before the other fonts: same design, same widths.
        self.bold = FaceChain([bold, regular] if bold else [regular], fallbacks)
        self._advances: dict[tuple[float, bool], dict[str, float]] = {}
        self._widths: dict[tuple[float, bool], dict[str, float]] = {}  # whole strings (words), bounded
        self.ascent, self.descent = regular.ascent, regular.descent

    def width(self, text: str, style: TextStyle) -> float:
        key = (style.size, style.bold)
        widths = self._widths.get(key)
        if widths is None:
            widths = self._widths[key] = {}
        # Wrapping measures word by word, and a map's words repeat: one look-up instead of a sum.
        found = widths.get(text)
        if found is not None:
            return found
        advances = self._advances.get(key)
        if advances is None:
            advances = self._advances[key] = {}
        try:
            width = sum(map(advances.__getitem__, text))
        except KeyError:
            for char in text:
                if char not in advances:
                    advances[char] = self._advance(char, style)
            width = sum(map(advances.__getitem__, text))
        if len(widths) >= MAX_CACHED_WIDTHS:
            widths.clear()
        widths[text] = width
        return width

    def _advance(self, char: str, style: TextStyle) -> float:
        chain = self.bold if style.bold else self.regular
        face = chain.face_for(ord(char))
        if face is not None:
            return face.advances[ord(char)] * style.size
        if unicodedata.category(char) in ("Cf", "Cc"):
            return 0.0  # invisible format characters are dropped when drawn
        return chain.primary.missing * style.size

    def baseline(self, style: TextStyle) -> float:
        """How far below a line's top its baseline is: the glyph box centred in the line height."""
        return (style.line_height - (self.ascent + self.descent) * style.size) / 2 + self.ascent * style.size


@cache
def default_measurer() -> FontMeasurer:
    """The measurer for the bundled fonts and this machine's fallbacks, made once per process."""
    regular, bold = bundled_font_files()
    return FontMeasurer((regular, bold, None))
