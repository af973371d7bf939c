"""Timeline mode's geometry: widths follow durations, unreadable stages keep the normal width, a ruler."""

from __future__ import annotations

import pytest

from journeymap.layout import LayoutEngine, LayoutStyle
from journeymap.layout.curve import with_overlay
from journeymap.layout.timeline_layout import MAX_COLUMNS, TimelineEngine, TimelineLayout
from journeymap.model import JourneyMap, Stage, Touchpoint


class WidthPerCharacter:
    def width(self, text: str, style: object) -> float:
        return 6.0 * len(text)

    def baseline(self, style: object) -> float:
        return 9.0


def _journey(*timelines: str) -> JourneyMap:
    journey = JourneyMap("Time")
    lane = journey.add_lane("SMB")
    previous = None
    for index, text in enumerate(timelines):
        stage = journey.add_stage(Stage(f"S{index}", timeline=text))
        card = journey.add_card(stage, lane, Touchpoint(f"card {index}", emotion=1))
        if previous:
            journey.add_flow(previous, card)
        previous = card
    return journey


def _layout(journey: JourneyMap) -> TimelineLayout:
    style = with_overlay(LayoutStyle(), timeline=True)
    return TimelineEngine(WidthPerCharacter(), style).compute(journey)


def test_widths_follow_durations_and_unreadable_stages_keep_the_normal_width() -> None:
    journey = _journey("1 week", "2 weeks", "Ongoing", "4 weeks")
    layout = _layout(journey)
    base = layout.style.column_width
    a, b, c, d = (layout.stages[s].column for s in journey.stage_ids())
    assert a.width == pytest.approx(base)  # the shortest readable stage is one normal column
    assert b.width == pytest.approx(2 * base) and d.width == pytest.approx(4 * base)
    assert c.width == pytest.approx(base)
    assert [r.parsed for r in layout.ruler.stages] == [True, True, False, True]
    assert layout.ruler.stages[2].text == "“Ongoing” is no duration: normal width"
    assert layout.ruler.stages[1].text == "14 days, ends after 21 days"
    assert layout.width == pytest.approx(layout.style.lane_header_width + 8 * base)
    for left, right in ((a, b), (b, c), (c, d)):  # columns touch, in order
        assert right.x == pytest.approx(left.right)


def test_cards_stay_in_their_columns_and_arrows_are_routed_between_the_moved_cards() -> None:
    journey = _journey("1 week", "6 weeks", "1 week")
    layout = _layout(journey)
    for card in journey.card_ids():
        stage, _lane = journey.cell_of(card)
        column = layout.stages[stage].column
        assert column.x <= layout.cards[card].rect.x and layout.cards[card].rect.right <= column.right
        assert layout.stage_at(layout.cards[card].rect.center[0]) == stage
    for (a, b), route in layout.flows.items():
        assert route.points[0] == (layout.cards[a].rect.right, layout.cards[a].rect.center[1])
        assert route.points[-1] == (layout.cards[b].rect.x, layout.cards[b].rect.center[1])
    assert layout.stage_at(layout.style.lane_header_width - 1) is None
    assert layout.stage_at(layout.width + 5) is None


def test_ruler_ticks_count_weeks_from_the_start_at_their_place_in_time() -> None:
    journey = _journey("2 weeks", "4 weeks")
    layout = _layout(journey)
    ruler = layout.ruler
    assert ruler.unit == "weeks"
    labels = [label for _, label in ruler.ticks]
    assert labels == [f"{n} wk" for n in range(7)]
    first, second = (layout.stages[s].column for s in journey.stage_ids())
    x = dict((label, x) for x, label in ruler.ticks)
    assert x["0 wk"] == pytest.approx(first.x) and x["2 wk"] == pytest.approx(second.x)
    assert x["4 wk"] == pytest.approx(second.x + second.width / 2) and x["6 wk"] == pytest.approx(second.right)
    top = layout.header_height - layout.style.ruler_strip
    assert ruler.rect.y == pytest.approx(top) and ruler.rect.bottom == pytest.approx(layout.header_height)


def test_very_long_stages_are_capped_and_no_durations_means_normal_columns() -> None:
    layout = _layout(_journey("1 day", "1 year"))
    base = layout.style.column_width
    assert max(box.column.width for box in layout.stages.values()) == pytest.approx(MAX_COLUMNS * base)
    plain = _layout(_journey("", "Q3"))
    normal = LayoutEngine(WidthPerCharacter(), plain.style).compute(_journey("", "Q3"))
    assert plain.width == pytest.approx(normal.width)
    assert plain.ruler.ticks == () and [s.text for s in plain.ruler.stages] == [
        "no timeline: normal width",
        "“Q3” is no duration: normal width",
    ]
