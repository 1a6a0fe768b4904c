"""Datasets of the store's published editions, and the changes an edition makes to an earlier one.

`edition_dataset` is the one way a published edition becomes a `Dataset` (the app caches it per edition, the
export command line calls it for `--edition`). Changes are compared as the edition store compares links.

A stored edition's links carry their ids, validation status and evidence (`edition_links`). A dataset made from
tables that are not a stored edition (the committed tables, an edited copy) is compared by its links' positions,
which are edition 1's link ids, with every link `proposed` and without evidence, as edition 1 was imported.
"""

from functools import lru_cache

import pandas as pd

from wsis_data.connect import CONNECT_DECISION_COLUMNS
from wsis_data.dataset import COMMITTED_EDITION, Dataset, committed_dataset
from wsis_data.store import (
    Store,
    connect_diff,
    database_url,
    diff_links,
    edition_connect_links,
    edition_links,
    edition_tables,
    open_store,
    published_edition,
    published_editions,
)

FIRST_EDITION = 1


def edition_dataset(store: Store, number: int) -> Dataset:
    """Return the dataset of a published edition: its links and rationales over the committed reference tables."""
    return committed_dataset().with_tables(
        edition_tables(store, number), edition=str(number), edition_info=published_edition(store, number).info()
    )


def edition_number(dataset: Dataset) -> int | None:
    """Return the stored edition a dataset shows (the committed tables are edition 1), or None for other tables."""
    if dataset.edition == COMMITTED_EDITION:
        return FIRST_EDITION
    return int(dataset.edition) if dataset.edition.isdigit() else None


def default_base(dataset: Dataset) -> int:
    """Return the edition a dataset is compared with by default: the one before it (edition 1 with itself)."""
    number = edition_number(dataset)
    return max((number or FIRST_EDITION) - 1, FIRST_EDITION)


def _table_links(dataset: Dataset) -> pd.DataFrame:
    links = dataset.matrix_links
    texts = dict(zip(dataset.rationales["rationale_id"], dataset.rationales["text"], strict=True))
    return pd.DataFrame(
        {
            "link_id": range(1, len(links) + 1),
            "action_line": links["action_line"].astype(str).to_numpy(),
            "level": links["level"].astype(str).to_numpy(),
            "goal": links["goal"].to_numpy(),
            "target": links["target"].astype(object).where(links["target"].notna(), "").astype(str).to_numpy(),
            "rationale_id": links["rationale_id"].astype(str).to_numpy(),
            "rationale": [texts.get(rationale, "") for rationale in links["rationale_id"]],
            "status": "proposed",
            "evidence": "",
        }
    )


@lru_cache(maxsize=32)
def _changes(url: str, dataset: Dataset, base: int) -> pd.DataFrame:
    store = open_store(url)
    number = edition_number(dataset)
    stored = {edition.number for edition in published_editions(store)}
    after = edition_links(store, number) if number in stored else _table_links(dataset)
    return diff_links(edition_links(store, base), after)


def edition_changes(dataset: Dataset, base: int | None = None) -> pd.DataFrame:
    """Return the links added, removed and changed from edition `base` (default: the previous one) to the dataset's.

    Columns as `wsis_data.store.DIFF_COLUMNS`. Published editions never change, so the result is cached.
    """
    return _changes(database_url(), dataset, default_base(dataset) if base is None else base).copy()


@lru_cache(maxsize=32)
def _connect_changes(url: str, dataset: Dataset, base: int) -> pd.DataFrame:
    store = open_store(url)
    number = edition_number(dataset)
    stored = {edition.number for edition in published_editions(store)}
    if number in stored:
        after = edition_connect_links(store, number)
    else:
        after = dataset.connect_links[list(CONNECT_DECISION_COLUMNS)].astype(str).to_dict(orient="records")
    return connect_diff(edition_connect_links(store, base), after)


def edition_connect_changes(dataset: Dataset, base: int | None = None) -> pd.DataFrame:
    """Return the Connect links added, removed and changed from edition `base` (default: the previous one) to the
    dataset's. Columns as `wsis_data.store.CONNECT_DIFF_COLUMNS`; cached as `edition_changes` is."""
    return _connect_changes(database_url(), dataset, default_base(dataset) if base is None else base).copy()
