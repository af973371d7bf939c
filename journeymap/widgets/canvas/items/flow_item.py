"""A flow arrow between two cards along the layout's orthogonal route.

During a drag the scene re-routes the arrows of the moving cards from their live positions, so
arrows follow cards before the move is committed. The item's own (invisible, wide) pen makes the
arrow easy to hit; the visible line is drawn with the palette's pen.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import FlowLabel, FlowRoute
from journeymap.model import ItemRef
from journeymap.widgets.canvas.items.context import CanvasContext, TextBlock

_HIT_PEN = QPen(QColor(0, 0, 0, 0), 10)


class FlowItem(QGraphicsPathItem):
    def __init__(self, ctx: CanvasContext, source: str, target: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source, self.target = source, target
        self.ref = ItemRef.flow(source, target)
        self.points: list[tuple[float, float]] = []
        self.lane_id = ""
        self.origin_y = 0.0
        self._line = QPainterPath()
        self._head = QPolygonF()
        self.label: FlowLabel | None = None
        self._label_rect = QRectF()
        self._label_text: TextBlock | None = None
        self.setPen(_HIT_PEN)
        self.setZValue(2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def set_route(self, route: FlowRoute, origin_y: float) -> None:
        """Draw ``route`` (scene coordinates, as the layout shaped it) in a lane container whose top is ``origin_y``."""
        if route.points == self.points and origin_y == self.origin_y and route.label == self.label:
            return
        self.label = route.label
        self.points = list(route.points)
        self.origin_y = origin_y
        local = [QPointF(x, y - origin_y) for x, y in route.line]
        line = QPainterPath(local[0])
        for point in local[1:]:
            line.lineTo(point)
        self._line = line
        self._head = QPolygonF([QPointF(x, y - origin_y) for x, y in route.head])
        hit = QPainterPath(line)
        hit.addPolygon(self._head)
        self._label_rect, self._label_text = QRectF(), None
        if route.label is not None:
            tag = route.label
            self._label_rect = QRectF(tag.x, tag.y - origin_y, tag.width, tag.height)
            self._label_text = TextBlock((tag.text,), self.ctx, tag.style)
            hit.addRect(self._label_rect)  # the tag is part of the arrow: click to select, double-click to edit
        self.setPath(hit)

    def label_rect(self) -> QRectF:
        """The label's tag in scene coordinates (where its inline editor opens), or the line's middle."""
        if self.label is not None:
            return self.mapRectToScene(self._label_rect)
        box = self.mapRectToScene(self._line.boundingRect())
        return QRectF(box.center().x() - 60, box.center().y() - 16, 120, 16)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = self.ctx.palette
        selected = self.isSelected()
        painter.setPen(palette.flow_selected_pen if selected else palette.flow_pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawPath(self._line)
        painter.setBrush(palette.flow_selected_brush if selected else palette.flow_brush)
        painter.drawPolygon(self._head)
        if self._label_text is not None and self.label is not None:
            painter.setPen(palette.flow_selected_pen if selected else palette.flow_pen)
            painter.setBrush(palette.background)
            painter.drawRoundedRect(self._label_rect, 3, 3)
            painter.setPen(palette.ink_pen)
            self._label_text.draw(painter, self.label.text_x, self.label.text_top - self.origin_y)
