"""Frozen headers while panning: stage names stay at the top and lane names at the left, as in a spreadsheet.

Two thin widgets over the view's viewport, shown only while the real headers are (partly) off
screen. They paint the layout's own name lines through the view's transform, so the names line up
with their columns and rows at any zoom; they repaint themselves on scroll, so the map itself keeps
Qt's cheap scrolling (a full-viewport repaint per step was measured 11x slower). Clicks pass
through to the map. Workshop mode has its own pinned lane names (``focus.py``) and hides these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from journeymap.widgets.canvas.items.context import DETAIL_ZOOM, TextBlock

if TYPE_CHECKING:
    from journeymap.widgets.canvas.view import MapView


class _Strip(QWidget):
    def __init__(self, view: MapView, name: str) -> None:
        super().__init__(view.viewport())
        self.setObjectName(name)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()


class FrozenStageNames(_Strip):
    """The stage names along the top edge of the screen."""

    def height_in_scene(self) -> float:
        layout = self._view.map_scene.layout
        style = layout.style
        lines = max((len(layout.stages[s].name_lines) for s in layout.stage_order), default=1)
        return lines * style.stage_name.line_height + 2 * style.header_padding

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt virtual
        view, scene = self._view, self._view.map_scene
        layout, palette, style = scene.layout, scene.ctx.palette, scene.ctx.style
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        painter = QPainter(self)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.setTransform(view.viewportTransform())
        top, height = visible.top(), self.height_in_scene()
        for stage_id in layout.stage_order:
            box = layout.stages[stage_id]
            cell = QRectF(box.column.x, top, box.column.width, height)
            if not cell.intersects(visible):
                continue
            painter.fillRect(cell, palette.header_brush)
            painter.setPen(palette.ink_pen)
            TextBlock(box.name_lines, scene.ctx, style.stage_name).draw(painter, box.text_x, top + style.header_padding)
            painter.setPen(palette.grid_pen)
            painter.drawLine(QLineF(cell.topRight(), cell.bottomRight()))
        painter.setPen(palette.grid_pen)
        painter.drawLine(QLineF(visible.left(), top + height, visible.right(), top + height))
        painter.end()


class FrozenLaneNames(_Strip):
    """The lane names (with their colour bars) along the left edge of the screen."""

    def _covered_top(self) -> int:
        """Pixels at the top hidden by the frozen stage names (0 when they are not shown)."""
        stages = self._view.frozen.stages
        return stages.height() if stages.isVisible() else 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt virtual
        view, scene = self._view, self._view.map_scene
        layout, palette, style = scene.layout, scene.ctx.palette, scene.ctx.style
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        painter = QPainter(self)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.setTransform(view.viewportTransform())
        left, width = visible.left(), style.lane_header_width
        pad, bar = style.header_padding, style.lane_bar
        # A lane whose top has scrolled away keeps its name in sight, under the frozen stage names.
        ceiling = visible.top() + (self._covered_top() / view.zoom_level())
        for lane_id in layout.lane_order:
            row = layout.lanes[lane_id]
            cell = QRectF(left, row.row.y, width, row.row.height)
            if not cell.intersects(visible):
                continue
            painter.fillRect(cell, palette.header_brush)
            painter.fillRect(
                QRectF(left, row.row.y, bar, row.row.height),
                palette.lane_colour[row.colour_index % len(palette.lane_colour)],
            )
            painter.setPen(palette.ink_pen)
            name_height = len(row.name_lines) * style.lane_name.line_height
            name_top = min(max(row.row.y, ceiling) + pad, row.row.bottom - name_height - pad)
            painter.save()
            painter.setClipRect(cell)
            TextBlock(row.name_lines, scene.ctx, style.lane_name).draw(painter, left + bar + pad, name_top)
            painter.restore()
            painter.setPen(palette.grid_pen)
            painter.drawLine(QLineF(cell.bottomLeft(), cell.bottomRight()))
        painter.setPen(palette.grid_pen)
        painter.drawLine(QLineF(left + width, visible.top(), left + width, visible.bottom()))
        painter.end()


class FrozenHeaders:
    """Shows, places and repaints the two strips as the view scrolls, zooms or the map changes."""

    def __init__(self, view: MapView) -> None:
        self._view = view
        self.stages = FrozenStageNames(view, "frozenStageNames")
        self.lanes = FrozenLaneNames(view, "frozenLaneNames")

    def follow(self) -> None:
        view = self._view
        layout = view.map_scene.layout
        port = view.viewport().rect()
        visible = view.mapToScene(port).boundingRect()
        zoom = view.zoom_level()
        usable = not view.is_presentation() and zoom >= DETAIL_ZOOM and bool(layout.stage_order)
        # Stage names: once the header row's top has scrolled off (the names themselves are going).
        show_stages = usable and visible.top() > 0.5
        show_lanes = usable and bool(layout.lane_order) and visible.left() > 0.5
        if show_stages:
            self.stages.setGeometry(0, 0, port.width(), round(self.stages.height_in_scene() * zoom) + 1)
            self.stages.update()
        if show_lanes:
            width = round(layout.style.lane_header_width * zoom) + 1
            self.lanes.setGeometry(0, 0, width, port.height())
            self.lanes.update()
        self.stages.setVisible(show_stages)
        self.lanes.setVisible(show_lanes)
        self.stages.raise_()  # the corner belongs to the stage names
