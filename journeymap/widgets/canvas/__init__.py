"""The swimlane canvas: scene, view, items and tools."""

from journeymap.widgets.canvas.scene import MapScene
from journeymap.widgets.canvas.view import MapView

__all__ = ["MapScene", "MapView"]
