"""Where everything goes, computed from the model with no Qt: one geometry for canvas and poster.

The canvas (Qt) and the poster (reportlab) both draw the same :class:`MapLayout`, so the printed
map is exactly the map on screen. Both measure text with one :class:`FontMeasurer` (the bundled
DejaVu Sans through reportlab's metrics, no Qt), so line breaks, text origins, arrowheads and badge
labels are computed here once and only drawn by the renderers.
"""

from journeymap.layout.flows import FlowLabel, FlowRoute, arrow_shape, flow_route
from journeymap.layout.geometry import Rect
from journeymap.layout.map_layout import (
    CardBox,
    CellBox,
    LaneBox,
    LayoutEngine,
    MapLayout,
    MilestoneBox,
    StageBox,
    compute_layout,
)
from journeymap.layout.measure import FontMeasurer, default_measurer
from journeymap.layout.style import LayoutStyle, TextStyle
from journeymap.layout.text import TextMeasurer, wrap_text

__all__ = [
    "CardBox",
    "CellBox",
    "FlowLabel",
    "FlowRoute",
    "FontMeasurer",
    "LaneBox",
    "LayoutEngine",
    "LayoutStyle",
    "MapLayout",
    "MilestoneBox",
    "Rect",
    "StageBox",
    "TextMeasurer",
    "TextStyle",
    "arrow_shape",
    "compute_layout",
    "default_measurer",
    "flow_route",
    "wrap_text",
]
