"""Odd and damaged workbooks: read when they are real workbooks, one clear line when they cannot be.

Every file is made here from an openpyxl workbook, altered at the byte level the way other
programs (or broken downloads) differ: Strict Open XML namespaces, part names in other letter
cases, a damaged sheet inside the zip, other formats in a zip (.xlsb, .numbers) or in OLE2.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.errors import MapFileError
from journeymap.io.sheets import Limits, SpreadsheetLimitError, load_spreadsheet, read_spreadsheet
from tests.io.sheets.files import rewrite_member, use_shared_strings, write_xlsx

MAP = [
    ["Stage", "Sign up", "Go live"],
    ["Goal", "Account made", "First report"],
    ["Touchpoints", "Welcome email", "Launch demo"],
]
STRICT = [
    (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
    (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
    ),
]


def stages(path: Path) -> list[str]:
    journey = load_spreadsheet(path).map
    return [journey.stage(s).name for s in journey.stage_ids()]


def rebuild(path: Path, change: dict[str, tuple[str, bytes | None]] | None = None, every: object = None) -> Path:
    """Rewrite the zip: rename members (old -> (new name, new bytes or None to keep)), or pass every
    member's bytes through ``every``."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            new_name, new_data = (change or {}).get(name, (name, None))
            data = new_data if new_data is not None else data
            if callable(every):
                data = every(data)
            target.writestr(new_name, data)
    return path


def cli_error(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["convert", str(path), str(tmp_path / "out.cjm")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"journeymap: error: {path}: "), err
    assert "Error" not in err and "Traceback" not in err and "unexpected" not in err, err
    return err


def test_strict_open_xml_is_read(tmp_path: Path) -> None:
    path = use_shared_strings(write_xlsx(tmp_path / "strict.xlsx", {"Map": MAP}))

    def to_strict(data: bytes) -> bytes:
        for transitional, strict in STRICT:
            data = data.replace(transitional, strict)
        return data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)

    rebuild(path, every=to_strict)
    with zipfile.ZipFile(path) as archive:
        assert b"purl.oclc.org/ooxml/spreadsheetml/main" in archive.read("xl/workbook.xml")
    assert stages(path) == ["Sign up", "Go live"]


def test_part_names_in_any_letter_case(tmp_path: Path) -> None:
    path = use_shared_strings(write_xlsx(tmp_path / "case.xlsx", {"Map": MAP}))
    rebuild(
        path,
        {
            "xl/sharedStrings.xml": ("xl/SharedStrings.xml", None),
            "xl/worksheets/sheet1.xml": ("XL/Worksheets/Sheet1.xml", None),
            "xl/styles.xml": ("xl/Styles.xml", None),
        },
    )
    with zipfile.ZipFile(path) as archive:
        assert "XL/Worksheets/Sheet1.xml" in archive.namelist()
    assert stages(path) == ["Sign up", "Go live"]


def damage_member(path: Path, member: str) -> Path:
    """Flip bytes in the middle of one member's compressed data, as a broken download does."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 8):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def big_map(rows: int = 300) -> list[list[str]]:
    return MAP + [[f"Touchpoints: persona {i}", f"card {i} a", f"card {i} b"] for i in range(rows)]


def test_a_damaged_worksheet_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = damage_member(write_xlsx(tmp_path / "broken.xlsx", {"Map": big_map()}), "xl/worksheets/sheet1.xml")
    err = cli_error(path, tmp_path, capsys)
    assert "is damaged" in err and "sheet Map" in err


def test_a_damaged_member_header_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "header.xlsx", {"Map": MAP})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo("xl/worksheets/sheet1.xml").header_offset
    data[offset : offset + 4] = b"XXXX"
    path.write_bytes(bytes(data))
    assert "is damaged" in cli_error(path, tmp_path, capsys)


def test_a_missing_part_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "missing.xlsx", {"Map": MAP})
    rebuild(path, {"xl/worksheets/sheet1.xml": ("xl/worksheets/elsewhere.xml", None)})
    assert "is damaged (the part xl/worksheets/sheet1.xml of sheet Map is missing)" in cli_error(path, tmp_path, capsys)


def test_a_damaged_comments_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl
    from openpyxl.comments import Comment

    path = tmp_path / "comments.xlsx"
    workbook = openpyxl.Workbook()
    for r, row in enumerate(MAP, 1):
        for c, value in enumerate(row, 1):
            workbook.active.cell(r, c, value)
    workbook.active["B2"].comment = Comment("a note", "me")
    workbook.save(path)
    rewrite_member(path, "xl/comments/comment1.xml", lambda data: data[: len(data) // 2])
    err = cli_error(path, tmp_path, capsys)
    assert "is damaged (broken XML" in err


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01", "xl/worksheets/sheet1.bin": b""},
            r"is an Excel Binary Workbook \(\.xlsb\).*save it as \.xlsx",
        ),
        (
            {"Index/Document.iwa": b"\x00", "Metadata/Properties.plist": b""},
            r"is an Apple Numbers file \(\.numbers\).*Export To > Excel",
        ),
        ({"Index.zip": b"PK", "preview.jpg": b"\xff\xd8"}, r"is an Apple Numbers file \(\.numbers\)"),
    ],
)
def test_other_zip_formats_are_named(tmp_path: Path, members: dict[str, bytes], message: str) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(MapFileError, match=message) as caught:
        read_spreadsheet(path)
    assert "\n" not in str(caught.value)


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    """An encrypted .xlsx is an OLE2 file holding an EncryptedPackage stream."""
    path = tmp_path / "secret.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    )
    with pytest.raises(MapFileError, match="is password-protected.*remove the password"):
        read_spreadsheet(path)


def test_a_damaged_xls_keeps_the_legacy_message(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "team.xls"
    path = tmp_path / "cut.xls"
    path.write_bytes(source.read_bytes()[:1536])
    with pytest.raises(MapFileError, match="legacy .xls or a password-protected workbook"):
        read_spreadsheet(path)


ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Map">'
)
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def write_ods(path: Path, rows_xml: str, doctype: str = "") -> Path:
    """A minimal .ods as LibreOffice lays it out: the stored mimetype first, then content.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", ODS_HEAD.format(doctype=doctype) + rows_xml + ODS_TAIL)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def cell(text: str, extra: str = "") -> str:
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{text}</text:p></table:table-cell>'


def test_a_handmade_ods(tmp_path: Path) -> None:
    rows = "".join(f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in MAP)
    hidden = '<table:table-row table:visibility="collapse">' + cell("draft") + "</table:table-row>"
    path = write_ods(tmp_path / "hand.ods", rows + hidden)
    grid = read_spreadsheet(path).grids[0]
    assert grid.cells[(1, 2)].text == "Sign up" and grid.hidden_rows == {4}
    assert stages(path)[:2] == ["Sign up", "Go live"]


def test_ods_content_far_away_is_refused_before_calamine(tmp_path: Path) -> None:
    far = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
        f"<table:table-row>{cell('far')}</table:table-row>"
    )
    path = write_ods(tmp_path / "far.ods", far)
    with pytest.raises(SpreadsheetLimitError, match="has content in row 1,048,001"):
        read_spreadsheet(path)


def test_ods_repeated_content_counts_every_cell(tmp_path: Path) -> None:
    wide = cell("x", ' table:number-columns-repeated="50"')
    many = f'<table:table-row table:number-rows-repeated="500">{wide}</table:table-row>'
    path = write_ods(tmp_path / "many.ods", many)
    with pytest.raises(SpreadsheetLimitError, match="more than 1,000 filled cells"):
        read_spreadsheet(path, limits=Limits(cells=1_000))


def test_ods_entities_are_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa">]>'
    path = write_ods(tmp_path / "entities.ods", f"<table:table-row>{cell('&a;')}</table:table-row>", doctype)
    with pytest.raises(MapFileError, match="declares XML entities"):
        read_spreadsheet(path)


def test_an_ods_named_xlsx_is_read_by_content(tmp_path: Path) -> None:
    rows = "".join(f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in MAP)
    path = write_ods(tmp_path / "named-wrong.xlsx", rows)
    assert read_spreadsheet(path).format == "ods"
    assert re.fullmatch(r"Sign up", read_spreadsheet(path).grids[0].cells[(1, 2)].text)


def test_huge_link_ranges_stay_within_the_scanning_limit(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "links.xlsx", {"Map": big_map(50)})
    links = b"".join(b'<hyperlink ref="A1:XFD1048576" location="Map!A%d"/>' % i for i in range(2_000))
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda data: data.replace(b"</sheetData>", b"</sheetData><hyperlinks>" + links + b"</hyperlinks>"),
    )
    with pytest.raises(SpreadsheetLimitError, match="more than 20,000 cells"):
        read_spreadsheet(path, limits=Limits(scanned_cells=20_000))


def test_an_excel_note_in_rich_text_runs(tmp_path: Path) -> None:
    """Excel writes a note as a bold run with the author's name, then the text in another run."""
    import openpyxl
    from openpyxl.comments import Comment

    path = tmp_path / "note.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Goal"
    workbook.active["A1"].comment = Comment("placeholder", "Ann Lee")
    workbook.save(path)
    runs = (
        b'<text><r><rPr><b/><sz val="9"/></rPr><t>Ann Lee:</t></r><r><rPr><sz val="9"/></rPr>'
        b'<t xml:space="preserve">\nAsk legal_x000D_\nabout it</t></r><rPh sb="0" eb="1"><t>ph</t></rPh></text>'
    )
    rewrite_member(path, "xl/comments/comment1.xml", lambda data: re.sub(rb"<text>.*?</text>", runs, data, flags=re.S))
    assert read_spreadsheet(path).grids[0].comments == {(1, 1): "Ask legal\nabout it"}


def test_what_an_ods_cell_holds_beyond_its_value(tmp_path: Path) -> None:
    """Shown text with kept spaces and line breaks, a formula, a merged area, a hidden column,
    a comment without its author line, and a link, from LibreOffice's own markup. The rebuilt zip
    compresses its mimetype, so the file is known as .ods by its members, not its first bytes."""
    office = 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"'
    rows = (
        '<table:table-column table:number-columns-repeated="2"/>'
        '<table:table-column table:visibility="collapse"/>'
        "<table:table-row>"
        '<table:table-cell office:value-type="string" table:number-columns-spanned="2" '
        'table:number-rows-spanned="1"><text:p>Wide<text:s text:c="2"/>title</text:p></table:table-cell>'
        "<table:covered-table-cell/>"
        '<table:table-cell office:value-type="string"><text:p>hidden column</text:p></table:table-cell>'
        "</table:table-row><table:table-row>"
        '<table:table-cell table:formula="of:=[.B3]*2" office:value-type="percentage" office:value="0.5">'
        "<text:p>50%</text:p></table:table-cell>"
        '<table:table-cell office:value-type="string"><office:annotation><dc:creator>Ann Lee</dc:creator>'
        "<text:p>Ann Lee:</text:p><text:p>Ask legal</text:p></office:annotation>"
        '<text:p>line one<text:line-break/>line <text:a xlink:href="https://example.com/x">two</text:a></text:p>'
        "</table:table-cell></table:table-row>"
    )
    path = write_ods(tmp_path / "markup.ods", rows)
    rebuild(
        path,
        {"content.xml": ("content.xml", None)},
        every=lambda data: data.replace(
            b"<office:document-content ", f"<office:document-content {office} ".encode(), 1
        ),
    )
    grid = read_spreadsheet(path).grids[0]
    assert {grid.ref(p): (v.text, v.kind, v.formula) for p, v in grid.cells.items()} == {
        "A1": ("Wide  title", "text", False),
        "C1": ("hidden column", "text", False),
        "A2": ("50%", "number", True),
        "B2": ("line one\nline two", "text", False),
    }
    assert grid.merges == [(1, 1, 1, 2)] and grid.hidden_columns == {3} and not grid.hidden_rows
    assert grid.comments == {(2, 2): "Ask legal"} and grid.links == {(2, 2): "https://example.com/x"}


@pytest.mark.parametrize("name", ["team.ods", "team.xls"])
def test_the_command_line_converts_ods_and_xls(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    source = Path(__file__).parent / "data" / name
    assert main(["convert", str(source), str(tmp_path / "out.cjm")]) == 0
    assert (tmp_path / "out.cjm").exists()
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_shared_strings_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = use_shared_strings(write_xlsx(tmp_path / "nostrings.xlsx", {"Map": MAP}))
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i.filename)) for i in source.infolist() if "sharedStrings" not in i.filename]
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts:
            target.writestr(name, data)
    assert "is damaged (the part xl/sharedStrings.xml is missing)" in cli_error(path, tmp_path, capsys)


def test_a_part_that_does_not_follow_the_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "odd.xlsx", {"Map": MAP})
    rewrite_member(path, "xl/workbook.xml", lambda data: re.sub(rb'sheetId="1"', b'sheetId="one"', data))
    assert "does not follow the .xlsx format" in cli_error(path, tmp_path, capsys)
