"""Hostile and broken files end in one clear MapFileError, quickly and in bounded memory.

Every file is generated here. Memory is checked with tracemalloc (peak Python allocations), never
with timings; the suite's own run time shows a hang.
"""

from __future__ import annotations

import random
import struct
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from journeymap.io.errors import MapFileError
from journeymap.io.formats import read_map
from journeymap.io.sheets import Limits, SpreadsheetLimitError, load_spreadsheet, read_spreadsheet
from tests.io.sheets.files import (
    append_rows,
    rewrite_member,
    set_dimension,
    sheet_part,
    use_shared_strings,
    write_csv,
    write_xlsx,
)

MAP = [["Stage", "A", "B"], ["Goal", "g1", "g2"], ["Touchpoints", "t1", "t2"]]
MB = 2**20


@contextmanager
def peak_below(limit_bytes: int) -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit_bytes, f"peak {peak / MB:.1f} MB"


def fails(path: Path, pattern: str, **options: object) -> MapFileError:
    with pytest.raises(MapFileError, match=pattern) as caught:
        if options:
            read_spreadsheet(path, **options)  # type: ignore[arg-type]
        else:
            read_map(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    return caught.value


def test_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    fails(tmp_path / "empty.xlsx", "is empty")


def test_a_truncated_download(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", {"S": MAP}).read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    fails(path, "damaged or incomplete")


def test_a_text_file_that_is_not_a_map(tmp_path: Path) -> None:
    path = tmp_path / "README.csv"
    path.write_text("# Notes\n\nThis folder holds our workshop photos.\n", encoding="utf-8")
    fails(path, "holds no journey map table")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(tmp_path: Path, seed: int) -> None:
    path = tmp_path / f"random{seed}.xlsx"
    data = random.Random(seed).randbytes(64 * 1024)
    path.write_bytes(data if seed % 2 else b"PK\x03\x04" + data)
    fails(path, "binary data|damaged|not a spreadsheet|not UTF-8")


def test_binary_without_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(b for b in random.Random(7).randbytes(8192) if b))
    fails(path, "binary data|neither UTF-8 nor Windows-1252")


def test_a_legacy_or_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    fails(path, "legacy .xls or a password-protected workbook.*save or download it as .xlsx or .csv")


def test_a_broken_opendocument_spreadsheet(tmp_path: Path) -> None:
    """.ods files are read now (issue 8); one whose content.xml is broken XML is named as damaged."""
    path = tmp_path / "sheet.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    fails(path, r"is damaged \(unbound prefix.*save or download it again as \.xlsx")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    fails(path, "not an Excel workbook")


def test_an_encrypted_zip_member(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "locked.xlsx", {"S": MAP})
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag bit of every entry in the central directory.
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    fails(path, "is encrypted")


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_entity_expansion_is_refused(tmp_path: Path, part: str) -> None:
    path = write_xlsx(tmp_path / "laughs.xlsx", {"S": [["Stage", "A"], ["Touchpoints", "x"]]})
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
        + "]>"
    )

    def poison(data: bytes) -> bytes:
        head, _, rest = data.partition(b"?>")
        return head + b"?>" + laughs.encode() + rest if rest else laughs.encode() + data

    use_shared_strings(path)
    rewrite_member(path, part, poison)
    with peak_below(64 * MB):
        fails(path, "declares XML entities|damaged|cannot be read")


def _forge_declared_size(path: Path, member: str, size: int) -> None:
    """Make the central directory claim ``size`` bytes for a member, as a zip bomb would."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length].decode() == member:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_member_declaring_a_gigabyte(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {"S": MAP})
    _forge_declared_size(path, "xl/worksheets/sheet1.xml", 2**30)
    with peak_below(32 * MB):
        fails(path, "zip bomb")


def test_a_real_deflate_bomb(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {"S": MAP})
    # 48 MB of spaces: under the 100 MB total, far over the 100:1 ratio. Streamed, never held.
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("xl/padding.xml", "w") as member,
    ):
        for _ in range(48):
            member.write(b" " * MB)
    with peak_below(32 * MB):
        fails(path, "inflates .* times.*zip bomb")


def test_a_far_styled_cell_alone_costs_nothing(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "far.xlsx", {"S": [["Budget 2024"]]})
    far = append_rows('<row r="1048576"><c r="XFD1048576" s="0"/></row>')
    rewrite_member(path, sheet_part(path), lambda data: set_dimension("A1:XFD1048576")(far(data)))
    assert openpyxl.load_workbook(path, read_only=True).active.max_column == 16384
    with peak_below(16 * MB):
        fails(path, "holds no journey map table")


def test_a_huge_csv_field(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text('Stage,A\r\nTouchpoints,"' + "x" * 200_000 + '"\r\n', encoding="utf-8")
    error = fails(path, "longer than 131,072 characters")
    assert error.place == "line 2"


def test_a_csv_cell_over_the_spreadsheet_limit(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [["Stage", "A"], ["Touchpoints", "y" * 40_000]])
    fails(path, "cell B2 holds 40,000 characters; the limit is 32,767")


def test_an_unterminated_quote_swallowing_the_file(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('Stage,A\r\nTouchpoints,"oops\r\n' + "more,lines\r\n" * 20_000, encoding="utf-8")
    fails(path, "longer than 131,072 characters")


@pytest.mark.parametrize(
    ("limits", "pattern"),
    [
        (Limits(sheets=2), "has 3 sheets; the limit is 2"),
        (Limits(cells=10), "more than 10 filled cells"),
        (Limits(rows=3), "has content in row 4"),
        (Limits(columns=2), "has content in column 3"),
        (Limits(cell_chars=5), "a cell holds 11 characters; the limit is 5"),
        (Limits(scanned_rows=3), "more than 3 rows .formatted empty rows included"),
        (Limits(zip_members=3), "holds .* parts; the limit is 3"),
        (Limits(file_bytes=1000), "MB; the limit is 1,000"),
    ],
)
def test_each_limit_has_its_message(tmp_path: Path, limits: Limits, pattern: str) -> None:
    rows = [["Stage", "A", "B"], ["Goal", "g", "h"], ["Touchpoints", "long text!", "t"], ["Owner", "o", "p"]]
    path = write_xlsx(tmp_path / "big.xlsx", {"S": rows, "T": rows, "U": rows})
    with pytest.raises(SpreadsheetLimitError, match=pattern) as caught:
        read_spreadsheet(path, limits=limits)
    assert "\n" not in str(caught.value)


def test_broken_sheet_xml_names_the_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "broken.xlsx", {"Journey": MAP})
    rewrite_member(path, sheet_part(path), lambda data: data.replace(b"</sheetData>", b"<row><c>"))
    error = fails(path, "damaged|cannot be read")
    assert "Journey" in str(error)


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    fails(tmp_path, "is a folder")
    fails(tmp_path / "nothing.xlsx", "no such file")


def test_reading_xlsx_requires_defusedxml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "map.xlsx", {"S": MAP})
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(MapFileError, match="defusedxml"):
        load_spreadsheet(path)
