"""Write the map sheet as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF, every field
quoted, and OWASP's neutralisation of formula-like text, which our CSV reader undoes.

CSV holds one sheet, so ids and card details stay behind: use .xlsx or .cjm for a full copy.
"""

from __future__ import annotations

import csv
import io
import os

from journeymap.io.atomic import write_atomic
from journeymap.io.sheets import template as shape
from journeymap.io.sheets.checks import check_cell
from journeymap.io.sheets.grid import column_letter
from journeymap.io.sheets.text import neutralise_formula
from journeymap.model import JourneyMap


def save_csv(journey: JourneyMap, path: str | os.PathLike[str]) -> None:
    """Export the map sheet (stages as columns) as CSV."""
    rows = shape.map_sheet_rows(journey)
    width = max(len(row) for row in rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for number, row in enumerate(rows, 1):
        for column, text in enumerate(row, 1):
            check_cell(path, text, f"{column_letter(column)}{number}")
        writer.writerow([neutralise_formula(text) for text in row] + [""] * (width - len(row)))
    write_atomic(path, buffer.getvalue().encode("utf-8-sig"))
