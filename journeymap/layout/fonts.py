"""Which font files the canvas and the poster use, and where the fallbacks come from.

The app ships DejaVu Sans and DejaVu Sans Bold (``journeymap/resources/fonts``, with their licence):
the canvas loads these files into Qt, the poster registers the same files with reportlab, and the
layout measures all text once with their metrics (:mod:`journeymap.layout.measure`). So a line
breaks at the same word on screen and on paper, on every machine. Characters DejaVu lacks
(Chinese, Japanese, Korean) fall back, one by one, to a TrueType font discovered on the machine,
in order:

1. ``JOURNEYMAP_FONTS``: extra font files (``os.pathsep``-separated) tried as fallbacks first;
2. fontconfig (``fc-match :lang=...``), which finds the CJK fonts of any Linux distribution;
3. the usual font folders of Linux, macOS and Windows (user and system).

Nothing here imports reportlab or Qt: the canvas starts without either's font machinery.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

# TrueType (not CFF) fonts with CJK glyphs, by file name, wherever they are installed.
_CJK_FILES = (
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NotoSansCJK-Regular.ttc",
    "uming.ttc",
    "ukai.ttc",
    "fonts-japanese-gothic.ttf",
    "ipag.ttf",
    "ipagp.ttf",
    "msyh.ttc",
    "msgothic.ttc",
    "simsun.ttc",
    "malgun.ttf",
    "meiryo.ttc",
    "YuGothR.ttc",
    "Arial Unicode.ttf",
    "PingFang.ttc",
    "AppleSDGothicNeo.ttc",
    "Hiragino Sans GB.ttc",
)
_FC_LANGUAGES = ("zh-cn", "ja", "ko", "zh-tw")


def bundled_font_files() -> tuple[str, str]:
    """The shipped DejaVu Sans files (regular, bold): what Qt loads and reportlab registers."""
    folder = resources.files("journeymap.resources") / "fonts"
    return str(folder / "DejaVuSans.ttf"), str(folder / "DejaVuSans-Bold.ttf")


@cache
def fallback_files() -> tuple[tuple[str, int], ...]:
    """The fallback fonts of this machine, best first: ``JOURNEYMAP_FONTS``, then CJK fonts."""
    return tuple([(path, 0) for path in _env_fonts()] + find_cjk_files())


def find_cjk_files() -> list[tuple[str, int]]:
    """TrueType files that can draw Chinese, Japanese or Korean, best first, without duplicates."""
    found: list[tuple[str, int]] = []
    for language in _FC_LANGUAGES:
        hit = _fontconfig_query(f":lang={language}")
        if hit and hit[0].lower().endswith((".ttf", ".ttc")):
            found.append(hit)
    for name in _CJK_FILES:
        path = _find_in_folders(name)
        if path:
            found.append((path, 0))
    unique: list[tuple[str, int]] = []
    for item in found:
        if item not in unique:
            unique.append(item)
    return unique


def _env_fonts() -> list[str]:
    value = os.environ.get("JOURNEYMAP_FONTS", "")
    return [part for part in value.split(os.pathsep) if part and os.path.isfile(part)]


@cache
def _fontconfig_query(pattern: str) -> tuple[str, int] | None:
    executable = shutil.which("fc-match")
    if not executable:
        return None
    try:
        output = subprocess.run(
            [executable, "-f", "%{file}|%{index}", pattern], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = output.strip().partition("|")
    if not path or not os.path.isfile(path):
        return None
    return path, int(index) if index.isdigit() else 0


def _font_folders() -> Iterator[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        yield Path(windir) / "Fonts"
        local = os.environ.get("LOCALAPPDATA")
        if local:
            yield Path(local) / "Microsoft" / "Windows" / "Fonts"
    elif sys.platform == "darwin":
        yield from (
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        )
    else:
        yield from (
            home / ".local" / "share" / "fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        )


@cache
def _find_in_folders(file_name: str) -> str | None:
    for folder in _font_folders():
        direct = folder / file_name
        if direct.is_file():
            return str(direct)
    for folder in _font_folders():
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            if file_name in files:
                return os.path.join(root, file_name)
    return None
