"""The merge rule for "Import... > Merge into this map" (plain pytest, no Qt)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint
from journeymap.model.invariants import check_invariants
from journeymap.model.merge import merge_maps
from tests.factories import small_map


def _names(journey: JourneyMap, kind: str) -> list[str]:
    ids = journey.stage_ids() if kind == "stage" else journey.lane_ids()
    return [getattr(journey, kind)(i).name for i in ids]


def _titles_in(journey: JourneyMap, stage: str, lane: str) -> list[str]:
    stage_id = next(s for s in journey.stage_ids() if journey.stage(s).name == stage)
    lane_id = next(lane_id for lane_id in journey.lane_ids() if journey.lane(lane_id).name == lane)
    return [journey.card(c).title for c in journey.cards_in(stage_id, lane_id)]


def test_matching_stages_and_lanes_receive_the_imported_cards() -> None:
    base = small_map()
    incoming = JourneyMap("Sheet")
    land = incoming.add_stage("Land")
    smb = incoming.add_lane("SMB")
    incoming.add_card(land, smb, Touchpoint("Demo call", channel="Zoom", emotion=2, kind=Kind.OPPORTUNITY))

    result = merge_maps(base, incoming)

    assert _names(result.map, "stage") == ["Land", "Adoption"]
    assert _names(result.map, "lane") == ["SMB", "Enterprise"]
    assert _titles_in(result.map, "Land", "SMB") == ["Pricing page", "Checkout", "Demo call"]
    new_card = result.map.card(result.map.cards_in(*_cell(result.map, "Land", "SMB"))[-1])
    assert (new_card.channel, new_card.emotion, new_card.kind) == ("Zoom", 2, Kind.OPPORTUNITY)
    assert result.added == {"stages": 0, "lanes": 0, "cards": 1, "milestones": 0, "flows": 0}
    check_invariants(result.map)


def _cell(journey: JourneyMap, stage: str, lane: str) -> tuple[str, str]:
    stage_id = next(s for s in journey.stage_ids() if journey.stage(s).name == stage)
    lane_id = next(x for x in journey.lane_ids() if journey.lane(x).name == lane)
    return stage_id, lane_id


def test_new_stages_and_lanes_are_appended_in_import_order() -> None:
    base = small_map()
    incoming = JourneyMap()
    renewal = incoming.add_stage(Stage("Renewal", owner="AM"))
    incoming.add_stage("Adoption")
    expansion = incoming.add_stage("Expansion")
    partner = incoming.add_lane(Persona("Partner", description="Resellers"))
    incoming.add_card(renewal, partner, "Renewal call")
    incoming.add_card(expansion, partner, "Upsell")

    merged = merge_maps(base, incoming).map

    assert _names(merged, "stage") == ["Land", "Adoption", "Renewal", "Expansion"]
    assert _names(merged, "lane") == ["SMB", "Enterprise", "Partner"]
    assert merged.stage(merged.stage_ids()[2]).owner == "AM"
    assert _titles_in(merged, "Expansion", "Partner") == ["Upsell"]
    check_invariants(merged)


def test_matching_is_by_exact_name() -> None:
    base = small_map()
    incoming = JourneyMap()
    incoming.add_stage("land")
    incoming.add_stage("Land ")
    merged = merge_maps(base, incoming).map
    assert _names(merged, "stage") == ["Land", "Adoption", "land", "Land "]


def test_equally_named_stages_match_by_occurrence() -> None:
    base = JourneyMap()
    base.add_stage("Review")
    incoming = JourneyMap()
    first = incoming.add_stage("Review")
    second = incoming.add_stage("Review")
    lane = incoming.add_lane("Team")
    incoming.add_card(first, lane, "one")
    incoming.add_card(second, lane, "two")

    merged = merge_maps(base, incoming).map

    stage_ids = merged.stage_ids()
    assert _names(merged, "stage") == ["Review", "Review"]
    lane_id = merged.lane_ids()[0]
    assert [merged.card(c).title for c in merged.cards_in(stage_ids[0], lane_id)] == ["one"]
    assert [merged.card(c).title for c in merged.cards_in(stage_ids[1], lane_id)] == ["two"]


def test_a_match_keeps_its_fields_and_only_fills_blanks() -> None:
    base = small_map()  # "Adoption" has a goal but no success criteria
    incoming = JourneyMap()
    incoming.add_stage(Stage("Adoption", goal="Other goal", success_criteria="80% weekly active"))
    merged = merge_maps(base, incoming).map
    adoption = merged.stage(merged.stage_ids()[1])
    assert adoption.goal == "Use it weekly"
    assert adoption.success_criteria == "80% weekly active"


def test_cards_milestones_and_flows_get_fresh_ids_and_keep_their_links() -> None:
    base = small_map()
    incoming = small_map()  # the very same ids: they must not clash

    result = merge_maps(base, incoming)
    merged = result.map

    assert merged.counts() == {"stages": 2, "lanes": 2, "cards": 8, "milestones": 4, "flows": 4}
    assert len(set(merged.card_ids())) == 8
    assert _titles_in(merged, "Land", "SMB") == ["Pricing page", "Checkout", "Pricing page", "Checkout"]
    titles = {(merged.card(s).title, merged.card(t).title) for s, t in merged.flows()}
    assert titles == {("Pricing page", "Checkout"), ("Checkout", "Stuck on import")}
    new_flows = [f for f in merged.flows() if f not in base.flows()]
    assert len(new_flows) == 2 and all(s not in base.card_ids() for s, _ in new_flows)
    across = [m for m in merged.milestone_ids() if merged.milestone_place(m)[1] is None]
    assert [merged.milestone(m).title for m in across] == ["5 users added", "5 users added"]
    assert result.added == {"stages": 0, "lanes": 0, "cards": 4, "milestones": 2, "flows": 2}
    check_invariants(merged)


def test_the_inputs_are_left_unchanged() -> None:
    base, incoming = small_map(), small_map()
    before = (base.counts(), incoming.counts())
    merge_maps(base, incoming)
    assert (base.counts(), incoming.counts()) == before


def test_merging_into_an_empty_map_gives_the_same_structure() -> None:
    incoming = small_map()
    merged = merge_maps(JourneyMap(), incoming).map
    assert _names(merged, "stage") == _names(incoming, "stage")
    assert _names(merged, "lane") == _names(incoming, "lane")
    assert [merged.card(c) for c in merged.card_ids()] == [incoming.card(c) for c in incoming.card_ids()]
    assert [merged.milestone(m) for m in merged.milestone_ids()] == [
        Milestone("5 users added", "Five logins"),
        Milestone("Contract signed"),
    ]


def test_summary_names_what_was_added() -> None:
    assert merge_maps(small_map(), small_map()).summary() == "added 4 cards, 2 milestones, 2 flows"
    assert merge_maps(small_map(), JourneyMap()).summary() == "nothing new to add"


_names_strategy = st.lists(st.sampled_from(["A", "B", "C"]), max_size=4)


@settings(max_examples=60, deadline=None)
@given(base_stages=_names_strategy, new_stages=_names_strategy, cards=st.integers(0, 5))
def test_random_merges_keep_the_invariants_and_every_card(
    base_stages: list[str], new_stages: list[str], cards: int
) -> None:
    base, incoming = JourneyMap(), JourneyMap()
    for name in base_stages:
        base.add_stage(name)
    lane = incoming.add_lane("Lane")
    ids = [incoming.add_stage(name) for name in new_stages]
    for number in range(cards if ids else 0):
        incoming.add_card(ids[number % len(ids)], lane, f"card {number}")

    merged = merge_maps(base, incoming).map

    check_invariants(merged)
    assert merged.counts()["cards"] == incoming.counts()["cards"]
    for name in set(base_stages) | set(new_stages):
        assert _names(merged, "stage").count(name) == max(base_stages.count(name), new_stages.count(name))
