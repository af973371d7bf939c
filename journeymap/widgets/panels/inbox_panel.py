"""The Inbox: what the room sent, waiting for the facilitator to accept, edit, merge or reject.

Nothing a phone sends goes on the map by itself. Each decision is one command on the undo stack,
so a wrong click is one Ctrl+Z away. Participant text is shown as plain text only.

Rows wrap long titles, so their heights differ. Left to itself, the list measures every row's text
again each time rows are added (Qt lays the whole list out anew): with hundreds of ideas arriving
in a burst that was the GUI thread's longest block. Each row's height is measured once, when it is
added, and handed to the list; only a change of the list's width measures them all again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from journeymap.editing.document import Document
from journeymap.editing.room_commands import (
    AcceptSubmissionCommand,
    MergeSubmissionCommand,
    RejectSubmissionCommand,
)
from journeymap.model import Change, InboxError, JourneyMap, Kind, MapError, MapEvent, NodeType, Submission

KIND_NAMES = {
    Kind.TOUCHPOINT: "Touchpoint",
    Kind.PAIN_POINT: "Pain point",
    Kind.OPPORTUNITY: "Opportunity",
    Kind.THOUGHT: "Thought",
}
_REFRESH_TARGETS = {
    Change.RESET,
    Change.STAGE_ADDED,
    Change.STAGE_REMOVED,
    Change.STAGE_CHANGED,
    Change.STAGES_REORDERED,
    Change.LANE_ADDED,
    Change.LANE_REMOVED,
    Change.LANE_CHANGED,
    Change.LANES_REORDERED,
    Change.CARD_ADDED,
    Change.CARD_REMOVED,
    Change.CARD_CHANGED,
}

REWRAP_MS = 40  # a dragged dock edge re-measures the rows once it rests this long


class RowMeasure:
    """Rows' sizes at the list's current width, as the item view wraps and draws their text.

    Made once per batch of rows: the list's width, margins and font are read once, and each row
    costs one text measurement (a burst of hundreds of ideas is measured on the GUI thread).
    """

    def __init__(self, view: QListWidget) -> None:
        self.width = view.viewport().width()
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._bounds = QRect(0, 0, max(1, self.width - 2 * margin), 1_000_000)
        self._metrics = view.fontMetrics()

    def size(self, text: str) -> QSize:
        # As wide as the list: no sideways scrolling; a word longer than that is elided when drawn.
        return QSize(self.width, self._metrics.boundingRect(self._bounds, Qt.TextFlag.TextWordWrap, text).height())


class InboxPanel(QDockWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("Inbox", parent)
        self.setObjectName("inboxPanel")
        self._document = document
        body = QWidget()
        layout = QVBoxLayout(body)
        self.count = QLabel()
        self.count.setObjectName("inboxCount")
        self.list = QListWidget()
        self.list.setObjectName("inboxList")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self._rewrap = QTimer(self)
        self._rewrap.setSingleShot(True)
        self._rewrap.setInterval(REWRAP_MS)
        self._rewrap.timeout.connect(self._measure_rows)
        self.list.viewport().installEventFilter(self)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)

        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setObjectName("inboxTitle")
        self.title.setMaxLength(500)
        self.kind = QComboBox()
        self.kind.setObjectName("inboxKind")
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name, kind)
        self.stage = QComboBox()
        self.stage.setObjectName("inboxStage")
        self.lane = QComboBox()
        self.lane.setObjectName("inboxLane")
        form.addRow("Title", self.title)
        form.addRow("Kind", self.kind)
        form.addRow("Stage", self.stage)
        form.addRow("Lane", self.lane)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.accept = self._button("inboxAccept", "Accept", self.accept_selected, buttons)
        self.reject = self._button("inboxReject", "Reject", self.reject_selected, buttons)
        layout.addLayout(buttons)
        merge = QHBoxLayout()
        self.merge_target = QComboBox()
        self.merge_target.setObjectName("inboxMergeTarget")
        merge.addWidget(self.merge_target, 1)
        self.merge = self._button("inboxMerge", "Merge into", self.merge_selected, merge)
        layout.addLayout(merge)
        self.message = QLabel()
        self.message.setObjectName("inboxMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)

        document.map_changed.connect(self._on_map_changed)
        self._rebuild()

    def _button(self, name: str, text: str, slot: object, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    @property
    def journey(self) -> JourneyMap:
        return self._document.journey

    # ------------------------------------------------------------ following the map
    def _on_map_changed(self, event: MapEvent) -> None:
        inbox = self.journey.inbox
        ids = event.ids
        if (
            event.change is Change.INBOX_ADDED
            and ids
            and len(inbox) == self.list.count() + len(ids)
            and inbox.ids()[-len(ids) :] == list(ids)
        ):
            rows = RowMeasure(self.list)
            for submission_id in ids:  # arrivals: appended, not a rebuild
                self.list.addItem(self._item(submission_id, inbox.get(submission_id), rows))
            self._show_count()
            if self.list.currentItem() is None:
                self.list.setCurrentRow(0)
        elif event.change in (Change.INBOX_ADDED, Change.INBOX_REMOVED, Change.INBOX_CHANGED, Change.RESET):
            self._rebuild()
        elif event.change in _REFRESH_TARGETS:
            self._show_selected()

    def _rebuild(self) -> None:
        current = self.selected_id()
        row = self.list.currentRow()
        self.list.clear()
        inbox = self.journey.inbox
        rows = RowMeasure(self.list)
        for submission_id in inbox.ids():
            self.list.addItem(self._item(submission_id, inbox.get(submission_id), rows))
        ids = inbox.ids()
        if current in ids:
            self.list.setCurrentRow(ids.index(current))
        elif ids:
            self.list.setCurrentRow(min(max(row, 0), len(ids) - 1))
        self._show_count()
        self._show_selected()

    def _item(self, submission_id: str, submission: Submission, rows: RowMeasure) -> QListWidgetItem:
        details = [KIND_NAMES[submission.kind]]
        cell = [self._name(NodeType.STAGE, submission.stage), self._name(NodeType.LANE, submission.persona)]
        if any(cell):
            details.append(" / ".join(name or "any" for name in cell))
        details.append(submission.author or "anonymous")
        text = f"{submission.title}\n{' · '.join(details)}"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, submission_id)
        item.setSizeHint(rows.size(text))
        return item

    def _measure_rows(self) -> None:
        rows = RowMeasure(self.list)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSizeHint(rows.size(item.text()))
        self.list.doItemsLayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        resized = isinstance(event, QResizeEvent) and event.size().width() != event.oldSize().width()
        if resized and watched is self.list.viewport():
            self._rewrap.start()
        return super().eventFilter(watched, event)

    def _name(self, kind: NodeType, node_id: str | None) -> str:
        if node_id is None or self.journey.node_type(node_id) != kind:
            return ""
        journey = self.journey
        return journey.stage(node_id).name if kind is NodeType.STAGE else journey.lane(node_id).name

    def _show_count(self) -> None:
        count = len(self.journey.inbox)
        self.count.setText("No new ideas" if not count else "1 new idea" if count == 1 else f"{count} new ideas")

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_selected(self) -> None:
        submission_id = self.selected_id()
        inbox = self.journey.inbox
        submission = inbox.get(submission_id) if submission_id is not None and submission_id in inbox else None
        for widget in (
            self.title,
            self.kind,
            self.stage,
            self.lane,
            self.accept,
            self.reject,
            self.merge,
            self.merge_target,
        ):
            widget.setEnabled(submission is not None)
        self._fill(
            self.stage,
            [(s, self.journey.stage(s).name) for s in self.journey.stage_ids()],
            submission.stage if submission else None,
        )
        self._fill(
            self.lane,
            [(p, self.journey.lane(p).name) for p in self.journey.lane_ids()],
            submission.persona if submission else None,
        )
        self._fill(self.merge_target, [(c, self.journey.card(c).title) for c in self.journey.card_ids()], None)
        if submission is not None:
            self.title.setText(submission.title)
            self.kind.setCurrentIndex(self.kind.findData(submission.kind))
        else:
            self.title.clear()
        self.accept.setEnabled(submission is not None and self.stage.count() > 0 and self.lane.count() > 0)

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]], chosen: str | None) -> None:
        keep = chosen if chosen is not None else combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for node_id, name in items:
            combo.addItem(" ".join(name.split()) or "(untitled)", node_id)
        index = combo.findData(keep)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    # ------------------------------------------------------------ decisions
    def accept_selected(self) -> bool:
        """Accept into the chosen cell (the suggested one unless changed), with any edits."""
        submission_id = self.selected_id()
        if submission_id is None:
            return False
        title = " ".join(self.title.text().split())
        if not title:
            self.message.setText("Give the card a title before accepting it.")
            return False
        submission = self.journey.inbox.get(submission_id)
        kind = Kind(self.kind.currentData())  # combo data comes back as plain text
        return self._push(
            AcceptSubmissionCommand(
                self.journey,
                submission_id,
                self.stage.currentData(),
                self.lane.currentData(),
                None if title == submission.title else title,
                None if kind == submission.kind else kind,
            )
        )

    def merge_selected(self) -> bool:
        submission_id, card_id = self.selected_id(), self.merge_target.currentData()
        if submission_id is None or card_id is None:
            return False
        return self._push(MergeSubmissionCommand(self.journey, submission_id, card_id))

    def reject_selected(self) -> bool:
        submission_id = self.selected_id()
        if submission_id is None:
            return False
        return self._push(RejectSubmissionCommand(self.journey, submission_id))

    def _push(self, command: object) -> bool:
        try:
            self._document.push(command)  # type: ignore[arg-type]
        except (MapError, InboxError) as error:
            self.message.setText(str(error))
            return False
        self.message.setText(command.text())  # type: ignore[attr-defined]
        return True
