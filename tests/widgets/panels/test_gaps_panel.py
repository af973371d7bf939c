"""The Gaps & health panel lists what the map lacks and finds each place on the map."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings

from journeymap.editing.commands import UpdateCommand
from journeymap.editing.document import Document
from journeymap.model import ItemRef
from journeymap.widgets.panels.gaps_panel import PLACE, GapsPanel
from tests.factories import small_map


@pytest.fixture
def panel(qtbot) -> Iterator[GapsPanel]:
    document = Document(small_map())
    widget = GapsPanel(document)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    document.close()


def test_lists_every_gap_and_the_handoffs_with_their_places(panel: GapsPanel) -> None:
    journey = panel._document.journey
    land, adopt = journey.stage_ids()
    smb, ent = journey.lane_ids()
    ids = {journey.card(c).title: c for c in journey.card_ids()}
    assert panel.entries() == [
        ("Land × Enterprise", ("cell", land, ent)),
        ("Adoption: success criteria", ("stage", adopt)),
        ("Stuck on import (Adoption, SMB)", ("card", ids["Stuck on import"])),
        ("Checkout: channel, owner", ("card", ids["Checkout"])),
        ("Stuck on import: channel, owner", ("card", ids["Stuck on import"])),
        ("Admin training: channel, owner", ("card", ids["Admin training"])),
        ("⚠ Land → Adoption: AE → CSM", ("stage", adopt)),
    ]
    assert panel.summary.text().startswith("6 gaps to close")
    assert smb not in {place[-1] for _, place in panel.entries() if place[0] == "cell"}


def test_follows_edits_and_undo(panel: GapsPanel, qtbot) -> None:
    document = panel._document
    journey = document.journey
    adopt = journey.stage_ids()[1]
    document.push(UpdateCommand(journey, ItemRef.stage(adopt), {"success_criteria": "Weekly use"}))
    qtbot.waitUntil(lambda: ("Adoption: success criteria", ("stage", adopt)) not in panel.entries())
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: ("Adoption: success criteria", ("stage", adopt)) in panel.entries())


def test_an_entry_selects_its_place_on_the_map(qtbot, tmp_path: Path) -> None:
    from journeymap.app.main_window import MainWindow

    document = Document(small_map())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(document, settings=settings, autosave=False)
    qtbot.addWidget(window)
    window.show()
    gaps = window.analysis_view.gaps
    window.action_map["actionShowGaps"].trigger()
    qtbot.waitUntil(gaps.isVisible)
    journey = document.journey
    land, adopt = journey.stage_ids()
    ent = journey.lane_ids()[1]
    tree = gaps.tree

    def activate(place: tuple[str, ...]) -> None:
        for i in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(i)
            for j in range(group.childCount()):
                if tuple(group.child(j).data(0, PLACE)) == place:
                    tree.itemClicked.emit(group.child(j), 0)
                    return
        raise AssertionError(place)

    pain = next(c for c in journey.card_ids() if journey.card(c).title == "Stuck on import")
    activate(("card", pain))
    assert window.view.selected() == [("card", pain)]
    activate(("cell", land, ent))
    assert window.view.selected() == [("stage", land), ("lane", ent)]
    cell = window.view.map_scene.layout.cells[(land, ent)].rect
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(*cell.center))
    activate(("stage", adopt))
    assert window.view.selected() == [("stage", adopt)]
    document.undo_stack.setClean()


def test_a_complete_map_says_so(qtbot) -> None:
    from journeymap.model import JourneyMap, Stage, Touchpoint

    journey = JourneyMap("Done")
    stage = journey.add_stage(Stage("Only", goal="g", success_criteria="s", timeline="1 week", owner="o"))
    lane = journey.add_lane("P")
    journey.add_card(stage, lane, Touchpoint("t", channel="c", owner="o"))
    document = Document(journey)
    widget = GapsPanel(document)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.entries() == []
    assert widget.summary.text().startswith("No gaps")


def test_a_big_map_lists_the_first_entries_of_a_group_and_counts_the_rest(qtbot) -> None:
    from journeymap.model import JourneyMap, Touchpoint
    from journeymap.widgets.panels.gaps_panel import MAX_PER_GROUP

    journey = JourneyMap("Big")
    stage, lane = journey.add_stage("S"), journey.add_lane("L")
    with journey.batch():
        for index in range(MAX_PER_GROUP + 25):
            journey.add_card(stage, lane, Touchpoint(f"c{index}"))
    document = Document(journey)
    widget = GapsPanel(document)
    qtbot.addWidget(widget)
    widget.show()
    cards = [place for _, place in widget.entries() if place[0] == "card"]
    assert len(cards) == MAX_PER_GROUP
    group = widget.tree.topLevelItem(widget.tree.topLevelItemCount() - 1)
    assert group.text(0) == f"Cards missing channel or owner ({MAX_PER_GROUP + 25})"
    assert group.child(group.childCount() - 1).text(0).startswith("… and 25 more")
    document.close()
