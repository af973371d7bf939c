"""Placing a milestone: click a cell (that lane only) or a stage header (across all lanes),
then type its title inline; Enter adds it as one command, Esc places nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent

from journeymap.editing.commands import AddMilestoneCommand
from journeymap.model import Milestone
from journeymap.widgets.canvas.tools.base import Tool
from journeymap.widgets.canvas.tools.text_edit_tool import TextEditTool

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost


class PlaceMilestoneTool(Tool):
    name = "place_milestone"

    def on_start(self) -> None:
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.view.show_hint("Add Milestone: click a stage header for all lanes, or a cell for one lane (Esc cancels)")

    def on_finish(self) -> None:
        self.view.viewport().unsetCursor()
        self.view.show_hint("")

    def place_at(self, pos: QPointF) -> tuple[str, str | None] | None:
        layout = self.scene.layout
        stage = layout.stage_at(pos.x())
        if stage is None or pos.y() < 0 or pos.y() > layout.height:
            return None
        if pos.y() < layout.band.bottom:
            return stage, None
        lane = layout.lane_at(pos.y())
        return (stage, lane) if lane else None

    def mouse_press(self, event: QMouseEvent, pos: QPointF) -> bool:
        place = self.place_at(pos)
        if place is None:
            self.done()
            return False
        self.view.set_tool(MilestoneTitleTool(self.view, *place, pos))
        return True


class MilestoneTitleTool(TextEditTool):
    """The title editor of a milestone being placed."""

    name = "milestone_title"

    def __init__(self, view: ToolHost, stage_id: str, lane_id: str | None, pos: QPointF) -> None:
        scene = view.map_scene
        style = scene.ctx.style
        column = scene.layout.stages[stage_id].column
        rect = QRectF(
            column.x + style.cell_padding,
            pos.y() - style.milestone_title.line_height,
            style.card_width,
            style.milestone_title.line_height + 8,
        )
        super().__init__(view, rect, "", scene.ctx.font(style.milestone_title))
        self.stage_id, self.lane_id = stage_id, lane_id

    def apply(self, text: str) -> None:
        journey = self.scene.journey
        self.scene.document.push(AddMilestoneCommand(journey, self.stage_id, Milestone(title=text), self.lane_id))
