"""Paper sizes for posters and tiles: the names printers use, custom sizes, orientation.

Sizes are kept in points (1/72 in), the unit of both the layout and PDF. A page side beyond
14,400 pt (200 in) makes an invalid PDF that reportlab writes without a word, so every page size
passes through :func:`check_page_size` before anything is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MM = 72 / 25.4
INCH = 72.0
MAX_SIDE = 200 * INCH  # ISO 32000: page boundaries may not exceed 14,400 units


class PaperError(ValueError):
    """A paper name or size we cannot print on; ``str()`` says what would work."""


@dataclass(frozen=True)
class Paper:
    """A sheet in points, as named (portrait for the standard sizes: width <= height)."""

    name: str
    width: float
    height: float

    def oriented(self, landscape: bool) -> Paper:
        """The same sheet turned so that its long side runs across (landscape) or down."""
        short, long = sorted((self.width, self.height))
        return Paper(self.name, long, short) if landscape else Paper(self.name, short, long)

    @property
    def is_landscape(self) -> bool:
        return self.width > self.height

    def describe(self) -> str:
        """Name and size in the unit that paper is sold in, e.g. "A1 (594 x 841 mm)"."""
        if self.name in _INCH_PAPERS or self.name.endswith("in"):
            size = f"{_number(self.width / INCH)} x {_number(self.height / INCH)} in"
        else:
            size = f"{round(self.width / MM):d} x {round(self.height / MM):d} mm"
        return size if self.name.startswith("custom") else f"{self.name} ({size})"


def _mm(name: str, width: float, height: float) -> Paper:
    return Paper(name, width * MM, height * MM)


def _inch(name: str, width: float, height: float) -> Paper:
    return Paper(name, width * INCH, height * INCH)


# Smallest first within each family: preflight walks these in order to suggest a larger sheet.
ISO_PAPERS = (_mm("A4", 210, 297), _mm("A3", 297, 420), _mm("A2", 420, 594), _mm("A1", 594, 841), _mm("A0", 841, 1189))
US_PAPERS = (_inch("Letter", 8.5, 11), _inch("Legal", 8.5, 14), _inch("Tabloid", 11, 17))
ARCH_PAPERS = (_inch("ARCH C", 18, 24), _inch("ARCH D", 24, 36), _inch("ARCH E", 36, 48))
PAPERS: dict[str, Paper] = {p.name: p for p in (*ISO_PAPERS, *US_PAPERS, *ARCH_PAPERS)}
TILE_PAPERS = ("A4", "Letter", "A3")
_INCH_PAPERS = {p.name for p in (*US_PAPERS, *ARCH_PAPERS)}

_CUSTOM = re.compile(
    r"^\s*(?P<w>\d+(?:[.,]\d+)?)\s*(?P<wu>mm|cm|in|\")?\s*[x×*]\s*(?P<h>\d+(?:[.,]\d+)?)\s*(?P<hu>mm|cm|in|\")?\s*$",
    re.IGNORECASE,
)
_UNITS = {"mm": MM, "cm": 10 * MM, "in": INCH, '"': INCH}


def parse_paper(text: str) -> Paper:
    """A named paper ("A1", "letter", "ARCH-D") or a custom "WxH" size ("900x600mm", "36x24in").

    A custom size without a unit is in millimetres. Sizes are checked against the PDF limit.
    """
    key = _normalise(text)
    for paper in PAPERS.values():
        if _normalise(paper.name) == key:
            return paper
    match = _CUSTOM.match(text)
    if not match:
        raise PaperError(
            f"unknown paper {text.strip()!r}; use one of {', '.join(PAPERS)}, or a size such as 900x600mm or 36x24in"
        )
    unit = (match["hu"] or match["wu"] or "mm").lower()
    width_unit = (match["wu"] or unit).lower()
    width = float(match["w"].replace(",", ".")) * _UNITS[width_unit]
    height = float(match["h"].replace(",", ".")) * _UNITS[unit]
    if width <= 0 or height <= 0:
        raise PaperError(f"paper {text.strip()!r} has no area")
    name = (
        f"custom {_number(width / INCH)}x{_number(height / INCH)}in"
        if unit in ("in", '"')
        else f"custom {round(width / MM)}x{round(height / MM)}mm"
    )
    paper = Paper(name, width, height)
    check_page_size(paper.width, paper.height, what=f"paper {text.strip()!r}")
    return paper


def tile_paper(text: str) -> Paper:
    """One of the office sheets a poster can be tiled over."""
    paper = parse_paper(text)
    if paper.name not in TILE_PAPERS:
        raise PaperError(f"tiles are printed on {', '.join(TILE_PAPERS)}, not {text.strip()!r}")
    return paper


def check_page_size(width: float, height: float, what: str = "the page") -> None:
    """Refuse a page that PDF cannot hold, saying how big it would have been."""
    if max(width, height) > MAX_SIDE + 0.01:
        raise PaperError(
            f"{what} would be {_number(width / INCH)} x {_number(height / INCH)} in; PDF pages can be "
            "at most 200 in (5080 mm) on a side: choose a smaller paper or scale, or tile the poster"
        )
    if min(width, height) < 1 * MM:
        raise PaperError(f"{what} is too small to print on")


def _normalise(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
