"""The analysis overlay's items: an experience-curve band, and a handoff mark.

They draw the geometry of :mod:`journeymap.layout.curve` and :mod:`journeymap.layout.handoff_marks`,
the same the poster draws; they take no clicks (a click reaches the card or cell under them) and a
mark's tooltip says the whole handoff.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout import Rect, TextStyle
from journeymap.layout.curve import CurveBand
from journeymap.layout.handoff_marks import HandoffMark
from journeymap.layout.map_layout import ELLIPSIS
from journeymap.layout.style import EMOTION_COLOURS, GRID, HANDOFF_INK, LANE_COLOURS, MUTED_INK, RISK_INK
from journeymap.layout.timeline_layout import Ruler
from journeymap.widgets.canvas.items.context import CanvasContext

ABOVE = QColor("#eef7ef")  # the same tints as the poster: the band's positive half green, negative red
BELOW = QColor("#fcefed")
SCALE_TEXT = {2: "+2", 1: "+1", 0: "0", -1: "−1", -2: "−2"}


def _qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.width, rect.height)


class CurveBandItem(QGraphicsItem):
    """One band: tinted halves, the scale, and each persona's line through its stage means."""

    def __init__(self, ctx: CanvasContext, band: CurveBand, names: dict[str, str]) -> None:
        super().__init__()
        self.ctx, self.band, self.names = ctx, band, names
        rect = band.rect
        # The caption (and a shared band's legend) sits in the lane-header column to the band's left.
        self._bounds = QRectF(0, rect.y, rect.right, rect.height).adjusted(-2, -2, 2, 2)
        self.setZValue(4)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt virtual
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style, palette, band = self.ctx.style, self.ctx.palette, self.band
        factor = style.card_width / 200  # 1.5 in workshop mode: lines grow with the type
        bold = 1.4 if palette.high_contrast else 1.0
        rect = _qrect(band.rect)
        zero = band.y_of(0)
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), zero - rect.top()), ABOVE)
        painter.fillRect(QRectF(rect.left(), zero, rect.width(), rect.bottom() - zero), BELOW)
        painter.setPen(QPen(QColor(GRID), 0.8 * factor))
        painter.drawLine(QLineF(rect.left(), rect.top(), rect.right(), rect.top()))
        for score, y in band.levels:
            if score == 0:
                painter.setPen(QPen(QColor(MUTED_INK), 0.7 * factor * bold))
                painter.drawLine(QLineF(rect.left(), y, rect.right(), y))
            elif abs(score) == 2:
                painter.setPen(QPen(QColor(GRID), 0.5 * factor, Qt.PenStyle.DashLine))
                painter.drawLine(QLineF(rect.left(), y, rect.right(), y))
        scale_style = TextStyle(round(style.card_meta.size * 0.9, 2))
        caption = TextStyle(style.card_meta.size, bold=True)
        painter.setFont(self.ctx.font(scale_style))
        painter.setPen(palette.muted_pen)
        height = scale_style.line_height
        for score, y in band.levels:
            if score in (2, 0, -2):
                painter.drawText(
                    QRectF(rect.left() + 3, y - height / 2, 30 * factor, height),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    SCALE_TEXT[score],
                )
        x = style.header_padding + 6
        painter.setFont(self.ctx.font(caption))
        painter.setPen(palette.ink_pen if band.lane is None else palette.muted_pen)
        painter.drawText(
            QRectF(x, rect.top() + 4, rect.left() - x - 4, caption.line_height),
            Qt.AlignmentFlag.AlignLeft,
            "Experience curve" if band.lane is None else "Experience",
        )
        if band.lane is None:
            painter.setFont(self.ctx.font(scale_style))
            for index, line in enumerate(band.lines):
                top = rect.top() + 4 + (index + 1) * caption.line_height
                if top + caption.line_height > rect.bottom():
                    break
                colour = QColor(LANE_COLOURS[line.colour_index % len(LANE_COLOURS)])
                painter.fillRect(
                    QRectF(x, top + caption.line_height / 2 - 1.5 * factor, 12 * factor, 3 * factor), colour
                )
                painter.setPen(palette.ink_pen)
                painter.drawText(
                    QRectF(x + 16 * factor, top, rect.left() - x - 20 * factor, caption.line_height),
                    Qt.AlignmentFlag.AlignLeft,
                    self.names.get(line.lane, ""),
                )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for line in band.lines:
            colour = QColor(LANE_COLOURS[line.colour_index % len(LANE_COLOURS)])
            painter.setPen(Qt.PenStyle.NoPen)
            for cx, cy, _card, score in line.cards:
                painter.setBrush(QBrush(QColor(EMOTION_COLOURS[score])))
                painter.drawEllipse(QPointF(cx, cy), 2.2 * factor, 2.2 * factor)
            pen = QPen(colour, 2.4 * factor * bold)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for run in line.segments:
                if len(run) > 1:
                    path = QPainterPath(QPointF(*run[0]))
                    for point in run[1:]:
                        path.lineTo(QPointF(*point))
                    painter.drawPath(path)
            painter.setPen(QPen(QColor("#ffffff"), 1.0 * factor))
            painter.setBrush(QBrush(colour))
            for mean in line.means:
                painter.drawEllipse(QPointF(mean.x, mean.y), 4.2 * factor, 4.2 * factor)


class HandoffMarkItem(QGraphicsItem):
    """A handoff label on a stage boundary or an arrow, or a numbered disc on an arrow."""

    def __init__(self, ctx: CanvasContext, mark: HandoffMark, tooltip: str) -> None:
        super().__init__()
        self.ctx, self.mark = ctx, mark
        self._rect = _qrect(mark.rect)
        self.setZValue(5)  # over stage headers (3) and arrows (2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tooltip)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt virtual
        return self._rect.adjusted(-1.5, -1.5, 1.5, 1.5)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        mark, rect = self.mark, self._rect
        ink = QColor(RISK_INK if mark.risk else HANDOFF_INK)
        style = self.ctx.style
        factor = style.card_width / 200
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        text_style = TextStyle(style.card_meta.size, bold=True)  # as layout.handoff_marks.label_style
        painter.setFont(self.ctx.font(text_style))
        if mark.kind == "flow" and mark.text == str(mark.number):
            painter.setPen(QPen(QColor("#ffffff"), 1.0 * factor))
            painter.setBrush(QBrush(ink))
            painter.drawEllipse(rect)
            painter.setPen(QPen(QColor("#ffffff")))
        else:
            painter.setPen(QPen(ink, 1.2 * factor))
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setPen(QPen(ink))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark.text)


class RulerItem(QGraphicsItem):
    """Timeline mode's ruler: an axis of cumulative time with ticks, and each stage's duration over it."""

    def __init__(self, ctx: CanvasContext, ruler: Ruler) -> None:
        super().__init__()
        self.ctx, self.ruler = ctx, ruler
        rect = ruler.rect
        self._bounds = QRectF(0, rect.y, rect.right, rect.height).adjusted(-1, -1, 1, 1)
        self.setZValue(4)  # over the stage headers whose foot it sits in
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(
            "Timeline mode: each stage is as wide as its duration (the middle of its range);\n"
            "a stage whose timeline is no duration keeps the normal width. Ticks count "
            f"{ruler.unit} from the start."
        )

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt virtual
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ruler, style, palette = self.ruler, self.ctx.style, self.ctx.palette
        factor = style.card_width / 200
        text = TextStyle(round(style.card_meta.size * 0.95, 2))
        small = TextStyle(round(style.card_meta.size * 0.85, 2))
        metrics = self.ctx.measurer
        axis = ruler.axis_y
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for stage in ruler.stages:
            span = stage.span
            pen = QPen(
                palette.ink if stage.parsed else QColor(MUTED_INK),
                1.4 * factor,
                Qt.PenStyle.SolidLine if stage.parsed else Qt.PenStyle.DashLine,
            )
            painter.setPen(pen)
            painter.drawLine(QLineF(span.x + 1, axis, span.right - 1, axis))
            painter.setFont(self.ctx.font(text))
            painter.setPen(palette.ink_pen if stage.parsed else palette.muted_pen)
            width = span.width - 2 * style.header_padding
            label = stage.text
            while label and metrics.width(label, text) > width:
                label = label[:-2] + ELLIPSIS if len(label) > 2 else ""
            painter.drawText(
                QRectF(span.x + style.header_padding, span.y + 1, width, text.line_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        painter.setPen(QPen(palette.ink, 1.0 * factor))
        painter.setFont(self.ctx.font(small))
        for x, label in ruler.ticks:
            painter.drawLine(QLineF(x, axis - 3 * factor, x, axis + 3 * factor))
            painter.drawText(
                QRectF(x - 30 * factor, axis + 3 * factor, 60 * factor, small.line_height),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        painter.setPen(palette.muted_pen)
        painter.drawText(
            QRectF(style.header_padding, ruler.rect.y, ruler.rect.x - 2 * style.header_padding, ruler.rect.height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"Time ({ruler.unit})",
        )
