"""The .cjm file: stable bytes, every template round-trips, bad files fail naming file and place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from journeymap.io.cjm import FORMAT_VERSION, dumps, load_cjm, save_cjm, to_document
from journeymap.io.errors import MapFileError
from journeymap.io.templates import load_template, template_names
from journeymap.model.invariants import check_invariants
from tests.factories import small_map

EXPECTED_TEMPLATES = {"saas-post-sale", "customer-lifecycle", "cs-journey", "awareness-to-advocacy", "cs-led"}


def test_the_five_templates_ship() -> None:
    assert set(template_names()) == EXPECTED_TEMPLATES


@pytest.mark.parametrize("name", sorted(EXPECTED_TEMPLATES))
def test_every_template_is_complete_and_round_trips(name: str, tmp_path: Path) -> None:
    journey = load_template(name)
    check_invariants(journey)
    for stage_id in journey.stage_ids():
        stage = journey.stage(stage_id)
        assert stage.goal and stage.success_criteria and stage.timeline and stage.owner, stage.name
    counts = journey.counts()
    assert counts["cards"] >= 8 and counts["milestones"] >= 2 and counts["flows"] >= 5
    path = tmp_path / f"{name}.cjm"
    save_cjm(journey, path)
    assert to_document(load_cjm(path)) == to_document(journey)
    assert path.read_text(encoding="utf-8") == dumps(journey)


def test_templates_hold_the_stages_of_real_practice() -> None:
    def stages(name: str) -> list[str]:
        journey = load_template(name)
        return [journey.stage(s).name for s in journey.stage_ids()]

    assert stages("saas-post-sale") == [
        "Land",
        "Onboarding and Implementation",
        "Adoption",
        "Advocacy",
        "Expansion",
        "Renewal",
    ]
    assert stages("customer-lifecycle") == [
        "Brand Awareness",
        "Purchase",
        "Onboarding",
        "Adoption",
        "Retention",
        "Expansion",
        "Loyalty",
    ]
    lifecycle = load_template("customer-lifecycle")
    assert [lifecycle.lane(p).name for p in lifecycle.lane_ids()] == ["SMB buyer", "Enterprise buyer"]
    assert all("Success signal" in lifecycle.stage(s).success_criteria for s in lifecycle.stage_ids())
    cs_led = load_template("cs-led")
    assert [cs_led.lane(p).name for p in cs_led.lane_ids()] == ["One-to-one", "One-to-many"]
    assert len(stages("awareness-to-advocacy")) == 4 and len(stages("cs-journey")) == 6
    assert all(
        "department" in load_template("cs-journey").stage(s).owner for s in load_template("cs-journey").stage_ids()
    )


def test_saved_file_is_sorted_utf8_json_with_a_version(tmp_path: Path) -> None:
    journey = small_map()
    journey.update_card(journey.card_ids()[0], title="Ünïcödé Ελληνικά Кириллица 日本")
    path = tmp_path / "map.cjm"
    save_cjm(journey, path)
    raw = path.read_bytes()
    assert "Ελληνικά".encode() in raw, "text is stored as UTF-8, not escaped"
    document = json.loads(raw)
    assert document["version"] == FORMAT_VERSION and document["format"] == "journeymap"
    assert list(document) == sorted(document)
    assert [s["name"] for s in document["stages"]] == ["Land", "Adoption"]


def test_save_replaces_the_file_in_one_rename_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "map.cjm"
    save_cjm(small_map(), path)
    inode_before = path.stat().st_ino
    journey = small_map()
    journey.set_title("Second save")
    save_cjm(journey, path)
    assert load_cjm(path).title == "Second save"
    assert path.stat().st_ino != inode_before, "a new file is renamed over the old one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.cjm"]


def test_a_crash_while_writing_keeps_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.cjm"
    save_cjm(small_map(), path)
    good = path.read_bytes()

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(MapFileError, match="No space left"):
        save_cjm(small_map(), path)
    assert path.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.cjm"]


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "bad.cjm"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _valid() -> dict:
    return to_document(small_map())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not valid JSON"),
        ("{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        ("[1, 2]", "not a journey map"),
        ('{"format": "other"}', "not a journey map file"),
        ('{"format": "journeymap", "version": 99, "title": "x"}', "newer Journey Map Designer"),
        ('{"format": "journeymap", "title": "x"}', "version: missing"),
        ('{"format": "journeymap", "version": 1}', "title: missing field"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not a journey map"),
    ],
)
def test_bad_files_fail_with_the_file_and_problem_named(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(MapFileError, match=message) as caught:
        load_cjm(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d["touchpoints"][0].update(stage="stage-404"), r"touchpoints\[0\]: dangling reference"),
        (lambda d: d["flows"][0].update(to="card-404"), r"flows\[0\]: dangling reference"),
        (lambda d: d["touchpoints"][1].pop("title"), r"touchpoints\[1\].title: missing field"),
        (lambda d: d["touchpoints"][0].update(emotion=7), r"touchpoints\[0\].emotion"),
        (lambda d: d["touchpoints"][0].update(kind="rumour"), r"touchpoints\[0\].kind"),
        (lambda d: d["stages"][1].update(id=d["stages"][0]["id"]), r"stages\[1\]: the id .* already used"),
        (lambda d: d["stages"][0].update(name=5), r"stages\[0\].name: must be text"),
        (lambda d: d.update(stages="Land"), "stages: must be a list"),
    ],
)
def test_damaged_maps_name_the_place(tmp_path: Path, damage, message: str) -> None:
    document = _valid()
    damage(document)
    path = _write(tmp_path, json.dumps(document))
    with pytest.raises(MapFileError, match=message):
        load_cjm(path)


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="no such file"):
        load_cjm(tmp_path / "absent.cjm")
    with pytest.raises(MapFileError, match="folder"):
        load_cjm(tmp_path)
