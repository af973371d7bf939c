"""Row and column labels: what a label means, read from synonym tables kept as data.

The tables are ``journeymap/resources/synonyms.json`` (English) and one file per language in
``journeymap/resources/labels/`` (French, German, Spanish, Portuguese, Italian, Dutch, Japanese);
people add synonyms there, not in code. Labels are compared after :func:`normalise_label`, and
again without accents ("Etape" is "Étape"); stage names are never normalised, because they are
the user's words, not ours.

A label is matched, in this order:

1. whole: the label is a synonym ("Ziel", "目的", "Goal / Objective" when both halves agree);
2. computed rows ("Total touchpoints", "# of pain points", "Anzahl Kontaktpunkte") are not labels;
3. a separator names a persona lane: "Touchpoints: SMB", "Touchpoints：田中さん", "Enterprise - Pains";
4. by its meaning words, only when the label is short and not a sentence: leading modifiers
   ("Key", "Main", "主な") are dropped; a label that starts with a field's phrase takes that field
   ("Goal or objective", "Painpoints in each step"); otherwise a lane field's phrase at the end
   with another name before it names a persona ("Enterprise touchpoints", "田中さんのタッチポイント");
   otherwise the first phrase inside the label decides ("What the customer is doing").
Stage is only ever matched whole: stage names such as "Étape café" or "Kaufphase" must stay names.
Japanese has no spaces, so phrases in Chinese characters or kana are found as substrings; Latin
phrases only as whole words ("Stakeholder" is not "stage").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from journeymap.io.sheets.text import normalise_label
from journeymap.model import Kind


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
CARD_ATTRIBUTES = (Field.CHANNEL, Field.CARD_OWNER, Field.PERSONA, Field.NOTES, Field.KIND)
# Fields a label may attach to a persona lane.
LANE_FIELDS = (*LIST_FIELDS, Field.THOUGHTS, Field.EMOTIONS)

_CARD_KINDS = {
    Field.TOUCHPOINTS: Kind.TOUCHPOINT,
    Field.PAIN_POINTS: Kind.PAIN_POINT,
    Field.OPPORTUNITIES: Kind.OPPORTUNITY,
    Field.THOUGHTS: Kind.THOUGHT,
}
_DISPLAY_NAMES = {
    Field.STAGE: "stage names",
    Field.GOAL: "goal",
    Field.SUCCESS_CRITERIA: "success criteria",
    Field.TIMELINE: "timeline",
    Field.OWNER: "owner",
    Field.TOUCHPOINTS: "touchpoints",
    Field.MILESTONES: "milestones",
    Field.PAIN_POINTS: "pain points",
    Field.OPPORTUNITIES: "opportunities",
    Field.EMOTIONS: "emotions",
    Field.THOUGHTS: "thoughts",
    Field.CHANNEL: "card channel",
    Field.CARD_OWNER: "card owner",
    Field.PERSONA: "card persona",
    Field.NOTES: "card notes",
    Field.KIND: "card kind",
    Field.IGNORE: "ignore",
}

# "Touchpoints: SMB founder", "Enterprise - touchpoints", "Touchpoints | Admin", "接点：田中さん".
_SEPARATOR = re.compile(r"\s*(?::|：|︰|\||｜|\s[-–—]\s)\s*")
# A label, not a sentence: notes and instructions end like sentences.
_SENTENCE_END = (".", "!", "?", "。", "！", "？", "…")
_PREFIX_WORDS = 7  # "Opportunités d'amélioration pour l'état futur"
_SUFFIX_WORDS = 6
_PERSONA_WORDS = 4
_INSIDE_WORDS = 5
_CJK_CHARS = 20  # a Japanese label, in characters
_PERSONA_TRIM = " ,;:-–—'’・"
# Japanese particles between a persona and the field: "田中さんのタッチポイント", "SMB向けの接点".
_CJK_PERSONA_ENDINGS = ("向けの", "向け", "の")
# "Step 1", "Phase II", "Fase A": a numbered name, not a label.
_LEADING_NUMBER = re.compile(r"\d+(?: |$)")
_NUMBERED = re.compile(r"^(?:\d|[ivx]+$|[a-z]$)")


_CJK = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# One word of a label written with spaces: up to a space or a CJK character.
_TOKEN = re.compile("[^ \u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def _is_cjk(char: str) -> bool:
    """Kana, Chinese characters or Hangul: scripts written without spaces between words."""
    return _CJK.match(char) is not None


def strip_accents(text: str) -> str:
    """Latin accents off ("étape" -> "etape"); Japanese voiced marks stay (they change the word)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F))


@dataclass(frozen=True)
class Label:
    field: Field
    persona: str | None = None


@dataclass(frozen=True)
class _Phrase:
    text: str  # normalised
    field: Field
    strong: bool  # may be found inside a longer label, not only as the whole label


class SynonymTable:
    """The synonym data of every language, with the matching rules over it."""

    def __init__(self, data: dict[str, object], languages: Iterable[dict[str, object]] = ()) -> None:
        self._by_synonym: dict[str, Field] = {}
        self._loose: dict[str, Field | None] = {}  # accent-free keys; None where two fields share one
        self._language_of: dict[str, str] = {}
        self._whole_only: set[str] = set()
        self._modifiers: set[str] = set()
        self._question_words: set[str] = set()  # "What the customer is doing" names no persona
        self._connectors: set[str] = set()  # "Goal or objective", "Painpoints in each step": qualifiers follow
        self._compounds: set[str] = set()  # languages that write "Kundenziele" in one word
        self._first_words: set[str] = set()
        self._last_words: set[str] = set()
        self.emotion_words: dict[str, int] = {}
        self.languages: dict[str, str] = {}  # code -> name
        self._names: dict[str, dict[Field, str]] = {}
        first = self._add_language(data)
        for extra in languages:
            self._add_language(extra)
        self.examples = dict(self._names[first])
        self._starts: dict[str, list[_Phrase]] = {}  # by first word, or first character for Japanese
        self._lane_endings: set[str] = set()  # last words of lane phrases, and whole Japanese ones
        self._phrases = self._phrase_list()
        self._modifier_re = _alternation(self._modifiers)
        self._question_re = _alternation(self._question_words)
        self._cjk_first_words = tuple(w for w in self._first_words if _is_cjk(w[0]))
        self._cjk_last_words = tuple(w for w in self._last_words if _is_cjk(w[-1]))
        self._lane_cjk_endings = tuple(e for e in self._lane_endings if _is_cjk(e[-1]))
        self._compound_ends = [
            p
            for p in self._phrases
            if p.strong and len(p.text) >= 5 and " " not in p.text and self._language_of.get(p.text) in self._compounds
        ]

    # ---------------------------------------------------------------- data
    def _add_language(self, data: dict[str, object]) -> str:
        code = str(data.get("language", "en"))
        self.languages[code] = str(data.get("name", code))
        fields = data["fields"]
        if not isinstance(fields, dict):
            raise ValueError(f"labels for {code}: 'fields' must be an object")
        names: dict[Field, str] = {}
        for name, words in fields.items():
            field = Field(name)
            for word in words:
                key = normalise_label(word)
                known = self._by_synonym.get(key)
                if known is not None and known is not field:
                    raise ValueError(f"labels for {code}: {word!r} means {known.value} already, not {field.value}")
                self._by_synonym[key] = field
                self._language_of.setdefault(key, code)
                loose = strip_accents(key)
                if loose in self._loose and self._loose[loose] is not field:
                    self._loose[loose] = None  # accents tell these apart: only the exact spelling matches
                else:
                    self._loose[loose] = field
            if words:
                names[field] = words[0]
        self._names[code] = names
        self._whole_only.update(normalise_label(w) for w in _strings(data.get("whole_only", ())))
        self._modifiers.update(normalise_label(w) for w in _strings(data.get("modifiers", ())))
        self._question_words.update(normalise_label(w) for w in _strings(data.get("question_words", ())))
        self._connectors.update(normalise_label(w) for w in _strings(data.get("connectors", ())))
        if data.get("compounds"):
            self._compounds.add(code)
        computed = data.get("computed", {})
        if isinstance(computed, dict):
            self._first_words.update(normalise_label(w) for w in _strings(computed.get("first_words", ())))
            self._last_words.update(normalise_label(w) for w in _strings(computed.get("last_words", ())))
        words = data.get("emotion_words", {})
        if isinstance(words, dict):
            for word, value in words.items():
                self.emotion_words[normalise_label(word)] = int(value)
                self.emotion_words.setdefault(strip_accents(normalise_label(word)), int(value))
        return code

    def _phrase_list(self) -> list[_Phrase]:
        """Every synonym but the stage's, longest first, for matching inside longer labels."""
        phrases = []
        for key, field in self._by_synonym.items():
            if field in (Field.STAGE, Field.IGNORE):
                continue
            strong = key not in self._whole_only
            phrases.append(_Phrase(key, field, strong))
            loose = strip_accents(key)
            if loose != key and self._loose.get(loose) is field:
                phrases.append(_Phrase(loose, field, strong))
        phrases.sort(key=lambda p: -len(p.text))
        for phrase in phrases:
            first = (
                phrase.text[0]
                if _is_cjk(phrase.text[0])
                else re.split(r"[ \u3040-\u30ff\u4e00-\u9fff]", phrase.text, maxsplit=1)[0]
            )
            self._starts.setdefault(first, []).append(phrase)
            if phrase.field in LANE_FIELDS and phrase.strong:
                self._lane_endings.add(phrase.text if _is_cjk(phrase.text[-1]) else phrase.text.split(" ")[-1])
        return phrases

    # ---------------------------------------------------------------- public
    @lru_cache(maxsize=4096)  # noqa: B019 - the table lives as long as the program
    def match(self, raw: str) -> Label | None:
        """What a label cell means, or None when it is not a label we know."""
        text = " ".join(raw.split())
        if not text or len(text) > 120:
            return None
        field = self._whole(text)
        if field is not None:
            return Label(field)
        if self.is_computed(text):
            return None
        separated = self._separated(text)
        if separated is not None:
            return separated[0]
        if not _label_like(text):
            return None
        return self._by_meaning(text)

    def language(self, raw: str) -> str | None:
        """The language code of the synonym a label matched whole ("Ziel" -> "de"), if any."""
        key = normalise_label(" ".join(raw.split()))
        code = self._language_of.get(key)
        if code is None and self._loose.get(strip_accents(key)) is not None:
            loose = strip_accents(key)
            code = next((c for k, c in self._language_of.items() if strip_accents(k) == loose), None)
        return code

    def name_in(self, field: Field, language: str = "en") -> str:
        """The usual label of a field in a language ("Ziel" for goal in German), English otherwise."""
        return self._names.get(language, {}).get(field) or self.examples.get(field, field.value)

    def synonyms_of(self, field: Field) -> list[str]:
        """Every normalised synonym of a field, in every language."""
        return [k for k, f in self._by_synonym.items() if f is field]

    @staticmethod
    def fields_for_display() -> list[tuple[Field, str]]:
        """Every field with a short English name, in the order a mapping choice lists them."""
        return list(_DISPLAY_NAMES.items())

    def card_kind(self, text: str) -> Kind | None:
        """A card's kind written as a value ("pain_point"), its name ("Pain point") or any label of
        its field in any language ("Thoughts", "Quote", "Schmerzpunkte", "思考"); None otherwise."""
        key = normalise_label(text)
        for kind in Kind:
            if key == normalise_label(kind.value):
                return kind
        label = self.match(text)
        return None if label is None else _CARD_KINDS.get(label.field)

    def emotion(self, text: str) -> int | None:
        """An emotion score from -2 to 2 written as a number ("+1", "−1", "2.0") or a word."""
        cleaned = text.strip().replace("\u2212", "-").replace("\u2013", "-")
        try:
            number = float(unicodedata.normalize("NFKC", cleaned).replace(",", "."))
        except ValueError:
            key = normalise_label(cleaned)
            value = self.emotion_words.get(key)
            return self.emotion_words.get(strip_accents(key)) if value is None else value
        if number.is_integer() and -2 <= number <= 2:
            return int(number)
        return None

    def is_computed(self, raw: str) -> bool:
        """A label like "Total touchpoints", "# of pain points", "Touchpoint count" or "タッチポイント数"."""
        stripped = raw.strip()
        if stripped.startswith(("#", "＃", "№")):
            return True
        key = normalise_label(stripped)
        words = key.split()
        if not words:
            return False
        loose = [strip_accents(w) for w in (words[0], words[-1])]
        if (
            words[0] in self._first_words
            or loose[0] in self._first_words
            or words[-1] in self._last_words
            or loose[1] in self._last_words
        ):
            return True
        # Japanese: "合計タッチポイント", "タッチポイント数" have no space before the word.
        if _CJK.search(key) is None:
            return False
        return key.startswith(self._cjk_first_words) or any(
            key.endswith(w) and len(key) > len(w) for w in self._cjk_last_words
        )

    # ---------------------------------------------------------------- rules
    def _field(self, key: str) -> Field | None:
        field = self._by_synonym.get(key)
        return field if field is not None else self._loose.get(strip_accents(key))

    def _whole(self, raw: str) -> Field | None:
        field = self._field(normalise_label(raw))
        if field is not None or "/" not in raw:
            return field
        parts = {self._field(normalise_label(part)) for part in raw.split("/") if part.strip()}
        if len(parts) == 1:
            return parts.pop()
        return None

    def _whole_or_modified(self, raw: str) -> Field | None:
        """A whole synonym, maybe after modifiers: "Key touchpoints", "主な課題"."""
        field = self._whole(raw)
        if field is not None:
            return field
        key = normalise_label(raw)
        rest = self._without_modifiers(key)
        return self._field(rest) if rest and rest != key and not self._general(rest) else None

    def _general(self, key: str) -> bool:
        """A word too general to mean its field once qualified: "Customer Success" is a team's name."""
        return key in self._whole_only or strip_accents(key) in self._whole_only

    def _separated(self, text: str) -> tuple[Label | None] | None:
        """ "Touchpoints: SMB" and the like; None when the label has no such separator to go by."""
        pieces = _SEPARATOR.split(text, maxsplit=1)
        if len(pieces) != 2 or not pieces[0].strip() or not pieces[1].strip():
            return None
        left, right = pieces
        for label_part, persona in ((left, right), (right, left)):
            field = self._whole_or_modified(label_part)
            if field in LANE_FIELDS:
                return (Label(field, persona.strip()),)
            if field is not None:
                # "Goal: SMB": a stage field has no lanes; "Persona: Buyer" is no label either.
                return (None,)
        return None

    def _by_meaning(self, text: str) -> Label | None:
        key = normalise_label(text)
        cjk = _CJK.search(key) is not None
        words = len(key.split())
        if (cjk and len(key.replace(" ", "")) > _CJK_CHARS) or (not cjk and words > _PREFIX_WORDS):
            return None
        rest = self._without_modifiers(key)
        if not rest:
            return None
        if rest != key and not self._general(rest):
            field = self._field(rest)
            if field is not None:
                return None if field is Field.STAGE else Label(field)
        starts = self._phrase_at_start(rest)
        if starts is not None:
            phrase, after = starts
            if self._qualifies(phrase, after):
                return Label(phrase.field)
            if _NUMBERED.match(after):
                return None  # "Steps 1-3": a numbered name
        question = self._question_re.match(key) is not None
        if not question and (cjk or words <= _SUFFIX_WORDS):
            lane = self._persona_lane(text)
            if lane is not None:
                return lane
        if question and not cjk and words <= _INSIDE_WORDS:
            for phrase in self._phrases_inside(rest):
                return Label(phrase.field)
        compound = self._compound(key)
        return None if compound is None else Label(compound)

    def _qualifies(self, phrase: _Phrase, after: str) -> bool:
        """Whether the words after a field's phrase only qualify it: "Goal *or objective*",
        "Painpoints *in each step*", "Points de douleur *principaux*", "課題*と改善*", "Emotions *-2 to +2*".
        Card titles that start with a field's word ("Ideas portal", "Notes from call") do not."""
        if _is_cjk(phrase.text[-1]):
            return not _NUMBERED.match(after)
        words = after.split()
        if words[0] in self._connectors:
            return True
        if phrase.field is Field.EMOTIONS and all(w.isdigit() or w in self._connectors for w in words):
            return True  # a scale
        return all(w in self._modifiers for w in words)

    def _without_modifiers(self, key: str) -> str:
        rest = key
        changed = True
        while changed and rest:
            changed = False
            number = _LEADING_NUMBER.match(rest)  # "Top 3 pain points"
            if number and rest != key:
                rest = rest[number.end() :]
                changed = True
                continue
            modifier = self._modifier_re.match(rest)
            if modifier:
                rest = rest[modifier.end() :].lstrip()
                changed = True
        return rest

    def _phrase_at_start(self, key: str) -> tuple[_Phrase, str] | None:
        for phrase in self._candidates(key, 0):  # longest first
            if phrase.strong and _starts_with(key, phrase.text):
                return phrase, key[len(phrase.text) :].strip()
        return None

    def _phrases_inside(self, key: str) -> Iterator[_Phrase]:
        """Phrases found inside a label, the earliest first (the longest of those first)."""
        if _CJK.search(key) is None:
            starts = [0, *(i + 1 for i, c in enumerate(key) if c == " ")]
        else:
            starts = [
                i
                for i in range(len(key))
                if key[i] != " " and (i == 0 or key[i - 1] == " " or _is_cjk(key[i]) or _is_cjk(key[i - 1]))
            ]
        for index in starts:
            for phrase in self._candidates(key, index):
                if (
                    phrase.strong
                    and len(phrase.text) >= 2
                    and key.startswith(phrase.text, index)
                    and _boundary(key, index + len(phrase.text), phrase.text)
                ):
                    yield phrase

    def _candidates(self, key: str, index: int) -> list[_Phrase]:
        """The phrases that could start at ``index``: those with its first word (or first character)."""
        if _is_cjk(key[index]):
            return self._starts.get(key[index], [])
        token = _TOKEN.match(key, index)
        return self._starts.get(token.group(), []) if token else []

    def _persona_lane(self, text: str) -> Label | None:
        """A lane field's phrase at the end, a persona's name before it: "Enterprise touchpoints"."""
        key = normalise_label(text)
        if key.rsplit(" ", 1)[-1] not in self._lane_endings and not key.endswith(self._lane_cjk_endings):
            return None
        for cut in range(1, len(text)):
            before, after = text[:cut], text[cut:]
            if not (before.endswith(" ") or _is_cjk(after[0]) or _is_cjk(before[-1])):
                continue
            key = normalise_label(after)
            field = self._field(key)
            if field not in LANE_FIELDS or key in self._whole_only:
                continue
            persona = before.strip(_PERSONA_TRIM)
            if persona.casefold().endswith(("'s", "’s")):
                persona = persona[:-2]
            for ending in _CJK_PERSONA_ENDINGS:
                if persona.endswith(ending) and len(persona) > len(ending):
                    persona = persona[: -len(ending)]
                    break
            persona_key = normalise_label(persona)
            persona_words = persona_key.split()
            if not persona_key or len(persona_words) > _PERSONA_WORDS or self._connectors.intersection(persona_words):
                return None  # "Account setup and first steps" is a stage's name, not a persona's lane
            if _CJK.search(persona) and persona == before.strip(_PERSONA_TRIM) and _is_cjk(persona[-1]):
                return None  # "ウェブサイト接点": in Japanese a persona comes with の or 向け
            if not self._without_modifiers(persona_key):
                return Label(field)  # "Customer touchpoints", "顧客のタッチポイント": no lane of its own
            return Label(field, persona)
        return None

    def _compound(self, key: str) -> Field | None:
        """German and Dutch compounds: "Hauptschmerzpunkte", "Kundenkontaktpunkte" (never a stage)."""
        if not self._compounds or " " in key:
            return None
        for phrase in self._compound_ends:
            if key.endswith(phrase.text) and len(key) > len(phrase.text) + 2:
                return phrase.field
        return None


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern for any of ``words`` at the start of a label, as whole words (longest first)."""
    parts = [
        re.escape(w) + ("" if _is_cjk(w[-1]) else f"(?= |$|{_CJK.pattern})")
        for w in sorted((w for w in words if w), key=len, reverse=True)
    ]
    return re.compile("(?:" + "|".join(parts) + ")" if parts else "(?!)")


def _label_like(text: str) -> bool:
    """Short text that does not read as a sentence (notes and instructions do)."""
    return not text.rstrip().endswith(_SENTENCE_END)


def _boundary(key: str, end: int, phrase: str) -> bool:
    """Whether a phrase ending at ``end`` ends a word (CJK phrases need no spaces around them)."""
    return end >= len(key) or key[end] == " " or _is_cjk(phrase[-1]) or _is_cjk(key[end])


def _starts_with(key: str, phrase: str) -> bool:
    return key.startswith(phrase) and _boundary(key, len(phrase), phrase)


def _find(key: str, phrase: str) -> int:
    """Where a phrase occurs in a label as whole words (or anywhere, for CJK phrases), or -1."""
    start = key.find(phrase)
    while start >= 0:
        left_ok = start == 0 or key[start - 1] == " " or _is_cjk(phrase[0]) or _is_cjk(key[start - 1])
        if left_ok and _boundary(key, start + len(phrase), phrase):
            return start
        start = key.find(phrase, start + 1)
    return -1


def _language_files() -> list[dict[str, object]]:
    folder = resources.files("journeymap.resources") / "labels"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


@lru_cache(maxsize=1)
def synonyms() -> SynonymTable:
    """The synonym table shipped with the app: English and every language in resources/labels."""
    source = resources.files("journeymap.resources") / "synonyms.json"
    return SynonymTable(json.loads(source.read_text(encoding="utf-8")), _language_files())
