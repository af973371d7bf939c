"""The Mermaid journey output, read back by the rules of Mermaid's journey lexer."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from journeymap.app.cli import main
from journeymap.io.cjm import save_cjm
from journeymap.io.mermaid import mermaid_journey, score_of
from journeymap.model import JourneyMap, Persona, Stage, Touchpoint
from tests.factories import small_map

# The journey lexer's token rules (user-journey/parser/journey.jison), applied to one line at a time.
TITLE = re.compile(r"title\s([^#\n;]+)", re.IGNORECASE)
SECTION = re.compile(r"section\s([^#:\n;]+)", re.IGNORECASE)
TASK = re.compile(r"([^#:\n;]+)(:[^#\n;]+)")
ENTITY = re.compile(r"#(\w+);")
PLACEHOLDER = re.compile(r"fl°(°?)(\w+)¶ß")
KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")


@dataclass
class Parsed:
    title: str = ""
    sections: list[tuple[str, list[tuple[str, int, list[str]]]]] = field(default_factory=list)


def encode_entities(line: str) -> str:
    """What Mermaid does before it lexes: ``#58;`` becomes a placeholder with no grammar character in it."""
    return ENTITY.sub(lambda m: f"fl°{'°' if m.group(1).isdigit() else ''}{m.group(1)}¶ß", line)


def decode(text: str) -> str:
    """And after: placeholders become the characters (numeric codes) or HTML entities (names)."""
    return PLACEHOLDER.sub(
        lambda m: chr(int(m.group(2))) if m.group(1) else html.unescape(f"&{m.group(2)};"), text
    ).strip()


def parse_journey(source: str) -> Parsed:
    """A strict reading: every line must be one whole token sequence of the grammar, or the test fails."""
    lines = [line.strip() for line in source.split("\n")]
    lines = [line for line in lines if line]
    assert lines[0] == "journey"
    parsed = Parsed()
    for raw in lines[1:]:
        line = encode_entities(raw)
        assert "%%" not in line, f"a comment would swallow: {line!r}"
        assert not line.startswith("#"), f"a comment line: {line!r}"
        if match := TITLE.fullmatch(line):
            assert not parsed.sections, "the title comes first"
            parsed.title = decode(match.group(1))
        elif match := SECTION.fullmatch(line):
            parsed.sections.append((decode(match.group(1)), []))
        elif match := TASK.fullmatch(line):
            name = match.group(1)
            assert not name.strip().casefold().startswith(KEYWORDS), f"a task read as a keyword: {line!r}"
            score_text, _, actors_text = match.group(2)[1:].partition(":")
            assert ":" not in actors_text, f"a third field: {line!r}"
            score = int(score_text.strip())
            assert 1 <= score <= 5
            actors = [decode(actor) for actor in actors_text.split(",")]
            assert parsed.sections, "a task outside a section"
            parsed.sections[-1][1].append((decode(name), score, actors))
        else:
            pytest.fail(f"not a journey statement: {line!r}")
    return parsed


def test_sections_are_stages_tasks_are_cards_with_scores_and_personas() -> None:
    journey = small_map()
    parsed = parse_journey(mermaid_journey(journey))
    assert parsed.title == "Workshop map"
    assert [name for name, _ in parsed.sections] == ["Land", "Adoption"]
    assert parsed.sections[0][1] == [("Pricing page", 4, ["SMB"]), ("Checkout", 3, ["SMB"])]
    assert parsed.sections[1][1] == [("Stuck on import", 1, ["SMB"]), ("Admin training", 3, ["Enterprise"])]
    assert [score_of(e) for e in (-2, -1, 0, 1, 2, None)] == [1, 2, 3, 4, 5, 3]


@pytest.mark.parametrize(
    "text",
    [
        "Q3: renewal #1 ; at risk",
        "50%% done: #tag",
        "section leaders: call",
        "Title: the kickoff",
        "<b>bold</b> & &amp; #58;",
        "journey mapping, part 2",
        "Ticket #35; raised",
    ],
)
def test_titles_with_grammar_characters_are_kept_intact(text: str) -> None:
    journey = JourneyMap(text)
    stage = journey.add_stage(Stage(text))
    lane = journey.add_lane(Persona(text))
    journey.add_card(stage, lane, Touchpoint(text, emotion=2))
    parsed = parse_journey(mermaid_journey(journey))
    assert parsed.title == text
    assert parsed.sections == [(text, [(text, 5, [text])])]


def test_empty_names_and_line_breaks_still_parse() -> None:
    journey = JourneyMap("")
    stage = journey.add_stage(Stage(""))
    lane = journey.add_lane(Persona(""))
    journey.add_card(stage, lane, Touchpoint("two\nlines  here"))
    journey.add_card(stage, lane, Touchpoint("   "))
    parsed = parse_journey(mermaid_journey(journey))
    assert parsed.title == "Untitled journey map"
    assert parsed.sections == [
        (
            "(unnamed stage)",
            [("two lines here", 3, ["(unnamed persona)"]), ("(untitled card)", 3, ["(unnamed persona)"])],
        )
    ]


def test_convert_writes_mermaid(tmp_path: Path) -> None:
    source = tmp_path / "map.cjm"
    save_cjm(small_map(), source)
    assert main(["convert", str(source), str(tmp_path / "journey.mmd")]) == 0
    parsed = parse_journey((tmp_path / "journey.mmd").read_text(encoding="utf-8"))
    assert sum(len(tasks) for _, tasks in parsed.sections) == 4
