"""File > Export Decision Pack…: a folder, a question before any file is replaced, progress, cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressBar, QPushButton

from journeymap.app.pack_export import pack_stem
from journeymap.io.pack import pack_names
from journeymap.widgets.dialogs.pack_dialog import PackDialog


@pytest.fixture
def folder_choice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: chosen.pop(0) if chosen else "")
    return chosen


def test_the_file_menu_exports_a_whole_pack(make_window, dialogs, folder_choice, tmp_path) -> None:
    window = make_window()
    cards = window.document.journey.card_ids()
    window.document.journey.voting.set(cards[0], 3)
    menu = window.menuBar().findChild(QMenu, "menuFile")
    action = window.findChild(QAction, "actionExportPack")
    assert action in menu.actions()
    folder_choice.append(str(tmp_path / "out"))
    (tmp_path / "out").mkdir()
    action.trigger()
    names = pack_names(pack_stem(window), dt.date.today())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    assert dialogs.texts("critical") == [] and dialogs.texts("question") == []
    assert "Decision pack: 6 files" in window.statusBar().currentMessage()


def test_it_asks_before_replacing_and_keeps_the_files_when_told_no(
    make_window, dialogs, folder_choice, tmp_path
) -> None:
    window = make_window()
    out = tmp_path / "out"
    out.mkdir()
    report = out / f"{pack_stem(window)}-report.md"
    report.write_text("our notes")
    (out / "other.txt").write_text("kept")
    folder_choice.append(str(out))
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    window.findChild(QAction, "actionExportPack").trigger()
    [question] = dialogs.texts("question")
    assert report.name in question
    assert report.read_text() == "our notes" and len(list(out.iterdir())) == 2
    folder_choice.append(str(out))
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    window.findChild(QAction, "actionExportPack").trigger()
    assert report.read_text(encoding="utf-8").startswith("# ")
    assert (out / "other.txt").read_text() == "kept"
    assert len(list(out.iterdir())) == 7


def test_cancel_stops_the_pack_and_leaves_nothing(qtbot, tmp_path) -> None:
    from tests.io.test_pptx import tall_map

    out = tmp_path / "out"
    dialog = PackDialog(None, tall_map(), out, "tall")
    qtbot.addWidget(dialog)
    assert dialog.findChild(QProgressBar, "packProgress") is not None
    dialog.show()
    dialog.start()
    dialog.findChild(QPushButton, "cancelPackButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    # The writer reports before the poster and on every slide, so the cancel lands long before the end.
    assert dialog.cancelled and dialog.pack_result is None and dialog.error is None
    assert list(tmp_path.iterdir()) == []


def test_file_export_writes_a_deck_and_a_mermaid_diagram(make_window, dialogs, tmp_path) -> None:
    from journeymap.app.file_formats import export_filters

    assert {".pptx", ".mmd"} <= set(export_filters().values())
    window = make_window()
    assert window.files.export_to(tmp_path / "deck.pptx")
    assert window.files.export_to(tmp_path / "journey.mmd")
    assert (tmp_path / "deck.pptx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "journey.mmd").read_text(encoding="utf-8").startswith("journey\n  title ")
    assert dialogs.texts("critical") == []
