"""The import as a mapping: only the table is the map, inventories, confidence, and the user's corrections."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Severity
from journeymap.io.sheets import Spreadsheet, analyse, load_spreadsheet
from journeymap.io.sheets.grid import CellValue, Grid, ValueKind
from journeymap.io.sheets.labels import Field
from journeymap.io.sheets.mapping import Layout, Mapping, Target
from journeymap.model import Kind
from tests.io.sheets.files import cards_by_stage, notices_at, write_csv, write_xlsx


def grid_of(rows: Sequence[Sequence[Any]], name: str = "Map", **extras: Any) -> Grid:
    grid = Grid(name, **extras)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None and str(value) != "":
                kind = ValueKind.NUMBER if isinstance(value, int | float) else ValueKind.TEXT
                grid.cells[(r, c)] = CellValue(str(value), kind)
    return grid


def sheet_of(*grids: Grid) -> Spreadsheet:
    return Spreadsheet("/tmp/team.xlsx", "xlsx", list(grids))


def stage_names(journey: Any) -> list[str]:
    return [journey.stage(s).name for s in journey.stage_ids()]


INVENTORY = [
    ["Touchpoint inventory (CS Ops)"],
    [],
    ["Stage", "Touchpoint", "Channel", "Owner", "Persona", "Emotion"],
    ["Land", "Contract signed", "DocuSign", "Sales", "Admin", "+1"],
    ["Onboarding", "Kickoff call", "Zoom", "CSM", "Admin", "0"],
    ["Land", "Welcome email", "Email", "Marketing", "End user", "positive"],
    ["Onboarding", "Training", "Webinar", "CSM", "End user", "-1"],
    ["Onboarding", "Data import", "In app", "Support", "Admin", "-2"],
    ["Adoption", "Weekly digest", "Email", "Product", "", ""],
    [],
    ["Last reviewed 2 May by CS Ops"],
]


def test_a_touchpoint_inventory_makes_stages_by_first_appearance_and_cards_with_their_fields(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "inventory.xlsx", {"Inventory": INVENTORY})
    result = load_spreadsheet(path)
    journey = result.map
    assert stage_names(journey) == ["Land", "Onboarding", "Adoption"]
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["Admin", "End user", "Customer"]
    assert journey.title == "Touchpoint inventory (CS Ops)"
    cards = {journey.card(c).title: journey.card(c) for c in journey.card_ids()}
    assert len(cards) == 6
    kickoff = cards["Kickoff call"]
    assert (kickoff.channel, kickoff.owner, kickoff.emotion, kickoff.kind) == ("Zoom", "CSM", 0, Kind.TOUCHPOINT)
    assert cards["Welcome email"].emotion == 1 and cards["Data import"].emotion == -2
    assert cards_by_stage(result)["Onboarding"] == ["Kickoff call", "Data import", "Training"]
    texts = [n.text for n in result.notices]
    assert 'stage "Onboarding" took 3 rows' in texts and 'stage "Adoption" took 1 row' in texts
    assert notices_at(result, "Inventory", "A11") == [
        'not used: a note under the table: "Last reviewed 2 May by CS Ops"'
    ]
    assert any("one row per touchpoint" in t for t in texts)


def test_an_inventory_of_500_rows_makes_a_few_stages_not_500() -> None:
    rows: list[list[Any]] = [["Stage", "Step", "Channel", "Segment"]]
    stages = ["Land", "Onboard", "Adopt", "Expand", "Renew"]
    rows += [
        [stages[i % 5], f"Step {i}", "Email" if i % 2 else "Phone", "SMB" if i % 3 else "Enterprise"]
        for i in range(500)
    ]
    analysis = analyse(sheet_of(grid_of(rows)))
    journey = analysis.result.map
    assert stage_names(journey) == stages
    assert journey.counts()["cards"] == 500
    assert {journey.lane(p).name for p in journey.lane_ids()} == {"SMB", "Enterprise"}
    assert analysis.layout is Layout.INVENTORY
    # The "Step" column became the cards; Channel values are card channels, never cards of their own.
    assert {journey.card(c).channel for c in journey.card_ids()} == {"Email", "Phone"}


def test_notes_under_a_stages_as_rows_table_never_become_stages() -> None:
    rows = [
        ["Stage", "Goal", "Touchpoints", "Owner"],
        ["Land", "Sign", "Contract", "Sales"],
        ["Onboarding", "Go live", "Kickoff", "CSM"],
        ["Adoption", "Habit", "QBR", "CSM"],
        ["Last reviewed 2 May by CS Ops"],
        ["Press File > Make a copy to edit this spreadsheet."],
    ]
    analysis = analyse(sheet_of(grid_of(rows)))
    assert stage_names(analysis.result.map) == ["Land", "Onboarding", "Adoption"]
    assert notices_at(analysis.result, "Map", "A5")[0].startswith("not used: a note beside the table")
    assert notices_at(analysis.result, "Map", "A6")[0].startswith("not used: a note beside the table")


def test_an_unknown_label_between_the_stage_names_and_the_known_labels_leaves_the_stage_names_alone() -> None:
    rows = [
        ["Customer journey: buying a bike"],
        [],
        ["Journey phase", "Research", "Compare", "Buy"],
        ["Parking lot", "Read reviews", "Visit shops", "Pay"],
        ["Goal or objective", "Find a bike", "Pick one", "Own it"],
        ["Doing (tasks)", "Search", "Test ride", "Checkout"],
        ["Painpoints in each step", "Too many choices", "Pushy staff", "Hidden fees"],
    ]
    analysis = analyse(sheet_of(grid_of(rows)))
    journey = analysis.result.map
    assert stage_names(journey) == ["Research", "Compare", "Buy"]
    assert journey.stage(journey.stage_ids()[0]).goal == "Find a bike"
    assert cards_by_stage(analysis.result)["Buy"] == ["Checkout", "Hidden fees"]
    slots = {s.text: s for s in analysis.label_slots()}
    assert slots["Parking lot"].target == Target(Field.IGNORE)
    assert notices_at(analysis.result, "Map", "B4")[0].startswith('not used: in the row labelled "Parking lot"')


def test_the_mapping_gives_an_unknown_label_a_meaning_and_the_preview_follows() -> None:
    rows = [["Stage", "A", "B"], ["Goal", "g1", "g2"], ["Touchpoints", "t1", "t2"], ["Customer voice", "q1", "q2"]]
    sheet = sheet_of(grid_of(rows))
    before = analyse(sheet)
    assert cards_by_stage(before.result) == {"A": ["t1"], "B": ["t2"]}
    after = analyse(sheet, mapping=Mapping({"customer VOICE": Target(Field.THOUGHTS)}))
    journey = after.result.map
    kinds = {journey.card(c).title: journey.card(c).kind for c in journey.card_ids()}
    assert kinds == {"t1": Kind.TOUCHPOINT, "q1": Kind.THOUGHT, "t2": Kind.TOUCHPOINT, "q2": Kind.THOUGHT}
    assert any('"Customer voice" is thoughts' in n.text for n in after.result.notices)
    # A known label can be ignored too, and a lane named for one persona.
    ignored = analyse(
        sheet, mapping=Mapping({"Goal": Target(Field.IGNORE), "Touchpoints": Target(Field.TOUCHPOINTS, "Admin")})
    )
    journey = ignored.result.map
    assert journey.stage(journey.stage_ids()[0]).goal == ""
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["Admin"]
    assert notices_at(ignored.result, "Map", "B2") == [
        'not used: in the row labelled "Goal", which the mapping ignores: "g1"'
    ]


def test_one_label_alone_is_not_a_map_unless_the_user_says_so(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "meeting.csv", [["Time", "Topic"], ["9:00", "Welcome"], ["9:30", "Budget"]])
    with pytest.raises(MapFileError) as refused:
        load_spreadsheet(path)
    message = str(refused.value)
    assert str(path) in message and '"Time" (timeline)' in message and '--field "LABEL=FIELD"' in message
    survey = [["Question", "Answer"], ["How did you hear about us?", "Friend"], ["Time spent", "5 min"]]
    number_formats = [
        ["Format", "Value", "Time"],
        ["0.00%", 0.5, "12:00"],
        ["#,##0", 1234, "13:30"],
        ["Owner", "Finance", "14:00"],
    ]
    formula_stress = [["A", "B", "Total"], [1, 2, 3], ["Sum", "=A2+B2", "When"], ["Timeline", 4, 5]]
    for other in (survey, number_formats, formula_stress):
        with pytest.raises(MapFileError, match="holds no journey map table"):
            analyse(sheet_of(grid_of(other)))


def test_hidden_rows_and_columns_are_left_out_and_said_unless_taken_in() -> None:
    rows = [
        ["Stage", "A", "Old", "B"],
        ["Goal", "g1", "x", "g2"],
        ["Touchpoints", "t1", "y", "t2"],
        ["Touchpoints", "secret", "z", "draft"],
    ]
    grid = grid_of(rows, hidden_rows={4}, hidden_columns={3})
    analysis = analyse(sheet_of(grid))
    assert stage_names(analysis.result.map) == ["A", "B"]
    assert cards_by_stage(analysis.result) == {"A": ["t1"], "B": ["t2"]}
    assert "hidden column" in notices_at(analysis.result, "Map", "C1")[0]
    assert "hidden row" in notices_at(analysis.result, "Map", "B4")[0]
    taken = analyse(sheet_of(grid_of(rows, hidden_rows={4}, hidden_columns={3})), mapping=Mapping(include_hidden=True))
    assert stage_names(taken.result.map) == ["A", "Old", "B"]
    assert cards_by_stage(taken.result)["B"] == ["t2", "draft"]


def test_comments_and_links_go_into_the_cards_notes_and_stage_fields() -> None:
    rows = [["Stage", "A"], ["Goal", "Go live"], ["Touchpoints", "Kickoff"]]
    grid = grid_of(
        rows,
        comments={(3, 2): "Ask Ana for the deck"},
        links={(3, 2): "https://example.com/kickoff", (2, 2): "https://wiki/goals"},
    )
    journey = analyse(sheet_of(grid)).result.map
    card = journey.card(journey.card_ids()[0])
    assert card.notes == "Ask Ana for the deck\nhttps://example.com/kickoff"
    assert journey.stage(journey.stage_ids()[0]).goal == "Go live\nhttps://wiki/goals"


def test_two_stages_with_the_same_name_are_reported() -> None:
    rows = [["Stage", "Review", "Buy", "Review"], ["Touchpoints", "a", "b", "c"], ["Goal", "x", "y", "z"]]
    result = analyse(sheet_of(grid_of(rows))).result
    assert stage_names(result.map) == ["Review", "Buy", "Review"]
    assert any('two stages are named "Review"' in n.text and n.severity is Severity.INFO for n in result.notices)


def test_mapping_files_round_trip_and_bad_ones_are_named(tmp_path: Path) -> None:
    mapping = Mapping(
        {"Ziel": Target(Field.GOAL), "Kontakt: KMU": Target(Field.TOUCHPOINTS, "KMU")}, Layout.ROWS, include_hidden=True
    )
    path = tmp_path / "mapping.json"
    mapping.save(path)
    assert Mapping.load(path) == mapping
    with pytest.raises(ValueError, match="unknown field 'gaol'"):
        Target.parse("gaol")
    with pytest.raises(ValueError, match="take a persona"):
        Target.parse("goal:SMB")
    bad = tmp_path / "bad.json"
    bad.write_text('{"fields": {"Goal": "nonsense"}}')
    with pytest.raises(MapFileError, match="bad.json.*unknown field 'nonsense'"):
        Mapping.load(bad)


# ------------------------------------------------------------------ random surroundings
TABLE = [
    ["Stage", "Land", "Adopt", "Renew"],
    ["Goal", "Sign", "Use daily", "Renew on time"],
    ["Touchpoints", "Contract", "QBR", "Renewal call"],
    ["Owner", "Sales", "CSM", "CSM"],
]
NOTES = [
    "Last reviewed 2 May by CS Ops",
    "Press File > Make a copy to edit this spreadsheet.",
    "Totals are computed on the next tab.",
    "Questions? Ask the CS Ops team in #cs-ops.",
]


@st.composite
def surrounded_tables(draw: st.DrawFn) -> tuple[Grid, bool]:
    """The known table at a random place, with a title above, notes below and hidden junk rows inside."""
    top, left = draw(st.integers(0, 4)), draw(st.integers(0, 3))
    rows_view: list[list[Any]] = [[None] * (left + 4) for _ in range(top)]
    if top >= 2 and draw(st.booleans()):
        rows_view[0][left] = "Journey map – Q3 workshop"
    hidden: set[int] = set()
    for line in TABLE:
        rows_view.append([None] * left + list(line))
        if draw(st.booleans()):
            rows_view.append([None] * left + ["Touchpoints", "junk a", "junk b", "junk c"])
            hidden.add(len(rows_view))
    gap = draw(st.integers(1, 3))
    rows_view += [[None] * (left + 4) for _ in range(gap)]
    for note in draw(st.lists(st.sampled_from(NOTES), max_size=3, unique=True)):
        rows_view.append([None] * left + [note])
    transpose = draw(st.booleans())
    grid = grid_of(rows_view, hidden_rows=hidden)
    return (grid.transpose() if transpose else grid), transpose


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(surrounded_tables())
def test_notes_titles_and_hidden_rows_around_a_table_leave_exactly_that_table(case: tuple[Grid, bool]) -> None:
    grid, transposed = case
    grid.transposed = False  # the "user's" sheet is whatever shape it is in
    analysis = analyse(sheet_of(grid))
    journey = analysis.result.map
    assert stage_names(journey) == ["Land", "Adopt", "Renew"]
    assert [journey.stage(s).goal for s in journey.stage_ids()] == ["Sign", "Use daily", "Renew on time"]
    assert [journey.stage(s).owner for s in journey.stage_ids()] == ["Sales", "CSM", "CSM"]
    assert cards_by_stage(analysis.result) == {"Land": ["Contract"], "Adopt": ["QBR"], "Renew": ["Renewal call"]}
    assert analysis.layout is (Layout.ROWS if transposed else Layout.COLUMNS)


def test_an_inventory_sheet_beside_a_grid_sheet_shares_its_stages() -> None:
    """Found by the report property test: an inventory naming a stage another sheet made first."""
    grid = grid_of([["Stage", "Land", "Adopt"], ["Goal", "Sign", "Use"], ["Touchpoints", "Call", "QBR"]], "SMB")
    inventory = grid_of(
        [["Stage", "Touchpoint", "Channel"], ["Land", "Demo", "Zoom"], ["Land", "Trial", "Web"]], "Enterprise"
    )
    result = analyse(sheet_of(grid, inventory)).result
    assert stage_names(result.map) == ["Land", "Adopt"]
    assert cards_by_stage(result)["Land"] == ["Call", "Demo", "Trial"]
    assert cards_by_stage(result, "Enterprise")["Land"] == ["Demo", "Trial"]  # one sheet per persona
    assert notices_at(result, "Enterprise", "A2") == ['stage "Land" took 2 rows']


def test_an_inventorys_kind_column_types_cards_and_an_unknown_kind_is_reported() -> None:
    rows = [
        ["Stage", "Touchpoint", "Type"],
        ["Land", "Demo", "Pain point"],
        ["Land", "Trial", "Quote"],
        ["Land", "Call", "Banana"],
    ]
    result = analyse(sheet_of(grid_of(rows))).result
    kinds = {result.map.card(c).title: result.map.card(c).kind for c in result.map.card_ids()}
    assert kinds == {"Demo": Kind.PAIN_POINT, "Trial": Kind.THOUGHT, "Call": Kind.TOUCHPOINT}
    assert notices_at(result, "Map", "C4") == [
        'not used: not a card kind (touchpoint, pain point, opportunity or thought): "Banana"'
    ]
