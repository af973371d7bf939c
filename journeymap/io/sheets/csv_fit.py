"""What a CSV can hold of a map, worked out before writing, so the export imports back exactly.

A CSV is one sheet of text cells: the map sheet of our .xlsx export. Its import trims the text of
every cell and list item, reads one card per line of a list cell, names lanes after the row label
("Touchpoints: SMB", one line), keeps a lane only if a row has something in it, joins rows with
the same label, and names an untitled map after its file. :func:`fit_for_csv` makes those changes
on a copy of the map and says each one, case by case, so that the CSV holds exactly what comes
back, and the export's notice names every difference from the map in the app.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice, Severity
from journeymap.io.sheets.template import MAP_SHEET_KINDS, MAP_SHEET_ORDER
from journeymap.io.sheets.text import short
from journeymap.model import CardPolicy, JourneyMap

_EXAMPLES = 3
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LANE_NAME_CHARS = 80  # row labels longer than about 120 characters are not read as labels


@dataclass
class CsvFit:
    """The map as the CSV holds it, and one notice per kind of change."""

    journey: JourneyMap
    notices: list[Notice] = field(default_factory=list)

    def note(self, text: str, examples: list[str] | None = None) -> None:
        if examples:
            shown = ", ".join(f"“{short(e, 30)}”" for e in examples[:_EXAMPLES])
            text += f" ({shown}{', …' if len(examples) > _EXAMPLES else ''})"
        self.notices.append(Notice(Severity.WARNING, text))


def one_line(text: str) -> str:
    """Line breaks (any a reader may split a list cell on) become spaces; outer whitespace goes.

    Control characters that also end lines (vertical tab, form feed) are left for the export's
    cell check to refuse by name: no spreadsheet can hold them.
    """
    return _LINE_BREAK.sub(" ", text).strip() if text else text


def fit_for_csv(journey: JourneyMap, path: str | os.PathLike[str]) -> CsvFit:
    if not journey.stage_ids():
        raise MapFileError(
            path,
            "has no stages, so a CSV of it would hold nothing to import; add a stage, or save .cjm or export .xlsx",
        )
    fit = CsvFit(journey.copy())
    _title(fit)
    _stages(fit)
    _items(fit)
    _lanes(fit)
    _group_by_kind(fit)
    return fit


def _title(fit: CsvFit) -> None:
    journey = fit.journey
    title = journey.title.strip()
    if title != journey.title:
        journey.set_title(title)
        fit.note("the map's title begins or ends with spaces, which a CSV import trims")
    if not title:
        fit.note("the map has no title: importing the CSV names it after the file")


def _stages(fit: CsvFit) -> None:
    journey = fit.journey
    trimmed: list[str] = []
    unnamed: list[str] = []
    names = {journey.stage(s).name.strip() for s in journey.stage_ids()}
    for number, stage_id in enumerate(journey.stage_ids(), 1):
        stage = journey.stage(stage_id)
        changes = {}
        for name in ("name", "goal", "success_criteria", "timeline", "owner"):
            value = getattr(stage, name)
            if value != value.strip():
                changes[name] = value.strip()
                trimmed.append(value)
        if not stage.name.strip():
            changes["name"] = _unused(f"Stage {number}", names)
            unnamed.append(changes["name"])
        if changes:
            journey.update_stage(stage_id, **changes)
    if trimmed:
        fit.note(
            f"{len(trimmed)} stage text(s) begin or end with spaces, tabs or line breaks, which a CSV import trims",
            trimmed,
        )
    if unnamed:
        fit.note("stages without a name get one in the CSV, or their column could not be read back", unnamed)


def _items(fit: CsvFit) -> None:
    """Card and milestone titles: one line each, trimmed, never empty."""
    journey = fit.journey
    broken: list[str] = []
    trimmed: list[str] = []
    empty = 0
    other_kinds: dict[str, int] = {}
    for card_id in journey.card_ids():
        kind = journey.card(card_id).kind
        if kind not in MAP_SHEET_KINDS:
            other_kinds[kind.value] = other_kinds.get(kind.value, 0) + 1
            journey.remove_card(card_id)
            continue
        title = journey.card(card_id).title
        fitted = _fit_title(title, broken, trimmed)
        if not fitted:
            journey.remove_card(card_id)
            empty += 1
        elif fitted != title:
            journey.update_card(card_id, title=fitted)
    for milestone_id in journey.milestone_ids():
        title = journey.milestone(milestone_id).title
        fitted = _fit_title(title, broken, trimmed)
        if not fitted:
            journey.remove_milestone(milestone_id)
            empty += 1
        elif fitted != title:
            journey.update_milestone(milestone_id, title=fitted)
    if broken:
        fit.note(
            f"{len(broken)} card or milestone title(s) hold line breaks; a CSV cell holds one item per "
            "line, so each is written on one line",
            broken,
        )
    if trimmed:
        fit.note(
            f"{len(trimmed)} card or milestone title(s) begin or end with spaces or tabs, which a CSV import trims",
            trimmed,
        )
    if empty:
        fit.note(f"{empty} card(s) or milestone(s) without a title are left out: a CSV cell cannot hold an empty item")
    for kind_name, count in sorted(other_kinds.items()):
        fit.note(
            f"{count} card(s) of kind “{kind_name}” are left out: the map sheet has no row for them (an .xlsx "
            "export keeps them on its Cards sheet)"
        )


def _lanes(fit: CsvFit) -> None:
    journey = fit.journey
    names = {journey.lane(p).name for p in journey.lane_ids()}
    renamed: list[str] = []
    unnamed: list[str] = []
    for number, lane_id in enumerate(journey.lane_ids(), 1):
        name = journey.lane(lane_id).name
        fitted = _label_name(name)
        if not fitted:
            fitted = _unused(f"Lane {number}", names)
            (renamed if name.strip() else unnamed).append(name if name.strip() else fitted)
        elif fitted != name:
            renamed.append(name)
        if fitted != name:
            journey.update_lane(lane_id, name=fitted)
    if renamed:
        fit.note(
            'lane names are written in row labels ("Touchpoints: SMB"): one line, spaces collapsed, and '
            "never read as a total or count; these were changed to fit",
            renamed,
        )
    if unnamed:
        fit.note("lanes without a name get one in the CSV", unnamed)
    _join_namesakes(fit)
    empty = [lane for lane in journey.lane_ids() if not _has_content(journey, lane)]
    if empty:
        fit.note(
            "lanes without cards or milestones are not in a CSV (it has no row for them)",
            [journey.lane(lane).name for lane in empty],
        )
        for lane in empty:
            journey.remove_lane(lane, CardPolicy.DELETE)


def _label_name(name: str) -> str:
    """The lane's name as a row label carries it back, or "" if no version of it can be."""
    for candidate in (name, one_line(name), " ".join(name.split()), " ".join(name.split())[:_LANE_NAME_CHARS].strip()):
        if candidate and _reads_back(candidate):
            return candidate
    return ""


def _reads_back(name: str) -> bool:
    from journeymap.io.sheets.labels import synonyms

    return all(
        getattr(synonyms().match(f"{label}: {name}"), "persona", None) == name
        for label in ("Touchpoints", "Pain points", "Opportunities", "Milestones")
    )


def _join_namesakes(fit: CsvFit) -> None:
    """Lanes with one name share one row label, so the import joins them: join them here first."""
    journey = fit.journey
    first: dict[str, str] = {}
    joined: list[str] = []
    for lane_id in journey.lane_ids():
        name = journey.lane(lane_id).name
        keep = first.setdefault(name, lane_id)
        if keep == lane_id:
            continue
        for stage_id in journey.stage_ids():
            for card_id in journey.cards_in(stage_id, lane_id):
                journey.move_card(card_id, stage_id, keep)
        for milestone_id in journey.milestone_ids():
            stage_id, lane = journey.milestone_place(milestone_id)
            if lane == lane_id:
                journey.move_milestone(milestone_id, stage_id, keep)
        journey.remove_lane(lane_id, CardPolicy.DELETE)
        joined.append(name)
    if joined:
        fit.note(
            "lanes with the same name share one row label in a CSV, so they are joined into one", sorted(set(joined))
        )


def _group_by_kind(fit: CsvFit) -> None:
    """Each kind of card has its own row, so a cell's cards come back grouped by kind."""
    journey = fit.journey
    rank = {kind: number for number, kind in enumerate(MAP_SHEET_ORDER)}
    moved = 0
    for lane_id in journey.lane_ids():
        for stage_id in journey.stage_ids():
            cards = journey.cards_in(stage_id, lane_id)
            grouped = sorted(cards, key=lambda c: rank[journey.card(c).kind])
            if grouped != cards:
                moved += 1
                for index, card_id in enumerate(grouped):
                    journey.move_card(card_id, stage_id, lane_id, index)
    if moved:
        fit.note(
            f"in {moved} cell(s) cards of different kinds are interleaved; a CSV has a row per kind, so "
            "they come back grouped: touchpoints, then pain points, then opportunities"
        )


def _has_content(journey: JourneyMap, lane_id: str) -> bool:
    return any(journey.cards_in(s, lane_id) for s in journey.stage_ids()) or any(
        journey.milestone_place(m)[1] == lane_id for m in journey.milestone_ids()
    )


def _unused(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name} ({number})"
        number += 1
    taken.add(candidate)
    return candidate


def _fit_title(title: str, broken: list[str], trimmed: list[str]) -> str:
    """A card's or milestone's title as one CSV line; a changed title is noted as broken or trimmed."""
    fitted = one_line(title)
    if fitted and fitted != title:
        (broken if _LINE_BREAK.search(title.strip()) else trimmed).append(title)
    return fitted
