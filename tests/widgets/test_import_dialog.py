"""The import dialog: read off the GUI thread, preview, flip, pick sheets, report, and clean failures."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from journeymap.io.cjm import to_document
from journeymap.io.sheets import Orientation, save_xlsx
from journeymap.io.sheets import api as sheets_api
from journeymap.widgets.dialogs import import_dialog
from journeymap.widgets.dialogs.import_dialog import ImportDialog, run_import_dialog
from tests.factories import small_map
from tests.io.sheets.files import write_xlsx

TIE = [["Stage", "Goal", "Owner"], ["Lead", "x", "y"], ["Goal", "z", "w"], ["Owner", "v", "u"]]
PERSONA = [["Stage", "Try", "Buy"], ["Touchpoints", "Trial", "Checkout"], ["Notes", "later", None]]


@pytest.fixture
def opened(open_import):
    return open_import


def test_the_read_runs_off_the_gui_thread(opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    real = sheets_api.read_spreadsheet

    def spy(path: str, **options: object) -> object:
        threads.append(threading.get_ident())
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(import_dialog, "read_spreadsheet", spy)
    dialog = opened(write_xlsx(tmp_path / "map.xlsx", {"Journey": PERSONA}))
    assert threads and threads[0] != threading.get_ident()
    assert dialog.findChild(QMessageBox) is None
    assert dialog.findChild(type(dialog.progress), "importProgress").isHidden()


def test_the_preview_shows_orientation_stages_lanes_and_report(opened, tmp_path: Path) -> None:
    dialog = opened(write_xlsx(tmp_path / "map.xlsx", {"Journey": PERSONA}))
    assert (
        dialog.findChild(type(dialog.orientation_label), "orientationLabel").text() == "Stages as columns (detected)."
    )
    assert dialog.stages_label.text() == "Try, Buy"
    assert dialog.lanes_label.text() == "Customer"
    assert dialog.counts_label.text().startswith("2 cards")
    report = [dialog.report_list.item(i).text() for i in range(dialog.report_list.count())]
    assert any(line.startswith("Journey!B3: not used") for line in report)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert dialog.result_value is not None and dialog.result_value.map.counts()["cards"] == 2


def test_flipping_the_orientation_re_analyses(opened, tmp_path: Path) -> None:
    dialog = opened(write_xlsx(tmp_path / "tie.xlsx", {"S": TIE}))
    assert "Both ways fit equally well" in dialog.orientation_label.text()
    assert dialog.stages_label.text() == "Goal, Owner"
    dialog.flip_button.click()
    assert dialog.analysis is not None and dialog.analysis.orientation is Orientation.ROWS
    assert dialog.stages_label.text() == "Lead, Goal, Owner"
    assert dialog.orientation_label.text() == "Stages as rows (as asked)."


def test_a_flip_that_finds_nothing_says_so_and_blocks_import(opened, tmp_path: Path) -> None:
    dialog = opened(write_xlsx(tmp_path / "map.xlsx", {"Journey": PERSONA}))
    dialog.flip_button.click()
    # Read the other way the sheet has no clear table: the mapping step asks what the labels mean.
    assert dialog.error_label.text().startswith("No clear journey map table yet")
    assert not dialog.import_button.isEnabled()
    dialog.flip_button.click()
    assert dialog.error_label.text() == "" and dialog.import_button.isEnabled()


def test_sheets_can_be_picked(opened, tmp_path: Path) -> None:
    other = [["Stage", "Try"], ["Touchpoints", "Pilot"]]
    dialog = opened(
        write_xlsx(tmp_path / "two.xlsx", {"SMB": PERSONA, "Enterprise": other, "Old": other}, hidden=["Old"])
    )
    items = [dialog.sheet_list.item(i) for i in range(dialog.sheet_list.count())]
    assert [i.checkState() for i in items] == [Qt.CheckState.Checked, Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    assert "hidden" in items[2].text()
    assert dialog.lanes_label.text() == "SMB, Enterprise"
    items[0].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.lanes_label.text() == "Customer"
    assert dialog.stages_label.text() == "Try"


def test_our_own_export_is_read_exactly(opened, tmp_path: Path) -> None:
    save_xlsx(small_map(), tmp_path / "ours.xlsx")
    dialog = opened(tmp_path / "ours.xlsx")
    assert "Our own export" in dialog.orientation_label.text()
    assert not dialog.flip_button.isEnabled()
    dialog.import_button.click()
    assert to_document(dialog.result_value.map) == to_document(small_map())


def test_run_import_dialog_returns_the_map(qtbot, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "map.xlsx", {"Journey": PERSONA})

    def press_import() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog) and dialog.import_button.isEnabled():
            dialog.import_button.click()
        else:
            QTimer.singleShot(20, press_import)

    QTimer.singleShot(20, press_import)
    result = run_import_dialog(None, str(path))
    assert result is not None and [result.map.stage(s).name for s in result.map.stage_ids()] == ["Try", "Buy"]


def test_cancelling_the_file_chooser_returns_none(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: ("", ""))
    assert run_import_dialog(None) is None


def test_cancel_returns_none(qtbot, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "map.xlsx", {"Journey": PERSONA})

    def press_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog):
            dialog.findChild(type(dialog.import_button), "cancelImportButton").click()
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    assert run_import_dialog(None, str(path)) is None


def test_a_bad_file_is_a_message_box_naming_it(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "half.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    shown: list[str] = []
    monkeypatch.setattr(import_dialog, "show_import_error", lambda parent, message: shown.append(message))
    assert run_import_dialog(None, str(path)) is None
    assert len(shown) == 1 and shown[0].startswith(f"{path}: is damaged") and "Traceback" not in shown[0]


def test_the_error_box_names_the_file(qtbot, tmp_path: Path) -> None:
    seen: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.informativeText())
            box.accept()
        else:
            QTimer.singleShot(20, read_box)

    QTimer.singleShot(20, read_box)
    import_dialog.show_import_error(None, "/x/map.xlsx: is empty")
    assert seen == ["/x/map.xlsx: is empty"]


def test_cancelling_a_read_in_progress_stops_the_worker(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()
    real = sheets_api.read_spreadsheet

    def slow(path: str, progress: object = None, **options: object) -> object:
        started.set()
        for step in range(500):  # a long read: reports progress until it is told to stop
            progress(step, 1000, "reading")  # type: ignore[operator]
            time.sleep(0.01)
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(import_dialog, "read_spreadsheet", slow)
    dialog = ImportDialog(str(write_xlsx(tmp_path / "map.xlsx", {"Journey": PERSONA})))
    qtbot.addWidget(dialog)
    dialog.start()
    assert started.wait(5)
    job = dialog._job
    assert job is not None
    with qtbot.waitSignal(job.signals.cancelled, timeout=5000):
        dialog.reject()
    assert dialog.result_value is None and dialog.sheet is None
