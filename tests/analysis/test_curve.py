"""The experience curve on hand-made maps whose answers are known."""

from __future__ import annotations

from journeymap.analysis import experience_curve, lane_curve
from journeymap.analysis.curve import segments
from journeymap.model import JourneyMap, Kind, Touchpoint


def _map() -> tuple[JourneyMap, list[str], list[str]]:
    journey = JourneyMap("Curve")
    stages = [journey.add_stage(name) for name in ("Discover", "Buy", "Onboard", "Use")]
    lanes = [journey.add_lane(name) for name in ("SMB", "Enterprise", "Empty")]
    return journey, stages, lanes


def test_mean_and_count_per_stage_with_unscored_stages_left_empty() -> None:
    journey, (discover, buy, onboard, use), (smb, ent, _empty) = _map()
    journey.add_card(discover, smb, Touchpoint("Ad", emotion=2))
    journey.add_card(discover, smb, Touchpoint("Blog", emotion=1))
    journey.add_card(discover, smb, Touchpoint("Not scored"))
    journey.add_card(buy, smb, Touchpoint("Checkout"))  # a card, but nobody scored it
    journey.add_card(onboard, smb, Touchpoint("Import fails", kind=Kind.PAIN_POINT, emotion=-2))
    journey.add_card(use, ent, Touchpoint("Weekly report", emotion=0))

    curve = lane_curve(journey, smb)
    assert [(p.stage, p.mean, p.count) for p in curve] == [
        (discover, 1.5, 2),
        (buy, None, 0),
        (onboard, -2.0, 1),
        (use, None, 0),
    ]
    assert [(p.mean, p.count) for p in lane_curve(journey, ent)] == [(None, 0), (None, 0), (None, 0), (0.0, 1)]


def test_a_tie_of_opposite_scores_is_a_neutral_mean_but_keeps_its_lowest_score() -> None:
    journey, (discover, *_), (smb, *_) = _map()
    journey.add_card(discover, smb, Touchpoint("Delight", emotion=2))
    journey.add_card(discover, smb, Touchpoint("Anger", emotion=-2))
    point = lane_curve(journey, smb)[0]
    assert (point.mean, point.count, point.low) == (0.0, 2, -2)


def test_an_empty_lane_has_a_point_per_stage_and_none_scored() -> None:
    journey, stages, (_smb, _ent, empty) = _map()
    curve = experience_curve(journey)
    assert list(curve) == journey.lane_ids()
    assert [(p.stage, p.mean, p.count) for p in curve[empty]] == [(s, None, 0) for s in stages]
    assert segments(curve[empty]) == []


def test_the_line_breaks_where_a_stage_is_unscored() -> None:
    journey, (discover, buy, onboard, use), (smb, *_) = _map()
    journey.add_card(discover, smb, Touchpoint("a", emotion=1))
    journey.add_card(buy, smb, Touchpoint("b", emotion=-1))
    journey.add_card(use, smb, Touchpoint("d", emotion=2))
    runs = segments(lane_curve(journey, smb))
    assert [[p.stage for p in run] for run in runs] == [[discover, buy], [use]]
    assert onboard not in {p.stage for run in runs for p in run}


def test_the_curve_follows_stage_order_and_moved_cards() -> None:
    journey, (discover, buy, *_), (smb, ent, _) = _map()
    card = journey.add_card(discover, smb, Touchpoint("a", emotion=-1))
    journey.move_stage(buy, 0)
    assert [p.stage for p in lane_curve(journey, smb)][:2] == [buy, discover]
    journey.move_card(card, buy, ent)
    assert lane_curve(journey, smb)[1].mean is None
    assert lane_curve(journey, ent)[0].mean == -1.0
