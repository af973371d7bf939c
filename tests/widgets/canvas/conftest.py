"""Driving the real view: mouse events sent to its viewport at scene points, keys to the view.

QTest.mouseMove drops the buttons, so drags are built from QMouseEvents with the button held.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymap.editing.document import Document
from journeymap.widgets.canvas import MapView
from tests.factories import small_map

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton


@pytest.fixture
def view(qtbot) -> Iterator[MapView]:
    document = Document(small_map())
    map_view = MapView(document)
    qtbot.addWidget(map_view)
    map_view.resize(1400, 900)
    map_view.show()
    qtbot.waitExposed(map_view)
    map_view.activateWindow()
    map_view.setFocus()
    map_view.set_zoom(1.0)
    yield map_view
    document.close()


def to_viewport(view: MapView, scene_point: QPointF) -> QPoint:
    view.ensureVisible(scene_point.x() - 2, scene_point.y() - 2, 4, 4, 60, 60)
    return view.mapFromScene(scene_point)


def send_mouse(
    view: MapView,
    kind: QEvent.Type,
    point: QPoint,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    viewport = view.viewport()
    local = QPointF(point)
    event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(point)), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def drag(view: MapView, start: QPointF, end: QPointF, steps: int = 6, button: Qt.MouseButton = LEFT) -> None:
    """Press at ``start``, move with the button held through ``steps`` points, release at ``end``."""
    a = to_viewport(view, start)
    send_mouse(view, QEvent.Type.MouseButtonPress, a, button, button)
    b = view.mapFromScene(end)
    for i in range(1, steps + 1):
        point = QPoint(round(a.x() + (b.x() - a.x()) * i / steps), round(a.y() + (b.y() - a.y()) * i / steps))
        send_mouse(view, QEvent.Type.MouseMove, point, NO_BUTTON, button)
    send_mouse(view, QEvent.Type.MouseButtonRelease, b, button, NO_BUTTON)


def click(view: MapView, scene_point: QPointF, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    point = to_viewport(view, scene_point)
    send_mouse(view, QEvent.Type.MouseButtonPress, point, LEFT, LEFT, modifiers)
    send_mouse(view, QEvent.Type.MouseButtonRelease, point, LEFT, NO_BUTTON, modifiers)


def double_click(view: MapView, scene_point: QPointF) -> None:
    point = to_viewport(view, scene_point)
    QTest.mouseDClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, point)


def hover(view: MapView, scene_point: QPointF) -> None:
    point = to_viewport(view, scene_point)
    send_mouse(view, QEvent.Type.MouseMove, point, NO_BUTTON, NO_BUTTON)


def card_centre(view: MapView, card_id: str) -> QPointF:
    return view.map_scene.card_items[card_id].card_rect().center()


def empty_spot(view: MapView, stage_id: str, lane_id: str) -> QPointF:
    """A point in a cell below its cards and milestones."""
    cell = view.map_scene.layout.cells[(stage_id, lane_id)].rect
    return QPointF(cell.x + cell.width / 2, cell.bottom - 8)


def type_text(view: MapView, text: str) -> None:
    QTest.keyClicks(view, text)


def press_key(view: MapView, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(view, key, modifiers)
