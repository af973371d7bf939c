"""A pre-rendered picture of the whole map for fit-to-map on very large maps.

Far out, a 50,000-card map would need 50,000 ``paint()`` calls per frame; instead the view draws
this picture, made straight from the layout (one ``drawRects`` call per card kind, no items) and
kept as a small mip chain so that every frame scales by a factor between 0.5 and 1.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap

from journeymap.layout import MapLayout
from journeymap.model import JourneyMap, Kind
from journeymap.widgets.canvas.palette import CanvasPalette

MAX_SIDE = 4096
MIN_SIDE = 256


class OverviewCache:
    """The overview pictures for one layout; rebuilt lazily after the layout changes."""

    def __init__(self) -> None:
        self._levels: list[QPixmap] = []
        self._layout: MapLayout | None = None

    def invalidate(self) -> None:
        self._levels = []
        self._layout = None

    def pixmap_for(
        self, layout: MapLayout, journey: JourneyMap, palette: CanvasPalette, device_width: float
    ) -> QPixmap:
        """The smallest level at least ``device_width`` pixels wide (or the largest there is)."""
        if self._layout is not layout or not self._levels:
            self._build(layout, journey, palette)
        for pixmap in reversed(self._levels):
            if pixmap.width() >= device_width:
                return pixmap
        return self._levels[0]

    def _build(self, layout: MapLayout, journey: JourneyMap, palette: CanvasPalette) -> None:
        scale = min(1.0, MAX_SIDE / max(layout.width, layout.height, 1.0))
        image = QImage(
            max(1, int(layout.width * scale)),
            max(1, int(layout.height * scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(palette.background)
        painter = QPainter(image)
        painter.scale(scale, scale)
        paint_overview(painter, layout, journey, palette)
        painter.end()
        levels = [QPixmap.fromImage(image)]
        while max(levels[-1].width(), levels[-1].height()) > MIN_SIDE:
            last = levels[-1]
            levels.append(
                last.scaled(
                    max(1, last.width() // 2),
                    max(1, last.height() // 2),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self._levels, self._layout = levels, layout


def paint_overview(painter: QPainter, layout: MapLayout, journey: JourneyMap, palette: CanvasPalette) -> None:
    """Lanes, stage headers and cards as flat shapes, in scene coordinates."""
    for lane_id in layout.lane_order:
        lane = layout.lanes[lane_id]
        painter.fillRect(QRectF(lane.row.x, lane.row.y, lane.row.width, lane.row.height), palette.lane_brush)
        colour = palette.lane_colour[lane.colour_index % len(palette.lane_colour)]
        painter.fillRect(QRectF(0, lane.row.y, layout.style.lane_header_width, lane.row.height), colour)
    for stage_id in layout.stage_order:
        header = layout.stages[stage_id].header
        painter.fillRect(QRectF(header.x, header.y, header.width - 2, header.height), palette.header_brush)
    by_kind: dict[Kind, list[QRectF]] = {kind: [] for kind in Kind}
    for card_id, box in layout.cards.items():
        r = box.rect
        by_kind[journey.card(card_id).kind].append(QRectF(r.x, r.y, r.width, r.height))
    painter.setPen(Qt.PenStyle.NoPen)
    for kind, rects in by_kind.items():
        if rects:
            painter.setBrush(palette.kind_colour[kind])
            painter.drawRects(rects)
