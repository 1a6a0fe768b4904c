"""Data build: `python -m wsis_data.build --sources ../shared/data` regenerates `wsis_data/tables/`.

The build is deterministic (same sources → byte-identical tables) and is the only code that reads the raw
sources. The dashboard, the analytics and the tests read the committed tables.
"""

import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from wsis_data import facts as facts_reader
from wsis_data.activities import ACTIVITY_COLUMNS, ActivityVocabulary, validate_activity_rows
from wsis_data.command_line import ArgumentParser
from wsis_data.connect import CONNECT_LINK_COLUMNS, connect_code, connect_links
from wsis_data.constants import ACTION_LINE_CODES, LANGUAGES
from wsis_data.curation import DECISIONS, PROVENANCE_COLUMNS, curated_activities
from wsis_data.evidence import (
    EVIDENCE_COVERAGE_COLUMNS,
    EVIDENCE_ITEM_COLUMNS,
    EVIDENCE_LINK_COLUMNS,
    EVIDENCE_SOURCE_COLUMNS,
)
from wsis_data.evidence_build import evidence_tables
from wsis_data.matrix import FINDING_COLUMNS, LINK_COLUMNS, RATIONALE_COLUMNS, normalise_matrix
from wsis_data.sdg_texts import TEXT_COLUMNS, read_all_languages, structure_rows

TABLES = Path(__file__).parent / "tables"

_RAW_NAME = re.compile(r"^C\d+:?\s*(?:ICT Applications:?\s*[IVX]+[.,]\s*)?(.*)$")
_MATCHING_VERIFICATIONS = ("verified", "lead verified", "lead+ITU verified")

MATRIX_SOURCE = "WSIS–SDG Matrix, UN Action Line Facilitators coordinated by ITU (uwidcit/WSIS-SDG-Matrix)"
SDG_TEXT_SOURCE = "Official SDG texts via open-sdg/sdg-translations (MIT)"
FACTS_SOURCE = "Reference facts compiled from public sources; per-row source column"
EVIDENCE_SOURCE = "Evidence sources (see evidence_sources.csv): curated ITU activities and the WSIS Prizes sample"


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict]) -> None:
    """Write rows as UTF-8 CSV with `\\n` line ends, columns in the given order."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: _cell(row[column]) for column in columns})


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _matrix_title(raw_name: str) -> str:
    match = _RAW_NAME.match(raw_name.strip())
    title = match.group(1) if match else raw_name
    return title[:1].upper() + title[1:]


def _same_title(matrix_title: str, official: str) -> bool:
    """Treat `Official: subtitle` as the same title: some sources give only the part before the colon."""
    matrix_title, official = matrix_title.casefold(), official.casefold()
    return matrix_title == official or matrix_title.startswith(official + ":")


def _finding(kind: str, severity: str, action_line: str, goal: object, detail: str) -> dict:
    return {"kind": kind, "severity": severity, "action_line": action_line, "goal": goal, "detail": detail}


def action_line_rows(actions: list[dict], facts: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Return the action line rows, their sourced titles, and the findings about titles and facilitators."""
    sourced = facts_reader.action_line_titles(facts)
    titles = sourced + unofficial_titles(sourced)
    english = {row["code"]: row for row in titles if row["lang"] == "en"}
    facilitation = facts_reader.facilitators(facts)
    rows, findings = [], []
    for position, (code, entry) in enumerate(zip(ACTION_LINE_CODES, actions, strict=True), start=1):
        official = english[code]
        matrix_title = _matrix_title(entry["name"])
        if not _same_title(matrix_title, official["title"]):
            findings.append(
                _finding(
                    "title_differs_from_plan_of_action",
                    "warning",
                    code,
                    "",
                    f"matrix says {matrix_title!r}; Geneva Plan of Action title is {official['title']!r}",
                )
            )
        lead = facilitation[code]
        if lead["verification"] not in _MATCHING_VERIFICATIONS:
            findings.append(
                _finding(
                    "facilitator_not_verified",
                    "info",
                    code,
                    "",
                    f"facilitators {lead['lead_facilitators']!r} marked {lead['verification']!r}: {lead['notes']}".strip(),
                )
            )
        rows.append(
            {
                "code": code,
                "position": position,
                "group": "C7" if code.startswith("C7.") else code,
                "title_en": official["title"],
                "short_title_en": entry["shortName"].strip(),
                "matrix_title": matrix_title,
                "lead_facilitators": lead["lead_facilitators"],
                "co_facilitators": lead["co_facilitators"],
                "facilitators_verification": lead["verification"],
                "facilitators_source": lead["source"],
                "title_source": official["source"],
            }
        )
    return rows, titles, findings


UNOFFICIAL_SOURCE = (
    "translation by this project, not an official UN text (wsis_data/decisions/action_line_title_translations.csv)"
)


def unofficial_titles(sourced: list[dict]) -> list[dict]:
    """Return the project's own title translations for the (code, language) pairs that no source gives."""
    known = {(row["code"], row["lang"]) for row in sourced}
    rows = []
    for row in facts_reader.read_csv(DECISIONS / "action_line_title_translations.csv"):
        if (row["code"], row["lang"]) in known:
            raise ValueError(
                f"action_line_title_translations.csv: {row['code']}/{row['lang']} has a sourced title already"
            )
        rows.append({**row, "status": "unofficial", "verification": "unofficial", "source": UNOFFICIAL_SOURCE})
    return rows


def fact_findings(hlpf: list[dict], indicators: list[dict]) -> list[dict]:
    """Return findings for reference facts that the product must show as unverified."""
    findings = [
        _finding(
            "hlpf_set_unconfirmed",
            "warning",
            "",
            "",
            f"HLPF {row['year']}: SDG set not confirmed ({row['notes']})",
        )
        for row in hlpf
        if not row["set_verified"]
    ]
    findings += [
        _finding(
            "indicator_unverified",
            "info",
            "",
            row["sdg_target"].split(".")[0],
            f"{row['indicator']}: {row['notes']}",
        )
        for row in indicators
        if not row["verified"]
    ]
    return findings


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commit(path: Path) -> tuple[str, str]:
    commit, date = path.read_text(encoding="utf-8").split()[:2]
    return commit, date


def build(sources: Path, out: Path = TABLES) -> dict[str, int]:
    """Regenerate every canonical table from `sources` into `out`; return the row count of each table."""
    raw, facts = sources / "raw", sources / "facts"
    actions = json.loads((raw / "wsis_sdg_matrix" / "actions.json").read_text(encoding="utf-8"))
    texts = read_all_languages(raw / "sdg_texts")
    goals, targets, indicators = structure_rows(texts)
    official_targets = frozenset(row["target"] for row in targets)

    matrix = normalise_matrix(actions, official_targets)
    action_lines, titles, title_findings = action_line_rows(actions, facts)
    hlpf = facts_reader.hlpf_cycles(facts)
    ict = facts_reader.ict_indicators(facts)
    regions = facts_reader.itu_regions(facts)
    connect = [
        {"connect_code": connect_code(row["agenda"], row["goal_number"], row["target_code"]), **row}
        for row in facts_reader.connect_agenda(facts)
    ]
    connect_link_rows = connect_links(connect)
    activities, provenance = curated_activities(facts)
    vocabulary = ActivityVocabulary(official_targets, frozenset(row["iso3"] for row in regions))
    if problems := validate_activity_rows(activities, vocabulary):
        raise ValueError("curated activities are invalid:\n" + "\n".join(map(str, problems)))
    evidence = evidence_tables(facts, activities, provenance, regions)

    findings = matrix.findings + title_findings + fact_findings(hlpf, ict)
    findings = [{"finding_id": f"F{index:03d}", **row} for index, row in enumerate(findings, start=1)]

    matrix_commit, matrix_date = _commit(raw / "wsis_sdg_matrix" / "COMMIT")
    texts_commit, texts_date = _commit(raw / "sdg_texts" / "COMMIT")
    edition = {
        "matrix": {"repository": "uwidcit/WSIS-SDG-Matrix", "commit": matrix_commit, "date": matrix_date},
        "sdg_texts": {"repository": "open-sdg/sdg-translations", "commit": texts_commit, "date": texts_date},
        "facts_sha256": {path.name: _sha256(path) for path in sorted(facts.glob("*.csv"))},
        "languages": list(LANGUAGES),
    }

    tables: dict[str, tuple[Sequence[str], list[dict], str]] = {
        "action_lines": (tuple(action_lines[0]), action_lines, f"{MATRIX_SOURCE}; {FACTS_SOURCE}"),
        "action_line_titles": (
            ("code", "lang", "title", "status", "verification", "source"),
            titles,
            FACTS_SOURCE,
        ),
        "sdg_goals": (
            ("goal", "colour"),
            goals,
            f"{SDG_TEXT_SOURCE}; colours: UN SDG communication guidelines",
        ),
        "sdg_targets": (("target", "goal", "kind"), targets, SDG_TEXT_SOURCE),
        "sdg_indicators": (("indicator", "target", "goal"), indicators, SDG_TEXT_SOURCE),
        "sdg_texts": (TEXT_COLUMNS, texts, SDG_TEXT_SOURCE),
        "matrix_links": (LINK_COLUMNS, matrix.links, MATRIX_SOURCE),
        "rationales": (RATIONALE_COLUMNS, matrix.rationales, MATRIX_SOURCE),
        "data_quality": (("finding_id", *FINDING_COLUMNS), findings, "Data build checks"),
        "hlpf_cycles": (tuple(hlpf[0]), hlpf, FACTS_SOURCE),
        "itu_regions": (tuple(regions[0]), regions, FACTS_SOURCE),
        "connect_agenda": (tuple(connect[0]), connect, FACTS_SOURCE),
        "connect_links": (
            CONNECT_LINK_COLUMNS,
            connect_link_rows,
            f"{FACTS_SOURCE}; official or curated per row, see wsis_data/decisions/connect_links.csv",
        ),
        "ict_indicators": (tuple(ict[0]), ict, FACTS_SOURCE),
        "itu_activities": (
            ACTIVITY_COLUMNS,
            activities,
            f"{FACTS_SOURCE}; curated, see wsis_data/decisions/",
        ),
        "activity_provenance": (PROVENANCE_COLUMNS, provenance, FACTS_SOURCE),
        "evidence_sources": (EVIDENCE_SOURCE_COLUMNS, evidence["evidence_sources"], EVIDENCE_SOURCE),
        "evidence_items": (EVIDENCE_ITEM_COLUMNS, evidence["evidence_items"], EVIDENCE_SOURCE),
        "evidence_links": (EVIDENCE_LINK_COLUMNS, evidence["evidence_links"], EVIDENCE_SOURCE),
        "evidence_coverage": (EVIDENCE_COVERAGE_COLUMNS, evidence["evidence_coverage"], "facts/wsis_prizes.md"),
    }
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (columns, rows, _source) in tables.items():
        write_csv(out / f"{name}.csv", columns, rows)
        counts[name] = len(rows)
    write_csv(
        out / "table_sources.csv",
        ("table", "rows", "source"),
        [{"table": name, "rows": counts[name], "source": source} for name, (_c, _r, source) in tables.items()],
    )
    (out / "edition.json").write_text(json.dumps(edition, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m wsis_data.build", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True, help="folder holding raw/ and facts/")
    parser.add_argument("--out", type=Path, default=TABLES, help="where to write the tables")
    args = parser.parse_args(argv)
    for needed in ("raw/wsis_sdg_matrix/actions.json", "raw/sdg_texts", "facts"):
        if not (args.sources / needed).exists():
            parser.error(f"--sources {args.sources}: {needed} not found")
    counts = build(args.sources, args.out)
    for name, rows in counts.items():
        print(f"{name}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
