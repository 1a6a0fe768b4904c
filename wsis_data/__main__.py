"""Command line of the data layer.

python -m wsis_data summary [--json]   canonical counts of the committed tables
python -m wsis_data validate PATH      check an activity file (CSV or XLSX); exit 0 `ok: N activities`, exit 2 with
                                       one problem per line
python -m wsis_data editions …         editions of the matrix: list, export, diff, propose, proposals, review, publish
python -m wsis_data users grant EMAIL ROLE, users list
python -m wsis_data audit              the audit log
A bad argument or a refused request prints one `error: …` line on stderr and exits with status 2.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from wsis_data.activities import ActivityFileError, read_activity_file
from wsis_data.loaders import activity_vocabulary
from wsis_data.store.cli import add_store_commands
from wsis_data.store.errors import StoreError
from wsis_data.summary import data_summary

EXIT_INVALID = 2


def _summary(args: argparse.Namespace) -> int:
    summary = data_summary()
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        activities = read_activity_file(args.path, activity_vocabulary())
    except ActivityFileError as error:
        print(f"{args.path}: {len(error.problems)} problem(s)", file=sys.stderr)
        for problem in error.problems:
            print(problem)
        return EXIT_INVALID
    print(f"ok: {len(activities)} activities")
    return 0


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors are one `error: …` line and exit status 2."""

    def error(self, message: str):
        print(f"error: {self.prog}: {message}", file=sys.stderr)
        sys.exit(EXIT_INVALID)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(prog="python -m wsis_data", description="WSIS–SDG data layer")
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="print the canonical counts")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(run=_summary)
    validate = commands.add_parser("validate", help="validate an activity file (CSV or XLSX)")
    validate.add_argument("path", type=Path)
    validate.set_defaults(run=_validate)
    add_store_commands(commands)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
