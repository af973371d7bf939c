"""The thought kind through our own files: .cjm, and the .xlsx export read back (map sheet and data sheets)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from journeymap.io.cjm import load_cjm, save_cjm, to_document
from journeymap.io.sheets import load_spreadsheet, save_xlsx
from journeymap.model import JourneyMap, Kind, Touchpoint
from tests.factories import small_map


def _with_thought() -> tuple[JourneyMap, str]:
    journey = small_map()
    card = journey.add_card(
        journey.stage_ids()[1],
        journey.lane_ids()[0],
        Touchpoint("Will my data survive the import?", channel="Interview", kind=Kind.THOUGHT, emotion=-1),
    )
    return journey, card


def test_a_thought_keeps_its_kind_in_a_cjm_file(tmp_path: Path) -> None:
    journey, card = _with_thought()
    save_cjm(journey, tmp_path / "map.cjm")
    saved = json.loads((tmp_path / "map.cjm").read_text("utf-8"))
    assert "thought" in json.dumps(saved)
    loaded = load_cjm(tmp_path / "map.cjm")
    assert loaded.card(card).kind is Kind.THOUGHT
    assert to_document(loaded) == to_document(journey)


def test_the_xlsx_export_writes_a_thoughts_row_and_reads_the_kind_back(tmp_path: Path) -> None:
    journey, card = _with_thought()
    path = tmp_path / "map.xlsx"
    save_xlsx(journey, path)
    workbook = openpyxl.load_workbook(path)
    rows = {row[0].value: [c.value for c in row[1:]] for row in workbook["Journey map"].iter_rows() if row[0].value}
    lane = journey.lane(journey.lane_ids()[0]).name
    assert rows[f"Thoughts: {lane}"] == [None, "• Will my data survive the import?"]
    assert f"Thoughts: {journey.lane(journey.lane_ids()[1]).name}" not in rows  # only lanes that have thoughts
    kinds = {r[5].value: r[6].value for r in workbook["Cards"].iter_rows(min_row=2)}
    assert kinds["Will my data survive the import?"] == "thought"
    result = load_spreadsheet(path)
    assert result.map.card(card).kind is Kind.THOUGHT
    assert to_document(result.map) == to_document(journey)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("Thought", Kind.THOUGHT),
        ("quote", Kind.THOUGHT),
        ("思考", Kind.THOUGHT),
        ("Pain points", Kind.PAIN_POINT),
        ("Schmerzpunkt", Kind.PAIN_POINT),
        ("opportunity", Kind.OPPORTUNITY),
        ("", Kind.TOUCHPOINT),
    ],
)
def test_a_kind_typed_by_hand_in_the_cards_sheet_is_read(tmp_path: Path, typed: str, kind: Kind) -> None:
    journey = small_map()
    path = tmp_path / "map.xlsx"
    save_xlsx(journey, path)
    workbook = openpyxl.load_workbook(path)
    workbook["Cards"]["G2"] = typed or None
    title = workbook["Cards"]["F2"].value
    workbook.save(path)
    imported = load_spreadsheet(path).map
    assert [imported.card(c).kind for c in imported.card_ids() if imported.card(c).title == title] == [kind]
