"""Command line of the analytics: `python -m analytics summary [--json]`."""

import json
import sys
from collections.abc import Sequence

from analytics.summary import analytics_summary
from wsis_data.command_line import ArgumentParser
from wsis_data.dataset import committed_dataset


def main(argv: Sequence[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m analytics", description="WSIS–SDG Matrix analytics")
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="print the headline analytics")
    summary.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    figures = analytics_summary(committed_dataset())
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
