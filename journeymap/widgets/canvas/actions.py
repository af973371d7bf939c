"""The canvas's editing entry points: what menu actions and keys do to the selection.

Each turns into commands on the document's stack (one undo step per user action, macros where
several objects change). Kept apart from the view so the view stays about seeing and gestures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog

from journeymap.editing.commands import (
    AddFlowCommand,
    AddLaneCommand,
    AddStageCommand,
    RemoveCardsCommand,
    RemoveFlowCommand,
    RemoveLaneCommand,
    RemoveMilestoneCommand,
    RemoveStageCommand,
    UpdateCommand,
)
from journeymap.layout.flows import label_style
from journeymap.model import CardPolicy, ItemKind, ItemRef, Persona, Stage
from journeymap.widgets.canvas.items import CardItem, FlowItem, LaneHeaderItem, MilestoneItem, StageHeaderItem
from journeymap.widgets.canvas.keyboard import STEPS, KeyboardCapture
from journeymap.widgets.canvas.tools.add_card_tool import AddCardTool
from journeymap.widgets.canvas.tools.milestone_tool import PlaceMilestoneTool
from journeymap.widgets.canvas.tools.text_edit_tool import TextEditTool
from journeymap.widgets.dialogs.delete_dialog import DeleteDialog

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost
    from journeymap.widgets.canvas.scene import MapScene

_FIELD = {
    ItemKind.CARD: "title",
    ItemKind.MILESTONE: "title",
    ItemKind.STAGE: "name",
    ItemKind.LANE: "name",
    ItemKind.FLOW: "label",
}


class CanvasActions:
    def __init__(self, view: ToolHost) -> None:
        self.view = view
        self.keyboard = KeyboardCapture(view)

    @property
    def scene(self) -> MapScene:
        return self.view.map_scene

    # ------------------------------------------------------------------ delete
    def delete_selection(self) -> None:
        """Delete everything selected as one undo step; stages and lanes with content ask first."""
        selected = self.view.selected()
        if not selected:
            return
        journey, document = self.scene.journey, self.scene.document
        cards = [ref.id for ref in selected if ref.kind is ItemKind.CARD]
        # Arrows of deleted cards go with their cards.
        flows = [
            ref.ends
            for ref in selected
            if ref.kind is ItemKind.FLOW and ref.ends[0] not in cards and ref.ends[1] not in cards
        ]
        milestones = [ref.id for ref in selected if ref.kind is ItemKind.MILESTONE]
        columns = [ref for ref in selected if ref.kind in (ItemKind.STAGE, ItemKind.LANE)]
        choices: dict[ItemRef, tuple[CardPolicy, str | None]] = {}
        for ref in columns:
            choice = self.ask_card_policy(ref, {other.id for other in columns if other.kind is ref.kind})
            if choice is None:
                return  # cancelled: delete nothing at all
            choices[ref] = choice
        count = len(cards) + len(flows) + len(milestones) + len(columns)
        with document.macro(f"Delete {count} items" if count > 1 else "Delete"):
            for source, target in flows:
                document.push(RemoveFlowCommand(journey, source, target))
            for milestone_id in milestones:
                document.push(RemoveMilestoneCommand(journey, milestone_id))
            if cards:
                document.push(RemoveCardsCommand(journey, cards))
            for ref, (policy, move_to) in choices.items():
                command = RemoveStageCommand if ref.kind is ItemKind.STAGE else RemoveLaneCommand
                document.push(command(journey, ref.id, policy, move_to))

    def ask_card_policy(self, ref: ItemRef, also_deleted: set[str]) -> tuple[CardPolicy, str | None] | None:
        """What to do with a stage's or lane's cards; None when the user cancels."""
        journey = self.scene.journey
        kind, model_id = ref.kind, ref.id
        if kind is ItemKind.STAGE:
            cards = sum(len(journey.cards_in(model_id, lane)) for lane in journey.lane_ids())
            milestones = sum(1 for m in journey.milestone_ids() if journey.milestone_place(m)[0] == model_id)
            others = [(s, journey.stage(s).name) for s in journey.stage_ids() if s not in also_deleted]
        else:
            cards = sum(len(journey.cards_in(stage, model_id)) for stage in journey.stage_ids())
            milestones = sum(1 for m in journey.milestone_ids() if journey.milestone_place(m)[1] == model_id)
            others = [(lane, journey.lane(lane).name) for lane in journey.lane_ids() if lane not in also_deleted]
        if not cards and not milestones:
            return CardPolicy.DELETE, None
        name = journey.stage(model_id).name if kind is ItemKind.STAGE else journey.lane(model_id).name
        dialog = DeleteDialog(kind, name, cards, milestones, others, self.view.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.policy(), dialog.move_to()

    # ------------------------------------------------------------------ connect
    def connect_selected(self) -> bool:
        """Two selected cards get an arrow, from the one earlier in the journey to the later one."""
        cards = [ref.id for ref in self.view.selected() if ref.kind is ItemKind.CARD]
        if len(cards) != 2:
            return False
        layout, journey = self.scene.layout, self.scene.journey
        source, target = sorted(cards, key=lambda c: (layout.cards[c].rect.x, layout.cards[c].rect.y))
        if journey.has_flow(source, target):
            return False
        self.scene.document.push(AddFlowCommand(journey, source, target))
        return True

    # ------------------------------------------------------------------ add
    def add_stage(self) -> None:
        """A new stage after the selected one (or at the end), with its name open for typing."""
        journey = self.scene.journey
        stages = [ref.id for ref in self.view.selected() if ref.kind is ItemKind.STAGE]
        index = journey.stage_ids().index(stages[-1]) + 1 if stages else None
        command = AddStageCommand(journey, Stage(name="New stage"), index)
        self.scene.document.push(command)
        assert command.stage_id is not None  # set when the command ran
        self.start_edit(ItemRef.stage(command.stage_id))

    def add_lane(self) -> None:
        journey = self.scene.journey
        lanes = [ref.id for ref in self.view.selected() if ref.kind is ItemKind.LANE]
        index = journey.lane_ids().index(lanes[-1]) + 1 if lanes else None
        command = AddLaneCommand(journey, Persona(name="New persona"), index)
        self.scene.document.push(command)
        assert command.lane_id is not None  # set when the command ran
        self.start_edit(ItemRef.lane(command.lane_id))

    def add_card_in_selected_cell(self) -> None:
        cell = self.view.target_cell()
        selected = self.view.selected()
        stages = [ref.id for ref in selected if ref.kind is ItemKind.STAGE]
        lanes = [ref.id for ref in selected if ref.kind is ItemKind.LANE]
        cards = [ref.id for ref in selected if ref.kind is ItemKind.CARD]
        if cards:
            cell = self.scene.journey.cell_of(cards[-1])
        elif stages and lanes:
            cell = stages[-1], lanes[-1]
        if cell is not None:
            self.view.set_tool(AddCardTool(self.view, *cell))

    def add_milestone(self) -> None:
        """Next click places a milestone: in a cell for one lane, in a stage header for all lanes."""
        self.view.set_tool(PlaceMilestoneTool(self.view))

    # ------------------------------------------------------------------ inline editing
    def edit_selected(self, type_over: str | None = None) -> bool:
        selected = self.view.selected()
        if not selected:
            return False
        self.start_edit(selected[0], type_over=type_over)
        return True

    def start_edit(self, ref: ItemRef, type_over: str | None = None) -> None:
        scene = self.scene
        item = scene.item_for(ref)
        if item is None:
            return
        self.view.ensureVisible(item, 40, 40)
        style = scene.ctx.style
        field = _FIELD[ref.kind]
        text = getattr(scene.journey.record(ref), field)
        if isinstance(item, CardItem):
            rect = item.card_rect()
            font = scene.ctx.font(style.card_title)
        elif isinstance(item, FlowItem):
            rect, font = item.label_rect(), scene.ctx.font(label_style(style))
        elif isinstance(item, StageHeaderItem):
            rect, font = item.name_rect(), scene.ctx.font(style.stage_name)
        elif isinstance(item, LaneHeaderItem):
            rect, font = item.name_rect(), scene.ctx.font(style.lane_name)
        else:
            assert isinstance(item, MilestoneItem)
            rect, font = item.title_rect(), scene.ctx.font(style.milestone_title)

        def commit(text: str) -> None:
            scene.document.push(UpdateCommand(scene.journey, ref, {field: text}))

        self.view.set_tool(TextEditTool(self.view, rect, text, font, commit, type_over, ref))

    # ------------------------------------------------------------------ keys
    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys the canvas answers itself; menu actions with the same shortcuts win when present."""
        view = self.view
        key, modifiers = event.key(), event.modifiers()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in STEPS and self._keyboard_step(event):
            return True
        if ctrl and key == Qt.Key.Key_D:  # before Delete: Linux's standard Delete includes Ctrl+D
            view.duplicate_selection()
        elif event.matches(QKeySequence.StandardKey.Delete) or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            view.delete_selection()
        elif event.matches(QKeySequence.StandardKey.Copy):
            view.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            view.paste()
        elif ctrl and key == Qt.Key.Key_L:
            view.connect_selected()
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            view.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            view.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            view.fit_to_map()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and not ctrl:
            return self.edit_selected() or self.keyboard.edit_or_add()
        elif key == Qt.Key.Key_Escape:
            view.map_scene.clearSelection()
            view.clear_find()
        elif view.is_presentation() and not view.selected() and key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            view.focus_next_stage() if key == Qt.Key.Key_Right else view.focus_previous_stage()
        elif self._is_typing(event) and [ref.kind for ref in view.selected()] == [ItemKind.CARD]:
            return self.edit_selected(type_over=event.text())
        else:
            return False
        return True

    def _keyboard_step(self, event: QKeyEvent) -> bool:
        """Arrow keys of keyboard capture: plain, Ctrl (carry the card) or Alt (follow an arrow)."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        if self.view.is_presentation() and mods == Qt.KeyboardModifier.NoModifier and not self.view.selected():
            return False  # workshop mode: plain arrows step through the stages
        if mods == Qt.KeyboardModifier.NoModifier:
            return self.keyboard.step(key)
        if mods == Qt.KeyboardModifier.ControlModifier:
            return self.keyboard.carry(key)
        if mods == Qt.KeyboardModifier.AltModifier:
            return self.keyboard.follow(key)
        return False

    @staticmethod
    def _is_typing(event: QKeyEvent) -> bool:
        text = event.text()
        no_command = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        )
        return bool(text) and text.isprintable() and not text.isspace() and no_command
