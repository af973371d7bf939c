"""Keyboard-only capture: move between cards and empty cells, add, move and follow arrows without the mouse.

A facilitator at a laptop beside the projector keeps both hands on the keys: arrow keys walk from
card to card and, where a cell holds none, to the empty cell itself (highlighted); Enter edits the
card or starts one in the empty cell, Tab adds the next card in the cell, Ctrl+arrows carry the
selected card to the neighbouring cell (one undo step), Alt+arrows follow arrows from card to card,
Ctrl+K cycles the card's kind and Ctrl+Shift+Up/Down raise or lower its emotion. Every change is a
command on the document's stack; this module only decides where and what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt

from journeymap.editing.commands import MoveCardsCommand, UpdateCommand
from journeymap.model import ItemKind, ItemRef, Kind
from journeymap.widgets.canvas.tools.add_card_tool import AddCardTool

if TYPE_CHECKING:
    from journeymap.layout import MapLayout
    from journeymap.widgets.canvas.host import ToolHost

Cell = tuple[str, str]
# Arrow keys as (stage step, lane step).
STEPS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
KIND_ORDER = list(Kind)
EMOTIONS = (-2, -1, 0, 1, 2)


class KeyboardCapture:
    """Where the keyboard is on the map (a card, or an empty cell) and the moves from there."""

    def __init__(self, view: ToolHost) -> None:
        self.view = view
        self.cell: Cell | None = None  # an empty cell the keyboard stands on (no card selected)

    @property
    def layout(self) -> MapLayout:
        return self.view.map_scene.layout

    # ------------------------------------------------------------------ where we are
    def selected_card(self) -> str | None:
        selected = self.view.selected()
        if len(selected) == 1 and selected[0].kind is ItemKind.CARD:
            return selected[0].id
        return None

    def current_cell(self) -> Cell | None:
        """The selected card's cell, else the empty cell stood on, else the first cell."""
        card = self.selected_card()
        if card is not None:
            return self.view.map_scene.journey.cell_of(card)
        if self.cell is not None and self.cell in self.layout.cells:
            return self.cell
        layout = self.layout
        if layout.stage_order and layout.lane_order:
            return layout.stage_order[0], layout.lane_order[0]
        return None

    def stand_on_cell(self, cell: Cell | None) -> None:
        """Highlight an empty cell (None: no cell), clearing the card selection."""
        scene = self.view.map_scene
        self.cell = cell
        if cell is None or cell not in self.layout.cells:
            scene.drop_item.show_target(None, None)
            return
        scene.clearSelection()
        rect = self.layout.cells[cell].rect
        scene.drop_item.show_target(cell, rect)
        self.view.ensureVisible(QRectF(rect.x, rect.y, rect.width, rect.height), 40, 40)

    def forget_cell(self) -> None:
        """The selection changed by other means: the empty-cell highlight goes."""
        if self.cell is not None:
            self.cell = None
            self.view.map_scene.drop_item.show_target(None, None)

    # ------------------------------------------------------------------ moves
    def step(self, key: Qt.Key) -> bool:
        """Arrow key: the next card up or down the cell, else the neighbouring cell's card or the cell."""
        cell = self.current_cell()
        if cell is None:
            return False
        d_stage, d_lane = STEPS[key]
        cards = self.layout.cells[cell].card_ids
        card = self.selected_card()
        index = cards.index(card) if card in cards else -1
        if card is None and self.cell is None:  # nothing yet: start on the first cell's first card
            return self._land(cell, 0)
        if d_lane and card is not None and 0 <= index + d_lane < len(cards):
            self.view.select(ItemRef.card(cards[index + d_lane]))
            return True
        target = self._neighbour(cell, d_stage, d_lane)
        if target is None:
            return True  # the map's edge: stay
        position = max(index, 0) if d_stage else (0 if d_lane > 0 else -1)
        return self._land(target, position)

    def _land(self, cell: Cell, position: int) -> bool:
        cards = self.layout.cells[cell].card_ids
        if not cards:
            self.stand_on_cell(cell)
            return True
        self.cell = None
        self.view.map_scene.drop_item.show_target(None, None)
        chosen = cards[-1] if position < 0 else cards[min(position, len(cards) - 1)]
        self.view.select(ItemRef.card(chosen))
        return True

    def _neighbour(self, cell: Cell, d_stage: int, d_lane: int) -> Cell | None:
        stages, lanes = self.layout.stage_order, self.layout.lane_order
        s, lane = stages.index(cell[0]) + d_stage, lanes.index(cell[1]) + d_lane
        if 0 <= s < len(stages) and 0 <= lane < len(lanes):
            return stages[s], lanes[lane]
        return None

    def carry(self, key: Qt.Key) -> bool:
        """Ctrl+arrow: the selected card to the end of the neighbouring cell (up, down, left, right)."""
        card = self.selected_card()
        if card is None:
            return False
        journey = self.view.map_scene.journey
        target = self._neighbour(journey.cell_of(card), *STEPS[key])
        if target is None:
            return True
        index = len(journey.cards_in(*target))
        self.view.map_scene.document.push(MoveCardsCommand(journey, [card], *target, index))
        self.view.select(ItemRef.card(card))
        return True

    def follow(self, key: Qt.Key) -> bool:
        """Alt+Right/Down: along an arrow leaving the card; Alt+Left/Up: back along one arriving."""
        card = self.selected_card()
        if card is None:
            return False
        forward = key in (Qt.Key.Key_Right, Qt.Key.Key_Down)
        journey = self.view.map_scene.journey
        ends = [t if forward else s for s, t in journey.flows_of(card) if (s if forward else t) == card]
        if not ends:
            return True
        rects = self.layout.cards
        ends.sort(key=lambda c: (rects[c].rect.x, rects[c].rect.y) if c in rects else (0.0, 0.0))
        self.view.select(ItemRef.card(ends[0]))
        return True

    # ------------------------------------------------------------------ adding and setting
    def edit_or_add(self) -> bool:
        """Enter on an empty cell starts a card there (Enter on a card edits it, elsewhere)."""
        if self.cell is None or self.selected_card() is not None or self.cell not in self.layout.cells:
            return False
        cell, self.cell = self.cell, None
        self.view.map_scene.drop_item.show_target(None, None)
        self.view.set_tool(AddCardTool(self.view, *cell))
        return True

    def add_next(self) -> bool:
        """Tab: a new card typed at the end of the current card's (or empty) cell."""
        if self.selected_card() is None and self.cell is None:
            return False
        cell = self.current_cell()
        if cell is None:
            return False
        self.forget_cell()
        self.view.set_tool(AddCardTool(self.view, *cell))
        return True

    def cycle_kind(self) -> None:
        """Ctrl+K: touchpoint, pain point, opportunity, thought, and round again."""
        card = self.selected_card()
        if card is None:
            return
        journey = self.view.map_scene.journey
        kind = journey.card(card).kind
        following = KIND_ORDER[(KIND_ORDER.index(kind) + 1) % len(KIND_ORDER)]
        self.view.map_scene.document.push(UpdateCommand(journey, ItemRef.card(card), {"kind": following}))

    def step_emotion(self, delta: int) -> None:
        """Ctrl+Shift+Up/Down: the emotion one step up or down (from none, a step from neutral)."""
        card = self.selected_card()
        if card is None:
            return
        journey = self.view.map_scene.journey
        current = journey.card(card).emotion
        value = max(EMOTIONS[0], min(EMOTIONS[-1], (current if current is not None else 0) + delta))
        if value != current:
            self.view.map_scene.document.push(UpdateCommand(journey, ItemRef.card(card), {"emotion": value}))
