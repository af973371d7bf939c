"""Gaps and health on a hand-made map: each finding names its place."""

from __future__ import annotations

from journeymap.analysis import find_gaps
from journeymap.model import JourneyMap, Kind, Milestone, Stage, Touchpoint


def test_every_kind_of_gap_is_found_with_its_place() -> None:
    journey = JourneyMap("Gaps")
    full = journey.add_stage(Stage("Land", goal="Close", success_criteria="Signed", timeline="2 weeks", owner="AE"))
    thin = journey.add_stage(Stage("Adopt", goal=" ", timeline="Ongoing"))
    smb, ent, empty = journey.add_lane("SMB"), journey.add_lane("Enterprise"), journey.add_lane("Nobody")
    pain = journey.add_card(full, smb, Touchpoint("Slow quote", kind=Kind.PAIN_POINT, channel="Email", owner="AE"))
    answered = journey.add_card(
        thin, smb, Touchpoint("Import fails", kind=Kind.PAIN_POINT, channel="App", owner="Support")
    )
    journey.add_card(thin, smb, Touchpoint("Guided import", kind=Kind.OPPORTUNITY, channel="App", owner="CS"))
    bare = journey.add_card(full, ent, Touchpoint("Call", channel="Phone"))
    journey.add_card(thin, ent, Touchpoint("“Where is my data?”", kind=Kind.THOUGHT))  # a quote needs no owner
    journey.add_milestone(thin, Milestone("Kickoff"), empty)  # a lane milestone fills its cell

    gaps = find_gaps(journey)
    assert gaps.empty_cells == [(full, empty)]
    assert [(g.stage, g.fields) for g in gaps.stage_fields_missing] == [(thin, ("goal", "success_criteria", "owner"))]
    assert gaps.unanswered_pain_points == [pain]
    assert answered not in gaps.unanswered_pain_points
    assert [(g.card, g.fields) for g in gaps.cards_missing] == [(bare, ("owner",))]
    assert gaps.unreadable_timelines == [thin]
    assert gaps.count == 5


def test_an_opportunity_in_another_lane_does_not_answer_a_pain_point() -> None:
    journey = JourneyMap("Gaps")
    stage = journey.add_stage("Land")
    smb, ent = journey.add_lane("SMB"), journey.add_lane("Enterprise")
    pain = journey.add_card(stage, smb, Touchpoint("Pain", kind=Kind.PAIN_POINT))
    journey.add_card(stage, ent, Touchpoint("Idea", kind=Kind.OPPORTUNITY))
    assert find_gaps(journey).unanswered_pain_points == [pain]


def test_a_map_without_lanes_has_no_empty_cells_but_its_stages_still_lack_fields() -> None:
    journey = JourneyMap("Bare")
    stage = journey.add_stage("Only")
    gaps = find_gaps(journey)
    assert gaps.empty_cells == []
    assert [(g.stage, g.fields) for g in gaps.stage_fields_missing] == [
        (stage, ("goal", "success_criteria", "timeline", "owner"))
    ]
