"""Inline text editing: one editor over the thing being named; a commit becomes one command.

Used to rename stages and lanes, retitle cards and milestones, and (through subclasses) to add cards
and milestones. Clicking elsewhere commits, as in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QMouseEvent

from journeymap.widgets.canvas.items.inline_editor_item import InlineEditorItem
from journeymap.widgets.canvas.tools.base import Tool

if TYPE_CHECKING:
    from journeymap.model import ItemRef
    from journeymap.widgets.canvas.host import ToolHost


class TextEditTool(Tool):
    name = "edit"
    takes_text_keys = True

    def __init__(
        self,
        view: ToolHost,
        rect: QRectF,
        text: str,
        font: QFont,
        on_commit: Callable[[str], None] | None = None,
        type_over: str | None = None,
        ref: ItemRef | None = None,
    ) -> None:
        super().__init__(view)
        self.rect, self.initial, self.font = rect, text, font
        self.on_commit = on_commit
        self.type_over_text = type_over
        self.ref = ref  # the thing renamed: selected again afterwards, so its emotion or kind can be set next
        self.editor: InlineEditorItem | None = None

    def on_start(self) -> None:
        self.editor = InlineEditorItem(self, self.rect, self.initial, self.font)
        self.scene.addItem(self.editor)
        self.scene.clearSelection()
        self.view.setFocus()
        self.editor.setFocus()
        self.editor.select_all()
        if self.type_over_text is not None:
            self.editor.type_over(self.type_over_text)
        self.view.ensureVisible(self.editor, 30, 30)

    def _take_text(self) -> str | None:
        """Remove the editor; the text if there is one worth committing."""
        editor, self.editor = self.editor, None
        if editor is None:
            return None
        text = " ".join(editor.text().split()) if "\n" not in editor.text() else editor.text().strip()
        editor.clearFocus()
        self.view.retire_item(editor)
        self.view.setFocus()
        return text or None

    def apply(self, text: str) -> None:
        """Push the command for ``text``; subclasses add instead of rename."""
        if self.on_commit is not None and text != self.initial:
            self.on_commit(text)

    # ------------------------------------------------------------------ owner protocol for the editor
    def commit(self) -> None:
        self.done()

    def commit_and_next(self) -> None:
        self.done()

    def on_finish(self) -> None:
        text = self._take_text()
        if text is not None:
            self.apply(text)
        self._reselect()

    def on_cancel(self) -> None:
        self._take_text()
        self._reselect()

    def _reselect(self) -> None:
        if self.ref is not None and self.scene.journey.contains(self.ref):
            self.view.select(self.ref)

    def mouse_press(self, event: QMouseEvent, pos: QPointF) -> bool:
        if self.editor is not None and self.editor.sceneBoundingRect().contains(pos):
            return False
        self.done()
        return False

    def mouse_double_click(self, event: QMouseEvent, pos: QPointF) -> bool:
        return self.editor is not None and self.editor.sceneBoundingRect().contains(pos)
