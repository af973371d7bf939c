"""Dragging cards: within a cell to reorder, across cells to move; one undo step per drag.

Qt moves the items live (and the scene re-routes their arrows); the model hears nothing until the
release, which pushes one ``MoveCardsCommand`` (editing/). Esc puts everything back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

from journeymap.editing.commands import MoveCardCommand, MoveCardsCommand
from journeymap.widgets.canvas.tools.base import Tool

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost

Target = tuple[tuple[str, str], int]  # (cell, index among the cards that stay)


class MoveCardsTool(Tool):
    name = "move"

    def __init__(self, view: ToolHost, card_ids: list[str], press: QPointF) -> None:
        super().__init__(view)
        self.card_ids = list(card_ids)
        self.press = QPointF(press)
        self._origins: dict[str, QPointF] = {}

    def on_start(self) -> None:
        items = self.scene.card_items
        self._origins = {card: QPointF(items[card].pos()) for card in self.card_ids if card in items}
        for card in self._origins:
            items[card].setZValue(5)

    # ------------------------------------------------------------------ live
    def drag_to(self, pos: QPointF) -> Target | None:
        """Move the cards under the pointer, re-route their arrows, highlight the drop target."""
        delta = pos - self.press
        items = self.scene.card_items
        for card, origin in self._origins.items():
            items[card].setPos(origin + delta)
        self.scene.reroute_flows_of(list(self._origins))
        target = self.target_at(pos)
        layout = self.scene.layout
        if target is None:
            self.scene.drop_item.show_target(None, None)
        else:
            cell, index = target
            self.scene.drop_item.show_target(cell, layout.cells[cell].rect, self._insert_y(cell, index))
        return target

    def target_at(self, pos: QPointF) -> Target | None:
        layout = self.scene.layout
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        return cell, layout.insertion_index(*cell, pos.y(), ignore=self._origins.keys())

    def _insert_y(self, cell: tuple[str, str], index: int) -> float:
        layout = self.scene.layout
        style = layout.style
        staying = [c for c in layout.cells[cell].card_ids if c not in self._origins]
        if index < len(staying):
            return layout.cards[staying[index]].rect.y - style.card_gap / 2
        if staying:
            return layout.cards[staying[-1]].rect.bottom + style.card_gap / 2
        return layout.cells[cell].rect.y + style.cell_padding / 2

    # ------------------------------------------------------------------ events
    def mouse_move(self, event: QMouseEvent, pos: QPointF) -> bool:
        self.drag_to(pos)
        return True

    def mouse_release(self, event: QMouseEvent, pos: QPointF) -> bool:
        target = self.target_at(pos)
        moving = set(self._origins)
        self._put_back()
        if target is not None:
            self.commit(*target, moving)
        self.done()
        return True

    def on_finish(self) -> None:
        self._put_back()

    # ------------------------------------------------------------------ the one command
    def commit(self, cell: tuple[str, str], index: int, cards: set[str]) -> None:
        journey = self.scene.journey
        if not MoveCardsCommand.changes_anything(journey, list(cards), *cell, index):
            return  # dropped where it was
        if len(cards) == 1:  # among the cards that stay is where move_card puts it
            self.scene.document.push(MoveCardCommand(journey, next(iter(cards)), *cell, index))
            return
        self.scene.document.push(MoveCardsCommand(journey, list(cards), *cell, index))

    def _put_back(self) -> None:
        items = self.scene.card_items
        for card, origin in self._origins.items():
            if card in items:
                items[card].setPos(origin)
                items[card].setZValue(1)
        self.scene.reroute_flows_of([c for c in self._origins if c in items])
        self.scene.drop_item.show_target(None, None)
        self._origins = {}
