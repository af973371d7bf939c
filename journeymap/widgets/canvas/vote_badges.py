"""Dots on cards: a small badge with the vote count at a card's bottom-right corner, on the canvas.

The badges are children of the card items, so they move with a dragged card; they are re-attached
after the scene re-lays out (card items may be rebuilt) and whenever the counts change. Nothing
here changes how cards are laid out or drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from shiboken6 import isValid

from journeymap.model import Change, MapEvent

SIZE = 22.0
DOT = QColor("#1f2933")


class VoteBadgeItem(QGraphicsItem):
    """A dark disc with the number of dots; above the card, not part of it."""

    def __init__(self, count: int, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.count = count
        self.setZValue(5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt virtual
        return QRectF(-SIZE / 2, -SIZE / 2, SIZE, SIZE)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QBrush(DOT))
        painter.drawEllipse(self.boundingRect().adjusted(1, 1, -1, -1))
        font = QFont(painter.font())
        font.setPixelSize(12)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, str(self.count))


class VoteBadges:
    """Keeps one badge on every shown card that has dots."""

    def __init__(self, scene: object) -> None:
        self._scene = scene
        self._badges: dict[str, VoteBadgeItem] = {}
        self._soon = QTimer()
        self._soon.setSingleShot(True)
        self._soon.setInterval(30)  # a burst of votes: one update
        self._soon.timeout.connect(self.update)
        scene.layout_changed.connect(self.update)  # type: ignore[attr-defined]
        scene.document.map_changed.connect(self._on_map_changed)  # type: ignore[attr-defined]
        self.update()

    def _on_map_changed(self, event: MapEvent) -> None:
        if event.change is Change.RESET:
            self.update()
        elif event.change is Change.VOTES_CHANGED:
            self._soon.start()

    def badge(self, card_id: str) -> VoteBadgeItem | None:
        return self._badges.get(card_id)

    def update(self) -> None:
        counts = self._scene.journey.voting.counts()  # type: ignore[attr-defined]
        items = self._scene.card_items  # type: ignore[attr-defined]
        for card_id in list(self._badges):
            badge = self._badges[card_id]
            if not isValid(badge):  # its card item was rebuilt and took it along
                del self._badges[card_id]
            elif card_id not in counts or items.get(card_id) is not badge.parentItem():
                if badge.scene() is not None:
                    badge.scene().removeItem(badge)
                del self._badges[card_id]
        for card_id, count in counts.items():
            item = items.get(card_id)
            if item is None:
                continue  # a lane not shown right now (very large maps)
            known = self._badges.get(card_id)
            if known is None:
                badge = self._badges[card_id] = VoteBadgeItem(count, item)
            else:
                badge = known
                if badge.count != count:
                    badge.count = count
                    badge.update()
            # Bottom-right: the top-right corner already carries the emotion badge.
            card_rect = getattr(item, "card_rect", None)
            corner = item.mapFromScene(card_rect().bottomRight()) if card_rect else item.boundingRect().bottomRight()
            x, y = corner.x() - SIZE / 2 - 2, corner.y() - SIZE / 2 - 2
            record = getattr(item, "record", None)
            if record is not None and record.emotion is not None and y - SIZE / 2 < SIZE + 8:
                x -= SIZE + 4  # a short card: beside its emotion badge, not over it
            badge.setPos(x, y)
