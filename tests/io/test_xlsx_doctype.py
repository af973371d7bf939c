"""python-pptx brings lxml, and with lxml installed openpyxl parses workbook parts with lxml instead of
defusedxml. A DOCTYPE (where entities are declared) must still be refused in every part, by name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from journeymap.io.errors import MapFileError
from journeymap.io.formats import read_map


def workbook_with(tmp_path: Path, part: str, prolog: bytes) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Stage", "Land", "Adopt"])
    sheet.append(["Touchpoints", "Call", "Webinar"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    target = tmp_path / "doctype.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == part:
                declaration, found, rest = data.partition(b"?>")
                data = declaration + found + prolog + rest if found else prolog + data
            out.writestr(member, data)
    return target


@pytest.mark.parametrize(
    "part", ["xl/styles.xml", "docProps/app.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]
)
def test_a_doctype_in_any_part_is_refused_by_name(tmp_path: Path, part: str) -> None:
    path = workbook_with(tmp_path, part, b'<!-- harmless? --><!DOCTYPE x [<!ENTITY a "b">]>')
    with pytest.raises(MapFileError, match="declares XML entities") as caught:
        read_map(path)
    assert part in str(caught.value) and str(path) in str(caught.value)


def test_comments_and_instructions_alone_are_fine(tmp_path: Path) -> None:
    path = workbook_with(tmp_path, "xl/styles.xml", b"\n<!-- made by hand --><?note x?>\n")
    result = read_map(path)
    assert [result.map.stage(s).name for s in result.map.stage_ids()] == ["Land", "Adopt"]
