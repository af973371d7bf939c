"""Regression: PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error:
none_dealloc") after about 5,000 calls of Qt methods that return None. The pin in pyproject keeps
3.11 on 6.11.x; this test makes 20,000 such calls, the way the canvas does while routing arrows."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath


def test_twenty_thousand_calls_returning_none_survive() -> None:
    path = QPainterPath(QPointF(-1.0, -1.0))
    results = []
    for i in range(20_000):
        results.append(path.lineTo(float(i % 97), float(i % 89)))
    assert results.count(None) == 20_000
    assert path.elementCount() == 20_001
