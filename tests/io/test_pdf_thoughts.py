"""Thought cards on the poster: a speech bubble in the thought colour, the quotation mark, slanted words."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from journeymap.io.pdf import PosterOptions, pdf_bytes
from journeymap.layout.style import KIND_COLOURS, KIND_LABELS
from journeymap.model import JourneyMap, Kind, Touchpoint
from tests.factories import small_map

DATE = dt.date(2026, 3, 14)
QUOTE = "Why do I need yet another login?"


def _map(kind: Kind) -> JourneyMap:
    journey = small_map()
    journey.add_card(journey.stage_ids()[0], journey.lane_ids()[0], Touchpoint(QUOTE, kind=kind, emotion=-1))
    return journey


def _poster(kind: Kind) -> bytes:
    data, _ = pdf_bytes(_map(kind), PosterOptions.from_values("A3", landscape=True), date=DATE)
    return data


def _board_stream(data: bytes) -> bytes:
    page = PdfReader(io.BytesIO(data)).pages[0]
    forms = page["/Resources"]["/XObject"]
    return b"".join(form.get_object().get_data() for form in forms.values())


def test_a_thought_prints_its_quote_mark_and_slanted_words_and_the_legend_names_it() -> None:
    thought, touchpoint = _poster(Kind.THOUGHT), _poster(Kind.TOUCHPOINT)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(thought)).pages).split())
    assert "\u201c" in text and QUOTE in text and KIND_LABELS[Kind.THOUGHT] in text
    assert "\u201c" not in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(touchpoint)).pages)
    slanted = re.findall(rb"1 0 \.21 1 -?[\d.]+ 0 cm", _board_stream(thought))
    assert slanted  # each line of the thought's title, slanted about its own baseline
    assert not re.findall(rb"1 0 \.21 1 -?[\d.]+ 0 cm", _board_stream(touchpoint))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_bubble_is_printed_in_the_thought_colour(tmp_path: Path) -> None:
    def purple_pixels(data: bytes, name: str) -> int:
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "72", "-png", "-singlefile", str(pdf), str(tmp_path / name)], check=True)
        image = Image.open(tmp_path / f"{name}.png").convert("RGB")
        fill = tuple(int(KIND_COLOURS[Kind.THOUGHT][0][i : i + 2], 16) for i in (1, 3, 5))
        colours = image.getcolors(maxcolors=1 << 24) or []
        return sum(count for count, pixel in colours if all(abs(a - b) <= 3 for a, b in zip(pixel, fill, strict=True)))

    # The legend shows a thought swatch on both posters; only the thought card fills a bubble's area.
    assert purple_pixels(_poster(Kind.THOUGHT), "thought") > purple_pixels(_poster(Kind.TOUCHPOINT), "plain") + 2000
