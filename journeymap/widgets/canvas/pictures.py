"""Pictures of the map painted by the canvas itself: PNG and SVG exports, the poster preview.

A picture is what the canvas shows, not a second renderer. ``picture_scene`` builds a scene for a
copy of the map (so a picture never races with the document being edited) with every lane's items
made and no item caching, so SVG gets vectors and real text and PNG full resolution.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from journeymap.editing.document import Document
from journeymap.model import JourneyMap
from journeymap.widgets.canvas.overlay import Overlay, shown_overlay
from journeymap.widgets.canvas.scene import MapScene


def picture_scene(journey: JourneyMap, overlay: Overlay | None = None) -> MapScene:
    """A scene of a copy of ``journey``, ready to render whole. Keep it while rendering.

    ``overlay`` defaults to what the app's canvas shows (nothing outside the app).
    """
    scene = MapScene(Document(journey.copy()))
    scene.set_overlay(overlay if overlay is not None else shown_overlay())
    scene.show_all_lanes()
    # Items cache themselves as pixmaps for fast scrolling; a picture wants them painted afresh.
    for item in scene.items():
        if item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    return scene


def render_scene_image(scene: MapScene, scale: float = 1.0) -> QImage:
    """Render the whole map into a white image at ``scale`` pixels per map unit."""
    scene.show_all_lanes()
    rect = scene.map_rect()
    image = QImage(
        max(1, round(rect.width() * scale)),
        max(1, round(rect.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.white)
    dots_per_metre = round(scene.fonts.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), rect)
    painter.end()
    return image


def render_scene_svg(scene: MapScene, title: str) -> bytes:
    """The whole map as SVG, sized in points (one map unit is one point, as on the poster)."""
    from PySide6.QtSvg import QSvgGenerator  # only when exporting SVG

    scene.show_all_lanes()
    rect = scene.map_rect()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    # Map units are drawn as pixels at the screen's DPI; Qt states the size in those, fixed below.
    generator.setResolution(round(scene.fonts.dpi))
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    generator.setDescription(f"Customer journey map '{title}', exported by Journey Map Designer")
    painter = QPainter(generator)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    buffer.close()
    svg = bytes(buffer.data().data())
    # Qt states the size at screen DPI; the map's own unit is the point.
    return re.sub(
        rb'<svg width="[^"]*" height="[^"]*"',
        f'<svg width="{rect.width():g}pt" height="{rect.height():g}pt"'.encode(),
        svg,
        count=1,
    )
