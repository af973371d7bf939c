"""The smaller items of issue 9 (item 13) that live in the app: symlink loops, crashed sessions waiting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.app import crash_restore
from journeymap.app.autosave import Autosaver, find_orphans
from journeymap.editing.commands import SetTitleCommand
from journeymap.editing.document import Document
from tests.factories import small_map


def test_a_symlink_loop_is_one_message_not_two(make_window, dialogs, tmp_path: Path) -> None:
    first, second = tmp_path / "a.cjm", tmp_path / "b.cjm"
    first.symlink_to(second)
    second.symlink_to(first)
    window = make_window()
    assert not window.files.open_path(first)  # raised RuntimeError from the recent-files list before
    assert dialogs.kinds() == ["critical"]
    assert "a.cjm" in dialogs.texts("critical")[0]
    done = subprocess.run(
        [sys.executable, "-m", "journeymap", "inspect", str(first)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr


def _crashed_session(folder: Path, title: str) -> None:
    document = Document(small_map())
    saver = Autosaver(document, folder)
    document.push(SetTitleCommand(document.journey, title))
    saver.save_now()
    saver._lock.unlock()
    (folder / f"{saver.session}.lock").write_text("999999999\npython3\n\n", encoding="utf-8")


def test_the_offer_says_how_many_more_crashed_sessions_wait(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.app.main import _offer_restore

    folder = tmp_path / "crashed"
    folder.mkdir()
    _crashed_session(folder, "Older")
    _crashed_session(folder, "Newer")
    offered = []

    def later(_parent: object, orphan: object) -> crash_restore.RestoreChoice:
        offered.append(crash_restore.waiting_text(orphan))
        return crash_restore.RestoreChoice.LATER

    monkeypatch.setattr(crash_restore, "ask_restore", later)
    window = make_window()
    _offer_restore(window, find_orphans(folder))
    assert len(offered) == 1
    assert "1 older unsaved session waits too" in offered[0]
    assert len(find_orphans(folder)) == 2  # "Later" keeps both for the next start


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_the_app_refuses_a_fifo_at_once(make_window, dialogs, tmp_path: Path) -> None:
    """Item 4: opening a FIFO hung the window; now one message names it."""
    import os

    fifo = tmp_path / "pipe.cjm"
    os.mkfifo(fifo)
    window = make_window()
    assert not window.files.open_path(fifo)
    assert dialogs.kinds() == ["critical"]
    assert "pipe.cjm: is a named pipe (FIFO), not a file" in dialogs.texts("critical")[0]


def test_the_app_names_the_file_of_a_huge_integer(make_window, dialogs, tmp_path: Path) -> None:
    """Item 8: "Something went wrong" before; now the file and the problem."""
    path = tmp_path / "digits.cjm"
    path.write_text('{"format": "journeymap", "version": ' + "9" * 5000 + ', "title": "t"}', encoding="utf-8")
    window = make_window()
    assert not window.files.open_path(path)
    assert dialogs.kinds() == ["critical"]
    assert "digits.cjm: holds a number with more than 4,300 digits" in dialogs.texts("critical")[0]
