"""The decision pack: everything a facilitator sends the day of the workshop, in one folder.

Files, named after the map (``MAP``): ``MAP-poster.pdf`` (with the analysis pages), ``MAP-deck.pptx``,
``MAP-report.md``, ``MAP-actions.xlsx`` and ``MAP-actions.md`` (cards ranked by votes), and
``MAP-YYYY-MM-DD.cjm``, the map as it stood that day.

A pack is never half written: every file goes into a temporary folder beside the target first, and
only when all are complete are they moved in (the folder itself is renamed into place when it did
not exist). A failure or a cancel removes the temporary folder and leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.analysis.report import report_markdown
from journeymap.io.atomic import write_atomic
from journeymap.io.cjm import save_cjm
from journeymap.io.deck import write_pptx
from journeymap.io.errors import MapFileError
from journeymap.io.formats import Notice
from journeymap.io.pack.actions import write_actions_markdown, write_actions_xlsx
from journeymap.io.pdf import write_pdf
from journeymap.model import JourneyMap

ProgressFn = Callable[[int, int, str], None]
TOTAL = 1000  # progress units


@dataclass
class PackResult:
    folder: Path
    files: list[Path]
    notices: list[Notice] = field(default_factory=list)


def pack_names(stem: str, date: dt.date) -> list[str]:
    """The pack's file names, in the order they are written."""
    return [
        f"{stem}-poster.pdf",
        f"{stem}-deck.pptx",
        f"{stem}-report.md",
        f"{stem}-actions.xlsx",
        f"{stem}-actions.md",
        f"{stem}-{date.isoformat()}.cjm",
    ]


def existing_files(folder: str | os.PathLike[str], stem: str, date: dt.date) -> list[Path]:
    """Files of a pack that would be replaced in ``folder``: what the app asks about first."""
    return [Path(folder) / name for name in pack_names(stem, date) if (Path(folder) / name).exists()]


def folder_is_empty(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def write_pack(
    journey: JourneyMap,
    folder: str | os.PathLike[str],
    stem: str,
    *,
    date: dt.date | None = None,
    force: bool = False,
    progress: ProgressFn | None = None,
) -> PackResult:
    """Write the pack into ``folder`` (created if missing).

    Refuses a folder that holds anything unless ``force``; with ``force``, pack files of the same
    names are replaced and other files are left alone. ``progress(done, total, text)`` may raise to
    cancel; nothing is left behind then.
    """
    target = Path(folder)
    date = date or dt.date.today()
    if target.exists() and not target.is_dir():
        raise MapFileError(target, "is a file, not a folder")
    if not force and not folder_is_empty(target):
        raise MapFileError(
            target, "is not empty; choose an empty or new folder, or pass --force to replace the pack's files in it"
        )
    report = progress or (lambda done, total, text: None)
    names = pack_names(stem, date)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=parent))
    except OSError as error:
        raise MapFileError(target, f"cannot write here ({error.strerror or error})") from None
    notices: list[Notice] = []
    try:
        poster, deck, report_md, actions_xlsx, actions_md, snapshot = (staging / name for name in names)
        report(0, TOTAL, "Drawing the poster")
        notices += write_pdf(journey, poster, date=date, analysis=True)
        report(300, TOTAL, "Building the slide deck")
        write_pptx(
            journey,
            deck,
            date=date,
            progress=lambda done, total, text: report(300 + 500 * done // max(total, 1), TOTAL, text),
        )
        report(800, TOTAL, "Writing the report")
        write_atomic(report_md, report_markdown(journey).encode("utf-8"))
        report(850, TOTAL, "Writing the action list")
        write_actions_xlsx(journey, actions_xlsx, date)
        write_actions_markdown(journey, actions_md, date)
        report(950, TOTAL, "Saving the snapshot")
        save_cjm(journey, snapshot)
        report(990, TOTAL, "Moving the files into place")
        files = _move_in(staging, target, names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report(TOTAL, TOTAL, "Done")
    return PackResult(target, files, notices)


def _move_in(staging: Path, target: Path, names: list[str]) -> list[Path]:
    try:
        if not target.exists():
            os.rename(staging, target)  # one rename: the whole pack appears at once
            staging.mkdir()  # so the caller's clean-up finds a folder to remove
        else:
            for name in names:
                os.replace(staging / name, target / name)
    except OSError as error:
        raise MapFileError(target, f"could not be written ({error.strerror or error})") from None
    with contextlib.suppress(OSError):
        os.chmod(target, 0o777 & ~_umask())
    return [target / name for name in names]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
