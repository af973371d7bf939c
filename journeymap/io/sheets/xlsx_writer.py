"""Write a map as .xlsx: the team template's map sheet for people, data sheets for the round trip.

openpyxl would turn text starting with "=" into a formula and "#N/A" into an error value, so
every piece of user text is forced to be a string cell. Write-only mode streams the rows, which
keeps memory flat for large maps. The file is saved atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from journeymap.io.atomic import write_atomic_with
from journeymap.io.sheets import template as shape
from journeymap.io.sheets.checks import check_cell
from journeymap.io.sheets.grid import column_letter
from journeymap.io.sheets.text import escape_ooxml
from journeymap.model import JourneyMap

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
    workbook = _Writer(path).workbook(journey)
    write_atomic_with(path, workbook.save)


class _Writer:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        from openpyxl.styles import Alignment, Font

        self.path = path
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def workbook(self, journey: JourneyMap) -> Any:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        self._map_sheet(workbook, journey)
        for name, rows in _data_rows(journey).items():
            self._data_sheet(workbook, name, rows)
        about = workbook.create_sheet(shape.ABOUT_SHEET)
        about.column_dimensions["A"].width = _WIDTHS["name"]
        about.column_dimensions["B"].width = 80
        values: tuple[Any, ...] = ("Journey Map Designer", shape.FORMAT_NAME, shape.FORMAT_VERSION, journey.title,
                                   shape.ABOUT_NOTE)
        for row, (key, value) in enumerate(zip(shape.ABOUT_ROWS, values, strict=True), 1):
            about.append([self._cell(about, key, row, 1, font=self.bold), self._cell(about, value, row, 2)])
        return workbook

    def _map_sheet(self, workbook: Any, journey: JourneyMap) -> None:
        sheet = workbook.create_sheet(shape.MAP_SHEET)
        rows = shape.map_sheet_rows(journey)
        width = max(len(row) for row in rows)
        sheet.column_dimensions["A"].width = _WIDTHS["label"]
        for column in range(2, width + 1):
            sheet.column_dimensions[column_letter(column)].width = _WIDTHS["stage"]
        sheet.freeze_panes = f"B{shape.MAP_HEADER_ROW + 1}"
        for number, row in enumerate(rows, 1):
            cells = []
            for column, text in enumerate(row, 1):
                if number == shape.MAP_TITLE_ROW:
                    font = self.title_font
                elif number == shape.MAP_HEADER_ROW or column == 1:
                    font = self.bold
                else:
                    font = None
                cells.append(self._cell(sheet, text, number, column, font=font))
            sheet.append(cells)

    def _data_sheet(self, workbook: Any, name: str, rows: Iterable[list[Any]]) -> None:
        sheet = workbook.create_sheet(name)
        for column, kind in enumerate(_DATA_WIDTHS[name], 1):
            sheet.column_dimensions[column_letter(column)].width = _WIDTHS[kind]
        sheet.freeze_panes = "A2"
        sheet.append([self._cell(sheet, h, 1, c, font=self.bold) for c, h in enumerate(shape.HEADERS[name], 1)])
        for number, row in enumerate(rows, 2):
            sheet.append([self._cell(sheet, value, number, column) for column, value in enumerate(row, 1)])

    def _cell(self, sheet: Any, value: Any, row: int, column: int, font: Any = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if value is None or value == "":
            return None
        if isinstance(value, int):
            cell = WriteOnlyCell(sheet, value)
        else:
            stored = escape_ooxml(value)
            check_cell(self.path, value, f"{sheet.title}!{column_letter(column)}{row}", stored)
            cell = WriteOnlyCell(sheet)
            cell.value = stored
            # Whatever it looks like (=SUM(...), #N/A, 1.50), user text stays text.
            cell.data_type = "s"
        cell.alignment = self.wrap
        if font is not None:
            cell.font = font
        return cell


def _data_rows(journey: JourneyMap) -> dict[str, list[list[Any]]]:
    stage_name = {s: journey.stage(s).name for s in journey.stage_ids()}
    lane_name = {p: journey.lane(p).name for p in journey.lane_ids()}
    stages = [[s, *(getattr(journey.stage(s), f) for f in ("name", "goal", "success_criteria", "timeline",
                                                            "owner"))] for s in journey.stage_ids()]
    personas = [[p, *(getattr(journey.lane(p), f) for f in ("name", "description", "goals", "pain_points"))]
                for p in journey.lane_ids()]
    cards = []
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        stage, lane = journey.cell_of(card_id)
        cards.append([card_id, stage, stage_name[stage], lane, lane_name[lane], card.title, card.kind.value,
                      card.channel, card.owner, card.emotion, card.notes])
    milestones = []
    for milestone_id in journey.milestone_ids():
        milestone = journey.milestone(milestone_id)
        stage, lane = journey.milestone_place(milestone_id)
        milestones.append([milestone_id, stage, stage_name[stage], lane, lane_name.get(lane or "", ""),
                           milestone.title, milestone.success_signal])
    flows = [[s, journey.card(s).title, t, journey.card(t).title, journey.flow(s, t).label]
             for s, t in journey.flows()]
    return {shape.STAGES_SHEET: stages, shape.PERSONAS_SHEET: personas, shape.CARDS_SHEET: cards,
            shape.MILESTONES_SHEET: milestones, shape.FLOWS_SHEET: flows}
