"""The action list: the cards the room voted for, ranked, with stage, lane, owner and kind.

Written as Markdown (to paste into an email or wiki) and as .xlsx (to assign and track). Ties share
a rank; see :func:`journeymap.analysis.votes.ranked_cards`.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from journeymap.analysis.votes import RankedCard, ranked_cards
from journeymap.io.atomic import write_atomic, write_atomic_with
from journeymap.io.sheets.checks import check_cell
from journeymap.io.sheets.text import escape_ooxml
from journeymap.layout.style import KIND_LABELS
from journeymap.model import JourneyMap

HEADERS = ("Rank", "Votes", "Card", "Stage", "Lane", "Owner", "Kind")
WIDTHS = (7, 7, 48, 24, 20, 20, 14)
NO_VOTES = "No votes were cast on this map's cards."


def action_rows(journey: JourneyMap) -> list[tuple[int, int, str, str, str, str, str]]:
    return [
        (item.rank, item.votes, item.title, item.stage, item.lane, item.owner, KIND_LABELS[item.kind])
        for item in ranked_cards(journey)
    ]


def actions_markdown(journey: JourneyMap, date: dt.date) -> str:
    title = _md(journey.title or "Untitled journey map")
    lines = [f"# {title}: action list", "", f"Cards ranked by the room's votes, {date.isoformat()}.", ""]
    rows = action_rows(journey)
    if not rows:
        return "\n".join([*lines, NO_VOTES]) + "\n"
    lines += ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in rows:
        lines.append("| " + " | ".join(_md(str(value)) or "–" for value in row) + " |")
    return "\n".join(lines) + "\n"


def write_actions_markdown(journey: JourneyMap, path: str | os.PathLike[str], date: dt.date) -> None:
    write_atomic(path, actions_markdown(journey, date).encode("utf-8"))


def write_actions_xlsx(journey: JourneyMap, path: str | os.PathLike[str], date: dt.date) -> None:
    """One sheet, a header row and a row per voted card; user text always stays text."""
    rows: list[tuple[int | str, ...]] = [HEADERS, *action_rows(journey)]
    if len(rows) == 1:
        rows.append((NO_VOTES,))
    values = [
        [_checked(value, path, f"{chr(ord('A') + column)}{number}") for column, value in enumerate(row)]
        for number, row in enumerate(rows, 1)
    ]  # every cell checked before the workbook is begun
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, row in enumerate(values):
        sheet.append([_cell(sheet, value, bold if number == 0 else None) for value in row])
    workbook.properties.title = f"{journey.title or 'Untitled journey map'}: action list {date.isoformat()}"
    write_atomic_with(path, workbook.save)


def _checked(value: int | str, path: str | os.PathLike[str], place: str) -> int | str:
    if not isinstance(value, str):
        return value
    stored = escape_ooxml(value)
    check_cell(path, value, f"Actions!{place}", stored)
    return stored


def _cell(sheet: Any, value: int | str, font: Font | None) -> Any:
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=SUM(...)" or "#N/A" in a title is text, not a formula
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.alignment = Alignment(vertical="top")
    if font is not None:
        cell.font = font
    return cell


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


__all__ = ["RankedCard", "action_rows", "actions_markdown", "write_actions_markdown", "write_actions_xlsx"]
