"""The journal: torn tails, replays that never apply twice, entries that can no longer apply, the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.io.errors import MapFileError
from journeymap.model import JournalMark
from journeymap.room.journal import Journal, journal_path, recover, replay_into


def _card(seq: int, title: str) -> dict:
    return {
        "seq": seq,
        "type": "card",
        "id": f"idea-{seq}",
        "title": title,
        "kind": "touchpoint",
        "stage": None,
        "persona": None,
        "author": None,
    }


def test_a_torn_last_line_was_never_acknowledged_and_is_ignored(map_path: Path) -> None:
    journal = Journal.create(map_path)
    journal.append([_card(1, "one"), _card(2, "two")])
    journal.close()
    with open(journal_path(map_path), "ab") as stream:
        stream.write(b'{"seq": 3, "type": "card", "id": "idea-3", "tit')  # the crash came mid-write
    journey, replay = recover(map_path)
    assert replay is not None and replay.applied == 2
    assert [journey.inbox.get(i).title for i in journey.inbox.ids()] == ["one", "two"]
    assert not journal_path(map_path).exists()


def test_a_crash_between_saving_and_deleting_the_journal_applies_nothing_twice(map_path: Path) -> None:
    journal = Journal.create(map_path)
    journal.append([_card(1, "one"), {"seq": 2, "type": "vote", "card": "card-1"}])
    journal.close()
    journey = load_cjm(map_path)
    replay_into(journey, journal_path(map_path))
    assert journey.journal_mark == JournalMark(journal.journal_id, 2)
    save_cjm(journey, map_path)  # ... and the process died before unlinking the journal
    again, replay = recover(map_path)
    assert replay is not None and replay.applied == 0
    assert again.inbox.ids() == ["idea-1"] and again.voting.count("card-1") == 1


def test_entries_that_no_longer_fit_the_map_are_reported_not_applied(map_path: Path) -> None:
    journal = Journal.create(map_path)
    journal.append([{"seq": 1, "type": "vote", "card": "card-99"}, {**_card(2, "hinted"), "stage": "stage-99"}])
    journal.close()
    journey, replay = recover(map_path)
    assert replay is not None and replay.applied == 1
    assert replay.skipped == ["vote entry 1: the card 'card-99' is no longer on the map"]
    assert journey.inbox.get("idea-2").stage is None  # a stage deleted meanwhile: the hint is dropped


def test_a_live_journal_is_locked_against_a_second_room(map_path: Path) -> None:
    journal = Journal.create(map_path)
    journal.append([_card(1, "one")])
    with pytest.raises(MapFileError, match="a room is open on this map"):
        recover(map_path)
    with pytest.raises(MapFileError, match="already exists"):
        Journal.create(map_path)
    journal.close()
    assert recover(map_path)[1].applied == 1


def test_a_file_that_is_not_a_journal_is_refused_with_its_name(map_path: Path) -> None:
    journal_path(map_path).write_text(json.dumps({"hello": 1}) + "\n", encoding="utf-8")
    with pytest.raises(MapFileError) as caught:
        recover(map_path)
    assert str(caught.value).startswith(str(journal_path(map_path)))
