"""File menu work: the unsaved prompt, open/save/save-as, recent files, dropping files, import, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from journeymap.app import files as files_module
from journeymap.editing.commands import SetTitleCommand, UpdateCommand
from journeymap.io.cjm import load_cjm, save_cjm, to_document
from journeymap.io.sheets import Target
from journeymap.io.sheets.labels import Field
from journeymap.model import ItemRef
from journeymap.widgets.dialogs.import_dialog import ImportDialog
from tests.factories import small_map

Button = QMessageBox.StandardButton


def _edit(window, title: str = "Edited in the workshop") -> None:
    window.document.push(SetTitleCommand(window.document.journey, title))


# ---------------------------------------------------------------------- the unsaved prompt
def test_closing_unchanged_does_not_ask(make_window, dialogs) -> None:
    window = make_window()
    assert window.close()
    assert dialogs.kinds() == []


def test_cancel_keeps_the_window_open(make_window, dialogs) -> None:
    window = make_window()
    _edit(window)
    dialogs.answers.append(Button.Cancel)
    assert not window.close()
    assert window.isVisible()
    assert dialogs.kinds() == ["warning"]
    assert "Save the changes to" in dialogs.texts("warning")[0]


def test_discard_closes_without_saving(make_window, dialogs, tmp_path) -> None:
    path = tmp_path / "map.cjm"
    save_cjm(small_map(), path)
    window = make_window(load_cjm(path), path)
    _edit(window)
    dialogs.answers.append(Button.Discard)
    assert window.close()
    assert load_cjm(path).title == "Workshop map"


def test_save_at_the_prompt_saves_then_closes(make_window, dialogs, tmp_path) -> None:
    window = make_window()  # the sample map has no file yet: Save asks where
    _edit(window)
    dialogs.answers.append(Button.Save)
    dialogs.files.append(str(tmp_path / "workshop"))
    assert window.close()
    assert load_cjm(tmp_path / "workshop.cjm").title == "Edited in the workshop"


def test_cancelling_the_save_dialog_at_the_prompt_keeps_the_window(make_window, dialogs) -> None:
    window = make_window()
    _edit(window)
    dialogs.answers.append(Button.Save)
    assert not window.close()  # no file name given
    assert window.isVisible()


# ---------------------------------------------------------------------- open, save, save as
def test_save_as_then_save_then_open_round_trip(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    journey = window.document.journey
    dialogs.files.append(str(tmp_path / "round.cjm"))
    window.findChild(QAction, "actionSaveAs").trigger()
    assert window.document.path == tmp_path / "round.cjm"
    assert window.windowTitle().startswith("round.cjm")

    window.document.push(UpdateCommand(journey, ItemRef.stage(journey.stage_ids()[0]), {"owner": "Sales"}, merge=True))
    window.findChild(QAction, "actionSave").trigger()  # no dialog: it has a file now
    assert dialogs.kinds() == ["save"]
    expected = to_document(journey)

    other = make_window()
    dialogs.files.append(str(tmp_path / "round.cjm"))
    other.findChild(QAction, "actionOpen").trigger()
    assert to_document(other.document.journey) == expected
    assert not other.isWindowModified()
    assert other.document.path == tmp_path / "round.cjm"


def test_opening_over_unsaved_work_asks_first(make_window, dialogs, tmp_path) -> None:
    save_cjm(small_map(), tmp_path / "other.cjm")
    window = make_window()
    _edit(window)
    dialogs.answers.append(Button.Cancel)
    assert not window.files.open_path(tmp_path / "other.cjm")
    assert window.document.journey.title == "Edited in the workshop"
    dialogs.answers.append(Button.Discard)
    assert window.files.open_path(tmp_path / "other.cjm")
    assert window.document.journey.title == "Workshop map"


def test_a_broken_file_shows_an_error_naming_it(make_window, dialogs, tmp_path) -> None:
    broken = tmp_path / "broken.cjm"
    broken.write_text('{"format": "journeymap", "version": 99}', encoding="utf-8")
    window = make_window()
    before = to_document(window.document.journey)
    assert not window.files.open_path(broken)
    [text] = dialogs.texts("critical")
    assert str(broken) in text
    assert to_document(window.document.journey) == before


def test_saving_into_a_missing_folder_reports_the_file(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    dialogs.files.append(str(tmp_path / "no" / "such" / "folder" / "map.cjm"))
    assert not window.files.save_as()
    [text] = dialogs.texts("critical")
    assert "map.cjm" in text


def test_new_from_template_replaces_the_map(make_window, monkeypatch, tmp_path) -> None:
    from journeymap.io.templates import load_template
    from journeymap.widgets.dialogs import template_dialog

    window = make_window(small_map(), None)
    monkeypatch.setattr(template_dialog, "run_template_dialog", lambda parent: load_template("cs-led"))
    window.findChild(QAction, "actionNewFromTemplate").trigger()
    assert window.document.journey.title == load_template("cs-led").title
    assert window.document.path is None and not window.isWindowModified()


def test_the_template_dialog_lists_every_template(qtbot) -> None:
    from journeymap.io.templates import template_names
    from journeymap.widgets.dialogs.template_dialog import TemplateDialog

    dialog = TemplateDialog()
    qtbot.addWidget(dialog)
    names = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    assert names == ["", *template_names()]
    dialog.list.setCurrentRow(names.index("saas-post-sale"))
    assert "Onboarding" in dialog.details.text()
    assert dialog.selected_map().counts()["stages"] == 6
    dialog.list.setCurrentRow(0)
    assert dialog.selected_map().counts()["stages"] == 1  # blank, but ready for a first card


# ---------------------------------------------------------------------- recent files
def test_recent_files_are_remembered_and_reopen(make_window, dialogs, tmp_path) -> None:
    first, second = tmp_path / "first.cjm", tmp_path / "second.cjm"
    save_cjm(small_map(), first)
    journey = small_map()
    journey.set_title("Second map")
    save_cjm(journey, second)
    window = make_window()
    window.files.open_path(first)
    window.files.open_path(second)
    assert window.recent.paths() == [str(second), str(first)]

    later = make_window()  # a new window (a restart) reads the same settings
    later.recent_menu.aboutToShow.emit()
    entries = [a for a in later.recent_menu.actions() if a.objectName().startswith("actionRecent")]
    assert [a.statusTip() for a in entries] == [str(second), str(first)]
    entries[1].trigger()
    assert later.document.path == first
    assert later.recent.paths()[0] == str(first)


def test_a_vanished_recent_file_is_dropped_from_the_list(make_window, dialogs, tmp_path) -> None:
    gone = tmp_path / "gone.cjm"
    save_cjm(small_map(), gone)
    window = make_window()
    window.files.open_path(gone)
    gone.unlink()
    assert not window.files.open_path(gone)
    assert "no such file" in dialogs.texts("critical")[0]
    assert window.recent.paths() == []


# ---------------------------------------------------------------------- drop a file on the window
def _drop(window, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    return drop.isAccepted()


def test_dropping_a_map_opens_it(make_window, qtbot, tmp_path) -> None:
    path = tmp_path / "dropped.cjm"
    save_cjm(small_map(), path)
    window = make_window()
    assert _drop(window, path)
    qtbot.waitUntil(lambda: window.document.path == path, timeout=2000)
    assert window.document.journey.title == "Workshop map"


def test_dropping_a_map_on_the_canvas_opens_it(make_window, qtbot, tmp_path) -> None:
    """Most drops land on the map itself, whose scene would otherwise swallow them."""
    from PySide6.QtGui import QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "dropped.cjm"
    save_cjm(small_map(), path)
    window = make_window()
    viewport = window.view.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for event in (
        QDragEnterEvent(QPoint(200, 200), *args),
        QDragMoveEvent(QPoint(210, 210), *args),
        QDropEvent(QPointF(210, 210), *args),
    ):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted(), event.type()
    qtbot.waitUntil(lambda: window.document.path == path, timeout=2000)


def test_dropping_a_spreadsheet_goes_through_import(make_window, qtbot, tmp_path, monkeypatch) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text("Stage,Persona,Touchpoint\nLand,SMB,Call\n", encoding="utf-8")
    window = make_window()
    imported: list[str] = []
    monkeypatch.setattr(window.files, "import_path", lambda path: imported.append(str(path)) or True)
    assert _drop(window, sheet)
    qtbot.waitUntil(lambda: imported == [str(sheet)], timeout=2000)


def test_other_drops_are_refused(make_window, tmp_path) -> None:
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8")
    assert not _drop(make_window(), picture)


# ---------------------------------------------------------------------- import
def test_import_merged_into_the_open_map_is_one_undo_step(make_window, monkeypatch, tmp_path) -> None:
    source = tmp_path / "extra.cjm"
    save_cjm(small_map(), source)
    window = make_window(small_map(), None)
    monkeypatch.setattr(files_module, "ask_import_mode", lambda parent, name: files_module.MERGE)
    assert window.files.import_path(source)
    assert window.document.journey.counts()["cards"] == 8
    assert window.findChild(QAction, "actionUndo").text() == "Undo Import 'extra.cjm'"
    window.document.undo_stack.undo()
    assert window.document.journey.counts()["cards"] == 4


def test_import_as_a_new_map_is_unsaved_and_has_no_file(make_window, monkeypatch, dialogs, tmp_path) -> None:
    source = tmp_path / "extra.cjm"
    journey = small_map()
    journey.set_title("Imported")
    save_cjm(journey, source)
    window = make_window()
    monkeypatch.setattr(files_module, "ask_import_mode", lambda parent, name: files_module.NEW_DOCUMENT)
    dialogs.files.append(str(source))
    window.findChild(QAction, "actionImport").trigger()
    assert window.document.journey.title == "Imported"
    assert window.document.path is None and window.isWindowModified()


def test_cancelling_the_import_question_changes_nothing(make_window, monkeypatch, tmp_path) -> None:
    source = tmp_path / "extra.cjm"
    save_cjm(small_map(), source)
    window = make_window()
    before = to_document(window.document.journey)
    monkeypatch.setattr(files_module, "ask_import_mode", lambda parent, name: None)
    assert not window.files.import_path(source)
    assert to_document(window.document.journey) == before


# ---------------------------------------------------------------------- export
def test_export_pdf_through_the_dialog(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    dialogs.files.append(str(tmp_path / "poster.pdf"))
    window.findChild(QAction, "actionExport").trigger()
    assert (tmp_path / "poster.pdf").read_bytes().startswith(b"%PDF")
    assert dialogs.texts("critical") == []


def test_export_errors_name_the_file(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    target = tmp_path / "missing-folder" / "map.pdf"
    assert not window.files.export_to(target)
    [text] = dialogs.texts("critical")
    assert "map.pdf" in text


def test_export_does_not_change_the_map_or_its_state(make_window, tmp_path) -> None:
    window = make_window()
    before = to_document(window.document.journey)
    window.files.export_to(tmp_path / "copy.cjm")
    assert to_document(window.document.journey) == before
    assert not window.isWindowModified() and window.document.path is None
    assert load_cjm(tmp_path / "copy.cjm").title == window.document.journey.title


# ---------------------------------------------------------------------- geometry
def test_window_geometry_is_remembered(make_window) -> None:
    window = make_window()
    window.resize(720, 520)
    window.properties.hide()
    window.close()
    again = make_window()
    assert (again.width(), again.height()) == (720, 520)
    assert not again.properties.isVisible()


def test_export_png_and_svg_through_the_dialog(make_window, dialogs, tmp_path) -> None:
    window = make_window()
    dialogs.files.append(str(tmp_path / "map.png"))
    window.findChild(QAction, "actionExport").trigger()
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    assert window.files.export_to(tmp_path / "map.svg")
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()[:2000]
    assert dialogs.texts("critical") == []


def test_export_poster_opens_the_poster_dialog(make_window, monkeypatch, tmp_path) -> None:
    from journeymap.widgets.dialogs import poster_dialog

    window = make_window()
    seen = []
    monkeypatch.setattr(
        poster_dialog,
        "run_poster_dialog",
        lambda parent, document: seen.append(document) or str(tmp_path / "poster.pdf"),
    )
    action = window.findChild(QAction, "actionExportPoster")
    assert action.isEnabled()
    action.trigger()
    assert seen == [window.document]
    assert window.statusBar().currentMessage() == "Exported poster poster.pdf"


def _answer_import_dialog(choose: Callable[[ImportDialog], None], seen: list[ImportDialog]) -> None:
    """When the import dialog is up and has read its file, let ``choose`` answer it as a person would."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog) and dialog.sheet is not None:
            seen.append(dialog)
            choose(dialog)
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_a_spreadsheet_merges_into_the_open_map(make_window, monkeypatch, dialogs, tmp_path) -> None:
    sheet = tmp_path / "workshop-notes.csv"
    sheet.write_text("Stage,Land,Renewal\nTouchpoints,Demo call,Renewal call\n", encoding="utf-8")
    window = make_window(small_map(), None)  # stages Land and Adoption; no lane called "Customer" yet
    journey = window.document.journey
    monkeypatch.setattr(files_module, "ask_import_mode", lambda parent, name: files_module.MERGE)
    seen: list[ImportDialog] = []
    _answer_import_dialog(lambda dialog: dialog.import_button.click(), seen)

    assert window.files.open_path(sheet)  # File > Open of a spreadsheet goes through the import dialog

    report = [seen[0].report_list.item(i).text() for i in range(seen[0].report_list.count())]
    assert any("stages as columns" in line for line in report)  # the reader's report was shown
    names = [journey.stage(s).name for s in journey.stage_ids()]
    assert names == ["Land", "Adoption", "Renewal"]
    land = journey.stage_ids()[0]
    customer = journey.lane_ids()[-1]
    assert [journey.card(c).title for c in journey.cards_in(land, customer)] == ["Demo call"]
    assert "Import 'workshop-notes.csv'" in window.findChild(QAction, "actionUndo").text()
    window.document.undo_stack.undo()
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Land", "Adoption"]


def test_the_import_dialog_keeps_its_mapping_in_the_apps_settings_and_cancel_changes_nothing(
    make_window, monkeypatch, tmp_path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Stage,Land\nGoal,Sign\nTouchpoints,Demo\nCustomer voice,Finally\n", encoding="utf-8")
    window = make_window(small_map(), None)
    before = window.document.journey.counts()["cards"]
    monkeypatch.setattr(files_module, "ask_import_mode", lambda parent, name: files_module.MERGE)
    seen: list[ImportDialog] = []

    def as_thoughts(dialog: ImportDialog) -> None:
        dialog.mapping_table.choose("Customer voice", Target(Field.THOUGHTS))
        dialog.import_button.click()

    _answer_import_dialog(as_thoughts, seen)
    assert window.files.import_path(sheet)
    assert window.document.journey.counts()["cards"] == before + 2
    assert any(key.startswith("importMappings/") for key in window.settings.allKeys())
    _answer_import_dialog(lambda dialog: dialog.reject(), seen)
    assert not window.files.import_path(sheet)
    assert window.document.journey.counts()["cards"] == before + 2
