"""Command line for batch exports.

  python -m analytics.export hlpf --year 2025 --region Africa --lang fr --out pack.zip
  python -m analytics.export hlpf --sdg 4,9 --region Global --lang ar --out pack.zip
  python -m analytics.export chart --name coverage --format svg --out coverage.svg [--year Y | --sdg N,…] [--region R] [--lang L]

A bad argument or an unwritable path prints `error: …` and exits 2; nothing partial is left behind.
"""

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from analytics.export.files import UnwritablePath, check_writable, write_atomically
from analytics.export.images import BrowserMissing
from analytics.export.pack import PackRequest, PackRequestError, build_pack
from analytics.export.single import CHARTS, EXPORT_FORMATS, chart_bytes
from wsis_data.command_line import ArgumentParser, fail
from wsis_data.constants import C7_MODES, GLOBAL_SCOPE, LANGUAGES, REGION_SCOPES


def _sdgs(text: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isascii() and part.isdigit() for part in parts):
        raise argparse.ArgumentTypeError(f"{text!r}: expected comma-separated goal numbers, as in 3,5,17")
    return tuple(int(part) for part in parts)


def _common(parser: ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="HLPF year: its SDGs under in-depth review")
    parser.add_argument("--sdg", type=_sdgs, default=(), help="SDGs instead of a year, as in 4,9")
    parser.add_argument("--region", default=GLOBAL_SCOPE, help="one of: " + ", ".join(REGION_SCOPES))
    parser.add_argument("--lang", default="en", help="one of: " + ", ".join(LANGUAGES))
    parser.add_argument("--c7", default="split", choices=C7_MODES)
    parser.add_argument("--out", type=Path, required=True, help="the file to write")


def parser() -> ArgumentParser:
    main = ArgumentParser(prog="python -m analytics.export", description="Exports for HLPF contributions")
    commands = main.add_subparsers(dest="command", required=True)
    hlpf = commands.add_parser("hlpf", help="the HLPF pack: charts, tables, brief and manifest in one ZIP")
    _common(hlpf)
    chart = commands.add_parser("chart", help="one chart as an image or a table")
    chart.add_argument("--name", required=True, help="one of: " + ", ".join(CHARTS))
    chart.add_argument("--format", required=True, help="one of: " + ", ".join(EXPORT_FORMATS))
    _common(chart)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    request = PackRequest(lang=args.lang, region=args.region, year=args.year, sdgs=args.sdg, c7=args.c7)
    started = time.perf_counter()
    try:
        if args.command == "hlpf":
            result = build_pack(request, args.out)
            summary = f"{len(result.manifest['files'])} files, {result.images} images"
        else:
            check_writable(args.out)
            data = chart_bytes(args.name, args.format, request)
            write_atomically(args.out, lambda handle: handle.write(data))
            summary = args.format
    except (PackRequestError, UnwritablePath, BrowserMissing) as error:
        return fail(str(error))
    except OSError as error:  # the disk filled or the folder went away while writing: nothing partial is left
        return fail(f"cannot write {args.out}: {error.strerror or error}")
    print(f"wrote {args.out} ({summary}) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
