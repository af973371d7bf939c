"""The Export Poster dialog's experience-curve choice and analysis page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.editing.document import Document
from journeymap.widgets.canvas.overlay import Overlay, set_shown_overlay
from journeymap.widgets.dialogs.poster_dialog import PosterDialog
from tests.factories import small_map


def _dialog(qtbot) -> PosterDialog:
    window = PosterDialog(Document(small_map()))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_curve_starts_as_the_canvas_shows_it(qtbot) -> None:
    assert _dialog(qtbot).curve.currentText() == "Off"
    set_shown_overlay(Overlay("shared"))
    try:
        dialog = _dialog(qtbot)
        assert dialog.curve.currentText() == "One shared band"
        assert dialog.poster is not None and dialog.poster.layout.curve_band is not None
    finally:
        set_shown_overlay(Overlay())


def test_choosing_a_curve_lays_the_poster_out_again(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.paper.setCurrentText("A2")
    flat = dialog.poster.content_height
    assert dialog.poster.curve_bands == []
    dialog.curve.setCurrentText("A band under each persona lane")
    assert len(dialog.poster.curve_bands) == 2
    assert dialog.poster.content_height > flat
    assert dialog.poster.plan.page.name == "A2"  # the paper stays as chosen


def test_the_analysis_page_is_exported(qtbot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot)
    dialog.analysis.setChecked(True)
    target = tmp_path / "poster.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000):
        dialog.export_to(str(target))
    pages = PdfReader(target).pages
    assert len(pages) == 2 and "Handoff ledger" in pages[1].extract_text()


@pytest.fixture(autouse=True)
def _reset() -> None:
    set_shown_overlay(Overlay())


def test_the_timeline_box_lays_the_poster_out_in_time(qtbot) -> None:
    from journeymap.layout.timeline_layout import TimelineLayout

    dialog = _dialog(qtbot)
    assert not dialog.timeline.isChecked()
    narrow = dialog.poster.content_width
    dialog.timeline.setChecked(True)
    assert isinstance(dialog.poster.layout, TimelineLayout)
    assert dialog.poster.content_width > narrow
