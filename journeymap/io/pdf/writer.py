"""Write a journey map as a print-grade PDF poster: whole on one page, or tiled over sheets.

The poster (title block and board) is drawn once into a form XObject; the whole-map page and every
tile place that same form, so tiling costs little and every sheet is the same drawing. Output is
deterministic: reportlab's invariant mode, and a date that the caller passes (tests pass a fixed
one) or that defaults to today; the file's creation date is that date, or SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from io import BytesIO
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from journeymap import __version__
from journeymap.analysis.handoffs import stage_handoffs
from journeymap.io.atomic import write_atomic_with
from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice, Severity
from journeymap.io.pdf.analysis_marks import draw_curve_bands, draw_handoff_marks, draw_ruler
from journeymap.io.pdf.analysis_page import draw_analysis_pages
from journeymap.io.pdf.board import draw_board
from journeymap.io.pdf.cut import cut_long_texts
from journeymap.io.pdf.fonts import FontSet, default_fonts, missing_characters
from journeymap.io.pdf.paper import MM, PaperError
from journeymap.io.pdf.plan import PosterOptions, PosterPlan, plan_poster
from journeymap.io.pdf.preflight import check_legibility, text_sizes
from journeymap.io.pdf.surface import Surface
from journeymap.io.pdf.tiling import draw_assembly_page, draw_tile, place_form
from journeymap.io.pdf.title_block import TitleBlock, draw_title_block, layout_title_block
from journeymap.layout import LayoutEngine, LayoutStyle, MapLayout
from journeymap.layout.curve import CurveBand, curve_bands, with_overlay
from journeymap.layout.handoff_marks import HandoffMark, handoff_marks
from journeymap.layout.measure import FontMeasurer, default_measurer
from journeymap.layout.timeline_layout import TimelineEngine, TimelineLayout
from journeymap.model import JourneyMap

FORM = "poster"
CREATOR = f"Journey Map Designer {__version__}"


@dataclass
class Poster:
    """Everything one export needs, computed before any page is drawn."""

    journey: JourneyMap
    layout: MapLayout
    block: TitleBlock
    plan: PosterPlan
    fonts: FontSet
    measurer: FontMeasurer
    date: dt.date
    author: str
    notices: list[Notice] = field(default_factory=list)
    curve_bands: list[CurveBand] = field(default_factory=list)
    marks: list[HandoffMark] = field(default_factory=list)
    analysis: bool = False  # add the pages of handoff ledger, gaps and timeline
    cut_notices: list[Notice] = field(default_factory=list)  # text cut before layout; kept across replans

    @property
    def content_width(self) -> float:
        return self.layout.width

    @property
    def content_height(self) -> float:
        return self.block.height + self.layout.height


def prepare_poster(
    journey: JourneyMap,
    options: PosterOptions,
    date: dt.date | None = None,
    author: str | None = None,
    fonts: FontSet | None = None,
    curve: str | None = None,
    analysis: bool = False,
    timeline: bool = False,
    handoffs: bool | None = None,
) -> Poster:
    """Lay out, plan and preflight; raises :class:`PaperError` when the paper cannot work.

    ``curve`` is "lanes", "shared" or "off"; by default a band per lane when any card is scored.
    ``handoffs``: by default, stage handoff labels get their strip whenever the map has a stage handoff
    and arrows their marks; False leaves all handoff marks out. ``timeline`` makes each stage as wide
    as its duration, with a ruler (as the canvas's timeline mode).
    """
    fonts = fonts or default_fonts()
    # The canvas's measurer, over the files these fonts were made from: the same lines as on screen.
    measurer = default_measurer() if fonts is default_fonts() else FontMeasurer(fonts.files)
    journey, cut_notices = cut_long_texts(journey)
    if curve is None:
        curve = "lanes" if any(journey.card(c).emotion is not None for c in journey.card_ids()) else "off"
    try:
        strip = bool(stage_handoffs(journey)) if handoffs is None else handoffs
        style = with_overlay(LayoutStyle(), curve, handoffs=strip, timeline=timeline)
    except ValueError as error:
        raise PaperError(str(error)) from None
    layout = (TimelineEngine if timeline else LayoutEngine)(measurer, style).compute(journey)
    date = date or dt.date.today()
    block = layout_title_block(journey, layout, measurer, date)
    plan = plan_poster(layout.width, block.height + layout.height, options)
    poster = Poster(
        journey,
        layout,
        block,
        plan,
        fonts,
        measurer,
        date,
        _author(author),
        curve_bands=curve_bands(journey, layout),
        marks=[] if handoffs is False else handoff_marks(journey, layout, measurer),
        analysis=analysis,
        cut_notices=cut_notices,
    )
    poster.notices = cut_notices + _notices(poster, options)
    return poster


def replan_poster(poster: Poster, options: PosterOptions) -> Poster:
    """The same laid-out poster on other paper: cheap, for a dialog that previews as options change."""
    plan = plan_poster(poster.content_width, poster.content_height, options)
    other = replace(poster, plan=plan, notices=[])
    other.notices = poster.cut_notices + _notices(other, options)
    return other


# reportlab's invariant mode dates every file 2000-01-01 (unless SOURCE_DATE_EPOCH is set); the
# poster's own date takes that place, a string of the same length, so no offset in the file moves.
_INVARIANT_DATE = b"D:20000101000000+00'00'"


def render_pdf(poster: Poster, stream: BinaryIO) -> None:
    """Draw the prepared poster into ``stream``, dated with the poster's date (or SOURCE_DATE_EPOCH)."""
    buffer = BytesIO()
    _render_pdf(poster, buffer)
    data = buffer.getvalue()
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        data = data.replace(_INVARIANT_DATE, poster.date.strftime("D:%Y%m%d000000+00'00'").encode("ascii"))
    stream.write(data)


def _render_pdf(poster: Poster, stream: BinaryIO) -> None:
    plan = poster.plan
    first = plan.tile_sheet or plan.page
    with binary_streams():
        canvas = Canvas(stream, pagesize=(first.width, first.height), invariant=1, pageCompression=1)
        _metadata(canvas, poster)
        _draw_form(canvas, poster)
        if plan.tiled:
            _draw_tiled(canvas, poster)
        else:
            _draw_whole(canvas, poster)
        if poster.analysis:
            draw_analysis_pages(
                canvas,
                poster.fonts,
                poster.measurer,
                poster.journey,
                first.width,
                first.height,
                max(plan.margin, 8 * MM),
            )
        canvas.save()


_A85_LOCK = threading.RLock()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed streams without reportlab's ASCII85 wrapping, for the length of one document.

    ASCII85 makes a PDF 25% larger and, in pure Python, cost a poster of 2,000 cards a third of its
    time; binary PDF has been fine for every reader for decades. reportlab reads the setting from a
    module global, so the change is scoped and serialised here.
    """
    with _A85_LOCK:
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


def write_pdf(
    journey: JourneyMap,
    path: str | os.PathLike[str],
    *,
    paper: str | None = None,
    landscape: bool | None = None,
    tile: str | None = None,
    margin: float | None = None,
    overlap: float | None = None,
    scale: float | None = None,
    date: dt.date | None = None,
    author: str | None = None,
    curve: str | None = None,
    analysis: bool = False,
    timeline: bool = False,
    **unknown: Any,
) -> list[Notice]:
    """The ``.pdf`` writer: options as the command line gives them (margins in mm).

    Returns warnings (illegible text, characters no font can draw) and notes for the user.
    """
    if unknown:
        raise MapFileError(path, f"unknown poster option {sorted(unknown)[0]!r}")
    try:
        options = PosterOptions.from_values(paper, landscape, tile, margin, overlap, scale)
        poster = prepare_poster(
            journey, options, date=date, author=author, curve=curve, analysis=analysis, timeline=timeline
        )
    except PaperError as error:
        raise MapFileError(path, str(error)) from None
    write_atomic_with(path, lambda stream: render_pdf(poster, stream))
    return poster.notices


def pdf_bytes(journey: JourneyMap, options: PosterOptions | None = None, **kwargs: Any) -> tuple[bytes, list[Notice]]:
    """The PDF in memory, for previews, tests and benchmarks."""
    poster = prepare_poster(journey, options or PosterOptions(), **kwargs)
    buffer = BytesIO()
    render_pdf(poster, buffer)
    return buffer.getvalue(), poster.notices


# ------------------------------------------------------------------ drawing
def _metadata(canvas: Canvas, poster: Poster) -> None:
    counts = poster.journey.counts()
    canvas.setTitle(poster.journey.title or "Untitled journey map")
    canvas.setAuthor(poster.author)
    canvas.setSubject(
        f"Customer journey map: {counts['stages']} stages, {counts['lanes']} personas, "
        f"{counts['cards']} cards, {counts['milestones']} milestones"
    )
    canvas.setCreator(CREATOR)
    canvas.setKeywords(["customer journey map", "poster"])


def _draw_form(canvas: Canvas, poster: Poster) -> None:
    canvas.beginForm(FORM, 0, 0, poster.content_width, poster.content_height)
    surface = Surface(canvas, poster.fonts, poster.measurer, poster.content_height)
    draw_title_block(surface, poster.block)
    draw_board(surface, poster.layout, poster.journey, top=poster.block.height)
    draw_curve_bands(surface, poster.curve_bands, poster.layout, poster.journey, poster.block.height)
    if isinstance(poster.layout, TimelineLayout) and poster.layout.ruler is not None:
        draw_ruler(surface, poster.layout.ruler, poster.layout, poster.block.height)
    draw_handoff_marks(surface, poster.marks, poster.layout, poster.block.height)
    canvas.endForm()


def _draw_whole(canvas: Canvas, poster: Poster) -> None:
    plan = poster.plan
    page = plan.page
    canvas.setPageSize((page.width, page.height))
    left, top = plan.origin
    place_form(canvas, FORM, plan, left, top, page.height, plan.scale)
    for index, (stage_id, x, y) in enumerate(_stage_anchors(poster)):
        key = f"stage-{index}"
        canvas.bookmarkPage(key, fit="XYZ", left=left + x * plan.scale, top=page.height - (top + y * plan.scale))
        canvas.addOutlineEntry(poster.journey.stage(stage_id).name or "(unnamed stage)", key, level=0)
    canvas.showOutline()
    canvas.showPage()


def _draw_tiled(canvas: Canvas, poster: Poster) -> None:
    plan = poster.plan
    assert plan.tile_sheet is not None and plan.window is not None
    sheet = plan.tile_sheet
    title = poster.journey.title or "Untitled journey map"
    date_text = poster.date.isoformat()
    surface = Surface(canvas, poster.fonts, poster.measurer, sheet.height)
    canvas.setPageSize((sheet.width, sheet.height))
    draw_assembly_page(canvas, surface, FORM, plan, title, date_text, poster.measurer)
    canvas.bookmarkPage("assembly", fit="Fit")
    canvas.addOutlineEntry("Assembly: print at 100%", "assembly", level=0)
    canvas.showPage()
    stages_by_tile: dict[tuple[int, int], list[tuple[int, str, float, float]]] = {}
    step_x, step_y = plan.window.width - plan.overlap, plan.window.height - plan.overlap
    columns, rows = plan.tiles[-1].columns, plan.tiles[-1].rows
    for index, (stage_id, x, y) in enumerate(_stage_anchors(poster)):
        px, py = x * plan.scale, y * plan.scale
        place = (min(int(py // step_y), rows - 1), min(int(px // step_x), columns - 1))
        stages_by_tile.setdefault(place, []).append((index, stage_id, px, py))
    for tile in plan.tiles:
        canvas.setPageSize((sheet.width, sheet.height))
        draw_tile(canvas, surface, FORM, plan, tile, title, date_text, poster.measurer)
        key = f"tile-{tile.name}"
        canvas.bookmarkPage(key, fit="Fit")
        canvas.addOutlineEntry(tile.caption, key, level=0, closed=True)
        for index, stage_id, px, py in stages_by_tile.get((tile.row, tile.column), []):
            stage_key = f"stage-{index}"
            canvas.bookmarkPage(
                stage_key,
                fit="XYZ",
                left=plan.window.x + px - tile.window.x,
                top=sheet.height - (plan.window.y + py - tile.window.y),
            )
            canvas.addOutlineEntry(poster.journey.stage(stage_id).name or "(unnamed stage)", stage_key, level=1)
        canvas.showPage()


def _stage_anchors(poster: Poster) -> Iterator[tuple[str, float, float]]:
    """Each stage header's top-left in poster content coordinates (y down)."""
    for stage_id in poster.layout.stage_order:
        header = poster.layout.stages[stage_id].header
        yield stage_id, header.x, poster.block.height + header.y


# ------------------------------------------------------------------ reports
def _notices(poster: Poster, options: PosterOptions) -> list[Notice]:
    plan = poster.plan
    notices = [Notice(Severity.INFO, note) for note in plan.notes]
    where = _where(plan)
    check = check_legibility(
        plan, text_sizes(poster.layout, [("legend", s) for s in poster.block.text_styles()]), options
    )
    if not check.ok:
        notices.append(Notice(Severity.WARNING, check.message(where)))
    for missing in missing_characters(poster.fonts, _texts(poster.journey)):
        notices.append(
            Notice(
                Severity.WARNING,
                f"no installed font can draw {missing.label} (first in "
                f"{missing.where}); it prints as an empty box. Install a font "
                "that has it, or name one in JOURNEYMAP_FONTS",
            )
        )
    cut = [poster.journey.stage(s).name for s in poster.layout.stage_order if poster.layout.stages[s].truncated]
    if cut:
        names = ", ".join(repr(name) for name in cut[:5]) + (f" and {len(cut) - 5} more" if len(cut) > 5 else "")
        notices.append(
            Notice(
                Severity.WARNING,
                f"stage header text longer than four lines per field is cut short with '…', as on screen: {names}",
            )
        )
    pages = f"{plan.page_count} pages" if plan.page_count != 1 else "1 page"
    notices.append(Notice(Severity.INFO, f"poster on {where}, map at {plan.scale:.0%}, {pages}"))
    return notices


def _where(plan: PosterPlan) -> str:
    size = f"{plan.printed_width / MM:.0f} x {plan.printed_height / MM:.0f} mm"
    if plan.tiled and plan.tile_sheet is not None:
        return f"{len(plan.tiles)} sheets of {plan.tile_sheet.name} ({size})"
    if plan.page.name == "fitted":
        return f"a {plan.page.width / MM:.0f} x {plan.page.height / MM:.0f} mm page"
    orientation = "landscape" if plan.page.is_landscape else "portrait"
    return f"{plan.page.describe()} {orientation}"


def _texts(journey: JourneyMap) -> Iterator[tuple[str, str]]:
    yield "the map title", journey.title
    for stage_id in journey.stage_ids():
        stage = journey.stage(stage_id)
        for value in (stage.name, stage.goal, stage.success_criteria, stage.timeline, stage.owner):
            yield f"stage {stage.name!r}", value
    for lane_id in journey.lane_ids():
        lane = journey.lane(lane_id)
        yield f"persona {lane.name!r}", lane.name
        yield f"persona {lane.name!r}", lane.description
    for card_id in journey.card_ids():
        card = journey.card(card_id)
        for value in (card.title, card.channel, card.owner):
            yield f"card {card.title!r}", value
    for milestone_id in journey.milestone_ids():
        milestone = journey.milestone(milestone_id)
        yield f"milestone {milestone.title!r}", milestone.title


def _author(author: str | None) -> str:
    if author is not None:
        return author
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "Journey Map Designer"
