"""The JSON layer of a .cjm file: decoding, and the limits that bound what a hostile file costs.

A map is small: the app holds 50,000 cards in about 13 MB. The caps below leave room for twice
that with long notes, and keep any file under them within seconds and well under 2 GB to read:
the size first, then the number of JSON objects, arrays and values (counted outside strings
before parsing, and objects again one by one while parsing), so a flood of ``{}`` or of numbers
is refused before it is built. Lone surrogates (``"\\ud83d"``, which JSON allows and UTF-8 cannot hold) are repaired to
U+FFFD and reported, so a map that loads can always be saved. Duplicate keys are reported.
"""

from __future__ import annotations

import codecs
import os
import re
from typing import Any

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice, Severity

MAX_FILE_BYTES = 64 * 2**20
MAX_ITEMS = {"stages": 10_000, "personas": 10_000, "touchpoints": 100_000, "milestones": 20_000, "flows": 200_000}
# Every item is one object, plus the document: anything beyond is not a map.
MAX_JSON_OBJECTS = sum(MAX_ITEMS.values()) + 1_000
# An item has at most a dozen fields: bounds the values a file of floods of numbers or keys makes.
MAX_JSON_VALUES = 12 * MAX_JSON_OBJECTS
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def decode(raw: bytes | str, path: str | os.PathLike[str]) -> str:
    """The file's text: UTF-8 (with or without a BOM), or UTF-16 with its BOM."""
    if isinstance(raw, str):
        return raw
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            text = ""
        if text.lstrip("\ufeff \t\r\n").startswith("{"):
            return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MapFileError(path, f"is not UTF-8 text (byte {error.start}); it is not a .cjm map") from None


def check_structure(text: str, path: str | os.PathLike[str]) -> None:
    """Refuse more objects, arrays and values than a map can have, before parsing builds them.

    Counting characters is fast; only when the rough count is over a limit are the characters
    inside strings (a card titled "[draft]") left out to count exactly.
    """
    containers = text.count("{") + text.count("[")
    values = text.count(",")
    if containers <= MAX_JSON_OBJECTS and values <= MAX_JSON_VALUES:
        return
    outside = _STRING.sub('""', text)
    containers = outside.count("{") + outside.count("[")
    values = outside.count(",")
    if containers > MAX_JSON_OBJECTS:
        raise MapFileError(
            path,
            f"holds {containers:,} JSON objects and lists; a map has at most "
            f"{MAX_JSON_OBJECTS:,}, so this is not a map file",
        )
    if values > MAX_JSON_VALUES:
        raise MapFileError(
            path, f"holds {values:,} JSON values; a map has at most {MAX_JSON_VALUES:,}, so this is not a map file"
        )


def has_surrogate_escape(text: str) -> bool:
    return _SURROGATE_ESCAPE.search(text) is not None


def repair_surrogates(text: str) -> str:
    """Pairs stay characters; a lone surrogate becomes U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class JsonObjects:
    """``object_pairs_hook`` for json.loads: counts objects, repairs text, notes duplicate keys."""

    def __init__(self, path: str | os.PathLike[str], limit: int, repair: bool) -> None:
        self.path = path
        self.limit = limit
        self.repair = repair
        self.count = 0
        self.repaired = 0
        self.duplicates: list[str] = []

    def hook(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.count += 1
        if self.count > self.limit:
            raise MapFileError(
                self.path, f"holds more than {self.limit:,} JSON objects; a map has fewer, so this is not a map file"
            )
        if self.repair:
            pairs = [(self._text(key), self._text(value)) for key, value in pairs]
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _value in pairs:
                if key in seen:
                    self.duplicates.append(key)
                seen.add(key)
        return result

    def _text(self, value: Any) -> Any:
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            self.repaired += 1
            return repair_surrogates(value)
        return value

    def notices(self) -> list[Notice]:
        notices = []
        if self.repaired:
            notices.append(
                Notice(
                    Severity.WARNING,
                    f"{self.repaired:,} text(s) held a broken character (a lone "
                    "UTF-16 surrogate, which no file can store); each was "
                    "replaced by \ufffd so the map can be saved",
                )
            )
        if self.duplicates:
            names = ", ".join(sorted({f'"{key}"' for key in self.duplicates})[:5])
            notices.append(
                Notice(
                    Severity.WARNING, f"a key appears twice in one object ({names}); the last value of each was used"
                )
            )
        return notices
