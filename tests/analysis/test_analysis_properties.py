"""On random maps, the curve and the handoff lists match a direct computation over the graph's edges."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analysis import experience_curve, flow_handoffs, stage_handoffs
from journeymap.model import JourneyMap, Stage, Touchpoint
from journeymap.model.journey_map import EdgeType, NodeType

owners = st.sampled_from(["", " ", "Sales", "sales ", "SALES", "Onboarding", "onboarding", "Support",
                         "Customer Success"])


@st.composite
def random_maps(draw: st.DrawFn) -> JourneyMap:
    journey = JourneyMap("Random")
    stages = [journey.add_stage(Stage(f"S{i}", owner=draw(owners))) for i in range(draw(st.integers(0, 5)))]
    lanes = [journey.add_lane(f"L{i}") for i in range(draw(st.integers(0, 4)))]
    cards = []
    if stages and lanes:
        for _ in range(draw(st.integers(0, 25))):
            cell = draw(st.sampled_from(stages)), draw(st.sampled_from(lanes))
            record = Touchpoint("c", owner=draw(owners), emotion=draw(st.one_of(st.none(), st.integers(-2, 2))))
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
    for node, data in journey.graph.nodes(data=True):
        if data["type"] is not NodeType.CARD or data["record"].emotion is None:
            continue
        place = {d["type"]: target for _, target, d in journey.graph.out_edges(node, data=True)}
        scores[(place[EdgeType.IN_STAGE], place[EdgeType.IN_LANE])].append(data["record"].emotion)
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
    expected_stages = [(a, b) for a, b in zip(order, order[1:], strict=False)
                       if _norm(journey.stage(a).owner) and _norm(journey.stage(b).owner)
                       and _norm(journey.stage(a).owner) != _norm(journey.stage(b).owner)]
    assert [(h.from_stage, h.to_stage) for h in stage_handoffs(journey)] == expected_stages

    flows = [(s, t) for s, t, d in journey.graph.edges(data=True) if d["type"] is EdgeType.FLOW]
    expected_flows = {(s, t) for s, t in flows
                      if _norm(journey.card(s).owner) and _norm(journey.card(t).owner)
                      and _norm(journey.card(s).owner) != _norm(journey.card(t).owner)}
    found = flow_handoffs(journey)
    assert {(h.source, h.target) for h in found} == expected_flows
    assert len(found) == len(expected_flows)
    for handoff in found:
        assert handoff.persona == journey.cell_of(handoff.target)[1]
        assert handoff.emotion == journey.card(handoff.target).emotion
        assert handoff.risk == (handoff.emotion in (-1, -2))
