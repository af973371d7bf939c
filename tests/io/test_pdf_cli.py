"""``journeymap convert MAP OUT.pdf`` with the poster options, through the real CLI entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.app.cli import main
from journeymap.io.cjm import save_cjm
from journeymap.io.pdf.paper import MM
from tests.factories import small_map


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.cjm"
    save_cjm(small_map(), path)
    return path


def test_convert_to_a_landscape_a1_poster(map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "poster.pdf"
    assert main(["convert", str(map_file), str(out), "--paper", "A1", "--landscape", "--margin", "10"]) == 0
    page = PdfReader(out).pages[0]
    assert (float(page.mediabox.width) / MM, float(page.mediabox.height) / MM) == (
        pytest.approx(841, abs=0.1),
        pytest.approx(594, abs=0.1),
    )
    assert "journeymap: info: poster on A1 (841 x 594 mm) landscape" in capsys.readouterr().err


def test_convert_tiled_on_a4_with_overlap(map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tiled.pdf"
    assert main(["convert", str(map_file), str(out), "--paper", "A2", "--tile", "A4", "--overlap", "15"]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) > 2
    assert "15 mm overlap" in " ".join(reader.pages[0].extract_text().split())
    assert "sheets of A4" in capsys.readouterr().err


def test_convert_at_a_chosen_scale(map_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "scaled.pdf"
    assert main(["convert", str(map_file), str(out), "--scale", "2", "--margin", "0"]) == 0
    half = tmp_path / "half.pdf"
    assert main(["convert", str(map_file), str(half), "--scale", "1", "--margin", "0"]) == 0
    big, small = PdfReader(out).pages[0].mediabox, PdfReader(half).pages[0].mediabox
    assert float(big.width) == pytest.approx(2 * float(small.width))


def test_a_page_over_200_inches_is_one_error_line(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "huge.pdf"
    assert main(["convert", str(map_file), str(out), "--paper", "5200x900mm"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"journeymap: error: {out}: ")
    assert "200 in" in err[0]
    assert not out.exists()


def test_an_unknown_tile_paper_is_an_error(map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(map_file), str(tmp_path / "x.pdf"), "--tile", "A1"]) == 1
    assert "tiles are printed on A4, Letter, A3" in capsys.readouterr().err


def test_a_scale_too_large_for_the_paper_is_an_error(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(map_file), str(tmp_path / "x.pdf"), "--paper", "A4", "--scale", "5"]) == 1
    assert "does not fit A4" in capsys.readouterr().err


def test_illegible_text_is_a_warning_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journey = small_map()
    lane = journey.lane_ids()[0]
    for index in range(8):
        stage = journey.add_stage(f"Extra {index}")
        journey.add_card(stage, lane, "Card")
    path = tmp_path / "wide.cjm"
    save_cjm(journey, path)
    assert main(["convert", str(path), str(tmp_path / "wide.pdf"), "--paper", "A4"]) == 0
    err = capsys.readouterr().err
    assert "journeymap: warning: the smallest text" in err
    assert "or larger would print it at" in err


@pytest.mark.parametrize("extension", [".csv", ".xlsx"])
def test_convert_a_spreadsheet_to_a_poster(tmp_path: Path, extension: str) -> None:
    from journeymap.io.formats import write_map

    sheet = tmp_path / f"workshop{extension}"
    write_map(small_map(), sheet)
    out = tmp_path / "poster.pdf"
    assert main(["convert", str(sheet), str(out), "--paper", "A3"]) == 0
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    for name in ("Land", "Adoption", "Pricing page", "Stuck on import"):
        assert name in text
