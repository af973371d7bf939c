"""Tables that fit their slides: rows measured before they are placed, pages cut between rows.

PowerPoint grows a row to hold its text, so a table placed with nominal heights can run off the
slide. Each row's height is computed here from its wrapped text (the deck's font metrics), the
rows are split into pages that fit, and each row is given that height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide

from journeymap.io.deck.measure import DeckMeasurer
from journeymap.io.deck.shapes import Run, emu, rgb, set_text
from journeymap.layout import TextStyle, wrap_text
from journeymap.layout.style import HEADER_FILL, INK, LANE_FILL

CELL_PAD_X = 5.0
CELL_PAD_Y = 3.0
LINE_FACTOR = 1.2


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # points


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    colour: str = INK


def row_height(cells: Sequence[Cell], columns: Sequence[Column], size: float, measurer: DeckMeasurer) -> float:
    lines = 1
    for cell, column in zip(cells, columns, strict=True):
        style = TextStyle(size, bold=cell.bold)
        wrapped = wrap_text(" ".join(cell.text.split()), column.width - 2 * CELL_PAD_X - 1, style, measurer)
        lines = max(lines, len(wrapped))
    return lines * size * LINE_FACTOR + 2 * CELL_PAD_Y + 1


def paginate(
    rows: Sequence[Sequence[Cell]], columns: Sequence[Column], size: float, height: float, measurer: DeckMeasurer
) -> list[list[tuple[Sequence[Cell], float]]]:
    """Rows with their heights, in pages whose header and rows fit ``height`` (at least one row a page)."""
    header = row_height([Cell(c.title, bold=True) for c in columns], columns, size, measurer)
    pages: list[list[tuple[Sequence[Cell], float]]] = []
    used = height + 1
    for row in rows:
        needed = row_height(row, columns, size, measurer)
        if not pages or used + needed > height:
            pages.append([])
            used = header
        pages[-1].append((row, needed))
        used += needed
    return pages


def add_table(
    slide: Slide,
    x: float,
    y: float,
    columns: Sequence[Column],
    page: list[tuple[Sequence[Cell], float]],
    size: float,
    measurer: DeckMeasurer,
    name: str,
) -> None:
    header_cells = [Cell(c.title, bold=True) for c in columns]
    header_height = row_height(header_cells, columns, size, measurer)
    total = header_height + sum(height for _, height in page)
    frame = slide.shapes.add_table(
        len(page) + 1, len(columns), emu(x), emu(y), emu(sum(c.width for c in columns)), emu(total)
    )
    frame.name = name
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for index, column in enumerate(columns):
        table.columns[index].width = emu(column.width)
    for row_index, (cells, height) in enumerate([(header_cells, header_height), *page]):
        table.rows[row_index].height = emu(height)
        for column_index, cell in enumerate(cells):
            target = table.cell(row_index, column_index)
            target.fill.solid()
            target.fill.fore_color.rgb = rgb(
                HEADER_FILL if row_index == 0 else ("#ffffff" if row_index % 2 else LANE_FILL)
            )
            set_text(
                target,
                [[Run(cell.text, size, bold=cell.bold, colour=cell.colour)]],
                inset=(CELL_PAD_X, CELL_PAD_Y, CELL_PAD_X, CELL_PAD_Y),
                anchor=MSO_ANCHOR.TOP,
            )
