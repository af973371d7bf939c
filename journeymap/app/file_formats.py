"""The app's file formats: the Qt-free ones of :mod:`journeymap.io.registry`, plus the pictures
the canvas paints (PNG, SVG). The command line, the file dialogs and drag and drop read this list
(:data:`APP_FORMATS`, looked up when they ask, so a format added to it appears in all of them).

The image writers import Qt when called, so the command line's other commands start without it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from journeymap.io.registry import FORMATS, Family, Format, Registry

if TYPE_CHECKING:
    from journeymap.io.formats import Notice
    from journeymap.model import JourneyMap


def _write_png(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    from journeymap.app.image_export import export_png

    return export_png(journey, path, **options)


def _write_svg(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    from journeymap.app.image_export import export_svg

    return export_svg(journey, path, **options)


PNG = Format(
    "png", "PNG image", (".png",), Family.IMAGE, writer=_write_png, options=("dpi", "curve", "timeline"), needs_qt=True
)
SVG = Format(
    "svg", "SVG image", (".svg",), Family.IMAGE, writer=_write_svg, options=("curve", "timeline"), needs_qt=True
)

APP_FORMATS: Registry = FORMATS.with_formats(PNG, SVG)

ALL_FILES = "All files (*)"


def open_filters(formats: Registry | None = None) -> str:
    """File > Open: maps and spreadsheets together, then each family, then anything."""
    formats = formats or APP_FORMATS
    everything = formats.readable_extensions(Family.MAP, Family.SPREADSHEET)
    return ";;".join(
        (
            f"Maps and spreadsheets ({_patterns(everything)})",
            map_filter(formats),
            f"Spreadsheets ({_patterns(formats.readable_extensions(Family.SPREADSHEET))})",
            ALL_FILES,
        )
    )


def import_filters(formats: Registry | None = None) -> str:
    """File > Import: spreadsheets first (what one usually imports), maps too (to merge)."""
    formats = formats or APP_FORMATS
    extensions = formats.readable_extensions(Family.SPREADSHEET) + formats.readable_extensions(Family.MAP)
    return f"Spreadsheets and maps ({_patterns(extensions)});;{ALL_FILES}"


def map_filter(formats: Registry | None = None) -> str:
    """Save As: the map format itself."""
    formats = formats or APP_FORMATS
    return ";;".join(f"{f.label} ({f.pattern()})" for f in formats.readable(Family.MAP))


def export_filters(formats: Registry | None = None) -> dict[str, str]:
    """File > Export: each line of the dialog -> the extension it writes."""
    formats = formats or APP_FORMATS
    return {f.export_filter(): f.extension for f in formats.exported()}


def droppable(formats: Registry | None = None) -> frozenset[str]:
    """The extensions a file dropped on the window may have: whatever Open reads."""
    formats = formats or APP_FORMATS
    return frozenset(formats.readable_extensions(Family.MAP, Family.SPREADSHEET))


def _patterns(extensions: list[str]) -> str:
    return " ".join(f"*{extension}" for extension in extensions)


__all__ = [
    "APP_FORMATS",
    "PNG",
    "SVG",
    "droppable",
    "export_filters",
    "import_filters",
    "map_filter",
    "open_filters",
]
