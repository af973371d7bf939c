"""Every format is declared once (journeymap.io.registry, plus the app's pictures): a format added
there appears in the command line, the Open, Import and Export dialogs and the drop list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QFileDialog

from journeymap.app import cli, file_formats
from journeymap.io.cjm import save_cjm
from journeymap.io.formats import LoadResult
from journeymap.io.registry import FORMATS, Family, Format
from journeymap.model import JourneyMap
from tests.factories import small_map

written: list[Path] = []


def _write_fake(journey: JourneyMap, path: str | os.PathLike[str]) -> None:
    Path(path).write_text(f"{journey.title}\n", encoding="utf-8")
    written.append(Path(path))


def _read_fake(path: str | os.PathLike[str]) -> LoadResult:
    return LoadResult(small_map(), format="fake")


FAKE = Format("fake", "Fake sheets", (".fake",), Family.SPREADSHEET, _read_fake, _write_fake, content="fake")


@pytest.fixture
def with_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    written.clear()
    monkeypatch.setattr(file_formats, "APP_FORMATS", file_formats.APP_FORMATS.with_formats(FAKE))


class FileDialogs:
    """Records each file dialog's filter text and answers with the paths given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.filters: list[str] = []
        self.answers: list[str] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._answer)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._answer)

    def _answer(self, _parent: object, _title: str, _start: str = "", filters: str = "", *_rest: object) -> tuple:
        self.filters.append(filters)
        return (self.answers.pop(0) if self.answers else "", "")


def test_the_default_lists_are_what_the_app_offered_before() -> None:
    assert file_formats.export_filters() == {
        "Excel workbook (*.xlsx)": ".xlsx",
        "CSV, one row per card (*.csv)": ".csv",
        "PDF poster (*.pdf)": ".pdf",
        "PowerPoint deck, editable (*.pptx)": ".pptx",
        "Mermaid journey diagram (*.mmd)": ".mmd",
        "PNG image (*.png)": ".png",
        "SVG image (*.svg)": ".svg",
    }
    assert file_formats.droppable() == {".cjm", ".xlsx", ".ods", ".xls", ".csv", ".tsv"}
    assert file_formats.map_filter() == "Journey maps (*.cjm)"
    assert file_formats.open_filters().split(";;") == [
        "Maps and spreadsheets (*.cjm *.xlsx *.ods *.xls *.csv *.tsv)",
        "Journey maps (*.cjm)",
        "Spreadsheets (*.xlsx *.ods *.xls *.csv *.tsv)",
        "All files (*)",
    ]
    assert file_formats.import_filters() == (
        "Spreadsheets and maps (*.xlsx *.ods *.xls *.csv *.tsv *.cjm);;All files (*)"
    )
    # The Qt-free layers write everything but the pictures; the app adds those.
    assert FORMATS.writable_extensions() == [".cjm", ".csv", ".mmd", ".pdf", ".pptx", ".xlsx"]
    assert file_formats.APP_FORMATS.writable_extensions() == [
        ".cjm",
        ".csv",
        ".mmd",
        ".pdf",
        ".png",
        ".pptx",
        ".svg",
        ".xlsx",
    ]


def test_a_format_added_once_is_written_by_convert(with_fake, tmp_path, capsys) -> None:
    source = tmp_path / "map.cjm"
    save_cjm(small_map(), source)
    assert cli.main(["convert", str(source), str(tmp_path / "out.fake")]) == 0
    assert written == [tmp_path / "out.fake"]
    assert (tmp_path / "out.fake").read_text(encoding="utf-8") == f"{small_map().title}\n"
    # and it is named among what convert writes when the extension is wrong
    assert cli.main(["convert", str(source), str(tmp_path / "out.docx")]) == 1
    assert ".fake" in capsys.readouterr().err
    # an option of another format is refused for it, in one line
    assert cli.main(["convert", str(source), str(tmp_path / "out.fake"), "--dpi", "300"]) == 1
    assert "--dpi does not apply to .fake files" in capsys.readouterr().err


def test_a_format_added_once_is_in_every_file_dialog(with_fake, make_window, monkeypatch, tmp_path) -> None:
    dialogs = FileDialogs(monkeypatch)
    window = make_window()
    window.files.open_dialog()
    window.files.import_dialog()
    dialogs.answers.append(str(tmp_path / "exported.fake"))
    assert window.files.export_dialog()
    open_filter, import_filter, export_filter = dialogs.filters
    assert "*.fake" in open_filter.split(";;")[0] and "*.fake" in open_filter.split(";;")[2]
    assert "*.fake" in import_filter.split(";;")[0]
    assert "Fake sheets (*.fake)" in export_filter.split(";;")
    assert written == [tmp_path / "exported.fake"]


def _drag_accepted(window, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dragEnterEvent(enter)
    return enter.isAccepted()


def test_a_format_added_once_can_be_dropped_on_the_window(with_fake, make_window, tmp_path) -> None:
    window = make_window()
    unknown = tmp_path / "notes.docx"
    unknown.write_text("x", encoding="utf-8")
    assert not _drag_accepted(window, unknown)
    # the window takes the drag: it asks only whether Open reads the extension
    dropped = tmp_path / "board.fake"
    dropped.write_text("x", encoding="utf-8")
    assert _drag_accepted(window, dropped)
