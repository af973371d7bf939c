"""The curve and handoff geometry that canvas and poster both draw: where points and marks go."""

from __future__ import annotations

import pytest

from journeymap.layout import LayoutEngine, LayoutStyle
from journeymap.layout.curve import curve_bands, level_y, with_overlay
from journeymap.layout.handoff_marks import handoff_marks
from journeymap.layout.map_layout import card_area
from journeymap.model import JourneyMap, Stage, Touchpoint
from tests.factories import small_map


class WidthPerCharacter:
    def width(self, text: str, style: object) -> float:
        return 6.0 * len(text)

    def baseline(self, style: object) -> float:
        return 9.0


def _layout(journey: JourneyMap, curve: str, handoffs: bool = True):
    return LayoutEngine(WidthPerCharacter(), with_overlay(LayoutStyle(), curve, handoffs)).compute(journey)


def test_a_band_per_lane_plots_stage_means_at_column_centres_and_breaks_at_unscored_stages() -> None:
    journey = JourneyMap("Curve")
    stages = [journey.add_stage(Stage(n)) for n in ("A", "B", "C")]
    lane = journey.add_lane("SMB")
    journey.add_card(stages[0], lane, Touchpoint("x", emotion=2))
    journey.add_card(stages[0], lane, Touchpoint("y", emotion=-1))
    journey.add_card(stages[2], lane, Touchpoint("z", emotion=-2))
    layout = _layout(journey, "lanes")
    [band] = curve_bands(journey, layout)
    assert band.lane == lane and band.rect == layout.lanes[lane].curve
    [line] = band.lines
    centre = [layout.stages[s].column.center[0] for s in stages]
    assert [(m.x, m.y, m.mean) for m in line.means] == [
        (centre[0], level_y(band.rect, 0.5), 0.5),
        (centre[2], level_y(band.rect, -2), -2),
    ]
    # B is unscored: the line breaks there into two runs of one point, no line drawn through a zero.
    assert line.segments == (((line.means[0].x, line.means[0].y),), ((line.means[1].x, line.means[1].y),))
    assert [score for *_, score in line.cards] == [2, -1, -2]
    assert level_y(band.rect, 2) < level_y(band.rect, 0) < level_y(band.rect, -2)
    assert band.rect.y < level_y(band.rect, 2) and level_y(band.rect, -2) < band.rect.bottom


def test_bands_sit_under_the_cards_and_arrows_keep_their_corridor_above_the_band() -> None:
    journey = small_map()
    plain = _layout(journey, "off", handoffs=False)
    layout = _layout(journey, "lanes")
    for lane_id, lane in layout.lanes.items():
        assert lane.curve is not None and lane.curve.bottom == pytest.approx(lane.row.bottom)
        assert lane.row.height == pytest.approx(plain.lanes[lane_id].row.height + layout.style.curve_band)
        for box in layout.cards.values():
            assert not box.rect.intersects(lane.curve)
    for route in layout.flows.values():
        lane = layout.lane_at(route.points[0][1])
        assert all(y <= card_area(layout.lanes[lane]).bottom for _, y in route.points)


def test_one_shared_band_holds_a_line_per_persona_under_the_last_lane() -> None:
    journey = small_map()
    layout = _layout(journey, "shared")
    [band] = curve_bands(journey, layout)
    assert band.lane is None and band.rect == layout.curve_band
    assert band.rect.y == pytest.approx(layout.lanes[journey.lane_ids()[-1]].row.bottom)
    assert [line.lane for line in band.lines] == journey.lane_ids()
    assert layout.height == pytest.approx(band.rect.bottom)
    assert all(lane.curve is None for lane in layout.lanes.values())


def test_no_band_when_the_curve_is_off() -> None:
    journey = small_map()
    layout = _layout(journey, "off", handoffs=False)
    assert curve_bands(journey, layout) == [] and layout.curve_band is None
    with pytest.raises(ValueError, match="curve must be one of"):
        with_overlay(LayoutStyle(), "wavy")


def test_handoff_marks_sit_on_the_boundary_in_the_header_strip_and_on_arrows_clear_of_cards() -> None:
    journey = small_map()
    ids = {journey.card(c).title: c for c in journey.card_ids()}
    journey.update_card(ids["Checkout"], owner="Sales")
    journey.update_card(ids["Stuck on import"], owner="Support")
    layout = _layout(journey, "lanes")
    marks = handoff_marks(journey, layout, WidthPerCharacter())
    stage_mark, *flow_marks = marks
    land, adopt = journey.stage_ids()
    assert (stage_mark.kind, stage_mark.key, stage_mark.label) == ("stage", (land, adopt), "AE → CSM")
    assert stage_mark.risk and stage_mark.text == "⚠ AE → CSM"  # SMB's import pain (-2) receives the customer
    assert stage_mark.rect.center[0] == pytest.approx(layout.stages[land].column.right)
    strip_top = layout.header_height - layout.style.handoff_strip
    assert strip_top <= stage_mark.rect.y and stage_mark.rect.bottom <= layout.header_height
    assert [(m.number, m.label, m.risk) for m in flow_marks] == [
        (1, "Growth → Sales", False),
        (2, "Sales → Support", True),
    ]
    for mark in marks:
        assert not any(mark.rect.intersects(box.rect) for box in layout.cards.values()), mark


def test_without_a_strip_the_stage_handoffs_are_not_marked_on_the_map() -> None:
    journey = small_map()
    layout = _layout(journey, "lanes", handoffs=False)
    assert [m.kind for m in handoff_marks(journey, layout, WidthPerCharacter())] == []


@pytest.mark.parametrize("factor", [1.0, 1.5])
def test_long_stage_handoff_labels_are_cut_short_and_never_touch(factor: float) -> None:
    journey = JourneyMap("Owners")
    lane = journey.add_lane("P")
    names = ["Customer Success Operations", "Implementation Consultant Team", "Customer Success Management Office"]
    for index, owner in enumerate(names * 2):
        stage = journey.add_stage(Stage(f"S{index}", owner=owner))
        journey.add_card(stage, lane, Touchpoint("x", emotion=-2))  # every handoff a risk: the sign takes room too
    style = with_overlay(LayoutStyle(), "lanes", True).scaled(factor)
    layout = LayoutEngine(WidthPerCharacter(), style).compute(journey)
    marks = handoff_marks(journey, layout, WidthPerCharacter())
    assert len(marks) == 5 and all(m.text.startswith("⚠ ") and m.text.endswith("…") for m in marks)
    for left, right in zip(marks, marks[1:], strict=False):
        assert right.rect.x - left.rect.right >= 0.1 * layout.style.column_width
