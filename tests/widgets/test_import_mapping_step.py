"""The import dialog's mapping step: every label shown with what it becomes, corrections that the
preview follows at once, a remembered mapping for sheets with the same labels, and a saved mapping
the command line reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from journeymap.app.cli import main
from journeymap.io.cjm import load_cjm
from journeymap.io.sheets import Target
from journeymap.io.sheets.labels import Field
from journeymap.model import Kind
from journeymap.widgets.dialogs.import_dialog import ImportDialog
from tests.io.sheets.files import write_csv, write_xlsx

SHEET = [
    ["Stage", "Research", "Buy"],
    ["Goal", "Find a bike", "Own it"],
    ["Touchpoints", "Reviews", "Checkout"],
    ["Customer voice", "Which one?", "Finally!"],
]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def opened(open_import, settings: QSettings) -> Callable[[Path], ImportDialog]:
    return lambda path: open_import(path, settings)


def rows_shown(dialog: ImportDialog) -> dict[str, str]:
    table = dialog.mapping_table
    return {table.item(r, 0).text(): table.field_combo(r).currentText() for r in range(table.rowCount())}


def test_every_label_is_shown_with_what_it_becomes_unknown_ones_as_ignore(opened, tmp_path: Path) -> None:
    dialog = opened(write_xlsx(tmp_path / "map.xlsx", {"Journey": SHEET}))
    assert rows_shown(dialog) == {"Goal": "Stage goal", "Touchpoints": "Touchpoints", "Customer voice": "Ignore"}
    row = dialog.mapping_table.row_of("Customer voice")
    assert dialog.mapping_table.item(row, 0).font().italic()


def test_changing_a_rows_meaning_changes_the_preview_and_the_imported_map(opened, tmp_path: Path) -> None:
    dialog = opened(write_xlsx(tmp_path / "map.xlsx", {"Journey": SHEET}))
    assert dialog.counts_label.text().startswith("2 cards")
    table = dialog.mapping_table
    combo = table.field_combo(table.row_of("Customer voice"))
    combo.setCurrentIndex(combo.findData(Field.THOUGHTS.value))  # what the user's click does
    assert dialog.counts_label.text().startswith("4 cards")
    lane = table.lane_edit(table.row_of("Customer voice"))
    assert lane.isEnabled()
    lane.setText("Rider")
    lane.editingFinished.emit()
    assert dialog.lanes_label.text() == "Customer, Rider"
    dialog.import_button.click()
    journey = dialog.result_value.map
    thoughts = {journey.card(c).title for c in journey.card_ids() if journey.card(c).kind is Kind.THOUGHT}
    assert thoughts == {"Which one?", "Finally!"}
    rider = next(p for p in journey.lane_ids() if journey.lane(p).name == "Rider")
    assert sorted(journey.card(c).title for s in journey.stage_ids() for c in journey.cards_in(s, rider)) == [
        "Finally!",
        "Which one?",
    ]


def test_a_sheet_with_the_same_labels_gets_the_remembered_mapping(opened, tmp_path: Path) -> None:
    first = opened(write_xlsx(tmp_path / "week1.xlsx", {"Journey": SHEET}))
    first.mapping_table.choose("Customer voice", Target(Field.PAIN_POINTS))
    first.mapping_table.choose("Goal", Target(Field.IGNORE))
    first.import_button.click()
    later = [
        ["stage", "Land", "Adopt"],
        ["GOAL", "Sign", "Use"],
        ["Touchpoints", "Call", "QBR"],
        ["Customer  voice", "Too slow", "Love it"],
    ]
    second = opened(write_xlsx(tmp_path / "week2.xlsx", {"Journey": later}))
    assert "mapping you chose last time" in second.memory_label.text()
    assert rows_shown(second)["Customer  voice"] == "Pain points"
    journey = second.analysis.result.map
    assert journey.stage(journey.stage_ids()[0]).goal == ""
    assert {journey.card(c).kind for c in journey.card_ids()} == {Kind.TOUCHPOINT, Kind.PAIN_POINT}
    second.forget_button.click()
    assert rows_shown(second)["Customer  voice"] == "Ignore" and second.memory_label.text() == ""
    other = opened(
        write_xlsx(tmp_path / "other.xlsx", {"Journey": [["Stage", "A"], ["Goal", "g"], ["Touchpoints", "t"]]})
    )
    assert other.memory_label.text() == ""


def test_an_unclear_sheet_opens_the_mapping_step_and_a_choice_makes_it_importable(opened, tmp_path: Path) -> None:
    house_words = [
        ["Phase", "Recherche", "Kauf"],
        ["Stimme des Kunden", "Zu teuer?", "Endlich!"],
        ["Wer kümmert sich", "Sales", "CS"],
    ]
    dialog = opened(write_csv(tmp_path / "de.csv", house_words))
    assert dialog.error_label.text().startswith("No clear journey map table yet")
    assert not dialog.import_button.isEnabled()
    assert {"Stimme des Kunden", "Wer kümmert sich"} <= set(rows_shown(dialog))
    dialog.mapping_table.choose("Stimme des Kunden", Target(Field.THOUGHTS))
    dialog.mapping_table.choose("Wer kümmert sich", Target(Field.OWNER))
    assert dialog.import_button.isEnabled()
    assert dialog.stages_label.text() == "Recherche, Kauf"


def test_the_inventory_layout_is_shown_and_a_mapping_can_be_saved_for_the_command_line(opened, tmp_path: Path) -> None:
    inventory = [
        ["Stage", "Touchpoint", "Channel", "Mood"],
        ["Land", "Demo", "Zoom", "+1"],
        ["Land", "Contract", "Email", "0"],
        ["Adopt", "QBR", "Zoom", "-1"],
    ]
    source = write_csv(tmp_path / "inventory.csv", inventory)
    dialog = opened(source)
    assert dialog.orientation_label.text() == "One row per touchpoint (detected)."
    assert dialog.stages_label.text() == "Land, Adopt"
    dialog.mapping_table.choose("Mood", Target(Field.EMOTIONS))
    mapping = tmp_path / "inventory.mapping.json"
    assert dialog.save_mapping(str(mapping))
    out = tmp_path / "map.cjm"
    assert main(["convert", str(source), str(out), "--mapping", str(mapping)]) == 0
    journey = load_cjm(out)
    assert {journey.card(c).title: journey.card(c).emotion for c in journey.card_ids()} == {
        "Demo": 1,
        "Contract": 0,
        "QBR": -1,
    }


def test_hidden_rows_can_be_taken_in(opened, tmp_path: Path) -> None:
    import openpyxl

    path = write_xlsx(tmp_path / "hidden.xlsx", {"Journey": SHEET})
    workbook = openpyxl.load_workbook(path)
    workbook["Journey"].row_dimensions[3].hidden = True
    workbook.save(path)
    dialog = opened(path)
    assert dialog.sheet.grids[0].hidden_rows == {3}
    assert dialog.counts_label.text().startswith("0 cards")
    dialog.hidden_check.setChecked(True)
    assert dialog.counts_label.text().startswith("2 cards")
