"""Find: highlight every card whose text matches, and step through them one by one.

The matches are kept by card id and re-run after each edit, so highlights survive relayouts and a
card edited to stop matching loses its highlight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.model import ItemRef

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost


class CardFinder:
    def __init__(self, view: ToolHost) -> None:
        self.view = view
        self.text = ""
        self.matches: list[str] = []
        self.index = -1
        view.map_scene.layout_changed.connect(self._refresh)

    def find(self, text: str) -> int:
        """Highlight the cards matching ``text`` (any field, any case) and go to the first one."""
        self.text = text.strip().casefold()
        self.index = -1
        self._search()
        if self.matches:
            self.step(1)
        else:
            self.view.map_scene.set_matches(set(), None)
        return len(self.matches)

    def current(self) -> str | None:
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        self.index = (self.index + direction) % len(self.matches)
        card = self.matches[self.index]
        scene = self.view.map_scene
        scene.set_matches(set(self.matches), card)
        item = scene.item_for(ItemRef.card(card))
        if item is not None:
            if self.view.zoom_level() < 0.6:
                self.view.set_zoom(0.8)
            self.view.centerOn(item)

    def clear(self) -> None:
        self.text, self.matches, self.index = "", [], -1
        self.view.map_scene.set_matches(set(), None)

    def _search(self) -> None:
        journey = self.view.map_scene.journey
        needle = self.text
        self.matches = []
        if not needle:
            return
        for card_id in journey.card_ids():
            card = journey.card(card_id)
            haystack = f"{card.title}\n{card.channel}\n{card.owner}\n{card.notes}".casefold()
            if needle in haystack:
                self.matches.append(card_id)

    def _refresh(self) -> None:
        if not self.text:
            return
        current = self.current()
        self._search()
        self.index = self.matches.index(current) if current in self.matches else min(self.index, len(self.matches) - 1)
        self.view.map_scene.set_matches(set(self.matches), self.current())
