"""Counts what a workbook's sheets hold against the limits while a reader goes through them.

Shared by the .xlsx and the calamine (.ods, .xls) readers, so every format fails at the same
limits with the same one-line messages.
"""

from __future__ import annotations

import os

from journeymap.io.sheets.grid import CellValue, Grid
from journeymap.io.sheets.limits import Limits, too_big


class Budget:
    """Counts what the sheets hold against the limits, failing at the first one crossed."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.rows = 0
        self.scanned = 0
        self.kept = 0
        self.noted = 0

    def scan(self, path: str | os.PathLike[str], sheet: str, cells: int, rows: int = 1) -> None:
        self.rows += rows
        self.scanned += cells
        if self.rows > self.limits.scanned_rows:
            raise too_big(
                path,
                f"has more than {self.limits.scanned_rows:,} rows (formatted empty rows included)",
                self.limits.scanned_rows,
                f"sheet {sheet}",
                advice="delete the unused rows below the map and save it again",
            )
        if self.scanned > self.limits.scanned_cells:
            raise too_big(
                path,
                f"has more than {self.limits.scanned_cells:,} cells (formatted empty cells included)",
                self.limits.scanned_cells,
                f"sheet {sheet}",
                advice="delete the unused rows and columns around the map and save it again",
            )

    def note(self, path: str | os.PathLike[str], grid: Grid, text: str = "") -> None:
        """One more hyperlink or comment (``text``), within the cell limits."""
        self.noted += 1
        if self.noted > self.limits.cells:
            raise too_big(path, "has too many hyperlinks and comments", self.limits.cells, f"sheet {grid.name}")
        if len(text) > self.limits.cell_chars:
            raise too_big(
                path,
                f"a comment holds {len(text):,} characters",
                self.limits.cell_chars,
                f"sheet {grid.name}",
                advice="shorten it",
            )

    def keep(self, path: str | os.PathLike[str], grid: Grid, row: int, column: int, value: CellValue) -> None:
        self.kept += 1
        limits = self.limits
        if (
            self.kept > limits.cells
            or row > limits.rows
            or column > limits.columns
            or len(value.text) > limits.cell_chars
        ):
            self._fail(path, grid, row, column, value)

    def _fail(self, path: str | os.PathLike[str], grid: Grid, row: int, column: int, value: CellValue) -> None:
        limits = self.limits
        place = f"{grid.name}!{grid.ref((row, column))}"
        if self.kept > limits.cells:
            raise too_big(path, f"has more than {limits.cells:,} filled cells", limits.cells, place)
        if row > limits.rows:
            raise too_big(
                path,
                f"has content in row {row:,}",
                limits.rows,
                place,
                advice="move the map to the top of the sheet or delete what is far below it",
            )
        if column > limits.columns:
            raise too_big(
                path,
                f"has content in column {column:,}",
                limits.columns,
                place,
                advice="delete what is far to the right of the map",
            )
        raise too_big(
            path, f"a cell holds {len(value.text):,} characters", limits.cell_chars, place, advice="shorten it"
        )
