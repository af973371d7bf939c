"""Draw the map board (headers, lanes, cards, milestones, flows) from a :class:`MapLayout`.

Nothing here measures or wraps: every rectangle and every line of text comes from the layout, the
same one the canvas draws, so the poster is the map on screen. Drawing order matters for print:
grid, then cards, then flows on top (as the canvas stacks its items).
"""

from __future__ import annotations

from journeymap.io.pdf.surface import Surface
from journeymap.layout import CardBox, MapLayout, MilestoneBox, Rect
from journeymap.layout.style import (
    BAND_FILL,
    CARD_BORDER_WIDTH,
    FLOW_COLOUR,
    FLOW_WIDTH,
    GRID,
    GRID_WIDTH,
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

VOTE_DOT = "#1f2933"


def draw_board(surface: Surface, layout: MapLayout, journey: JourneyMap, top: float = 0.0) -> None:
    """Draw the whole board with its top edge at ``top`` (the title block sits above it)."""
    board = Rect(0, top, layout.width, layout.height)
    surface.rect(board, fill="#ffffff")
    _draw_lanes(surface, layout, top)
    _draw_stage_headers(surface, layout, top)
    if layout.band.height > 0:
        band = layout.band.moved(0, top)
        surface.rect(band, fill=BAND_FILL)
    _draw_grid(surface, layout, top)
    _draw_cards(surface, layout, journey, top)
    _draw_votes(surface, layout, journey, top)
    for box in layout.milestones.values():
        _draw_milestone(surface, layout, box, top)
    # Arrows over cards, as the canvas stacks them, so every flow stays visible end to end.
    for route in layout.flows.values():
        surface.arrow([(x, y + top) for x, y in route.line], tuple((x, y + top) for x, y in route.head), FLOW_COLOUR)
    # Labels last: a tag is never crossed by another arrow (the canvas draws them with their arrows).
    for route in layout.flows.values():
        tag = route.label
        if tag is not None:
            tag_box = Rect(tag.x, tag.y + top, tag.width, tag.height)
            surface.rect(tag_box, fill="#ffffff", stroke=FLOW_COLOUR, width=FLOW_WIDTH * 0.6, radius=3)
            surface.text(tag.text_x, tag.text_top + top, tag.text, tag.style, INK)
    surface.rect(Rect(0.5, top + 0.5, layout.width - 1, layout.height - 1), stroke=GRID, width=GRID_WIDTH)


def _draw_lanes(surface: Surface, layout: MapLayout, top: float) -> None:
    s = layout.style
    for lane_id in layout.lane_order:
        lane = layout.lanes[lane_id]
        surface.rect(lane.row.moved(0, top), fill=LANE_FILL)
        header = lane.header.moved(0, top)
        surface.rect(header, fill=HEADER_FILL)
        stripe_colour = LANE_COLOURS[lane.colour_index % len(LANE_COLOURS)]
        surface.rect(lane.bar.moved(0, top), fill=stripe_colour)
        surface.text_lines(lane.text_x, lane.name_top + top, lane.name_lines, s.lane_name, INK)
        surface.text_lines(lane.text_x, lane.text_top + top, lane.text_lines, s.lane_text, MUTED_INK)


def _draw_stage_headers(surface: Surface, layout: MapLayout, top: float) -> None:
    s = layout.style
    for stage_id in layout.stage_order:
        stage = layout.stages[stage_id]
        header = stage.header.moved(0, top)
        surface.rect(header, fill=HEADER_FILL)
        surface.text_lines(stage.text_x, stage.name_top + top, stage.name_lines, s.stage_name, INK)
        for (_label, lines), field_top in zip(stage.field_lines, stage.field_tops, strict=True):
            surface.text_lines(stage.text_x, field_top + top, lines, s.stage_field, MUTED_INK)


def _draw_grid(surface: Surface, layout: MapLayout, top: float) -> None:
    s = layout.style
    bottom = top + layout.height
    # Column edges from the layout (timeline mode makes columns of different widths).
    for x in [s.lane_header_width] + [layout.stages[stage].column.right for stage in layout.stage_order]:
        surface.line(x, top + layout.header_height, x, bottom, GRID, GRID_WIDTH)
    for stage_id in layout.stage_order:
        header = layout.stages[stage_id].header
        surface.line(header.right, top, header.right, top + header.bottom, GRID, GRID_WIDTH)
    surface.line(0, top + layout.header_height, layout.width, top + layout.header_height, GRID, GRID_WIDTH)
    if layout.band.height > 0:
        surface.line(0, top + layout.band.bottom, layout.width, top + layout.band.bottom, GRID, GRID_WIDTH)
    for lane_id in layout.lane_order:
        row = layout.lanes[lane_id].row
        surface.line(0, top + row.bottom, layout.width, top + row.bottom, GRID, GRID_WIDTH)


def _draw_cards(surface: Surface, layout: MapLayout, journey: JourneyMap, top: float) -> None:
    """Cards in passes by colour: bodies and stripes per kind, then all titles, details and badges.

    Cards never overlap, so the order between cards does not show; drawing by colour sets each
    colour a handful of times instead of six times per card, a quarter of a big poster's time.
    """
    s = layout.style
    records = {card_id: journey.card(card_id) for card_id in layout.cards}
    by_kind: dict[Kind, list[CardBox]] = {}
    for card_id, box in layout.cards.items():
        by_kind.setdefault(records[card_id].kind, []).append(box)
    for kind, boxes in by_kind.items():
        fill, border = KIND_COLOURS.get(kind, KIND_COLOURS[Kind.TOUCHPOINT])
        if kind is Kind.THOUGHT:
            for box in boxes:
                _draw_bubble(surface, box, top, fill, border, s.thought_radius)
            continue
        for box in boxes:
            surface.rect(
                box.rect.moved(0, top), fill=fill, stroke=border, width=CARD_BORDER_WIDTH, radius=s.corner_radius
            )
        for box in boxes:
            rect = box.rect
            surface.rect(Rect(rect.x + 0.5, rect.y + top + 0.5, s.kind_stripe, rect.height - 1), fill=border)
    for card_id, box in layout.cards.items():
        title_style = s.thought_title if records[card_id].kind is Kind.THOUGHT else s.card_title
        surface.text_lines(box.text_x, box.title_top + top, box.title_lines, title_style, INK)
    for box in by_kind.get(Kind.THOUGHT, []):
        if box.quote is not None:
            surface.text(box.quote.x, box.quote.y + top, QUOTE_MARK, s.quote_mark, KIND_COLOURS[Kind.THOUGHT][1])
    for box in layout.cards.values():
        surface.text_lines(box.text_x, box.meta_top + top, box.meta_lines, s.card_meta, MUTED_INK)
    badges = sorted(
        (
            (emotion, box)
            for card_id, box in layout.cards.items()
            if box.badge is not None and (emotion := records[card_id].emotion) is not None
        ),
        key=lambda item: item[0],
    )
    for emotion, box in badges:
        assert box.badge is not None
        surface.badge_disc(box.badge.moved(0, top), emotion)
    for _emotion, box in badges:
        x, baseline = box.badge_origin
        surface.badge_label(box.badge_text, x, baseline + top, s.card_meta)


def _draw_votes(surface: Surface, layout: MapLayout, journey: JourneyMap, top: float) -> None:
    """Dots from the room's voting: a dark disc with the count at a card's bottom-right, as on the canvas."""
    s = layout.style
    size = s.badge_size
    for card_id, count in journey.voting.counts().items():
        box = layout.cards.get(card_id)
        if box is None:
            continue
        rect = box.rect
        disc = Rect(rect.right - size - 2, rect.y + rect.height - size - 2, size, size)
        if box.badge is not None and disc.y < box.badge.bottom + 2:  # a short card: beside its emotion
            disc = Rect(box.badge.x - size - 3, disc.y, size, size)
        disc = disc.moved(0, top)
        cx, cy = disc.center
        surface.fill(VOTE_DOT)
        surface.canvas.circle(cx, surface.height - cy, size / 2, stroke=0, fill=1)
        label = str(count)
        width = surface.fonts.width(label, s.card_meta.size, s.card_meta.bold)
        surface.text(cx - width / 2, cy - s.card_meta.line_height / 2, label, s.card_meta, "#ffffff")


def _draw_milestone(surface: Surface, layout: MapLayout, box: MilestoneBox, top: float) -> None:
    s = layout.style
    diamond = box.diamond.moved(0, top)
    surface.diamond(diamond, MILESTONE_FILL, MILESTONE_BORDER)
    surface.text_lines(box.text_x, box.title_top + top, box.title_lines, s.milestone_title, INK)


def _draw_bubble(surface: Surface, box: CardBox, top: float, fill: str, border: str, radius: float) -> None:
    """A thought: a rounder card with a tail below it, drawn as one shape (as on the canvas)."""
    surface.rect(box.rect.moved(0, top), fill=fill, stroke=border, width=CARD_BORDER_WIDTH, radius=radius)
    if len(box.tail) != 3:
        return
    c = surface.canvas
    (ax, ay), (bx, by), (tx, ty) = box.tail
    # Filled over the card's bottom border so bubble and tail join; then the two outer edges.
    path = c.beginPath()
    path.moveTo(ax, surface.y(ay + top - 1.5))
    path.lineTo(bx, surface.y(by + top - 1.5))
    path.lineTo(tx, surface.y(ty + top))
    path.close()
    surface.fill(fill)
    c.drawPath(path, stroke=0, fill=1)
    surface.line(ax, ay + top, tx, ty + top, border, CARD_BORDER_WIDTH)
    surface.line(bx, by + top, tx, ty + top, border, CARD_BORDER_WIDTH)
