"""The room's parts of a ``.cjm`` file: the inbox, dots on touchpoints, the open voting round, the journal mark.

They are written only when the map has them, so a map that never met a room saves the same bytes as
before, and every reader of format version 1 still reads every file. Loading checks each part and
names its JSON place, like the rest of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from journeymap.model import (
    InboxError,
    JournalMark,
    JourneyMap,
    Kind,
    Submission,
    VoteScope,
    VotingRound,
)

Fail = Callable[[str, str], Exception]


def add_room_parts(journey: JourneyMap, document: dict[str, Any]) -> None:
    """Add what the room brought to a document made by ``to_document`` (in place)."""
    counts = journey.voting.counts()
    if counts:
        for card in document["touchpoints"]:
            if card["id"] in counts:
                card["votes"] = counts[card["id"]]
    if len(journey.inbox):
        document["inbox"] = [_submission(journey.inbox.get(i), i) for i in journey.inbox.ids()]
    voting_round = journey.voting.round
    if voting_round is not None:
        document["voting"] = {"dots": voting_round.dots, "scope": voting_round.scope.value, "stage": voting_round.stage}
    if journey.journal_mark is not None:
        document["room_journal"] = {"id": journey.journal_mark.journal_id, "applied": journey.journal_mark.applied}


def _submission(submission: Submission, submission_id: str) -> dict[str, Any]:
    return {
        "id": submission_id,
        "title": submission.title,
        "kind": submission.kind.value,
        "stage": submission.stage,
        "persona": submission.persona,
        "author": submission.author,
    }


def read_room_parts(document: dict[str, Any], journey: JourneyMap, fail: Fail) -> None:
    """Put the room's parts of a loaded document into ``journey``; ``fail(place, problem)`` makes the error."""
    for i, item in enumerate(document.get("touchpoints", [])):
        if "votes" in item:
            votes = item["votes"]
            if isinstance(votes, bool) or not isinstance(votes, int) or votes < 0:
                raise fail(f"touchpoints[{i}].votes", f"must be a whole number of 0 or more, not {votes!r}")
            if votes:
                journey.voting.set(item["id"], votes)
    inbox = document.get("inbox", [])
    if not isinstance(inbox, list):
        raise fail("inbox", "must be a list")
    for i, item in enumerate(inbox):
        _read_submission(item, f"inbox[{i}]", journey, fail)
    if document.get("voting") is not None:
        _read_round(document["voting"], journey, fail)
    if document.get("room_journal") is not None:
        mark = document["room_journal"]
        if (
            not isinstance(mark, dict)
            or not isinstance(mark.get("id"), str)
            or not mark["id"]
            or isinstance(mark.get("applied"), bool)
            or not isinstance(mark.get("applied"), int)
            or mark["applied"] < 0
        ):
            raise fail("room_journal", 'must be {"id": text, "applied": a whole number}')
        journey.journal_mark = JournalMark(mark["id"], mark["applied"])


def _read_submission(item: Any, place: str, journey: JourneyMap, fail: Fail) -> None:
    if not isinstance(item, dict):
        raise fail(place, "must be an object")
    submission_id = item.get("id")
    if not isinstance(submission_id, str) or not submission_id:
        raise fail(f"{place}.id", "missing or empty id")
    title = item.get("title")
    if not isinstance(title, str):
        raise fail(f"{place}.title", "missing field" if title is None else f"must be text, not {type(title).__name__}")
    for key in ("stage", "persona", "author"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise fail(f"{place}.{key}", "must be text or null")
    try:
        kind = Kind(item.get("kind", Kind.TOUCHPOINT.value))
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        raise fail(f"{place}.kind", f"must be one of {allowed}, not {item.get('kind')!r}") from None
    submission = Submission(title, kind, item.get("stage"), item.get("persona"), item.get("author"))
    try:
        journey.inbox.add(submission, submission_id)
    except InboxError as error:
        message = str(error)
        if message.startswith("there is no "):
            message = "dangling reference: " + message
        raise fail(place, message) from None


def _read_round(item: Any, journey: JourneyMap, fail: Fail) -> None:
    if not isinstance(item, dict):
        raise fail("voting", "must be an object or null")
    try:
        scope = VoteScope(item.get("scope", VoteScope.ALL.value))
    except ValueError:
        allowed = ", ".join(s.value for s in VoteScope)
        raise fail("voting.scope", f"must be one of {allowed}, not {item.get('scope')!r}") from None
    stage = item.get("stage")
    if stage is not None and journey.node_type(stage) != "stage":
        raise fail("voting.stage", f"dangling reference: there is no stage with id {stage!r}")
    try:
        # Any JSON value: VotingRound checks it and says what is wrong with it.
        journey.voting.set_round(VotingRound(cast(int, item.get("dots")), scope, stage))
    except InboxError as error:
        raise fail("voting", str(error)) from None
