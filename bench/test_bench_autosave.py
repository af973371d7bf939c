"""Autosave on a 50,000-card map: how long the GUI thread is blocked, before and after issue 9.

Before, the autosave encoded and wrote the whole map on the GUI thread (``save_now``: still what
a SIGTERM or a restore uses). Now the GUI thread only takes the map's JSON data (``to_document``, a
walk over the cells); encoding and writing run on a worker thread (``save_in_background``).
Measured: the GUI thread's part of each, ``to_document`` alone, and the whole background write.
Figures go into docs/performance.md by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bench.test_bench_canvas import generated_map
from journeymap.app.autosave import Autosaver
from journeymap.editing.commands import SetTitleCommand
from journeymap.editing.document import Document
from journeymap.io.cjm import to_document

CARDS = 50_000


@pytest.fixture(scope="module")
def qapp() -> QApplication:
    return QApplication.instance() or QApplication([])


@pytest.fixture(scope="module")
def document(qapp: QApplication) -> Document:
    document = Document(generated_map(CARDS))
    document.push(SetTitleCommand(document.journey, "Unsaved"))
    return document


@pytest.fixture
def saver(document: Document, tmp_path: Path) -> Iterator[Autosaver]:
    saver = Autosaver(document, tmp_path, delay_ms=60_000)
    yield saver
    saver.close()


def test_gui_thread_block_synchronous_write(benchmark, saver: Autosaver) -> None:
    """The old way, and what SIGTERM still does: encode and write on the GUI thread."""
    benchmark.pedantic(saver.save_now, rounds=3, iterations=1)
    assert saver.map_path.exists()


def test_gui_thread_block_background_write(benchmark, saver: Autosaver) -> None:
    """What the GUI thread does now: take the snapshot and start the worker."""
    benchmark.pedantic(saver.save_in_background, setup=saver.wait, rounds=5, iterations=1)
    saver.wait()
    assert saver.map_path.exists()


def test_to_document_alone(benchmark, document: Document) -> None:
    data = benchmark(to_document, document.journey)
    assert len(data["touchpoints"]) == CARDS


def test_background_write_to_disk(benchmark, saver: Autosaver) -> None:
    """From the snapshot to the file on disk, worker thread included (the work at risk meanwhile)."""

    def write() -> None:
        saver.save_in_background()
        saver.wait()

    benchmark.pedantic(write, rounds=3, iterations=1)
