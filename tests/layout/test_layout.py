"""The shared layout: cells grow to fit, nothing overlaps, long words wrap, hit tests agree."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.layout import LayoutEngine, LayoutStyle, Rect, TextStyle, compute_layout, wrap_text
from journeymap.model import JourneyMap, Milestone, Touchpoint
from tests.factories import small_map


class MonoMeasurer:
    """Every character is 0.6 em wide: enough to test wrapping rules without a font engine."""

    def width(self, text: str, style: TextStyle) -> float:
        return len(text) * style.size * 0.6

    def baseline(self, style: TextStyle) -> float:
        return style.size


MEASURE = MonoMeasurer()


def test_wrap_breaks_at_spaces_and_inside_words_too_long_for_a_line() -> None:
    style = TextStyle(10)
    lines = wrap_text("Kickoff call with https://example.com/a/very/long/path/to/a/page", 60, style, MEASURE)
    assert all(MEASURE.width(line, style) <= 60 for line in lines)
    assert "".join(lines).replace(" ", "") == "Kickoffcallwithhttps://example.com/a/very/long/path/to/a/page"
    assert wrap_text("one\ntwo", 500, style, MEASURE) == ["one", "two"]


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=0, max_size=200), st.floats(min_value=8, max_value=300))
def test_wrapped_lines_always_fit_unless_one_character_is_wider(text: str, width: float) -> None:
    style = TextStyle(10)
    for line in wrap_text(text, width, style, MEASURE):
        assert MEASURE.width(line, style) <= width or len(line) == 1


def _no_overlaps(rects: list[Rect]) -> None:
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b), (a, b)


def test_cards_sit_inside_their_cells_without_overlapping() -> None:
    journey = small_map()
    land, _ = journey.stage_ids()
    smb, _ = journey.lane_ids()
    journey.add_card(land, smb, Touchpoint("A much longer touchpoint title that needs several lines to show in full"))
    layout = compute_layout(journey, MEASURE)
    for cell in layout.cells.values():
        for card in cell.card_ids:
            box = layout.cards[card].rect
            assert cell.rect.x <= box.x and box.right <= cell.rect.right
            assert cell.rect.y <= box.y and box.bottom <= cell.rect.bottom
        _no_overlaps([layout.cards[c].rect for c in cell.card_ids])
    _no_overlaps([layout.cards[c].rect for c in journey.card_ids()] + [m.rect for m in layout.milestones.values()])


def test_a_lane_grows_to_fit_its_fullest_cell() -> None:
    journey = small_map()
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    before = compute_layout(journey, MEASURE).lanes[smb].row.height
    for i in range(6):
        journey.add_card(adopt, smb, f"Card {i}")
    layout = compute_layout(journey, MEASURE)
    assert layout.lanes[smb].row.height > before
    assert layout.cells[(land, smb)].rect.height == layout.cells[(adopt, smb)].rect.height
    assert layout.lanes[ent].row.y == layout.lanes[smb].row.bottom


def test_card_height_holds_every_wrapped_line() -> None:
    journey = JourneyMap()
    stage, lane = journey.add_stage("S"), journey.add_lane("L")
    card = journey.add_card(stage, lane, Touchpoint("word " * 40, channel="Email", owner="CSM"))
    layout = compute_layout(journey, MEASURE)
    box = layout.cards[card]
    style = layout.style
    last_line_bottom = box.meta_top + len(box.meta_lines) * style.card_meta.line_height
    assert len(box.title_lines) > 3
    assert last_line_bottom <= box.rect.bottom


def test_all_lane_milestones_get_a_band_under_the_headers() -> None:
    journey = small_map()
    layout = compute_layout(journey, MEASURE)
    across = journey.milestone_ids()[0]
    assert layout.band.height > 0
    assert layout.band.y <= layout.milestones[across].rect.y < layout.band.bottom
    journey.remove_milestone(across)
    assert compute_layout(journey, MEASURE).band.height == 0


def test_hit_tests_find_cells_and_drop_positions() -> None:
    journey = small_map()
    layout = compute_layout(journey, MEASURE)
    land, adopt = journey.stage_ids()
    smb, _ = journey.lane_ids()
    cell = layout.cells[(adopt, smb)].rect
    assert layout.cell_at(*cell.center) == (adopt, smb)
    assert layout.cell_at(5, cell.center[1]) is None, "the lane header is not a cell"
    first, second = journey.cards_in(land, smb)
    top_of_first = layout.cards[first].rect.y
    assert layout.insertion_index(land, smb, top_of_first - 1) == 0
    assert layout.insertion_index(land, smb, layout.cards[second].rect.bottom + 1) == 2
    assert layout.insertion_index(land, smb, layout.cards[second].rect.bottom + 1, ignore={first}) == 1


def test_flow_routes_start_and_end_on_their_cards() -> None:
    journey = small_map()
    layout = compute_layout(journey, MEASURE)
    for (source, target), route in layout.flows.items():
        start, end = route.points[0], route.points[-1]
        assert start[0] == layout.cards[source].rect.right
        assert end[0] in (layout.cards[target].rect.x, layout.cards[target].rect.right)
        for (x1, y1), (x2, y2) in itertools.pairwise(route.points):
            assert x1 == x2 or y1 == y2, "routes are orthogonal"


def test_long_stage_fields_are_elided_visibly_not_clipped() -> None:
    journey = JourneyMap()
    stage = journey.add_stage("Adoption")
    journey.update_stage(stage, goal="grow usage " * 60)
    layout = LayoutEngine(MEASURE).compute(journey)
    box = layout.stages[stage]
    goal_lines = dict(box.field_lines)["Goal"]
    assert box.truncated and goal_lines[-1].endswith("…")


def test_scaled_style_makes_everything_bigger() -> None:
    journey = small_map()
    journey.add_milestone(journey.stage_ids()[0], Milestone("Kickoff held"))
    normal = compute_layout(journey, MEASURE)
    large = compute_layout(journey, MEASURE, LayoutStyle().scaled(1.5))
    assert large.width == normal.width * 1.5
    assert large.height > normal.height
