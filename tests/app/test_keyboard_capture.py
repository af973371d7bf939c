"""Keyboard-only capture (issue 11, addition 1): a whole capture round with key events only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from journeymap.model import ItemRef, JourneyMap, Kind

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def _blank() -> JourneyMap:
    journey = JourneyMap()
    journey.set_title("Workshop")
    for name in ("Discover", "Buy"):
        journey.add_stage(name)
    for name in ("Buyer", "Admin"):
        journey.add_lane(name)
    return journey


def test_a_capture_round_without_the_mouse(make_window) -> None:
    window = make_window(_blank())
    journey = window.document.journey
    view = window.view
    discover, buy = journey.stage_ids()
    buyer, admin = journey.lane_ids()
    view.setFocus()

    def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(view, k, modifiers)

    key(Qt.Key.Key_Down)  # onto the first cell, empty: the cell itself is where we stand
    assert view.actions_.keyboard.cell == (discover, buyer)
    key(Qt.Key.Key_Return)  # Enter on an empty cell starts a card there
    QTest.keyClicks(view, "Sees an ad")
    key(Qt.Key.Key_Tab)  # Tab: that card, and the next one in the cell
    QTest.keyClicks(view, "Reads reviews")
    key(Qt.Key.Key_Return)
    first, second = journey.cards_in(discover, buyer)
    assert [journey.card(c).title for c in (first, second)] == ["Sees an ad", "Reads reviews"]
    assert view.selected() == [ItemRef.card(second)]

    key(Qt.Key.Key_K, CTRL)  # kind: touchpoint -> pain point
    key(Qt.Key.Key_Down, CTRL | SHIFT)  # emotion: none -> -1
    assert journey.card(second).kind is Kind.PAIN_POINT and journey.card(second).emotion == -1

    key(Qt.Key.Key_Up)  # up the cell to the first card
    assert view.selected() == [ItemRef.card(first)]
    key(Qt.Key.Key_Right)  # the next stage's cell is empty: stand on it
    assert view.actions_.keyboard.cell == (buy, buyer) and view.selected() == []
    key(Qt.Key.Key_Tab)  # Tab on an empty cell adds its first card
    QTest.keyClicks(view, "Signs up")
    key(Qt.Key.Key_Return)
    (third,) = journey.cards_in(buy, buyer)
    assert view.selected() == [ItemRef.card(third)]

    key(Qt.Key.Key_Left)  # back to the first stage, the card at the same height
    assert view.selected() == [ItemRef.card(first)]
    stack = window.document.undo_stack
    steps = stack.count()
    key(Qt.Key.Key_Down, CTRL)  # carry the card down into the Admin lane: one undo step
    assert journey.cell_of(first) == (discover, admin)
    assert view.selected() == [ItemRef.card(first)]
    assert stack.count() == steps + 1
    key(Qt.Key.Key_Z, CTRL)
    assert journey.cell_of(first) == (discover, buyer)

    key(Qt.Key.Key_F2)  # Enter or F2 edits the selected card's title
    QTest.keyClicks(view, "Sees a TV ad")
    key(Qt.Key.Key_Return)
    assert journey.card(first).title == "Sees a TV ad"
    assert view.selected() == [ItemRef.card(first)]


def test_alt_arrows_follow_arrows_from_card_to_card(make_window) -> None:
    window = make_window()
    journey = window.document.journey
    source, target = journey.flows()[0]
    view = window.view
    view.setFocus()
    view.select(ItemRef.card(source))
    QTest.keyClick(view, Qt.Key.Key_Right, ALT)
    (now,) = view.selected()
    assert journey.has_flow(source, now.id)
    QTest.keyClick(view, Qt.Key.Key_Left, ALT)
    (back,) = view.selected()
    assert journey.has_flow(back.id, now.id)


def test_an_arrow_label_is_edited_on_the_canvas_and_printed_on_the_poster(make_window, qtbot) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from journeymap.io.pdf.writer import pdf_bytes

    window = make_window()
    journey = window.document.journey
    source, target = journey.flows()[0]
    view = window.view
    item = view.map_scene.item_for(ItemRef.flow(source, target))
    # Double-click the arrow itself (its middle point, through the viewport) to write its label.
    route = view.map_scene.layout.flows[(source, target)].points
    (ax, ay), (bx, by) = max(zip(route, route[1:], strict=False), key=lambda s: abs(s[1][0] - s[0][0]))
    point = view.mapFromScene((ax + bx) / 2, ay)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.keyClicks(view, "signed contract")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert journey.flow(source, target).label == "signed contract"
    assert window.document.undo_stack.undoText().startswith("Edit label of")
    item = view.map_scene.item_for(ItemRef.flow(source, target))
    assert item.label is not None and item.label.text == "signed contract"
    assert item.label_rect().width() > 0
    # The poster prints the same words.
    data, _notices = pdf_bytes(journey)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert "signed contract" in text


def test_stage_and_lane_names_stay_on_screen_while_panning(make_window, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from journeymap.editing.commands import AddCardCommand
    from journeymap.layout.style import HEADER_FILL
    from journeymap.model import Touchpoint

    window = make_window()
    journey = window.document.journey
    for n in range(12):  # a tall map: it scrolls at 100 %
        window.document.push(
            AddCardCommand(journey, journey.stage_ids()[2], journey.lane_ids()[-1], Touchpoint(f"Step {n}"))
        )
    view = window.view
    view.set_zoom(1.0)
    stages = view.findChild(QWidget, "frozenStageNames")
    lanes = view.findChild(QWidget, "frozenLaneNames")
    view.horizontalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(0)
    assert not stages.isVisible() and not lanes.isVisible()  # the real headers are on screen

    # Pan right and down with the scroll bars, as a user dragging them would.
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: stages.isVisible() and lanes.isVisible(), timeout=2000)
    image = view.viewport().grab().toImage()
    layout = view.map_scene.layout
    last = layout.stages[layout.stage_order[-1]]
    x = view.mapFromScene(last.column.x + last.column.width / 2, 0).x()
    assert image.pixelColor(x, 2).name() == HEADER_FILL.lower()  # the stage name strip at the top edge
    assert image.pixelColor(layout.style.lane_bar + 4, image.height() // 2).name() == HEADER_FILL.lower()
