"""The properties panel: every field of the selected stage, lane, card or milestone, editable.

Two-way bound without feedback loops. A user's edit pushes an ``UpdateCommand`` (``merge=True``,
so typing a word is one undo step); the model's event then refreshes the panel, except the field
that is being typed in, which already shows the text. Undo, redo and edits on the canvas reach the
panel the same way, through the document's ``map_changed`` signal. With nothing selected the panel
shows the map's title, which is committed when editing finishes (``SetTitleCommand`` does not merge,
so committing per key would make one undo step per letter).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journeymap.editing.commands import SetTitleCommand, UpdateCommand
from journeymap.editing.document import Document
from journeymap.layout.style import EMOTION_LABELS, EMOTION_TEXT, KIND_LABELS
from journeymap.model import Change, ItemKind, ItemRef, Kind, MapEvent, Milestone, Persona, Stage, Touchpoint
from journeymap.model.events import ROOM_ONLY
from journeymap.model.records import field_label
from journeymap.widgets.panels.fields import ChoiceField, LineField, TextField

LINE, TEXT, KIND, EMOTION = "line", "text", "kind", "emotion"


def _form(record_type: type, *fields: tuple[str, str]) -> list[tuple[str, str, str]]:
    """(field, label, editor) with each label as the record declares it."""
    return [(name, field_label(record_type, name), editor) for name, editor in fields]


# kind -> (heading, [(field, label, editor)]) in the order a facilitator fills them in.
FORMS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "stage": (
        "Stage",
        _form(Stage, ("name", LINE), ("goal", TEXT), ("success_criteria", TEXT), ("timeline", LINE), ("owner", LINE)),
    ),
    "lane": (
        "Persona (lane)",
        _form(Persona, ("name", LINE), ("description", TEXT), ("goals", TEXT), ("pain_points", TEXT)),
    ),
    "card": (
        "Card",
        _form(
            Touchpoint,
            ("title", LINE),
            ("kind", KIND),
            ("emotion", EMOTION),
            ("channel", LINE),
            ("owner", LINE),
            ("notes", TEXT),
        ),
    ),
    "milestone": ("Milestone", _form(Milestone, ("title", LINE), ("success_signal", LINE))),
}
_CHANGES = {
    "stage": Change.STAGE_CHANGED,
    "lane": Change.LANE_CHANGED,
    "card": Change.CARD_CHANGED,
    "milestone": Change.MILESTONE_CHANGED,
}
_REMOVALS = {Change.STAGE_REMOVED, Change.LANE_REMOVED, Change.CARD_REMOVED, Change.MILESTONE_REMOVED}
_MOVES = {Change.CARD_MOVED, Change.MILESTONE_MOVED, Change.STAGE_CHANGED, Change.LANE_CHANGED}


def _emotion_choices() -> list[tuple[str, Any]]:
    # The badge's own text ("−1" with a true minus, "0"), so the list reads as the canvas does.
    return [("No emotion", None)] + [
        (f"{EMOTION_TEXT[score]}  {EMOTION_LABELS[score]}", score) for score in (2, 1, 0, -1, -2)
    ]


class PropertiesPanel(QDockWidget):
    """A dock beside the canvas; the main window feeds it the canvas selection."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("Properties", parent)
        self.setObjectName("propertiesPanel")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self._document = document
        self.clock: Callable[[], float] = time.monotonic  # when an edit was typed, for merging undo steps
        self._target: ItemRef | None = None  # None for the map itself
        self._typing_in: QWidget | None = None
        self._fields: dict[str, dict[str, Any]] = {}
        self._stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._build_map_page()
        for kind, (heading, fields) in FORMS.items():
            self._build_form(kind, heading, fields)
        self._message = QLabel()
        self._message.setObjectName("propertiesMessage")
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._message.setMargin(8)
        message_page = QWidget()
        QVBoxLayout(message_page).addWidget(self._message)
        self._add_page("message", message_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._stack)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(scroll)
        self.setMinimumWidth(260)
        document.map_changed.connect(self._on_map_changed)
        self.show_map()

    # ------------------------------------------------------------------ what is shown
    @property
    def target(self) -> ItemRef | None:
        return self._target

    @property
    def message(self) -> str:
        """The text shown when there is no single item to edit (several items, an arrow)."""
        return self._message.text() if self._stack.currentWidget() is self._pages["message"] else ""

    def field(self, kind: str, name: str) -> Any:
        """The editor of one field (tests and the shortcut "edit in panel" reach it here)."""
        return self._fields[kind][name]

    def show_selection(self, selected: list[ItemRef]) -> None:
        """Show what the canvas selected: one item's fields, the map's title, or a summary."""
        if not selected:
            self.show_map()
        elif len(selected) > 1:
            self._show_message(f"{len(selected)} items selected.\n\nSelect one item to edit its fields.")
        elif selected[0].kind is ItemKind.FLOW:
            self._show_flow(selected[0])
        else:
            self.show_item(selected[0])

    def show_item(self, ref: ItemRef) -> None:
        self._target = ref
        self._stack.setCurrentWidget(self._pages[ref.kind])
        self._refresh()

    def show_map(self) -> None:
        self._target = None
        self._stack.setCurrentWidget(self._pages["map"])
        self._refresh()

    # ------------------------------------------------------------------ building
    def _add_page(self, name: str, page: QWidget) -> None:
        page.setObjectName(f"{name}Page")
        self._pages[name] = page
        self._stack.addWidget(page)

    def _form_page(self, heading: str) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        outer = QVBoxLayout(page)
        title = QLabel(heading)
        title.setObjectName("propertiesHeading")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        outer.addWidget(title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(form)
        outer.addStretch(1)
        return page, form

    def _build_map_page(self) -> None:
        page, form = self._form_page("Map")
        title = LineField()
        title.setObjectName("map_title")
        title.setPlaceholderText("Name this journey map")
        title.editingFinished.connect(self._commit_title)
        form.addRow("Title", title)
        counts = QLabel()
        counts.setObjectName("map_counts")
        counts.setWordWrap(True)
        form.addRow("Contents", counts)
        hint = QLabel("Select a stage, lane, card or milestone on the map to edit it here.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow(hint)
        self._fields["map"] = {"title": title, "counts": counts}
        self._add_page("map", page)

    def _build_form(self, kind: str, heading: str, fields: list[tuple[str, str, str]]) -> None:
        page, form = self._form_page(heading)
        editors: dict[str, Any] = {}
        if kind in ("card", "milestone"):
            place = QLabel()
            place.setObjectName(f"{kind}_place")
            place.setWordWrap(True)
            form.addRow("Where", place)
            editors["place"] = place
        for name, label, editor_type in fields:
            editor = self._make_editor(editor_type)
            editor.setObjectName(f"{kind}_{name}")
            editor.edited.connect(lambda value, k=kind, n=name, e=editor: self._on_edited(k, n, value, e))
            form.addRow(label, editor)
            editors[name] = editor
        self._fields[kind] = editors
        self._add_page(kind, page)

    @staticmethod
    def _make_editor(editor_type: str) -> Any:
        if editor_type == TEXT:
            return TextField()
        if editor_type == KIND:
            return ChoiceField([(KIND_LABELS[kind], kind.value) for kind in Kind])
        if editor_type == EMOTION:
            return ChoiceField(_emotion_choices())
        return LineField()

    # ------------------------------------------------------------------ widget -> model
    def _on_edited(self, kind: str, name: str, value: Any, editor: QWidget) -> None:
        if self._target is None or self._target.kind != kind:
            return
        # Typed text merges into one undo step; a choice from a list is a step of its own.
        merge = not isinstance(editor, ChoiceField)
        command = UpdateCommand(self._document.journey, self._target, {name: value}, merge=merge, clock=self.clock)
        self._typing_in = editor
        try:
            self._document.push(command)
        finally:
            self._typing_in = None

    def _commit_title(self) -> None:
        title = self._fields["map"]["title"].value()
        if title != self._document.journey.title:
            self._document.push(SetTitleCommand(self._document.journey, title))

    # ------------------------------------------------------------------ model -> widget
    def _on_map_changed(self, event: MapEvent) -> None:
        if event.change in ROOM_ONLY:  # the room's inbox and dots: nothing shown here changes
            return
        if self._target is None:
            if event.change is not Change.TITLE or not self._fields["map"]["title"].hasFocus():
                self._refresh()
            return
        kind, node_id = self._target.kind, self._target.id
        if event.change in _REMOVALS and node_id in event.ids:
            self.show_map()
        elif event.change is Change.RESET:
            if self._document.journey.node_type(node_id) is None:
                self.show_map()
            else:
                self._refresh()
        elif (event.change is _CHANGES[kind] and node_id in event.ids) or event.change in _MOVES:
            self._refresh()

    def _refresh(self) -> None:
        journey = self._document.journey
        if self._target is None:
            fields = self._fields["map"]
            fields["title"].set_value(journey.title)
            counts = journey.counts()
            counts["arrows"] = counts.pop("flows")
            fields["counts"].setText(", ".join(f"{value} {name}" for name, value in counts.items()))
            return
        kind, node_id = self._target.kind, self._target.id
        record = journey.record(self._target)
        editors = self._fields[kind]
        for name, _label, _type in FORMS[kind][1]:
            if editors[name] is not self._typing_in:
                editors[name].set_value(getattr(record, name))
        if "place" in editors:
            editors["place"].setText(self._place_text(kind, node_id))

    def _place_text(self, kind: str, node_id: str) -> str:
        journey = self._document.journey
        place: str | None
        if kind == "card":
            stage, place = journey.cell_of(node_id)
        else:
            stage, place = journey.milestone_place(node_id)
        lane_name = journey.lane(place).name if place else "all lanes"
        return f"{journey.stage(stage).name} · {lane_name}"

    def _show_flow(self, ref: ItemRef) -> None:
        journey = self._document.journey
        source, target = ref.ends
        if journey.contains(ref):
            text = f"Arrow from “{journey.card(source).title}” to “{journey.card(target).title}”."
        else:
            text = "An arrow between two cards."
        self._show_message(text + "\n\nPress Delete to remove it.")

    def _show_message(self, text: str) -> None:
        self._target = None
        self._message.setText(text)
        self._stack.setCurrentWidget(self._pages["message"])
