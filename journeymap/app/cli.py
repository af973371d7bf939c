"""The command line: open the app, list templates, make, inspect and convert maps.

Only ``journeymap [FILE]`` and image exports import Qt; everything else runs headless and starts
fast. Every failure ends as one line, ``journeymap: error: FILE: what is wrong``, with exit
status 1; usage errors exit 2. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from journeymap.io.errors import MapFileError
from journeymap.io.registry import FORMATS, Family, Format
from journeymap.model import MapError

PROGRAM = "journeymap"
COMMANDS = ("templates", "new", "inspect", "report", "convert", "room", "pack")


class CliError(Exception):
    """A failure to report as one line; ``str()`` already names the file."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        from journeymap.app.termination import exit_cleanly_on_sigterm

        exit_cleanly_on_sigterm()
    try:
        if args and args[0] in COMMANDS:
            return _run_command(args)
        return _open_app(args)
    except (MapFileError, CliError, MapError) as error:
        _error(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except MemoryError:
        _error("out of memory")
        return 1
    except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
        _error(f"unexpected {type(error).__name__}: {error}")
        return 1


def _error(message: str) -> None:
    print(f"{PROGRAM}: error: {' '.join(message.split())}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Design customer journey maps. Without a command, opens the app on FILE "
        "(or on the built-in sample map).",
        epilog=f"Open the app: {PROGRAM} [FILE]. With --quit-after-first-paint it exits 0 right after the map is "
        "first drawn (to time start-up).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("templates", help="list the built-in templates")
    new = commands.add_parser("new", help="make a new map from a template")
    new.add_argument("--template", required=True, metavar="NAME", help="a name from 'journeymap templates'")
    new.add_argument("-o", "--output", required=True, metavar="OUT.cjm", help="where to save the new map")
    readable = f"a .cjm map or a spreadsheet ({_spreadsheets()})"
    inspect = commands.add_parser("inspect", help="print what a map holds")
    inspect.add_argument("file", metavar="FILE", help=readable)
    inspect.add_argument("--json", action="store_true", help="print JSON for scripts")
    _mapping_options(inspect)
    report = commands.add_parser("report", help="the experience curve, handoffs, gaps and timeline of a map")
    report.add_argument("file", metavar="MAP", help=readable)
    report_format = report.add_mutually_exclusive_group()
    report_format.add_argument("--json", action="store_true", help="print JSON for scripts")
    report_format.add_argument("--markdown", action="store_true", help="print a Markdown page (the default)")
    _mapping_options(report)
    convert = commands.add_parser("convert", help="convert a map to another format (by extension)")
    convert.add_argument("input", metavar="IN", help=readable)
    convert.add_argument("output", metavar="OUT", help="the file to write; its extension names the format")
    _mapping_options(convert)
    poster = convert.add_argument_group("poster options (.pdf)")
    poster.add_argument(
        "--paper",
        help="A4..A0, Letter, Legal, Tabloid, ARCH-C/D/E or WxH in mm or in (e.g. 900x600mm); default: fits the map",
    )
    poster.add_argument("--landscape", action="store_true", default=None, help="turn the paper sideways")
    poster.add_argument("--tile", metavar="PAPER", help="print over sheets of A4, Letter or A3 to tape together")
    poster.add_argument("--margin", type=float, metavar="MM", help="printable margin in mm (default 6)")
    poster.add_argument("--overlap", type=float, metavar="MM", help="overlap between tiles in mm (default 10)")
    poster.add_argument("--scale", type=float, help="print at this scale instead of fitting the page")
    poster.add_argument(
        "--curve",
        choices=("lanes", "shared", "off"),
        help="experience curve, with the handoff marks: a band per persona lane, one shared "
        "band, or none (posters: lanes when any card is scored; pictures: none)",
    )
    poster.add_argument(
        "--analysis",
        action="store_true",
        default=None,
        help="add a page with the handoff ledger, the gaps and the timeline",
    )
    poster.add_argument(
        "--timeline",
        action="store_true",
        default=None,
        help="make each stage as wide as its duration, with a ruler (also for pictures)",
    )
    image = convert.add_argument_group("image options (.png)")
    image.add_argument("--dpi", type=int, help="resolution of a PNG (default 150)")
    _room_parser(commands)
    _pack_parser(commands)
    return parser


def _spreadsheets() -> str:
    """ ".xlsx, .ods, .xls, .csv": the spreadsheets the registry reads, as the help names them."""
    return ", ".join(f.extension for f in FORMATS.readable(Family.SPREADSHEET))


def _pack_parser(commands: Any) -> None:
    pack = commands.add_parser("pack", help="write the decision pack: poster, deck, report, action list, snapshot")
    pack.add_argument("file", metavar="MAP", help=f"a .cjm map or a spreadsheet ({_spreadsheets()})")
    pack.add_argument("folder", metavar="OUTDIR", help="a new or empty folder for the pack")
    pack.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty, replacing the pack's files of the same names",
    )
    _mapping_options(pack)


def _pack(options: argparse.Namespace) -> int:
    from journeymap.io.pack import folder_is_empty, write_pack

    folder = Path(options.folder)
    if not options.force and folder.is_dir() and not folder_is_empty(folder):
        raise CliError(f"{folder}: is not empty; choose an empty or new folder, or pass --force")
    result = _read(options.file, options)
    pack = write_pack(result.map, folder, Path(options.file).stem, force=options.force)
    _print_notices(pack.notices)
    for path in pack.files:
        print(path)
    return 0


def _room_parser(commands: Any) -> None:
    room = commands.add_parser("room", help="open a room for phones on the local network, without a window")
    room.add_argument("file", metavar="MAP.cjm", help="the map; ideas land in its inbox, votes on its cards")
    room.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1; give this machine's network address to let phones in)",
    )
    room.add_argument("--port", type=int, default=0, help="the port (default: any free port)")
    room.add_argument("--vote", type=int, metavar="DOTS", help="open a dot-voting round over all cards")


def _mapping_options(command: argparse.ArgumentParser) -> None:
    from journeymap.io.sheets.mapping import FIELD_CHOICES

    group = command.add_argument_group(f"spreadsheet import ({_spreadsheets()})")
    group.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="LABEL=FIELD",
        help=f"say what a row or column label means (repeatable); FIELD is one of {' '.join(FIELD_CHOICES)}, "
        "or touchpoints:PERSONA for one lane",
    )
    group.add_argument("--mapping", metavar="FILE.json", help="a mapping saved from the import dialog")
    group.add_argument("--include-hidden", action="store_true", help="read hidden rows and columns too")


def _run_command(args: list[str]) -> int:
    options = build_parser().parse_args(args)
    handler = {
        "templates": _templates,
        "new": _new,
        "inspect": _inspect,
        "report": _report,
        "convert": _convert,
        "room": _room,
        "pack": _pack,
    }
    return handler[options.command](options)


def _templates(_options: argparse.Namespace) -> int:
    from journeymap.io.templates import load_template, template_names

    for name in template_names():
        journey = load_template(name)
        stages = ", ".join(journey.stage(s).name for s in journey.stage_ids())
        print(f"{name:<24} {journey.title}: {stages}")
    return 0


def _new(options: argparse.Namespace) -> int:
    from journeymap.io.formats import write_map
    from journeymap.io.templates import load_template

    journey = load_template(options.template)
    write_map(journey, options.output)
    print(f"Wrote {options.output} from template {options.template}")
    return 0


def _inspect(options: argparse.Namespace) -> int:
    from journeymap.io.describe import describe, summary

    result = _read(options.file, options)
    if options.json:
        print(json.dumps(describe(result.map), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(summary(result.map))
    return 0


def _report(options: argparse.Namespace) -> int:
    from journeymap.analysis.report import report_data, report_markdown

    result = _read(options.file, options)
    if options.json:
        print(json.dumps(report_data(result.map), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(report_markdown(result.map))
    return 0


def _room(options: argparse.Namespace) -> int:
    from journeymap.room.headless import run_headless
    from journeymap.room.server import RoomError

    if options.vote is not None and not 1 <= options.vote <= 99:
        build_parser().error("--vote DOTS: give 1 to 99 dots per person")
    if not 0 <= options.port <= 65535:
        build_parser().error("--port: give 0 to 65535")
    try:
        return run_headless(options.file, options.host, options.port, options.vote)
    except RoomError as error:
        raise CliError(str(error)) from None


def _convert(options: argparse.Namespace) -> int:
    from journeymap.app.file_formats import APP_FORMATS

    # The formats, their writers and the options each takes come from the one registry; images
    # are painted with Qt, imported only when an image is written.
    found = APP_FORMATS.format_to_write(options.output)
    writer_options = _writer_options(options, found, APP_FORMATS.writer_options())
    result = _read(options.input, options)
    _print_notices(found.write(result.map, options.output, **writer_options))
    return 0


def _writer_options(options: argparse.Namespace, found: Format, known: list[str]) -> dict[str, Any]:
    given = {name: getattr(options, name) for name in known if getattr(options, name, None) is not None}
    wrong = [name for name in given if name not in found.options]
    if wrong:
        raise CliError(f"{options.output}: --{wrong[0]} does not apply to {found.extension} files")
    return given


def _read(path: str, options: argparse.Namespace) -> Any:
    from journeymap.io.formats import read_map

    mapping = _mapping(options)
    result = read_map(path) if mapping is None else _read_mapped(path, mapping, options)
    _print_notices(result.notices)
    return result


def _mapping(options: argparse.Namespace) -> Any:
    """The mapping the options give (a file, then each --field over it), or None for none."""
    if not options.field and not options.mapping and not options.include_hidden:
        return None
    from journeymap.io.sheets import FIELD_CHOICES, Mapping, Target

    mapping = Mapping.load(options.mapping) if options.mapping else Mapping()
    for given in options.field:
        label, equals, spec = given.rpartition("=")
        if not equals or not label.strip():
            build_parser().error(
                f'--field {given!r}: write LABEL=FIELD, e.g. --field "Ziel=goal"; '
                f"FIELD is one of {', '.join(FIELD_CHOICES)}"
            )
        try:
            mapping = mapping.with_field(label.strip(), Target.parse(spec))
        except ValueError as error:
            build_parser().error(f"--field {given!r}: {error}")
    if options.include_hidden:
        mapping.include_hidden = True
    return mapping


def _read_mapped(path: str, mapping: Any, options: argparse.Namespace) -> Any:
    from journeymap.io.formats import sniff_format
    from journeymap.io.sheets import analyse, read_spreadsheet

    if sniff_format(path) == "cjm":
        build_parser().error(f"{path}: --field, --mapping and --include-hidden apply to spreadsheets, not maps")
    sheet = read_spreadsheet(path)
    missing = sheet.missing_labels(mapping)
    if missing:
        build_parser().error(
            f"{path}: no cell reads {', '.join(map(repr, missing))}; --field names a label as it "
            f"is written in the sheet (see 'journeymap inspect {path}' for the labels found)"
        )
    return analyse(sheet, mapping=mapping).result


def _print_notices(notices: Sequence[Any]) -> None:
    for notice in notices:
        print(f"{PROGRAM}: {notice.severity.value}: {notice}", file=sys.stderr)


def _open_app(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=PROGRAM, parents=[], add_help=False)
    parser.add_argument("file", nargs="?")
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("--version", action="store_true")
    parser.add_argument("--quit-after-first-paint", action="store_true")
    options, unknown = parser.parse_known_args(args)
    if options.help:
        build_parser().print_help()
        return 0
    if options.version:
        from journeymap import __version__

        print(f"{PROGRAM} {__version__}")
        return 0
    if unknown:
        build_parser().error(f"unrecognised arguments: {' '.join(unknown)}")
    from journeymap.app.main import run_app

    return run_app(options.file, quit_after_first_paint=options.quit_after_first_paint)
