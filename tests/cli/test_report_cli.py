"""``journeymap report``: the analysis as JSON for scripts and as a Markdown page for a wiki."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.cjm import save_cjm
from journeymap.io.formats import write_map
from journeymap.model import JourneyMap
from tests.factories import small_map


def _ids(journey: JourneyMap) -> dict[str, str]:
    return {journey.card(c).title: c for c in journey.card_ids()}


@pytest.fixture
def journey() -> JourneyMap:
    """The small map with owners on the arrowed cards: Growth -> Sales -> Support."""
    journey = small_map()
    ids = _ids(journey)
    journey.update_card(ids["Checkout"], owner="Sales")
    journey.update_card(ids["Stuck on import"], owner="support ")
    return journey


@pytest.fixture
def map_file(tmp_path: Path, journey: JourneyMap) -> Path:
    path = tmp_path / "map.cjm"
    save_cjm(journey, path)
    return path


def test_report_json_is_the_documented_document(
    map_file: Path, journey: JourneyMap, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(map_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = _ids(journey)
    assert data == {
        "curve": {
            "SMB": [{"stage": "Land", "mean": 1.0, "count": 1}, {"stage": "Adoption", "mean": -2.0, "count": 1}],
            "Enterprise": [
                {"stage": "Land", "mean": None, "count": 0},
                {"stage": "Adoption", "mean": None, "count": 0},
            ],
        },
        "handoffs": {
            "stages": [{"from_stage": "Land", "to_stage": "Adoption", "from_owner": "AE", "to_owner": "CSM"}],
            "flows": [
                {
                    "from": ids["Pricing page"],
                    "to": ids["Checkout"],
                    "from_owner": "Growth",
                    "to_owner": "Sales",
                    "persona": "SMB",
                    "emotion": None,
                },
                {
                    "from": ids["Checkout"],
                    "to": ids["Stuck on import"],
                    "from_owner": "Sales",
                    "to_owner": "support",
                    "persona": "SMB",
                    "emotion": -2,
                },
            ],
        },
        "gaps": {
            "empty_cells": [{"stage": "Land", "persona": "Enterprise"}],
            "stage_fields_missing": [{"stage": "Adoption", "fields": ["success_criteria"]}],
            "unanswered_pain_points": [ids["Stuck on import"]],
            "cards_missing": [
                {"id": ids["Checkout"], "fields": ["channel"]},
                {"id": ids["Stuck on import"], "fields": ["channel"]},
                {"id": ids["Admin training"], "fields": ["channel", "owner"]},
            ],
        },
        "timeline": [
            {"stage": "Land", "text": "2-4 weeks", "days_min": 14, "days_max": 28, "start_min": 0, "start_max": 0},
            {
                "stage": "Adoption",
                "text": "30-60 days",
                "days_min": 30,
                "days_max": 60,
                "start_min": 14,
                "start_max": 28,
            },
        ],
    }


def test_report_markdown_is_a_page_with_each_finding(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(map_file), "--markdown"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("# Workshop map: journey report\n")
    for heading in ("## Experience curve", "## Handoffs", "## Gaps", "## Timeline"):
        assert f"\n{heading}\n" in page
    assert "| Persona | Land | Adoption |" in page
    assert "| SMB | +1 (1) | −2 (1) |" in page
    assert "| Enterprise | – | – |" in page
    assert "| ⚠ Stage | Land | Adoption | AE → CSM | SMB | −2 |" in page
    assert "| Stage | Land | Adoption | AE → CSM | Enterprise | – |" in page
    assert "| Arrow | Pricing page | Checkout | Growth → Sales | SMB | – |" in page
    assert "| ⚠ Arrow | Checkout | Stuck on import | Sales → support | SMB | −2 |" in page
    assert "- Land × Enterprise" in page
    assert "- Adoption: success criteria" in page
    assert "- Stuck on import (Adoption, SMB)" in page
    assert "| Adoption | 30-60 days | 30-60 days | 14-28 days |" in page
    assert "The whole journey: 44-88 days." in page
    # Without an option the page is Markdown too.
    assert main(["report", str(map_file)]) == 0
    assert capsys.readouterr().out == page


def test_report_reads_spreadsheets_too(tmp_path: Path, journey: JourneyMap, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "map.xlsx"
    write_map(journey, sheet)
    assert main(["report", str(sheet), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["handoffs"]["stages"] == [
        {"from_stage": "Land", "to_stage": "Adoption", "from_owner": "AE", "to_owner": "CSM"}
    ]
    assert data["curve"]["SMB"][1] == {"stage": "Adoption", "mean": -2.0, "count": 1}


def test_report_on_a_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.cjm"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["report", str(bad), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("journeymap: error: ") and str(bad) in err and err.count("\n") == 1


def test_json_and_markdown_cannot_both_be_asked(map_file: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report", str(map_file), "--json", "--markdown"])
    assert caught.value.code == 2


def test_report_runs_without_importing_qt(map_file: Path) -> None:
    script = (
        "import sys\n"
        "from journeymap.app.cli import main\n"
        f"status = main(['report', {str(map_file)!r}, '--json'])\n"
        "heavy = sorted(m for m in ('PySide6', 'reportlab') if m in sys.modules)\n"
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
    assert json.loads(done.stdout)["timeline"][0]["stage"] == "Land"
