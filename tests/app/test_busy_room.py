"""A busy room loses at most a few seconds of work, shown with real processes (issue 9 item 1, 10).

The child is the real program offscreen; its test script edits the map on a timer, as a room
calling out ideas does, and prints each edit's number. The test kills it (SIGKILL) mid-burst, or
ends it with SIGTERM, and reads what is on disk.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from journeymap.app.autosave import find_orphans
from journeymap.io.cjm import load_cjm, save_cjm
from tests.app.test_crash_restore import Child
from tests.factories import small_map

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signals are POSIX")

BURST_SCRIPT = """
from PySide6.QtCore import QTimer
from journeymap.editing.commands import SetTitleCommand

def on_window(window):
    state = {"n": 0}

    def edit():
        state["n"] += 1
        window.document.push(SetTitleCommand(window.document.journey, f"Edit {state['n']}"))
        print(state["n"], flush=True)

    timer = QTimer(window)
    timer.timeout.connect(edit)
    timer.start(300)  # one change every 0.3 s: the autosave's 2 s pause never comes
"""


def _edits_seen(child: Child, until: int) -> int:
    """Read the child's edit numbers until ``until`` have been made; returns the last."""
    assert child.process.stdout is not None
    last = 0
    while last < until:
        line = child.process.stdout.readline()
        assert line, child.process.stderr.read() if child.process.stderr else "child exited"
        last = int(line)
    return last


def _autosaves(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data" / "autosave"
    return sorted(folder.glob("*.cjm")) if folder.exists() else []


def test_a_room_that_never_pauses_loses_at_most_seconds(tmp_path: Path) -> None:
    original = tmp_path / "workshop.cjm"
    save_cjm(small_map(), original)
    child = Child(tmp_path, "busy", BURST_SCRIPT, str(original))
    try:
        last = _edits_seen(child, 25)  # 7.5 s of edits, never 2 s apart
        child.process.send_signal(signal.SIGKILL)
        child.process.communicate(timeout=30)
    finally:
        if child.process.poll() is None:
            child.process.kill()
            child.process.communicate(timeout=30)
    saved = _autosaves(tmp_path)
    assert saved, "no autosave: every edit of the burst was lost"
    number = int(load_cjm(saved[0]).title.removeprefix("Edit "))
    # The maximum wait is 3.5 s (12 edits) plus the write: a little more on a loaded machine.
    assert number >= last - 20, f"autosave holds edit {number} of {last}"


def test_sigterm_keeps_unsaved_work_for_the_next_start_and_leaves_no_temp_files(tmp_path: Path) -> None:
    original = tmp_path / "workshop.cjm"
    save_cjm(small_map(), original)
    child = Child(tmp_path, "terminated", BURST_SCRIPT, str(original))
    try:
        last = _edits_seen(child, 3)
        child.process.send_signal(signal.SIGTERM)
        _out, err = child.process.communicate(timeout=60)
    finally:
        if child.process.poll() is None:
            child.process.kill()
            child.process.communicate(timeout=30)
    assert child.process.returncode == 143, err
    assert "Traceback" not in err, err
    saved = _autosaves(tmp_path)
    assert len(saved) == 1
    assert int(load_cjm(saved[0]).title.removeprefix("Edit ")) >= last
    assert not [p for p in tmp_path.rglob("*.tmp")]
    assert load_cjm(original).title == small_map().title  # nothing was saved without asking
    orphans = find_orphans(tmp_path / "data" / "autosave")  # what the next start offers
    assert [o.original_path for o in orphans] == [str(original)]
    orphans[0].release()
