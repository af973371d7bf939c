"""Colours, pens and brushes for the canvas, built once (never per paint call).

Two palettes: the normal one follows ``layout/style.py`` (shared with the poster); the high-contrast
one is for workshop mode on a washed-out projector: black ink, white ground, heavier lines and
deeper card fills.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from journeymap.layout import style as colours
from journeymap.model import Kind

_HIGH_CONTRAST_KIND = {
    Kind.TOUCHPOINT: ("#d2e4fa", "#0b3d91"),
    Kind.PAIN_POINT: ("#fbd3ce", "#8e1b10"),
    Kind.OPPORTUNITY: ("#cdeed6", "#0b5a2a"),
    Kind.THOUGHT: ("#e6d6f5", "#5b2176"),
}


def _pen(colour: str | QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(False)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class CanvasPalette:
    """Everything items paint with; ``high_contrast`` picks the projector variant."""

    def __init__(self, high_contrast: bool = False) -> None:
        self.high_contrast = high_contrast
        line = colours.GRID_WIDTH * (1.6 if high_contrast else 1.0)
        ink = "#000000" if high_contrast else colours.INK
        muted = "#1f2933" if high_contrast else colours.MUTED_INK
        self.background = QColor("#ffffff")
        self.ink = QColor(ink)
        self.ink_pen = _pen(ink, line)
        self.muted_pen = _pen(muted, line)
        self.grid_pen = _pen("#6b7785" if high_contrast else colours.GRID, line)
        self.header_brush = QBrush(QColor("#e3e8ee" if high_contrast else colours.HEADER_FILL))
        self.lane_brush = QBrush(QColor("#f4f6f8" if high_contrast else colours.LANE_FILL))
        self.band_brush = QBrush(QColor(colours.BAND_FILL))
        self.milestone_brush = QBrush(QColor("#e0a400" if high_contrast else colours.MILESTONE_FILL))
        self.milestone_pen = _pen(colours.MILESTONE_BORDER, line)
        flow = "#000000" if high_contrast else colours.FLOW_COLOUR
        self.flow_pen = _pen(flow, colours.FLOW_WIDTH * (1.6 if high_contrast else 1.0))
        self.flow_brush = QBrush(QColor(flow))
        self.flow_selected_pen = _pen("#0a84ff", 3.0)
        self.flow_selected_brush = QBrush(QColor("#0a84ff"))
        self.selection_pen = _pen("#0a84ff", 3.0)
        self.match_pen = _pen("#f5a000", 3.0)
        self.current_match_brush = QBrush(QColor(255, 214, 0, 110))
        self.drop_brush = QBrush(QColor(10, 132, 255, 40))
        self.drop_pen = _pen("#0a84ff", 2.0, Qt.PenStyle.DashLine)
        self.insert_pen = _pen("#0a84ff", 3.0)
        self.handle_brush = QBrush(QColor("#0a84ff"))
        self.white_pen = _pen("#ffffff", 1.0)
        kinds = _HIGH_CONTRAST_KIND if high_contrast else colours.KIND_COLOURS
        self.kind_brush = {kind: QBrush(QColor(fill)) for kind, (fill, _) in kinds.items()}
        self.kind_pen = {kind: _pen(border, line * colours.CARD_BORDER_WIDTH) for kind, (_, border) in kinds.items()}
        self.kind_colour = {kind: QColor(border) for kind, (_, border) in kinds.items()}
        self.emotion_brush = {value: QBrush(QColor(c)) for value, c in colours.EMOTION_COLOURS.items()}
        self.lane_colour = [QColor(c) for c in colours.LANE_COLOURS]
