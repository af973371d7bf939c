"""Find the journey map table in a sheet: which way the stages run, the label column, the header.

Stages may be columns (labels such as Goal and Touchpoints down one column, stage names across a
header row) or rows (labels across the header row, stage names down a column). Both ways are
scored by the number of different labels (a "Stage" corner label included) in the best column and
in the best row; a tie is reported, never settled silently. After detection a sheet with stages as
rows is transposed, so the builder reads one shape only: fields are rows, stages are columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from journeymap.io.sheets.grid import Grid, Position, ValueKind
from journeymap.io.sheets.labels import Field, Label, SynonymTable


class Orientation(StrEnum):
    COLUMNS = "columns"  # stages are columns: the team template's shape
    ROWS = "rows"

    def flipped(self) -> Orientation:
        return Orientation.ROWS if self is Orientation.COLUMNS else Orientation.COLUMNS

    def describe(self) -> str:
        return "stages as columns" if self is Orientation.COLUMNS else "stages as rows"


@dataclass
class Table:
    """Where the table sits in a grid whose stages are columns (transposed if need be)."""

    grid: Grid
    orientation: Orientation
    label_column: int
    header_row: int
    # Stage header cells left to right, and which stage (index into it) each column belongs to.
    stage_cells: list[Position] = field(default_factory=list)
    column_stage: dict[int, int] = field(default_factory=dict)
    labels: dict[Position, Label] = field(default_factory=dict)

    def stage_names(self) -> list[str]:
        return [self.grid.cells[p].text.strip() for p in self.stage_cells]


@dataclass
class Detection:
    """How a sheet was read: its orientation, whether that was a tie, and its table if any."""

    orientation: Orientation | None
    scores: dict[Orientation, int]
    tie: bool = False
    forced: bool = False
    table: Table | None = None
    reason: str = ""


def detect(grid: Grid, table: SynonymTable, forced: Orientation | None = None) -> Detection:
    """Score both orientations and locate the table; ``forced`` overrides the scores."""
    labels = find_labels(grid, table)
    scores = _scores(labels)
    if not any(label.field is not Field.STAGE for label in labels.values()):
        return Detection(None, scores, reason="no row or column labels such as Goal, Touchpoints or Owner")
    tie = scores[Orientation.COLUMNS] == scores[Orientation.ROWS]
    orientation = forced or (Orientation.COLUMNS if scores[Orientation.COLUMNS] >= scores[Orientation.ROWS]
                             else Orientation.ROWS)
    if orientation is Orientation.ROWS:
        grid = grid.transpose()
        labels = {(c, r): label for (r, c), label in labels.items()}
    located, reason = _locate(grid, orientation, labels)
    return Detection(orientation, scores, tie and forced is None, forced is not None, located, reason)


def find_labels(grid: Grid, table: SynonymTable) -> dict[Position, Label]:
    """Every cell that reads as a label: short, one line, text typed in (not a formula's result)."""
    found = {}
    for position, value in grid.cells.items():
        if value.kind is ValueKind.TEXT and len(value.text) <= 120 and "\n" not in value.text.strip():
            label = table.match(value.text)
            if label is not None:
                found[position] = label
    return found


def _scores(labels: dict[Position, Label]) -> dict[Orientation, int]:
    by_column: dict[int, set[Label]] = {}
    by_row: dict[int, set[Label]] = {}
    # "Stage" counts too: whichever way the stages run, that corner label sits in the line of labels.
    for (row, column), label in labels.items():
        by_column.setdefault(column, set()).add(label)
        by_row.setdefault(row, set()).add(label)
    return {
        Orientation.COLUMNS: max(map(len, by_column.values()), default=0),
        Orientation.ROWS: max(map(len, by_row.values()), default=0),
    }


def _locate(grid: Grid, orientation: Orientation, labels: dict[Position, Label]) -> tuple[Table | None, str]:
    per_column: dict[int, set[Label]] = {}
    for (_row, column), label in labels.items():
        if label.field is not Field.STAGE:
            per_column.setdefault(column, set()).add(label)
    if not per_column:
        return None, f"no labels such as Goal or Touchpoints with {orientation.describe()}"
    label_column = min(per_column, key=lambda c: (-len(per_column[c]), c))
    first = min(r for (r, c), label in labels.items() if c == label_column and label.field is not Field.STAGE)
    stage_rows = sorted(r for (r, c), label in labels.items() if c == label_column and label.field is Field.STAGE)
    header = _header_row(grid, label_column, first, stage_rows)
    if header is None:
        where = grid.ref((first, label_column))
        return None, f"labels start at {where} but there is no row of stage names above them"
    located = Table(grid, orientation, label_column, header, labels=labels)
    for column in sorted(c for (r, c), v in grid.cells.items() if r == header and c > label_column and not v.blank):
        located.column_stage[column] = len(located.stage_cells)
        located.stage_cells.append((header, column))
    # A stage name merged across columns owns them all.
    for r1, c1, _r2, c2 in grid.merges:
        if r1 <= header <= _r2 and (header, c1) in located.stage_cells:
            for column in range(c1 + 1, c2 + 1):
                located.column_stage.setdefault(column, located.column_stage[c1])
    if not located.stage_cells:
        return None, f"the header row {grid.ref((header, label_column))} has no stage names"
    return located, ""


def _header_row(grid: Grid, label_column: int, first_label_row: int, stage_rows: list[int]) -> int | None:
    above = [r for r in stage_rows if r < first_label_row]
    if above:
        return above[-1]
    if stage_rows:
        return stage_rows[0]
    rows_with_names = {r for (r, c), v in grid.cells.items()
                       if r < first_label_row and c > label_column and not v.blank}
    return max(rows_with_names, default=None)
