"""A milestone: a diamond with its title, in one lane's cell or in the band across all lanes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import MilestoneBox
from journeymap.model import ItemRef, Milestone
from journeymap.widgets.canvas.items.context import DETAIL_ZOOM, CanvasContext, TextBlock


class MilestoneItem(QGraphicsRectItem):
    def __init__(self, ctx: CanvasContext, milestone_id: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model_id = milestone_id
        self.ref = ItemRef.milestone(milestone_id)
        self.lane_id: str | None = None
        self.record: Milestone | None = None
        self.box: MilestoneBox | None = None
        self._title: TextBlock | None = None
        self._diamond = QPolygonF()
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def set_box(self, box: MilestoneBox, record: Milestone, origin_y: float) -> None:
        self.lane_id = box.lane
        self.box, self.record = box, record
        self._title = TextBlock(box.title_lines, self.ctx, self.ctx.style.milestone_title)
        d = box.diamond
        dx, dy = d.x - box.rect.x, d.y - box.rect.y
        self._diamond = QPolygonF(
            [
                QPointF(dx + d.width / 2, dy),
                QPointF(dx + d.width, dy + d.height / 2),
                QPointF(dx + d.width / 2, dy + d.height),
                QPointF(dx, dy + d.height / 2),
            ]
        )
        self.prepareGeometryChange()
        self.setRect(0, 0, box.rect.width, box.rect.height)
        self.setPos(box.rect.x, box.rect.y - origin_y)
        self.setToolTip(record.success_signal)
        self.update()

    def title_rect(self) -> QRectF:
        """The title's area in scene coordinates, where the inline editor opens."""
        assert self.box is not None
        rect = self.sceneBoundingRect()
        left = rect.x() + self.box.text_x - self.box.rect.x
        return QRectF(left - 2, rect.y(), rect.right() - left + 2, max(rect.height(), 24))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = self.ctx.palette
        painter.setPen(palette.milestone_pen)
        painter.setBrush(palette.milestone_brush)
        painter.drawPolygon(self._diamond)
        if self.isSelected():
            painter.setPen(palette.selection_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = self.ctx.style.corner_radius
            painter.drawRoundedRect(self.rect().adjusted(-2, -1, 2, 1), radius, radius)
        if painter.worldTransform().m11() < DETAIL_ZOOM or self._title is None or self.box is None:
            return
        painter.setPen(palette.ink_pen)
        box = self.box
        self._title.draw(painter, box.text_x - box.rect.x, box.title_top - box.rect.y)
