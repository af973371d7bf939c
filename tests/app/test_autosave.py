"""Autosave: written shortly after changes, removed on save and clean close, found after a crash only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.app.autosave import Autosaver, find_orphans
from journeymap.editing.commands import SetTitleCommand
from journeymap.editing.document import Document
from journeymap.io.cjm import load_cjm
from tests.factories import small_map


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "autosave"
    path.mkdir()
    return path


def _edit(document: Document, title: str = "Edited map") -> None:
    document.push(SetTitleCommand(document.journey, title))


def test_an_edit_is_autosaved_within_a_few_seconds(qtbot, folder: Path, tmp_path: Path) -> None:
    document = Document(small_map(), tmp_path / "workshop.cjm")
    saver = Autosaver(document, folder, delay_ms=200)
    _edit(document)
    assert not saver.map_path.exists()  # debounced: not on every key
    qtbot.waitUntil(saver.map_path.exists, timeout=3000)
    saver.wait()  # written in the background: the map first, then its info
    assert load_cjm(saver.map_path).title == "Edited map"
    info = json.loads(saver.info_path.read_text(encoding="utf-8"))
    assert info["path"] == str(tmp_path / "workshop.cjm")
    saver.close()


def test_saving_removes_the_autosave(qtbot, folder: Path, tmp_path: Path) -> None:
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=10)
    _edit(document)
    saver.save_now()
    assert saver.map_path.exists()
    document.save(tmp_path / "saved.cjm")
    assert not saver.map_path.exists() and not saver.info_path.exists()
    saver.close()


def test_undo_back_to_the_saved_state_removes_it(qtbot, folder: Path) -> None:
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=10)
    _edit(document)
    saver.save_now()
    document.undo_stack.undo()
    saver.save_now()
    assert not saver.map_path.exists()
    saver.close()


def test_a_clean_close_leaves_nothing_to_restore(qtbot, folder: Path) -> None:
    document = Document(small_map())
    saver = Autosaver(document, folder)
    _edit(document)
    saver.save_now()
    saver.close()
    assert list(folder.iterdir()) == []
    assert find_orphans(folder) == []


def test_a_running_session_is_not_offered_to_another_instance(qtbot, folder: Path) -> None:
    document = Document(small_map())
    saver = Autosaver(document, folder)
    _edit(document)
    saver.save_now()
    assert find_orphans(folder) == []  # its lock is held by a live process (this one)
    saver.close()


def test_a_dead_session_is_an_orphan_until_resolved(qtbot, folder: Path) -> None:
    """A crash leaves a map, its info and a lock whose process is gone."""
    document = Document(small_map(), "/maps/workshop.cjm")
    saver = Autosaver(document, folder)
    _edit(document, "Crashed work")
    saver.save_now()
    lock = folder / f"{saver.session}.lock"
    # Stand-in for a dead process: a lock file naming a pid that does not exist.
    saver._lock.unlock()
    lock.write_text("999999999\npython3\n\n", encoding="utf-8")

    orphans = find_orphans(folder)
    assert [o.title for o in orphans] == ["Crashed work"]
    assert orphans[0].original_path == "/maps/workshop.cjm"
    assert orphans[0].load().title == "Crashed work"
    assert find_orphans(folder) == []  # the first finder holds it while the user decides
    orphans[0].release()
    again = find_orphans(folder)
    assert len(again) == 1
    again[0].remove()
    assert list(folder.iterdir()) == []


def test_a_failed_autosave_is_said_in_the_status_bar(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QSettings

    from journeymap.app import autosave
    from journeymap.app.main_window import MainWindow
    from journeymap.io.errors import MapFileError

    def full_disk(path: object, _data: bytes) -> None:
        raise MapFileError(path, "could not be saved (No space left on device)")

    monkeypatch.setattr(autosave, "write_atomic", full_disk)
    window = MainWindow(Document(small_map()), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.autosaver._timer.setInterval(50)
    _edit(window.document)
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage(), timeout=3000)
    assert "No space left on device" in window.statusBar().currentMessage()
    window.document.undo_stack.setClean()


def test_edits_that_never_pause_are_still_autosaved(qtbot, folder: Path) -> None:
    """The countdown restarts with each change, but the first unsaved change sets a deadline."""
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=300, max_wait_ms=900)
    for number in range(40):  # a change every 60 ms, for longer than the maximum wait
        _edit(document, f"Edit {number}")
        qtbot.wait(60)
        if saver.map_path.exists():
            break
    assert saver.map_path.exists(), "the edits never paused, and nothing was written"
    saver.wait()
    assert load_cjm(saver.map_path).title.startswith("Edit ")
    saver.close()


def test_the_write_runs_in_the_background_from_a_snapshot(qtbot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from journeymap.app import autosave

    release = threading.Event()
    written: list[str] = []
    real_write = autosave.write_session

    def slow_write(document, info, map_path, info_path) -> None:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(30)
        real_write(document, info, map_path, info_path)
        written.append(document["title"])

    monkeypatch.setattr(autosave, "write_session", slow_write)
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=10)
    _edit(document, "First")
    saver.save_in_background()
    assert saver.writing  # returned at once: the GUI thread does not wait for the disk
    _edit(document, "Second")  # the room keeps editing while the snapshot is written
    saver.save_in_background()
    qtbot.wait(50)
    assert written == [] and not saver.map_path.exists()
    release.set()
    qtbot.waitUntil(lambda: written == ["First", "Second"], timeout=10_000)
    qtbot.waitUntil(lambda: not saver.writing, timeout=10_000)
    assert load_cjm(saver.map_path).title == "Second"
    saver.close()


def test_a_save_during_a_background_write_leaves_no_stale_autosave(
    qtbot, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from journeymap.app import autosave

    release = threading.Event()
    real_write = autosave.write_session
    monkeypatch.setattr(autosave, "write_session", lambda *args: (release.wait(30), real_write(*args)))
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=10)
    _edit(document)
    saver.save_in_background()
    document.save(tmp_path / "saved.cjm")  # the file is saved while the autosave is being written
    release.set()
    qtbot.waitUntil(lambda: not saver.writing, timeout=10_000)
    assert not saver.map_path.exists() and not saver.info_path.exists()
    saver.close()
