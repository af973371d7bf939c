"""The map scene: follows the document's model events and keeps one item per model object.

Every change re-runs the shared layout (the one place geometry is computed) and then updates only
the items whose box or record changed. Cards, lane milestones and arrows live inside one invisible
container per lane, so a lane that shifts moves as one item. Undo and redo need no drawing code:
they change the model, the model emits, the scene follows.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QObject, QPointF, QRect, QRectF, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from journeymap.editing.document import Document
from journeymap.layout import LayoutEngine, LayoutStyle, MapLayout, Rect, default_measurer, flow_route
from journeymap.layout.flows import place_label
from journeymap.layout.map_layout import card_area, flow_corridor, route_flow
from journeymap.layout.timeline_layout import TimelineEngine
from journeymap.model import Change, ItemKind, ItemRef, JourneyMap, MapEvent
from journeymap.model.events import ROOM_ONLY
from journeymap.widgets.canvas.analysis_overlay import AnalysisOverlay
from journeymap.widgets.canvas.items import (
    CanvasContext,
    CardItem,
    CellItem,
    FlowItem,
    LaneContainerItem,
    LaneHeaderItem,
    MilestoneItem,
    StageHeaderItem,
)
from journeymap.widgets.canvas.overlay import Overlay
from journeymap.widgets.canvas.palette import CanvasPalette
from journeymap.widgets.canvas.qt_fonts import CanvasFonts

SCENE_MARGIN = 60.0
PRESENTATION_SCALE = 1.5
# Removing more stale items than this one by one is slower than clearing the scene and rebuilding.
BULK_REMOVE = 2000
# From this many cards on, a lane's cards, milestones and arrows are made only when the lane first
# comes into view (or is asked for by id): making 10,000 card items took 0.6-0.8 s of opening a map,
# and at fit-to-map such a map is drawn from the overview picture anyway. Smaller maps get every item.
LAZY_LANES_FROM_CARDS = 2000
# The items that stand for a model object; each has a ``ref``.
ModelItem = CardItem | FlowItem | MilestoneItem | StageHeaderItem | LaneHeaderItem
MODEL_ITEMS = (CardItem, FlowItem, MilestoneItem, StageHeaderItem, LaneHeaderItem)
_SELECTION_ORDER = {ItemKind.CARD: 0, ItemKind.MILESTONE: 1, ItemKind.FLOW: 2, ItemKind.STAGE: 3, ItemKind.LANE: 4}


class MapScene(QGraphicsScene):
    """Items for one document's map, laid out by the shared :class:`LayoutEngine`."""

    layout_changed = Signal()
    layout_changing = Signal()  # before a refresh moves anything: the view notes what is under the pointer

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapScene")
        self.document = document
        # The poster's measurer: the same line breaks and baselines on screen and on paper.
        self.measurer = default_measurer()
        self.fonts = CanvasFonts()
        self.ctx = CanvasContext(self.fonts, self.measurer, LayoutStyle(), CanvasPalette())
        self.engine = LayoutEngine(self.measurer, self.ctx.style)
        self.stage_items: dict[str, StageHeaderItem] = {}
        self.lane_items: dict[str, LaneHeaderItem] = {}
        self.containers: dict[str, LaneContainerItem] = {}
        self.card_items: dict[str, CardItem] = {}
        self.milestone_items: dict[str, MilestoneItem] = {}
        self.flow_items: dict[tuple[str, str], FlowItem] = {}
        self.drop_item = CellItem(self.ctx)
        self.addItem(self.drop_item)
        self.matches: set[str] = set()
        self.current_match: str | None = None
        self.presentation = False
        self.overlay = Overlay()
        self._live_lanes: set[str] = set()  # lanes whose content items exist (all, on small maps)
        self.layout: MapLayout = self.engine.compute(self.journey)
        document.map_changed.connect(self._on_map_changed)
        self._sync(self.layout)
        self.analysis = AnalysisOverlay(self)

    @property
    def journey(self) -> JourneyMap:
        return self.document.journey

    # ------------------------------------------------------------------ following the model
    def _on_map_changed(self, event: MapEvent) -> None:
        if event.change is Change.TITLE or event.change in ROOM_ONLY:  # the room's changes keep the layout
            return
        self.refresh()

    def refresh(self) -> None:
        """Re-lay out the map and bring the items in line with it."""
        self.layout_changing.emit()
        selected = self.selected_refs()
        self.layout = self.engine.compute(self.journey)
        self._sync(self.layout)
        self._reselect(selected)
        self.layout_changed.emit()

    def set_presentation(self, on: bool) -> None:
        """Large type and high contrast for a projector: a new style, palette and a full rebuild."""
        if on == self.presentation:
            return
        self.presentation = on
        self._restyle()

    def set_overlay(self, overlay: Overlay) -> None:
        """Show the experience curve and handoff marks (room for them changes the layout)."""
        if overlay != self.overlay:
            self.overlay = overlay
            self._restyle()

    def _restyle(self) -> None:
        on = self.presentation
        base = self.overlay.style()
        style = base.scaled(PRESENTATION_SCALE) if on else base
        self.ctx = CanvasContext(self.fonts, self.measurer, style, CanvasPalette(high_contrast=on))
        self.engine = (TimelineEngine if self.overlay.timeline else LayoutEngine)(self.measurer, style)
        self.drop_item.ctx = self.ctx
        selected = self.selected_refs()
        self._clear_items()
        self.refresh()
        self._reselect(selected)

    # ------------------------------------------------------------------ reading
    def map_rect(self) -> QRectF:
        """The whole map in scene coordinates (what fit-to-map and exports show)."""
        return QRectF(0, 0, self.layout.width, self.layout.height)

    def item_for(self, ref: ItemRef) -> ModelItem | None:
        """The item for a model object, made first if its lane has not been shown yet."""
        kind = ref.kind
        if kind is ItemKind.FLOW:
            self._make_live(self._lane_holding(ref.ends[0]))
            return self.flow_items.get(ref.ends)
        if kind is ItemKind.CARD:
            self._make_live(self._lane_holding(ref.id))
            return self.card_items.get(ref.id)
        if kind is ItemKind.MILESTONE:
            milestone = self.layout.milestones.get(ref.id)
            self._make_live(milestone.lane if milestone else None)
            return self.milestone_items.get(ref.id)
        if kind is ItemKind.STAGE:
            return self.stage_items.get(ref.id)
        return self.lane_items.get(ref.id)

    def show_lanes_in(self, rect: QRectF) -> None:
        """Make the items of every lane that ``rect`` (scene coordinates) touches."""
        rows = self.layout.lanes
        lanes = [
            lane
            for lane in self.layout.lane_order
            if lane not in self._live_lanes
            and rows[lane].row.y <= rect.bottom()
            and rows[lane].row.bottom >= rect.top()
        ]
        if lanes:
            self._make_live(*lanes)

    def show_all_lanes(self) -> None:
        """Make every item (before rendering the whole map into a picture)."""
        self._make_live(*self.layout.lane_order)

    def _lane_holding(self, card_id: str) -> str | None:
        box = self.layout.cards.get(card_id)
        return self.layout.lane_at(box.rect.center[1]) if box else None

    def _make_live(self, *lanes: str | None) -> None:
        new = {lane for lane in lanes if lane and lane not in self._live_lanes and lane in self.layout.lanes}
        if new:
            self._live_lanes |= new
            self._sync_lane_contents(self.layout, new)
            self._apply_matches()

    def selected_refs(self) -> list[ItemRef]:
        """The selected items, cards first, then milestones, arrows, stages and lanes, each group sorted."""
        refs = [item.ref for item in self.selectedItems() if isinstance(item, MODEL_ITEMS)]
        return sorted(refs, key=lambda ref: (_SELECTION_ORDER[ref.kind], ref.key))

    def model_item_at(self, scene_pos: QPointF) -> ModelItem | None:
        """The topmost item that stands for a model object at a scene point."""
        for item in self.items(scene_pos):
            if isinstance(item, MODEL_ITEMS):
                return item
        return None

    # ------------------------------------------------------------------ live geometry during drags
    def reroute_flows_of(self, card_ids: list[str]) -> None:
        """Re-route the arrows touching these cards from where the cards are now."""
        style, layout = self.ctx.style, self.layout
        for card_id in card_ids:
            for key in self.journey.flows_of(card_id):
                item = self.flow_items.get(key)
                if item is None:
                    continue
                start, end = self._live_card_rect(key[0]), self._live_card_rect(key[1])
                lane = layout.lane_at(start.center[1])
                corridor = flow_corridor(card_area(layout.lanes[lane]), style) if lane else None
                route = flow_route(*key, route_flow(start, end, style, corridor), style)
                route.label = place_label(route, self.journey.flow(*key).label, self.measurer, style)
                item.set_route(route, item.origin_y)

    def _live_card_rect(self, card_id: str) -> Rect:
        """Where a card is drawn now: its item's place during a drag, else the layout's (lane not shown yet)."""
        item = self.card_items.get(card_id)
        return item.scene_card_rect() if item is not None else self.layout.cards[card_id].rect

    # ------------------------------------------------------------------ background
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802 - Qt virtual
        rect = QRectF(rect)
        palette, layout = self.ctx.palette, self.layout
        painter.fillRect(rect, palette.background)
        width = layout.width
        painter.setPen(palette.grid_pen)
        if layout.band.height:
            band = layout.band
            painter.fillRect(QRectF(band.x, band.y, band.width, band.height), palette.band_brush)
        for lane_id in layout.lane_order:
            row = layout.lanes[lane_id].row
            if row.bottom < rect.top() or row.y > rect.bottom():
                continue
            painter.fillRect(QRectF(row.x, row.y, row.width, row.height), palette.lane_brush)
            painter.drawLine(QLineF(0, row.bottom, width, row.bottom))
        top = layout.header_height
        for stage_id in layout.stage_order:
            column = layout.stages[stage_id].column
            if rect.left() <= column.right <= rect.right() + 1:
                painter.drawLine(QLineF(column.right, top, column.right, layout.height))
        painter.drawLine(QLineF(layout.style.lane_header_width, top, layout.style.lane_header_width, layout.height))
        painter.drawLine(QLineF(0, layout.height, width, layout.height))

    # ------------------------------------------------------------------ syncing items
    def _sync(self, layout: MapLayout) -> None:
        journey, ctx = self.journey, self.ctx
        stale_cards = set(self.card_items) - set(layout.cards)
        if len(stale_cards) > BULK_REMOVE:
            self._clear_items()
        for lane_id in layout.lane_order:
            box = layout.lanes[lane_id]
            container = self.containers.get(lane_id)
            if container is None:
                container = self.containers[lane_id] = LaneContainerItem(lane_id)
                self.addItem(container)
            container.place(box.row)
            header = self.lane_items.get(lane_id)
            if header is None:
                header = self.lane_items[lane_id] = LaneHeaderItem(ctx, lane_id, container)
            header.set_box(box, journey.lane(lane_id))
        for stage_id in layout.stage_order:
            stage_item = self.stage_items.get(stage_id)
            if stage_item is None:
                stage_item = self.stage_items[stage_id] = StageHeaderItem(ctx, stage_id)
                self.addItem(stage_item)
            stage_item.set_box(layout.stages[stage_id], journey.stage(stage_id))
        self._update_live_lanes(layout)
        self._sync_lane_contents(layout, self._live_lanes)
        self._remove_stale(layout)
        self._apply_matches()
        margin = SCENE_MARGIN * (PRESENTATION_SCALE if self.presentation else 1)
        self.setSceneRect(QRectF(-margin, -margin, layout.width + 2 * margin, layout.height + 2 * margin))

    def _update_live_lanes(self, layout: MapLayout) -> None:
        if len(layout.cards) < LAZY_LANES_FROM_CARDS:
            self._live_lanes = set(layout.lane_order)
            return
        lane_of = {card: lane for (_, lane), cell in layout.cells.items() for card in cell.card_ids}
        # A card whose item exists keeps its item where it goes (a card moved into an unseen lane).
        moved_into = {lane_of[card] for card in self.card_items if card in lane_of}
        self._live_lanes = (self._live_lanes | moved_into) & set(layout.lanes)

    def _sync_lane_contents(self, layout: MapLayout, lanes: set[str]) -> None:
        """Cards, lane milestones and arrows (kept in their source card's lane) of ``lanes``."""
        journey, ctx = self.journey, self.ctx
        cards = self.card_items
        for (_stage_id, lane_id), cell in layout.cells.items():
            if not cell.card_ids or lane_id not in lanes:
                continue
            container = self.containers[lane_id]
            origin = container.origin_y
            for card_id in cell.card_ids:
                item = cards.get(card_id)
                if item is None:
                    item = cards[card_id] = CardItem(ctx, card_id, container)
                elif item.lane_id != lane_id:
                    item.setParentItem(container)
                item.set_box(layout.cards[card_id], journey.card(card_id), lane_id, origin)
        for milestone_id, box in layout.milestones.items():
            if box.lane is not None and box.lane not in lanes:
                continue
            marker = self.milestone_items.get(milestone_id)
            parent = self.containers[box.lane] if box.lane else None
            if marker is None:
                marker = self.milestone_items[milestone_id] = MilestoneItem(ctx, milestone_id, parent)
                if parent is None:
                    self.addItem(marker)
            elif marker.lane_id != box.lane:
                marker.setParentItem(parent)  # type: ignore[arg-type]  # None makes it top-level, as Qt documents
                if parent is None and marker.scene() is None:
                    self.addItem(marker)
            marker.set_box(box, journey.milestone(milestone_id), parent.origin_y if parent else 0.0)
        for key, route in layout.flows.items():
            source_item = cards.get(key[0])
            if source_item is None or source_item.lane_id not in lanes:
                continue
            container = self.containers[source_item.lane_id]
            arrow = self.flow_items.get(key)
            if arrow is None:
                arrow = self.flow_items[key] = FlowItem(ctx, *key, container)
                arrow.lane_id = source_item.lane_id
            elif arrow.lane_id != source_item.lane_id:
                arrow.setParentItem(container)
                arrow.lane_id = source_item.lane_id
            arrow.set_route(route, container.origin_y)

    def _remove_stale(self, layout: MapLayout) -> None:
        for key in [k for k in self.flow_items if k not in layout.flows]:
            self._drop(self.flow_items.pop(key))
        for card_id in [c for c in self.card_items if c not in layout.cards]:
            self._drop(self.card_items.pop(card_id))
            self.matches.discard(card_id)
        for milestone_id in [m for m in self.milestone_items if m not in layout.milestones]:
            self._drop(self.milestone_items.pop(milestone_id))
        for lane_id in [lane for lane in self.containers if lane not in layout.lanes]:
            self.lane_items.pop(lane_id, None)
            self._drop(self.containers.pop(lane_id))
        for stage_id in [s for s in self.stage_items if s not in layout.stages]:
            self._drop(self.stage_items.pop(stage_id))

    def _drop(self, item: QGraphicsItem) -> None:
        if item.scene() is self:
            self.removeItem(item)

    def _clear_items(self) -> None:
        """Forget every model item at once (removing a container removes its whole lane in C++)."""
        for container in self.containers.values():
            self.removeItem(container)
        for item in [*self.stage_items.values(), *self.milestone_items.values()]:
            if item.scene() is self and item.parentItem() is None:
                self.removeItem(item)
        for table in (
            self.stage_items,
            self.lane_items,
            self.containers,
            self.card_items,
            self.milestone_items,
            self.flow_items,
        ):
            table.clear()

    def _reselect(self, refs: list[ItemRef]) -> None:
        for ref in refs:
            item = self.item_for(ref)
            if item is not None and not item.isSelected():
                item.setSelected(True)

    # ------------------------------------------------------------------ find highlights
    def set_matches(self, card_ids: set[str], current: str | None) -> None:
        self.matches, self.current_match = set(card_ids), current
        self._apply_matches(clear_all=True)

    def _apply_matches(self, clear_all: bool = False) -> None:
        if clear_all:
            for item in self.card_items.values():
                if item.matched:
                    item.set_match(False)
        for card_id in self.matches:
            matched = self.card_items.get(card_id)
            if matched is not None:
                matched.set_match(True, card_id == self.current_match)

    def scene_rect_of(self, rect: Rect) -> QRectF:
        return QRectF(rect.x, rect.y, rect.width, rect.height)
