"""Never lose work, shown with real processes: edit, get killed (SIGKILL), start again, restore.

Each child is the real program, offscreen, with its data folder and settings in tmp_path, started
through the public entry ``journeymap.app.main.run_app(path, on_window)`` by a small script that
patches the restore question to record it, and acts once the window is shown.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from journeymap.io.cjm import load_cjm, save_cjm
from tests.factories import small_map

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

EDIT_SCRIPT = """
from journeymap.editing.commands import UpdateCommand
from journeymap.model import ItemRef

def on_window(window):
    journey = window.document.journey
    stage = journey.stage_ids()[0]
    window.document.push(UpdateCommand(journey, ItemRef.stage(stage), {"name": "Named in the workshop"}))
    print("edited", flush=True)
"""

REPORT_SCRIPT = """
import json, os, sys
from journeymap.app import crash_restore

RESULT = os.environ["RESULT_FILE"]

def record_offer(parent, orphan):
    with open(RESULT + ".offer", "w", encoding="utf-8") as stream:
        json.dump({"title": orphan.title, "original_path": orphan.original_path}, stream)
    return crash_restore.RestoreChoice.RESTORE

crash_restore.ask_restore = record_offer

def on_window(window):
    from journeymap.io.cjm import to_document
    document = window.document
    report = {
        "map": to_document(document.journey), "modified": document.is_modified,
        "window_modified": window.isWindowModified(), "title": window.windowTitle(),
        "path": str(document.path) if document.path else None,
        "heavy_modules": sorted(m for m in sys.modules if m.split(".")[0] in ("openpyxl", "reportlab")),
    }
    with open(RESULT, "w", encoding="utf-8") as stream:
        json.dump(report, stream)
    document.undo_stack.setClean()  # so quitting does not ask to save
    from PySide6.QtWidgets import QApplication
    QApplication.instance().quit()
"""
# Every child script ends by starting the program on the file given on its command line, if any.
RUN = """
import sys
from journeymap.app.main import run_app
raise SystemExit(run_app(sys.argv[1] if len(sys.argv) > 1 else None, on_window=on_window))
"""


class Child:
    """One run of the real program in its own process."""

    def __init__(self, tmp_path: Path, name: str, script: str, *args: str) -> None:
        script_path = tmp_path / f"{name}.py"
        script_path.write_text(textwrap.dedent(script) + RUN, encoding="utf-8")
        self.result = tmp_path / f"{name}.json"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "JOURNEYMAP_DATA_DIR": str(tmp_path / "data"),
            "JOURNEYMAP_SETTINGS": str(tmp_path / "settings.ini"),
            "RESULT_FILE": str(self.result),
        }
        self.process = subprocess.Popen(
            [sys.executable, str(script_path), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self, timeout: float = 60) -> dict:
        out, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, err
        assert "Traceback" not in err, err
        return json.loads(self.result.read_text(encoding="utf-8"))

    def offer(self) -> dict | None:
        offer = self.result.with_name(self.result.name + ".offer")
        return json.loads(offer.read_text(encoding="utf-8")) if offer.exists() else None


def _wait_for_autosave(folder: Path, process: subprocess.Popen, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else "child exited"
        for path in folder.glob("*.cjm") if folder.exists() else []:
            try:
                if load_cjm(path).stage(load_cjm(path).stage_ids()[0]).name == "Named in the workshop":
                    return path
            except Exception:  # noqa: BLE001 - never half-written (atomic), but be patient anyway
                pass
        time.sleep(0.1)
    raise AssertionError("no autosave appeared")


def test_a_killed_session_is_offered_and_restored(tmp_path: Path) -> None:
    original = tmp_path / "workshop.cjm"
    save_cjm(small_map(), original)
    autosave = tmp_path / "data" / "autosave"

    crashing = Child(tmp_path, "crashing", EDIT_SCRIPT, str(original))
    try:
        _wait_for_autosave(autosave, crashing.process)

        # A second instance while the first still runs must leave its autosave alone.
        bystander = Child(tmp_path, "bystander", REPORT_SCRIPT)
        report = bystander.finish()
        assert bystander.offer() is None
        assert report["map"]["stages"][0]["name"] != "Named in the workshop"
        assert report["heavy_modules"] == []  # openpyxl and reportlab load only when used
    finally:
        crashing.process.send_signal(signal.SIGKILL)
        crashing.process.communicate(timeout=30)
    assert crashing.process.returncode == -signal.SIGKILL
    assert load_cjm(original).stage(load_cjm(original).stage_ids()[0]).name == "Land"  # never saved

    restarted = Child(tmp_path, "restarted", REPORT_SCRIPT)
    report = restarted.finish()

    assert restarted.offer() == {"title": "Workshop map", "original_path": str(original)}
    assert report["map"]["stages"][0]["name"] == "Named in the workshop"
    assert report["map"]["touchpoints"] and len(report["map"]["touchpoints"]) == 4
    assert report["modified"] and report["window_modified"]  # restored work is unsaved work
    assert report["path"] == str(original)  # Save goes back to where it came from
    assert report["title"].startswith("workshop.cjm[*]")
    assert list(autosave.glob("*.cjm")) == []  # resolved: nothing offered twice

    again = Child(tmp_path, "again", REPORT_SCRIPT)
    again.finish()
    assert again.offer() is None
