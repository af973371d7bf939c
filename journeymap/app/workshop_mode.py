"""Workshop mode (F5): the map alone, full screen, in large type, one stage at a time.

Entering remembers how the window looked (full screen or not, maximised, geometry, which docks and
bars were visible) and leaving puts exactly that back. Stage stepping uses window shortcuts that
are enabled only while presenting; Qt asks the focused widget first (ShortcutOverride), so an
inline editor opened by a double-click keeps its arrow keys, Home and digits and quick capture
still works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QMenu, QToolBar, QWidget

if TYPE_CHECKING:
    from journeymap.app.presentation_window import PresentationWindow


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
        # "Present On": None is this window going full screen (one screen, as always); a screen's
        # name opens a presentation window there and leaves the editor as it is.
        self.screen_name: str | None = None
        self.presentation: PresentationWindow | None = None
        self._on_second_screen = False
        self._keys: dict[str, tuple[str, ...]] = {}
        for name, text, keys, slot in (
            ("actionNextStage", "Next stage", ("Right", "PgDown"), lambda: self.presenting_view().focus_next_stage()),
            (
                "actionPreviousStage",
                "Previous stage",
                ("Left", "PgUp"),
                lambda: self.presenting_view().focus_previous_stage(),
            ),
            ("actionWholeMap", "Whole map", ("Home", "0"), lambda: self.presenting_view().focus_stage(None)),
            ("actionLeavePresentation", "Leave presentation", ("Esc",), self.leave),
            # A column taller than the screen scrolls within the focus (the wheel does too).
            ("actionScrollDown", "Scroll down", ("Down",), lambda: self.presenting_view().scroll_screen(0.5)),
            ("actionScrollUp", "Scroll up", ("Up",), lambda: self.presenting_view().scroll_screen(-0.5)),
        ):
            action = QAction(text, window)
            action.setObjectName(name)
            self._keys[name] = keys
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

    def presenting_view(self) -> Any:
        """The view the room sees: the presentation window's, or this window's own."""
        return self.presentation.view if self.presentation is not None else self._view

    def present_on(self, screen_name: str | None) -> None:
        """Choose where F5 presents: None for this window, else the screen of that name."""
        self.screen_name = screen_name

    def make_menu(self, parent: QWidget) -> QMenu:
        """View > Present On: this window, or any screen by name (refilled as screens come and go)."""
        menu = QMenu("Present &On", parent)
        menu.setObjectName("menuPresentOn")

        def fill() -> None:
            menu.clear()
            group = QActionGroup(menu)
            choices: list[tuple[str, str | None]] = [("This Window (Full Screen)", None)]
            for screen in QGuiApplication.screens():
                size = screen.geometry()
                choices.append((f"{screen.name()} ({size.width()} × {size.height()})", screen.name()))
            for text, name in choices:
                action = menu.addAction(text)
                action.setCheckable(True)
                action.setChecked(name == self.screen_name)
                action.setData(name)
                group.addAction(action)
                action.triggered.connect(lambda _checked=False, chosen=name: self.present_on(chosen))

        menu.aboutToShow.connect(fill)
        fill()
        return menu

    def chosen_screen(self) -> QScreen | None:
        if self.screen_name is None:
            return None
        return next((s for s in QGuiApplication.screens() if s.name() == self.screen_name), None)

    def enter(self) -> None:
        if self._active:
            return
        screen = self.chosen_screen()
        if screen is not None:
            self._enter_on(screen)
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

    def _enter_on(self, screen: QScreen) -> None:
        """The projector shows the map; the editor keeps its menus, panels, zoom and keys."""
        from journeymap.app.presentation_window import PresentationWindow

        self._active = True
        self._on_second_screen = True
        self.presentation = PresentationWindow(self._document(), screen, self._presentation_closed)
        # In the editor only the clicker's keys step the projector: arrows, Home and Esc keep editing.
        for name, action in self.actions.items():
            keys = [key for key in self._keys[name] if key in ("PgDown", "PgUp")]
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setEnabled(bool(keys))
        self.toggled.emit(True)

    def _document(self) -> Any:
        return self._view.document

    def _presentation_closed(self) -> None:
        if self.presentation is not None:
            self.presentation = None
            self.leave()

    def leave(self) -> None:
        if not self._active:
            return
        if self._on_second_screen:
            self._leave_second_screen()
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

    def _leave_second_screen(self) -> None:
        presentation, self.presentation = self.presentation, None
        self._active = self._on_second_screen = False
        for name, action in self.actions.items():
            action.setShortcuts([QKeySequence(key) for key in self._keys[name]])
        self._set_navigation(False)
        if presentation is not None:
            presentation.close()
            presentation.deleteLater()
        self.toggled.emit(False)

    def _set_navigation(self, enabled: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(enabled)
