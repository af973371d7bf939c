"""A touchpoint card: kind by colour, wrapped title, channel and owner, an emotion badge.

A thought (what the persona thinks or says) is drawn as a speech bubble instead: rounder corners, a
large quotation mark in the kind's colour where other cards have their stripe, the words in italics,
and a tail below the card. Where each of these goes comes from the layout, as for the poster.

The card only draws its :class:`CardBox`; it never measures or wraps. It is a QGraphicsRectItem so
that bounding-rect and hit tests stay in C++ (a Python ``boundingRect`` is called for every card on
every frame). The item's rect is the card plus a margin that takes in the selection outline and
the connector handle on the right edge; the card itself is ``card_rect()``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymap.layout import CardBox, Rect
from journeymap.layout.style import QUOTE_MARK
from journeymap.model import ItemRef, Kind, Touchpoint
from journeymap.widgets.canvas.items.context import DETAIL_ZOOM, CanvasContext, TextBlock

HANDLE_RADIUS = 6.0
MARGIN = 4.0  # room for outlines around the card
_NO_PEN = QPen(Qt.PenStyle.NoPen)


class CardItem(QGraphicsRectItem):
    def __init__(self, ctx: CanvasContext, card_id: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model_id = card_id
        self.ref = ItemRef.card(card_id)
        self.lane_id = ""
        self.record: Touchpoint | None = None
        self.box: CardBox | None = None
        self.matched = False
        self.current_match = False
        self.hovered = False
        self._title: TextBlock | None = None
        self._meta: TextBlock | None = None
        self._quote: TextBlock | None = None
        self._place = (0.0, 0.0, 0.0)
        self._tail_room = 0.0
        self._card = QRectF()
        self.setPen(_NO_PEN)
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        # Text is the expensive part of a frame; a card is painted once per zoom level and then
        # blitted while scrolling and repainting. (Item-coordinate caching would blur when zooming in.)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # ------------------------------------------------------------------ data
    def set_box(self, box: CardBox, record: Touchpoint, lane_id: str, origin_y: float) -> None:
        """Take the layout's box; cheap when nothing about this card changed."""
        self.box = box
        self.lane_id = lane_id
        place = (box.rect.x, box.rect.y - origin_y, box.rect.height)
        if record is self.record and place == self._place:
            return
        if record is not self.record:
            self.record = record
            self._title = self._meta = None  # made on first paint: most cards of a big map are off screen
        tail_room = max((y for _, y in box.tail), default=box.rect.bottom) - box.rect.bottom
        if place[2] != self._place[2] or box.rect.width != self._card.width() or tail_room != self._tail_room:
            self._card = QRectF(0, 0, box.rect.width, box.rect.height)
            self._tail_room = tail_room
            # The item's rect holds everything painted (the cache clips to it): a thought's tail too.
            self.setRect(
                -MARGIN, -MARGIN, box.rect.width + 2 * MARGIN + HANDLE_RADIUS, box.rect.height + 2 * MARGIN + tail_room
            )
        self._place = place
        self.setPos(place[0], place[1])
        self.update()

    def scene_card_rect(self) -> Rect:
        """Where the card is now (it moves during a drag before the model knows)."""
        top_left = self.scenePos()
        return Rect(top_left.x(), top_left.y(), self._card.width(), self._card.height())

    def card_rect(self) -> QRectF:
        """The card in scene coordinates (without the outline margin)."""
        return self.mapRectToScene(self._card)

    def handle_center(self) -> QPointF:
        """The connector handle, in scene coordinates: drag from it to another card to connect."""
        rect = self._card
        return self.mapToScene(QPointF(rect.right(), rect.center().y()))

    def handle_contains(self, scene_pos: QPointF) -> bool:
        centre = self.handle_center()
        dx, dy = scene_pos.x() - centre.x(), scene_pos.y() - centre.y()
        return dx * dx + dy * dy <= (HANDLE_RADIUS + 2) ** 2

    def set_match(self, matched: bool, current: bool = False) -> None:
        if (matched, current) != (self.matched, self.current_match):
            self.matched, self.current_match = matched, current
            self.update()

    # ------------------------------------------------------------------ Qt
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt virtual
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt virtual
        self.hovered = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        record = self.record
        if record is None:
            return
        palette, style = self.ctx.palette, self.ctx.style
        rect = self._card
        kind = record.kind
        if painter.worldTransform().m11() < DETAIL_ZOOM:
            # Far out: a flat coloured block per card, no text, no antialiasing work.
            painter.fillRect(rect, palette.kind_brush[kind])
            painter.fillRect(QRectF(0, 0, style.kind_stripe * 2, rect.height()), palette.kind_colour[kind])
            if self.isSelected() or self.current_match:
                painter.fillRect(rect, palette.selection_pen.color() if self.isSelected() else QColor("#f5a000"))
            return
        box = self.box
        assert box is not None
        top = box.rect.y
        thought = kind is Kind.THOUGHT
        radius = style.thought_radius if thought else style.corner_radius
        painter.setPen(palette.kind_pen[kind])
        painter.setBrush(palette.kind_brush[kind])
        painter.drawRoundedRect(rect, radius, radius)
        if thought:
            self._paint_bubble(painter, box)
        else:
            painter.fillRect(QRectF(0.5, 0.5, style.kind_stripe, rect.height() - 1), palette.kind_colour[kind])
        if self.current_match:
            painter.fillRect(rect, palette.current_match_brush)
        painter.setPen(palette.ink_pen)
        x = box.text_x - box.rect.x
        if self._title is None:
            self._title = TextBlock(box.title_lines, self.ctx, style.thought_title if thought else style.card_title)
            self._meta = TextBlock(box.meta_lines, self.ctx, style.card_meta) if box.meta_lines else None
        self._title.draw(painter, x, box.title_top - top)
        if self._meta is not None:
            painter.setPen(palette.muted_pen)
            self._meta.draw(painter, x, box.meta_top - top)
        if box.badge is not None and record.emotion is not None:
            self._paint_badge(painter, box, record.emotion)
        if self.matched:
            painter.setPen(palette.match_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5), radius + 2, radius + 2)
        if self.isSelected():
            painter.setPen(palette.selection_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1, radius + 1)
        if self.hovered or self.isSelected():
            painter.setPen(palette.white_pen)
            painter.setBrush(palette.handle_brush)
            painter.drawEllipse(QPointF(rect.right(), rect.center().y()), HANDLE_RADIUS, HANDLE_RADIUS)

    def _paint_bubble(self, painter: QPainter, box: CardBox) -> None:
        """A thought's tail and quotation mark, where the layout put them (item coordinates)."""
        palette = self.ctx.palette
        kind = Kind.THOUGHT
        origin_x, origin_y = box.rect.x, box.rect.y
        points = [QPointF(x - origin_x, y - origin_y) for x, y in box.tail]
        if len(points) == 3:
            # Filled over the card's bottom border, so bubble and tail read as one shape; then its
            # two outer edges in the border colour.
            lift = QPointF(0, 1.5)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(QPolygonF([points[0] - lift, points[1] - lift, points[2]]))
            painter.setPen(palette.kind_pen[kind])
            painter.drawLine(points[0], points[2])
            painter.drawLine(points[1], points[2])
        if box.quote is not None:
            if self._quote is None:
                self._quote = TextBlock((QUOTE_MARK,), self.ctx, self.ctx.style.quote_mark)
            painter.setPen(palette.kind_pen[kind])
            self._quote.draw(painter, box.quote.x - origin_x, box.quote.y - origin_y)

    def _paint_badge(self, painter: QPainter, box: CardBox, emotion: int) -> None:
        """The emotion disc and its label, both where the layout put them."""
        assert box.badge is not None
        palette = self.ctx.palette
        left, top = box.rect.x, box.rect.y
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.emotion_brush[emotion])
        painter.drawEllipse(QRectF(box.badge.x - left, box.badge.y - top, box.badge.width, box.badge.height))
        painter.setPen(palette.white_pen)
        x, baseline = box.badge_origin
        style = self.ctx.style.card_meta
        TextBlock((box.badge_text,), self.ctx, style).draw(
            painter, x - left, baseline - top - self.ctx.measurer.baseline(style)
        )
