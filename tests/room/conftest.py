from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymap.io.cjm import save_cjm
from journeymap.room.host import RoomHost
from tests.factories import small_map


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.cjm"
    save_cjm(small_map(), path)
    return path


@pytest.fixture
def room(map_path: Path) -> Iterator[RoomHost]:
    from journeymap.io.cjm import load_cjm

    host = RoomHost(load_cjm(map_path), map_path, max_participants=5, cards_per_minute=20)
    host.open()
    yield host
    host.close()
