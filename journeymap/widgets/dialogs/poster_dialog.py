"""File > Export poster…: paper, orientation, margins and tiling, with a live preview and preflight.

The poster is laid out once when the dialog opens (reportlab measurements, as the PDF uses); every
option change only re-plans the pages, which is instant, and the preview draws the page or the tile
grid over a picture of the map rendered by the canvas scene. The export itself runs on a
QThreadPool worker, so the window keeps painting while a large poster is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.analysis.handoffs import stage_handoffs
from journeymap.editing.document import Document
from journeymap.io.atomic import write_atomic_with
from journeymap.io.formats import Severity
from journeymap.io.pdf import TILE_PAPERS, Poster, PosterOptions, prepare_poster, render_pdf, replan_poster
from journeymap.io.pdf.paper import PAPERS, PaperError
from journeymap.layout import LayoutStyle, default_measurer
from journeymap.widgets.canvas.items.context import CanvasContext
from journeymap.widgets.canvas.overlay import Overlay, shown_overlay
from journeymap.widgets.canvas.palette import CanvasPalette
from journeymap.widgets.canvas.pictures import picture_scene, render_scene_image
from journeymap.widgets.canvas.qt_fonts import CanvasFonts
from journeymap.widgets.dialogs.poster_title import paint_title_block
from journeymap.widgets.dialogs.progress import ProgressJob

FIT = "Fit the map (page sized to the map)"
CUSTOM = "Custom size…"
ORIENTATIONS = {"Automatic": None, "Portrait": False, "Landscape": True}
CURVES = {"Off": "off", "A band under each persona lane": "lanes", "One shared band": "shared"}
PREVIEW_MAX_SIDE = 1600  # pixels of the map picture behind the preview


class PosterPreview(QWidget):
    """The poster at a glance: the page (or tile grid) with the map placed on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("posterPreview")
        self.setMinimumSize(420, 300)
        self.poster: Poster | None = None
        self.picture: QImage | None = None
        self.title = ""
        measurer = default_measurer()
        self.ctx = CanvasContext(CanvasFonts(), measurer, LayoutStyle(), CanvasPalette())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        return QSize(560, 400)

    def show_poster(self, poster: Poster | None) -> None:
        self.poster = poster
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt virtual
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#d5d9de"))
        poster = self.poster
        if poster is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "These options cannot make a poster")
            painter.end()
            return
        plan = poster.plan
        if plan.tiled and plan.window is not None:
            step_x, step_y = plan.window.width - plan.overlap, plan.window.height - plan.overlap
            rows, columns = plan.tiles[-1].rows, plan.tiles[-1].columns
            area_w, area_h = columns * step_x + plan.overlap, rows * step_y + plan.overlap
            left, top = 0.0, 0.0
        else:
            area_w, area_h = plan.page.width, plan.page.height
            left, top = plan.origin
        fit = min((self.width() - 16) / area_w, (self.height() - 16) / area_h)
        ox, oy = (self.width() - area_w * fit) / 2, (self.height() - area_h * fit) / 2
        painter.fillRect(QRectF(ox, oy, area_w * fit, area_h * fit), QColor("#ffffff"))
        scale = plan.scale * fit
        map_x, map_y = ox + left * fit, oy + top * fit
        block = QRectF(map_x, map_y, poster.content_width * scale, poster.block.height * scale)
        # The title block as the PDF prints it: title, date and counts, legends (same layout, same fonts).
        painter.save()
        painter.translate(map_x, map_y)
        painter.scale(scale, scale)
        paint_title_block(painter, poster.block, self.ctx)
        painter.restore()
        board = QRectF(map_x, map_y + block.height(), poster.layout.width * scale, poster.layout.height * scale)
        if self.picture is not None:
            painter.drawImage(board, self.picture)
        if plan.tiled:
            pen = QPen(QColor("#d63031"), 1.2)
            painter.setPen(pen)
            for tile in plan.tiles:
                window = QRectF(
                    ox + tile.window.x * fit,
                    oy + tile.window.y * fit,
                    tile.window.width * fit,
                    tile.window.height * fit,
                )
                painter.drawRect(window)
                painter.drawText(window, Qt.AlignmentFlag.AlignCenter, tile.name)
        else:
            painter.setPen(QPen(QColor("#7f8c8d"), 1, Qt.PenStyle.DashLine))
            margin = plan.margin * fit
            painter.drawRect(QRectF(ox + margin, oy + margin, area_w * fit - 2 * margin, area_h * fit - 2 * margin))
            painter.setPen(QPen(QColor("#2d3436"), 1))
            painter.drawRect(QRectF(ox, oy, area_w * fit, area_h * fit))
        painter.end()


class PosterDialog(QDialog):
    """Choose paper and tiling, see the result, and export the PDF without freezing the window."""

    export_finished = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("posterDialog")
        self.setWindowTitle("Export Poster")
        self.document = document
        self.journey = document.journey.copy()
        self.written_path: str | None = None
        self.worker_thread: int | None = None
        self._job: ProgressJob | None = None
        self.poster: Poster | None = None
        self._build()
        self.preview.title = self.journey.title
        self.relayout()

    def relayout(self) -> None:
        """Lay the poster out again for the chosen curve and analysis page (the paper only replans)."""
        curve = CURVES[self.curve.currentText()]
        timeline = self.timeline.isChecked()
        self.base = prepare_poster(
            self.journey, PosterOptions(), curve=curve, analysis=self.analysis.isChecked(), timeline=timeline
        )
        self.poster = self.base
        self.preview.picture = self._map_picture(curve, timeline)
        self.update_plan()

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        self.paper = QComboBox(objectName="paperCombo")
        self.paper.addItems([FIT, *PAPERS, CUSTOM])
        self.paper.setCurrentText("A1")
        self.custom = QLineEdit(objectName="customPaperEdit", placeholderText="e.g. 900x600mm or 36x24in")
        self.orientation = QComboBox(objectName="orientationCombo")
        self.orientation.addItems(list(ORIENTATIONS))
        self.margin = QDoubleSpinBox(
            objectName="marginSpin", suffix=" mm", decimals=1, minimum=0, maximum=100, value=6.0
        )
        self.scale = QDoubleSpinBox(
            objectName="scaleSpin",
            suffix=" %",
            decimals=0,
            minimum=0,
            maximum=1000,
            value=0,
            singleStep=10,
            specialValueText="Fit to page",
        )
        self.tile = QCheckBox("Print over sheets of", objectName="tileCheck")
        self.tile_paper = QComboBox(objectName="tileCombo")
        self.tile_paper.addItems(list(TILE_PAPERS))
        self.overlap = QDoubleSpinBox(
            objectName="overlapSpin", suffix=" mm", decimals=1, minimum=0, maximum=100, value=10.0
        )
        tiling = QHBoxLayout()
        tiling.addWidget(self.tile)
        tiling.addWidget(self.tile_paper)
        tiling.addWidget(QLabel("overlap"))
        tiling.addWidget(self.overlap)
        form = QFormLayout()
        form.addRow("Paper", self.paper)
        form.addRow("Custom size", self.custom)
        form.addRow("Orientation", self.orientation)
        form.addRow("Margins", self.margin)
        form.addRow("Scale", self.scale)
        form.addRow("Tiling", tiling)
        self.curve = QComboBox(objectName="curveCombo")
        self.curve.addItems(list(CURVES))
        # The poster starts as the canvas shows the map.
        self.curve.setCurrentText(next(k for k, v in CURVES.items() if v == shown_overlay().curve))
        self.analysis = QCheckBox("Add a page with the handoff ledger, gaps and timeline", objectName="analysisCheck")
        self.timeline = QCheckBox("Stages as wide as their durations, with a ruler", objectName="timelineCheck")
        self.timeline.setChecked(shown_overlay().timeline)
        form.addRow("Experience curve", self.curve)
        form.addRow("Timeline", self.timeline)
        form.addRow("Analysis", self.analysis)
        self.curve.currentIndexChanged.connect(self.relayout)
        self.analysis.toggled.connect(self.relayout)
        self.timeline.toggled.connect(self.relayout)
        self.preview = PosterPreview()
        self.summary = QLabel(objectName="summaryLabel", wordWrap=True)
        self.warnings = QLabel(objectName="warningsLabel", wordWrap=True)
        self.warnings.setStyleSheet("color: #c0392b")
        self.progress = QProgressBar(objectName="exportProgress", minimum=0, maximum=0, visible=False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = QPushButton("Export…", objectName="exportButton")
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.choose_and_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        for combo in (self.paper, self.orientation, self.tile_paper):
            combo.currentIndexChanged.connect(self.update_plan)
        for spin in (self.margin, self.scale, self.overlap):
            spin.valueChanged.connect(self.update_plan)
        self.tile.toggled.connect(self.update_plan)
        self.custom.textChanged.connect(self.update_plan)

    def _map_picture(self, curve: str, timeline: bool) -> QImage:
        """The map as the canvas paints it, small enough to redraw on every option change."""
        scene = picture_scene(self.journey, Overlay(curve, bool(stage_handoffs(self.journey)), timeline))
        rect = scene.map_rect()
        scale = min(1.0, PREVIEW_MAX_SIDE / max(rect.width(), rect.height(), 1.0))
        return render_scene_image(scene, scale)

    # ------------------------------------------------------------------ options and plan
    def options(self) -> PosterOptions:
        """The options as chosen; raises PaperError for a custom size that is not one."""
        paper_text = self.paper.currentText()
        paper = None if paper_text == FIT else (self.custom.text() if paper_text == CUSTOM else paper_text)
        scale = self.scale.value() / 100 if self.scale.value() > 0 else None
        return PosterOptions.from_values(
            paper=paper,
            landscape=ORIENTATIONS[self.orientation.currentText()],
            tile=self.tile_paper.currentText() if self.tile.isChecked() else None,
            margin=self.margin.value(),
            overlap=self.overlap.value(),
            scale=scale,
        )

    def update_plan(self) -> None:
        custom = self.paper.currentText() == CUSTOM
        self.custom.setEnabled(custom)
        self.tile_paper.setEnabled(self.tile.isChecked())
        self.overlap.setEnabled(self.tile.isChecked())
        try:
            self.poster = replan_poster(self.base, self.options())
        except PaperError as error:
            self.poster = None
            self.summary.setText("")
            self.warnings.setText(str(error) if self.custom.text() or not custom else "Type a size such as 900x600mm")
        else:
            infos = [n.text for n in self.poster.notices if n.severity is Severity.INFO]
            warnings = [n.text for n in self.poster.notices if n.severity is Severity.WARNING]
            self.summary.setText("\n".join(infos))
            self.warnings.setText("\n".join(f"⚠ {text}" for text in warnings))
        self.export_button.setEnabled(self.poster is not None and self._job is None)
        self.preview.show_poster(self.poster)

    # ------------------------------------------------------------------ export
    def default_path(self) -> str:
        path = self.document.path
        if path is not None:
            return str(Path(path).with_suffix(".pdf"))
        name = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in self.journey.title).strip() or "poster"
        return os.path.join(os.path.expanduser("~"), f"{name}.pdf")

    def choose_and_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export Poster", self.default_path(), "PDF poster (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Start writing the PDF on a worker thread; the dialog closes when it is done."""
        if self.poster is None or self._job is not None:
            return
        poster = self.poster
        self._job = ProgressJob(lambda _progress: write_atomic_with(path, lambda stream: render_pdf(poster, stream)))
        self._job.signals.finished.connect(lambda _result, p=path: self._on_finished(p))
        self._job.signals.failed.connect(self._on_failed)
        self._set_busy(True)
        QThreadPool.globalInstance().start(self._job)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy and self.poster is not None)
        for widget in (
            self.paper,
            self.custom,
            self.orientation,
            self.margin,
            self.scale,
            self.tile,
            self.tile_paper,
            self.overlap,
            self.curve,
            self.analysis,
            self.timeline,
        ):
            widget.setEnabled(not busy)
        if not busy:
            self.update_plan()

    def _on_finished(self, path: str) -> None:
        job, self._job = self._job, None
        self.written_path = path
        self.worker_thread = job.thread_id if job is not None else None
        self._set_busy(False)
        self.export_finished.emit(path)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._job = None
        self._set_busy(False)
        self.warnings.setText(f"The poster was not saved: {message}")

    def reject(self) -> None:
        if self._job is not None:
            return  # the file is being written; closing now would leave the worker orphaned
        super().reject()


def run_poster_dialog(parent: QWidget | None, document: Document) -> str | None:
    """Show the dialog; returns the path of the PDF written, or None when cancelled."""
    dialog = PosterDialog(document, parent)
    try:
        dialog.exec()
        return dialog.written_path
    finally:
        dialog.deleteLater()
