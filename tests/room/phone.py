"""A test phone: plain HTTP to 127.0.0.1 with the room's cookie, as a browser would keep it."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit


class Phone:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1"
        self.host, self.port, self.base = parts.hostname, parts.port, parts.path
        self.cookie: str | None = None

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        absolute: bool = False,
    ) -> tuple[int, Any, http.client.HTTPResponse]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = self.cookie
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        if data is not None:
            sent.setdefault("Content-Type", "application/json")
        connection.request(method, path if absolute else self.base + path, body=data, headers=sent)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        content_type = response.getheader("Content-Type", "")
        value = json.loads(payload) if content_type.startswith("application/json") else payload
        return response.status, value, response

    def state(self) -> dict[str, Any]:
        status, value, _ = self.request("GET", "api/state")
        assert status == 200, value
        return value

    def card(self, title: str, client_id: str, **fields: Any) -> tuple[int, Any]:
        status, value, _ = self.request("POST", "api/cards", {"title": title, "client_id": client_id, **fields})
        return status, value

    def vote(self, card: str, client_id: str) -> tuple[int, Any]:
        status, value, _ = self.request("POST", "api/votes", {"card": card, "client_id": client_id})
        return status, value
