"""The poster prints the map on screen: every card and header breaks its lines at the same words.

The SVG export is painted by the canvas itself; the PDF poster by reportlab. Each text line is
read back out of both files, placed in the layout box (card, milestone, stage or lane header) it
sits in, and the two are compared box by box, line by line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.app.image_export import export_svg
from journeymap.io.pdf import PosterOptions, prepare_poster, render_pdf
from journeymap.io.templates import load_template, template_names
from journeymap.layout import MapLayout, Rect
from journeymap.layout.style import QUOTE_MARK
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
Lines = dict[str, list[str]]

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def boxes(layout: MapLayout) -> list[tuple[str, Rect]]:
    """Every box that holds text, most specific first (cards and milestones sit inside lane rows)."""
    found = [(f"card {key}", box.rect) for key, box in layout.cards.items()]
    found += [(f"milestone {key}", box.rect) for key, box in layout.milestones.items()]
    found += [(f"stage {key}", box.header) for key, box in layout.stages.items()]
    found += [(f"lane {key}", box.header) for key, box in layout.lanes.items()]
    return found


def box_at(layout_boxes: list[tuple[str, Rect]], x: float, y: float) -> str | None:
    for name, rect in layout_boxes:
        if rect.contains(x, y):
            return name
    return None


def grouped(pieces: list[tuple[str, float, float, float, str]], joiner: str) -> Lines:
    """(box, baseline, size, x, text) pieces as each box's lines, top to bottom, words single-spaced.

    SVG pieces are runs that carry their own spaces (``joiner`` ""); pdftotext's are words (" ").
    """
    lines: dict[str, list[tuple[float, float, list[tuple[float, str]]]]] = {}
    for box, baseline, size, x, text in sorted(pieces, key=lambda p: (p[0], p[1], p[3])):
        rows = lines.setdefault(box, [])
        for row_baseline, row_size, words in rows:
            if abs(row_baseline - baseline) < 0.6 and abs(row_size - size) < 0.6:
                words.append((x, text))
                break
        else:
            rows.append((baseline, size, [(x, text)]))
    return {
        box: [" ".join(joiner.join(t for _, t in sorted(words)).split()) for _, _, words in rows]
        for box, rows in lines.items()
    }


def svg_lines(svg: bytes, layout: MapLayout) -> Lines:
    """Text elements of the canvas's SVG, by the box their baseline origin falls in."""
    root = ET.fromstring(svg)
    layout_boxes = boxes(layout)
    pieces: list[tuple[str, float, float, float, str]] = []

    def walk(element: ET.Element, matrix: tuple[float, ...]) -> None:
        transform = element.get("transform", "")
        found = re.match(r"matrix\(([^)]*)\)", transform)
        if found:
            a, b, c, d, e, f = (float(v) for v in found.group(1).split(","))
            pa, pb, pc, pd, pe, pf = matrix
            matrix = (
                pa * a + pc * b,
                pb * a + pd * b,
                pa * c + pc * d,
                pb * c + pd * d,
                pa * e + pc * f + pe,
                pb * e + pd * f + pf,
            )
        if element.tag == f"{SVG}text" and (element.text or "").strip():
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            sa, sb, sc, sd, se, sf = matrix
            gx, gy = sa * x + sc * y + se, sb * x + sd * y + sf
            size = float(element.get("font-size", 0)) * sd
            box = box_at(layout_boxes, gx, gy - size / 3)
            if box is not None:
                pieces.append((box, gy, size, gx, element.text or ""))
        for child in element:
            walk(child, matrix)

    walk(root, (1, 0, 0, 1, 0, 0))
    return grouped(pieces, "")


def pdf_lines(pdf: Path, layout: MapLayout, board_top: float, origin: tuple[float, float], scale: float) -> Lines:
    """Words of the poster (pdftotext -bbox), mapped back to layout coordinates, by box."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(html)
    layout_boxes = boxes(layout)
    pieces: list[tuple[str, float, float, float, str]] = []
    for word in root.iter(f"{XHTML}word"):
        x_min, y_min, y_max = (float(word.get(k, 0)) for k in ("xMin", "yMin", "yMax"))
        # Back to layout units; the glyph box is ascent + descent (1.164 em) tall in DejaVu Sans.
        x = (x_min - origin[0]) / scale
        top, bottom = (y_min - origin[1]) / scale - board_top, (y_max - origin[1]) / scale - board_top
        size = (bottom - top) / 1.164
        baseline = top + 0.928 * size
        box = box_at(layout_boxes, x + 0.5, baseline - size / 3)
        if box is not None:
            pieces.append((box, baseline, size, x, word.text or ""))
    return grouped(pieces, " ")


def expected_lines(layout: MapLayout, journey: JourneyMap) -> Lines:
    """What the layout wrapped: the lines both files must show."""
    lines: Lines = {}
    for key, card in layout.cards.items():
        badge = [card.badge_text] if card.badge_text else []
        quote = [QUOTE_MARK] if card.quote is not None else []  # a thought's quotation mark
        lines[f"card {key}"] = [*card.title_lines, *card.meta_lines, *badge, *quote]
    for key, milestone in layout.milestones.items():
        lines[f"milestone {key}"] = list(milestone.title_lines)
    for key, stage in layout.stages.items():
        lines[f"stage {key}"] = [*stage.name_lines, *(line for _, field in stage.field_lines for line in field)]
    for key, lane in layout.lanes.items():
        lines[f"lane {key}"] = [*lane.name_lines, *lane.text_lines]
    return {
        box: sorted(" ".join(line.split()) for line in found if line.strip())
        for box, found in lines.items()
        if any(line.strip() for line in found)
    }


def assert_screen_is_paper(journey: JourneyMap, folder: Path) -> None:
    # The canvas outside the app shows no analysis overlay: the poster is asked for the same map.
    poster = prepare_poster(journey, PosterOptions(), date=dt.date(2026, 11, 27), curve="off", handoffs=False)
    pdf = folder / "poster.pdf"
    with pdf.open("wb") as stream:
        render_pdf(poster, stream)
    svg = folder / "map.svg"
    export_svg(journey, svg)
    layout = poster.layout
    on_paper = pdf_lines(pdf, layout, poster.block.height, poster.plan.origin, poster.plan.scale)
    on_screen = svg_lines(svg.read_bytes(), layout)
    for box in sorted(set(on_paper) | set(on_screen)):
        assert on_screen.get(box) == on_paper.get(box), box
    # And both are the layout's lines, so neither file lost or invented text.
    assert {box: sorted(lines) for box, lines in on_screen.items()} == expected_lines(layout, journey)


@pytest.mark.parametrize("name", template_names())
def test_every_template_prints_the_lines_it_shows(name: str, tmp_path: Path, qapp: object) -> None:
    assert_screen_is_paper(load_template(name), tmp_path)


def test_thought_bubbles_print_the_lines_they_show(tmp_path: Path, qapp: object) -> None:
    """Italic words are the upright face slanted on both, so they break at the same words."""
    journey = load_template(template_names()[0])
    for index, card_id in enumerate(journey.card_ids()):
        if index % 2 == 0:
            journey.update_card(card_id, kind=Kind.THOUGHT)
    assert any(box.quote is not None for box in prepare_poster(journey, PosterOptions()).layout.cards.values())
    assert_screen_is_paper(journey, tmp_path)


# Text people type in a workshop: words of varied widths, accents, digits and punctuation.
WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMWÄéüßøΩπЖд0123456789,.;:!?()&-/", min_size=1, max_size=14
)
TEXT = st.lists(WORD, min_size=0, max_size=12).map(" ".join)
TITLE = st.lists(WORD, min_size=1, max_size=10).map(" ".join)


@st.composite
def maps(draw: st.DrawFn) -> JourneyMap:
    journey = JourneyMap("Random")
    stages = [
        journey.add_stage(
            Stage(draw(TITLE), goal=draw(TEXT), success_criteria=draw(TEXT), timeline=draw(TEXT), owner=draw(TEXT))
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    lanes = [journey.add_lane(Persona(draw(TITLE), description=draw(TEXT))) for _ in range(draw(st.integers(1, 2)))]
    # Two cards in five are thoughts (speech bubbles with slanted words), the rest the other kinds.
    for _ in range(draw(st.integers(0, 6))):
        card = Touchpoint(
            draw(TITLE),
            channel=draw(TEXT),
            owner=draw(TEXT),
            kind=draw(st.sampled_from([Kind.THOUGHT, *Kind])),
            emotion=draw(st.one_of(st.none(), st.integers(-2, 2))),
        )
        journey.add_card(draw(st.sampled_from(stages)), draw(st.sampled_from(lanes)), card)
    for _ in range(draw(st.integers(0, 2))):
        journey.add_milestone(
            draw(st.sampled_from(stages)), Milestone(draw(TITLE)), draw(st.sampled_from([None, *lanes]))
        )
    return journey


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(journey=maps())
def test_random_maps_print_the_lines_they_show(journey: JourneyMap, tmp_path: Path, qapp: object) -> None:
    assert_screen_is_paper(journey, tmp_path)
