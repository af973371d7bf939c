"""What a phone may send to the room, checked field by field before anything is stored.

Every refusal is a :class:`ProtocolError` with the HTTP status and a reason a person can read; the
server answers it as ``{"error": reason}``. Participant text stays text: whitespace is collapsed,
control characters and unpaired surrogates are refused, lengths are capped.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any

MAX_BODY_BYTES = 8 * 1024
MAX_TITLE = 200
MAX_AUTHOR = 60
MAX_CLIENT_ID = 64
CARD_KINDS = ("touchpoint", "pain_point", "opportunity", "thought")


class ProtocolError(Exception):
    """A request the room refuses: ``status`` (400, 403, 409, 423, 429) and a readable ``reason``."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or {}


@dataclass(frozen=True)
class CardRequest:
    title: str
    kind: str
    stage: str | None
    persona: str | None
    author: str | None
    client_id: str


@dataclass(frozen=True)
class VoteRequest:
    card: str
    client_id: str


def parse_body(raw: bytes) -> dict[str, Any]:
    """The JSON object of a request body, or a 400 saying what is wrong with it."""
    if len(raw) > MAX_BODY_BYTES:
        raise ProtocolError(400, f"the request is larger than {MAX_BODY_BYTES // 1024} KB")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ProtocolError(400, "the body is not JSON in UTF-8") from None
    if not isinstance(value, dict):
        raise ProtocolError(400, "the body must be a JSON object")
    return value


def parse_card(body: dict[str, Any], stages: set[str], lanes: set[str]) -> CardRequest:
    _only(body, {"title", "kind", "stage", "persona", "author", "client_id"})
    title = _text(body, "title", MAX_TITLE, required=True)
    assert title is not None
    if not title:
        raise ProtocolError(400, "title is empty")
    kind = body.get("kind", "touchpoint")
    if kind not in CARD_KINDS or not isinstance(kind, str):
        raise ProtocolError(400, f"kind must be one of {', '.join(CARD_KINDS)}")
    stage = _ref(body, "stage", stages, "stage")
    persona = _ref(body, "persona", lanes, "lane")
    author = _text(body, "author", MAX_AUTHOR) or None
    return CardRequest(title, kind, stage, persona, author, _client_id(body))


def parse_vote(body: dict[str, Any]) -> VoteRequest:
    _only(body, {"card", "client_id"})
    card = body.get("card")
    if not isinstance(card, str) or not card:
        raise ProtocolError(400, "card must be the id of a card in the voting round")
    return VoteRequest(card, _client_id(body))


def _only(body: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ProtocolError(400, f"unknown field {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")


def _text(body: dict[str, Any], key: str, limit: int, required: bool = False) -> str | None:
    if key not in body or body[key] is None:
        if required:
            raise ProtocolError(400, f"{key} is missing")
        return None
    value = body[key]
    if not isinstance(value, str):
        raise ProtocolError(400, f"{key} must be text, not {_json_type(value)}")
    if len(value) > limit:
        raise ProtocolError(400, f"{key} is longer than {limit} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ProtocolError(400, f"{key} is not valid Unicode text") from None
    value = " ".join(value.split())
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise ProtocolError(400, f"{key} contains control characters")
    return value


def _ref(body: dict[str, Any], key: str, known: set[str], what: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProtocolError(400, f"{key} must be a {what} id or null, not {_json_type(value)}")
    if value not in known:
        raise ProtocolError(400, f"{key} is not a {what} of this map")
    return value


def _client_id(body: dict[str, Any]) -> str:
    value = body.get("client_id")
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_CLIENT_ID or not value.isprintable():
        raise ProtocolError(400, f"client_id must be text of 1 to {MAX_CLIENT_ID} printable characters")
    return value


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
