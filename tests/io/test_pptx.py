"""The editable deck read back with python-pptx: every card as real text in its own shape, inside the slide."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from journeymap.app.cli import main
from journeymap.io.cjm import save_cjm
from journeymap.io.deck import pptx_bytes
from journeymap.io.deck.plan import MIN_FONT_PT, split_heights
from journeymap.layout.style import KIND_COLOURS
from journeymap.model import JourneyMap, Kind, Persona, Stage, Touchpoint
from tests.factories import small_map

DATE = dt.date(2026, 11, 27)
WORDS = (
    "onboarding",
    "kickoff",
    "renewal",
    "invoice",
    "review",
    "adoption",
    "training",
    "webinar",
    "champion",
    "escalation",
    "survey",
    "handover",
    "pricing",
)


def deck_of(journey: JourneyMap) -> Presentation:
    return Presentation(BytesIO(pptx_bytes(journey, date=DATE)))


def card_shapes(deck: Presentation) -> dict[str, list]:
    found: dict[str, list] = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name.startswith("Card "):
                found.setdefault(shape.name.removeprefix("Card "), []).append(shape)
    return found


def title_of(shape) -> str:
    return shape.text_frame.paragraphs[0].text.replace("\v", "\n")


def tall_map(stages: int = 11, lanes: int = 3, per_cell: int = 9, seed: int = 3) -> JourneyMap:
    rng = random.Random(seed)
    journey = JourneyMap("Tall: onboarding # 2026")
    stage_ids = [journey.add_stage(Stage(f"Stage {i}", goal="Get going", owner=f"Team {i % 3}")) for i in range(stages)]
    lane_ids = [journey.add_lane(Persona(f"Persona {i}")) for i in range(lanes)]
    cards = []
    for stage in stage_ids:
        for lane in lane_ids:
            for _ in range(per_cell):
                cards.append(
                    journey.add_card(
                        stage,
                        lane,
                        Touchpoint(
                            " ".join(rng.choices(WORDS, k=rng.randint(2, 9))),
                            channel="Email",
                            owner="CSM",
                            emotion=rng.choice([None, -2, 0, 2]),
                            kind=rng.choice(list(Kind)),
                        ),
                    )
                )
    for _ in range(40):
        a, b = rng.sample(cards, 2)
        if not journey.has_flow(a, b):
            journey.add_flow(a, b)
    return journey


def assert_inside(deck: Presentation) -> None:
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width, (number, shape.name, shape.left + shape.width, width)
            assert shape.top + shape.height <= height, (number, shape.name, shape.top + shape.height, height)


def test_every_card_is_an_editable_rounded_rectangle_with_its_text_and_kind_colours() -> None:
    journey = small_map()
    stage = journey.stage_ids()[0]
    thought = journey.add_card(
        stage, journey.lane_ids()[1], Touchpoint("Will this scale?", kind=Kind.THOUGHT, emotion=-1)
    )
    deck = deck_of(journey)
    assert deck.slide_width * 9 == deck.slide_height * 16
    found = card_shapes(deck)
    assert sorted(found) == sorted(journey.card_ids())
    for card_id, shapes in found.items():
        assert len(shapes) == 1
        shape, card = shapes[0], journey.card(card_id)
        assert shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
        assert shape.auto_shape_type.name == "ROUNDED_RECTANGLE"
        assert card.title in title_of(shape)
        fill, border = KIND_COLOURS[card.kind]
        assert str(shape.fill.fore_color.rgb) == fill.lstrip("#").upper()
        assert str(shape.line.color.rgb) == border.lstrip("#").upper()
        meta = " · ".join(p for p in (card.channel, card.owner) if p)
        if meta:
            assert shape.text_frame.paragraphs[1].text == meta
    assert title_of(found[thought][0]) == "\u201cWill this scale?\u201d"
    assert found[thought][0].text_frame.paragraphs[0].runs[0].font.italic
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == []
    assert_inside(deck)


def test_badges_milestones_stages_lanes_and_arrows_are_native_shapes() -> None:
    journey = small_map()
    deck = deck_of(journey)
    map_slide = deck.slides[1]
    by_name = {shape.name: shape for shape in map_slide.shapes}
    scored = [c for c in journey.card_ids() if journey.card(c).emotion is not None]
    for card_id in scored:
        badge = by_name[f"Emotion {card_id}"]
        assert badge.text_frame.text == {1: "+1", -2: "−2"}[journey.card(card_id).emotion]
    for stage_id in journey.stage_ids():
        assert by_name[f"Stage {stage_id}"].text_frame.paragraphs[0].text == journey.stage(stage_id).name
    assert "Goal: Close" in by_name[f"Stage {journey.stage_ids()[0]}"].text_frame.text
    for lane_id in journey.lane_ids():
        assert by_name[f"Lane {lane_id}"].text_frame.paragraphs[0].text == journey.lane(lane_id).name
    milestones = {by_name[f"Milestone {m}"].text_frame.text for m in journey.milestone_ids()}
    assert milestones == {"5 users added", "Contract signed"}
    connectors = [s for s in map_slide.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE or s.name.startswith("Connector")]
    assert len(connectors) == len(journey.flows())
    ids = {shape.shape_id: shape.name for shape in map_slide.shapes}
    ends = set()
    for connector in connectors:
        xml = connector._element.xml
        start = int(xml.split('<a:stCxn id="')[1].split('"')[0])
        end = int(xml.split('<a:endCxn id="')[1].split('"')[0])
        assert 'tailEnd type="triangle"' in xml
        ends.add((ids[start].removeprefix("Card "), ids[end].removeprefix("Card ")))
    assert ends == set(journey.flows())


def test_a_big_map_is_split_into_readable_slides_that_hold_every_card_once() -> None:
    journey = tall_map()
    deck = deck_of(journey)
    found = card_shapes(deck)
    assert sorted(found) == sorted(journey.card_ids())
    assert all(len(shapes) == 1 for shapes in found.values())
    for card_id, (shape,) in found.items():
        assert " ".join(journey.card(card_id).title.split()) in " ".join(title_of(shape).split())
    map_slides = [s for s in deck.slides if any(shape.name.startswith("Card ") for shape in s.shapes)]
    assert len(map_slides) > 3
    for slide in map_slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size.pt >= MIN_FONT_PT, (shape.name, run.text)
    titles = [next(s for s in slide.shapes if s.name == "Slide title").text_frame.text for slide in map_slides]
    assert any("part 2 of" in title for title in titles)
    assert_inside(deck)


def test_curve_chart_handoff_table_and_ranked_votes_appear_when_the_map_has_them() -> None:
    journey = small_map()
    plain = deck_of(JourneyMap("Empty"))
    assert [shape.name for slide in plain.slides for shape in slide.shapes if shape.has_chart] == []
    cards = journey.card_ids()
    journey.voting.set(cards[2], 5)
    journey.voting.set(cards[0], 2)
    journey.voting.set(cards[3], 5)
    deck = deck_of(journey)
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    series = {s.name: list(s.values) for s in charts[0].chart.plots[0].series}
    assert series["SMB"][0] == 1.0 and series["SMB"][1] == -2.0
    tables = {shape.name: shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table}
    ledger = tables["Handoffs"]
    assert ledger.cell(1, 2).text == "Land" and ledger.cell(1, 3).text == "Adoption"
    votes = tables["Top-voted cards"]
    rows = [[votes.cell(r, c).text for c in range(7)] for r in range(1, len(votes.rows))]
    assert rows == [
        ["1", "5", "Stuck on import", "Adoption", "SMB", "", "Pain point"],
        ["1", "5", "Admin training", "Adoption", "Enterprise", "", "Opportunity"],
        ["3", "2", "Pricing page", "Land", "SMB", "Growth", "Touchpoint"],
    ]
    assert_inside(deck)


def test_split_heights_shows_every_card_whole_on_exactly_one_part() -> None:
    rng = random.Random(5)
    for _ in range(200):
        blocks = []
        for _column in range(rng.randint(1, 4)):
            y = rng.uniform(0, 20)
            for _ in range(rng.randint(0, 15)):
                height = rng.uniform(5, 150)
                blocks.append((y, y + height))
                y += height + rng.uniform(2, 30)
        bottom = max([b for _, b in blocks] + [10.0]) + 5
        window = rng.uniform(60, 300)
        windows = split_heights(blocks, 0.0, bottom, window)
        assert windows[0][0] == 0.0 and windows[-1][1] == bottom
        for top, low, _ in windows:
            tall = any(b - a > window for a, b in blocks if top <= a and b <= low)
            assert low - top <= window + 1e-6 or tall
        for start, end in blocks:
            holders = [w for w in windows if w[0] - 1e-6 <= start and end <= w[1] + 1e-6 and end > w[2] + 1e-6]
            assert len(holders) == 1, (start, end, windows)


def test_convert_writes_a_deck_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "map.cjm"
    save_cjm(small_map(), source)
    assert main(["convert", str(source), str(tmp_path / "deck.pptx")]) == 0
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert sorted(card_shapes(deck)) == sorted(small_map().card_ids())
    assert main(["convert", str(source), str(tmp_path / "deck.pptx"), "--paper", "A1"]) == 1
    assert "--paper does not apply to .pptx" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_impress_opens_the_deck_and_prints_every_slide(tmp_path: Path) -> None:
    journey = small_map()
    journey.voting.set(journey.card_ids()[0], 3)
    source = tmp_path / "deck.pptx"
    source.write_bytes(pptx_bytes(journey, date=DATE))
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = tmp_path / "deck.pdf"
    if not pdf.exists() and "source file could not be loaded" in run.stderr:
        pytest.skip("LibreOffice is installed without Impress (Debian: libreoffice-impress-nogui)")
    assert pdf.exists(), run.stderr
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(Presentation(str(source)).slides)
    text = " ".join(page.extract_text() for page in reader.pages)
    for card_id in journey.card_ids():
        assert journey.card(card_id).title in text
    assert Emu(reader.pages[0].mediabox.width * 12700) > 0


def test_a_giant_card_stays_inside_its_slide_and_empty_columns_take_one_slide_per_group() -> None:
    journey = JourneyMap("Giant")
    stage, lane = journey.add_stage(Stage("S")), journey.add_lane(Persona("P"))
    journey.add_card(stage, lane, Touchpoint(" ".join(["word"] * 1500), kind=Kind.THOUGHT, emotion=1))
    journey.add_card(stage, lane, Touchpoint("https://" + "x" * 500))
    for index in range(11):
        journey.add_stage(Stage(f"T{index}"))
    deck = deck_of(journey)
    assert sorted(card_shapes(deck)) == sorted(journey.card_ids())
    assert_inside(deck)
    titles = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.name == "Slide title"]
    first_group = [title for title in titles if title.startswith("Giant: S –")]
    assert len(first_group) > 1 and all("part" in title for title in first_group)
    assert [title for title in titles if "T3" in title or "T7" in title] == ["Giant: T3 – T6", "Giant: T7 – T10"]
