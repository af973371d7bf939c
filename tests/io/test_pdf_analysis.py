"""The poster's experience curve, handoff marks and the ``--analysis`` pages."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.app.cli import main
from journeymap.io.pdf import PAPERS, PosterOptions, pdf_bytes, prepare_poster
from journeymap.io.templates import load_template, template_names
from journeymap.layout.style import LANE_COLOURS
from journeymap.model import JourneyMap
from tests.factories import small_map

DATE = dt.date(2026, 3, 14)


def _owned_map() -> JourneyMap:
    journey = small_map()
    ids = {journey.card(c).title: c for c in journey.card_ids()}
    journey.update_card(ids["Checkout"], owner="Sales")
    journey.update_card(ids["Stuck on import"], owner="Support")
    return journey


def _pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_poster_draws_a_curve_band_per_lane_and_labels_the_stage_handoff() -> None:
    journey = _owned_map()
    poster = prepare_poster(journey, PosterOptions.from_values("A3", landscape=True), date=DATE)
    assert [band.lane for band in poster.curve_bands] == journey.lane_ids()
    assert [(m.kind, m.label) for m in poster.marks] == [
        ("stage", "AE → CSM"),
        ("flow", "Growth → Sales"),
        ("flow", "Sales → Support"),
    ]
    data, _ = pdf_bytes(journey, PosterOptions.from_values("A3", landscape=True), date=DATE)
    [page] = _pages(data)
    assert "⚠ AE → CSM" in page and "Experience" in page and "+2" in page


@pytest.mark.parametrize("name", template_names())
def test_curve_bands_and_handoff_marks_cover_no_card(name: str) -> None:
    journey = load_template(name)
    for curve in ("lanes", "shared"):
        poster = prepare_poster(journey, PosterOptions(), date=DATE, curve=curve)
        cards = [box.rect for box in poster.layout.cards.values()]
        headers = [box.header for box in poster.layout.stages.values()]
        assert poster.curve_bands
        for band in poster.curve_bands:
            assert not any(band.rect.intersects(card) for card in cards)
        for mark in poster.marks:
            assert not any(mark.rect.intersects(card) for card in cards), (name, mark)
            if mark.kind == "stage":  # in the strip under the header text, never over it
                s = poster.layout.style
                assert mark.rect.y >= poster.layout.header_height - s.handoff_strip
                assert all(mark.rect.y >= h.y + h.height - s.handoff_strip for h in headers)


def test_a_map_nobody_scored_gets_no_curve_unless_asked() -> None:
    journey = small_map()
    for card in journey.card_ids():
        journey.update_card(card, emotion=None)
    assert prepare_poster(journey, PosterOptions(), date=DATE).curve_bands == []
    assert prepare_poster(journey, PosterOptions(), date=DATE, curve="shared").curve_bands


def test_analysis_adds_a_page_with_ledger_gaps_and_timeline_at_the_poster_size() -> None:
    data, _ = pdf_bytes(_owned_map(), PosterOptions.from_values("A2"), date=DATE, analysis=True)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    expected = PAPERS["A2"]
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert len(sizes) == 1 and sorted(next(iter(sizes))) == sorted((round(expected.width), round(expected.height)))
    second = _pages(data)[1]
    for text in (
        "Workshop map: handoffs, gaps and timeline",
        "Handoff ledger",
        "Land → Adoption",
        "AE → CSM",
        "⚠ SMB: emotion −2",
        "Arrow 2: Checkout → Stuck on import",
        "Sales → Support",
        "Empty cells (1)",
        "Land × Enterprise",
        "Adoption: success criteria",
        "Stuck on import (Adoption, SMB)",
        "30-60 days; starts after 14-28 days",
        "The whole journey: 44-88 days",
    ):
        assert text in second, text
    assert "Handoffs, gaps and timeline" in [item.title for item in reader.outline]


def test_a_long_analysis_flows_onto_more_pages() -> None:
    journey = JourneyMap("Many stages")
    for index in range(60):
        journey.add_stage(f"Stage {index}")
    for index in range(6):
        journey.add_lane(f"Persona {index}")  # 360 empty cells, each a line of the gaps
    data, _ = pdf_bytes(journey, PosterOptions.from_values("A4"), date=DATE, analysis=True, curve="off")
    pages = _pages(data)
    assert len(pages) > 2
    assert "(continued)" in pages[2]
    listed = " ".join(pages[1:])
    assert "Stage 59 × Persona 5" in listed and "Stage 0 × Persona 0" in listed


def test_tiled_posters_put_the_analysis_on_a_tile_sheet(tmp_path: Path) -> None:
    out = tmp_path / "tiled.pdf"
    assert main(["convert", str(_save(tmp_path)), str(out), "--paper", "A1", "--tile", "A4", "--analysis"]) == 0
    reader = PdfReader(out)
    last = reader.pages[-1]
    assert round(float(last.mediabox.width)) in (round(PAPERS["A4"].width), round(PAPERS["A4"].height))
    assert "Handoff ledger" in last.extract_text()


def test_cli_options_for_the_curve_and_the_analysis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _save(tmp_path)
    out = tmp_path / "poster.pdf"
    assert main(["convert", str(source), str(out), "--analysis", "--curve", "shared"]) == 0
    assert len(PdfReader(out).pages) == 2
    with pytest.raises(SystemExit) as caught:
        main(["convert", str(source), str(out), "--curve", "wavy"])
    assert caught.value.code == 2
    assert main(["convert", str(source), str(tmp_path / "x.cjm"), "--analysis"]) == 1
    assert "--analysis does not apply" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_lane_colour_line_shows_in_the_printed_band(tmp_path: Path) -> None:
    journey = _owned_map()
    poster = prepare_poster(journey, PosterOptions(), date=DATE)
    data, _ = pdf_bytes(journey, PosterOptions(), date=DATE)
    (tmp_path / "p.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-singlefile", str(tmp_path / "p.pdf"), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    from PIL import Image

    image = Image.open(tmp_path / "p.png").convert("RGB")
    scale = image.width / poster.plan.page.width
    band = poster.curve_bands[0]
    colour = tuple(int(LANE_COLOURS[0][i : i + 2], 16) for i in (1, 3, 5))
    left, right = band.lines[0].means[0].x, band.lines[0].means[-1].x
    origin_x, origin_y = poster.plan.origin
    top = origin_y + (poster.block.height + band.rect.y) * poster.plan.scale
    bottom = origin_y + (poster.block.height + band.rect.bottom) * poster.plan.scale
    hits = 0
    first, last = (int((origin_x + x * poster.plan.scale) * scale) for x in (left, right))
    for x in range(first, last):
        for y in range(int(top * scale), int(bottom * scale)):
            pixel = image.getpixel((x, y))
            if all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True)):
                hits += 1
                break
    assert hits > 0.8 * (right - left) * poster.plan.scale * scale


def _save(tmp_path: Path) -> Path:
    from journeymap.io.cjm import save_cjm

    path = tmp_path / "map.cjm"
    save_cjm(_owned_map(), path)
    return path


def test_a_timeline_poster_widens_stages_by_duration_and_prints_the_ruler() -> None:
    from journeymap.layout.timeline_layout import TimelineLayout

    journey = _owned_map()
    plain = prepare_poster(journey, PosterOptions(), date=DATE)
    poster = prepare_poster(journey, PosterOptions(), date=DATE, timeline=True)
    assert isinstance(poster.layout, TimelineLayout) and poster.layout.ruler is not None
    land, adopt = journey.stage_ids()
    assert poster.layout.stages[adopt].column.width > 2 * plain.layout.stages[adopt].column.width
    data, _ = pdf_bytes(journey, PosterOptions(), date=DATE, timeline=True)
    [page] = _pages(data)
    assert "30-60 days, ends after 44-88 days" in page and "Time (weeks)" in page
    assert land in poster.layout.stages


def test_cli_timeline_option_for_posters_and_pictures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _save(tmp_path)
    assert main(["convert", str(source), str(tmp_path / "t.pdf"), "--timeline"]) == 0
    assert "ends after" in " ".join(_pages((tmp_path / "t.pdf").read_bytes()))
    assert main(["convert", str(source), str(tmp_path / "t.cjm"), "--timeline"]) == 1
    assert "--timeline does not apply" in capsys.readouterr().err


def test_the_analysis_page_charts_each_stage_in_time_and_says_which_have_no_duration() -> None:
    from journeymap.io.pdf.analysis_page import BAR_SOLID  # noqa: F401 - the chart's colours exist
    from journeymap.model import Stage

    journey = JourneyMap("Chart")
    for name, text in (("Land", "2-4 weeks"), ("Wait", "Ongoing"), ("Adopt", "30-60 days")):
        journey.add_stage(Stage(name, timeline=text))
    data, _ = pdf_bytes(journey, PosterOptions.from_values("A2"), date=DATE, analysis=True, curve="off")
    page = _pages(data)[1]
    assert "no duration" in page  # the chart's row for "Ongoing"
    assert "Land Wait no duration Adopt 0 1 mo" in page  # rows, then the axis: months from the start
    assert "“Ongoing” is not a duration; starts after 14-28 days" in page
    assert "30-60 days; starts after at least 14 days" in page  # after "Ongoing" only a lower bound is known
    assert "The whole journey: at least 44 days (some stages have no readable duration)" in page
