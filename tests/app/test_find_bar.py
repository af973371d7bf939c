"""Find (Ctrl+F): a bar that highlights matching cards and cycles through them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def _first_card_title(window) -> str:
    journey = window.document.journey
    return journey.card(journey.card_ids()[0]).title


def test_ctrl_f_opens_the_bar_and_counts_matches(make_window, qtbot) -> None:
    window = make_window()
    bar = window.find_bar
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.edit.hasFocus()

    word = _first_card_title(window).split()[0]
    qtbot.keyClicks(bar.edit, word)
    expected = sum(
        word.lower() in (window.document.journey.card(c).title.lower()) for c in window.document.journey.card_ids()
    )
    assert bar.matches >= expected >= 1
    assert bar.count_label.text() == f"1 of {bar.matches}"

    qtbot.keyClicks(bar.edit, "zzzz-nothing")
    assert bar.count_label.text() == "No matches"


def test_enter_and_shift_enter_cycle_esc_closes(make_window, qtbot, monkeypatch) -> None:
    window = make_window()
    bar = window.find_bar
    steps: list[str] = []
    monkeypatch.setattr(window.view, "find_next", lambda: steps.append("next"))
    monkeypatch.setattr(window.view, "find_previous", lambda: steps.append("previous"))
    bar.open_bar()
    qtbot.keyClicks(bar.edit, _first_card_title(window)[:3])
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(bar.edit, Qt.Key.Key_F3)
    QTest.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert steps == ["next", "previous", "next", "previous"]

    cleared: list[bool] = []
    monkeypatch.setattr(window.view, "clear_find", lambda: cleared.append(True))
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and cleared


def test_find_next_moves_through_the_matches(make_window, qtbot) -> None:
    window = make_window()
    bar = window.find_bar
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "a")  # matches many cards of the sample
    assert bar.matches > 1
    seen = [window.view.finder.current()]
    for _ in range(bar.matches):
        QTest.keyClick(bar.edit, Qt.Key.Key_Return)
        seen.append(window.view.finder.current())
    assert len(set(seen)) == bar.matches  # each Enter showed another card...
    assert seen[0] == seen[-1]  # ...and it cycles back to the first
    assert bar.count_label.text() == f"1 of {bar.matches}"
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"{bar.matches} of {bar.matches}"
