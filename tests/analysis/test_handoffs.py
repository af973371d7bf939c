"""Handoffs between stages and along arrows, with owners compared trimmed and case-folded."""

from __future__ import annotations

from journeymap.analysis import flow_handoffs, handoff_ledger, same_owner, stage_handoffs
from journeymap.model import JourneyMap, Stage, Touchpoint


def test_stage_handoffs_ignore_case_and_spaces_and_empty_owners() -> None:
    journey = JourneyMap("Owners")
    a = journey.add_stage(Stage("Land", owner="Sales"))
    b = journey.add_stage(Stage("Close", owner="  sales "))  # the same team written differently
    c = journey.add_stage(Stage("Onboard", owner="Onboarding"))
    d = journey.add_stage(Stage("Adopt", owner=""))  # nobody owns it: no handoff either side
    e = journey.add_stage(Stage("Renew", owner="Account Management"))
    f = journey.add_stage(Stage("Expand", owner="ACCOUNT management"))
    handoffs = stage_handoffs(journey)
    assert [(h.from_stage, h.to_stage, h.from_owner, h.to_owner) for h in handoffs] == [(b, c, "sales", "Onboarding")]
    assert {a, d, e, f}.isdisjoint({h.to_stage for h in handoffs})
    assert same_owner("Customer  Success", "customer success")


def test_flow_handoffs_name_the_target_persona_and_its_score() -> None:
    journey = JourneyMap("Arrows")
    land = journey.add_stage("Land")
    smb, ent = journey.add_lane("SMB"), journey.add_lane("Enterprise")
    quote = journey.add_card(land, smb, Touchpoint("Quote", owner="Sales"))
    kickoff = journey.add_card(land, ent, Touchpoint("Kickoff", owner="Onboarding", emotion=-2))
    call = journey.add_card(land, ent, Touchpoint("Call", owner="SALES", emotion=1))
    blank = journey.add_card(land, ent, Touchpoint("Email", owner=" "))
    journey.add_flow(quote, kickoff)  # Sales -> Onboarding, into a -2: a risk
    journey.add_flow(quote, call)  # Sales -> SALES: the same team
    journey.add_flow(kickoff, blank)  # to nobody: not a handoff
    journey.add_flow(call, kickoff)  # SALES -> Onboarding
    handoffs = flow_handoffs(journey)
    assert [(h.source, h.target, h.from_owner, h.to_owner, h.persona, h.emotion, h.risk) for h in handoffs] == [
        (quote, kickoff, "Sales", "Onboarding", ent, -2, True),
        (call, kickoff, "SALES", "Onboarding", ent, -2, True),
    ]


def test_an_arrow_handoff_into_an_unscored_or_happy_card_is_no_risk() -> None:
    journey = JourneyMap("Arrows")
    land = journey.add_stage("Land")
    lane = journey.add_lane("SMB")
    a = journey.add_card(land, lane, Touchpoint("A", owner="Sales"))
    b = journey.add_card(land, lane, Touchpoint("B", owner="Support"))
    c = journey.add_card(land, lane, Touchpoint("C", owner="Success", emotion=0))
    journey.add_flow(a, b)
    journey.add_flow(b, c)
    assert [(h.emotion, h.risk) for h in flow_handoffs(journey)] == [(None, False), (0, False)]


def test_the_ledger_lists_each_persona_at_a_stage_handoff_with_its_emotion_there() -> None:
    journey = JourneyMap("Ledger")
    land = journey.add_stage(Stage("Land", owner="Sales"))
    onboard = journey.add_stage(Stage("Onboard", owner="Onboarding"))
    smb, _ent = journey.add_lane("SMB"), journey.add_lane("Enterprise")
    journey.add_card(onboard, smb, Touchpoint("Setup", emotion=1))
    journey.add_card(onboard, smb, Touchpoint("Import", emotion=-2))
    ledger = handoff_ledger(journey)
    assert [(e.kind, e.from_label, e.to_label, e.persona, e.emotion, e.risk) for e in ledger] == [
        ("stage", "Land", "Onboard", "SMB", -0.5, True),
        ("stage", "Land", "Onboard", "Enterprise", None, False),
    ]
    assert ledger[0].place == (land, onboard)
