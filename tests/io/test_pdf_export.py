"""The PDF poster checked with pypdf: pages, sizes, text, outline, metadata and stable bytes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Severity, write_map
from journeymap.io.pdf import PAPERS, PosterOptions, pdf_bytes, prepare_poster, write_pdf
from journeymap.io.pdf.paper import MM
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint
from tests.factories import small_map

DATE = dt.date(2026, 3, 14)


def unicode_map() -> JourneyMap:
    """Accented Latin, Greek and Cyrillic in every kind of name the poster prints."""
    journey = JourneyMap("Parcours client — Überblick")
    first = journey.add_stage(Stage("Découverte", goal="Être trouvé", owner="Zoë Ñúñez"))
    second = journey.add_stage(Stage("Ενεργοποίηση", goal="Πρώτη αξία", timeline="30 ημέρες"))
    third = journey.add_stage(Stage("Продление", success_criteria="Договор подписан"))
    smb = journey.add_lane(Persona("Küçük işletme", description="Çok şubeli"))
    ent = journey.add_lane(Persona("Корпорация", description="Закупки"))
    journey.add_card(first, smb, Touchpoint("Café crème à l'accueil", channel="Événement", emotion=2))
    journey.add_card(second, smb, Touchpoint("Ηλεκτρονικό μήνυμα καλωσορίσματος", kind=Kind.OPPORTUNITY))
    journey.add_card(third, ent, Touchpoint("Звонок менеджера", owner="Отдел продаж", kind=Kind.PAIN_POINT, emotion=-1))
    journey.add_milestone(second, Milestone("Πρώτη σύνδεση"))
    journey.add_milestone(third, Milestone("Продление подписано"), ent)
    return journey


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader(data).pages]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces as single spaces: wrapped titles read whole."""
    return " ".join(text.split())


def all_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in reader(data).pages))


def titles(journey: JourneyMap) -> list[str]:
    names = [journey.title]
    names += [journey.stage(s).name for s in journey.stage_ids()]
    names += [journey.lane(p).name for p in journey.lane_ids()]
    names += [journey.card(c).title for c in journey.card_ids()]
    names += [journey.milestone(m).title for m in journey.milestone_ids()]
    return names


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("landscape", [False, True])
def test_one_page_of_each_paper_in_each_orientation(paper: str, landscape: bool) -> None:
    data, _ = pdf_bytes(small_map(), PosterOptions.from_values(paper, landscape=landscape), date=DATE)
    [(width, height)] = page_sizes(data)
    expected = PAPERS[paper].oriented(landscape)
    assert width == pytest.approx(expected.width, abs=0.01)
    assert height == pytest.approx(expected.height, abs=0.01)


def test_custom_paper_in_millimetres() -> None:
    # Without the experience curve the small map is wider than tall, so the paper is used as given.
    data, _ = pdf_bytes(small_map(), PosterOptions.from_values("1000x700mm"), date=DATE, curve="off")
    [(width, height)] = page_sizes(data)
    assert (width / MM, height / MM) == (pytest.approx(1000, abs=0.01), pytest.approx(700, abs=0.01))


@pytest.mark.parametrize("tile", ["A4", "Letter", "A3"])
@pytest.mark.parametrize("paper", ["A0", "A1", "ARCH D"])
def test_tiled_pages_are_the_sheets_plus_an_assembly_page(tile: str, paper: str) -> None:
    options = PosterOptions.from_values(paper, tile=tile)
    poster = prepare_poster(small_map(), options, date=DATE)
    data, _ = pdf_bytes(small_map(), options, date=DATE)
    sizes = page_sizes(data)
    assert len(sizes) == 1 + len(poster.plan.tiles) > 2
    sheet = poster.plan.tile_sheet
    assert sheet is not None and sheet.name == tile
    assert all((w, h) == (pytest.approx(sheet.width), pytest.approx(sheet.height)) for w, h in sizes)


def test_a0_tiled_on_a4_is_26_pages() -> None:
    # Three stages and ten lanes: about the shape of A0, so the poster fills the sheet.
    tall = JourneyMap("Tall map")
    lanes = [tall.add_lane(f"Persona {i}") for i in range(10)]
    for index in range(3):
        stage = tall.add_stage(f"Stage {index}")
        for lane in lanes:
            tall.add_card(stage, lane, f"Card {index}")
    data, _ = pdf_bytes(tall, PosterOptions.from_values("A0", landscape=False, tile="A4"), date=DATE)
    pages = reader(data).pages
    assert len(pages) == 26
    assert "Print at 100%" in pages[0].extract_text()
    assert "25 sheets of A4 in 5 rows x 5 columns" in " ".join(pages[0].extract_text().split())


def test_every_title_is_in_the_text_including_accented_greek_and_cyrillic() -> None:
    journey = unicode_map()
    data, notices = pdf_bytes(journey, PosterOptions.from_values("A2"), date=DATE)
    text = all_text(data)
    for name in titles(journey):
        assert name in text, name
    assert "2026-03-14" in text
    assert not [n for n in notices if n.severity is Severity.WARNING]


def test_tiled_text_is_on_the_tiles_and_labels_say_where_each_sheet_goes() -> None:
    journey = unicode_map()
    data, _ = pdf_bytes(journey, PosterOptions.from_values("A1", tile="A4"), date=DATE)
    pages = reader(data).pages
    text = flat(" ".join(page.extract_text() for page in pages[1:]))
    for name in titles(journey):
        assert name in text, name
    assert "A1, row 1 of" in pages[1].extract_text()
    assert "B2, row 2 of" in text
    assert journey.title in pages[2].extract_text()


def test_outline_has_each_stage_on_the_whole_map_page() -> None:
    journey = unicode_map()
    data, _ = pdf_bytes(journey, PosterOptions.from_values("A1"), date=DATE)
    pdf = reader(data)
    assert [entry.title for entry in pdf.outline] == [journey.stage(s).name for s in journey.stage_ids()]
    assert all(pdf.get_destination_page_number(entry) == 0 for entry in pdf.outline)


def test_outline_has_each_tile_with_the_stages_that_start_on_it() -> None:
    journey = unicode_map()
    poster = prepare_poster(journey, PosterOptions.from_values("A1", tile="A4"), date=DATE)
    data, _ = pdf_bytes(journey, PosterOptions.from_values("A1", tile="A4"), date=DATE)
    pdf = reader(data)
    top_level = [entry for entry in pdf.outline if not isinstance(entry, list)]
    assert top_level[0].title.startswith("Assembly")
    assert [entry.title for entry in top_level[1:]] == [tile.caption for tile in poster.plan.tiles]
    children = [entry for item in pdf.outline if isinstance(item, list) for entry in item]
    assert sorted(entry.title for entry in children) == sorted(journey.stage(s).name for s in journey.stage_ids())
    assert [pdf.get_destination_page_number(entry) for entry in top_level] == list(range(len(pdf.pages)))


def test_metadata() -> None:
    data, _ = pdf_bytes(unicode_map(), PosterOptions.from_values("A3"), date=DATE, author="Facilitator")
    meta = reader(data).metadata
    assert meta.title == "Parcours client — Überblick"
    assert meta.author == "Facilitator"
    assert meta.subject.startswith("Customer journey map: 3 stages, 2 personas, 3 cards")
    assert meta.creator.startswith("Journey Map Designer")


@pytest.mark.parametrize("options", [PosterOptions.from_values("A1"), PosterOptions.from_values("A1", tile="A4")])
def test_identical_input_gives_identical_bytes(options: PosterOptions) -> None:
    first, _ = pdf_bytes(unicode_map(), options, date=DATE, author="x")
    second, _ = pdf_bytes(unicode_map(), options, date=DATE, author="x")
    assert first == second
    changed = unicode_map()
    changed.update_card(changed.card_ids()[0], title="Café noir")
    third, _ = pdf_bytes(changed, options, date=DATE, author="x")
    assert third != first


def test_write_pdf_saves_atomically_through_write_map(tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    notices = write_map(small_map(), target, paper="A2", date=DATE)
    assert target.read_bytes().startswith(b"%PDF-")
    assert any("A2" in n.text for n in notices)
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]


def test_a_page_over_200_inches_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    with pytest.raises(MapFileError, match="200 in") as caught:
        write_pdf(small_map(), target, paper="6000x1000mm")
    assert str(target) in str(caught.value)
    assert not target.exists()
    with pytest.raises(MapFileError, match="200 in"):
        write_pdf(small_map(), target, scale=30)


def test_an_unknown_paper_is_a_map_file_error(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="unknown paper 'B7'"):
        write_pdf(small_map(), tmp_path / "x.pdf", paper="B7")


def test_characters_no_font_has_are_reported_by_name() -> None:
    journey = small_map()
    card = journey.card_ids()[0]
    journey.update_card(card, title="Hieroglyph 𓀀 here")
    _, notices = pdf_bytes(journey, PosterOptions(), date=DATE)
    warnings = [n.text for n in notices if n.severity is Severity.WARNING]
    assert any("U+13000 EGYPTIAN HIEROGLYPH A001" in w and "Hieroglyph" in w for w in warnings), warnings


def test_a_long_url_wraps_inside_its_card_in_the_drawn_pdf() -> None:
    journey = small_map()
    stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
    url = "https://example.com/" + "segment/" * 12 + "?utm_source=workshop&utm_medium=poster"
    card = journey.add_card(stage, lane, Touchpoint(url, channel="https://docs.example.org/" + "x" * 80, emotion=1))
    options = PosterOptions.from_values("A2")
    poster = prepare_poster(journey, options, date=DATE)
    data, _ = pdf_bytes(journey, options, date=DATE)
    box = poster.layout.cards[card]
    assert len(box.title_lines) > 2 and "".join(box.title_lines) == url
    # Text positions come back in the poster form's coordinates (y up from the form's bottom).
    height = poster.content_height
    left, right = box.rect.x, box.rect.right
    top, bottom = height - (poster.block.height + box.rect.y), height - (poster.block.height + box.rect.bottom)
    drawn: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            drawn.append((text.strip(), tm[4], tm[5], size))

    reader(data).pages[0].extract_text(visitor_text=visit)
    pieces = [item for item in drawn if item[0] in box.title_lines or item[0] in box.meta_lines]
    assert len(pieces) == len(box.title_lines) + len(box.meta_lines)
    for text, x, y, size in pieces:
        width = poster.fonts.width(text, size, size == poster.layout.style.card_title.size)
        assert left < x and x + width <= right - poster.layout.style.card_padding + 0.01, text
        assert bottom < y < top, text
