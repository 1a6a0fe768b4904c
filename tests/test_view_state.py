"""The URL contract: parsing query strings into a view and writing a view back, without Streamlit."""

from ui.view_state import Notice, ViewState, parse_view, view_query

YEARS = range(2016, 2028)


def test_an_empty_query_gives_the_default_view():
    assert parse_view({}, YEARS).state == ViewState()


def test_every_public_parameter_is_read():
    query = {
        "lang": "ar",
        "region": "Arab States",
        "sdg": "17,9,9",
        "hlpf": "2019",
        "al": "C7.4",
        "level": "target",
        "c7": "merged",
    }
    state = parse_view(query, YEARS).state
    assert state == ViewState("ar", "Arab States", (9, 17), 2019, "C7.4", "target", "merged")


def test_the_last_of_repeated_parameters_wins():
    assert parse_view({"lang": ["fr", "ru"]}, YEARS).state.lang == "ru"


def test_invalid_values_keep_the_default_and_are_named():
    parsed = parse_view({"lang": "de", "sdg": "1,x", "hlpf": "2031", "c7": "both"}, YEARS)
    assert parsed.state == ViewState()
    assert parsed.notices == [
        Notice("lang", "de", "ar, zh, en, es, fr, ru"),
        Notice("c7", "both", "split or merged"),
        Notice("sdg", "1,x", "comma-separated goal numbers from 1 to 17"),
        Notice("hlpf", "2031", "a year from 2016 to 2027"),
    ]


def test_a_view_writes_only_what_differs_from_the_default():
    assert view_query(ViewState()) == {}
    assert view_query(ViewState(lang="zh", sdgs=(4, 9), level="target")) == {
        "lang": "zh",
        "level": "target",
        "sdg": "4,9",
    }


def test_writing_then_reading_a_view_gives_it_back():
    state = ViewState("es", "CIS", (1, 2, 3), 2024, "C11", "goal", "merged")
    assert parse_view(view_query(state), YEARS).state == state


def test_goals_default_to_all_17():
    assert ViewState().goals == tuple(range(1, 18))
