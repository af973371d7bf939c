"""The window's analysis views: the experience curve and handoff marks on the canvas, and the gaps panel.

View > Experience Curve (Ctrl+Shift+E) draws a band under each persona lane, or with View > Shared
Curve Band one band under the last lane with a line per persona; View > Handoff Marks
(Ctrl+Shift+H) labels the stage boundaries and arrows where the owner changes; View > Timeline Mode
(Ctrl+Shift+T) makes each stage as wide as its duration, with a ruler; View > Gaps & Health
(Ctrl+Shift+G) shows the panel. The choice is remembered, applies in workshop mode at its large size,
and pictures exported from the app show it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence

from journeymap.model import ItemKind, ItemRef
from journeymap.widgets.canvas.overlay import Overlay, set_shown_overlay
from journeymap.widgets.panels.gaps_panel import GapsPanel

if TYPE_CHECKING:
    from journeymap.app.main_window import MainWindow

MENU_ENTRIES = ["actionShowCurve", "actionSharedCurve", "actionShowHandoffs", "actionTimelineMode", "actionShowGaps"]


class AnalysisView:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.gaps = GapsPanel(window.document, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.gaps)
        self.gaps.hide()
        self.gaps.place_chosen.connect(self.show_place)
        self.actions: dict[str, QAction] = {}
        for name, text, key, tip in (
            ("actionShowCurve", "Experience &Curve", "Ctrl+Shift+E", "Plot each persona's emotion across the stages"),
            (
                "actionSharedCurve",
                "S&hared Curve Band",
                "",
                "One band under the last lane with a line per persona, instead of a band per lane",
            ),
            (
                "actionShowHandoffs",
                "&Handoff Marks",
                "Ctrl+Shift+H",
                "Mark where ownership changes between stages and along arrows",
            ),
            (
                "actionTimelineMode",
                "&Timeline Mode",
                "Ctrl+Shift+T",
                "Make each stage as wide as its duration, with a ruler of the time from the start",
            ),
        ):
            action = QAction(text, window)
            action.setObjectName(name)
            action.setCheckable(True)
            if key:
                action.setShortcut(QKeySequence(key))
            action.setStatusTip(tip)
            action.toggled.connect(lambda _on: self.apply())
            window.addAction(action)
            self.actions[name] = action
        gaps = self.gaps.toggleViewAction()
        gaps.setObjectName("actionShowGaps")
        gaps.setText("&Gaps && Health Panel")
        gaps.setShortcut(QKeySequence("Ctrl+Shift+G"))
        window.addAction(gaps)
        self.actions["actionShowGaps"] = gaps
        settings = window.settings
        saved = {
            name: str(settings.value(key, "false")).lower() == "true"
            for name, key in (
                ("actionShowCurve", "view/curve"),
                ("actionSharedCurve", "view/sharedCurve"),
                ("actionShowHandoffs", "view/handoffs"),
                ("actionTimelineMode", "view/timeline"),
            )
        }
        for name, checked in saved.items():  # all read before any is applied (and saved back)
            self.actions[name].blockSignals(True)
            self.actions[name].setChecked(checked)
            self.actions[name].blockSignals(False)
        self.apply()
        # Pictures exported after the window is gone (the command line in the same process) show nothing extra.
        window.destroyed.connect(lambda *_: set_shown_overlay(Overlay()))

    def overlay(self) -> Overlay:
        curve = "off"
        if self.actions["actionShowCurve"].isChecked():
            curve = "shared" if self.actions["actionSharedCurve"].isChecked() else "lanes"
        return Overlay(
            curve, self.actions["actionShowHandoffs"].isChecked(), self.actions["actionTimelineMode"].isChecked()
        )

    def apply(self) -> None:
        """Show what the actions say, remember it, and let exported pictures show the same."""
        overlay = self.overlay()
        self.actions["actionSharedCurve"].setEnabled(self.actions["actionShowCurve"].isChecked())
        view = self.window.view
        focused = view.focused_stage
        view.map_scene.set_overlay(overlay)
        if focused is not None:
            view.focus_stage(focused)
        set_shown_overlay(overlay)
        settings = self.window.settings
        settings.setValue("view/curve", self.actions["actionShowCurve"].isChecked())
        settings.setValue("view/sharedCurve", self.actions["actionSharedCurve"].isChecked())
        settings.setValue("view/handoffs", overlay.handoffs)
        settings.setValue("view/timeline", overlay.timeline)

    def show_place(self, place: tuple[str, ...]) -> None:
        """Select a gap's place on the map and bring it into view."""
        view = self.window.view
        kind = place[0]
        if kind == "cell":
            stage_id, lane_id = place[1], place[2]
            view.select(ItemRef.stage(stage_id))
            view.select(ItemRef.lane(lane_id), add=True)
            cell = view.map_scene.layout.cells.get((stage_id, lane_id))
            if cell is not None:
                view.centerOn(QPointF(*cell.rect.center))
        elif kind == "flow":
            view.select(ItemRef.flow(place[1], place[2]))  # keyed by its two cards, never a parsed string
        else:
            view.select(ItemRef(ItemKind(kind), place[1]))
        view.setFocus(Qt.FocusReason.OtherFocusReason)
