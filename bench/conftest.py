"""Benchmarks run offscreen, like the tests; figures go to docs/performance.md."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
