"""Row and column labels: what a label means, read from the synonym table kept as data.

The table is ``journeymap/resources/synonyms.json``; people add synonyms there, not in code. A
label may also name a persona lane: "Touchpoints: SMB founder", "Touchpoints - Enterprise",
"Enterprise touchpoints". Labels are normalised before matching; stage names never are, because
they are the user's words, not ours.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from journeymap.io.sheets.text import normalise_label


class Field(StrEnum):
    """What a labelled row (or column) of a journey map sheet holds."""

    STAGE = "stage"
    GOAL = "goal"
    SUCCESS_CRITERIA = "success_criteria"
    TIMELINE = "timeline"
    OWNER = "owner"
    TOUCHPOINTS = "touchpoints"
    MILESTONES = "milestones"
    PAIN_POINTS = "pain_points"
    OPPORTUNITIES = "opportunities"
    EMOTIONS = "emotions"
    THOUGHTS = "thoughts"  # what the persona thinks or says: cards of kind "thought"
    # Attributes of the cards beside them (one-row-per-touchpoint inventories), not rows of their own.
    CHANNEL = "channel"
    CARD_OWNER = "card_owner"
    PERSONA = "persona"
    NOTES = "notes"
    KIND = "kind"
    IGNORE = "ignore"  # a label the user (or the guess) leaves out of the map


STAGE_FIELDS = (Field.GOAL, Field.SUCCESS_CRITERIA, Field.TIMELINE, Field.OWNER)
LIST_FIELDS = (Field.TOUCHPOINTS, Field.MILESTONES, Field.PAIN_POINTS, Field.OPPORTUNITIES)
# Fields a label may attach to a persona lane.
LANE_FIELDS = (*LIST_FIELDS, Field.EMOTIONS)

# "Touchpoints: SMB founder", "Enterprise - touchpoints", "Touchpoints | Admin".
_SEPARATOR = re.compile(r"\s*(?::|\||\s[-–—]\s)\s*")
_LONGEST_LABEL_WORDS = 8


@dataclass(frozen=True)
class Label:
    field: Field
    persona: str | None = None


class SynonymTable:
    """The synonym data, with the matching rules over it."""

    def __init__(self, data: dict[str, object]) -> None:
        fields = data["fields"]
        assert isinstance(fields, dict)
        self._by_synonym: dict[str, Field] = {}
        for name, synonyms in fields.items():
            for synonym in synonyms:
                self._by_synonym[normalise_label(synonym)] = Field(name)
        computed = data.get("computed", {})
        assert isinstance(computed, dict)
        self._first_words = frozenset(computed.get("first_words", ()))
        self._last_words = frozenset(computed.get("last_words", ()))
        words = data.get("emotion_words", {})
        assert isinstance(words, dict)
        self.emotion_words: dict[str, int] = {normalise_label(k): int(v) for k, v in words.items()}
        self.examples = {Field(name): synonyms[0] for name, synonyms in fields.items()}

    @lru_cache(maxsize=4096)  # noqa: B019 - the table lives as long as the program
    def match(self, raw: str) -> Label | None:
        """What a label cell means, or None when it is not a label we know."""
        raw = " ".join(raw.split())
        if not raw or len(raw) > 120:
            return None
        field = self._whole(raw)
        if field is not None:
            return Label(field)
        if self.is_computed(raw):
            return None
        return self._with_persona(raw)

    def emotion(self, text: str) -> int | None:
        """An emotion score from -2 to 2 written as a number ("+1", "−1", "2.0") or a word."""
        cleaned = text.strip().replace("\u2212", "-").replace("\u2013", "-")
        try:
            number = float(cleaned)
        except ValueError:
            return self.emotion_words.get(normalise_label(cleaned))
        if number.is_integer() and -2 <= number <= 2:
            return int(number)
        return None

    def is_computed(self, raw: str) -> bool:
        """A label like "Total touchpoints", "# of pain points" or "Touchpoint count"."""
        stripped = raw.strip()
        if stripped.startswith("#"):
            return True
        words = normalise_label(stripped).split()
        return bool(words) and (words[0] in self._first_words or words[-1] in self._last_words)

    def _whole(self, raw: str) -> Field | None:
        normalised = normalise_label(raw)
        field = self._by_synonym.get(normalised)
        if field is not None or "/" not in raw:
            return field
        parts = {self._by_synonym.get(normalise_label(part)) for part in raw.split("/") if part.strip()}
        if len(parts) == 1:
            return parts.pop()
        return None

    def _with_persona(self, raw: str) -> Label | None:
        pieces = _SEPARATOR.split(raw, maxsplit=1)
        if len(pieces) == 2 and pieces[0] and pieces[1]:
            left, right = pieces
            for label_part, persona in ((left, right), (right, left)):
                field = self._whole(label_part)
                if field in LANE_FIELDS:
                    return Label(field, persona.strip())
            return None
        words = raw.split(" ")
        # "Enterprise touchpoints": the longest known label at the end, a persona before it.
        for start in range(max(1, len(words) - _LONGEST_LABEL_WORDS), len(words)):
            field = self._by_synonym.get(normalise_label(" ".join(words[start:])))
            if field in LANE_FIELDS:
                persona = " ".join(words[:start]).strip(" ,;:-–—'’")
                if persona.casefold().endswith(("'s", "’s")):
                    persona = persona[:-2]
                if persona and normalise_label(persona):
                    return Label(field, persona)
                return None
        return None


@lru_cache(maxsize=1)
def synonyms() -> SynonymTable:
    """The synonym table shipped with the app."""
    source = resources.files("journeymap.resources") / "synonyms.json"
    return SynonymTable(json.loads(source.read_text(encoding="utf-8")))
