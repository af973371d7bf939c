"""How big a spreadsheet may be before we refuse it, in one place.

A journey map is a few dozen stages and a few thousand cards; real exports stay far below these
numbers, while hostile or broken files (zip bombs, a styled cell at XFD1048576, a 1 GB CSV cell)
cross them at once. Every limit fails with a message that says which one and what to do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from journeymap.io.errors import MapFileError


@dataclass(frozen=True)
class Limits:
    """Ceilings checked before and while reading; tests pass smaller ones to reach them cheaply."""

    file_bytes: int = 20 * 2**20
    zip_members: int = 500
    zip_total_bytes: int = 100 * 2**20
    zip_ratio: int = 100
    # Small members may compress better than the ratio allows (a sheet of formatted empty rows).
    zip_ratio_floor: int = 2**20
    sheets: int = 50
    # XML rows and cells scanned, formatted empty ones included: bounds the parsing time.
    scanned_rows: int = 200_000
    scanned_cells: int = 2_000_000
    # The real used range and the non-empty cells of the whole workbook.
    rows: int = 100_000
    columns: int = 1_000
    # Our own export of a 50,000-card map (the most the app holds) fills about 600,000 cells,
    # 11 per card on its Cards sheet: it must import back, with room to spare.
    cells: int = 1_000_000
    cell_chars: int = 32_767


DEFAULT_LIMITS = Limits()


class SpreadsheetLimitError(MapFileError):
    """The file is larger than a journey map spreadsheet can be; the message says which limit."""


def too_big(
    path: str | os.PathLike[str], what: str, limit: int, place: str = "", advice: str = ""
) -> SpreadsheetLimitError:
    advice = advice or "delete what the journey map does not need, or split the file, and try again"
    return SpreadsheetLimitError(path, f"{what}; the limit is {limit:,}: {advice}", place)
