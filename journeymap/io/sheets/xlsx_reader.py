"""Read an .xlsx workbook into sparse grids, one per worksheet, within the safety limits.

openpyxl's public ways to read cells do not fit: normal mode builds a Cell object for every
formatted cell (a styled cell at XFD1048576 took 1.8 GB), read-only mode parses each sheet once
more at open just to look for a <dimension> (our own and Google's files have none), read-only
``iter_rows`` pads every row to the widest one, and neither tells a formula's cached value apart
from typed text. So we run openpyxl's ``ExcelReader`` only for the workbook, shared strings and
styles, and stream each sheet once through openpyxl's own sheet parser, keeping only cells with a
value. This is the one module that touches openpyxl's internals (``ExcelReader`` steps,
``WorkbookParser.find_sheets``, ``WorkSheetParser``, the workbook's cell styles and number formats,
the sheet relationships and comment parts); tests/io/sheets exercise each of them.

Cells keep the text the team sees: a number or date is shown through its cell's number format
(``number_format``). Hidden rows and columns, comments (notes) and hyperlink targets are noted on
the grid; what to do with them is the builder's business. Excel's Strict Open XML namespaces are
mapped to the transitional ones openpyxl knows, and part names match in any letter case.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from journeymap.io.errors import MapFileError
from journeymap.io.sheets.budget import Budget
from journeymap.io.sheets.comments import clean_comment
from journeymap.io.sheets.grid import CellValue, Grid, ValueKind
from journeymap.io.sheets.limits import Limits, too_big
from journeymap.io.sheets.number_format import builtin_code, format_value, is_general
from journeymap.io.sheets.progress import ImportCancelled, ProgressFn
from journeymap.io.sheets.safety import require_defusedxml, vet_zip
from journeymap.io.sheets.text import cell_text, unescape_ooxml

_REEXPORT = "open it in Excel, LibreOffice or Google Sheets and save or download it again as .xlsx"
_PROGRESS_EVERY_ROWS = 256
_COMMENTS_TYPE = "/comments"
# zipfile's KeyError for a missing member: "There is no item named 'xl/x.xml' in the archive".
_PART_NAME = re.compile(r"named '([^']*)'")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_AUTHOR_TAG, _COMMENT_TAG, _TEXT_TAG = f"{_MAIN}author", f"{_MAIN}comment", f"{_MAIN}text"
_T_TAG, _RUN_TAG = f"{_MAIN}t", f"{_MAIN}r"
# =HYPERLINK("target", ...): the target when it is written out (not computed).
_HYPERLINK_FORMULA = re.compile(r'^\s*(?:_xlfn\.)?HYPERLINK\(\s*"((?:[^"]|"")*)"', re.IGNORECASE)
# Excel's Strict Open XML namespaces and the transitional ones openpyxl reads (prefixes: the
# relationship types under .../relationships/ follow along).
_STRICT_NAMESPACES = [
    (b"http://purl.oclc.org/ooxml/spreadsheetml/main", b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/chart", b"http://schemas.openxmlformats.org/drawingml/2006/chart"),
    (
        b"http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
        b"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
        b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
        b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/sharedTypes",
        b"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    ),
]


def read_xlsx_grids(path: str | os.PathLike[str], data: bytes, limits: Limits, progress: ProgressFn) -> list[Grid]:
    """Every worksheet of a workbook as a grid (hidden ones too, marked as such)."""
    require_defusedxml(path)
    vet_zip(path, data, limits)
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (extensions, odd dates); they do not concern cells.
        warnings.simplefilter("ignore")
        reader = _open(path, data)
        try:
            return _read_sheets(path, reader, limits, progress)
        except (ImportCancelled, MapFileError, MemoryError):
            raise
        except Exception as error:  # noqa: BLE001 - whatever part is damaged, one clear line
            raise _explain(path, error) from None
        finally:
            reader.archive.close()


def _open(path: str | os.PathLike[str], data: bytes) -> Any:
    """openpyxl's reader with the workbook, shared strings and styles read, but no sheet yet."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.archive.close()
        reader.archive = _Archive(io.BytesIO(data))
        reader.valid_files = _AnyCase(reader.archive.namelist())
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types on broken files
        raise _explain(path, error) from None
    try:
        reader.archive.strict = _is_strict(reader.archive)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
    except MemoryError:
        reader.archive.close()
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types, often wrapped, on broken files
        reader.archive.close()
        raise _explain(path, error) from None
    return reader


def _explain(path: str | os.PathLike[str], error: BaseException, place: str = "") -> MapFileError:
    """One line saying what is wrong with the workbook, whatever openpyxl wrapped it in."""
    from defusedxml import DefusedXmlException

    causes = [error]
    while causes[-1].__cause__ is not None or causes[-1].__context__ is not None:
        causes.append(causes[-1].__cause__ or causes[-1].__context__)  # type: ignore[arg-type]
        if len(causes) > 10:
            break
    if any(isinstance(cause, DefusedXmlException) for cause in causes):
        return MapFileError(
            path, "declares XML entities, which spreadsheets never need (a known attack); refusing to read it", place
        )
    if any(isinstance(cause, zipfile.BadZipFile | zlib.error | EOFError) for cause in causes):
        return MapFileError(path, f"is damaged (a broken zip part); {_REEXPORT}", place)
    if any(isinstance(cause, ParseError) for cause in causes):
        broken = next(c for c in causes if isinstance(c, ParseError))
        return MapFileError(path, f"is damaged (broken XML: {broken}); {_REEXPORT}", place)
    missing = next((c for c in causes if isinstance(c, KeyError) and "archive" in str(c)), None)
    if missing is not None:
        part = _PART_NAME.search(str(missing))
        return MapFileError(
            path, f"is damaged (the part {part.group(1) if part else 'it names'} is missing); {_REEXPORT}", place
        )
    # Anything else is a part that does not follow the format; Python's words for it help nobody.
    return MapFileError(
        path,
        f"is damaged or not a workbook this version understands (a part does not follow the .xlsx format); {_REEXPORT}",
        place,
    )


def _read_sheets(path: str | os.PathLike[str], reader: Any, limits: Limits, progress: ProgressFn) -> list[Grid]:
    try:
        found = [
            (sheet.name, sheet.state, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if "chartsheet" not in rel.Type
        ]
    except Exception as error:  # noqa: BLE001 - a broken sheet list must end as one clear line
        raise _explain(path, error) from None
    for name, _, target in found:
        if target not in reader.valid_files:
            raise MapFileError(path, f"is damaged (the part {target} of sheet {name} is missing); {_REEXPORT}")
    if len(found) > limits.sheets:
        raise too_big(path, f"has {len(found)} sheets", limits.sheets, advice="keep only the journey map's sheets")
    archive = reader.archive
    meter = _Meter(sum(archive.getinfo(target).file_size for _, _, target in found), progress)
    budget = Budget(limits)
    formats = _number_formats(reader.wb)
    grids = []
    for name, state, target in found:
        meter.message = f"Reading sheet {name}"
        grid = Grid(name, hidden=state not in (None, "visible"))
        try:
            with archive.open(target) as raw:
                parser = _read_sheet(path, grid, reader, _CountingStream(raw, meter), budget, formats)
            relations = _relations(archive, target)
            _read_hidden(parser, grid, limits)
            _read_links(path, parser, grid, relations, budget)
            _read_comments(path, archive, grid, relations, budget)
        except (ImportCancelled, MapFileError, MemoryError):
            raise
        except Exception as error:  # noqa: BLE001 - a broken sheet part must end as one clear line
            raise _explain(path, error, f"sheet {grid.name}") from None
        grids.append(grid)
    meter.finish()
    return grids


def _number_formats(workbook: Any) -> list[str | None]:
    """Each cell style's number format code, None where it shows values as General."""
    custom = workbook._number_formats
    codes: list[str | None] = []
    for style in workbook._cell_styles:
        number = style.numFmtId - 164  # custom formats are numbered from 164
        code = builtin_code(style.numFmtId) if number < 0 else custom[number] if number < len(custom) else None
        codes.append(None if is_general(code) else code)
    return codes


def _read_sheet(
    path: str | os.PathLike[str],
    grid: Grid,
    reader: Any,
    source: _CountingStream,
    budget: Budget,
    formats: list[str | None],
) -> Any:
    """The sheet's cells and merges into ``grid``; returns the parser, which holds the rest."""
    from openpyxl.utils.cell import range_boundaries

    workbook = reader.wb
    parser = _parser_class()(
        source,
        reader.shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    try:
        for rows_seen, (_row, cells) in enumerate(parser.parse(), 1):
            budget.scan(path, grid.name, len(cells))
            for cell in cells:
                value = _cell_value(cell, formats)
                if value is not None:
                    budget.keep(path, grid, cell["row"], cell["column"], value)
                    grid.cells[(cell["row"], cell["column"])] = value
                target = cell.get("link")
                if target:
                    budget.note(path, grid)
                    grid.links[(cell["row"], cell["column"])] = target
            if rows_seen % _PROGRESS_EVERY_ROWS == 0:
                source.meter.tick()
    except (ImportCancelled, MapFileError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - a broken sheet must end as one clear line
        raise _explain(path, error, f"sheet {grid.name}") from None
    merged = parser.merged_cells
    for merge in merged.mergeCell if merged is not None else ():
        try:
            c1, r1, c2, r2 = range_boundaries(merge.ref)
        except (TypeError, ValueError):
            continue
        if len(grid.merges) >= budget.limits.cells:
            raise too_big(path, "has too many merged ranges", budget.limits.cells, f"sheet {grid.name}")
        grid.merges.append((r1, c1, r2, c2))
    return parser


def _cell_value(cell: dict[str, Any], formats: list[str | None]) -> CellValue | None:
    value = cell["value"]
    if value is None:
        return None
    formula = cell.get("formula", False)
    data_type = cell["data_type"]
    if data_type == "e":
        return CellValue(str(value), ValueKind.ERROR, formula)
    if isinstance(value, bool):
        return CellValue(cell_text(value), ValueKind.BOOL, formula)
    if isinstance(value, int | float):
        return CellValue(_shown(value, cell, formats), ValueKind.NUMBER, formula)
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return CellValue(_shown(value, cell, formats), ValueKind.DATE, formula)
    text = unescape_ooxml(str(value))
    return CellValue(text, ValueKind.TEXT, formula) if text else None


def _shown(value: Any, cell: dict[str, Any], formats: list[str | None]) -> str:
    """The value as its number format shows it; the General rendering when it has none (or one
    beyond ``number_format``)."""
    style = cell.get("style_id") or 0
    code = formats[style] if 0 < style < len(formats) else None
    if code is not None:
        shown = format_value(value, code)
        if shown is not None:
            return shown
    return cell_text(value)


def _relations(archive: _Archive, target: str) -> Any:
    """The sheet part's relationships (comments, hyperlink targets), empty when it has none."""
    from openpyxl.packaging.relationship import RelationshipList, get_dependents, get_rels_path

    rels_path = get_rels_path(target)
    try:
        archive.getinfo(rels_path)
    except KeyError:
        return RelationshipList()
    return get_dependents(archive, rels_path)


def _read_hidden(parser: Any, grid: Grid, limits: Limits) -> None:
    """Rows (``<row hidden="1">``) and columns (``<col min max hidden="1">``) the sheet hides."""
    for row, attributes in parser.row_dimensions.items():
        if _true(attributes.get("hidden")):
            grid.hidden_rows.add(int(row))
    for attributes in parser.column_dimensions.values():
        if _true(attributes.get("hidden")):
            first = int(attributes["min"])
            last = min(int(attributes.get("max", first)), limits.columns)
            grid.hidden_columns.update(range(first, last + 1))


def _true(flag: Any) -> bool:
    return str(flag).strip().lower() in ("1", "true")


def _read_links(path: str | os.PathLike[str], parser: Any, grid: Grid, relations: Any, budget: Budget) -> None:
    """Hyperlink targets: external ones through the sheet's relationships, places in the workbook
    (``location``) as ``#Sheet!A1``. A link over a range goes to each filled cell in it; the cells
    looked at are counted against the scanning limit, so ranges over huge areas stay cheap."""
    from openpyxl.utils.cell import range_boundaries

    targets = {r.Id: r.Target for r in relations}
    for link in parser.hyperlinks.hyperlink:
        target = targets.get(link.id) or "" if link.id else ""
        if link.location:
            target = f"{target}#{link.location}"
        if not target or not link.ref:
            continue
        try:
            c1, r1, c2, r2 = range_boundaries(link.ref)
        except (TypeError, ValueError):
            continue
        area = (r2 - r1 + 1) * (c2 - c1 + 1)
        budget.scan(path, grid.name, min(area, len(grid.cells)), rows=0)
        if area <= len(grid.cells):
            cells = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) in grid.cells or area == 1]
        else:
            cells = [(r, c) for r, c in grid.cells if r1 <= r <= r2 and c1 <= c <= c2]
        for position in cells:
            budget.note(path, grid)
            grid.links[position] = target


def _read_comments(path: str | os.PathLike[str], archive: _Archive, grid: Grid, relations: Any, budget: Budget) -> None:
    """Each cell's comment (an Excel note, or the note Excel keeps beside a threaded comment),
    streamed from the comments part so its size costs no memory."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import coordinate_to_tuple

    for relation in relations:
        if not relation.Type.endswith(_COMMENTS_TYPE) or relation.TargetMode == "External":
            continue
        authors: list[str] = []
        with archive.open(relation.target) as source:
            for _, element in iterparse(source):
                if element.tag == _AUTHOR_TAG:
                    authors.append(element.text or "")
                elif element.tag == _COMMENT_TAG:
                    author_id = int(element.get("authorId") or 0)
                    author = authors[author_id] if 0 <= author_id < len(authors) else ""
                    text = clean_comment(_comment_text(element.find(_TEXT_TAG)), author)
                    ref = element.get("ref") or ""
                    element.clear()
                    if not text or not ref:
                        continue
                    try:
                        position = coordinate_to_tuple(ref.split(":")[0])
                    except (TypeError, ValueError):
                        continue
                    budget.note(path, grid, text)
                    grid.comments[position] = text


def _comment_text(element: Any) -> str:
    """A comment's text: plain and rich-text runs in order, never phonetic guides."""
    if element is None:
        return ""
    parts = [
        child.text or "" if child.tag == _T_TAG else child.findtext(_T_TAG) or ""
        for child in element
        if child.tag in (_T_TAG, _RUN_TAG)
    ]
    return unescape_ooxml("".join(parts))


_PARSER: type | None = None


def _parser_class() -> type:
    """openpyxl's sheet parser, told to note which cells hold formulas (data_only drops that) and
    to read inline strings (what openpyxl itself writes) without building rich-text objects."""
    global _PARSER
    if _PARSER is None:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
        from openpyxl.xml.constants import SHEET_MAIN_NS

        text_tag, run_tag = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"

        def inline_text(element: Any) -> str | None:
            strings = element.find(INLINE_STRING)
            if strings is None:
                return None
            # Plain text and rich-text runs, never phonetic guides (<rPh>), as openpyxl's Text.content.
            parts = [child.text or "" for child in strings if child.tag == text_tag]
            parts += [run.findtext(text_tag) or "" for run in strings if run.tag == run_tag]
            return "".join(parts)

        class _FormulaAwareParser(WorkSheetParser):  # type: ignore[misc]
            def parse_cell(self, element: Any) -> dict[str, Any]:
                if element.get("t") == "inlineStr" and element.find(FORMULA_TAG) is None:
                    coordinate = element.get("r")
                    if coordinate:
                        row, column = coordinate_to_tuple(coordinate)
                        self.col_counter = column
                    else:
                        self.col_counter += 1
                        row, column = self.row_counter, self.col_counter
                    return {
                        "row": row,
                        "column": column,
                        "value": inline_text(element),
                        "data_type": "s",
                        "style_id": 0,
                    }
                cell: dict[str, Any] = super().parse_cell(element)
                formula = element.find(FORMULA_TAG)
                if formula is not None:
                    cell["formula"] = True
                    link = _HYPERLINK_FORMULA.match(formula.text or "")
                    if link:
                        cell["link"] = link.group(1).replace('""', '"')
                return cell

        _PARSER = _FormulaAwareParser
    return _PARSER


class _Meter:
    """Turns bytes of sheet XML read into calls of the progress callback."""

    def __init__(self, total: int, progress: ProgressFn) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.progress = progress
        self.message = "Reading"

    def tick(self) -> None:
        self.progress(min(self.done, self.total), self.total, self.message)

    def finish(self) -> None:
        self.progress(self.total, self.total, "Read all sheets")


class _CountingStream(io.RawIOBase):
    """A read-only stream that adds the bytes it passes on to a meter."""

    def __init__(self, raw: IO[bytes], meter: _Meter) -> None:
        super().__init__()
        self.raw = raw
        self.meter = meter

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.meter.done += len(chunk)
        return chunk

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class _AnyCase(list):  # type: ignore[type-arg]
    """Part names, found in any letter case (``XL/SharedStrings.xml`` for ``xl/sharedStrings.xml``)."""

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(names)
        self.folded = {name.casefold() for name in self}

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in self.folded


class _Archive(zipfile.ZipFile):
    """The vetted zip as openpyxl reads it: part names match in any letter case, and a Strict Open
    XML workbook's parts read with the transitional namespaces."""

    strict = False
    _folded: dict[str, zipfile.ZipInfo] | None = None

    def getinfo(self, name: str) -> zipfile.ZipInfo:
        try:
            return super().getinfo(name)
        except KeyError:
            if self._folded is None:
                self._folded = {info.filename.casefold(): info for info in self.infolist()}
            info = self._folded.get(name.casefold())
            if info is None:
                raise
            return info

    def open(
        self, name: str | zipfile.ZipInfo, mode: str = "r", pwd: bytes | None = None, *, force_zip64: bool = False
    ) -> IO[bytes]:
        stream = super().open(name, mode, pwd, force_zip64=force_zip64)  # type: ignore[arg-type]
        if not self.strict or mode != "r":
            return stream
        with stream:
            data = stream.read()
        return io.BytesIO(_transitional(data))


def _is_strict(archive: _Archive) -> bool:
    """Whether the package's relationships use Strict Open XML's namespaces."""
    try:
        return b"purl.oclc.org/ooxml/" in archive.read("_rels/.rels")
    except KeyError:
        return False


def _transitional(data: bytes) -> bytes:
    if b"purl.oclc.org/ooxml/" not in data:
        return data
    for strict, transitional in _STRICT_NAMESPACES:
        data = data.replace(strict, transitional)
    return data
