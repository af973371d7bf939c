"""Safety gates that run before any spreadsheet parsing.

openpyxl parses with defusedxml only when that is installed, so we refuse to read without it.
A zip's central directory declares every member's size; Python's zipfile never inflates more than
that, so checking the declared sizes and ratios first bounds the memory a bomb can take. The bytes
we vet are the bytes we hand to openpyxl, so the file cannot change between check and parse.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib

from journeymap.io.errors import MapFileError, reading
from journeymap.io.sheets.limits import Limits, too_big

_REEXPORT = "open it in Excel, LibreOffice or Google Sheets and save or download it again as .xlsx"


def require_defusedxml(path: str | os.PathLike[str]) -> None:
    """Refuse to parse XML unless openpyxl uses defusedxml (entity-expansion attacks)."""
    import openpyxl

    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise MapFileError(
            path,
            "cannot be read safely: the 'defusedxml' package is missing; "
            "reinstall Journey Map Designer (pip install defusedxml)",
        )


def read_bytes(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """The whole file, refusing anything larger than ``limits.file_bytes`` before reading it."""
    with reading(path), open(path, "rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise MapFileError(path, "is a folder, not a file")
        if info.st_size > limits.file_bytes:
            raise too_big(
                path,
                f"is {info.st_size / 2**20:.1f} MB",
                limits.file_bytes,
                advice="a journey map spreadsheet is far smaller; export only the map's sheets",
            )
        # The size may be wrong (a pipe, a file being written): read on to the limit, no further,
        # and never ask for more than is likely there (read(n) reserves n bytes up front).
        chunks = [stream.read(info.st_size + 1)]
        total = len(chunks[0])
        while chunks[-1] and total <= limits.file_bytes:
            chunks.append(stream.read(min(2**20, limits.file_bytes + 1 - total)))
            total += len(chunks[-1])
        data = b"".join(chunks)
    if len(data) > limits.file_bytes:
        raise too_big(path, "is larger than a spreadsheet may be", limits.file_bytes)
    if not data:
        raise MapFileError(path, "is empty")
    return data


def vet_zip(path: str | os.PathLike[str], data: bytes, limits: Limits) -> str:
    """Check a zip's declared layout (member count, sizes, ratios, encryption) and say what it is:
    "xlsx" or "ods". Other zips (.xlsb, .numbers, anything else) end in one clear line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise MapFileError(path, f"is damaged or incomplete (not a whole zip archive); {_REEXPORT}") from None
    except (OSError, ValueError, EOFError) as error:
        raise MapFileError(path, f"is damaged ({error}); {_REEXPORT}") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.zip_members:
            raise too_big(
                path,
                f"holds {len(members):,} parts",
                limits.zip_members,
                advice="an .xlsx of a journey map has a few dozen; " + _REEXPORT,
            )
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise MapFileError(
                    path, f"is encrypted ({member.filename}); remove the password and save it again as .xlsx"
                )
            total += member.file_size
            if total > limits.zip_total_bytes:
                raise too_big(
                    path,
                    f"would unpack to more than {limits.zip_total_bytes // 2**20} MB "
                    f"(part {member.filename} alone declares {member.file_size:,} bytes)",
                    limits.zip_total_bytes,
                    advice="it may be a zip bomb; refusing to open it",
                )
            if member.file_size > limits.zip_ratio_floor:
                ratio = member.file_size / max(member.compress_size, 1)
                if ratio > limits.zip_ratio:
                    raise too_big(
                        path,
                        f"part {member.filename} inflates {ratio:,.0f} times",
                        limits.zip_ratio,
                        advice="real spreadsheets compress far less; it may be a zip bomb",
                    )
        kind = _zip_kind(path, {member.filename.casefold() for member in members}, archive)
        if kind == "xlsx":
            refuse_doctypes(path, archive)
        return kind


_PROLOG_LIMIT = 1 << 20  # a real part's prolog is an XML declaration of a few dozen bytes
_ENTITIES = "declares XML entities, which spreadsheets never need (a known attack); refusing to read it"


def refuse_doctypes(path: str | os.PathLike[str], archive: zipfile.ZipFile) -> None:
    """Refuse an .xlsx whose XML parts declare a DOCTYPE, where entities are declared.

    openpyxl parses with defusedxml, which refuses entities, only while lxml is not installed; with
    lxml (python-pptx needs it) it parses with entities left unexpanded instead. Either is safe from
    expansion, but a spreadsheet never needs a DOCTYPE, so it is refused here, whatever the parser.
    """
    for member in archive.infolist():
        if not member.filename.casefold().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            declares = _declares_doctype(archive, member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            continue  # a damaged part: the reader names it when it gets there
        if declares:
            raise MapFileError(path, _ENTITIES, member.filename)


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Scan the prolog (declaration, processing instructions, comments) up to the root element."""
    with archive.open(member) as stream:
        head = b""

        def more() -> bool:
            nonlocal head
            if len(head) >= _PROLOG_LIMIT:
                return False
            chunk = stream.read(65536)
            head += chunk
            return bool(chunk)

        more()
        position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
        while True:
            while position < len(head) and head[position] in b" \t\r\n":
                position += 1
            if len(head) - position < 9 and more():
                continue
            start = head[position : position + 9]
            for opener, closer in ((b"<?", b"?>"), (b"<!--", b"-->")):
                if start.startswith(opener):
                    end = head.find(closer, position + len(opener))
                    while end < 0:
                        if not more():
                            return len(head) >= _PROLOG_LIMIT  # a prolog this long is no spreadsheet's
                        end = head.find(closer, position + len(opener))
                    position = end + len(closer)
                    break
            else:
                return start.upper() == b"<!DOCTYPE"


_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _zip_kind(path: str | os.PathLike[str], names: set[str], archive: zipfile.ZipFile) -> str:
    """ "xlsx" or "ods" from the members (names case-folded); other zips named in one line."""
    if "mimetype" in names and "content.xml" in names:
        mimetype = archive.read(next(i for i in archive.infolist() if i.filename.casefold() == "mimetype"))
        if mimetype.strip().startswith(_ODS_MIMETYPE):
            return "ods"
        raise MapFileError(path, "is an OpenDocument file but not a spreadsheet; " + _REEXPORT)
    if "xl/workbook.bin" in names:
        raise MapFileError(
            path,
            "is an Excel Binary Workbook (.xlsb), which this version cannot read; open it "
            "in Excel and save it as .xlsx (Excel Workbook) first",
        )
    if "index.zip" in names or any(n.startswith("index/") and n.endswith(".iwa") for n in names):
        raise MapFileError(
            path,
            "is an Apple Numbers file (.numbers), which this version cannot read; in "
            "Numbers choose File > Export To > Excel and import the .xlsx",
        )
    if "[content_types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise MapFileError(path, "is a zip archive but not an Excel workbook (.xlsx); " + _REEXPORT)
    return "xlsx"
