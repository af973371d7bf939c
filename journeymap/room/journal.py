"""The room's journal: every acknowledged submission and vote, on disk before the phone hears "sent".

An append-only file of JSON lines beside the map (``MAP.cjm.journal``). The first line names the
journal with a random id; each entry after it has a sequence number. Entries are written in
batches and fsync'd once per batch (group commit), so sixty phones sending at once cost a few disk
syncs, not sixty. The map records how far it holds a journal (:class:`JournalMark`), so replaying
after a crash applies each entry exactly once; a torn last line was never acknowledged and is
ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymap.io.cjm import load_cjm, save_cjm
from journeymap.io.errors import MapFileError
from journeymap.model import InboxError, JournalMark, JourneyMap, Kind, Submission

SUFFIX = ".journal"


def journal_path(map_path: str | os.PathLike[str]) -> Path:
    path = Path(map_path)
    return path.with_name(path.name + SUFFIX)


class Journal:
    """An open journal being appended to (by the room's server thread only)."""

    def __init__(self, path: Path, journal_id: str, handle: Any) -> None:
        self.path, self.journal_id, self._handle = path, journal_id, handle
        self.last_seq = 0

    @classmethod
    def create(cls, map_path: str | os.PathLike[str]) -> Journal:
        """Start a new journal beside the map; an old one must have been replayed first."""
        path = journal_path(map_path)
        journal_id = secrets.token_hex(8)
        try:
            handle = open(path, "xb")  # noqa: SIM115 - kept open for the room's lifetime
        except FileExistsError:
            raise MapFileError(path, "already exists: replay it first (open the map again)") from None
        except OSError as error:
            raise MapFileError(path, f"cannot be written ({error.strerror or error})") from None
        _lock(handle, path)
        journal = cls(path, journal_id, handle)
        journal._write([{"journal": journal_id, "type": "header"}])
        _sync_folder(path.parent)
        return journal

    def reopen(self) -> Journal:
        """Append again after :meth:`close` (a room closed and opened again before the map was saved)."""
        try:
            handle = open(self.path, "ab")  # noqa: SIM115 - kept open for the room's lifetime
        except OSError as error:
            raise MapFileError(self.path, f"cannot be written ({error.strerror or error})") from None
        _lock(handle, self.path)
        self._handle = handle
        return self

    def append(self, entries: list[dict[str, Any]]) -> None:
        """Write entries (each with its ``seq``) and sync them to disk before returning."""
        self._write(entries)
        self.last_seq = max(self.last_seq, *(e["seq"] for e in entries))

    def _write(self, entries: list[dict[str, Any]]) -> None:
        data = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
        self._handle.write(data.encode("utf-8"))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()

    def remove(self) -> None:
        """Delete the journal once the map on disk holds all of it."""
        self.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        _sync_folder(self.path.parent)


@dataclass(frozen=True)
class Replay:
    """What a replay did: entries applied, and entries that could no longer apply (with why)."""

    applied: int
    skipped: list[str]


def read_entries(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The journal's id and its complete entries; a torn or garbled tail ends the reading."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise MapFileError(path, f"cannot be read ({error.strerror or error})") from None
    lines = raw.split(b"\n")
    entries: list[dict[str, Any]] = []
    journal_id = ""
    for number, line in enumerate(lines[:-1]):  # the part after the last newline was never synced whole
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            break
        if not isinstance(entry, dict):
            break
        if number == 0:
            if entry.get("type") != "header" or not isinstance(entry.get("journal"), str):
                raise MapFileError(path, "is not a room journal (no header line)")
            journal_id = entry["journal"]
        elif isinstance(entry.get("seq"), int):
            entries.append(entry)
    if not journal_id:
        raise MapFileError(path, "is empty or not a room journal")
    return journal_id, entries


def apply_entry(journey: JourneyMap, entry: dict[str, Any]) -> str | None:
    """Put one journal entry into the map; returns why it could not apply, or None."""
    if entry.get("type") == "card":
        stage = entry.get("stage") if journey.node_type(entry.get("stage") or "") == "stage" else None
        persona = entry.get("persona") if journey.node_type(entry.get("persona") or "") == "lane" else None
        try:
            submission = Submission(
                str(entry["title"]), Kind(entry.get("kind", "touchpoint")), stage, persona, entry.get("author")
            )
            submission_id = entry["id"] if entry.get("id") not in journey.inbox else None
            journey.inbox.add(submission, submission_id)
        except (KeyError, ValueError, InboxError) as error:
            return f"card entry {entry.get('seq')}: {error}"
        return None
    if entry.get("type") == "vote":
        card = entry.get("card")
        if not isinstance(card, str) or journey.node_type(card) != "card":
            return f"vote entry {entry.get('seq')}: the card {card!r} is no longer on the map"
        journey.voting.add(card)
        return None
    return f"entry {entry.get('seq')}: unknown type {entry.get('type')!r}"


def replay_into(journey: JourneyMap, path: Path) -> Replay:
    """Apply the entries of the journal at ``path`` that the map does not hold yet."""
    journal_id, entries = read_entries(path)
    mark = journey.journal_mark
    done = mark.applied if mark is not None and mark.journal_id == journal_id else 0
    applied, skipped, last = 0, [], done
    for entry in entries:
        if entry["seq"] <= done:
            continue
        problem = apply_entry(journey, entry)
        if problem:
            skipped.append(problem)
        else:
            applied += 1
        last = max(last, entry["seq"])
    journey.journal_mark = JournalMark(journal_id, last)
    return Replay(applied, skipped)


def recover(map_path: str | os.PathLike[str]) -> tuple[JourneyMap, Replay | None]:
    """Load a map and fold in a journal a room left beside it: saved atomically, then the journal goes.

    The order matters: the map with the entries (and the mark that says so) is on disk before the
    journal is deleted, so a crash in between at worst replays nothing twice.
    """
    journey = load_cjm(map_path)
    path = journal_path(map_path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - held (and locked) across the fold
    except FileNotFoundError:
        return journey, None
    except OSError as error:
        raise MapFileError(path, f"cannot be read ({error.strerror or error})") from None
    with handle:
        _lock(handle, path)  # a room still open on this map holds the lock: never fold a live journal
        replay = replay_into(journey, path)
        save_cjm(journey, map_path)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    _sync_folder(path.parent)
    return journey, replay


def _lock(handle: Any, path: Path) -> None:
    """Hold an exclusive lock on the journal while a room writes it or a replay folds it."""
    if sys.platform == "win32":  # Windows already refuses to delete a file another process has open
        return
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise MapFileError(path, "is in use: a room is open on this map in another window or process") from None


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
