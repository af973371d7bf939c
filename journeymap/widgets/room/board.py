"""The room on the projector: the QR code and short URL to join, "12 new ideas", the timer, the dot ranking.

A panel floating over the canvas's top-right corner, so it shows in workshop mode too (docks and
bars are hidden there). It reads the map and is told the URL and timer; it never edits anything.
"""

from __future__ import annotations

import io
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from journeymap.model import JourneyMap

TOP_VOTED = 5
MARGIN = 16


def qr_pixmap(url: str, scale: int = 5) -> QPixmap:
    """The URL as a QR code (segno), black on white with a quiet zone, for phones to scan."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=3)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def ideas_text(count: int) -> str:
    return "No new ideas" if count == 0 else "1 new idea" if count == 1 else f"{count} new ideas"


def clock_text(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


def ranking(journey: JourneyMap, limit: int = TOP_VOTED) -> list[tuple[int, str]]:
    """(dots, title) of the most-voted cards, most first; ties keep the map's order."""
    counts = journey.voting.counts()
    order = {card: i for i, card in enumerate(journey.card_ids())}
    ranked = sorted(counts, key=lambda card: (-counts[card], order.get(card, 0)))
    return [(counts[card], journey.card(card).title) for card in ranked[:limit]]


class RoomBoard(QFrame):
    """Floats over ``host`` (the canvas view) at its top-right corner."""

    def __init__(self, journey: JourneyMap, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("roomBoard")
        self._journey = journey
        self._host = host
        self._timer_end: float | None = None
        self._url: str | None = None
        self._large = False
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#roomBoard { background: white; border: 1px solid #9aa5b1; border-radius: 8px; }"
            "QLabel { color: #1f2933; background: transparent; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        self.join = self._label("roomJoin", "Join from your phone", 9, bold=True)
        self.qr = self._label("roomQr", "")
        self.url = self._label("roomUrl", "", 9)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url.setWordWrap(True)
        self.ideas = self._label("roomIdeas", "", 13, bold=True)
        self.timer = self._label("roomTimer", "", 28, bold=True)
        self.ranking = self._label("roomRanking", "", 9)
        self.ranking.setTextFormat(Qt.TextFormat.PlainText)  # card titles are participants' text
        for widget in (self.join, self.qr, self.url, self.ideas, self.timer, self.ranking):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_timer)
        host.installEventFilter(self)
        self.set_url(None)
        self.refresh()

    def _label(self, name: str, text: str, points: int = 0, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if points:
            font = QFont(label.font())
            font.setPointSize(points)
            font.setBold(bold)
            label.setFont(font)
        return label

    def set_url(self, url: str | None) -> None:
        """Show how to join (None: the room is closed, so no QR code)."""
        for widget in (self.join, self.qr, self.url):
            widget.setVisible(url is not None)
        self._url = url
        if url is not None:
            self.qr.setPixmap(qr_pixmap(url, 5 if self._large else 3))
            self.url.setText(url)
        self._update_visibility()

    def set_large(self, large: bool) -> None:
        """Projector size (workshop mode) or a compact corner while the facilitator edits."""
        self._large = large
        for label, (small, big) in (
            (self.ideas, (13, 20)),
            (self.timer, (28, 48)),
            (self.ranking, (9, 13)),
            (self.join, (9, 12)),
        ):
            font = QFont(label.font())
            font.setPointSize(big if large else small)
            label.setFont(font)
        self.set_url(self._url)

    def set_timer(self, seconds: int | None) -> None:
        self._timer_end = None if not seconds else time.monotonic() + seconds
        self._tick.start() if seconds else self._tick.stop()
        self._show_timer()
        self._update_visibility()

    def refresh(self) -> None:
        """Re-read the inbox count and the ranking (after a map change)."""
        self.ideas.setText(ideas_text(len(self._journey.inbox)))
        ranked = ranking(self._journey)
        self.ranking.setText("\n".join(f"{'●' * min(dots, 5)} {dots}  {title}" for dots, title in ranked))
        self.ranking.setVisible(bool(ranked))
        self._update_visibility()

    def _show_timer(self) -> None:
        if self._timer_end is None:
            self.timer.hide()
            return
        left = self._timer_end - time.monotonic()
        self.timer.setText(clock_text(left))
        self.timer.setStyleSheet("color: #b91c1c;" if left <= 0 else "")
        self.timer.show()
        if left <= 0:
            self._tick.stop()

    def _update_visibility(self) -> None:
        showing = self.qr.isVisibleTo(self) or self._timer_end is not None or self.ranking.isVisibleTo(self)
        self.setVisible(showing)
        if showing:
            self.adjustSize()
            self._place()
            self.raise_()

    def _place(self) -> None:
        self.move(max(0, self._host.width() - self.width() - MARGIN), MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)
