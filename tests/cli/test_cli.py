"""The command line contract that scripts and checks rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.cjm import load_cjm, save_cjm, to_document
from journeymap.io.templates import load_template, template_names
from tests.factories import small_map


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.cjm"
    save_cjm(small_map(), path)
    return path


def test_templates_lists_every_template_with_its_stages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    for name in template_names():
        assert name in out
    assert "Land, Onboarding and Implementation, Adoption" in out


def test_new_writes_a_map_from_a_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new.cjm"
    assert main(["new", "--template", "cs-led", "-o", str(out)]) == 0
    assert to_document(load_cjm(out)) == to_document(load_template("cs-led"))


def test_new_with_an_unknown_template_names_the_choices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--template", "nope", "-o", str(tmp_path / "x.cjm")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("journeymap: error: nope: no such template") and "saas-post-sale" in err
    assert not (tmp_path / "x.cjm").exists()


def test_inspect_json_has_the_documented_keys(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(map_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Workshop map"
    assert [s["name"] for s in data["stages"]] == ["Land", "Adoption"]
    assert set(data["stages"][0]) >= {"id", "name", "goal", "success_criteria", "timeline", "owner"}
    assert [p["name"] for p in data["personas"]] == ["SMB", "Enterprise"]
    first = data["touchpoints"][0]
    assert set(first) >= {"id", "title", "stage", "persona", "channel", "owner", "kind", "emotion"}
    assert (first["title"], first["stage"], first["persona"], first["emotion"]) == ("Pricing page", "Land", "SMB", 1)
    # Lane order first, then stage order, then order in the cell.
    assert [t["title"] for t in data["touchpoints"]] == [
        "Pricing page",
        "Checkout",
        "Stuck on import",
        "Admin training",
    ]
    assert {t["kind"] for t in data["touchpoints"]} == {"touchpoint", "pain_point", "opportunity"}
    assert data["touchpoints"][3]["emotion"] is None
    milestones = {m["title"]: m for m in data["milestones"]}
    assert milestones["5 users added"]["persona"] is None
    assert milestones["Contract signed"]["persona"] == "SMB"
    ids = [t["id"] for t in data["touchpoints"]]
    assert data["flows"] == [{"from": ids[0], "to": ids[1]}, {"from": ids[1], "to": ids[2]}]


def test_inspect_without_json_prints_a_readable_summary(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(map_file)]) == 0
    out = capsys.readouterr().out
    assert "2 stages, 2 lanes, 4 cards, 2 milestones, 2 flows" in out
    assert "1. Land" in out and "SMB: Pricing page; Checkout" in out


def test_convert_cjm_to_cjm(map_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.cjm"
    assert main(["convert", str(map_file), str(out)]) == 0
    assert out.read_bytes() == map_file.read_bytes()


def test_unsupported_conversion_says_what_is_supported(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(map_file), str(tmp_path / "out.docx")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("journeymap: error: ") and "cannot write .docx" in err and ".cjm" in err
    assert "\n" not in err


@pytest.mark.parametrize("content", ["{broken", '{"format": "journeymap", "version": 1, "title": 3}'])
def test_bad_input_is_one_line_and_status_1(tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.cjm"
    bad.write_text(content)
    assert main(["inspect", str(bad), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"journeymap: error: {bad}: ")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["inspect"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["convert", "a.cjm"])
    assert caught.value.code == 2


def test_options_that_do_not_apply_are_refused(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(map_file), str(tmp_path / "x.cjm"), "--dpi", "300"]) == 1
    assert "--dpi does not apply" in capsys.readouterr().err


def test_headless_commands_run_as_a_module_without_importing_qt_or_heavy_libraries(map_file: Path) -> None:
    script = (
        "import sys\n"
        "from journeymap.app.cli import main\n"
        f"status = main(['inspect', {str(map_file)!r}, '--json'])\n"
        "heavy = sorted(m for m in ('PySide6', 'openpyxl', 'reportlab') if m in sys.modules)\n"
        "print('LOADED', heavy, file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr
    assert json.loads(done.stdout)["title"] == "Workshop map"


def test_python_dash_m_journeymap_runs_the_same_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "journeymap", "templates"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "cs-led" in done.stdout


def test_inspect_counts_read_as_people_write_them(tmp_path, capsys) -> None:
    from journeymap.io.cjm import save_cjm
    from journeymap.model import JourneyMap, Stage, Touchpoint

    journey = JourneyMap("One of each")
    stage = journey.add_stage(Stage("Land"))
    lane = journey.add_lane("SMB")
    journey.add_card(stage, lane, Touchpoint("Call"))
    save_cjm(journey, tmp_path / "one.cjm")
    assert main(["inspect", str(tmp_path / "one.cjm")]) == 0
    assert "1 stage, 1 lane, 1 card, 0 milestones, 0 flows" in capsys.readouterr().out


def test_a_binary_file_says_to_save_the_sheet_again(tmp_path, capsys) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"GIF89a\x00\x01\x02" * 10)
    assert main(["inspect", str(path)]) == 1
    assert "save the sheet as .xlsx or .csv" in capsys.readouterr().err
