"""Mappings the user chose, remembered per set of labels, so the same team sheet imports the same
way next time. Kept in the app's QSettings (the caller passes them in), one JSON text per set."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from PySide6.QtCore import QSettings

from journeymap.io.sheets import Mapping
from journeymap.io.sheets.mapping import label_key

_GROUP = "importMappings"


def signature(labels: Iterable[str]) -> str:
    """The same for any sheet with the same labels, whatever their order, case or spacing."""
    keys = sorted({label_key(label) for label in labels if label.strip()})
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:32]


class MappingMemory:
    """Read and write remembered mappings; a broken entry is forgotten, never an error."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def recall(self, key: str) -> Mapping | None:
        raw = self.settings.value(f"{_GROUP}/{key}")
        if not isinstance(raw, str):
            return None
        try:
            mapping = Mapping.from_json(json.loads(raw))
        except (ValueError, TypeError):
            self.forget(key)
            return None
        return None if mapping.is_empty() else mapping

    def remember(self, key: str, mapping: Mapping) -> None:
        if mapping.is_empty():
            self.forget(key)
            return
        self.settings.setValue(f"{_GROUP}/{key}", json.dumps(mapping.to_json(), ensure_ascii=False, sort_keys=True))
        self.settings.sync()

    def forget(self, key: str) -> None:
        self.settings.remove(f"{_GROUP}/{key}")
        self.settings.sync()
