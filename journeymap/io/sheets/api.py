"""Import a spreadsheet: read it once (the slow, guarded part), then analyse it as often as needed.

``load_spreadsheet`` does both for the command line. The app's import preview calls
``read_spreadsheet`` off the GUI thread, then ``analyse`` on the GUI thread each time the user
flips the orientation or picks other sheets: analysing a read workbook needs no file access.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.io.errors import MapFileError
from journeymap.io.formats import LoadResult, Notice, Severity, sniff_format
from journeymap.io.sheets import native
from journeymap.io.sheets.build import DEFAULT_LANE, MapBuilder
from journeymap.io.sheets.detect import Detection, LabelSlot, Orientation, detect, label_candidates
from journeymap.io.sheets.grid import Grid
from journeymap.io.sheets.inventory import add_inventory
from journeymap.io.sheets.labels import Field, synonyms
from journeymap.io.sheets.limits import DEFAULT_LIMITS, Limits
from journeymap.io.sheets.mapping import FIELD_CHOICES, Layout, Mapping, label_key
from journeymap.io.sheets.progress import ProgressFn, no_progress
from journeymap.io.sheets.reconcile import reconcile
from journeymap.io.sheets.repair import repair_surrogates
from journeymap.io.sheets.report import Report
from journeymap.io.sheets.safety import read_bytes
from journeymap.io.sheets.team_shape import capture, capture_per_persona, mapping_of
from journeymap.io.sheets.template import map_sheets
from journeymap.model import JourneyMap

_LEGACY = (
    "is a legacy .xls or a password-protected workbook; open it in Excel, LibreOffice or Google "
    "Sheets, remove the password if any, and save or download it as .xlsx or .csv"
)


@dataclass
class Spreadsheet:
    """A spreadsheet file read into grids: what analysing and importing work on."""

    path: str
    format: str
    grids: list[Grid]
    notices: list[Notice] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Half of a character (a lone surrogate, from "_xD83D_" in an xlsx) can never be saved:
        # replaced by U+FFFD here, whichever reader made the grids, and the cells named.
        self.notices = [*self.notices, *repair_surrogates(self.grids)]

    def sheet_names(self) -> list[str]:
        return [grid.name for grid in self.grids]

    def missing_labels(self, mapping: Mapping) -> list[str]:
        """The labels a mapping names that no cell of this spreadsheet holds."""
        texts = {label_key(v.text) for g in self.grids for v in g.cells.values() if len(v.text) <= 200}
        return [label for label in mapping.fields if label_key(label) not in texts]


@dataclass
class SheetSummary:
    """What the import preview shows for one sheet."""

    name: str
    hidden: bool
    selected: bool
    orientation: Orientation | None = None
    tie: bool = False
    stages: list[str] = field(default_factory=list)
    reason: str = ""  # why the sheet is not imported, when it is not
    layout: Layout | None = None
    labels: list[LabelSlot] = field(default_factory=list)  # the table's labels, as the mapping step shows them

    @property
    def imported(self) -> bool:
        return self.selected and not self.reason


class UnclearTableError(MapFileError):
    """No sheet holds a table clear enough to import; ``sheets`` says what each one holds, so the
    import dialog can show the labels it found and let the user say what they mean."""

    def __init__(self, path: str | os.PathLike[str], problem: str, sheets: list[SheetSummary]) -> None:
        super().__init__(path, problem)
        self.sheets = sheets


@dataclass
class Analysis:
    """A spreadsheet's import, with the per-sheet detail the preview shows."""

    result: LoadResult
    sheets: list[SheetSummary]
    native: bool = False

    @property
    def orientation(self) -> Orientation | None:
        """The orientation of the first imported sheet (None for our own export or no table)."""
        return next((s.orientation for s in self.sheets if s.imported), None)

    @property
    def tie(self) -> bool:
        return any(s.tie for s in self.sheets if s.imported)

    @property
    def layout(self) -> Layout | None:
        return next((s.layout for s in self.sheets if s.imported), None)

    def label_slots(self) -> list[LabelSlot]:
        """Every label of every imported sheet's table, once per text, in sheet order."""
        seen: dict[str, LabelSlot] = {}
        for summary in self.sheets:
            if summary.imported:
                for slot in summary.labels:
                    seen.setdefault(label_key(slot.text), slot)
        return list(seen.values())

    def stage_names(self) -> list[str]:
        journey = self.result.map
        return [journey.stage(s).name for s in journey.stage_ids()]

    def lane_names(self) -> list[str]:
        journey = self.result.map
        return [journey.lane(p).name for p in journey.lane_ids()]


def read_spreadsheet(
    path: str | os.PathLike[str], *, progress: ProgressFn | None = None, limits: Limits = DEFAULT_LIMITS
) -> Spreadsheet:
    """Read an .xlsx, .ods, .xls or .csv file (chosen by content) into grids, after the safety checks.

    Raises :class:`MapFileError` for anything unreadable or beyond ``limits``, and lets
    :class:`ImportCancelled` from ``progress`` through.
    """
    progress = progress or no_progress
    kind = sniff_format(path)
    if kind not in ("xlsx", "ods", "ole2", "csv"):
        raise MapFileError(path, f"is a {kind} file, not a spreadsheet; open it with File > Open")
    data = read_bytes(path, limits)
    if kind in ("xlsx", "ods"):
        from journeymap.io.sheets.safety import vet_zip

        kind = vet_zip(path, data, limits)
    if kind == "xlsx":
        from journeymap.io.sheets.xlsx_reader import read_xlsx_grids

        return Spreadsheet(os.fspath(path), kind, read_xlsx_grids(path, data, limits, progress))
    if kind in ("ods", "ole2"):
        from journeymap.io.sheets.calamine_reader import read_calamine_grids

        grids, kind = read_calamine_grids(path, data, kind, limits, progress, _LEGACY)
        return Spreadsheet(os.fspath(path), kind, grids)
    from journeymap.io.sheets.csv_reader import read_csv_grid

    grid, notices = read_csv_grid(path, data, limits, progress)
    return Spreadsheet(os.fspath(path), kind, [grid], notices)


def analyse(
    sheet: Spreadsheet,
    *,
    orientation: Orientation | str | None = None,
    sheets: list[str] | None = None,
    mapping: Mapping | None = None,
) -> Analysis:
    """Build the map from a read spreadsheet.

    ``orientation`` forces "columns" (stages are columns) or "rows" for every sheet instead of
    detecting it. ``sheets`` names the sheets to import; by default every visible sheet with a
    table. ``mapping`` corrects what labels mean (and may choose the layout). Our own .xlsx export
    is read from its data sheets and ignores all three.
    Raises :class:`MapFileError` when no sheet holds a clear journey map table.
    """
    mapping = mapping or Mapping()
    forced = Orientation(orientation) if orientation is not None else None
    known = sheet.sheet_names()
    for name in sheets or ():
        if name not in known:
            raise MapFileError(sheet.path, f"has no sheet named {name!r}; it has {', '.join(map(repr, known))}")
    report = Report()
    report.notices.extend(sheet.notices)
    if sheet.format == "xlsx" and native.is_native(sheet.grids):
        missing = native.missing_sheets(sheet.grids)
        if not missing:
            journey = _native(sheet, report)
            summaries = [SheetSummary(g.name, g.hidden, True) for g in sheet.grids]
            return Analysis(LoadResult(journey, report.finish(sheet.grids), sheet.format), summaries, native=True)
        report.warn(
            f"this is our export, but the sheet(s) {', '.join(missing)} are missing; "
            "read the map sheet alone, without ids and card details"
        )
    return _generic(sheet, forced, sheets, report, mapping)


def _native(sheet: Spreadsheet, report: Report) -> JourneyMap:
    """Our own export: exact from the data sheets, unless the team edited the map sheets since."""
    exported = native.read_native(sheet.path, sheet.grids, report)
    names = [name for name, _rows in map_sheets(exported)]
    map_grids = [g for g in sheet.grids if g.name in names]
    changes = native.map_sheets_edited(sheet.grids, exported, map_grids) if map_grids else []
    if not changes:
        for grid in map_grids:
            for position in grid.filled():
                report.use(grid, position)
        report.info("our own export: read exactly from its data sheets")
        return exported
    # The team's edits on the map sheets win; ids and details come from the data sheets.
    sheet_report = Report()
    shape_mapping = mapping_of(exported.sheet_shape) if exported.sheet_shape is not None else Mapping()
    edited = _generic(
        dataclasses.replace(sheet, grids=map_grids, notices=[]), None, None, sheet_report, shape_mapping
    ).result
    report.notices.extend(edited.notices)
    for grid in map_grids:
        for position in grid.filled():
            report.use(grid, position)
    merged = reconcile(exported, edited.map)
    merged.map.sheet_shape = exported.sheet_shape
    cells = ", ".join(
        f"{grid.name}!{grid.ref(p)}" if len(map_grids) > 1 else grid.ref(p) for grid, p in changes[:5]
    ) + (", …" if len(changes) > 5 else "")
    report.warn(
        f"the map sheet was edited after the export ({cells}): it was imported as the current map, "
        f"with ids and details from the data sheets where its items are unchanged: {merged.summary()}",
        changes[0][0],
    )
    return merged.map


def load_spreadsheet(
    path: str | os.PathLike[str],
    *,
    orientation: Orientation | str | None = None,
    sheets: list[str] | None = None,
    progress: ProgressFn | None = None,
    limits: Limits = DEFAULT_LIMITS,
    mapping: Mapping | None = None,
) -> LoadResult:
    """Read and import a spreadsheet in one call: the map and the import report."""
    return analyse(
        read_spreadsheet(path, progress=progress, limits=limits),
        orientation=orientation,
        sheets=sheets,
        mapping=mapping,
    ).result


def _generic(
    sheet: Spreadsheet, forced: Orientation | None, chosen: list[str] | None, report: Report, mapping: Mapping
) -> Analysis:
    table = synonyms()
    summaries = []
    found: list[tuple[Grid, Detection]] = []
    for grid in sheet.grids:
        selected = grid.name in chosen if chosen is not None else not grid.hidden
        summary = SheetSummary(grid.name, grid.hidden, selected)
        summaries.append(summary)
        detection = detect(grid, table, forced, mapping)
        summary.orientation, summary.tie = detection.orientation, detection.tie
        if detection.table is not None:
            summary.layout = detection.table.layout
            summary.stages = _stage_names(detection)
            summary.labels = list(detection.table.slots.values())
            summary.reason = _unclear(detection, mapping)
        else:
            summary.reason = detection.reason
            layout = mapping.layout
            summary.labels = label_candidates(
                grid.without_hidden() if not mapping.include_hidden else grid,
                detection.labels,
                forced or (Orientation.ROWS if layout is Layout.ROWS else None),
            )
        if not selected:
            why = "hidden (pick it in the import preview to read it)" if grid.hidden else "not picked"
            report.skip_sheet(grid, why, Severity.INFO)
        elif summary.reason:
            report.skip_sheet(grid, f"no journey map table found ({summary.reason})")
        else:
            found.append((grid, detection))
    if not found:
        raise UnclearTableError(sheet.path, _refusal(sheet, summaries), summaries)
    builder = MapBuilder(table, report)
    several = len(found) > 1
    for grid, detection in found:
        assert detection.table is not None and detection.orientation is not None
        located = detection.table
        how = located.layout.describe()
        line = "column" if located.layout is Layout.COLUMNS else "row"
        table_at = f"labels in {line} {_axis_name(grid, detection)}"
        if detection.tie:
            report.warn(
                f"read with {how}, but both ways fit equally well ({detection.scores[detection.orientation]}"
                f" labels each); if that is wrong, flip the orientation in the import preview",
                grid,
            )
        elif detection.forced:
            report.info(f"read with {how}, as asked ({table_at})", grid)
        else:
            report.info(f"read with {how} ({table_at})", grid)
        corrected = [slot for slot in located.slots.values() if slot.corrected]
        if corrected:
            report.info(
                "the mapping says: " + "; ".join(f'"{s.text}" is {s.target.describe().lower()}' for s in corrected),
                grid,
            )
        lane = grid.name if several else DEFAULT_LANE
        if located.layout is Layout.INVENTORY:
            add_inventory(builder, located, lane)
            continue
        lanes_before = set(builder.lanes)
        builder.add_table(located, lane, milestones_in_lane=several)
        if lane in builder.lanes and lane not in lanes_before:
            origin = "the sheet's name" if several else "a default name"
            line = "columns" if located.layout is Layout.ROWS else "rows"
            report.info(f'{line} whose label names no persona went to the lane "{lane}" ({origin})', grid)
    journey = builder.build(Path(sheet.path).stem)
    first = found[0][1].table
    assert first is not None
    if not several:
        journey.sheet_shape = capture(first, DEFAULT_LANE)  # the export writes the team's shape back
    elif all(d.table is not None and d.table.layout is not Layout.INVENTORY for _, d in found):
        # One sheet per persona: each exported again as its lane's sheet, with the first sheet's labels.
        journey.sheet_shape = capture_per_persona([d.table for _, d in found if d.table is not None])
    return Analysis(LoadResult(journey, report.finish(sheet.grids), sheet.format), summaries)


def _stage_names(detection: Detection) -> list[str]:
    located = detection.table
    assert located is not None
    if located.layout is not Layout.INVENTORY:
        return located.stage_names()
    names: list[str] = []
    for (row, column), value in sorted(located.grid.cells.items()):
        if (
            column == located.label_column
            and located.header_row < row <= located.last_row
            and not value.blank
            and (row, column) not in located.outside
            and value.text.strip() not in names
        ):
            names.append(value.text.strip())
    return names


def _unclear(detection: Detection, mapping: Mapping) -> str:
    """Why a found table is not clear enough to be a map, or "" when it is: stage names, and two
    labels that mean something (one is enough where the user's mapping named it)."""
    located = detection.table
    assert located is not None
    meaningful = located.meaningful_fields()
    mapped = any(mapping.target_for(slot.text) is not None for slot in located.slots.values())
    if located.layout is Layout.INVENTORY:
        return (
            ""
            if meaningful & {Field.TOUCHPOINTS, Field.PAIN_POINTS, Field.OPPORTUNITIES, Field.THOUGHTS}
            else "no column of cards"
        )
    if not located.stage_cells:
        return "no stage names"
    # A "Stage" label over the stage names says as clearly as any field what the table is.
    corner = detection.labels.get(_sheet_position(detection, (located.header_row, located.label_column)))
    named = 1 if corner is not None and corner.field is Field.STAGE else 0
    if len(meaningful) + named >= 2 or (mapped and meaningful):
        return ""
    return "only one label that means something, which is not enough to be sure this is a journey map"


def _sheet_position(detection: Detection, position: tuple[int, int]) -> tuple[int, int]:
    assert detection.table is not None
    return (position[1], position[0]) if detection.table.grid.transposed else position


def _refusal(sheet: Spreadsheet, summaries: list[SheetSummary]) -> str:
    reasons = "; ".join(f"{s.name}: {s.reason or 'not picked'}" for s in summaries)
    labels = [slot for s in summaries if s.selected for slot in s.labels if slot.target.field is not Field.IGNORE]
    if labels:
        named = ", ".join(f'"{slot.text}" ({slot.target.field.value})' for slot in labels[:8])
        return (
            f"holds no journey map table clear enough to import ({reasons}); labels found: {named}; "
            f'say what each label means with --field "LABEL=FIELD" (fields: {", ".join(FIELD_CHOICES)})'
        )
    return (
        f"holds no journey map table ({reasons}); the first column (or row) needs labels such as Goal, "
        "Touchpoints or Owner, and the stage names go across the top; or say what the labels mean with "
        '--field "LABEL=FIELD"'
    )


def _axis_name(grid: Grid, detection: Detection) -> str:
    assert detection.table is not None
    position = (detection.table.header_row, detection.table.label_column)
    reference = detection.table.grid.ref(position)
    letters = reference.rstrip("0123456789")
    return letters if detection.table.layout is Layout.COLUMNS else reference[len(letters) :]
