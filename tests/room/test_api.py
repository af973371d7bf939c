"""The room's JSON API, rule by rule: each test tries to break one promise of docs/room.md."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from journeymap.model import Submission, VoteScope, VotingRound
from journeymap.room.host import RoomHost
from journeymap.room.journal import journal_path, read_entries
from tests.room.phone import Phone


def test_the_token_has_at_least_128_bits_and_every_other_path_is_refused(room: RoomHost) -> None:
    token = room.server.token
    assert len(token) >= 22  # urlsafe base64: 22 characters carry 128 bits
    phone = Phone(room.url)
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    for path in (
        "/",
        "/favicon.ico",
        "/r/",
        f"/r/{wrong}/",
        f"/r/{wrong}/api/state",
        f"/r/{token[:-1]}/api/state",
        f"/r/{token}x/api/state",
        "/api/state",
        f"/r/{wrong}/room.js",
    ):
        status, body, _ = phone.request("GET", path, absolute=True)
        assert status == 403, path
        assert "error" in body
    status, _, _ = phone.request("POST", f"/r/{wrong}/api/cards", {"title": "x", "client_id": "1"}, absolute=True)
    assert status == 403
    assert not read_entries(journal_path(room.map_path))[1]


def test_the_page_is_served_with_a_strict_content_security_policy(room: RoomHost) -> None:
    phone = Phone(room.url)
    for path in ("", "room.js", "room.css", "api/state"):
        status, _, response = phone.request("GET", path)
        assert status == 200, path
        assert response.getheader("Content-Security-Policy") == "default-src 'self'"
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Referrer-Policy") == "no-referrer"


def test_state_shows_only_names_and_sets_a_participant_cookie(room: RoomHost) -> None:
    room.journey.inbox.add(Submission("secret idea"))
    room.publish()
    phone = Phone(room.url)
    status, state, response = phone.request("GET", "api/state")
    assert status == 200
    cookie = response.getheader("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and f"Path=/r/{room.server.token}/" in cookie
    assert state["title"] == "Workshop map"
    assert [s["name"] for s in state["stages"]] == ["Land", "Adoption"]
    assert [p["name"] for p in state["lanes"]] == ["SMB", "Enterprise"]
    assert state["voting"] is None and state["timer"] is None
    text = json.dumps(state)
    assert "secret idea" not in text and "Pricing page" not in text and "Growth" not in text


def test_a_card_is_acknowledged_only_once_it_is_in_the_journal_and_retries_never_duplicate(room: RoomHost) -> None:
    phone = Phone(room.url)
    land = phone.state()["stages"][0]["id"]
    status, body = phone.card("Waiting for the invoice", "c-1", kind="pain_point", stage=land, author="Ana")
    assert status == 201
    _, entries = read_entries(journal_path(room.map_path))
    assert [(e["id"], e["title"], e["kind"], e["stage"], e["author"]) for e in entries] == [
        (body["id"], "Waiting for the invoice", "pain_point", land, "Ana")
    ]
    again = phone.card("Waiting for the invoice", "c-1", kind="pain_point", stage=land, author="Ana")
    assert again == (200, {"id": body["id"]})
    assert len(read_entries(journal_path(room.map_path))[1]) == 1
    other = Phone(room.url)
    other.state()
    status, second = other.card("Waiting for the invoice", "c-1")  # another phone's c-1 is another card
    assert status == 201 and second["id"] != body["id"]
    assert room.take_arrivals() == 2
    assert room.journey.inbox.ids() == [body["id"], second["id"]]
    submission = room.journey.inbox.get(body["id"])
    assert (submission.title, submission.kind.value, submission.stage, submission.author) == (
        "Waiting for the invoice",
        "pain_point",
        land,
        "Ana",
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"title": "x" * 201, "client_id": "a"}, "longer than 200"),
        ({"title": "ok", "client_id": "a", "colour": "red"}, "unknown field 'colour'"),
        ({"title": 5, "client_id": "a"}, "title must be text"),
        ({"title": ["x"], "client_id": "a"}, "title must be text"),
        ({"title": "ok", "client_id": 7}, "client_id"),
        ({"title": "ok"}, "client_id"),
        ({"client_id": "a"}, "title is missing"),
        ({"title": "   ", "client_id": "a"}, "title is empty"),
        ({"title": "ok", "kind": "rumour", "client_id": "a"}, "kind must be one of"),
        ({"title": "ok", "kind": 3, "client_id": "a"}, "kind must be one of"),
        ({"title": "ok", "stage": "stage-99", "client_id": "a"}, "not a stage"),
        ({"title": "ok", "stage": 1, "client_id": "a"}, "stage must be"),
        ({"title": "ok", "persona": "stage-1", "client_id": "a"}, "not a lane"),
        ({"title": "ok", "author": {"n": 1}, "client_id": "a"}, "author must be text"),
        ({"title": "a\x07b", "client_id": "a"}, "control characters"),
        ({"title": "\ud800", "client_id": "a"}, "not valid Unicode"),
    ],
)
def test_bad_cards_answer_400_with_a_reason_and_store_nothing(room: RoomHost, body: dict, reason: str) -> None:
    phone = Phone(room.url)
    status, answer, _ = phone.request("POST", "api/cards", body)
    assert status == 400
    assert reason in answer["error"]
    assert not read_entries(journal_path(room.map_path))[1]


def test_bodies_over_8_kb_and_non_json_answer_400(room: RoomHost) -> None:
    phone = Phone(room.url)
    big = json.dumps({"title": "x", "client_id": "a", "author": "y" * 9000}).encode()
    status, answer, _ = phone.request("POST", "api/cards", raw=big)
    assert status == 400 and "8 KB" in answer["error"]
    status, answer, _ = phone.request("POST", "api/cards", raw=b"{not json")
    assert status == 400 and "not JSON" in answer["error"]
    status, answer, _ = phone.request("POST", "api/cards", raw=b"[1, 2]")
    assert status == 400 and "object" in answer["error"]
    status, answer, _ = phone.request(
        "POST", "api/cards", raw=b'{"title": "x", "client_id": "a"}', headers={"Content-Type": "text/plain"}
    )
    assert status == 400 and "Content-Type" in answer["error"]


def test_at_most_20_cards_a_minute_per_participant(room: RoomHost) -> None:
    phone, other = Phone(room.url), Phone(room.url)
    for n in range(20):
        assert phone.card(f"idea {n}", f"c{n}")[0] == 201
    status, answer, response = phone.request("POST", "api/cards", {"title": "one more", "client_id": "c20"})
    assert status == 429 and "20 cards a minute" in answer["error"]
    assert int(response.getheader("Retry-After")) >= 1
    assert phone.card("idea 3", "c3")[0] == 200  # a retry is not a new card
    assert other.card("someone else", "c0")[0] == 201
    assert len(read_entries(journal_path(room.map_path))[1]) == 21


def test_the_room_has_a_cap_on_participants(room: RoomHost) -> None:
    phones = [Phone(room.url) for _ in range(5)]
    for phone in phones:
        phone.state()
    status, answer, _ = Phone(room.url).request("GET", "api/state")
    assert status == 403 and "full" in answer["error"]
    assert phones[0].card("still welcome", "x")[0] == 201


def test_a_locked_room_takes_no_new_cards_and_no_newcomers(room: RoomHost) -> None:
    phone = Phone(room.url)
    phone.state()
    room.set_locked(True)
    status, answer = phone.card("late idea", "x")
    assert status == 423 and "locked" in answer["error"]
    assert Phone(room.url).request("GET", "api/state")[0] == 423
    assert phone.state()["locked"] is True
    room.set_locked(False)
    assert phone.card("late idea", "x")[0] == 201


def test_votes_spend_dots_then_409_and_retries_are_free(room: RoomHost) -> None:
    phone = Phone(room.url)
    assert phone.vote("card-1", "v0")[0] == 409  # no round yet
    room.journey.voting.set_round(VotingRound(2, VoteScope.PAIN_POINTS))
    room.publish()
    voting = phone.state()["voting"]
    assert [c["title"] for c in voting["cards"]] == ["Stuck on import"]
    assert (voting["dots"], voting["left"]) == (2, 2)
    card = voting["cards"][0]["id"]
    assert phone.vote("card-1", "v1")[0] == 409  # not a pain point: not in this round
    assert phone.vote(card, "v1") == (201, {"card": card, "left": 1})
    assert phone.vote(card, "v1")[0] == 200
    assert phone.vote(card, "v2") == (201, {"card": card, "left": 0})
    status, answer = phone.vote(card, "v3")
    assert status == 409 and "dots are spent" in answer["error"]
    assert phone.state()["voting"]["cards"][0]["mine"] == 2
    status, answer, _ = phone.request("POST", "api/votes", {"card": card, "client_id": "v4", "weight": 9})
    assert status == 400 and "unknown field" in answer["error"]
    assert room.take_arrivals() == 2
    assert room.journey.voting.count(card) == 2
    room.journey.voting.set_round(VotingRound(1))  # a new round: fresh dots for everyone
    room.publish()
    assert phone.state()["voting"]["left"] == 1
    assert phone.vote(card, "v5")[0] == 201


def test_the_timer_reaches_phones(room: RoomHost) -> None:
    room.set_timer(300)
    timer = Phone(room.url).state()["timer"]
    assert timer["seconds"] == 300 and 290_000 < timer["remaining_ms"] <= 300_000


def test_closing_the_room_frees_the_port_and_the_journal_replays(map_path: Path) -> None:
    from journeymap.io.cjm import load_cjm, save_cjm
    from journeymap.room.journal import recover

    host = RoomHost(load_cjm(map_path), map_path)
    host.open()
    port = host.server.port
    phone = Phone(host.url)
    assert phone.card("kept", "k1")[0] == 201
    host.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # free again
    # The map was never saved: the journal alone brings the card back.
    journey, replay = recover(map_path)
    assert replay is not None and replay.applied == 1
    assert [journey.inbox.get(i).title for i in journey.inbox.ids()] == ["kept"]
    assert not journal_path(map_path).exists()
    assert load_cjm(map_path).inbox.ids() == journey.inbox.ids()
    save_cjm(journey, map_path)
    assert recover(map_path)[1] is None


def test_the_room_address_without_its_slash_redirects_and_unknown_paths_are_json(room: RoomHost) -> None:
    phone = Phone(room.url)
    status, _, response = phone.request("GET", f"/r/{room.server.token}", absolute=True)
    assert status == 302 and response.getheader("Location") == f"/r/{room.server.token}/"
    status, answer, _ = phone.request("GET", "api/nothing")
    assert status == 404 and answer["error"]
    status, answer, _ = phone.request("DELETE", "api/cards")
    assert status == 405 and answer["error"]
