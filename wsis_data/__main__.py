"""Command line of the data layer.

python -m wsis_data summary [--json]   canonical counts of the committed tables
python -m wsis_data validate PATH      check an activity file (CSV or XLSX); exit 0 `ok: N activities`, exit 2 with
                                       one `error: PATH: N problem(s)` line on stderr and one problem per line on
                                       stdout
python -m wsis_data evidence import FILE --source NAME [--dry-run]
                                       import a stocktaking file (CSV or XLSX) all or nothing; prints what is added,
                                       changed and withdrawn; exit 2 with one `error: …` line on stderr and one
                                       `row R, column C: …` line per problem on stdout
python -m wsis_data evidence sources [--json]
                                       each evidence source with its name, item count, licence and coverage text
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
from wsis_data.command_line import EXIT_USAGE, ArgumentParser, fail, printable, run
from wsis_data.dataset import committed_dataset
from wsis_data.evidence_import import ImportPlan, import_stocktaking_file
from wsis_data.loaded_evidence import loaded_evidence, source_report
from wsis_data.stocktaking import IMPORTABLE_SOURCES, StocktakingFileError
from wsis_data.store import open_store
from wsis_data.store.cli import add_store_commands
from wsis_data.store.errors import StoreError
from wsis_data.store.evidence import DatabaseEvidenceRepository
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
        print(f"error: {printable(args.path)}: {len(error.problems)} problem(s)", file=sys.stderr)
        for problem in error.problems:
            print(problem)
        return EXIT_USAGE
    print(f"ok: {len(activities)} activities")
    return 0


_IDS_SHOWN = 10


def _print_plan(plan: ImportPlan, dry_run: bool) -> None:
    for part, count in plan.counts().items():
        frame = getattr(plan, part)
        ids = ", ".join(frame["id"].head(_IDS_SHOWN)) + (", …" if count > _IDS_SHOWN else "")
        print(f"{part}: {count}" + (f" ({ids})" if ids and part != "unchanged" else ""))
    if dry_run:
        print("dry run: nothing stored")
    elif plan.changes_nothing:
        print(f"{plan.source}: nothing changed")
    else:
        print(f"{plan.source}: stored {sum(plan.counts().values()) - len(plan.withdrawn)} records")


def _evidence_import(args: argparse.Namespace) -> int:
    try:
        plan = import_stocktaking_file(
            args.path, args.source, DatabaseEvidenceRepository(open_store()), dry_run=args.dry_run
        )
    except StocktakingFileError as error:
        print(f"error: {printable(args.path)}: {len(error.problems)} problem(s); nothing imported", file=sys.stderr)
        for problem in error.problems:
            print(problem)
        return EXIT_USAGE
    except ValueError as error:
        return fail(str(error))
    _print_plan(plan, args.dry_run)
    return 0


def _evidence_sources(args: argparse.Namespace) -> int:
    report = source_report(loaded_evidence(DatabaseEvidenceRepository(open_store())))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for source in report:
            print(f"{source['source']}: {source['items']} items — {source['name']}")
    return 0


def _add_evidence_commands(commands: argparse._SubParsersAction) -> None:
    evidence = commands.add_parser("evidence", help="evidence sources and stocktaking imports")
    actions = evidence.add_subparsers(dest="evidence_command", required=True)
    importing = actions.add_parser("import", help="import a stocktaking file (CSV or XLSX), all or nothing")
    importing.add_argument("path", type=Path, metavar="FILE")
    importing.add_argument("--source", required=True, help="one of " + ", ".join(IMPORTABLE_SOURCES))
    importing.add_argument("--dry-run", action="store_true", help="report the changes without storing them")
    importing.set_defaults(run=_evidence_import)
    sources = actions.add_parser("sources", help="list the evidence sources")
    sources.add_argument("--json", action="store_true", help="print JSON")
    sources.set_defaults(run=_evidence_sources)


def main(argv: Sequence[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m wsis_data", description="WSIS–SDG data layer")
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="print the canonical counts")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(run=_summary)
    validate = commands.add_parser("validate", help="validate an activity file (CSV or XLSX)")
    validate.add_argument("path", type=Path)
    validate.set_defaults(run=_validate)
    _add_evidence_commands(commands)
    add_store_commands(commands)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except StoreError as error:
        return fail(str(error))


if __name__ == "__main__":
    run(main)
