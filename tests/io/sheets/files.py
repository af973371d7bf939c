"""Spreadsheets written inside the tests, and the check that no filled cell is dropped unreported.

Files are made with openpyxl and csv, then altered at the byte level where real exporters differ
(Google Sheets' missing <dimension>, __xludf.DUMMYFUNCTION formulas, a far styled cell).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries

from journeymap.io.formats import LoadResult
from journeymap.io.sheets.labels import synonyms
from journeymap.io.sheets.text import split_items

SAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "samples"
Rows = Sequence[Sequence[Any]]


def write_xlsx(
    path: Path,
    sheets: dict[str, Rows],
    *,
    merges: dict[str, list[str]] | None = None,
    hidden: Iterable[str] = (),
    freeze: dict[str, str] | None = None,
) -> Path:
    """A workbook with one sheet per entry; rows start at A1, None leaves a cell empty."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    sheet.cell(r, c, value)
        for ref in (merges or {}).get(name, ()):
            sheet.merge_cells(ref)
        if name in hidden:
            sheet.sheet_state = "hidden"
        if freeze and name in freeze:
            sheet.freeze_panes = freeze[name]
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",", newline: str = "\r\n", bom: bool = False
) -> Path:
    """Minimal quoting, as Google Sheets and Excel write it (Python's csv module does not quote a
    LF when the line end is a lone CR, so fields are quoted here)."""

    def field(value: Any) -> str:
        text = "" if value is None else str(value)
        if any(ch in text for ch in (delimiter, '"', "\r", "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    text = "".join(delimiter.join(field(v) for v in row) + newline for row in rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one part of a zip in place, the way other programs' exports differ from openpyxl's."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return path


def sheet_part(path: Path, index: int = 1) -> str:
    return f"xl/worksheets/sheet{index}.xml"


def drop_dimension(data: bytes) -> bytes:
    return re.sub(rb"<dimension [^>]*/>", b"", data)


def set_dimension(ref: str) -> Callable[[bytes], bytes]:
    """Make the sheet's <dimension> claim ``ref``, whatever the cells say."""
    return lambda data: re.sub(rb"<dimension [^>]*/>", f'<dimension ref="{ref}"/>'.encode(), data)


def append_rows(xml: str) -> Callable[[bytes], bytes]:
    """Add raw <row> elements at the end of sheetData."""

    def change(data: bytes) -> bytes:
        if b"<sheetData/>" in data:
            return data.replace(b"<sheetData/>", b"<sheetData>" + xml.encode() + b"</sheetData>")
        return data.replace(b"</sheetData>", xml.encode() + b"</sheetData>")

    return change


_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)
_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def use_shared_strings(path: Path, sheets: int = 1) -> Path:
    """Move inline strings into xl/sharedStrings.xml, as Excel, LibreOffice and Google Sheets write."""
    strings: list[bytes] = []

    def share(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(3))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), len(strings) - 1)

    for index in range(1, sheets + 1):
        rewrite_member(path, f"xl/worksheets/sheet{index}.xml", lambda data: _INLINE.sub(share, data))
    table = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(strings), len(strings))
        + b"".join(b'<si><t xml:space="preserve">' + s + b"</t></si>" for s in strings)
        + b"</sst>"
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", table)
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST}"/></Types>'.encode()
    return rewrite_member(path, "[Content_Types].xml", lambda data: data.replace(b"</Types>", override))


def map_texts(result: LoadResult) -> set[str]:
    """Every piece of text the imported map holds."""
    journey = result.map
    texts = {journey.title}
    for stage_id in journey.stage_ids():
        stage = journey.stage(stage_id)
        texts |= {stage.name, stage.goal, stage.success_criteria, stage.timeline, stage.owner}
        for field in (stage.goal, stage.success_criteria, stage.timeline, stage.owner):
            texts |= set(field.split("\n"))
    for lane_id in journey.lane_ids():
        texts.add(journey.lane(lane_id).name)
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        texts.add(card.title)
        for field in (card.channel, card.owner, card.notes):  # card attributes from inventories
            texts |= {field, field.strip(), *field.split("\n")}
    for milestone_id in journey.milestone_ids():
        texts.add(journey.milestone(milestone_id).title)
    return texts


def filled_cells(path: Path) -> dict[tuple[str, str], str]:
    """(sheet, A1 ref) -> text of every filled cell, as an independent reader (openpyxl) sees it."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    cells = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and str(cell.value).strip():
                    cells[(sheet.title, cell.coordinate)] = str(cell.value)
    return cells


def unaccounted(path: Path, result: LoadResult) -> list[str]:
    """Filled cells that neither reached the map nor are named by a notice: must be empty.

    A cell counts as reached when its text, or each item of it, is in the map, or when it is a
    label (labels shape the map but are not copied into it), or when it is an emotion score
    carried by some card.
    """
    named = _named_by_notices(result)
    texts = map_texts(result)
    emotions = {result.map.card(c).emotion for c in result.map.card_ids()}
    missing = []
    for (sheet, ref), text in filled_cells(path).items():
        if (sheet, ref) in named:
            continue
        if text.strip() in texts or all(item in texts for item in split_items(text)):
            continue
        if synonyms().match(text) is not None:
            continue
        if synonyms().emotion(text) in emotions - {None}:
            continue
        missing.append(f"{sheet}!{ref}: {text!r}")
    return missing


def _named_by_notices(result: LoadResult) -> set[tuple[str, str]]:
    named = set()
    for notice in result.notices:
        if not notice.sheet or not notice.cell:
            continue
        if ":" in notice.cell:
            c1, r1, c2, r2 = range_boundaries(notice.cell)
            for row in range(r1, r2 + 1):
                for column in range(c1, c2 + 1):
                    named.add((notice.sheet, f"{get_column_letter(column)}{row}"))
        else:
            coordinate_to_tuple(notice.cell)  # a notice's cell must be a real reference
            named.add((notice.sheet, notice.cell))
    return named


def notices_at(result: LoadResult, sheet: str, cell: str) -> list[str]:
    return [n.text for n in result.notices if n.sheet == sheet and n.cell == cell]


def cards_by_stage(result: LoadResult, lane: str | None = None) -> dict[str, list[str]]:
    journey = result.map
    lanes = [p for p in journey.lane_ids() if lane is None or journey.lane(p).name == lane]
    return {
        journey.stage(s).name: [journey.card(c).title for p in lanes for c in journey.cards_in(s, p)]
        for s in journey.stage_ids()
    }


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
DATA = Path(__file__).resolve().parent / "data"


def soffice_convert(source: Path, extension: str, profile: Path) -> Path:
    """``source`` saved by LibreOffice as ``extension`` (ods, xls) beside it; a private profile
    keeps parallel runs from sharing LibreOffice's lock."""
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            extension,
            "--outdir",
            str(source.parent),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = source.with_suffix(f".{extension}")
    assert converted.exists(), f"LibreOffice did not write {converted.name}"
    return converted
