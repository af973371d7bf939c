"""Start-up paths that end before any window: a bad FILE, no display; and the last-resort error dialog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.app import main


def _no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(main.sys, "platform", "linux")


def test_no_display_prints_the_xcb_hint_and_exits_1(monkeypatch, capsys) -> None:
    _no_display(monkeypatch)
    assert main.run_app(None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("journeymap: error: no display")
    assert "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0" in err


def test_missing_xcb_libraries_are_named_before_qt_aborts(monkeypatch, capsys) -> None:
    _no_display(monkeypatch)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(main, "_library_loadable", lambda name: name != "libxcb-icccm.so.4")
    assert main.run_app(None) == 1
    err = capsys.readouterr().err
    assert "missing libxcb-icccm.so.4" in err and "sudo apt-get install" in err


def test_offscreen_or_a_complete_display_passes(monkeypatch) -> None:
    _no_display(monkeypatch)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main.display_problem() == ""
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(main, "_library_loadable", lambda name: True)
    assert main.display_problem() == ""


def test_an_unreadable_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cjm"
    broken.write_text("{not json", encoding="utf-8")
    for target in (broken, tmp_path / "missing.cjm"):
        result = subprocess.run(
            [sys.executable, "-m", "journeymap", str(target)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "JOURNEYMAP_DATA_DIR": str(tmp_path / "data")},
        )
        assert result.returncode == 1
        assert result.stderr.startswith(f"journeymap: error: {target}")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_exception_hook_shows_a_dialog_and_logs(qtbot, dialogs, private_folders: Path) -> None:
    hook = main._ExceptionHook()
    try:
        raise RuntimeError("scene lost an item")
    except RuntimeError as error:
        hook(type(error), error, error.__traceback__)
    [text] = dialogs.texts("critical")
    assert "RuntimeError: scene lost an item" in text and "journeymap.log" in text
    log = (private_folders / "journeymap.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "scene lost an item" in log


def test_quit_after_first_paint_opens_the_map_and_ends_cleanly(tmp_path: Path) -> None:
    """The documented start-up timer: exit status 0 once the map is drawn, and no autosave left behind."""
    from journeymap.io.cjm import save_cjm
    from tests.factories import small_map

    original = tmp_path / "workshop.cjm"
    save_cjm(small_map(), original)
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "journeymap", "--quit-after-first-paint", str(original)],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "JOURNEYMAP_DATA_DIR": str(data),
            "JOURNEYMAP_SETTINGS": str(tmp_path / "settings.ini"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert list((data / "autosave").glob("*")) == []
