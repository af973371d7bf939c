"""PNG and SVG pictures of the map for slides, painted by the real canvas scene.

The picture is what the canvas shows, not a second renderer (see
:mod:`journeymap.widgets.canvas.pictures`). Works headless: when no QApplication exists (the command
line), one is created on the offscreen platform if no display is available. Files are saved
atomically.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from journeymap.io.atomic import write_atomic
from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice, Severity
from journeymap.model import JourneyMap
from journeymap.widgets.canvas.overlay import Overlay
from journeymap.widgets.canvas.pictures import picture_scene, render_scene_image, render_scene_svg

DEFAULT_DPI = 150
MIN_DPI, MAX_DPI = 30, 1200
# QImage refuses images of 2 GiB or more; stay well below, with a message naming a DPI that works.
MAX_PIXELS = 250_000_000


def ensure_application() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display to talk to)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([sys.argv[0] if sys.argv else "journeymap"])


def _overlay(path: str | os.PathLike[str], curve: str | None, timeline: bool | None) -> Overlay | None:
    """``--curve``/``--timeline`` as the poster draws them (with the handoff marks); None: as the app's canvas."""
    if curve is None and timeline is None:
        return None
    try:
        return Overlay(curve or "off", handoffs=True, timeline=bool(timeline))
    except ValueError as error:
        raise MapFileError(path, str(error)) from None


def export_png(
    journey: JourneyMap,
    path: str | os.PathLike[str],
    dpi: int = DEFAULT_DPI,
    curve: str | None = None,
    timeline: bool | None = None,
) -> list[Notice]:
    """The map as a PNG at ``dpi`` (1 map unit is 1 pt, so a 720-unit-wide map at 150 dpi is 1500 px)."""
    if not MIN_DPI <= int(dpi) <= MAX_DPI:
        raise MapFileError(path, f"--dpi {dpi} is out of range; use {MIN_DPI} to {MAX_DPI}")
    overlay = _overlay(path, curve, timeline)
    ensure_application()
    scene = picture_scene(journey, overlay)
    rect = scene.map_rect()
    scale = int(dpi) / 72.0
    pixels = rect.width() * scale * rect.height() * scale
    if pixels > MAX_PIXELS:
        fitting = int(72 * (MAX_PIXELS / (rect.width() * rect.height())) ** 0.5)
        raise MapFileError(
            path,
            f"at {dpi} dpi the picture would be {round(rect.width() * scale)} x "
            f"{round(rect.height() * scale)} pixels, too large for one image; use --dpi "
            f"{max(fitting, 1)} or less, or export a PDF poster",
        )
    image = render_scene_image(scene, scale)
    # The picture was painted at the screen's font DPI; the file says the DPI it was asked for, so
    # slide software places it at the map's size in points.
    dots_per_metre = round(int(dpi) / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    data = _encode(image, "PNG", path)
    write_atomic(path, data)
    del scene
    return [Notice(Severity.INFO, f"picture of {image.width()} x {image.height()} pixels at {dpi} dpi")]


def export_svg(
    journey: JourneyMap, path: str | os.PathLike[str], curve: str | None = None, timeline: bool | None = None
) -> list[Notice]:
    """The map as SVG: vector shapes and real text, sized in points."""
    overlay = _overlay(path, curve, timeline)
    ensure_application()
    write_atomic(path, render_scene_svg(picture_scene(journey, overlay), journey.title))
    return []


def _encode(image: QImage, image_format: str, path: str | os.PathLike[str]) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, image_format):  # type: ignore[call-overload]  # QIODevice overload missing in stubs
        raise MapFileError(path, f"the {image_format} picture could not be encoded")
    buffer.close()
    return bytes(array.data())


__all__ = ["DEFAULT_DPI", "ensure_application", "export_png", "export_svg"]
