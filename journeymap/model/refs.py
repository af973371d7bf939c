"""Typed references to the things on a map: what the scene, tools, panel and commands pass around.

An :class:`ItemRef` names one stage, lane, card, milestone or flow. A flow has no id of its own: it
is keyed by its two cards, so a card id may contain any characters (``->`` included, which is
legal in a ``.cjm``) without a reference ever being parsed back from a string.

``ItemRef`` is a NamedTuple whose kind is a ``StrEnum``, so ``ItemRef.card("c1") == ("card", "c1")``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class ItemKind(StrEnum):
    STAGE = "stage"
    LANE = "lane"
    CARD = "card"
    MILESTONE = "milestone"
    FLOW = "flow"


class ItemRef(NamedTuple):
    kind: ItemKind
    key: str | tuple[str, str]  # a node's id; a flow's (source card, target card)

    @classmethod
    def stage(cls, stage_id: str) -> ItemRef:
        return cls(ItemKind.STAGE, stage_id)

    @classmethod
    def lane(cls, lane_id: str) -> ItemRef:
        return cls(ItemKind.LANE, lane_id)

    @classmethod
    def card(cls, card_id: str) -> ItemRef:
        return cls(ItemKind.CARD, card_id)

    @classmethod
    def milestone(cls, milestone_id: str) -> ItemRef:
        return cls(ItemKind.MILESTONE, milestone_id)

    @classmethod
    def flow(cls, source: str, target: str) -> ItemRef:
        return cls(ItemKind.FLOW, (source, target))

    @property
    def id(self) -> str:
        """A node's id; a flow has none (use :attr:`ends`)."""
        if isinstance(self.key, tuple):
            raise TypeError(f"a {self.kind} reference has no single id")
        return self.key

    @property
    def ends(self) -> tuple[str, str]:
        """A flow's (source, target) cards."""
        if not isinstance(self.key, tuple):
            raise TypeError(f"a {self.kind} reference has no ends")
        return self.key

    @property
    def card_ids(self) -> tuple[str, ...]:
        """The cards this reference is, or connects (none for headers and milestones)."""
        if self.kind is ItemKind.FLOW:
            return self.ends
        return (self.id,) if self.kind is ItemKind.CARD else ()
