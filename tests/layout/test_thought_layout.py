"""Thought cards need room for their shape: a quotation mark before the words and a tail below."""

from __future__ import annotations

import pytest

from journeymap.layout import LayoutStyle, TextStyle, compute_layout
from journeymap.model import JourneyMap, Kind, Persona, Stage, Touchpoint


class MonoMeasurer:
    def width(self, text: str, style: TextStyle) -> float:
        return len(text) * style.size * 0.6

    def baseline(self, style: TextStyle) -> float:
        return style.size


def _map() -> tuple[JourneyMap, list[str]]:
    journey = JourneyMap("Thoughts")
    stage = journey.add_stage(Stage("Sign up"))
    lane = journey.add_lane(Persona("Admin"))
    cards = [
        journey.add_card(
            stage, lane, Touchpoint("Why do I need yet another login for this tool?", kind=Kind.THOUGHT, emotion=-1)
        ),
        journey.add_card(stage, lane, Touchpoint("Create account", channel="Web")),
        journey.add_card(stage, lane, Touchpoint("Finally done", kind=Kind.THOUGHT)),
    ]
    return journey, cards


@pytest.mark.parametrize("style", [LayoutStyle(), LayoutStyle().scaled(1.6)], ids=["normal", "workshop"])
def test_a_thought_has_its_quote_mark_inside_and_its_tail_in_the_gap_below(style: LayoutStyle) -> None:
    journey, (thought, touchpoint, last) = _map()
    layout = compute_layout(journey, MonoMeasurer(), style)
    box, next_box, last_box = layout.cards[thought], layout.cards[touchpoint], layout.cards[last]
    rect = box.rect
    assert box.quote is not None and next_box.quote is None and not next_box.tail
    assert rect.x <= box.quote.x and box.quote.right <= box.text_x
    assert rect.y <= box.quote.y + box.quote.height / 2 < rect.bottom
    assert box.text_x - rect.x > next_box.text_x - next_box.rect.x  # the words start after the mark
    (ax, ay), (bx, by), (tx, ty) = box.tail
    assert ay == by == rect.bottom and rect.x < tx < ax < bx < rect.right
    assert rect.bottom < ty <= next_box.rect.y - 2  # inside the gap: never touches the next card
    cell = layout.lanes[journey.lane_ids()[0]].row
    assert max(y for _, y in last_box.tail) <= cell.bottom - 2  # the last card's tail stays in its lane
    width = style.card_width - (box.text_x - rect.x) - style.card_padding - style.badge_size - 4
    assert all(MonoMeasurer().width(line, style.thought_title) <= width for line in box.title_lines)


def test_thought_titles_are_italic_and_the_workshop_style_keeps_them_so() -> None:
    assert LayoutStyle().thought_title.italic and not LayoutStyle().card_title.italic
    assert LayoutStyle().scaled(1.5).thought_title == TextStyle(16.5, bold=True, italic=True)
