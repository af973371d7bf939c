"""Measuring and wrapping text, for any font engine.

Wrapping breaks at spaces and, when a single word (a URL) is wider than the line, inside the word,
so nothing ever overflows a card. Results are cached: a map is re-laid out on every edit, but its
texts rarely change.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from journeymap.layout.style import TextStyle


class TextMeasurer(Protocol):
    """Gives the advance width of a string in a style, and where a line's baseline sits.

    The app has one: :class:`journeymap.layout.measure.FontMeasurer` (tests use simpler ones).

    Widths must add up (no kerning, no ligatures): a line is as wide as its words and spaces, which
    lets wrapping measure each word once instead of every candidate line.
    """

    def width(self, text: str, style: TextStyle) -> float: ...

    def baseline(self, style: TextStyle) -> float:
        """How far below the top of a line of ``style`` its baseline is."""
        ...


def wrap_text(text: str, max_width: float, style: TextStyle, measurer: TextMeasurer) -> list[str]:
    """Lines of ``text`` no wider than ``max_width``; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, max_width, style, measurer))
    return lines or [""]


def _wrap_paragraph(paragraph: str, max_width: float, style: TextStyle, measurer: TextMeasurer) -> list[str]:
    words = paragraph.split()
    if not words:
        return [""]
    space = measurer.width(" ", style)
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word in words:
        word_width = measurer.width(word, style)
        if current and current_width + space + word_width <= max_width:
            current.append(word)
            current_width += space + word_width
            continue
        if current:
            lines.append(" ".join(current))
        if word_width <= max_width:
            current, current_width = [word], word_width
            continue
        pieces = _break_word(word, max_width, style, measurer)
        lines.extend(pieces[:-1])
        current, current_width = [pieces[-1]], measurer.width(pieces[-1], style)
    lines.append(" ".join(current))
    return lines


def _break_word(word: str, max_width: float, style: TextStyle, measurer: TextMeasurer) -> list[str]:
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        # Grow the piece while it fits; at least one character per line so this always ends.
        while end < len(word) and measurer.width(word[start : end + 1], style) <= max_width:
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


class CachedWrapper:
    """Wraps with a bounded cache in front of a measurer."""

    def __init__(self, measurer: TextMeasurer, size: int = 200_000) -> None:
        self.measurer = measurer
        self.wrap = lru_cache(maxsize=size)(self._wrap)

    def _wrap(self, text: str, max_width: float, style: TextStyle) -> tuple[str, ...]:
        return tuple(wrap_text(text, max_width, style, self.measurer))
