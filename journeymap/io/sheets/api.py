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
from journeymap.io.sheets.detect import Detection, Orientation, detect
from journeymap.io.sheets.grid import Grid
from journeymap.io.sheets.labels import synonyms
from journeymap.io.sheets.limits import DEFAULT_LIMITS, Limits
from journeymap.io.sheets.progress import ProgressFn, no_progress
from journeymap.io.sheets.reconcile import reconcile
from journeymap.io.sheets.repair import repair_surrogates
from journeymap.io.sheets.report import Report
from journeymap.io.sheets.safety import read_bytes
from journeymap.io.sheets.template import MAP_SHEET
from journeymap.model import JourneyMap

_LEGACY = ("is a legacy .xls or a password-protected workbook; open it in Excel, LibreOffice or Google "
           "Sheets, remove the password if any, and save or download it as .xlsx or .csv")


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

    @property
    def imported(self) -> bool:
        return self.selected and not self.reason


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

    def stage_names(self) -> list[str]:
        journey = self.result.map
        return [journey.stage(s).name for s in journey.stage_ids()]

    def lane_names(self) -> list[str]:
        journey = self.result.map
        return [journey.lane(p).name for p in journey.lane_ids()]


def read_spreadsheet(path: str | os.PathLike[str], *, progress: ProgressFn | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> Spreadsheet:
    """Read an .xlsx or .csv file (chosen by content) into grids, after the safety checks.

    Raises :class:`MapFileError` for anything unreadable or beyond ``limits``, and lets
    :class:`ImportCancelled` from ``progress`` through.
    """
    progress = progress or no_progress
    kind = sniff_format(path)
    if kind == "ole2":
        raise MapFileError(path, _LEGACY)
    if kind not in ("xlsx", "csv"):
        raise MapFileError(path, f"is a {kind} file, not a spreadsheet; open it with File > Open")
    data = read_bytes(path, limits)
    if kind == "xlsx":
        from journeymap.io.sheets.xlsx_reader import read_xlsx_grids

        return Spreadsheet(os.fspath(path), kind, read_xlsx_grids(path, data, limits, progress))
    from journeymap.io.sheets.csv_reader import read_csv_grid

    grid, notices = read_csv_grid(path, data, limits, progress)
    return Spreadsheet(os.fspath(path), kind, [grid], notices)


def analyse(sheet: Spreadsheet, *, orientation: Orientation | str | None = None,
            sheets: list[str] | None = None) -> Analysis:
    """Build the map from a read spreadsheet.

    ``orientation`` forces "columns" (stages are columns) or "rows" for every sheet instead of
    detecting it. ``sheets`` names the sheets to import; by default every visible sheet with a
    table. Our own .xlsx export is read from its data sheets and ignores both options.
    Raises :class:`MapFileError` when no sheet holds a journey map table.
    """
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
        report.warn(f"this is our export, but the sheet(s) {', '.join(missing)} are missing; "
                    "read the map sheet alone, without ids and card details")
    return _generic(sheet, forced, sheets, report)


def _native(sheet: Spreadsheet, report: Report) -> JourneyMap:
    """Our own export: exact from the data sheets, unless the team edited the map sheet since."""
    exported = native.read_native(sheet.path, sheet.grids, report)
    map_grid = next((g for g in sheet.grids if g.name == MAP_SHEET), None)
    changes = native.map_sheet_edited(sheet.grids, exported, map_grid) if map_grid is not None else []
    if map_grid is None or not changes:
        for position in map_grid.filled() if map_grid is not None else ():
            report.use(map_grid, position)
        report.info("our own export: read exactly from its data sheets")
        return exported
    # The team's edits on the map sheet win; ids and details come from the data sheets.
    sheet_report = Report()
    edited = _generic(dataclasses.replace(sheet, grids=[map_grid], notices=[]), None, None, sheet_report).result
    report.notices.extend(edited.notices)
    for position in map_grid.filled():
        report.use(map_grid, position)
    merged = reconcile(exported, edited.map)
    cells = ", ".join(map_grid.ref(p) for p in changes[:5]) + (", …" if len(changes) > 5 else "")
    report.warn(f"the map sheet was edited after the export ({cells}): it was imported as the current map, "
                f"with ids and details from the data sheets where its items are unchanged: {merged.summary()}",
                map_grid)
    return merged.map


def load_spreadsheet(path: str | os.PathLike[str], *, orientation: Orientation | str | None = None,
                     sheets: list[str] | None = None, progress: ProgressFn | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read and import a spreadsheet in one call: the map and the import report."""
    return analyse(read_spreadsheet(path, progress=progress, limits=limits),
                   orientation=orientation, sheets=sheets).result


def read_xlsx(path: str | os.PathLike[str]) -> LoadResult:
    """The reader registered for "xlsx" in :data:`journeymap.io.formats.READERS`."""
    return load_spreadsheet(path)


def read_csv(path: str | os.PathLike[str]) -> LoadResult:
    """The reader registered for "csv" in :data:`journeymap.io.formats.READERS`."""
    return load_spreadsheet(path)


def _generic(sheet: Spreadsheet, forced: Orientation | None, chosen: list[str] | None,
             report: Report) -> Analysis:
    table = synonyms()
    summaries = []
    found: list[tuple[Grid, Detection]] = []
    for grid in sheet.grids:
        selected = grid.name in chosen if chosen is not None else not grid.hidden
        summary = SheetSummary(grid.name, grid.hidden, selected)
        summaries.append(summary)
        detection = detect(grid, table, forced)
        summary.orientation, summary.tie = detection.orientation, detection.tie
        if detection.table is not None:
            summary.stages = detection.table.stage_names()
        else:
            summary.reason = detection.reason
        if not selected:
            why = "hidden (pick it in the import preview to read it)" if grid.hidden else "not picked"
            report.skip_sheet(grid, why, Severity.INFO)
        elif detection.table is None:
            report.skip_sheet(grid, f"no journey map table found ({detection.reason})")
        else:
            found.append((grid, detection))
    if not found:
        reasons = "; ".join(f"{s.name}: {s.reason or 'not picked'}" for s in summaries)
        raise MapFileError(sheet.path, f"holds no journey map table ({reasons}); the first column (or row) "
                                       "needs labels such as Goal, Touchpoints or Owner, and the stage "
                                       "names go across the top")
    builder = MapBuilder(table, report)
    several = len(found) > 1
    for grid, detection in found:
        assert detection.table is not None and detection.orientation is not None
        how = detection.orientation.describe()
        table_at = f"labels in {'column' if detection.orientation is Orientation.COLUMNS else 'row'} " \
                   f"{_axis_name(grid, detection)}"
        if detection.tie:
            report.warn(f"read with {how}, but both ways fit equally well ({detection.scores[detection.orientation]}"
                        f" labels each); if that is wrong, flip the orientation in the import preview", grid)
        elif detection.forced:
            report.info(f"read with {how}, as asked ({table_at})", grid)
        else:
            report.info(f"read with {how} ({table_at})", grid)
        lane = grid.name if several else DEFAULT_LANE
        lanes_before = set(builder.lanes)
        builder.add_table(detection.table, lane, milestones_in_lane=several)
        if lane in builder.lanes and lane not in lanes_before:
            origin = "the sheet's name" if several else "a default name"
            report.info(f"rows whose label names no persona went to the lane \"{lane}\" ({origin})", grid)
    journey = builder.build(Path(sheet.path).stem)
    return Analysis(LoadResult(journey, report.finish(sheet.grids), sheet.format), summaries)


def _axis_name(grid: Grid, detection: Detection) -> str:
    assert detection.table is not None
    position = (detection.table.header_row, detection.table.label_column)
    reference = detection.table.grid.ref(position)
    letters = reference.rstrip("0123456789")
    return letters if detection.orientation is Orientation.COLUMNS else reference[len(letters):]
