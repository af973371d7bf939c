"""Turn the tables found in one or more sheets into a journey map, reporting every cell.

Each sheet's table is read row by row (fields are rows here; a sheet with stages as rows was
transposed by :mod:`detect`). Stage names are taken exactly as written, and sheets share a stage
only when the name is the same text. Rows without a persona in their label go to the sheet's
lane (the sheet's name when there are several sheets, else "Customer"). The map is assembled
only at the end, so a card can carry the emotion of its stage's emotions row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.io.sheets.detect import Orientation, Table
from journeymap.io.sheets.grid import Box, Grid, Position, ValueKind
from journeymap.io.sheets.labels import Field, SynonymTable
from journeymap.io.sheets.mapping import ATTRIBUTE_FIELDS, LIST_FIELDS, STAGE_FIELDS, Target
from journeymap.io.sheets.report import Report
from journeymap.io.sheets.text import short, split_items
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint

DEFAULT_LANE = "Customer"
CARD_KIND = {
    Field.TOUCHPOINTS: Kind.TOUCHPOINT,
    Field.PAIN_POINTS: Kind.PAIN_POINT,
    Field.OPPORTUNITIES: Kind.OPPORTUNITY,
    Field.THOUGHTS: Kind.THOUGHT,
}
StageKey = tuple[str, int]  # (name as written, which occurrence of that name on its sheet)


@dataclass
class _Card:
    sheet: int
    stage: StageKey
    lane: str
    title: str
    kind: Kind
    emotion: int | None = None
    channel: str = ""
    owner: str = ""
    notes: str = ""


@dataclass
class _Attribute:
    """A row of emotions (or channels, owners, notes, kinds, personas) for the cards beside it."""

    field: Field
    sheet: int
    stage: StageKey
    lane: str
    values: list[str]
    grid: Grid
    position: Position


@dataclass
class _FieldCell:
    sheet: int
    text: str
    grid: Grid
    position: Position


@dataclass
class _Row:
    number: int
    label: Target | None
    label_position: Position | None
    cells: list[Position] = field(default_factory=list)


class MapBuilder:
    """Collects what every sheet's table holds, then builds the map in one go."""

    def __init__(self, table: SynonymTable, report: Report) -> None:
        self.synonyms = table
        self.report = report
        self.title: str | None = None
        self.stages: list[StageKey] = []
        self.stage_fields: dict[StageKey, dict[Field, list[_FieldCell]]] = {}
        self.lanes: list[str] = []
        self.cards: list[_Card] = []
        self.milestones: list[tuple[StageKey, str | None, str]] = []
        self.attributes: list[_Attribute] = []
        self._sheets = 0
        self._merged: dict[Position, Box] = {}

    # ----------------------------------------------------------------- one sheet
    def add_table(self, table: Table, lane: str, milestones_in_lane: bool) -> None:
        """Read one sheet's grid table. ``lane`` takes rows whose label names no persona."""
        sheet = self._sheets
        self._sheets += 1
        grid = table.grid
        keys = self._stage_keys(table)
        self._merged = grid.merges_by_origin()
        rows = self._visible_rows(table)
        self._outside(table, rows)
        previous: _Row | None = None
        for number in sorted(r for r in rows if table.header_row < r <= table.last_row):
            row = self._row(table, number, rows[number], previous)
            if row is None:
                previous = None
                continue
            self._read_row(table, sheet, keys, row, lane, milestones_in_lane)
            previous = row
        for number in sorted(r for r in rows if r > table.last_row):
            for position in rows[number]:
                if position[1] >= table.label_column:
                    self.report.skip(
                        grid,
                        position,
                        table.outside.get(position, "below the table")
                        if table.orientation is Orientation.COLUMNS
                        else table.outside.get(position, "right of the table"),
                    )

    def next_sheet(self) -> int:
        sheet = self._sheets
        self._sheets += 1
        return sheet

    def _visible_rows(self, table: Table) -> dict[int, list[Position]]:
        """The filled cells by row, less those under a merge or (unless asked for) in hidden rows."""
        grid = table.grid
        covered = grid.hidden_under_merges()
        rows: dict[int, list[Position]] = {}
        for position in grid.filled():
            if position in covered:
                self.report.skip(grid, position, f"hidden under the merged cell {grid.ref(covered[position])}")
            elif position in table.outside:
                self.report.skip(grid, position, table.outside[position])
            else:
                rows.setdefault(position[0], []).append(position)
        return rows

    def _stage_keys(self, table: Table) -> list[StageKey]:
        seen: dict[str, int] = {}
        keys = []
        for position, name in zip(table.stage_cells, table.stage_names(), strict=True):
            key = (name, seen.get(name, 0))
            seen[name] = key[1] + 1
            keys.append(key)
            if key not in self.stage_fields:
                self.stages.append(key)
                self.stage_fields[key] = {}
            self.report.use(table.grid, position)
            if key[1] == 1:
                self.report.info(f'two stages are named "{short(name)}"; they are kept apart', table.grid, position)
        return keys

    def _outside(self, table: Table, rows: dict[int, list[Position]]) -> None:
        """Cells above or beside the table; the first text above it is the map's title."""
        grid = table.grid
        columns = table.orientation is Orientation.COLUMNS
        corner = (table.header_row, table.label_column)
        above: list[Position] = []
        for number in sorted(r for r in rows if r <= table.header_row or rows[r][0][1] < table.label_column):
            for position in rows[number]:
                row, column = position
                if row > table.last_row:
                    continue
                if position == corner:
                    target = table.target_at(position)
                    if self.synonyms.match(grid.cells[position].text) is not None and (
                        target is None or target.field is Field.STAGE
                    ):
                        self.report.use(grid, position)
                    else:
                        self.report.skip(grid, position, "the top-left corner of the table")
                elif (row < table.header_row) if columns else (column < table.label_column):
                    above.append(position)
                elif (column < table.label_column) if columns else (row < table.header_row):
                    self.report.skip(grid, position, "left of the row labels" if columns else "left of the stage names")
        # People read the title first: the earliest cell in the sheet as they see it.
        above.sort(key=lambda p: p if columns else (p[1], p[0]))
        for position in above:
            self.above_the_table(grid, position)

    def above_the_table(self, grid: Grid, position: Position) -> None:
        """The first text above the table (as people read it) is the map's title; the rest is listed."""
        value = grid.cells[position]
        if self.title is None and value.kind is ValueKind.TEXT:
            self.title = value.text.strip()
            self.report.use(grid, position)
        else:
            self.report.skip(grid, position, "above the table")

    def _row(self, table: Table, number: int, cells: list[Position], previous: _Row | None) -> _Row | None:
        """Which label a row has, including one merged down from above or continued from the row above."""
        grid = table.grid
        label_position = (number, table.label_column)
        content = [p for p in cells if p[1] > table.label_column]
        if label_position in cells:
            target = table.target_at(label_position)
            if target is None or target.field in (Field.STAGE, Field.IGNORE):
                self._unknown_row(table, label_position, content, target)
                return None
            self.report.use(grid, label_position)
            return _Row(number, target, label_position, content)
        origin = grid.origin_of(label_position)
        if origin is not None and origin[1] == table.label_column and table.target_at(origin) is not None:
            target = table.target_at(origin)
            if target is not None and target.field not in (Field.STAGE, Field.IGNORE):
                return _Row(number, target, origin, content)
        if (
            previous is not None
            and previous.number == number - 1
            and previous.label is not None
            and previous.label.field in LIST_FIELDS
        ):
            if content:
                self.report.info(
                    f'this row has no label; read as more "{grid.cells[previous.label_position].text}"'
                    if previous.label_position
                    else "this row has no label",
                    grid,
                    content[0],
                )
            return _Row(number, previous.label, previous.label_position, content)
        for position in content:
            self.report.skip(grid, position, "in a row without a label")
        return None

    def _unknown_row(
        self, table: Table, label_position: Position, content: list[Position], target: Target | None
    ) -> None:
        grid = table.grid
        text = grid.cells[label_position].text
        slot = table.slots.get(label_position)
        line = "column" if table.orientation is Orientation.ROWS else "row"
        if target is not None and target.field is Field.STAGE:
            why = "a second row of stage names; only one table per sheet is read (one sheet per persona works)"
            self.report.skip(grid, label_position, why)
        elif self.synonyms.is_computed(text):
            why = f'a {line} computed from other {line}s ("{short(text)}")'
            self.report.skip(grid, label_position, f"a label of a computed {line}, not cards")
        elif slot is not None and slot.target.field is Field.IGNORE and slot.guess.field is not Field.IGNORE:
            why = f'in the {line} labelled "{short(text)}", which the mapping ignores'
            self.report.skip(grid, label_position, "a label the mapping ignores")
        elif self.synonyms.match(text) is not None:
            # "Notes", "Persona", "Kind": labels we know, but not of a row of their own in a grid.
            field = self.synonyms.match(text).field.value.replace("_", " ")  # type: ignore[union-attr]
            self.report.skip(
                grid,
                label_position,
                f"a {field} label, which this layout does not read on its own; "
                f"give it a meaning in the import preview or with "
                f'--field "{short(text)}=FIELD"',
            )
            why = f'in the {line} labelled "{short(text)}", which the mapping ignores'
        else:
            self.report.skip(
                grid,
                label_position,
                f'not a label we know; give it a meaning in the import preview or with --field "{short(text)}=FIELD"',
            )
            why = f'in the {line} labelled "{short(text)}", which is not a label we know'
        for position in content:
            self.report.skip(grid, position, why)

    def _read_row(
        self, table: Table, sheet: int, keys: list[StageKey], row: _Row, lane: str, milestones_in_lane: bool
    ) -> None:
        grid = table.grid
        assert row.label is not None
        label = row.label
        staged = []
        for position in row.cells:
            stage = table.column_stage.get(position[1])
            if stage is None:
                self.report.skip(grid, position, "under no stage name")
            elif grid.cells[position].kind is ValueKind.ERROR:
                self.report.skip(grid, position, "an error value")
            else:
                staged.append((position, keys[stage]))
        if (
            label.field in LIST_FIELDS
            and staged
            and all(grid.cells[p].formula and grid.cells[p].kind is not ValueKind.TEXT for p, _ in staged)
        ):
            for position, _ in staged:
                self.report.skip(grid, position, "computed by a formula from other rows, not cards")
            return
        row_lane = label.persona or lane
        for position, key in staged:
            value = grid.cells[position]
            if label.field in STAGE_FIELDS:
                self.stage_fields[key].setdefault(label.field, []).append(
                    _FieldCell(sheet, self.cell_text(grid, position), grid, position)
                )
            elif label.field in ATTRIBUTE_FIELDS:
                self._attribute(label.field, sheet, key, row_lane, grid, position)
            elif value.kind in (ValueKind.NUMBER, ValueKind.BOOL):
                self.report.skip(grid, position, "a number in a list row; counts are not cards")
            else:
                self._items(table, sheet, key, label, row_lane, position, milestones_in_lane)

    def cell_text(self, grid: Grid, position: Position) -> str:
        """A stage field's text: the cell as shown, with its comment and link target after it."""
        text = grid.cells[position].text.strip()
        extras = [grid.links.get(position, ""), grid.comments.get(position, "")]
        return "\n".join([text, *(e.strip() for e in extras if e.strip() and e.strip() != text)])

    def cell_notes(self, grid: Grid, position: Position) -> str:
        """What a cell adds beside its text: its comment and link target, for a card's notes."""
        return "\n".join(
            e.strip() for e in (grid.comments.get(position, ""), grid.links.get(position, "")) if e.strip()
        )

    def _items(
        self,
        table: Table,
        sheet: int,
        key: StageKey,
        label: Target,
        lane: str,
        position: Position,
        milestones_in_lane: bool,
    ) -> None:
        grid = table.grid
        items = split_items(grid.cells[position].text)
        self.report.use(grid, position)
        box = self._merged.get(position)
        if box is not None and table.column_stage.get(box[3]) not in (None, table.column_stage[position[1]]):
            self.report.info(f'merged across several stages; put in "{key[0]}", the first', grid, position)
        notes = self.cell_notes(grid, position)
        for item in items:
            if label.field is Field.MILESTONES:
                milestone_lane = lane if (label.persona or milestones_in_lane) else None
                if milestone_lane is not None:
                    self.lane(milestone_lane)
                self.milestones.append((key, milestone_lane, item))
            else:
                self.lane(lane)
                self.cards.append(_Card(sheet, key, lane, item, CARD_KIND[label.field], notes=notes))

    def _attribute(self, field: Field, sheet: int, key: StageKey, lane: str, grid: Grid, position: Position) -> None:
        lines = [line.strip() for line in grid.cells[position].text.splitlines() if line.strip()]
        if field is Field.EMOTIONS:
            values = [self.synonyms.emotion(line) for line in lines]
            if not values or any(v is None for v in values):
                self.report.skip(grid, position, "not an emotion from -2 to +2 (or a word like positive)")
                return
        elif field is Field.KIND and any(self.synonyms.card_kind(line) is None for line in lines):
            self.report.skip(grid, position, "not a card kind (touchpoint, pain point, opportunity or thought)")
            return
        self.attributes.append(_Attribute(field, sheet, key, lane, lines, grid, position))

    def lane(self, name: str) -> None:
        if name not in self.lanes:
            self.lanes.append(name)

    # ----------------------------------------------------------------- the map
    def build(self, fallback_title: str) -> JourneyMap:
        self._apply_attributes()
        journey = JourneyMap(self.title or fallback_title)
        stage_ids = {key: journey.add_stage(self._stage(key)) for key in self.stages}
        lane_ids = {name: journey.add_lane(Persona(name)) for name in self.lanes}
        for card in self.cards:
            journey.add_card(
                stage_ids[card.stage],
                lane_ids[card.lane],
                Touchpoint(
                    card.title,
                    channel=card.channel,
                    owner=card.owner,
                    notes=card.notes,
                    emotion=card.emotion,
                    kind=card.kind,
                ),
            )
        for key, lane, title in self.milestones:
            journey.add_milestone(stage_ids[key], Milestone(title), None if lane is None else lane_ids[lane])
        return journey

    def _stage(self, key: StageKey) -> Stage:
        values = {}
        for name, cells in self.stage_fields[key].items():
            first_sheet = cells[0].sheet
            used = [c for c in cells if c.sheet == first_sheet]
            text = "\n".join(c.text for c in used)
            values[name.value] = text
            first = used[0]
            if len(used) == 1:
                self.report.use(first.grid, first.position)
            else:
                # Said, not silent: rows with the same label (two Timeline rows) are joined, line by line.
                field = name.value.replace("_", " ")
                joined = ", ".join(c.grid.ref(c.position) for c in used)
                for cell in used:
                    self.report.info(
                        f'the {field} of stage "{short(key[0])}" joins {joined}, one after another',
                        cell.grid,
                        cell.position,
                    )
            others: dict[int, list[_FieldCell]] = {}
            for cell in cells:
                if cell.sheet != first_sheet:
                    others.setdefault(cell.sheet, []).append(cell)
            for group in others.values():
                same = "\n".join(c.text for c in group) == text
                for cell in group:
                    if same:
                        self.report.use(cell.grid, cell.position)
                    else:
                        first = used[0]
                        self.report.skip(
                            cell.grid,
                            cell.position,
                            f"differs from {first.grid.name}!"
                            f"{first.grid.ref(first.position)}, which was used for this stage",
                        )
        return Stage(key[0], **values)

    def _apply_attributes(self) -> None:
        """Give each attribute row's values to the touchpoints of its stage and lane: one value for
        all of them, or one per touchpoint, in order."""
        for attribute in self.attributes:
            cards = [
                c
                for c in self.cards
                if (c.sheet, c.stage, c.lane) == (attribute.sheet, attribute.stage, attribute.lane)
                and c.kind is Kind.TOUCHPOINT
            ]
            name = "emotions" if attribute.field is Field.EMOTIONS else attribute.field.value.replace("_", " ") + "s"
            if not cards:
                self.report.skip(
                    attribute.grid,
                    attribute.position,
                    f"{'an emotion' if attribute.field is Field.EMOTIONS else name} for a stage and "
                    "lane without touchpoints to carry it",
                )
            elif len(attribute.values) in (1, len(cards)):
                values = attribute.values * len(cards) if len(attribute.values) == 1 else attribute.values
                for card, value in zip(cards, values, strict=True):
                    set_attribute(card, attribute.field, value, self.synonyms)
                    if attribute.field is Field.PERSONA:
                        self.lane(card.lane)
                self.report.use(attribute.grid, attribute.position)
            else:
                self.report.skip(
                    attribute.grid,
                    attribute.position,
                    f"{len(attribute.values)} {name} for {len(cards)} touchpoints; give one, or one per touchpoint",
                )


def set_attribute(card: _Card, field: Field, value: str, table: SynonymTable) -> None:
    """Fill one field of a card from an attribute cell's text (already checked readable)."""
    if field is Field.EMOTIONS:
        card.emotion = table.emotion(value)
    elif field is Field.CHANNEL:
        card.channel = value
    elif field is Field.CARD_OWNER:
        card.owner = value
    elif field is Field.NOTES:
        card.notes = "\n".join(n for n in (value, card.notes) if n)
    elif field is Field.KIND:
        card.kind = table.card_kind(value) or card.kind
    elif field is Field.PERSONA:
        card.lane = value
