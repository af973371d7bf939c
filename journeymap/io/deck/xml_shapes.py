"""Map slides written as DrawingML directly: the same shapes python-pptx makes, 50 times faster.

python-pptx builds each shape through its object model (a few milliseconds a shape, most of it in
XPath look-ups), which made a 2,000-card deck take 15 s. A map slide's shapes are few in kind
(rectangles, rounded rectangles, ovals, diamonds, text boxes and connectors), so they are written here
as XML text and parsed once per slide. What comes out is what python-pptx reads back and PowerPoint
and LibreOffice open: shapes with solid fills, outlines, real text runs and glued connectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.slide import Slide

from journeymap.io.deck.measure import DECK_FONT
from journeymap.io.deck.shapes import BOTTOM, LEFT, RIGHT, TOP, Run, clean

EMU_PER_POINT = 12700
ALIGN = {"left": "l", "center": "ctr"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}


def _emu(points: float) -> int:
    return round(points * EMU_PER_POINT)


def _colour(colour: str) -> str:
    return colour.lstrip("#").upper()


def _fill(colour: str | None) -> str:
    return "<a:noFill/>" if colour is None else f'<a:solidFill><a:srgbClr val="{_colour(colour)}"/></a:solidFill>'


def _line(colour: str | None, width: float) -> str:
    if colour is None:
        return "<a:ln><a:noFill/></a:ln>"
    return f'<a:ln w="{_emu(width)}">{_fill(colour)}</a:ln>'


def _run_properties(run: Run, tag: str = "a:rPr") -> str:
    return (
        f'<{tag} lang="en-US" sz="{round(run.size * 100)}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0">'
        f'{_fill(run.colour)}<a:latin typeface="{DECK_FONT}"/><a:cs typeface="{DECK_FONT}"/></{tag}>'
    )


def text_body(
    paragraphs: Sequence[Sequence[Run]],
    inset: tuple[float, float, float, float],
    anchor: str = "top",
    align: str = "left",
    first_margin_right: float = 0.0,
) -> str:
    """A ``p:txBody``: wrapped, never auto-fitted, one ``a:p`` per paragraph, newlines as ``a:br``."""
    left, top, right, bottom = (_emu(value) for value in inset)
    parts = [
        f'<p:txBody><a:bodyPr wrap="square" lIns="{left}" tIns="{top}" rIns="{right}" bIns="{bottom}" '
        f'anchor="{ANCHOR[anchor]}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
    ]
    for index, runs in enumerate(paragraphs):
        margin = f' marR="{_emu(first_margin_right)}"' if index == 0 and first_margin_right else ""
        parts.append(f'<a:p><a:pPr algn="{ALIGN[align]}"{margin}/>')
        for run in runs:
            for number, line in enumerate(clean(run.text).split("\n")):
                if number:
                    parts.append(f"<a:br>{_run_properties(run)}</a:br>")
                parts.append(f"<a:r>{_run_properties(run)}<a:t>{escape(line)}</a:t></a:r>")
        parts.append("</a:p>")
    if not paragraphs:
        parts.append("<a:p/>")
    parts.append("</p:txBody>")
    return "".join(parts)


class ShapeSheet:
    """Collects a slide's shapes as XML and adds them in one parse; ids are allocated here."""

    def __init__(self, slide: Slide) -> None:
        self._tree = slide.shapes._spTree
        self._next = int(self._tree.max_shape_id) + 1
        self._parts: list[str] = []
        self._rects: dict[int, tuple[float, float, float, float]] = {}

    def _id(self) -> int:
        shape_id, self._next = self._next, self._next + 1
        return shape_id

    def shape(
        self,
        geometry: str,
        x: float,
        y: float,
        width: float,
        height: float,
        *,
        fill: str | None,
        line: str | None,
        line_width: float = 0.75,
        name: str = "",
        adjust: float | None = None,
        paragraphs: Sequence[Sequence[Run]] = (),
        inset: tuple[float, float, float, float] = (0, 0, 0, 0),
        anchor: str = "top",
        align: str = "left",
        first_margin_right: float = 0.0,
        text_box: bool = False,
    ) -> int:
        """An autoshape (``prst`` geometry such as "rect", "roundRect", "ellipse", "diamond"); returns its id."""
        shape_id = self._id()
        width, height = max(width, 0.5), max(height, 0.5)
        self._rects[shape_id] = (x, y, width, height)
        guide = f'<a:gd name="adj" fmla="val {round(adjust * 100000)}"/>' if adjust is not None else ""
        flag = ' txBox="1"' if text_box else ""
        self._parts.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(clean(name or f"Shape {shape_id}"))}/>'
            f"<p:cNvSpPr{flag}/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr><a:xfrm><a:off x="{_emu(x)}" y="{_emu(y)}"/><a:ext cx="{_emu(width)}" cy="{_emu(height)}"/>'
            f'</a:xfrm><a:prstGeom prst="{geometry}"><a:avLst>{guide}</a:avLst></a:prstGeom>'
            f"{_fill(fill)}{_line(line, line_width)}<a:effectLst/></p:spPr>"
            f"{text_body(paragraphs, inset, anchor, align, first_margin_right)}</p:sp>"
        )
        return shape_id

    def text_box(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        paragraphs: Sequence[Sequence[Run]],
        *,
        name: str = "",
        anchor: str = "top",
    ) -> int:
        return self.shape(
            "rect",
            x,
            y,
            width,
            height,
            fill=None,
            line=None,
            name=name,
            paragraphs=paragraphs,
            anchor=anchor,
            text_box=True,
        )

    def arrow(self, source: int, target: int, colour: str, width: float) -> int:
        """A connector glued to two shapes of this sheet, arrowhead at the target; it follows moved cards.

        Forward arrows are elbow connectors from the source's right side to the target's left side;
        arrows that go back or down a column are straight, between the nearer sides.
        """
        sx, sy, sw, sh = self._rects[source]
        tx, ty, tw, th = self._rects[target]
        if tx > sx + sw:
            geometry, begin, end = "bentConnector3", RIGHT, LEFT
        else:
            geometry = "straightConnector1"
            below, above = ty >= sy + sh, ty + th <= sy
            begin, end = (BOTTOM, TOP) if below else (TOP, BOTTOM) if above else (LEFT, RIGHT)
        x1, y1 = _site(self._rects[source], begin)
        x2, y2 = _site(self._rects[target], end)
        flip = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
        shape_id = self._id()
        self._parts.append(
            f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Connector {shape_id}"/><p:cNvCxnSpPr>'
            f'<a:stCxn id="{source}" idx="{begin}"/><a:endCxn id="{target}" idx="{end}"/></p:cNvCxnSpPr><p:nvPr/>'
            f'</p:nvCxnSpPr><p:spPr><a:xfrm{flip}><a:off x="{_emu(min(x1, x2))}" y="{_emu(min(y1, y2))}"/>'
            f'<a:ext cx="{_emu(abs(x2 - x1))}" cy="{_emu(abs(y2 - y1))}"/></a:xfrm>'
            f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f'<a:ln w="{_emu(width)}">{_fill(colour)}<a:tailEnd type="triangle" w="med" len="med"/></a:ln>'
            f"</p:spPr></p:cxnSp>"
        )
        return shape_id

    def flush(self) -> None:
        """Parse the collected shapes once and append them to the slide, in order (later is on top)."""
        if not self._parts:
            return
        tree = parse_xml(f"<p:spTree {nsdecls('p', 'a', 'r')}>{''.join(self._parts)}</p:spTree>")
        for element in list(tree):
            self._tree.append(element)
        self._parts = []


def _site(rect: tuple[float, float, float, float], site: int) -> tuple[float, float]:
    x, y, width, height = rect
    return {
        TOP: (x + width / 2, y),
        LEFT: (x, y + height / 2),
        BOTTOM: (x + width / 2, y + height),
        RIGHT: (x + width, y + height / 2),
    }[site]
