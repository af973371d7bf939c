"""Write a journey map as an editable PowerPoint deck (.pptx): every text is real text.

Slides: a title slide with the legend, the map over as many slides as it needs to stay readable
(see :mod:`plan`), then the experience curve, the handoff ledger and the vote-ranked cards when the
map has them. python-pptx builds the deck in memory; the file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from journeymap import __version__
from journeymap.io.atomic import write_atomic
from journeymap.io.deck.analysis_slides import curve_slide, handoff_slides, vote_slides
from journeymap.io.deck.map_slide import draw_map_page
from journeymap.io.deck.measure import DeckMeasurer
from journeymap.io.deck.plan import DECK_STYLE, MARGIN, SLIDE_HEIGHT, SLIDE_WIDTH, Frame, MapPage, plan_pages
from journeymap.io.deck.shapes import Run, box, emu, set_text, text_box
from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice
from journeymap.layout import LayoutEngine, MapLayout
from journeymap.layout.style import EMOTION_COLOURS, EMOTION_LABELS, KIND_COLOURS, KIND_LABELS, MUTED_INK
from journeymap.model import JourneyMap

BLANK_LAYOUT = 6  # "Blank" in python-pptx's default template
ProgressFn = Callable[[int, int, str], None]


def build_deck(
    journey: JourneyMap, date: dt.date | None = None, progress: ProgressFn | None = None
) -> PresentationType:
    """The whole deck, in memory. ``progress(done, total, text)`` is called once per map slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = emu(SLIDE_WIDTH), emu(SLIDE_HEIGHT)
    measurer = DeckMeasurer()
    layout = LayoutEngine(measurer, DECK_STYLE).compute(journey)
    pages = plan_pages(layout)

    def new_slide() -> Slide:
        return deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])

    _title_slide(new_slide(), journey, date or dt.date.today(), len(pages))
    flows = journey.flows()
    for number, page in enumerate(pages, 1):
        if progress is not None:
            progress(number - 1, len(pages), f"Slide {number} of the map")
        draw_map_page(new_slide(), journey, layout, Frame(layout, page), _map_heading(journey, layout, page), flows)
    curve_slide(new_slide, journey)
    handoff_slides(new_slide, journey, measurer)
    vote_slides(new_slide, journey, measurer)
    core = deck.core_properties
    core.title = journey.title or "Untitled journey map"
    core.subject = "Customer journey map"
    core.author = core.last_modified_by = ""
    core.comments = f"Journey Map Designer {__version__}"
    return deck


def write_pptx(
    journey: JourneyMap,
    path: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    progress: ProgressFn | None = None,
    **unknown: Any,
) -> list[Notice]:
    """The ``.pptx`` writer."""
    if unknown:
        raise MapFileError(path, f"unknown deck option {sorted(unknown)[0]!r}")
    write_atomic(path, pptx_bytes(journey, date=date, progress=progress))
    return []


def pptx_bytes(journey: JourneyMap, date: dt.date | None = None, progress: ProgressFn | None = None) -> bytes:
    buffer = BytesIO()
    build_deck(journey, date, progress).save(buffer)
    return buffer.getvalue()


def _map_heading(journey: JourneyMap, layout: MapLayout, page: MapPage) -> str:
    title = journey.title or "Untitled journey map"
    if not page.stages:
        return title
    names = [journey.stage(stage).name or "(unnamed stage)" for stage in page.stages]
    span = names[0] if len(names) == 1 else f"{names[0]} – {names[-1]}"
    text = f"{title}: {span}" if page.groups > 1 else title
    if page.parts > 1:
        text += f" (part {page.part} of {page.parts})"
    return text


def _title_slide(slide: Slide, journey: JourneyMap, date: dt.date, map_slides: int) -> None:
    counts = journey.counts()
    width = SLIDE_WIDTH - 4 * MARGIN
    text_box(
        slide.shapes,
        2 * MARGIN,
        150,
        width,
        90,
        [[Run(journey.title or "Untitled journey map", 36, bold=True)]],
        anchor=MSO_ANCHOR.BOTTOM,
        name="Title",
    )
    summary = (
        f"Customer journey map · {counts['stages']} stages · {counts['lanes']} personas · "
        f"{counts['cards']} cards · {counts['milestones']} milestones · {date.isoformat()}"
    )
    text_box(slide.shapes, 2 * MARGIN, 246, width, 26, [[Run(summary, 16, colour=MUTED_INK)]], name="Subtitle")
    x, y = 2 * MARGIN, 330.0
    for kind, (fill, border) in KIND_COLOURS.items():
        swatch = box(
            slide.shapes,
            MSO_SHAPE.ROUNDED_RECTANGLE,
            x,
            y,
            150,
            30,
            fill=fill,
            line=border,
            name=f"Legend {kind.value}",
        )
        set_text(swatch, [[Run(KIND_LABELS[kind], 12, bold=True)]], inset=(8, 2, 8, 2), anchor=MSO_ANCHOR.MIDDLE)
        x += 166
    x, y = 2 * MARGIN, 380.0
    for score, colour in EMOTION_COLOURS.items():
        badge = box(slide.shapes, MSO_SHAPE.OVAL, x, y, 24, 24, fill=colour, line=None, name=f"Legend emotion {score}")
        set_text(
            badge,
            [[Run(f"{score:+d}".replace("+0", "0").replace("-", "−"), 10, bold=True, colour="#ffffff")]],
            inset=(0, 0, 0, 0),
            anchor=MSO_ANCHOR.MIDDLE,
            align=PP_ALIGN.CENTER,
        )
        text_box(
            slide.shapes,
            x + 28,
            y + 4,
            100,
            18,
            [[Run(EMOTION_LABELS[score], 11, colour=MUTED_INK)]],
            name=f"Legend emotion label {score}",
        )
        x += 134
    note = (
        f"The map follows on {map_slides} slide{'s' if map_slides != 1 else ''}. Every card, stage and lane "
        "is an editable shape."
    )
    text_box(slide.shapes, 2 * MARGIN, 440, width, 22, [[Run(note, 12, colour=MUTED_INK)]], name="Note")
