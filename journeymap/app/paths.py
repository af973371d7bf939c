"""Where the app keeps per-user state: the autosave folder and the settings.

Both can be redirected by environment variables, so tests (and child processes that tests start)
never touch the user's real folders:

- ``JOURNEYMAP_DATA_DIR``: the data folder (autosaves, log) instead of QStandardPaths.AppDataLocation;
- ``JOURNEYMAP_SETTINGS``: an .ini file for QSettings instead of the platform's settings store.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

ORGANISATION = "JourneyMap"
APPLICATION = "Journey Map Designer"
DATA_DIR_ENV = "JOURNEYMAP_DATA_DIR"
SETTINGS_ENV = "JOURNEYMAP_SETTINGS"


def data_dir() -> Path:
    """The per-user data folder (created on first use)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        folder = Path(override)
    else:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(location) if location else Path.home() / ".journeymap"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_dir() -> Path:
    folder = data_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_path() -> Path:
    return data_dir() / "journeymap.log"


def app_settings() -> QSettings:
    """The app's QSettings: the platform store, or the .ini file that JOURNEYMAP_SETTINGS names."""
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)
