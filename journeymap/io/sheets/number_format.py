"""The text a spreadsheet shows for a number or date under its number format code (Excel's codes).

Workbooks store 0.9 and a format "0%"; the team sees "90%". This covers the codes teams use:
sections (positive;negative;zero;text), fixed decimals, thousands separators, scaling commas,
percentages, scientific notation, quoted and escaped literals, currency tags (``[$€-407]``),
colours, padding (``_)``) and fill (``* ``), dates and times (``mmm yyyy``, ``d-mmm-yy``,
``h:mm AM/PM``, elapsed ``[h]:mm``). Separators are always shown the en-US way ("1,234.5"), as the
file stores them. Anything else (fractions, conditions, calendars) gives None, and the caller
falls back to the plain General rendering: a value is never lost to a code we cannot read.
Qt-free and openpyxl-free, so the .xlsx reader and others can share it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

Number = int | float
Value = Number | dt.datetime | dt.date | dt.time | dt.timedelta

# Built-in format ids whose display depends on the reader's system locale (short date, CJK
# calendars): shown by the General rendering (ISO dates), which is unambiguous for every team.
_LOCALE_DEPENDENT = {14, 22, *range(27, 37), *range(50, 59)}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EPOCH_1900 = dt.datetime(1899, 12, 30)

# One token of a format section; the order of the alternatives matters (longest first).
_TOKEN = re.compile(
    r"""
    "(?P<quoted>[^"]*)"?          # "literal text"
  | \\(?P<escaped>.)              # \c
  | _(?P<pad>.)                   # _x: a space as wide as x
  | \*(?P<fill>.)                 # *x: repeat x to fill the cell
  | \[(?P<bracket>[^\]]*)\]       # [Red], [$€-407], [h], [>100]
  | (?P<general>General)
  | (?P<ampm>AM/PM|am/pm|A/P|a/p)
  | (?P<exp>[Ee][+-])
  | (?P<date>[Yy]+|[Mm]+|[Dd]+|[Hh]+|[Ss]+|[Ee])
  | (?P<digit>[0#?])
  | (?P<char>.)
""",
    re.VERBOSE | re.DOTALL,
)
_COLOUR = re.compile(r"(?i)(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)")
_CONDITION = re.compile(r"(<=|>=|<>|<|>|=)\s*-?[\d.]+")
_ELAPSED = re.compile(r"(?i)(h+|m+|s+)")


@dataclass(frozen=True)
class _Token:
    kind: str  # literal, digit, point, comma, percent, exp, general, at, date, ampm, elapsed
    text: str


@dataclass(frozen=True)
class _Section:
    tokens: tuple[_Token, ...]
    is_date: bool


def builtin_code(format_id: int) -> str | None:
    """The code of a built-in format id that displays the same everywhere; None for General and
    the locale-dependent ones (which then show as General)."""
    if format_id == 0 or format_id in _LOCALE_DEPENDENT:
        return None
    return _BUILTIN.get(format_id)


_BUILTIN = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
    48: "##0.0E+0",
    49: "@",
}


def is_general(code: str | None) -> bool:
    return code is None or code.strip().lower() in ("", "general", "@")


def format_value(value: Value, code: str) -> str | None:
    """What the code shows for a number or a date/time, or None when the code is beyond this module."""
    if isinstance(value, bool):
        return None
    try:
        sections = _parse(code)
    except _UnsupportedError:
        return None
    if not sections:
        return None
    try:
        if isinstance(value, int | float):
            if not math.isfinite(value):
                return None
            text = _format_number(value, sections)
        else:
            section = sections[0]
            text = _format_date(value, section) if section.is_date else None
    except (_UnsupportedError, ArithmeticError, InvalidOperation, OverflowError, ValueError):
        return None
    if text is None:
        return None
    text = text.strip()
    # A code that hides the value (";;;") would make a filled cell look empty: keep the value.
    return text or None


class _UnsupportedError(Exception):
    """A code (or a use of it) this module does not render; the caller shows General."""


@lru_cache(maxsize=512)
def _parse(code: str) -> tuple[_Section, ...]:
    sections: list[list[_Token]] = [[]]
    for match in _TOKEN.finditer(code):
        kind = match.lastgroup
        text = match.group(kind or 0)
        tokens = sections[-1]
        if kind == "char" and text == ";":
            sections.append([])
        elif kind in ("quoted", "escaped"):
            tokens.append(_Token("literal", text))
        elif kind == "pad":
            tokens.append(_Token("literal", " "))
        elif kind == "fill":
            continue
        elif kind == "bracket":
            tokens.extend(_bracket(text))
        elif kind == "general":
            tokens.append(_Token("general", text))
        elif kind == "ampm":
            tokens.append(_Token("ampm", text))
        elif kind == "exp":
            tokens.append(_Token("exp", text[1]))
        elif kind == "date":
            tokens.append(_Token("date", text.lower()))
        elif kind == "digit":
            tokens.append(_Token("digit", text))
        elif text == ".":
            tokens.append(_Token("point", text))
        elif text == ",":
            tokens.append(_Token("comma", text))
        elif text == "%":
            tokens.append(_Token("percent", text))
        elif text == "@":
            tokens.append(_Token("at", text))
        elif text == "/":
            tokens.append(_Token("slash", text))
        elif text in "BbGg":
            raise _UnsupportedError(code)  # Buddhist and Japanese era calendars
        else:
            tokens.append(_Token("literal", text))
    if len(sections) > 4:
        raise _UnsupportedError(code)
    return tuple(
        _Section(tuple(tokens), any(t.kind in ("date", "ampm", "elapsed") for t in tokens)) for tokens in sections
    )


def _bracket(text: str) -> list[_Token]:
    """[Red] and [Color 3] colour nothing here; [$€-407] is a currency sign; [h] is elapsed time."""
    if text.startswith("$"):
        symbol = text[1:].split("-", 1)[0]
        return [_Token("literal", symbol)] if symbol else []
    if _COLOUR.fullmatch(text):
        return []
    if _ELAPSED.fullmatch(text):
        return [_Token("elapsed", text.lower())]
    if _CONDITION.fullmatch(text):
        raise _UnsupportedError(text)
    raise _UnsupportedError(text)


# Numbers -----------------------------------------------------------------------------------------


def _format_number(value: Number, sections: tuple[_Section, ...]) -> str | None:
    numeric = sections[:3]  # a fourth section applies to text cells only
    if value < 0 and len(numeric) >= 2:
        section, shown, sign = numeric[1], -value, ""
    elif value == 0 and len(numeric) >= 3:
        section, shown, sign = numeric[2], 0.0, ""
    else:
        section, shown, sign = numeric[0], abs(value), "-" if value < 0 else ""
    if section.is_date:
        date = _from_serial(value)
        return _format_date(date, section) if date is not None else None
    text, zero = _number_section(shown, section.tokens)
    return text if zero or not sign else sign + text


def _number_section(value: float, tokens: tuple[_Token, ...]) -> tuple[str, bool]:
    """The section's text for a value >= 0, and whether it shows as zero (then no minus sign)."""
    kinds = [t.kind for t in tokens]
    if "slash" in kinds and "digit" in kinds:
        raise _UnsupportedError("fraction")
    if "digit" not in kinds:
        # No placeholders: "General", "@", or a section of literals only ("-" for zero).
        out = []
        for token in tokens:
            if token.kind in ("general", "at"):
                out.append(_general(value))
            elif token.kind in ("literal", "comma", "point", "percent", "slash"):
                out.append(token.text)
        return "".join(out), value == 0
    first = kinds.index("digit")
    last = len(kinds) - 1 - kinds[::-1].index("digit")
    exp_at = kinds.index("exp") if "exp" in kinds else None
    mantissa_end = exp_at if exp_at is not None else last + 1
    point = next((i for i in range(first, mantissa_end) if kinds[i] == "point"), None)
    if point is None and first > 0 and kinds[first - 1] == "point":
        point = first - 1  # ".00"
    int_end = point if point is not None else mantissa_end
    int_slots = [i for i in range(first, int_end) if kinds[i] == "digit"]
    frac_slots = [i for i in range(point + 1, mantissa_end) if kinds[i] == "digit"] if point is not None else []
    # Commas right after the last integer placeholder divide by 1000 each; others group thousands.
    consumed = {j for j in range(int_slots[0], int_slots[-1]) if kinds[j] == "comma"} if int_slots else set()
    grouping = bool(consumed)
    digits_end = frac_slots[-1] if frac_slots else int_slots[-1] if int_slots else len(kinds) - 1
    j = digits_end + 1
    scale = 0
    while j < len(kinds) and kinds[j] == "comma":
        consumed.add(j)
        scale += 1
        j += 1
    percent = kinds.count("percent")
    number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    number = number.scaleb(2 * percent - 3 * scale)
    exponent_text = ""
    if exp_at is not None:
        number, exponent_text = _scientific(number, tokens, exp_at, len(int_slots), len(frac_slots))
    rounded = number.quantize(Decimal(1).scaleb(-len(frac_slots)), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{rounded:f}".partition(".")
    whole = whole.lstrip("0")
    zero = rounded == 0
    placeholders = "".join(tokens[i].text for i in int_slots)
    first_zero = min((placeholders.find(c) for c in "0?" if c in placeholders), default=-1)
    if first_zero >= 0:
        minimum = len(placeholders) - first_zero
        pad = "".join("0" if c == "0" else " " for c in placeholders[first_zero:])
        if len(whole) < minimum:
            whole = pad[: minimum - len(whole)] + whole
    if grouping:
        digits = whole.strip()
        grouped = f"{int(digits):,}" if digits.isdigit() else digits
        whole = whole[: len(whole) - len(digits)] + grouped
    fraction = _trim_fraction(fraction, "".join(tokens[i].text for i in frac_slots))
    return _lay_out(
        tokens, int_slots, frac_slots, point, whole, fraction, exp_at, exponent_text, consumed, grouping
    ), zero


def _trim_fraction(fraction: str, placeholders: str) -> str:
    """Drop trailing zeros where the placeholder is # (and show ? as a space)."""
    chars = list(fraction)
    for index in range(len(chars) - 1, -1, -1):
        if chars[index] != "0" or placeholders[index] == "0":
            break
        chars[index] = "" if placeholders[index] == "#" else " "
    return "".join(chars)


def _scientific(
    number: Decimal, tokens: tuple[_Token, ...], exp_at: int, int_digits: int, frac_digits: int
) -> tuple[Decimal, str]:
    exponent_slots = [t for t in tokens[exp_at + 1 :] if t.kind == "digit"]
    if number == 0:
        exponent = 0
    else:
        exponent = number.adjusted()
        step = int_digits if int_digits > 1 else 1
        exponent = (exponent // step) * step
        mantissa = number.scaleb(-exponent).quantize(Decimal(1).scaleb(-frac_digits), rounding=ROUND_HALF_UP)
        if mantissa >= Decimal(10) ** step:
            exponent += step
    mantissa = number.scaleb(-exponent)
    sign = "-" if exponent < 0 else ("+" if tokens[exp_at].text == "+" else "")
    digits = str(abs(exponent)).rjust(max(len(exponent_slots), 1), "0")
    return mantissa, sign + digits


def _lay_out(
    tokens: tuple[_Token, ...],
    int_slots: list[int],
    frac_slots: list[int],
    point: int | None,
    whole: str,
    fraction: str,
    exp_at: int | None,
    exponent_text: str,
    consumed: set[int],
    grouping: bool,
) -> str:
    """Put the digits into their placeholders; literals between them stay where the code has them."""
    filled: dict[int, str] = {}
    if int_slots:
        if grouping or len(int_slots) == 1:
            for slot in int_slots:
                filled[slot] = ""
            filled[int_slots[0]] = whole
        else:
            # Right to left, one digit per placeholder; the first takes whatever is left over.
            chars = list(whole)
            for slot in reversed(int_slots[1:]):
                filled[slot] = chars.pop() if chars else ""
            filled[int_slots[0]] = "".join(chars)
    elif whole and point is not None:
        filled[point] = whole  # ".00" on 12.5 shows 12.50
    for slot, char in zip(frac_slots, fraction.ljust(len(frac_slots)), strict=False):
        filled[slot] = char.strip() if char == " " and slot == frac_slots[-1] else char
    out = []
    for index, token in enumerate(tokens):
        if exp_at is not None and index == exp_at:
            out.append("E" + exponent_text)
            continue
        if exp_at is not None and index > exp_at and token.kind == "digit":
            continue
        if index in filled and token.kind == "digit":
            out.append(filled[index])
        elif token.kind == "point":
            out.append(filled.get(index, "") + ("." if index == point else ""))
        elif token.kind == "comma":
            if index not in consumed:
                out.append(",")
        elif token.kind in ("general", "at"):
            continue
        elif token.kind in ("literal", "percent", "slash"):
            out.append(token.text)
        elif token.kind == "digit":
            out.append(filled.get(index, ""))
    return "".join(out)


def _general(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


# Dates and times ---------------------------------------------------------------------------------


def _from_serial(serial: Number) -> dt.datetime | None:
    """A serial day number (1900 system) as a date; None outside what Excel shows."""
    if serial < 0 or serial > 2958465:
        return None
    return _EPOCH_1900 + dt.timedelta(days=serial)


def _format_date(value: dt.datetime | dt.date | dt.time | dt.timedelta | Number, section: _Section) -> str | None:
    tokens = section.tokens
    elapsed = isinstance(value, dt.timedelta)
    if elapsed:
        assert isinstance(value, dt.timedelta)
        total = value
        moment = _EPOCH_1900 + value
    elif isinstance(value, dt.datetime):
        moment, total = value, value - _EPOCH_1900
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
        total = moment - _EPOCH_1900
    elif isinstance(value, dt.time):
        if any(t.kind == "date" and t.text[0] in "yd" for t in tokens):
            return None  # a time of day shown with a date part: Excel shows 1900-01-00
        moment = dt.datetime.combine(_EPOCH_1900.date(), value)
        total = moment - _EPOCH_1900
    else:
        return None
    if total < dt.timedelta(0):
        return None
    fraction_digits = _fraction_digits(tokens)
    step = dt.timedelta(microseconds=10 ** (6 - fraction_digits))
    rounding = (moment - dt.datetime.min) % step
    if rounding * 2 >= step:
        moment += step - rounding
        total += step - rounding
    else:
        moment -= rounding
        total -= rounding
    twelve = any(t.kind == "ampm" for t in tokens)
    minutes_at = _minute_tokens(tokens)
    out = []
    skip_fraction = False
    for index, token in enumerate(tokens):
        kind, text = token.kind, token.text
        if kind == "date":
            out.append(_date_part(text, moment, index in minutes_at, twelve))
            skip_fraction = False
        elif kind == "elapsed":
            seconds = int(total.total_seconds())
            unit = {"h": 3600, "m": 60, "s": 1}[text[0]]
            out.append(str(seconds // unit).rjust(len(text), "0"))
        elif kind == "ampm":
            am = moment.hour < 12
            if text.upper() == "AM/PM":
                out.append("AM" if am else "PM")
            else:
                letter = "A" if am else "P"
                out.append(letter if text[0].isupper() else letter.lower())
        elif kind == "point" and index + 1 < len(tokens) and tokens[index + 1].kind == "digit":
            digits = sum(1 for _ in _run(tokens, index + 1))
            micro = f"{moment.microsecond:06d}"
            out.append("." + micro[:digits])
            skip_fraction = True
        elif kind == "digit":
            if not skip_fraction:
                raise _UnsupportedError("digit in a date")
        elif kind in ("general", "at"):
            raise _UnsupportedError("General in a date")
        else:
            out.append(text)
    return "".join(out)


def _run(tokens: tuple[_Token, ...], start: int) -> list[_Token]:
    run = []
    for token in tokens[start:]:
        if token.kind != "digit" or token.text != "0":
            break
        run.append(token)
    return run


def _fraction_digits(tokens: tuple[_Token, ...]) -> int:
    for index, token in enumerate(tokens):
        if token.kind == "point" and index + 1 < len(tokens) and tokens[index + 1].kind == "digit":
            return min(len(_run(tokens, index + 1)), 6)
    return 0


def _minute_tokens(tokens: tuple[_Token, ...]) -> set[int]:
    """Indices of m/mm tokens that mean minutes: right after an hour or right before seconds."""
    parts = [(i, t.text[0]) for i, t in enumerate(tokens) if t.kind in ("date", "elapsed")]
    minutes = set()
    for position, (index, letter) in enumerate(parts):
        text = tokens[index].text
        if letter != "m" or len(text) > 2 or tokens[index].kind != "date":
            continue
        before = parts[position - 1][1] if position > 0 else ""
        after = parts[position + 1][1] if position + 1 < len(parts) else ""
        if before == "h" or after == "s":
            minutes.add(index)
    return minutes


def _date_part(text: str, moment: dt.datetime, minutes: bool, twelve: bool) -> str:
    letter, size = text[0], len(text)
    if letter == "y" or letter == "e":
        return f"{moment.year % 100:02d}" if size <= 2 and letter == "y" else str(moment.year)
    if letter == "m" and minutes:
        return f"{moment.minute:02d}" if size == 2 else str(moment.minute)
    if letter == "m":
        if size == 1:
            return str(moment.month)
        if size == 2:
            return f"{moment.month:02d}"
        name = _MONTHS[moment.month - 1]
        return name[:3] if size == 3 else name[0] if size == 5 else name
    if letter == "d":
        if size == 1:
            return str(moment.day)
        if size == 2:
            return f"{moment.day:02d}"
        name = _DAYS[moment.weekday()]
        return name[:3] if size == 3 else name
    if letter == "h":
        hour = moment.hour
        if twelve:
            hour = hour % 12 or 12
        return f"{hour:02d}" if size >= 2 else str(hour)
    if letter == "s":
        return f"{moment.second:02d}" if size >= 2 else str(moment.second)
    raise _UnsupportedError(text)
