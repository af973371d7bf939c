"""The Workshop menu: open and close the room, lock it, run dot-voting rounds and the timer.

The room's server runs on its own thread; when it has stored something it emits a signal, which Qt
delivers on the GUI thread, where the arrivals are applied to the map (one cheap model event each).
Arrivals are unsaved work: the document is marked modified. The journal beside the map is deleted
only once the map file on disk holds all of it (after the room closed and the map was saved).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QMessageBox

from journeymap.editing.room_commands import ClearVotesCommand, SetVotingRoundCommand
from journeymap.io.errors import MapFileError
from journeymap.model import MapEvent, VotingRound
from journeymap.model.events import ROOM_ONLY, Change
from journeymap.widgets.canvas.vote_badges import VoteBadges
from journeymap.widgets.dialogs.room_dialogs import OpenRoomDialog, RoomOptions, VotingRoundDialog
from journeymap.widgets.panels.inbox_panel import InboxPanel
from journeymap.widgets.room.board import RoomBoard

# A slice's time includes what the inbox, board and badges do with its entries (they run when each
# batch ends), and the server thread takes its turns with the interpreter lock meanwhile: small
# batches and a short budget keep one slice well under a 16 ms frame on a busy two-core laptop.
SLICE_SECONDS = 0.002
SLICE_ENTRIES = 5
# Between two slices the window gets at least this long for painting and input: a burst's slices
# queued back to back (a wake-up arriving as the last slice ends) would block it as one.
REST_MS = 4
SWITCH_INTERVAL = 0.0001

if TYPE_CHECKING:
    from journeymap.app.main_window import MainWindow
    from journeymap.room.host import RoomHost


class RoomController(QObject):
    arrived = Signal()  # emitted on the server's thread; delivered queued on the GUI thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("roomController")
        self._window = window
        self.document = window.document
        self.host: RoomHost | None = None
        self._switch_interval = sys.getswitchinterval()
        self._wake_pending = threading.Event()
        self.timer_seconds: int | None = None
        self.inbox = InboxPanel(self.document, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inbox)
        self.inbox.hide()
        self.board = RoomBoard(self.document.journey, window.view)
        window.workshop.toggled.connect(self.board.set_large)  # large on the projector
        self.badges = VoteBadges(window.view.map_scene)
        self._publish_soon = QTimer(self)
        self._publish_soon.setSingleShot(True)
        self._publish_soon.setInterval(50)
        self._publish_soon.timeout.connect(self._publish)
        # Arrivals are applied in slices of a few milliseconds, with a rest between them, so a burst
        # never freezes the canvas.
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setTimerType(Qt.TimerType.PreciseTimer)
        self._more.timeout.connect(self.take_arrivals)
        self._slice_ended = 0.0
        self._board_soon = QTimer(self)
        self._board_soon.setSingleShot(True)
        self._board_soon.setInterval(100)
        self._board_soon.timeout.connect(self.board.refresh)
        self.arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)
        self.document.map_changed.connect(self._on_map_changed)
        self.document.modified_changed.connect(self._on_modified_changed)
        self.document.path_changed.connect(self._on_path_changed)
        self.actions = self._build_menu()
        self._update_actions()

    # ------------------------------------------------------------ menu
    def _build_menu(self) -> dict[str, QAction]:
        window = self._window
        menu = QMenu("&Workshop", window.menuBar())
        menu.setObjectName("menuWorkshop")
        help_menu = window.menuBar().findChild(QMenu, "menuHelp")
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), menu)
        else:
            window.menuBar().addMenu(menu)
        actions: dict[str, QAction] = {}
        for name, text, slot in (
            ("actionOpenRoom", "Open &Room…", self.open_room_dialog),
            ("actionCloseRoom", "&Close Room", self.close_room),
            ("actionLockRoom", "&Lock Room", self._toggle_lock),
            (None, None, None),
            ("actionShowInbox", "Show &Inbox", self._show_inbox),
            (None, None, None),
            ("actionStartVoting", "Start Dot &Voting…", self.start_voting_dialog),
            ("actionEndVoting", "&End Voting Round", self.end_voting),
            ("actionClearVotes", "Clear &Votes", self.clear_votes),
            (None, None, None),
            ("actionStartTimer", "Start &Timer…", self.start_timer_dialog),
            ("actionStopTimer", "Stop Ti&mer", lambda: self.set_timer(None)),
        ):
            if name is None or text is None:
                menu.addSeparator()
                continue
            action = QAction(text, window)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            actions[name] = action
        actions["actionLockRoom"].setCheckable(True)
        return actions

    def _update_actions(self) -> None:
        is_open = self.host is not None and self.host.is_open
        voting = self.document.journey.voting
        self.actions["actionOpenRoom"].setEnabled(not is_open)
        self.actions["actionCloseRoom"].setEnabled(is_open)
        self.actions["actionLockRoom"].setEnabled(is_open)
        self.actions["actionEndVoting"].setEnabled(voting.round is not None)
        self.actions["actionClearVotes"].setEnabled(bool(voting.counts()))
        self.actions["actionStopTimer"].setEnabled(self.timer_seconds is not None)

    # ------------------------------------------------------------ the room
    def open_room_dialog(self) -> bool:
        if not self._has_saved_path():
            return False
        dialog = OpenRoomDialog(self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.open_room(dialog.options())

    def open_room(self, options: RoomOptions) -> bool:
        """Start serving; the projector shows the QR code. Returns False (and says why) if it cannot."""
        if self.host is not None and self.host.is_open:
            return True
        path = self.document.path
        if path is None:
            return False
        from journeymap.room.host import RoomHost  # aiohttp loads only when a room opens
        from journeymap.room.server import RoomError

        self.discard_covered_journal()
        host = self.host  # closed, its journal not yet saved into the map: the room goes on with it
        if host is None or host.map_path != path:
            host = RoomHost(self.document.journey, path, options.host, options.port, notify=self._wake)
        try:
            url = host.open(options.host, options.port)
        except (RoomError, MapFileError) as error:
            QMessageBox.warning(self._window, "Cannot open the room", str(error))
            return False
        self.host = host
        # Python hands the GIL between threads every 5 ms by default; while phones send, a shorter
        # interval keeps the GUI thread from queueing behind the server thread for whole frames.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL))
        # A burst of arrivals allocates enough to trigger full garbage collections, which walked every
        # long-lived object of the app (100,000 of them: 100-150 ms with the GUI thread stopped).
        # Frozen, they are skipped; what the room creates is still collected.
        gc.freeze()
        if self.timer_seconds:
            host.set_timer(self.timer_seconds)
        self.board.set_url(url)
        self.inbox.show()
        self.actions["actionLockRoom"].setChecked(False)
        self._update_actions()
        self._window.statusBar().showMessage(f"Room open at {url}", 10000)
        return True

    def close_room(self) -> None:
        """Stop the server and free the port; what it stored is in the map (and, until saved, the journal)."""
        if self.host is None or not self.host.is_open:
            return
        before = self._applied()
        self.host.close()
        sys.setswitchinterval(self._switch_interval)
        if self._applied() > before:
            self._mark_modified()
        self.board.set_url(None)
        self._update_actions()
        self._window.statusBar().showMessage("Room closed", 5000)

    def shutdown(self) -> None:
        """The window closes: close the room first, so everything stored reaches the map before saving."""
        self.close_room()

    def _wake(self) -> None:
        """Called on the server's thread after each journal write: one queued wake-up at a time."""
        if not self._wake_pending.is_set():
            self._wake_pending.set()
            self.arrived.emit()

    def _on_arrived(self) -> None:
        """The server stored something: apply it now, or once the window has had its rest."""
        if self._more.isActive():
            return  # a slice is already due; it takes these too
        rested_ms = (time.perf_counter() - self._slice_ended) * 1000
        if rested_ms >= REST_MS:
            self.take_arrivals()
        else:
            self._more.start(max(1, round(REST_MS - rested_ms)))

    def take_arrivals(self) -> int:
        """Apply what the room stored, for at most SLICE_SECONDS; the rest follows after a rest."""
        self._wake_pending.clear()  # before draining: what is stored after this wakes us again
        if self.host is None:
            return 0
        deadline = time.perf_counter() + SLICE_SECONDS
        count = 0
        while True:
            taken = self.host.take_arrivals(SLICE_ENTRIES)
            count += taken
            if taken < SLICE_ENTRIES:
                break
            if time.perf_counter() > deadline:
                self._more.start(REST_MS)  # the rest after the canvas had its turn
                break
        self._slice_ended = time.perf_counter()
        if count:
            self._mark_modified()
            self._board_soon.start()
        return count

    def _has_saved_path(self) -> bool:
        path = self.document.path
        if path is not None and path.suffix.lower() == ".cjm":
            return True
        QMessageBox.information(
            self._window,
            "Save the map first",
            "A room keeps what phones send beside the map's file. Save the map as a .cjm file, then open the room.",
        )
        return self._window.files.save_as() and self.document.path is not None

    def _applied(self) -> int:
        mark = self.document.journey.journal_mark
        return mark.applied if mark is not None else 0

    def _mark_modified(self) -> None:
        # Arrivals are not undoable edits, but they are unsaved work: closing must ask.
        if self.document.undo_stack.isClean():
            self.document.undo_stack.resetClean()

    def _toggle_lock(self) -> None:
        if self.host is not None:
            self.host.set_locked(self.actions["actionLockRoom"].isChecked())

    def _show_inbox(self) -> None:
        self.inbox.show()
        self.inbox.raise_()

    # ------------------------------------------------------------ voting and the timer
    def start_voting_dialog(self) -> bool:
        dialog = VotingRoundDialog(self.document.journey, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.start_voting(dialog.voting_round())
        return True

    def start_voting(self, voting_round: VotingRound) -> None:
        self.document.push(SetVotingRoundCommand(self.document.journey, voting_round))

    def end_voting(self) -> None:
        if self.document.journey.voting.round is not None:
            self.document.push(SetVotingRoundCommand(self.document.journey, None))

    def clear_votes(self) -> None:
        if self.document.journey.voting.counts():
            self.document.push(ClearVotesCommand(self.document.journey))

    def start_timer_dialog(self) -> bool:
        minutes, ok = QInputDialog.getInt(self._window, "Start Timer", "Minutes:", 5, 1, 180)
        if ok:
            self.set_timer(minutes * 60)
        return ok

    def set_timer(self, seconds: int | None) -> None:
        self.timer_seconds = seconds or None
        self.board.set_timer(self.timer_seconds)
        if self.host is not None and self.host.is_open:
            self.host.set_timer(self.timer_seconds)
        self._update_actions()

    # ------------------------------------------------------------ following the document
    def _on_map_changed(self, event: MapEvent) -> None:
        if event.change in (Change.INBOX_ADDED, Change.INBOX_REMOVED, Change.VOTES_CHANGED, Change.RESET):
            self._board_soon.start()
        if event.change not in ROOM_ONLY or event.change is Change.VOTING_CHANGED:
            self._publish_soon.start()  # names, round cards or the round changed: tell the phones
        if event.change in (Change.VOTES_CHANGED, Change.VOTING_CHANGED, Change.RESET):
            self._update_actions()

    def _publish(self) -> None:
        if self.host is not None and self.host.is_open:
            self.host.publish()

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard_covered_journal()

    def discard_covered_journal(self) -> None:
        """After a save: a closed room's journal goes once the saved map holds every entry of it."""
        host = self.host
        if host is None or host.is_open or host.journal is None:
            return
        if self.document.path == host.map_path and not self.document.is_modified:
            host.discard_journal()
        if host.journal is None:
            self.host = None

    def _on_path_changed(self, _path: str) -> None:
        # Another map is now in the window (or this one saved elsewhere): the room belonged to the old file.
        host = self.host
        if host is None or self.document.path == host.map_path:
            return
        if host.is_open:
            # What the server still holds belongs to the old file: it stays in that file's journal and
            # comes back when that file is opened, never into the map now showing.
            host.close(apply=False)
            self.board.set_url(None)
        host.release()
        self.host = None
        self._update_actions()
