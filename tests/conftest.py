"""Test-wide set-up: the GUI always runs offscreen, and nothing touches the user's real folders.

Property tests explore new random examples on every developer run; under CI (``CI=true``) they
replay a fixed sequence, so a landing run is reproducible and a new find shows up on a developer's
machine first. Found examples are pinned in the tests with ``@example``.
"""

from __future__ import annotations

import os

from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")
