"""Dragging a milestone to another stage, to another lane, or into the band across all lanes.

Like a card drag: the item follows the pointer, the drop target is highlighted, and the release
pushes one MoveMilestoneCommand; Esc, or a drop outside the map, puts it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

from journeymap.editing.commands import MoveMilestoneCommand
from journeymap.layout import Rect
from journeymap.widgets.canvas.tools.base import Tool

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost

Place = tuple[str, str | None]  # (stage id, lane id or None for all lanes)


class MoveMilestoneTool(Tool):
    name = "move milestone"

    def __init__(self, view: ToolHost, milestone_id: str, press: QPointF) -> None:
        super().__init__(view)
        self.milestone_id = milestone_id
        self.press = QPointF(press)
        self._origin: QPointF | None = None

    def on_start(self) -> None:
        item = self.scene.milestone_items.get(self.milestone_id)
        if item is not None:
            self._origin = QPointF(item.pos())
            item.setZValue(5)

    def place_at(self, pos: QPointF) -> tuple[Place, Rect] | None:
        """The place a drop at ``pos`` means, with the area to highlight."""
        layout = self.scene.layout
        stage = layout.stage_at(pos.x())
        if stage is None:
            return None
        band = layout.band
        if band.height and band.y <= pos.y() <= band.bottom:
            column = layout.stages[stage].column
            return (stage, None), Rect(column.x, band.y, column.width, band.height)
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        return cell, layout.cells[cell].rect

    def drag_to(self, pos: QPointF) -> None:
        item = self.scene.milestone_items.get(self.milestone_id)
        if item is not None and self._origin is not None:
            item.setPos(self._origin + (pos - self.press))
        found = self.place_at(pos)
        if found is None:
            self.scene.drop_item.show_target(None, None)
        else:
            place, rect = found
            self.scene.drop_item.show_target((place[0], place[1] or ""), rect)

    def mouse_move(self, event: QMouseEvent, pos: QPointF) -> bool:
        self.drag_to(pos)
        return True

    def mouse_release(self, event: QMouseEvent, pos: QPointF) -> bool:
        found = self.place_at(pos)
        self._put_back()
        journey = self.scene.journey
        if found is not None and found[0] != journey.milestone_place(self.milestone_id):
            self.scene.document.push(MoveMilestoneCommand(journey, self.milestone_id, *found[0]))
        self.done()
        return True

    def on_finish(self) -> None:
        self._put_back()

    def _put_back(self) -> None:
        item = self.scene.milestone_items.get(self.milestone_id)
        if item is not None and self._origin is not None:
            item.setPos(self._origin)
            item.setZValue(1)
        self._origin = None
        self.scene.drop_item.show_target(None, None)
