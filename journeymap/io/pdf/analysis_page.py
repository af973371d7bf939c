"""The poster's analysis page (``--analysis``): the handoff ledger, the gaps and the timeline.

The same findings as ``journeymap report``, set for print on paper of the poster's size: text sized to
the page, flowing down columns, onto further pages when a big map has more to say than one holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from journeymap.analysis.gaps import find_gaps
from journeymap.analysis.handoffs import handoff_ledger
from journeymap.analysis.report import gap_sections, ledger_emotion_text
from journeymap.analysis.timeline import StageSpan, days_text, stage_timeline, start_text
from journeymap.io.pdf.fonts import FontSet
from journeymap.io.pdf.surface import Surface
from journeymap.layout import Rect, TextStyle, wrap_text
from journeymap.layout.measure import FontMeasurer
from journeymap.layout.style import HANDOFF_INK, INK, MUTED_INK, RISK_INK
from journeymap.model import JourneyMap

TITLE = "Handoffs, gaps and timeline"
BAR_SOLID = "#2f6db5"  # a stage's time up to its earliest end
BAR_LIGHT = "#b9d0ee"  # ... and on to its latest end


CHART = "\x00timeline chart"  # the paragraph that stands for the timeline's bar chart


@dataclass(frozen=True)
class Line:
    text: str
    style: TextStyle
    ink: str = INK
    indent: float = 0.0
    space_before: float = 0.0
    height: float = 0.0  # the chart's height; text lines take their style's line height
    keep: bool = False  # a heading or an introduction: never the last line of a column

    @property
    def extent(self) -> float:
        return self.height or self.style.line_height


def analysis_lines(journey: JourneyMap, size: float) -> list[tuple[str, TextStyle, str, float, float]]:
    """Every paragraph of the page, unwrapped: (text, style, ink, indent, space before); ``CHART`` marks
    where the timeline's bar chart goes."""
    heading = TextStyle(round(size * 1.35, 2), bold=True)
    sub = TextStyle(size, bold=True)
    body = TextStyle(size)
    small = TextStyle(round(size * 0.9, 2))
    out: list[tuple[str, TextStyle, str, float, float]] = []

    def add(text: str, style: TextStyle, ink: str = INK, indent: float = 0.0, space: float = 0.0) -> None:
        out.append((text, style, ink, indent, space))

    stage_name = {s: journey.stage(s).name or "(unnamed stage)" for s in journey.stage_ids()}
    add("Handoff ledger", heading)
    add("Where ownership of the customer changes; ⚠ a handoff into a card scored −1 or −2.", small, MUTED_INK)
    ledger = handoff_ledger(journey)
    number = 0
    previous: tuple[str, ...] | None = None
    for entry in ledger:
        ink = RISK_INK if entry.risk else INK
        if entry.kind == "flow":
            number += 1
            add(f"Arrow {number}: {entry.from_label} → {entry.to_label}", sub, HANDOFF_INK, 0, size * 0.5)
            add(f"{entry.from_owner} → {entry.to_owner}", body, MUTED_INK, size)
        elif entry.place != previous:
            add(f"{entry.from_label} → {entry.to_label}", sub, HANDOFF_INK, 0, size * 0.5)
            add(f"{entry.from_owner} → {entry.to_owner}", body, MUTED_INK, size)
        previous = entry.place
        flag = "⚠ " if entry.risk else ""
        add(f"{flag}{entry.persona}: emotion {ledger_emotion_text(entry)}", body, ink, size)
    if not ledger:
        add(
            "No handoffs: no two consecutive stages, and no two cards joined by an arrow, have different owners.",
            body,
            MUTED_INK,
        )

    add("Gaps", heading, INK, 0, size * 1.2)
    gaps = find_gaps(journey)
    sections = gap_sections(journey, gaps)
    if not gaps.count:
        add("None: every cell has a card, every stage its goal, success criteria, timeline and owner.", body, MUTED_INK)
    for title, items in sections:
        if items:
            add(f"{title} ({len(items)})", sub, INK, 0, size * 0.5)
            for item in items:
                add(f"• {item}", body, INK, size * 0.6)

    add("Timeline", heading, INK, 0, size * 1.2)
    add("Each stage's duration as read from its timeline, and when it starts.", small, MUTED_INK)
    spans = stage_timeline(journey)
    if any(span.parsed for span in spans):
        add(CHART, body, INK, 0, size * 0.6)
    for span in spans:
        if span.parsed:
            duration = days_text(span.days_min, span.days_max)
        else:
            duration = f"“{span.text.strip()}” is not a duration" if span.text.strip() else "no timeline"
        add(stage_name[span.stage], sub, INK, 0, size * 0.4)
        when = "at the start" if span.start_max == 0 else f"after {start_text(span.start_min, span.start_max)}"
        add(f"{duration}; starts {when}", body, INK if span.parsed else MUTED_INK, size * 0.6)
    if spans and any(s.parsed for s in spans):
        last = spans[-1]
        note = "" if all(s.parsed for s in spans) else " (some stages have no readable duration)"
        add(f"The whole journey: {start_text(last.end_min, last.end_max)}{note}", sub, INK, 0, size * 0.6)
    return out


def draw_analysis_pages(
    canvas: Canvas,
    fonts: FontSet,
    measurer: FontMeasurer,
    journey: JourneyMap,
    width: float,
    height: float,
    margin: float,
) -> int:
    """Draw the analysis on pages of ``width`` x ``height``; returns how many pages it took."""
    size = max(8.0, min(28.0, min(width, height) / 60))
    columns = 3 if width > height * 1.15 else 2
    gap = size * 2
    column_width = (width - 2 * margin - (columns - 1) * gap) / columns
    title_style = TextStyle(round(size * 2, 2), bold=True)
    title = f"{journey.title or 'Untitled journey map'}: {TITLE.lower()}"
    body_top = margin + title_style.line_height * 1.6
    pages = 0
    lines: list[Line] = []
    spans = stage_timeline(journey)
    names = {s: journey.stage(s).name or "(unnamed stage)" for s in journey.stage_ids()}
    for text, style, ink, indent, space in analysis_lines(journey, size):
        if text == CHART:
            lines.append(Line("", style, ink, indent, space, chart_height(spans, size)))
            continue
        wrapped = wrap_text(text, column_width - indent, style, measurer) or [""]
        keep = style.bold or style.size < size
        for index, part in enumerate(wrapped):
            lines.append(Line(part, style, ink, indent, space if index == 0 else 0.0, keep=keep))
    position = 0
    while position < len(lines) or pages == 0:
        canvas.setPageSize((width, height))
        surface = Surface(canvas, fonts, measurer, height)
        surface.text(margin, margin, title if pages == 0 else f"{title} (continued)", title_style, INK)
        for column in range(columns):
            x = margin + column * (column_width + gap)
            y = body_top
            first = True
            while position < len(lines):
                line = lines[position]
                space = 0.0 if first else line.space_before
                if not first and y + _with_what_follows(lines, position, space) > height - margin:
                    break
                y += space
                if line.height:
                    draw_timeline_chart(surface, measurer, x, y, column_width, spans, names, size)
                else:
                    surface.text(x + line.indent, y, line.text, line.style, line.ink)
                y += line.extent
                position += 1
                first = False
        key = f"analysis-{pages}"
        canvas.bookmarkPage(key, fit="Fit")
        if pages == 0:
            canvas.addOutlineEntry(TITLE, key, level=0)
        canvas.showPage()
        pages += 1
    return pages


def chart_height(spans: list[StageSpan], size: float) -> float:
    return (len(spans) + 1.6) * size * 1.6


def draw_timeline_chart(
    surface: Surface,
    measurer: FontMeasurer,
    x: float,
    y: float,
    width: float,
    spans: list[StageSpan],
    names: dict[str, str],
    size: float,
) -> None:
    """One bar per stage on a shared axis of days from the start.

    A bar runs from the stage's earliest start; solid to its earliest end, lighter to its latest end
    (to the chart's edge, dashed, when that end is open). A stage with no duration gets no bar.
    """
    row = size * 1.6
    label = TextStyle(round(size * 0.9, 2))
    small = TextStyle(round(size * 0.8, 2))
    label_width = width * 0.36
    left, right = x + label_width + size * 0.5, x + width - size
    horizon = max([s.end_max if s.end_max is not None else s.end_min for s in spans if s.parsed] + [1.0])
    if any(s.parsed and s.end_max is None for s in spans):
        horizon *= 1.15  # room to show an open end running on
    scale = (right - left) / horizon
    for index, span in enumerate(spans):
        top = y + index * row
        name = names[span.stage]
        while name and measurer.width(name, label) > label_width - size * 0.3:
            name = name[:-2] + "…" if len(name) > 2 else ""
        surface.text(x, top + (row - label.line_height) / 2, name, label, INK if span.parsed else MUTED_INK)
        bar_top, bar_height = top + row * 0.2, row * 0.6
        if not span.parsed:
            surface.text(left, top + (row - small.line_height) / 2, "no duration", small, MUTED_INK)
            continue
        start = left + span.start_min * scale
        early = left + span.end_min * scale
        late = left + (span.end_max * scale if span.end_max is not None else right - left)
        surface.rect(Rect(start, bar_top, max(late - start, 1.0), bar_height), fill=BAR_LIGHT)
        surface.rect(Rect(start, bar_top, max(early - start, 1.0), bar_height), fill=BAR_SOLID)
        if span.end_max is None:
            surface.line(right, bar_top, right, bar_top + bar_height, BAR_SOLID, 0.8, dash=(2, 2))
    axis = y + len(spans) * row + row * 0.2
    surface.line(left, axis, right, axis, INK, 0.8)
    step, unit = next(
        (
            (n, u)
            for n, u in ((7, "wk"), (30, "mo"), (90, "qtr"), (365, "yr"))
            if (right - left) / (horizon / n) >= size * 3.5
        ),
        (365, "yr"),
    )
    for n in range(int(horizon // step) + 1):
        tick = left + n * step * scale
        surface.line(tick, axis, tick, axis + size * 0.3, INK, 0.8)
        text = f"{n} {unit}" if n else "0"
        surface.text(tick - measurer.width(text, small) / 2, axis + size * 0.35, text, small, MUTED_INK)


def _with_what_follows(lines: list[Line], position: int, space: float) -> float:
    """The height a line needs in this column: with the lines it introduces, up to the first that it keeps."""
    needed = space + lines[position].extent
    index = position
    while lines[index].keep and index + 1 < len(lines):
        index += 1
        needed += lines[index].space_before + lines[index].extent
    return needed
