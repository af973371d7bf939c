"""The document's unsaved mark follows what happened to the map, whichever way it was replaced."""

from __future__ import annotations

from journeymap.editing.document import Document
from tests.factories import small_map


def test_opening_a_saved_map_after_an_unsaved_import_is_not_marked_unsaved(qtbot, tmp_path) -> None:
    document = Document(small_map())
    document.load(small_map(), None, modified=True)  # an import as a new map: unsaved work
    assert document.is_modified
    marks: list[bool] = []
    document.modified_changed.connect(marks.append)
    document.load(small_map(), tmp_path / "saved.cjm")  # then Open Recent on a saved map
    assert not document.is_modified and marks[-1] is False
    assert not document.undo_stack.canUndo()


def test_a_restored_autosave_stays_marked_after_a_clean_load(qtbot) -> None:
    document = Document(small_map())
    document.load(small_map(), None)
    document.load(small_map(), None, modified=True)
    assert document.is_modified
