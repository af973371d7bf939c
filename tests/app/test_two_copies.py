"""Two copies of the app on one map (issue 9 item 2): the later Save asks, the second Open says so."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from journeymap.app import disk_conflict
from journeymap.app.disk_conflict import Conflict
from journeymap.app.disk_guard import lock_path
from journeymap.editing.commands import SetTitleCommand
from journeymap.io.cjm import load_cjm, save_cjm
from tests.app.test_crash_restore import Child
from tests.factories import small_map

Button = QMessageBox.StandardButton


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.cjm"
    save_cjm(small_map(), path)
    return path


class Asked(list):
    """The names the changed-on-disk question was asked about; ``answers`` queues the replies."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[Conflict] = []

    def __call__(self, _parent: object, name: str) -> Conflict:
        self.append(name)
        return self.answers.pop(0) if self.answers else Conflict.CANCEL


@pytest.fixture
def conflicts(monkeypatch: pytest.MonkeyPatch) -> Asked:
    asked = Asked()
    monkeypatch.setattr(disk_conflict, "ask_disk_conflict", asked)
    return asked


def _opened(make_window, path: Path):
    window = make_window()
    assert window.files.open_path(path)
    return window


def _other_copy_saves(path: Path, title: str) -> None:
    journey = small_map()
    journey.set_title(title)
    save_cjm(journey, path)  # atomic, as every copy of the app saves: a new file under the name


def _edit(window, title: str = "Edited here") -> None:
    window.document.push(SetTitleCommand(window.document.journey, title))


@pytest.mark.parametrize("answer", [Conflict.CANCEL, Conflict.OVERWRITE])
def test_save_asks_when_another_copy_saved_the_file(make_window, conflicts, map_file: Path, answer: Conflict) -> None:
    window = _opened(make_window, map_file)
    _other_copy_saves(map_file, "Saved by the other copy")
    _edit(window)
    conflicts.answers.append(answer)
    saved = window.files.save()
    assert conflicts == ["workshop.cjm"]
    if answer is Conflict.CANCEL:
        assert not saved and window.document.is_modified
        assert load_cjm(map_file).title == "Saved by the other copy"
    else:
        assert saved and not window.document.is_modified
        assert load_cjm(map_file).title == "Edited here"
        _edit(window, "Edited again")
        assert window.files.save()  # our own save is not someone else's change
        assert conflicts == ["workshop.cjm"]


def test_reload_shows_the_file_as_it_is_now(make_window, conflicts, map_file: Path) -> None:
    window = _opened(make_window, map_file)
    _other_copy_saves(map_file, "Saved by the other copy")
    _edit(window)
    conflicts.answers.append(Conflict.RELOAD)
    assert not window.files.save()
    assert window.document.journey.title == "Saved by the other copy"
    assert not window.document.is_modified
    _edit(window)
    assert window.files.save()  # reloaded: the file is ours to save again
    assert load_cjm(map_file).title == "Edited here"


def test_save_as_keeps_both(make_window, conflicts, dialogs, map_file: Path, tmp_path: Path) -> None:
    window = _opened(make_window, map_file)
    _other_copy_saves(map_file, "Saved by the other copy")
    _edit(window)
    conflicts.answers.append(Conflict.SAVE_AS)
    dialogs.files.append(str(tmp_path / "mine.cjm"))
    assert window.files.save()
    assert load_cjm(map_file).title == "Saved by the other copy"
    assert load_cjm(tmp_path / "mine.cjm").title == "Edited here"


def test_an_unchanged_file_saves_without_a_question(make_window, conflicts, map_file: Path) -> None:
    window = _opened(make_window, map_file)
    _edit(window)
    assert window.files.save()
    assert conflicts == []


def test_a_read_only_map_is_refused_with_a_message(make_window, dialogs, map_file: Path) -> None:
    window = _opened(make_window, map_file)
    map_file.chmod(0o444)
    _edit(window)
    assert not window.files.save()
    assert "is read-only" in dialogs.texts("critical")[0]
    assert load_cjm(map_file).title == small_map().title


HOLD_SCRIPT = """
def on_window(window):
    print("open", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_opening_a_map_another_instance_has_open_says_so(make_window, dialogs, map_file: Path, tmp_path: Path) -> None:
    other = Child(tmp_path, "other", HOLD_SCRIPT, str(map_file))
    try:
        assert other.process.stdout is not None and other.process.stdout.readline().strip() == "open"
        assert lock_path(map_file).exists()
        window = make_window()
        dialogs.answers.append(Button.Cancel)
        assert not window.files.open_path(map_file)
        text = dialogs.texts("warning")[0]
        assert "workshop.cjm" in text and f"process {other.process.pid}" in text
        dialogs.answers.append(Button.Open)
        assert window.files.open_path(map_file)
        assert window.document.path == map_file
    finally:
        other.process.send_signal(signal.SIGKILL)
        other.process.communicate(timeout=30)
    # A copy that died holds nothing: the next open asks no question.
    second = make_window()
    calls = len(dialogs.calls)
    assert second.files.open_path(map_file)
    assert dialogs.calls[calls:] == []


def test_a_clean_close_removes_the_lock(make_window, map_file: Path) -> None:
    window = _opened(make_window, map_file)
    assert lock_path(map_file).exists()
    assert window.close()
    assert not lock_path(map_file).exists()


WARNED_SCRIPT = """
import json, os
from PySide6.QtWidgets import QApplication, QMessageBox

warnings = []
QMessageBox.warning = lambda parent, title, text, *args, **kwargs: warnings.append(text)

def on_window(window):
    with open(os.environ["RESULT_FILE"], "w", encoding="utf-8") as stream:
        json.dump({"warnings": warnings}, stream)
    window.document.undo_stack.setClean()
    QApplication.instance().quit()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_starting_on_a_map_another_instance_has_open_says_so(map_file: Path, tmp_path: Path) -> None:
    other = Child(tmp_path, "other", HOLD_SCRIPT, str(map_file))
    try:
        assert other.process.stdout is not None and other.process.stdout.readline().strip() == "open"
        second = Child(tmp_path, "second", WARNED_SCRIPT, str(map_file))
        report = second.finish()
    finally:
        other.process.send_signal(signal.SIGKILL)
        other.process.communicate(timeout=30)
    assert len(report["warnings"]) == 1
    assert "workshop.cjm" in report["warnings"][0] and f"process {other.process.pid}" in report["warnings"][0]
