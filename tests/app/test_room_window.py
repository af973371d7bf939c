"""The room in the app: Workshop > Open Room, phones' ideas in the Inbox, accept/merge/reject with undo,
dot voting with dots on cards and a ranking, the timer, Close Room freeing the port, nothing lost."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.model import VoteScope, VotingRound
from journeymap.room.journal import journal_path
from journeymap.widgets.dialogs.room_dialogs import RoomOptions
from tests.factories import small_map
from tests.room.phone import Phone


@pytest.fixture
def saved_map(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.cjm"
    save_cjm(small_map(), path)
    return path


@pytest.fixture
def room_window(make_window, saved_map: Path):
    window = make_window(load_cjm(saved_map), saved_map)
    yield window
    window.room.close_room()


def _open(window) -> str:
    assert window.room.open_room(RoomOptions("127.0.0.1", 0))
    return window.room.host.url


def _arrive(window, qtbot, count: int) -> None:
    qtbot.waitUntil(lambda: len(window.document.journey.inbox) == count, timeout=5000)


def test_the_workshop_menu_has_the_room_and_the_board_shows_how_to_join(room_window, qtbot) -> None:
    menu = room_window.menuBar().findChild(QMenu, "menuWorkshop")
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names[:3] == ["actionOpenRoom", "actionCloseRoom", "actionLockRoom"]
    assert not room_window.findChild(QAction, "actionCloseRoom").isEnabled()
    url = _open(room_window)
    board = room_window.room.board
    assert board.isVisible() and board.url.text() == url
    assert not board.qr.pixmap().isNull() and board.qr.pixmap().width() >= 100
    assert board.ideas.text() == "No new ideas"
    assert room_window.room.inbox.isVisible()
    assert room_window.findChild(QAction, "actionCloseRoom").isEnabled()


def test_ideas_arrive_in_the_inbox_and_accept_is_one_undo_step(room_window, qtbot) -> None:
    url = _open(room_window)
    journey = room_window.document.journey
    adoption = journey.stage_ids()[1]
    enterprise = journey.lane_ids()[1]
    phone = Phone(url)
    assert (
        phone.card("Training videos", "1", kind="opportunity", stage=adoption, persona=enterprise, author="Ana")[0]
        == 201
    )
    assert phone.card("<b>bold</b> idea", "2")[0] == 201
    _arrive(room_window, qtbot, 2)
    panel = room_window.room.inbox
    assert panel.count.text() == "2 new ideas"
    qtbot.waitUntil(lambda: room_window.room.board.ideas.text() == "2 new ideas", timeout=3000)
    assert room_window.document.is_modified  # arrivals are unsaved work
    assert panel.list.item(1).text().startswith("<b>bold</b> idea")  # plain text, as typed

    panel.list.setCurrentRow(0)
    assert (panel.stage.currentData(), panel.lane.currentData()) == (adoption, enterprise)  # the suggested cell
    before = journey.cards_in(adoption, enterprise)
    assert panel.accept_selected(), (panel.message.text(), panel.title.text())
    added = journey.cards_in(adoption, enterprise)[-1]
    assert journey.card(added).title == "Training videos" and journey.card(added).kind.value == "opportunity"
    assert journey.card(added).notes == "From the room: Ana"
    assert len(journey.inbox) == 1
    room_window.document.undo_stack.undo()
    assert journey.cards_in(adoption, enterprise) == before
    assert journey.inbox.ids()[0] == "idea-1" and len(journey.inbox) == 2

    # Edit, then accept into another cell.
    panel.list.setCurrentRow(1)
    panel.title.setText("Bold idea")
    panel.stage.setCurrentIndex(0)
    panel.lane.setCurrentIndex(0)
    assert panel.accept_selected()
    land, smb = journey.stage_ids()[0], journey.lane_ids()[0]
    assert journey.card(journey.cards_in(land, smb)[-1]).title == "Bold idea"


def test_merge_and_reject_each_undo_in_one_step(room_window, qtbot) -> None:
    url = _open(room_window)
    phone = Phone(url)
    phone.card("Import is confusing", "1", kind="pain_point")
    phone.card("spam", "2")
    _arrive(room_window, qtbot, 2)
    journey = room_window.document.journey
    panel = room_window.room.inbox
    stuck = next(c for c in journey.card_ids() if journey.card(c).title == "Stuck on import")
    panel.list.setCurrentRow(0)
    panel.merge_target.setCurrentIndex(panel.merge_target.findData(stuck))
    assert panel.merge_selected()
    assert journey.card(stuck).notes == "Also said in the room: Import is confusing"
    panel.list.setCurrentRow(0)
    assert panel.reject_selected()
    assert len(journey.inbox) == 0
    stack = room_window.document.undo_stack
    stack.undo()
    assert journey.inbox.ids() == ["idea-2"]
    stack.undo()
    assert journey.inbox.ids() == ["idea-1", "idea-2"] and journey.card(stuck).notes == ""


def test_voting_shows_dots_on_cards_and_a_ranking(room_window, qtbot) -> None:
    url = _open(room_window)
    room_window.room.start_voting(VotingRound(3, VoteScope.ALL))
    journey = room_window.document.journey
    stuck = next(c for c in journey.card_ids() if journey.card(c).title == "Stuck on import")
    checkout = next(c for c in journey.card_ids() if journey.card(c).title == "Checkout")
    phone = Phone(url)
    qtbot.waitUntil(lambda: phone.state()["voting"] is not None, timeout=3000)
    for n, card in enumerate((stuck, stuck, checkout)):
        assert phone.vote(card, str(n))[0] == 201
    qtbot.waitUntil(lambda: journey.voting.count(stuck) == 2 and journey.voting.count(checkout) == 1, timeout=5000)
    badges = room_window.room.badges
    qtbot.waitUntil(lambda: badges.badge(checkout) is not None and badges.badge(stuck).count == 2, timeout=3000)
    assert badges.badge(checkout).count == 1
    assert badges.badge(stuck).parentItem() is room_window.view.map_scene.card_items[stuck]
    qtbot.waitUntil(
        lambda: room_window.room.board.ranking.text().splitlines() == ["●● 2  Stuck on import", "● 1  Checkout"],
        timeout=3000,
    )
    room_window.room.clear_votes()
    assert journey.voting.counts() == {}
    qtbot.waitUntil(lambda: badges.badge(stuck) is None, timeout=3000)
    room_window.document.undo_stack.undo()
    assert journey.voting.count(stuck) == 2
    qtbot.waitUntil(lambda: badges.badge(stuck) is not None and badges.badge(stuck).count == 2, timeout=3000)


def test_the_timer_is_large_on_the_projector_and_on_phones(room_window) -> None:
    url = _open(room_window)
    room_window.room.set_timer(120)
    board = room_window.room.board
    assert board.timer.isVisible() and board.timer.text() in ("2:00", "1:59")
    assert board.timer.font().pointSize() >= 28
    room_window.workshop.enter()
    assert board.timer.font().pointSize() >= 48 and board.isVisible()  # large on the projector
    room_window.workshop.leave()
    assert Phone(url).state()["timer"]["seconds"] == 120
    room_window.room.set_timer(None)
    assert not board.timer.isVisible()


def test_close_room_frees_the_port_and_saving_retires_the_journal(room_window, saved_map: Path, qtbot) -> None:
    url = _open(room_window)
    port = room_window.room.host.server.port
    Phone(url).card("Keep me", "1")
    _arrive(room_window, qtbot, 1)
    room_window.findChild(QAction, "actionCloseRoom").trigger()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))
    assert not room_window.room.board.qr.isVisible()
    assert journal_path(saved_map).exists()  # until the map is saved, the journal keeps the idea
    assert room_window.files.save()
    assert not journal_path(saved_map).exists()
    assert [
        i["title"]
        for i in __import__("journeymap.io.describe", fromlist=["describe"]).describe(load_cjm(saved_map))["inbox"]
    ] == ["Keep me"]


def test_opening_a_map_a_killed_room_left_replays_its_journal(make_window, saved_map: Path, qtbot) -> None:
    from journeymap.room.host import RoomHost

    host = RoomHost(load_cjm(saved_map), saved_map)
    url = host.open()
    assert Phone(url).card("Said just before the crash", "1")[0] == 201
    host.server.stop()  # as if killed: nothing applied, nothing saved, the journal left behind
    host.release()
    window = make_window()
    assert window.files.open_path(saved_map)
    inbox = window.document.journey.inbox
    assert [inbox.get(i).title for i in inbox.ids()] == ["Said just before the crash"]
    assert not journal_path(saved_map).exists()
    assert "Brought 1 ideas" in window.statusBar().currentMessage()


def test_closing_and_opening_the_room_again_before_saving_keeps_one_journal(
    room_window, saved_map: Path, qtbot
) -> None:
    Phone(_open(room_window)).card("First session", "1")
    _arrive(room_window, qtbot, 1)
    room_window.room.close_room()
    assert room_window.document.is_modified and journal_path(saved_map).exists()
    url = _open(room_window)  # not saved in between
    Phone(url).card("Second session", "1")
    _arrive(room_window, qtbot, 2)
    room_window.room.close_room()
    assert room_window.files.save()
    assert not journal_path(saved_map).exists()
    inbox = load_cjm(saved_map).inbox
    assert [inbox.get(i).title for i in inbox.ids()] == ["First session", "Second session"]


def test_an_untitled_map_is_saved_first_and_the_dialogs_choose_address_and_round(
    make_window, dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from journeymap.widgets.dialogs.room_dialogs import LOOPBACK, OpenRoomDialog, VotingRoundDialog

    window = make_window(small_map())
    target = tmp_path / "new.cjm"
    dialogs.files.append(str(target))
    chosen = {}

    def accept_open(dialog: OpenRoomDialog) -> int:
        addresses = [dialog.address.itemData(i) for i in range(dialog.address.count())]
        assert addresses[-1] == LOOPBACK  # this computer only is always offered, last
        dialog.address.setCurrentIndex(len(addresses) - 1)
        chosen["open"] = True
        return QDialog.DialogCode.Accepted

    def accept_round(dialog: VotingRoundDialog) -> int:
        dialog.dots.setValue(5)
        dialog.scope.setCurrentIndex(dialog.scope.findText("Stage: Adoption"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OpenRoomDialog, "exec", accept_open)
    monkeypatch.setattr(VotingRoundDialog, "exec", accept_round)
    window.findChild(QAction, "actionOpenRoom").trigger()
    assert "information" in dialogs.kinds() and target.exists()
    assert chosen and window.room.host.url.startswith("http://127.0.0.1:")
    window.findChild(QAction, "actionStartVoting").trigger()
    journey = window.document.journey
    assert journey.voting.round == VotingRound(5, VoteScope.STAGE, journey.stage_ids()[1])
    assert window.document.undo_stack.undoText() == "Start voting round (5 dots)"
    window.findChild(QAction, "actionEndVoting").trigger()
    assert journey.voting.round is None
    window.room.close_room()
