from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import matplotlib.image as mpimg
import networkx as nx
import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from detente.dyads.plots import (
    BALANCED,
    CONFLICTUAL,
    COOPERATIVE,
    EDGE_WIDTH,
    GOLDSTEIN_LABEL,
    NET_LABEL,
    NO_NETWORK,
    NO_SERIES,
    PNG_DPI,
    PNG_SIZE,
    _edge_traces,
    country_name,
    network_html,
    network_layout,
    series_figure,
    series_html,
    series_png,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def signed_graph(order: int = 1, blocs: bool = True) -> nx.Graph:
    """RUS-IRN cooperative, USA-IRN conflictual, UNO-IRN balanced, a PRK-KOR pair apart."""
    edges = [
        ("RUS", "IRN", 12, 3, 25.4),
        ("USA", "IRN", 2, 15, -60.2),
        ("UNO", "IRN", 4, 4, 0.0),
        ("USA", "GBR", 30, 1, 80.0),
        ("PRK", "KOR", 0, 6, -30.0),
    ][::order]
    graph = nx.Graph()
    for u, v, cooperation, conflict, goldstein in edges:
        graph.add_edge(u, v, cooperation=cooperation, conflict=conflict,
                       events=cooperation + conflict, goldstein_total=goldstein,
                       weight=cooperation - conflict)
    for node in graph.nodes:
        graph.nodes[node]["events"] = sum(d["events"] for *_, d in graph.edges(node, data=True))
        if blocs:
            graph.nodes[node]["bloc"] = 1 if node in {"RUS", "IRN", "PRK"} else 2
    return graph


def dyad_series() -> pd.DataFrame:
    rows = []
    periods = pd.date_range("2024-01-01", periods=8, freq="MS")
    for source, target, sign in (("RUS", "IRN", 1), ("IRN", "RUS", -1)):
        for i, period in enumerate(periods):
            cooperation, conflict = (5, 1) if i < 4 else (1, 5)
            events = cooperation + conflict if i != 2 else 0
            mean = sign * (3.0 if i < 4 else -4.0) if events else float("nan")
            rows.append({
                "period": period, "source": source, "target": target,
                "verbal_cooperation": cooperation if events else 0, "material_cooperation": 0,
                "verbal_conflict": conflict if events else 0, "material_conflict": 0,
                "events": events, "goldstein_total": mean * events if events else 0.0,
                "goldstein_mean": mean,
                "net_cooperation": (cooperation - conflict) if events else 0,
            })
    return pd.DataFrame(rows)


def changes() -> list[SimpleNamespace]:
    return [
        SimpleNamespace(period=pd.Timestamp("2024-05-01"), before=3.0, after=-4.0,
                        measure="net_cooperation"),
        SimpleNamespace(period=pd.Timestamp("2024-05-01"), before=3.0, after=-4.0,
                        measure="goldstein_mean"),
    ]


def figure_strings(page: str) -> list[str]:
    """Every string in the figure plotly writes, decoded (its JSON escapes <, > and →)."""
    data = page[page.index("Plotly.newPlot("):]
    return [json.loads(f'"{raw}"') for raw in re.findall(r'"((?:[^"\\]|\\.)*)"', data)]


def assert_self_contained(page: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?https?:", page, re.IGNORECASE)
    assert "cdn.plot.ly/plotly" not in page
    bundle = get_plotlyjs()
    assert bundle in page  # plotly.js itself is embedded
    # The only CDN addresses are those inside plotly.js (map tiles and topojson, fetched by geo
    # and map traces, which these pictures do not use).
    assert page.count("https://cdn") == bundle.count("https://cdn")


# --- names -----------------------------------------------------------------------------------


def test_country_names_and_igo_codes() -> None:
    assert country_name("IRN") == "Iran"
    assert country_name("RUS") == "Russian Federation"
    assert country_name("UNO") == "UNO"
    assert country_name("RUSGOV") == "RUSGOV"


# --- network ---------------------------------------------------------------------------------


def test_network_html_is_self_contained_and_labelled(tmp_path: Path) -> None:
    out = network_html(signed_graph(), tmp_path / "nested" / "network.html", "Signed network")
    page = out.read_text(encoding="utf-8")
    assert out.stat().st_size > 1_000_000
    assert_self_contained(page)
    strings = figure_strings(page)
    texts = "\n".join(strings)
    for code in ("RUS", "IRN", "USA", "GBR", "UNO", "PRK", "KOR"):
        assert code in strings
    assert "RUS – IRN: 12 cooperative, 3 conflictual events, Goldstein total +25.4" in strings
    # An undirected edge is named in the order networkx stores it.
    expected = {
        ("USA", "IRN"): "2 cooperative, 15 conflictual events, Goldstein total -60.2",
        ("UNO", "IRN"): "4 cooperative, 4 conflictual events, Goldstein total +0.0",
    }
    for (a, b), counts in expected.items():
        assert f"{a} – {b}: {counts}" in strings or f"{b} – {a}: {counts}" in strings
    assert "Iran" in texts and "Russian Federation" in texts
    assert "bloc 1" in strings and "bloc 2" in strings
    assert any(s.startswith("cooperative dyad") for s in strings)
    assert any(s.startswith("conflictual dyad") for s in strings)
    assert any(s.startswith("balanced dyad") for s in strings)
    assert "Signed network" in strings


def test_network_without_blocs_has_one_node_group(tmp_path: Path) -> None:
    page = network_html(signed_graph(blocs=False), tmp_path / "n.html", "t").read_text()
    strings = figure_strings(page)
    assert "states (size: events)" in strings
    assert not any(s.startswith("bloc ") for s in strings)


@pytest.mark.parametrize("graph", [nx.Graph(), nx.empty_graph(["RUS"])])
def test_empty_network_says_so(tmp_path: Path, graph: nx.Graph) -> None:
    if graph.number_of_nodes():
        graph.nodes["RUS"]["events"] = 0
    out = network_html(graph, tmp_path / "empty.html", "March 2024")
    page = out.read_text(encoding="utf-8")
    assert NO_NETWORK in page and "March 2024" in page
    assert "<script" not in page


def test_edges_coloured_by_sign_and_widths_by_events() -> None:
    graph = signed_graph()
    traces = _edge_traces(graph, network_layout(graph))
    colours = {t.line.color for t in traces}
    assert colours == {COOPERATIVE, CONFLICTUAL, BALANCED}
    widths = [t.line.width for t in traces]
    assert max(widths) == EDGE_WIDTH[1]  # USA-GBR, the busiest dyad: 31 events
    assert min(widths) == pytest.approx(EDGE_WIDTH[1] * 6 / 31, abs=0.25)  # PRK-KOR: 6 events
    busiest = next(t for t in traces if t.line.width == max(widths))
    assert busiest.line.color == COOPERATIVE
    legend = [t.name for t in traces if t.showlegend]
    assert len(legend) == 3 == len(set(legend))


def test_layout_is_deterministic_and_keeps_states_apart() -> None:
    first = network_layout(signed_graph(order=1))
    second = network_layout(signed_graph(order=-1))
    assert first.keys() == second.keys()
    for node, (x, y) in first.items():
        assert second[node] == pytest.approx((x, y))
    nodes = list(first)
    closest = min(math.dist(first[a], first[b]) for i, a in enumerate(nodes)
                  for b in nodes[i + 1:])
    assert closest > 0.3  # median edge length is 1.0


def test_layout_does_not_depend_on_the_hash_seed() -> None:
    # Components come out of networkx as sets; their order must not reach spring_layout.
    script = (
        "import networkx as nx\n"
        "from detente.dyads.plots import network_layout\n"
        "g = nx.Graph()\n"
        "for u, v, w in [('RUS', 'IRN', 9), ('USA', 'IRN', -13), ('PRK', 'KOR', -6),\n"
        "                ('FRA', 'DEU', 3), ('USA', 'GBR', 29)]:\n"
        "    g.add_edge(u, v, weight=w)\n"
        "print(sorted((n, round(x, 9), round(y, 9)) for n, (x, y) in network_layout(g).items()))\n"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_isolated_states_are_still_placed() -> None:
    graph = signed_graph()
    graph.add_node("FRA", events=3)
    positions = network_layout(graph)
    assert "FRA" in positions and all(math.isfinite(v) for v in positions["FRA"])


# --- series ----------------------------------------------------------------------------------


def test_series_png_is_a_readable_png(tmp_path: Path) -> None:
    out = series_png(dyad_series(), tmp_path / "series.png", "Russia and Iran", changes())
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    height, width, _ = mpimg.imread(out).shape
    assert (width, height) == (PNG_SIZE[0] * PNG_DPI, PNG_SIZE[1] * PNG_DPI)


def test_series_figure_names_directions_units_and_changes() -> None:
    fig = series_figure(dyad_series(), "Russia and Iran", changes())
    net_ax, tone_ax = fig.axes
    legend = [t.get_text() for t in net_ax.get_legend().get_texts()]
    assert legend == ["RUS → IRN", "IRN → RUS", "change point"]
    assert net_ax.get_ylabel().replace("\n", " ") == NET_LABEL
    assert tone_ax.get_ylabel().replace("\n", " ") == GOLDSTEIN_LABEL
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert labels == ["change: +3.0 -> -4.0", "change: +3.0 -> -4.0"]
    assert fig.get_suptitle() == "Russia and Iran"
    dashed = [line for line in net_ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 2


def test_series_png_for_a_single_period(tmp_path: Path) -> None:
    one = dyad_series().iloc[[0]]
    fig = series_figure(one, "one month")
    ticks = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert ticks == ["Jan 2024"]
    assert series_png(one, tmp_path / "one.png", "one month").read_bytes()[:8] == PNG_SIGNATURE


def test_empty_series_png_says_no_events(tmp_path: Path) -> None:
    empty = dyad_series().iloc[:0]
    fig = series_figure(empty, "nothing")
    assert [t.get_text() for t in fig.axes[0].texts] == [NO_SERIES]
    out = series_png(empty, tmp_path / "empty.png", "nothing")
    assert out.read_bytes().startswith(PNG_SIGNATURE)
    assert series_png(pd.DataFrame(), tmp_path / "bare.png", "x").stat().st_size > 0


def test_series_html_is_self_contained_and_labelled(tmp_path: Path) -> None:
    out = series_html(dyad_series(), tmp_path / "series.html", "Russia and Iran", changes())
    page = out.read_text(encoding="utf-8")
    assert_self_contained(page)
    strings = figure_strings(page)
    assert "RUS → IRN" in strings and "IRN → RUS" in strings
    assert strings.count("change: +3.0 -> -4.0") == 2
    texts = "\n".join(strings)
    assert "events<br>(cooperative minus conflictual)" in texts
    assert "mean Goldstein score<br>(-10..+10)" in texts
    assert "Russia and Iran" in strings


def test_empty_series_html_says_no_events(tmp_path: Path) -> None:
    page = series_html(pd.DataFrame(), tmp_path / "empty.html", "nothing").read_text()
    assert NO_SERIES in page and "<script" not in page
