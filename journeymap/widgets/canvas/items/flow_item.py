"""A flow arrow between two cards along the layout's orthogonal route.

During a drag the scene re-routes the arrows of the moving cards from their live positions, so
arrows follow cards before the move is committed. The item's own (invisible, wide) pen makes the
arrow easy to hit; the visible line is drawn with the palette's pen.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import FlowRoute
from journeymap.model import ItemRef
from journeymap.widgets.canvas.items.context import CanvasContext

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
        self.setPen(_HIT_PEN)
        self.setZValue(2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def set_route(self, route: FlowRoute, origin_y: float) -> None:
        """Draw ``route`` (scene coordinates, as the layout shaped it) in a lane container whose top is ``origin_y``."""
        if route.points == self.points and origin_y == self.origin_y:
            return
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
        self.setPath(hit)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = self.ctx.palette
        selected = self.isSelected()
        painter.setPen(palette.flow_selected_pen if selected else palette.flow_pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawPath(self._line)
        painter.setBrush(palette.flow_selected_brush if selected else palette.flow_brush)
        painter.drawPolygon(self._head)
