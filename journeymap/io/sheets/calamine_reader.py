"""Read OpenDocument (.ods) and legacy Excel (.xls) workbooks into grids through python-calamine.

calamine (Rust) reads both quickly and gives typed values, hidden sheets and, for .xls, merged
ranges. It builds each sheet as a dense range, so an .ods is first read once by ``ods_content``
(streaming, within the limits), which also gives what LibreOffice shows in each cell, merges,
hidden rows and columns, comments, links and formulas. An .xls keeps calamine's values (dates
as dates; other number formats are not exposed) within its format's own bounds (65,536 x 256).
An OLE2 file calamine cannot read is most often a password-protected .xlsx.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any

from journeymap.io.errors import MapFileError
from journeymap.io.sheets.budget import Budget
from journeymap.io.sheets.grid import CellValue, Grid, ValueKind
from journeymap.io.sheets.limits import Limits, too_big
from journeymap.io.sheets.ods_content import SheetContent, read_ods_content
from journeymap.io.sheets.progress import ImportCancelled, ProgressFn
from journeymap.io.sheets.text import cell_text

_REEXPORT = "open it in Excel, LibreOffice or Google Sheets and save or download it again as .xlsx"
# The names of the streams an encrypted (password-protected) Office file keeps in its OLE2 container.
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_PROGRESS_EVERY_ROWS = 256


def read_calamine_grids(
    path: str | os.PathLike[str], data: bytes, kind: str, limits: Limits, progress: ProgressFn, unreadable: str
) -> tuple[list[Grid], str]:
    """Every worksheet as a grid, and the format read ("ods" or "xls"). ``kind`` is what the file
    sniffed as ("ods" or "ole2"); ``unreadable`` is the message for an OLE2 file calamine cannot read."""
    if kind == "ole2" and any(name in data for name in _ENCRYPTED):
        raise MapFileError(
            path,
            "is password-protected (encrypted); open it, remove the password "
            "(File > Info > Protect Workbook in Excel), save it as .xlsx and import that",
        )
    contents = _ods_content(path, data, limits) if kind == "ods" else None
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - calamine raises its own and Python types on broken files
        if kind == "ole2":
            raise MapFileError(path, unreadable) from None
        raise _damaged(path, error) from None
    with workbook:
        try:
            return _read(path, workbook, contents, limits, progress), "ods" if kind == "ods" else "xls"
        except (ImportCancelled, MapFileError, MemoryError):
            raise
        except Exception as error:  # noqa: BLE001 - a broken sheet must end as one clear line
            raise _damaged(path, error) from None


def _ods_content(path: str | os.PathLike[str], data: bytes, limits: Limits) -> list[SheetContent]:
    from defusedxml import DefusedXmlException

    try:
        return read_ods_content(path, data, limits)
    except (MapFileError, MemoryError):
        raise
    except DefusedXmlException:
        raise MapFileError(
            path, "declares XML entities, which spreadsheets never need (a known attack); refusing to read it"
        ) from None
    except Exception as error:  # noqa: BLE001 - broken XML or zip parts end as one clear line
        raise _damaged(path, error) from None


def _damaged(path: str | os.PathLike[str], error: BaseException, place: str = "") -> MapFileError:
    detail = " ".join(str(error).split())[:160]
    return MapFileError(path, f"is damaged ({detail or type(error).__name__}); {_REEXPORT}", place)


def _read(
    path: str | os.PathLike[str],
    workbook: Any,
    contents: list[SheetContent] | None,
    limits: Limits,
    progress: ProgressFn,
) -> list[Grid]:
    import python_calamine

    sheets = [
        (index, meta)
        for index, meta in enumerate(workbook.sheets_metadata)
        if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
    ]
    if len(sheets) > limits.sheets:
        raise too_big(path, f"has {len(sheets)} sheets", limits.sheets, advice="keep only the journey map's sheets")
    by_name = {content.name: content for content in contents or ()}
    budget = Budget(limits)
    grids = []
    for done, (index, meta) in enumerate(sheets):
        progress(done, len(sheets), f"Reading sheet {meta.name}")
        grid = Grid(meta.name, hidden=meta.visible != python_calamine.SheetVisibleEnum.Visible)
        content = by_name.get(meta.name)
        try:
            sheet = workbook.get_sheet_by_index(index)
        except Exception as error:  # noqa: BLE001 - one sheet's damage names the sheet
            raise _damaged(path, error, f"sheet {meta.name}") from None
        _read_cells(path, grid, sheet, content, budget)
        if content is not None:
            _add_content(grid, content)
        else:
            for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ():
                grid.merges.append((r1 + 1, c1 + 1, r2 + 1, c2 + 1))
        grids.append(grid)
    progress(len(sheets), len(sheets), "Read all sheets")
    return grids


def _read_cells(
    path: str | os.PathLike[str], grid: Grid, sheet: Any, content: SheetContent | None, budget: Budget
) -> None:
    start = sheet.start
    if start is None:
        return
    limits = budget.limits
    first_row, first_column = start
    last_row, last_column = first_row + sheet.height, first_column + sheet.width
    if last_row > limits.rows or last_column > limits.columns:
        where = f"row {last_row:,}" if last_row > limits.rows else f"column {last_column:,}"
        raise too_big(
            path,
            f"has content in {where}",
            limits.rows if last_row > limits.rows else limits.columns,
            f"sheet {grid.name}",
            advice="delete what is far below or to the right of the map",
        )
    if sheet.height * sheet.width > limits.scanned_cells:
        raise too_big(
            path,
            f"spans {sheet.height:,} rows by {sheet.width:,} columns",
            limits.scanned_cells,
            f"sheet {grid.name}",
            advice="delete the unused rows and columns around the map",
        )
    shown = content.shown if content is not None else {}
    formulas = content.formulas if content is not None else set()
    # to_python() starts at the first filled row and column (iter_rows() pads rows above).
    for offset, values in enumerate(sheet.to_python(skip_empty_area=True)):
        row = first_row + offset + 1
        budget.scan(path, grid.name, len(values))
        for index, raw in enumerate(values):
            column = first_column + index + 1
            value = _cell_value(raw, shown.get((row, column)), (row, column) in formulas)
            if value is not None:
                budget.keep(path, grid, row, column, value)
                grid.cells[(row, column)] = value


def _cell_value(raw: Any, shown: str | None, formula: bool) -> CellValue | None:
    """A calamine value as a cell: its kind from the value, its text as the file shows it."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        kind = ValueKind.BOOL
    elif isinstance(raw, int | float):
        kind = ValueKind.NUMBER
    elif isinstance(raw, dt.datetime | dt.date | dt.time | dt.timedelta):
        kind = ValueKind.DATE
    elif isinstance(raw, str) and raw.startswith("#") and raw.upper() == raw and raw.endswith(("!", "?", "A")):
        kind = ValueKind.ERROR
    else:
        kind = ValueKind.TEXT
    text = shown if shown else cell_text(raw)
    return CellValue(text, kind, formula) if text.strip() or kind is not ValueKind.TEXT else None


def _add_content(grid: Grid, content: SheetContent) -> None:
    grid.merges.extend(content.merges)
    grid.hidden_rows |= content.hidden_rows
    grid.hidden_columns |= content.hidden_columns
    grid.comments.update(content.comments)
    grid.links.update(content.links)
