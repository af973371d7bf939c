"""Reads a day range out of a stage's timeline as people write it ("2-4 weeks", "30-60 days").

The text stays the user's; the range is derived, for sorting and for the canvas's timeline hint.
"""

from __future__ import annotations

import re

_UNIT_DAYS = {
    "d": 1,
    "day": 1,
    "days": 1,
    "w": 7,
    "wk": 7,
    "wks": 7,
    "week": 7,
    "weeks": 7,
    "m": 30,
    "mo": 30,
    "mos": 30,
    "month": 30,
    "months": 30,
    "q": 90,
    "qtr": 90,
    "quarter": 90,
    "quarters": 90,
    "y": 365,
    "yr": 365,
    "yrs": 365,
    "year": 365,
    "years": 365,
}
_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "half": 0.5,
}
_NUMBER = r"(?<![a-z\d.])(\d+(?:[.,]\d+)?|\b(?:" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r"))"
_UNIT = r"(" + "|".join(sorted(_UNIT_DAYS, key=len, reverse=True)) + r")\b"
_RANGE = re.compile(_NUMBER + r"\s*(?:" + _UNIT + r")?\s*(?:-|–|—|to|until)\s*" + _NUMBER + r"\s*" + _UNIT)
_SINGLE = re.compile(_NUMBER + r"[\s-]*" + _UNIT)
_UPPER_ONLY = re.compile(r"(?:within|up to|under|less than|<|first|by|max(?:imum)?)\s*$")
_LOWER_ONLY = re.compile(r"(?:after|over|more than|>|at least|min(?:imum)?)\s*$")


def _number(text: str) -> float:
    text = text.lower()
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]
    return float(text.replace(",", "."))


def parse_timeline(text: str) -> tuple[int, int | None] | None:
    """Return ``(min_days, max_days)`` for the first duration in ``text``, or None.

    ``max_days`` is None for open-ended text such as "after 90 days". "Ongoing" or "Q3" give None:
    they are not durations.
    """
    lowered = text.lower()
    match = _RANGE.search(lowered)
    if match:
        low, first_unit, high, unit = match.groups()
        low_days = _number(low) * _UNIT_DAYS[first_unit or unit]
        high_days = _number(high) * _UNIT_DAYS[unit]
        if low_days > high_days:
            low_days, high_days = high_days, low_days
        return round(low_days), round(high_days)
    match = _SINGLE.search(lowered)
    if not match:
        return None
    days = round(_number(match.group(1)) * _UNIT_DAYS[match.group(2)])
    before = lowered[: match.start()]
    if _UPPER_ONLY.search(before):
        return 0, days
    if _LOWER_ONLY.search(before):
        return days, None
    return days, days
