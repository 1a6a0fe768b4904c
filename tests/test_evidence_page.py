"""The evidence check on the activities page and in the matrix explorer, run with streamlit's AppTest."""

from messages import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE, t
from tests.shown import shown
from tests.test_app_pages import app, figures, on_page, texts
from wsis_data.dataset import committed_dataset
from wsis_data.safe_text import escape_markdown

PAGE = "app_pages/activities_regions.py"


def evidence_figure(test):
    """Return the evidence heatmap: the page's figure whose legend names the supported status."""
    supported = t("evidence.status.supported", "en")
    return next(figure for figure in figures(test) if any(supported in (trace.name or "") for trace in figure.data))


def cell_texts(figure) -> list[str]:
    return [text for row in figure.data[0].text for text in row]


def test_the_evidence_chart_writes_item_counts_and_names_every_source_with_its_licence_and_coverage():
    test = on_page(PAGE)
    assert not test.exception
    written = cell_texts(evidence_figure(test))
    assert any(text.startswith("●") and text[1:].isdigit() for text in written)
    shown = texts(test)
    sources = committed_dataset().evidence_source_details
    for name in sources["name"]:
        assert name.split(" (")[0] in shown
    assert "WSIS Prizes" in shown and "no year is complete" in shown
    assert "not in the loaded sources" in shown


def test_the_source_filter_narrows_the_verdicts_and_goes_into_the_link():
    test = on_page(PAGE)
    everything = cell_texts(evidence_figure(test))
    test.multiselect(key="widget.evidence_sources").set_value(["wsis_prizes"]).run()
    assert not test.exception
    prizes_only = cell_texts(evidence_figure(test))
    # The prizes state no SDGs, so they pair no cell: nothing is supported on them alone.
    assert not any(text.startswith("●") for text in prizes_only)
    assert any(text.startswith("●") for text in everything)
    assert test.query_params["source"] == "wsis_prizes"


def test_an_invalid_source_in_the_link_is_dropped_with_a_notice_that_names_it():
    test = app(source="wsis_prizes,nonsense")
    notices = " ".join(shown(warning.value) for warning in test.warning)
    assert "source=nonsense" in notices and "itu_activities, wsis_prizes" in notices
    test.switch_page(PAGE)
    test.run()
    assert not test.exception
    assert test.multiselect(key="widget.evidence_sources").value == ["wsis_prizes"]


def test_a_region_says_how_many_items_its_verdicts_rest_on():
    test = on_page(PAGE, region="Arab States")
    expected = t("evidence.region.rests_on", "en", region=t("region.Arab States", "en"), count="")
    assert expected.split(":")[0] in texts(test)
    located = [caption.value for caption in test.caption if "the verdicts rest on" in caption.value]
    assert located and any(character.isdigit() for character in located[0])


def test_choosing_a_cell_in_the_list_shows_its_items_with_source_title_and_address_as_text():
    test = on_page(PAGE)
    choice = test.selectbox(key="evidence_cell")
    assert choice.value is None
    test.selectbox(key="evidence_cell").set_value("C2:4").run()
    assert not test.exception
    shown = texts(test)
    assert "C2 × SDG 4" in shown
    tables = [frame.value for frame in test.dataframe]
    items = next(frame for frame in tables if "title" in frame.columns and "url" in frame.columns)
    assert any("Giga" in title for title in items["title"])
    assert all(url.startswith("https://") for url in items["url"])


def test_the_explorer_shows_a_clicked_cells_evidence_under_its_rationales():
    test = on_page("app_pages/matrix_explorer.py", cell="C2:4")
    assert not test.exception
    assert t("explorer.evidence", "en") in texts(test)
    assert t("evidence.sources.heading", "en") in texts(test)


def test_a_sources_licence_and_coverage_are_marked_as_english_in_another_language():
    test = on_page(PAGE, lang="fr")
    assert not test.exception
    captions = [shown(caption.value) for caption in test.caption]
    marked = [caption for caption in captions if "no year is complete" in caption]
    assert marked and all(caption.endswith(f"({t('original_english', 'fr')})") for caption in marked)


def test_in_arabic_a_sources_english_licence_and_coverage_are_isolates_so_their_punctuation_stays_at_their_end():
    test = on_page(PAGE, lang="ar")
    assert not test.exception
    sources = committed_dataset().evidence_source_details
    captions = "\n".join(caption.value for caption in test.caption)
    for source in sources.itertuples(index=False):
        for english in (source.licence, source.coverage):
            assert f"{FIRST_STRONG_ISOLATE}{escape_markdown(english)}{POP_DIRECTIONAL_ISOLATE}" in captions
