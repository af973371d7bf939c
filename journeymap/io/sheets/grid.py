"""A sheet as sparse cells: what both readers produce and everything after them works on.

Only non-empty cells are stored, keyed by (row, column) from 1, so a sheet costs what its content
costs, never what its declared or formatted extent claims. Merged ranges are kept as ranges, never
expanded cell by cell. A grid can be viewed transposed (a sheet with stages as rows
then reads like one with stages as columns) while every cell keeps its original reference for
the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Position = tuple[int, int]
# (first row, first column, last row, last column), all inclusive, from 1.
Box = tuple[int, int, int, int]


class ValueKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    BOOL = "bool"
    DATE = "date"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class CellValue:
    """What a cell shows (``text``), what kind of value that was, and whether a formula made it."""

    text: str
    kind: ValueKind = ValueKind.TEXT
    formula: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Grid:
    """One sheet (or one CSV file) as sparse cells."""

    name: str
    cells: dict[Position, CellValue] = field(default_factory=dict)
    merges: list[Box] = field(default_factory=list)
    hidden: bool = False
    transposed: bool = False
    # Rows and columns the sheet hides (numbers in this view: a transposed grid swaps them).
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    # A cell's comment (note) and hyperlink target, keyed like ``cells``; shown in the card's notes.
    comments: dict[Position, str] = field(default_factory=dict)
    links: dict[Position, str] = field(default_factory=dict)
    _filled: list[Position] | None = field(default=None, init=False, repr=False, compare=False)
    _filled_count: int = field(default=-1, init=False, repr=False, compare=False)

    def ref(self, position: Position) -> str:
        """The A1 reference of a cell in the sheet as the user sees it."""
        row, column = (position[1], position[0]) if self.transposed else position
        return f"{column_letter(column)}{row}"

    def box_ref(self, box: Box) -> str:
        first = self.ref((box[0], box[1]))
        last = self.ref((box[2], box[3]))
        return first if first == last else f"{first}:{last}"

    def extent(self) -> Box | None:
        """The smallest box holding every non-blank cell, or None for an empty sheet."""
        rows = [r for (r, _), value in self.cells.items() if not value.blank]
        if not rows:
            return None
        columns = [c for (_, c), value in self.cells.items() if not value.blank]
        return min(rows), min(columns), max(rows), max(columns)

    def filled(self) -> list[Position]:
        """Non-blank cells in reading order (row by row). Cells are not changed once read (only
        added while reading), so the list is made again only when the count changed."""
        if self._filled is None or self._filled_count != len(self.cells):
            self._filled_count = len(self.cells)
            self._filled = sorted(p for p, value in self.cells.items() if value.text and not value.blank)
        return list(self._filled)

    def transpose(self) -> Grid:
        return Grid(
            self.name,
            {(c, r): value for (r, c), value in self.cells.items()},
            [(c1, r1, c2, r2) for r1, c1, r2, c2 in self.merges],
            self.hidden,
            not self.transposed,
            hidden_rows=set(self.hidden_columns),
            hidden_columns=set(self.hidden_rows),
            comments={(c, r): text for (r, c), text in self.comments.items()},
            links={(c, r): target for (r, c), target in self.links.items()},
        )

    def without_hidden(self) -> Grid:
        """The same sheet less the cells in hidden rows and columns (what the team sees)."""
        if not self.hidden_rows and not self.hidden_columns:
            return self
        visible = {p: v for p, v in self.cells.items() if not self.is_hidden(p)}
        return Grid(
            self.name,
            visible,
            list(self.merges),
            self.hidden,
            self.transposed,
            hidden_rows=set(self.hidden_rows),
            hidden_columns=set(self.hidden_columns),
            comments=dict(self.comments),
            links=dict(self.links),
        )

    def is_hidden(self, position: Position) -> bool:
        """Whether the sheet hides this cell's row or column."""
        return position[0] in self.hidden_rows or position[1] in self.hidden_columns

    def origin_of(self, position: Position) -> Position | None:
        """The top-left cell of the merged range covering ``position``, if it is covered (not itself
        the top-left). Asked only for header and label cells, so a scan of the merges is enough."""
        row, column = position
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and c1 <= column <= c2 and (row, column) != (r1, c1):
                return r1, c1
        return None

    def hidden_under_merges(self) -> dict[Position, Position]:
        """Filled cells that a merged range covers (LibreOffice can keep them) -> its top-left."""
        if not self.merges:
            return {}
        by_row: dict[int, list[int]] = {}
        for row, column in self.cells:
            by_row.setdefault(row, []).append(column)
        hidden: dict[Position, Position] = {}
        for r1, c1, r2, c2 in self.merges:
            for row in range(r1, min(r2, max(by_row)) + 1):
                for column in by_row.get(row, ()):
                    if c1 <= column <= c2 and (row, column) != (r1, c1):
                        hidden[(row, column)] = (r1, c1)
        return hidden

    def merges_by_origin(self) -> dict[Position, Box]:
        return {(box[0], box[1]): box for box in self.merges}


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
