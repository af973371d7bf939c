"""Progress reports from long reads, and the way a caller stops one.

A reader calls ``progress(done, total, message)`` now and then; the callback may raise
:class:`ImportCancelled` to stop the read (the app's Cancel button does), and readers let that
exception through untouched.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int, str], None]


class ImportCancelled(Exception):  # noqa: N818 - it is a request, not a failure
    """The user stopped a read before it finished."""


def no_progress(_done: int, _total: int, _message: str) -> None:
    """The default callback: nobody is watching."""
