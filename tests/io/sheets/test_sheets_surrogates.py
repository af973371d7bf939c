"""A lone surrogate escaped in an xlsx cell (``_xD83D_``) is repaired and named (issue 9 item 3)."""

from __future__ import annotations

from pathlib import Path

from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.io.formats import Severity, read_map
from journeymap.io.sheets import load_spreadsheet
from journeymap.io.sheets.text import unescape_ooxml
from tests.io.sheets.files import cards_by_stage, write_xlsx


def test_escaped_surrogates_pair_up_into_their_character() -> None:
    assert unescape_ooxml("_xD83D__xDE00_") == "\U0001f600"
    assert unescape_ooxml("a _xD83D_ b") == "a \ud83d b"  # left for the repair, which names the cell


def test_an_xlsx_cell_with_a_lone_surrogate_imports_saves_and_is_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "broken.xlsx",
        {
            "Journey": [
                ["Stage", "Land", "Adopt"],
                ["Goal", "Win _xD83D_ big", "Use"],
                ["Touchpoints", "Call _xD83D__xDE00_", "Demo"],
            ]
        },
    )
    result = load_spreadsheet(path)
    journey = result.map
    assert journey.stage(journey.stage_ids()[0]).goal == "Win \ufffd big"
    assert cards_by_stage(result)["Land"] == ["Call \U0001f600"]
    warnings = [str(n) for n in result.notices if n.severity is Severity.WARNING]
    assert warnings == ["Journey: 1 cell(s) held half of a character (a lone UTF-16 surrogate), replaced by \ufffd: B2"]
    save_cjm(journey, tmp_path / "saved.cjm")  # failed with UnicodeEncodeError before
    assert load_cjm(tmp_path / "saved.cjm").stage(journey.stage_ids()[0]).goal == "Win \ufffd big"
    with_replacement = write_xlsx(tmp_path / "fine.xlsx", {"Journey": [["Stage", "Land"], ["Goal", "Lost \ufffd"]]})
    assert not [n for n in load_spreadsheet(with_replacement).notices if "surrogate" in str(n)]
    assert read_map(path).map.stage(journey.stage_ids()[0]).goal == "Win \ufffd big"
