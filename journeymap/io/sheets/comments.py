"""A cell comment's text as the team wrote it, without what spreadsheet programs add around it.

Excel writes its author's name as the first line of a note ("Jane Doe:"), and keeps each modern
(threaded) comment as a note for older readers: "[Threaded comment]", a paragraph about versions
of Excel, then "Comment:" and "Reply:" headings over indented text. The thread's words are what
matter; the rest is boilerplate.
"""

from __future__ import annotations

import re

_THREADED = "[Threaded comment]"
_HEADING = re.compile(r"^(Comment|Reply|Replies):\s*$")


def clean_comment(text: str, author: str = "") -> str:
    """The comment's own words: the thread's comment and replies one per line, or the note
    without its author line; whitespace trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.lstrip().startswith(_THREADED):
        return _thread(text)
    lines = text.split("\n")
    if author and lines and lines[0].strip() == f"{author.strip()}:":
        lines = lines[1:]
    return "\n".join(line.rstrip() for line in lines).strip()


def _thread(text: str) -> str:
    """The words under the "Comment:" and "Reply:" headings of Excel's threaded-comment note."""
    parts: list[str] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if _HEADING.match(line.strip()):
            current = []
            parts.append("")
            continue
        if current is None:
            continue  # the heading paragraph about versions of Excel
        if line.strip():
            parts[-1] = f"{parts[-1]}\n{line.strip()}".strip()
    words = [part for part in parts if part]
    if words:
        return "\n".join(words)
    # No headings (another program's wording): all but the marker.
    return text.strip()[len(_THREADED) :].strip()
