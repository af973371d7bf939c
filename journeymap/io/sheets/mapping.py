"""The import mapping: what each label of a sheet's table becomes, as guessed and as corrected.

Import is a pipeline a reader can follow: read the cells -> find the table and its labels
(:mod:`detect`) -> propose a mapping (label -> field, from the synonym table) -> the user corrects
it (the import dialog, or ``--field`` / ``--mapping`` on the command line) -> build the map from
the mapping. A :class:`Mapping` holds only the corrections, keyed by the label as written, so it can
be saved, offered again for a sheet with the same labels, and read by a person.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from journeymap.io.errors import MapFileError, reading
from journeymap.io.sheets.labels import Field, Label

# The words a user may write after "LABEL=", in the order the dialog lists them.
FIELD_CHOICES: dict[str, Field] = {
    "stage": Field.STAGE,
    "goal": Field.GOAL,
    "success_criteria": Field.SUCCESS_CRITERIA,
    "timeline": Field.TIMELINE,
    "owner": Field.OWNER,
    "touchpoints": Field.TOUCHPOINTS,
    "pain_points": Field.PAIN_POINTS,
    "opportunities": Field.OPPORTUNITIES,
    "thoughts": Field.THOUGHTS,
    "emotions": Field.EMOTIONS,
    "milestones": Field.MILESTONES,
    "channel": Field.CHANNEL,
    "card_owner": Field.CARD_OWNER,
    "persona": Field.PERSONA,
    "notes": Field.NOTES,
    "kind": Field.KIND,
    "ignore": Field.IGNORE,
}
FIELD_TITLES: dict[Field, str] = {
    Field.STAGE: "Stage names",
    Field.GOAL: "Stage goal",
    Field.SUCCESS_CRITERIA: "Stage success criteria",
    Field.TIMELINE: "Stage timeline",
    Field.OWNER: "Stage owner",
    Field.TOUCHPOINTS: "Touchpoints",
    Field.PAIN_POINTS: "Pain points",
    Field.OPPORTUNITIES: "Opportunities",
    Field.THOUGHTS: "Thoughts",
    Field.EMOTIONS: "Emotions (of the cards beside)",
    Field.MILESTONES: "Milestones",
    Field.CHANNEL: "Channel (of the cards beside)",
    Field.CARD_OWNER: "Card owner (of the cards beside)",
    Field.PERSONA: "Persona lane (of the cards beside)",
    Field.NOTES: "Notes (of the cards beside)",
    Field.KIND: "Kind (of the cards beside)",
    Field.IGNORE: "Ignore",
}
STAGE_FIELDS = (Field.GOAL, Field.SUCCESS_CRITERIA, Field.TIMELINE, Field.OWNER)
CARD_FIELDS = (Field.TOUCHPOINTS, Field.PAIN_POINTS, Field.OPPORTUNITIES, Field.THOUGHTS)
LIST_FIELDS = (*CARD_FIELDS, Field.MILESTONES)
ATTRIBUTE_FIELDS = (Field.EMOTIONS, Field.CHANNEL, Field.CARD_OWNER, Field.PERSONA, Field.NOTES, Field.KIND)
# Fields that make a table worth importing: stage names alone, or one "Time" label, are not a map.
MEANINGFUL = frozenset(f for f in Field if f not in (Field.STAGE, Field.IGNORE))
LANE_CHOICES = (*CARD_FIELDS, Field.MILESTONES, Field.EMOTIONS)


class Layout(StrEnum):
    """The three shapes a journey map sheet comes in."""

    COLUMNS = "columns"  # stages are columns, labels down one column: the team template's shape
    ROWS = "rows"  # stages are rows, labels across the header row
    INVENTORY = "inventory"  # one row per touchpoint: a Stage column whose names repeat

    def describe(self) -> str:
        return {
            Layout.COLUMNS: "stages as columns",
            Layout.ROWS: "stages as rows",
            Layout.INVENTORY: "one row per touchpoint",
        }[self]


@dataclass(frozen=True)
class Target:
    """What a label becomes: a field, and for lane fields optionally one persona's lane."""

    field: Field
    persona: str | None = None

    @classmethod
    def of(cls, label: Label | None) -> Target:
        return cls(Field.IGNORE) if label is None else cls(label.field, label.persona)

    @classmethod
    def parse(cls, spec: str) -> Target:
        """``goal``, ``touchpoints:SMB founder``; raises ValueError naming what is allowed."""
        name, colon, persona = spec.strip().partition(":")
        choice = FIELD_CHOICES.get(name.strip().casefold())
        if choice is None:
            raise ValueError(
                f"unknown field {name.strip()!r}; use one of {', '.join(FIELD_CHOICES)}, "
                "or touchpoints:PERSONA for one lane"
            )
        if colon and choice not in LANE_CHOICES:
            raise ValueError(f'only {", ".join(f.value for f in LANE_CHOICES)} take a persona ("{spec}")')
        if colon and not persona.strip():
            raise ValueError(f'name the persona after the colon ("{spec}")')
        return cls(choice, persona.strip() or None)

    def spec(self) -> str:
        return f"{self.field.value}:{self.persona}" if self.persona else self.field.value

    def describe(self) -> str:
        title = FIELD_TITLES[self.field]
        return f"{title} for {self.persona}" if self.persona else title


def label_key(text: str) -> str:
    """How a label is looked up in a mapping: as written, ignoring case, width and spacing."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


@dataclass
class Mapping:
    """The user's corrections to the guessed mapping, and the layout if they chose one."""

    fields: dict[str, Target] = field(default_factory=dict)  # label as written -> target
    layout: Layout | None = None
    include_hidden: bool = False

    def target_for(self, text: str) -> Target | None:
        """The user's target for a label as written, if any (asked once per cell of a sheet)."""
        if not self.fields:
            return None
        return self._by_key.get(label_key(text))

    @cached_property
    def _by_key(self) -> dict[str, Target]:
        # Built once: a mapping's fields are never changed in place (with_field makes a new mapping).
        return {label_key(label): target for label, target in self.fields.items()}

    def is_empty(self) -> bool:
        return not self.fields and self.layout is None and not self.include_hidden

    def with_field(self, label: str, target: Target) -> Mapping:
        fields = {k: v for k, v in self.fields.items() if label_key(k) != label_key(label)}
        fields[label] = target
        return Mapping(fields, self.layout, self.include_hidden)

    # ------------------------------------------------------------- as a file
    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "format": "journeymap-mapping",
            "version": 1,
            "fields": {label: target.spec() for label, target in self.fields.items()},
        }
        if self.layout is not None:
            data["layout"] = self.layout.value
        if self.include_hidden:
            data["include_hidden"] = True
        return data

    @classmethod
    def from_json(cls, data: object, source: str = "the mapping") -> Mapping:
        if not isinstance(data, dict) or not isinstance(data.get("fields", {}), dict):
            raise ValueError(f'{source} is not a mapping file (expected {{"fields": {{"LABEL": "FIELD"}}}})')
        fields = {}
        for label, spec in data.get("fields", {}).items():
            if not isinstance(spec, str):
                raise ValueError(f"the field of {label!r} must be text, not {type(spec).__name__}")
            fields[str(label)] = Target.parse(spec)
        layout = data.get("layout")
        if layout is not None and layout not in {v.value for v in Layout}:
            raise ValueError(f"unknown layout {layout!r}; use one of {', '.join(v.value for v in Layout)}")
        return cls(fields, Layout(layout) if layout else None, bool(data.get("include_hidden", False)))

    def save(self, path: str | os.PathLike[str]) -> None:
        from journeymap.io.atomic import write_atomic

        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_atomic(path, text.encode("utf-8"))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Mapping:
        with reading(path), open(path, "rb") as stream:
            raw = stream.read(1_000_001)
        if len(raw) > 1_000_000:
            raise MapFileError(path, "is too large for a mapping file (over 1 MB)")
        try:
            return cls.from_json(json.loads(raw.decode("utf-8")), os.fspath(path))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise MapFileError(path, f"is not a JSON mapping file ({error})") from None
        except ValueError as error:
            raise MapFileError(path, str(error)) from None
