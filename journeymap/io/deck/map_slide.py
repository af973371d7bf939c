"""One map slide: stage headers, lanes, cards, milestones and arrows as native, editable shapes.

Everything is placed where the layout engine put it (rectangles only), scaled by the page's frame.
Cards are rounded rectangles in their kind's colours holding their own text; the emotion badge is
a small circle over the card's top right corner, kept clear of the title by the paragraph's right
margin. Shapes are written through :class:`ShapeSheet` (DrawingML text, one parse per slide).
"""

from __future__ import annotations

from pptx.slide import Slide

from journeymap.analysis.report import emotion_text
from journeymap.io.deck.plan import MARGIN, SLIDE_WIDTH, TITLE_HEIGHT, Frame
from journeymap.io.deck.shapes import Run
from journeymap.io.deck.xml_shapes import ShapeSheet
from journeymap.layout import MapLayout, Rect
from journeymap.layout.map_layout import STAGE_FIELDS
from journeymap.layout.style import (
    BAND_FILL,
    EMOTION_COLOURS,
    FLOW_COLOUR,
    GRID,
    HEADER_FILL,
    INK,
    KIND_COLOURS,
    LANE_COLOURS,
    LANE_FILL,
    MILESTONE_BORDER,
    MILESTONE_FILL,
    MUTED_INK,
    QUOTE_MARK,
)
from journeymap.model import JourneyMap, Kind

CARD_RADIUS = 6.0  # layout units; thoughts use the style's rounder thought_radius


def draw_map_page(
    slide: Slide, journey: JourneyMap, layout: MapLayout, frame: Frame, heading: str, flows: list[tuple[str, str]]
) -> None:
    """Draw one page; ``flows`` is the map's arrows, read once for the whole deck."""
    sheet = ShapeSheet(slide)
    sheet.text_box(
        MARGIN,
        MARGIN,
        SLIDE_WIDTH - 2 * MARGIN,
        TITLE_HEIGHT - 6,
        [[Run(heading, 16, bold=True)]],
        anchor="middle",
        name="Slide title",
    )
    page = frame.page
    for stage_id in page.stages:
        _stage_header(sheet, journey, layout, frame, stage_id)
    _band(sheet, layout, frame)
    held: dict[str, list[str]] = {lane_id: [] for lane_id in layout.lane_order}
    for stage_id in page.stages:
        for lane_id in layout.lane_order:
            for card_id in layout.cells[(stage_id, lane_id)].card_ids:
                placed = layout.cards[card_id]
                tail = layout.style.thought_tail if placed.tail else 0.0
                if page.holds(placed.rect.y, placed.rect.bottom + tail):
                    held[lane_id].append(card_id)
    for lane_id in layout.lane_order:
        _lane(sheet, journey, layout, frame, lane_id, bool(held[lane_id]))
    card_shapes: dict[str, int] = {}
    for card_ids in held.values():
        for card_id in card_ids:
            card_shapes[card_id] = _card(sheet, journey, layout, frame, card_id)
    for milestone_id, milestone in layout.milestones.items():
        if milestone.stage in page.stages and page.holds(milestone.rect.y, milestone.rect.bottom):
            _milestone(sheet, journey, layout, frame, milestone_id)
    for source, target in flows:
        if source in card_shapes and target in card_shapes:
            sheet.arrow(card_shapes[source], card_shapes[target], FLOW_COLOUR, max(0.75, 1.2 * frame.scale))
    sheet.flush()


def _scaled(frame: Frame, size: float) -> float:
    return round(size * frame.scale, 1)


def _stage_header(sheet: ShapeSheet, journey: JourneyMap, layout: MapLayout, frame: Frame, stage_id: str) -> None:
    s = layout.style
    stage = journey.stage(stage_id)
    header = layout.stages[stage_id].header
    paragraphs = [[Run(stage.name, _scaled(frame, s.stage_name.size), bold=True)]]
    for label, attribute in STAGE_FIELDS:
        value = " ".join(getattr(stage, attribute).split())
        if value:
            size = _scaled(frame, s.stage_field.size)
            paragraphs.append([Run(f"{label}: ", size, bold=True, colour=MUTED_INK), Run(value, size)])
    pad = s.header_padding * frame.scale
    sheet.shape(
        "rect",
        frame.x(header.x),
        frame.header_y(header.y),
        header.width * frame.scale,
        header.height * frame.scale,
        fill=HEADER_FILL,
        line=GRID,
        name=f"Stage {stage_id}",
        paragraphs=paragraphs,
        inset=(pad, pad, pad, pad / 2),
    )


def _band(sheet: ShapeSheet, layout: MapLayout, frame: Frame) -> None:
    band, page = layout.band, frame.page
    top, bottom = max(band.y, page.top), min(band.bottom, page.bottom)
    if band.height <= 0 or bottom <= top or not page.stages:
        return
    first = layout.stages[page.stages[0]].column.x
    sheet.shape(
        "rect",
        frame.x(first),
        frame.y(top),
        frame.right - frame.x(first),
        (bottom - top) * frame.scale,
        fill=BAND_FILL,
        line=GRID,
        name="Milestones for all lanes",
    )


def _lane(
    sheet: ShapeSheet, journey: JourneyMap, layout: MapLayout, frame: Frame, lane_id: str, has_cards: bool
) -> None:
    s, page = layout.style, frame.page
    lane = layout.lanes[lane_id]
    top, bottom = max(lane.row.y, page.top), min(lane.row.bottom, page.bottom)
    # A sliver of the next lane at a part's foot, with none of its cards, would only cut its name.
    if bottom - top < (2 * s.lane_name.line_height if not has_cards else 0.5):
        return
    y, height = frame.y(top), (bottom - top) * frame.scale
    persona = journey.lane(lane_id)
    paragraphs = [[Run(persona.name, _scaled(frame, s.lane_name.size), bold=True)]]
    description = " ".join(persona.description.split())
    if description and top == lane.row.y:
        paragraphs.append([Run(description, _scaled(frame, s.lane_text.size), colour=MUTED_INK)])
    pad = s.header_padding * frame.scale
    stripe = 5 * frame.scale
    x = frame.lane_x(lane.header.x)
    sheet.shape(
        "rect",
        x,
        y,
        lane.header.width * frame.scale,
        height,
        fill=HEADER_FILL,
        line=GRID,
        name=f"Lane {lane_id}",
        paragraphs=paragraphs,
        inset=(pad + stripe, pad, pad, pad / 2),
    )
    sheet.shape(
        "rect",
        x,
        y,
        stripe,
        height,
        fill=LANE_COLOURS[lane.colour_index % len(LANE_COLOURS)],
        line=None,
        name=f"Lane colour {lane_id}",
    )
    for stage_id in page.stages:
        cell = layout.cells[(stage_id, lane_id)].rect
        sheet.shape(
            "rect",
            frame.x(cell.x),
            y,
            cell.width * frame.scale,
            height,
            fill=LANE_FILL,
            line=GRID,
            name=f"Cell {stage_id} {lane_id}",
        )


def _card(sheet: ShapeSheet, journey: JourneyMap, layout: MapLayout, frame: Frame, card_id: str) -> int:
    s = layout.style
    card = journey.card(card_id)
    placed = layout.cards[card_id]
    rect = placed.rect
    fill, border = KIND_COLOURS[card.kind]
    thought = card.kind is Kind.THOUGHT
    radius = s.thought_radius if thought else CARD_RADIUS
    title_style = s.thought_title if thought else s.card_title
    title = f"{QUOTE_MARK}{card.title}\u201d" if thought else card.title
    paragraphs = [[Run(title, _scaled(frame, title_style.size), bold=True, italic=thought)]]
    meta = " · ".join(part for part in (card.channel, card.owner) if part.strip())
    if meta:
        paragraphs.append([Run(meta, _scaled(frame, s.card_meta.size), colour=MUTED_INK)])
    pad = s.card_padding * frame.scale
    left = (s.kind_stripe + s.card_padding) * frame.scale
    badge = placed.badge if card.emotion is not None else None
    # The title keeps clear of the badge; the meta line below may use the full width.
    clear = (s.badge_size + 4) * frame.scale if badge is not None else 0.0
    shape_id = sheet.shape(
        "roundRect",
        frame.x(rect.x),
        frame.y(rect.y),
        rect.width * frame.scale,
        rect.height * frame.scale,
        fill=fill,
        line=border,
        line_width=1.25 if thought else 1.0,
        name=f"Card {card_id}",
        adjust=min(0.5, radius / max(min(rect.width, rect.height), 1.0)),
        paragraphs=paragraphs,
        inset=(left, pad, pad, 1.0),
        first_margin_right=clear,
    )
    if badge is not None and card.emotion is not None:
        _badge(sheet, frame, badge, card.emotion, card_id)
    return shape_id


def _badge(sheet: ShapeSheet, frame: Frame, badge: Rect, emotion: int, card_id: str) -> None:
    sheet.shape(
        "ellipse",
        frame.x(badge.x),
        frame.y(badge.y),
        badge.width * frame.scale,
        badge.height * frame.scale,
        fill=EMOTION_COLOURS[emotion],
        line=None,
        name=f"Emotion {card_id}",
        paragraphs=[[Run(emotion_text(emotion), _scaled(frame, 9), bold=True, colour="#ffffff")]],
        anchor="middle",
        align="center",
    )


def _milestone(sheet: ShapeSheet, journey: JourneyMap, layout: MapLayout, frame: Frame, milestone_id: str) -> None:
    s = layout.style
    placed = layout.milestones[milestone_id]
    diamond, rect = placed.diamond, placed.rect
    sheet.shape(
        "diamond",
        frame.x(diamond.x),
        frame.y(diamond.y),
        diamond.width * frame.scale,
        diamond.height * frame.scale,
        fill=MILESTONE_FILL,
        line=MILESTONE_BORDER,
        name=f"Milestone mark {milestone_id}",
    )
    left = diamond.right + 6
    sheet.text_box(
        frame.x(left),
        frame.y(rect.y),
        (rect.right - left) * frame.scale,
        rect.height * frame.scale,
        [[Run(journey.milestone(milestone_id).title, _scaled(frame, s.milestone_title.size), bold=True, colour=INK)]],
        name=f"Milestone {milestone_id}",
    )
