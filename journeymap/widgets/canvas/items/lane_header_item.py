"""A persona lane's header: a colour bar, the persona's name and description.

It lives inside its lane's container, so it moves with the lane when rows above grow or shrink.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import LaneBox
from journeymap.model import ItemRef, Persona
from journeymap.widgets.canvas.items.context import DETAIL_ZOOM, CanvasContext, TextBlock, paint_header_frame


class LaneHeaderItem(QGraphicsRectItem):
    def __init__(self, ctx: CanvasContext, lane_id: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model_id = lane_id
        self.ref = ItemRef.lane(lane_id)
        self.record: Persona | None = None
        self.box: LaneBox | None = None
        self._name: TextBlock | None = None
        self._text: TextBlock | None = None
        self.setZValue(3)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_box(self, box: LaneBox, record: Persona) -> None:
        if (
            box.name_lines == getattr(self.box, "name_lines", None)
            and record is self.record
            and self.box is not None
            and box.header.height == self.box.header.height
            and box.colour_index == self.box.colour_index
        ):
            self.box = box
            return
        self.box, self.record = box, record
        style = self.ctx.style
        self._name = TextBlock(box.name_lines, self.ctx, style.lane_name)
        self._text = TextBlock(box.text_lines, self.ctx, style.lane_text) if box.text_lines else None
        self.prepareGeometryChange()
        self.setRect(0, 0, box.header.width, box.header.height)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = self.ctx.palette
        rect = self.rect()
        painter.fillRect(rect, palette.header_brush)
        colour = palette.lane_colour[(self.box.colour_index if self.box else 0) % len(palette.lane_colour)]
        box = self.box
        if box is None:
            return
        left, top = box.header.x, box.header.y
        painter.fillRect(QRectF(box.bar.x - left, box.bar.y - top, box.bar.width, box.bar.height), colour)
        paint_header_frame(painter, rect, palette, self.isSelected())
        if painter.worldTransform().m11() < DETAIL_ZOOM / 2 or self._name is None:
            return
        painter.setPen(palette.ink_pen)
        self._name.draw(painter, box.text_x - left, box.name_top - top)
        if self._text is not None:
            painter.setPen(palette.muted_pen)
            self._text.draw(painter, box.text_x - left, box.text_top - top)

    def name_rect(self) -> QRectF:
        style = self.ctx.style
        rect = self.sceneBoundingRect()
        return QRectF(
            rect.x() + style.lane_bar + style.header_padding - 4,
            rect.y() + style.header_padding - 4,
            rect.width() - style.lane_bar - 2 * style.header_padding + 8,
            style.lane_name.line_height + 8,
        )
