"""The room's load generator, run as its own process (phones are not on the laptop): N participants
each send their cards and votes at once. Prints one JSON line: latencies in ms and the ids acknowledged.

    python bench/room_load.py URL [PARTICIPANTS] [CARDS] [VOTES]
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

import aiohttp


def _timed(results: dict) -> aiohttp.TraceConfig:
    """Latency from the request on the wire to the answer: not the time it waited in this process."""
    trace = aiohttp.TraceConfig()

    async def sent(_session: object, context: object, _params: object) -> None:
        context.sent = time.perf_counter()  # type: ignore[attr-defined]

    async def answered(_session: object, context: object, params: aiohttp.TraceRequestEndParams) -> None:
        kind = "card_ms" if params.url.path.endswith("api/cards") else "vote_ms"
        results[kind].append((time.perf_counter() - context.sent) * 1000)  # type: ignore[attr-defined]

    trace.on_request_headers_sent.append(sent)
    trace.on_request_end.append(answered)
    return trace


async def participant(
    session: aiohttp.ClientSession, url: str, number: int, cards: int, votes: int, results: dict
) -> None:
    async with session.get(url + "api/state") as response:
        state = await response.json()
    round_cards = [c["id"] for c in (state["voting"] or {}).get("cards", [])]

    async def send_card(n: int) -> None:
        body = {
            "title": f"participant {number} idea {n}",
            "kind": "pain_point" if n % 3 else "touchpoint",
            "client_id": f"{number}-{n}",
        }
        async with session.post(url + "api/cards", json=body) as response:
            answer = await response.json()
        results["statuses"].append(response.status)
        if response.status == 201:
            results["ids"].append(answer["id"])

    async def send_vote(n: int) -> None:
        body = {"card": random.choice(round_cards), "client_id": f"v{number}-{n}"}
        async with session.post(url + "api/votes", json=body) as response:
            await response.read()
        results["vote_statuses"].append(response.status)

    await asyncio.gather(*(send_card(n) for n in range(cards)), *(send_vote(n) for n in range(votes)))


async def main(url: str, participants: int, cards: int, votes: int) -> dict:
    results: dict = {"card_ms": [], "vote_ms": [], "statuses": [], "vote_statuses": [], "ids": []}
    # Each phone is its own client with a browser's six connections to the laptop.
    sessions = [
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=6),
            trace_configs=[_timed(results)],
            cookie_jar=aiohttp.CookieJar(unsafe=True),
        )
        for _ in range(participants)
    ]
    started = time.perf_counter()
    try:
        await asyncio.gather(*(participant(s, url, i, cards, votes, results) for i, s in enumerate(sessions)))
    finally:
        for session in sessions:
            await session.close()
    results["wall_s"] = time.perf_counter() - started
    return results


if __name__ == "__main__":
    arguments = sys.argv[1:]
    url = arguments[0]
    numbers = [int(a) for a in arguments[1:]] + [60, 10, 3][len(arguments) - 1 :]
    print(json.dumps(asyncio.run(main(url, *numbers[:3]))))
