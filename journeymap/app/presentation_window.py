"""Workshop mode on another screen: the map alone, full screen on the projector, the editor left as it is.

A second :class:`MapView` over the same document, so both follow every edit (each view has its own
scene, made from the one model). The stepping keys work in this window and, through the clicker
keys (PgDown, PgUp), in the editor; F5 in either ends the presentation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from journeymap.editing.document import Document
from journeymap.widgets.canvas import MapView


class PresentationWindow(QWidget):
    """A frameless full-screen window with one presenting map view, on the chosen screen."""

    def __init__(self, document: Document, screen: QScreen, on_close: Callable[[], None]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setWindowTitle(f"{document.display_name()} — Workshop")
        self._on_close = on_close
        self.view = MapView(document, self)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        view = self.view
        for name, keys, slot in (
            ("presentNext", ("Right", "PgDown"), view.focus_next_stage),
            ("presentPrevious", ("Left", "PgUp"), view.focus_previous_stage),
            ("presentWhole", ("Home", "0"), lambda: view.focus_stage(None)),
            ("presentDown", ("Down",), lambda: view.scroll_screen(0.5)),
            ("presentUp", ("Up",), lambda: view.scroll_screen(-0.5)),
            ("presentLeave", ("Esc", "F5"), self.close),
        ):
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            self.addAction(action)
        view.set_presentation(True)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        view.keep_fitted()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt virtual
        super().closeEvent(event)
        self._on_close()
