"""Checks on text before a writer stores it in a cell, with messages that name the cell.

Spreadsheets cannot hold most control characters (openpyxl raises on them, and XML forbids them)
and hold at most 32,767 characters in a cell (Excel and openpyxl truncate silently). We refuse
both with a message instead of writing a file that loses or breaks text.
"""

from __future__ import annotations

import os
import re

from journeymap.io.errors import MapFileError
from journeymap.io.sheets.template import CELL_LIMIT
from journeymap.io.sheets.text import short

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_cell(path: str | os.PathLike[str], text: str, place: str, stored: str | None = None) -> None:
    """Raise MapFileError if ``text`` cannot be stored in one cell (``stored`` is its escaped form)."""
    bad = _UNSTORABLE.search(text)
    if bad is not None:
        raise MapFileError(
            path,
            f'"{short(text)}" contains the control character U+{ord(bad.group()):04X}, '
            "which spreadsheets cannot hold; remove it from the map (or save as .cjm)",
            place,
        )
    length = len(stored if stored is not None else text)
    if length > CELL_LIMIT:
        raise MapFileError(
            path,
            f'"{short(text)}" is {length:,} characters long; a spreadsheet cell holds '
            f"at most {CELL_LIMIT:,}: shorten it (or save as .cjm)",
            place,
        )
