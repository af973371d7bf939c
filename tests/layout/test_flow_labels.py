"""Arrow labels and separate routes (issue 11, addition 3): computed once in layout/, drawn by canvas and poster."""

from __future__ import annotations

from journeymap.io.templates import load_sample
from journeymap.layout import compute_layout, default_measurer
from journeymap.model import ItemRef, JourneyMap, Touchpoint


def _vertical_runs(layout) -> list[tuple[float, float, float, tuple[str, str]]]:
    runs = []
    for key, route in layout.flows.items():
        points = route.points
        for (ax, ay), (bx, by) in zip(points[1:-2], points[2:-1], strict=True):
            if abs(ax - bx) < 1e-6 and abs(ay - by) > 1e-6:
                runs.append((ax, min(ay, by), max(ay, by), key))
    return runs


def _fan_in() -> JourneyMap:
    """Three cards in one cell all pointing at three cards in the next column: one shared gutter."""
    journey = JourneyMap()
    first, second = journey.add_stage("A"), journey.add_stage("B")
    lane = journey.add_lane("Buyer")
    sources = [journey.add_card(first, lane, Touchpoint(f"S{n}")) for n in range(3)]
    targets = [journey.add_card(second, lane, Touchpoint(f"T{n}")) for n in range(3)]
    for source, target in zip(sources, reversed(targets), strict=True):
        journey.add_flow(source, target)
    return journey


def test_arrows_sharing_a_gutter_get_their_own_lanes() -> None:
    for journey in (_fan_in(), load_sample()):
        runs = _vertical_runs(compute_layout(journey, default_measurer()))
        for i, (x, top, bottom, key) in enumerate(runs):
            for other_x, other_top, other_bottom, other_key in runs[i + 1 :]:
                overlapping = top < other_bottom and other_top < bottom
                if other_key != key and overlapping:
                    assert abs(x - other_x) >= 2, (key, other_key)


def test_a_label_sits_on_its_arrow_elided_to_a_card_width() -> None:
    journey = load_sample()
    a, b = journey.flows()[0]
    journey.update(ItemRef.flow(a, b), label="hands over the signed contract " * 4)
    layout = compute_layout(journey, default_measurer())
    tag = layout.flows[(a, b)].label
    assert tag is not None and tag.text.endswith("…")
    assert tag.width <= layout.style.card_width
    # Just above one of the route's horizontal runs, centred on it.
    route = layout.flows[(a, b)].points
    centre_x = tag.x + tag.width / 2
    assert any(
        abs(ay - by) < 1e-6 and min(ax, bx) <= centre_x <= max(ax, bx) and 0 <= ay - (tag.y + tag.height) <= 3
        for (ax, ay), (bx, by) in zip(route, route[1:], strict=False)
    )
    assert all(route.label is None for key, route in layout.flows.items() if key != (a, b))


def test_tags_of_arrows_leaving_one_card_do_not_cover_each_other() -> None:
    journey = _fan_in()
    source = journey.flows()[0][0]
    target_stage = journey.stage_ids()[1]
    lane = journey.lane_ids()[0]
    for n, other in enumerate(journey.cards_in(target_stage, lane)):
        if not journey.has_flow(source, other):
            journey.add_flow(source, other)
        journey.update(ItemRef.flow(source, other), label=f"path {n}")
    layout = compute_layout(journey, default_measurer())
    tags = [route.label for route in layout.flows.values() if route.label is not None]
    assert len(tags) == 3
    for i, a in enumerate(tags):
        for b in tags[i + 1 :]:
            assert not (a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height)
