"""The poster PDF's creation date is the poster's date (or SOURCE_DATE_EPOCH), not 2000-01-01 (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from journeymap.io.pdf.writer import pdf_bytes
from journeymap.io.templates import load_sample


def test_the_creation_date_is_the_posters_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data, _notices = pdf_bytes(load_sample(), date=dt.date(2026, 11, 27))
    assert b"/CreationDate (D:20261127000000+00'00')" in data
    assert b"D:20000101" not in data
    again, _ = pdf_bytes(load_sample(), date=dt.date(2026, 11, 27))
    assert again == data  # still deterministic


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    data, _notices = pdf_bytes(load_sample(), date=dt.date(2026, 11, 27))
    assert b"D:20260101000000+00'00'" in data
