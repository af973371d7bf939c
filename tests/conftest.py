"""Test-wide set-up: the GUI always runs offscreen, and nothing touches the user's real folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
