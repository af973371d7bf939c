"""Small map builders shared by tests (not fixtures, so any test module can call them)."""

from __future__ import annotations

from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint


def small_map() -> JourneyMap:
    """Two stages, two lanes, four cards, a milestone per kind of place, two flows."""
    journey = JourneyMap("Workshop map")
    land = journey.add_stage(Stage("Land", goal="Close", success_criteria="Signed", timeline="2-4 weeks", owner="AE"))
    adopt = journey.add_stage(Stage("Adoption", goal="Use it weekly", timeline="30-60 days", owner="CSM"))
    smb = journey.add_lane(Persona("SMB", description="Small teams"))
    ent = journey.add_lane(Persona("Enterprise"))
    a = journey.add_card(land, smb, Touchpoint("Pricing page", channel="Web", owner="Growth", emotion=1))
    b = journey.add_card(land, smb, Touchpoint("Checkout", kind=Kind.TOUCHPOINT))
    c = journey.add_card(adopt, smb, Touchpoint("Stuck on import", kind=Kind.PAIN_POINT, emotion=-2))
    journey.add_card(adopt, ent, Touchpoint("Admin training", kind=Kind.OPPORTUNITY))
    journey.add_milestone(adopt, Milestone("5 users added", "Five logins"))
    journey.add_milestone(land, Milestone("Contract signed"), smb)
    journey.add_flow(a, b)
    journey.add_flow(b, c)
    return journey
