"""Small python-pptx helpers for the few shapes outside the map: boxes and cells with real, wrapping text.

Positions are in points (the layout's unit) and converted to EMU here. Text is set run by run with an
explicit font, colour and left alignment: an autoshape otherwise inherits the theme's centred white
text. PowerPoint wraps each shape's text itself, so a user who edits a text sees it reflow. The map slides'
many shapes go through :mod:`xml_shapes` instead, for speed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.shapetree import SlideShapes
from pptx.table import _Cell
from pptx.util import Emu, Pt

from journeymap.io.deck.measure import DECK_FONT
from journeymap.layout.style import INK

# Connection sites of a rectangle or rounded rectangle, in OOXML's order.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
# Characters XML 1.0 cannot hold (C0 controls but tab and newline, lone surrogates, U+FFFE/U+FFFF).
_CONTROL = {code: " " for code in [*range(32), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF] if code not in (9, 10)}


@dataclass(frozen=True)
class Run:
    """A piece of text with its look."""

    text: str
    size: float
    bold: bool = False
    italic: bool = False
    colour: str = INK


def emu(points: float) -> Emu:
    return Emu(round(points * 12700))


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def clean(text: str) -> str:
    """Text XML can hold: control characters (other than tab and newline) become spaces."""
    return text.translate(_CONTROL)


def box(
    shapes: SlideShapes,
    kind: MSO_SHAPE,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    fill: str | None,
    line: str | None,
    line_width: float = 0.75,
    name: str = "",
) -> Shape:
    """An autoshape with a flat fill and outline (no theme shadow)."""
    shape = shapes.add_shape(kind, emu(x), emu(y), emu(max(width, 0.5)), emu(max(height, 0.5)))
    if name:
        shape.name = name
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(line_width)
    style = shape._element.find(qn("p:style"))  # the theme's shadow and white text: not wanted here
    if style is not None:
        shape._element.remove(style)
    return shape


def set_text(
    shape: Any,
    paragraphs: Sequence[Sequence[Run]],
    *,
    inset: tuple[float, float, float, float],
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> None:
    """Real, editable text in a shape or table cell: one paragraph per entry, wrapped by the viewer, never auto-sized.

    ``inset`` is (left, top, right, bottom) in points.
    """
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    # A table cell keeps its margins and anchor on the cell, a shape on its text frame.
    holder = shape if isinstance(shape, _Cell) else frame
    holder.vertical_anchor = anchor
    holder.margin_left, holder.margin_top, holder.margin_right, holder.margin_bottom = (emu(v) for v in inset)
    first = True
    for runs in paragraphs:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.alignment = align
        for run_spec in runs:
            for index, line in enumerate(clean(run_spec.text).split("\n")):
                if index:
                    paragraph.add_line_break()
                run = paragraph.add_run()
                run.text = line
                font = run.font
                font.name = DECK_FONT
                font.size = Pt(run_spec.size)
                font.bold = run_spec.bold
                font.italic = run_spec.italic
                font.color.rgb = rgb(run_spec.colour)


def text_box(
    shapes: SlideShapes,
    x: float,
    y: float,
    width: float,
    height: float,
    paragraphs: Sequence[Sequence[Run]],
    *,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    name: str = "",
) -> Shape:
    shape = shapes.add_textbox(emu(x), emu(y), emu(max(width, 0.5)), emu(max(height, 0.5)))
    if name:
        shape.name = name
    set_text(shape, paragraphs, inset=(0, 0, 0, 0), anchor=anchor, align=align)
    return shape
