"""What tools, canvas actions, the clipboard and the finder may ask of the canvas that hosts them.

They depend on this small protocol, not on :class:`~journeymap.widgets.canvas.view.MapView`: a tool
reads the scene, the selection and the pointer, and asks for a tool change, a scroll or a zoom;
it never reaches into the view's widgets or painting. ``MapView`` is the one implementation
(import-linter keeps tools from importing the view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem, QWidget

from journeymap.model import ItemRef

if TYPE_CHECKING:
    from journeymap.widgets.canvas.scene import MapScene
    from journeymap.widgets.canvas.tools.base import Tool


class ToolHost(Protocol):
    @property
    def map_scene(self) -> MapScene: ...

    @property
    def tool(self) -> Tool | None: ...

    @property
    def last_scene_pos(self) -> QPointF | None:
        """Where the pointer last was over the map (scene coordinates), None when it left."""
        ...

    # ------------------------------------------------------------------ tools and selection
    def set_tool(self, tool: Tool | None) -> None: ...

    def selected(self) -> list[ItemRef]: ...

    def select(self, ref: ItemRef, add: bool = False) -> None: ...

    def start_edit(self, ref: ItemRef, type_over: str | None = None) -> None: ...

    def target_cell(self) -> tuple[str, str] | None:
        """The cell new cards go to: the selected card's, or the one under the pointer."""
        ...

    def retire_item(self, item: QGraphicsItem) -> None:
        """Take a tool's temporary item (an editor, a rubber line) off the scene safely."""
        ...

    # ------------------------------------------------------------------ seeing
    def ensureVisible(self, *args: Any) -> None: ...  # noqa: N802 - Qt's name

    def centerOn(self, *args: Any) -> None: ...  # noqa: N802 - Qt's name

    def zoom_level(self) -> float: ...

    def set_zoom(self, level: float, anchor: QPointF | None = None) -> None: ...

    def zoom_in(self) -> None: ...

    def zoom_out(self) -> None: ...

    def fit_to_map(self) -> None: ...

    def is_presentation(self) -> bool: ...

    def focus_next_stage(self) -> None: ...

    def focus_previous_stage(self) -> None: ...

    def clear_find(self) -> None: ...

    def show_hint(self, text: str) -> None:
        """A line in the status bar while a tool waits for the user ("" takes it away)."""
        ...

    def viewport(self) -> QWidget: ...

    def window(self) -> QWidget: ...

    def setFocus(self) -> None: ...  # noqa: N802 - Qt's name

    # ------------------------------------------------------------------ editing entry points
    def delete_selection(self) -> None: ...

    def copy_selection(self) -> None: ...

    def paste(self) -> None: ...

    def duplicate_selection(self) -> None: ...

    def connect_selected(self) -> bool: ...
