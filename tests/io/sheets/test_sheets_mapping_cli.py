"""``--field``, ``--mapping`` and ``--include-hidden`` on the command line, for convert and inspect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.cjm import load_cjm
from journeymap.io.sheets import Mapping, Target
from journeymap.io.sheets.labels import Field
from tests.io.sheets.files import write_csv

GERMAN_NOTES = [
    ["Phase", "Recherche", "Kauf"],
    ["Kundenstimme", "Zu teuer?", "Endlich!"],
    ["Verantwortung", "Sales", "CS"],
]


def test_field_gives_unknown_labels_a_meaning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "map.csv", GERMAN_NOTES)
    out = tmp_path / "map.cjm"
    assert (
        main(
            [
                "convert",
                str(source),
                str(out),
                "--field",
                "Kundenstimme=thoughts",
                "--field",
                "verantwortung=owner",
                "--field",
                "Phase=stage",
            ]
        )
        == 0
    )
    journey = load_cjm(out)
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Recherche", "Kauf"]
    assert [journey.stage(s).owner for s in journey.stage_ids()] == ["Sales", "CS"]
    assert {journey.card(c).title: journey.card(c).kind.value for c in journey.card_ids()} == {
        "Zu teuer?": "thought",
        "Endlich!": "thought",
    }
    assert '"Kundenstimme" is thoughts' in capsys.readouterr().err


def test_without_a_mapping_an_unclear_sheet_is_refused_in_one_line_naming_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(tmp_path / "meeting.csv", [["Time", "Topic"], ["9:00", "Welcome"]])
    assert main(["inspect", str(source)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith(f"journeymap: error: {source}: ") and '--field "LABEL=FIELD"' in err


def test_a_mapping_file_and_a_field_on_top_of_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "map.csv", GERMAN_NOTES)
    mapping = tmp_path / "mapping.json"
    Mapping({"Kundenstimme": Target(Field.PAIN_POINTS), "Verantwortung": Target(Field.OWNER)}).save(mapping)
    assert main(["inspect", str(source), "--json", "--mapping", str(mapping), "--field", "Kundenstimme=thoughts"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert {c["kind"] for c in described["touchpoints"]} == {"thought"}
    assert [s["owner"] for s in described["stages"]] == ["Sales", "CS"]


@pytest.mark.parametrize(
    ("field", "says"),
    [
        ("Kundenstimme=gaol", "unknown field 'gaol'; use one of stage, goal"),
        ("Nirgendwo=goal", "no cell reads 'Nirgendwo'"),
        ("goal", "write LABEL=FIELD"),
        ("Kundenstimme=goal:SMB", "take a persona"),
    ],
)
def test_a_wrong_field_is_a_usage_error_that_lists_what_is_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, says: str
) -> None:
    source = write_csv(tmp_path / "map.csv", GERMAN_NOTES)
    with pytest.raises(SystemExit) as exited:
        main(["convert", str(source), str(tmp_path / "out.cjm"), "--field", field])
    assert exited.value.code == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "out.cjm").exists()


def test_a_broken_mapping_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "map.csv", GERMAN_NOTES)
    mapping = tmp_path / "mapping.json"
    mapping.write_text("{not json")
    assert main(["inspect", str(source), "--mapping", str(mapping)]) == 1
    assert f"journeymap: error: {mapping}: is not a JSON mapping file" in capsys.readouterr().err
