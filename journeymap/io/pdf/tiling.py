"""Tiled posters: the assembly page and one page per sheet, each placing the same poster form.

The poster is drawn once as a form XObject; a tile page only clips to its window and places the
form shifted, so a 25-sheet poster costs about what one page does. Each sheet carries crop marks
at its window corners, alignment ticks and a dashed line where its neighbour's edge goes, and a
label saying where it belongs.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from journeymap.io.pdf.paper import MM
from journeymap.io.pdf.plan import MARK_GUTTER, PosterPlan, Tile, row_letters
from journeymap.io.pdf.surface import Surface
from journeymap.layout import Rect, TextMeasurer, TextStyle, wrap_text
from journeymap.layout.style import INK, MUTED_INK

LABEL_BOLD = TextStyle(7.5, bold=True)
LABEL = TextStyle(7)
HEADING = TextStyle(15, bold=True)
BODY = TextStyle(9.5)
GRID_NAME = TextStyle(12, bold=True)
MARK = "#000000"
GUIDE = "#7f8c8d"


def place_form(
    canvas: Canvas, form: str, plan: PosterPlan, left: float, top: float, page_height: float, scale: float
) -> None:
    """Draw the poster form with its top-left at (left, top) of a page, y measured down."""
    canvas.saveState()
    canvas.translate(left, page_height - top - plan.content_height * scale)
    canvas.scale(scale, scale)
    canvas.doForm(form)
    canvas.restoreState()


def draw_tile(
    canvas: Canvas,
    surface: Surface,
    form: str,
    plan: PosterPlan,
    tile: Tile,
    title: str,
    date_text: str,
    measurer: TextMeasurer,
) -> None:
    assert plan.tile_sheet is not None and plan.window is not None
    sheet, window = plan.tile_sheet, plan.window
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(window.x, sheet.height - window.bottom, window.width, window.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    place_form(canvas, form, plan, window.x - tile.window.x, window.y - tile.window.y, sheet.height, plan.scale)
    canvas.restoreState()
    _draw_marks(surface, plan, tile, window)
    _draw_label(surface, plan, tile, window, title, date_text, measurer)


def _draw_marks(surface: Surface, plan: PosterPlan, tile: Tile, window: Rect) -> None:
    reach = MARK_GUTTER - 1 * MM
    gap = 1 * MM
    for x in (window.x, window.right):
        for y, direction in ((window.y, -1), (window.bottom, 1)):
            surface.line(x, y + direction * gap, x, y + direction * (gap + reach), MARK, 0.4)
    for y in (window.y, window.bottom):
        for x, direction in ((window.x, -1), (window.right, 1)):
            surface.line(x + direction * gap, y, x + direction * (gap + reach), y, MARK, 0.4)
    overlap = plan.overlap
    if overlap <= 0:
        return
    # Where the next sheet's trimmed edge goes: ticks in the gutters, a dashed guide inside the
    # overlap (the next sheet covers it once assembled).
    if tile.column + 1 < tile.columns:
        x = window.right - overlap
        surface.line(x, window.y - gap, x, window.y - gap - reach, GUIDE, 0.4)
        surface.line(x, window.bottom + gap, x, window.bottom + gap + reach, GUIDE, 0.4)
        surface.line(x, window.y, x, window.bottom, GUIDE, 0.3, dash=(2, 2))
    if tile.row + 1 < tile.rows:
        y = window.bottom - overlap
        surface.line(window.x - gap, y, window.x - gap - reach, y, GUIDE, 0.4)
        surface.line(window.right + gap, y, window.right + gap + reach, y, GUIDE, 0.4)
        surface.line(window.x, y, window.right, y, GUIDE, 0.3, dash=(2, 2))


def _draw_label(
    surface: Surface, plan: PosterPlan, tile: Tile, window: Rect, title: str, date_text: str, measurer: TextMeasurer
) -> None:
    x, top = window.x, window.bottom + MARK_GUTTER
    advance = surface.text(x, top, tile.caption, LABEL_BOLD, INK)
    neighbours = []
    if tile.row > 0:
        neighbours.append(f"{row_letters(tile.row - 1)}{tile.column + 1} above")
    if tile.column > 0:
        neighbours.append(f"{row_letters(tile.row)}{tile.column} on the left")
    rest = f"  ·  {title}  ·  {date_text}"
    how = (
        f"Trim the top and left edges at the cut marks and lay this sheet over {' and '.join(neighbours)}, "
        f"up to the dashed line ({plan.overlap / MM:g} mm overlap)."
        if neighbours
        else "Start here: the top-left sheet. Print every sheet at 100%."
    )
    width = window.width - advance
    first = wrap_text(rest, width, LABEL, measurer)[0]
    surface.text(x + advance, top + 0.5, first, LABEL, MUTED_INK)
    line = wrap_text(how, window.width, LABEL, measurer)[0]
    surface.text(x, top + LABEL_BOLD.line_height, line, LABEL, MUTED_INK)


def draw_assembly_page(
    canvas: Canvas, surface: Surface, form: str, plan: PosterPlan, title: str, date_text: str, measurer: TextMeasurer
) -> None:
    """Page one of a tiled poster: how the sheets fit together, and a bar to check the print scale."""
    assert plan.tile_sheet is not None
    sheet = plan.tile_sheet
    left = plan.margin + MARK_GUTTER
    width = sheet.width - 2 * left
    top = left
    rows, columns = plan.tiles[-1].rows, plan.tiles[-1].columns
    heading = wrap_text(f"{title}: poster assembly", width, HEADING, measurer)
    surface.text_lines(left, top, heading, HEADING, INK)
    top += len(heading) * HEADING.line_height + 4
    paragraphs = [
        f"{len(plan.tiles)} sheets of {sheet.name} in {rows} rows x {columns} columns make a poster of "
        f"{plan.printed_width / MM:.0f} x {plan.printed_height / MM:.0f} mm (map at {plan.scale:.0%}). {date_text}.",
        'Print at 100% (actual size): turn off "fit to page" or "scale to fit" in the print dialog. '
        "The bar at the bottom of this page must measure 100 mm.",
        "Lay the sheets out as in the grid below, starting at A1 (top left). Trim each sheet's top and left "
        f"edges at its cut marks and lay it over its neighbours up to their dashed lines "
        f"({plan.overlap / MM:g} mm overlap), then tape from the back.",
    ]
    for paragraph in paragraphs:
        lines = wrap_text(paragraph, width, BODY, measurer)
        surface.text_lines(left, top, lines, BODY, INK)
        top += len(lines) * BODY.line_height + 4
    bar_height = 14 * MM
    area = Rect(left, top + 6, width, sheet.height - left - bar_height - top - 6)
    step_x = plan.window.width - plan.overlap if plan.window else plan.printed_width
    step_y = plan.window.height - plan.overlap if plan.window else plan.printed_height
    grid_w = max(columns * step_x + plan.overlap, plan.printed_width)
    grid_h = max(rows * step_y + plan.overlap, plan.printed_height)
    fit = min(area.width / grid_w, area.height / grid_h)
    origin_x = area.x + (area.width - grid_w * fit) / 2
    origin_y = area.y
    place_form(canvas, form, plan, origin_x, origin_y, sheet.height, plan.scale * fit)
    for tile in plan.tiles:
        cell = Rect(
            origin_x + tile.column * step_x * fit,
            origin_y + tile.row * step_y * fit,
            (step_x + (plan.overlap if tile.column + 1 == columns else 0)) * fit,
            (step_y + (plan.overlap if tile.row + 1 == rows else 0)) * fit,
        )
        surface.rect(cell, stroke="#d63031", width=0.8)
        name_width = measurer.width(tile.name, GRID_NAME)
        cx, cy = cell.center
        backing = Rect(cx - name_width / 2 - 3, cy - GRID_NAME.line_height / 2, name_width + 6, GRID_NAME.line_height)
        surface.rect(backing, fill="#ffffff", radius=2)
        surface.text(cx - name_width / 2, backing.y, tile.name, GRID_NAME, "#d63031")
    bar_top = sheet.height - left - 8 * MM
    surface.rect(Rect(left, bar_top, 100 * MM, 2.5 * MM), fill=INK)
    for mm in range(0, 101, 10):
        surface.line(left + mm * MM, bar_top - 1.5 * MM, left + mm * MM, bar_top, INK, 0.5)
    surface.text(left + 100 * MM + 6, bar_top - 1, "100 mm at 100% print scale", LABEL, INK)
