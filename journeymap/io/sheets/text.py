"""Text rules shared by the spreadsheet readers and writers.

Cell values become the text a person sees; labels are compared after one normalisation; list
cells split into items with their bullet markers removed; and the two escapes that keep a round
trip lossless (OWASP's leading quote in CSV, OOXML's ``_xHHHH_`` in xlsx) live here as pairs, so
each reader undoes exactly what its writer does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

# Hints in brackets: "Emotions (-2..+2)", "感情【-2〜+2】" (full-width brackets are ASCII after NFKC).
_PARENTHESISED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
# Runs of anything but letters and digits: punctuation, symbols, spaces (and "_").
_NOT_WORD = re.compile(r"[\W_]+")
# One list marker at the start of a line: a bullet sign, or "1." / "1)". A dash, star or plus is a
# marker only when a space follows, so "-5% churn" and "+1 NPS" stay text.
_BULLET = re.compile(r"^(?:[•◦▪▫‣⁃∙·●○■□➢➤►▶✓✔☐☑](?:\s*)|[-–—*+](?=\s)\s*|\d{1,3}[.)](?=\s)\s*)")
# OWASP CSV injection: text starting with = + - @ tab CR or LF is a formula to a spreadsheet program.
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r\n]")
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r\n]")
# OOXML strings escape characters XML cannot carry (and a CR, which XML turns into LF) as _xHHHH_.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Every underscore that would start such an escape is itself escaped, as Excel does.
# Any "_xHHHH", not only "_xHHHH_": the escape of a carriage return right after it ("_x000D_")
# would otherwise supply the closing underscore ("_x0000" + CR read back as NUL + "x000D_").
_OOXML_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4})")
_SURROGATE = re.compile("[\ud800-\udfff]")


def cell_text(value: Any) -> str:
    """The text a spreadsheet shows for a value, close to how Excel and Sheets display it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def normalise_label(text: str) -> str:
    """Labels compare equal after this: NFKC, case-fold, & to "and", hints in brackets and
    punctuation dropped, whitespace collapsed. "Emotions (-2..+2)" -> "emotions"."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    without_hints = _NOT_WORD.sub(" ", _PARENTHESISED.sub(" ", text)).strip()
    return without_hints or _NOT_WORD.sub(" ", text).strip()


def split_items(text: str) -> list[str]:
    """One item per non-blank line, each without its list marker and outer whitespace."""
    items = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        item = _BULLET.sub("", line.strip(), count=1).strip()
        if item:
            items.append(item)
    return items


def neutralise_formula(text: str) -> str:
    """CSV export: put ``'`` before text a spreadsheet would run as a formula (OWASP).
    Text that already starts with quotes before such a sign gets one more, so that
    :func:`restore_formula` gives back exactly what was written."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def restore_formula(text: str) -> str:
    """CSV import: undo :func:`neutralise_formula`."""
    return text[1:] if _NEUTRALISED.match(text) else text


def escape_ooxml(text: str) -> str:
    """xlsx export: keep literal ``_xHHHH_`` and carriage returns through an XML round trip."""
    if "_x" in text:
        text = _OOXML_LITERAL.sub("_x005F_", text)
    return text.replace("\r", "_x000D_")


def unescape_ooxml(text: str) -> str:
    """xlsx import: decode ``_xHHHH_`` as Excel does.

    Escaped UTF-16 surrogates (``_xD83D__xDE00_``) join into their character. A lone one, which
    no file can store, stays for :func:`journeymap.io.sheets.repair.repair_surrogates` to replace
    and report with its cell.
    """
    if "_x" not in text:
        return text
    decoded = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _SURROGATE.search(decoded):
        decoded = decoded.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    return decoded


def short(text: str, limit: int = 40) -> str:
    """A value quoted in a report line: one line, cut with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
