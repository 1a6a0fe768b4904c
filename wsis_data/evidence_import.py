"""Importing stocktaking records into an evidence store: a pure plan, then one all-or-nothing apply.

`plan_import(existing, incoming)` compares the records in the store with the records of a file, by id:
  added      in the file, not in the store;
  changed    in both, with any field different;
  withdrawn  in the store, absent from the file;
  unchanged  in both, identical.
Re-importing the same file gives a plan with nothing added, changed or withdrawn, and applying it changes nothing.
"""

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np
import pandas as pd

from wsis_data.activities import ActivityVocabulary, dataset_vocabulary
from wsis_data.dataset import committed_dataset
from wsis_data.stocktaking import (
    IMPORTABLE_SOURCES,
    MAX_FILE_BYTES,
    RECORD_COLUMNS,
    read_stocktaking_file,
    read_stocktaking_upload,
)

if TYPE_CHECKING:
    from wsis_data.evidence_store import EvidenceRepository


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file into one source would change; each part is a frame of records ordered by id.

    `base_version` is the version of the source in the store the plan was made against; a store refuses to
    apply a plan whose source has changed since. `file_name` and `sha256` name the imported file in the audit log.
    """

    source: str
    origin: str
    added: pd.DataFrame
    changed: pd.DataFrame
    withdrawn: pd.DataFrame
    unchanged: pd.DataFrame
    base_version: int = 0
    file_name: str = ""
    sha256: str = ""

    @property
    def changes_nothing(self) -> bool:
        """Return whether applying the plan leaves the store as it is."""
        return self.added.empty and self.changed.empty and self.withdrawn.empty

    def records_after(self) -> pd.DataFrame:
        """Return the source's records once the plan is applied: the file's records, ordered by id."""
        after = pd.concat([self.unchanged, self.changed, self.added], ignore_index=True)
        return after.sort_values("id", ignore_index=True)

    def counts(self) -> dict[str, int]:
        """Return the number of records added, changed, withdrawn and unchanged."""
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "withdrawn": len(self.withdrawn),
            "unchanged": len(self.unchanged),
        }


def empty_records() -> pd.DataFrame:
    """Return a frame of no records with the record columns."""
    return pd.DataFrame({column: pd.Series(dtype="string") for column in RECORD_COLUMNS})


def plan_import(
    existing: pd.DataFrame, incoming: pd.DataFrame, source: str = "", origin: str = "", base_version: int = 0
) -> ImportPlan:
    """Return the plan that turns the `existing` records of a source into the `incoming` ones, compared by id."""
    columns = list(RECORD_COLUMNS)
    old, new = existing[columns].reset_index(drop=True), incoming[columns].reset_index(drop=True)
    old_values, new_values = old.to_numpy(dtype=object), new.to_numpy(dtype=object)
    # Ids are unique on both sides (the file is validated, the store keys on them): a hash lookup pairs them.
    old_ids, new_ids = pd.Index(old_values[:, 0], dtype=object), pd.Index(new_values[:, 0], dtype=object)
    matched = old_ids.get_indexer(new_ids)
    in_old = matched >= 0
    differs = np.zeros(len(new_values), dtype=bool)
    differs[in_old] = (old_values[matched[in_old]] != new_values[in_old]).any(axis=1)
    withdrawn = new_ids.get_indexer(old_ids) < 0

    def ordered(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sort_values("id", ignore_index=True)

    return ImportPlan(
        source=source,
        origin=origin,
        added=ordered(new[~in_old]),
        changed=ordered(new[in_old & differs]),
        withdrawn=ordered(old[withdrawn]),
        unchanged=ordered(new[in_old & ~differs]),
        base_version=base_version,
    )


def file_sha256(path: Path) -> str:
    """Return the sha256 of a file's content, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# The origin column holds 300 characters; an uploaded file's name is whatever the browser sent.
ORIGIN_NAME_CHARS = 200


def file_origin(file_name: str, sha256: str) -> str:
    """Return how an imported file is named in the store: its name (shortened past ORIGIN_NAME_CHARS) and the
    start of its sha256."""
    if len(file_name) > ORIGIN_NAME_CHARS:
        file_name = file_name[: ORIGIN_NAME_CHARS - 1] + "…"
    return f"{file_name} (sha256 {sha256[:12]})"


def _checked_source(source: str) -> str:
    if source not in IMPORTABLE_SOURCES:
        raise ValueError(f"--source {source!r}: expected one of {', '.join(IMPORTABLE_SOURCES)}")
    return source


def _plan_and_apply(
    incoming: pd.DataFrame,
    source: str,
    file_name: str,
    sha256: str,
    repository: "EvidenceRepository",
    dry_run: bool,
    curator: str | None,
) -> ImportPlan:
    base_version = repository.version(source)
    plan = plan_import(repository.items(source), incoming, source, file_origin(file_name, sha256), base_version)
    plan = replace(plan, file_name=file_name, sha256=sha256)
    if not dry_run:
        repository.apply(plan, curator=curator)
    return plan


def import_stocktaking_file(
    path: Path,
    source: str,
    repository: "EvidenceRepository",
    *,
    dry_run: bool = False,
    vocabulary: ActivityVocabulary | None = None,
) -> ImportPlan:
    """Validate a stocktaking file whole, plan its import into `source` and apply it unless `dry_run`.

    Raises StocktakingFileError (nothing stored) when the file has any problem, and ValueError for a source
    that does not take stocktaking files. The vocabulary (targets, countries) is the committed dataset's by default.
    """
    source = _checked_source(source)
    vocabulary = vocabulary or dataset_vocabulary(committed_dataset())
    incoming = read_stocktaking_file(path, vocabulary.targets, vocabulary.countries)
    return _plan_and_apply(incoming, source, Path(path).name, file_sha256(path), repository, dry_run, None)


def import_stocktaking_upload(
    upload: BinaryIO,
    size: int,
    file_name: str,
    source: str,
    repository: "EvidenceRepository",
    *,
    curator: str,
    dry_run: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
    vocabulary: ActivityVocabulary | None = None,
) -> ImportPlan:
    """Validate an uploaded stocktaking file whole, plan its import into `source` and apply it as `curator` (an
    e-mail address the store checks for the curator role) unless `dry_run`: the command line's checks and plan.

    The upload is refused by its stated `size` (over `max_bytes`) before it is read. Raises StocktakingFileError
    (nothing stored) when the file has any problem, and ValueError for a source that does not take stocktaking files.
    """
    source = _checked_source(source)
    vocabulary = vocabulary or dataset_vocabulary(committed_dataset())
    content: list[bytes] = []  # what the reader read, once it passed the size check: its checksum names it

    def read() -> bytes:
        content.append(upload.read())
        return content[0]

    incoming = read_stocktaking_upload(read, size, file_name, vocabulary.targets, vocabulary.countries, max_bytes)
    sha256 = hashlib.sha256(content[0]).hexdigest()
    return _plan_and_apply(incoming, source, file_name, sha256, repository, dry_run, curator)
