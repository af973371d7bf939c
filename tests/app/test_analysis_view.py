"""View menu: experience curve, shared band, handoff marks and the gaps panel; remembered and exported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from journeymap.app.cli import main
from journeymap.app.image_export import export_png
from journeymap.io.cjm import save_cjm
from journeymap.widgets.canvas.items.analysis_items import CurveBandItem, HandoffMarkItem
from journeymap.widgets.canvas.overlay import Overlay, set_shown_overlay, shown_overlay
from tests.factories import small_map


@pytest.fixture(autouse=True)
def forget_shown_overlay() -> Iterator[None]:
    yield
    set_shown_overlay(Overlay())


def _items(window: object, kind: type) -> list:
    return [item for item in window.view.map_scene.items() if isinstance(item, kind)]  # type: ignore[attr-defined]


def test_view_menu_turns_on_the_curve_the_shared_band_and_the_marks(make_window) -> None:
    window = make_window(small_map())
    names = [a.objectName() for a in window.findChild(type(window.menuBar().actions()[0].menu()), "menuView").actions()]
    for name in ("actionShowCurve", "actionSharedCurve", "actionShowHandoffs", "actionTimelineMode", "actionShowGaps"):
        assert name in names
    actions = window.action_map
    assert not actions["actionSharedCurve"].isEnabled()
    actions["actionShowCurve"].trigger()
    assert len(_items(window, CurveBandItem)) == 2 and shown_overlay() == Overlay("lanes")
    assert actions["actionSharedCurve"].isEnabled()
    actions["actionSharedCurve"].trigger()
    assert [item.band.lane for item in _items(window, CurveBandItem)] == [None]
    actions["actionShowHandoffs"].trigger()
    assert [item.mark.label for item in _items(window, HandoffMarkItem)] == ["AE → CSM"]
    assert shown_overlay() == Overlay("shared", handoffs=True)
    actions["actionShowCurve"].trigger()
    assert _items(window, CurveBandItem) == [] and shown_overlay() == Overlay("off", handoffs=True)


def test_the_choice_is_remembered_by_the_next_window(make_window) -> None:
    first = make_window(small_map())
    first.action_map["actionShowCurve"].trigger()
    first.action_map["actionShowHandoffs"].trigger()
    first.settings.sync()
    second = make_window(small_map())
    assert second.action_map["actionShowCurve"].isChecked()
    assert second.view.map_scene.overlay == Overlay("lanes", handoffs=True)


def test_pictures_exported_from_the_app_show_what_the_canvas_shows(make_window, tmp_path: Path) -> None:
    window = make_window(small_map())
    plain = tmp_path / "plain.png"
    window.files.export_to(plain)
    window.action_map["actionShowCurve"].trigger()
    curved = tmp_path / "curved.png"
    window.files.export_to(curved)
    assert QImage(str(curved)).height() > QImage(str(plain)).height()
    assert QImage(str(curved)).width() == QImage(str(plain)).width()


def test_command_line_pictures_take_the_curve_option(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "map.cjm"
    save_cjm(small_map(), source)
    assert main(["convert", str(source), str(tmp_path / "plain.png"), "--dpi", "72"]) == 0
    assert main(["convert", str(source), str(tmp_path / "curve.png"), "--dpi", "72", "--curve", "lanes"]) == 0
    assert main(["convert", str(source), str(tmp_path / "curve.svg"), "--curve", "shared"]) == 0
    assert QImage(str(tmp_path / "curve.png")).height() > QImage(str(tmp_path / "plain.png")).height()
    assert "Experience curve" in (tmp_path / "curve.svg").read_text(encoding="utf-8")
    assert main(["convert", str(source), str(tmp_path / "x.svg"), "--analysis"]) == 1
    assert "--analysis does not apply" in capsys.readouterr().err
    assert export_png(small_map(), tmp_path / "y.png", dpi=72) and shown_overlay() == Overlay()


def test_timeline_mode_from_the_view_menu(make_window) -> None:
    from journeymap.layout.timeline_layout import TimelineLayout

    window = make_window(small_map())
    window.action_map["actionTimelineMode"].trigger()
    assert isinstance(window.view.map_scene.layout, TimelineLayout)
    assert shown_overlay().timeline
    window.action_map["actionTimelineMode"].trigger()
    assert not isinstance(window.view.map_scene.layout, TimelineLayout)


def test_command_line_pictures_take_the_timeline_option(qapp: object, tmp_path: Path) -> None:
    source = tmp_path / "map.cjm"
    save_cjm(small_map(), source)
    assert main(["convert", str(source), str(tmp_path / "plain.png"), "--dpi", "72"]) == 0
    assert main(["convert", str(source), str(tmp_path / "time.png"), "--dpi", "72", "--timeline"]) == 0
    assert QImage(str(tmp_path / "time.png")).width() > QImage(str(tmp_path / "plain.png")).width()
