"""What an OpenDocument spreadsheet's content.xml says beyond cell values, read in one streaming pass.

calamine gives each cell's value; the file also keeps what LibreOffice shows (each cell's text,
"90%" for 0.9), merged areas (``number-columns-spanned``), hidden rows and columns
(``visibility="collapse"``), comments (``office:annotation``), links (``text:a``) and formulas.
This pass also finds the used extent before calamine builds its dense ranges, so content placed
far away (or repeated a million times) is refused within the limits instead of filling memory.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from typing import Any

from journeymap.io.sheets.comments import clean_comment
from journeymap.io.sheets.grid import Box, Position
from journeymap.io.sheets.limits import Limits, too_big

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_XLINK = "http://www.w3.org/1999/xlink"
_T_TABLE, _T_ROW, _T_COLUMN = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-column"
_T_CELL, _T_COVERED = f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"
_P, _S, _TAB, _BREAK, _LINK = (
    f"{{{_TEXT}}}p",
    f"{{{_TEXT}}}s",
    f"{{{_TEXT}}}tab",
    f"{{{_TEXT}}}line-break",
    f"{{{_TEXT}}}a",
)
_ANNOTATION = f"{{{_OFFICE}}}annotation"
_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"


@dataclass
class SheetContent:
    """One table of content.xml: what calamine does not give, keyed by sheet position from 1."""

    name: str
    shown: dict[Position, str] = field(default_factory=dict)
    formulas: set[Position] = field(default_factory=set)
    merges: list[Box] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    comments: dict[Position, str] = field(default_factory=dict)
    links: dict[Position, str] = field(default_factory=dict)
    columns_declared: int = 0  # <table:table-column> elements so far, repeats included


def read_ods_content(path: str | os.PathLike[str], data: bytes, limits: Limits) -> list[SheetContent]:
    """Every table of the (already vetted) .ods, in order; refuses content beyond ``limits``."""
    from defusedxml.ElementTree import iterparse

    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as source:
        return _Pass(path, limits).run(iterparse(source, events=("start", "end")))


class _Pass:
    def __init__(self, path: str | os.PathLike[str], limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.sheets: list[SheetContent] = []
        self.row = 0
        self.column = 0
        self.kept = 0
        self.row_repeat = 1

    def run(self, events: Any) -> list[SheetContent]:
        depth = 0  # cells inside cells (a sub-table in an annotation) are not sheet cells
        for event, element in events:
            tag = element.tag
            if event == "start":
                if tag == _T_TABLE and depth == 0:
                    self.sheets.append(SheetContent(element.get(f"{{{_TABLE}}}name", "")))
                    self.row, self.column = 0, 0
                elif tag == _T_ROW and depth == 0 and self.sheets:
                    self._start_row(element)
                elif tag in (_T_CELL, _T_COVERED):
                    depth += 1
                continue
            if tag in (_T_CELL, _T_COVERED):
                depth -= 1
                if depth == 0 and self.sheets:
                    self._cell(element)
                    element.clear()
            elif tag == _T_COLUMN and depth == 0 and self.sheets:
                self._column(element)
            elif tag == _T_ROW and depth == 0 and self.sheets:
                self.row += self.row_repeat - 1
                element.clear()
        return self.sheets

    def _start_row(self, element: Any) -> None:
        self.row += 1
        self.column = 0
        self.row_repeat = _count(element.get(f"{{{_TABLE}}}number-rows-repeated"))
        if element.get(f"{{{_TABLE}}}visibility") in ("collapse", "filter"):
            last = min(self.row + self.row_repeat - 1, self.limits.rows)
            self.sheets[-1].hidden_rows.update(range(self.row, last + 1))

    def _column(self, element: Any) -> None:
        sheet = self.sheets[-1]
        repeat = _count(element.get(f"{{{_TABLE}}}number-columns-repeated"))
        start = sheet.columns_declared + 1
        sheet.columns_declared = start + repeat - 1
        if element.get(f"{{{_TABLE}}}visibility") in ("collapse", "filter"):
            sheet.hidden_columns.update(range(start, min(start + repeat - 1, self.limits.columns) + 1))

    def _cell(self, element: Any) -> None:
        sheet = self.sheets[-1]
        repeat = _count(element.get(f"{{{_TABLE}}}number-columns-repeated"))
        first_column = self.column + 1
        self.column += repeat
        if element.tag == _T_COVERED:
            return
        text = _shown(element)
        comment = _annotation(element)
        link = _link(element)
        filled = bool(text) or element.get(_VALUE_TYPE) is not None
        if not (filled or comment or link):
            return
        last_row = self.row + self.row_repeat - 1
        if filled and (last_row > self.limits.rows or self.column > self.limits.columns):
            where = f"row {last_row:,}" if last_row > self.limits.rows else f"column {self.column:,}"
            raise too_big(
                self.path,
                f"has content in {where}",
                self.limits.rows if last_row > self.limits.rows else self.limits.columns,
                f"sheet {sheet.name}",
                advice="delete what is far below or to the right of the map",
            )
        rows_span = _count(element.get(f"{{{_TABLE}}}number-rows-spanned"))
        columns_span = _count(element.get(f"{{{_TABLE}}}number-columns-spanned"))
        for row in range(self.row, last_row + 1):
            for column in range(first_column, self.column + 1):
                self.kept += 1
                if self.kept > self.limits.cells:
                    raise too_big(
                        self.path,
                        f"has more than {self.limits.cells:,} filled cells",
                        self.limits.cells,
                        f"sheet {sheet.name}",
                    )
                position = (row, column)
                if text:
                    sheet.shown[position] = text
                if element.get(f"{{{_TABLE}}}formula"):
                    sheet.formulas.add(position)
                if comment:
                    sheet.comments[position] = comment
                if link:
                    sheet.links[position] = link
                if rows_span > 1 or columns_span > 1:
                    sheet.merges.append((row, column, row + rows_span - 1, column + columns_span - 1))


def _count(value: str | None) -> int:
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1


def _shown(cell: Any) -> str:
    """The cell's paragraphs as LibreOffice shows them, one per line (comments left out)."""
    return "\n".join(_paragraph(p) for p in cell if p.tag == _P).strip("\n")


def _paragraph(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _S:
            parts.append(" " * _count(child.get(f"{{{_TEXT}}}c")))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif child.tag != _ANNOTATION:
            parts.append(_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _annotation(cell: Any) -> str:
    """The comment's words, without an author line or Excel's threaded-comment boilerplate (both
    survive a conversion from .xlsx)."""
    note = cell.find(_ANNOTATION)
    if note is None:
        return ""
    text = "\n".join(_paragraph(p) for p in note if p.tag == _P)
    return clean_comment(text, note.findtext(_CREATOR) or "")


def _link(cell: Any) -> str:
    for paragraph in cell:
        if paragraph.tag != _P:
            continue
        for anchor in paragraph.iter(_LINK):
            target = anchor.get(f"{{{_XLINK}}}href")
            if target:
                return str(target)
    return ""
