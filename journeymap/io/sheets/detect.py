"""Find the journey map table in a sheet: its layout, its line of labels, its stage names.

Three layouts: stages as columns (labels such as Goal and Touchpoints down one column, stage names
across a header row), stages as rows (the same, transposed), and the one-row-per-touchpoint
inventory (a header row of Stage, Touchpoint, Channel, Owner, Persona, ... and one row per card).
Both grid orientations are scored by the number of different meaningful labels in the best column
and in the best row; a tie is reported, never settled silently. A sheet with stages as rows is
transposed, so the grid builder reads one shape only: fields are rows, stages are columns.

Only the table is the map. Its label line runs from the first to the last label it knows, plus
unknown labels right after it that have content under the stages; the stage names are the
nearest row of names above the labels, so unknown label rows in between never move them; notes,
titles and totals above, below or beside the table stay outside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from journeymap.io.sheets.grid import CellValue, Grid, Position, ValueKind
from journeymap.io.sheets.labels import Field, SynonymTable
from journeymap.io.sheets.mapping import MEANINGFUL, Layout, Mapping, Target

_LABEL_CHARS = 120
_SENTENCE = re.compile(r"[.!?…。]$|https?://|:\s")
_NOTE_WORDS = 5
# A column headed only by one of these sums the others; any other header text is the user's stage name.
_WORDS = re.compile(r"[^\W_]+")
_TOTALS = frozenset({"total", "totals", "grand total", "sum", "subtotal", "average", "avg", "count"})
# Fields of the inventory that show a sheet is one row per card, not stages as rows (an Emotions
# column is common in both), unless stage fields such as Goal say each row is a stage.
_CARD_ATTRIBUTES = frozenset({Field.PERSONA, Field.CHANNEL, Field.KIND, Field.NOTES, Field.CARD_OWNER})
_STAGE_ONLY = frozenset({Field.GOAL, Field.SUCCESS_CRITERIA, Field.TIMELINE})


class Orientation(StrEnum):
    COLUMNS = "columns"  # stages are columns: the team template's shape
    ROWS = "rows"

    def flipped(self) -> Orientation:
        return Orientation.ROWS if self is Orientation.COLUMNS else Orientation.COLUMNS

    def describe(self) -> str:
        return "stages as columns" if self is Orientation.COLUMNS else "stages as rows"


@dataclass
class LabelSlot:
    """One label of a table, as the mapping step shows it: the guess and the target in force."""

    position: Position  # in the table's view
    text: str
    guess: Target
    target: Target

    @property
    def corrected(self) -> bool:
        return self.guess != self.target


@dataclass
class Table:
    """Where the table sits. For grids the view has stages as columns (transposed if need be)."""

    grid: Grid
    layout: Layout
    label_column: int  # grids: the column of labels; inventories: the Stage column
    header_row: int  # grids: the row of stage names; inventories: the row of labels
    last_row: int = 0  # the table's last row in the view
    # Grids: stage header cells left to right, and which stage (index into it) each column belongs to.
    stage_cells: list[Position] = field(default_factory=list)
    column_stage: dict[int, int] = field(default_factory=dict)
    slots: dict[Position, LabelSlot] = field(default_factory=dict)
    outside: dict[Position, str] = field(default_factory=dict)  # cells left out on purpose, and why

    @property
    def orientation(self) -> Orientation:
        return Orientation.COLUMNS if self.layout is Layout.COLUMNS else Orientation.ROWS

    def stage_names(self) -> list[str]:
        return [self.grid.cells[p].text.strip() for p in self.stage_cells]

    def target_at(self, position: Position) -> Target | None:
        slot = self.slots.get(position)
        return slot.target if slot is not None else None

    def meaningful_fields(self) -> set[Field]:
        return {s.target.field for s in self.slots.values() if s.target.field in MEANINGFUL}


@dataclass
class Detection:
    """How a sheet was read: its layout, whether that was a tie, and its table if any."""

    orientation: Orientation | None
    scores: dict[Orientation, int]
    tie: bool = False
    forced: bool = False
    table: Table | None = None
    reason: str = ""
    labels: dict[Position, Target] = field(default_factory=dict)  # every label cell found, sheet coordinates

    @property
    def layout(self) -> Layout | None:
        return self.table.layout if self.table is not None else None


def detect(
    grid: Grid, synonyms: SynonymTable, forced: Orientation | None = None, mapping: Mapping | None = None
) -> Detection:
    """Choose the layout and locate the table; ``forced`` or the mapping's layout override the scores."""
    mapping = mapping or Mapping()
    if not mapping.include_hidden:
        grid = grid.without_hidden()  # hidden rows and columns are reported, never read
    labels = find_labels(grid, synonyms, mapping)
    scores = _scores(labels)
    detection = Detection(None, scores, labels=labels)
    if not any(t.field in MEANINGFUL for t in labels.values()):
        detection.reason = "no row or column labels such as Goal, Touchpoints or Owner"
        return detection
    layout = mapping.layout or (Layout(forced.value) if forced is not None else None)
    detection.forced = layout is not None
    # An inventory's labels run across one row; a sheet whose best line of labels is a column is a grid.
    if layout is Layout.INVENTORY or (layout is None and scores[Orientation.ROWS] >= scores[Orientation.COLUMNS]):
        inventory = _inventory_header(grid, labels, forced=layout is Layout.INVENTORY)
        if inventory is not None:
            detection.orientation = Orientation.ROWS
            detection.table, detection.reason = _locate_inventory(grid, labels, inventory, synonyms, mapping)
            return detection
        if layout is Layout.INVENTORY:
            detection.reason = "no header row with a Stage and a Touchpoint column"
            return detection
    tie = scores[Orientation.COLUMNS] == scores[Orientation.ROWS]
    if layout is None:
        layout = Layout.COLUMNS if scores[Orientation.COLUMNS] >= scores[Orientation.ROWS] else Layout.ROWS
        detection.tie = tie
    detection.orientation = Orientation(layout.value)
    view, view_labels = grid, labels
    if layout is Layout.ROWS:
        view = grid.transpose()
        view_labels = {(c, r): target for (r, c), target in labels.items()}
    detection.table, detection.reason = _locate_grid(view, layout, view_labels, synonyms, mapping)
    return detection


def find_labels(grid: Grid, synonyms: SynonymTable, mapping: Mapping) -> dict[Position, Target]:
    """Every cell that reads as a label: short, one line, text typed in (not a formula's result).
    The user's mapping names labels too, including ones the synonym table does not know."""
    found = {}
    for position, value in grid.cells.items():
        if value.kind is not ValueKind.TEXT or len(value.text) > _LABEL_CHARS or "\n" in value.text.strip():
            continue
        target = mapping.target_for(value.text)
        if target is None:
            label = synonyms.match(value.text)
            target = Target.of(label) if label is not None else None
        if target is not None:
            found[position] = target
    return found


def label_candidates(grid: Grid, labels: dict[Position, Target], orientation: Orientation | None) -> list[LabelSlot]:
    """Where no table was found, what may be labels, for the user to give a meaning: the line
    (column, or row when stages are rows) holding the most labels found, else the first column
    (or row) with short texts."""
    rows = orientation is Orientation.ROWS
    lines: dict[int, int] = {}
    for (r, c), target in labels.items():
        if target.field is not Field.IGNORE:
            lines[r if rows else c] = lines.get(r if rows else c, 0) + 1
    texts = {p: v for p, v in grid.cells.items() if v.kind is ValueKind.TEXT and _short_label(v)}
    if lines:
        line = max(lines, key=lambda n: (lines[n], -n))
    else:
        counts: dict[int, int] = {}
        for r, c in texts:
            counts[r if rows else c] = counts.get(r if rows else c, 0) + 1
        useful = sorted(n for n, count in counts.items() if count >= 2)
        if not useful:
            return []
        line = useful[0]
    slots = []
    for position in sorted(p for p in texts if (p[0] if rows else p[1]) == line):
        target = labels.get(position, Target(Field.IGNORE))
        slots.append(LabelSlot(position, texts[position].text.strip(), target, target))
    return slots


def _scores(labels: dict[Position, Target]) -> dict[Orientation, int]:
    by_column: dict[int, set[Field]] = {}
    by_row: dict[int, set[Field]] = {}
    # "Stage" counts too: whichever way the stages run, that corner label sits in the line of labels.
    for (row, column), target in labels.items():
        if target.field is not Field.IGNORE:
            by_column.setdefault(column, set()).add(target.field)
            by_row.setdefault(row, set()).add(target.field)
    return {
        Orientation.COLUMNS: max(map(len, by_column.values()), default=0),
        Orientation.ROWS: max(map(len, by_row.values()), default=0),
    }


def looks_like_a_note(text: str) -> bool:
    """Prose, not a name: a sentence, a link, or many words ("Last reviewed 2 May by CS Ops")."""
    stripped = " ".join(text.split())
    return len(stripped.split(" ")) >= _NOTE_WORDS or bool(_SENTENCE.search(stripped)) or len(stripped) > 60


# ------------------------------------------------------------------------ grids
def _locate_grid(
    grid: Grid, layout: Layout, labels: dict[Position, Target], synonyms: SynonymTable, mapping: Mapping
) -> tuple[Table | None, str]:
    per_column: dict[int, set[Field]] = {}
    for (_row, column), target in labels.items():
        if target.field in MEANINGFUL:
            per_column.setdefault(column, set()).add(target.field)
    orientation = Orientation(layout.value)
    if not per_column:
        return None, f"no labels such as Goal or Touchpoints with {orientation.describe()}"
    label_column = min(per_column, key=lambda c: (-len(per_column[c]), c))
    known = sorted(r for (r, c), t in labels.items() if c == label_column and t.field in MEANINGFUL)
    first, last = known[0], known[-1]
    header = _header_row(grid, label_column, first, labels)
    if header is None:
        return None, f"labels start at {grid.ref((first, label_column))} but there is no row of stage names above them"
    table = Table(grid, layout, label_column, header)
    last = _extend_down(grid, label_column, header, last)
    table.last_row = last
    _stage_columns(table, synonyms)
    if not table.stage_cells:
        return None, f"the header row {grid.ref((header, label_column))} has no stage names"
    for row in range(header + 1, last + 1):
        position = (row, label_column)
        value = grid.cells.get(position)
        if value is None or value.blank:
            continue
        text = value.text.strip()
        guess = _grid_guess(_synonym(synonyms, value.kind, text))
        table.slots[position] = LabelSlot(position, text, guess, mapping.target_for(text) or guess)
    return table, ""


def _synonym(synonyms: SynonymTable, kind: ValueKind, text: str) -> Target:
    """What the synonym table makes of a cell: a label, or ignore."""
    if kind is not ValueKind.TEXT or len(text) > _LABEL_CHARS or "\n" in text:
        return Target(Field.IGNORE)
    return Target.of(synonyms.match(text))


def _grid_guess(found: Target) -> Target:
    """A "Channels" row lists channels: cards, in a grid. Card attributes need cards beside them,
    which a grid has only in the rows above; the guess leaves them to the user."""
    if found.field is Field.CHANNEL:
        return Target(Field.TOUCHPOINTS, found.persona)
    if found.field is Field.CARD_OWNER:
        return Target(Field.OWNER)
    if found.field in (Field.PERSONA, Field.NOTES, Field.KIND):
        return Target(Field.IGNORE)
    return found


def _header_row(grid: Grid, label_column: int, first_label_row: int, labels: dict[Position, Target]) -> int | None:
    """The row of stage names: a "Stage" label above the first known label, or else the top of the
    block of rows with content right of the labels that ends at the first known label."""
    right: dict[int, int] = {}
    for (r, c), value in grid.cells.items():
        if c > label_column and r <= first_label_row and not value.blank:
            right[r] = right.get(r, 0) + 1
    row = first_label_row - 1
    while row >= 1 and right.get(row, 0) > 0:
        row -= 1
    block = list(range(row + 1, first_label_row))
    stage_rows = [r for r in block if labels.get((r, label_column), Target(Field.IGNORE)).field is Field.STAGE]
    if stage_rows:
        return stage_rows[0]
    if not block:
        below = sorted(r for (r, c), t in labels.items() if c == label_column and t.field is Field.STAGE)
        return below[0] if below else None
    top = block[0]
    # A title typed right of the labels, on the line above the stage names, is not a stage.
    if len(block) > 1 and right[top] == 1 and right[block[1]] > 1 and (top, label_column) not in labels:
        return block[1]
    return top


def _extend_down(grid: Grid, label_column: int, header: int, last: int) -> int:
    """Unknown labels under the known ones belong to the table while they have content beside them
    (across at most one blank row); unlabelled rows right under a list row continue it."""
    beside: set[int] = {r for (r, c), v in grid.cells.items() if c > label_column and r > last and not v.blank}
    row = last + 1
    while True:
        if row not in beside:
            value = grid.cells.get((row + 1, label_column))
            if row + 1 in beside and value is not None and _short_label(value):
                row += 1
                continue
            break
        value = grid.cells.get((row, label_column))
        if value is not None and not value.blank and not _short_label(value):
            break
        row += 1
        last = row - 1
    return last


def _short_label(value: CellValue) -> bool:
    return (
        value.kind is ValueKind.TEXT
        and not value.blank
        and not looks_like_a_note(value.text)
        and "\n" not in value.text.strip()
    )


def _stage_columns(table: Table, synonyms: SynonymTable) -> None:
    """Stage names across the header row, without notes or totals typed beside the table."""
    grid, header = table.grid, table.header_row
    content_columns = {c for (r, c), v in grid.cells.items() if header < r <= table.last_row and not v.blank}
    previous = table.label_column
    for column in sorted(
        c for (r, c), v in grid.cells.items() if r == header and c > table.label_column and not v.blank
    ):
        text = grid.cells[(header, column)].text
        empty = column not in content_columns
        if " ".join(_WORDS.findall(text.casefold())) in _TOTALS:
            table.outside[(header, column)] = "a total beside the table, not a stage"
            continue
        # A note typed under a stages-as-rows table reads, transposed, like a last stage without
        # content; with stages as columns only a gap sets a note apart from the stage names.
        prose = table.layout is Layout.ROWS and looks_like_a_note(text)
        if empty and (column - previous > 1 or prose):
            table.outside[(header, column)] = "a note beside the table, not a stage"
            continue
        if column - previous > 1 and table.stage_cells and empty:
            break
        table.column_stage[column] = len(table.stage_cells)
        table.stage_cells.append((header, column))
        previous = column
    # A stage name merged across columns owns them all.
    for r1, c1, r2, c2 in grid.merges:
        if r1 <= header <= r2 and (header, c1) in table.stage_cells:
            for column in range(c1 + 1, c2 + 1):
                table.column_stage.setdefault(column, table.column_stage[c1])


# ------------------------------------------------------------------------ inventories
def _inventory_header(grid: Grid, labels: dict[Position, Target], forced: bool) -> int | None:
    """The header row of a one-row-per-touchpoint table: a Stage and a Touchpoint (or Step) column,
    with stage names that repeat below or card attributes beside them."""
    rows: dict[int, list[tuple[int, Field]]] = {}
    for (r, c), target in labels.items():
        rows.setdefault(r, []).append((c, target.field))
    for row in sorted(rows, key=lambda r: (-len({f for _, f in rows[r]}), r)):
        fields = [f for _, f in sorted(rows[row])]
        if Field.STAGE not in fields:
            continue
        cards = Field.TOUCHPOINTS in fields or fields.count(Field.STAGE) > 1
        if not cards:
            continue
        stage_column = min(c for c, f in rows[row] if f is Field.STAGE)
        names = [v.text.strip() for (r, c), v in grid.cells.items() if c == stage_column and r > row and not v.blank]
        per_card = bool(_CARD_ATTRIBUTES & set(fields)) and not _STAGE_ONLY & set(fields)
        if forced or len(set(names)) < len(names) or per_card:
            return row
    return None


def _locate_inventory(
    grid: Grid, labels: dict[Position, Target], header: int, synonyms: SynonymTable, mapping: Mapping
) -> tuple[Table | None, str]:
    columns = sorted(c for (r, c), v in grid.cells.items() if r == header and not v.blank)
    stage_column = min(c for (r, c), t in labels.items() if r == header and t.field is Field.STAGE)
    table = Table(grid, Layout.INVENTORY, stage_column, header)
    has_touchpoints = any(t.field is Field.TOUCHPOINTS for (r, _c), t in labels.items() if r == header)
    for column in columns:
        position = (header, column)
        value = grid.cells[position]
        found = _synonym(synonyms, value.kind, value.text.strip())
        guess = found
        if found.field is Field.STAGE and column != stage_column:
            # "Stage | Step | Channel": the second stage-like column names the steps, the cards.
            guess = Target(Field.IGNORE if has_touchpoints else Field.TOUCHPOINTS)
            has_touchpoints = True
        elif found.field is Field.OWNER:
            guess = Target(Field.CARD_OWNER)
        elif found.field is Field.CHANNEL and not has_touchpoints:
            guess = Target(Field.TOUCHPOINTS)
        text = value.text.strip()
        table.slots[position] = LabelSlot(position, text, guess, mapping.target_for(text) or guess)
    mapped = {c for (_r, c) in table.slots}
    table.last_row = _inventory_end(grid, table, mapped)
    return table, ""


def _inventory_end(grid: Grid, table: Table, mapped: set[int]) -> int:
    """Records run down from the header; a blank row followed by prose or a lone cell ends them."""
    filled: dict[int, list[int]] = {}
    for (r, c), value in grid.cells.items():
        if r > table.header_row and c in mapped and not value.blank:
            filled.setdefault(r, []).append(c)
    last = table.header_row
    for row in sorted(filled):
        cells = filled[row]
        gap = row > last + 1
        lone = len(cells) == 1
        text = grid.cells[(row, cells[0])].text
        if lone and (gap or looks_like_a_note(text)) and last > table.header_row:
            for later in (r for r in sorted(filled) if r >= row):
                for column in filled[later]:
                    table.outside[(later, column)] = "a note under the table"
            break
        last = row
    return last
