"""The command line on spreadsheets: convert both ways, inspect, warnings on stderr, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.cjm import load_cjm, save_cjm, to_document
from tests.factories import small_map
from tests.io.sheets.files import write_csv, write_xlsx

MESSY = [
    ["Q3 map"],
    ["Stage", "Land", "Adopt"],
    ["Goal", "Sign", "Use"],
    ["Touchpoints", "Demo", "QBR"],
    ["Parking lot", "ask Ana", None],
]


def test_convert_xlsx_to_cjm_prints_the_report_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_xlsx(tmp_path / "map.xlsx", {"Journey": MESSY})
    assert main(["convert", str(source), str(tmp_path / "map.cjm")]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert "journeymap: info: Journey: read with stages as columns (labels in column A)" in lines
    assert (
        'journeymap: warning: Journey!B5: not used: in the row labelled "Parking lot", which is not a label we '
        'know: "ask Ana"' in lines
    )
    journey = load_cjm(tmp_path / "map.cjm")
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Land", "Adopt"]


def test_cjm_to_xlsx_and_back_is_lossless(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_cjm(small_map(), tmp_path / "a.cjm")
    assert main(["convert", str(tmp_path / "a.cjm"), str(tmp_path / "a.xlsx")]) == 0
    assert main(["convert", str(tmp_path / "a.xlsx"), str(tmp_path / "b.cjm")]) == 0
    assert to_document(load_cjm(tmp_path / "b.cjm")) == to_document(small_map())
    assert "warning" not in capsys.readouterr().err


def test_convert_to_csv_and_inspect_it_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_cjm(small_map(), tmp_path / "a.cjm")
    assert main(["convert", str(tmp_path / "a.cjm"), str(tmp_path / "a.csv")]) == 0
    assert capsys.readouterr().err == (
        "journeymap: info: a CSV holds the map sheet only, so card channels, owners and notes, emotions, flows, "
        "persona details, milestone success signals, ids are not in it; export .xlsx or save .cjm to keep them\n"
    )
    assert main(["inspect", str(tmp_path / "a.csv"), "--json"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in described["stages"]] == ["Land", "Adoption"]
    assert [p["name"] for p in described["personas"]] == ["SMB", "Enterprise"]
    assert {(t["title"], t["persona"], t["kind"]) for t in described["touchpoints"]} == {
        ("Pricing page", "SMB", "touchpoint"),
        ("Checkout", "SMB", "touchpoint"),
        ("Stuck on import", "SMB", "pain_point"),
        ("Admin training", "Enterprise", "opportunity"),
    }


def test_inspect_a_csv_with_a_fallback_encoding_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "excel.csv", [["Stage", "Café"], ["Touchpoints", "Démo"]], encoding="cp1252")
    assert main(["inspect", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Café" in out and "Démo" in out
    assert "journeymap: warning: excel: is not UTF-8 (first at line 1); read it as Windows-1252" in err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04broken", "is damaged or incomplete"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy .xls or a password-protected workbook"),
        (b"just some words\n", "holds no journey map table"),
    ],
)
def test_bad_spreadsheets_end_in_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    assert main(["convert", str(path), str(tmp_path / "out.cjm")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"journeymap: error: {path}: ") and problem in err
    assert not (tmp_path / "out.cjm").exists()


def test_an_export_failure_names_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journey = small_map()
    journey.update_stage(journey.stage_ids()[0], goal="bell\x07")
    save_cjm(journey, tmp_path / "a.cjm")
    assert main(["convert", str(tmp_path / "a.cjm"), str(tmp_path / "a.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"journeymap: error: {tmp_path / 'a.xlsx'}: Journey map!B4: ") and "U+0007" in err


@pytest.mark.parametrize(("suffix", "loads_openpyxl"), [(".cjm", False), (".csv", False), (".xlsx", True)])
def test_openpyxl_loads_only_for_xlsx(tmp_path: Path, suffix: str, loads_openpyxl: bool) -> None:
    save_cjm(small_map(), tmp_path / "map.cjm")
    if suffix != ".cjm":
        assert main(["convert", str(tmp_path / "map.cjm"), str(tmp_path / f"map{suffix}")]) == 0
    script = (
        "import sys; from journeymap.app.cli import main; "
        f"code = main(['inspect', {str(tmp_path / f'map{suffix}')!r}]); "
        "print(code, 'openpyxl' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.splitlines()[-1] == f"0 {loads_openpyxl}"
