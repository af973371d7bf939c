"""Importing CSV files as Google Sheets, Excel (each locale) and old Macs write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.io.formats import Severity, read_map
from journeymap.io.sheets import load_spreadsheet
from journeymap.io.sheets.csv_reader import sniff_delimiter
from tests.io.sheets.files import cards_by_stage, write_csv

ROWS = [
    ["Stage", "Aim", "Success criteria", "Timeline", "Owner", "Touchpoints"],
    ["Land", "Close the deal", "Signed", "1 month", "Sales", "Demo\nProposal"],
    ["Adopt", "Daily use", "80% of seats", "3 months", "CS", "Training"],
    ["Renew", "Renew on time", "Signed", "2 months", "CS", "=Renewal call"],
]


def _check(path: Path) -> None:
    result = load_spreadsheet(path)
    journey = result.map
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Land", "Adopt", "Renew"]
    assert journey.stage(journey.stage_ids()[1]).success_criteria == "80% of seats"
    assert cards_by_stage(result) == {"Land": ["Demo", "Proposal"], "Adopt": ["Training"], "Renew": ["=Renewal call"]}


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_or_without_bom_and_any_line_end(tmp_path: Path, newline: str, bom: bool) -> None:
    _check(write_csv(tmp_path / "map.csv", ROWS, newline=newline, bom=bom))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "map.csv", ROWS, delimiter=delimiter)
    _check(path)
    notices = [n.text for n in load_spreadsheet(path).notices]
    assert ("fields are separated by commas" in notices) is False
    assert any("separated by" in n for n in notices) is (delimiter != ",")


def test_a_semicolon_file_with_decimal_commas_is_not_read_as_commas() -> None:
    text = "Stage;Goal;Share\r\nLand;Sign;0,5\r\nAdopt;Use;1,25\r\n"
    assert sniff_delimiter(text) == ";"


def test_windows_1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    rows = [["Stage", "Étape café", "Übergabe"], ["Touchpoints", "Café – démo", "Übergabe-Gespräch"]]
    path = write_csv(tmp_path / "excel.csv", rows, encoding="cp1252", delimiter=";")
    result = load_spreadsheet(path)
    assert cards_by_stage(result) == {"Étape café": ["Café – démo"], "Übergabe": ["Übergabe-Gespräch"]}
    (warning,) = [n for n in result.notices if n.severity is Severity.WARNING]
    assert "Windows-1252" in warning.text and warning.sheet == "excel"


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "unicode.txt", ROWS, delimiter="\t", encoding="utf-16")
    _check(path)


def test_newlines_inside_quoted_cells(tmp_path: Path) -> None:
    data = 'Stage,A,B\r\nTouchpoints,"- one\n- two","three\r\nfour"\r\n'
    path = tmp_path / "quoted.csv"
    path.write_bytes(data.encode())
    assert cards_by_stage(load_spreadsheet(path)) == {"A": ["one", "two"], "B": ["three", "four"]}


def test_our_formula_neutralisation_is_reversed(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "owasp.csv", [["Stage", "A"], ["Touchpoints", "'=HYPERLINK(x)\n'-5% churn"], ["Owner", "'@team"]]
    )
    result = load_spreadsheet(path)
    # Neutralisation is per cell: only the cell's first character, never each line's.
    assert cards_by_stage(result) == {"A": ["=HYPERLINK(x)", "'-5% churn"]}
    assert result.map.stage(result.map.stage_ids()[0]).owner == "@team"


def test_the_report_names_csv_cells(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notes.csv", [["Stage", "A"], ["Touchpoints", "x"], [], ["Parking lot", "ask Ana"]])
    result = load_spreadsheet(path)
    assert [str(n) for n in result.notices if n.severity is Severity.WARNING] == [
        "notes!A4: not used: not a label we know; give it a meaning in the import preview or with "
        '--field "Parking lot=FIELD": "Parking lot"',
        'notes!B4: not used: in the row labelled "Parking lot", which is not a label we know: "ask Ana"',
    ]


def test_csv_is_chosen_by_content_not_extension(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.txt", ROWS)
    assert read_map(path).format == "csv"
