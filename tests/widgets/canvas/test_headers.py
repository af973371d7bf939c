"""Stages and lanes: add, rename inline, reorder by dragging the header, delete with the policy dialog."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QRadioButton

from journeymap.model import CardPolicy, ItemRef
from journeymap.widgets.dialogs.delete_dialog import DeleteDialog
from tests.widgets.canvas.conftest import click, double_click, drag, press_key, type_text


def answer_delete_dialog(policy: CardPolicy | None, move_to: str | None = None) -> list[DeleteDialog]:
    """Answer the modal dialog once it is up; None cancels. Returns the dialogs seen."""
    seen: list[DeleteDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DeleteDialog):
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog)
        if policy is None:
            dialog.reject()
        else:
            # As a person answers it: click the option, pick the target, press OK.
            option = "moveCardsOption" if policy is CardPolicy.MOVE else "deleteCardsOption"
            QTest.mouseClick(dialog.findChild(QRadioButton, option), Qt.MouseButton.LeftButton)
            if move_to is not None:
                combo = dialog.findChild(QComboBox, "moveTargetCombo")
                combo.setCurrentIndex(combo.findData(move_to))
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def test_drag_a_stage_header_to_reorder_columns(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    header = view.map_scene.stage_items[land].sceneBoundingRect()
    target = view.map_scene.stage_items[adopt].sceneBoundingRect()
    drag(view, QPointF(header.center().x(), header.bottom() - 6), QPointF(target.center().x(), target.bottom() - 6))
    assert journey.stage_ids() == [adopt, land]
    assert view.map_scene.stage_items[land].x() > view.map_scene.stage_items[adopt].x()
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert journey.stage_ids() == [land, adopt]


def test_drag_a_lane_header_to_reorder_rows(view) -> None:
    journey = view.document.journey
    smb, ent = journey.lane_ids()
    start = view.map_scene.lane_items[smb].sceneBoundingRect()
    end = view.map_scene.lane_items[ent].sceneBoundingRect()
    drag(view, QPointF(start.center().x(), start.bottom() - 5), QPointF(end.center().x(), end.bottom() - 5))
    assert journey.lane_ids() == [ent, smb]
    view.document.undo_stack.undo()
    assert journey.lane_ids() == [smb, ent]


def test_double_click_a_lane_header_renames_it(view) -> None:
    journey = view.document.journey
    smb = journey.lane_ids()[0]
    double_click(view, view.map_scene.lane_items[smb].name_rect().center())
    type_text(view, "Small business")
    press_key(view, Qt.Key.Key_Return)
    assert journey.lane(smb).name == "Small business"
    view.document.undo_stack.undo()
    assert journey.lane(smb).name == "SMB"


def test_add_stage_opens_its_name_for_typing(view) -> None:
    journey = view.document.journey
    view.add_stage()
    new = journey.stage_ids()[-1]
    type_text(view, "Renewal")
    press_key(view, Qt.Key.Key_Return)
    assert journey.stage(new).name == "Renewal"
    assert new in view.map_scene.stage_items
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert new not in journey.stage_ids()


def test_delete_a_stage_with_cards_asks_and_moves_them(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    land_cards = [c for lane in journey.lane_ids() for c in journey.cards_in(land, lane)]
    click(view, view.map_scene.stage_items[land].sceneBoundingRect().center())
    assert view.selected() == [("stage", land)]
    seen = answer_delete_dialog(CardPolicy.MOVE, adopt)
    press_key(view, Qt.Key.Key_Delete)
    assert seen and seen[0].objectName() == "deleteDialog"
    assert journey.stage_ids() == [adopt]
    assert all(journey.cell_of(c)[0] == adopt for c in land_cards)
    assert land not in view.map_scene.stage_items
    view.document.undo_stack.undo()
    assert journey.stage_ids() == [land, adopt]
    assert all(journey.cell_of(c)[0] == land for c in land_cards)


def test_delete_a_lane_with_cards_can_delete_them_too(view) -> None:
    journey = view.document.journey
    smb, ent = journey.lane_ids()
    count = journey.counts()["cards"]
    view.select(ItemRef.lane(smb))
    answer_delete_dialog(CardPolicy.DELETE)
    view.delete_selection()
    assert journey.lane_ids() == [ent]
    assert journey.counts()["cards"] == count - 3
    view.document.undo_stack.undo()
    assert journey.lane_ids() == [smb, ent]
    assert journey.counts()["cards"] == count


def test_cancelling_the_dialog_deletes_nothing(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    view.select(ItemRef.stage(land))
    answer_delete_dialog(None)
    view.delete_selection()
    assert land in journey.stage_ids()
    assert view.document.undo_stack.count() == 0


def test_an_empty_stage_is_deleted_without_asking(view) -> None:
    journey = view.document.journey
    view.add_stage()
    press_key(view, Qt.Key.Key_Escape)
    new = journey.stage_ids()[-1]
    view.select(ItemRef.stage(new))
    view.delete_selection()  # no dialog is answered: a dialog would block this test
    assert new not in journey.stage_ids()
