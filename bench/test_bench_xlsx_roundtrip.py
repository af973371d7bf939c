"""Our own .xlsx export of a 50,000-card map, written and imported back (issue 9 item 6).

Measured once each (openpyxl takes tens of seconds at this size): the export, and the import,
which must give back exactly the same map. Figures go into docs/performance.md by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.io.cjm import to_document
from journeymap.io.sheets import load_spreadsheet, save_xlsx
from tests.io.sheets.test_sheets_big_export import APP_CARDS, _big_map


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    journey = _big_map(APP_CARDS)
    path = tmp_path_factory.mktemp("xlsx") / "big.xlsx"
    save_xlsx(journey, path)
    return path, to_document(journey)


def test_export_50000_cards(benchmark, tmp_path: Path) -> None:
    journey = _big_map(APP_CARDS)
    benchmark.pedantic(save_xlsx, args=(journey, tmp_path / "big.xlsx"), rounds=1, iterations=1)


def test_import_back_50000_cards(benchmark, exported: tuple[Path, dict]) -> None:
    path, expected = exported
    result = benchmark.pedantic(load_spreadsheet, args=(path,), rounds=1, iterations=1)
    assert to_document(result.map) == expected
