"""Every edit of the map is one of these undoable commands, pushed on the document's QUndoStack.

Commands hold model ids and records, never graphics items, and call only model methods; the
canvas repaints by following the model's events, so undo and redo need no drawing code.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from journeymap.model import (
    CardPolicy,
    Flow,
    ItemRef,
    JourneyMap,
    Milestone,
    Persona,
    Removal,
    Stage,
    Touchpoint,
)
from journeymap.model.records import field_label

# Field edits typed within this many seconds of each other merge into one undo step.
MERGE_WINDOW_SECONDS = 2.0
_UPDATE_ID = 0x4A4D01


def short_text(text: str, limit: int = 40) -> str:
    """A name cut to fit an Edit menu line ("Add card 'Kickoff call'")."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_name(journey: JourneyMap, ref: ItemRef, field: str) -> str:
    """A field as its label calls it, in lower case ("notes", "success criteria")."""
    try:
        return field_label(type(journey.record(ref)), field).lower()
    except KeyError:  # a field declared without a label
        return field.replace("_", " ")


def label_of(journey: JourneyMap, ref: ItemRef) -> str:
    """The name people know an item by, for command texts like "Move 'Kickoff call'"."""
    record = journey.record(ref)
    if isinstance(record, Stage | Persona):
        return short_text(record.name)
    if isinstance(record, Touchpoint | Milestone):
        return short_text(record.title)
    source, target = ref.ends
    return f"{label_of(journey, ItemRef.card(source))} → {label_of(journey, ItemRef.card(target))}"


def _batched(method: Callable[[Any], None]) -> Callable[[Any], None]:
    @functools.wraps(method)
    def run(self: MapCommand) -> None:
        with self.journey.batch():
            method(self)

    return run


class MapCommand(QUndoCommand):
    """Base of every command. Its redo and undo reach listeners as one event, however many model
    changes they make: deleting a stage that moves 100 cards used to re-lay out the canvas 200 times."""

    def __init__(self, journey: JourneyMap, text: str) -> None:
        super().__init__(text)
        self.journey = journey

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("redo", "undo"):
            if name in cls.__dict__:
                setattr(cls, name, _batched(cls.__dict__[name]))


class AddStageCommand(MapCommand):
    def __init__(self, journey: JourneyMap, stage: Stage, index: int | None = None) -> None:
        super().__init__(journey, f"Add stage '{short_text(stage.name)}'")
        self.stage, self.index = stage, index
        self.stage_id: str | None = None

    def redo(self) -> None:
        self.stage_id = self.journey.add_stage(self.stage, self.index, self.stage_id)

    def undo(self) -> None:
        assert self.stage_id is not None
        self.journey.remove_stage(self.stage_id, CardPolicy.DELETE)


class AddLaneCommand(MapCommand):
    def __init__(self, journey: JourneyMap, persona: Persona, index: int | None = None) -> None:
        super().__init__(journey, f"Add lane '{short_text(persona.name)}'")
        self.persona, self.index = persona, index
        self.lane_id: str | None = None

    def redo(self) -> None:
        self.lane_id = self.journey.add_lane(self.persona, self.index, self.lane_id)

    def undo(self) -> None:
        assert self.lane_id is not None
        self.journey.remove_lane(self.lane_id, CardPolicy.DELETE)


class AddCardCommand(MapCommand):
    def __init__(
        self, journey: JourneyMap, stage_id: str, lane_id: str, card: Touchpoint, index: int | None = None
    ) -> None:
        super().__init__(journey, f"Add card '{short_text(card.title)}'")
        self.cell, self.card, self.index = (stage_id, lane_id), card, index
        self.card_id: str | None = None

    def redo(self) -> None:
        self.card_id = self.journey.add_card(*self.cell, self.card, self.index, self.card_id)

    def undo(self) -> None:
        assert self.card_id is not None
        self.journey.remove_card(self.card_id)


class AddMilestoneCommand(MapCommand):
    def __init__(self, journey: JourneyMap, stage_id: str, milestone: Milestone, lane_id: str | None = None) -> None:
        super().__init__(journey, f"Add milestone '{short_text(milestone.title)}'")
        self.stage_id, self.lane_id, self.milestone = stage_id, lane_id, milestone
        self.milestone_id: str | None = None

    def redo(self) -> None:
        self.milestone_id = self.journey.add_milestone(
            self.stage_id, self.milestone, self.lane_id, milestone_id=self.milestone_id
        )

    def undo(self) -> None:
        assert self.milestone_id is not None
        self.journey.remove_milestone(self.milestone_id)


class AddFlowCommand(MapCommand):
    def __init__(self, journey: JourneyMap, source: str, target: str, flow: Flow | None = None) -> None:
        text = f"Connect '{label_of(journey, ItemRef.card(source))}' to '{label_of(journey, ItemRef.card(target))}'"
        super().__init__(journey, text)
        self.source, self.target, self.flow = source, target, flow or Flow()

    def redo(self) -> None:
        self.journey.add_flow(self.source, self.target, self.flow)

    def undo(self) -> None:
        self.journey.remove_flow(self.source, self.target)


class UpdateCommand(MapCommand):
    """Change fields of a stage, lane, card or milestone. Typing in one field merges into one step.

    ``clock`` says when the edit was made (seconds, any origin); edits of one field within
    ``MERGE_WINDOW_SECONDS`` of each other merge. Tests pass their own clock.
    """

    def __init__(
        self,
        journey: JourneyMap,
        ref: ItemRef,
        changes: dict[str, Any],
        merge: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        name = label_of(journey, ref)
        if set(changes) <= {"name", "title"}:
            text = f"Rename {ref.kind} '{name}'"
        elif len(changes) == 1:
            # The field by its label ("Edit notes of 'Kickoff call'"): the Edit menu says what Undo takes back.
            (field,) = changes
            text = f"Edit {_field_name(journey, ref, field)} of '{name}'"
        else:
            text = f"Edit {ref.kind} '{name}'"
        super().__init__(journey, text)
        self.ref, self.changes = ref, dict(changes)
        self.old: Any = None
        self.merge, self.stamp = merge, clock()

    def redo(self) -> None:
        self.old = self.journey.update(self.ref, **self.changes)

    def undo(self) -> None:
        previous = {name: getattr(self.old, name) for name in self.changes}
        self.journey.update(self.ref, **previous)

    def id(self) -> int:
        return _UPDATE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt virtual
        if not (isinstance(other, UpdateCommand) and self.merge and other.merge):
            return False
        same_target = (other.ref, set(other.changes)) == (self.ref, set(self.changes))
        if not same_target or other.stamp - self.stamp > MERGE_WINDOW_SECONDS:
            return False
        self.changes = dict(other.changes)
        self.stamp = other.stamp
        return True


class ReorderCommand(MapCommand):
    """Move a stage column or a lane row to another position."""

    def __init__(self, journey: JourneyMap, ref: ItemRef, index: int) -> None:
        super().__init__(journey, f"Move {ref.kind} '{label_of(journey, ref)}'")
        self.ref, self.index, self.old_index = ref, index, 0

    def redo(self) -> None:
        self.old_index = self.journey.reorder(self.ref, self.index)

    def undo(self) -> None:
        self.journey.reorder(self.ref, self.old_index)


class MoveCardCommand(MapCommand):
    def __init__(
        self, journey: JourneyMap, card_id: str, stage_id: str, lane_id: str, index: int | None = None
    ) -> None:
        super().__init__(journey, f"Move '{label_of(journey, ItemRef.card(card_id))}'")
        self.card_id, self.target, self.index = card_id, (stage_id, lane_id), index
        self.source: tuple[str, str] = ("", "")
        self.old_index = 0

    def redo(self) -> None:
        self.source, self.old_index = self.journey.move_card(self.card_id, *self.target, self.index)

    def undo(self) -> None:
        self.journey.move_card(self.card_id, *self.source, self.old_index)


class MoveCardsCommand(MapCommand):
    """Drop several cards into one cell, before the ``index``-th card that stays there: one undo step.

    The cards keep their map order (as on the canvas, top to bottom and lane by lane). Each card's
    place is taken from the map as it is when it moves, so redo replays exactly and undo puts every
    card back where it was, in reverse.
    """

    def __init__(self, journey: JourneyMap, card_ids: list[str], stage_id: str, lane_id: str, index: int) -> None:
        chosen = set(card_ids)
        self.card_ids = [card for card in journey.card_ids() if card in chosen]
        text = (
            f"Move '{label_of(journey, ItemRef.card(self.card_ids[0]))}'"
            if len(self.card_ids) == 1
            else f"Move {len(self.card_ids)} cards"
        )
        super().__init__(journey, text)
        self.cell, self.index = (stage_id, lane_id), index
        self.origins: list[tuple[str, tuple[str, str], int]] = []

    @staticmethod
    def changes_anything(journey: JourneyMap, card_ids: list[str], stage_id: str, lane_id: str, index: int) -> bool:
        """False when the cards would land exactly where they are (a drop in place)."""
        chosen = set(card_ids)
        moving = [card for card in journey.card_ids() if card in chosen]
        current = journey.cards_in(stage_id, lane_id)
        staying = [card for card in current if card not in chosen]
        return bool(moving) and staying[:index] + moving + staying[index:] != current

    def redo(self) -> None:
        journey, cell = self.journey, self.cell
        chosen = set(self.card_ids)
        staying = [card for card in journey.cards_in(*cell) if card not in chosen]
        anchor = staying[self.index - 1] if 0 < self.index <= len(staying) else None
        self.origins = []
        for card in self.card_ids:
            others = [c for c in journey.cards_in(*cell) if c != card]
            position = others.index(anchor) + 1 if anchor is not None else 0
            old_cell, old_index = journey.move_card(card, *cell, position)
            self.origins.append((card, old_cell, old_index))
            anchor = card

    def undo(self) -> None:
        for card, cell, index in reversed(self.origins):
            self.journey.move_card(card, *cell, index)


class MoveMilestoneCommand(MapCommand):
    def __init__(self, journey: JourneyMap, milestone_id: str, stage_id: str, lane_id: str | None) -> None:
        super().__init__(journey, f"Move milestone '{label_of(journey, ItemRef.milestone(milestone_id))}'")
        self.milestone_id, self.target = milestone_id, (stage_id, lane_id)
        self.source: tuple[str, str | None] = ("", None)

    def redo(self) -> None:
        self.source = self.journey.move_milestone(self.milestone_id, *self.target)

    def undo(self) -> None:
        self.journey.move_milestone(self.milestone_id, *self.source)


class _RemovalCommand(MapCommand):
    """Base for deletes: redo removes and keeps the Removal, undo restores it exactly."""

    removal: Removal | None = None

    def remove(self) -> Removal:
        raise NotImplementedError

    def redo(self) -> None:
        self.removal = self.remove()

    def undo(self) -> None:
        assert self.removal is not None
        self.journey.restore(self.removal)


class RemoveStageCommand(_RemovalCommand):
    def __init__(self, journey: JourneyMap, stage_id: str, policy: CardPolicy, move_to: str | None = None) -> None:
        super().__init__(journey, f"Delete stage '{label_of(journey, ItemRef.stage(stage_id))}'")
        self.stage_id, self.policy, self.move_to = stage_id, CardPolicy(policy), move_to

    def remove(self) -> Removal:
        return self.journey.remove_stage(self.stage_id, self.policy, self.move_to)


class RemoveLaneCommand(_RemovalCommand):
    def __init__(self, journey: JourneyMap, lane_id: str, policy: CardPolicy, move_to: str | None = None) -> None:
        super().__init__(journey, f"Delete lane '{label_of(journey, ItemRef.lane(lane_id))}'")
        self.lane_id, self.policy, self.move_to = lane_id, CardPolicy(policy), move_to

    def remove(self) -> Removal:
        return self.journey.remove_lane(self.lane_id, self.policy, self.move_to)


class RemoveCardsCommand(_RemovalCommand):
    def __init__(self, journey: JourneyMap, card_ids: list[str]) -> None:
        text = (
            f"Delete '{label_of(journey, ItemRef.card(card_ids[0]))}'"
            if len(card_ids) == 1
            else f"Delete {len(card_ids)} cards"
        )
        super().__init__(journey, text)
        self.card_ids = list(card_ids)

    def remove(self) -> Removal:
        return self.journey.remove_cards(self.card_ids)


class RemoveMilestoneCommand(_RemovalCommand):
    def __init__(self, journey: JourneyMap, milestone_id: str) -> None:
        super().__init__(journey, f"Delete milestone '{label_of(journey, ItemRef.milestone(milestone_id))}'")
        self.milestone_id = milestone_id

    def remove(self) -> Removal:
        return self.journey.remove_milestone(self.milestone_id)


class RemoveFlowCommand(_RemovalCommand):
    def __init__(self, journey: JourneyMap, source: str, target: str) -> None:
        source_name, target_name = label_of(journey, ItemRef.card(source)), label_of(journey, ItemRef.card(target))
        text = f"Delete arrow '{source_name}' → '{target_name}'"
        super().__init__(journey, text)
        self.source, self.target = source, target

    def remove(self) -> Removal:
        return self.journey.remove_flow(self.source, self.target)


class SetTitleCommand(MapCommand):
    def __init__(self, journey: JourneyMap, title: str) -> None:
        super().__init__(journey, f"Rename map to '{short_text(title)}'")
        self.title, self.old = title, journey.title

    def redo(self) -> None:
        self.old = self.journey.title
        self.journey.set_title(self.title)

    def undo(self) -> None:
        self.journey.set_title(self.old)


class ReplaceMapCommand(MapCommand):
    """Swap the whole map's content (an import merged into the open map) as one undo step."""

    def __init__(self, journey: JourneyMap, new_content: JourneyMap, text: str) -> None:
        super().__init__(journey, text)
        self.new_content, self.old_content = new_content.copy(), journey.copy()

    def redo(self) -> None:
        self.journey.replace_with(self.new_content)

    def undo(self) -> None:
        self.journey.replace_with(self.old_content)


class GroupCommand(MapCommand):
    """Commands done one after another (a paste, a multi-card move) as one undo step.

    Its commands have already run when it is pushed, so the stack's first redo does nothing.
    """

    def __init__(self, journey: JourneyMap, text: str) -> None:
        super().__init__(journey, text)
        self.commands: list[QUndoCommand] = []
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        for command in self.commands:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self.commands):
            command.undo()
