"""Write the map sheet as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF, every field
quoted, and OWASP's neutralisation of formula-like text, which our CSV reader undoes.

CSV holds one sheet, so ids and card details stay behind: use .xlsx or .cjm for a full copy.
"""

from __future__ import annotations

import csv
import io
import os

from journeymap.io.atomic import write_atomic
from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets import template as shape
from journeymap.io.sheets.checks import check_cell
from journeymap.io.sheets.csv_fit import fit_for_csv
from journeymap.io.sheets.grid import column_letter
from journeymap.io.sheets.text import neutralise_formula
from journeymap.model import JourneyMap


def save_csv(journey: JourneyMap, path: str | os.PathLike[str]) -> list[Notice]:
    """Export the map sheet (stages as columns) as CSV; the notices say what CSV could not hold.

    What is written imports back exactly: every change a CSV forces (see ``csv_fit``) is made
    before writing and named in a notice of its own.
    """
    fit = fit_for_csv(journey, path)
    rows = shape.map_sheet_rows(fit.journey)
    width = max(len(row) for row in rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for number, row in enumerate(rows, 1):
        for column, text in enumerate(row, 1):
            check_cell(path, text, f"{column_letter(column)}{number}")
        writer.writerow([neutralise_formula(text) for text in row] + [""] * (width - len(row)))
    write_atomic(path, buffer.getvalue().encode("utf-8-sig"))
    left_out = _left_out(journey)
    if not left_out:
        return fit.notices
    return [
        Notice(
            Severity.INFO,
            f"a CSV holds the map sheet only, so {', '.join(left_out)} are not in it; "
            "export .xlsx or save .cjm to keep them",
        ),
        *fit.notices,
    ]


def _left_out(journey: JourneyMap) -> list[str]:
    cards = [journey.card(c) for c in journey.card_ids()]
    lanes = [journey.lane(p) for p in journey.lane_ids()]
    checks = (
        ("card channels, owners and notes", any(c.channel or c.owner or c.notes for c in cards)),
        ("emotions", any(c.emotion is not None for c in cards)),
        ("flows", bool(journey.flows())),
        ("persona details", any(p.description or p.goals or p.pain_points for p in lanes)),
        ("milestone success signals", any(journey.milestone(m).success_signal for m in journey.milestone_ids())),
        ("ids", bool(cards)),
    )
    return [what for what, present in checks if present]
