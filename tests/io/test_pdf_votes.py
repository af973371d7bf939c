"""Votes on the poster: a voted card carries its dots, as on the canvas; a map without votes prints as before."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader

from journeymap.io.pdf import pdf_bytes
from tests.factories import small_map


def test_the_poster_shows_each_cards_dots(tmp_path: Path) -> None:
    journey = small_map()
    plain = PdfReader(io.BytesIO(pdf_bytes(journey)[0])).pages[0].extract_text()
    stuck = next(c for c in journey.card_ids() if journey.card(c).title == "Stuck on import")
    journey.voting.add(stuck, 42)
    data = pdf_bytes(journey)[0]
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "42" not in plain and "42" in text
    path = tmp_path / "votes.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(path), str(tmp_path / "votes")], check=True)
    assert (tmp_path / "votes.png").stat().st_size > 1000
