"""Command line of the analytics.

python -m analytics summary [--json]
python -m analytics evidence --json [--region R] [--source NAME] [--c7 merged|split]
    one record per matrix cell: action line, goal, matrix link, status (supported, no_evidence, candidate, none),
    the items pairing it in total and by source, the items naming its action line or goal without a pair, and
    `region_items`: by source, how many items the verdict rests on (those located in the region, or all).
    Reads the committed evidence and the stocktaking sources imported with `python -m wsis_data evidence import`
    into the store (`WSIS_DATABASE_URL`, by default the embedded SQLite file).
A bad argument prints one `error: …` line and exits 2.
"""

import argparse
import json
from collections.abc import Sequence

from analytics import view_data
from analytics.evidence import evidence_verdicts, items_by_region
from analytics.summary import analytics_summary
from wsis_data.command_line import ArgumentParser, fail, run
from wsis_data.constants import C7_MODES, ITU_REGIONS
from wsis_data.dataset import committed_dataset
from wsis_data.loaded_evidence import with_loaded_evidence
from wsis_data.store import open_store
from wsis_data.store.evidence import DatabaseEvidenceRepository


def _summary(args: argparse.Namespace) -> int:
    figures = analytics_summary(committed_dataset())
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0


def evidence_records(region: str | None, source: str | None, c7: str) -> list[dict]:
    """Return the evidence verdict of every matrix cell as JSON-ready records; ValueError names a bad argument."""
    if region is not None and region not in ITU_REGIONS:
        raise ValueError(f"--region {region!r}: expected one of {', '.join(ITU_REGIONS)}")
    if c7 not in C7_MODES:
        raise ValueError(f"--c7 {c7!r}: expected one of {', '.join(C7_MODES)}")
    dataset = with_loaded_evidence(committed_dataset(), DatabaseEvidenceRepository(open_store()))
    index = view_data.evidence_counts(dataset)
    if source is not None and source not in index.sources:
        raise ValueError(f"--source {source!r}: expected one of {', '.join(index.sources)}")
    sources = index.sources if source is None else (source,)
    linked = view_data.goal_coverage(dataset, "linked", c7, view_data.ALL_GOALS).linked
    verdicts = evidence_verdicts(index, linked, c7, region, sources)
    if region is None:
        rests_on = dataset.evidence_items.groupby("source").size()
    else:
        rests_on = items_by_region(dataset.evidence_items).set_index("region").loc[region]
    region_items = {name: int(rests_on.get(name, 0)) for name in sources}
    return [
        {
            "action_line": row["action_line"],
            "goal": int(row["goal"]),
            "region": region,
            "matrix_link": bool(row["matrix_link"]),
            "status": row["status"],
            "items": int(row["items"]),
            "items_by_source": {name: int(row[name]) for name in sources},
            "action_line_only_items": int(row["action_line_only_items"]),
            "goal_only_items": int(row["goal_only_items"]),
            "region_items": region_items,
        }
        for row in verdicts.to_dict("records")
    ]


def _evidence(args: argparse.Namespace) -> int:
    try:
        records = evidence_records(args.region, args.source, args.c7)
    except ValueError as error:
        return fail(str(error))
    if args.json:
        print(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        for record in records:
            if record["status"] != "none":
                print(f"{record['action_line']} × SDG {record['goal']}: {record['status']} ({record['items']} items)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m analytics", description="WSIS–SDG Matrix analytics")
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="print the headline analytics")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(run=_summary)
    evidence = commands.add_parser("evidence", help="the evidence verdict of every matrix cell")
    evidence.add_argument("--json", action="store_true", help="print JSON")
    evidence.add_argument("--region", help="one of: " + ", ".join(ITU_REGIONS))
    evidence.add_argument("--source", help="one evidence source (see python -m wsis_data evidence sources)")
    evidence.add_argument("--c7", default="split", help="merged or split (default)")
    evidence.set_defaults(run=_evidence)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    run(main)
