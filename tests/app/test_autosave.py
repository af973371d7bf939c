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


def test_an_edit_is_autosaved_within_a_few_seconds(qtbot, folder: Path, tmp_path: Path) -> None:  # noqa: ANN001
    document = Document(small_map(), tmp_path / "workshop.cjm")
    saver = Autosaver(document, folder, delay_ms=200)
    _edit(document)
    assert not saver.map_path.exists()  # debounced: not on every key
    qtbot.waitUntil(saver.map_path.exists, timeout=3000)
    assert load_cjm(saver.map_path).title == "Edited map"
    info = json.loads(saver.info_path.read_text(encoding="utf-8"))
    assert info["path"] == str(tmp_path / "workshop.cjm")
    saver.close()


def test_saving_removes_the_autosave(qtbot, folder: Path, tmp_path: Path) -> None:  # noqa: ANN001
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=10)
    _edit(document)
    saver.save_now()
    assert saver.map_path.exists()
    document.save(tmp_path / "saved.cjm")
    assert not saver.map_path.exists() and not saver.info_path.exists()
    saver.close()


def test_undo_back_to_the_saved_state_removes_it(qtbot, folder: Path) -> None:  # noqa: ANN001
    document = Document(small_map())
    saver = Autosaver(document, folder, delay_ms=10)
    _edit(document)
    saver.save_now()
    document.undo_stack.undo()
    saver.save_now()
    assert not saver.map_path.exists()
    saver.close()


def test_a_clean_close_leaves_nothing_to_restore(qtbot, folder: Path) -> None:  # noqa: ANN001
    document = Document(small_map())
    saver = Autosaver(document, folder)
    _edit(document)
    saver.save_now()
    saver.close()
    assert list(folder.iterdir()) == []
    assert find_orphans(folder) == []


def test_a_running_session_is_not_offered_to_another_instance(qtbot, folder: Path) -> None:  # noqa: ANN001
    document = Document(small_map())
    saver = Autosaver(document, folder)
    _edit(document)
    saver.save_now()
    assert find_orphans(folder) == []  # its lock is held by a live process (this one)
    saver.close()


def test_a_dead_session_is_an_orphan_until_resolved(qtbot, folder: Path) -> None:  # noqa: ANN001
    """A crash leaves a map, its info and a lock whose process is gone."""
    document = Document(small_map(), "/maps/workshop.cjm")
    saver = Autosaver(document, folder)
    _edit(document, "Crashed work")
    saver.save_now()
    lock = folder / f"{saver.session}.lock"
    # Stand-in for a dead process: a lock file naming a pid that does not exist.
    saver._lock.unlock()  # noqa: SLF001
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


def test_a_failed_autosave_is_said_in_the_status_bar(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings

    from journeymap.app import autosave
    from journeymap.app.main_window import MainWindow
    from journeymap.io.errors import MapFileError

    def full_disk(_journey: object, path: object) -> None:
        raise MapFileError(path, "could not be saved (No space left on device)")

    monkeypatch.setattr(autosave, "save_cjm", full_disk)
    window = MainWindow(Document(small_map()), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.autosaver._timer.setInterval(50)
    _edit(window.document)
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage(), timeout=3000)
    assert "No space left on device" in window.statusBar().currentMessage()
    window.document.undo_stack.setClean()
