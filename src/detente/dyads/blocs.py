"""Blocs of states in a signed relations network.

Method
------
The blocs are the partition of the signed network that best fits *structural balance* in the
sense of Doreian & Mrvar's generalized blockmodeling of signed networks (P. Doreian and
A. Mrvar, "A partitioning approach to structural balance", *Social Networks* 18(2), 1996,
149-168; see also Doreian, Batagelj & Ferligoj, *Generalized Blockmodeling*, 2005): members of
a bloc should cooperate with each other and be in conflict with the members of other blocs.
The criterion is the *frustration* of a partition, the total |weight| of the edges that break
that pattern (negative edges inside a bloc, positive edges across blocs). Edge weight is
``cooperation - conflict``, so an edge of weight 0 never frustrates anything.

Frustration is minimised with a deterministic (seeded) multi-start local search:

* for every number of blocs k = 1 .. ``max_blocs`` the search starts from a spectral split
  (k-means on the k lowest eigenvectors of the signed Laplacian ``|D| - W``, Kunegis et al.
  2010, whose low eigenvectors separate the camps of a balanced graph) and from random
  partitions;
* each start is improved by moving single nodes to the bloc they have the largest net weight
  to (which is exactly the move that lowers frustration most) while frustration decreases;
* the partition with the lowest penalised frustration wins, where every bloc beyond the first
  costs ``split_penalty`` times the total |weight|; this breaks ties toward fewer blocs and
  keeps noise (one stray hostile event) from splitting off a bloc. Empty blocs are dropped.

Nodes with no nonzero-weight edge (isolated nodes, or nodes whose cooperation and conflict
cancel on every edge) cannot change the frustration wherever they go, so they are left out of
the search and, rather than each getting a bloc of its own, join the bloc with which they have
the most cooperation events (ties, and nodes without any edge, go to the largest bloc). A node
that has negative net weight to every bloc gets a bloc of its own through the search itself,
when that lowers frustration by more than the split penalty.

Self-loops are ignored (a bloc cannot be in conflict with itself in this model). Finally blocs
are numbered by size, bloc 0 the largest, ties broken by the smallest node code in the bloc.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.linalg import eigh

# Share of the total |weight| one extra bloc must save in frustration to be worth having.
DEFAULT_SPLIT_PENALTY = 0.01
# Random starts per k on top of the spectral start; the graphs are small (a few hundred
# states at most) so a handful of restarts is cheap and makes poor local minima unlikely.
RANDOM_RESTARTS = 8
# Guard against endless loops from floating-point ties in the local search.
MAX_SWEEPS = 1000
_EPS = 1e-12


@dataclass(frozen=True)
class BlocPartition:
    blocs: dict[str, int]  # node -> bloc number (0-based, bloc 0 the largest)
    frustration: float  # weight of negative edges inside blocs + positive edges across
    total_weight: float  # sum of |weight| over all edges
    fit: float  # 1 - frustration / total_weight (1 = perfectly balanced); 1.0 if no weight
    method: str  # one-line description


def find_blocs(
    graph: nx.Graph,
    max_blocs: int = 4,
    seed: int = 0,
    *,
    split_penalty: float = DEFAULT_SPLIT_PENALTY,
) -> BlocPartition:
    """Partition ``graph`` into at most ``max_blocs`` blocs minimising frustration."""
    if max_blocs < 1:
        raise ValueError("max_blocs must be at least 1")
    if split_penalty < 0:
        raise ValueError("split_penalty must not be negative")
    nodes = sorted(graph.nodes, key=str)
    weights = signed_matrix(graph, nodes)
    total = float(np.abs(np.triu(weights, 1)).sum())
    method = (
        f"structural-balance blockmodel (Doreian & Mrvar 1996): min frustration, "
        f"k<={max_blocs}, spectral + {RANDOM_RESTARTS} random starts, local search, seed {seed}"
    )
    if not nodes:
        return BlocPartition({}, 0.0, 0.0, 1.0, method)

    active = np.flatnonzero(np.abs(weights).sum(axis=1) > 0)
    labels = np.zeros(len(nodes), dtype=int)
    if active.size:
        sub = weights[np.ix_(active, active)]
        rng = np.random.default_rng(seed)
        labels[active] = best_partition(sub, max_blocs, split_penalty * total, rng)
    labels = attach_neutral(graph, nodes, labels, active)
    labels = relabel_by_size(nodes, labels)

    frustration = frustration_of(weights, labels)
    fit = 1.0 - frustration / total if total > 0 else 1.0
    blocs = {node: int(label) for node, label in zip(nodes, labels, strict=True)}
    return BlocPartition(blocs, frustration, total, fit, method)


def signed_matrix(graph: nx.Graph, nodes: list) -> np.ndarray:
    """Dense symmetric weight matrix in ``nodes`` order, self-loops dropped."""
    if not nodes:
        return np.zeros((0, 0))
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight="weight", nonedge=0.0)
    np.fill_diagonal(matrix, 0.0)
    return matrix


def frustration_of(weights: np.ndarray, labels: np.ndarray) -> float:
    """Negative weight inside blocs plus positive weight across blocs (each edge once)."""
    upper = np.triu(weights, 1)
    same = labels[:, None] == labels[None, :]
    inside_negative = -upper[(upper < 0) & same].sum()
    across_positive = upper[(upper > 0) & ~same].sum()
    return float(inside_negative + across_positive)


def best_partition(
    weights: np.ndarray, max_blocs: int, penalty: float, rng: np.random.Generator
) -> np.ndarray:
    """Labels of the least penalised-frustration partition over k = 1..max_blocs."""
    n = weights.shape[0]
    best_labels = np.zeros(n, dtype=int)
    best_score = frustration_of(weights, best_labels)
    for k in range(2, min(max_blocs, n) + 1):
        for start in starting_partitions(weights, k, rng):
            labels = compact(local_search(weights, start, k))
            blocs_used = int(labels.max()) + 1
            score = frustration_of(weights, labels) + penalty * (blocs_used - 1)
            # Strictly better only: equal scores keep the earlier, smaller-k partition.
            if score < best_score - _EPS * max(1.0, abs(best_score)):
                best_labels, best_score = labels, score
    return best_labels


def starting_partitions(weights: np.ndarray, k: int, rng: np.random.Generator) -> list:
    """The spectral start followed by random starts, all with labels in 0..k-1."""
    starts = [spectral_start(weights, k, rng)]
    starts += [rng.integers(0, k, size=weights.shape[0]) for _ in range(RANDOM_RESTARTS)]
    return starts


def spectral_start(weights: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means on the rows of the k lowest eigenvectors of the signed Laplacian."""
    laplacian = np.diag(np.abs(weights).sum(axis=1)) - weights
    _, vectors = eigh(laplacian, subset_by_index=[0, k - 1])
    # Normalising rows makes nodes of very different activity comparable (as in
    # normalised spectral clustering); zero rows stay zero.
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > _EPS)
    _, labels = kmeans2(vectors, k, minit="++", rng=rng)
    return np.asarray(labels, dtype=int)


def local_search(weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Move single nodes while frustration strictly decreases.

    Placing node v in bloc c costs the positive weight from v to nodes outside c plus the
    negative weight to nodes inside c, which is (all positive weight of v) minus the net
    weight from v to c. So the best bloc for v is the one it has the largest net weight to,
    an empty bloc counting 0.
    """
    labels = labels.copy()
    onehot = np.zeros((weights.shape[0], k))
    onehot[np.arange(labels.size), labels] = 1.0
    net = weights @ onehot  # net[v, c] = net weight from v to bloc c (diagonal is 0)
    for _ in range(MAX_SWEEPS):
        moved = False
        for v in range(labels.size):
            current, target = labels[v], int(np.argmax(net[v]))
            if net[v, target] > net[v, current] + _EPS:
                # Keep net consistent: v leaves `current` and joins `target` for everyone.
                net[:, current] -= weights[:, v]
                net[:, target] += weights[:, v]
                labels[v] = target
                moved = True
        if not moved:
            break
    return labels


def compact(labels: np.ndarray) -> np.ndarray:
    """Renumber labels 0..m-1 in order of first appearance, dropping empty blocs."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse]


def attach_neutral(
    graph: nx.Graph, nodes: list, labels: np.ndarray, active: np.ndarray
) -> np.ndarray:
    """Put nodes without any nonzero-weight edge into the bloc they cooperate with most."""
    labels = labels.copy()
    is_active = np.zeros(len(nodes), dtype=bool)
    is_active[active] = True
    sizes = np.bincount(labels[is_active], minlength=1) if active.size else np.array([0])
    largest = int(np.argmax(sizes))
    index = {node: i for i, node in enumerate(nodes)}
    for i in np.flatnonzero(~is_active):
        cooperation = np.zeros(sizes.size)
        for neighbour, data in graph[nodes[i]].items():
            j = index[neighbour]
            if is_active[j]:
                cooperation[labels[j]] += float(data.get("cooperation", 0) or 0)
        if cooperation.max() > 0:
            # Among equally cooperative blocs prefer the larger one.
            tied = np.flatnonzero(cooperation == cooperation.max())
            labels[i] = int(tied[np.argmax(sizes[tied])])
        else:
            labels[i] = largest
    return labels


def relabel_by_size(nodes: list, labels: np.ndarray) -> np.ndarray:
    """Number blocs by size, largest first, ties by the smallest node code in the bloc."""
    members: dict[int, list] = {}
    for node, label in zip(nodes, labels, strict=True):
        members.setdefault(int(label), []).append(str(node))
    order = sorted(members, key=lambda b: (-len(members[b]), min(members[b])))
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping[int(label)] for label in labels], dtype=int)
