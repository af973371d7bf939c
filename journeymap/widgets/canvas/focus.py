"""Workshop focus, painted over the map: the other stages fade, and lane names stay pinned at the left.

While a facilitator presents one stage, the room should look there; the view decides which stage
is in focus and where the screen is, and this module only paints the veil and the frozen lane-name
column from the layout (no measuring: the names are the layout's lines).
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter

from journeymap.widgets.canvas.items.context import TextBlock
from journeymap.widgets.canvas.scene import MapScene

# How strongly the stages around a focused one fade (0-255): still readable, clearly not the focus.
FOCUS_VEIL_ALPHA = 150


def paint_stage_focus(painter: QPainter, rect: QRectF, scene: MapScene, focused: str, visible: QRectF) -> None:
    """Fade every stage but ``focused`` inside ``rect``; pin the lane names to ``visible``'s left edge."""
    layout = scene.layout
    if focused not in layout.stages:
        return
    veil = QColor(scene.ctx.palette.background)
    veil.setAlpha(FOCUS_VEIL_ALPHA)
    for stage_id, box in layout.stages.items():
        if stage_id != focused:
            column = QRectF(box.column.x, box.column.y, box.column.width, box.column.height)
            if column.intersects(rect):
                painter.fillRect(column, veil)
    _paint_pinned_lane_names(painter, scene, visible)


def lane_names_cut(scene: MapScene, visible: QRectF) -> bool:
    """True when the real lane headers are not whole on screen (half off, the room read "r" and "n")."""
    layout = scene.layout
    if not layout.lane_order:
        return False
    header_left = min(layout.lanes[lane].row.x for lane in layout.lane_order)
    return visible.left() > header_left + 0.5


def _paint_pinned_lane_names(painter: QPainter, scene: MapScene, visible: QRectF) -> None:
    """A frozen lane-name column at the screen's left edge, like a spreadsheet's frozen pane,
    so the room knows whose cards these are when the real lane headers are off screen."""
    layout, palette, style = scene.layout, scene.ctx.palette, scene.ctx.style
    if not lane_names_cut(scene, visible):
        return  # the lane headers themselves are whole on screen
    top = max(visible.top(), layout.lanes[layout.lane_order[0]].row.y)
    bottom = min(visible.bottom(), layout.lanes[layout.lane_order[-1]].row.bottom)
    pad, bar = style.header_padding, style.lane_bar
    # As narrow as the longest name line allows (at most a fifth of the screen): it covers the faded
    # stage to the left, never the focused one.
    widest = max(
        (
            scene.measurer.width(line, style.lane_name)
            for lane in layout.lane_order
            for line in layout.lanes[lane].name_lines
        ),
        default=0.0,
    )
    # Names are wrapped to the header's width, so this strip shows every line whole.
    width = min(widest + bar + 2 * pad + 1, style.lane_header_width)
    strip = QRectF(visible.left(), top, width, max(0.0, bottom - top))
    painter.fillRect(strip, palette.header_brush)
    for lane_id in layout.lane_order:
        row = layout.lanes[lane_id]
        cell = QRectF(strip.left(), row.row.y, strip.width(), row.row.height).intersected(strip)
        if cell.isEmpty():
            continue
        painter.fillRect(
            QRectF(cell.left(), cell.top(), bar, cell.height()),
            palette.lane_colour[row.colour_index % len(palette.lane_colour)],
        )
        painter.save()
        painter.setClipRect(cell)
        painter.setPen(palette.ink_pen)
        TextBlock(row.name_lines, scene.ctx, style.lane_name).draw(painter, cell.left() + bar + pad, cell.top() + pad)
        painter.restore()
        painter.setPen(palette.grid_pen)
        painter.drawLine(QLineF(cell.bottomLeft(), cell.bottomRight()))
    painter.setPen(palette.grid_pen)
    painter.drawLine(QLineF(strip.topRight(), strip.bottomRight()))
