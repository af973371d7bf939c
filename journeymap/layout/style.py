"""Sizes, fonts and colours shared by the canvas and the poster (units: points = scene units)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from journeymap.model import Kind


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False  # thought cards: a quote reads as speech (drawn slanted by ITALIC_SLANT)

    @cached_property
    def line_height(self) -> float:
        # Cached: the layout asks it for every card of a big map.
        return round(self.size * 1.3, 2)


KIND_COLOURS = {  # fill, border: readable on a projector and in print
    Kind.TOUCHPOINT: ("#e8f1fc", "#2f6db5"),
    Kind.PAIN_POINT: ("#fde8e6", "#c0392b"),
    Kind.OPPORTUNITY: ("#e6f6ea", "#1e8449"),
    Kind.THOUGHT: ("#f3ecfb", "#7d3c98"),
}
KIND_LABELS = {
    Kind.TOUCHPOINT: "Touchpoint",
    Kind.PAIN_POINT: "Pain point",
    Kind.OPPORTUNITY: "Opportunity",
    Kind.THOUGHT: "Thought",
}
EMOTION_COLOURS = {-2: "#c0392b", -1: "#e67e22", 0: "#7f8c8d", 1: "#52a447", 2: "#1e8449"}
EMOTION_TEXT = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}  # what an emotion badge says
EMOTION_LABELS = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}
LANE_COLOURS = ("#6c5ce7", "#00a3a3", "#e17055", "#0984e3", "#b8860b", "#d63384", "#2d3436", "#27ae60")
INK = "#1f2933"
MUTED_INK = "#52606d"
GRID = "#c5ccd3"
HEADER_FILL = "#f0f3f7"
LANE_FILL = "#fafbfc"
MILESTONE_FILL = "#f5b800"
MILESTONE_BORDER = "#5c4400"
BAND_FILL = "#fff6d6"  # the band of milestones that span all lanes
FLOW_COLOUR = "#4a5563"
QUOTE_MARK = "\u201c"  # the opening quotation mark a thought card shows before its words
# Italic text is the upright face slanted about its baseline, on screen and on paper alike, so it is
# measured with the upright metrics and breaks at the same words (no oblique face is bundled).
ITALIC_SLANT = 0.21  # tan(12°), as a synthesised oblique face leans
CURVE_BAND = 64.0  # the experience-curve band heights that views turn on (scene units at scale 1)
SHARED_CURVE_BAND = 96.0
HANDOFF_STRIP = 20.0
RULER_STRIP = 34.0
HANDOFF_INK = "#8e44ad"  # handoff marks: a colour no card kind, lane or emotion uses
RISK_INK = "#c0392b"
# Line widths (points), the same on canvas and poster; workshop mode's high contrast thickens them.
GRID_WIDTH = 1.0
CARD_BORDER_WIDTH = 1.2
FLOW_WIDTH = 1.4


@dataclass(frozen=True)
class LayoutStyle:
    """Every size the layout uses; workshop mode uses a larger copy (``scaled``)."""

    card_width: float = 200
    card_padding: float = 8
    card_gap: float = 10
    cell_padding: float = 12
    badge_size: float = 18
    kind_stripe: float = 5
    lane_header_width: float = 170
    min_lane_height: float = 96
    header_padding: float = 10
    milestone_size: float = 14
    milestone_inset: float = 3  # the diamond and the title start this far below the milestone's top
    milestone_gap: float = 6  # between the diamond and the title
    lane_bar: float = 6  # the lane's colour bar at the left of its header
    header_gap: float = 4  # between a stage's name and its fields
    corner_radius: float = 4  # of a card
    arrow_head: float = 9  # arrowhead length
    arrow_half_width: float = 4.5
    card_title: TextStyle = field(default_factory=lambda: TextStyle(11, bold=True))
    card_meta: TextStyle = field(default_factory=lambda: TextStyle(8.5))
    stage_name: TextStyle = field(default_factory=lambda: TextStyle(14, bold=True))
    stage_field: TextStyle = field(default_factory=lambda: TextStyle(8.5))
    lane_name: TextStyle = field(default_factory=lambda: TextStyle(13, bold=True))
    lane_text: TextStyle = field(default_factory=lambda: TextStyle(8.5))
    milestone_title: TextStyle = field(default_factory=lambda: TextStyle(9.5, bold=True))
    # Thought cards are speech bubbles: italic words after a large quotation mark, rounder corners,
    # and a tail below the card that stays inside the gap to the next card (thought_tail < card_gap).
    thought_title: TextStyle = field(default_factory=lambda: TextStyle(11, bold=True, italic=True))
    quote_mark: TextStyle = field(default_factory=lambda: TextStyle(22, bold=True))
    quote_width: float = 13
    thought_tail: float = 6
    thought_radius: float = 9
    # The analysis overlay (layout/curve.py, layout/handoff_marks.py); 0 leaves the room out.
    curve_band: float = 0.0  # height of the experience-curve band under each lane's cards
    shared_curve_band: float = 0.0  # height of one band under the last lane, a line per persona
    handoff_strip: float = 0.0  # height kept at the foot of the stage headers for handoff labels
    ruler_strip: float = 0.0  # height kept above the handoff strip for the timeline mode's ruler

    @property
    def column_width(self) -> float:
        return self.card_width + 2 * self.cell_padding

    def scaled(self, factor: float) -> LayoutStyle:
        """The same layout with every size multiplied, for large type on a projector."""
        values: dict[str, Any] = {}
        for name, value in vars(self).items():
            if isinstance(value, TextStyle):
                values[name] = TextStyle(round(value.size * factor, 2), value.bold, value.italic)
            else:
                values[name] = value * factor
        return LayoutStyle(**values)
