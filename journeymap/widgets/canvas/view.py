"""The map view: zoom, pan, level of detail, and the one place mouse and keys reach the tools.

Gestures become tool calls (``tools/``), tools push commands on the document's undo stack, the
model emits, the scene follows. The view never edits the model itself. The editing entry points the
main window binds to menus (delete, copy, connect, add...) are thin methods over
:class:`CanvasActions`, the clipboard and the finder.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCursor,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QPixmapCache,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QGraphicsItem, QGraphicsView, QPinchGesture, QWidget

from journeymap.editing.document import Document
from journeymap.model import ItemRef
from journeymap.widgets.canvas.actions import CanvasActions
from journeymap.widgets.canvas.clipboard import CanvasClipboard
from journeymap.widgets.canvas.finder import CardFinder
from journeymap.widgets.canvas.focus import paint_stage_focus
from journeymap.widgets.canvas.frozen_headers import FrozenHeaders
from journeymap.widgets.canvas.items.context import DETAIL_ZOOM
from journeymap.widgets.canvas.overview import OverviewCache
from journeymap.widgets.canvas.scene import MapScene
from journeymap.widgets.canvas.tools.base import Tool
from journeymap.widgets.canvas.tools.select_tool import SelectTool

MIN_ZOOM, MAX_ZOOM = 0.01, 4.0
ZOOM_STEP = 1.25
# The overview picture replaces item painting below this zoom on maps with at least this many cards.
OVERVIEW_ZOOM = 0.25
OVERVIEW_MIN_CARDS = 1000
FIT_MARGIN = 24
# Fit-to-map at the desk never enlarges past 100 %: a blank map opened at 235 %, its type poster-sized.
FIT_MAX_ZOOM = 1.0
# A focused stage is never drawn below this zoom (presentation type is already 1.5x): taller columns scroll.
FOCUS_MIN_ZOOM = 1.0
# A wheel or pinch zoom scales a picture of the screen taken when the gesture began; the map is
# painted afresh once no zoom step came for this long. (Measured: a zoom step at 10,000 cards
# repainted every visible card, 10-17 ms; scaling the picture is one draw.)
GESTURE_SETTLE_MS = 180


class MapView(QGraphicsView):
    """A QGraphicsView over a :class:`MapScene` for one document."""

    zoom_changed = Signal(float)
    selection_changed = Signal()
    hint = Signal(str)  # what a waiting tool asks of the user, for the status bar ("" when done)
    first_painted = Signal()  # once, after the viewport's first paint (start-up timing)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.document = document
        self._painted_once = False
        self.map_scene = MapScene(document, self)
        self.setScene(self.map_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Measured: FullViewportUpdate made scrolling 11x slower; the default BSP index stays.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        # Cards cache their pictures (DeviceCoordinateCache); the default 10 MB holds ~150 cards at
        # 100 %, fewer than a projector shows zoomed in. 64 MB keeps a screenful cached.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 64 * 1024))
        self.actions_ = CanvasActions(self)
        self.clipboard = CanvasClipboard(self)
        self.finder = CardFinder(self)
        self.overview = OverviewCache()
        self.focused_stage: str | None = None
        self.last_scene_pos: QPointF | None = None
        self._zoom = 1.0
        self._pan_from: QPointF | None = None
        self._space_down = False
        self._press_forwarded = False
        self._retired: list[QGraphicsItem] = []
        self._gesture_picture: tuple[QPixmap, QRectF] | None = None  # the screen, and the scene rect it showed
        self._gesture_settled = QTimer(self)
        self._gesture_settled.setSingleShot(True)
        self._gesture_settled.setInterval(GESTURE_SETTLE_MS)
        self._gesture_settled.timeout.connect(self.end_zoom_gesture)
        # Workshop mode: fit again on every resize until the user zooms (full screen arrives late on a
        # real window manager); on leaving, the zoom and centre of before, again on each resize.
        self._keep_fitted = False
        self._pending_view: tuple[float, QPointF] | None = None
        self._tool: Tool = SelectTool(self)
        self._tool.start()
        self.map_scene.selectionChanged.connect(self.selection_changed)
        self.map_scene.selectionChanged.connect(self._selection_moved)
        self.map_scene.layout_changing.connect(self._before_layout_change)
        self.map_scene.layout_changed.connect(self._on_layout_changed)
        self._still: tuple[QPointF, QPointF, QRectF] | None = None
        self.frozen = FrozenHeaders(self)

    # ------------------------------------------------------------------ tools
    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool | None) -> None:
        """Install one tool; the old one finishes (commits what it was doing). None: select."""
        old, self._tool = self._tool, tool or SelectTool(self)
        if old is not self._tool:
            old.finish()
        if not self._tool.active:
            self._tool.start()

    def _selection_moved(self) -> None:
        if self.map_scene.selectedItems():
            self.actions_.keyboard.forget_cell()  # a card chosen: no empty cell stood on any more

    def cycle_kind(self) -> None:
        self.actions_.keyboard.cycle_kind()

    def emotion_up(self) -> None:
        self.actions_.keyboard.step_emotion(1)

    def emotion_down(self) -> None:
        self.actions_.keyboard.step_emotion(-1)

    def show_hint(self, text: str) -> None:
        self.hint.emit(text)

    def retire_item(self, item: QGraphicsItem) -> None:
        """Take a helper item (editor, rubber line) off the scene, deleting it only later.

        Tools often end inside the item's own event handler; deleting it there would pull the
        object out from under Qt's event dispatch.
        """
        if item.scene() is not None:
            item.scene().removeItem(item)
        self._retired.append(item)
        QTimer.singleShot(0, self._retired.clear)

    # ------------------------------------------------------------------ zoom
    def zoom_level(self) -> float:
        return self._zoom

    def set_zoom(self, level: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``level`` (1.0 = 100 %), keeping ``anchor`` (viewport point) still if given."""
        level = max(MIN_ZOOM, min(MAX_ZOOM, float(level)))
        before = self.mapToScene(anchor.toPoint()) if anchor is not None else None
        self.setTransform(QTransform.fromScale(level, level))
        if before is not None and anchor is not None:
            # Scroll so the scene point that was under the pointer is under it again.
            drift = self.mapFromScene(before) - anchor.toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())
        changed = abs(level - self._zoom) > 1e-9
        self._zoom = level
        if hasattr(self, "frozen"):
            self.frozen.follow()
        if changed:
            self.zoom_changed.emit(level)

    def zoom_gesture_step(self, level: float, anchor: QPointF | None = None) -> None:
        """One step of a wheel or pinch zoom: the picture of the screen scales until the gesture settles."""
        self._user_took_over()
        if not self.zooming and not self.uses_overview():
            self._gesture_picture = (self.viewport().grab(), self.mapToScene(self.viewport().rect()).boundingRect())
        self.set_zoom(level, anchor)
        self._gesture_settled.start()
        self.viewport().update()

    @property
    def zooming(self) -> bool:
        """True while a wheel or pinch zoom shows the scaled picture (until it settles)."""
        return self._gesture_picture is not None

    def end_zoom_gesture(self) -> None:
        """Paint the map itself again at the zoom the gesture reached."""
        self._gesture_settled.stop()
        if self.zooming:
            self._gesture_picture = None
            self.viewport().update()

    def zoom_in(self) -> None:
        self._user_took_over()
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._user_took_over()
        self.set_zoom(self._zoom / ZOOM_STEP)

    # ------------------------------------------------------------------ view state (workshop mode in and out)
    def view_state(self) -> tuple[float, QPointF]:
        """The zoom and the scene point at the viewport's centre."""
        return self._zoom, self.mapToScene(self.viewport().rect().center())

    def restore_view_state(self, state: tuple[float, QPointF]) -> None:
        """Show the map as ``view_state`` returned it; again after each resize until the user acts."""
        self._keep_fitted = False
        self._pending_view = state
        self._apply_pending_view()

    def keep_fitted(self) -> None:
        """Fit the map now and after every resize, until the user zooms, pans or focuses a stage."""
        self._pending_view = None
        self._keep_fitted = True
        self.fit_to_map()

    def _apply_pending_view(self) -> None:
        if self._pending_view is not None:
            level, centre = self._pending_view
            self.set_zoom(level)
            self.centerOn(centre)

    def _user_took_over(self) -> None:
        self._keep_fitted = False
        self._pending_view = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt virtual
        super().resizeEvent(event)
        self.frozen.follow()
        if self._keep_fitted and self.focused_stage is None:
            self.fit_to_map()
        elif self._pending_view is not None:
            self._apply_pending_view()

    def fit_to_map(self) -> None:
        self.focused_stage = None
        # On the projector the map fills the screen; at the desk it never grows past 100 %.
        self.fit_rect(self.map_scene.map_rect(), max_zoom=MAX_ZOOM if self.is_presentation() else FIT_MAX_ZOOM)
        self.viewport().update()

    def zoom_to_selection(self) -> None:
        items = self.map_scene.selectedItems()
        if not items:
            self.fit_to_map()
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        self.fit_rect(rect.adjusted(-40, -40, 40, 40), max_zoom=1.5)

    def fit_rect(self, rect: QRectF, max_zoom: float = MAX_ZOOM) -> None:
        viewport = self.viewport().rect().adjusted(FIT_MARGIN, FIT_MARGIN, -FIT_MARGIN, -FIT_MARGIN)
        if rect.isEmpty() or viewport.width() <= 0 or viewport.height() <= 0:
            return
        self.setSceneRect(QRectF())  # the scene's own rect again (edits may have widened the view's)
        level = min(viewport.width() / rect.width(), viewport.height() / rect.height(), max_zoom)
        self.set_zoom(level)
        self.centerOn(rect.center())

    # ------------------------------------------------------------------ workshop focus
    def focus_stage(self, stage_id: str | None) -> None:
        """Zoom to one stage's column, header to last lane; None shows the whole map.

        The whole column fits when it can, so the room sees the stage's cards, not only its header.
        A very tall column is not shrunk past a readable size: its header then sits at the top.
        """
        layout = self.map_scene.layout
        if stage_id is None or stage_id not in layout.stages:
            self.fit_to_map()
            return
        self._user_took_over()
        self.focused_stage = stage_id
        self.viewport().update()  # the other stages are dimmed (drawForeground)
        column = layout.stages[stage_id].column
        viewport = self.viewport().rect()
        width_fit = (viewport.width() - 2 * FIT_MARGIN) / column.width
        height_fit = (viewport.height() - 2 * FIT_MARGIN) / column.height
        level = max(MIN_ZOOM, min(width_fit, max(height_fit, FOCUS_MIN_ZOOM), MAX_ZOOM))
        self.set_zoom(level)
        visible_height = viewport.height() / level
        if column.height + 2 * FIT_MARGIN / level <= visible_height:
            self.centerOn(QPointF(column.x + column.width / 2, column.y + column.height / 2))
        else:
            self.centerOn(QPointF(column.x + column.width / 2, column.y - FIT_MARGIN / level + visible_height / 2))

    def scroll_screen(self, fraction: float) -> None:
        """Scroll by a fraction of the screen's height (down when positive): a tall focused column."""
        self._user_took_over()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + round(fraction * self.viewport().height()))

    def focus_next_stage(self) -> None:
        self._step_stage(1)

    def focus_previous_stage(self) -> None:
        self._step_stage(-1)

    def _step_stage(self, step: int) -> None:
        order = self.map_scene.layout.stage_order
        if not order:
            return
        if self.focused_stage not in order:
            self.focus_stage(order[0] if step > 0 else order[-1])
            return
        index = order.index(self.focused_stage) + step
        self.focus_stage(order[index] if 0 <= index < len(order) else None)

    def clear_stage_focus(self) -> None:
        """No stage in focus any more, without changing the zoom."""
        self.focused_stage = None
        self.viewport().update()

    def set_presentation(self, on: bool) -> None:
        """Large type and high contrast (workshop mode); keeps the focused stage in view."""
        focused = self.focused_stage
        self.map_scene.set_presentation(on)
        self.frozen.follow()
        self.overview.invalidate()
        self.resetCachedContent()
        if focused is not None:
            self.focus_stage(focused)

    def is_presentation(self) -> bool:
        return self.map_scene.presentation

    # ------------------------------------------------------------------ selection
    def selected(self) -> list[ItemRef]:
        return self.map_scene.selected_refs()

    def select(self, ref: ItemRef, add: bool = False) -> None:
        item = self.map_scene.item_for(ref)
        if not add:
            self.map_scene.clearSelection()
        if item is not None:
            item.setSelected(True)
            self.ensureVisible(item, 40, 40)

    def start_edit(self, ref: ItemRef, type_over: str | None = None) -> None:
        """Open the inline editor on a card's title or a header's name."""
        self.actions_.start_edit(ref, type_over)

    def target_cell(self) -> tuple[str, str] | None:
        return self.clipboard.target_cell()

    # ------------------------------------------------------------------ editing entry points
    def delete_selection(self) -> None:
        self.actions_.delete_selection()

    def copy_selection(self) -> None:
        self.clipboard.copy_selection()

    def paste(self) -> None:
        self.clipboard.paste()

    def duplicate_selection(self) -> None:
        self.clipboard.duplicate_selection()

    def connect_selected(self) -> bool:
        return self.actions_.connect_selected()

    def add_stage(self) -> None:
        self.actions_.add_stage()

    def add_lane(self) -> None:
        self.actions_.add_lane()

    def add_card_in_selected_cell(self) -> None:
        self.actions_.add_card_in_selected_cell()

    def add_milestone(self) -> None:
        self.actions_.add_milestone()

    def edit_selected(self) -> None:
        self.actions_.edit_selected()

    def find(self, text: str) -> int:  # type: ignore[override]  # not QWidget.find(id): the map's Find
        return self.finder.find(text)

    def find_next(self) -> None:
        self.finder.step(1)

    def find_previous(self) -> None:
        self.finder.step(-1)

    def clear_find(self) -> None:
        self.finder.clear()

    # ------------------------------------------------------------------ rendering helpers
    # ------------------------------------------------------------------ overview painting
    def uses_overview(self) -> bool:
        return self._zoom < OVERVIEW_ZOOM and len(self.map_scene.layout.cards) >= OVERVIEW_MIN_CARDS

    def _paint_gesture_picture(self, event: QPaintEvent) -> None:
        assert self._gesture_picture is not None
        picture, shown = self._gesture_picture
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.map_scene.ctx.palette.background)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        target = QRectF(self.mapFromScene(shown).boundingRect())
        painter.drawPixmap(target, picture, QRectF(picture.rect()))
        painter.end()

    def _before_layout_change(self) -> None:
        """Note the scene point under the pointer (or the centre) and what the screen shows."""
        port = self.viewport().rect()
        pointer = QPointF(self.viewport().mapFromGlobal(QCursor.pos()))
        anchor = pointer if port.contains(pointer.toPoint()) else QPointF(port.center())
        self._still = (self.mapToScene(anchor.toPoint()), anchor, self.mapToScene(port).boundingRect())

    def _keep_still(self) -> None:
        """After an edit the point under the pointer stays where it was on screen.

        Qt centres a scene smaller than the view, so a lane growing by a line moved the whole map
        10-25 px at fit-to-map and a quick second double-click landed in the wrong cell. The view's
        scene rect takes in what the screen showed, so the scroll bars can hold the map in place.
        """
        if self._still is None:
            return
        scene_point, anchor, shown = self._still
        self._still = None
        rect = self.map_scene.sceneRect().united(shown)
        self.setSceneRect(rect)
        for _attempt in range(3):  # a scroll bar appearing changes the viewport: look again
            drift = self.mapFromScene(scene_point) - anchor.toPoint()
            if drift.isNull():
                return
            dx, dy = drift.x() / self._zoom, drift.y() / self._zoom
            for bar, shift in ((self.horizontalScrollBar(), drift.x()), (self.verticalScrollBar(), drift.y())):
                if bar.maximum() > bar.minimum():
                    bar.setValue(bar.value() + shift)
            # Where the map is smaller than the screen Qt centres the rect: move the rect instead.
            if self.horizontalScrollBar().maximum() == self.horizontalScrollBar().minimum():
                rect.translate(dx, 0)
            if self.verticalScrollBar().maximum() == self.verticalScrollBar().minimum():
                rect.translate(0, dy)
            self.setSceneRect(rect)

    def _on_layout_changed(self) -> None:
        self._keep_still()
        self.frozen.follow()
        self.end_zoom_gesture()  # the picture shows the map before the edit
        self.overview.invalidate()
        self.resetCachedContent()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt virtual
        self._paint(event)
        if not self._painted_once:
            self._painted_once = True
            self.first_painted.emit()

    def _paint(self, event: QPaintEvent) -> None:
        if self._gesture_picture is not None:
            self._paint_gesture_picture(event)
            return
        if not self.uses_overview():
            # On a big map a lane's items are made when it first shows (before the items are looked up).
            self.map_scene.show_lanes_in(self.mapToScene(self.viewport().rect()).boundingRect())
            super().paintEvent(event)
            return
        scene = self.map_scene
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), scene.ctx.palette.background)
        painter.setTransform(self.viewportTransform())
        target = scene.map_rect()
        device_width = target.width() * self._zoom * self.devicePixelRatioF()
        pixmap = self.overview.pixmap_for(scene.layout, scene.journey, scene.ctx.palette, device_width)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        scene.analysis.paint_over(painter)  # the curve and marks are items: the picture lacks them
        self._paint_overview_marks(painter)
        painter.end()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802 - Qt virtual
        rect = QRectF(rect)
        if self.focused_stage is not None and self.is_presentation():
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            paint_stage_focus(painter, rect, self.map_scene, self.focused_stage, visible)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt virtual
        super().scrollContentsBy(dx, dy)
        frozen = getattr(self, "frozen", None)  # Qt scrolls before __init__ has made it
        if frozen is not None:
            frozen.follow()
        # Qt scrolls while the view is still being built, before our attributes exist.
        if getattr(self, "focused_stage", None) is not None and self.is_presentation():
            self.viewport().update()  # the pinned lane names move with the screen, not the map

    def _paint_overview_marks(self, painter: QPainter) -> None:
        """Selection and find matches stay visible in the overview, as thick outlines."""
        scene = self.map_scene
        palette = scene.ctx.palette
        marks = [(item.sceneBoundingRect(), palette.selection_pen) for item in scene.selectedItems()]
        # Matches come from the layout: on a big map most cards have no item until their lane shows.
        marks += [
            (scene.scene_rect_of(scene.layout.cards[c].rect), palette.match_pen)
            for c in scene.matches
            if c in scene.layout.cards
        ]
        for rect, pen in marks[:2000]:
            cosmetic = type(pen)(pen)
            cosmetic.setCosmetic(True)
            painter.setPen(cosmetic)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)

    # ------------------------------------------------------------------ events
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._tool.takes_text_keys:
            event.accept()  # typing in an inline editor must not trigger window shortcuts
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and not self._tool.takes_text_keys
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.actions_.keyboard.add_next()
        ):
            return True  # keyboard capture: Tab adds the next card in the cell (not focus to the next widget)
        if (
            event.type() == QEvent.Type.KeyPress
            and self._tool.takes_text_keys
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            # The scene would spend Tab on moving focus between items; in an editor it means "next".
            editor = getattr(self._tool, "editor", None)
            if editor is not None:
                editor.keyPressEvent(event)
            return True
        if event.type() == QEvent.Type.Gesture:
            return self._gesture(event)
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt virtual
        if event.type() == QEvent.Type.Gesture:
            return self._gesture(event)
        if event.type() == QEvent.Type.Leave:
            self.last_scene_pos = None
        if isinstance(event, QNativeGestureEvent) and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom_gesture_step(self._zoom * (1.0 + event.value()), event.position())
            return True
        return super().viewportEvent(event)

    def _gesture(self, event: QEvent) -> bool:
        assert isinstance(event, QGestureEvent)
        pinch = event.gesture(Qt.GestureType.PinchGesture)
        if isinstance(pinch, QPinchGesture):
            flags = pinch.changeFlags()
            if flags & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                centre = QPointF(self.mapFromGlobal(pinch.centerPoint().toPoint()))
                self.zoom_gesture_step(self._zoom * pinch.scaleFactor(), centre)
            event.accept()
            return True
        return False

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt virtual
        self._user_took_over()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_gesture_step(self._zoom * (ZOOM_STEP**steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt virtual
        self._pending_view = None
        self.actions_.keyboard.forget_cell()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_down):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        self._press_forwarded = False
        if self._tool.mouse_press(event, pos):
            return
        self._press_forwarded = True
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt virtual
        pos = self.mapToScene(event.position().toPoint())
        self.last_scene_pos = pos
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        if self._tool.mouse_move(event, pos):
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt virtual
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space_down else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        handled = self._tool.mouse_release(event, pos)
        if self._press_forwarded or not handled:
            # The scene saw the press; it must see the release too or an item stays mouse grabber.
            super().mouseReleaseEvent(event)
        self._press_forwarded = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt virtual
        pos = self.mapToScene(event.position().toPoint())
        if self._tool.mouse_double_click(event, pos):
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        if self._tool.takes_text_keys:
            super().keyPressEvent(event)
            return
        if self._tool.key_press(event):
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if self.actions_.handle_key(event):
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt virtual
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.viewport().unsetCursor()
        super().keyReleaseEvent(event)


__all__ = ["DETAIL_ZOOM", "MapView"]
