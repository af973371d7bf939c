"""Text beyond what a card can show is cut before layout, so any poster is bounded (issue 9 item 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from journeymap.io.formats import Severity
from journeymap.io.pdf import write_pdf
from journeymap.io.pdf.cut import CARD_TITLE_CHARS, cut_long_texts
from tests.factories import small_map

HUGE = "x" * 2_000_000  # one word of 2 MB: measured piece by piece, it took minutes


def test_a_huge_title_and_card_are_cut_with_an_ellipsis_and_a_warning(tmp_path: Path) -> None:
    journey = small_map()
    journey.set_title("Title " + HUGE)
    card = journey.card_ids()[0]
    journey.update_card(card, title="Card " + HUGE, channel="c" * 300)
    path = tmp_path / "poster.pdf"
    notices = write_pdf(journey, path, paper="A2", date=dt.date(2026, 1, 1))
    warnings = [str(n) for n in notices if n.severity is Severity.WARNING]
    assert any("was cut with '…'" in w and "the map title" in w and "card “Card xxx" in w for w in warnings), warnings
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "…" in text and "x" * 600 not in text
    assert len(journey.title) > 2_000_000  # the map itself is untouched: only the poster is cut


def test_a_map_with_nothing_too_long_is_not_copied_or_warned() -> None:
    journey = small_map()
    assert cut_long_texts(journey) == (journey, [])


def test_a_card_title_is_cut_to_its_ceiling() -> None:
    journey = small_map()
    card = journey.card_ids()[0]
    journey.update_card(card, title="word " * 1000)
    poster_map, notices = cut_long_texts(journey)
    title = poster_map.card(card).title
    assert len(title) <= CARD_TITLE_CHARS and title.endswith("…") and len(notices) == 1


def test_the_shared_layout_never_wraps_megabytes(tmp_path: Path) -> None:
    """The canvas lays out with the same engine: a 2 MB card title is cut before wrapping there too."""
    from journeymap.layout import LayoutEngine
    from journeymap.layout.map_layout import ELLIPSIS, MAX_WRAPPED_CHARS
    from journeymap.layout.measure import default_measurer

    journey = small_map()
    card = journey.card_ids()[0]
    journey.update_card(card, title=HUGE)
    layout = LayoutEngine(default_measurer()).compute(journey)
    lines = layout.cards[card].title_lines
    assert lines[-1].endswith(ELLIPSIS)
    assert sum(len(line) for line in lines) <= MAX_WRAPPED_CHARS
