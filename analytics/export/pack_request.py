"""What a pack (or a single exported chart) covers: a request resolved to its SDGs, HLPF year and theme.

A request names an HLPF year, whose SDGs under in-depth review the pack covers, or the SDGs themselves.
"""

from dataclasses import dataclass, replace

from analytics import view_data
from analytics.request import Notice, RequestError, ViewRequest
from wsis_data.dataset import Dataset


@dataclass(frozen=True)
class ResolvedPack:
    """A checked pack request: `request.sdgs` are the SDGs it covers; the HLPF year and theme where it names one."""

    request: ViewRequest
    year: int | None
    theme: str

    @property
    def sdgs(self) -> tuple[int, ...]:
        """Return the SDGs the pack covers."""
        return self.request.sdgs


def resolve_pack(dataset: Dataset, request: ViewRequest) -> ResolvedPack:
    """Return the SDGs a request covers, or raise RequestError naming the parameter, its value and what was expected."""
    if request.sdgs:
        return ResolvedPack(request, request.hlpf, "")
    if request.hlpf is None:
        raise RequestError(Notice("hlpf", "", "an HLPF year or a set of SDGs"))
    focus = view_data.focus_of_year(dataset, request.hlpf, request.c7)
    if not focus.sdgs:
        reason = "not confirmed in the sources" if not focus.set_verified else "no in-depth review that year"
        raise RequestError(
            Notice(
                "hlpf", str(request.hlpf), f"a year whose SDG set is known (HLPF {request.hlpf}: {reason}), or the SDGs"
            )
        )
    return ResolvedPack(replace(request, sdgs=tuple(focus.sdgs)), request.hlpf, focus.theme)


def chart_scope(dataset: Dataset, request: ViewRequest) -> ViewRequest:
    """Return the request of a single exported chart: the HLPF year's SDGs where it names a year, else as asked."""
    if request.hlpf is None and not request.sdgs:
        return request
    return resolve_pack(dataset, request).request
