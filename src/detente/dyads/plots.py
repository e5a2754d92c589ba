"""Pictures of relations: the signed network of states and the time series of one dyad.

- ``network_html(graph, out, title)``: the signed network as one interactive HTML file.
- ``series_png(series, out, title, changes)``: a dyad's series as a static PNG
  (``series_figure`` gives the matplotlib figure itself).
- ``series_html(series, out, title, changes)``: the same series as an interactive HTML file.

Every HTML file embeds plotly.js (about 4.8 MB) instead of linking a CDN, so that it opens on an
air-gapped machine. Empty inputs give a picture or page that says so rather than an error, so that
a report over many periods does not stop at a quiet one.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pycountry
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from plotly.subplots import make_subplots

NO_NETWORK = "no events in this period"
NO_SERIES = "no events"
SIZE_NOTE = ("edge width: events between the two; node size: events of the state; "
             "hover over an edge's middle or a node for counts; scroll to zoom, drag to pan")

COOPERATIVE = "#2e9e44"
CONFLICTUAL = "#d62728"
BALANCED = "#9a9a9a"
EDGE_KINDS = {  # colour and legend name of an edge, by the sign of its weight
    1: (COOPERATIVE, "cooperative dyad (more cooperation than conflict)"),
    -1: (CONFLICTUAL, "conflictual dyad (more conflict than cooperation)"),
    0: (BALANCED, "balanced dyad (as much cooperation as conflict)"),
}
# Colour-blind-safe qualitative palette (Okabe-Ito), skipping the green and red edges use.
BLOC_COLOURS = ["#0072B2", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#D55E00"]
NO_BLOC_COLOUR = "#7f7f7f"
DIRECTION_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]

LAYOUT_SEEDS = (7, 11, 23, 42, 101, 2024)  # fixed, so a network always gets the same picture
MAX_SCORED_NODES = 300  # beyond this, one seed: comparing layouts costs edges x nodes
EDGE_WIDTH = (1.0, 12.0)  # px, for the fewest and the most events
NODE_SIZE = (12.0, 48.0)  # px diameter, for the fewest and the most events
CROWD = 15  # states beyond which the biggest markers and widest edges shrink
EDGE_LENGTH = 1.0  # layout units for a component's median edge
NODE_ROOM = 0.3  # around a component's outermost states, for their markers and labels
COMPONENT_GAP = 0.3
ASPECT = 1.6  # width over height the packed components aim at

NET_LABEL = "events (cooperative minus conflictual)"
GOLDSTEIN_LABEL = "mean Goldstein score (-10..+10)"
PNG_SIZE = (10.0, 6.0)  # inches
PNG_DPI = 120
LABEL_ROWS = 3  # staggered heights for change labels, so close change points do not overprint
LABEL_TOP, LABEL_STEP = 0.97, 0.1  # axes fractions


# --- names -----------------------------------------------------------------------------------


def country_name(code: str) -> str:
    """The everyday name of an ISO alpha-3 code ("Iran" over "Iran, Islamic Republic of");
    IGO and other non-ISO codes (UNO, NAT, ...) come back as they are."""
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def direction_label(source: str, target: str) -> str:
    return f"{source} → {target}"


def _signed(value: float) -> str:
    return f"{value:+.1f}"


def change_label(change: Any) -> str:
    return f"change: {_signed(change.before)} -> {_signed(change.after)}"


# --- shared output ---------------------------------------------------------------------------


def _prepare(out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def _message_html(out: Path, title: str, message: str) -> Path:
    """A plain page for an empty input: no plotly bundle needed to say there is nothing."""
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>\n"
        "<body style=\"font-family: sans-serif; margin: 3em;\">"
        f"<h1>{html.escape(title)}</h1><p style=\"font-size: 1.4em; color: #555;\">"
        f"{html.escape(message)}</p></body></html>\n"
    )
    out.write_text(page, encoding="utf-8")
    return out


def _write_plotly(fig: go.Figure, out: Path, scroll_zoom: bool = False) -> Path:
    # include_plotlyjs=True embeds the library: the file must open without a network.
    config = {"displaylogo": False, "scrollZoom": scroll_zoom}
    fig.write_html(out, include_plotlyjs=True, full_html=True, config=config)
    return out


# --- the signed network ----------------------------------------------------------------------


def network_html(graph: nx.Graph, out: Path, title: str) -> Path:
    """Write the signed network of states as one self-contained interactive HTML file."""
    out = _prepare(out)
    if _network_is_empty(graph):
        return _message_html(out, title, NO_NETWORK)
    positions = network_layout(graph)
    fig = go.Figure()
    for trace in _edge_traces(graph, positions):
        fig.add_trace(trace)
    fig.add_trace(_edge_hover_trace(graph, positions))
    for trace in _node_traces(graph, positions):
        fig.add_trace(trace)
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        title={"text": title, "x": 0.5},
        template="plotly_white",
        hovermode="closest",
        dragmode="pan",
        xaxis=hidden,
        yaxis={**hidden, "scaleanchor": "x"},  # keep the layout's proportions when zooming
        legend={"title": {"text": "colour key"}, "itemsizing": "constant"},
        margin={"l": 20, "r": 20, "t": 60, "b": 40},
        height=750,
    )
    fig.add_annotation(text=SIZE_NOTE, xref="paper", yref="paper", x=0, y=-0.01,
                       xanchor="left", yanchor="top", showarrow=False,
                       font={"size": 12, "color": "#555555"})
    # Dragging pans and the wheel zooms, as on a map; the toolbar still has box zoom.
    return _write_plotly(fig, out, scroll_zoom=True)


def _network_is_empty(graph: nx.Graph) -> bool:
    # States with no edges and no events are left-overs of a filter, not something to draw.
    if graph.number_of_nodes() == 0:
        return True
    node_events = sum(int(data.get("events", 0) or 0) for _, data in graph.nodes(data=True))
    return graph.number_of_edges() == 0 and node_events == 0


def network_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic spring layout where strongly signed dyads pull their states together.

    Each connected component is laid out on its own and the components are then packed side
    by side: in one spring layout, unconnected pairs (PRK-KOR) repel the rest and squeeze the
    main component into a corner where its states overlap.
    """
    layout = _layout_graph(graph)
    components = sorted(nx.connected_components(layout), key=lambda c: (-len(c), min(c)))
    placed = []
    for members in components:
        component = _sorted_subgraph(layout, members)
        placed.append(_to_scale(component, _component_layout(component)))
    return _pack(placed)


def _sorted_subgraph(graph: nx.Graph, members: set) -> nx.Graph:
    # graph.subgraph() may iterate its nodes in set order, which changes with the hash seed,
    # and spring_layout's start positions follow node order: build the component in order.
    component = nx.Graph()
    component.add_nodes_from(sorted(members))
    edges = graph.edges(sorted(members), data=True)
    component.add_edges_from(sorted(edges, key=lambda edge: tuple(sorted(edge[:2]))))
    return component


def _to_scale(
    component: nx.Graph, positions: dict[str, tuple[float, float]]
) -> tuple[dict[str, tuple[float, float]], float]:
    """Scale a component so its median edge is EDGE_LENGTH long; return it with its radius.

    spring_layout stretches every component to the same box, which would draw a lone pair's
    edge three times as long as the edges of a crowded component beside it.
    """
    lengths = [math.dist(positions[u], positions[v]) for u, v in component.edges]
    median = float(np.median(lengths)) if lengths else 0.0
    factor = EDGE_LENGTH / median if median > 0 else 0.0
    scaled = {node: (x * factor, y * factor) for node, (x, y) in positions.items()}
    reach = max((math.hypot(x, y) for x, y in scaled.values()), default=0.0)
    return scaled, reach + NODE_ROOM


def _component_layout(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """The clearest of a few seeded spring layouts: the same network always gets the same one.

    One seed can leave a state lying on an edge between two others (so RUS-IRN reads as
    UKR-IRN); the layout where nodes keep furthest from each other and from edges wins.
    """
    seeds = LAYOUT_SEEDS if component.number_of_nodes() <= MAX_SCORED_NODES else LAYOUT_SEEDS[:1]
    layouts = [nx.spring_layout(component, weight="weight", seed=seed) for seed in seeds]
    # max keeps the first of equal scores, so ties go to the earliest seed.
    best = max(layouts, key=lambda positions: _clearance(component, positions))
    return {node: (float(x), float(y)) for node, (x, y) in best.items()}


def _clearance(component: nx.Graph, positions: dict) -> float:
    """Smallest distance between two nodes, or between a node and an edge it is not on."""
    nodes = list(component.nodes)
    if len(nodes) < 3:
        return 0.0
    index = {node: i for i, node in enumerate(nodes)}
    points = np.array([positions[n] for n in nodes], dtype=float)
    gaps = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
    np.fill_diagonal(gaps, np.inf)
    nearest = float(gaps.min())
    edges = np.array([(index[u], index[v]) for u, v in component.edges], dtype=int)
    if len(edges) == 0:
        return nearest
    start, end = points[edges[:, 0]], points[edges[:, 1]]
    along = end - start  # (edges, 2)
    length2 = np.maximum((along**2).sum(axis=1), 1e-12)
    offset = points[None, :, :] - start[:, None, :]  # (edges, nodes, 2)
    t = np.clip((offset * along[:, None, :]).sum(axis=-1) / length2[:, None], 0.0, 1.0)
    foot = start[:, None, :] + t[..., None] * along[:, None, :]
    distance = np.linalg.norm(points[None, :, :] - foot, axis=-1)
    rows = np.arange(len(edges))
    distance[rows, edges[:, 0]] = np.inf  # an edge's own ends touch it by definition
    distance[rows, edges[:, 1]] = np.inf
    return min(nearest, float(distance.min()))


def _layout_graph(graph: nx.Graph) -> nx.Graph:
    """The network as spring_layout should see it, in sorted order and with 0..1 weights.

    Sorted so the picture does not depend on the order the network was built in. |weight| is
    scaled to 0.3..1 by square root: spring_layout has no scale of its own, so raw counts in
    the hundreds would crush a component into a point, and a linear scale pulls the strongest
    dyad's states so close that its (widest) edge hides under them; the floor keeps a balanced
    but busy dyad's states near each other.
    """
    layout = nx.Graph()
    layout.add_nodes_from(sorted(graph.nodes))
    strongest = max((abs(d.get("weight", 0) or 0) for _, _, d in graph.edges(data=True)),
                    default=0)
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: tuple(sorted(e[:2]))):
        strength = abs(data.get("weight", 0) or 0) / strongest if strongest else 1.0
        layout.add_edge(u, v, weight=0.3 + 0.7 * math.sqrt(strength))
    return layout


def _pack(placed: list[tuple[dict[str, tuple[float, float]], float]]) -> dict:
    """Shelve components (biggest first) left to right, in rows wider than tall (screens are)."""
    cells = [2 * radius + COMPONENT_GAP for _, radius in placed]
    width = max(cells[0], ASPECT * math.sqrt(sum(cell * cell for cell in cells)))
    result: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (positions, _), cell in zip(placed, cells, strict=True):
        if x > 0 and x + cell > width + 1e-9:
            x, y, row_height = 0.0, y - row_height, 0.0
        centre = (x + cell / 2, y - cell / 2)
        for node, (px, py) in positions.items():
            result[node] = (centre[0] + px, centre[1] + py)
        x, row_height = x + cell, max(row_height, cell)
    return result


def _edge_sign(data: dict) -> int:
    weight = data.get("weight", 0) or 0
    return (weight > 0) - (weight < 0)


def edge_hover(u: str, v: str, data: dict) -> str:
    cooperation = int(data.get("cooperation", 0) or 0)
    conflict = int(data.get("conflict", 0) or 0)
    goldstein = float(data.get("goldstein_total", 0.0) or 0.0)
    return (
        f"{u} – {v}: {cooperation} cooperative, {conflict} conflictual events, "
        f"Goldstein total {_signed(goldstein)}"
    )


def _edge_width(events: float, most: float, bounds: tuple[float, float]) -> float:
    """Proportional to events, the busiest dyad at the widest; thin ones kept visible."""
    low, high = bounds
    return max(low, high * max(events, 0) / most) if most > 0 else low


def _scaled(value: float, most: float, bounds: tuple[float, float]) -> float:
    """Map 0..most onto bounds by square root: marker area, not diameter, grows with events."""
    low, high = bounds
    if most <= 0:
        return low
    return low + (high - low) * math.sqrt(max(value, 0) / most)


def _edge_traces(graph: nx.Graph, positions: dict) -> list[go.Scatter]:
    """Edges drawn as one line trace per colour and width, with one legend entry per colour.

    A plotly trace has a single width; widths are rounded to half pixels so that a network of
    thousands of dyads needs dozens of traces, not thousands.
    """
    most = max((d.get("events", 0) or 0 for _, _, d in graph.edges(data=True)), default=0)
    widths = _thinned(EDGE_WIDTH, graph)
    groups: dict[tuple[int, float], tuple[list, list]] = {}
    for u, v, data in graph.edges(data=True):
        width = round(2 * _edge_width(data.get("events", 0) or 0, most, widths)) / 2
        xs, ys = groups.setdefault((_edge_sign(data), width), ([], []))
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs.extend([x0, x1, None])  # None breaks the line between edges
        ys.extend([y0, y1, None])
    traces, shown = [], set()
    for (sign, width), (xs, ys) in sorted(groups.items(), key=lambda item: (-item[0][0],
                                                                            -item[0][1])):
        colour, name = EDGE_KINDS[sign]
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", line={"color": colour, "width": width}, opacity=0.75,
            hoverinfo="skip", name=name, legendgroup=name, showlegend=sign not in shown,
            legendrank=2 - sign,  # cooperative, balanced, conflictual
        ))
        shown.add(sign)
    return traces


def _edge_hover_trace(graph: nx.Graph, positions: dict) -> go.Scatter:
    # plotly only hovers on points, not along lines: an invisible marker at each midpoint
    # carries the edge's text.
    xs, ys, texts = [], [], []
    for u, v, data in graph.edges(data=True):
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs.append((x0 + x1) / 2)
        ys.append((y0 + y1) / 2)
        texts.append(edge_hover(u, v, data))
    return go.Scatter(
        x=xs, y=ys, mode="markers", marker={"size": 14, "opacity": 0},
        hovertext=texts, hoverinfo="text", showlegend=False, name="dyads",
    )


def _node_groups(graph: nx.Graph) -> list[tuple[str, str, list[str]]]:
    """(legend name, colour, nodes) per bloc, or a single group when there are no blocs."""
    blocs = {node: data.get("bloc") for node, data in graph.nodes(data=True)}
    if all(bloc is None for bloc in blocs.values()):
        return [("states (size: events)", BLOC_COLOURS[0], sorted(graph.nodes))]
    groups = []
    numbered = sorted({int(b) for b in blocs.values() if b is not None})
    for index, bloc in enumerate(numbered):
        members = sorted(n for n, b in blocs.items() if b is not None and int(b) == bloc)
        groups.append((f"bloc {bloc}", BLOC_COLOURS[index % len(BLOC_COLOURS)], members))
    loose = sorted(n for n, b in blocs.items() if b is None)
    if loose:
        groups.append(("no bloc", NO_BLOC_COLOUR, loose))
    return groups


def _thinned(bounds: tuple[float, float], graph: nx.Graph) -> tuple[float, float]:
    """Shrink the widest edge or biggest marker in a crowded network, so they do not bury
    each other; the smallest stays as it is, and the biggest at least twice that."""
    low, high = bounds
    nodes = graph.number_of_nodes()
    crowd = math.sqrt(CROWD / nodes) if nodes > CROWD else 1.0
    return low, max(high * crowd, 2 * low)


def _node_traces(graph: nx.Graph, positions: dict) -> list[go.Scatter]:
    most = max((d.get("events", 0) or 0 for _, d in graph.nodes(data=True)), default=0)
    sizes = _thinned(NODE_SIZE, graph)
    traces = []
    for name, colour, nodes in _node_groups(graph):
        events = [int(graph.nodes[n].get("events", 0) or 0) for n in nodes]
        hover = [
            f"<b>{n}</b> {html.escape(country_name(n), quote=False)}<br>{count} events"
            for n, count in zip(nodes, events, strict=True)
        ]
        traces.append(
            go.Scatter(
                x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes],
                mode="markers+text", text=nodes, textposition="top center",
                textfont={"size": 13},
                marker={"size": [_scaled(c, most, sizes) for c in events], "color": colour,
                        "line": {"color": "white", "width": 1.5}},
                hovertext=hover, hoverinfo="text", name=name, legendrank=10,
            )
        )
    return traces


# --- the time series of a dyad ---------------------------------------------------------------


def _directions(series: pd.DataFrame) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """Each direction's rows, oldest first, in the order the directions first appear."""
    rows = series.dropna(subset=["period"]).copy()
    rows["period"] = pd.to_datetime(rows["period"])
    pairs = list(dict.fromkeys(zip(rows["source"], rows["target"], strict=True)))
    return [
        ((s, t), rows[(rows.source == s) & (rows.target == t)].sort_values("period"))
        for s, t in pairs
    ]


def _series_is_empty(series: pd.DataFrame) -> bool:
    if series is None or series.empty or "period" not in series:
        return True
    return series["period"].dropna().empty


def series_png(
    series: pd.DataFrame, out: Path, title: str, changes: Sequence = ()
) -> Path:
    """Write a dyad's net cooperation and mean Goldstein score per period as a PNG."""
    out = _prepare(out)
    series_figure(series, title, changes).savefig(out, format="png", dpi=PNG_DPI)
    return out


def series_figure(series: pd.DataFrame, title: str, changes: Sequence = ()) -> Figure:
    """The matplotlib figure series_png saves, for callers that want another format."""
    # A bare Figure on the Agg canvas: no pyplot state, and no display needed on servers.
    fig = Figure(figsize=PNG_SIZE, dpi=PNG_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(title, fontsize=14)
    if _series_is_empty(series):
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, NO_SERIES, ha="center", va="center", fontsize=20, color="#555555",
                transform=ax.transAxes)
    else:
        _draw_series(fig, series, changes)
    return fig


def _draw_series(fig: Figure, series: pd.DataFrame, changes: Sequence) -> None:
    net_ax, gold_ax = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    for index, ((source, target), rows) in enumerate(_directions(series)):
        style = {"color": DIRECTION_COLOURS[index % len(DIRECTION_COLOURS)],
                 "label": direction_label(source, target), "marker": "o",
                 "markersize": _marker_size(len(rows))}
        net_ax.plot(rows["period"], rows["net_cooperation"], **style)
        # Periods without events have no mean: NaN leaves a gap rather than a false zero.
        gold_ax.plot(rows["period"], rows["goldstein_mean"], **style)
    for ax, ylabel in ((net_ax, NET_LABEL), (gold_ax, GOLDSTEIN_LABEL)):
        # Above the grid (1.5) so the zero line is not hidden by the gridline at 0.
        ax.axhline(0, color="#444444", linewidth=1.0, zorder=1.6)
        ax.set_ylabel(_two_lines(ylabel), fontsize=9)
        ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)
    # Net cooperation counts events: ticks at 2.5 events would read as a fraction of an event.
    net_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _date_axis(gold_ax, series)
    _draw_changes(net_ax, gold_ax, changes)
    net_ax.set_title("net cooperation", fontsize=10, loc="left")
    gold_ax.set_title("tone: mean Goldstein score", fontsize=10, loc="left")
    net_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.align_ylabels([net_ax, gold_ax])


def _date_axis(ax: Axes, series: pd.DataFrame) -> None:
    periods = pd.to_datetime(series["period"].dropna()).unique()
    if len(periods) == 1:
        # A lone period would otherwise sit among years of empty ticks: show just that period.
        when = pd.Timestamp(periods[0])
        ax.set_xlim(when - pd.Timedelta(days=45), when + pd.Timedelta(days=45))
        ax.set_xticks([mdates.date2num(when)])
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y" if when.day == 1 else "%d %b %Y"))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("period")


def _marker_size(points: int) -> float:
    # Markers show single periods between gaps, but crowd a long daily series.
    return 4.0 if points <= 60 else 2.0


def _two_lines(label: str) -> str:
    """"name (unit)" -> name over unit: a long y label does not outgrow its panel."""
    name, paren, unit = label.partition(" (")
    return f"{name}\n({unit}" if paren else label


def _on_tone_panel(change: Any) -> bool:
    """Goldstein changes are labelled on the tone panel, every other measure on the net one."""
    return str(getattr(change, "measure", "") or "").startswith("goldstein")


def _draw_changes(net_ax: Axes, gold_ax: Axes, changes: Sequence) -> None:
    ordered = sorted(changes, key=lambda c: pd.Timestamp(c.period))
    for index, change in enumerate(ordered):
        for ax in (net_ax, gold_ax):
            ax.axvline(pd.Timestamp(change.period), color="#333333", linestyle="--",
                       linewidth=1.0, label="change point" if index == 0 and ax is net_ax else None)
    for ax, on_net in ((net_ax, True), (gold_ax, False)):
        mine = [c for c in ordered if _on_tone_panel(c) != on_net]
        if mine:
            _make_headroom(ax, min(len(mine), LABEL_ROWS))
        for index, change in enumerate(mine):
            _label_change(ax, change, on_net, LABEL_TOP - LABEL_STEP * (index % LABEL_ROWS))


def _make_headroom(ax: Axes, rows: int) -> None:
    """Raise the top of the y axis so the change labels sit above the data, not over it."""
    low, high = ax.get_ylim()
    free = 0.05 + LABEL_STEP * rows  # the top fraction of the panel the labels take
    ax.set_ylim(low, low + (high - low) / (1 - free))


def _label_change(ax: Axes, change: Any, on_net: bool, height: float) -> None:
    when = mdates.date2num(pd.Timestamp(change.period))
    left, right = ax.get_xlim()
    # Labels of late change points run leftwards so they stay inside the panel.
    leftwards = right > left and (when - left) / (right - left) > 0.75
    # A blended transform skips unit conversion, so the date goes in as a number.
    ax.annotate(_change_text(change, on_net), xy=(when, height),
                xycoords=ax.get_xaxis_transform(), xytext=(-4 if leftwards else 4, 0),
                textcoords="offset points", ha="right" if leftwards else "left", va="top",
                fontsize=8, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                                  "alpha": 0.85})


def _change_text(change: Any, on_net_panel: bool) -> str:
    measure = str(getattr(change, "measure", "") or "")
    shown_here = "net_cooperation" if on_net_panel else "goldstein_mean"
    # Name the measure when it is not the one drawn in the panel the label sits in.
    suffix = f" ({measure})" if measure and measure != shown_here else ""
    return change_label(change) + suffix


def series_html(
    series: pd.DataFrame, out: Path, title: str, changes: Sequence = ()
) -> Path:
    """Write a dyad's net cooperation and mean Goldstein score as a self-contained HTML file."""
    out = _prepare(out)
    if _series_is_empty(series):
        return _message_html(out, title, NO_SERIES)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4],
                        vertical_spacing=0.08,
                        subplot_titles=("net cooperation", "tone: mean Goldstein score"))
    for index, ((source, target), rows) in enumerate(_directions(series)):
        colour = DIRECTION_COLOURS[index % len(DIRECTION_COLOURS)]
        label = direction_label(source, target)
        for row, trace in enumerate(_direction_traces(rows, label, colour), start=1):
            fig.add_trace(trace, row=row, col=1)
    for row, label in ((1, NET_LABEL), (2, GOLDSTEIN_LABEL)):
        fig.add_hline(y=0, line={"color": "#444444", "width": 1}, row=row, col=1)
        fig.update_yaxes(title_text=_two_lines(label).replace("\n", "<br>"), row=row, col=1)
    _html_changes(fig, series, changes)
    fig.update_xaxes(tickformat="%b %Y", title_text="period", row=2, col=1)
    fig.update_layout(title={"text": title, "x": 0.5}, template="plotly_white",
                      hovermode="x unified", height=650, legend={"title": {"text": "direction"}})
    return _write_plotly(fig, out)


def _direction_traces(rows: pd.DataFrame, label: str, colour: str) -> list[go.Scatter]:
    """Net cooperation and Goldstein mean of one direction, toggled together in the legend."""
    coop = rows["verbal_cooperation"] + rows["material_cooperation"]
    conf = rows["verbal_conflict"] + rows["material_conflict"]
    counts = zip(coop.fillna(0), conf.fillna(0), rows["events"].fillna(0), strict=True)
    custom = [[int(a), int(b), int(c)] for a, b, c in counts]
    common = {"x": rows["period"], "mode": "lines+markers", "line": {"color": colour},
              "legendgroup": label, "name": label, "customdata": custom}
    net = go.Scatter(
        y=rows["net_cooperation"], showlegend=True,
        hovertemplate="net %{y:+d} (%{customdata[0]} cooperative, %{customdata[1]} conflictual,"
                      " %{customdata[2]} events)",
        **common,
    )
    tone = go.Scatter(
        y=rows["goldstein_mean"], showlegend=False,
        hovertemplate="mean Goldstein %{y:+.2f}", **common,
    )
    return [net, tone]


def _html_changes(fig: go.Figure, series: pd.DataFrame, changes: Sequence) -> None:
    periods = pd.to_datetime(series["period"].dropna())
    first, last = periods.min(), periods.max()
    span = (last - first).total_seconds()
    ordered = sorted(changes, key=lambda c: pd.Timestamp(c.period))
    for change in ordered:
        # add_vline's own annotation does arithmetic on x that fails for dates: the line and
        # its label are added separately.
        fig.add_vline(x=pd.Timestamp(change.period).to_pydatetime(), row="all", col=1,
                      line={"dash": "dash", "color": "#333333", "width": 1})
    for on_net, xref, yref in ((True, "x", "y domain"), (False, "x2", "y2 domain")):
        mine = [c for c in ordered if _on_tone_panel(c) != on_net]
        if mine:
            column = "net_cooperation" if on_net else "goldstein_mean"
            fig.update_yaxes(range=_headroom_range(series[column], min(len(mine), LABEL_ROWS)),
                             row=1 if on_net else 2, col=1)
        for index, change in enumerate(mine):
            when = pd.Timestamp(change.period)
            # Late change points get their label on the left, to stay inside the plot.
            leftwards = span > 0 and (when - first).total_seconds() / span > 0.75
            fig.add_annotation(
                x=when.to_pydatetime(), xref=xref, yref=yref,
                y=LABEL_TOP - LABEL_STEP * (index % LABEL_ROWS),
                text=_change_text(change, on_net), showarrow=False,
                xanchor="right" if leftwards else "left", xshift=-4 if leftwards else 4,
                yanchor="top", font={"size": 11}, bgcolor="rgba(255,255,255,0.85)",
            )


def _headroom_range(values: pd.Series, rows: int) -> list[float]:
    """A y range with the zero line, the data and, on top, room for the change labels."""
    finite = pd.to_numeric(values, errors="coerce").dropna()
    low = min(float(finite.min()) if len(finite) else 0.0, 0.0)
    high = max(float(finite.max()) if len(finite) else 0.0, 0.0)
    pad = max(high - low, 1.0) * 0.05
    low, high = low - pad, high + pad
    free = 0.05 + LABEL_STEP * rows
    return [low, low + (high - low) / (1 - free)]
