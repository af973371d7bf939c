"""The poster's title block painted with Qt for the poster preview, from the PDF's own layout.

The PDF draws :class:`~journeymap.io.pdf.title_block.TitleBlock` with reportlab; the preview paints
the same positions, lines and legend swatches with the same bundled fonts, so the page in the dialog
is the page that prints (title, date, counts and legends), not a grey band.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from journeymap.io.pdf.title_block import (
    BADGE,
    BADGE_TEXT,
    LEGEND,
    LEGEND_HEADING,
    PADDING,
    SUBTITLE,
    SWATCH,
    TITLE,
    TitleBlock,
)
from journeymap.layout.style import (
    EMOTION_COLOURS,
    EMOTION_TEXT,
    GRID,
    INK,
    KIND_COLOURS,
    LANE_COLOURS,
    MUTED_INK,
)
from journeymap.model import Kind
from journeymap.widgets.canvas.items.context import CanvasContext, TextBlock


def paint_title_block(painter: QPainter, block: TitleBlock, ctx: CanvasContext) -> None:
    """Paint ``block`` in poster units (the painter's transform places and scales it)."""
    painter.save()
    painter.fillRect(QRectF(0, 0, block.width, block.height), QColor("#ffffff"))
    painter.setPen(QColor(INK))
    TextBlock(tuple(block.title_lines), ctx, TITLE).draw(painter, PADDING, PADDING)
    top = PADDING + len(block.title_lines) * TITLE.line_height + 2
    painter.setPen(QColor(MUTED_INK))
    TextBlock(tuple(block.subtitle_lines), ctx, SUBTITLE).draw(painter, PADDING, top)
    painter.setPen(QColor(INK))
    for text, x, heading_top in block.headings:
        TextBlock((text,), ctx, LEGEND_HEADING).draw(painter, x, heading_top)
    for item in block.items:
        swatch_top = item.top + (LEGEND.line_height - SWATCH) / 2
        swatch = QRectF(item.x, swatch_top, SWATCH, SWATCH)
        if item.kind == "persona":
            _rounded(painter, swatch, LANE_COLOURS[int(item.value) % len(LANE_COLOURS)], None, 2)
        elif item.kind == "card":
            kind = Kind(str(item.value))
            fill, border = KIND_COLOURS[kind]
            if kind is Kind.THOUGHT:
                _rounded(painter, swatch, fill, border, 3.5)
            else:
                _rounded(painter, swatch, fill, border, 2)
                painter.fillRect(QRectF(item.x, swatch_top, 2.5, SWATCH), QColor(border))
        else:
            _badge(
                painter, ctx, QRectF(item.x, item.top + (LEGEND.line_height - BADGE) / 2, BADGE, BADGE), int(item.value)
            )
        swatch_width = BADGE if item.kind == "emotion" else SWATCH
        painter.setPen(QColor(INK))
        TextBlock((item.label,), ctx, LEGEND).draw(painter, item.x + swatch_width + 4, item.top)
    painter.setPen(QPen(QColor(GRID), 0.8))
    painter.drawLine(QPointF(0, block.height - 0.5), QPointF(block.width, block.height - 0.5))
    painter.restore()


def _rounded(painter: QPainter, rect: QRectF, fill: str, border: str | None, radius: float) -> None:
    painter.setBrush(QBrush(QColor(fill)))
    painter.setPen(QPen(QColor(border), 0.7) if border else Qt.PenStyle.NoPen)
    painter.drawRoundedRect(rect, radius, radius)


def _badge(painter: QPainter, ctx: CanvasContext, rect: QRectF, emotion: int) -> None:
    painter.setBrush(QBrush(QColor(EMOTION_COLOURS[emotion])))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(rect)
    label = EMOTION_TEXT[emotion]
    width = ctx.measurer.width(label, BADGE_TEXT)
    painter.setPen(QColor("#ffffff"))
    TextBlock((label,), ctx, BADGE_TEXT).draw(
        painter, rect.center().x() - width / 2, rect.center().y() - BADGE_TEXT.line_height / 2
    )
