"""PDF posters of a 2,000-card map on A0, whole and tiled on A4, beside bare reportlab.

"Bare reportlab" draws the same rectangles, circles, lines and text strings straight onto one page
with no form, no surface, no fallback runs: the floor our drawing stands on. Targets: our whole
poster at most 1.5x the bare drawing, and the tiled poster at most 1.2x the whole one (the map is
drawn once as a form and each tile only places it). Figures are written into
docs/performance.md by hand from a run of ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from io import BytesIO

import pytest
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from journeymap.io.pdf import PosterOptions, prepare_poster, render_pdf
from journeymap.io.pdf.writer import binary_streams
from journeymap.layout import MapLayout
from journeymap.layout.style import KIND_COLOURS
from journeymap.model import JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint

DATE = dt.date(2026, 1, 1)
WORDS = (
    "onboarding",
    "kickoff",
    "call",
    "renewal",
    "invoice",
    "review",
    "adoption",
    "training",
    "webinar",
    "champion",
    "churn",
    "risk",
    "health",
    "score",
    "expansion",
    "seat",
    "upsell",
    "ticket",
    "escalation",
    "survey",
    "handover",
    "plan",
    "pricing",
    "demo",
    "trial",
)


def big_map(cards: int = 2000, stages: int = 20, lanes: int = 5, seed: int = 7) -> JourneyMap:
    rng = random.Random(seed)
    journey = JourneyMap("Benchmark: 2,000 touchpoints")
    stage_ids = [
        journey.add_stage(Stage(f"Stage {i}", goal=" ".join(rng.choices(WORDS, k=8)), owner="CSM"))
        for i in range(stages)
    ]
    lane_ids = [
        journey.add_lane(Persona(f"Persona {i}", description=" ".join(rng.choices(WORDS, k=6)))) for i in range(lanes)
    ]
    card_ids = []
    for index in range(cards):
        stage, lane = stage_ids[index % stages], lane_ids[(index // stages) % lanes]
        title = " ".join(rng.choices(WORDS, k=rng.randint(2, 8)))
        card_ids.append(
            journey.add_card(
                stage,
                lane,
                Touchpoint(
                    title,
                    channel=rng.choice(["Email", "Call", "In-app"]),
                    owner=rng.choice(["CSM", "AE", ""]),
                    emotion=rng.choice([None, -2, -1, 0, 1, 2]),
                    kind=rng.choice(list(Kind)),
                ),
            )
        )
    for stage in stage_ids:
        journey.add_milestone(stage, Milestone(" ".join(rng.choices(WORDS, k=3))))
    for _ in range(200):
        a, b = rng.sample(card_ids, 2)
        if not journey.has_flow(a, b):
            journey.add_flow(a, b)
    return journey


def bare_reportlab(layout: MapLayout, journey: JourneyMap, fonts: object, width: float, height: float) -> bytes:
    """The same shapes and strings in their colours, drawn card by card as directly as reportlab allows."""
    regular, bold = fonts.regular.primary.name, fonts.bold.primary.name
    buffer = BytesIO()
    with binary_streams():  # the same stream encoding as ours: the comparison is about drawing
        _bare_draw(
            Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1),
            layout,
            journey,
            regular,
            bold,
            height,
        )
    return buffer.getvalue()


def _bare_draw(canvas: Canvas, layout: MapLayout, journey: JourneyMap, regular: str, bold: str, height: float) -> None:
    s = layout.style
    colours = {kind: (HexColor(fill), HexColor(border)) for kind, (fill, border) in KIND_COLOURS.items()}
    ink, white = HexColor("#1f2933"), HexColor("#ffffff")
    for stage in layout.stages.values():
        canvas.rect(stage.header.x, height - stage.header.bottom, stage.header.width, stage.header.height, fill=1)
        for i, line in enumerate(stage.name_lines):
            canvas.setFont(bold, s.stage_name.size)
            top = 10 + i * s.stage_name.line_height
            canvas.drawString(stage.header.x + 10, height - layout.baseline(top, s.stage_name), line)
    for lane in layout.lanes.values():
        canvas.rect(lane.row.x, height - lane.row.bottom, lane.row.width, lane.row.height, fill=1)
        canvas.setFont(bold, s.lane_name.size)
        for i, line in enumerate(lane.name_lines):
            top = lane.header.y + 10 + i * s.lane_name.line_height
            canvas.drawString(16, height - layout.baseline(top, s.lane_name), line)
    for card_id, box in layout.cards.items():
        r = box.rect
        fill, border = colours[journey.card(card_id).kind]
        canvas.setFillColor(fill)
        canvas.setStrokeColor(border)
        canvas.roundRect(r.x, height - r.bottom, r.width, r.height, 4, stroke=1, fill=1)
        canvas.setFillColor(border)
        canvas.rect(r.x, height - r.bottom, s.kind_stripe, r.height, stroke=0, fill=1)
        canvas.setFillColor(ink)
        canvas.setFont(bold, s.card_title.size)
        for i, line in enumerate(box.title_lines):
            top = box.title_top + i * s.card_title.line_height
            canvas.drawString(r.x + 13, height - layout.baseline(top, s.card_title), line)
        canvas.setFont(regular, s.card_meta.size)
        for i, line in enumerate(box.meta_lines):
            top = box.meta_top + i * s.card_meta.line_height
            canvas.drawString(r.x + 13, height - layout.baseline(top, s.card_meta), line)
        if box.badge is not None:
            canvas.setFillColor(ink)
            canvas.circle(*box.badge.center, box.badge.width / 2, stroke=0, fill=1)
            canvas.setFillColor(white)
            canvas.drawString(box.badge.x + 3, height - box.badge.bottom + 4, "+1")
    for route in layout.flows.values():
        path = canvas.beginPath()
        path.moveTo(*route.points[0])
        for point in route.points[1:]:
            path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def journey() -> JourneyMap:
    return big_map()


@pytest.fixture(scope="module")
def whole(journey: JourneyMap) -> object:
    return prepare_poster(journey, PosterOptions.from_values("A0"), date=DATE)


@pytest.fixture(scope="module")
def tiled(journey: JourneyMap) -> object:
    return prepare_poster(journey, PosterOptions.from_values("A0", tile="A4"), date=DATE)


def _render(poster: object) -> bytes:
    buffer = BytesIO()
    render_pdf(poster, buffer)
    return buffer.getvalue()


def test_layout_and_preflight(benchmark, journey: JourneyMap) -> None:
    poster = benchmark.pedantic(
        prepare_poster, args=(journey, PosterOptions.from_values("A0")), kwargs={"date": DATE}, rounds=3, iterations=1
    )
    assert len(poster.layout.cards) == 2000


def test_bare_reportlab(benchmark, whole: object) -> None:
    layout = whole.layout
    data = benchmark.pedantic(
        bare_reportlab,
        args=(layout, whole.journey, whole.fonts, layout.width, layout.height),
        rounds=5,
        iterations=1,
        warmup_rounds=1,
    )
    benchmark.extra_info["bytes"] = len(data)


def test_whole_a0(benchmark, whole: object) -> None:
    data = benchmark.pedantic(_render, args=(whole,), rounds=5, iterations=1, warmup_rounds=1)
    benchmark.extra_info["bytes"] = len(data)


def test_tiled_a0_on_a4(benchmark, tiled: object) -> None:
    data = benchmark.pedantic(_render, args=(tiled,), rounds=5, iterations=1, warmup_rounds=1)
    benchmark.extra_info["bytes"] = len(data)
    benchmark.extra_info["pages"] = tiled.plan.page_count


def test_ratios(whole: object, tiled: object, capsys: pytest.CaptureFixture[str]) -> None:
    """Best of five of each, side by side, printed for the performance notes (no assertion)."""

    def best(function: object, *args: object) -> tuple[float, int]:
        times, size = [], 0
        for _ in range(5):
            start = time.perf_counter()
            size = len(function(*args))
            times.append(time.perf_counter() - start)
        return min(times), size

    layout = whole.layout
    bare, bare_size = best(bare_reportlab, layout, whole.journey, whole.fonts, layout.width, layout.height)
    ours, ours_size = best(_render, whole)
    tiles, tiles_size = best(_render, tiled)
    with capsys.disabled():
        print(
            f"\nbare reportlab {bare * 1000:.0f} ms ({bare_size // 1024} KiB); whole A0 {ours * 1000:.0f} ms "
            f"({ours_size // 1024} KiB), {ours / bare:.2f}x bare; tiled A0 on A4 {tiles * 1000:.0f} ms "
            f"({tiles_size // 1024} KiB, {tiled.plan.page_count} pages), {tiles / ours:.2f}x whole"
        )
