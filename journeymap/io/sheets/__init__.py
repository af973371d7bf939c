"""Spreadsheet import and export: .xlsx and .csv, read by content, guarded against hostile files.

Import: :func:`load_spreadsheet` (read and build in one call), or :func:`read_spreadsheet` then
:func:`analyse` (what the app's preview does, so flipping the orientation re-reads nothing).
Export: :func:`save_xlsx` (the team template's map sheet plus data sheets; a lossless round trip)
and :func:`save_csv` (the map sheet only). openpyxl is imported only by the .xlsx paths.
"""

from __future__ import annotations

from journeymap.io.sheets.api import (
    Analysis,
    SheetSummary,
    Spreadsheet,
    analyse,
    load_spreadsheet,
    read_spreadsheet,
)
from journeymap.io.sheets.csv_writer import save_csv
from journeymap.io.sheets.detect import Orientation
from journeymap.io.sheets.limits import DEFAULT_LIMITS, Limits, SpreadsheetLimitError
from journeymap.io.sheets.mapping import FIELD_CHOICES, Layout, Mapping, Target
from journeymap.io.sheets.progress import ImportCancelled, ProgressFn
from journeymap.io.sheets.xlsx_writer import save_xlsx

__all__ = [
    "DEFAULT_LIMITS",
    "FIELD_CHOICES",
    "Analysis",
    "Layout",
    "Mapping",
    "Target",
    "ImportCancelled",
    "Limits",
    "Orientation",
    "ProgressFn",
    "SheetSummary",
    "Spreadsheet",
    "SpreadsheetLimitError",
    "analyse",
    "load_spreadsheet",
    "read_spreadsheet",
    "save_csv",
    "save_xlsx",
]
