"""Fonts: Unicode text prints as itself, per-character fallback works, and gaps are named."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest
import reportlab
from pypdf import PdfReader

from journeymap.io.pdf import PosterOptions, prepare_poster, render_pdf
from journeymap.io.pdf.fonts import build_font_set, default_fonts, load_face, missing_characters
from journeymap.layout import TextStyle
from journeymap.layout.fonts import bundled_font_files
from journeymap.layout.measure import FontMeasurer
from journeymap.model import JourneyMap, Touchpoint

VERA = str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")
VERA_BOLD = str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf")


def unicode_primary() -> str:
    regular, _ = bundled_font_files()
    return regular


def test_the_default_font_draws_accented_latin_greek_and_cyrillic() -> None:
    fonts = default_fonts()
    unicode_primary()
    for text in ("Ærøskøbing façade naïve", "Ωμέγα Ενεργοποίηση", "Продление договора"):
        runs = fonts.runs(text, bold=False)
        assert len(runs) == 1 and runs[0][0] is fonts.regular.primary
        assert missing_characters(fonts, [("t", text)]) == []
        assert fonts.runs(text, bold=True)[0][0] is fonts.bold.primary


def test_characters_the_primary_lacks_fall_back_per_character() -> None:
    fallback = unicode_primary()
    fonts = build_font_set(VERA, VERA_BOLD, [(fallback, 0)])
    # Vera is Latin only: the Cyrillic word comes from the fallback.
    runs = fonts.runs("abc Привет def", bold=False)
    assert [piece for _, piece in runs] == ["abc ", "Привет", " def"]
    assert runs[0][0].path.endswith("Vera.ttf")
    assert Path(runs[1][0].path).name == Path(fallback).name
    bold = fonts.runs("Bold Ж", bold=True)
    assert bold[0][0].path.endswith("VeraBd.ttf")
    # The width is the sum of the runs' widths, each in its own font.
    measurer = FontMeasurer(fonts.files)
    style = TextStyle(10)
    assert measurer.width("abc Привет def", style) == pytest.approx(
        sum(face.font.stringWidth(piece, 10) for face, piece in runs)
    )


def test_fallback_text_is_real_text_in_the_pdf() -> None:
    fallback = unicode_primary()
    fonts = build_font_set(VERA, VERA_BOLD, [(fallback, 0)])
    journey = JourneyMap("Mixed Ωμέγα map")
    stage = journey.add_stage("Stage Продление")
    lane = journey.add_lane("Lane")
    journey.add_card(stage, lane, Touchpoint("Card Ενεργοποίηση"))
    poster = prepare_poster(journey, PosterOptions(), date=dt.date(2026, 1, 1), fonts=fonts)
    buffer = io.BytesIO()
    render_pdf(poster, buffer)
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    # pypdf puts a space where the font changes; the letters themselves must all be there.
    text = "".join(page.extract_text().split())
    for name in ("Mixed Ωμέγα map", "Stage Продление", "Card Ενεργοποίηση"):
        assert "".join(name.split()) in text
    font_names = {
        str(font)
        for font in page["/Resources"]["/XObject"].values()
        for font in font.get_object()["/Resources"]["/Font"].values()
    }
    assert len(font_names) >= 2  # Vera and the fallback are both embedded


def test_missing_characters_are_named_once_with_their_first_place() -> None:
    fonts = default_fonts()
    found = missing_characters(fonts, [("card 'a'", "x 𓀀 y"), ("card 'b'", "𓀀𓀁")])
    labels = [m.label for m in found]
    assert labels == ["U+13000 EGYPTIAN HIEROGLYPH A001", "U+13001 EGYPTIAN HIEROGLYPH A002"]
    assert found[0].where == "card 'a'"


def test_invisible_format_characters_are_not_reported_or_drawn() -> None:
    fonts = default_fonts()
    coverage = fonts.regular.primary.coverage
    invisible = next(
        (
            chr(c)
            for c in (0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0xE0001)
            if c not in coverage and unicodedata.category(chr(c)) == "Cf"
        ),
        None,
    )
    if invisible is None:
        pytest.skip("the primary font has every format character we try")
    assert missing_characters(fonts, [("t", f"a{invisible}b")]) == []
    assert "".join(piece for _, piece in fonts.runs(f"a{invisible}b", False)) == "ab"


def test_fonts_reportlab_cannot_embed_are_skipped(tmp_path: Path) -> None:
    cff = tmp_path / "NotTrueType.otf"
    cff.write_bytes(b"OTTO" + bytes(200))
    assert load_face(str(cff)) is None
    damaged = tmp_path / "Damaged.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00" + bytes(50))
    assert load_face(str(damaged)) is None
    with pytest.raises(OSError, match="not a TrueType font"):
        build_font_set(str(damaged), None)


def test_cjk_prints_as_itself_when_a_cjk_font_is_installed(tmp_path: Path) -> None:
    """Chinese, Japanese and Korean titles print with the installed CJK font, not as boxes."""
    from journeymap.io.pdf.writer import pdf_bytes
    from journeymap.layout.fonts import find_cjk_files

    if not find_cjk_files():
        pytest.skip("no CJK TrueType font here (Debian: fonts-wqy-zenhei; make test installs it as root)")
    journey = JourneyMap("顧客の旅")
    stage = journey.add_stage("導入")
    lane = journey.add_lane("中小企業")
    journey.add_card(stage, lane, Touchpoint("キックオフ会議", channel="ビデオ通話"))
    journey.add_card(stage, lane, Touchpoint("한국어 카드"))
    data, notices = pdf_bytes(journey, PosterOptions.from_values(paper="A4"), date=dt.date(2026, 11, 22))
    assert [n.severity.value for n in notices] == ["info"], notices  # no warning of characters without a font
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for title in ("顧客の旅", "導入", "中小企業", "キックオフ会議", "ビデオ通話", "한국어"):
        assert title in text
