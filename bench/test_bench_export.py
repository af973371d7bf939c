"""After the workshop: the deck, the Mermaid diagram and the whole decision pack of a 2,000-card map.

The map is the poster benchmark's (20 stages, 5 lanes, 200 arrows, a milestone per stage, scores and
kinds at random) with 300 cards voted on. Figures go into docs/performance.md by hand from ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation

from bench.test_bench_pdf import big_map
from journeymap.io.deck import pptx_bytes
from journeymap.io.mermaid import mermaid_journey
from journeymap.io.pack import write_pack
from journeymap.model import JourneyMap

DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def journey() -> JourneyMap:
    journey = big_map()
    rng = random.Random(11)
    for card in rng.sample(journey.card_ids(), 300):
        journey.voting.set(card, rng.randint(1, 9))
    return journey


def test_deck(benchmark, journey: JourneyMap) -> None:
    data = benchmark.pedantic(pptx_bytes, args=(journey,), kwargs={"date": DATE}, rounds=3, iterations=1)
    deck = Presentation(BytesIO(data))
    cards = sum(1 for slide in deck.slides for shape in slide.shapes if shape.name.startswith("Card "))
    assert cards == 2000
    benchmark.extra_info["bytes"] = len(data)
    benchmark.extra_info["slides"] = len(deck.slides)


def test_mermaid(benchmark, journey: JourneyMap) -> None:
    text = benchmark.pedantic(mermaid_journey, args=(journey,), rounds=10, iterations=1, warmup_rounds=1)
    assert text.count("\n    ") == 2000


def test_pack(benchmark, journey: JourneyMap, tmp_path: Path) -> None:
    folders = iter(range(100))

    def pack() -> int:
        folder = tmp_path / f"pack{next(folders)}"
        result = write_pack(journey, folder, "bench", date=DATE)
        size = sum(path.stat().st_size for path in result.files)
        shutil.rmtree(folder)
        return size

    size = benchmark.pedantic(pack, rounds=3, iterations=1)
    benchmark.extra_info["bytes"] = size
