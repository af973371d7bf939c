"""Our CSV export always imports back, and every difference from the map is named (issue 9 item 5).

Tested through the public ``save_csv`` and ``load_spreadsheet`` only, so the properties keep
holding while the import is rewritten: what the export says the CSV holds is what comes back,
and whatever a CSV cannot hold is absent from the round trip only where a notice names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets import load_spreadsheet, save_csv
from journeymap.io.sheets.csv_fit import fit_for_csv
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint
from tests.io.sheets.test_sheets_export import journey_maps


def held(journey: JourneyMap) -> dict[str, Any]:
    """Everything of a map a CSV is meant to hold: no ids, no card details, no flows."""
    stages, lanes = journey.stage_ids(), journey.lane_ids()
    place = {m: journey.milestone_place(m) for m in journey.milestone_ids()}
    return {
        "title": journey.title,
        "stages": [
            [getattr(journey.stage(s), f) for f in ("name", "goal", "success_criteria", "timeline", "owner")]
            for s in stages
        ],
        "lanes": [journey.lane(p).name for p in lanes],
        "cards": [
            [[(journey.card(c).title, journey.card(c).kind.value) for c in journey.cards_in(s, p)] for s in stages]
            for p in lanes
        ],
        # Per stage and lane, in order: a CSV has no order of milestones across stages.
        "lane milestones": [
            [[journey.milestone(m).title for m in place if place[m] == (s, p)] for s in stages] for p in lanes
        ],
        "milestones": [[journey.milestone(m).title for m in place if place[m] == (s, None)] for s in stages],
    }


# Which part of the map a difference is in -> a word its notice must use.
_NAMED_BY = {
    "title": ("title",),
    "stages": ("stage",),
    "lanes": ("lane",),
    "cards": ("card", "lane"),
    "lane milestones": ("milestone", "lane"),
    "milestones": ("milestone",),
}


def _unnamed_differences(original: dict[str, Any], exported: dict[str, Any], notices: list[Notice]) -> list[str]:
    text = " ".join(str(n) for n in notices if n.severity is Severity.WARNING)
    return [
        part
        for part, words in _NAMED_BY.items()
        if original[part] != exported[part] and not any(word in text for word in words)
    ]


def _round_trip(journey: JourneyMap, folder: Path) -> None:
    path = folder / "map.csv"
    if not journey.stage_ids():
        with pytest.raises(MapFileError, match="has no stages"):
            save_csv(journey, path)
        return
    notices = save_csv(journey, path)
    result = load_spreadsheet(path)
    expected = held(fit_for_csv(journey, path).journey)
    if not expected["title"]:
        expected["title"] = "map"  # named after the file, as the notice says
    assert held(result.map) == expected
    assert not [str(n) for n in result.notices if n.severity is Severity.WARNING]
    original = held(journey)
    assert _unnamed_differences(original, expected, notices) == []


def _map(*lanes: tuple[str, list[str]], stage: str = "Land", title: str = "T") -> JourneyMap:
    journey = JourneyMap(title)
    stage_id = journey.add_stage(Stage(stage))
    for name, cards in lanes:
        lane = journey.add_lane(Persona(name))
        for card in cards:
            journey.add_card(stage_id, lane, Touchpoint(card))
    return journey


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
@example(_map(("SMB", ["two\nlines", " lead", "trail ", "\u00a0nbsp", "a\u2028b", "\ttab", ""])))
@example(_map(("SMB", ["a"]), ("SMB", ["b"]), ("Empty", []), ("", ["c"])))
@example(_map(("SMB", ["x"]), stage="", title=""))
@example(_map(("S\nB", ["x"]), stage=" Land "))
@example(_map(("Total", ["x"]), ("=SUM(A1:A3)", ["y"]), ("w" * 130, ["z"]), ("S  B", ["v"])))
def test_the_csv_export_imports_back_as_it_says(tmp_path_factory: pytest.TempPathFactory, journey: JourneyMap) -> None:
    _round_trip(journey, tmp_path_factory.mktemp("csv"))


def test_each_change_is_named_case_by_case(tmp_path: Path) -> None:
    journey = _map(("SMB", ["two\nlines", " padded ", ""]), ("SMB", ["b"]), ("Empty", []), stage="")
    journey.add_milestone(journey.stage_ids()[0], Milestone("m\nm"), journey.lane_ids()[0])
    notices = [str(n) for n in save_csv(journey, tmp_path / "map.csv")]
    assert any("title(s) hold line breaks" in n and "written on one line" in n for n in notices), notices
    assert any("begin or end with spaces or tabs, which a CSV import trims" in n for n in notices), notices
    assert any("without a title are left out" in n for n in notices), notices
    assert any("lanes with the same name" in n and "“SMB”" in n for n in notices), notices
    assert any("lanes without cards or milestones are not in a CSV" in n and "“Empty”" in n for n in notices)
    assert any("stages without a name get one" in n and "“Stage 1”" in n for n in notices), notices
    result = load_spreadsheet(tmp_path / "map.csv")
    imported = result.map
    assert [imported.stage(s).name for s in imported.stage_ids()] == ["Stage 1"]
    assert [imported.lane(p).name for p in imported.lane_ids()] == ["SMB"]
    assert [imported.card(c).title for c in imported.card_ids()] == ["two lines", "padded", "b"]
    assert [imported.milestone(m).title for m in imported.milestone_ids()] == ["m m"]


def test_a_map_whose_csv_loses_nothing_says_only_what_csv_never_holds(tmp_path: Path) -> None:
    journey = _map(("SMB", ["Kickoff", "Demo"]))
    journey.add_card(journey.stage_ids()[0], journey.lane_ids()[0], Touchpoint("Slow import", kind=Kind.PAIN_POINT))
    notices = save_csv(journey, tmp_path / "map.csv")
    assert [n.severity for n in notices] == [Severity.INFO]  # ids only
    assert "ids" in str(notices[0])
