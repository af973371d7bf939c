"""The tool protocol the view drives; the default answers are "not mine, let Qt handle it"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QKeyEvent, QMouseEvent

if TYPE_CHECKING:
    from journeymap.widgets.canvas.host import ToolHost
    from journeymap.widgets.canvas.scene import MapScene


class Tool:
    """Base tool. Mouse and key handlers return True when they consumed the event."""

    name = "tool"
    # True while an inline text editor has the keyboard: the view passes keys straight to it.
    takes_text_keys = False

    def __init__(self, view: ToolHost) -> None:
        self.view = view
        self.active = False

    @property
    def scene(self) -> MapScene:
        return self.view.map_scene

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        self.active = True
        self.on_start()

    def finish(self) -> None:
        """Another tool takes over: complete the work (commit an edit, drop a half-made drag)."""
        if self.active:
            self.active = False
            self.on_finish()

    def cancel(self) -> None:
        """Esc: put back anything shown live, change nothing, return to the select tool."""
        if self.active:
            self.active = False
            self.on_cancel()
        if self.view.tool is self:
            self.view.set_tool(None)

    def done(self) -> None:
        """The tool completed its gesture: hand back to the select tool."""
        if self.view.tool is self:
            self.view.set_tool(None)
        else:
            self.finish()

    def on_start(self) -> None: ...

    def on_finish(self) -> None: ...

    def on_cancel(self) -> None:
        self.on_finish()

    # ------------------------------------------------------------------ events
    def mouse_press(self, event: QMouseEvent, pos: QPointF) -> bool:
        return False

    def mouse_move(self, event: QMouseEvent, pos: QPointF) -> bool:
        return False

    def mouse_release(self, event: QMouseEvent, pos: QPointF) -> bool:
        return False

    def mouse_double_click(self, event: QMouseEvent, pos: QPointF) -> bool:
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.name != "select":
            self.cancel()
            return True
        return False
