"""The default tool: click and Ctrl-click select (Qt's own), rubber band on empty space, and the
start of every drag: a card's handle connects, a card or a milestone moves, a header reorders. Double-click edits
what is under the pointer, or starts a new card in an empty spot of a cell."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from journeymap.widgets.canvas.items import CardItem, FlowItem, LaneHeaderItem, MilestoneItem, StageHeaderItem
from journeymap.widgets.canvas.tools.add_card_tool import AddCardTool
from journeymap.widgets.canvas.tools.base import Tool
from journeymap.widgets.canvas.tools.connect_tool import ConnectTool
from journeymap.widgets.canvas.tools.header_drag_tool import HeaderDragTool
from journeymap.widgets.canvas.tools.move_milestone_tool import MoveMilestoneTool
from journeymap.widgets.canvas.tools.move_tool import MoveCardsTool


class SelectTool(Tool):
    name = "select"

    def __init__(self, view: object) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self._press: QPointF | None = None
        self._press_view: QPointF | None = None
        self._press_item: object | None = None

    def mouse_press(self, event: QMouseEvent, pos: QPointF) -> bool:
        self._press = None
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        for item in self.scene.items(pos):
            if isinstance(item, CardItem) and item.handle_contains(pos):
                self.view.set_tool(ConnectTool(self.view, item.model_id))
                return True
        self._press, self._press_view = QPointF(pos), event.position()
        self._press_item = self.scene.model_item_at(pos)
        return False

    def mouse_move(self, event: QMouseEvent, pos: QPointF) -> bool:
        if self._press is None or self._press_view is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        if (event.position() - self._press_view).manhattanLength() < QApplication.startDragDistance():
            return isinstance(self._press_item, CardItem | StageHeaderItem | LaneHeaderItem | MilestoneItem)
        item, press = self._press_item, self._press
        self._press = None
        if isinstance(item, CardItem):
            if not item.isSelected():
                self.scene.clearSelection()
                item.setSelected(True)
            cards = [i.model_id for i in self.scene.selectedItems() if isinstance(i, CardItem)]
            tool = MoveCardsTool(self.view, cards, press)
            self.view.set_tool(tool)
            tool.drag_to(pos)
            return True
        if isinstance(item, MilestoneItem):
            milestone_tool = MoveMilestoneTool(self.view, item.model_id, press)
            self.view.set_tool(milestone_tool)
            milestone_tool.drag_to(pos)
            return True
        if isinstance(item, StageHeaderItem | LaneHeaderItem):
            header_tool = HeaderDragTool(self.view, item, press)
            self.view.set_tool(header_tool)
            header_tool.mouse_move(event, pos)
            return True
        return False

    def mouse_release(self, event: QMouseEvent, pos: QPointF) -> bool:
        self._press = None
        return False

    def mouse_double_click(self, event: QMouseEvent, pos: QPointF) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        item = self.scene.model_item_at(pos)
        if isinstance(item, CardItem | StageHeaderItem | LaneHeaderItem | MilestoneItem | FlowItem):
            self.view.start_edit(item.ref)  # an arrow: its label
            return True
        if item is not None:
            return False
        cell = self.scene.layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return False
        self.view.set_tool(AddCardTool(self.view, *cell))
        return True
