"""The Export Poster dialog: options re-plan the preview, preflight shows, export runs off-thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from journeymap.editing.document import Document
from journeymap.io.pdf.paper import MM
from journeymap.model import JourneyMap, Touchpoint
from journeymap.widgets.dialogs.poster_dialog import CUSTOM, FIT, PosterDialog, run_poster_dialog
from tests.factories import small_map


def wide_map() -> JourneyMap:
    journey = small_map()
    lane = journey.lane_ids()[0]
    for index in range(10):
        stage = journey.add_stage(f"Extra {index}")
        journey.add_card(stage, lane, Touchpoint("Card", channel="Email"))
    return journey


@pytest.fixture
def dialog(qtbot) -> PosterDialog:
    window = PosterDialog(Document(small_map()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_opens_on_a1_with_a_summary_and_a_picture(dialog: PosterDialog) -> None:
    assert dialog.paper.currentText() == "A1"
    assert "A1 (" in dialog.summary.text()
    assert dialog.preview.picture is not None and not dialog.preview.picture.isNull()
    assert dialog.poster is not None and dialog.poster.plan.page_count == 1
    # What the person sees: a white A1 page on the grey desk, with the map drawn on the page.
    image = dialog.preview.grab().toImage()
    width, height = image.width(), image.height()
    assert image.pixelColor(2, 2).name() == "#d5d9de"
    samples = [image.pixelColor(x, y).name() for x in range(0, width, 3) for y in range(0, height, 3)]
    assert "#ffffff" in samples
    # Not the page, the desk, nor the title block's band: the map (without its picture this is ~4 %).
    drawn = [colour for colour in samples if colour not in ("#ffffff", "#d5d9de", "#eef1f4")]
    assert len(drawn) > len(samples) // 10, "the map picture is on the page"


def test_changing_options_replans_the_pages(dialog: PosterDialog) -> None:
    dialog.paper.setCurrentText("A3")
    dialog.orientation.setCurrentText("Portrait")
    assert dialog.poster is not None
    assert dialog.poster.plan.page.width == pytest.approx(297 * MM)
    assert "A3 (297 x 420 mm) portrait" in dialog.summary.text()
    dialog.tile.setChecked(True)
    dialog.tile_paper.setCurrentText("Letter")
    plan = dialog.poster.plan
    assert plan.tiled and plan.tile_sheet is not None and plan.tile_sheet.name == "Letter"
    assert f"{len(plan.tiles)} sheets of Letter" in dialog.summary.text()
    assert dialog.preview.poster is dialog.poster
    dialog.paper.setCurrentText(FIT)
    dialog.tile.setChecked(False)
    dialog.scale.setValue(50)
    assert dialog.poster.plan.scale == pytest.approx(0.5)


def test_custom_sizes_and_their_errors(dialog: PosterDialog) -> None:
    dialog.paper.setCurrentText(CUSTOM)
    assert dialog.custom.isEnabled()
    assert dialog.poster is None and "900x600mm" in dialog.warnings.text()
    assert not dialog.export_button.isEnabled()
    dialog.custom.setText("6000x500mm")
    assert "200 in" in dialog.warnings.text()
    dialog.custom.setText("900x600mm")
    assert dialog.poster is not None and dialog.export_button.isEnabled()
    assert dialog.poster.plan.page.width == pytest.approx(900 * MM)


def test_preflight_warnings_are_shown(qtbot) -> None:
    window = PosterDialog(Document(wide_map()))
    qtbot.addWidget(window)
    window.paper.setCurrentText("A4")
    assert "smallest text" in window.warnings.text()
    assert "or larger would print it at" in window.warnings.text()
    window.paper.setCurrentText("A0")
    assert window.warnings.text() == ""


def test_export_runs_on_a_worker_thread_and_writes_the_pdf(dialog: PosterDialog, qtbot, tmp_path: Path) -> None:
    dialog.paper.setCurrentText("A2")
    dialog.tile.setChecked(True)
    target = tmp_path / "poster.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000):
        dialog.export_to(str(target))
        assert dialog.progress.isVisible()
        assert not dialog.export_button.isEnabled()
    assert dialog.written_path == str(target)
    assert dialog.worker_thread is not None and dialog.worker_thread != threading.get_ident()
    reader = PdfReader(target)
    assert len(reader.pages) == 1 + len(dialog.poster.plan.tiles)


def test_a_failed_export_is_reported_in_the_dialog(dialog: PosterDialog, qtbot, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "poster.pdf"
    dialog.export_to(str(target))
    qtbot.waitUntil(lambda: "not saved" in dialog.warnings.text(), timeout=30_000)
    assert dialog.written_path is None
    assert dialog.export_button.isEnabled()


def test_run_poster_dialog_returns_the_written_path(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "from-dialog"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))

    def press_export() -> None:
        dialog = next(w for w in _top_level() if w.objectName() == "posterDialog")
        dialog.export_button.click()

    QTimer.singleShot(0, press_export)
    path = run_poster_dialog(None, Document(small_map(), path=tmp_path / "workshop.cjm"))
    assert path == str(target) + ".pdf"
    assert Path(path).read_bytes().startswith(b"%PDF")


def test_cancel_returns_none(qtbot) -> None:
    def cancel() -> None:
        dialog = next(w for w in _top_level() if w.objectName() == "posterDialog")
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert run_poster_dialog(None, Document(small_map())) is None


def _top_level() -> list:
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()
