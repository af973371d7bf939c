"""Copy, paste and duplicate cards, and paste rows from a spreadsheet as new cards.

Copy puts two forms on the clipboard: our own (every field, relative cells, arrows between the
copied cards) for pasting inside the app, and tab-separated text for pasting into a spreadsheet.
Pasting plain tab-separated text makes one card per row (title, channel, owner, notes; a header
row may name the columns) in the cell under the pointer. Every paste is one undo step.
"""

from __future__ import annotations

import atexit
import csv
import io
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from shiboken6 import Shiboken

from journeymap.editing.commands import AddCardCommand, AddFlowCommand
from journeymap.model import Flow, ItemKind, ItemRef, JourneyMap, Kind, Touchpoint

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost

MIME_TYPE = "application/x-journeymap-cards"
MAX_PASTED_ROWS = 5000
COLUMNS = ("title", "channel", "owner", "notes", "kind", "emotion")
_HEADER_NAMES = {
    "title": "title",
    "touchpoint": "title",
    "card": "title",
    "name": "title",
    "channel": "channel",
    "owner": "owner",
    "notes": "notes",
    "note": "notes",
    "kind": "kind",
    "type": "kind",
    "emotion": "emotion",
    "sentiment": "emotion",
}


def _hand_clipboard_to_qt() -> None:
    """Before Python shuts down, swap our QMimeData on the clipboard for Qt's own plain text.

    A QMimeData made from Python is a shiboken wrapper whose destructor calls into Python; the
    clipboard deletes it when the QApplication goes, after the interpreter is gone, and the
    process crashes on exit (measured: PySide6 6.11 offscreen, exit status 139). Plain text set by
    Qt itself has no wrapper; what other programs can paste survives.
    """
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and Shiboken.createdByPython(mime):
        clipboard.setText(clipboard.text())


atexit.register(_hand_clipboard_to_qt)


class CanvasClipboard:
    def __init__(self, view: ToolHost) -> None:
        self.view = view

    @property
    def journey(self) -> JourneyMap:
        return self.view.map_scene.journey

    def selected_cards(self) -> list[str]:
        chosen = {ref.id for ref in self.view.selected() if ref.kind is ItemKind.CARD}
        return [card for card in self.journey.card_ids() if card in chosen]

    # ------------------------------------------------------------------ copy
    def copy_selection(self) -> None:
        cards = self.selected_cards()
        if not cards:
            return
        journey = self.journey
        stages, lanes = journey.stage_ids(), journey.lane_ids()
        first_stage, first_lane = journey.cell_of(cards[0])
        base = stages.index(first_stage), lanes.index(first_lane)
        entries = []
        for card_id in cards:
            card = journey.card(card_id)
            stage, lane = journey.cell_of(card_id)
            entries.append(
                {
                    "title": card.title,
                    "channel": card.channel,
                    "owner": card.owner,
                    "notes": card.notes,
                    "kind": card.kind.value,
                    "emotion": card.emotion,
                    "stage": stages.index(stage) - base[0],
                    "lane": lanes.index(lane) - base[1],
                }
            )
        position = {card: i for i, card in enumerate(cards)}
        flows = [
            [position[s], position[t], journey.flow(s, t).label]
            for s, t in journey.flows()
            if s in position and t in position
        ]
        mime = QMimeData()
        mime.setData(MIME_TYPE, json.dumps({"cards": entries, "flows": flows}).encode("utf-8"))
        mime.setText("\n".join("\t".join(_cell(e[c]) for c in COLUMNS[:4]) for e in entries) + "\n")
        QGuiApplication.clipboard().setMimeData(mime)

    # ------------------------------------------------------------------ paste
    def paste(self) -> list[str]:
        """Paste into the cell under the pointer (else the selected card's cell); the new card ids."""
        mime = QGuiApplication.clipboard().mimeData()
        cell = self.target_cell()
        if mime is None or cell is None:
            return []
        if mime.hasFormat(MIME_TYPE):
            try:
                data = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                return []
            return self._paste_cards(data, cell)
        if mime.hasText():
            return self.paste_text(mime.text(), cell)
        return []

    def paste_text(self, text: str, cell: tuple[str, str]) -> list[str]:
        rows = rows_from_text(text)
        if not rows:
            return []
        entries = [dict(row, stage=0, lane=0) for row in rows]
        return self._add(entries, [], cell, f"Paste {len(entries)} card{'s' if len(entries) != 1 else ''}")

    def duplicate_selection(self) -> list[str]:
        cards = self.selected_cards()
        if not cards:
            return []
        journey, document = self.journey, self.view.map_scene.document
        new_ids: dict[str, str] = {}
        with document.macro(f"Duplicate {len(cards)} card{'s' if len(cards) != 1 else ''}"):
            for card_id in reversed(cards):  # from the end, so earlier insert positions stay right
                stage, lane = journey.cell_of(card_id)
                index = journey.index_in_cell(card_id) + 1
                command = AddCardCommand(journey, stage, lane, journey.card(card_id), index)
                document.push(command)
                assert command.card_id is not None  # set when the command ran
                new_ids[card_id] = command.card_id
            for source, target in journey.flows():
                if source in new_ids and target in new_ids:
                    document.push(
                        AddFlowCommand(journey, new_ids[source], new_ids[target], journey.flow(source, target))
                    )
        copies = [new_ids[c] for c in cards]
        self._select(copies)
        return copies

    def target_cell(self) -> tuple[str, str] | None:
        """The pointer's cell first (paste where you point), then the selected card's, then the first."""
        layout = self.view.map_scene.layout
        pos = self.view.last_scene_pos
        if pos is not None:
            cell = layout.cell_at(pos.x(), pos.y())
            if cell is not None:
                return cell
        cards = self.selected_cards()
        if cards:
            return self.journey.cell_of(cards[-1])
        if layout.stage_order and layout.lane_order:
            return layout.stage_order[0], layout.lane_order[0]
        return None

    # ------------------------------------------------------------------ internals
    def _paste_cards(self, data: Any, cell: tuple[str, str]) -> list[str]:
        entries = [e for e in data.get("cards", []) if isinstance(e, dict) and str(e.get("title", "")).strip()]
        flows = [f for f in data.get("flows", []) if isinstance(f, list) and len(f) == 3]
        return self._add(entries, flows, cell, f"Paste {len(entries)} card{'s' if len(entries) != 1 else ''}")

    def _add(
        self, entries: list[dict[str, Any]], flows: list[list[Any]], cell: tuple[str, str], text: str
    ) -> list[str]:
        if not entries:
            return []
        journey, scene = self.journey, self.view.map_scene
        document = scene.document
        stages, lanes = journey.stage_ids(), journey.lane_ids()
        base = stages.index(cell[0]), lanes.index(cell[1])
        created: list[str] = []
        with document.macro(text):
            for entry in entries:
                stage = stages[min(max(base[0] + int(entry.get("stage", 0)), 0), len(stages) - 1)]
                lane = lanes[min(max(base[1] + int(entry.get("lane", 0)), 0), len(lanes) - 1)]
                command = AddCardCommand(journey, stage, lane, _touchpoint(entry))
                document.push(command)
                assert command.card_id is not None  # set when the command ran
                created.append(command.card_id)
            for source, target, label in flows:
                if 0 <= source < len(created) and 0 <= target < len(created) and source != target:
                    document.push(AddFlowCommand(journey, created[source], created[target], Flow(str(label))))
        self._select(created)
        return created

    def _select(self, card_ids: list[str]) -> None:
        scene = self.view.map_scene
        scene.clearSelection()
        for card_id in card_ids:
            item = scene.item_for(ItemRef.card(card_id))
            if item is not None:
                item.setSelected(True)


def rows_from_text(text: str) -> list[dict[str, Any]]:
    """Spreadsheet rows (tab-separated, quoted cells allowed) as card fields; blank rows skipped."""
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t")
    rows = [[cell.strip() for cell in row] for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        return []
    columns = list(COLUMNS)
    header = [_HEADER_NAMES.get(cell.casefold()) for cell in rows[0]]
    if "title" in header and all(header):
        columns = [name or "" for name in header]
        rows = rows[1:]
    result = []
    for row in rows[:MAX_PASTED_ROWS]:
        fields = {name: value for name, value in zip(columns, row, strict=False) if name}
        if fields.get("title"):
            result.append(fields)
    return result


def _touchpoint(entry: dict[str, Any]) -> Touchpoint:
    lines = [" ".join(line.split()) for line in str(entry.get("title", "")).splitlines()]
    return Touchpoint(
        title="\n".join(line for line in lines if line) or "Untitled",
        channel=str(entry.get("channel", "") or ""),
        owner=str(entry.get("owner", "") or ""),
        notes=str(entry.get("notes", "") or ""),
        emotion=_emotion(entry.get("emotion")),
        kind=_kind(entry.get("kind")),
    )


def _kind(value: Any) -> Kind:
    text = str(value or "").strip().casefold().replace(" ", "_").replace("-", "_")
    try:
        return Kind(text)
    except ValueError:
        return Kind.TOUCHPOINT


def _emotion(value: Any) -> int | None:
    try:
        number = int(str(value).strip().replace("−", "-").lstrip("+"))
    except (TypeError, ValueError):
        return None
    return number if -2 <= number <= 2 else None


def _cell(value: Any) -> str:
    return " ".join(str(value or "").split())
