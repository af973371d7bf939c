"""Copy, paste, duplicate, delete; pasting spreadsheet rows makes one card per row."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from journeymap.model import ItemRef
from tests.widgets.canvas.conftest import card_centre, click, empty_spot, hover, press_key


def put_text_on_clipboard(text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def test_paste_tab_separated_rows_creates_one_card_per_row_in_the_cell_under_the_pointer(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    put_text_on_clipboard(
        "Title\tChannel\tOwner\nKick-off call\tZoom\tCSM\n\nHealth check\tEmail\tCS Ops\n"
        '"Quarterly review, with a\nline break"\tMeeting\tAM\n'
    )
    hover(view, empty_spot(view, land, ent))
    press_key(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cards = journey.cards_in(land, ent)
    assert [journey.card(c).title for c in cards] == [
        "Kick-off call",
        "Health check",
        "Quarterly review, with a\nline break",
    ]
    assert (journey.card(cards[0]).channel, journey.card(cards[0]).owner) == ("Zoom", "CSM")
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Paste 3 cards"
    assert all(c in view.map_scene.card_items for c in cards)
    view.document.undo_stack.undo()
    assert journey.cards_in(land, ent) == []


def test_rows_without_a_header_are_title_channel_owner(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    ent = journey.lane_ids()[1]
    put_text_on_clipboard("Welcome pack\tPost\tOps\r\nFirst login\r\n")
    hover(view, empty_spot(view, land, ent))
    view.paste()
    cards = journey.cards_in(land, ent)
    assert [(journey.card(c).title, journey.card(c).channel) for c in cards] == [
        ("Welcome pack", "Post"),
        ("First login", ""),
    ]


def test_copy_and_paste_cards_with_their_arrow_into_another_cell(view) -> None:
    journey = view.document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    first, second = journey.cards_in(land, smb)
    click(view, card_centre(view, first))
    click(view, card_centre(view, second), Qt.KeyboardModifier.ControlModifier)
    press_key(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().splitlines()[0].startswith("Pricing page\tWeb\tGrowth")
    hover(view, empty_spot(view, adopt, ent))
    press_key(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = journey.cards_in(adopt, ent)[-2:]
    assert [journey.card(c).title for c in pasted] == ["Pricing page", "Checkout"]
    assert journey.card(pasted[0]).emotion == 1
    assert journey.has_flow(*pasted)
    assert view.document.undo_stack.count() == 1
    assert sorted(view.selected()) == sorted(("card", c) for c in pasted)
    view.document.undo_stack.undo()
    assert all(c not in journey.card_ids() for c in pasted)


def test_duplicate_puts_copies_right_after_the_originals(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    smb = journey.lane_ids()[0]
    first, second = journey.cards_in(land, smb)
    view.select(ItemRef.card(first))
    press_key(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    cards = journey.cards_in(land, smb)
    assert len(cards) == 3 and cards[0] == first and cards[2] == second
    assert journey.card(cards[1]) == journey.card(first)
    assert view.selected() == [("card", cards[1])]
    view.document.undo_stack.undo()
    assert journey.cards_in(land, smb) == [first, second]


def test_delete_selected_cards_is_one_step_and_takes_their_arrows(view) -> None:
    journey = view.document.journey
    land = journey.stage_ids()[0]
    smb = journey.lane_ids()[0]
    first, second = journey.cards_in(land, smb)
    flows = journey.counts()["flows"]
    view.select(ItemRef.card(first))
    view.select(ItemRef.card(second), add=True)
    press_key(view, Qt.Key.Key_Delete)
    assert journey.cards_in(land, smb) == []
    assert journey.counts()["flows"] == flows - 2
    assert first not in view.map_scene.card_items
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert journey.cards_in(land, smb) == [first, second]
    assert journey.counts()["flows"] == flows
    assert first in view.map_scene.card_items


def test_rubber_band_selects_the_cards_it_touches(view) -> None:
    from tests.widgets.canvas.conftest import drag

    journey = view.document.journey
    land = journey.stage_ids()[0]
    smb = journey.lane_ids()[0]
    cell = view.map_scene.layout.cells[(land, smb)].rect
    from PySide6.QtCore import QPointF

    drag(view, QPointF(cell.x + 3, cell.y + 3), QPointF(cell.x + 60, cell.bottom - 30))
    assert {key for key in view.selected() if key[0] == "card"} == {("card", c) for c in journey.cards_in(land, smb)}


def test_quitting_after_a_copy_does_not_crash() -> None:
    """PySide6 crashed at exit (status 139) when a QMimeData made in Python was on the clipboard."""
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from journeymap.editing.document import Document\n"
        "from journeymap.model import ItemRef\n"
        "from journeymap.widgets.canvas import MapView\n"
        "from tests.factories import small_map\n"
        "view = MapView(Document(small_map()))\n"
        "view.select(ItemRef.card(view.document.journey.card_ids()[0]))\n"
        "view.copy_selection()\n"
        "assert 'Pricing page' in app.clipboard().text()\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr
