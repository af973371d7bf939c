"""The room's web server: aiohttp on its own thread and event loop, so the canvas never waits for a phone.

Everything lives under ``/r/TOKEN/`` (the token is 128 random bits); any other path answers 403.
A card or vote is answered 201 only once its journal entry is fsync'd; then it is handed to the
map's thread through a queue (:meth:`RoomServer.drain`), with an optional ``notify`` callback to wake
that thread. The map's thread hands back what phones may see with :meth:`RoomServer.publish`.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import queue
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from typing import Any

from aiohttp import web

from journeymap.room.journal import Journal
from journeymap.room.participants import CARDS_PER_MINUTE, MAX_PARTICIPANTS, Participant, Participants
from journeymap.room.protocol import (
    CARD_KINDS,
    MAX_BODY_BYTES,
    ProtocolError,
    parse_body,
    parse_card,
    parse_vote,
)
from journeymap.room.view import RoomView

COOKIE = "jm_participant"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
PAGE_FILES = {
    "": ("index.html", "text/html"),
    "room.js": ("room.js", "text/javascript"),
    "room.css": ("room.css", "text/css"),
    "icon.svg": ("icon.svg", "image/svg+xml"),
}
KEEP_ALIVE_SECONDS = 15.0
NEW_PARTICIPANT = web.RequestKey("new_participant", str)


class RoomError(Exception):
    """The room could not open (port taken, address not on this machine)."""


# What arrives is the journal entry itself ({"seq", "type": "card" | "vote", …}): the map's thread
# applies it with journeymap.room.journal.apply_entry, exactly as a replay would.
RoomEvent = dict[str, Any]


def load_page() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("journeymap.resources") / "room"
    return {route: ((folder / name).read_bytes(), kind) for route, (name, kind) in PAGE_FILES.items()}


class RoomServer:
    """One open room. ``start()`` returns once it listens; ``stop()`` returns once the port is free."""

    def __init__(
        self,
        view: RoomView,
        journal: Journal,
        host: str = "127.0.0.1",
        port: int = 0,
        first_idea: int = 1,
        notify: Callable[[], None] | None = None,
        max_participants: int = MAX_PARTICIPANTS,
        cards_per_minute: int = CARDS_PER_MINUTE,
    ) -> None:
        self.token = secrets.token_urlsafe(16)  # 128 bits
        self.host, self.port = host, port
        self._view = view
        self._journal = journal
        self._notify = notify or (lambda: None)
        self._participants = Participants(max_participants, cards_per_minute)
        self._next_idea = first_idea
        self._seq = journal.last_seq
        self._events: queue.SimpleQueue[RoomEvent] = queue.SimpleQueue()
        self._page = load_page()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="room-journal")
        self._pending: list[tuple[RoomEvent, asyncio.Future[None]]] = []
        self._writing = False
        self._changed: asyncio.Event | None = None
        self._closing = False
        self._done: dict[tuple[str, str], tuple[str, asyncio.Future[None]]] = {}
        # Milliseconds from a card or vote reaching its handler to its stored answer (for benchmarks).
        self.store_times_ms: deque[float] = deque(maxlen=10_000)

    # ------------------------------------------------------------ the map's thread
    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/r/{self.token}/"

    @property
    def prefix(self) -> str:
        return f"/r/{self.token}/"

    def start(self) -> str:
        started = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(started, failure), name="room-server", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            self._thread.join()
            raise RoomError(_why_not(self.host, self.port, failure[0])) from failure[0]
        return self.url

    def stop(self) -> None:
        """Close every connection and free the port; entries already stored stay in the queue."""
        if self._loop is None or self._thread is None:
            return
        with contextlib.suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._writer.shutdown(wait=True)
        self._loop = None

    def publish(self, view: RoomView) -> None:
        """Show phones a new snapshot (names, voting round, timer, lock); safe from any thread."""
        self._view = view
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._bump)

    def drain(self, limit: int | None = None) -> list[RoomEvent]:
        """What was stored since the last call (at most ``limit`` entries), in journal order."""
        events: list[RoomEvent] = []
        while limit is None or len(events) < limit:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                break
        return events

    @property
    def participant_count(self) -> int:
        return len(self._participants)

    # ------------------------------------------------------------ the server's thread
    def _run(self, started: threading.Event, failure: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._open())
        except (OSError, RuntimeError) as error:
            failure.append(error)
            loop.run_until_complete(self._close_runner())
            loop.close()
            started.set()
            return
        self._loop = loop
        started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _open(self) -> None:
        self._changed = asyncio.Event()
        app = web.Application(middlewares=[self._guard], client_max_size=MAX_BODY_BYTES * 2)
        routes = {
            ("GET", "api/state"): self._get_state,
            ("GET", "api/events"): self._get_events,
            ("POST", "api/cards"): self._post_card,
            ("POST", "api/votes"): self._post_vote,
        }
        for (method, path), handler in routes.items():
            app.router.add_route(method, self.prefix + path, handler)
        for path in PAGE_FILES:
            app.router.add_get(self.prefix + path, self._get_page)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        self._closing = True
        self._bump()
        await self._close_runner()

    async def _close_runner(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _bump(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        path = request.path
        token = path[3:].split("/", 1)[0] if path.startswith("/r/") else ""
        if not secrets.compare_digest(token.encode(), self.token.encode()):
            response: web.StreamResponse = _json({"error": "this is not a room you were invited to"}, 403)
        elif path == f"/r/{self.token}":
            response = web.Response(status=302, headers={"Location": self.prefix})
        else:
            try:
                response = await handler(request)
            except ProtocolError as error:
                response = _json({"error": error.reason}, error.status)
                response.headers.update(error.headers)
            except web.HTTPException as error:
                response = _json({"error": error.reason}, error.status)
        new_key = request.get(NEW_PARTICIPANT)
        if new_key and not response.prepared:
            response.set_cookie(COOKIE, new_key, path=self.prefix, httponly=True, samesite="Strict", max_age=86400)
        if not response.prepared:
            response.headers.update(SECURITY_HEADERS)
        return response

    def _participant(self, request: web.Request, joining: bool = True) -> Participant:
        known = self._participants.get(request.cookies.get(COOKIE))
        if known is not None:
            return known
        if not joining:
            raise ProtocolError(403, "open the room's page first")
        if self._view.locked:
            raise ProtocolError(423, "the room is locked: the facilitator is not taking new participants")
        participant = self._participants.join()
        if participant is None:
            raise ProtocolError(403, "the room is full")
        request[NEW_PARTICIPANT] = participant.key
        return participant

    async def _get_page(self, request: web.Request) -> web.Response:
        body, kind = self._page[request.path[len(self.prefix) :]]
        return web.Response(body=body, content_type=kind, charset="utf-8")

    async def _get_state(self, request: web.Request) -> web.Response:
        return _json(self._state(self._participant(request)))

    async def _get_events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: the state now, then again whenever it changes."""
        participant = self._participant(request)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", **SECURITY_HEADERS})
        new_key = request.get(NEW_PARTICIPANT)
        if new_key:
            response.set_cookie(COOKIE, new_key, path=self.prefix, httponly=True, samesite="Strict", max_age=86400)
        await response.prepare(request)
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while not self._closing:
                changed = self._changed
                assert changed is not None
                data = json.dumps(self._state(participant), ensure_ascii=False)
                await response.write(f"data: {data}\n\n".encode())
                while not self._closing:
                    try:
                        await asyncio.wait_for(changed.wait(), KEEP_ALIVE_SECONDS)
                        break
                    except TimeoutError:
                        await response.write(b": still here\n\n")
        return response

    async def _post_card(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        body = parse_body(await _read_body(request))
        participant = self._participant(request)
        view = self._view
        card = parse_card(body, view.stage_ids(), view.lane_ids())
        key = (participant.key, "card:" + card.client_id)
        if key in self._done:
            return await self._repeat(key)
        if view.locked:
            raise ProtocolError(423, "the room is locked: the facilitator is not taking new cards")
        wait = participant.take_slot(Participants.now(), self._participants.per_minute)
        if wait:
            raise ProtocolError(
                429,
                f"at most {self._participants.per_minute} cards a minute; try again shortly",
                {"Retry-After": str(max(1, int(wait + 0.999)))},
            )
        card_id = f"idea-{self._next_idea}"
        self._next_idea += 1
        self._seq += 1
        entry = {
            "seq": self._seq,
            "type": "card",
            "id": card_id,
            "title": card.title,
            "kind": card.kind,
            "stage": card.stage,
            "persona": card.persona,
            "author": card.author,
        }
        await self._store_once(key, card_id, entry, started)
        return _json({"id": card_id}, 201)

    async def _post_vote(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        body = parse_body(await _read_body(request))
        participant = self._participant(request)
        vote = parse_vote(body)
        key = (participant.key, "vote:" + vote.client_id)
        if key in self._done:
            return await self._repeat(key)
        voting = self._view.voting
        if voting is None:
            raise ProtocolError(409, "no voting round is open")
        if vote.card not in self._view.card_ids:
            raise ProtocolError(409, "that card is not in this voting round")
        if participant.round_number != voting.number:
            participant.round_number, participant.votes = voting.number, {}
        if participant.spent(voting.number) >= voting.dots:
            raise ProtocolError(409, f"your {voting.dots} dots are spent")
        participant.votes[vote.card] = participant.votes.get(vote.card, 0) + 1  # reserved before the await
        self._seq += 1
        try:
            await self._store_once(key, vote.card, {"seq": self._seq, "type": "vote", "card": vote.card}, started)
        except ProtocolError:
            participant.votes[vote.card] -= 1
            raise
        return _json({"card": vote.card, "left": voting.dots - participant.spent(voting.number)}, 201)

    async def _repeat(self, key: tuple[str, str]) -> web.Response:
        """A retry of a request already taken: the same answer, 200, once the first is stored."""
        item_id, stored = self._done[key]
        await asyncio.shield(stored)
        field = "id" if key[1].startswith("card:") else "card"
        return _json({field: item_id}, 200)

    async def _store_once(self, key: tuple[str, str], item_id: str, entry: RoomEvent, started: float) -> None:
        assert self._loop is not None
        stored: asyncio.Future[None] = self._loop.create_future()
        self._done[key] = (item_id, stored)
        self._pending.append((entry, stored))
        if not self._writing:
            self._writing = True
            self._loop.create_task(self._write_pending())
        try:
            await asyncio.shield(stored)
        except OSError:
            del self._done[key]
            raise ProtocolError(503, "the laptop could not store it; try again") from None
        self.store_times_ms.append((time.perf_counter() - started) * 1000)

    async def _write_pending(self) -> None:
        """Group commit: whatever queued up while the disk synced goes out in the next single fsync."""
        assert self._loop is not None
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    await self._loop.run_in_executor(self._writer, self._journal.append, [e for e, _ in batch])
                except OSError as error:
                    for _, stored in batch:
                        stored.set_exception(error)
                        stored.exception()  # retrieved: a failed store is answered, not logged
                    continue
                for entry, stored in batch:
                    self._events.put(entry)
                    stored.set_result(None)
                self._notify()
        finally:
            self._writing = False

    def _state(self, participant: Participant) -> dict[str, Any]:
        view = self._view
        state: dict[str, Any] = {
            "title": view.title,
            "stages": [{"id": s, "name": n} for s, n in view.stages],
            "lanes": [{"id": p, "name": n} for p, n in view.lanes],
            "kinds": list(CARD_KINDS),
            "locked": view.locked,
            "voting": None,
            "timer": None,
        }
        if view.voting is not None:
            mine = participant.votes_in(view.voting.number)
            state["voting"] = {
                "round": view.voting.number,
                "dots": view.voting.dots,
                "left": view.voting.dots - participant.spent(view.voting.number),
                "cards": [
                    {"id": c.id, "title": c.title, "kind": c.kind, "stage": c.stage, "mine": mine.get(c.id, 0)}
                    for c in view.voting.cards
                ],
            }
        if view.timer is not None:
            state["timer"] = {"remaining_ms": int(view.timer.remaining() * 1000), "seconds": view.timer.seconds}
        return state


async def _read_body(request: web.Request) -> bytes:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise ProtocolError(400, f"the request is larger than {MAX_BODY_BYTES // 1024} KB")
    if request.content_type != "application/json":
        raise ProtocolError(400, "send JSON with Content-Type: application/json")
    chunks: list[bytes] = []
    size = 0
    while chunk := await request.content.read(MAX_BODY_BYTES + 1 - size):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ProtocolError(400, f"the request is larger than {MAX_BODY_BYTES // 1024} KB")
    return b"".join(chunks)


def _why_not(host: str, port: int, error: BaseException) -> str:
    code = getattr(error, "errno", None)
    if code == errno.EADDRINUSE:
        return f"cannot open the room: port {port} on {host} is in use; choose another port"
    if code == errno.EADDRNOTAVAIL:
        return f"cannot open the room: {host} is not an address of this computer"
    return f"cannot open the room on {host}:{port}: {error}"


def _json(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))
