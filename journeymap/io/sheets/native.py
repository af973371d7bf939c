"""Read back our own .xlsx export exactly, from its data sheets, ids included.

The About sheet marks the export. Stages, Personas and Cards are required; Milestones and Flows
may be deleted (their content with them). The map sheet is for people: when it still shows exactly
what the data sheets hold, they are read as they are; when the team edited it after the export,
:mod:`journeymap.io.sheets.reconcile` takes over. Readable copies (a card's stage name beside its
stage id) are checked too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from journeymap.io.errors import MapFileError
from journeymap.io.sheets import template as shape
from journeymap.io.sheets.grid import Grid, Position, ValueKind
from journeymap.io.sheets.labels import synonyms
from journeymap.io.sheets.report import Report
from journeymap.io.sheets.text import short
from journeymap.model import Flow, JourneyMap, Kind, MapError, Milestone, Persona, SheetShape, Stage, Touchpoint
from journeymap.model.records import field_label

_REQUIRED = (shape.STAGES_SHEET, shape.PERSONAS_SHEET, shape.CARDS_SHEET)


def is_native(grids: list[Grid]) -> bool:
    """Whether the workbook says it is our export (its About sheet names our format)."""
    about = _by_name(grids).get(shape.ABOUT_SHEET)
    return about is not None and _about(about).get("Format") == shape.FORMAT_NAME


def missing_sheets(grids: list[Grid]) -> list[str]:
    names = _by_name(grids)
    return [name for name in _REQUIRED if name not in names]


def read_native(path: str | os.PathLike[str], grids: list[Grid], report: Report) -> JourneyMap:
    """The map the data sheets hold; everything else in the workbook is checked or reported."""
    sheets = _by_name(grids)
    about = sheets[shape.ABOUT_SHEET]
    values = _about(about)
    version = values.get("Version", "")
    if not version.isdigit() or int(version) > shape.FORMAT_VERSION:
        raise MapFileError(
            path,
            f"was exported by a newer Journey Map Designer (format version {version}); update the app",
            f"{shape.ABOUT_SHEET}!B3",
        )
    for position in about.filled():
        report.use(about, position)
    reader = _DataReader(path, report)
    journey = JourneyMap(values.get("Title", ""))
    if values.get(shape.SHAPE_ROW, "").strip():
        journey.sheet_shape = _sheet_shape(path, values[shape.SHAPE_ROW])
    reader.rows(
        sheets[shape.STAGES_SHEET],
        lambda row: journey.add_stage(
            Stage(**row.fields(Stage, shape.STAGE_COLUMNS)),
            stage_id=row.ident("Stage id"),
        ),
    )
    reader.rows(
        sheets[shape.PERSONAS_SHEET],
        lambda row: journey.add_lane(
            Persona(**row.fields(Persona, shape.PERSONA_COLUMNS)),
            lane_id=row.ident("Persona id"),
        ),
    )
    reader.rows(sheets[shape.CARDS_SHEET], lambda row: _add_card(journey, row))
    if shape.MILESTONES_SHEET in sheets:
        reader.rows(
            sheets[shape.MILESTONES_SHEET],
            lambda row: journey.add_milestone(
                row.ref("Stage id"),
                Milestone(**row.fields(Milestone, shape.MILESTONE_COLUMNS)),
                row.ident("Persona id"),
                milestone_id=row.ident("Milestone id"),
            ),
        )
    else:
        report.info(f"no {shape.MILESTONES_SHEET} sheet: the map has no milestones")
    if shape.FLOWS_SHEET in sheets:
        reader.rows(
            sheets[shape.FLOWS_SHEET],
            lambda row: journey.add_flow(
                row.ref("From card id"), row.ref("To card id"), Flow(**row.fields(Flow, shape.FLOW_COLUMNS))
            ),
        )
    else:
        report.info(f"no {shape.FLOWS_SHEET} sheet: the map has no flows")
    reader.check_copies(journey, sheets)
    map_names = [name for name, _rows in shape.map_sheets(journey)]
    for grid in grids:
        if grid.name not in (*shape.HEADERS, shape.ABOUT_SHEET, *map_names):
            report.skip_sheet(grid, "not one of the sheets our export writes")
    return journey


def _add_card(journey: JourneyMap, row: _Row) -> None:
    kind_label, emotion_label = field_label(Touchpoint, "kind"), field_label(Touchpoint, "emotion")
    kind_text = row.text(kind_label).strip()
    # People edit this column by hand: "Thought", "Pain points" or "思考" mean what they say.
    kind = synonyms().card_kind(kind_text) if kind_text else Kind.TOUCHPOINT
    if kind is None:
        raise row.error(kind_label, f"must be one of {', '.join(k.value for k in Kind)}, not {short(kind_text)!r}")
    emotion_text = row.text(emotion_label).strip()
    emotion = synonyms().emotion(emotion_text) if emotion_text else None
    if emotion_text and emotion is None:
        raise row.error(emotion_label, f"must be a whole number from -2 to 2 or empty, not {short(emotion_text)!r}")
    texts = row.fields(Touchpoint, tuple(name for name in shape.CARD_COLUMNS if name not in ("kind", "emotion")))
    card = Touchpoint(**texts, emotion=emotion, kind=kind)
    journey.add_card(row.ref("Stage id"), row.ref("Persona id"), card, card_id=row.ident("Card id"))


class _Row:
    """One data row: its cells by column name."""

    def __init__(self, reader: _DataReader, grid: Grid, row: int, columns: dict[str, int]) -> None:
        self.reader, self.grid, self.row, self.columns = reader, grid, row, columns

    def position(self, column: str) -> Position:
        return self.row, self.columns[column]

    def text(self, column: str) -> str:
        value = self.grid.cells.get(self.position(column))
        return "" if value is None else value.text

    def fields(self, record_type: type, names: tuple[str, ...]) -> dict[str, str]:
        """The text of each named field, from the column headed by its label on the record."""
        return {name: self.text(field_label(record_type, name)) for name in names}

    def ident(self, column: str) -> str | None:
        """An id, or None (a new id) when the cell was left empty, as in a row added by hand."""
        text = self.text(column)
        return text if text.strip() else None

    def ref(self, column: str) -> str:
        ident = self.ident(column)
        if ident is None:
            raise self.error(column, "is empty; it must name an id from another sheet")
        return ident

    def error(self, column: str, problem: str) -> MapFileError:
        place = f"{self.grid.name}!{self.grid.ref(self.position(column))}"
        return MapFileError(
            self.reader.path,
            f"{column} {problem}; fix the cell, or delete the data sheets "
            "and the About sheet to import the map sheet alone",
            place,
        )


class _DataReader:
    def __init__(self, path: str | os.PathLike[str], report: Report) -> None:
        self.path = path
        self.report = report
        self.read_rows: dict[str, list[_Row]] = {}

    def rows(self, grid: Grid, add: Callable[[_Row], Any]) -> None:
        columns = self._columns(grid)
        by_row: dict[int, list[int]] = {}
        for number, column in grid.filled():
            by_row.setdefault(number, []).append(column)
        rows = []
        for number in sorted(r for r in by_row if r > 1):
            row = _Row(self, grid, number, columns)
            try:
                add(row)
            except MapError as error:
                raise MapFileError(
                    self.path,
                    f"{error}; fix the row, or delete the data sheets and the "
                    "About sheet to import the map sheet alone",
                    f"{grid.name}!{grid.ref((number, 1))}",
                ) from None
            for column in by_row[number]:
                if column in columns.values():
                    self.report.use(grid, (number, column))
                else:
                    self.report.skip(grid, (number, column), "in a column without a heading of ours")
            rows.append(row)
        self.read_rows[grid.name] = rows

    def _columns(self, grid: Grid) -> dict[str, int]:
        found = {v.text.strip(): c for (r, c), v in grid.cells.items() if r == 1 and v.kind is ValueKind.TEXT}
        columns = {}
        for name in shape.HEADERS[grid.name]:
            if name not in found:
                raise MapFileError(
                    self.path,
                    f"the {grid.name} sheet has no column headed {name!r}; put the "
                    "heading back, or delete the data sheets and the About sheet to "
                    "import the map sheet alone",
                    f"{grid.name}!1:1",
                )
            columns[name] = found[name]
            self.report.use(grid, (1, found[name]))
        for position in grid.filled():
            if position[0] == 1 and position[1] not in columns.values():
                self.report.skip(grid, position, "a column heading our export does not write")
        return columns

    def check_copies(self, journey: JourneyMap, sheets: dict[str, Grid]) -> None:
        """Names written beside ids for people must still match; the ids were used."""

        def stage_name(ident: str) -> str:
            return journey.stage(ident).name

        def lane_name(ident: str) -> str:
            return journey.lane(ident).name if ident else ""

        def card_title(ident: str) -> str:
            return journey.card(ident).title

        copies = {
            shape.CARDS_SHEET: (("Stage", "Stage id", stage_name), ("Persona", "Persona id", lane_name)),
            shape.MILESTONES_SHEET: (("Stage", "Stage id", stage_name), ("Persona", "Persona id", lane_name)),
            shape.FLOWS_SHEET: (("From", "From card id", card_title), ("To", "To card id", card_title)),
        }
        for sheet, pairs in copies.items():
            for row in self.read_rows.get(sheet, ()):
                for copy, ident_column, name_of in pairs:
                    ident = row.ident(ident_column)
                    if ident is not None and row.text(copy) != name_of(ident):
                        self.report.warn(
                            f"differs from the name of {ident}, which was used (edit names on their own sheet)",
                            row.grid,
                            row.position(copy),
                        )


def map_sheets_edited(grids: list[Grid], journey: JourneyMap, map_grids: list[Grid]) -> list[tuple[Grid, Position]]:
    """Cells people changed on the map sheets since the export (none: the data sheets are exact).

    The export records a fingerprint of the map sheets, so edits made only on the data sheets are
    not mistaken for edits of the map sheets. Exports without it are compared with the data sheets.
    """
    expected = dict(shape.map_sheets(journey))
    changes = [(grid, position) for grid in map_grids for position in _changes(expected.get(grid.name, []), grid)]
    recorded = _about(_by_name(grids)[shape.ABOUT_SHEET]).get(shape.FINGERPRINT_ROW, "").strip()
    written = [(grid.name, _grid_rows(grid)) for grid in sorted(map_grids, key=lambda g: list(expected).index(g.name))]
    if recorded and recorded == shape.sheets_fingerprint(written):
        return []
    return changes or ([] if not recorded else [(map_grids[0], (1, 1))])


def _grid_rows(grid: Grid) -> list[list[str]]:
    filled = grid.filled()
    if not filled:
        return []
    rows = max(r for r, _ in filled)
    columns = max(c for _, c in filled)
    return [
        ["" if (value := grid.cells.get((r, c))) is None else value.text for c in range(1, columns + 1)]
        for r in range(1, rows + 1)
    ]


def _changes(rows: list[list[str]], grid: Grid) -> list[Position]:
    """Cells of a map sheet that differ from what the data sheets would write there."""
    expected = {(r, c): text for r, row in enumerate(rows, 1) for c, text in enumerate(row, 1) if text}
    changed = []
    for position in sorted(set(expected) | set(grid.filled())):
        value = grid.cells.get(position)
        actual = "" if value is None else value.text
        if actual != expected.get(position, ""):
            changed.append(position)
    return changed


def _sheet_shape(path: str | os.PathLike[str], text: str) -> SheetShape:
    from journeymap.io.cjm import shape_from_json

    try:
        return shape_from_json(json.loads(text), path)
    except (json.JSONDecodeError, RecursionError):
        raise MapFileError(path, "the team sheet shape is not readable JSON", shape.ABOUT_SHEET) from None


def _about(grid: Grid) -> dict[str, str]:
    keys = {r: v.text.strip() for (r, c), v in grid.cells.items() if c == 1}
    return {keys[r]: v.text for (r, c), v in grid.cells.items() if c == 2 and r in keys}


def _by_name(grids: list[Grid]) -> dict[str, Grid]:
    return {grid.name: grid for grid in grids}
