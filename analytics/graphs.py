"""Linkage graphs of the matrix with networkx: bipartite graphs, projections, measures, layouts and exports.

Node ids are strings with a prefix (`AL:C2`, `G:9`, `T:9.c`), so that every export format reads back
to an equal graph. Every attribute is a str, int, float or bool for the same reason.
"""

import io
import json
from itertools import combinations
from typing import Literal

import networkx as nx
import pandas as pd

from analytics.coverage import C7Mode, row_codes, row_order
from analytics.gaps import link_weights
from wsis_data.constants import SDG_GOALS

LOUVAIN_SEED = 7
LAYOUT_SEED = 11
GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")
GraphFormat = Literal["graphml", "gexf", "json"]


def action_line_node(code: str) -> str:
    """Return the node id of an action line row."""
    return f"AL:{code}"


def goal_node(goal: int) -> str:
    """Return the node id of an SDG goal."""
    return f"G:{goal}"


def target_node(target: str) -> str:
    """Return the node id of an SDG target."""
    return f"T:{target}"


def _add_action_lines(graph: nx.Graph, c7: C7Mode) -> None:
    for code in row_order(c7):
        graph.add_node(action_line_node(code), kind="action_line", label=code, bipartite=0)


def action_line_goal_graph(links: pd.DataFrame, c7: C7Mode = "split") -> nx.Graph:
    """Return the bipartite action line–goal graph; edge weight = distinct links (targets, or 1 for a goal-level link)."""
    graph = nx.Graph(name="action_line_goal")
    _add_action_lines(graph, c7)
    for goal in SDG_GOALS:
        graph.add_node(goal_node(goal), kind="goal", label=f"SDG {goal}", bipartite=1)
    for code, goal, weight in link_weights(links, c7).itertuples(index=False):
        graph.add_edge(action_line_node(str(code)), goal_node(int(goal)), weight=float(weight))
    return graph


def action_line_target_graph(links: pd.DataFrame, c7: C7Mode = "split") -> nx.Graph:
    """Return the bipartite action line–target graph; edge weight = rationales naming the pair."""
    graph = nx.Graph(name="action_line_target")
    _add_action_lines(graph, c7)
    target_links = links[links["level"] == "target"]
    frame = pd.DataFrame(
        {"row": row_codes(target_links["action_line"], c7), "target": target_links["target"].astype(str)}
    )
    for (code, target), weight in frame.groupby(["row", "target"], observed=True).size().items():
        graph.add_node(target_node(target), kind="target", label=target, bipartite=1, goal=int(target.split(".")[0]))
        graph.add_edge(action_line_node(str(code)), target_node(target), weight=float(weight))
    return graph


def goal_projection(action_line_goal: nx.Graph) -> nx.Graph:
    """Return the goal–goal graph; edge weight = number of action lines linking both goals."""
    goals = [node for node, kind in action_line_goal.nodes(data="kind") if kind == "goal"]
    projection = nx.Graph(name="goal_goal")
    projection.add_nodes_from((node, action_line_goal.nodes[node]) for node in goals)
    for first, second in combinations(goals, 2):
        shared = len(set(action_line_goal[first]) & set(action_line_goal[second]))
        if shared:
            projection.add_edge(first, second, weight=float(shared))
    return projection


def action_line_projection(links: pd.DataFrame, c7: C7Mode = "split") -> nx.Graph:
    """Return the action line–action line graph; edge weight = Jaccard similarity of their linked targets."""
    target_links = links[links["level"] == "target"]
    rows = row_codes(target_links["action_line"], c7)
    target_sets = {code: set(target_links.loc[rows == code, "target"].astype(str)) for code in row_order(c7)}
    projection = nx.Graph(name="action_line_action_line")
    _add_action_lines(projection, c7)
    for first, second in combinations(row_order(c7), 2):
        union = target_sets[first] | target_sets[second]
        if union and (jaccard := len(target_sets[first] & target_sets[second]) / len(union)):
            projection.add_edge(action_line_node(first), action_line_node(second), weight=round(jaccard, 6))
    return projection


def communities(graph: nx.Graph) -> dict[str, int]:
    """Return each node's Louvain community (fixed seed), numbered by size then by first node, from 0."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    ordered = sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))
    return {node: index for index, group in enumerate(ordered) for node in group}


def graph_measures(graph: nx.Graph) -> pd.DataFrame:
    """Return per node: degree, weighted degree, betweenness, eigenvector centrality, community, articulation point."""
    nodes = list(graph.nodes)
    if not nodes:
        return pd.DataFrame(
            columns=["node", "label", "kind", "degree", "weighted_degree", "betweenness", "eigenvector", "community"]
        )
    betweenness = nx.betweenness_centrality(graph, weight=None)
    eigenvector = _eigenvector(graph)
    community = communities(graph)
    articulation = set(nx.articulation_points(graph))
    return pd.DataFrame(
        {
            "node": nodes,
            "label": [graph.nodes[node].get("label", node) for node in nodes],
            "kind": [graph.nodes[node].get("kind", "") for node in nodes],
            "degree": [graph.degree(node) for node in nodes],
            "weighted_degree": [float(graph.degree(node, weight="weight")) for node in nodes],
            "betweenness": [round(betweenness[node], 6) for node in nodes],
            "eigenvector": [round(eigenvector.get(node, 0.0), 6) for node in nodes],
            "community": [community[node] for node in nodes],
            "articulation_point": [node in articulation for node in nodes],
        }
    )


def _eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component; the numpy solver, since power iteration oscillates on bipartite graphs."""
    scores: dict[str, float] = {}
    for component in nx.connected_components(graph):
        if len(component) < 3:
            scores.update(dict.fromkeys(component, 0.0))
            continue
        sub = graph.subgraph(component)
        weight = len(component) / graph.number_of_nodes()
        scores.update(
            {node: abs(value) * weight for node, value in nx.eigenvector_centrality_numpy(sub, weight="weight").items()}
        )
    return scores


def stable_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Return node positions that are the same on every run: Kamada–Kawai over sorted nodes, seeded spring for the rest.

    Kamada–Kawai is deterministic and spreads hubs apart; it needs a connected graph, so each component is laid
    out on its own and the components are placed side by side.
    """
    edges = sorted(((min(u, v), max(u, v), data) for u, v, data in graph.edges(data=True)), key=lambda e: e[:2])
    positions: dict[str, tuple[float, float]] = {}
    components = sorted((sorted(component) for component in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    offset = 0.0
    for component in components:
        # A graph of its own, filled in sorted order: a subgraph view iterates its nodes in the order of a Python
        # set, which string hashing changes from one process to the next (two workers drew the same link apart).
        members = set(component)
        sub = nx.Graph()
        sub.add_nodes_from(component)
        sub.add_edges_from(edge for edge in edges if edge[0] in members)
        layout = nx.kamada_kawai_layout(sub) if len(component) > 2 else nx.spring_layout(sub, seed=LAYOUT_SEED)
        for node, (x, y) in layout.items():
            positions[node] = (round(float(x) + offset, 6), round(float(y), 6))
        offset += 2.5
    return positions


def with_measures(graph: nx.Graph) -> nx.Graph:
    """Return a copy of the graph with its measures stored as node attributes (for exports)."""
    annotated = graph.copy()
    for row in graph_measures(graph).to_dict("records"):
        node = row.pop("node")
        row.pop("label")
        row.pop("kind")
        annotated.nodes[node].update(row)
    return annotated


def export_graph(graph: nx.Graph, fmt: GraphFormat) -> bytes:
    """Return the graph serialised as GraphML, GEXF or node-link JSON."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph)).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(graph)).encode("utf-8")
    if fmt == "json":
        return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, sort_keys=True).encode("utf-8")
    raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(GRAPH_FORMATS)}")


def read_graph(data: bytes, fmt: GraphFormat) -> nx.Graph:
    """Return the graph read back from an export made by `export_graph`."""
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "gexf":
        graph = nx.read_gexf(io.BytesIO(data))
        # GEXF requires an id on every edge; it is an artefact of the format, not an attribute of ours.
        for _u, _v, attributes in graph.edges(data=True):
            attributes.pop("id", None)
        return graph
    if fmt == "json":
        return nx.node_link_graph(json.loads(data), edges="edges")
    raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(GRAPH_FORMATS)}")


def graphs_equal(first: nx.Graph, second: nx.Graph) -> bool:
    """Return True when two graphs have the same nodes, edges and attributes."""
    return dict(first.nodes(data=True)) == dict(second.nodes(data=True)) and {
        frozenset((u, v)): d for u, v, d in first.edges(data=True)
    } == {frozenset((u, v)): d for u, v, d in second.edges(data=True)}
