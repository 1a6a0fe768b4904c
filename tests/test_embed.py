"""Embeds: the <iframe> snippet and the URLs written from a validated request, the embed page and its notices
(AppTest), and the frame-ancestors policy of the launcher."""

import asyncio
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from analytics.chart_registry import CHARTS, chart_view
from analytics.request import ViewRequest, parse_request, request_context
from messages import t
from tests.conftest import ROOT
from ui import embed
from ui.frame_policy import (
    APP_ANCESTORS_VARIABLE,
    EMBED_ANCESTORS_VARIABLE,
    FrameAncestorsMiddleware,
    FramePolicy,
    FramePolicyError,
    policy_from_environment,
)
from ui.registry import PAGES
from ui.server import embed_path
from wsis_data.dataset import committed_dataset

DATASET = committed_dataset()


class _Frame(HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.tag, self.attrs = tag, dict(attrs)


def _iframe(snippet: str) -> dict:
    parser = _Frame()
    parser.feed(snippet)
    assert parser.tag == "iframe"
    return parser.attrs


def test_the_iframe_snippet_names_the_chart_its_view_and_embed_true_with_a_title_and_a_size():
    request = ViewRequest(lang="fr", sdgs=(4, 9), region="Africa")
    view = chart_view("coverage", DATASET, request)
    attributes = _iframe(embed.iframe_snippet(view, request))
    url = urlsplit(attributes["src"])
    assert url.path.endswith("embed")
    assert parse_qs(url.query) == {
        "chart": ["coverage"],
        "lang": ["fr"],
        "region": ["Africa"],
        "sdg": ["4,9"],
        "embed": ["true"],
    }
    assert attributes["title"] == t("embed.frame_title", "fr", title=embed.plain_title(view))
    assert int(attributes["height"]) > view.figure.layout.height and attributes["width"] == "100%"


def test_an_embed_url_is_written_from_the_validated_request_not_from_the_raw_query():
    hostile = {"lang": "fr", "sdg": "4,99,<script>", "region": '"><img src=x onerror=alert(1)>', "chart": "x"}
    request = parse_request(hostile, request_context(DATASET)).request
    view = chart_view("coverage", DATASET, request)
    snippet = embed.iframe_snippet(view, request)
    assert "<script>" not in snippet and "onerror" not in snippet
    assert parse_qs(urlsplit(_iframe(snippet)["src"]).query) == {
        "chart": ["coverage"],
        "lang": ["fr"],
        "sdg": ["4"],
        "embed": ["true"],
    }


def test_every_registered_chart_has_a_full_view_page_to_link_back_to():
    for name in CHARTS:
        page = next(spec for spec in PAGES if name in spec.charts)
        assert embed.full_view_url(name, ViewRequest(lang="ar")) == f"{page.url_path}?lang=ar"


def _embed(**query: str) -> AppTest:
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in query.items():
        test.query_params[name] = value
    test.switch_page("app_pages/embed.py")
    return test.run()


def test_the_embed_page_shows_one_chart_with_its_caption_and_no_sidebar_controls():
    test = _embed(chart="connect", lang="zh")
    assert not test.exception
    assert len(test.get("plotly_chart")) == 1
    assert len(test.sidebar.selectbox) == 0 and len(test.sidebar.multiselect) == 0
    view = chart_view("connect", DATASET, ViewRequest(lang="zh"))
    assert view.summary in [caption.value.replace("\\", "").replace("\u2060", "") for caption in test.caption]
    assert test.query_params["chart"] == "connect", "the embed keeps the chart it names in its URL"


@pytest.mark.parametrize(
    ("query", "key"), [({"chart": "pie"}, "embed.unknown"), ({}, "embed.missing"), ({"chart": "sdg"}, "embed.cannot")]
)
def test_an_embed_that_cannot_be_drawn_says_why_and_lists_the_valid_charts(query, key):
    test = _embed(lang="fr", **query)
    assert not test.exception and not test.get("plotly_chart")
    warning = test.warning[0].value.replace("\\", "").replace("\u2060", "")
    if key != "embed.cannot":
        assert ", ".join(CHARTS) in warning
    assert warning.startswith(t(key, "fr", name="'pie'", names="", param="sdg", value="", expected="")[:12])


def test_the_frame_policy_defaults_to_any_site_for_embeds_and_self_elsewhere():
    assert policy_from_environment({}) == FramePolicy("*", "'self'")
    custom = {EMBED_ANCESTORS_VARIABLE: "https://*.itu.int  https://example.org:8443", APP_ANCESTORS_VARIABLE: "'none'"}
    assert policy_from_environment(custom) == FramePolicy("https://*.itu.int https://example.org:8443", "'none'")


@pytest.mark.parametrize(
    "value", ["", "https://a.org; script-src *", "'unsafe-inline'", "https://a.org,https://b.org", '"x"']
)
def test_a_frame_policy_that_is_not_a_list_of_csp_sources_is_refused_naming_the_variable(value):
    with pytest.raises(FramePolicyError, match=EMBED_ANCESTORS_VARIABLE):
        policy_from_environment({EMBED_ANCESTORS_VARIABLE: value})


def _headers(path: str, base: str = "") -> dict[bytes, bytes]:
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})

    async def send(message):
        sent.append(message)

    middleware = FrameAncestorsMiddleware(app, FramePolicy("https://a.org", "'self'"), embed_path(base))
    asyncio.run(middleware({"type": "http", "path": path}, None, send))
    return dict(sent[0]["headers"])


def test_the_embed_path_gets_the_embed_policy_and_every_other_path_the_apps():
    assert _headers("/embed")[b"content-security-policy"] == b"frame-ancestors https://a.org"
    assert _headers("/embed/")[b"content-security-policy"] == b"frame-ancestors https://a.org"
    assert _headers("/wsis/embed", base="/wsis/")[b"content-security-policy"] == b"frame-ancestors https://a.org"
    for path in ("/", "/matrix_explorer", "/embedded", "/static/embed", "/wsis/embed"):
        assert _headers(path)[b"content-security-policy"] == b"frame-ancestors 'self'", path
    assert _headers("/")[b"content-type"] == b"text/html"
