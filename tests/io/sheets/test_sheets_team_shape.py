"""Export writes back the shape it read: layout, the team's labels, the rows the import left alone."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from journeymap.io.cjm import load_cjm, save_cjm, to_document
from journeymap.io.sheets import Mapping, Target, load_spreadsheet, save_csv, save_xlsx
from journeymap.io.sheets.labels import Field
from journeymap.io.sheets.template import MAP_SHEET, persona_sheet_names
from journeymap.model import Touchpoint
from tests.io.sheets.files import cards_by_stage, write_csv, write_xlsx

ROWS_SHEET = [
    ["Kundenreise Q3"],
    [],
    ["Phase", "Goal", "Parking lot", "Touchpoints", "Owner"],
    ["Land", "Sign", "Demo, trial", "Contract", "Sales"],
    ["Adopt", "Use daily", "Rollout", "QBR", "CSM"],
]


def map_sheet(path: Path) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path)[MAP_SHEET]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_a_stages_as_rows_sheet_comes_back_as_rows_with_its_labels_and_unused_rows(tmp_path: Path) -> None:
    result = load_spreadsheet(write_xlsx(tmp_path / "team.xlsx", {"Reise": ROWS_SHEET}))
    journey = result.map
    assert journey.sheet_shape is not None and journey.sheet_shape.layout == "rows"
    out = tmp_path / "export.xlsx"
    save_xlsx(journey, out)
    rows = map_sheet(out)
    assert rows[0][0] == "Kundenreise Q3"
    assert rows[2] == ["Phase", "Goal", "Parking lot", "Touchpoints", "Owner"]
    assert rows[3] == ["Land", "Sign", "Demo, trial", "• Contract", "Sales"]
    assert rows[4] == ["Adopt", "Use daily", "Rollout", "• QBR", "CSM"]
    again = load_spreadsheet(out)
    assert to_document(again.map) == to_document(journey)
    assert again.map.sheet_shape == journey.sheet_shape


def test_the_shape_survives_a_cjm_save_and_follows_edits_made_in_the_app(tmp_path: Path) -> None:
    journey = load_spreadsheet(write_xlsx(tmp_path / "team.xlsx", {"Reise": ROWS_SHEET})).map
    save_cjm(journey, tmp_path / "map.cjm")
    reopened = load_cjm(tmp_path / "map.cjm")
    assert reopened.sheet_shape == journey.sheet_shape
    land, adopt = reopened.stage_ids()
    lane = reopened.lane_ids()[0]
    reopened.add_card(adopt, lane, Touchpoint("Health check"))
    new_lane = reopened.add_lane("Admin")
    reopened.add_card(land, new_lane, Touchpoint("SSO setup"))
    out = tmp_path / "export.xlsx"
    save_xlsx(reopened, out)
    rows = map_sheet(out)
    assert rows[4][3] == "• QBR\n• Health check"
    # A lane the team's sheet had no row for is added under our own label: nothing is hidden.
    assert rows[2][5] == "Touchpoints: Admin" and rows[3][5] == "• SSO setup"
    assert cards_by_stage(load_spreadsheet(out))["Land"] == ["Contract", "SSO setup"]


def test_an_inventory_comes_back_one_row_per_card_and_edits_on_it_import(tmp_path: Path) -> None:
    inventory = [
        ["Stage", "Touchpoint", "Kanal", "Persona", "Emotion"],
        ["Land", "Demo", "Zoom", "Admin", "+1"],
        ["Land", "Contract", "Email", "Admin", ""],
        ["Adopt", "QBR", "Zoom", "User", "-1"],
    ]
    source = write_csv(tmp_path / "inventory.csv", inventory)
    journey = load_spreadsheet(source, mapping=Mapping({"Kanal": Target(Field.CHANNEL)})).map
    out = tmp_path / "export.xlsx"
    save_xlsx(journey, out)
    rows = map_sheet(out)
    assert rows[2] == ["Stage", "Touchpoint", "Kanal", "Persona", "Emotion"]
    assert sorted(rows[3:]) == sorted(
        [
            ["Land", "Demo", "Zoom", "Admin", "+1"],
            ["Land", "Contract", "Email", "Admin", ""],
            ["Adopt", "QBR", "Zoom", "User", "-1"],
        ]
    )
    # The team edits a card on the map sheet: the import applies it, reading "Kanal" as before.
    workbook = openpyxl.load_workbook(out)
    sheet = workbook[MAP_SHEET]
    for row in sheet.iter_rows(min_row=4):
        if row[1].value == "QBR":
            row[1].value = "Quarterly review"
    workbook.save(out)
    edited = load_spreadsheet(out).map
    cards = {edited.card(c).title: edited.card(c) for c in edited.card_ids()}
    assert "Quarterly review" in cards and cards["Quarterly review"].channel == "Zoom"
    # The CSV export is the same map sheet, and it imports back.
    csv_out = tmp_path / "export.csv"
    save_csv(journey, csv_out)
    back = load_spreadsheet(csv_out, mapping=Mapping({"Kanal": Target(Field.CHANNEL)})).map
    assert sorted(back.card(c).title for c in back.card_ids()) == ["Contract", "Demo", "QBR"]


def test_the_title_cell_is_not_wrapped_so_it_shows_in_full(tmp_path: Path) -> None:
    title = "Customer journey for the enterprise onboarding programme, Q3 2026 workshop"
    journey = load_spreadsheet(write_xlsx(tmp_path / "team.xlsx", {"S": [[title], [], *ROWS_SHEET[2:]]})).map
    save_xlsx(journey, tmp_path / "export.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx")[MAP_SHEET]
    assert sheet["A1"].value == title and not sheet["A1"].alignment.wrap_text
    assert sheet.row_dimensions[1].height is None


def test_one_sheet_per_persona_comes_back_as_one_sheet_per_persona(tmp_path: Path) -> None:
    smb = [
        ["Phase", "Land", "Adopt"],
        ["Ziel", "Sign", "Use"],
        ["Touchpoints", "Demo", "QBR"],
        ["Parking lot", "ask Ana", ""],
    ]
    enterprise = [
        ["Phase", "Land", "Adopt"],
        ["Ziel", "Sign", "Use"],
        ["Touchpoints", "RFP", "Steering committee"],
        ["Parking lot", "", "legal?"],
    ]
    journey = load_spreadsheet(write_xlsx(tmp_path / "team.xlsx", {"SMB": smb, "Enterprise": enterprise})).map
    assert journey.sheet_shape is not None and journey.sheet_shape.per_persona
    out = tmp_path / "export.xlsx"
    save_xlsx(journey, out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[:2] == ["SMB", "Enterprise"] and MAP_SHEET not in workbook.sheetnames
    rows = [["" if v is None else str(v) for v in row] for row in workbook["Enterprise"].iter_rows(values_only=True)]
    assert rows[2:] == [
        ["Phase", "Land", "Adopt"],
        ["Ziel", "Sign", "Use"],
        ["Touchpoints", "• RFP", "• Steering committee"],
        ["Parking lot", "", "legal?"],
    ]
    again = load_spreadsheet(out)
    assert to_document(again.map) == to_document(journey)
    assert not [n for n in again.notices if "edited after the export" in n.text]
    # The team edits the Enterprise sheet: the edit wins, the SMB lane keeps its cards and ids.
    workbook["Enterprise"]["C5"] = "• Steering committee\n• Security review"
    workbook.save(out)
    edited = load_spreadsheet(out)
    assert cards_by_stage(edited, "Enterprise")["Adopt"] == ["Steering committee", "Security review"]
    assert cards_by_stage(edited, "SMB") == {"Land": ["Demo"], "Adopt": ["QBR"]}
    assert any("edited after the export (Enterprise!C5)" in n.text for n in edited.notices)


def test_a_lane_name_spreadsheets_refuse_as_a_sheet_name_is_made_safe(tmp_path: Path) -> None:
    rows = [["Stage", "A"], ["Goal", "g"], ["Touchpoints", "t"]]
    journey = load_spreadsheet(write_xlsx(tmp_path / "team.xlsx", {"One": rows, "Two": rows})).map
    first, second = journey.lane_ids()
    journey.update_lane(first, name="Admins / IT: [EU] and their long-suffering helpdesk")
    journey.update_lane(second, name="cards")  # the name of one of our data sheets
    names = persona_sheet_names(journey)
    assert names == {first: "Admins IT EU and their long-suf", second: "cards (2)"}
    out = tmp_path / "export.xlsx"
    save_xlsx(journey, out)
    assert openpyxl.load_workbook(out).sheetnames[:2] == [names[first], names[second]]
