"""The decision pack (poster, deck, report, action list, dated snapshot) and its action list. No Qt."""

from journeymap.io.pack.actions import action_rows, actions_markdown
from journeymap.io.pack.writer import PackResult, existing_files, folder_is_empty, pack_names, write_pack

__all__ = [
    "PackResult",
    "action_rows",
    "actions_markdown",
    "existing_files",
    "folder_is_empty",
    "pack_names",
    "write_pack",
]
