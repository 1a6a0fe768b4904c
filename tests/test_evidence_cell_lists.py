"""A cell's item lists on the activities page and in the explorer stay bounded with thousands of items, run with
streamlit's AppTest against an edition store holding 3,000 SYNTHETIC stocktaking projects (`benchmarks.synthetic`:
ids `SYN-…`, example.org addresses)."""

import io

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from analytics.evidence import cell_items, evidence_lookup
from analytics.evidence_listing import LISTINGS, PAGE_SIZE
from benchmarks.synthetic import synthetic_stocktaking
from messages import t
from tests.test_app_pages import on_page, texts
from ui import cached
from wsis_data.evidence_import import import_stocktaking_file
from wsis_data.store import connect
from wsis_data.store.evidence import DatabaseEvidenceRepository

ACTIVITIES = "app_pages/activities_regions.py"
EXPLORER = "app_pages/matrix_explorer.py"
SOURCE = "wsis_stocktaking"
PROJECTS = 3_000
# A linked cell whose action line the SYNTHETIC projects name often without a pair: several pages of items.
CELL = ("C1", 1)


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    """Serve an edition store holding the SYNTHETIC projects; yield the dataset the dashboard then shows."""
    folder = tmp_path_factory.mktemp("synthetic_store")
    synthetic_stocktaking(PROJECTS).to_csv(folder / "stocktaking.csv", index=False)
    url = f"sqlite:///{folder / 'wsis.sqlite3'}"
    store = connect(url)
    import_stocktaking_file(folder / "stocktaking.csv", SOURCE, DatabaseEvidenceRepository(store))
    store.engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WSIS_DATABASE_URL", url)
        cached._evidence_state.clear()
        yield cached.dataset()
    cached._evidence_state.clear()


def expected(dataset, levels) -> pd.DataFrame:
    """Return the cell's distinct (source, item, level) over all regions, found by a scan of every link."""
    items, links = dataset.evidence_items, dataset.evidence_links
    found = cell_items(items, links, evidence_lookup(items, links), *CELL)
    return found[found["level"].isin(levels)].drop_duplicates(["source", "item_id", "level"])


def item_tables(test) -> list[pd.DataFrame]:
    return [frame.value for frame in test.dataframe if {"title", "url", "level"} <= set(frame.value.columns)]


def showing(total: int, first: int = 1, lang: str = "en") -> str:
    return t("evidence.cell.showing", lang, first=first, last=min(first + PAGE_SIZE - 1, total), total=total)


def captured_downloads(monkeypatch) -> dict[str, object]:
    """Record the callables the download buttons defer, by file name, so that a test can build what a click would."""
    deferred = {}
    adding = MediaFileManager.add_deferred

    def add_deferred(self, data, mimetype, coordinates, file_name=None, **keywords):
        deferred[file_name] = data
        return adding(self, data, mimetype, coordinates, file_name=file_name, **keywords)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return deferred


def open_cell(path: str, **query: str):
    if path == EXPLORER:
        return on_page(EXPLORER, cell=f"{CELL[0]}:{CELL[1]}", **query)
    test = on_page(ACTIVITIES, **query)
    return test.selectbox(key="evidence_cell").set_value(f"{CELL[0]}:{CELL[1]}").run()


@pytest.mark.parametrize("path", [ACTIVITIES, EXPLORER])
def test_a_cell_with_thousands_of_items_shows_one_page_of_each_list_and_says_how_many_there_are(synthetic_store, path):
    test = open_cell(path)
    assert not test.exception, [exception.value for exception in test.exception]
    supporting, level_only = (expected(synthetic_store, levels) for levels in LISTINGS.values())
    assert len(level_only) > 3 * PAGE_SIZE, "the SYNTHETIC projects give this cell several pages"
    shown = texts(test)
    assert showing(len(level_only)) in shown
    assert t("evidence.cell.level_only", "en", count=len(level_only)) in shown
    tables = item_tables(test)
    assert [len(table) for table in tables] == [min(len(supporting), PAGE_SIZE), PAGE_SIZE]
    assert set(tables[1]["title"]) <= set(level_only["title"])


@pytest.mark.parametrize("path", [ACTIVITIES, EXPLORER])
def test_a_cells_counts_by_source_are_its_distinct_items_at_each_level(synthetic_store, path):
    test = open_cell(path)
    counts = next(frame.value for frame in test.dataframe if "action_line_only_items" in frame.value.columns)
    by_level = {
        column: expected(synthetic_store, (level,)).groupby("source").size()
        for column, level in [("pairing_items", "pair"), ("action_line_only_items", "action_line_only")]
    }
    names = synthetic_store.evidence_source_details.set_index("source")["name"]
    for column, sizes in by_level.items():
        written = dict(zip(counts["name"], counts[column].astype(int), strict=True))
        assert written == {names[source]: int(sizes.get(source, 0)) for source in names.index}


@pytest.mark.parametrize("path", [ACTIVITIES, EXPLORER])
def test_the_next_page_shows_the_following_items_and_no_item_twice(synthetic_store, path):
    test = open_cell(path)
    first = item_tables(test)[1]
    total = len(expected(synthetic_store, LISTINGS["level_only"]))
    key = f"{'evidence' if path == ACTIVITIES else 'explorer'}_cell_items.level_only.{CELL[0]}:{CELL[1]}.{total}"
    test.number_input(key=key).set_value(2).run()
    assert not test.exception, [exception.value for exception in test.exception]
    second = item_tables(test)[1]
    assert showing(total, first=PAGE_SIZE + 1) in texts(test)
    assert len(second) == PAGE_SIZE
    assert not set(first["title"]) & set(second["title"])


@pytest.mark.parametrize("path", [ACTIVITIES, EXPLORER])
def test_the_cells_download_lists_every_item_of_both_lists_once(synthetic_store, path, monkeypatch):
    deferred = captured_downloads(monkeypatch)
    open_cell(path)
    built = deferred[f"evidence_{CELL[0]}_sdg{CELL[1]}.csv"]()
    rows = pd.read_csv(io.BytesIO(built), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    listed = set(zip(rows["item_id"], rows["level"], strict=True))
    assert len(listed) == len(rows)
    every = pd.concat([expected(synthetic_store, levels) for levels in LISTINGS.values()])
    assert listed == set(zip(every["item_id"], every["level"], strict=True))


def test_a_region_change_keeps_the_cell_open_with_the_regions_items_only_from_their_first_page(synthetic_store):
    test = open_cell(ACTIVITIES)
    total = len(expected(synthetic_store, LISTINGS["level_only"]))
    test.number_input(key=f"evidence_cell_items.level_only.{CELL[0]}:{CELL[1]}.{total}").set_value(3).run()
    test.sidebar.selectbox(key="widget.region").set_value("Africa").run()
    assert not test.exception, [exception.value for exception in test.exception]
    items, links = synthetic_store.evidence_items, synthetic_store.evidence_links
    found = cell_items(items, links, evidence_lookup(items, links), *CELL, region="Africa")
    level_only = found[found["level"].isin(LISTINGS["level_only"])].drop_duplicates(["source", "item_id", "level"])
    assert showing(len(level_only)) in texts(test)
    assert set(item_tables(test)[1]["title"]) <= set(level_only["title"])


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_the_count_of_a_long_list_is_written_in_the_readers_language(synthetic_store, lang):
    test = open_cell(ACTIVITIES, lang=lang)
    assert not test.exception, [exception.value for exception in test.exception]
    total = len(expected(synthetic_store, LISTINGS["level_only"]))
    assert showing(total, lang=lang) in texts(test)
