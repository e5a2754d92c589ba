from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from detente.dyads.blocs import BlocPartition, find_blocs


def add_edge(graph: nx.Graph, a: str, b: str, weight: int) -> None:
    cooperation, conflict = max(weight, 0), max(-weight, 0)
    graph.add_edge(
        a,
        b,
        cooperation=cooperation,
        conflict=conflict,
        events=cooperation + conflict,
        goldstein_total=float(weight),
        weight=weight,
    )


def camps(groups: list[list[str]], inside: int = 5, across: int = -3) -> nx.Graph:
    """Cliques that cooperate inside and are all in conflict with each other."""
    graph = nx.Graph()
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            add_edge(graph, a, b, inside)
    for first, second in itertools.combinations(groups, 2):
        for a in first:
            for b in second:
                add_edge(graph, a, b, across)
    return graph


def members(partition: BlocPartition) -> list[set[str]]:
    found: dict[int, set[str]] = {}
    for node, bloc in partition.blocs.items():
        found.setdefault(bloc, set()).add(node)
    return [found[b] for b in sorted(found)]


def test_two_hostile_camps_are_two_perfectly_balanced_blocs():
    graph = camps([["RUS", "IRN", "SYR"], ["USA", "GBR", "FRA", "ISR"]])
    partition = find_blocs(graph)
    assert members(partition) == [{"USA", "GBR", "FRA", "ISR"}, {"RUS", "IRN", "SYR"}]
    assert partition.frustration == 0.0
    assert partition.total_weight == 3 * 5 + 6 * 5 + 12 * 3
    assert partition.fit == 1.0


def test_three_camps_are_three_blocs_numbered_by_size_then_code():
    graph = camps([["CHN", "PRK"], ["RUS", "IRN", "SYR"], ["USA", "GBR", "FRA"]])
    partition = find_blocs(graph)
    # Equal sizes: the bloc with the smallest code (FRA < IRN) comes first.
    assert members(partition) == [{"USA", "GBR", "FRA"}, {"RUS", "IRN", "SYR"}, {"CHN", "PRK"}]
    assert partition.fit == 1.0


def test_single_cooperative_group_is_one_bloc():
    graph = camps([["DEU", "FRA", "ITA", "ESP"]])
    partition = find_blocs(graph)
    assert set(partition.blocs.values()) == {0}
    assert partition.fit == 1.0


def test_cooperative_components_without_conflict_stay_one_bloc():
    # Nothing separates them under structural balance, so fewer blocs wins the tie.
    graph = camps([["DEU", "FRA"]])
    add_edge(graph, "JPN", "KOR", 4)
    assert set(find_blocs(graph).blocs.values()) == {0}


def test_one_frustrated_edge_gives_its_weight_as_frustration():
    graph = camps([["A", "B", "C"], ["D", "E", "F"]])
    add_edge(graph, "C", "D", 2)  # cooperation across otherwise hostile camps
    partition = find_blocs(graph)
    assert members(partition) == [{"A", "B", "C"}, {"D", "E", "F"}]
    assert partition.frustration == 2.0
    assert partition.total_weight == 6 * 5 + 8 * 3 + 2
    assert partition.fit == pytest.approx(1 - 2 / 56)
    assert partition.fit < 1.0


def test_unbalanced_triangle_cannot_be_fully_balanced():
    graph = nx.Graph()
    add_edge(graph, "A", "B", 1)
    add_edge(graph, "B", "C", 1)
    add_edge(graph, "A", "C", -1)
    partition = find_blocs(graph)
    assert partition.frustration == 1.0
    assert partition.fit == pytest.approx(2 / 3)


def test_state_hostile_to_everyone_gets_its_own_bloc():
    graph = camps([["DEU", "FRA", "ITA", "ESP"]])
    for other in ["DEU", "FRA", "ITA", "ESP"]:
        add_edge(graph, "XXX", other, -4)
    partition = find_blocs(graph)
    assert members(partition) == [{"DEU", "FRA", "ITA", "ESP"}, {"XXX"}]
    assert partition.fit == 1.0


def test_neutral_nodes_join_a_bloc_instead_of_their_own():
    graph = camps([["RUS", "IRN", "SYR"], ["USA", "GBR", "FRA", "ISR"]])
    add_edge(graph, "IRQ", "IRN", 0)  # cooperation and conflict cancel out
    graph["IRQ"]["IRN"].update(cooperation=3, conflict=3, events=6)
    graph.add_node("NOR")  # no events at all
    partition = find_blocs(graph)
    assert partition.blocs["IRQ"] == partition.blocs["IRN"]
    assert partition.blocs["NOR"] == 0  # the largest bloc
    assert len(set(partition.blocs.values())) == 2
    assert partition.fit == 1.0


def test_max_blocs_one_puts_everyone_together():
    graph = camps([["A", "B"], ["C", "D"]])
    partition = find_blocs(graph, max_blocs=1)
    assert set(partition.blocs.values()) == {0}
    assert partition.frustration == 4 * 3


def test_self_loops_are_ignored():
    graph = camps([["A", "B"], ["C", "D"]])
    add_edge(graph, "A", "A", -7)
    partition = find_blocs(graph)
    assert partition.total_weight == 2 * 5 + 4 * 3
    assert partition.fit == 1.0


def noisy_planted_graph(seed: int) -> tuple[nx.Graph, dict[str, int]]:
    rng = np.random.default_rng(seed)
    truth = {f"S{i:02d}": int(rng.integers(0, 3)) for i in range(40)}
    graph = nx.Graph()
    for a, b in itertools.combinations(truth, 2):
        if rng.random() < 0.4:
            sign = 1 if truth[a] == truth[b] else -1
            if rng.random() < 0.05:
                sign = -sign  # some edges contradict the blocs
            add_edge(graph, a, b, sign * int(rng.integers(1, 10)))
    return graph, truth


def test_same_seed_same_answer_and_planted_blocs_recovered():
    graph, truth = noisy_planted_graph(7)
    first, second = find_blocs(graph, seed=3), find_blocs(graph, seed=3)
    assert first == second
    assert 0 < first.fit < 1
    # The planted blocs are found up to numbering.
    pairs = {(truth[node], bloc) for node, bloc in first.blocs.items()}
    assert len(pairs) == 3


def test_empty_graph():
    partition = find_blocs(nx.Graph())
    assert partition.blocs == {}
    assert partition.frustration == 0.0
    assert partition.total_weight == 0.0
    assert partition.fit == 1.0
    assert partition.method


def test_bad_max_blocs():
    with pytest.raises(ValueError):
        find_blocs(nx.Graph(), max_blocs=0)
