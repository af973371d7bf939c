"""Reordering stages and lanes by dragging their headers; the drop pushes one ReorderCommand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

from journeymap.editing.commands import ReorderCommand
from journeymap.model import ItemKind
from journeymap.widgets.canvas.items import LaneHeaderItem, StageHeaderItem
from journeymap.widgets.canvas.tools.base import Tool

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost


class HeaderDragTool(Tool):
    name = "header_drag"

    def __init__(self, view: ToolHost, item: StageHeaderItem | LaneHeaderItem, press: QPointF) -> None:
        super().__init__(view)
        self.item = item
        self.ref = item.ref
        self.model_id = item.model_id
        self.press = QPointF(press)
        self.origin = QPointF(item.pos())

    def on_start(self) -> None:
        self.item.setZValue(6)

    def target_index(self, pos: QPointF) -> int:
        layout = self.scene.layout
        if self.ref.kind is ItemKind.STAGE:
            order = layout.stage_order
            target = layout.stage_at(pos.x())
            if target is None:
                return 0 if pos.x() < layout.style.lane_header_width else len(order) - 1
        else:
            order = layout.lane_order
            target = layout.lane_at(pos.y())
            if target is None:
                return 0 if pos.y() < layout.header_height else len(order) - 1
        return order.index(target)

    def mouse_move(self, event: QMouseEvent, pos: QPointF) -> bool:
        delta = pos - self.press
        layout = self.scene.layout
        index = self.target_index(pos)
        if self.ref.kind is ItemKind.STAGE:
            self.item.setPos(self.origin.x() + delta.x(), self.origin.y())
            rect = layout.stages[layout.stage_order[index]].column
        else:
            self.item.setPos(self.origin.x(), self.origin.y() + delta.y())
            rect = layout.lanes[layout.lane_order[index]].row
        self.scene.drop_item.show_target(None, rect)
        return True

    def mouse_release(self, event: QMouseEvent, pos: QPointF) -> bool:
        index = self.target_index(pos)
        self.finish()
        journey = self.scene.journey
        order = journey.stage_ids() if self.ref.kind is ItemKind.STAGE else journey.lane_ids()
        if self.model_id in order and order.index(self.model_id) != index:
            self.scene.document.push(ReorderCommand(journey, self.ref, index))
        self.done()
        return True

    def on_finish(self) -> None:
        self.item.setPos(self.origin)
        self.item.setZValue(3)
        self.scene.drop_item.show_target(None, None)
