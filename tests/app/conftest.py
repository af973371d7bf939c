"""App tests never touch the user's real settings or data folder: both go to the test's tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    QStandardPaths.setTestModeEnabled(True)
    data = tmp_path / "data"
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(data))
    monkeypatch.setenv("JOURNEYMAP_SETTINGS", str(tmp_path / "settings.ini"))
    yield data


class Dialogs:
    """Stands in for the user at every message box and file dialog, so no test ever blocks.

    ``answers`` holds the button the next warning/question returns; ``files`` the paths the next
    file dialogs return. Every call is recorded with its title and text, for tests to assert on.
    """

    def __init__(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.calls: list[tuple[str, str, str]] = []
        self.answers: list[QMessageBox.StandardButton] = []
        self.files: list[str] = []

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.calls]

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.calls if k == kind]

    def box(self, kind: str) -> object:
        from PySide6.QtWidgets import QMessageBox

        def answer(_parent: object, title: str, text: str, *_args: object, **_kwargs: object) -> object:
            self.calls.append((kind, title, text))
            if kind in ("warning", "question"):
                return self.answers.pop(0) if self.answers else QMessageBox.StandardButton.Cancel
            return QMessageBox.StandardButton.Ok

        return answer

    def file(self, kind: str) -> object:
        def answer(_parent: object, title: str, *_args: object, **_kwargs: object) -> tuple[str, str]:
            self.calls.append((kind, title, ""))
            return (self.files.pop(0) if self.files else "", "")

        return answer


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    recorder = Dialogs()
    for kind in ("warning", "question", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, recorder.box(kind))
    monkeypatch.setattr(QMessageBox, "about", lambda *args: recorder.calls.append(("about", "", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", recorder.file("open"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", recorder.file("save"))
    return recorder


@pytest.fixture
def make_window(qtbot):
    """Build main windows like run_app does (on the sample map unless told otherwise)."""
    from journeymap.app.main_window import MainWindow
    from journeymap.editing.document import Document
    from journeymap.io.templates import load_sample

    windows = []

    def make(journey: object = None, path: object = None) -> MainWindow:
        document = Document()
        document.load(journey or load_sample(), path)
        window = MainWindow(document)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()  # window shortcuts fire only in the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        window.view.fit_to_map()
        windows.append(window)
        return window

    yield make
    for window in windows:
        # Leave nothing unsaved so closing at teardown never prompts.
        window.document.undo_stack.setClean()
