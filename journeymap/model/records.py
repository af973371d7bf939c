"""The immutable records stored on the map's graph nodes and edges.

Records are frozen so that an undo command can keep the old record and put it back as it was;
an edit always replaces a record with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a card on the map stands for; each kind has its own colour on canvas and poster."""

    TOUCHPOINT = "touchpoint"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    THOUGHT = "thought"  # what the persona thinks or says: a quote


EMOTION_RANGE = range(-2, 3)


@dataclass(frozen=True)
class Stage:
    name: str
    goal: str = ""
    success_criteria: str = ""
    timeline: str = ""
    owner: str = ""


@dataclass(frozen=True)
class Persona:
    name: str
    description: str = ""
    goals: str = ""
    pain_points: str = ""


@dataclass(frozen=True)
class Touchpoint:
    title: str
    channel: str = ""
    owner: str = ""
    notes: str = ""
    emotion: int | None = None
    kind: Kind = Kind.TOUCHPOINT


@dataclass(frozen=True)
class Milestone:
    title: str
    success_signal: str = ""


@dataclass(frozen=True)
class Flow:
    label: str = ""


@dataclass(frozen=True)
class SheetRow:
    """One labelled row (or column) of the team's sheet: its label as written and what it meant
    (a mapping field such as "goal" or "touchpoints:SMB", or "ignore"). For ignored rows, what
    each stage's cell held, by stage name, so an export writes them back."""

    label: str
    field: str
    cells: tuple[tuple[str, str], ...] = ()
    sheet: str = ""  # one sheet per persona: the sheet (lane) an ignored row's cells are from


@dataclass(frozen=True)
class SheetShape:
    """How the team keeps this map as a spreadsheet, remembered from the import so the export
    writes the same shape back: the layout ("columns", "rows" or "inventory"), the sheet's name,
    the label over the stage names, the labelled rows in order, and whether the team keeps one
    sheet per persona (each sheet then holds one lane, named after the sheet)."""

    layout: str
    sheet: str = ""
    corner: str = ""
    rows: tuple[SheetRow, ...] = ()
    per_persona: bool = False
