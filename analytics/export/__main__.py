"""Command line for batch exports.

  python -m analytics.export hlpf --year 2025 --region Africa --lang fr --out pack.zip
  python -m analytics.export hlpf --sdg 4,9 --region Global --lang ar --out pack.zip
  python -m analytics.export chart --name coverage --format svg --out coverage.svg [--year Y | --sdg N,…] [--region R] [--lang L]
  python -m analytics.export chart --name edition_diff --format xlsx --edition 2 --base 1 --out changes.xlsx

`--edition N` exports a published edition of the store (`WSIS_DATABASE_URL`); the default is the latest.

The arguments are checked by the same validation as the dashboard's links (`analytics.request`), with the same
words. A bad argument or an unwritable path prints `error: …` and exits 2; nothing partial is left behind.
"""

import argparse
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from analytics.chart_registry import CHARTS
from analytics.export.files import UnwritablePath, check_writable, write_atomically
from analytics.export.images import BrowserMissing
from analytics.export.pack import build_pack
from analytics.export.single import EXPORT_FORMATS, chart_bytes
from analytics.request import RequestError, ViewRequest, request_context, strict_request
from wsis_data.command_line import ArgumentParser, fail, printable, run
from wsis_data.constants import C7_MODES, GLOBAL_SCOPE, LANGUAGES, REGION_SCOPES
from wsis_data.dataset import Dataset, committed_dataset
from wsis_data.store import StoreError, open_store, published_editions
from wsis_data.stored_editions import edition_dataset

# The request parameter behind each option, so that an error names the option the user typed.
OPTIONS = {
    "hlpf": "--year",
    "sdg": "--sdg",
    "region": "--region",
    "lang": "--lang",
    "c7": "--c7",
    "edition": "--edition",
}


def _common(parser: ArgumentParser) -> None:
    # A year names its SDGs: a year and SDGs together would leave one of them silently unused.
    goals = parser.add_mutually_exclusive_group()
    goals.add_argument("--year", help="HLPF year: its SDGs under in-depth review")
    goals.add_argument("--sdg", help="SDGs instead of a year, as in 4,9")
    parser.add_argument("--region", default=GLOBAL_SCOPE, help="one of: " + ", ".join(REGION_SCOPES))
    parser.add_argument("--lang", default="en", help="one of: " + ", ".join(LANGUAGES))
    parser.add_argument("--c7", default="split", help="one of: " + ", ".join(C7_MODES))
    parser.add_argument("--edition", help="a published edition's number (default: the latest)")
    parser.add_argument("--base", help="the edition the chart edition_diff compares with (default: the previous)")
    parser.add_argument("--out", type=Path, required=True, help="the file to write, named for its format")


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


def cli_request(args: argparse.Namespace, dataset: Dataset, editions: tuple[str, ...]) -> ViewRequest:
    """Return the request the options ask for; without --year, no HLPF year (the SDGs given, or all 17)."""
    values = {
        "hlpf": args.year,
        "sdg": args.sdg,
        "region": args.region,
        "lang": args.lang,
        "c7": args.c7,
        "edition": args.edition or editions[-1],
        "base": args.base,
    }
    request = strict_request(
        {name: value for name, value in values.items() if value is not None},
        request_context(dataset, editions=editions),
    )
    return request if args.year is not None else replace(request, hlpf=None)


def check_file_name(out: Path, fmt: str) -> None:
    """Refuse a destination whose name says another format than the one written (or `-`: exports are files)."""
    if out.suffix.lower() != f".{fmt}":
        raise UnwritablePath(f"--out {printable(out)}: expected a file name ending in .{fmt}, the format written")


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    started = time.perf_counter()
    try:
        store = open_store()
        editions = tuple(str(edition.number) for edition in published_editions(store))
        request = cli_request(args, committed_dataset(), editions)
        dataset = edition_dataset(store, int(request.edition))
        if args.command == "hlpf":
            check_writable(args.out)
            check_file_name(args.out, "zip")
            result = build_pack(dataset, request, args.out)
            summary = f"{len(result.manifest['files'])} files, {result.images} images"
        else:
            check_writable(args.out)
            if args.format in EXPORT_FORMATS:  # else chart_bytes names the format expected
                check_file_name(args.out, args.format)
            data = chart_bytes(args.name, args.format, dataset, request)
            write_atomically(args.out, lambda handle: handle.write(data))
            summary = args.format
    except RequestError as error:
        return fail(str(replace(error.notice, param=OPTIONS.get(error.notice.param, "--" + error.notice.param))))
    except (UnwritablePath, BrowserMissing, StoreError) as error:
        return fail(str(error))
    except OSError as error:  # the disk filled or the folder went away while writing: nothing partial is left
        return fail(f"cannot write {args.out}: {error.strerror or error}")
    print(f"wrote {args.out} ({summary}) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    run(main)
