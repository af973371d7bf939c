"""Read a CSV file into one grid, saying which encoding and delimiter were assumed.

Real CSVs come as UTF-8 with or without a BOM (Google Sheets, Excel "CSV UTF-8"), Windows-1252
(Excel "CSV"), UTF-16 (Excel "Unicode text"), separated by commas, semicolons (decimal-comma
locales) or tabs, with CRLF, LF or CR-only (old Mac) line ends and LF inside quoted cells. A
leading ``'`` that our CSV export puts before formula-like text is removed again here.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections import Counter
from pathlib import Path

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets.grid import CellValue, Grid
from journeymap.io.sheets.limits import Limits, too_big
from journeymap.io.sheets.progress import ProgressFn
from journeymap.io.sheets.text import restore_formula

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_SNIFF_CHARS = 64 * 1024
_PROGRESS_EVERY_ROWS = 1024
_FIELD_LIMIT = 131_072  # Python's csv default; set explicitly so another module's change cannot lift it.


def read_csv_grid(
    path: str | os.PathLike[str], data: bytes, limits: Limits, progress: ProgressFn
) -> tuple[Grid, list[Notice]]:
    """The file as one grid named after the file, and the assumptions made while reading it."""
    name = Path(path).stem or "CSV"
    notices: list[Notice] = []
    text = _decode(path, data, name, notices)
    delimiter = sniff_delimiter(text)
    if delimiter != ",":
        notices.append(Notice(Severity.INFO, f"fields are separated by {DELIMITERS[delimiter]}", name))
    grid = Grid(name)
    csv.field_size_limit(_FIELD_LIMIT)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    kept = 0
    try:
        for row_number, record in enumerate(reader, 1):
            if row_number > limits.rows:
                raise too_big(path, f"has more than {limits.rows:,} rows", limits.rows, f"line {reader.line_num}")
            if len(record) > limits.columns:
                raise too_big(
                    path, f"row {row_number} has {len(record):,} columns", limits.columns, f"line {reader.line_num}"
                )
            for column, field in enumerate(record, 1):
                if not field:
                    continue
                kept += 1
                if kept > limits.cells:
                    raise too_big(
                        path, f"has more than {limits.cells:,} filled cells", limits.cells, f"line {reader.line_num}"
                    )
                if len(field) > limits.cell_chars:
                    cell = grid.ref((row_number, column))
                    raise too_big(
                        path,
                        f"cell {cell} holds {len(field):,} characters",
                        limits.cell_chars,
                        f"{name}!{cell}",
                        advice="shorten it",
                    )
                grid.cells[(row_number, column)] = CellValue(restore_formula(field))
            if row_number % _PROGRESS_EVERY_ROWS == 0:
                progress(stream.tell(), len(text), "Reading CSV")
        progress(len(text), len(text), "Read the CSV")
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise MapFileError(
                path,
                f"has a cell longer than {_FIELD_LIMIT:,} characters, so it is not a "
                "journey map CSV (or a quote is missing before that point)",
                f"line {reader.line_num}",
            ) from None
        raise MapFileError(path, f"is not valid CSV ({error})", f"line {reader.line_num}") from None
    return grid, notices


def _decode(path: str | os.PathLike[str], data: bytes, name: str, notices: list[Notice]) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(path, data[len(codecs.BOM_UTF8) :].decode("utf-8"))
        except UnicodeDecodeError as error:
            raise MapFileError(
                path, f'starts as UTF-8 but byte {error.start + 3:,} is not UTF-8; save it again as "CSV UTF-8"'
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(path, data.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise MapFileError(path, f"is damaged UTF-16 text (byte {error.start})") from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise MapFileError(
            path,
            f"holds binary data (a zero byte at offset {offset:,}), so it is neither a "
            "CSV nor a spreadsheet we read; open it where it was made and save the sheet as "
            ".xlsx or .csv",
        )
    try:
        return _checked(path, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise MapFileError(
            path, f'is neither UTF-8 nor Windows-1252 text (byte {error.start:,}); save it as "CSV UTF-8" and try again'
        ) from None
    notices.append(
        Notice(
            Severity.WARNING,
            f"is not UTF-8 (first at line {line}); read it as Windows-1252 "
            "(Excel's plain CSV): check accented letters, or save it as "
            '"CSV UTF-8" to be sure',
            name,
        )
    )
    return _checked(path, text)


def _checked(path: str | os.PathLike[str], text: str) -> str:
    """Refuse text that is mostly control characters: random bytes that happened to decode."""
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(8, len(sample) // 100):
        raise MapFileError(
            path,
            "is not a spreadsheet: it holds binary data rather than text; "
            "open it where it was made and save the sheet as .xlsx or .csv",
        )
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter among comma, semicolon and tab that splits the first lines most evenly."""
    sample = text[:_SNIFF_CHARS]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths: Counter[int] = Counter()
        try:
            for i, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if i >= 50:
                    break
                if record:
                    widths[len(record)] += 1
        except csv.Error:
            continue
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]), default=(1, 0))
        # Rows of the most common width, counting only widths above one (a split happened).
        score = (rows if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best
