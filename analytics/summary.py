"""Headline analytics of the real matrix and activities, as printed by `python -m analytics summary --json`."""

from analytics.coverage import coverage_matrix
from analytics.evidence import activity_cells, activity_counts, evidence_matrix, status_counts
from analytics.gaps import uncovered_targets
from analytics.graphs import action_line_goal_graph, communities, graph_measures
from analytics.hlpf import hlpf_focus
from wsis_data.dataset import Dataset


def analytics_summary(dataset: Dataset) -> dict:
    """Return the headline figures: coverage pairs, uncovered targets, top action lines, communities, evidence, HLPF 2025."""
    links, targets = dataset.matrix_links, dataset.sdg_targets
    linked = coverage_matrix(links, targets, "linked")
    graph = action_line_goal_graph(links)
    measures = graph_measures(graph)
    action_lines = measures[measures["kind"] == "action_line"]
    position = {node: index for index, node in enumerate(graph.nodes)}
    top_by_degree = action_lines.assign(order=action_lines["node"].map(position)).sort_values(
        ["degree", "weighted_degree", "order"], ascending=[False, False, True]
    )
    cells = activity_cells(dataset.activity_links)
    focus = hlpf_focus(2025, dataset.hlpf_cycles, links, dataset.rationales)
    return {
        "coverage_pairs": int(linked.to_numpy().sum()),
        "uncovered_targets": len(uncovered_targets(links, targets)),
        "top_action_lines_by_goal_degree": list(top_by_degree["label"].head(3)),
        "communities": len(set(communities(graph).values())),
        "evidence": status_counts(evidence_matrix(linked, activity_counts(cells))),
        "hlpf_2025_top_action_lines": [str(code) for code in focus.ranking["action_line"].head(3)],
    }
