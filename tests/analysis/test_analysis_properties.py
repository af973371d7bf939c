"""On random maps, the curve and the handoff lists match a direct computation over the graph's edges."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analysis import experience_curve, flow_handoffs, stage_handoffs
from journeymap.model import JourneyMap, Kind, Stage, Touchpoint

owners = st.sampled_from(
    ["", " ", "Sales", "sales ", "SALES", "Onboarding", "onboarding", "Support", "Customer Success"]
)


@st.composite
def random_maps(draw: st.DrawFn) -> JourneyMap:
    journey = JourneyMap("Random")
    stages = [journey.add_stage(Stage(f"S{i}", owner=draw(owners))) for i in range(draw(st.integers(0, 5)))]
    lanes = [journey.add_lane(f"L{i}") for i in range(draw(st.integers(0, 4)))]
    cards = []
    if stages and lanes:
        for _ in range(draw(st.integers(0, 25))):
            cell = draw(st.sampled_from(stages)), draw(st.sampled_from(lanes))
            record = Touchpoint(
                "c",
                owner=draw(owners),
                emotion=draw(st.one_of(st.none(), st.integers(-2, 2))),
                channel=draw(st.sampled_from(["", " ", "Email"])),
                kind=draw(st.sampled_from(list(Kind))),
            )
            cards.append(journey.add_card(*cell, record))
    if len(cards) >= 2:
        for source, target in draw(st.lists(st.tuples(st.sampled_from(cards), st.sampled_from(cards)), max_size=15)):
            if source != target and not journey.has_flow(source, target):
                journey.add_flow(source, target)
    return journey


def _norm(owner: str) -> str:
    return " ".join(owner.split()).lower()


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_curve_means_match_the_scores_found_on_the_graph(journey: JourneyMap) -> None:
    scores: dict[tuple[str, str], list[int]] = defaultdict(list)
    for node in journey.card_ids():
        if journey.card(node).emotion is None:
            continue
        scores[journey.cell_of(node)].append(journey.card(node).emotion)  # a card's one place is its cell
    curve = experience_curve(journey)
    assert list(curve) == journey.lane_ids()
    for lane, points in curve.items():
        assert [p.stage for p in points] == journey.stage_ids()
        for point in points:
            expected = scores.get((point.stage, lane), [])
            assert point.count == len(expected)
            if expected:
                assert point.mean == pytest.approx(sum(expected) / len(expected))
                assert -2 <= point.mean <= 2
            else:
                assert point.mean is None


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_handoff_lists_match_owners_compared_directly(journey: JourneyMap) -> None:
    order = journey.stage_ids()
    expected_stages = [
        (a, b)
        for a, b in zip(order, order[1:], strict=False)
        if _norm(journey.stage(a).owner)
        and _norm(journey.stage(b).owner)
        and _norm(journey.stage(a).owner) != _norm(journey.stage(b).owner)
    ]
    assert [(h.from_stage, h.to_stage) for h in stage_handoffs(journey)] == expected_stages

    flows = journey.flows()
    expected_flows = {
        (s, t)
        for s, t in flows
        if _norm(journey.card(s).owner)
        and _norm(journey.card(t).owner)
        and _norm(journey.card(s).owner) != _norm(journey.card(t).owner)
    }
    found = flow_handoffs(journey)
    assert {(h.source, h.target) for h in found} == expected_flows
    assert len(found) == len(expected_flows)
    for handoff in found:
        assert handoff.persona == journey.cell_of(handoff.target)[1]
        assert handoff.emotion == journey.card(handoff.target).emotion
        assert handoff.risk == (handoff.emotion in (-1, -2))


@settings(max_examples=100, deadline=None)
@given(random_maps())
def test_every_empty_cell_and_unanswered_pain_point_is_found_and_nothing_else(journey: JourneyMap) -> None:
    from journeymap.analysis import find_gaps

    occupied = {journey.cell_of(card) for card in journey.card_ids()}
    expected_empty = [(s, p) for s in journey.stage_ids() for p in journey.lane_ids() if (s, p) not in occupied]
    gaps = find_gaps(journey)
    assert gaps.empty_cells == expected_empty  # these maps have no lane milestones
    answered = {journey.cell_of(c) for c in journey.card_ids() if journey.card(c).kind is Kind.OPPORTUNITY}
    assert gaps.unanswered_pain_points == [
        c for c in journey.card_ids() if journey.card(c).kind is Kind.PAIN_POINT and journey.cell_of(c) not in answered
    ]
    assert {g.card for g in gaps.cards_missing} == {
        c
        for c in journey.card_ids()
        if journey.card(c).kind is not Kind.THOUGHT
        and not (journey.card(c).owner.strip() and journey.card(c).channel.strip())
    }


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["2-4 weeks", "1 week", "30-60 days", "after 90 days", "Ongoing", "", "Q3", "within 14 days", "3 months"]
        ),
        max_size=8,
    )
)
def test_each_start_is_the_sum_of_the_earlier_durations(texts: list[str]) -> None:
    from journeymap.analysis import stage_timeline
    from journeymap.model import parse_timeline

    journey = JourneyMap("Time")
    for index, text in enumerate(texts):
        journey.add_stage(Stage(f"S{index}", timeline=text))
    ranges = [parse_timeline(text) if text.strip() else None for text in texts]
    for index, span in enumerate(stage_timeline(journey)):
        earlier = ranges[:index]
        assert span.start_min == sum(r[0] for r in earlier if r is not None)
        if all(r is not None and r[1] is not None for r in earlier):
            assert span.start_max == sum(r[1] for r in earlier)
        else:
            assert span.start_max is None
        assert (span.days_min, span.days_max) == (ranges[index] or (None, None))
