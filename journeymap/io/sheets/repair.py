"""Name the cells that hold a character nobody can read back (U+FFFD), so no repair is silent.

The xlsx reader turns an escaped lone surrogate (``_xD83D_``, which a broken writer produced and
which no file can store) into U+FFFD; a U+FFFD already in a cell means text was lost before the
file reached us. Either way the report says where.
"""

from __future__ import annotations

from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets.grid import Grid

REPLACEMENT = "\ufffd"
_NAMED = 5


def unreadable_characters(grids: list[Grid]) -> list[Notice]:
    notices = []
    for grid in grids:
        cells = [position for position, value in grid.cells.items() if REPLACEMENT in value.text]
        if not cells:
            continue
        named = ", ".join(grid.ref(p) for p in sorted(cells)[:_NAMED]) + (", …" if len(cells) > _NAMED else "")
        notices.append(Notice(Severity.WARNING, f"{len(cells):,} cell(s) hold a character that could not be read "
                                                f"(a broken UTF-16 surrogate), shown as {REPLACEMENT}: {named}",
                              grid.name))
    return notices
