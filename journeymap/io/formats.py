"""Reading and writing any supported file: the reader chosen by content, the writer by extension.

The formats themselves are declared once, in :mod:`journeymap.io.registry`; their readers and
writers import their modules when called, so a format's dependencies (openpyxl, reportlab) load
only when needed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from journeymap.io.errors import MapFileError, UnsupportedFormatError, reading
from journeymap.io.filekind import require_regular_file
from journeymap.io.registry import FORMATS, Registry
from journeymap.model import JourneyMap


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"


@dataclass(frozen=True)
class Notice:
    """One line of an import report: what was assumed, or a cell that was not used."""

    severity: Severity
    text: str
    sheet: str = ""
    cell: str = ""

    def place(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    def __str__(self) -> str:
        place = self.place()
        return f"{place}: {self.text}" if place else self.text


@dataclass
class LoadResult:
    """A map read from a file, with the report of everything that was assumed or left out."""

    map: JourneyMap
    notices: list[Notice] = field(default_factory=list)
    format: str = ""


_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def sniff_format(path: str | os.PathLike[str]) -> str:
    """Name the format of a file from its first bytes, whatever its extension says."""
    require_regular_file(path)
    with reading(path), open(path, "rb") as stream:
        head = stream.read(4096)
    if not head:
        raise MapFileError(path, "is empty")
    if head.startswith(_ZIP_MAGIC):
        # OpenDocument puts its "mimetype" member first, stored: its name and content open the file.
        return "ods" if head[30:38] == b"mimetype" and _ODS_MIMETYPE in head[38:200] else "xlsx"
    if head.startswith(_OLE2_MAGIC):
        return "ole2"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") or _utf16_json(head):
        return "cjm"
    return "csv"


def _utf16_json(head: bytes) -> bool:
    """A .cjm saved as UTF-16 by a Windows editor: a BOM, then "{" (not a CSV's labels)."""
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return head[:64].decode("utf-16", errors="ignore").lstrip("\ufeff \t\r\n").startswith("{")


def read_map(path: str | os.PathLike[str], formats: Registry = FORMATS) -> LoadResult:
    """Read any supported file into a map, choosing the reader by content."""
    name = sniff_format(path)
    found = formats.reader_for(name)
    if found is None or found.reader is None:
        raise UnsupportedFormatError(
            path,
            f"looks like {name}, which this version cannot read; it reads {', '.join(formats.readable_contents())}",
        )
    result = found.reader(path)
    result.format = result.format or name
    return result


def write_map(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    """Write the map in the format its extension names; returns the writer's warnings, if any."""
    return FORMATS.format_to_write(path).write(journey, path, **options)
