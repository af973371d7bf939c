"""``journeymap room MAP.cjm``: the room without a window, for scripts, tests and a laptop without a projector.

Submissions are journaled by the server as they arrive; this loop brings them into the map and saves
it atomically once the room has been quiet for a moment, and at least every few seconds while phones
keep sending. SIGINT and SIGTERM close the room, save a last time and delete the journal.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import TextIO

from journeymap.io.cjm import save_cjm
from journeymap.model import VotingRound
from journeymap.room.host import RoomHost
from journeymap.room.journal import recover

IDLE_SECONDS = 0.5  # quiet this long: save
MAX_UNSAVED_SECONDS = 3.0  # under load, save at least this often


def run_headless(
    map_path: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 0,
    dots: int | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    journey, replay = recover(map_path)
    if replay is not None:
        print(
            f"journeymap: note: {map_path}: brought {replay.applied} entries of an unfinished room into the map",
            file=err,
        )
        for problem in replay.skipped:
            print(f"journeymap: warning: {map_path}: journal {problem}", file=err)
    if dots is not None:
        journey.voting.set_round(VotingRound(dots))
    wake, stop = threading.Event(), threading.Event()
    room = RoomHost(journey, map_path, host, port, notify=wake.set)
    url = room.open()

    def stop_room() -> None:
        stop.set()
        wake.set()

    restore = _on_signals(stop_room)
    try:
        save_cjm(journey, map_path)  # the mark and any --vote round are on disk from the start
        print(f"Room open at {url}", file=out, flush=True)
        _serve(room, wake, stop)
    finally:
        restore()
        room.close()
        save_cjm(journey, map_path)
        room.discard_journal()
    print(f"journeymap: room closed; {map_path} holds {len(journey.inbox)} ideas in its inbox", file=err)
    return 0


def _serve(room: RoomHost, wake: threading.Event, stop: threading.Event) -> None:
    unsaved_since: float | None = None
    last_arrival = 0.0
    while not stop.is_set():
        wake.wait(IDLE_SECONDS)
        wake.clear()
        now = time.monotonic()
        if room.take_arrivals():
            last_arrival = now
            unsaved_since = unsaved_since or now
        if unsaved_since is not None and (
            now - last_arrival >= IDLE_SECONDS or now - unsaved_since >= MAX_UNSAVED_SECONDS
        ):
            save_cjm(room.journey, room.map_path)
            unsaved_since = None


def _on_signals(handler: Callable[[], object]) -> Callable[[], None]:
    """Route SIGINT and SIGTERM to ``handler``; returns what puts the old handlers back."""

    def handle(_signum: int, _frame: FrameType | None) -> None:
        handler()

    old = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, previous in old.items():
            signal.signal(sig, previous)

    return restore
