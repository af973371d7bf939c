"""Write a journey map as a Mermaid ``journey`` diagram (.mmd), for teams that keep docs in Markdown.

Sections are stages, tasks are cards (lane by lane within a stage), a task's score is the card's
emotion moved from -2..+2 to Mermaid's 1..5 (an unscored card gets the neutral 3), and its actor is
the card's persona.

Mermaid's journey grammar lives in its lexer: a title runs to the first ``#``, ``;`` or newline; a
section name and a task name to the first ``#``, ``:``, ``;`` or newline; the task's data is
``: score: actor, actor``. ``%%`` starts a comment anywhere on a line. Mermaid decodes entity codes
such as ``#58;`` (``:``) and ``#35;`` (``#``) before it parses, so every character the grammar
would stop at is written as its code and the user's text comes out intact. Titles may hold ``:``,
but a ``:`` followed by ``#`` in a line that mentions "style" makes Mermaid drop a ``;``, so colons are
coded everywhere and the only bare colons are a task's separators. A name that starts with a
keyword (``section ...``) would be read as that statement, so its first letter is written as a code.
"""

from __future__ import annotations

import os
import re
from typing import Any

from journeymap.io.atomic import write_atomic
from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice
from journeymap.model import JourneyMap

NEUTRAL_SCORE = 3
KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")
_ALWAYS = {"#": "#35;", ";": "#59;", "%": "#37;", "<": "#60;", ">": "#62;"}
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def score_of(emotion: int | None) -> int:
    """-2..+2 to 1..5; no score is neutral."""
    return NEUTRAL_SCORE if emotion is None else emotion + 3


def escape(text: str, stops: str = ":", fallback: str = "(untitled)") -> str:
    """One line of user text that Mermaid reads back as written.

    ``stops`` are the characters that end this kind of text besides ``#``, ``;`` and newlines (``:``
    for names, ``:`` and ``,`` for actors). An ``&`` that would start an HTML entity is coded too, so
    "&amp;" stays five characters.
    """
    text = " ".join(text.split()) or fallback
    entity_starts = {match.start() for match in _ENTITY_LIKE.finditer(text)}
    out = []
    for index, char in enumerate(text):
        if index in entity_starts:
            out.append("#38;")
        elif char in _ALWAYS:
            out.append(_ALWAYS[char])
        elif char in stops:
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    line = "".join(out)
    lowered = line.casefold()
    if any(lowered.startswith(keyword) for keyword in KEYWORDS):
        line = f"#{ord(line[0])};{line[1:]}"
    return line


def mermaid_journey(journey: JourneyMap) -> str:
    lines = ["journey", f"  title {escape(journey.title, fallback='Untitled journey map')}"]
    for stage_id in journey.stage_ids():
        lines.append(f"  section {escape(journey.stage(stage_id).name, fallback='(unnamed stage)')}")
        for lane_id in journey.lane_ids():
            actor = escape(journey.lane(lane_id).name, stops=":,", fallback="(unnamed persona)")
            for card_id in journey.cards_in(stage_id, lane_id):
                card = journey.card(card_id)
                lines.append(f"    {escape(card.title, fallback='(untitled card)')}: {score_of(card.emotion)}: {actor}")
    return "\n".join(lines) + "\n"


def write_mermaid(journey: JourneyMap, path: str | os.PathLike[str], **unknown: Any) -> list[Notice]:
    """The ``.mmd`` writer."""
    if unknown:
        raise MapFileError(path, f"unknown Mermaid option {sorted(unknown)[0]!r}")
    write_atomic(path, mermaid_journey(journey).encode("utf-8"))
    return []
