"""Big maps make a lane's items only when the lane comes into view, and behave the same."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from journeymap.editing.commands import MoveCardCommand
from journeymap.editing.document import Document
from journeymap.model import ItemRef, JourneyMap, Persona, Stage, Touchpoint
from journeymap.widgets.canvas import MapView
from journeymap.widgets.canvas.pictures import render_scene_image
from journeymap.widgets.canvas.scene import LAZY_LANES_FROM_CARDS


def big_map(lanes: int = 20, stages: int = 12, per_cell: int = 9) -> JourneyMap:
    journey = JourneyMap("Big")
    with journey.batch():
        stage_ids = [journey.add_stage(Stage(f"Stage {s}")) for s in range(stages)]
        lane_ids = [journey.add_lane(Persona(f"Lane {p}")) for p in range(lanes)]
        for p, lane in enumerate(lane_ids):
            for s, stage in enumerate(stage_ids):
                for i in range(per_cell):
                    journey.add_card(stage, lane, Touchpoint(f"Card {p}-{s}-{i}"))
        cards = journey.card_ids()
        journey.add_flow(cards[0], cards[-1])  # from the first lane to the last
    assert journey.counts()["cards"] >= LAZY_LANES_FROM_CARDS
    return journey


@pytest.fixture
def big_view(qtbot) -> Iterator[MapView]:
    document = Document(big_map())
    view = MapView(document)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    yield view
    document.close()


def paint(view: MapView) -> None:
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    view.viewport().render(image)


def test_only_lanes_in_view_get_items_and_scrolling_brings_the_rest(big_view: MapView) -> None:
    scene, journey = big_view.map_scene, big_view.document.journey
    big_view.set_zoom(1.0)
    big_view.centerOn(QPointF(600, 0))
    paint(big_view)
    first, last = journey.lane_ids()[0], journey.lane_ids()[-1]
    first_card = journey.cards_in(journey.stage_ids()[0], first)[0]
    last_card = journey.cards_in(journey.stage_ids()[0], last)[0]
    assert first_card in scene.card_items and last_card not in scene.card_items
    assert len(scene.card_items) < journey.counts()["cards"] / 2
    big_view.centerOn(scene.scene_rect_of(scene.layout.cards[last_card].rect).center())
    paint(big_view)
    assert last_card in scene.card_items
    item = scene.card_items[last_card]
    assert item.scene_card_rect() == scene.layout.cards[last_card].rect


def test_selecting_or_finding_a_card_in_an_unseen_lane_makes_its_item(big_view: MapView) -> None:
    journey = big_view.document.journey
    far = journey.cards_in(journey.stage_ids()[5], journey.lane_ids()[-2])[3]
    assert far not in big_view.map_scene.card_items
    big_view.select(ItemRef.card(far))
    assert big_view.selected() == [("card", far)]
    assert big_view.find(journey.card(far).title) == 1


def test_a_card_moved_into_an_unseen_lane_keeps_an_item_and_undo_brings_it_back(big_view: MapView) -> None:
    scene, journey = big_view.map_scene, big_view.document.journey
    big_view.set_zoom(1.0)
    big_view.centerOn(QPointF(600, 0))
    paint(big_view)
    card = journey.cards_in(journey.stage_ids()[0], journey.lane_ids()[0])[0]
    target = (journey.stage_ids()[3], journey.lane_ids()[-1])
    big_view.document.push(MoveCardCommand(journey, card, *target, 0))
    assert scene.card_items[card].scene_card_rect() == scene.layout.cards[card].rect
    big_view.document.undo_stack.undo()
    assert scene.card_items[card].scene_card_rect() == scene.layout.cards[card].rect
    assert journey.cell_of(card) == (journey.stage_ids()[0], journey.lane_ids()[0])


def test_a_picture_of_a_big_map_shows_every_lane(big_view: MapView) -> None:
    scene, journey = big_view.map_scene, big_view.document.journey
    image = render_scene_image(big_view.map_scene, 0.25)
    assert len(scene.card_items) == journey.counts()["cards"]
    last = scene.layout.cards[journey.cards_in(journey.stage_ids()[0], journey.lane_ids()[-1])[0]].rect
    stripe = image.pixelColor(round((last.x + 2) * 0.25), round(last.center[1] * 0.25))
    assert stripe.name() != "#ffffff", "the last lane's cards are painted"


def test_far_out_a_big_map_is_drawn_from_its_overview_and_follows_edits(big_view: MapView) -> None:
    """At fit-to-map a 2,000-card map is one picture: cards in their kind's colour, the selection and
    the find matches outlined on top, and the picture redrawn after an edit."""
    from journeymap.layout.style import KIND_COLOURS
    from journeymap.model import Kind
    from journeymap.widgets.canvas.view import OVERVIEW_MIN_CARDS

    view, journey = big_view, big_view.document.journey
    assert journey.counts()["cards"] >= OVERVIEW_MIN_CARDS
    view.fit_to_map()
    assert view.uses_overview()

    def looks_like(x: float, y: float, colour: str) -> bool:
        """The picture at scene point (x, y) is ``colour`` (smooth scaling blends a little)."""
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
        view.viewport().render(image)
        point = view.mapFromScene(QPointF(x, y))
        seen, wanted = image.pixelColor(point.x(), point.y()), QColor(colour)
        return (
            max(abs(seen.red() - wanted.red()), abs(seen.green() - wanted.green()), abs(seen.blue() - wanted.blue()))
            < 24
        )

    stages, lanes = journey.stage_ids(), journey.lane_ids()
    card = journey.cards_in(stages[5], lanes[10])[0]
    box = view.map_scene.layout.cards[card].rect
    # Far out, a card is a flat block in its kind's colour (the items are not painted at all).
    blue = KIND_COLOURS[Kind.TOUCHPOINT][1]
    assert looks_like(*box.center, blue)
    # A card moved away leaves its cell empty in the picture, and shows where it went.
    empty_stage = journey.add_stage(Stage("Empty"))
    view.document.push(MoveCardCommand(journey, card, empty_stage, lanes[0]))
    moved = view.map_scene.layout.cards[card].rect
    assert looks_like(*moved.center, blue)
    view.document.undo_stack.undo()
    assert not looks_like(*moved.center, blue), "undone: the new column is empty again"
    view.document.undo_stack.redo()
    assert looks_like(*moved.center, blue)
    # Selected and found cards stay visible as outlines over the picture.
    view.select(ItemRef.card(card))
    view.fit_to_map()
    assert view.find("Card 3-4-")
    found = view.map_scene.layout.cards[journey.cards_in(stages[4], lanes[3])[0]].rect
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    view.viewport().render(image)
    corner = view.mapFromScene(QPointF(found.x, found.y))
    ring = {image.pixelColor(corner.x() + dx, corner.y() + dy).name() for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    assert "#f5a000" in ring, "a find match is outlined in the overview"
