"""Importing .xlsx files shaped the way teams really keep journey maps."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from journeymap.io.errors import MapFileError
from journeymap.io.formats import Severity, read_map
from journeymap.io.sheets import Orientation, analyse, load_spreadsheet, read_spreadsheet
from journeymap.model import Kind
from journeymap.model.invariants import check_invariants
from tests.io.sheets.files import (
    append_rows,
    cards_by_stage,
    drop_dimension,
    notices_at,
    rewrite_member,
    set_dimension,
    sheet_part,
    unaccounted,
    use_shared_strings,
    write_xlsx,
)

TEMPLATE = [
    ["Customer journey 2024"],
    [],
    ["Stage", "Awareness", "Onboarding", "Adoption"],
    ["Goal", "Find us", "Go live", "Use it weekly"],
    ["Success criteria", "Demo booked", "First value", "5 active users"],
    ["Timeline", "2 weeks", "30 days", "90 days"],
    ["Owner", "Marketing", "Onboarding", "CSM"],
    ["Touchpoints", "- Webinar\n- Paid ad", "Kickoff call", "• QBR\n• Training"],
    ["Pain points", None, "Slow import", "-5% churn"],
    ["Opportunities", "Case studies", None, None],
    ["Milestones", None, "Go-live", "Renewal"],
]


def test_the_team_template_imports_completely(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "map.xlsx", {"Journey": TEMPLATE})
    result = load_spreadsheet(path)
    journey = result.map
    check_invariants(journey)
    assert journey.title == "Customer journey 2024"
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Awareness", "Onboarding", "Adoption"]
    onboarding = journey.stage(journey.stage_ids()[1])
    assert (onboarding.goal, onboarding.success_criteria, onboarding.timeline, onboarding.owner) == (
        "Go live",
        "First value",
        "30 days",
        "Onboarding",
    )
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["Customer"]
    assert cards_by_stage(result) == {
        "Awareness": ["Webinar", "Paid ad", "Case studies"],
        "Onboarding": ["Kickoff call", "Slow import"],
        "Adoption": ["QBR", "Training", "-5% churn"],
    }
    kinds = {journey.card(c).title: journey.card(c).kind for c in journey.card_ids()}
    assert kinds["-5% churn"] is Kind.PAIN_POINT and kinds["Case studies"] is Kind.OPPORTUNITY
    assert [journey.milestone(m).title for m in journey.milestone_ids()] == ["Go-live", "Renewal"]
    assert all(journey.milestone_place(m)[1] is None for m in journey.milestone_ids())
    assert not [n for n in result.notices if n.severity is Severity.WARNING]
    assert unaccounted(path, result) == []


def test_the_orientation_and_default_lane_are_reported_as_assumptions(tmp_path: Path) -> None:
    result = load_spreadsheet(write_xlsx(tmp_path / "map.xlsx", {"Journey": TEMPLATE}))
    texts = [str(n) for n in result.notices]
    assert "Journey: read with stages as columns (labels in column A)" in texts
    assert any('lane "Customer"' in t for t in texts)


def test_stages_as_rows_are_detected(tmp_path: Path) -> None:
    rows = [list(column) for column in zip(*[r + [None] * (4 - len(r)) for r in TEMPLATE[2:]], strict=True)]
    path = write_xlsx(tmp_path / "rows.xlsx", {"Plan": [["Post-sale plan"], [], *rows]})
    analysis = analyse(read_spreadsheet(path))
    assert analysis.orientation is Orientation.ROWS
    assert analysis.stage_names() == ["Awareness", "Onboarding", "Adoption"]
    assert analysis.result.map.title == "Post-sale plan"
    assert cards_by_stage(analysis.result)["Adoption"] == ["QBR", "Training", "-5% churn"]
    assert "Plan: read with stages as rows (labels in row 3)" in [str(n) for n in analysis.result.notices]
    assert unaccounted(path, analysis.result) == []


def test_a_tie_is_reported_not_guessed_silently(tmp_path: Path) -> None:
    # Labels both down column A and across row 1: the two readings score the same.
    path = write_xlsx(
        tmp_path / "tie.xlsx", {"S": [["Stage", "Goal", "Owner"], ["Goal", "x", "y"], ["Owner", "z", "w"]]}
    )
    analysis = analyse(read_spreadsheet(path))
    assert analysis.tie
    warnings = [n for n in analysis.result.notices if n.severity is Severity.WARNING and "both ways" in n.text]
    assert len(warnings) == 1 and "flip the orientation" in warnings[0].text


def test_the_orientation_can_be_forced(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "tie.xlsx",
        {"S": [["Stage", "Goal", "Owner"], ["Lead", "x", "y"], ["Goal", "z", "w"], ["Owner", "v", "u"]]},
    )
    sheet = read_spreadsheet(path)
    columns, rows = analyse(sheet, orientation="columns"), analyse(sheet, orientation=Orientation.ROWS)
    assert (columns.orientation, rows.orientation) == (Orientation.COLUMNS, Orientation.ROWS)
    assert columns.stage_names() == ["Goal", "Owner"]
    assert rows.stage_names() == ["Lead", "Goal", "Owner"]
    assert any("as asked" in n.text for n in rows.result.notices)


def test_forcing_the_wrong_orientation_says_why_nothing_was_found(tmp_path: Path) -> None:
    sheet = read_spreadsheet(write_xlsx(tmp_path / "map.xlsx", {"Journey": TEMPLATE}))
    with pytest.raises(MapFileError, match="labels start at A4 but there is no row of stage names"):
        analyse(sheet, orientation="rows")


def test_title_rows_blank_separators_and_notes_below_are_tolerated(tmp_path: Path) -> None:
    rows = [
        ["Q3 workshop", None, None, None, None],
        ["Draft - do not share"],
        [],
        [None, None, None, None, None],
        ["Stage", "Land", None, "Expand", "Renew"],  # a blank separator column (C)
        [],  # a blank separator row
        ["Goal", "Sign", None, "Upsell", "Renew on time"],
        ["Touchpoints", "Contract", None, "QBR", "Renewal call"],
        [],
        [],
        ["Notes: agreed with the CS team on 3 March"],
        [None, "See the deck for details"],
    ]
    path = write_xlsx(tmp_path / "messy.xlsx", {"Map": rows}, freeze={"Map": "B6"})
    result = load_spreadsheet(path)
    assert result.map.title == "Q3 workshop"
    assert [result.map.stage(s).name for s in result.map.stage_ids()] == ["Land", "Expand", "Renew"]
    assert cards_by_stage(result) == {"Land": ["Contract"], "Expand": ["QBR"], "Renew": ["Renewal call"]}
    assert notices_at(result, "Map", "A2") == ['not used: above the table: "Draft - do not share"']
    # Notes under the table are listed, never read as rows of the table.
    assert notices_at(result, "Map", "A11")[0].startswith("not used: below the table")
    assert notices_at(result, "Map", "B12") == ['not used: below the table: "See the deck for details"']
    assert unaccounted(path, result) == []


def test_merged_title_stage_headers_and_labels(tmp_path: Path) -> None:
    rows = [
        ["Journey of an SMB founder"],
        ["Stage", "Discover", None, "Buy"],
        ["Goal", "Learn", "Compare", "Pay"],
        ["Touchpoints", "Blog", "Review site", "Checkout"],
        [None, "Podcast", None, "Invoice"],
        ["Owner", "Marketing", None, "Sales"],
    ]
    # The title spans the sheet, "Discover" spans B:C, "Touchpoints" spans two rows.
    merges = {"M": ["A1:D1", "B2:C2", "A4:A5", "B6:C6"]}
    path = write_xlsx(tmp_path / "merged.xlsx", {"M": rows}, merges=merges)
    result = load_spreadsheet(path)
    journey = result.map
    assert journey.title == "Journey of an SMB founder"
    assert [journey.stage(s).name for s in journey.stage_ids()] == ["Discover", "Buy"]
    assert journey.stage(journey.stage_ids()[0]).goal == "Learn\nCompare"
    assert cards_by_stage(result) == {"Discover": ["Blog", "Review site", "Podcast"], "Buy": ["Checkout", "Invoice"]}
    assert journey.stage(journey.stage_ids()[0]).owner == "Marketing"
    assert unaccounted(path, result) == []


def test_a_content_cell_merged_across_stages_is_put_in_the_first_and_said(tmp_path: Path) -> None:
    rows = [["Stage", "A", "B"], ["Touchpoints", "Nurture emails", None]]
    path = write_xlsx(tmp_path / "span.xlsx", {"S": rows}, merges={"S": ["B2:C2"]})
    result = load_spreadsheet(path)
    assert cards_by_stage(result) == {"A": ["Nurture emails"], "B": []}
    assert "merged across several stages" in notices_at(result, "S", "B2")[0]


def test_persona_lanes_from_row_labels(tmp_path: Path) -> None:
    rows = [
        ["Stage", "Try", "Buy"],
        ["Goal", "See value", "Pay"],
        ["Touchpoints: SMB founder", "Free trial", "Card checkout"],
        ["Enterprise touchpoints", "Pilot", "Procurement"],
        ["Touchpoints - IT admin", None, "SSO setup"],
        ["Pain points: SMB founder", "Too many emails", None],
        ["Milestones: Enterprise", "Pilot signed", None],
        ["Emotions: SMB founder", 1, -1],
    ]
    path = write_xlsx(tmp_path / "lanes.xlsx", {"Map": rows})
    result = load_spreadsheet(path)
    journey = result.map
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["SMB founder", "Enterprise", "IT admin"]
    assert cards_by_stage(result, "SMB founder") == {"Try": ["Free trial", "Too many emails"], "Buy": ["Card checkout"]}
    assert cards_by_stage(result, "IT admin") == {"Try": [], "Buy": ["SSO setup"]}
    (milestone,) = journey.milestone_ids()
    assert journey.lane(journey.milestone_place(milestone)[1]).name == "Enterprise"
    emotions = {journey.card(c).title: journey.card(c).emotion for c in journey.card_ids()}
    assert emotions["Free trial"] == 1 and emotions["Card checkout"] == -1
    assert emotions["Too many emails"] is None and emotions["Pilot"] is None
    assert not any("Customer" in n.text for n in result.notices)
    assert unaccounted(path, result) == []


def test_one_sheet_per_persona(tmp_path: Path) -> None:
    smb = [
        ["SMB founder journey"],
        ["Stage", "Try", "Buy"],
        ["Goal", "See value", "Pay"],
        ["Touchpoints", "Free trial", "Checkout"],
        ["Milestones", "Activated", None],
    ]
    ent = [
        ["Stage", "Try", "Buy", "Expand"],
        ["Goal", "See value", "Negotiate", "Grow"],
        ["Touchpoints", "Pilot", "Procurement", "QBR"],
    ]
    notes = [["How to use this workbook"], ["One tab per persona"]]
    path = write_xlsx(
        tmp_path / "personas.xlsx",
        {"SMB founder": smb, "Enterprise": ent, "Read me": notes, "Old": smb},
        hidden=["Old"],
    )
    analysis = analyse(read_spreadsheet(path))
    journey = analysis.result.map
    assert journey.title == "SMB founder journey"
    assert [journey.lane(p).name for p in journey.lane_ids()] == ["SMB founder", "Enterprise"]
    assert analysis.stage_names() == ["Try", "Buy", "Expand"]
    assert cards_by_stage(analysis.result, "Enterprise") == {
        "Try": ["Pilot"],
        "Buy": ["Procurement"],
        "Expand": ["QBR"],
    }
    (milestone,) = journey.milestone_ids()
    assert journey.lane(journey.milestone_place(milestone)[1]).name == "SMB founder"
    # Both sheets give a goal for "Buy"; they differ, so the second is reported, not merged.
    assert journey.stage(journey.stage_ids()[1]).goal == "Pay"
    assert "differs from SMB founder!C3" in notices_at(analysis.result, "Enterprise", "C2")[0]
    by_sheet = {s.name: s for s in analysis.sheets}
    assert by_sheet["Read me"].reason and not by_sheet["Read me"].imported
    assert by_sheet["Old"].hidden and not by_sheet["Old"].selected
    sheet_notices = {n.sheet: n for n in analysis.result.notices if n.text.startswith("sheet not imported")}
    assert sheet_notices["Read me"].cell == "A1:A2" and sheet_notices["Old"].severity is Severity.INFO
    assert unaccounted(path, analysis.result) == []


def test_sheets_can_be_picked_hidden_ones_included(tmp_path: Path) -> None:
    one = [["Stage", "A"], ["Touchpoints", "x"]]
    two = [["Stage", "A"], ["Touchpoints", "y"]]
    path = write_xlsx(tmp_path / "pick.xlsx", {"One": one, "Two": two}, hidden=["Two"])
    sheet = read_spreadsheet(path)
    assert cards_by_stage(analyse(sheet).result) == {"A": ["x"]}
    assert cards_by_stage(analyse(sheet, sheets=["Two"]).result) == {"A": ["y"]}
    with pytest.raises(MapFileError, match="no sheet named 'Three'"):
        analyse(sheet, sheets=["Three"])


def test_stage_names_are_the_users_words_never_fuzzed(tmp_path: Path) -> None:
    one = [["Stage", "On-boarding", "Adoption "], ["Touchpoints", "a", "b"]]
    two = [["Stage", "Onboarding", "adoption"], ["Touchpoints", "c", "d"]]
    result = load_spreadsheet(write_xlsx(tmp_path / "names.xlsx", {"One": one, "Two": two}))
    names = [result.map.stage(s).name for s in result.map.stage_ids()]
    assert names == ["On-boarding", "Adoption", "Onboarding", "adoption"]


def test_formula_and_count_rows_are_not_cards(tmp_path: Path) -> None:
    rows = [
        ["Stage", "A", "B"],
        ["Touchpoints", "Call\nEmail", "Demo"],
        ["Total touchpoints", "=COUNTA(B2)", "=COUNTA(C2)"],
        ["Pain points", "=1+1", "=2+2"],
        ["Opportunities", "Referral", 3],
    ]
    path = write_xlsx(tmp_path / "formulas.xlsx", {"S": rows})
    # openpyxl stores formulas without cached values; give them values as Excel would.
    cached = {"B3": "2", "C3": "1", "B4": "2", "C4": "4"}

    def with_values(data: bytes) -> bytes:
        for ref, value in cached.items():
            data = data.replace(f'<c r="{ref}"><f>'.encode(), f'<c r="{ref}"><v>{value}</v><f>'.encode())
        return data

    rewrite_member(path, sheet_part(path), with_values)
    result = load_spreadsheet(path)
    assert cards_by_stage(result) == {"A": ["Call", "Email", "Referral"], "B": ["Demo"]}
    assert "computed row" in notices_at(result, "S", "A3")[0]
    assert "computed by a formula" in notices_at(result, "S", "B4")[0]
    assert "counts are not cards" in notices_at(result, "S", "C5")[0]
    assert unaccounted(path, result) == []


def test_google_sheets_exports_without_dimension_and_with_dummy_functions(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "google.xlsx", {"Journey": TEMPLATE})
    google_formula = (
        '<row r="12"><c r="A12" t="str"><f>IFERROR(__xludf.DUMMYFUNCTION("Customer actions"),'
        '"Customer actions")</f><v>Customer actions</v></c>'
        '<c r="B12" t="str"><f>IFERROR(__xludf.DUMMYFUNCTION("JOIN(B8)"),"Reads the blog")</f>'
        "<v>Reads the blog</v></c></row>"
        # Formatted empty cells down to row 1000, as Google writes them.
        + "".join(f'<row r="{r}"><c r="A{r}" s="0"/><c r="Z{r}" s="0"/></row>' for r in range(13, 1001))
    )
    rewrite_member(path, sheet_part(path), lambda d: append_rows(google_formula)(drop_dimension(d)))
    result = load_spreadsheet(path)
    assert cards_by_stage(result)["Awareness"] == ["Webinar", "Paid ad", "Case studies", "Reads the blog"]
    assert unaccounted(path, result) == []


def test_a_far_styled_cell_and_a_lying_dimension_cost_nothing(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "far.xlsx", {"Journey": TEMPLATE})

    far = append_rows('<row r="1048576"><c r="XFD1048576" s="0"/></row>')
    rewrite_member(path, sheet_part(path), lambda data: set_dimension("A1:XFD1048576")(far(data)))
    assert openpyxl.load_workbook(path, read_only=True).active.max_column == 16384
    result = load_spreadsheet(path)
    assert cards_by_stage(result)["Adoption"] == ["QBR", "Training", "-5% churn"]
    assert not [n for n in result.notices if n.severity is Severity.WARNING]


def test_rich_text_and_shared_strings_read_as_plain_text(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rich.xlsx", {"S": [["Stage", "A", "B"], ["Touchpoints", "Call", None]]})
    rich = (
        '<c r="C2" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> demo</t></r>'
        '<rPh sb="0" eb="1"><t>ignored guide</t></rPh></is></c>'
    )
    rewrite_member(
        path, sheet_part(path), lambda data: data.replace(b"</row></sheetData>", rich.encode() + b"</row></sheetData>")
    )
    use_shared_strings(path)
    result = load_spreadsheet(path)
    assert cards_by_stage(result) == {"A": ["Call"], "B": ["Bold demo"]}


def test_unlabelled_rows_under_a_list_row_continue_it(tmp_path: Path) -> None:
    rows = [
        ["Stage", "A", "B"],
        ["Touchpoints", "Call", "Demo"],
        [None, "Email", None],
        [None, None, "Trial"],
        [],
        [None, "Orphan"],
    ]
    path = write_xlsx(tmp_path / "continued.xlsx", {"S": rows})
    result = load_spreadsheet(path)
    assert cards_by_stage(result) == {"A": ["Call", "Email"], "B": ["Demo", "Trial"]}
    assert 'read as more "Touchpoints"' in notices_at(result, "S", "B3")[0]
    assert "below the table" in notices_at(result, "S", "B6")[0]


def test_emotions_rows_give_cards_their_emotion_or_say_why_not(tmp_path: Path) -> None:
    rows = [
        ["Stage", "A", "B", "C", "D"],
        ["Touchpoints", "Call", "Demo\nTrial", None, "Ad"],
        ["Emotions (-2..+2)", "+2", "1\n-1", 1, "furious"],
    ]
    path = write_xlsx(tmp_path / "emotions.xlsx", {"S": rows})
    result = load_spreadsheet(path)
    emotions = {result.map.card(c).title: result.map.card(c).emotion for c in result.map.card_ids()}
    assert emotions == {"Call": 2, "Demo": 1, "Trial": -1, "Ad": None}
    assert "without touchpoints" in notices_at(result, "S", "D3")[0]
    assert "not an emotion" in notices_at(result, "S", "E3")[0]


def test_the_shared_reader_registry_reads_xlsx_by_content(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "map.xlsx", {"Journey": TEMPLATE})
    renamed = path.rename(tmp_path / "map.data")
    result = read_map(renamed)
    assert result.format == "xlsx" and result.map.counts()["cards"] == 8


def test_a_workbook_without_any_table_fails_with_reasons(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "none.xlsx", {"Budget": [["Item", "Cost"], ["Pizza", 30]]})
    with pytest.raises(MapFileError, match=r"none\.xlsx: holds no journey map table \(Budget: no row or column"):
        load_spreadsheet(path)
