"""Opening a map that a room left unfinished: its journal is folded into the map before the map is read.

This is how an app or headless room that was killed loses nothing: every entry a phone saw "sent"
for is in the journal, and the next opening brings it into the map's inbox (and saves the map).
"""

from __future__ import annotations

import os

from journeymap.room.journal import journal_path, recover


def fold_room_journal(path: str | os.PathLike[str]) -> str | None:
    """Fold a journal beside ``path`` into it; returns what to tell the user, or None if there was none.

    Raises MapFileError when the map cannot be read or a room is still open on it elsewhere.
    """
    if not journal_path(path).exists():
        return None
    _journey, replay = recover(path)
    if replay is None:
        return None
    message = f"Brought {replay.applied} ideas and votes from an unfinished room into the map"
    if replay.skipped:
        message += f"; {len(replay.skipped)} could no longer apply (their cards were deleted)"
    return message
