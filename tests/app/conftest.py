"""App tests never touch the user's real settings or data folder: both go to the test's tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    QStandardPaths.setTestModeEnabled(True)
    data = tmp_path / "data"
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(data))
    monkeypatch.setenv("JOURNEYMAP_SETTINGS", str(tmp_path / "settings.ini"))
    yield data
