"""The one measurer reads the bundled fonts itself: its widths are the poster's, with no reportlab loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.io.pdf.fonts import load_face
from journeymap.layout import TextStyle, default_measurer
from journeymap.layout.fonts import bundled_font_files
from journeymap.layout.truetype import FontFileError, read_face


def test_advances_are_the_ones_reportlab_prints_with() -> None:
    for path in bundled_font_files():
        mine, theirs = read_face(path), load_face(path)
        assert theirs is not None
        assert set(mine.advances) == set(theirs.coverage)
        for code in (ord(c) for c in "Aa Żółć Ωμέγα Привет 5 users added; −2 +1"):
            assert mine.advances[code] * 1000 == pytest.approx(theirs.font.stringWidth(chr(code), 1000), abs=0.5)


def test_a_line_is_as_wide_as_its_characters_and_bold_is_wider() -> None:
    measurer = default_measurer()
    regular, bold = TextStyle(8.5), TextStyle(8.5, bold=True)
    text = "Integration connected; 5 users added"
    assert measurer.width(text, regular) == pytest.approx(sum(measurer.width(c, regular) for c in text))
    assert measurer.width(text, bold) > measurer.width(text, regular)
    # Invisible format characters take no room (they are not drawn).
    assert measurer.width("a\u200bb", regular) == pytest.approx(measurer.width("ab", regular))


def test_files_that_are_not_truetype_are_refused(tmp_path: Path) -> None:
    cff = tmp_path / "Font.otf"
    cff.write_bytes(b"OTTO" + bytes(60))
    with pytest.raises(FontFileError, match="not a TrueType font"):
        read_face(str(cff))
    damaged = tmp_path / "Damaged.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00" + bytes(8))
    with pytest.raises(FontFileError):
        read_face(str(damaged))


def test_measuring_does_not_load_reportlab() -> None:
    code = (
        "import sys; from journeymap.layout import default_measurer, TextStyle; "
        "default_measurer().width('Kickoff', TextStyle(11)); "
        "print(sorted(m for m in sys.modules if m.startswith('reportlab')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
