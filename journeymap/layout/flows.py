"""Arrows: their shapes, lanes of their own where arrows share a gutter, and their labels.

The separation and the labels run after every arrow is routed (``route_flow``), for canvas and
poster alike: several arrows turning in one gutter at one depth overprinted each other, so each
vertical run of a shared gutter moves to its own depth; then a labelled arrow carries its words
in a small tag on its longest horizontal run (the words are elided to a card's width so a tag never covers a column).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from journeymap.layout.style import LayoutStyle, TextStyle
from journeymap.layout.text import TextMeasurer

ELLIPSIS = "…"

FLOW_LABEL = TextStyle(8)
LABEL_PAD = 3.0  # around the words inside the tag


@dataclass(frozen=True, slots=True)
class FlowLabel:
    """An arrow's label: the tag's box and the one line of words, drawn from ``text_x``/``text_top``."""

    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_top: float
    style: TextStyle


@dataclass(slots=True)
class FlowRoute:
    """An arrow: its route, the line to stroke (it stops inside the head) and the head to fill."""

    source: str
    target: str
    points: list[tuple[float, float]]
    line: list[tuple[float, float]] = field(default_factory=list)
    head: tuple[tuple[float, float], ...] = ()
    label: FlowLabel | None = None  # the arrow's words, when it has any (place_label)


def flow_route(source: str, target: str, points: list[tuple[float, float]], style: LayoutStyle) -> FlowRoute:
    """The arrow along ``points``: the canvas (also while a card is dragged) and the poster draw this."""
    line, head = arrow_shape(points, style)
    return FlowRoute(source, target, points, line, head)


def arrow_shape(
    points: list[tuple[float, float]], style: LayoutStyle
) -> tuple[list[tuple[float, float]], tuple[tuple[float, float], ...]]:
    """The polyline, ending inside the arrowhead so its tip stays sharp, and the head's three corners."""
    if len(points) < 2:
        return list(points), ()
    (ax, ay), (bx, by) = points[-2], points[-1]
    length = max(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5, 1e-6)
    ux, uy = (bx - ax) / length, (by - ay) / length
    head, half = style.arrow_head, style.arrow_half_width
    line = [*points[:-1], (bx - ux * head * 0.8, by - uy * head * 0.8)]
    base_x, base_y = bx - ux * head, by - uy * head
    return line, ((bx, by), (base_x - uy * half, base_y + ux * half), (base_x + uy * half, base_y - ux * half))


def label_style(style: LayoutStyle) -> TextStyle:
    """The label's type, scaled with the rest in workshop mode (card meta size, the arrow's scale)."""
    return TextStyle(round(style.card_meta.size * FLOW_LABEL.size / 8.5, 2))


def separate_shared_gutters(flows: dict[tuple[str, str], FlowRoute], style: LayoutStyle) -> None:
    """Give each vertical run that shares an x with other arrows its own x, a few units apart.

    Only inner runs move (never the first or last point, which sit on card edges), so arrows
    still leave and enter their cards where they did; the spread stays within the gutter.
    """
    runs: dict[int, list[tuple[tuple[str, str], int]]] = defaultdict(list)
    for key, route in flows.items():
        points = route.points
        for i in range(1, len(points) - 2):
            (ax, ay), (bx, by) = points[i], points[i + 1]
            if abs(ax - bx) < 1e-6 and abs(ay - by) > 1e-6:
                runs[round(ax * 2)].append((key, i))
    spacing = min(style.cell_padding * 0.6, 5.0)
    moved: set[tuple[str, str]] = set()
    for shared in runs.values():
        if len(shared) < 2:
            continue
        shared.sort(key=lambda run: (flows[run[0]].points[run[1]][1], run[0]))
        count = len(shared)
        step = min(spacing, style.cell_padding * 0.9 / (count - 1))
        for order, (key, i) in enumerate(shared):
            offset = (order - (count - 1) / 2) * step
            points = flows[key].points
            x = points[i][0] + offset
            points[i] = (x, points[i][1])
            points[i + 1] = (x, points[i + 1][1])
            moved.add(key)
    for key in moved:
        route = flows[key]
        route.line, route.head = arrow_shape(route.points, style)


def place_label(route: FlowRoute, text: str, measurer: TextMeasurer, style: LayoutStyle) -> FlowLabel | None:
    """The tag for ``text`` centred on the route's longest horizontal run, sitting just above it."""
    words = " ".join(text.split())
    if not words or len(route.points) < 2:
        return None
    text_style = label_style(style)
    limit = style.card_width - 2 * LABEL_PAD
    if measurer.width(words, text_style) > limit:
        while words and measurer.width(words + ELLIPSIS, text_style) > limit:
            words = words[:-1]
        words = words.rstrip() + ELLIPSIS
    best = max(
        zip(route.points, route.points[1:], strict=False),
        key=lambda seg: abs(seg[1][0] - seg[0][0]) if abs(seg[1][1] - seg[0][1]) < 1e-6 else -1.0,
    )
    (ax, ay), (bx, _by) = best
    width = measurer.width(words, text_style) + 2 * LABEL_PAD
    height = text_style.line_height + LABEL_PAD
    centre = (ax + bx) / 2
    x, y = centre - width / 2, ay - height - 1.5
    return FlowLabel(x, y, width, height, words, x + LABEL_PAD, y + LABEL_PAD / 2, text_style)


def label_flows(
    flows: dict[tuple[str, str], FlowRoute],
    labels: dict[tuple[str, str], str],
    measurer: TextMeasurer,
    style: LayoutStyle,
) -> None:
    """Set each labelled route's tag (routes without words keep none); tags never cover each other.

    Arrows leaving one card share their first run, so their tags would land on one spot: each
    later tag moves up a tag's height until it is clear of those placed before it.
    """
    placed: list[FlowLabel] = []
    for key, route in flows.items():
        text = labels.get(key, "")
        tag = place_label(route, text, measurer, style) if text else None
        while tag is not None and any(_overlap(tag, other) for other in placed):
            lift = tag.height + 1
            tag = replace(tag, y=tag.y - lift, text_top=tag.text_top - lift)
        route.label = tag
        if tag is not None:
            placed.append(tag)


def _overlap(a: FlowLabel, b: FlowLabel) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height
