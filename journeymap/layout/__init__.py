"""Where everything goes, computed from the model with no Qt: one geometry for canvas and poster.

The canvas (Qt) and the poster (reportlab) both draw the same :class:`MapLayout`, so the printed
map is exactly the map on screen. Text is measured through a :class:`TextMeasurer` that each
renderer provides for its own font engine.
"""

from journeymap.layout.geometry import Rect
from journeymap.layout.map_layout import (
    CardBox,
    CellBox,
    FlowRoute,
    LaneBox,
    LayoutEngine,
    MapLayout,
    MilestoneBox,
    StageBox,
    compute_layout,
)
from journeymap.layout.style import LayoutStyle, TextStyle
from journeymap.layout.text import TextMeasurer, wrap_text

__all__ = [
    "CardBox", "CellBox", "FlowRoute", "LaneBox", "LayoutEngine", "LayoutStyle", "MapLayout", "MilestoneBox", "Rect",
    "StageBox", "TextMeasurer", "TextStyle", "compute_layout", "wrap_text",
]
