"""Filling a map in one pass: the same refusals as adding item by item, and nothing half-done."""

from __future__ import annotations

import gc

import pytest

from journeymap.model import Flow, JourneyMap, MapError, Persona, Stage, Touchpoint
from journeymap.model.bulk import BulkLoadError, MapParts, collector_paused
from journeymap.model.invariants import check_invariants


def _parts() -> MapParts:
    parts = MapParts()
    parts.stages.append(("s1", Stage("Discover")))
    parts.lanes.append(("p1", Persona("Buyer")))
    parts.cards.append(("card-7", "s1", "p1", Touchpoint("Visit site")))
    parts.flows.append(("card-7", "card-7", Flow()))
    return parts


def test_a_filled_map_reads_like_one_built_by_hand() -> None:
    parts = _parts()
    parts.flows.clear()
    journey = JourneyMap("Loaded")
    journey.load_parts(parts)
    check_invariants(journey)
    assert journey.cells() == {("s1", "p1"): ["card-7"]}
    assert journey.card_cells() == {"card-7": ("s1", "p1")}
    assert journey.cell_cards("s1", "p1") == [("card-7", Touchpoint("Visit site"))]
    # new ids stay clear of the numbered ones the file had
    assert journey.add_card("s1", "p1", Touchpoint("Next")) == "card-8"


def test_a_refused_item_is_named_and_leaves_the_map_empty() -> None:
    journey = JourneyMap("Loaded")
    with pytest.raises(BulkLoadError, match="two different cards") as error:
        journey.load_parts(_parts())
    assert (error.value.section, error.value.index) == ("flows", 0)
    assert journey.counts() == {"stages": 0, "lanes": 0, "cards": 0, "milestones": 0, "flows": 0}


def test_only_an_empty_map_is_filled() -> None:
    parts = _parts()
    parts.flows.clear()
    journey = JourneyMap("Loaded")
    journey.add_stage("Already here")
    with pytest.raises(MapError, match="empty"):
        journey.load_parts(parts)


def test_the_collector_resumes_after_a_paused_block_and_stays_off_if_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[index] for index in range(30_000)]
    assert gc.isenabled()
    assert len(kept) == 30_000
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
