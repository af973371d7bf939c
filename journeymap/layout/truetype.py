"""Just enough of a TrueType file to measure text: the character map and the advance widths.

The layout measures with the bundled font files' own metrics, on screen and on paper alike. Reading
the three tables it needs here (``cmap``, ``hmtx`` with ``hhea``, ``head``) keeps start-up free of
reportlab, which only the poster needs, and takes a few milliseconds for DejaVu Sans.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


class FontFileError(ValueError):
    """The file is not a TrueType font (or collection) this reader understands."""


@dataclass(frozen=True)
class FaceMetrics:
    """One face's metrics in em units: advance per character, ascent and descent (both positive)."""

    path: str
    index: int
    advances: dict[int, float]  # code point -> advance width in em
    ascent: float
    descent: float
    missing: float  # the advance of the "missing glyph" box, for a character no face has

    def covers(self, code: int) -> bool:
        return code in self.advances


def read_face(path: str, index: int = 0) -> FaceMetrics:
    """The metrics of face ``index`` of a .ttf or .ttc file; :class:`FontFileError` if it has none."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return _parse(data, path, index)
    except (struct.error, IndexError, KeyError) as error:
        raise FontFileError(f"{path} is not a TrueType font this app can read ({error})") from error


def _parse(data: bytes, path: str, index: int) -> FaceMetrics:
    start = 0
    if data[:4] == b"ttcf":
        count = struct.unpack_from(">I", data, 8)[0]
        if index >= count:
            raise FontFileError(f"{path} has {count} faces, not {index + 1}")
        start = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    if data[start : start + 4] not in (b"\x00\x01\x00\x00", b"true"):
        raise FontFileError(f"{path} is not a TrueType font (CFF-flavoured OpenType is not supported)")
    tables = {}
    for number in range(struct.unpack_from(">H", data, start + 4)[0]):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * number)
        tables[tag] = (offset, length)
    units = struct.unpack_from(">H", data, tables[b"head"][0] + 18)[0]
    hhea = tables[b"hhea"][0]
    ascender, descender = struct.unpack_from(">hh", data, hhea + 4)
    metric_count = struct.unpack_from(">H", data, hhea + 34)[0]
    widths = struct.unpack_from(f">{metric_count * 2}H", data, tables[b"hmtx"][0])[0::2]
    glyphs = _character_map(data, tables[b"cmap"][0])
    last = widths[-1]
    advances = {
        code: (widths[glyph] if glyph < metric_count else last) / units for code, glyph in glyphs.items() if glyph
    }
    return FaceMetrics(path, index, advances, ascender / units, -descender / units, widths[0] / units)


def _character_map(data: bytes, cmap: int) -> dict[int, int]:
    """Code point -> glyph index, from the best Unicode subtable (full repertoire first)."""
    subtables = {}
    for number in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * number)
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
        offset = subtables.get(key)
        if offset is None:
            continue
        subtable_format = struct.unpack_from(">H", data, offset)[0]
        if subtable_format == 12:
            return _format_12(data, offset)
        if subtable_format == 4:
            return _format_4(data, offset)
    raise FontFileError("no Unicode character map")


def _format_12(data: bytes, offset: int) -> dict[int, int]:
    glyphs: dict[int, int] = {}
    for group in range(struct.unpack_from(">I", data, offset + 12)[0]):
        first, last, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * group)
        glyphs.update(zip(range(first, last + 1), range(glyph, glyph + last - first + 1), strict=True))
    return glyphs


def _format_4(data: bytes, offset: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
    length = struct.unpack_from(">H", data, offset + 2)[0]
    ends = struct.unpack_from(f">{segments}H", data, offset + 14)
    starts_at = offset + 16 + 2 * segments
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + 2 * segments)
    ranges_at = starts_at + 4 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    # The glyph id array follows the range offsets; read it (and them) as one run of words.
    words = struct.unpack_from(f">{(offset + length - ranges_at) // 2}H", data, ranges_at)
    glyphs: dict[int, int] = {}
    for segment in range(segments):
        first, last, delta, range_offset = starts[segment], ends[segment], deltas[segment], ranges[segment]
        if first == 0xFFFF:
            continue
        if range_offset == 0:
            glyphs.update((code, (code + delta) & 0xFFFF) for code in range(first, last + 1))
            continue
        base = segment + range_offset // 2 - first  # index into ``words`` of the glyph for ``code``
        glyphs.update(
            (code, (words[base + code] + delta) & 0xFFFF if words[base + code] else 0)
            for code in range(first, last + 1)
        )
    return glyphs
