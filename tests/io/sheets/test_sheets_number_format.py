"""Number format codes, case by case: the text a team sees in Excel for a stored value.

Expected texts are what Excel (en-US) shows for the value and code; a code the module does not
render gives None, so the reader falls back to the General rendering and no value is lost.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.io.sheets.number_format import builtin_code, format_value, is_general

ACCOUNTING = '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)'


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (0.9, "0%", "90%"),
        (0.125, "0.0%", "12.5%"),
        (0.0625, "0.00%", "6.25%"),
        (1234567.891, "#,##0", "1,234,568"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (0.5, "#,##0.00", "0.50"),
        (3.14159, "0.000", "3.142"),
        (99.999, "0.00", "100.00"),
        (2.675, "0.00", "2.68"),  # half away from zero on the decimal value, as Excel rounds
        (3, "000", "003"),
        (12.5, ".00", "12.50"),
        (1.5, "0.#", "1.5"),
        (2.5, '0.0 "weeks"', "2.5 weeks"),
        (3, '0 "days"', "3 days"),
        (4, "0\\h", "4h"),
        (1234.5, '"$"#,##0.00', "$1,234.50"),
        (-1234.5, '"$"#,##0.00', "-$1,234.50"),
        (1234.5, "[$€-407] #,##0.00", "€ 1,234.50"),
        (1234.5, "#,##0.00 [$€-407]", "1,234.50 €"),
        (1234, '#,##0 "kr"', "1,234 kr"),
        (1234.5, "[$£-809]#,##0.00", "£1,234.50"),
        (-1234.5, "#,##0.00_);[Red](#,##0.00)", "(1,234.50)"),
        (1234.5, ACCOUNTING, "$1,234.50"),
        (-1234.5, ACCOUNTING, "$(1,234.50)"),
        (0, ACCOUNTING, "$-"),
        (1234567, '#,##0,"K"', "1,235K"),
        (1234567, '0.0,,"M"', "1.2M"),
        (5551234567, "(###) ###-####", "(555) 123-4567"),
        (12345.678, "0.00E+00", "1.23E+04"),
        (0.0000123, "0.00E+00", "1.23E-05"),
        (-5, '0;-0;"none"', "-5"),
        (0, '0;-0;"none"', "none"),
        (-5, "0;[Red]0", "5"),
        (42, "General", "42"),
        (0.1 + 0.2, "General", "0.3"),
        (7, "[Blue]0", "7"),
    ],
)
def test_numbers(value: float, code: str, shown: str) -> None:
    assert format_value(value, code) == shown


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (dt.datetime(2025, 1, 1), "mmm yyyy", "Jan 2025"),
        (dt.datetime(2025, 1, 1), "mmmm yyyy", "January 2025"),
        (dt.datetime(2025, 3, 7), "d-mmm-yy", "7-Mar-25"),
        (dt.datetime(2025, 3, 7), "dd.mm.yyyy", "07.03.2025"),
        (dt.datetime(2025, 3, 7), "m/d/yyyy", "3/7/2025"),
        (dt.datetime(2025, 3, 7), "yyyy-mm-dd", "2025-03-07"),
        (dt.datetime(2025, 3, 7), "dddd, mmmm d", "Friday, March 7"),
        (dt.datetime(2025, 3, 7), "ddd d mmm", "Fri 7 Mar"),
        (dt.datetime(2025, 3, 7), "mmmmm", "M"),
        (dt.datetime(2025, 3, 7), "[$-407]mmm yyyy", "Mar 2025"),
        (dt.datetime(2025, 3, 7, 9, 5), "yyyy-mm-dd h:mm", "2025-03-07 9:05"),
        (dt.datetime(2025, 3, 7, 10, 59, 59, 600000), "hh:mm:ss", "11:00:00"),
        (dt.time(14, 5), "h:mm", "14:05"),
        (dt.time(14, 5), "h:mm AM/PM", "2:05 PM"),
        (dt.time(0, 30), "h:mm AM/PM", "12:30 AM"),
        (dt.time(9, 0), "h:mm a/p", "9:00 a"),
        (dt.time(0, 1, 2, 345000), "mm:ss.0", "01:02.3"),
        (dt.timedelta(hours=30, minutes=5), "[h]:mm:ss", "30:05:00"),
        (dt.timedelta(minutes=90), "[mm]", "90"),
        (45658, "mmm yyyy", "Jan 2025"),  # a serial number under a date code
    ],
)
def test_dates_and_times(value: object, code: str, shown: str) -> None:
    assert format_value(value, code) == shown  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0.25, "# ?/?"),  # fractions
        (5, "[>10]0;0"),  # conditions
        (7, ";;;"),  # hides the value: keep it rather than show an empty cell
        (dt.datetime(2025, 3, 7), "[$-ja-JP-x-gannen]ggge"),  # era calendars
        (dt.time(10, 0), "yyyy-mm-dd"),  # a time of day with a date part (Excel: 1900-01-00)
        (float("nan"), "0.00"),
        (True, "0"),
    ],
)
def test_beyond_the_module_gives_none(value: object, code: str) -> None:
    assert format_value(value, code) is None  # type: ignore[arg-type]


def test_builtin_codes() -> None:
    assert builtin_code(9) == "0%" and builtin_code(3) == "#,##0" and builtin_code(17) == "mmm-yy"
    # General, and the system short date (shown by each reader's locale): the General rendering.
    assert builtin_code(0) is None and builtin_code(14) is None and builtin_code(22) is None
    assert is_general("General") and is_general("@") and is_general(None) and not is_general("0%")


FORMAT_PIECES = [
    "0",
    "#",
    "?",
    ".",
    ",",
    "%",
    "E+",
    "E-",
    "e",
    ";",
    '"kr"',
    "\\x",
    "_)",
    "* ",
    "[Red]",
    "[$€-407]",
    "[h]",
    "[mm]",
    "[>10]",
    "@",
    "General",
    "y",
    "yy",
    "yyyy",
    "m",
    "mm",
    "mmm",
    "mmmmm",
    "d",
    "dddd",
    "h",
    "hh",
    "ss",
    ".0",
    "AM/PM",
    "A/P",
    "/",
    " ",
    "-",
    "(",
    ")",
    "[",
    "]",
    '"',
    "g",
    "b",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(FORMAT_PIECES), max_size=12).map("".join) | st.text(max_size=20),
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-(10**20), 10**20),
        st.datetimes(min_value=dt.datetime(1900, 3, 1)),
        st.times(),
        st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9999)),
    ),
)
def test_any_code_and_value_give_text_or_none(code: str, value: object) -> None:
    """Whatever a file's format code says, reading it never fails: text, or None for General."""
    shown = format_value(value, code)  # type: ignore[arg-type]
    assert shown is None or (isinstance(shown, str) and shown == shown.strip() and shown)
