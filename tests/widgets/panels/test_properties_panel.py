"""The properties panel: two-way binding with the model, no feedback loops, typing merges into one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journeymap.editing.commands import UpdateCommand
from journeymap.editing.document import Document
from journeymap.model import ItemKind, ItemRef, Kind
from journeymap.widgets.panels.properties_panel import PropertiesPanel
from tests.factories import small_map


@pytest.fixture
def panel(qtbot):
    document = Document(small_map())
    widget = PropertiesPanel(document)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _document(panel: PropertiesPanel) -> Document:
    return panel._document


def _ids(panel: PropertiesPanel) -> dict[str, str]:
    journey = _document(panel).journey
    return {
        "stage": journey.stage_ids()[0],
        "lane": journey.lane_ids()[0],
        "card": journey.card_ids()[0],
        "milestone": journey.milestone_ids()[0],
    }


def test_nothing_selected_shows_the_map_title(panel: PropertiesPanel) -> None:
    assert panel.target is None
    assert panel.field("map", "title").text() == "Workshop map"
    assert panel.field("map", "counts").text() == "2 stages, 2 lanes, 4 cards, 2 milestones, 2 arrows"


def test_every_field_of_a_card_is_shown(panel: PropertiesPanel) -> None:
    panel.show_selection([ItemRef.card(_ids(panel)["card"])])
    assert panel.field("card", "title").text() == "Pricing page"
    assert panel.field("card", "channel").text() == "Web"
    assert panel.field("card", "owner").text() == "Growth"
    assert panel.field("card", "kind").currentText() == "Touchpoint"
    assert panel.field("card", "emotion").value() == 1
    assert panel.field("card", "place").text() == "Land · SMB"


def test_every_field_of_a_stage_lane_and_milestone_is_shown(panel: PropertiesPanel) -> None:
    ids = _ids(panel)
    panel.show_selection([ItemRef.stage(ids["stage"])])
    assert [panel.field("stage", n).value() for n in ("name", "goal", "success_criteria", "timeline", "owner")] == [
        "Land",
        "Close",
        "Signed",
        "2-4 weeks",
        "AE",
    ]
    panel.show_selection([ItemRef.lane(ids["lane"])])
    assert (panel.field("lane", "name").value(), panel.field("lane", "description").value()) == ("SMB", "Small teams")
    panel.show_selection([ItemRef.milestone(ids["milestone"])])
    assert panel.field("milestone", "title").value() == "5 users added"
    assert panel.field("milestone", "success_signal").value() == "Five logins"
    assert panel.field("milestone", "place").text() == "Adoption · all lanes"


def test_typing_a_word_edits_the_model_as_one_undo_step(panel: PropertiesPanel, qtbot) -> None:
    document, card = _document(panel), _ids(panel)["card"]
    panel.show_selection([ItemRef.card(card)])
    title = panel.field("card", "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Kickoff call")

    assert document.journey.card(card).title == "Kickoff call"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Rename card 'Pricing page'"
    assert title.text() == "Kickoff call"  # the field being typed in was not rewritten under the caret
    document.undo_stack.undo()
    assert document.journey.card(card).title == "Pricing page"
    assert title.text() == "Pricing page"  # model -> panel


def test_multiline_notes_merge_too(panel: PropertiesPanel, qtbot) -> None:
    document, card = _document(panel), _ids(panel)["card"]
    panel.show_selection([ItemRef.card(card)])
    notes = panel.field("card", "notes")
    notes.setFocus()
    qtbot.keyClicks(notes, "Ask about SSO")
    assert document.journey.card(card).notes == "Ask about SSO"
    assert document.undo_stack.count() == 1


def test_kind_and_emotion_choices_are_undoable_steps(panel: PropertiesPanel) -> None:
    document, card = _document(panel), _ids(panel)["card"]
    panel.show_selection([ItemRef.card(card)])
    kind, emotion = panel.field("card", "kind"), panel.field("card", "emotion")
    kind.activated.emit(kind.findText("Pain point"))
    emotion.activated.emit(0)  # "No emotion"
    record = document.journey.card(card)
    assert (record.kind, record.emotion) == (Kind.PAIN_POINT, None)
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert document.journey.card(card).emotion == 1
    assert emotion.value() == 1
    document.undo_stack.undo()
    assert kind.currentText() == "Touchpoint"


def test_model_changes_from_elsewhere_update_the_fields(panel: PropertiesPanel) -> None:
    document, stage = _document(panel), _ids(panel)["stage"]
    panel.show_selection([ItemRef.stage(stage)])
    document.push(UpdateCommand(document.journey, ItemRef.stage(stage), {"owner": "CSM team", "timeline": "1 quarter"}))
    assert panel.field("stage", "owner").text() == "CSM team"
    assert panel.field("stage", "timeline").text() == "1 quarter"


def test_refreshing_never_pushes_a_command(panel: PropertiesPanel) -> None:
    """No feedback loop: showing the model's values must not echo back as edits."""
    document, ids = _document(panel), _ids(panel)
    for kind in ("card", "stage", "lane", "milestone"):
        panel.show_selection([ItemRef(ItemKind(kind), ids[kind])])
    document.push(UpdateCommand(document.journey, ItemRef.card(ids["card"]), {"notes": "a\nb"}))
    panel.show_selection([ItemRef.card(ids["card"])])
    document.undo_stack.undo()
    document.undo_stack.redo()
    assert document.undo_stack.count() == 1


def test_map_title_commits_when_editing_finishes(panel: PropertiesPanel, qtbot) -> None:
    document = _document(panel)
    title = panel.field("map", "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Onboarding workshop")
    assert document.journey.title == "Workshop map"  # not one step per letter
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert document.journey.title == "Onboarding workshop"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    QApplication.processEvents()
    title.clearFocus()
    document.undo_stack.redo()
    document.undo_stack.undo()
    assert title.text() == "Workshop map"


def test_deleting_the_shown_item_falls_back_to_the_map(panel: PropertiesPanel) -> None:
    from journeymap.editing.commands import RemoveCardsCommand

    document, card = _document(panel), _ids(panel)["card"]
    panel.show_selection([ItemRef.card(card)])
    document.push(RemoveCardsCommand(document.journey, [card]))
    assert panel.target is None
    document.undo_stack.undo()
    panel.show_selection([ItemRef.card(card)])
    assert panel.field("card", "title").text() == "Pricing page"


def test_several_items_selected_shows_a_summary(panel: PropertiesPanel) -> None:
    ids = _ids(panel)
    panel.show_selection([ItemRef.card(ids["card"]), ItemRef.stage(ids["stage"])])
    assert panel.target is None
    assert "2 items selected" in panel.message


def test_edits_of_a_field_after_a_pause_are_separate_steps(panel: PropertiesPanel, qtbot) -> None:
    document, card = _document(panel), _ids(panel)["card"]
    panel.show_selection([ItemRef.card(card)])
    owner = panel.field("card", "owner")
    owner.setFocus()
    qtbot.keyClicks(owner, "X")
    panel.clock = lambda: 1e9  # long after the first key
    qtbot.keyClicks(owner, "Y")
    assert document.undo_stack.count() == 2


def test_thought_is_a_kind_the_facilitator_can_choose(panel: PropertiesPanel) -> None:
    document, card = _document(panel), _ids(panel)["card"]
    panel.show_selection([ItemRef.card(card)])
    kind = panel.field("card", "kind")
    assert [kind.itemText(i) for i in range(kind.count())] == ["Touchpoint", "Pain point", "Opportunity", "Thought"]
    kind.activated.emit(kind.findText("Thought"))
    assert document.journey.card(card).kind is Kind.THOUGHT
    document.undo_stack.undo()
    assert document.journey.card(card).kind is Kind.TOUCHPOINT
