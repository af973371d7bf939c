"""Which file formats we read and write, chosen by content (reading) or extension (writing).

Readers and writers are named as ``module:function`` and imported only when used, so the command
line stays fast and a format's dependencies (openpyxl, reportlab) load only when needed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from journeymap.io.errors import MapFileError, UnsupportedFormatError, reading
from journeymap.io.filekind import require_regular_file
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


# Format name -> "module:function(path) -> LoadResult". Spreadsheet formats register here too.
READERS: dict[str, str] = {
    "cjm": "journeymap.io.formats:_read_cjm",
    "xlsx": "journeymap.io.sheets:read_xlsx",
    "csv": "journeymap.io.sheets:read_csv",
    "ods": "journeymap.io.sheets:load_spreadsheet",
    "ole2": "journeymap.io.sheets:load_spreadsheet",
}
# Extension -> "module:function(map, path, **options) -> list[Notice] | None".
WRITERS: dict[str, str] = {
    ".cjm": "journeymap.io.cjm:save_cjm",
    ".pdf": "journeymap.io.pdf:write_pdf",
    ".xlsx": "journeymap.io.sheets:save_xlsx",
    ".csv": "journeymap.io.sheets:save_csv",
    ".pptx": "journeymap.io.deck:write_pptx",
    ".mmd": "journeymap.io.mermaid:write_mermaid",
}
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


def read_map(path: str | os.PathLike[str]) -> LoadResult:
    """Read any supported file into a map, choosing the reader by content."""
    name = sniff_format(path)
    if name not in READERS:
        raise UnsupportedFormatError(
            path, f"looks like {name}, which this version cannot read; it reads {', '.join(sorted(READERS))}"
        )
    result: LoadResult = _resolve(READERS[name])(path)
    result.format = result.format or name
    return result


def write_map(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    """Write the map in the format its extension names; returns the writer's warnings, if any."""
    extension = Path(path).suffix.lower()
    if extension not in WRITERS:
        raise UnsupportedFormatError(
            path, f"cannot write {extension or 'a file without extension'}; supported: {', '.join(sorted(WRITERS))}"
        )
    return list(_resolve(WRITERS[extension])(journey, path, **options) or [])


def _resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def _read_cjm(path: str | os.PathLike[str]) -> LoadResult:
    from journeymap.io.cjm import read_cjm

    return read_cjm(path)
