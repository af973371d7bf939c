"""When a team edits the map sheet of our export, their edits win, and nothing else is lost.

Our .xlsx export holds the map twice: the map sheet people read and edit (often in Google Sheets),
and data sheets with ids and the details the map sheet cannot show (channel, owner, emotion, notes,
flows). If the map sheet was changed after the export, it is imported as the team's current map,
and each stage, lane, card and milestone still on it keeps its id and details from the data sheets.
Items are matched by their exact text (stage names are the user's words: never fuzzy-matched).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from journeymap.model import JourneyMap


@dataclass
class Reconciled:
    map: JourneyMap
    kept_cards: int = 0
    new_cards: int = 0
    gone_cards: int = 0
    gone_flows: int = 0

    def summary(self) -> str:
        parts = [
            f"{self.kept_cards} card(s) kept their ids and details",
            f"{self.new_cards} new",
            f"{self.gone_cards} no longer on the map sheet",
        ]
        if self.gone_flows:
            parts.append(f"{self.gone_flows} arrow(s) dropped with their cards")
        return ", ".join(parts)


def reconcile(exported: JourneyMap, edited: JourneyMap) -> Reconciled:
    """The edited map sheet's content, with ids and details carried over from the export."""
    result = Reconciled(JourneyMap(exported.title))
    journey = result.map
    journey.avoid_ids_of(exported)  # new items must not take an id an exported item still needs
    stages = _match_names(
        exported.stage_ids(), edited.stage_ids(), lambda s: exported.stage(s).name, lambda s: edited.stage(s).name
    )
    for stage_id in edited.stage_ids():
        # The map sheet shows every stage field, so its text is the truth for all of them.
        journey.add_stage(edited.stage(stage_id), stage_id=stages.get(stage_id))
    stage_of = dict(zip(edited.stage_ids(), journey.stage_ids(), strict=True))
    lanes = _match_names(
        exported.lane_ids(), edited.lane_ids(), lambda p: exported.lane(p).name, lambda p: edited.lane(p).name
    )
    for lane_id in edited.lane_ids():
        old = lanes.get(lane_id)
        # The map sheet shows only a lane's name; its description and goals come from the export.
        record = edited.lane(lane_id)
        if old:
            record = dataclasses.replace(exported.lane(old), name=record.name)
        journey.add_lane(record, lane_id=old)
    lane_of = dict(zip(edited.lane_ids(), journey.lane_ids(), strict=True))

    leftovers = _place_cards(exported, edited, journey, stage_of, lane_of, result)
    result.gone_cards = sum(len(pool) for pool in leftovers.values())
    _place_milestones(exported, edited, journey, stage_of, lane_of)
    for source, target in exported.flows():
        if journey.node_type(source) is not None and journey.node_type(target) is not None:
            journey.add_flow(source, target, exported.flow(source, target))
        else:
            result.gone_flows += 1
    return result


def _match_names(
    old_ids: list[str], new_ids: list[str], old_name: Callable[[str], str], new_name: Callable[[str], str]
) -> dict[str, str]:
    """New id -> old id for items with the same name (the k-th "Onboarding" matches the k-th)."""
    pools: dict[str, deque[str]] = defaultdict(deque)
    for old in old_ids:
        pools[old_name(old)].append(old)
    return {new: pools[new_name(new)].popleft() for new in new_ids if pools[new_name(new)]}


def _place_cards(
    exported: JourneyMap,
    edited: JourneyMap,
    journey: JourneyMap,
    stage_of: dict[str, str],
    lane_of: dict[str, str],
    result: Reconciled,
) -> dict[str, deque[str]]:
    """Add the map sheet's cards; a card still in its cell keeps its place in the cell's order."""
    unmatched: list[tuple[str, str]] = []  # (edited card, target cell key) found in no cell of the export
    for edited_stage in edited.stage_ids():
        for edited_lane in edited.lane_ids():
            cell = (stage_of[edited_stage], lane_of[edited_lane])
            pools: dict[str, deque[str]] = defaultdict(deque)
            if exported.node_type(cell[0]) is not None and exported.node_type(cell[1]) is not None:
                for card in exported.cards_in(*cell):
                    pools[exported.card(card).title].append(card)
            kept: list[tuple[int, str, str]] = []
            for card in edited.cards_in(edited_stage, edited_lane):
                pool = pools[edited.card(card).title]
                if pool:
                    old = pool.popleft()
                    kept.append((exported.index_in_cell(old), old, card))
                else:
                    unmatched.append((card, f"{edited_stage}\t{edited_lane}"))
            for _index, old, card in sorted(kept):
                # The row a title sits in on the map sheet gives its kind; the rest is the export's.
                record = dataclasses.replace(exported.card(old), kind=edited.card(card).kind)
                journey.add_card(*cell, record, card_id=old)
                result.kept_cards += 1
    # Cards moved to another cell on the sheet: matched by title among the export's leftovers.
    leftovers: dict[str, deque[str]] = defaultdict(deque)
    for card in exported.card_ids():
        if journey.node_type(card) is None:
            leftovers[exported.card(card).title].append(card)
    for card, key in unmatched:
        edited_stage, edited_lane = key.split("\t")
        cell = (stage_of[edited_stage], lane_of[edited_lane])
        pool = leftovers[edited.card(card).title]
        if pool:
            old = pool.popleft()
            journey.add_card(*cell, dataclasses.replace(exported.card(old), kind=edited.card(card).kind), card_id=old)
            result.kept_cards += 1
        else:
            journey.add_card(*cell, edited.card(card))
            result.new_cards += 1
    return leftovers


def _place_milestones(
    exported: JourneyMap, edited: JourneyMap, journey: JourneyMap, stage_of: dict[str, str], lane_of: dict[str, str]
) -> None:
    pools: dict[tuple[str, str | None, str], deque[str]] = defaultdict(deque)
    for milestone in exported.milestone_ids():
        pools[(*exported.milestone_place(milestone), exported.milestone(milestone).title)].append(milestone)
    for milestone in edited.milestone_ids():
        stage, lane = edited.milestone_place(milestone)
        place = (stage_of[stage], lane_of[lane] if lane else None)
        record = edited.milestone(milestone)
        pool = pools[(*place, record.title)]
        old = pool.popleft() if pool else None
        if old is not None:
            record = exported.milestone(old)  # keeps the success signal the map sheet does not show
        journey.add_milestone(place[0], record, place[1], milestone_id=old)
