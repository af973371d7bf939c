"""The swimlane layout: stage columns, lane rows, cells that grow to fit their cards.

Geometry is computed here, once per model change, never inside paint code or items. The result is
plain data (rectangles, wrapped lines and where they start, arrowheads, badge labels) that the
canvas and the poster both draw without measuring anything. A line of text is placed by the top of
its line box; ``MapLayout.baseline`` gives its baseline, the same for both renderers.

Scene coordinates, top to bottom: the stage header band, a band for milestones that span all lanes
(absent when there are none), then one row per lane. Left to right: the lane header column, then
one column per stage.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field

from journeymap.layout.flows import FlowRoute, flow_route, label_flows, separate_shared_gutters
from journeymap.layout.geometry import Rect
from journeymap.layout.style import EMOTION_TEXT, LayoutStyle, TextStyle
from journeymap.layout.text import CachedWrapper, TextMeasurer
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint
from journeymap.model.bulk import collector_paused
from journeymap.model.records import STAGE_DETAILS, field_label

MAX_HEADER_FIELD_LINES = 4
ELLIPSIS = "…"
MAX_WRAPPED_CHARS = 2_000  # about 100 lines of a card: more than any box shows
# What a stage header shows under the name, with the labels the records declare.
STAGE_FIELDS = tuple((field_label(Stage, name), name) for name in STAGE_DETAILS)


@dataclass(slots=True)
class CardBox:
    id: str
    rect: Rect
    title_lines: tuple[str, ...]
    meta_lines: tuple[str, ...]
    title_top: float  # baseline-free: the top of the first title line
    meta_top: float
    badge: Rect | None = None  # the emotion badge (top right), None when the card has no emotion
    text_x: float = 0.0  # where title and meta lines start
    badge_text: str = ""  # the badge's label ("+1"), centred on it from ``badge_origin`` (x, baseline)
    badge_origin: tuple[float, float] = (0.0, 0.0)
    quote: Rect | None = None  # a thought's quotation mark: the line box to draw QUOTE_MARK in
    tail: tuple[tuple[float, float], ...] = ()  # a thought bubble's tail below the card: three points

    def moved(self, dx: float) -> CardBox:
        """The same card ``dx`` to the right, every origin with it (the timeline mode widens columns)."""
        return CardBox(
            self.id,
            self.rect.moved(dx, 0),
            self.title_lines,
            self.meta_lines,
            self.title_top,
            self.meta_top,
            None if self.badge is None else self.badge.moved(dx, 0),
            self.text_x + dx,
            self.badge_text,
            (self.badge_origin[0] + dx, self.badge_origin[1]),
            None if self.quote is None else self.quote.moved(dx, 0),
            tuple((x + dx, y) for x, y in self.tail),
        )


@dataclass
class StageBox:
    id: str
    header: Rect
    column: Rect
    name_lines: tuple[str, ...]
    field_lines: list[tuple[str, tuple[str, ...]]]  # (label, lines); the first line starts with "Label: "
    truncated: bool = False
    text_x: float = 0.0  # where the name and the fields start
    name_top: float = 0.0
    field_tops: tuple[float, ...] = ()  # the top of each field's first line


@dataclass
class LaneBox:
    id: str
    header: Rect
    row: Rect
    name_lines: tuple[str, ...]
    text_lines: tuple[str, ...]
    colour_index: int = 0
    bar: Rect = Rect(0, 0, 0, 0)  # the colour bar at the header's left edge
    text_x: float = 0.0
    name_top: float = 0.0
    text_top: float = 0.0  # the description's first line
    curve: Rect | None = None  # the experience-curve band at the foot of the row (style.curve_band)


@dataclass
class MilestoneBox:
    id: str
    rect: Rect
    diamond: Rect
    title_lines: tuple[str, ...]
    stage: str
    lane: str | None
    text_x: float = 0.0
    title_top: float = 0.0


@dataclass(slots=True)
class CellBox:
    stage: str
    lane: str
    rect: Rect
    card_ids: list[str] = field(default_factory=list)


@dataclass
class MapLayout:
    style: LayoutStyle
    width: float
    height: float
    header_height: float
    band: Rect
    stages: dict[str, StageBox]
    lanes: dict[str, LaneBox]
    cells: dict[tuple[str, str], CellBox]
    cards: dict[str, CardBox]
    milestones: dict[str, MilestoneBox]
    flows: dict[tuple[str, str], FlowRoute]
    stage_order: list[str]
    lane_order: list[str]
    measurer: TextMeasurer
    curve_band: Rect | None = None  # the one shared experience-curve band under the last lane

    def baseline(self, top: float, style: TextStyle) -> float:
        """The baseline of a line of ``style`` whose line box starts at ``top``."""
        return top + self.measurer.baseline(style)

    def stage_at(self, x: float) -> str | None:
        if not self.stage_order or x < self.style.lane_header_width:
            return None
        index = int((x - self.style.lane_header_width) // self.style.column_width)
        return self.stage_order[index] if index < len(self.stage_order) else None

    def lane_at(self, y: float) -> str | None:
        tops = [self.lanes[lane].row.y for lane in self.lane_order]
        index = bisect_right(tops, y) - 1
        if index < 0:
            return None
        lane = self.lane_order[index]
        return lane if y <= self.lanes[lane].row.bottom else None

    def cell_at(self, x: float, y: float) -> tuple[str, str] | None:
        stage, lane = self.stage_at(x), self.lane_at(y)
        return (stage, lane) if stage and lane else None

    def insertion_index(self, stage: str, lane: str, y: float, ignore: Collection[str] = ()) -> int:
        """Where cards dropped at height ``y`` go among the cell's other cards (before the first one below)."""
        cards = [c for c in self.cells[(stage, lane)].card_ids if c not in ignore]
        for index, card in enumerate(cards):
            if y < self.cards[card].rect.center[1]:
                return index
        return len(cards)


@dataclass(slots=True)
class _LanePart:
    """One lane's share of a layout, kept between runs with the key it was computed for."""

    lane: LaneBox
    cells: dict[tuple[str, str], CellBox] = field(default_factory=dict)
    cards: dict[str, CardBox] = field(default_factory=dict)
    milestones: dict[str, MilestoneBox] = field(default_factory=dict)
    key: list[object] = field(default_factory=list)


# A card's wrapped text, independent of where it sits: title lines, meta lines, height, meta offset
# from the top, text inset from the left.
_CardText = tuple[tuple[str, ...], tuple[str, ...], float, float, float]


def _same_key(old: list[object], new: list[object]) -> bool:
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))


class LayoutEngine:
    """Computes layouts for one measurer, caching wrapped text between runs."""

    def __init__(self, measurer: TextMeasurer, style: LayoutStyle | None = None) -> None:
        self.style = style or LayoutStyle()
        self.wrapper = CachedWrapper(measurer)
        # Keyed by the record's identity (hashing a frozen dataclass hashes every field, which cost more
        # than the lay-out itself); the record is kept in the value, so an id is never reused while cached.
        self._card_cache: dict[int, tuple[Touchpoint, _CardText]] = {}
        # The last layout of each lane, reused while nothing it depends on changed: an edit on a big
        # map then lays out one lane, not the whole map.
        self._lane_cache: dict[str, _LanePart] = {}
        # The five badge labels' half widths and baseline, measured once (a big map has thousands of badges).
        self._badge_label_metrics = {
            label: (measurer.width(label, self.style.card_meta) / 2, measurer.baseline(self.style.card_meta))
            for label in EMOTION_TEXT.values()
        }

    def wrap(self, text: str, width: float, style: TextStyle) -> tuple[str, ...]:
        # Wrapping measures every word (a word wider than a card, piece by piece): text far beyond
        # what any box shows (a 50 MB title) is cut first, so no layout, on canvas or poster, is
        # unbounded in time. The poster cuts sooner and says so (io/pdf/cut.py).
        if len(text) > MAX_WRAPPED_CHARS:
            text = text[: MAX_WRAPPED_CHARS - 1] + ELLIPSIS
        return self.wrapper.wrap(text, width, style)

    # -------------------------------------------------------------- pieces
    def card_height(self, card: Touchpoint) -> float:
        return self._card_text(card)[2]

    def card_metrics(self, card: Touchpoint) -> tuple[tuple[str, ...], tuple[str, ...], float, float]:
        """(title lines, meta lines, height, meta offset from the card's top), cached per record.

        Records are immutable, so a record seen before has the same text; the cache makes a
        relayout of a big map cost one dictionary look-up per unchanged card instead of four wraps.
        """
        title, meta, height, meta_offset, _inset = self._card_text(card)
        return title, meta, height, meta_offset

    def _card_text(self, card: Touchpoint) -> _CardText:
        """:meth:`card_metrics` and the text's inset from the card's left edge: the hottest call of a layout."""
        cached = self._card_cache.get(id(card))
        if cached is not None and cached[0] is card:
            return cached[1]
        s = self.style
        inset = self.text_inset(card)
        inner = s.card_width - inset - s.card_padding
        title = self.wrap(card.title, inner - s.badge_size - 4, self.title_style(card))
        meta_text = " · ".join(part for part in (card.channel, card.owner) if part.strip())
        meta = self.wrap(meta_text, inner, s.card_meta) if meta_text else ()
        title_bottom = s.card_padding + len(title) * s.card_title.line_height
        # Meta lines use the full width, so they start below the badge column when the title is short.
        meta_offset = max(title_bottom + 3, s.card_padding + s.badge_size + 2) if meta else title_bottom + 3
        height = (
            meta_offset + len(meta) * s.card_meta.line_height + s.card_padding
            if meta
            else title_bottom + s.card_padding
        )
        result = title, meta, max(height, s.badge_size + 2 * s.card_padding), meta_offset, inset
        if len(self._card_cache) > 400_000:
            self._card_cache.clear()
        self._card_cache[id(card)] = (card, result)
        return result

    def title_style(self, card: Touchpoint) -> TextStyle:
        """Thoughts are italic, the words of the persona rather than ours."""
        return self.style.thought_title if card.kind is Kind.THOUGHT else self.style.card_title

    def text_inset(self, card: Touchpoint) -> float:
        """How far right of a card's left edge its text starts: after the kind stripe, or a thought's quote mark."""
        s = self.style
        if card.kind is Kind.THOUGHT:
            return s.card_padding + s.quote_width + 2
        return s.kind_stripe + s.card_padding

    def milestone_lines(self, milestone: Milestone) -> tuple[str, ...]:
        s = self.style
        return self.wrap(milestone.title, s.card_width - s.milestone_size - s.milestone_gap, s.milestone_title)

    def milestone_height(self, milestone: Milestone) -> float:
        s = self.style
        lines = len(self.milestone_lines(milestone))
        return max(s.milestone_size, lines * s.milestone_title.line_height) + 2 * s.milestone_inset

    def stage_header(self, stage: Stage) -> tuple[tuple[str, ...], list[tuple[str, tuple[str, ...]]], bool, float]:
        s = self.style
        width = s.column_width - 2 * s.header_padding
        name = self.wrap(stage.name, width, s.stage_name)
        fields: list[tuple[str, tuple[str, ...]]] = []
        truncated = False
        for label, attribute in STAGE_FIELDS:
            value = " ".join(getattr(stage, attribute).split())
            if not value:
                continue
            lines = self.wrap(f"{label}: {value}", width, s.stage_field)
            if len(lines) > MAX_HEADER_FIELD_LINES:
                truncated = True
                last = lines[MAX_HEADER_FIELD_LINES - 1]
                lines = (*lines[: MAX_HEADER_FIELD_LINES - 1], _elide(last, width, s.stage_field, self))
            fields.append((label, lines))
        height = (
            2 * s.header_padding
            + len(name) * s.stage_name.line_height
            + sum(len(lines) for _, lines in fields) * s.stage_field.line_height
            + (s.header_gap if fields else 0)
        )
        return name, fields, truncated, height

    def lane_header(self, lane: Persona) -> tuple[tuple[str, ...], tuple[str, ...], float]:
        s = self.style
        width = s.lane_header_width - 2 * s.header_padding - s.lane_bar
        name = self.wrap(lane.name, width, s.lane_name)
        text = self.wrap(" ".join(lane.description.split()), width, s.lane_text) if lane.description.strip() else ()
        height = 2 * s.header_padding + len(name) * s.lane_name.line_height + len(text) * s.lane_text.line_height
        return name, text, height

    # -------------------------------------------------------------- the whole map
    def compute(self, journey: JourneyMap) -> MapLayout:
        with collector_paused():  # a big map's layout is a few hundred thousand objects, all kept
            return self._compute(journey)

    def _compute(self, journey: JourneyMap) -> MapLayout:
        s = self.style
        stage_ids, lane_ids = journey.stage_ids(), journey.lane_ids()
        column_x = {sid: s.lane_header_width + i * s.column_width for i, sid in enumerate(stage_ids)}

        headers = {sid: self.stage_header(journey.stage(sid)) for sid in stage_ids}
        header_height = max([h[3] for h in headers.values()] + [s.min_lane_height * 0.6])
        header_height += s.handoff_strip + s.ruler_strip  # the analysis overlay's strips, 0 when off

        band_milestones: dict[str, list[str]] = {sid: [] for sid in stage_ids}
        lane_milestones: dict[tuple[str, str], list[str]] = {}
        for mid in journey.milestone_ids():
            stage, lane = journey.milestone_place(mid)
            if lane is None:
                band_milestones[stage].append(mid)
            else:
                lane_milestones.setdefault((stage, lane), []).append(mid)
        band_content = [
            sum(self.milestone_height(journey.milestone(m)) for m in ms) for ms in band_milestones.values() if ms
        ]
        band_height = max(band_content) + 2 * s.cell_padding if band_content else 0.0
        band = Rect(0, header_height, s.lane_header_width + len(stage_ids) * s.column_width, band_height)

        cards: dict[str, CardBox] = {}
        milestones: dict[str, MilestoneBox] = {}
        cells: dict[tuple[str, str], CellBox] = {}
        lanes: dict[str, LaneBox] = {}
        y = header_height + band_height
        kept: dict[str, _LanePart] = {}
        for lane_index, lane_id in enumerate(lane_ids):
            lane_cells = [(sid, journey.cell_cards(sid, lane_id)) for sid in stage_ids]
            key = self._lane_key(journey, lane_id, lane_index, y, lane_cells, lane_milestones)
            part = self._lane_cache.get(lane_id)
            if part is None or not _same_key(part.key, key):
                part = self._lay_out_lane(journey, lane_id, lane_index, y, lane_cells, column_x, lane_milestones)
                part.key = key
            kept[lane_id] = part
            lanes[lane_id] = part.lane
            cells.update(part.cells)
            cards.update(part.cards)
            milestones.update(part.milestones)
            y += part.lane.row.height
        self._lane_cache = kept
        curve_band = None
        if s.shared_curve_band and lane_ids:
            curve_band = Rect(s.lane_header_width, y, len(stage_ids) * s.column_width, s.shared_curve_band)
            y += s.shared_curve_band

        height = max(y, header_height + band_height + s.min_lane_height if not lane_ids else y)
        stages: dict[str, StageBox] = {}
        for sid in stage_ids:
            name, fields, truncated, _ = headers[sid]
            field_top = s.header_padding + len(name) * s.stage_name.line_height + s.header_gap
            field_tops = []
            for _label, lines in fields:
                field_tops.append(field_top)
                field_top += len(lines) * s.stage_field.line_height
            stages[sid] = StageBox(
                sid,
                Rect(column_x[sid], 0, s.column_width, header_height),
                Rect(column_x[sid], 0, s.column_width, height),
                name,
                fields,
                truncated,
                column_x[sid] + s.header_padding,
                s.header_padding,
                tuple(field_tops),
            )
            top = header_height + s.cell_padding
            for mid in band_milestones[sid]:
                milestones[mid] = self._milestone_box(
                    mid, journey.milestone(mid), sid, None, column_x[sid] + s.cell_padding, top
                )
                top += milestones[mid].rect.height

        lane_of = {card: lane for (_, lane), cell in cells.items() for card in cell.card_ids}
        flows = {}
        for index, (a, b) in enumerate(journey.flows()):
            corridor = flow_corridor(card_area(lanes[lane_of[a]]), s, index)
            flows[(a, b)] = flow_route(a, b, route_flow(cards[a].rect, cards[b].rect, s, corridor), s)
        separate_shared_gutters(flows, s)
        label_flows(flows, {key: journey.flow(*key).label for key in flows}, self.wrapper.measurer, s)
        width = s.lane_header_width + len(stage_ids) * s.column_width
        return MapLayout(
            s,
            width,
            height,
            header_height,
            band,
            stages,
            lanes,
            cells,
            cards,
            milestones,
            flows,
            stage_ids,
            lane_ids,
            self.wrapper.measurer,
            curve_band,
        )

    def _lane_key(
        self,
        journey: JourneyMap,
        lane_id: str,
        lane_index: int,
        y: float,
        lane_cells: list[tuple[str, list[tuple[str, Touchpoint]]]],
        lane_milestones: dict[tuple[str, str], list[str]],
    ) -> list[object]:
        """Everything one lane's geometry depends on, compared by identity (records are immutable)."""
        key: list[object] = [self.style, journey.lane(lane_id), lane_index, y]
        for stage_id, cards in lane_cells:
            key.append(stage_id)
            for card in cards:
                key += card
            for milestone_id in lane_milestones.get((stage_id, lane_id), ()):
                key += (milestone_id, journey.milestone(milestone_id))
            key.append(None)  # ends the cell, so a card moving to the next cell changes the key
        return key

    def _lay_out_lane(
        self,
        journey: JourneyMap,
        lane_id: str,
        lane_index: int,
        y: float,
        lane_cells: list[tuple[str, list[tuple[str, Touchpoint]]]],
        column_x: dict[str, float],
        lane_milestones: dict[tuple[str, str], list[str]],
    ) -> _LanePart:
        """One lane row: its height is its fullest cell's; cards stack from the top of each cell."""
        s = self.style
        name, text, lane_header_height = self.lane_header(journey.lane(lane_id))
        row_height = max(s.min_lane_height, lane_header_height)
        card_text, card_gap = self._card_text, s.card_gap
        for sid, cards in lane_cells:
            content = s.cell_padding * 2
            for _card_id, card in cards:
                content += card_text(card)[2] + card_gap
            for mid in lane_milestones.get((sid, lane_id), ()):
                content += self.milestone_height(journey.milestone(mid))
            row_height = max(row_height, content + card_gap)
        row_height += s.curve_band
        width = len(lane_cells) * s.column_width
        curve = Rect(s.lane_header_width, y + row_height - s.curve_band, width, s.curve_band) if s.curve_band else None
        part = _LanePart(
            LaneBox(
                lane_id,
                Rect(0, y, s.lane_header_width, row_height),
                Rect(0, y, s.lane_header_width + width, row_height),
                name,
                text,
                lane_index,
                Rect(0, y, s.lane_bar, row_height),
                s.lane_bar + s.header_padding,
                y + s.header_padding,
                y + s.header_padding + len(name) * s.lane_name.line_height,
                curve,
            )
        )
        card_box, boxes = self._card_box, part.cards
        for sid, cards in lane_cells:
            x = column_x[sid]
            cell = CellBox(sid, lane_id, Rect(x, y, s.column_width, row_height), [card_id for card_id, _ in cards])
            part.cells[(sid, lane_id)] = cell
            top = y + s.cell_padding
            x += s.cell_padding
            for card_id, card in cards:
                box = boxes[card_id] = card_box(card_id, card, x, top)
                top += box.rect.height + card_gap
            for mid in lane_milestones.get((sid, lane_id), ()):
                milestone = part.milestones[mid] = self._milestone_box(
                    mid, journey.milestone(mid), sid, lane_id, x, top
                )
                top += milestone.rect.height
        return part

    def _card_box(self, card_id: str, card: Touchpoint, x: float, y: float) -> CardBox:
        s = self.style
        title, meta, height, meta_offset, inset = self._card_text(card)
        rect = Rect(x, y, s.card_width, height)
        box = CardBox(card_id, rect, title, meta, y + s.card_padding, y + meta_offset, None, x + inset)
        if card.emotion is not None:
            box.badge = badge = Rect(
                rect.right - s.card_padding - s.badge_size, y + s.card_padding, s.badge_size, s.badge_size
            )
            box.badge_text = label = EMOTION_TEXT[card.emotion]
            # Centred on the disc: half the label's width left of the centre, the line box centred on it.
            half_width, baseline = self._badge_label_metrics[label]
            cx, cy = badge.center
            box.badge_origin = (cx - half_width, cy - s.card_meta.line_height / 2 + baseline)
        if card.kind is Kind.THOUGHT:
            # The quotation mark's glyph sits high in its line box: lift the box so the mark's top
            # lines up with the title's first line.
            q = s.quote_mark
            box.quote = Rect(x + s.card_padding - 1, y + s.card_padding - 0.3 * q.size, s.quote_width, q.line_height)
            base = rect.bottom
            box.tail = (
                (x + 2.2 * s.quote_width, base),
                (x + 3.2 * s.quote_width, base),
                (x + 1.4 * s.quote_width, base + s.thought_tail),
            )
        return box

    def _milestone_box(
        self, mid: str, milestone: Milestone, stage: str, lane: str | None, x: float, y: float
    ) -> MilestoneBox:
        s = self.style
        height = self.milestone_height(milestone)
        diamond = Rect(x, y + s.milestone_inset, s.milestone_size, s.milestone_size)
        return MilestoneBox(
            mid,
            Rect(x, y, s.card_width, height),
            diamond,
            self.milestone_lines(milestone),
            stage,
            lane,
            diamond.right + s.milestone_gap,
            y + s.milestone_inset,
        )


def route_flow(
    source: Rect, target: Rect, style: LayoutStyle, corridor_y: float | None = None
) -> list[tuple[float, float]]:
    """An orthogonal path from one card to another, turning in the gutters between cards.

    Flows leave from the source's right edge. Into the next column, a flow turns in the gutter
    between the two and enters the target's left edge; within one column it goes round the
    right-hand side. Farther forward, or backward, it would cross the cards of the columns between,
    so it drops to ``corridor_y`` (a height that is free of cards in every cell of the source's lane:
    the layout keeps a band under the last card of each row) and travels along it. The kinds turn
    at different depths of the gutter, so arrows sharing a gutter stay apart and each can be clicked.
    """
    sx, sy = source.right, source.center[1]
    gutter = style.cell_padding
    column_gap = 2 * gutter + 1
    if target.x > source.right:
        tx, ty = target.x, target.center[1]
        entry = target.x - gutter * 0.65
        if target.x - source.right <= column_gap or corridor_y is None:
            if abs(ty - sy) < 0.5:
                return [(sx, sy), (tx, ty)]
            return [(sx, sy), (entry, sy), (entry, ty), (tx, ty)]
        exit_x = source.right + gutter * 0.4
        return [(sx, sy), (exit_x, sy), (exit_x, corridor_y), (entry, corridor_y), (entry, ty), (tx, ty)]
    tx, ty = target.right, target.center[1]
    if abs(target.x - source.x) < 0.5 or corridor_y is None:
        turn = max(source.right, target.right) + gutter * 0.4
        return [(sx, sy), (turn, sy), (turn, ty), (tx, ty)]
    exit_x = source.right + gutter * 0.4
    entry = target.right + gutter * 0.4
    return [(sx, sy), (exit_x, sy), (exit_x, corridor_y), (entry, corridor_y), (entry, ty), (tx, ty)]


def card_area(lane: LaneBox) -> Rect:
    """A lane's row without its curve band: where cards and arrows go."""
    row = lane.row
    return row if lane.curve is None else Rect(row.x, row.y, row.width, row.height - lane.curve.height)


def flow_corridor(row: Rect, style: LayoutStyle, index: int = 0) -> float:
    """A height in a lane row below every cell's last card; ``index`` fans flows a few units apart."""
    free = style.cell_padding + 2 * style.card_gap
    return row.bottom - free / 2 + (index % 5 - 2) * free / 8


def compute_layout(journey: JourneyMap, measurer: TextMeasurer, style: LayoutStyle | None = None) -> MapLayout:
    """One-off layout; long-lived views keep a :class:`LayoutEngine` for its text cache."""
    return LayoutEngine(measurer, style).compute(journey)


def _elide(line: str, width: float, style: TextStyle, engine: LayoutEngine) -> str:
    measurer = engine.wrapper.measurer
    text = line
    while text and measurer.width(text + ELLIPSIS, style) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
