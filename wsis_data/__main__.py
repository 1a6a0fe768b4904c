"""Command line of the data layer.

python -m wsis_data summary [--json]   canonical counts of the committed tables
python -m wsis_data validate PATH      check an activity file (CSV or XLSX); exit 0 `ok: N activities`, exit 2 with
                                       one `error: PATH: N problem(s)` line on stderr and one problem per line on
                                       stdout
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

from wsis_data.activities import ActivityFileError, dataset_vocabulary, read_activity_file
from wsis_data.command_line import EXIT_USAGE, ArgumentParser, fail
from wsis_data.dataset import committed_dataset
from wsis_data.store.cli import add_store_commands
from wsis_data.store.errors import StoreError
from wsis_data.summary import data_summary


def _summary(args: argparse.Namespace) -> int:
    summary = data_summary(committed_dataset())
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        activities = read_activity_file(args.path, dataset_vocabulary(committed_dataset()))
    except ActivityFileError as error:
        print(f"error: {args.path}: {len(error.problems)} problem(s)", file=sys.stderr)
        for problem in error.problems:
            print(problem)
        return EXIT_USAGE
    print(f"ok: {len(activities)} activities")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m wsis_data", description="WSIS–SDG data layer")
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
        return fail(str(error))


if __name__ == "__main__":
    sys.exit(main())
