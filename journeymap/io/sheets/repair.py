"""Replace characters no file can store (lone UTF-16 surrogates) and name their cells.

A broken writer can escape half of an emoji in an xlsx cell (``_xD83D_``); decoded, it is a lone
surrogate, which a map can hold in memory but never save as UTF-8. Each becomes U+FFFD here, and
the report says which cells changed, so no map is unsavable and no repair is silent.
"""

from __future__ import annotations

import dataclasses
import re

from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets.grid import Grid

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = 5


def repair_surrogates(grids: list[Grid]) -> list[Notice]:
    """Repair the grids in place; one warning per sheet that needed it."""
    notices = []
    for grid in grids:
        repaired = []
        for position, value in grid.cells.items():
            if _LONE_SURROGATE.search(value.text):
                grid.cells[position] = dataclasses.replace(value, text=_LONE_SURROGATE.sub(REPLACEMENT, value.text))
                repaired.append(position)
        if repaired:
            named = ", ".join(grid.ref(p) for p in sorted(repaired)[:_NAMED])
            more = ", …" if len(repaired) > _NAMED else ""
            notices.append(
                Notice(
                    Severity.WARNING,
                    f"{len(repaired):,} cell(s) held half of a character (a lone "
                    f"UTF-16 surrogate), replaced by {REPLACEMENT}: {named}{more}",
                    grid.name,
                )
            )
    return notices
