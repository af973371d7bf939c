"""Start-up stays light: openpyxl and reportlab load only when a spreadsheet or PDF is used."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_crash_restore import REPORT_SCRIPT, Child


def test_the_open_window_has_not_imported_openpyxl_or_reportlab(tmp_path: Path) -> None:
    report = Child(tmp_path, "startup", REPORT_SCRIPT).finish()
    assert report["map"]["stages"]  # the window really opened, on the sample map
    assert report["heavy_modules"] == []
