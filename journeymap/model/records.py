"""The immutable records stored on the map's graph nodes and edges.

Records are frozen so that an undo command can keep the old record and put it back as it was;
an edit always replaces a record with ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a card on the map stands for; each kind has its own colour on canvas and poster."""

    TOUCHPOINT = "touchpoint"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    THOUGHT = "thought"  # what the persona thinks or says: a quote


EMOTION_RANGE = range(-2, 3)


def _text(label: str, default: str | None = "") -> Any:
    """A field with the label people see (panel, headers, poster, describe): declared here, once."""
    if default is None:
        return field(metadata={"label": label})
    return field(default=default, metadata={"label": label})


@dataclass(frozen=True)
class Stage:
    name: str = _text("Name", None)
    goal: str = _text("Goal")
    success_criteria: str = _text("Success criteria")
    timeline: str = _text("Timeline")
    owner: str = _text("Owner")


@dataclass(frozen=True)
class Persona:
    name: str = _text("Name", None)
    description: str = _text("Description")
    goals: str = _text("Goals")
    pain_points: str = _text("Pain points")


@dataclass(frozen=True)
class Touchpoint:
    title: str = _text("Title", None)
    channel: str = _text("Channel")
    owner: str = _text("Owner")
    notes: str = _text("Notes")
    emotion: int | None = field(default=None, metadata={"label": "Emotion"})
    kind: Kind = field(default=Kind.TOUCHPOINT, metadata={"label": "Kind"})


@dataclass(frozen=True)
class Milestone:
    title: str = _text("Title", None)
    success_signal: str = _text("Success signal")


@dataclass(frozen=True)
class Flow:
    label: str = _text("Label")


# What a stage header lists under the stage's name, in this order (canvas, poster, sheet, describe).
STAGE_DETAILS = ("goal", "success_criteria", "timeline", "owner")


def field_labels(record_type: type, names: tuple[str, ...]) -> tuple[str, ...]:
    """The labels of several fields, in the order given: a sheet's column headings."""
    return tuple(field_label(record_type, name) for name in names)


def field_label(record_type: type, name: str) -> str:
    """The label of one field of a record type, e.g. ``field_label(Stage, "success_criteria")``."""
    for item in dataclasses.fields(record_type):
        if item.name == name:
            return str(item.metadata["label"])
    raise KeyError(f"{record_type.__name__} has no field {name!r}")


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
