"""The signed network of states for the relations page: nodes with blocs and positions.

Blocs (a multi-start search) and the layout take a while on a big store, so a payload is kept
until the database changes, for the same scope.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from detente import dyads
from detente.actors.lexicon import state_names
from detente.web.cache import ResultCache
from detente.web.context import WebContext

LAYOUT_SEED = 7  # the same store always gets the same picture
PAYLOADS = ResultCache(16)


def network_payload(ctx: WebContext, scope: dyads.Scope, max_blocs: int) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        with ctx.store() as store:
            network = dyads.graph(store, scope=scope)
        return build_payload(network, max_blocs)

    return PAYLOADS.get(("graph", ctx.cache_key(), scope, max_blocs), compute)


def build_payload(network: nx.Graph, max_blocs: int) -> dict[str, Any]:
    from detente.dyads.blocs import find_blocs

    partition = find_blocs(network, max_blocs=max_blocs)
    positions = layout(network)
    names = state_names()
    nodes = [
        {"id": node, "name": names.get(node, node), "events": int(data.get("events", 0)),
         # numbered from 1, as `detente blocs` and the page name them ("bloc 1")
         "bloc": int(partition.blocs.get(node, 0)) + 1,
         "x": round(float(positions[node][0]), 4), "y": round(float(positions[node][1]), 4)}
        for node, data in sorted(network.nodes(data=True))
    ]
    edges = sorted(
        # undirected: name each pair in alphabetical order, like the undirected dyad table
        ({"source": min(a, b), "target": max(a, b), "cooperation": data["cooperation"],
          "conflict": data["conflict"], "events": data["events"],
          "goldstein_total": round(data["goldstein_total"], 2), "weight": data["weight"]}
         for a, b, data in network.edges(data=True)),
        key=lambda edge: (edge["source"], edge["target"]),
    )
    return {
        "nodes": nodes,
        "edges": edges,
        "partition": {"fit": partition.fit, "method": partition.method,
                      "count": len(set(partition.blocs.values()))},
    }


def layout(network: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Spring layout where cooperation pulls states together and conflict barely does.

    spring_layout needs positive weights, and the signed weight is negative for hostile
    dyads; so the pull is a little for any contact plus the (log-damped) cooperation. A hidden
    hub tied weakly to every state keeps separate components (two states that only deal with
    each other) near the rest instead of flung to the corners, where they squeeze the main
    picture into a blob.
    """
    if network.number_of_nodes() == 0:
        return {}
    pull = nx.Graph()
    pull.add_nodes_from(network.nodes)
    for a, b, data in network.edges(data=True):
        if a != b:
            pull.add_edge(a, b, pull=0.3 + math.log1p(max(data["cooperation"], 0)) / 4)
    hub = object()  # cannot collide with a state code
    pull.add_edges_from(((hub, node) for node in network.nodes), pull=0.2)
    # twice the default spacing: labelled markers need room
    spacing = 2 / math.sqrt(pull.number_of_nodes())
    positions = nx.spring_layout(pull, weight="pull", k=spacing, seed=LAYOUT_SEED,
                                 iterations=200)
    positions.pop(hub)
    return positions
