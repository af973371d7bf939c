"""`journeymap room MAP.cjm` as a child process: one line with the URL, clean stops, nothing acknowledged lost."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journeymap.room.journal import journal_path
from tests.room.phone import Phone

ROOT = Path(__file__).resolve().parents[2]
URL_LINE = re.compile(r"^Room open at (http://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]{22,}/)$")


@contextmanager
def headless_room(map_path: Path, *options: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "journeymap", "room", str(map_path), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "the room printed no URL within 60 s"
        line = child.stdout.readline().rstrip("\n")
        match = URL_LINE.match(line)
        assert match, (line, child.stderr.read() if child.poll() is not None else "")
        yield child, match.group(1)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()


def inspect(map_path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "journeymap", "inspect", str(map_path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_sigterm_stops_cleanly_and_the_map_holds_the_inbox(map_path: Path) -> None:
    with headless_room(map_path) as (child, url):
        phone = Phone(url)
        land = phone.state()["stages"][0]["id"]
        assert phone.card("Invoice came late", "a", kind="pain_point", stage=land, author="Ana")[0] == 201
        assert phone.card("Nobody called back", "b")[0] == 201
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0
        assert child.stdout.read() == ""  # the URL line was the only line on stdout
    data = inspect(map_path)
    assert data["inbox"] == [
        {
            "id": "idea-1",
            "title": "Invoice came late",
            "kind": "pain_point",
            "stage": "Land",
            "persona": None,
            "author": "Ana",
        },
        {
            "id": "idea-2",
            "title": "Nobody called back",
            "kind": "touchpoint",
            "stage": None,
            "persona": None,
            "author": None,
        },
    ]
    assert not journal_path(map_path).exists()


def test_the_map_on_disk_follows_while_the_room_runs(map_path: Path) -> None:
    """Saved when the room goes quiet: a crash of the laptop itself would find the ideas in the map file."""
    with headless_room(map_path) as (child, url):
        assert Phone(url).card("Saved without stopping", "1")[0] == 201
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if [i["title"] for i in json.loads(map_path.read_text(encoding="utf-8")).get("inbox", [])]:
                break
            time.sleep(0.1)
        assert [i["title"] for i in inspect(map_path)["inbox"]] == ["Saved without stopping"]
        assert child.poll() is None  # still serving
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0


def test_vote_opens_a_round_and_sigint_keeps_the_dots(map_path: Path) -> None:
    with headless_room(map_path, "--vote", "2") as (child, url):
        phone = Phone(url)
        voting = phone.state()["voting"]
        assert voting["dots"] == 2 and len(voting["cards"]) == 4
        pain = next(c["id"] for c in voting["cards"] if c["title"] == "Stuck on import")
        assert phone.vote(pain, "1")[0] == 201
        assert phone.vote(pain, "2")[0] == 201
        assert phone.vote(pain, "3")[0] == 409
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=30) == 0
    votes = {t["title"]: t["votes"] for t in inspect(map_path)["touchpoints"]}
    assert votes == {"Pricing page": 0, "Checkout": 0, "Stuck on import": 2, "Admin training": 0}


def test_a_second_room_on_the_same_map_or_port_is_one_line_of_error(map_path: Path) -> None:
    with headless_room(map_path) as (_child, url):
        port = url.split(":")[2].split("/")[0]
        done = subprocess.run(
            [sys.executable, "-m", "journeymap", "room", str(map_path), "--port", port],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert done.returncode == 1
    assert done.stderr.startswith("journeymap: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "is in use: a room is open on this map" in done.stderr
    other = map_path.with_name("other.cjm")
    other.write_bytes(map_path.read_bytes())
    with headless_room(map_path) as (_child, url):
        port = url.split(":")[2].split("/")[0]
        done = subprocess.run(
            [sys.executable, "-m", "journeymap", "room", str(other), "--port", port],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert done.returncode == 1
    assert (
        done.stderr == f"journeymap: error: cannot open the room: port {port} on 127.0.0.1 is in use; "
        "choose another port\n"
    )
    assert not journal_path(other).exists()


def test_sigkill_mid_load_loses_no_acknowledged_card(map_path: Path) -> None:
    """Ten phones send as fast as they can; the room is killed; every card answered 201 comes back."""
    acknowledged: set[tuple[str, str]] = set()
    lock = threading.Lock()
    with headless_room(map_path) as (child, url):
        stop_at = time.monotonic() + 20

        def phone_sends(number: int) -> None:
            phone = Phone(url)
            for n in range(20):  # 20 cards a minute is a phone's limit
                if time.monotonic() > stop_at:
                    return
                title = f"phone {number} idea {n}"
                try:
                    status, body = phone.card(title, f"{number}-{n}")
                except OSError:
                    return  # the room is gone
                if status == 201:
                    with lock:
                        acknowledged.add((body["id"], title))

        phones = [threading.Thread(target=phone_sends, args=(i,)) for i in range(10)]
        for thread in phones:
            thread.start()
        while len(acknowledged) < 60 and time.monotonic() < stop_at:
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for thread in phones:
            thread.join(timeout=30)
    assert len(acknowledged) >= 60
    assert journal_path(map_path).exists()
    with headless_room(map_path) as (child, _url):  # the next room replays the journal
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0
    inbox = {(item["id"], item["title"]) for item in inspect(map_path)["inbox"]}
    assert acknowledged <= inbox
    assert len(inbox) == len({title for _, title in inbox})  # and none twice


def test_the_headless_room_never_loads_qt() -> None:
    script = (
        "import sys\nimport journeymap.app.cli, journeymap.room.headless, journeymap.room.server\n"
        "print(sorted(m for m in ('PySide6', 'shiboken6') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
