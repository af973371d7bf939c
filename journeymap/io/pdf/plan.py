"""Where the poster goes on paper: page size, scale, orientation, and the tiles of a tiled print.

Pure geometry with no drawing, so the export dialog previews exactly the pages the PDF will have.
Units are points. The poster content (title block and board) has its own size; ``scale`` maps it
to printed points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from journeymap.io.pdf.paper import MAX_SIDE, MM, Paper, PaperError, check_page_size, parse_paper, tile_paper
from journeymap.layout import Rect

DEFAULT_MARGIN_MM = 6.0
DEFAULT_OVERLAP_MM = 10.0
MAX_SHEETS = 400
# Inside a tile sheet's printable margin: a gutter for cut marks round the map window, and a band
# under it for the sheet's label.
MARK_GUTTER = 5 * MM
LABEL_BAND = 8 * MM


@dataclass(frozen=True)
class PosterOptions:
    """What the user asked for; ``None`` means "choose for me"."""

    paper: Paper | None = None
    landscape: bool | None = None
    tile: Paper | None = None
    margin: float = DEFAULT_MARGIN_MM * MM
    overlap: float = DEFAULT_OVERLAP_MM * MM
    scale: float | None = None

    @classmethod
    def from_values(
        cls,
        paper: str | Paper | None = None,
        landscape: bool | None = None,
        tile: str | Paper | None = None,
        margin: float | None = None,
        overlap: float | None = None,
        scale: float | None = None,
    ) -> PosterOptions:
        """Options from the command line or the dialog: paper names, margins in millimetres."""
        margin_mm = DEFAULT_MARGIN_MM if margin is None else float(margin)
        overlap_mm = DEFAULT_OVERLAP_MM if overlap is None else float(overlap)
        if not 0 <= margin_mm <= 100:
            raise PaperError(f"margin {margin_mm:g} mm is out of range; use 0 to 100 mm")
        if not 0 <= overlap_mm <= 100:
            raise PaperError(f"overlap {overlap_mm:g} mm is out of range; use 0 to 100 mm")
        if scale is not None and not (0.01 <= float(scale) <= 100):
            raise PaperError(f"scale {scale:g} is out of range; use 0.01 to 100 (1 is 100%)")
        return cls(
            paper=parse_paper(paper) if isinstance(paper, str) else paper,
            landscape=landscape,
            tile=tile_paper(tile) if isinstance(tile, str) else tile,
            margin=margin_mm * MM,
            overlap=overlap_mm * MM,
            scale=None if scale is None else float(scale),
        )


@dataclass(frozen=True)
class Tile:
    """One sheet of a tiled poster: its place in the grid and the part of the poster it prints."""

    row: int
    column: int
    rows: int
    columns: int
    window: Rect  # in printed poster points, y down from the poster's top-left

    @property
    def name(self) -> str:
        return f"{row_letters(self.row)}{self.column + 1}"

    @property
    def caption(self) -> str:
        return f"{self.name}, row {self.row + 1} of {self.rows}, column {self.column + 1} of {self.columns}"


@dataclass
class PosterPlan:
    """The pages of one export."""

    content_width: float
    content_height: float
    scale: float
    page: Paper  # the whole poster's page, or (tiled) the size the poster prints at
    origin: tuple[float, float]  # content's top-left on the page, in points from the page's top-left
    tile_sheet: Paper | None = None
    window: Rect | None = None  # the map window on every tile sheet (y down from the sheet top)
    tiles: list[Tile] = field(default_factory=list)
    margin: float = 0.0
    overlap: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def printed_width(self) -> float:
        return self.content_width * self.scale

    @property
    def printed_height(self) -> float:
        return self.content_height * self.scale

    @property
    def tiled(self) -> bool:
        return self.tile_sheet is not None

    @property
    def page_count(self) -> int:
        return 1 + len(self.tiles) if self.tiled else 1


def row_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet-style row names for tiles."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def fit_scale(content_width: float, content_height: float, paper: Paper, margin: float) -> float:
    width, height = paper.width - 2 * margin, paper.height - 2 * margin
    if width <= 0 or height <= 0:
        return 0.0
    return min(width / content_width, height / content_height)


def best_orientation(
    content_width: float, content_height: float, paper: Paper, margin: float, landscape: bool | None
) -> Paper:
    """The paper turned as asked, or (``None``) the way that prints the map largest."""
    if landscape is not None:
        return paper.oriented(landscape)
    portrait, turned = paper.oriented(False), paper.oriented(True)
    if (
        fit_scale(content_width, content_height, turned, margin)
        > fit_scale(content_width, content_height, portrait, margin) + 1e-9
    ):
        return turned
    return portrait


def plan_poster(content_width: float, content_height: float, options: PosterOptions) -> PosterPlan:
    """Size and place the poster; raises :class:`PaperError` with what to change when it cannot."""
    content_width, content_height = max(content_width, 1.0), max(content_height, 1.0)
    if options.tile is not None:
        return _plan_tiled(content_width, content_height, options)
    return _plan_whole(content_width, content_height, options)


def _plan_whole(width: float, height: float, options: PosterOptions) -> PosterPlan:
    margin = options.margin
    notes: list[str] = []
    if options.paper is None:
        scale = options.scale or 1.0
        page = Paper("fitted", width * scale + 2 * margin, height * scale + 2 * margin)
        if options.scale is None and max(page.width, page.height) > MAX_SIDE:
            scale = min((MAX_SIDE - 2 * margin) / width, (MAX_SIDE - 2 * margin) / height)
            page = Paper("fitted", width * scale + 2 * margin, height * scale + 2 * margin)
            notes.append(
                f"the map is larger than a PDF page can be (200 in a side), so it prints at "
                f"{scale:.0%}; choose a paper, or --tile, to print it larger"
            )
        check_page_size(page.width, page.height, "the poster page")
        return PosterPlan(width, height, scale, page, (margin, margin), margin=margin, notes=notes)
    page = best_orientation(width, height, options.paper, margin, options.landscape)
    check_page_size(page.width, page.height, f"paper {page.name}")
    fit = fit_scale(width, height, page, margin)
    if fit <= 0:
        raise PaperError(f"margins of {margin / MM:g} mm leave no room on {page.describe()}")
    scale = fit if options.scale is None else options.scale
    if scale > fit * 1.0001:
        raise PaperError(
            f"at {scale:.0%} the map is {_mm(width * scale)} x {_mm(height * scale)} mm and does not fit "
            f"{page.describe()} inside {margin / MM:g} mm margins (it fits at {fit:.0%}); leave out the scale "
            "to fit the page, choose a larger paper, or tile it"
        )
    origin = ((page.width - width * scale) / 2, (page.height - height * scale) / 2)
    return PosterPlan(width, height, scale, page, origin, margin=margin, notes=notes)


def _plan_tiled(width: float, height: float, options: PosterOptions) -> PosterPlan:
    assert options.tile is not None
    notes: list[str] = []
    if options.paper is not None:
        poster = best_orientation(width, height, options.paper, 0.0, options.landscape)
        fit = fit_scale(width, height, poster, 0.0)
        scale = fit if options.scale is None else options.scale
        if scale > fit * 1.0001:
            raise PaperError(
                f"at {scale:.0%} the map is {_mm(width * scale)} x {_mm(height * scale)} mm, larger than "
                f"{poster.describe()}; leave out the scale or choose a larger paper"
            )
    else:
        scale = options.scale or 1.0
        poster = Paper("poster", width * scale, height * scale)
    printed_w, printed_h = width * scale, height * scale
    best: tuple[int, Paper, Rect, int, int] | None = None
    for landscape in (False, True):
        sheet = options.tile.oriented(landscape)
        window = tile_window(sheet, options.margin)
        if window.width <= options.overlap or window.height <= options.overlap:
            continue
        columns = _count(printed_w, window.width, options.overlap)
        rows = _count(printed_h, window.height, options.overlap)
        if best is None or rows * columns < best[0]:
            best = (rows * columns, sheet, window, rows, columns)
    if best is None:
        raise PaperError(
            f"a {options.margin / MM:g} mm margin and {options.overlap / MM:g} mm overlap leave no "
            f"room on {options.tile.name} sheets"
        )
    count, sheet, window, rows, columns = best
    smaller = _thin_edge_factor(printed_w, printed_h, window, options.overlap, rows, columns)
    if smaller is not None:
        fewer_columns = _count(printed_w * smaller, window.width, options.overlap)
        fewer_rows = _count(printed_h * smaller, window.height, options.overlap)
        fewer = fewer_rows * fewer_columns
        if options.scale is None:
            notes.append(
                f"printed at {smaller:.1%} of the fitted size, so the poster takes {fewer} sheets instead "
                f"of {count}: its last row or column of sheets would have held less than a fifth of a "
                "sheet"
            )
            scale *= smaller
            rows, columns, count = fewer_rows, fewer_columns, fewer
        else:
            notes.append(
                f"at {scale * smaller:.0%} instead of {scale:.0%} the poster would take {fewer} sheets "
                f"instead of {count} (--scale {scale * smaller:.3f})"
            )
    if count > MAX_SHEETS:
        raise PaperError(
            f"the poster would need {count} sheets of {sheet.name} ({rows} x {columns}); "
            f"at most {MAX_SHEETS}: choose a smaller paper or scale, or a larger sheet"
        )
    step_x, step_y = window.width - options.overlap, window.height - options.overlap
    tiles = [
        Tile(r, c, rows, columns, Rect(c * step_x, r * step_y, window.width, window.height))
        for r in range(rows)
        for c in range(columns)
    ]
    return PosterPlan(
        width,
        height,
        scale,
        poster,
        (0.0, 0.0),
        tile_sheet=sheet,
        window=window,
        tiles=tiles,
        margin=options.margin,
        overlap=options.overlap,
        notes=notes,
    )


THIN_EDGE = 0.2  # a last row or column of tiles holding less than this much of a sheet wastes paper
MAX_SHRINK = 0.05  # how much smaller a poster may print to save those sheets


def _thin_edge_factor(
    printed_w: float, printed_h: float, window: Rect, overlap: float, rows: int, columns: int
) -> float | None:
    """The factor, at least 1 - MAX_SHRINK, that drops a last row or column of tiles holding less than
    THIN_EDGE of a sheet; None when there is no such row or column, or dropping it needs more."""
    factors = []
    for length, count, size in ((printed_w, columns, window.width), (printed_h, rows, window.height)):
        covered = (count - 1) * (size - overlap) + overlap  # what one tile fewer holds
        if count >= 2 and (length - covered) / size < THIN_EDGE and covered / length >= 1 - MAX_SHRINK:
            factors.append(covered / length * (1 - 1e-6))
    return min(factors) if factors else None


def tile_window(sheet: Paper, margin: float) -> Rect:
    """The part of a tile sheet that prints the map: inside margin, mark gutter and label band."""
    inset = margin + MARK_GUTTER
    return Rect(inset, inset, sheet.width - 2 * inset, sheet.height - 2 * inset - LABEL_BAND)


def _count(length: float, window: float, overlap: float) -> int:
    if length <= window:
        return 1
    return math.ceil((length - overlap) / (window - overlap) - 1e-9)


def _mm(points: float) -> str:
    return f"{points / MM:.0f}"
