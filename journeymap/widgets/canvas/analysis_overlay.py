"""Keeps the curve bands and handoff marks of a scene in step with its layout.

After every relayout (every edit, undo or redo) the overlay recomputes the bands and marks from the
shared Qt-free geometry and replaces its few items; while the overlay is off it holds none and costs
nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from journeymap.layout.curve import curve_bands
from journeymap.layout.handoff_marks import HandoffMark, handoff_marks
from journeymap.layout.timeline_layout import TimelineLayout
from journeymap.widgets.canvas.items.analysis_items import CurveBandItem, HandoffMarkItem, RulerItem

if TYPE_CHECKING:
    from journeymap.widgets.canvas.scene import MapScene


class AnalysisOverlay:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.bands: list[CurveBandItem] = []
        self.marks: list[HandoffMarkItem] = []
        self.ruler: RulerItem | None = None
        scene.layout_changed.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        scene = self.scene
        for item in [*self.bands, *self.marks, *([self.ruler] if self.ruler else [])]:
            if item.scene() is scene:
                scene.removeItem(item)
        self.bands, self.marks, self.ruler = [], [], None
        overlay = scene.overlay
        if not overlay.active:
            return
        journey, layout, ctx = scene.journey, scene.layout, scene.ctx
        if isinstance(layout, TimelineLayout) and layout.ruler is not None:
            self.ruler = RulerItem(ctx, layout.ruler)
            scene.addItem(self.ruler)
        names = {lane: journey.lane(lane).name for lane in layout.lane_order}
        for band in curve_bands(journey, layout):
            item = CurveBandItem(ctx, band, names)
            scene.addItem(item)
            self.bands.append(item)
        if not overlay.handoffs:
            return
        for mark in handoff_marks(journey, layout, scene.measurer):
            item = HandoffMarkItem(ctx, mark, _tooltip(scene, mark))
            scene.addItem(item)
            self.marks.append(item)

    def paint_over(self, painter: QPainter) -> None:
        """Paint the overlay straight onto a painter in scene coordinates (the far-out overview picture)."""
        for item in [*self.bands, *([self.ruler] if self.ruler else []), *self.marks]:
            painter.save()
            item.paint(painter, QStyleOptionGraphicsItem(), None)
            painter.restore()


def _tooltip(scene: MapScene, mark: HandoffMark) -> str:
    journey = scene.journey
    if mark.kind == "stage":
        where = f"{journey.stage(mark.key[0]).name} → {journey.stage(mark.key[1]).name}"
    else:
        where = f"arrow {mark.number}: {journey.card(mark.key[0]).title} → {journey.card(mark.key[1]).title}"
    risk = "\nRisk: a card scored −1 or −2 receives the customer here." if mark.risk else ""
    return f"Handoff {mark.label}\n{where}{risk}"
