"""The poster's fonts: the layout's font files registered with reportlab, with per-character fallback.

Built-in Helvetica is cp1252 only: Greek, Cyrillic and CJK would print as black squares. The poster
therefore embeds the bundled DejaVu Sans (the files the canvas draws with and the layout measures
with, see :mod:`journeymap.layout.fonts`) and falls back character by character to the CJK-capable
TrueType fonts found there. reportlab cannot embed ``.otf`` (CFF) fonts; such candidates are
skipped. A character that no font can draw is reported by :func:`missing_characters`, never printed
as a box silently.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from journeymap.layout.fonts import bundled_font_files, fallback_files
from journeymap.layout.measure import FontFiles


@dataclass
class Face:
    """One registered TrueType face: its reportlab name and the characters it can draw."""

    name: str
    path: str
    font: TTFont = field(repr=False)
    coverage: frozenset[int] = field(repr=False)


@dataclass
class FontChain:
    """A primary face and the candidates tried, in order, for characters it lacks.

    Fallback files are opened only when a character first needs them: CJK collections are large,
    and most maps never leave the primary font.
    """

    faces: list[Face]
    pending: list[tuple[str, int]] = field(default_factory=list)

    @property
    def primary(self) -> Face:
        return self.faces[0]

    def face_for(self, code: int) -> Face | None:
        for face in self.faces:
            if code in face.coverage:
                return face
        while self.pending:
            path, index = self.pending.pop(0)
            found = load_face(path, index)
            if found is None or found in self.faces:
                continue
            self.faces.append(found)
            if code in found.coverage:
                return found
        return None


class FontSet:
    """Regular and bold chains; splits text into runs that each one face can draw."""

    def __init__(self, regular: FontChain, bold: FontChain, files: FontFiles) -> None:
        self.regular = regular
        self.bold = bold
        self.files = files  # what the layout's measurer must measure with, for the same widths
        self._runs: dict[tuple[str, bool], tuple[tuple[Face, str], ...]] = {}

    def chain(self, bold: bool) -> FontChain:
        return self.bold if bold else self.regular

    def runs(self, text: str, bold: bool) -> tuple[tuple[Face, str], ...]:
        """``text`` as (face, piece) runs; invisible format characters no face has are dropped.

        A character no face can draw stays with the primary face (it prints as its box) and is
        reported separately by :func:`missing_characters`.
        """
        chain = self.chain(bold)
        primary = chain.primary
        if primary.coverage.issuperset(map(ord, text)):
            return ((primary, text),)
        key = (text, bold)
        cached = self._runs.get(key)
        if cached is not None:
            return cached
        runs: list[tuple[Face, str]] = []
        for char in text:
            face = chain.face_for(ord(char))
            if face is None:
                if unicodedata.category(char) in ("Cf", "Cc"):
                    continue
                face = primary
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        result = tuple(runs)
        if len(self._runs) > 100_000:
            self._runs.clear()
        self._runs[key] = result
        return result

    def width(self, text: str, size: float, bold: bool) -> float:
        return float(sum(face.font.stringWidth(piece, size) for face, piece in self.runs(text, bold)))

    def can_draw(self, char: str) -> bool:
        code = ord(char)
        return self.regular.face_for(code) is not None or unicodedata.category(char) in ("Cf", "Cc", "Zs")

    def describe(self) -> list[str]:
        """The files in use, for the report and the docs."""
        return [f"{face.name}: {face.path}" for face in (*self.regular.faces, *self.bold.faces)]


@dataclass(frozen=True)
class MissingCharacter:
    char: str
    where: str

    @property
    def label(self) -> str:
        name = unicodedata.name(self.char, "unnamed character")
        return f"U+{ord(self.char):04X} {name}"


def missing_characters(fonts: FontSet, texts: Iterable[tuple[str, str]]) -> list[MissingCharacter]:
    """Characters no available font can draw, each once, with the first place it appears.

    ``texts`` yields (where, text) pairs, e.g. ("card 'Kickoff call'", "Kickoff call").
    """
    found: dict[str, MissingCharacter] = {}
    coverage = fonts.regular.primary.coverage
    for where, text in texts:
        if coverage.issuperset(map(ord, text)):
            continue
        for char in text:
            if char not in found and not char.isspace() and not fonts.can_draw(char):
                found[char] = MissingCharacter(char, where)
    return list(found.values())


# ------------------------------------------------------------------ discovery and registration
def load_face(path: str, index: int = 0) -> Face | None:
    """Register a TrueType file (or one face of a .ttc) with reportlab; None if it cannot embed it."""
    return _load_face(os.path.abspath(path), index)


@cache
def _load_face(path: str, index: int) -> Face | None:
    digest = hashlib.sha1(f"{path}#{index}".encode()).hexdigest()[:6]
    stem = "".join(ch for ch in Path(path).stem if ch.isalnum())[:24] or "Font"
    name = f"JM-{stem}-{index}-{digest}"
    try:
        font = TTFont(name, path, subfontIndex=index)
    except (TTFError, OSError, ValueError, IndexError, KeyError, AssertionError):
        # CFF-flavoured OpenType, a damaged file, or a collection index that is not there.
        return None
    pdfmetrics.registerFont(font)
    return Face(name, path, font, frozenset(font.face.charToGlyph))


@cache
def default_fonts() -> FontSet:
    """The fonts this machine offers, found once per process."""
    regular_path, bold_path = bundled_font_files()
    return build_font_set(regular_path, bold_path, fallback_files())


def build_font_set(regular_path: str, bold_path: str | None, fallbacks: Iterable[tuple[str, int]] = ()) -> FontSet:
    """A font set from explicit files; tests use it to check fallback with known fonts."""
    regular = load_face(regular_path)
    if regular is None:
        raise OSError(f"{regular_path} is not a TrueType font reportlab can embed")
    bold = load_face(bold_path) if bold_path else None
    pending = list(fallbacks)
    regular_chain = FontChain([regular], list(pending))
    # Bold text falls back to the regular face before the other fonts: same design, same widths.
    bold_chain = FontChain([bold, regular] if bold else [regular], list(pending))
    return FontSet(regular_chain, bold_chain, (regular_path, bold_path, tuple(pending)))
