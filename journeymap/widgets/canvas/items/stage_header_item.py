"""A stage's header: name and, compactly, goal, success criteria, timeline and owner.

Double-click renames it inline and dragging it reorders the columns; both are tools, the item
only draws. Long fields are cut by the layout with an ellipsis; the full text is the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import StageBox
from journeymap.layout.map_layout import STAGE_FIELDS
from journeymap.model import ItemRef, Stage
from journeymap.widgets.canvas.items.context import DETAIL_ZOOM, CanvasContext, TextBlock, paint_header_frame


class StageHeaderItem(QGraphicsRectItem):
    def __init__(self, ctx: CanvasContext, stage_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.model_id = stage_id
        self.ref = ItemRef.stage(stage_id)
        self.record: Stage | None = None
        self.box: StageBox | None = None
        self._name: TextBlock | None = None
        self._fields: list[TextBlock] = []
        self.setZValue(3)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_box(self, box: StageBox, record: Stage) -> None:
        if box == self.box and record is self.record:
            return
        self.box, self.record = box, record
        style = self.ctx.style
        self._name = TextBlock(box.name_lines, self.ctx, style.stage_name)
        self._fields = [TextBlock(lines, self.ctx, style.stage_field) for _, lines in box.field_lines]
        self.prepareGeometryChange()
        self.setRect(0, 0, box.header.width, box.header.height)
        self.setPos(box.header.x, box.header.y)
        full = [f"{label}: {getattr(record, name)}" for label, name in STAGE_FIELDS if getattr(record, name).strip()]
        self.setToolTip("\n".join([record.name, *full]) if box.truncated else "")
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = self.ctx.palette
        rect = self.rect()
        painter.fillRect(rect, palette.header_brush)
        paint_header_frame(painter, rect, palette, self.isSelected())
        if painter.worldTransform().m11() < DETAIL_ZOOM / 2 or self._name is None:
            return
        box = self.box
        assert box is not None
        x = box.text_x - box.header.x
        painter.setPen(palette.ink_pen)
        self._name.draw(painter, x, box.name_top - box.header.y)
        painter.setPen(palette.muted_pen)
        for block, top in zip(self._fields, box.field_tops, strict=True):
            block.draw(painter, x, top - box.header.y)

    def name_rect(self) -> QRectF:
        """Where the name is, in scene coordinates: the inline editor goes there."""
        style = self.ctx.style
        rect = self.sceneBoundingRect()
        return QRectF(
            rect.x() + style.header_padding - 4,
            rect.y() + style.header_padding - 4,
            rect.width() - 2 * style.header_padding + 8,
            style.stage_name.line_height + 8,
        )
