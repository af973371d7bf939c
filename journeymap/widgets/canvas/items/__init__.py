"""Graphics items: each draws what the layout computed for one model object, and nothing more."""

from journeymap.widgets.canvas.items.card_item import CardItem
from journeymap.widgets.canvas.items.cell_item import CellItem
from journeymap.widgets.canvas.items.context import CanvasContext
from journeymap.widgets.canvas.items.flow_item import FlowItem
from journeymap.widgets.canvas.items.lane_container_item import LaneContainerItem
from journeymap.widgets.canvas.items.lane_header_item import LaneHeaderItem
from journeymap.widgets.canvas.items.milestone_item import MilestoneItem
from journeymap.widgets.canvas.items.stage_header_item import StageHeaderItem

__all__ = [
    "CanvasContext",
    "CardItem",
    "CellItem",
    "FlowItem",
    "LaneContainerItem",
    "LaneHeaderItem",
    "MilestoneItem",
    "StageHeaderItem",
]
