"""The slides after the map: the experience curve as a native chart, the handoff ledger and the
vote-ranked cards as tables. Each appears only when the map has something to show in it."""

from __future__ import annotations

from collections.abc import Callable

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Pt

from journeymap.analysis.curve import experience_curve
from journeymap.analysis.handoffs import handoff_ledger
from journeymap.analysis.report import ledger_emotion_text
from journeymap.analysis.votes import ranked_cards
from journeymap.io.deck.measure import DeckMeasurer
from journeymap.io.deck.plan import MARGIN, SLIDE_HEIGHT, SLIDE_WIDTH, TITLE_HEIGHT
from journeymap.io.deck.shapes import Run, rgb, text_box
from journeymap.io.deck.tables import Cell, Column, add_table, paginate
from journeymap.layout.style import KIND_LABELS, LANE_COLOURS, MUTED_INK, RISK_INK
from journeymap.model import JourneyMap

TABLE_FONT = 12.0
NOTE_HEIGHT = 20.0
NewSlide = Callable[[], Slide]


def heading(slide: Slide, text: str, note: str = "") -> float:
    """The slide's title and an optional note under it; returns where the content starts."""
    text_box(
        slide.shapes,
        MARGIN,
        MARGIN,
        SLIDE_WIDTH - 2 * MARGIN,
        TITLE_HEIGHT - 4,
        [[Run(text, 20, bold=True)]],
        anchor=MSO_ANCHOR.MIDDLE,
        name="Slide title",
    )
    top = MARGIN + TITLE_HEIGHT
    if note:
        text_box(
            slide.shapes,
            MARGIN,
            top,
            SLIDE_WIDTH - 2 * MARGIN,
            NOTE_HEIGHT - 4,
            [[Run(note, 11, colour=MUTED_INK)]],
            name="Note",
        )
        top += NOTE_HEIGHT
    return top + 4


def curve_slide(new_slide: NewSlide, journey: JourneyMap) -> int:
    """A line per persona over the stages, with no line where a lane has no scored card."""
    if not any(journey.card(card).emotion is not None for card in journey.card_ids()):
        return 0
    slide = new_slide()
    top = heading(
        slide,
        "Experience curve",
        "Mean emotion of each persona's scored cards per stage, from −2 (very "
        "negative) to +2 (very positive); a gap where no card is scored.",
    )
    data = CategoryChartData()
    data.categories = [journey.stage(stage).name or "(unnamed stage)" for stage in journey.stage_ids()]
    for lane_id, points in experience_curve(journey).items():
        data.add_series(
            journey.lane(lane_id).name or "(unnamed persona)",
            [None if point.mean is None else round(point.mean, 2) for point in points],
        )
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, *_emu_box(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - MARGIN - top), data
    )
    frame.name = "Experience curve"
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = -2, 2, 1
    axis.has_major_gridlines = True
    axis.tick_labels.font.size = Pt(12)
    categories = chart.category_axis
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # under the plot, not across the zero line
    categories.tick_labels.font.size = Pt(12)
    chart.legend.font.size = Pt(12)
    for index, series in enumerate(chart.plots[0].series):
        colour = rgb(LANE_COLOURS[index % len(LANE_COLOURS)])
        series.format.line.color.rgb = colour
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
    return 1


def handoff_slides(new_slide: NewSlide, journey: JourneyMap, measurer: DeckMeasurer) -> int:
    ledger = handoff_ledger(journey)
    if not ledger:
        return 0
    columns = [
        Column("", 64),
        Column("Where", 60),
        Column("From", 180),
        Column("To", 180),
        Column("Owners", 196),
        Column("Persona", 120),
        Column("Emotion", 124),
    ]
    rows = [
        [
            Cell("At risk" if entry.risk else "", bold=True, colour=RISK_INK),
            Cell("Stage" if entry.kind == "stage" else "Arrow"),
            Cell(entry.from_label),
            Cell(entry.to_label),
            Cell(f"{entry.from_owner} → {entry.to_owner}"),
            Cell(entry.persona),
            Cell(ledger_emotion_text(entry)),
        ]
        for entry in ledger
    ]
    note = "Where ownership of the customer changes. At risk: the customer arrives at a card scored −1 or −2."
    return _table_slides(new_slide, "Handoffs", note, columns, rows, measurer)


def vote_slides(new_slide: NewSlide, journey: JourneyMap, measurer: DeckMeasurer) -> int:
    ranked = ranked_cards(journey)
    if not ranked:
        return 0
    columns = [
        Column("Rank", 50),
        Column("Votes", 56),
        Column("Card", 300),
        Column("Stage", 150),
        Column("Persona", 130),
        Column("Owner", 130),
        Column("Kind", 108),
    ]
    rows = [
        [
            Cell(str(item.rank), bold=True),
            Cell(str(item.votes)),
            Cell(item.title),
            Cell(item.stage),
            Cell(item.lane),
            Cell(item.owner),
            Cell(KIND_LABELS[item.kind]),
        ]
        for item in ranked
    ]
    return _table_slides(
        new_slide, "Top-voted cards", "Cards ranked by the room's votes: what to act on first.", columns, rows, measurer
    )


def _table_slides(
    new_slide: NewSlide, title: str, note: str, columns: list[Column], rows: list[list[Cell]], measurer: DeckMeasurer
) -> int:
    content_top = MARGIN + TITLE_HEIGHT + NOTE_HEIGHT + 4
    pages = paginate(rows, columns, TABLE_FONT, SLIDE_HEIGHT - MARGIN - content_top, measurer)
    for number, page in enumerate(pages, 1):
        slide = new_slide()
        suffix = f" ({number} of {len(pages)})" if len(pages) > 1 else ""
        top = heading(slide, title + suffix, note)
        add_table(slide, MARGIN, top, columns, page, TABLE_FONT, measurer, name=title)
    return len(pages)


def _emu_box(x: float, y: float, width: float, height: float) -> tuple[int, int, int, int]:
    return tuple(round(v * 12700) for v in (x, y, width, height))  # type: ignore[return-value]
