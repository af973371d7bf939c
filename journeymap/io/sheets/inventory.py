"""Read a one-row-per-touchpoint inventory: a Stage column whose names repeat, a Touchpoint column,
and attribute columns (Channel, Owner, Persona, Emotion, Kind, Notes) that fill each card.

Stages keep the order in which they first appear, and rows with the same stage name join one
stage; the report says how many rows each stage took. Persona values become lanes in the same
way. Stage fields (Goal, Timeline, ...) in such a sheet are taken from the first row that gives
them; a different value further down is reported, not merged.
"""

from __future__ import annotations

from journeymap.io.sheets.build import CARD_KIND, DEFAULT_LANE, MapBuilder, StageKey, _Card, _FieldCell, set_attribute
from journeymap.io.sheets.detect import Table
from journeymap.io.sheets.grid import Grid, Position, ValueKind
from journeymap.io.sheets.labels import Field
from journeymap.io.sheets.mapping import ATTRIBUTE_FIELDS, CARD_FIELDS, STAGE_FIELDS, Target
from journeymap.io.sheets.text import short, split_items


def add_inventory(builder: MapBuilder, table: Table, lane: str = DEFAULT_LANE) -> None:
    """Read every record row of the inventory into the builder; ``lane`` takes rows naming no persona."""
    sheet = builder.next_sheet()
    grid = table.grid
    report = builder.report
    columns: dict[int, Target] = {}
    for position, slot in table.slots.items():
        if slot.target.field is Field.IGNORE:
            report.skip(
                grid,
                position,
                f"a column the mapping ignores; give it a meaning in the import preview "
                f'or with --field "{short(slot.text)}=FIELD"',
            )
        else:
            columns[position[1]] = slot.target
            report.use(grid, position)
    stage_column = table.label_column
    rows: dict[int, list[Position]] = {}
    for position in grid.filled():
        row, column = position
        if position in table.outside:
            report.skip(grid, position, table.outside[position])
        elif row < table.header_row:
            builder.above_the_table(grid, position)
        elif row == table.header_row:
            continue
        elif row > table.last_row:
            report.skip(grid, position, "below the table")
        elif column not in columns:
            report.skip(
                grid,
                position,
                "in a column without a label"
                if column not in table_columns(table)
                else "in a column the mapping ignores",
            )
        else:
            rows.setdefault(row, []).append(position)
    counts: dict[str, int] = {}
    first_row: dict[str, Position] = {}
    for number in sorted(rows):
        cells = {p[1]: p for p in rows[number]}
        stage_cell = cells.get(stage_column)
        if stage_cell is None:
            for position in cells.values():
                report.skip(grid, position, "in a row without a stage name")
            continue
        name = grid.cells[stage_cell].text.strip()
        key: StageKey = (name, 0)
        if key not in builder.stage_fields:
            builder.stages.append(key)
            builder.stage_fields[key] = {}
        first_row.setdefault(name, stage_cell)
        counts[name] = counts.get(name, 0) + 1
        report.use(grid, stage_cell)
        _record(builder, table, sheet, key, cells, columns, lane)
    for name, count in counts.items():
        report.info(f'stage "{short(name)}" took {count} row{"s" * (count != 1)}', grid, first_row[name])


def table_columns(table: Table) -> set[int]:
    return {position[1] for position in table.slots}


def _record(
    builder: MapBuilder,
    table: Table,
    sheet: int,
    key: StageKey,
    cells: dict[int, Position],
    columns: dict[int, Target],
    default_lane: str,
) -> None:
    """One row: its cards (a touchpoint, and any pain point, opportunity or thought beside it), their
    attributes, the stage's fields and milestones."""
    grid = table.grid
    report = builder.report
    lane = default_lane
    for column, target in columns.items():
        if target.field is Field.PERSONA and column in cells:
            lane = grid.cells[cells[column]].text.strip() or lane
    made: list[_Card] = []
    for column, target in sorted(columns.items()):
        position = cells.get(column)
        if position is None or column == table.label_column:
            continue
        value = grid.cells[position]
        if value.kind is ValueKind.ERROR:
            report.skip(grid, position, "an error value")
        elif target.field in CARD_FIELDS:
            card_lane = target.persona or lane
            builder.lane(card_lane)
            notes = builder.cell_notes(grid, position)
            for title in split_items(value.text) if target.field is not Field.TOUCHPOINTS else [value.text.strip()]:
                made.append(_Card(sheet, key, card_lane, title, CARD_KIND[target.field], notes=notes))
            report.use(grid, position)
        elif target.field is Field.MILESTONES:
            for title in split_items(value.text):
                if (key, None, title) not in builder.milestones:
                    builder.milestones.append((key, None, title))
            report.use(grid, position)
        elif target.field in STAGE_FIELDS:
            _stage_field(builder, sheet, key, target.field, grid, position)
    for column, target in sorted(columns.items()):
        position = cells.get(column)
        if position is None or target.field not in ATTRIBUTE_FIELDS or target.field is Field.PERSONA:
            if position is not None and target.field is Field.PERSONA:
                report.use(grid, position)
            continue
        text = grid.cells[position].text.strip()
        if not made:
            report.skip(grid, position, "a card attribute in a row without a card")
            continue
        if target.field is Field.EMOTIONS and builder.synonyms.emotion(text) is None:
            report.skip(grid, position, "not an emotion from -2 to +2 (or a word like positive)")
            continue
        if target.field is Field.KIND and builder.synonyms.card_kind(text) is None:
            report.skip(grid, position, "not a card kind (touchpoint, pain point, opportunity or thought)")
            continue
        set_attribute(made[0], target.field, text, builder.synonyms)
        report.use(grid, position)
    builder.cards.extend(made)


def _stage_field(builder: MapBuilder, sheet: int, key: StageKey, field: Field, grid: Grid, position: Position) -> None:
    cells = builder.stage_fields[key].setdefault(field, [])
    text = builder.cell_text(grid, position)
    if not cells:
        cells.append(_FieldCell(sheet, text, grid, position))
        builder.report.use(grid, position)
    elif cells[0].text == text:
        builder.report.use(grid, position)
    else:
        first = cells[0]
        builder.report.skip(
            grid,
            position,
            f"differs from {first.grid.ref(first.position)}, which was used for the "
            f'{field.value.replace("_", " ")} of stage "{short(key[0])}"',
        )
