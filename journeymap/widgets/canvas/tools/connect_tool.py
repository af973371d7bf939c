"""Connecting two cards: drag from a card's connector handle and release on another card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsLineItem

from journeymap.editing.commands import AddFlowCommand
from journeymap.widgets.canvas.items import CardItem
from journeymap.widgets.canvas.tools.base import Tool

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost


class ConnectTool(Tool):
    name = "connect"

    def __init__(self, view: ToolHost, source_id: str) -> None:
        super().__init__(view)
        self.source_id = source_id
        self.line: QGraphicsLineItem | None = None

    def on_start(self) -> None:
        start = self.scene.card_items[self.source_id].handle_center()
        self.line = QGraphicsLineItem(QLineF(start, start))
        pen = QPen(self.scene.ctx.palette.selection_pen)
        pen.setStyle(Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(50)
        self.scene.addItem(self.line)

    def target_at(self, pos: QPointF) -> CardItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, CardItem) and item.model_id != self.source_id:
                return item
        return None

    def mouse_press(self, event: QMouseEvent, pos: QPointF) -> bool:
        return True

    def mouse_move(self, event: QMouseEvent, pos: QPointF) -> bool:
        if self.line is not None:
            line = self.line.line()
            self.line.setLine(QLineF(line.p1(), pos))
        target = self.target_at(pos)
        if target is None:
            self.scene.drop_item.show_target(None, None)
        else:
            self.scene.drop_item.show_target(None, target.scene_card_rect())
        return True

    def mouse_release(self, event: QMouseEvent, pos: QPointF) -> bool:
        target = self.target_at(pos)
        journey = self.scene.journey
        self.finish()
        if target is not None and not journey.has_flow(self.source_id, target.model_id):
            self.scene.document.push(AddFlowCommand(journey, self.source_id, target.model_id))
        self.done()
        return True

    def on_finish(self) -> None:
        if self.line is not None:
            self.view.retire_item(self.line)
            self.line = None
        self.scene.drop_item.show_target(None, None)
