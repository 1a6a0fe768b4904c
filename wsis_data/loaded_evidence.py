"""The evidence the dashboard holds: the committed sources plus the sources imported into a repository."""

from dataclasses import dataclass

import pandas as pd

from wsis_data.dataset import Dataset, committed_dataset
from wsis_data.evidence_store import EvidenceRepository
from wsis_data.stocktaking import IMPORTABLE_SOURCES, stocktaking_evidence


@dataclass(frozen=True)
class LoadedEvidence:
    """Evidence sources, items and links as string frames in the evidence table model."""

    sources: pd.DataFrame
    items: pd.DataFrame
    links: pd.DataFrame


def _imported_source(source: str, items: int, details: dict[str, str]) -> dict[str, str]:
    return {
        "source": source,
        "name": IMPORTABLE_SOURCES[source]["name"],
        "licence": IMPORTABLE_SOURCES[source]["licence"],
        "coverage": (
            f"{items:,} projects imported from {details.get('origin', 'an unrecorded file')} on "
            f"{details.get('imported_at', 'an unrecorded date')}: only the projects in that file, not the whole "
            "WSIS Stocktaking database. Only the pairs a project states support a matrix cell."
        ),
        "origin": details.get("origin", ""),
    }


def loaded_evidence(repository: EvidenceRepository | None = None, base: Dataset | None = None) -> LoadedEvidence:
    """Return the evidence committed with `base` (the committed dataset), plus every source the repository holds."""
    base = base or committed_dataset()
    tables = base.source_tables
    sources, items, links = [tables["evidence_sources"]], [tables["evidence_items"]], [tables["evidence_links"]]
    if repository is not None:
        regions = tables["itu_regions"]
        region_of = dict(zip(regions["iso3"], regions["itu_region"], strict=True))
        for source in (name for name in repository.sources() if name in IMPORTABLE_SOURCES):
            records = repository.items(source)
            source_items, source_links = stocktaking_evidence(records, source, region_of)
            details = repository.import_details(source)
            sources.append(pd.DataFrame([_imported_source(source, len(records), details)], dtype="string"))
            items.append(source_items)
            links.append(source_links)
    return LoadedEvidence(
        pd.concat(sources, ignore_index=True), pd.concat(items, ignore_index=True), pd.concat(links, ignore_index=True)
    )


def source_report(evidence: LoadedEvidence) -> list[dict]:
    """Return each source with its name, item count, licence and coverage text."""
    counts = evidence.items.groupby("source").size()
    return [
        {
            "source": row["source"],
            "name": row["name"],
            "items": int(counts.get(row["source"], 0)),
            "licence": row["licence"],
            "coverage": row["coverage"],
            "origin": row["origin"],
        }
        for row in evidence.sources.to_dict("records")
    ]


def evidence_state(repository: EvidenceRepository) -> tuple[tuple[str, int], ...]:
    """Return each imported source the repository holds with its version: it changes with every import."""
    return tuple((name, repository.version(name)) for name in repository.sources() if name in IMPORTABLE_SOURCES)


def with_loaded_evidence(dataset: Dataset, repository: EvidenceRepository) -> Dataset:
    """Return the dataset with the sources the repository holds added to its committed evidence (same key if none)."""
    imported = [name for name in repository.sources() if name in IMPORTABLE_SOURCES]
    if not imported:
        return dataset
    evidence = loaded_evidence(repository, dataset)
    return dataset.with_tables(
        {"evidence_sources": evidence.sources, "evidence_items": evidence.items, "evidence_links": evidence.links},
        edition=dataset.edition,
        edition_info=dataset.edition_info,
    )
