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

from journeymap.io.errors import MapFileError, UnsupportedFormatError
from journeymap.model import MapError

PROGRAM = "journeymap"
COMMANDS = ("templates", "new", "inspect", "convert")
# Images are drawn by the canvas, so their writers live in the app layer and need Qt (imported only
# when an image is written: the other commands start without Qt).
IMAGE_WRITERS = (".png", ".svg")
POSTER_OPTIONS = ("paper", "landscape", "tile", "margin", "overlap", "scale")


class CliError(Exception):
    """A failure to report as one line; ``str()`` already names the file."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
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
    inspect = commands.add_parser("inspect", help="print what a map holds")
    inspect.add_argument("file", metavar="FILE", help="a .cjm map or a spreadsheet (.xlsx, .csv)")
    inspect.add_argument("--json", action="store_true", help="print JSON for scripts")
    convert = commands.add_parser("convert", help="convert a map to another format (by extension)")
    convert.add_argument("input", metavar="IN", help="a .cjm map or a spreadsheet (.xlsx, .csv)")
    convert.add_argument("output", metavar="OUT", help="the file to write; its extension names the format")
    poster = convert.add_argument_group("poster options (.pdf)")
    poster.add_argument("--paper", help="A4..A0, Letter, Legal, Tabloid, ARCH-C/D/E or WxH in mm or in "
                                        "(e.g. 900x600mm); default: fits the map")
    poster.add_argument("--landscape", action="store_true", default=None, help="turn the paper sideways")
    poster.add_argument("--tile", metavar="PAPER", help="print over sheets of A4, Letter or A3 to tape together")
    poster.add_argument("--margin", type=float, metavar="MM", help="printable margin in mm (default 6)")
    poster.add_argument("--overlap", type=float, metavar="MM", help="overlap between tiles in mm (default 10)")
    poster.add_argument("--scale", type=float, help="print at this scale instead of fitting the page")
    image = convert.add_argument_group("image options (.png)")
    image.add_argument("--dpi", type=int, help="resolution of a PNG (default 150)")
    return parser


def _run_command(args: list[str]) -> int:
    options = build_parser().parse_args(args)
    handler = {"templates": _templates, "new": _new, "inspect": _inspect, "convert": _convert}
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

    result = _read(options.file)
    if options.json:
        print(json.dumps(describe(result.map), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(summary(result.map))
    return 0


def _convert(options: argparse.Namespace) -> int:
    from journeymap.io.formats import WRITERS, write_map

    extension = Path(options.output).suffix.lower()
    writer_options = _writer_options(options, extension)
    if extension not in WRITERS and extension not in IMAGE_WRITERS:
        supported = ", ".join(sorted([*WRITERS, *IMAGE_WRITERS]))
        raise UnsupportedFormatError(options.output, f"cannot write {extension or 'a file without extension'}; "
                                                     f"convert writes {supported}")
    result = _read(options.input)
    if extension in IMAGE_WRITERS:
        from journeymap.app.image_export import export_png, export_svg

        writer = export_png if extension == ".png" else export_svg
        notices = writer(result.map, options.output, **writer_options) or []
    else:
        notices = write_map(result.map, options.output, **writer_options)
    _print_notices(notices)
    return 0


def _writer_options(options: argparse.Namespace, extension: str) -> dict[str, Any]:
    given = {name: getattr(options, name) for name in (*POSTER_OPTIONS, "dpi") if getattr(options, name) is not None}
    allowed = {".pdf": POSTER_OPTIONS, ".png": ("dpi",)}.get(extension, ())
    wrong = [name for name in given if name not in allowed]
    if wrong:
        raise CliError(f"{options.output}: --{wrong[0]} does not apply to {extension or 'this'} files")
    return given


def _read(path: str) -> Any:
    from journeymap.io.formats import read_map

    result = read_map(path)
    _print_notices(result.notices)
    return result


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
