"""Hostile bodies, generated: whatever a phone sends, the room answers 201 or a 4xx with a reason, never
a server error, and the journal holds exactly the cards it acknowledged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.io.cjm import load_cjm
from journeymap.room.host import RoomHost
from journeymap.room.journal import journal_path, read_entries
from tests.room.phone import Phone

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)
bodies = st.dictionaries(
    st.sampled_from(["title", "kind", "stage", "persona", "author", "client_id", "x"]),
    json_values | st.text(max_size=300),
    max_size=6,
)


@pytest.fixture(scope="module")
def open_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoomHost]:
    from journeymap.io.cjm import save_cjm
    from tests.factories import small_map

    path = tmp_path_factory.mktemp("hostile") / "map.cjm"
    save_cjm(small_map(), path)
    host = RoomHost(load_cjm(path), path, max_participants=1000, cards_per_minute=1000)
    host.open()
    yield host
    host.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_no_body_breaks_the_room(open_room: RoomHost, body: dict) -> None:
    phone = Phone(open_room.url)
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    status, answer, _ = phone.request("POST", "api/cards", raw=raw)
    assert status in (201, 400), (status, answer)
    if status == 400:
        assert answer["error"]
    else:
        _, entries = read_entries(Path(journal_path(open_room.map_path)))
        assert entries[-1]["id"] == answer["id"]
        assert len(entries[-1]["title"]) <= 200
