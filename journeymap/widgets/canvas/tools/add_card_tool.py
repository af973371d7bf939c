"""Quick capture: a new card's title typed straight into its cell.

Enter adds the card, Tab adds it and opens the next one in the same cell (a room calling out ideas
one after another), Esc drops the unfinished one. Each card is its own undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from journeymap.editing.commands import AddCardCommand
from journeymap.model import ItemRef, Touchpoint
from journeymap.widgets.canvas.tools.text_edit_tool import TextEditTool

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost


class AddCardTool(TextEditTool):
    name = "add_card"

    def __init__(self, view: ToolHost, stage_id: str, lane_id: str) -> None:
        scene = view.map_scene
        style = scene.ctx.style
        super().__init__(view, _slot(view, stage_id, lane_id), "", scene.ctx.font(style.card_title))
        self.cell = (stage_id, lane_id)
        self.added: str | None = None

    def apply(self, text: str) -> None:
        command = AddCardCommand(self.scene.journey, *self.cell, Touchpoint(title=text))
        self.scene.document.push(command)
        self.added = command.card_id

    def commit(self) -> None:
        self.done()
        if self.added:
            self.view.select(ItemRef.card(self.added))

    def commit_and_next(self) -> None:
        self.finish()
        journey = self.scene.journey
        if journey.node_type(self.cell[0]) and journey.node_type(self.cell[1]):
            self.view.set_tool(AddCardTool(self.view, *self.cell))
        else:
            self.done()


def _slot(view: ToolHost, stage_id: str, lane_id: str) -> QRectF:
    """Where the next card of a cell goes: under its last card, the width of a card."""
    layout = view.map_scene.layout
    style = layout.style
    cell = layout.cells[(stage_id, lane_id)]
    top = cell.rect.y + style.cell_padding
    if cell.card_ids:
        top = layout.cards[cell.card_ids[-1]].rect.bottom + style.card_gap
    height = style.card_title.line_height + 2 * style.card_padding
    return QRectF(cell.rect.x + style.cell_padding, top, style.card_width, height)
