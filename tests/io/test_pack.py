"""The decision pack: every file, ranked actions, no half packs, and the CLI's refusal of a used folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from journeymap.app.cli import main
from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.io.errors import MapFileError
from journeymap.io.pack import pack_names, write_pack
from journeymap.model import Kind, Touchpoint
from tests.factories import small_map

DATE = dt.date(2026, 11, 27)


def voted_map():
    journey = small_map()
    pricing, checkout, stuck, training = journey.card_ids()
    journey.update_card(training, owner='=HYPERLINK("x")')
    extra = journey.add_card(
        journey.stage_ids()[0], journey.lane_ids()[1], Touchpoint("Pipe | in title", owner="AE", kind=Kind.THOUGHT)
    )
    journey.voting.set(stuck, 6)
    journey.voting.set(training, 2)
    journey.voting.set(extra, 6)
    journey.voting.set(pricing, 1)
    return journey


def test_the_pack_holds_poster_deck_report_actions_and_a_dated_snapshot(tmp_path: Path) -> None:
    journey = voted_map()
    folder = tmp_path / "pack"
    result = write_pack(journey, folder, "workshop", date=DATE)
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(pack_names("workshop", DATE)) == sorted(p.name for p in result.files)
    assert "workshop-2026-11-27.cjm" in names
    assert len(PdfReader(folder / "workshop-poster.pdf").pages) >= 2  # the map and the analysis page
    deck = Presentation(str(folder / "workshop-deck.pptx"))
    assert any(shape.name == "Top-voted cards" for slide in deck.slides for shape in slide.shapes)
    assert (folder / "workshop-report.md").read_text(encoding="utf-8").startswith("# Workshop map: journey report")
    snapshot = load_cjm(folder / "workshop-2026-11-27.cjm")
    assert snapshot.voting.counts() == journey.voting.counts()
    assert [p.name for p in tmp_path.iterdir()] == ["pack"]  # no staging folder left beside it


def test_the_action_list_ranks_cards_by_votes_with_stage_lane_owner_and_kind(tmp_path: Path) -> None:
    write_pack(voted_map(), tmp_path / "pack", "w", date=DATE)
    sheet = load_workbook(tmp_path / "pack" / "w-actions.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Rank", "Votes", "Card", "Stage", "Lane", "Owner", "Kind"],
        [1, 6, "Pipe | in title", "Land", "Enterprise", "AE", "Thought"],
        [1, 6, "Stuck on import", "Adoption", "SMB", None, "Pain point"],
        [3, 2, "Admin training", "Adoption", "Enterprise", '=HYPERLINK("x")', "Opportunity"],
        [4, 1, "Pricing page", "Land", "SMB", "Growth", "Touchpoint"],
    ]
    assert sheet["F4"].data_type == "s"  # a formula-looking owner stays text
    markdown = (tmp_path / "pack" / "w-actions.md").read_text(encoding="utf-8").splitlines()
    table = [line for line in markdown if line.startswith("| ")]
    assert table[0] == "| Rank | Votes | Card | Stage | Lane | Owner | Kind |"
    assert table[1] == "| 1 | 6 | Pipe \\| in title | Land | Enterprise | AE | Thought |"
    assert table[2] == "| 1 | 6 | Stuck on import | Adoption | SMB | – | Pain point |"
    assert [line.split(" | ")[2] for line in table[3:]] == ["Admin training", "Pricing page"]


def test_without_votes_the_action_list_says_so(tmp_path: Path) -> None:
    write_pack(small_map(), tmp_path / "pack", "w", date=DATE)
    assert "No votes were cast" in (tmp_path / "pack" / "w-actions.md").read_text(encoding="utf-8")


def test_a_used_folder_is_refused_and_force_replaces_only_the_pack_files(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(MapFileError, match="is not empty"):
        write_pack(small_map(), folder, "w", date=DATE)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    (folder / "w-report.md").write_text("old")
    write_pack(small_map(), folder, "w", date=DATE, force=True)
    assert (folder / "notes.txt").read_text() == "keep me"
    assert (folder / "w-report.md").read_text(encoding="utf-8").startswith("# Workshop map")
    assert len(list(folder.iterdir())) == 7


def test_a_cancelled_or_failed_pack_leaves_nothing_behind(tmp_path: Path) -> None:
    class CancelledError(Exception):
        pass

    def cancel_at_deck(done: int, total: int, text: str) -> None:
        if "deck" in text:
            raise CancelledError

    with pytest.raises(CancelledError):
        write_pack(small_map(), tmp_path / "pack", "w", date=DATE, progress=cancel_at_deck)
    assert list(tmp_path.iterdir()) == []
    journey = small_map()
    journey.update_card(journey.card_ids()[0], title="bell \x07 in a title")  # spreadsheets cannot hold it
    journey.voting.set(journey.card_ids()[0], 1)
    with pytest.raises(MapFileError, match="U\\+0007"):
        write_pack(journey, tmp_path / "pack", "w", date=DATE)
    assert list(tmp_path.iterdir()) == []


def test_cli_pack_refuses_a_non_empty_folder_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "retro.cjm"
    save_cjm(voted_map(), source)
    out = tmp_path / "out"
    assert main(["pack", str(source), str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == sorted(p.name for p in out.iterdir())
    assert any(Path(p).name == f"retro-{dt.date.today().isoformat()}.cjm" for p in printed)
    assert main(["pack", str(source), str(out)]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert main(["pack", str(source), str(out), "--force"]) == 0
    assert main(["pack", str(tmp_path / "missing.cjm"), str(tmp_path / "x")]) == 1
    assert "missing.cjm: no such file" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
