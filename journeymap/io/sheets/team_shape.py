"""The team's own sheet shape: remembered at import, written back at export.

A map imported from a sheet keeps its layout (stages as columns or rows, or one row per
touchpoint), its labels as the team wrote them (in their language), their order, and the rows the
import did not use, so the export's map sheet (and CSV) comes back as the team keeps it. What the
shape has no row for (a lane or a kind added in the app) is appended with our own labels, so the
map sheet never hides part of the map.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymap.io.sheets.detect import Table
from journeymap.io.sheets.labels import Field
from journeymap.io.sheets.mapping import ATTRIBUTE_FIELDS, CARD_FIELDS, STAGE_FIELDS, Layout, Mapping, Target
from journeymap.model import JourneyMap, Kind, SheetRow, SheetShape, Stage

_KIND_OF = {
    Field.TOUCHPOINTS: Kind.TOUCHPOINT,
    Field.PAIN_POINTS: Kind.PAIN_POINT,
    Field.OPPORTUNITIES: Kind.OPPORTUNITY,
    Field.THOUGHTS: Kind.THOUGHT,
}
_OUR_LABELS = {
    Kind.TOUCHPOINT: "Touchpoints",
    Kind.PAIN_POINT: "Pain points",
    Kind.OPPORTUNITY: "Opportunities",
    Kind.THOUGHT: "Thoughts",
}
# (label, items per stage) -> rows: the template's bulleted list rows, split where a cell would be too long.
ListRows = Callable[[str, list[list[str]]], list[list[str]]]
_EMOTION_TEXT = {-2: "-2", -1: "-1", 0: "0", 1: "+1", 2: "+2"}


def capture(table: Table, default_lane: str | None) -> SheetShape:
    """What an import found: the layout and every labelled line of the table, in order. Rows that
    name no persona are kept for ``default_lane`` (None: for each sheet's own lane)."""
    grid = table.grid
    rows = []
    for position in sorted(table.slots):
        slot = table.slots[position]
        target = slot.target
        if (
            target.field in (*CARD_FIELDS, Field.MILESTONES, Field.EMOTIONS)
            and target.persona is None
            and table.layout is not Layout.INVENTORY
            and default_lane is not None
        ):
            target = Target(target.field, default_lane) if target.field is not Field.MILESTONES else target
        cells: tuple[tuple[str, str], ...] = ()
        if slot.target.field is Field.IGNORE and table.layout is not Layout.INVENTORY:
            names = table.stage_names()
            cells = tuple(
                (names[table.column_stage[c]], v.text)
                for (r, c), v in sorted(grid.cells.items())
                if r == position[0] and c in table.column_stage and not v.blank
            )
        rows.append(SheetRow(slot.text, target.spec(), cells))
    corner = grid.cells.get((table.header_row, table.label_column))
    return SheetShape(table.layout.value, grid.name, corner.text.strip() if corner is not None else "", tuple(rows))


def capture_per_persona(tables: list[Table]) -> SheetShape:
    """One sheet per persona: the first sheet's labels for all, and each sheet's ignored rows."""
    first = capture(tables[0], None)
    rows: list[SheetRow] = []
    for row in first.rows:
        if row.field != Field.IGNORE.value:
            rows.append(row)
            continue
        for table in tables:
            same = next((r for r in capture(table, None).rows if r.label == row.label), None)
            if same is not None:
                rows.append(SheetRow(same.label, same.field, same.cells, table.grid.name))
    return SheetShape(first.layout, first.sheet, first.corner, tuple(rows), per_persona=True)


def mapping_of(shape: SheetShape) -> Mapping:
    """The mapping that reads a sheet of this shape back, whatever its labels' language."""
    fields = {}
    for row in shape.rows:
        try:
            fields[row.label] = Target.parse(row.field)
        except ValueError:
            continue
    return Mapping(fields, Layout(shape.layout))


def shaped_rows(
    journey: JourneyMap, shape: SheetShape, title: list[str], list_rows: ListRows, lane: str | None = None
) -> list[list[str]]:
    """The map sheet in the team's shape, as rows of cell texts from row 1 (the title). With
    ``lane``, the sheet of that one persona: rows naming no persona hold that lane's cards."""
    if shape.layout == Layout.INVENTORY.value:
        return [title, [], *_inventory(journey, shape)]
    table = _grid(journey, shape, list_rows, lane)
    if shape.layout == Layout.ROWS.value:
        width = max(len(row) for row in table)
        padded = [row + [""] * (width - len(row)) for row in table]
        table = [list(column) for column in zip(*padded, strict=True)]
    return [title, [], *table]


def _lane_named(journey: JourneyMap, name: str | None) -> str | None:
    return next((lane for lane in journey.lane_ids() if journey.lane(lane).name == name), None)


def _grid(journey: JourneyMap, shape: SheetShape, list_rows: ListRows, sheet_lane: str | None) -> list[list[str]]:
    stages = journey.stage_ids()
    names = [journey.stage(s).name for s in stages]
    rows: list[list[str]] = [[shape.corner or "Stage", *names]]
    written: set[tuple[str | None, Kind]] = set()
    milestones_written = False
    for row in shape.rows:
        try:
            target = Target.parse(row.field)
        except ValueError:
            continue
        field = target.field
        lane = _lane_named(journey, target.persona) if target.persona is not None else sheet_lane
        if sheet_lane is not None and (lane != sheet_lane or row.sheet not in ("", journey.lane(sheet_lane).name)):
            continue  # another persona's row: it is on that persona's sheet
        if field in STAGE_FIELDS:
            rows.append([row.label, *(getattr(journey.stage(s), field.value) for s in stages)])
        elif field in CARD_FIELDS:
            kind = _KIND_OF[field]
            if lane is None:
                continue
            written.add((lane, kind))
            rows += list_rows(
                row.label,
                [
                    [journey.card(c).title for c in journey.cards_in(s, lane) if journey.card(c).kind is kind]
                    for s in stages
                ],
            )
        elif field is Field.MILESTONES:
            milestones_written = True
            rows += list_rows(
                row.label,
                [
                    [
                        journey.milestone(m).title
                        for m in journey.milestone_ids()
                        if journey.milestone_place(m) == (s, lane)
                    ]
                    for s in stages
                ],
            )
        elif field in ATTRIBUTE_FIELDS and lane is not None:
            rows.append([row.label, *(_attributes(journey, s, lane, field) for s in stages)])
        elif field is Field.IGNORE:
            by_stage = dict(row.cells)
            rows.append([row.label, *(by_stage.get(name, "") for name in names)])
    first_sheet = sheet_lane is None or sheet_lane == journey.lane_ids()[0]
    rows += _the_rest(journey, written, milestones_written or not first_sheet, list_rows, sheet_lane)
    return rows


def _attributes(journey: JourneyMap, stage: str, lane: str, field: Field) -> str:
    cards = [journey.card(c) for c in journey.cards_in(stage, lane) if journey.card(c).kind is Kind.TOUCHPOINT]
    if field is Field.EMOTIONS:
        values = [card.emotion for card in cards]
        if not values or any(v is None for v in values):
            return ""
        return "\n".join(_EMOTION_TEXT[v] for v in values if v is not None)
    attribute = {Field.CHANNEL: "channel", Field.CARD_OWNER: "owner", Field.NOTES: "notes", Field.KIND: "kind"}.get(
        field
    )
    if attribute is None:
        return ""
    texts = [str(getattr(card, attribute)) for card in cards]
    return "\n".join(texts) if any(texts) else ""


def _the_rest(
    journey: JourneyMap,
    written: set[tuple[str | None, Kind]],
    milestones_written: bool,
    list_rows: ListRows,
    only_lane: str | None = None,
) -> list[list[str]]:
    """Lanes and kinds the team's sheet had no row for, under our own labels (on a persona's own
    sheet, that persona's only)."""
    stages = journey.stage_ids()
    rows: list[list[str]] = []
    if not milestones_written and any(journey.milestone_place(m)[1] is None for m in journey.milestone_ids()):
        rows += list_rows(
            "Milestones",
            [
                [journey.milestone(m).title for m in journey.milestone_ids() if journey.milestone_place(m) == (s, None)]
                for s in stages
            ],
        )
    for lane in journey.lane_ids() if only_lane is None else [only_lane]:
        name = journey.lane(lane).name
        for kind, label in _OUR_LABELS.items():
            cells = [
                [journey.card(c).title for c in journey.cards_in(s, lane) if journey.card(c).kind is kind]
                for s in stages
            ]
            if (lane, kind) not in written and any(cells):
                rows += list_rows(label if only_lane is not None else f"{label}: {name}", cells)
    return rows


def _inventory(journey: JourneyMap, shape: SheetShape) -> list[list[str]]:
    """One row per card under the team's column labels; a stage without cards keeps a row of its own."""
    targets = []
    for row in shape.rows:
        try:
            targets.append(Target.parse(row.field))
        except ValueError:
            targets.append(Target(Field.IGNORE))
    rows: list[list[str]] = [[row.label for row in shape.rows]]
    for stage_id in journey.stage_ids():
        stage = journey.stage(stage_id)
        cards = [c for lane in journey.lane_ids() for c in journey.cards_in(stage_id, lane)]
        card_ids: list[str | None] = [*cards] or [None]  # a stage without cards still has its row
        for card_id in card_ids:
            rows.append([_inventory_cell(journey, stage, card_id, target, targets) for target in targets])
    return rows


def _inventory_cell(
    journey: JourneyMap, stage: Stage, card_id: str | None, target: Target, targets: list[Target]
) -> str:
    field = target.field
    if field is Field.STAGE:
        return stage.name
    if field in STAGE_FIELDS:
        return str(getattr(stage, field.value))
    if card_id is None:
        return ""
    card = journey.card(card_id)
    has_kind_column = any(t.field is Field.KIND for t in targets)
    if field in CARD_FIELDS:
        own_column = any(t.field is _field_of(card.kind) for t in targets)
        if _KIND_OF[field] is card.kind or (field is Field.TOUCHPOINTS and (has_kind_column or not own_column)):
            return card.title
        return ""
    if field is Field.PERSONA:
        return journey.lane(journey.cell_of(card_id)[1]).name
    if field is Field.EMOTIONS:
        return "" if card.emotion is None else _EMOTION_TEXT[card.emotion]
    if field is Field.KIND:
        return card.kind.value.replace("_", " ")
    return {Field.CHANNEL: card.channel, Field.CARD_OWNER: card.owner, Field.NOTES: card.notes}.get(field, "")


def _field_of(kind: Kind) -> Field:
    return next(field for field, value in _KIND_OF.items() if value is kind)
