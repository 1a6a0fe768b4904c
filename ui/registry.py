"""The page registry: the one list of pages that `dashboard.py` routes over and the tests loop over."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """A page: its script, the catalog key of its title, its icon, the registered charts whose full view it is, and
    whether the navigation lists it."""

    path: str
    title_key: str
    icon: str
    default: bool = False
    charts: frozenset[str] = frozenset()
    listed: bool = True

    @property
    def url_path(self) -> str:
        """Return the page's URL path: its file name, so that a cold server's first deep link finds it too.

        The default page lives at the root URL, as Streamlit serves it.
        """
        return "" if self.default else self.path.removeprefix("app_pages/").removesuffix(".py")


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/overview.py",
        "page.overview",
        ":material/dashboard:",
        default=True,
        charts=frozenset({"coverage_overview"}),
    ),
    PageSpec(
        "app_pages/matrix_explorer.py",
        "page.explorer",
        ":material/grid_on:",
        charts=frozenset({"coverage", "coverage_target"}),
    ),
    PageSpec("app_pages/action_line_profile.py", "page.action_line", ":material/account_tree:"),
    PageSpec("app_pages/sdg_profile.py", "page.sdg", ":material/flag:", charts=frozenset({"sdg"})),
    PageSpec("app_pages/linkage_graph.py", "page.graph", ":material/hub:", charts=frozenset({"graph"})),
    PageSpec(
        "app_pages/activities_regions.py",
        "page.activities",
        ":material/public:",
        charts=frozenset({"evidence", "region_matrix", "difference", "map"}),
    ),
    PageSpec("app_pages/connect.py", "page.connect", ":material/device_hub:", charts=frozenset({"connect"})),
    PageSpec("app_pages/hlpf_pack.py", "page.hlpf_pack", ":material/inventory_2:"),
    PageSpec("app_pages/editions.py", "page.editions", ":material/difference:", charts=frozenset({"edition_diff"})),
    PageSpec("app_pages/curation.py", "page.curation", ":material/edit_note:"),
    PageSpec("app_pages/data_quality.py", "page.data_quality", ":material/fact_check:"),
    PageSpec("app_pages/about.py", "page.about", ":material/info:"),
    # One registered chart alone, for other sites' pages (`/embed?chart=NAME&…`); shown without navigation.
    PageSpec("app_pages/embed.py", "page.embed", ":material/code:", listed=False),
)
EMBED_PAGE = PAGES[-1]


def full_view_page(chart: str) -> PageSpec:
    """Return the page that shows a registered chart with all its controls."""
    return next(spec for spec in PAGES if chart in spec.charts)
