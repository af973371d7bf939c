"""The poster's title block: title, date, what the map holds, and the legends to read it by.

A printed map hangs on a wall without the app beside it, so the colours must explain themselves:
personas (lane colours), card kinds and emotions each get a legend. The block is laid out here
(positions only) and drawn by :func:`draw_title_block`; preflight reads its text sizes too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from journeymap.io.pdf.surface import Surface
from journeymap.layout import MapLayout, Rect, TextMeasurer, TextStyle, wrap_text
from journeymap.layout.style import (
    EMOTION_LABELS,
    GRID,
    INK,
    KIND_COLOURS,
    KIND_LABELS,
    LANE_COLOURS,
    MUTED_INK,
)
from journeymap.model import JourneyMap, Kind

TITLE = TextStyle(26, bold=True)
SUBTITLE = TextStyle(10)
LEGEND_HEADING = TextStyle(9, bold=True)
LEGEND = TextStyle(9)
PADDING = 16.0
SWATCH = 10.0
BADGE = 16.0  # emotion badges in the legend: large enough for their value at the cards' meta size
BADGE_TEXT = TextStyle(8.5)
ITEM_GAP = 14.0
ROW_GAP = 4.0


@dataclass
class LegendItem:
    kind: str  # "persona", "card" or "emotion"
    value: str | int  # lane colour index, card kind, or emotion
    label: str
    x: float
    top: float


@dataclass
class TitleBlock:
    """Where each piece of the title block goes, in poster coordinates (y down, from the top)."""

    width: float
    height: float
    title_lines: list[str]
    subtitle_lines: list[str]
    headings: list[tuple[str, float, float]] = field(default_factory=list)  # (text, x, top)
    items: list[LegendItem] = field(default_factory=list)

    def text_styles(self) -> list[TextStyle]:
        return [TITLE, SUBTITLE, LEGEND_HEADING, LEGEND, BADGE_TEXT]


def subtitle_text(journey: JourneyMap, date: dt.date) -> str:
    counts = journey.counts()
    parts = [date.isoformat()]
    for key, one, many in (
        ("stages", "stage", "stages"),
        ("lanes", "persona", "personas"),
        ("cards", "card", "cards"),
        ("milestones", "milestone", "milestones"),
    ):
        number = counts.get(key, 0)
        parts.append(f"{number} {one if number == 1 else many}")
    return " · ".join(parts)


def layout_title_block(journey: JourneyMap, layout: MapLayout, measurer: TextMeasurer, date: dt.date) -> TitleBlock:
    width = layout.width
    inner = max(width - 2 * PADDING, 40.0)
    title = wrap_text(journey.title or "Untitled journey map", inner, TITLE, measurer)
    subtitle = wrap_text(subtitle_text(journey, date), inner, SUBTITLE, measurer)
    y = PADDING + len(title) * TITLE.line_height + 2
    y += len(subtitle) * SUBTITLE.line_height + 8
    block = TitleBlock(width, 0.0, title, subtitle)
    groups: list[tuple[str, list[tuple[str, str | int, str]]]] = []
    personas: list[tuple[str, str | int, str]] = [
        ("persona", layout.lanes[lane].colour_index, journey.lane(lane).name) for lane in layout.lane_order
    ]
    if personas:
        groups.append(("Personas", personas))
    groups.append(("Cards", [("card", kind.value, KIND_LABELS[kind]) for kind in Kind]))
    groups.append(("Emotion", [("emotion", value, label) for value, label in sorted(EMOTION_LABELS.items())]))
    row_height = max(LEGEND.line_height, BADGE + 2)
    for heading, items in groups:
        block.headings.append((heading, PADDING, y + (row_height - LEGEND.line_height) / 2))
        indent = PADDING + max(measurer.width(name, LEGEND_HEADING) for name, _ in groups) + ITEM_GAP
        x = indent
        for kind, value, label in items:
            # Long persona names wrap onto their own rows rather than running off the poster.
            label_width = measurer.width(label, LEGEND)
            room = width - PADDING - indent - SWATCH - 4
            if label_width > room:
                label = _shorten(label, room, measurer)
                label_width = measurer.width(label, LEGEND)
            swatch = BADGE if kind == "emotion" else SWATCH
            item_width = swatch + 4 + label_width
            if x > indent and x + item_width > width - PADDING:
                x = indent
                y += row_height + ROW_GAP
            block.items.append(LegendItem(kind, value, label, x, y + (row_height - LEGEND.line_height) / 2))
            x += item_width + ITEM_GAP
        y += row_height + ROW_GAP + 2
    block.height = y + PADDING - ROW_GAP
    return block


def draw_title_block(surface: Surface, block: TitleBlock) -> None:
    surface.rect(Rect(0, 0, block.width, block.height), fill="#ffffff")
    surface.text_lines(PADDING, PADDING, block.title_lines, TITLE, INK)
    top = PADDING + len(block.title_lines) * TITLE.line_height + 2
    surface.text_lines(PADDING, top, block.subtitle_lines, SUBTITLE, MUTED_INK)
    for text, x, heading_top in block.headings:
        surface.text(x, heading_top, text, LEGEND_HEADING, INK)
    for item in block.items:
        swatch_top = item.top + (LEGEND.line_height - SWATCH) / 2
        swatch = Rect(item.x, swatch_top, SWATCH, SWATCH)
        if item.kind == "persona":
            surface.rect(swatch, fill=LANE_COLOURS[int(item.value) % len(LANE_COLOURS)], radius=2)
        elif item.kind == "card" and Kind(str(item.value)) is Kind.THOUGHT:
            _thought_swatch(surface, swatch)
        elif item.kind == "card":
            fill, border = KIND_COLOURS[Kind(str(item.value))]
            surface.rect(swatch, fill=fill, stroke=border, width=0.7, radius=2)
            surface.rect(Rect(item.x, swatch_top, 2.5, SWATCH), fill=border)
        else:
            surface.emotion_badge(
                Rect(item.x, item.top + (LEGEND.line_height - BADGE) / 2, BADGE, BADGE), int(item.value), BADGE_TEXT
            )
        swatch_width = BADGE if item.kind == "emotion" else SWATCH
        surface.text(item.x + swatch_width + 4, item.top, item.label, LEGEND, INK)
    surface.line(0, block.height - 0.5, block.width, block.height - 0.5, GRID, width=0.8)


def _thought_swatch(surface: Surface, swatch: Rect) -> None:
    """A small speech bubble, as thought cards are drawn: rounder, no stripe, a tail below."""
    fill, border = KIND_COLOURS[Kind.THOUGHT]
    surface.rect(swatch, fill=fill, stroke=border, width=0.7, radius=3.5)
    c = surface.canvas
    left, bottom = swatch.x + 2.5, swatch.bottom
    path = c.beginPath()
    path.moveTo(left, surface.y(bottom - 0.6))
    path.lineTo(left + 3, surface.y(bottom - 0.6))
    path.lineTo(left - 0.5, surface.y(bottom + 2.5))
    path.close()
    surface.fill(fill)
    c.drawPath(path, stroke=0, fill=1)
    surface.line(left, bottom, left - 0.5, bottom + 2.5, border, 0.7)
    surface.line(left + 3, bottom, left - 0.5, bottom + 2.5, border, 0.7)


def _shorten(text: str, width: float, measurer: TextMeasurer) -> str:
    while text and measurer.width(text + "…", LEGEND) > width:
        text = text[:-1]
    return text + "…"
