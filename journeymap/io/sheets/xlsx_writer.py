"""Write a map as .xlsx: the team template's map sheet for people, data sheets for the round trip.

openpyxl would turn text starting with "=" into a formula and "#N/A" into an error value, so
every piece of user text is forced to be a string cell. Write-only mode streams the rows, which
keeps memory flat for large maps. The file is saved atomically.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from copy import copy
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from journeymap.io.atomic import write_atomic_with
from journeymap.io.cjm import shape_to_json
from journeymap.io.sheets import template as shape
from journeymap.io.sheets.checks import check_cell
from journeymap.io.sheets.grid import column_letter
from journeymap.io.sheets.text import escape_ooxml
from journeymap.model import JourneyMap, Kind

_WIDTHS = {"label": 26, "stage": 34, "id": 14, "name": 24, "text": 40}
_DATA_WIDTHS: dict[str, tuple[str, ...]] = {
    shape.STAGES_SHEET: ("id", "name", "text", "text", "name", "name"),
    shape.PERSONAS_SHEET: ("id", "name", "text", "text", "text"),
    shape.CARDS_SHEET: ("id", "id", "name", "id", "name", "text", "id", "name", "name", "id", "text"),
    shape.MILESTONES_SHEET: ("id", "id", "name", "id", "name", "text", "text"),
    shape.FLOWS_SHEET: ("id", "name", "id", "name", "text"),
}


def save_xlsx(journey: JourneyMap, path: str | os.PathLike[str]) -> None:
    """Export the map as .xlsx; importing the file gives back the same map, ids included."""
    # Every cell is checked before openpyxl sees any: a write-only workbook abandoned half-way
    # leaves its temporary files behind.
    sheets = _plan(journey, path)
    write_atomic_with(path, lambda stream: _write(sheets, stream))


def _write(sheets: list[_Sheet], stream: BinaryIO) -> None:
    """Fill and save the workbook; after a failure (a full disk), leave nothing of it behind.

    A write-only workbook streams each sheet through a generator and a temporary file; left to the
    garbage collector after an error, they print tracebacks under the one-line error and the
    temporary files stay until the program ends.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    try:
        _fill(workbook, sheets)
        workbook.save(stream)
    except BaseException as error:
        _abandon(workbook)
        io_error = _as_os_error(error)
        if io_error is not None:
            raise io_error from None
        raise


def _as_os_error(error: BaseException) -> OSError | None:
    """Where lxml is installed, openpyxl writes through it, and a full disk or a file-size limit
    arrives as lxml's ``SerialisationError("IO_ENOSPC")`` rather than an OSError: name it as one."""
    if type(error).__name__ != "SerialisationError":
        return None
    code = str(error).removeprefix("IO_")
    number = getattr(errno, code, None)
    return OSError(number, os.strerror(number)) if isinstance(number, int) else OSError(str(error))


def _abandon(workbook: Any) -> None:
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for generator in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):
                    generator.close()
        if writer is not None and isinstance(getattr(writer, "out", None), str):
            with contextlib.suppress(Exception):
                writer.cleanup()


@dataclass
class _Sheet:
    name: str
    widths: tuple[int, ...]
    freeze: str
    rows: list[list[tuple[Any, str]]] = field(default_factory=list)  # (value, style) per cell


def _plan(journey: JourneyMap, path: str | os.PathLike[str]) -> list[_Sheet]:
    map_sheets = shape.map_sheets(journey)
    sheets = [_map_sheet(name, rows) for name, rows in map_sheets]
    for name, rows in _data_rows(journey).items():
        sheet = _Sheet(name, tuple(_WIDTHS[kind] for kind in _DATA_WIDTHS[name]), "A2")
        sheet.rows.append([(heading, "bold") for heading in shape.HEADERS[name]])
        sheet.rows += [[(value, "plain") for value in row] for row in rows]
        sheets.append(sheet)
    values: tuple[Any, ...] = (
        "Journey Map Designer",
        shape.FORMAT_NAME,
        shape.FORMAT_VERSION,
        journey.title,
        shape.ABOUT_NOTE,
        shape.sheets_fingerprint(map_sheets),
    )
    about = list(zip(shape.ABOUT_ROWS, values, strict=True))
    if journey.sheet_shape is not None:
        about.append((shape.SHAPE_ROW, json.dumps(shape_to_json(journey.sheet_shape), ensure_ascii=False)))
    sheets.append(
        _Sheet(
            shape.ABOUT_SHEET, (_WIDTHS["name"], 80), "", [[(key, "bold"), (value, "plain")] for key, value in about]
        )
    )
    for sheet in sheets:
        for number, styled in enumerate(sheet.rows, 1):
            for column, (value, style) in enumerate(styled, 1):
                if isinstance(value, str) and value:
                    stored = escape_ooxml(value)
                    check_cell(path, value, f"{sheet.name}!{column_letter(column)}{number}", stored)
                    styled[column - 1] = (stored, style)
    return sheets


def _map_sheet(name: str, map_rows: list[list[str]]) -> _Sheet:
    """A sheet for people: title, bold labels and stage names, frozen under the header."""
    width = max(len(row) for row in map_rows)
    sheet = _Sheet(name, (_WIDTHS["label"], *[_WIDTHS["stage"]] * (width - 1)), f"B{shape.MAP_HEADER_ROW + 1}")
    for number, row in enumerate(map_rows, 1):
        if number == shape.MAP_TITLE_ROW:
            styles = ["title"] * len(row)
        elif number == shape.MAP_HEADER_ROW:
            styles = ["bold"] * len(row)
        else:
            styles = ["bold" if column == 0 else "plain" for column in range(len(row))]
        sheet.rows.append(list(zip(row, styles, strict=True)))
    return sheet


def _fill(workbook: Any, sheets: list[_Sheet]) -> None:
    from openpyxl.cell import WriteOnlyCell

    for plan in sheets:
        sheet = workbook.create_sheet(plan.name)
        styles = _styles(sheet)
        for column, width in enumerate(plan.widths, 1):
            sheet.column_dimensions[column_letter(column)].width = width
        if plan.freeze:
            sheet.freeze_panes = plan.freeze
        for number, row in enumerate(plan.rows, 1):
            height = _row_height(row, plan.widths)
            if height is not None:
                sheet.row_dimensions[number].height = height
            cells: list[WriteOnlyCell | None] = []
            for value, style in row:
                if value is None or value == "":
                    cells.append(None)
                    continue
                cell = WriteOnlyCell(sheet, value)
                if isinstance(value, str):
                    # Whatever it looks like (=SUM(...), #N/A, 1.50), user text stays text.
                    cell.data_type = "s"
                # A copy of a prepared style: setting font and alignment cell by cell hashes them
                # each time, a fifth of the time a 50,000-card export took.
                cell._style = copy(styles[style])
                cells.append(cell)
            sheet.append(cells)


def _styles(sheet: Any) -> dict[str, Any]:
    """The style array of each kind of cell, registered once with the workbook."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
    # The title is not wrapped: it runs on over the empty cells beside it and shows in full.
    one_line = Alignment(wrap_text=False, vertical="top")
    fonts = {"title": Font(bold=True, size=14), "bold": Font(bold=True), "plain": None}
    styles = {}
    for name, font in fonts.items():
        cell = WriteOnlyCell(sheet, "")
        cell.alignment = one_line if name == "title" else wrap
        if font is not None:
            cell.font = font
        styles[name] = cell._style
    return styles


def _row_height(row: list[tuple[Any, str]], widths: tuple[int, ...]) -> float | None:
    """A height (points) that shows every wrapped line, or None for a one-line row.

    Spreadsheet programs do not grow a row to fit wrapped text they did not type themselves
    (LibreOffice printed our goals over the next row), so the export says how tall each row is.
    The estimate errs tall: about one character per unit of column width.
    """
    lines = 1
    for column, (value, style) in enumerate(row):
        if not isinstance(value, str) or not value or style == "title":
            continue
        per_line = max(8, int(widths[min(column, len(widths) - 1)] * 0.95))
        count = sum(max(1, -(-len(paragraph) // per_line)) for paragraph in value.split("\n"))
        lines = max(lines, count)
    return None if lines == 1 else min(409.0, 15.0 * lines + 3)


def _cell_value(value: Any) -> Any:
    """A record's value as a cell holds it: a card's kind by its name."""
    return value.value if isinstance(value, Kind) else value


def _data_rows(journey: JourneyMap) -> dict[str, list[list[Any]]]:
    stage_name = {s: journey.stage(s).name for s in journey.stage_ids()}
    lane_name = {p: journey.lane(p).name for p in journey.lane_ids()}
    stages = [[s, *(getattr(journey.stage(s), f) for f in shape.STAGE_COLUMNS)] for s in journey.stage_ids()]
    personas = [[p, *(getattr(journey.lane(p), f) for f in shape.PERSONA_COLUMNS)] for p in journey.lane_ids()]
    cards = []
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        stage, lane = journey.cell_of(card_id)
        cards.append(
            [
                card_id,
                stage,
                stage_name[stage],
                lane,
                lane_name[lane],
                *(_cell_value(getattr(card, f)) for f in shape.CARD_COLUMNS),
            ]
        )
    milestones = []
    for milestone_id in journey.milestone_ids():
        milestone = journey.milestone(milestone_id)
        place, place_lane = journey.milestone_place(milestone_id)
        milestones.append(
            [
                milestone_id,
                place,
                stage_name[place],
                place_lane,
                lane_name.get(place_lane or "", ""),
                *(getattr(milestone, f) for f in shape.MILESTONE_COLUMNS),
            ]
        )
    flows = [
        [
            s,
            journey.card(s).title,
            t,
            journey.card(t).title,
            *(getattr(journey.flow(s, t), f) for f in shape.FLOW_COLUMNS),
        ]
        for s, t in journey.flows()
    ]
    return {
        shape.STAGES_SHEET: stages,
        shape.PERSONAS_SHEET: personas,
        shape.CARDS_SHEET: cards,
        shape.MILESTONES_SHEET: milestones,
        shape.FLOWS_SHEET: flows,
    }
