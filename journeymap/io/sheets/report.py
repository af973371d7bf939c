"""The import report: every non-empty cell is used, or listed with why it was not.

Builders mark cells as used or add a notice for them; :meth:`Report.finish` then lists whatever
non-empty cell is left, so a cell can never be dropped silently, whatever a builder forgets.
"""

from __future__ import annotations

from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets.grid import Grid, Position
from journeymap.io.sheets.text import short


class Report:
    """Collects notices and the cells accounted for, per sheet."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []
        self._covered: dict[str, set[Position]] = {}
        self._whole: set[str] = set()

    def use(self, grid: Grid, position: Position) -> None:
        # Kept in the sheet's own coordinates, whichever way the builder viewed it.
        original = (position[1], position[0]) if grid.transposed else position
        self._covered.setdefault(grid.name, set()).add(original)

    def info(self, text: str, grid: Grid | None = None, position: Position | None = None) -> None:
        self._add(Severity.INFO, text, grid, position)

    def warn(self, text: str, grid: Grid | None = None, position: Position | None = None) -> None:
        self._add(Severity.WARNING, text, grid, position)

    def skip(self, grid: Grid, position: Position, why: str) -> None:
        """A non-empty cell that was not used, and why."""
        value = grid.cells[position]
        self.warn(f'not used: {why}: "{short(value.text)}"', grid, position)

    def skip_sheet(self, grid: Grid, why: str, severity: Severity = Severity.WARNING) -> None:
        """A whole sheet left out; one line covers all its cells."""
        extent = grid.extent()
        place = grid.box_ref(extent) if extent else ""
        count = len(grid.filled())
        held = f" ({count} filled cell{'s' * (count != 1)})" if count else " (empty)"
        self.notices.append(Notice(severity, f"sheet not imported: {why}{held}", grid.name, place))
        self._whole.add(grid.name)

    def finish(self, grids: list[Grid]) -> list[Notice]:
        """List every non-empty cell that nothing used or reported; return all notices."""
        for grid in grids:
            if grid.name in self._whole:
                continue
            covered = self._covered.get(grid.name, set())
            for position in grid.filled():
                if position in covered:
                    continue
                if grid.is_hidden(position):
                    what = "row" if position[0] in grid.hidden_rows else "column"
                    self.skip(
                        grid,
                        position,
                        f"in a hidden {what} (take hidden rows and columns in, in the "
                        "import preview or with --include-hidden)",
                    )
                else:
                    self.skip(grid, position, "outside the map's table")
        return self.notices

    def _add(self, severity: Severity, text: str, grid: Grid | None, position: Position | None) -> None:
        sheet = grid.name if grid is not None else ""
        cell = grid.ref(position) if grid is not None and position is not None else ""
        self.notices.append(Notice(severity, text, sheet, cell))
        if grid is not None and position is not None:
            self.use(grid, position)
