"""Which part of the map goes on which slide, and at what scale.

A slide is 16:9 (960 x 540 pt). The smallest text on a map slide must stay readable when projected,
so the scale never drops below ``MIN_FONT_PT`` divided by the layout's smallest text size; from that
follows how many stage columns fit across one slide. A map wider than that is split into stage groups
(balanced, so the last slide is not a lone column); a group taller than a slide is split into vertical
parts, and a card never is cut: it moves whole to the next part. Every slide repeats its stages' headers and the lane
names, so each one reads on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeymap.layout import LayoutStyle, MapLayout, TextStyle

SLIDE_WIDTH = 960.0  # points: 13.333 in x 7.5 in, PowerPoint's 16:9
SLIDE_HEIGHT = 540.0
MARGIN = 18.0
TITLE_HEIGHT = 30.0  # the slide's own title line above the map
MIN_FONT_PT = 8.0  # the smallest text a map slide may show
MAX_SCALE = 1.25  # a small map is enlarged at most this much
DECK_STYLE = LayoutStyle(  # the poster's sizes with a narrower lane column and 9 pt small print
    lane_header_width=130,
    card_meta=TextStyle(9),
    stage_field=TextStyle(9),
    lane_text=TextStyle(9),
)


@dataclass(frozen=True)
class MapPage:
    """One map slide: its stages, the band of layout heights it shows, and its scale."""

    stages: tuple[str, ...]
    top: float  # layout y of the content shown (below the stage headers), inclusive
    bottom: float  # exclusive
    scale: float
    group: int  # 1-based stage group, of ``groups``
    groups: int
    part: int  # 1-based vertical part of this group, of ``parts``
    parts: int
    after: float = -math.inf  # the previous part's cut: items ending above it were shown there

    def holds(self, top: float, bottom: float) -> bool:
        """Whether an item spanning these layout heights is drawn on this page (each on exactly one)."""
        return self.top - 1e-6 <= top and bottom <= self.bottom + 1e-6 and bottom > self.after + 1e-6


@dataclass(frozen=True)
class Frame:
    """Turns layout coordinates of one page into slide points."""

    layout: MapLayout
    page: MapPage

    @property
    def scale(self) -> float:
        return self.page.scale

    @property
    def content_top(self) -> float:
        """Slide y where the content window starts (under the stage headers)."""
        return MARGIN + TITLE_HEIGHT + self.layout.header_height * self.scale

    @property
    def left(self) -> float:
        """Slide x of the lane header column: the map is centred when it is narrower than the slide."""
        style = self.layout.style
        width = (style.lane_header_width + len(self.page.stages) * style.column_width) * self.scale
        return MARGIN + max(0.0, (SLIDE_WIDTH - 2 * MARGIN - width) / 2)

    def x(self, layout_x: float) -> float:
        """A stage column's x: the page's first column sits right after the lane header column."""
        style = self.layout.style
        first = self.layout.stages[self.page.stages[0]].column.x if self.page.stages else style.lane_header_width
        return self.left + (layout_x - first + style.lane_header_width) * self.scale

    def lane_x(self, layout_x: float) -> float:
        return self.left + layout_x * self.scale

    def header_y(self, layout_y: float) -> float:
        return MARGIN + TITLE_HEIGHT + layout_y * self.scale

    def y(self, layout_y: float) -> float:
        return self.content_top + (layout_y - self.page.top) * self.scale

    @property
    def right(self) -> float:
        """Slide x of the right edge of the page's last column."""
        style = self.layout.style
        return self.left + (style.lane_header_width + len(self.page.stages) * style.column_width) * self.scale

    @property
    def bottom(self) -> float:
        return self.y(self.page.bottom)


def smallest_text(style: LayoutStyle) -> float:
    return min(value.size for value in vars(style).values() if isinstance(value, TextStyle))


def min_scale(style: LayoutStyle) -> float:
    return MIN_FONT_PT / smallest_text(style)


def stages_per_slide(style: LayoutStyle) -> int:
    """How many stage columns fit across a slide at the smallest readable scale."""
    width = (SLIDE_WIDTH - 2 * MARGIN) / min_scale(style) - style.lane_header_width
    return max(1, int(width // style.column_width))


def stage_groups(stage_ids: list[str], per_slide: int) -> list[tuple[str, ...]]:
    """Consecutive stages in balanced groups of at most ``per_slide``."""
    if not stage_ids:
        return [()]
    count = math.ceil(len(stage_ids) / per_slide)
    base, extra = divmod(len(stage_ids), count)
    groups, start = [], 0
    for index in range(count):
        size = base + (1 if index < extra else 0)
        groups.append(tuple(stage_ids[start : start + size]))
        start += size
    return groups


def plan_pages(layout: MapLayout) -> list[MapPage]:
    """The map slides, group by group and top to bottom."""
    style = layout.style
    groups = stage_groups(layout.stage_order, stages_per_slide(style))
    available_width = SLIDE_WIDTH - 2 * MARGIN
    available_height = SLIDE_HEIGHT - 2 * MARGIN - TITLE_HEIGHT
    floor = min_scale(style)
    pages: list[MapPage] = []
    for number, group in enumerate(groups, 1):
        content_width = style.lane_header_width + len(group) * style.column_width
        fit_width = available_width / content_width
        scale = min(MAX_SCALE, fit_width, available_height / max(layout.height, 1.0))
        if scale >= floor:
            windows = [(layout.header_height, layout.height, -math.inf)]
        else:
            scale = max(floor, min(MAX_SCALE, fit_width)) if fit_width >= floor else fit_width
            window = available_height / scale - layout.header_height
            blocks = _blocks(layout, group)
            windows = split_heights(blocks, layout.header_height, layout.height, window)
            # Parts that hold nothing (the empty rest of lanes made tall by other columns) are left out.
            windows = windows[:1] + [w for w in windows[1:] if any(_held(w, block) for block in blocks)]
        for part, (top, bottom, after) in enumerate(windows, 1):
            # A part holding one item taller than a slide (a very long card) is shrunk to fit.
            fitted = min(scale, available_height / (layout.header_height + bottom - top))
            pages.append(MapPage(group, top, bottom, fitted, number, len(groups), part, len(windows), after))
    return pages


def _held(window: tuple[float, float, float], block: tuple[float, float]) -> bool:
    top, bottom, after = window
    return top - 1e-6 <= block[0] and block[1] <= bottom + 1e-6 and block[1] > after + 1e-6


def _blocks(layout: MapLayout, group: tuple[str, ...]) -> list[tuple[float, float]]:
    """Heights that must not be cut: cards (with a thought's tail) and milestones in the group's columns."""
    tail = layout.style.thought_tail
    blocks = []
    for stage in group:
        for lane in layout.lane_order:
            for card_id in layout.cells[(stage, lane)].card_ids:
                card = layout.cards[card_id]
                blocks.append((card.rect.y, card.rect.bottom + (tail if card.tail else 0.0)))
    for milestone in layout.milestones.values():
        if milestone.stage in group:
            blocks.append((milestone.rect.y, milestone.rect.bottom))
    return blocks


def split_heights(
    blocks: list[tuple[float, float]], top: float, bottom: float, window: float
) -> list[tuple[float, float, float]]:
    """Cut [top, bottom) into windows of at most ``window``: (top, bottom, after) per window.

    Cards in different columns overlap in height, so a cut that crosses no card often does not
    exist. A cut is chosen to cross few cards and keep the window full; a card it crosses moves
    whole to the next window, which therefore starts at that card's top. A block belongs to the
    first window that holds it whole: ``after`` is the previous cut, and a block ending at or above
    it was already shown. A block taller than a window gets a window as tall as it.
    """
    blocks = sorted(blocks)
    windows: list[tuple[float, float, float]] = []
    y, after = top, -math.inf
    while bottom - y > 1e-6:
        limit = y + max(window, 1.0)
        if limit >= bottom:
            windows.append((y, bottom, after))
            break
        candidates = {limit}
        for start, end in blocks:
            if start > limit:
                break
            candidates.update(value for value in (start, end) if y < value <= limit)
        best: tuple[float, float, float] | None = None  # (score, cut, next top)
        for cut in candidates:
            crossed = [start for start, end in blocks if start < cut < end]
            if any(start <= y + 1e-6 for start in crossed):
                continue  # the next window would start where this one did
            # Each card moved to the next window costs a quarter of a window of space.
            score = len(crossed) * window / 4 - (cut - y)
            if best is None or score < best[0]:
                best = (score, cut, min([cut, *crossed]))
        if best is None:
            cut = max(end for start, end in blocks if start <= y + 1e-6 and end > y)
            crossed = [start for start, end in blocks if start < cut < end]
            best = (0.0, cut, min([cut, *crossed]))
        _, cut, following = best
        windows.append((y, cut, after))
        y, after = following, cut
    return windows or [(top, bottom, -math.inf)]
