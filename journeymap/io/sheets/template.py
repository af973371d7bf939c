"""The shape of our .xlsx export, shared by its writers and by the reader of our own files.

The map sheet is the team template: stages as columns, then rows for goal, success criteria,
timeline, owner, milestones and one touchpoints row per lane (with pain-point, opportunity,
thought and lane-milestone rows where a lane has them). It is for people and for the CSV export.
Everything else lives in data sheets keyed by id, which make ``import(export(map)) == map`` hold.
"""

from __future__ import annotations

import hashlib
import json
import re

from journeymap.model import JourneyMap, Kind
from journeymap.model.records import (
    STAGE_DETAILS,
    Flow,
    Milestone,
    Persona,
    Stage,
    Touchpoint,
    field_label,
    field_labels,
)

FORMAT_NAME = "journeymap-xlsx"
FORMAT_VERSION = 1
CELL_LIMIT = 32_767  # Excel's: longer text is truncated by Excel and by openpyxl alike.
BULLET = "• "

MAP_SHEET = "Journey map"
ABOUT_SHEET = "About"
STAGES_SHEET = "Stages"
PERSONAS_SHEET = "Personas"
CARDS_SHEET = "Cards"
MILESTONES_SHEET = "Milestones"
FLOWS_SHEET = "Flows"

# Data sheets: the record fields each writes, in column order, after its id and name columns.
# A field's column is headed by its label on the record (model/records.py); the reader finds
# columns by these headings.
STAGE_COLUMNS = ("name", *STAGE_DETAILS)
PERSONA_COLUMNS = ("name", "description", "goals", "pain_points")
CARD_COLUMNS = ("title", "kind", "channel", "owner", "emotion", "notes")
MILESTONE_COLUMNS = ("title", "success_signal")
FLOW_COLUMNS = ("label",)
HEADERS: dict[str, tuple[str, ...]] = {
    STAGES_SHEET: ("Stage id", *field_labels(Stage, STAGE_COLUMNS)),
    PERSONAS_SHEET: ("Persona id", *field_labels(Persona, PERSONA_COLUMNS)),
    CARDS_SHEET: ("Card id", "Stage id", "Stage", "Persona id", "Persona", *field_labels(Touchpoint, CARD_COLUMNS)),
    MILESTONES_SHEET: (
        "Milestone id",
        "Stage id",
        "Stage",
        "Persona id",
        "Persona",
        *field_labels(Milestone, MILESTONE_COLUMNS),
    ),
    FLOWS_SHEET: ("From card id", "From", "To card id", "To", *field_labels(Flow, FLOW_COLUMNS)),
}
ABOUT_ROWS = ("Exported by", "Format", "Version", "Title", "How to edit", "Map sheet as exported")
FINGERPRINT_ROW = "Map sheet as exported"
SHAPE_ROW = "Team sheet shape"  # JSON: the shape the team keeps the map sheet in, when it came from their sheet
ABOUT_NOTE = (
    "Edit the Journey map sheet freely: importing it back applies your edits, and everything still on it "
    "keeps its id and the details kept on the sheets Stages, Personas, Cards, Milestones and Flows. "
    "While the Journey map sheet is unchanged, those sheets are read back exactly, edits included."
)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]+")
MAP_TITLE_ROW = 1
MAP_HEADER_ROW = 3
STAGE_ROWS = tuple((field_label(Stage, name), name) for name in STAGE_DETAILS)
_KIND_ROWS = (
    (Kind.TOUCHPOINT, "Touchpoints"),
    (Kind.PAIN_POINT, "Pain points"),
    (Kind.OPPORTUNITY, "Opportunities"),
    (Kind.THOUGHT, "Thoughts"),
)


def map_sheet_rows(journey: JourneyMap) -> list[list[str]]:
    """The map sheet as rows of cell texts, starting at row 1 (title), header at row 3: in the team's
    own shape when the map came from their sheet, else in the team template's."""
    if journey.sheet_shape is not None and not journey.sheet_shape.per_persona:
        from journeymap.io.sheets.team_shape import shaped_rows

        return shaped_rows(journey, journey.sheet_shape, [journey.title], _list_rows)
    stages = journey.stage_ids()
    rows: list[list[str]] = [[journey.title], [], ["Stage", *(journey.stage(s).name for s in stages)]]
    for label, name in STAGE_ROWS:
        rows.append([label, *(getattr(journey.stage(s), name) for s in stages)])
    milestones: dict[tuple[str, str | None], list[str]] = {
        (stage, lane): [] for stage in stages for lane in [None, *journey.lane_ids()]
    }
    for milestone_id in journey.milestone_ids():
        milestones[journey.milestone_place(milestone_id)].append(journey.milestone(milestone_id).title)
    rows += _list_rows("Milestones", [milestones[(s, None)] for s in stages])
    for lane in journey.lane_ids():
        name = journey.lane(lane).name
        for kind, label in _KIND_ROWS:
            cells = [
                [journey.card(c).title for c in journey.cards_in(s, lane) if journey.card(c).kind is kind]
                for s in stages
            ]
            if kind is Kind.TOUCHPOINT or any(cells):
                rows += _list_rows(f"{label}: {name}", cells)
        lane_milestones = [milestones[(s, lane)] for s in stages]
        if any(lane_milestones):
            rows += _list_rows(f"Milestones: {name}", lane_milestones)
    return rows


def map_sheets(journey: JourneyMap) -> list[tuple[str, list[list[str]]]]:
    """The sheets of the map for people: one per persona where the team keeps it so (each named
    after its lane, in the team's shape), else the one Journey map sheet."""
    shape = journey.sheet_shape
    if shape is None or not shape.per_persona:
        return [(MAP_SHEET, map_sheet_rows(journey))]
    from journeymap.io.sheets.team_shape import shaped_rows

    names = persona_sheet_names(journey)
    return [
        (names[lane], shaped_rows(journey, shape, [journey.title], _list_rows, lane=lane))
        for lane in journey.lane_ids()
    ]


def persona_sheet_names(journey: JourneyMap) -> dict[str, str]:
    r"""Lane id -> a sheet name spreadsheet programs accept: at most 31 characters, none of
    ``[]:*?/\``, unique whatever the letter case, and never one of our data sheets' names."""
    taken = {name.casefold() for name in (*HEADERS, ABOUT_SHEET, "history")}
    names = {}
    for lane in journey.lane_ids():
        base = " ".join(_SHEET_NAME_BAD.sub(" ", journey.lane(lane).name).split()).strip("'")[:31].strip() or "Lane"
        name, number = base, 2
        while name.casefold() in taken:
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        taken.add(name.casefold())
        names[lane] = name
    return names


def sheets_fingerprint(sheets: list[tuple[str, list[list[str]]]]) -> str:
    """The fingerprint of the map sheets: the one Journey map sheet's as before, or all of them."""
    if len(sheets) == 1 and sheets[0][0] == MAP_SHEET:
        return map_sheet_fingerprint(sheets[0][1])
    return map_sheet_fingerprint([row for name, rows in sheets for row in [[f"# {name}"], *rows]])


def map_sheet_fingerprint(rows: list[list[str]]) -> str:
    """A short digest of the map sheet's texts, to tell later whether people edited it."""
    trimmed = [list(row) for row in rows]
    for row in trimmed:
        while row and not row[-1]:
            row.pop()
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    payload = json.dumps(trimmed, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def _list_rows(label: str, items_per_stage: list[list[str]]) -> list[list[str]]:
    """One row of bulleted lines per stage; more rows, unlabelled, where a cell would pass the limit."""
    chunks = [_chunks(items) for items in items_per_stage]
    height = max((len(c) for c in chunks), default=1) or 1
    rows = []
    for i in range(height):
        rows.append([label if i == 0 else "", *(c[i] if i < len(c) else "" for c in chunks)])
    return rows


def _chunks(items: list[str]) -> list[str]:
    cells: list[str] = []
    current = ""
    for item in items:
        line = BULLET + item
        if current and len(current) + 1 + len(line) > CELL_LIMIT:
            cells.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        cells.append(current)
    return cells


# The kinds of card the map sheet has a row for, in row order (other kinds: data sheets only).
MAP_SHEET_ORDER = tuple(kind for kind, _label in _KIND_ROWS)
MAP_SHEET_KINDS = frozenset(MAP_SHEET_ORDER)
