"""Our own .xlsx export of the largest map the app holds imports back (issue 9 item 6).

The full 50,000-card round trip takes about a minute with openpyxl, so it runs in
bench/test_bench_xlsx_roundtrip.py; here the export's plan (every cell it writes, computed
without openpyxl) is checked against every ceiling the import applies, and a smaller export is
read back under ceilings scaled down in proportion.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from journeymap.io.cjm import to_document
from journeymap.io.sheets import DEFAULT_LIMITS, load_spreadsheet, save_xlsx
from journeymap.io.sheets.xlsx_writer import _plan
from journeymap.model import Flow, JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint

APP_CARDS = 50_000


def _big_map(cards: int) -> JourneyMap:
    journey = JourneyMap("Big workshop")
    stages = [
        journey.add_stage(Stage(f"Stage {i}", goal="g", success_criteria="s", timeline="t", owner="o"))
        for i in range(40)
    ]
    lanes = [journey.add_lane(Persona(f"Lane {i}", "d", "g", "p")) for i in range(25)]
    ids = []
    for i in range(cards):
        card = Touchpoint(f"Card {i}", "email", "CSM", "notes", i % 5 - 2, list(Kind)[i % 3])
        ids.append(journey.add_card(stages[i % 40], lanes[(i // 40) % 25], card))
    for i in range(0, cards - 1, 3):
        journey.add_flow(ids[i], ids[i + 1], Flow("next"))
    for stage in stages:
        journey.add_milestone(stage, Milestone("Done", "signal"))
    return journey


def test_the_export_of_the_largest_map_fits_every_import_ceiling(tmp_path: Path) -> None:
    sheets = _plan(_big_map(APP_CARDS), tmp_path / "big.xlsx")
    filled = sum(1 for sheet in sheets for row in sheet.rows for value, _style in row if value not in (None, ""))
    assert filled <= DEFAULT_LIMITS.cells, f"{filled:,} filled cells"  # 200,000 before: ~18,100 cards
    assert max(len(sheet.rows) for sheet in sheets) <= DEFAULT_LIMITS.rows
    assert max(len(row) for sheet in sheets for row in sheet.rows) <= DEFAULT_LIMITS.columns


def test_an_export_at_the_old_cell_ceiling_imports_back_exactly(tmp_path: Path) -> None:
    """A 1,000-card export under ceilings scaled down 50 times (the full size is 50 times bigger)."""
    journey = _big_map(APP_CARDS // 50)
    path = tmp_path / "map.xlsx"
    save_xlsx(journey, path)
    scaled = dataclasses.replace(DEFAULT_LIMITS, cells=DEFAULT_LIMITS.cells // 50, rows=DEFAULT_LIMITS.rows // 50)
    result = load_spreadsheet(path, limits=scaled)
    assert to_document(result.map) == to_document(journey)
