"""The Gaps & health panel: what the map does not say yet, and where ownership changes hands.

One entry per finding of :func:`journeymap.analysis.find_gaps` (empty cells, stages missing fields,
timelines that are no duration, unanswered pain points, cards without channel or owner) and of the
handoff ledger. Activating an entry selects its place on the map and scrolls it into view: the card,
the stage, the arrow, or for an empty cell its stage and lane (so Ctrl+Return adds a card there).
The list follows every edit, recomputed once per burst of changes and only while the panel shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from journeymap.analysis import find_gaps, flow_handoffs, stage_handoffs
from journeymap.analysis.gaps import FIELD_LABELS
from journeymap.analysis.handoffs import RISKY_EMOTION
from journeymap.editing.document import Document
from journeymap.layout.style import RISK_INK
from journeymap.model import MapEvent

PLACE = Qt.ItemDataRole.UserRole  # (kind, ids...) of an entry's place on the map
MAX_PER_GROUP = 300  # a big map can lack thousands of channels; the rest are counted, not listed


class GapsPanel(QDockWidget):
    """A dock listing gaps and handoffs; ``place_chosen`` says which place an entry stands for."""

    place_chosen = Signal(tuple)  # ("card", id) | ("stage", id) | ("flow", source, target) | ("cell", stage, lane)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("Gaps && health", parent)  # a dock title shows "&&" as "&"
        self.setObjectName("gapsPanel")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self._document = document
        self.summary = QLabel()
        self.summary.setObjectName("gapsSummary")
        self.summary.setWordWrap(True)
        self.summary.setMargin(6)
        self.tree = QTreeWidget()
        self.tree.setObjectName("gapsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # one edit emits several events: recompute once
        self._timer.timeout.connect(self.refresh)
        document.map_changed.connect(self._on_map_changed)
        self._stale = True

    # ------------------------------------------------------------------ following the map
    def _on_map_changed(self, _event: MapEvent) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt virtual
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the map as it is now, keeping which groups were folded."""
        self._stale = False
        journey = self._document.journey
        folded = {group.data(0, PLACE) for group in self._groups() if not group.isExpanded()}
        self.tree.clear()
        stage = {s: journey.stage(s).name or "(unnamed stage)" for s in journey.stage_ids()}
        lane = {p: journey.lane(p).name or "(unnamed persona)" for p in journey.lane_ids()}
        title = {c: journey.card(c).title or "(untitled card)" for c in journey.card_ids()}
        gaps = find_gaps(journey)
        groups: list[tuple[str, list[tuple[str, tuple[str, ...], bool]]]] = [
            ("Empty cells", [(f"{stage[s]} × {lane[p]}", ("cell", s, p), False) for s, p in gaps.empty_cells]),
            (
                "Stages missing fields",
                [
                    (f"{stage[g.stage]}: " + ", ".join(FIELD_LABELS[f] for f in g.fields), ("stage", g.stage), False)
                    for g in gaps.stage_fields_missing
                ],
            ),
            (
                "Timelines that are not a duration",
                [
                    (f"{stage[s]}: “{journey.stage(s).timeline.strip()}”", ("stage", s), False)
                    for s in gaps.unreadable_timelines
                ],
            ),
            (
                "Pain points with no opportunity",
                [
                    (f"{title[c]} ({stage[journey.cell_of(c)[0]]}, {lane[journey.cell_of(c)[1]]})", ("card", c), False)
                    for c in gaps.unanswered_pain_points
                ],
            ),
            (
                "Cards missing channel or owner",
                [
                    (f"{title[g.card]}: " + ", ".join(FIELD_LABELS[f] for f in g.fields), ("card", g.card), False)
                    for g in gaps.cards_missing
                ],
            ),
            ("Handoffs", self._handoffs(stage, title)),
        ]
        total = 0
        for heading, entries in groups:
            if not entries:
                continue
            group = QTreeWidgetItem([f"{heading} ({len(entries)})"])
            group.setData(0, PLACE, heading)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for text, place, risk in entries[:MAX_PER_GROUP]:
                item = QTreeWidgetItem([text])
                item.setData(0, PLACE, place)
                item.setToolTip(0, text)
                if risk:
                    item.setForeground(0, QBrush(QColor(RISK_INK)))
                group.addChild(item)
            if len(entries) > MAX_PER_GROUP:
                more = QTreeWidgetItem([f"… and {len(entries) - MAX_PER_GROUP} more (journeymap report lists all)"])
                group.addChild(more)
            group.setExpanded(heading not in folded)
            if heading != "Handoffs":
                total += len(entries)
        self.summary.setText(
            "No gaps: every cell has a card and every stage its fields."
            if not total
            else f"{total} gap{'s' if total != 1 else ''} to close. Click one to find it on the map."
        )

    def _handoffs(self, stage: dict[str, str], title: dict[str, str]) -> list[tuple[str, tuple[str, ...], bool]]:
        journey = self._document.journey
        entries: list[tuple[str, tuple[str, ...], bool]] = []
        for handoff in stage_handoffs(journey):
            risk = any(
                (journey.card(c).emotion or 0) <= RISKY_EMOTION
                for p in journey.lane_ids()
                for c in journey.cards_in(handoff.to_stage, p)
                if journey.card(c).emotion is not None
            )
            entries.append(
                (
                    f"{'⚠ ' if risk else ''}{stage[handoff.from_stage]} → {stage[handoff.to_stage]}: "
                    f"{handoff.from_owner} → {handoff.to_owner}",
                    ("stage", handoff.to_stage),
                    risk,
                )
            )
        for number, flow in enumerate(flow_handoffs(journey), 1):
            entries.append(
                (
                    f"{'⚠ ' if flow.risk else ''}Arrow {number}, {title[flow.source]} → "
                    f"{title[flow.target]}: {flow.from_owner} → {flow.to_owner}",
                    ("flow", flow.source, flow.target),
                    flow.risk,
                )
            )
        return entries

    def entries(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every entry's text and place, group by group (what tests and scripts read)."""
        found = []
        for group in self._groups():
            for j in range(group.childCount()):
                item = group.child(j)
                if item is not None and item.data(0, PLACE) is not None:
                    found.append((item.text(0), tuple(item.data(0, PLACE))))
        return found

    def _groups(self) -> list[QTreeWidgetItem]:
        tree = self.tree
        return [group for i in range(tree.topLevelItemCount()) if (group := tree.topLevelItem(i)) is not None]

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE)
        if isinstance(place, (tuple, list)):
            self.place_chosen.emit(tuple(place))
