"""PNG and SVG exports paint the canvas scene: sizes follow the DPI, SVG holds the real text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from journeymap.app.cli import main
from journeymap.app.image_export import export_png, export_svg
from journeymap.editing.document import Document
from journeymap.io.cjm import save_cjm
from journeymap.io.errors import MapFileError
from journeymap.layout.style import KIND_COLOURS
from journeymap.model import JourneyMap, Kind, Touchpoint
from journeymap.widgets.canvas.scene import MapScene
from tests.factories import small_map


def greek_map() -> JourneyMap:
    journey = small_map()
    stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
    journey.add_card(stage, lane, Touchpoint("Ωμέγα και Привет", kind=Kind.OPPORTUNITY))
    return journey


def map_size(qapp: object, journey: JourneyMap) -> tuple[float, float]:
    scene = MapScene(Document(journey.copy()))
    rect = scene.map_rect()
    return rect.width(), rect.height()


@pytest.mark.parametrize("dpi", [72, 150, 300])
def test_png_size_follows_the_dpi(qapp: object, tmp_path: Path, dpi: int) -> None:
    journey = small_map()
    width, height = map_size(qapp, journey)
    path = tmp_path / "map.png"
    notices = export_png(journey, path, dpi=dpi)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() == round(width * dpi / 72)
    assert image.height() == round(height * dpi / 72)
    assert round(image.dotsPerMeterX() * 0.0254) == dpi
    assert f"{image.width()} x {image.height()} pixels" in notices[0].text
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_png_shows_the_cards_in_their_kind_colours(qapp: object, tmp_path: Path) -> None:
    path = tmp_path / "map.png"
    export_png(small_map(), path, dpi=72)
    image = QImage(str(path))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    for kind in (Kind.TOUCHPOINT, Kind.PAIN_POINT, Kind.OPPORTUNITY):
        assert QColor(KIND_COLOURS[kind][0]).name() in colours


def test_png_dpi_out_of_range_is_refused(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="out of range"):
        export_png(small_map(), tmp_path / "x.png", dpi=5)
    assert not (tmp_path / "x.png").exists()


def test_svg_parses_and_holds_every_title(qapp: object, tmp_path: Path) -> None:
    journey = greek_map()
    path = tmp_path / "map.svg"
    export_svg(journey, path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    width, _ = map_size(qapp, journey)
    assert root.get("width") == f"{width:g}pt"
    text = " ".join(" ".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))
    flat = " ".join(text.split())
    names = [journey.stage(s).name for s in journey.stage_ids()] + [journey.lane(p).name for p in journey.lane_ids()]
    names += [journey.card(c).title for c in journey.card_ids()]
    names += [journey.milestone(m).title for m in journey.milestone_ids()]
    for name in names:
        assert name in flat, name
    assert root.find("{http://www.w3.org/2000/svg}title").text == journey.title


def test_export_does_not_touch_the_map_it_was_given(qapp: object, tmp_path: Path) -> None:
    journey = small_map()
    seen: list[object] = []
    journey.events.subscribe(seen.append)
    export_svg(journey, tmp_path / "a.svg")
    export_png(journey, tmp_path / "a.png", dpi=72)
    journey.set_title("Changed")
    assert len(seen) == 1  # only our own edit: the exports worked on a copy


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.cjm"
    save_cjm(greek_map(), path)
    return path


def test_cli_png_with_dpi(qapp: object, map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "slide.png"
    assert main(["convert", str(map_file), str(out), "--dpi", "96"]) == 0
    assert round(QImage(str(out)).dotsPerMeterX() * 0.0254) == 96
    assert "journeymap: info: picture of" in capsys.readouterr().err


def test_cli_svg(qapp: object, map_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "slide.svg"
    assert main(["convert", str(map_file), str(out)]) == 0
    assert "Ωμέγα" in out.read_text(encoding="utf-8")


def test_cli_bad_dpi_is_one_error_line(
    qapp: object, map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "slide.png"
    assert main(["convert", str(map_file), str(out), "--dpi", "4000"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"journeymap: error: {out}: --dpi 4000 is out of range")
