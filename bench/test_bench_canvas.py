"""The live canvas on generated maps of 200, 2,000, 10,000 and 50,000 cards.

Measured: opening (file to first painted frame); one full-viewport repaint at fit-to-map and at
100 % (the viewport rendered into a QImage); one zoom step around 100 %; one scroll step (scroll
bar moved, exposed strip painted); one drag step (a card moved under the pointer, its arrows
re-routed, repainted); and, for information, committing a drop (one command, relayout, items
updated, then undone). The bar (issue 3): pan, zoom and drag frames < 16 ms up to 10k cards and
< 33 ms at 50k; fit-to-map < 16 ms at every size; opening 10k < 1.5 s. Figures are written by hand
into docs/performance.md. No assertions on time here or in tests/.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from journeymap.editing.commands import MoveCardCommand
from journeymap.editing.document import Document
from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.model import ItemRef, JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint
from journeymap.widgets.canvas import MapView
from journeymap.widgets.canvas.tools.move_tool import MoveCardsTool

VIEWPORT = (1280, 800)
SIZES = {200: (8, 5), 2_000: (20, 10), 10_000: (40, 25), 50_000: (100, 50)}  # cards: (stages, lanes)
ROUNDS = {200: 30, 2_000: 20, 10_000: 10, 50_000: 3}
OPEN_ROUNDS = {200: 5, 2_000: 3, 10_000: 4, 50_000: 3}
WORDS = [
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
    "https://example.com/a-very-long-link-without-spaces",
]
CHANNELS = ("Email", "Zoom call", "In-app", "Webinar", "Phone", "Slack Connect", "")
OWNERS = ("CSM", "Account Executive", "Support", "Onboarding Manager", "")


def generated_map(cards: int, seed: int = 3) -> JourneyMap:
    """A dense map: every cell holds cards/(stages*lanes) cards; ~30 % of cards lead to the next stage."""
    stages, lanes = SIZES.get(cards, (max(1, cards // 50), 5))
    rng = random.Random(seed)
    journey = JourneyMap(f"Generated: {cards:,} cards")
    with journey.batch():
        stage_ids = [
            journey.add_stage(
                Stage(
                    f"Stage {i + 1}: " + " ".join(rng.choices(WORDS[:-1], k=2)),
                    goal=" ".join(rng.choices(WORDS[:-1], k=9)),
                    timeline="30-60 days",
                    owner=rng.choice(OWNERS),
                )
            )
            for i in range(stages)
        ]
        lane_ids = [
            journey.add_lane(Persona(f"Persona {i + 1}", description=" ".join(rng.choices(WORDS[:-1], k=5))))
            for i in range(lanes)
        ]
        grid: dict[tuple[int, int], list[str]] = {}
        for index in range(cards):
            s, lane = index % stages, (index // stages) % lanes
            title = " ".join(rng.choices(WORDS, weights=[20] * (len(WORDS) - 1) + [1], k=rng.randint(2, 9)))
            card = Touchpoint(
                title=title.capitalize(),
                channel=rng.choice(CHANNELS),
                owner=rng.choice(OWNERS),
                emotion=rng.choice((None, -2, -1, 0, 1, 2)),
                kind=rng.choice(list(Kind)),
            )
            grid.setdefault((s, lane), []).append(journey.add_card(stage_ids[s], lane_ids[lane], card))
        for (s, lane), ids in grid.items():
            following = grid.get((s + 1, lane)) or grid.get((s + 1, (lane + 1) % lanes))
            for card_id in ids:
                if following and rng.random() < 0.3:
                    target = rng.choice(following)
                    if not journey.has_flow(card_id, target):
                        journey.add_flow(card_id, target)
        for s in range(0, stages, 3):
            journey.add_milestone(stage_ids[s], Milestone(f"Milestone {s}: " + " ".join(rng.choices(WORDS[:-1], k=3))))
    return journey


def _paint(view: MapView, image: QImage) -> None:
    view.viewport().render(image)


def _make_view(document: Document) -> MapView:
    view = MapView(document)
    view.resize(*VIEWPORT)
    view.show()
    QApplication.processEvents()
    return view


@pytest.fixture(scope="module")
def qapp() -> QApplication:
    return QApplication.instance() or QApplication([])


@pytest.fixture(scope="module", params=list(SIZES), ids=lambda n: f"{n}cards")
def map_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Path:
    path = tmp_path_factory.mktemp("maps") / f"map-{request.param}.cjm"
    save_cjm(generated_map(request.param), path)
    return path


@pytest.fixture(scope="module")
def opened(map_file: Path, qapp: QApplication) -> Iterator[MapView]:
    document = Document(load_cjm(map_file), map_file)
    view = _make_view(document)
    yield view
    view.close()
    view.deleteLater()
    document.close()
    QApplication.processEvents()


def _cards(view: MapView) -> int:
    return len(view.map_scene.layout.cards)


def test_open_to_first_frame(benchmark, map_file: Path, qapp: QApplication) -> None:
    image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
    views: list[MapView] = []

    def open_map() -> None:
        document = Document(load_cjm(map_file), map_file)
        view = _make_view(document)
        view.fit_to_map()
        _paint(view, image)
        views.append(view)

    def cleanup() -> tuple[tuple, dict]:
        for view in views:
            view.close()
            view.deleteLater()
        views.clear()
        QApplication.processEvents()
        return (), {}

    cards = int(map_file.stem.split("-")[1])
    benchmark.pedantic(open_map, setup=cleanup, rounds=OPEN_ROUNDS[cards], iterations=1)
    cleanup()


def test_repaint_fit_to_map(benchmark, opened: MapView) -> None:
    image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
    opened.fit_to_map()
    _paint(opened, image)  # builds the overview picture once for big maps
    benchmark.extra_info["overview"] = opened.uses_overview()
    benchmark.pedantic(_paint, args=(opened, image), rounds=ROUNDS[_cards(opened)], iterations=1)


def test_repaint_at_100_percent(benchmark, opened: MapView) -> None:
    image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
    opened.set_zoom(1.0)
    opened.centerOn(opened.map_scene.map_rect().center())
    _paint(opened, image)
    benchmark.pedantic(_paint, args=(opened, image), rounds=ROUNDS[_cards(opened)], iterations=1)


def test_scroll_step(benchmark, opened: MapView) -> None:
    opened.set_zoom(1.0)
    opened.centerOn(opened.map_scene.map_rect().center())
    QApplication.processEvents()
    bar = opened.verticalScrollBar()
    direction = [1]

    def scroll() -> None:
        bar.setValue(bar.value() + 60 * direction[0])  # one wheel notch (3 lines of 20 px)
        direction[0] = -direction[0]
        QApplication.processEvents()  # paints the exposed strip

    benchmark.pedantic(scroll, rounds=ROUNDS[_cards(opened)] * 2, iterations=1)


def test_zoom_step(benchmark, opened: MapView) -> None:
    """One Ctrl+wheel notch around 100 %: every visible card repaints (its cached picture is stale)."""
    image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
    opened.set_zoom(1.0)
    opened.centerOn(opened.map_scene.map_rect().center())
    levels = [1.25, 1.0]
    step = [0]

    def zoom() -> None:
        opened.set_zoom(levels[step[0] % 2])
        step[0] += 1
        _paint(opened, image)

    benchmark.pedantic(zoom, rounds=ROUNDS[_cards(opened)] * 2, iterations=1)


def test_zoom_gesture_step(benchmark, opened: MapView) -> None:
    """One Ctrl+wheel notch as the wheel sends it: the screen's picture scales until the gesture rests."""
    image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
    opened.set_zoom(1.0)
    opened.centerOn(opened.map_scene.map_rect().center())
    _paint(opened, image)
    centre = QPointF(VIEWPORT[0] / 2, VIEWPORT[1] / 2)
    levels = [1.25, 1.0]
    step = [0]

    def zoom() -> None:
        opened.zoom_gesture_step(levels[step[0] % 2], centre)
        step[0] += 1
        _paint(opened, image)

    benchmark.pedantic(zoom, rounds=ROUNDS[_cards(opened)] * 2, iterations=1)
    opened.end_zoom_gesture()


def _middle_card(view: MapView) -> str:
    journey = view.map_scene.journey
    stages, lanes = journey.stage_ids(), journey.lane_ids()
    cards = journey.cards_in(stages[len(stages) // 2], lanes[len(lanes) // 2])
    with_flows = [c for c in cards if journey.flows_of(c)]
    return (with_flows or cards)[0]


def test_drag_step(benchmark, opened: MapView) -> None:
    view = opened
    card = _middle_card(view)
    item = view.map_scene.item_for(ItemRef.card(card))
    view.set_zoom(1.0)
    view.centerOn(item)
    QApplication.processEvents()
    press = item.sceneBoundingRect().center()
    tool = MoveCardsTool(view, [card], press)
    view.set_tool(tool)
    positions = [press + QPointF(dx, dy) for dx, dy in ((40, 25), (120, 60), (230, 10), (90, -30))]
    step = [0]

    def drag_step() -> None:
        tool.drag_to(positions[step[0] % len(positions)])
        step[0] += 1
        QApplication.processEvents()

    benchmark.extra_info["arrows"] = len(view.map_scene.journey.flows_of(card))
    benchmark.pedantic(drag_step, rounds=ROUNDS[_cards(view)] * 2, iterations=1)
    tool.cancel()


def test_drop_commit_and_undo(benchmark, opened: MapView) -> None:
    """For information: a drop pushes one command; the scene re-lays out and updates its items."""
    view = opened
    journey = view.map_scene.journey
    card = _middle_card(view)
    stages = journey.stage_ids()
    stage, lane = journey.cell_of(card)
    target = stages[(stages.index(stage) + 1) % len(stages)]

    def drop() -> None:
        view.document.push(MoveCardCommand(journey, card, target, lane, 0))
        QApplication.processEvents()
        view.document.undo_stack.undo()
        QApplication.processEvents()

    benchmark.pedantic(drop, rounds=max(1, ROUNDS[_cards(view)] // 3), iterations=1)
