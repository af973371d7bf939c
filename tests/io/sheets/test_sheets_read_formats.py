"""Cells as the team sees them, in every format a team downloads: .xlsx, .ods and .xls.

Workbooks are made here with openpyxl; LibreOffice (when installed) saves them as .ods and .xls
the way a team's file arrives. tests/io/sheets/data holds two such files made with LibreOffice
7.4 from ``team_workbook`` below, so the .ods and .xls readers are tested without it too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from journeymap.io.sheets import load_spreadsheet, read_spreadsheet
from journeymap.io.sheets.grid import Grid, ValueKind
from tests.io.sheets.files import DATA, SOFFICE, soffice_convert

THREADED = (
    "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any "
    "edits to it will get removed if the file is opened in a newer version of Excel. Learn more: "
    "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    Check with legal first\n"
    "    (they asked twice)\nReply:\n    Done on Friday"
)
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def team_workbook(path: Path) -> Path:
    """A journey map sheet as teams keep it: a merged title, formatted numbers and dates, a note,
    links, a hidden working row and a hidden column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Journey"
    sheet["A1"] = "Onboarding journey"
    sheet.merge_cells("A1:D1")
    rows = [
        ["Stage", "Sign up", "Set up", "Go live"],
        ["Goal", "Create the account", "Connect the data", "First report"],
        ["Timeline", dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1), dt.datetime(2025, 3, 1)],
        ["Duration", 0.5, 2.5, 1],
        ["Success criteria", 0.9, 0.75, 0.125],
        ["Touchpoints", "Welcome email", "Kickoff call", "Launch demo"],
        ["Working notes", "draft", "draft", "draft"],
    ]
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            sheet.cell(r, c, value)
    for column in "BCD":
        sheet[f"{column}4"].number_format = "mmm yyyy"
        sheet[f"{column}5"].number_format = '0.0 "weeks"'
        sheet[f"{column}6"].number_format = "0%" if column != "D" else "0.0%"
    sheet["B3"].comment = Comment("Ann Lee:\nAsk legal about the terms", "Ann Lee")
    sheet["C7"].hyperlink = "https://example.com/kickoff"
    sheet.row_dimensions[8].hidden = True
    sheet.column_dimensions["E"].hidden = True
    sheet["E2"] = "Backlog"
    workbook.save(path)
    return path


def check_team_sheet(grid: Grid, *, number_formats: bool = True, extras: bool = True) -> None:
    """What the reader must give for ``team_workbook``'s sheet, in any format."""
    text = {grid.ref(p): v.text for p, v in grid.cells.items()}
    assert text["A1"] == "Onboarding journey" and text["B2"] == "Sign up"
    if number_formats:
        assert [text[f"{c}4"] for c in "BCD"] == ["Jan 2025", "Feb 2025", "Mar 2025"]
        assert [text[f"{c}5"] for c in "BCD"] == ["0.5 weeks", "2.5 weeks", "1.0 weeks"]
        assert [text[f"{c}6"] for c in "BCD"] == ["90%", "75%", "12.5%"]
    assert grid.cells[(4, 2)].kind is ValueKind.DATE and grid.cells[(6, 2)].kind is ValueKind.NUMBER
    assert (1, 1, 1, 4) in grid.merges or not extras
    if extras:
        assert grid.hidden_rows == {8} and grid.hidden_columns == {5}
        assert grid.links == {(7, 3): "https://example.com/kickoff"}
        assert "Ask legal about the terms" in grid.comments[(3, 2)]


def test_xlsx_cells_show_their_number_format(tmp_path: Path) -> None:
    spreadsheet = read_spreadsheet(team_workbook(tmp_path / "team.xlsx"))
    grid = spreadsheet.grids[0]
    check_team_sheet(grid)
    assert grid.comments == {(3, 2): "Ask legal about the terms"}  # Excel's author line dropped


def test_the_imported_map_shows_what_the_sheet_shows(tmp_path: Path) -> None:
    journey = load_spreadsheet(team_workbook(tmp_path / "team.xlsx")).map
    stages = [journey.stage(s) for s in journey.stage_ids()]
    assert [s.name for s in stages][:3] == ["Sign up", "Set up", "Go live"]
    assert [s.success_criteria for s in stages][:3] == ["90%", "75%", "12.5%"]


def test_stage_names_that_are_dates_keep_their_shown_text(tmp_path: Path) -> None:
    path = tmp_path / "months.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Stage", dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1)])
    sheet.append(["Goal", "Plan", "Launch"])
    sheet.append(["Touchpoints", "Kickoff", "Webinar"])
    sheet["B1"].number_format = sheet["C1"].number_format = "mmm yyyy"
    workbook.save(path)
    journey = load_spreadsheet(path).map
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Jan 2025", "Feb 2025"]


def test_threaded_comment_boilerplate_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "thread.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Goal"
    sheet["B1"] = "Connect the data"
    sheet["B1"].comment = Comment(THREADED, "tc={6C1B}")
    workbook.save(path)
    grid = read_spreadsheet(path).grids[0]
    assert grid.comments == {(1, 2): "Check with legal first\n(they asked twice)\nDone on Friday"}


def test_links_to_places_and_hyperlink_formulas(tmp_path: Path) -> None:
    path = tmp_path / "links.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Map"
    sheet["A1"] = "Touchpoints"
    sheet["B1"] = "Pricing page"
    sheet["B1"].hyperlink = "https://example.com/pricing"
    sheet["C1"] = "See backlog"
    sheet["C1"].hyperlink = "#Backlog!A1"
    sheet["D1"] = '=HYPERLINK("https://example.com/help?a=1","Help centre")'
    workbook.create_sheet("Backlog")["A1"] = "item"
    workbook.save(path)
    grid = read_spreadsheet(path).grids[0]
    assert grid.links == {
        (1, 2): "https://example.com/pricing",
        (1, 3): "#Backlog!A1",
        (1, 4): "https://example.com/help?a=1",
    }


def test_a_location_link_over_a_range(tmp_path: Path) -> None:
    """Excel writes links inside the workbook as ``location`` (no relationship); a range's link
    goes to each filled cell in it."""
    from tests.io.sheets.files import rewrite_member, sheet_part

    path = tmp_path / "range.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["a", "b", None, "d"])
    workbook.save(path)
    rewrite_member(
        path,
        sheet_part(path),
        lambda data: data.replace(
            b"</sheetData>", b'</sheetData><hyperlinks><hyperlink ref="A1:D1" location="Other!B2"/></hyperlinks>'
        ),
    )
    assert read_spreadsheet(path).grids[0].links == {(1, c): "#Other!B2" for c in (1, 2, 4)}


def read_fixture(path: Path) -> Grid:
    spreadsheet = read_spreadsheet(path)
    assert spreadsheet.format == path.suffix[1:]
    assert [g.name for g in spreadsheet.grids] == ["Journey"]
    return spreadsheet.grids[0]


def test_committed_ods() -> None:
    grid = read_fixture(DATA / "team.ods")
    check_team_sheet(grid)


def test_committed_xls() -> None:
    """calamine gives an .xls's values and merges (dates as dates) but no other number formats,
    hidden rows or columns, comments or links: those show as General and are not noted."""
    grid = read_fixture(DATA / "team.xls")
    check_team_sheet(grid, number_formats=False, extras=False)
    assert (1, 1, 1, 4) in grid.merges
    assert grid.ref((4, 2)) == "B4" and grid.cells[(4, 2)].text == "2025-01-01"
    assert grid.cells[(6, 2)].text == "0.9"


def test_committed_files_import_as_maps() -> None:
    for name in ("team.ods", "team.xls"):
        result = load_spreadsheet(DATA / name)
        journey = result.map
        assert [journey.stage(s).name for s in journey.stage_ids()][:3] == ["Sign up", "Set up", "Go live"], name
        assert result.format == name.split(".")[1]


@needs_soffice
@pytest.mark.parametrize("extension", ["ods", "xls"])
def test_libreoffice_saved_files(tmp_path: Path, extension: str) -> None:
    source = team_workbook(tmp_path / "team.xlsx")
    grid = read_fixture(soffice_convert(source, extension, tmp_path / "profile"))
    check_team_sheet(grid, number_formats=extension == "ods", extras=extension == "ods")


@needs_soffice
def test_ods_keeps_positions_away_from_a1_and_hidden_sheets(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Map"
    sheet["C3"] = "Stage"
    sheet["D3"] = "Sign up"
    sheet["D4"] = 0.25
    sheet["D4"].number_format = "0%"
    sheet.merge_cells("C6:E7")
    sheet["C6"] = "merged note"
    secret = workbook.create_sheet("Old")
    secret["A1"] = "old"
    secret.sheet_state = "hidden"
    workbook.save(path)
    spreadsheet = read_spreadsheet(soffice_convert(path, "ods", tmp_path / "profile"))
    grid, old = spreadsheet.grids
    assert {grid.ref(p): v.text for p, v in grid.cells.items()} == {
        "C3": "Stage",
        "D3": "Sign up",
        "D4": "25%",
        "C6": "merged note",
    }
    assert grid.merges == [(6, 3, 7, 5)] and not grid.hidden
    assert old.hidden and old.cells[(1, 1)].text == "old"
