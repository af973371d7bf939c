"""Spreadsheet import and export of a 12-stage, 8-lane map with 2,000 cards, beside a bare openpyxl load.

Our import includes every safety check (size, zip directory, defusedxml, limits) and the report.
Figures go to docs/performance.md; there are no timing assertions anywhere.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from journeymap.io.sheets import load_spreadsheet, save_csv, save_xlsx
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint

STAGES, LANES, CARDS = 12, 8, 2_000
WORDS = [
    "call",
    "demo",
    "kickoff",
    "review",
    "onboarding",
    "email",
    "webinar",
    "training",
    "renewal",
    "invoice",
    "admin",
    "sso",
    "import",
    "dashboard",
    "report",
    "champion",
    "sponsor",
    "pilot",
    "trial",
    "upsell",
]


def big_map() -> JourneyMap:
    rng = random.Random(4)
    journey = JourneyMap("Benchmark journey")
    stages = [
        journey.add_stage(
            Stage(
                f"Stage {i + 1}",
                goal=f"Goal {i}",
                success_criteria=f"Signal {i}",
                timeline=f"{i + 1} weeks",
                owner="CS",
            )
        )
        for i in range(STAGES)
    ]
    lanes = [journey.add_lane(Persona(f"Persona {i + 1}", description="A segment")) for i in range(LANES)]
    cards = []
    for i in range(CARDS):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize() + f" {i}"
        card = Touchpoint(
            title,
            channel=rng.choice(["Email", "Call", "In app", "Web"]),
            owner="CSM",
            notes=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))),
            emotion=rng.choice([None, -2, -1, 0, 1, 2]),
            kind=rng.choice(list(Kind)),
        )
        cards.append(journey.add_card(rng.choice(stages), rng.choice(lanes), card))
    for stage in stages:
        journey.add_milestone(stage, Milestone(f"Milestone of {stage}", "signal"))
    for _ in range(200):
        source, target = rng.sample(cards, 2)
        if not journey.has_flow(source, target):
            journey.add_flow(source, target)
    return journey


@pytest.fixture(scope="module")
def journey() -> JourneyMap:
    return big_map()


@pytest.fixture(scope="module")
def exported(journey: JourneyMap, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "big.xlsx"
    save_xlsx(journey, path)
    return path


def test_export_xlsx(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    benchmark(save_xlsx, journey, tmp_path / "out.xlsx")


def test_export_csv(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    benchmark(save_csv, journey, tmp_path / "out.csv")


def test_import_xlsx_ours(benchmark, exported: Path, journey: JourneyMap) -> None:
    result = benchmark(load_spreadsheet, exported)
    assert result.map.counts() == journey.counts()


def test_bare_openpyxl_load_workbook(benchmark, exported: Path) -> None:
    benchmark(openpyxl.load_workbook, exported)


def test_bare_openpyxl_read_only_values(benchmark, exported: Path) -> None:
    def read() -> int:
        workbook = openpyxl.load_workbook(exported, read_only=True, data_only=True)
        count = sum(1 for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for _ in row)
        workbook.close()
        return count

    benchmark(read)


def test_import_map_sheet_only_xlsx(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    """The generic path (orientation scoring, labels, multi-line cells) on the map sheet alone."""
    path = tmp_path / "map-only.xlsx"
    save_xlsx(journey, path)
    workbook = openpyxl.load_workbook(path)
    for name in workbook.sheetnames[1:]:
        del workbook[name]
    workbook.save(path)
    result = benchmark(load_spreadsheet, path)
    assert result.map.counts()["cards"] == CARDS


def test_import_csv(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    path = tmp_path / "map.csv"
    save_csv(journey, path)
    result = benchmark(load_spreadsheet, path)
    assert result.map.counts()["cards"] == CARDS


def _inventory_csv(journey: JourneyMap, path: Path) -> Path:
    """The same 2,000 cards as a one-row-per-touchpoint inventory, as a CS Ops team keeps it."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Stage", "Touchpoint", "Channel", "Owner", "Persona", "Emotion", "Notes"])
        for card_id in journey.card_ids():
            card = journey.card(card_id)
            stage, lane = journey.cell_of(card_id)
            writer.writerow(
                [
                    journey.stage(stage).name,
                    card.title,
                    card.channel,
                    card.owner,
                    journey.lane(lane).name,
                    "" if card.emotion is None else card.emotion,
                    card.notes,
                ]
            )
    return path


def test_import_inventory_csv(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    """The inventory layout: detection, then one card per row with its attributes."""
    path = _inventory_csv(journey, tmp_path / "inventory.csv")
    result = benchmark(load_spreadsheet, path)
    assert result.map.counts()["cards"] == CARDS and len(result.map.stage_ids()) == STAGES


def test_bare_csv_reader_inventory(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    """Baseline for the line above: Python's csv module reading the same file, nothing else."""
    import csv

    path = _inventory_csv(journey, tmp_path / "inventory.csv")

    def read() -> int:
        with path.open(newline="", encoding="utf-8") as stream:
            return sum(len(row) for row in csv.reader(stream))

    benchmark(read)


@pytest.fixture(scope="module")
def map_sheet_only(journey: JourneyMap, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench-other") / "map.xlsx"
    save_xlsx(journey, path)
    workbook = openpyxl.load_workbook(path)
    for name in workbook.sheetnames[1:]:
        del workbook[name]
    workbook.save(path)
    return path


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) makes the .ods and .xls")
@pytest.mark.parametrize("extension", ["ods", "xls"])
def test_import_map_sheet_other_formats(benchmark, map_sheet_only: Path, extension: str, tmp_path: Path) -> None:
    """The map sheet saved by LibreOffice as .ods / .xls, read through python-calamine."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            extension,
            "--outdir",
            str(tmp_path),
            str(map_sheet_only),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = benchmark(load_spreadsheet, tmp_path / f"map.{extension}")
    assert result.map.counts()["stages"] == STAGES
