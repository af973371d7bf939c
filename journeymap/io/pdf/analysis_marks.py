"""Draw the experience curve and the handoff marks on the poster, from the shared geometry.

The bands and marks come from :mod:`journeymap.layout.curve` and :mod:`journeymap.layout.handoff_marks`,
the same the canvas draws, so poster and screen agree point for point.
"""

from __future__ import annotations

from journeymap.io.pdf.surface import Surface
from journeymap.layout import MapLayout, Rect, TextStyle
from journeymap.layout.curve import CurveBand
from journeymap.layout.handoff_marks import HandoffMark, label_style
from journeymap.layout.map_layout import ELLIPSIS
from journeymap.layout.style import EMOTION_COLOURS, GRID, HANDOFF_INK, INK, LANE_COLOURS, MUTED_INK, RISK_INK
from journeymap.layout.timeline_layout import Ruler
from journeymap.model import JourneyMap

ABOVE_FILL = "#eef7ef"  # the band's upper half (+1, +2) and lower half tinted, so a dip reads at a glance
BELOW_FILL = "#fcefed"
LINE_WIDTH = 2.4
MEAN_RADIUS = 4.2
CARD_RADIUS = 2.2
SCALE_TEXT = {2: "+2", 1: "+1", 0: "0", -1: "−1", -2: "−2"}


def draw_curve_bands(
    surface: Surface, bands: list[CurveBand], layout: MapLayout, journey: JourneyMap, top: float
) -> None:
    """Every band: tinted halves, the level lines and scale, then each persona's line, means and card dots."""
    s = layout.style
    scale_style = TextStyle(round(s.card_meta.size * 0.9, 2))
    caption = TextStyle(s.card_meta.size, bold=True)
    for band in bands:
        rect = band.rect.moved(0, top)
        zero = band.y_of(0) + top
        surface.rect(Rect(rect.x, rect.y, rect.width, zero - rect.y), fill=ABOVE_FILL)
        surface.rect(Rect(rect.x, zero, rect.width, rect.bottom - zero), fill=BELOW_FILL)
        surface.line(rect.x, rect.y, rect.right, rect.y, GRID, 0.8)
        for score, y in band.levels:
            if score == 0:
                surface.line(rect.x, y + top, rect.right, y + top, MUTED_INK, 0.6)
            elif abs(score) == 2:
                surface.line(rect.x, y + top, rect.right, y + top, GRID, 0.4, dash=(2, 2))
        for score, y in band.levels:
            if score in (2, 0, -2):
                surface.text(
                    rect.x + 3, y + top - scale_style.line_height / 2, SCALE_TEXT[score], scale_style, MUTED_INK
                )
        header_x = s.header_padding + 6
        if band.lane is None:
            surface.text(header_x, rect.y + 4, "Experience curve", caption, INK)
            for index, line in enumerate(band.lines):
                y = rect.y + 4 + (index + 1) * caption.line_height
                if y + caption.line_height > rect.bottom:
                    break
                colour = LANE_COLOURS[line.colour_index % len(LANE_COLOURS)]
                surface.rect(Rect(header_x, y + caption.line_height / 2 - 1.5, 12, 3), fill=colour)
                surface.text(header_x + 16, y, journey.lane(line.lane).name, scale_style, INK)
        else:
            surface.text(header_x, rect.y + 4, "Experience", caption, MUTED_INK)
        for line in band.lines:
            colour = LANE_COLOURS[line.colour_index % len(LANE_COLOURS)]
            for x, y, _card, score in line.cards:
                _disc(surface, x, y + top, CARD_RADIUS, EMOTION_COLOURS[score], None)
            for run in line.segments:
                if len(run) > 1:
                    _polyline(surface, [(x, y + top) for x, y in run], colour, LINE_WIDTH)
            for mean in line.means:
                _disc(surface, mean.x, mean.y + top, MEAN_RADIUS, colour, "#ffffff")


def draw_handoff_marks(surface: Surface, marks: list[HandoffMark], layout: MapLayout, top: float) -> None:
    """Labels on stage boundaries and on arrows; a numbered disc where a label has no room."""
    style = label_style(layout)
    for mark in marks:
        ink = RISK_INK if mark.risk else HANDOFF_INK
        rect = mark.rect.moved(0, top)
        if mark.kind == "flow" and mark.text == str(mark.number):
            cx, cy = rect.center
            _disc(surface, cx, cy, rect.width / 2, ink, "#ffffff")
            width = surface.measurer.width(mark.text, style)
            surface.text(cx - width / 2, cy - style.line_height / 2, mark.text, style, "#ffffff")
            continue
        surface.rect(rect, fill="#ffffff", stroke=ink, width=1.2, radius=rect.height / 2)
        width = surface.measurer.width(mark.text, style)
        surface.text(rect.center[0] - width / 2, rect.y + (rect.height - style.line_height) / 2, mark.text, style, ink)


def draw_ruler(surface: Surface, ruler: Ruler, layout: MapLayout, top: float) -> None:
    """Timeline mode's ruler, as the canvas draws it: axis, ticks, and each stage's duration over it."""
    s = layout.style
    text = TextStyle(round(s.card_meta.size * 0.95, 2))
    small = TextStyle(round(s.card_meta.size * 0.85, 2))
    axis = ruler.axis_y + top
    for stage in ruler.stages:
        span = stage.span.moved(0, top)
        surface.line(
            span.x + 1,
            axis,
            span.right - 1,
            axis,
            INK if stage.parsed else MUTED_INK,
            1.4,
            dash=None if stage.parsed else (3, 2),
        )
        width = span.width - 2 * s.header_padding
        label = stage.text
        while label and surface.fonts.width(label, text.size, text.bold) > width:
            label = label[:-2] + ELLIPSIS if len(label) > 2 else ""
        surface.text(span.x + s.header_padding, span.y + 1, label, text, INK if stage.parsed else MUTED_INK)
    for x, label in ruler.ticks:
        surface.line(x, axis - 3, x, axis + 3, INK, 1.0)
        width = surface.fonts.width(label, small.size, small.bold)
        surface.text(x - width / 2, axis + 3, label, small, INK)
    caption = f"Time ({ruler.unit})"
    width = surface.fonts.width(caption, small.size, small.bold)
    middle = ruler.rect.y + top + (ruler.rect.height - small.line_height) / 2
    surface.text(ruler.rect.x - s.header_padding - width, middle, caption, small, MUTED_INK)


def _disc(surface: Surface, x: float, y: float, radius: float, fill: str, stroke: str | None) -> None:
    surface.fill(fill)
    if stroke:
        surface.stroke(stroke, 1.0)
    surface.canvas.circle(x, surface.y(y), radius, stroke=1 if stroke else 0, fill=1)


def _polyline(surface: Surface, points: list[tuple[float, float]], colour: str, width: float) -> None:
    surface.arrow(points, (), colour, width)  # an arrow without a head: the polyline, round joins
