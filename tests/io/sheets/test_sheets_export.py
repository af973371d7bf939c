"""Exporting .xlsx and .csv: the template's shape, text kept as text, and the lossless round trip."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.io.cjm import to_document
from journeymap.io.errors import MapFileError
from journeymap.io.formats import Severity, write_map
from journeymap.io.sheets import load_spreadsheet, save_csv, save_xlsx
from journeymap.io.templates import load_template, template_names
from journeymap.model import Flow, JourneyMap, Kind, Milestone, Persona, Stage, Touchpoint
from tests.factories import small_map
from tests.io.sheets.files import cards_by_stage

_UNSTORABLE = "".join(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))) + "\ufffe\uffff"
_SPECIAL = [
    "=SUM(A1:A3)",
    "+1 NPS",
    "-5% churn",
    "@channel",
    "'=quoted",
    "''+",
    "#N/A",
    "#REF!",
    "\ttab first",
    "two\nlines",
    "cr\ronly",
    "crlf\r\nend",
    '"quoted" text',
    "Ünïcödé",
    "Привет, мир",
    "日本語のテキスト",
    "مرحبا بالعالم",
    "_x0041_",
    "_x000D_",
    " lead",
    "trail ",
    "",
    "1.50",
    "007",
    "TRUE",
    "2024-01-01",
    "• bullet",
    "1. numbered",
    "Touchpoints: X",
]
TEXT = st.one_of(
    st.sampled_from(_SPECIAL),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=_UNSTORABLE), max_size=16),
    st.builds(
        lambda a, b: a + b,
        st.sampled_from(_SPECIAL),
        st.text(max_size=4).filter(lambda t: not any(ch in _UNSTORABLE or "\ud800" <= ch <= "\udfff" for ch in t)),
    ),
)


@st.composite
def journey_maps(draw: st.DrawFn) -> JourneyMap:
    journey = JourneyMap(draw(TEXT))
    stages = [journey.add_stage(Stage(*(draw(TEXT) for _ in range(5)))) for _ in range(draw(st.integers(0, 4)))]
    lanes = [journey.add_lane(Persona(*(draw(TEXT) for _ in range(4)))) for _ in range(draw(st.integers(0, 3)))]
    cards = []
    if stages and lanes:
        for _ in range(draw(st.integers(0, 8))):
            record = Touchpoint(
                draw(TEXT),
                draw(TEXT),
                draw(TEXT),
                draw(TEXT),
                draw(st.none() | st.integers(-2, 2)),
                draw(st.sampled_from(list(Kind))),
            )
            cards.append(journey.add_card(draw(st.sampled_from(stages)), draw(st.sampled_from(lanes)), record))
    if stages:
        for _ in range(draw(st.integers(0, 3))):
            lane = draw(st.sampled_from([None, *lanes]))
            journey.add_milestone(draw(st.sampled_from(stages)), Milestone(draw(TEXT), draw(TEXT)), lane)
    if len(cards) >= 2:
        for source, target in draw(st.lists(st.tuples(st.sampled_from(cards), st.sampled_from(cards)), max_size=4)):
            if source != target and not journey.has_flow(source, target):
                journey.add_flow(source, target, Flow(draw(TEXT)))
    # Ids out of order and with gaps, as a map looks after some editing.
    if len(stages) > 1:
        journey.move_stage(stages[0], len(stages) - 1)
    if cards and draw(st.booleans()):
        journey.remove_card(cards[0])
    return journey


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_importing_our_export_gives_back_the_same_map(
    tmp_path_factory: pytest.TempPathFactory, journey: JourneyMap
) -> None:
    path = tmp_path_factory.mktemp("roundtrip") / "map.xlsx"
    save_xlsx(journey, path)
    result = load_spreadsheet(path)
    assert to_document(result.map) == to_document(journey)
    assert not [str(n) for n in result.notices if n.severity is Severity.WARNING]


@pytest.mark.parametrize("name", template_names())
def test_every_template_round_trips_through_xlsx(tmp_path: Path, name: str) -> None:
    journey = load_template(name)
    write_map(journey, tmp_path / "map.xlsx")
    assert to_document(load_spreadsheet(tmp_path / "map.xlsx").map) == to_document(journey)


def test_the_map_sheet_has_the_team_templates_shape(tmp_path: Path) -> None:
    save_xlsx(small_map(), tmp_path / "map.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "map.xlsx")
    assert workbook.sheetnames == ["Journey map", "Stages", "Personas", "Cards", "Milestones", "Flows", "About"]
    sheet = workbook["Journey map"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Workshop map"
    assert [r[0] for r in rows[2:]] == [
        "Stage",
        "Goal",
        "Success criteria",
        "Timeline",
        "Owner",
        "Milestones",
        "Touchpoints: SMB",
        "Pain points: SMB",
        "Milestones: SMB",
        "Touchpoints: Enterprise",
        "Opportunities: Enterprise",
    ]
    assert rows[2][1:] == ["Land", "Adoption"]
    assert rows[8][1:] == ["• Pricing page\n• Checkout", None]
    assert sheet.freeze_panes == "B4"
    assert sheet["A5"].font.b and sheet["B3"].font.b and not sheet["B5"].font.b
    assert sheet["B9"].alignment.wrap_text
    assert sheet.column_dimensions["A"].width >= 20 and sheet.column_dimensions["B"].width >= 30
    cards = workbook["Cards"]
    assert [c.value for c in cards[1]] == [
        "Card id",
        "Stage id",
        "Stage",
        "Persona id",
        "Persona",
        "Title",
        "Kind",
        "Channel",
        "Owner",
        "Emotion",
        "Notes",
    ]
    assert [c.value for c in cards[2]][:7] == [
        "card-1",
        "stage-1",
        "Land",
        "lane-1",
        "SMB",
        "Pricing page",
        "touchpoint",
    ]
    assert cards.freeze_panes == "A2"


def test_user_text_is_always_stored_as_text(tmp_path: Path) -> None:
    journey = JourneyMap('=HYPERLINK("http://evil")')
    stage = journey.add_stage(Stage("#N/A", goal="=1+1", owner="@admin", timeline="1.50"))
    lane = journey.add_lane("+Lane")
    journey.add_card(stage, lane, Touchpoint("-5% churn", notes="=cmd|' /C calc'!A0"))
    save_xlsx(journey, tmp_path / "map.xlsx")
    with zipfile.ZipFile(tmp_path / "map.xlsx") as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b't="e"' in xml for xml in sheets)
    workbook = openpyxl.load_workbook(tmp_path / "map.xlsx")
    assert workbook["Stages"]["B2"].value == "#N/A" and workbook["Stages"]["B2"].data_type == "s"
    assert workbook["Stages"]["C2"].value == "=1+1" and workbook["Stages"]["C2"].data_type == "s"


def test_control_characters_are_refused_with_the_cell_named(tmp_path: Path) -> None:
    journey = small_map()
    card = journey.card_ids()[1]
    journey.update_card(card, title="Check\x0bout")
    target = tmp_path / "map.xlsx"
    target.write_bytes(b"the old file")
    with pytest.raises(MapFileError, match=r"Journey map!B9: .*control character U\+000B") as caught:
        save_xlsx(journey, target)
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == b"the old file"
    with pytest.raises(MapFileError, match="control character U\\+000B"):
        save_csv(journey, tmp_path / "map.csv")


def test_text_longer_than_a_cell_is_refused(tmp_path: Path) -> None:
    journey = small_map()
    journey.update_card(journey.card_ids()[0], notes="n" * 40_000)
    with pytest.raises(
        MapFileError,
        match=r"Cards!K2: .*is 40,000 characters long; a spreadsheet cell holds at "
        r"most 32,767",
    ):
        save_xlsx(journey, tmp_path / "map.xlsx")


def test_many_cards_spill_into_more_rows_rather_than_overflow_a_cell(tmp_path: Path) -> None:
    journey = JourneyMap("Big")
    stage, lane = journey.add_stage("Only"), journey.add_lane("Crowd")
    for i in range(40):
        journey.add_card(stage, lane, Touchpoint(f"{i:02d} " + "w" * 1000))
    save_xlsx(journey, tmp_path / "big.xlsx")
    assert to_document(load_spreadsheet(tmp_path / "big.xlsx").map) == to_document(journey)
    save_csv(journey, tmp_path / "big.csv")
    titles = cards_by_stage(load_spreadsheet(tmp_path / "big.csv"))["Only"]
    assert titles == [f"{i:02d} " + "w" * 1000 for i in range(40)]


def test_the_csv_export_is_bom_crlf_fully_quoted_and_neutralised(tmp_path: Path) -> None:
    journey = small_map()
    journey.update_card(journey.card_ids()[0], title="=SUM(1)")
    journey.update_stage(journey.stage_ids()[1], owner="-CSM")
    save_csv(journey, tmp_path / "map.csv")
    data = (tmp_path / "map.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    records = re.split(r"(?<=\")\r\n", text)
    assert records[-1] == "" and all(record.startswith('"') for record in records[:-1])
    assert '"\'-CSM"' in text
    assert '"• =SUM(1)\n• Checkout"' in text  # only a cell's first character can start a formula
    assert "\r\n" not in text.replace('"\r\n"', "").replace('"\r\n', "")


def test_the_csv_export_imports_back_as_the_map_sheet(tmp_path: Path) -> None:
    journey = load_template("saas-post-sale")
    journey.update_stage(journey.stage_ids()[0], owner="=Sales lead")
    save_csv(journey, tmp_path / "map.csv")
    result = load_spreadsheet(tmp_path / "map.csv")
    imported = result.map
    assert imported.title == journey.title
    for field in ("name", "goal", "success_criteria", "timeline", "owner"):
        assert [getattr(imported.stage(s), field) for s in imported.stage_ids()] == [
            getattr(journey.stage(s), field) for s in journey.stage_ids()
        ]
    assert [imported.lane(p).name for p in imported.lane_ids()] == [journey.lane(p).name for p in journey.lane_ids()]

    def cards(j: JourneyMap) -> list[tuple[str, str, str, Kind]]:
        return sorted(
            (j.stage(j.cell_of(c)[0]).name, j.lane(j.cell_of(c)[1]).name, j.card(c).title, j.card(c).kind)
            for c in j.card_ids()
        )

    assert cards(imported) == cards(journey)
    assert not [n for n in result.notices if n.severity is Severity.WARNING]


def test_edits_to_the_map_sheet_after_export_win_and_keep_ids_and_details(tmp_path: Path) -> None:
    """The team edits the map sheet in Google Sheets; importing it back applies their edits."""
    original = small_map()
    path = tmp_path / "map.xlsx"
    save_xlsx(original, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Journey map"]
    sheet["B4"] = "A new goal"  # Land's goal
    sheet["C6"] = None  # Adoption's timeline emptied
    touchpoints = next(row for row in sheet.iter_rows(min_row=1) if row[0].value == "Touchpoints: SMB")
    touchpoints[1].value = touchpoints[1].value + "\n• Kickoff call"  # a card added under Land
    workbook["Cards"]["C2"] = "Renamed stage"  # a readable copy beside an id: still only reported
    workbook.save(path)

    result = load_spreadsheet(path)
    journey = result.map
    land, adopt = journey.stage_ids()
    assert journey.stage_ids() == original.stage_ids()
    assert journey.stage(land).goal == "A new goal"
    assert journey.stage(adopt).timeline == ""
    smb = journey.lane_ids()[0]
    assert [journey.card(c).title for c in journey.cards_in(land, smb)] == ["Pricing page", "Checkout", "Kickoff call"]
    # Cards still on the sheet keep their ids and what only the data sheets hold.
    for card in original.card_ids():
        assert journey.card(card) == original.card(card)
    assert journey.flows() == original.flows()
    assert [journey.milestone(m) for m in journey.milestone_ids()] == [
        original.milestone(m) for m in original.milestone_ids()
    ]
    warnings = {f"{n.sheet}!{n.cell}": n.text for n in result.notices if n.severity is Severity.WARNING}
    edited = next(text for text in warnings.values() if "edited after the export" in text)
    assert "B4" in edited and "C6" in edited and "4 card(s) kept" in edited and "1 new" in edited
    assert "Cards!C2" in warnings


def test_a_card_removed_from_the_map_sheet_is_gone_with_its_arrows(tmp_path: Path) -> None:
    original = small_map()
    path = tmp_path / "map.xlsx"
    save_xlsx(original, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Journey map"]
    touchpoints = next(row for row in sheet.iter_rows(min_row=1) if row[0].value == "Touchpoints: SMB")
    touchpoints[1].value = "• Pricing page"  # Checkout deleted by the team
    workbook.save(path)
    result = load_spreadsheet(path)
    titles = [result.map.card(c).title for c in result.map.card_ids()]
    assert "Checkout" not in titles and len(titles) == 3
    assert result.map.flows() == []
    assert any("1 no longer on the map sheet" in n.text and "2 arrow(s) dropped" in n.text for n in result.notices)


def test_a_card_row_added_by_hand_gets_a_new_id(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    save_xlsx(small_map(), path)
    workbook = openpyxl.load_workbook(path)
    workbook["Cards"].append([None, "stage-2", "Adoption", "lane-2", "Enterprise", "Exec sponsor call", "Touchpoint"])
    workbook.save(path)
    journey = load_spreadsheet(path).map
    assert journey.counts()["cards"] == 5
    new = journey.card_ids()[-1]
    assert journey.card(new).title == "Exec sponsor call" and new not in small_map().card_ids()


def test_a_bad_value_in_a_data_sheet_names_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    save_xlsx(small_map(), path)
    workbook = openpyxl.load_workbook(path)
    workbook["Cards"]["G3"] = "maybe"
    workbook.save(path)
    with pytest.raises(MapFileError, match=r"Cards!G3: Kind must be one of touchpoint, pain_point, opportunity"):
        load_spreadsheet(path)


def test_without_the_data_sheets_the_map_sheet_is_read_alone(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    save_xlsx(small_map(), path)
    workbook = openpyxl.load_workbook(path)
    for name in ("Stages", "Personas", "Cards", "Milestones", "Flows", "About"):
        del workbook[name]
    workbook.save(path)
    result = load_spreadsheet(path)
    journey = result.map
    assert journey.title == "Workshop map"
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["SMB", "Enterprise"]
    assert cards_by_stage(result, "SMB") == {"Land": ["Pricing page", "Checkout"], "Adoption": ["Stuck on import"]}
    places = {journey.milestone(m).title: journey.milestone_place(m) for m in journey.milestone_ids()}
    assert places == {
        "5 users added": (journey.stage_ids()[1], None),
        "Contract signed": (journey.stage_ids()[0], journey.lane_ids()[0]),
    }
    assert not [n for n in result.notices if n.severity is Severity.WARNING]


def test_an_export_missing_a_data_sheet_falls_back_to_the_map_sheet(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    save_xlsx(small_map(), path)
    workbook = openpyxl.load_workbook(path)
    del workbook["Cards"]
    workbook.save(path)
    result = load_spreadsheet(path)
    assert any("Cards are missing" in n.text for n in result.notices)
    assert result.map.counts()["cards"] == 4


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice is not installed")
def test_a_libreoffice_resave_of_our_export_imports(tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    journey = load_template("saas-post-sale")
    save_xlsx(journey, tmp_path / "ours.xlsx")
    out = tmp_path / "resaved"
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [office, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(tmp_path / "ours.xlsx")],
        check=True,
        capture_output=True,
        timeout=120,
        env=env,
    )
    result = load_spreadsheet(out / "ours.xlsx")
    assert to_document(result.map) == to_document(journey)


def test_rows_with_wrapped_text_are_tall_enough_to_show_every_line(tmp_path: Path) -> None:
    """LibreOffice and Excel keep the height a file gives; without one, wrapped goals overprint the next row."""
    journey = small_map()
    land = journey.stage_ids()[0]
    journey.update_stage(
        land,
        goal="Close the first contract and hand over cleanly from sales to customer success with the champion named",
    )
    path = tmp_path / "map.xlsx"
    save_xlsx(journey, path)
    sheet = openpyxl.load_workbook(path)["Journey map"]
    goal_row = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Goal")
    owner_row = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Owner")
    assert sheet.row_dimensions[goal_row].height >= 3 * 15, "three wrapped lines at least"
    assert sheet.row_dimensions[owner_row].height is None, "one-line rows keep the default height"
