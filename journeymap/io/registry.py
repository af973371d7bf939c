"""Every file format, declared once: its name, extensions, reader, writer and file-dialog label.

The command line, the app's Open, Import and Export dialogs, drag and drop and the image exports
all derive their lists from a :class:`Registry`, so a format added here appears everywhere. The
readers and writers import their modules when called: the command line and the app start without
openpyxl, reportlab or python-pptx. The app layer adds the formats Qt draws (PNG, SVG) on top of
:data:`FORMATS` (``journeymap.app.formats``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from journeymap.io.errors import UnsupportedFormatError

if TYPE_CHECKING:
    from journeymap.io.formats import LoadResult, Notice
    from journeymap.model import JourneyMap

Reader = Callable[[str | os.PathLike[str]], "LoadResult"]
Writer = Callable[..., "Sequence[Notice] | None"]


class Family(StrEnum):
    """How the dialogs group a format: maps, spreadsheets, or something only written."""

    MAP = "map"
    SPREADSHEET = "spreadsheet"
    DOCUMENT = "document"
    IMAGE = "image"


@dataclass(frozen=True)
class Format:
    """One file format.

    ``extensions``: the first is the one a written file gets; the others are only read (``.tsv``).
    ``content``: the name :func:`journeymap.io.formats.sniff_format` gives such a file's bytes.
    ``label``: the file dialogs' description. ``options``: the command line's writer options that
    apply (``--dpi`` ...). ``exported``: offered by File > Export (a ``.cjm`` is saved, not exported).
    ``needs_qt``: the writer paints with Qt, so it runs on the GUI thread.
    """

    name: str
    label: str
    extensions: tuple[str, ...]
    family: Family
    reader: Reader | None = None
    writer: Writer | None = None
    content: str = ""
    options: tuple[str, ...] = ()
    exported: bool = True
    needs_qt: bool = False

    @property
    def extension(self) -> str:
        """The extension a written file gets."""
        return self.extensions[0]

    def pattern(self, extensions: Iterable[str] | None = None) -> str:
        return " ".join(f"*{extension}" for extension in (self.extensions if extensions is None else extensions))

    def export_filter(self) -> str:
        """``"Excel workbook (*.xlsx)"``: the Export dialog's line for this format."""
        return f"{self.label} (*{self.extension})"

    def write(self, journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
        if self.writer is None:
            raise TypeError(f"{self.name} files are read, not written")
        return list(self.writer(journey, path, **options) or [])


@dataclass(frozen=True)
class Registry:
    """A list of formats and the questions the program asks of it."""

    formats: tuple[Format, ...]

    def with_formats(self, *more: Format) -> Registry:
        return Registry((*self.formats, *more))

    def __iter__(self) -> Any:
        return iter(self.formats)

    # ------------------------------------------------------------------ reading
    def readable(self, family: Family | None = None) -> list[Format]:
        return [f for f in self.formats if f.reader is not None and (family is None or f.family == family)]

    def reader_for(self, content: str) -> Format | None:
        """The format that reads files whose bytes ``sniff_format`` names ``content``."""
        return next((f for f in self.readable() if f.content == content), None)

    def readable_contents(self) -> list[str]:
        return sorted({f.content for f in self.readable()})

    def readable_extensions(self, *families: Family) -> list[str]:
        return [e for f in self.readable() if not families or f.family in families for e in f.extensions]

    # ------------------------------------------------------------------ writing
    def writable(self) -> list[Format]:
        return [f for f in self.formats if f.writer is not None]

    def writer_for(self, extension: str) -> Format | None:
        """The format a file with this extension is written in, if any."""
        return next((f for f in self.writable() if f.extension == extension.lower()), None)

    def format_to_write(self, path: str | os.PathLike[str]) -> Format:
        """The format ``path``'s extension names; a one-line error naming the file if none."""
        extension = os.path.splitext(path)[1].lower()
        found = self.writer_for(extension)
        if found is None:
            raise UnsupportedFormatError(
                path,
                f"cannot write {extension or 'a file without extension'}; supported: "
                f"{', '.join(self.writable_extensions())}",
            )
        return found

    def writable_extensions(self) -> list[str]:
        return sorted(f.extension for f in self.writable())

    def exported(self) -> list[Format]:
        """What File > Export offers, in the registry's order."""
        return [f for f in self.writable() if f.exported]

    def writer_options(self) -> list[str]:
        """Every command-line writer option any format takes."""
        return sorted({option for f in self.writable() for option in f.options})


def _read_cjm(path: str | os.PathLike[str]) -> LoadResult:
    from journeymap.io.cjm import read_cjm

    return read_cjm(path)


def _read_spreadsheet(path: str | os.PathLike[str]) -> LoadResult:
    from journeymap.io.sheets import load_spreadsheet

    return load_spreadsheet(path)


def _write_cjm(journey: JourneyMap, path: str | os.PathLike[str]) -> None:
    from journeymap.io.cjm import save_cjm

    save_cjm(journey, path)


def _write_xlsx(journey: JourneyMap, path: str | os.PathLike[str]) -> None:
    from journeymap.io.sheets import save_xlsx

    save_xlsx(journey, path)


def _write_csv(journey: JourneyMap, path: str | os.PathLike[str]) -> list[Notice]:
    from journeymap.io.sheets import save_csv

    return save_csv(journey, path)


def _write_pdf(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    from journeymap.io.pdf import write_pdf

    return write_pdf(journey, path, **options)


def _write_pptx(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    from journeymap.io.deck import write_pptx

    return write_pptx(journey, path, **options)


def _write_mermaid(journey: JourneyMap, path: str | os.PathLike[str], **options: Any) -> list[Notice]:
    from journeymap.io.mermaid import write_mermaid

    return write_mermaid(journey, path, **options)


POSTER_OPTIONS = ("paper", "landscape", "tile", "margin", "overlap", "scale", "curve", "analysis", "timeline")

# The formats the Qt-free layers read and write. Order: the Export dialog's order.
FORMATS = Registry(
    (
        Format("cjm", "Journey maps", (".cjm",), Family.MAP, _read_cjm, _write_cjm, content="cjm", exported=False),
        Format("xlsx", "Excel workbook", (".xlsx",), Family.SPREADSHEET, _read_spreadsheet, _write_xlsx, "xlsx"),
        Format("ods", "OpenDocument spreadsheet", (".ods",), Family.SPREADSHEET, _read_spreadsheet, content="ods"),
        Format("xls", "Excel 97-2003 workbook", (".xls",), Family.SPREADSHEET, _read_spreadsheet, content="ole2"),
        Format(
            "csv", "CSV, one row per card", (".csv", ".tsv"), Family.SPREADSHEET, _read_spreadsheet, _write_csv, "csv"
        ),
        Format("pdf", "PDF poster", (".pdf",), Family.DOCUMENT, writer=_write_pdf, options=POSTER_OPTIONS),
        Format("pptx", "PowerPoint deck, editable", (".pptx",), Family.DOCUMENT, writer=_write_pptx),
        Format("mmd", "Mermaid journey diagram", (".mmd",), Family.DOCUMENT, writer=_write_mermaid),
    )
)

__all__ = ["FORMATS", "POSTER_OPTIONS", "Family", "Format", "Reader", "Registry", "Writer"]
