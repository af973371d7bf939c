"""Thought cards on the canvas: a speech bubble with a quotation mark and italic words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage

from journeymap.layout import CardBox, default_measurer
from journeymap.layout.style import ITALIC_SLANT, KIND_COLOURS, LayoutStyle
from journeymap.model import Kind, Touchpoint
from journeymap.widgets.canvas.items.context import TextBlock
from journeymap.widgets.canvas.pictures import picture_scene, render_scene_image
from tests.factories import small_map

SCALE = 3.0
BORDER = QColor(KIND_COLOURS[Kind.THOUGHT][1])


def _near(colour: QColor, target: QColor, slack: int = 16) -> bool:
    return all(
        abs(a - b) <= slack
        for a, b in ((colour.red(), target.red()), (colour.green(), target.green()), (colour.blue(), target.blue()))
    )


def _count(image: QImage, x0: float, y0: float, x1: float, y1: float, target: QColor) -> int:
    return sum(
        _near(image.pixelColor(x, y), target)
        for x in range(int(x0 * SCALE), int(x1 * SCALE))
        for y in range(int(y0 * SCALE), int(y1 * SCALE))
    )


def _thought_scene(qapp: object) -> tuple[QImage, CardBox, CardBox, QRectF]:
    journey = small_map()
    stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
    thought = journey.add_card(stage, lane, Touchpoint("Why another login?", kind=Kind.THOUGHT, emotion=-1))
    scene = picture_scene(journey)
    image = render_scene_image(scene, SCALE)
    touchpoint = journey.card_ids()[0]
    bounds = scene.card_items[thought].sceneBoundingRect()
    return image, scene.layout.cards[thought], scene.layout.cards[touchpoint], bounds


def test_a_thought_is_drawn_as_a_bubble_with_a_quote_mark_and_a_tail(qapp: object) -> None:
    image, box, touchpoint, bounds = _thought_scene(qapp)
    assert box.quote is not None
    quote = box.quote
    # The quotation mark is painted in the kind's colour where a touchpoint has its stripe.
    assert _count(image, quote.x, box.rect.y, quote.right, box.title_top + 12, BORDER) > 20
    # The tail below the card is painted too (not clipped by the item's cache).
    (ax, _), (bx, _), (tx, ty) = box.tail
    assert _count(image, tx - 1, box.rect.bottom + 1, bx + 1, ty + 0.5, BORDER) > 10
    assert bounds.contains(QPointF(tx, ty))  # the item's cache would clip what lies outside its rect
    # A touchpoint has neither: nothing of the thought's colour around or under it.
    rect = touchpoint.rect
    assert _count(image, rect.x, rect.y, rect.right, rect.bottom + 6, BORDER) == 0


def test_thought_words_are_italic_and_break_where_the_poster_breaks_them(qapp: object) -> None:
    # Italic is the upright face slanted (on the poster too), so it measures as upright and every
    # line breaks at the same word on screen and on paper (tests/widgets/canvas/test_screen_is_paper.py).
    style = LayoutStyle()
    scene = picture_scene(small_map())
    assert TextBlock(("Why",), scene.ctx, style.thought_title).slant == ITALIC_SLANT
    assert TextBlock(("Why",), scene.ctx, style.card_title).slant == 0
    text = "Why do I need yet another login? Ωμέγα"
    measurer = default_measurer()
    assert measurer.width(text, style.thought_title) == measurer.width(text, style.card_title)


def test_thought_words_lean_to_the_right_on_the_canvas(qapp: object) -> None:
    """The title's ink leans: its top rows start further right than its bottom rows, unlike a touchpoint's."""

    def lean(kind: Kind) -> float:
        journey = small_map()
        stage, lane = journey.stage_ids()[0], journey.lane_ids()[0]
        card = journey.add_card(stage, lane, Touchpoint("IIIIIIII", kind=kind))
        scene = picture_scene(journey)
        image = render_scene_image(scene, SCALE)
        box = scene.layout.cards[card]
        ink = QColor("#1f2933")
        size = scene.ctx.style.card_title.size
        baseline = scene.layout.baseline(box.title_top, scene.ctx.style.card_title)

        def first_ink_x(y: float) -> int:
            row = round(y * SCALE)
            return next(
                x
                for x in range(round(box.text_x * SCALE) - 6, round(box.rect.right * SCALE))
                if _near(image.pixelColor(x, row), ink, 60)
            )

        return first_ink_x(baseline - 0.6 * size) - first_ink_x(baseline - 0.1 * size)

    assert lean(Kind.THOUGHT) >= 0.3 * ITALIC_SLANT * 11 * SCALE
    assert abs(lean(Kind.TOUCHPOINT)) <= 1
