"""Fuzzed query strings through every page (AppTest): no exception element, and one notice per ignored value."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from analytics.request import parse_request, request_context
from tests.conftest import ROOT
from tests.fuzz_queries import fuzz_queries, query_params
from ui.registry import EMBED_PAGE, PAGES
from wsis_data.dataset import committed_dataset

# The probe's size: 1,000 query strings shared out over the pages (WSIS_FUZZ_QUERIES sets another count).
QUERIES = fuzz_queries(int(os.environ.get("WSIS_FUZZ_QUERIES", "1000")))
# The pages read the editions of the test store, which holds edition 1.
CONTEXT = request_context(committed_dataset(), editions=("1",))
NOTICE_ICON = ":material/link_off:"


def test_every_fuzzed_query_string_parses_into_a_request_with_a_notice_for_each_ignored_value():
    for query in QUERIES:
        parsed = parse_request(query_params(query), CONTEXT)
        for notice in parsed.notices:
            assert len(notice.value) <= 41, notice


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title_key for spec in PAGES])
def test_no_fuzzed_query_string_puts_an_exception_on_a_page_and_each_ignored_value_gets_its_notice(spec):
    mine = QUERIES[PAGES.index(spec) :: len(PAGES)]
    failures = []
    for query in mine:
        params = query_params(query)
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for name, values in params.items():
            test.query_params[name] = values if len(values) > 1 else values[0]
        test.switch_page(spec.path)  # the link opens this page: its first run reads the query string
        test.run()
        # The embed page also refuses, with the same icon, a link that names no chart (no fuzzed query names one).
        expected = len(parse_request(params, CONTEXT).notices) + (spec == EMBED_PAGE)
        shown = [warning for warning in test.warning if warning.icon == NOTICE_ICON]
        if test.exception:
            failures.append((query[:200], [exception.value for exception in test.exception]))
        elif len(shown) != expected:
            failures.append((query[:200], f"{len(shown)} notices shown, {expected} expected"))
    print(f"{spec.path}: {len(mine)} fuzzed query strings, {len(failures)} failures")
    assert failures == []
