"""The poster's analysis page (``--analysis``): the handoff ledger, the gaps and the timeline.

The same findings as ``journeymap report``, set for print on paper of the poster's size: text sized to
the page, flowing down columns, onto further pages when a big map has more to say than one holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from journeymap.analysis.gaps import FIELD_LABELS, find_gaps
from journeymap.analysis.handoffs import handoff_ledger
from journeymap.analysis.report import ledger_emotion_text
from journeymap.analysis.timeline import days_text, stage_timeline, start_text
from journeymap.io.pdf.fonts import FontSet
from journeymap.io.pdf.surface import Surface
from journeymap.layout import TextStyle, wrap_text
from journeymap.layout.measure import FontMeasurer
from journeymap.layout.style import HANDOFF_INK, INK, MUTED_INK, RISK_INK
from journeymap.model import JourneyMap

TITLE = "Handoffs, gaps and timeline"


@dataclass(frozen=True)
class Line:
    text: str
    style: TextStyle
    ink: str = INK
    indent: float = 0.0
    space_before: float = 0.0


def analysis_lines(journey: JourneyMap, size: float) -> list[tuple[str, TextStyle, str, float, float]]:
    """Every paragraph of the page, unwrapped: (text, style, ink, indent, space before)."""
    heading = TextStyle(round(size * 1.35, 2), bold=True)
    sub = TextStyle(size, bold=True)
    body = TextStyle(size)
    small = TextStyle(round(size * 0.9, 2))
    out: list[tuple[str, TextStyle, str, float, float]] = []

    def add(text: str, style: TextStyle, ink: str = INK, indent: float = 0.0, space: float = 0.0) -> None:
        out.append((text, style, ink, indent, space))

    stage_name = {s: journey.stage(s).name or "(unnamed stage)" for s in journey.stage_ids()}
    lane_name = {p: journey.lane(p).name or "(unnamed persona)" for p in journey.lane_ids()}
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
        add("No handoffs: no two consecutive stages, and no two cards joined by an arrow, have different owners.",
            body, MUTED_INK)

    add("Gaps", heading, INK, 0, size * 1.2)
    gaps = find_gaps(journey)
    titles = {c: journey.card(c).title or "(untitled card)" for c in journey.card_ids()}
    sections = [
        ("Empty cells", [f"{stage_name[s]} × {lane_name[p]}" for s, p in gaps.empty_cells]),
        ("Stages missing fields", [f"{stage_name[g.stage]}: " + ", ".join(FIELD_LABELS[f] for f in g.fields)
                                   for g in gaps.stage_fields_missing]),
        ("Timelines that are not a duration", [f"{stage_name[s]}: “{journey.stage(s).timeline}”"
                                               for s in gaps.unreadable_timelines]),
        ("Pain points with no opportunity", [f"{titles[c]} ({stage_name[journey.cell_of(c)[0]]}, "
                                             f"{lane_name[journey.cell_of(c)[1]]})"
                                             for c in gaps.unanswered_pain_points]),
        ("Cards missing channel or owner", [f"{titles[g.card]}: " + ", ".join(FIELD_LABELS[f] for f in g.fields)
                                            for g in gaps.cards_missing]),
    ]
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
    for span in spans:
        if span.parsed:
            duration = days_text(span.days_min, span.days_max)
        else:
            duration = f"“{span.text.strip()}” is not a duration" if span.text.strip() else "no timeline"
        add(stage_name[span.stage], sub, INK, 0, size * 0.4)
        add(f"{duration}; starts at {start_text(span.start_min, span.start_max)}", body,
            INK if span.parsed else MUTED_INK, size * 0.6)
    if spans and any(s.parsed for s in spans):
        last = spans[-1]
        note = "" if all(s.parsed for s in spans) else " (some stages have no readable duration)"
        add(f"The whole journey: {start_text(last.end_min, last.end_max)}{note}", sub, INK, 0, size * 0.6)
    return out


def draw_analysis_pages(canvas: Canvas, fonts: FontSet, measurer: FontMeasurer, journey: JourneyMap, width: float,
                        height: float, margin: float) -> int:
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
    for text, style, ink, indent, space in analysis_lines(journey, size):
        wrapped = wrap_text(text, column_width - indent, style, measurer) or [""]
        for index, part in enumerate(wrapped):
            lines.append(Line(part, style, ink, indent, space if index == 0 else 0.0))
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
                if y + space + line.style.line_height > height - margin and not first:
                    break
                y += space
                surface.text(x + line.indent, y, line.text, line.style, line.ink)
                y += line.style.line_height
                position += 1
                first = False
        key = f"analysis-{pages}"
        canvas.bookmarkPage(key, fit="Fit")
        if pages == 0:
            canvas.addOutlineEntry(TITLE, key, level=0)
        canvas.showPage()
        pages += 1
    return pages
