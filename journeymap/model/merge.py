"""Merge an imported map into the open one: the rule behind "Import... > Merge into this map".

A facilitator who imports a spreadsheet into a map they are already building expects the rows to
land in the columns and lanes they already have, not in look-alike duplicates. So stages and lanes
are matched by exact name (the k-th stage named "Onboarding" in the import matches the k-th one in
the map, so a map with two equally named stages keeps both); unmatched ones are appended in the
import's order. Cards, milestones and flows are always added, with fresh ids, after what the cells
already hold. Nothing already in the map is changed, except that a matched stage or lane gets the
imported text for fields it left empty. The result is a new map, so the caller can swap it in as
one undoable step.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from journeymap.model.journey_map import JourneyMap
from journeymap.model.records import Persona, Stage
from journeymap.model.refs import ItemKind, ItemRef


@dataclass
class MergeResult:
    """The merged map and what the import added, for the status line."""

    map: JourneyMap
    added: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{count} {name}" for name, count in self.added.items() if count]
        return "added " + ", ".join(parts) if parts else "nothing new to add"


def merge_maps(base: JourneyMap, incoming: JourneyMap) -> MergeResult:
    """A copy of ``base`` with ``incoming`` merged in; neither argument is changed."""
    merged = base.copy()
    added = Counter({"stages": 0, "lanes": 0, "cards": 0, "milestones": 0, "flows": 0})
    stages = _match(merged, incoming, ItemKind.STAGE, added)
    lanes = _match(merged, incoming, ItemKind.LANE, added)
    cards: dict[str, str] = {}
    for card_id in incoming.card_ids():
        stage, lane = incoming.cell_of(card_id)
        cards[card_id] = merged.add_card(stages[stage], lanes[lane], incoming.card(card_id))
        added["cards"] += 1
    for milestone_id in incoming.milestone_ids():
        stage, place = incoming.milestone_place(milestone_id)
        merged.add_milestone(stages[stage], incoming.milestone(milestone_id), lanes[place] if place else None)
        added["milestones"] += 1
    for source, target in incoming.flows():
        merged.add_flow(cards[source], cards[target], incoming.flow(source, target))
        added["flows"] += 1
    return MergeResult(merged, dict(added))


def _match(merged: JourneyMap, incoming: JourneyMap, kind: ItemKind, added: Counter[str]) -> dict[str, str]:
    """Map each incoming stage (or lane) id to the id it matches or is appended as in ``merged``."""
    is_stage = kind is ItemKind.STAGE

    def ids(journey: JourneyMap) -> list[str]:
        return journey.stage_ids() if is_stage else journey.lane_ids()

    def record_of(journey: JourneyMap, node_id: str) -> Stage | Persona:
        return journey.stage(node_id) if is_stage else journey.lane(node_id)

    existing: dict[str, list[str]] = {}
    for node_id in ids(merged):
        existing.setdefault(record_of(merged, node_id).name, []).append(node_id)
    seen: Counter[str] = Counter()
    mapping: dict[str, str] = {}
    for node_id in ids(incoming):
        record = record_of(incoming, node_id)
        occurrence = seen[record.name]
        seen[record.name] += 1
        candidates = existing.get(record.name, [])
        if occurrence < len(candidates):
            target = candidates[occurrence]
            blanks = _blank_fields(record_of(merged, target), record)
            if blanks:
                merged.update(ItemRef(kind, target), **blanks)
            mapping[node_id] = target
        else:
            mapping[node_id] = merged.add_stage(record) if isinstance(record, Stage) else merged.add_lane(record)
            added["stages" if is_stage else "lanes"] += 1
    return mapping


def _blank_fields(current: Stage | Persona, imported: Stage | Persona) -> dict[str, str]:
    """Fields the map left empty and the import fills: the only change a merge makes to a match."""
    return {
        f.name: getattr(imported, f.name)
        for f in dataclasses.fields(current)
        if not getattr(current, f.name) and getattr(imported, f.name)
    }
