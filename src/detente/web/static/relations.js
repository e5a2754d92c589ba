// The relations page: the signed network of states (plotly, positions computed by the
// server), the dyads of a clicked state, blocs, and dyads over time: one dyad each way with
// change points, or several side by side; net, or cooperation and conflict apart. Clicking an
// edge, a point or a bar lists the events behind it.
"use strict";

(function (D) {
  const scopeForm = document.getElementById("scope");
  if (!scopeForm) return; // no database: the page says so
  const status = document.getElementById("status");
  const networkDiv = document.getElementById("network");
  const seriesDiv = document.getElementById("series");
  const dyadForm = document.getElementById("dyad-form");
  const pickA = document.getElementById("dyad-a");
  const pickB = document.getElementById("dyad-b");
  const dyadList = document.getElementById("dyad-list");
  const measurePick = document.getElementById("series-measure");
  const BLOC_COLOURS = ["#1f77b4", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
  const EDGE_COLOURS = { coop: "#2e8b57", conflict: "#c0392b", even: "#9aa3b2" };
  const PLOT_CONFIG = { scrollZoom: true, displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  const PERIOD_DAYS = { day: 1, week: 7, month: 30.4, quarter: 91.3, year: 365.25 };
  let graph = { nodes: [], edges: [] };
  let selected = null;
  let shown = null; // the series on the chart: {several, data}, redrawn when the measure changes

  // plotly reads hover text as a small HTML subset: escape what comes from the database
  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function scopeParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(scopeForm)) {
      if (String(value).trim() !== "") params.append(name, String(value).trim());
    }
    return params;
  }

  // The events page for a dyad, both directions, in the scope of the form; with a chart's
  // period, that period inside the scope's dates (ISO dates compare as text).
  function eventsLink(a, b, period) {
    const scope = scopeParams();
    const params = new URLSearchParams({ dyad: a + "-" + b });
    let since = scope.get("since") || "";
    let until = scope.get("until") || "";
    if (period) {
      if (!since || period.since > since) since = period.since;
      if (!until || period.until < until) until = period.until;
    }
    if (since) params.set("since", since);
    if (until) params.set("until", until);
    if (scope.get("all_reports")) params.set("all_reports", "true");
    if (scope.get("date_by") === "article") params.set("date_by", "article");
    if (!scope.get("all_modalities")) params.set("modality", "asserted");
    return "/events?" + params.toString();
  }

  function sign(edge) {
    return edge.weight > 0 ? "coop" : edge.weight < 0 ? "conflict" : "even";
  }

  function width(events) {
    return events >= 50 ? 7 : events >= 15 ? 4.5 : events >= 4 ? 2.5 : 1.2;
  }

  function edgeTraces(byId) {
    const groups = new Map();
    const hover = { x: [], y: [], text: [], dyads: [] };
    for (const edge of graph.edges) {
      const a = byId.get(edge.source);
      const b = byId.get(edge.target);
      if (!a || !b) continue;
      const key = sign(edge) + "|" + width(edge.events);
      if (!groups.has(key)) groups.set(key, { kind: sign(edge), width: width(edge.events), x: [], y: [] });
      const group = groups.get(key);
      group.x.push(a.x, b.x, null);
      group.y.push(a.y, b.y, null);
      hover.x.push((a.x + b.x) / 2);
      hover.y.push((a.y + b.y) / 2);
      hover.dyads.push({ dyad: [edge.source, edge.target] });
      hover.text.push(
        esc(edge.source) + " – " + esc(edge.target) + "<br>" + edge.events + " events: " +
        edge.cooperation + " cooperation, " + edge.conflict + " conflict",
      );
    }
    const shown = new Set();
    const traces = [...groups.values()].map((group) => {
      const first = !shown.has(group.kind);
      shown.add(group.kind);
      return {
        type: "scatter", mode: "lines", x: group.x, y: group.y, hoverinfo: "skip",
        line: { color: EDGE_COLOURS[group.kind], width: group.width }, opacity: 0.6,
        name: { coop: "more cooperation", conflict: "more conflict", even: "balanced" }[group.kind],
        legendgroup: group.kind, showlegend: first,
      };
    });
    // invisible markers mid-edge: hovering one describes the dyad, clicking lists its events
    traces.push({
      type: "scatter", mode: "markers", x: hover.x, y: hover.y, text: hover.text,
      customdata: hover.dyads, hoverinfo: "text", marker: { size: 6, opacity: 0 }, showlegend: false,
    });
    return traces;
  }

  function nodeTraces() {
    const blocs = [...new Set(graph.nodes.map((n) => n.bloc))].sort((a, b) => a - b);
    return blocs.map((bloc) => {
      const nodes = graph.nodes.filter((n) => n.bloc === bloc);
      return {
        type: "scatter", mode: "markers+text", name: "bloc " + bloc,
        x: nodes.map((n) => n.x), y: nodes.map((n) => n.y),
        text: nodes.map((n) => esc(n.id)), customdata: nodes.map((n) => n.id),
        textposition: "top center", textfont: { size: 12, color: "#1d2430" },
        hovertext: nodes.map((n) => esc(n.name) + " (" + esc(n.id) + ")<br>" + n.events + " events · bloc " + bloc),
        hoverinfo: "text",
        marker: {
          size: nodes.map((n) => Math.min(42, 11 + 3 * Math.sqrt(n.events))),
          color: BLOC_COLOURS[(bloc - 1) % BLOC_COLOURS.length],
          line: { color: "#ffffff", width: 1.5 },
        },
      };
    });
  }

  function drawNetwork() {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const layout = {
      margin: { l: 10, r: 10, t: 10, b: 10 }, height: 560, dragmode: "pan", hovermode: "closest",
      xaxis: { visible: false }, yaxis: { visible: false, scaleanchor: "x" },
      legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom", bgcolor: "rgba(255,255,255,0.8)" },
      plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
    };
    Plotly.react(networkDiv, [...edgeTraces(byId), ...nodeTraces()], layout, PLOT_CONFIG);
    if (!networkDiv.dataset.bound) {
      networkDiv.on("plotly_click", (event) => {
        const point = event.points && event.points.find((p) => p.customdata);
        if (!point) return;
        if (point.customdata.dyad) window.location.assign(eventsLink(...point.customdata.dyad));
        else showState(point.customdata);
      });
      networkDiv.dataset.bound = "1";
    }
  }

  function showState(code) {
    selected = code;
    const node = graph.nodes.find((n) => n.id === code);
    document.getElementById("state-title").textContent = "Dyads of " + (node ? node.name + " (" + code + ")" : code);
    const edges = graph.edges
      .filter((e) => e.source === code || e.target === code)
      .sort((a, b) => b.events - a.events);
    const table = document.getElementById("state-dyads");
    const tbody = table.querySelector("tbody");
    tbody.replaceChildren();
    for (const edge of edges) {
      const other = edge.source === code ? edge.target : edge.source;
      const net = edge.cooperation - edge.conflict;
      tbody.append(
        D.el(
          "tr",
          { dataset: { other }, title: "show " + code + " – " + other + " over time", onclick: () => pickDyad(code, other) },
          D.el("td", {}, other),
          D.el("td", { class: "num" }, String(edge.events)),
          D.el("td", { class: "num" }, String(edge.cooperation)),
          D.el("td", { class: "num" }, String(edge.conflict)),
          D.el("td", { class: "num " + (net > 0 ? "net-pos" : net < 0 ? "net-neg" : "") }, (net > 0 ? "+" : "") + net),
          // drill-down: the events behind the dyad, both directions, in this scope
          D.el("td", {}, D.el("a", { class: "drill", href: eventsLink(code, other), onclick: (e) => e.stopPropagation() }, "list")),
        ),
      );
    }
    table.hidden = false;
    document.getElementById("state-hint").textContent =
      edges.length + " dyad" + (edges.length === 1 ? "" : "s") + ". Click one to see it over time.";
    document.querySelectorAll(".state-chip").forEach((chip) => chip.classList.toggle("selected", chip.dataset.state === code));
  }

  function renderBlocs(partition) {
    const box = document.getElementById("blocs");
    box.replaceChildren();
    const blocs = [...new Set(graph.nodes.map((n) => n.bloc))].sort((a, b) => a - b);
    for (const bloc of blocs) {
      const members = graph.nodes.filter((n) => n.bloc === bloc).sort((a, b) => b.events - a.events);
      box.append(
        D.el(
          "div",
          { class: "bloc" },
          D.el(
            "div",
            { class: "bloc-title" },
            D.el("span", { class: "swatch", style: "background:" + BLOC_COLOURS[(bloc - 1) % BLOC_COLOURS.length] }),
            "Bloc " + bloc + " · " + members.length + " state" + (members.length === 1 ? "" : "s"),
          ),
          members.map((n) =>
            D.el("button", { type: "button", class: "state-chip", dataset: { state: n.id }, title: n.name, onclick: () => showState(n.id) }, n.id),
          ),
        ),
      );
    }
    if (partition && blocs.length) {
      box.append(D.el("p", { class: "hint" }, "Fit " + Number(partition.fit).toFixed(2) +
        " (1 = all cooperation inside blocs and all conflict across)."));
    }
  }

  function fillPickers() {
    const nodes = graph.nodes.slice().sort((a, b) => b.events - a.events);
    for (const select of [pickA, pickB]) {
      const previous = select.value;
      select.replaceChildren(...nodes.map((n) => D.el("option", { value: n.id }, n.id + " — " + n.name)));
      if (nodes.some((n) => n.id === previous)) select.value = previous;
    }
    if (nodes.length > 1 && pickA.value === pickB.value) pickB.value = nodes[1].id;
  }

  async function loadGraph() {
    D.setStatus(status, "Loading the network…");
    try {
      const payload = await D.fetchJSON("/api/graph?" + scopeParams().toString());
      graph = payload;
      if (!graph.nodes.length) {
        D.setStatus(status, "No events between two different states in this period.");
      } else {
        D.setStatus(status, graph.nodes.length + " states, " + graph.edges.length + " dyads, " +
          payload.partition.count + " bloc" + (payload.partition.count === 1 ? "" : "s") + ".");
      }
      drawNetwork();
      renderBlocs(payload.partition);
      fillPickers();
      if (selected && graph.nodes.some((n) => n.id === selected)) showState(selected);
      if (graph.edges.length && !seriesDiv.dataset.drawn) {
        // first visit: show the busiest dyad; later the one the user picked, in the new scope
        const top = graph.edges.slice().sort((a, b) => b.events - a.events)[0];
        pickDyad(top.source, top.target);
      } else if (graph.edges.length) {
        loadSeries();
      }
    } catch (err) {
      D.setStatus(status, err.message, "error");
    }
  }

  function pickDyad(a, b) {
    pickA.value = a;
    pickB.value = b;
    dyadList.value = ""; // one dyad, each direction apart
    loadSeries();
  }

  function listedDyads() {
    return dyadList.value.split(",").map((part) => part.trim()).filter(Boolean);
  }

  // "add to chart": the dyad shown so far stays, the picked one joins it
  function addDyad() {
    const a = pickA.value;
    const b = pickB.value;
    if (!a || !b || a === b) return;
    const listed = listedDyads();
    if (!listed.length && shown && !shown.several) listed.push(shown.data.dyad.join("-"));
    const same = (text) => [a + "-" + b, b + "-" + a].includes(text.toUpperCase().replace(/\s+/g, ""));
    if (!listed.some(same)) listed.push(a + "-" + b);
    dyadList.value = listed.join(", ");
    loadSeries();
  }

  function seriesParams() {
    const params = scopeParams();
    params.delete("max_blocs");
    params.set("by", new FormData(dyadForm).get("by"));
    return params;
  }

  async function loadSeries() {
    const listed = listedDyads();
    if (listed.length) return loadSeveral(listed);
    const a = pickA.value;
    const b = pickB.value;
    if (!a || !b) return;
    const params = seriesParams();
    const box = document.getElementById("changes");
    const path = "/api/dyads/" + encodeURIComponent(a) + "-" + encodeURIComponent(b);
    setLinks(path + "/series.csv?" + params.toString(), eventsLink(a, b));
    try {
      const data = await D.fetchJSON(path + "/series?" + params.toString());
      shown = { several: false, data };
      drawShown();
      renderChanges(data, box);
    } catch (err) {
      box.replaceChildren(D.el("p", { class: "status error" }, err.message));
    }
  }

  async function loadSeveral(listed) {
    const params = seriesParams();
    params.set("dyads", listed.join(","));
    const box = document.getElementById("changes");
    setLinks("/api/series.csv?" + params.toString(), null);
    try {
      const data = await D.fetchJSON("/api/series?" + params.toString());
      shown = { several: true, data };
      drawShown();
      box.replaceChildren(D.el("p", { class: "hint" },
        "Change points are found for one dyad at a time: empty the Dyads box to see them."));
    } catch (err) {
      box.replaceChildren(D.el("p", { class: "status error" }, err.message));
    }
  }

  function setLinks(csvHref, eventsHref) {
    const csv = document.getElementById("series-csv");
    csv.href = csvHref;
    csv.hidden = false;
    const listed = document.getElementById("series-events");
    listed.href = eventsHref || "#";
    listed.hidden = !eventsHref; // several dyads: each point links to its own events
  }

  function drawShown() {
    if (!shown) return;
    const sides = measurePick.value === "sides";
    if (shown.several) drawSeveral(shown.data, sides);
    else drawSeries(shown.data, sides);
    seriesDiv.dataset.measure = measurePick.value;
  }

  // what a click on a point lists: the dyad (both directions) in that period
  function drill(dyad, row) {
    return { dyad, since: String(row.period).slice(0, 10), until: String(row.period_end).slice(0, 10) };
  }

  // Cooperation above zero, conflict mirrored below it: a period of both shows as both.
  function sideTraces(rows, dyad, label, colours, dash, extra) {
    const customdata = rows.map((r) => drill(dyad, r));
    const x = rows.map((r) => r.period);
    return [
      { type: "scatter", mode: "lines+markers", name: label + " cooperation", x, y: rows.map((r) => r.cooperation),
        text: rows.map((r) => r.cooperation + " cooperation"), hovertemplate: "%{text}",
        customdata, line: { color: colours[0], width: 2, dash }, marker: { size: 5 }, ...extra },
      { type: "scatter", mode: "lines+markers", name: label + " conflict", x, y: rows.map((r) => -r.conflict),
        text: rows.map((r) => r.conflict + " conflict"), hovertemplate: "%{text}",
        customdata, line: { color: colours[1], width: 2, dash }, marker: { size: 5 }, ...extra },
    ];
  }

  function drawSeries(data, sides) {
    const [a, b] = data.dyad;
    const traces = [];
    // the second direction is dotted so that it stays visible where the two lines coincide
    for (const [source, target, colour, dash] of [[a, b, "#1f77b4", "solid"], [b, a, "#ff7f0e", "dot"]]) {
      const rows = data.series.filter((r) => r.source === source && r.target === target);
      const label = esc(source) + " → " + esc(target);
      if (sides) {
        const colours = dash === "solid" ? ["#2e8b57", "#c0392b"] : ["#66c2a4", "#e5877c"];
        traces.push(...sideTraces(rows, [a, b], label, colours, dash, {}));
        continue;
      }
      traces.push({
        type: "scatter", mode: "lines+markers", name: label + " net cooperation",
        x: rows.map((r) => r.period), y: rows.map((r) => r.net_cooperation),
        customdata: rows.map((r) => drill([a, b], r)),
        line: { color: colour, width: 2, dash }, marker: { size: 5 },
      });
    }
    const totals = new Map();
    for (const row of data.series) {
      const total = totals.get(row.period) || { events: 0, row };
      total.events += row.events;
      totals.set(row.period, total);
    }
    const most = Math.max(1, ...[...totals.values()].map((t) => t.events));
    traces.unshift({
      type: "bar", name: "events (both directions)", x: [...totals.keys()], y: [...totals.values()].map((t) => t.events),
      customdata: [...totals.values()].map((t) => drill([a, b], t.row)),
      marker: { color: "rgba(110,120,140,0.45)" }, yaxis: "y2",
      width: PERIOD_DAYS[data.by] * 86400000 * 0.7, // in ms on a date axis; a lone bar needs it
    });
    const shapes = data.changes.map((c) => ({
      type: "line", xref: "x", yref: "paper", x0: c.period, x1: c.period, y0: 0, y1: 1.02,
      line: { color: "#b83226", width: 2, dash: "dash" },
    }));
    const annotations = data.changes.map((c) => ({
      x: c.period, xref: "x", y: 1.02, yref: "paper", yanchor: "bottom", showarrow: false,
      text: "change: " + Number(c.before).toFixed(1) + " → " + Number(c.after).toFixed(1),
      font: { size: 11, color: "#b83226" },
    }));
    const layout = {
      height: 460, margin: { l: 60, r: 20, t: 60, b: 40 }, hovermode: "x unified",
      // two panels on one time axis: the relation above, the number of events below
      xaxis: timeAxis(data.by, data.series),
      yaxis: { title: { text: sides ? "cooperation (+) / conflict (−)" : "net cooperation" }, domain: [0.34, 1], zeroline: true, zerolinecolor: "#9aa3b2" },
      yaxis2: {
        title: { text: "events" }, domain: [0, 0.24], anchor: "x", rangemode: "tozero",
        tickformat: ",d", dtick: Math.max(1, Math.ceil(most / 3)),
      },
      legend: { orientation: "h", x: 0, y: 1.1, yanchor: "bottom" }, shapes, annotations,
      plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
    };
    document.getElementById("series-title").textContent =
      data.names[0] + " (" + a + ") and " + data.names[1] + " (" + b + "), by " + data.by +
      (data.notes && data.notes.length ? " (" + data.notes.join("; ") + ")" : "");
    Plotly.react(seriesDiv, traces, layout, PLOT_CONFIG);
    bindDrill();
    seriesDiv.dataset.drawn = data.dyad.join("-");
  }

  // One line per dyad (both directions together); with sides, two: cooperation solid above
  // zero, conflict dashed below, in the dyad's colour.
  function drawSeveral(data, sides) {
    const traces = [];
    data.dyads.forEach((line, i) => {
      const colour = BLOC_COLOURS[i % BLOC_COLOURS.length];
      const label = esc(line.dyad[0]) + "–" + esc(line.dyad[1]);
      const extra = { legendgroup: label };
      if (sides) {
        const [coop, conflict] = sideTraces(line.series, line.dyad, label, [colour, colour], "solid", extra);
        conflict.line.dash = "dash";
        traces.push(coop, conflict);
        return;
      }
      traces.push({
        type: "scatter", mode: "lines+markers", name: label + " net cooperation", ...extra,
        x: line.series.map((r) => r.period), y: line.series.map((r) => r.net_cooperation),
        customdata: line.series.map((r) => drill(line.dyad, r)),
        line: { color: colour, width: 2 }, marker: { size: 6 },
      });
    });
    const rows = data.dyads.flatMap((line) => line.series);
    const layout = {
      height: 460, margin: { l: 60, r: 20, t: 60, b: 40 }, hovermode: "closest",
      xaxis: { ...timeAxis(data.by, rows), anchor: "y" },
      yaxis: { title: { text: sides ? "cooperation (+) / conflict (−)" : "net cooperation" }, zeroline: true, zerolinecolor: "#9aa3b2" },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
    };
    document.getElementById("series-title").textContent =
      data.dyads.map((line) => line.names.join(" – ")).join(" · ") + ", by " + data.by +
      (data.notes && data.notes.length ? " (" + data.notes.join("; ") + ")" : "");
    Plotly.react(seriesDiv, traces, layout, PLOT_CONFIG);
    bindDrill();
    seriesDiv.dataset.drawn = data.dyads.map((line) => line.dyad.join("-")).join(",");
  }

  // drill-down: a click on a point or bar lists the events of that dyad and period
  function bindDrill() {
    if (seriesDiv.dataset.bound) return;
    seriesDiv.on("plotly_click", (event) => {
      const point = event.points && event.points.find((p) => p.customdata && p.customdata.dyad);
      if (point) window.location.assign(eventsLink(...point.customdata.dyad, point.customdata));
    });
    seriesDiv.dataset.bound = "1";
  }

  // Readable dates for the period length; a lone period gets some room on each side (plotly
  // would otherwise zoom to fractions of a second around it).
  function timeAxis(by, rows) {
    const FORMAT = { day: "%d %b %Y", week: "%d %b %Y", month: "%b %Y", quarter: "%b %Y", year: "%Y" };
    const axis = { anchor: "y2", type: "date", tickformat: FORMAT[by] };
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    if (periods.length === 1) {
      const middle = new Date(periods[0]).getTime();
      const pad = PERIOD_DAYS[by] * 86400000;
      axis.range = [new Date(middle - pad).toISOString(), new Date(middle + pad).toISOString()];
      axis.tickvals = [periods[0]];
    }
    return axis;
  }

  function renderChanges(data, box) {
    box.replaceChildren();
    if (!data.series.length) {
      box.append(D.el("p", { class: "hint" }, "No events between " + data.dyad[0] + " and " + data.dyad[1] + " in this period."));
      return;
    }
    if (!data.changes.length) {
      box.append(D.el("p", { class: "hint" }, "No change point: the relation keeps one level over this period."));
      return;
    }
    box.append(
      D.el("p", { class: "hint" }, "Change points of net cooperation (both directions together):"),
      D.el("ul", {}, data.changes.map((c) =>
        D.el("li", {}, String(c.period).slice(0, 10) + ": " + Number(c.before).toFixed(1) + " → " + Number(c.after).toFixed(1) + " per " + data.by))),
    );
  }

  scopeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    loadGraph();
  });
  dyadForm.addEventListener("submit", (event) => {
    event.preventDefault();
    loadSeries();
  });
  document.getElementById("dyad-add").addEventListener("click", addDyad);
  measurePick.addEventListener("change", drawShown);

  if (typeof Plotly === "undefined") {
    D.setStatus(status, "The chart library did not load (/vendor/plotly.min.js).", "error");
    return;
  }
  loadGraph();
})(window.detente);
