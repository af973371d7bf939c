"""The native ``.cjm`` file: JSON, UTF-8, a format version, stable key and list order.

Keys are sorted and lists follow the map's own order, so two saves of the same map are the same
bytes and a map diffs well in version control. Loading validates everything and names the file and
the place of the first problem.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymap.io.atomic import write_atomic
from journeymap.io.cjm_json import (
    MAX_FILE_BYTES,
    MAX_ITEMS,
    MAX_JSON_OBJECTS,
    JsonObjects,
    check_structure,
    decode,
    has_surrogate_escape,
    repair_surrogates,
)
from journeymap.io.cjm_room import add_room_parts, read_room_parts
from journeymap.io.errors import MapFileError, reading
from journeymap.io.filekind import require_regular_file
from journeymap.io.formats import LoadResult, Notice
from journeymap.model import Flow, JourneyMap, Kind, Milestone, Persona, SheetRow, SheetShape, Stage, Touchpoint
from journeymap.model.bulk import BulkLoadError, MapParts, collector_paused
from journeymap.model.records import STAGE_DETAILS

FORMAT_NAME = "journeymap"
FORMAT_VERSION = 1

_STAGE_FIELDS = ("name", *STAGE_DETAILS)
_PERSONA_FIELDS = ("name", "description", "goals", "pain_points")
_CARD_FIELDS = ("title", "channel", "owner", "notes")


@dataclass(frozen=True)
class MapSnapshot:
    """The map at one moment, as ids and its immutable records: cheap to take on the GUI thread,
    safe to turn into a file on another thread while the room keeps editing."""

    title: str
    stages: list[tuple[str, Stage]]
    personas: list[tuple[str, Persona]]
    cards: list[tuple[str, str, str, Touchpoint]]  # id, stage id, persona id, record
    milestones: list[tuple[str, str, str | None, Milestone]]
    flows: list[tuple[str, str, Flow]]


def snapshot(journey: JourneyMap) -> MapSnapshot:
    """Walk the map's cells once (not card by card), so 50,000 cards take milliseconds."""
    stage_ids, lane_ids = journey.stage_ids(), journey.lane_ids()
    return MapSnapshot(
        title=journey.title,
        stages=[(s, journey.stage(s)) for s in stage_ids],
        personas=[(p, journey.lane(p)) for p in lane_ids],
        cards=[(c, s, p, journey.card(c)) for p in lane_ids for s in stage_ids for c in journey.cards_in(s, p)],
        milestones=[(m, *journey.milestone_place(m), journey.milestone(m)) for m in journey.milestone_ids()],
        flows=[(s, t, journey.flow(s, t)) for s, t in journey.flows()],
    )


def to_document(journey: JourneyMap) -> dict[str, Any]:
    """The map as plain JSON data; also the canonical form tests compare maps by.

    The autosave takes this on the GUI thread and encodes it on a worker: it must return new
    containers, never the model's own lists or dicts.
    """
    document = snapshot_document(snapshot(journey))
    if journey.sheet_shape is not None:
        document["sheet_shape"] = shape_to_json(journey.sheet_shape)
    add_room_parts(journey, document)  # the room's inbox and votes, only when the map has them
    return document


def snapshot_document(taken: MapSnapshot) -> dict[str, Any]:
    """The JSON data of a snapshot (touches no model, so any thread may run it)."""
    cards = [
        {
            "id": card_id,
            "stage": stage,
            "persona": lane,
            **_fields(card, _CARD_FIELDS),
            "kind": card.kind.value,
            "emotion": card.emotion,
        }
        for card_id, stage, lane, card in taken.cards
    ]
    milestones = [
        {
            "id": milestone_id,
            "stage": stage,
            "persona": lane,
            "title": milestone.title,
            "success_signal": milestone.success_signal,
        }
        for milestone_id, stage, lane, milestone in taken.milestones
    ]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": taken.title,
        "stages": [{"id": s, **_fields(stage, _STAGE_FIELDS)} for s, stage in taken.stages],
        "personas": [{"id": p, **_fields(persona, _PERSONA_FIELDS)} for p, persona in taken.personas],
        "touchpoints": cards,
        "milestones": milestones,
        "flows": [{"from": s, "to": t, "label": flow.label} for s, t, flow in taken.flows],
    }


def shape_to_json(shape: SheetShape) -> dict[str, Any]:
    """How the team keeps the map as a sheet (see :class:`SheetShape`), as plain JSON data."""
    return {
        "layout": shape.layout,
        "sheet": shape.sheet,
        "corner": shape.corner,
        "per_persona": shape.per_persona,
        "rows": [
            {"label": row.label, "field": row.field, "cells": [list(cell) for cell in row.cells], "sheet": row.sheet}
            for row in shape.rows
        ],
    }


def dumps(journey: JourneyMap) -> str:
    return dumps_document(to_document(journey))


def dumps_document(document: dict[str, Any]) -> str:
    """The file's text. indent keeps json in its pure-Python encoder, which lets other threads run
    while a background autosave encodes a large map."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def encode(text: str) -> bytes:
    """UTF-8 bytes of the file; a lone surrogate (which UTF-8 cannot hold) is written as U+FFFD,
    so no map is ever unsavable."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return repair_surrogates(text).encode("utf-8")


def save_cjm(journey: JourneyMap, path: str | os.PathLike[str]) -> None:
    """Save atomically: the old file stays whole until the new one is complete on disk."""
    write_atomic(path, encode(dumps(journey)))


def load_cjm(path: str | os.PathLike[str]) -> JourneyMap:
    """The map in a .cjm file (what :func:`read_cjm` reads, without its notices)."""
    return read_cjm(path).map


def read_cjm(path: str | os.PathLike[str]) -> LoadResult:
    """Read a .cjm file: the map, and notices for anything repaired on the way."""
    path = Path(path)
    info = require_regular_file(path, folder="is a folder, not a map file")
    if info.st_size > MAX_FILE_BYTES:
        raise _too_big(path, info.st_size)
    with reading(path, folder="is a folder, not a map file"), open(path, "rb") as stream:
        # Read one byte past the cap: the size may have grown since stat.
        raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(path, len(raw))
    notices: list[Notice] = []
    with collector_paused():
        journey = loads(raw, path, notices)
    return LoadResult(journey, notices, "cjm")


def _too_big(path: Path, size: int) -> MapFileError:
    return MapFileError(
        path,
        f"is {size / 2**20:.0f} MB; a map file is at most {MAX_FILE_BYTES // 2**20} MB "
        f"(a map of {MAX_ITEMS['touchpoints']:,} cards with notes fits in a fraction of that)",
    )


def loads(raw: bytes | str, path: str | os.PathLike[str] = "<map>", notices: list[Notice] | None = None) -> JourneyMap:
    """Parse a .cjm document; ``notices`` (if given) collects what was repaired."""
    text = decode(raw, path)
    check_structure(text, path)
    parser = JsonObjects(path, MAX_JSON_OBJECTS, repair=has_surrogate_escape(text))
    try:
        document = json.loads(text, object_pairs_hook=parser.hook)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise MapFileError(path, f"is not valid JSON ({where}: {error.msg})") from None
    except RecursionError:
        raise MapFileError(path, "is nested too deeply to be a map") from None
    except ValueError as error:
        # Python refuses to convert integers of more than 4,300 digits (a guard against slow parsing).
        if "digits" in str(error):
            raise MapFileError(
                path, f"holds a number with more than {sys.get_int_max_str_digits():,} digits, which no map has"
            ) from None
        raise MapFileError(path, f"is not valid JSON ({error})") from None
    journey = from_document(document, path)
    if notices is not None:
        notices.extend(parser.notices())
    return journey


def shape_from_json(value: Any, path: str | os.PathLike[str] = "<map>") -> SheetShape:
    """The inverse of :func:`shape_to_json`; a malformed shape is a MapFileError naming the place."""
    return _DocumentReader(path).sheet_shape(value)


def from_document(document: Any, path: str | os.PathLike[str] = "<map>") -> JourneyMap:
    reader = _DocumentReader(path)
    return reader.read(document)


class _DocumentReader:
    """Builds a map from JSON data, raising MapFileError with the JSON place of any problem."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path

    def fail(self, place: str, problem: str) -> MapFileError:
        return MapFileError(self.path, problem, place)

    def read(self, document: Any) -> JourneyMap:
        if not isinstance(document, dict):
            raise self.fail("", "is JSON but not a journey map (expected an object at the top)")
        if document.get("format") != FORMAT_NAME:
            raise self.fail("format", f'is not a journey map file (expected "format": "{FORMAT_NAME}")')
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.fail("version", "missing or not a whole number")
        if version > FORMAT_VERSION:
            raise self.fail(
                "version",
                f"is format version {version}; this app reads up to {FORMAT_VERSION}, "
                "so it was made by a newer Journey Map Designer: update the app",
            )
        if version < 1:
            raise self.fail("version", f"unknown format version {version}")
        journey = JourneyMap(self.text(document, "title", "title", required=True))
        parts = MapParts()
        for i, item in enumerate(self.items(document, "stages")):
            place = f"stages[{i}]"
            values = self.texts(item, _STAGE_FIELDS, place, "name")
            parts.stages.append((self.ident(item, place), Stage(**values)))
        for i, item in enumerate(self.items(document, "personas")):
            place = f"personas[{i}]"
            values = self.texts(item, _PERSONA_FIELDS, place, "name")
            parts.lanes.append((self.ident(item, place), Persona(**values)))
        for i, item in enumerate(self.items(document, "touchpoints")):
            place = f"touchpoints[{i}]"
            values = self.texts(item, _CARD_FIELDS, place, "title")
            card = Touchpoint(**values, kind=self.kind(item, place), emotion=self.emotion(item, place))
            parts.cards.append(
                (self.ident(item, place), self.ref(item, "stage", place), self.ref(item, "persona", place), card)
            )
        for i, item in enumerate(self.items(document, "milestones")):
            place = f"milestones[{i}]"
            milestone = Milestone(
                self.text(item, "title", place, required=True), self.text(item, "success_signal", place)
            )
            lane = item.get("persona")
            if lane is not None and not isinstance(lane, str):
                raise self.fail(f"{place}.persona", "must be a persona id or null")
            parts.milestones.append((self.ident(item, place), self.ref(item, "stage", place), lane, milestone))
        for i, item in enumerate(self.items(document, "flows")):
            place = f"flows[{i}]"
            parts.flows.append(
                (self.ref(item, "from", place), self.ref(item, "to", place), Flow(self.text(item, "label", place)))
            )
        try:
            journey.load_parts(parts)
        except BulkLoadError as error:
            message = str(error)
            if message.startswith("there is no "):
                message = "dangling reference: " + message
            raise self.fail(f"{error.section}[{error.index}]", message) from None
        if "sheet_shape" in document:
            journey.sheet_shape = self.sheet_shape(document["sheet_shape"])
        read_room_parts(document, journey, self.fail)
        return journey

    def sheet_shape(self, value: Any) -> SheetShape:
        if not isinstance(value, dict) or value.get("layout") not in ("columns", "rows", "inventory"):
            raise self.fail("sheet_shape", 'must be an object with "layout" columns, rows or inventory')
        rows = []
        for i, item in enumerate(self.items(value, "rows")):
            place = f"sheet_shape.rows[{i}]"
            cells = item.get("cells", [])
            if not isinstance(cells, list) or not all(
                isinstance(c, list) and len(c) == 2 and all(isinstance(t, str) for t in c) for c in cells
            ):
                raise self.fail(f"{place}.cells", "must be a list of [stage name, text] pairs")
            rows.append(
                SheetRow(
                    self.text(item, "label", place),
                    self.text(item, "field", place, required=True),
                    tuple((c[0], c[1]) for c in cells),
                    self.text(item, "sheet", place),
                )
            )
        per_persona = value.get("per_persona", False)
        if not isinstance(per_persona, bool):
            raise self.fail("sheet_shape.per_persona", "must be true or false")
        return SheetShape(
            value["layout"],
            self.text(value, "sheet", "sheet_shape"),
            self.text(value, "corner", "sheet_shape"),
            tuple(rows),
            per_persona,
        )

    def items(self, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = document.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        limit = MAX_ITEMS.get(key)
        if limit is not None and len(value) > limit:
            raise self.fail(key, f"holds {len(value):,} items; a map holds at most {limit:,}")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", "must be an object")
        return value

    def text(self, item: dict[str, Any], key: str, place: str, required: bool = False) -> str:
        where = f"{place}.{key}" if place != key else key
        if key not in item:
            if required:
                raise self.fail(where, "missing field")
            return ""
        value = item[key]
        if not isinstance(value, str):
            raise self.fail(where, f"must be text, not {type(value).__name__}")
        return value

    def texts(self, item: dict[str, Any], names: tuple[str, ...], place: str, required: str) -> dict[str, str]:
        """An item's text fields, with the checks of :meth:`text`: all text, ``required`` present.

        One pass for the usual item; any doubt goes field by field to name the place.
        """
        values = {name: item.get(name, "") for name in names}
        if required in item and all(type(value) is str for value in values.values()):
            return values
        return {name: self.text(item, name, place, required=(name == required)) for name in names}

    def ident(self, item: dict[str, Any], place: str) -> str:
        value = item.get("id")
        if not isinstance(value, str) or not value:
            raise self.fail(f"{place}.id", "missing or empty id")
        return value

    def ref(self, item: dict[str, Any], key: str, place: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(f"{place}.{key}", "missing reference")
        return value

    def kind(self, item: dict[str, Any], place: str) -> Kind:
        value = item.get("kind", Kind.TOUCHPOINT.value)
        try:
            return Kind(value)
        except ValueError:
            allowed = ", ".join(k.value for k in Kind)
            raise self.fail(f"{place}.kind", f"must be one of {allowed}, not {value!r}") from None

    def emotion(self, item: dict[str, Any], place: str) -> int | None:
        value = item.get("emotion")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
            raise self.fail(f"{place}.emotion", f"must be a whole number from -2 to 2 or null, not {value!r}")
        return value


def _fields(record: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {name: getattr(record, name) for name in names}
