"""The room's parts of a .cjm file: written only when present, read back exactly, checked with a place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.cjm import dumps, load_cjm, loads, save_cjm, to_document
from journeymap.io.errors import MapFileError
from journeymap.model import JournalMark, Kind, Submission, VoteScope, VotingRound
from journeymap.model.invariants import check_invariants
from tests.factories import small_map


def _roomy_map():
    journey = small_map()
    land, adoption = journey.stage_ids()
    smb, _ = journey.lane_ids()
    journey.inbox.add(Submission("Waiting for the invoice", Kind.PAIN_POINT, land, smb, "Ana"))
    journey.inbox.add(Submission("Ask for a champion"))
    journey.voting.add(journey.card_ids()[2], 4)
    journey.voting.set_round(VotingRound(3, VoteScope.STAGE, adoption))
    journey.journal_mark = JournalMark("abc123", 7)
    return journey


def test_a_map_without_room_parts_saves_the_same_bytes_as_before() -> None:
    text = dumps(small_map())
    for key in ('"inbox"', '"votes"', '"voting"', '"room_journal"'):
        assert key not in text


def test_inbox_votes_round_and_mark_round_trip_deterministically(tmp_path: Path) -> None:
    journey = _roomy_map()
    path = tmp_path / "room.cjm"
    save_cjm(journey, path)
    loaded = load_cjm(path)
    check_invariants(loaded)
    assert to_document(loaded) == to_document(journey)
    assert dumps(loaded) == path.read_text(encoding="utf-8")
    assert loaded.inbox.get("idea-1") == journey.inbox.get("idea-1")
    assert loaded.voting.counts() == {journey.card_ids()[2]: 4}
    assert loaded.voting.round == journey.voting.round
    assert loaded.journal_mark == JournalMark("abc123", 7)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert document["inbox"][0] == {
        "id": "idea-1",
        "title": "Waiting for the invoice",
        "kind": "pain_point",
        "stage": "stage-1",
        "persona": "lane-1",
        "author": "Ana",
    }


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["touchpoints"][0].update(votes=-1), "touchpoints[0].votes"),
        (lambda d: d["touchpoints"][0].update(votes="3"), "touchpoints[0].votes"),
        (lambda d: d.update(inbox={}), "inbox"),
        (lambda d: d["inbox"][0].update(stage="stage-9"), "inbox[0]"),
        (lambda d: d["inbox"][0].update(kind="rumour"), "inbox[0].kind"),
        (lambda d: d["inbox"][0].update(author=5), "inbox[0].author"),
        (lambda d: d["inbox"][1].update(id="idea-1"), "inbox[1]"),
        (lambda d: d["inbox"][0].pop("title"), "inbox[0].title"),
        (lambda d: d["voting"].update(dots=0), "voting"),
        (lambda d: d["voting"].update(scope="most"), "voting.scope"),
        (lambda d: d["voting"].update(stage="stage-9"), "voting.stage"),
        (lambda d: d.update(room_journal={"id": "x"}), "room_journal"),
    ],
)
def test_bad_room_parts_name_the_place(change, place: str) -> None:
    document = to_document(_roomy_map())
    change(document)
    with pytest.raises(MapFileError) as caught:
        loads(json.dumps(document), "map.cjm")
    assert f"map.cjm: {place}" in str(caught.value)


def test_inspect_lists_the_inbox_by_name_and_the_votes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "room.cjm"
    save_cjm(_roomy_map(), path)
    assert main(["inspect", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["inbox"] == [
        {
            "id": "idea-1",
            "title": "Waiting for the invoice",
            "kind": "pain_point",
            "stage": "Land",
            "persona": "SMB",
            "author": "Ana",
        },
        {
            "id": "idea-2",
            "title": "Ask for a champion",
            "kind": "touchpoint",
            "stage": None,
            "persona": None,
            "author": None,
        },
    ]
    assert [t["votes"] for t in data["touchpoints"]] == [0, 0, 4, 0]


def test_the_summary_says_how_many_ideas_wait(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "room.cjm"
    save_cjm(_roomy_map(), path)
    assert main(["inspect", str(path)]) == 0
    assert "Inbox: 2 ideas from the room waiting to be sorted" in capsys.readouterr().out
