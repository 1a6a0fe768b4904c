"""Every chart's table is the same through every path: the page's view model, the page's per-chart download,
the command line's `chart_bytes` and the HLPF pack's tables, for the same request."""

from dataclasses import replace

import pytest

from analytics import views
from analytics.chart_registry import CHARTS, chart_view
from analytics.export.captions import export_context
from analytics.export.pack import pack_files
from analytics.export.pack_request import resolve_pack
from analytics.export.single import chart_bytes
from analytics.export.tables import csv_bytes
from analytics.profiles import action_line_profile, sdg_profile
from analytics.request import ViewRequest
from tests.hostile_inputs import EXPORT_DAY, stub_images
from tests.other_processes import printed_json_by_hash_seed
from wsis_data.dataset import committed_dataset

DATASET = committed_dataset()
# The requests a delegate makes: SDGs chosen in the sidebar, a region, and both ways of showing C7.
REQUESTS = (
    ViewRequest(region="Africa", sdgs=(4, 9, 17)),
    ViewRequest(region="Asia-Pacific", sdgs=(3, 5, 9, 16, 17), c7="merged", lang="fr"),
    ViewRequest(region="Global", sdgs=(9,), lang="ar"),
)


def page_tables(request: ViewRequest) -> dict:
    """Return the table of every chart the pages show for a request, read from the pages' view models."""
    explorer = views.explorer_view(DATASET, request)
    activity = views.activity_view(DATASET, request)
    tables = {
        "coverage": explorer.heatmap.table,
        "coverage_target": views.explorer_view(DATASET, replace(request, level="target")).heatmap.table,
        "coverage_overview": views.overview_view(DATASET, request).heatmap.table,
        "evidence": activity.evidence.table,
        "region_matrix": activity.region_matrix.table,
        "map": activity.country_map.table,
        # The graph, Connect and editions pages show the registry's chart itself.
        "graph": chart_view("graph", DATASET, request).table,
        "connect": chart_view("connect", DATASET, request).table,
        "edition_diff": chart_view("edition_diff", DATASET, request).table,
    }
    if activity.difference is not None:
        tables["difference"] = activity.difference.table
    return tables


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r.region}-{len(r.sdgs)}sdgs-{r.lang}")
def test_each_chart_table_is_the_same_on_the_page_in_its_download_from_the_command_line_and_in_the_pack(request_):
    shown = page_tables(request_)
    resolved = resolve_pack(DATASET, request_)
    context = export_context(DATASET, resolved.request, EXPORT_DAY)
    pack = pack_files(DATASET, resolved, context, stub_images)[0]
    pack_names = {"coverage": "coverage_goal", "evidence": "evidence", "graph": f"linkage_{request_.graph_kind}"}
    for name, table in shown.items():
        download = csv_bytes(chart_view(name, DATASET, request_).table)  # what the chart's CSV button writes
        assert csv_bytes(table) == download, name
        assert chart_bytes(name, "csv", DATASET, request_, EXPORT_DAY) == download, name
        if name in pack_names:
            assert pack[f"tables/{pack_names[name]}.csv"] == download, name
    for goal in request_.sdgs:
        one = replace(request_, sdgs=(goal,))
        download = csv_bytes(chart_view("sdg", DATASET, one).table)
        assert chart_bytes("sdg", "csv", DATASET, one, EXPORT_DAY) == download
        assert pack[f"tables/sdg{goal:02d}_contributions.csv"] == download


@pytest.mark.parametrize("region", ["Global", "Africa", "Asia-Pacific"])
def test_the_profiles_count_the_activities_of_the_region_the_activities_page_shows(region):
    request = ViewRequest(region=region)
    shown = views.activity_view(DATASET, request).activities
    for code in ("C2", "C5", "C7.3"):
        profile = action_line_profile(DATASET, code, "en", region)
        assert set(profile.activities["id"]) <= set(shown["id"])
        if region != "Global":
            assert set(profile.activities["region"]) <= {region}
    for goal in (4, 9):
        profile = sdg_profile(DATASET, goal, "en", region)
        focused = views.activity_view(DATASET, replace(request, sdgs=(goal,))).activities
        assert set(profile.activities["id"]) == set(focused["id"])


def test_every_chart_of_the_pages_is_checked_against_the_other_paths():
    checked = set(page_tables(REQUESTS[0])) | {"sdg"}
    assert checked == set(CHARTS)


CHARTS_OF_A_PROCESS = """
import hashlib, json
from analytics.chart_registry import CHARTS, chart_view
from analytics.request import RequestError, parse_request, request_context
from wsis_data.dataset import committed_dataset

dataset = committed_dataset()
context, drawn = request_context(dataset), {}
for query in ({}, {"lang": "ar", "level": "target", "sdg": "4,9", "kind": "target"}, {"region": "Africa", "kind": "target", "lang": "zh"},
              {"region": "Arab States", "c7": "merged", "lang": "fr", "sdg": "9"}):
    request = parse_request(query, context).request
    for name in CHARTS:
        try:
            view = chart_view(name, dataset, request)
        except RequestError as error:
            drawn[f"{name} {query}"] = str(error)
            continue
        shown = view.table.to_csv() + json.dumps(view.figure_dict, sort_keys=True, default=str) + view.summary + view.caption
        drawn[f"{name} {query}"] = hashlib.sha256(shown.encode()).hexdigest()
print(json.dumps(drawn))
"""


def test_every_chart_is_the_same_in_every_server_process():
    # Workers of a served dashboard are processes with their own string hashing: the same link must give the same
    # figure, table, summary and caption whichever worker serves it (a network's layout once did not).
    drawn = printed_json_by_hash_seed(CHARTS_OF_A_PROCESS, (1, 2))
    assert len(drawn[0]) == 4 * len(CHARTS)
    assert [key for key in drawn[0] if drawn[0][key] != drawn[1].get(key)] == []
