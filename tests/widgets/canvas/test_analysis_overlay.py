"""The experience curve and handoff marks on the canvas: shown on demand, following every edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF

from journeymap.editing.commands import UpdateCommand
from journeymap.layout.curve import level_y
from journeymap.model import ItemRef
from journeymap.widgets.canvas import MapView
from journeymap.widgets.canvas.items.analysis_items import CurveBandItem, HandoffMarkItem
from journeymap.widgets.canvas.overlay import Overlay, set_shown_overlay
from tests.widgets.canvas.conftest import card_centre, click, drag


@pytest.fixture(autouse=True)
def forget_shown_overlay() -> Iterator[None]:
    yield
    set_shown_overlay(Overlay())


def _ids(view: MapView) -> dict[str, str]:
    journey = view.map_scene.journey
    return {journey.card(c).title: c for c in journey.card_ids()}


def _bands(view: MapView) -> list[CurveBandItem]:
    return [item for item in view.map_scene.items() if isinstance(item, CurveBandItem)]


def _marks(view: MapView) -> list[HandoffMarkItem]:
    return [item for item in view.map_scene.items() if isinstance(item, HandoffMarkItem)]


def test_off_by_default_and_a_band_per_lane_when_turned_on(view: MapView) -> None:
    scene = view.map_scene
    plain_height = scene.layout.height
    assert _bands(view) == [] and _marks(view) == []
    scene.set_overlay(Overlay("lanes"))
    bands = sorted(_bands(view), key=lambda item: item.band.rect.y)
    assert [item.band.lane for item in bands] == scene.journey.lane_ids()
    assert scene.layout.height == pytest.approx(plain_height + 2 * scene.ctx.style.curve_band)
    for item in bands:  # under the lane's cards, covering none of them
        assert not any(item.band.rect.intersects(box.rect) for box in scene.layout.cards.values())
    scene.set_overlay(Overlay())
    assert _bands(view) == [] and scene.layout.height == pytest.approx(plain_height)


def test_the_curve_follows_an_edit_and_its_undo(view: MapView) -> None:
    scene, document = view.map_scene, view.map_scene.document
    scene.set_overlay(Overlay("lanes"))
    smb = scene.journey.lane_ids()[0]
    card = _ids(view)["Pricing page"]  # +1 in Land

    def land_mean() -> float:
        [band] = [item.band for item in _bands(view) if item.band.lane == smb]
        return band.lines[0].means[0].y

    rect = next(item.band.rect for item in _bands(view) if item.band.lane == smb)
    assert land_mean() == pytest.approx(level_y(rect, 1))
    document.push(UpdateCommand(scene.journey, ItemRef.card(card), {"emotion": -2}))
    assert land_mean() == pytest.approx(level_y(rect, -2))
    document.undo_stack.undo()
    assert land_mean() == pytest.approx(level_y(rect, 1))


def test_a_shared_band_has_a_line_per_persona(view: MapView) -> None:
    scene = view.map_scene
    scene.set_overlay(Overlay("shared"))
    [band] = _bands(view)
    assert band.band.lane is None
    assert [line.lane for line in band.band.lines] == scene.journey.lane_ids()


def test_handoff_marks_appear_when_owners_differ_and_take_no_clicks(view: MapView) -> None:
    scene, document = view.map_scene, view.map_scene.document
    scene.set_overlay(Overlay("off", handoffs=True))
    land, adopt = scene.journey.stage_ids()
    assert [item.mark.label for item in _marks(view)] == ["AE → CSM"]
    document.push(UpdateCommand(scene.journey, ItemRef.stage(adopt), {"owner": " ae "}))
    assert _marks(view) == []  # the same team, written differently
    ids = _ids(view)
    document.push(UpdateCommand(scene.journey, ItemRef.card(ids["Checkout"]), {"owner": "Sales"}))
    [mark] = _marks(view)
    assert (mark.mark.kind, mark.mark.label, mark.toolTip().splitlines()[0]) == (
        "flow",
        "Growth → Sales",
        "Handoff Growth → Sales",
    )
    # A click on the mark reaches what is under it: the arrow's card beside it can still be selected.
    click(view, card_centre(view, ids["Checkout"]))
    assert view.selected() == [("card", ids["Checkout"])]
    assert land in scene.layout.stages


def test_workshop_mode_shows_the_curve_at_room_size(view: MapView) -> None:
    scene = view.map_scene
    scene.set_overlay(Overlay("lanes", handoffs=True))
    normal = [item.band.rect.height for item in _bands(view)]
    view.set_presentation(True)
    large = [item.band.rect.height for item in _bands(view)]
    assert large == [pytest.approx(h * 1.5) for h in normal]
    assert scene.overlay == Overlay("lanes", handoffs=True)
    view.set_presentation(False)
    assert [item.band.rect.height for item in _bands(view)] == normal


def test_pictures_paint_the_band_in_the_lane_colour(view: MapView) -> None:
    from PySide6.QtGui import QColor

    from journeymap.layout.style import LANE_COLOURS
    from journeymap.widgets.canvas.pictures import picture_scene, render_scene_image

    journey = view.map_scene.journey
    plain = render_scene_image(picture_scene(journey, Overlay()))
    scene = picture_scene(journey, Overlay("lanes"))
    image = render_scene_image(scene)
    assert image.height() > plain.height()
    [band] = [b.band for b in _bands_of(scene) if b.band.lane == journey.lane_ids()[0]]
    first, last = band.lines[0].means[0], band.lines[0].means[-1]
    colour = QColor(LANE_COLOURS[0])
    hits = 0
    for x in range(round(first.x) + 6, round(last.x) - 6):
        column = [QColor(image.pixel(x, y)) for y in range(round(band.rect.y), round(band.rect.bottom))]
        hits += any(
            abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 60
            for c in column
        )
    assert hits >= 0.9 * (round(last.x) - round(first.x) - 12)


def _bands_of(scene: object) -> list[CurveBandItem]:
    return [item for item in scene.items() if isinstance(item, CurveBandItem)]  # type: ignore[attr-defined]


def test_cards_under_the_band_row_stay_clickable(view: MapView) -> None:
    scene = view.map_scene
    scene.set_overlay(Overlay("lanes"))
    ids = _ids(view)
    point = card_centre(view, ids["Stuck on import"])
    click(view, QPointF(point.x(), point.y()))
    assert view.selected() == [("card", ids["Stuck on import"])]


def test_timeline_mode_widens_stages_by_duration_and_drops_land_in_the_wide_column(view: MapView) -> None:
    from journeymap.widgets.canvas.items.analysis_items import RulerItem

    scene = view.map_scene
    land, adopt = scene.journey.stage_ids()
    smb = scene.journey.lane_ids()[0]
    normal = scene.layout.stages[adopt].column.width
    scene.set_overlay(Overlay(timeline=True))
    [ruler] = [item for item in scene.items() if isinstance(item, RulerItem)]
    assert [stage.text for stage in ruler.ruler.stages] == [
        "14-28 days, ends after 14-28 days",
        "30-60 days, ends after 44-88 days",
    ]
    column = scene.layout.stages[adopt].column
    assert column.width > 2 * normal  # 45 days against Land's 21
    assert scene.stage_items[adopt].rect().width() == pytest.approx(column.width)
    card = _ids(view)["Checkout"]
    row = scene.layout.lanes[smb].row
    drag(view, card_centre(view, card), QPointF(column.right - 30, row.y + 30))
    assert scene.journey.cell_of(card) == (adopt, smb)
    scene.document.undo_stack.undo()
    assert scene.journey.cell_of(card) == (land, smb)
    scene.set_overlay(Overlay())
    assert scene.layout.stages[adopt].column.width == pytest.approx(normal)


def test_far_out_on_a_big_map_the_overview_picture_still_shows_the_shared_curve(qtbot) -> None:
    from PySide6.QtGui import QColor, QImage

    from journeymap.editing.document import Document
    from journeymap.model import JourneyMap, Touchpoint

    journey = JourneyMap("Big")
    with journey.batch():
        stages = [journey.add_stage(f"S{i}") for i in range(10)]
        lanes = [journey.add_lane(f"L{i}") for i in range(12)]
        for lane in lanes:
            for index, stage in enumerate(stages):
                for k in range(9):
                    journey.add_card(stage, lane, Touchpoint(f"c{k}", emotion=(index % 5) - 2))
    document = Document(journey)
    view = MapView(document)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.map_scene.set_overlay(Overlay("shared"))
    view.fit_to_map()
    assert view.uses_overview()
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    view.viewport().render(image)
    band = view.map_scene.layout.curve_band
    top = view.mapFromScene(QPointF(band.x, band.y))
    bottom = view.mapFromScene(QPointF(band.right, band.bottom))
    # Far out the lines are thinner than a pixel: they show as darker runs across the band's pale tints.
    tinted = {QColor("#eef7ef").rgb(), QColor("#fcefed").rgb()}
    region = [
        [QColor(image.pixel(x, y)) for y in range(top.y(), bottom.y() + 1)]
        for x in range(top.x() + 10, bottom.x() - 10)
    ]
    assert sum(any(p.rgb() in tinted for p in column) for column in region) > 0.9 * len(region)
    assert sum(min(p.lightness() for p in column) < 215 for column in region) > 0.9 * len(region)
    document.close()
