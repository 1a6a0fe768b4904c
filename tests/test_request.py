"""The request seam: one validation of the URL contract and the command line, and the query string of a request."""

import pytest

from analytics.request import (
    Notice,
    RequestContext,
    RequestError,
    ViewRequest,
    parse_request,
    request_context,
    request_query,
    strict_request,
)
from wsis_data.dataset import committed_dataset

CONTEXT = RequestContext(hlpf_years=tuple(range(2016, 2028)), targets=frozenset({"16.10", "9.c", "4.4"}))


def parsed(**params):
    return parse_request(params, CONTEXT)


def test_an_empty_query_gives_the_default_request():
    assert parsed().request == ViewRequest()
    assert parsed().notices == []


def test_every_public_parameter_is_read():
    query = {
        "lang": "ar",
        "region": "Arab States",
        "sdg": "17,9,9",
        "hlpf": "2019",
        "al": "C7.4",
        "level": "target",
        "c7": "merged",
        "palette": "cividis",
        "value": "share",
        "kind": "target",
        "focus": "C5",
        "sector": "T,D",
        "edition": "committed",
        "cell": "C7:9.c",
    }
    result = parse_request(query, CONTEXT)
    assert result.notices == []
    assert result.request == ViewRequest(
        lang="ar",
        region="Arab States",
        sdgs=(9, 17),
        hlpf=2019,
        level="target",
        c7="merged",
        palette="cividis",
        action_line="C7.4",
        cell=("C7", "9.c"),
        value="share",
        graph_kind="target",
        focus="C5",
        sectors=("T", "D"),
    )


def test_the_last_of_repeated_parameters_wins():
    assert parse_request({"lang": ["fr", "ru"]}, CONTEXT).request.lang == "ru"


def test_invalid_values_keep_the_default_and_are_named():
    result = parsed(lang="de", sdg="1,x", hlpf="2031", c7="both")
    assert result.request == ViewRequest(sdgs=(1,))
    assert result.notices == [
        Notice("lang", "de", "one of ar, zh, en, es, fr, ru"),
        Notice("hlpf", "2031", "a year from 2016 to 2027"),
        Notice("c7", "both", "split or merged"),
        Notice("sdg", "x", "comma-separated goal numbers from 1 to 17"),
    ]


def test_a_list_keeps_its_valid_parts_and_names_the_dropped_ones():
    result = parsed(sdg="6,18")
    assert result.request.sdgs == (6,)
    assert result.notices == [Notice("sdg", "18", "comma-separated goal numbers from 1 to 17")]
    result = parsed(sector="T,X,GS")
    assert result.request.sectors == ("T", "GS")
    assert [notice.value for notice in result.notices] == ["X"]


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("sdg", "²"),
        ("sdg", "٣"),  # an Arabic-Indic digit: str.isdigit() says yes, int() would read it
        ("sdg", "9" * 5000),
        ("hlpf", "٢٠٢٥"),
        ("hlpf", "9" * 5000),
        ("hlpf", "１"),
        ("lang", "e" * 1_000_000),
        ("region", "Africa" * 1000),
        ("al", "C\u0661"),
        ("cell", "C1:" + "3" * 5000),
        ("cell", "C1:²"),
        ("edition", "9" * 5000),
        ("sector", "T" * 100),
    ],
)
def test_hostile_values_become_notices_never_exceptions(param, value):
    result = parsed(**{param: value})
    assert result.request == ViewRequest()
    assert len(result.notices) >= 1
    notice = result.notices[0]
    assert notice.param == param
    assert len(notice.value) <= 41, "a huge value is cut in the notice"


def test_a_cell_names_an_action_line_and_a_goal_or_at_target_level_a_target():
    assert parsed(cell="C6:16").request.cell == ("C6", "16")
    assert parsed(cell="C6:16.10", level="target").request.cell == ("C6", "16.10")
    for bad, params in (
        ("C6:16.10", {}),  # a target at goal level
        ("C6:16", {"level": "target"}),  # a goal at target level
        ("C6:18", {}),
        ("C7:4", {}),  # C7 is one row only when merged
        ("C7.1:4", {"c7": "merged"}),
        ("C6:4", {"sdg": "9"}),  # a goal outside the selected ones
        ("C6", {}),
    ):
        result = parsed(cell=bad, **params)
        assert result.request.cell is None, bad
        assert result.notices[-1].param == "cell"


def test_an_edition_the_app_does_not_hold_is_refused():
    assert parsed(edition="committed").request.edition == "committed"
    result = parsed(edition="3")
    assert result.request.edition == "committed"
    assert result.notices == [Notice("edition", "3", "an edition the dashboard holds: committed")]
    known = RequestContext(hlpf_years=(2025,), editions=("committed", "3"))
    assert parse_request({"edition": "3"}, known).request.edition == "3"


def test_a_request_writes_only_what_differs_from_the_default():
    assert request_query(ViewRequest()) == {}
    assert request_query(ViewRequest(lang="zh", sdgs=(4, 9), level="target", cell=("C6", "4.4"))) == {
        "lang": "zh",
        "sdg": "4,9",
        "level": "target",
        "cell": "C6:4.4",
    }


def test_writing_then_reading_a_request_gives_it_back():
    request = ViewRequest(
        lang="es",
        region="CIS",
        sdgs=(1, 2, 9),
        hlpf=2024,
        c7="merged",
        palette="cividis",
        action_line="C11",
        cell=("C7", "9"),
        value="linked",
        graph_kind="target",
        focus="C7.2",
        sectors=("R", "GS"),
    )
    result = parse_request(request_query(request), CONTEXT)
    assert result.notices == []
    assert result.request == request


def test_goals_default_to_all_17():
    assert ViewRequest().goals == tuple(range(1, 18))


def test_strict_callers_get_the_notice_as_an_error():
    with pytest.raises(RequestError, match=r"region='Mars': expected Global or an ITU region"):
        strict_request({"region": "Mars"}, CONTEXT)
    assert strict_request({"region": "CIS"}, CONTEXT).region == "CIS"


def test_the_context_of_a_dataset_knows_its_hlpf_years_and_targets():
    context = request_context(committed_dataset())
    assert context.hlpf_years[0] == 2016 and 2025 in context.hlpf_years
    assert context.editions == ("committed",)
    assert len(context.targets) == 169


@pytest.mark.parametrize("value", ["", ",,", " , "], ids=ascii)
@pytest.mark.parametrize("name", ["sdg", "sector", "source"])
def test_a_list_parameter_given_with_no_item_is_named_in_a_notice_not_read_as_all(name, value):
    result = parse_request({name: value}, CONTEXT)
    assert result.request == ViewRequest()
    assert [(notice.param, notice.value) for notice in result.notices] == [(name, value)]
