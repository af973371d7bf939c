"""Workshop mode (F5): the map alone, full screen, in large type, one stage at a time.

Entering remembers how the window looked (full screen or not, maximised, geometry, which docks and
bars were visible) and leaving puts exactly that back. Stage stepping uses window shortcuts that
are enabled only while presenting; Qt asks the focused widget first (ShortcutOverride), so an
inline editor opened by a double-click keeps its arrow keys, Home and digits and quick capture
still works.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QToolBar, QWidget


class WorkshopMode(QObject):
    toggled = Signal(bool)

    def __init__(self, window: QMainWindow, view: Any) -> None:
        super().__init__(window)
        self.setObjectName("workshopMode")
        self._window = window
        self._view = view
        self._active = False
        self._saved_state = QByteArray()
        self._saved_view: tuple[float, QPointF] = (1.0, QPointF())
        self._saved_geometry = QByteArray()
        self._saved_window_state = Qt.WindowState.WindowNoState
        self._hidden: list[QWidget] = []
        self._scrolling: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy, QFrame.Shape] = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded,
            Qt.ScrollBarPolicy.ScrollBarAsNeeded,
            QFrame.Shape.StyledPanel,
        )
        self.actions: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("actionNextStage", "Next stage", ("Right", "PgDown"), view.focus_next_stage),
            ("actionPreviousStage", "Previous stage", ("Left", "PgUp"), view.focus_previous_stage),
            ("actionWholeMap", "Whole map", ("Home", "0"), lambda: view.focus_stage(None)),
            ("actionLeavePresentation", "Leave presentation", ("Esc",), self.leave),
            # A column taller than the screen scrolls within the focus (the wheel does too).
            ("actionScrollDown", "Scroll down", ("Down",), lambda: view.scroll_screen(0.5)),
            ("actionScrollUp", "Scroll up", ("Up",), lambda: view.scroll_screen(-0.5)),
        ):
            action = QAction(text, window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(False)
            action.triggered.connect(slot)
            window.addAction(action)  # on the window itself: menus and toolbars are hidden meanwhile
            self.actions[name] = action

    @property
    def active(self) -> bool:
        return self._active

    def toggle(self) -> None:
        self.leave() if self._active else self.enter()

    def enter(self) -> None:
        if self._active:
            return
        window = self._window
        self._saved_view = self._view.view_state()
        self._saved_state = window.saveState()
        self._saved_geometry = window.saveGeometry()
        self._saved_window_state = window.windowState()
        bars = [window.menuBar(), window.statusBar(), *window.findChildren(QWidget, "findBar")]
        self._hidden = [w for w in bars if w is not None and w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        for child in window.children():
            # Docks and tool bars: their visibility comes back from saveState() on leave.
            if isinstance(child, QDockWidget | QToolBar):
                child.hide()
        self._active = True
        self._set_navigation(True)
        # On a projector every pixel is the map's: no scroll bars, no frame.
        self._scrolling = (
            self._view.horizontalScrollBarPolicy(),
            self._view.verticalScrollBarPolicy(),
            self._view.frameShape(),
        )
        self._view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._view.setFrameShape(QFrame.Shape.NoFrame)
        self._view.set_presentation(True)
        window.showFullScreen()
        self._view.keep_fitted()  # the whole map on the projector, also once full screen has arrived
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toggled.emit(True)

    def leave(self) -> None:
        if not self._active:
            return
        window = self._window
        self._active = False
        self._set_navigation(False)
        self._view.clear_stage_focus()
        self._view.set_presentation(False)
        horizontal, vertical, frame = self._scrolling
        self._view.setHorizontalScrollBarPolicy(horizontal)
        self._view.setVerticalScrollBarPolicy(vertical)
        self._view.setFrameShape(frame)
        for widget in self._hidden:
            if widget.objectName() != "findBar":  # the find bar stays closed; Ctrl+F reopens it
                widget.show()
        window.setWindowState(self._saved_window_state)
        if not self._saved_window_state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            window.showNormal()
            window.restoreGeometry(self._saved_geometry)
        window.restoreState(self._saved_state)
        self._view.restore_view_state(self._saved_view)  # the zoom and place of before, not a fit
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toggled.emit(False)

    def _set_navigation(self, enabled: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(enabled)
