"""The poster preview shows the page as printed: the title block with its legends, not a grey band (issue 11)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from journeymap.editing.document import Document
from journeymap.layout.style import EMOTION_COLOURS
from journeymap.widgets.dialogs.poster_dialog import FIT, PosterDialog
from tests.factories import small_map


def _near(colour: QColor, target: str, tolerance: int = 12) -> bool:
    want = QColor(target)
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True))


def test_the_preview_draws_the_title_block_with_its_legends(qtbot) -> None:
    dialog = PosterDialog(Document(small_map()))
    qtbot.addWidget(dialog)
    dialog.resize(1400, 1000)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.paper.setCurrentText(FIT)
    poster = dialog.preview.poster
    assert poster is not None
    preview = dialog.preview
    image = preview.grab().toImage()
    plan = poster.plan
    fit = min((preview.width() - 16) / plan.page.width, (preview.height() - 16) / plan.page.height)
    ox = (preview.width() - plan.page.width * fit) / 2
    oy = (preview.height() - plan.page.height * fit) / 2
    left, top = ox + plan.origin[0] * fit, oy + plan.origin[1] * fit
    scale = plan.scale * fit
    block_pixels = [
        image.pixelColor(int(left + x), int(top + y))
        for x in range(0, int(poster.block.width * scale))
        for y in range(0, int(poster.block.height * scale))
    ]
    # The emotion legend's discs, in their colours, as on the PDF's title block.
    for emotion in (-2, 2):
        assert any(_near(pixel, EMOTION_COLOURS[emotion]) for pixel in block_pixels), emotion
    # Dark text: the title and the date line.
    assert sum(1 for pixel in block_pixels if pixel.lightness() < 80) > 50
