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
