// The relations page: the signed network of states (plotly, positions computed by the
// server), the dyads of a clicked state, blocs, and dyads over time: one dyad each way with
// change points, or several side by side; net, or cooperation and conflict apart. Clicking an
// edge, a point or a bar lists the events behind it. What the page shows lives in the address
// (scope, dyads, period, measure, the state picked), so a chart can be bookmarked or shared.
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
  const byPick = document.getElementById("series-by");
  const addressProblem = document.getElementById("address-problem");
  const BLOC_COLOURS = ["#1f77b4", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
  const EDGE_COLOURS = { coop: "#2e8b57", conflict: "#c0392b", even: "#9aa3b2" };
  const PLOT_CONFIG = { scrollZoom: true, displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  const PERIOD_DAYS = { day: 1, week: 7, month: 30.4, quarter: 91.3, year: 365.25 };
  let graph = { nodes: [], edges: [] };
  let selected = null;
  let shown = null; // the series on the chart: {several, data, by}, redrawn when the measure changes
  let appliedScope = null; // the scope of the charts shown, for the address
  let started = false; // the address is written once the charts it asked for are drawn
  // the latest request of each kind: an answer to an older one (a slow "Update" overtaken by
  // "Show") is dropped, so neither the chart nor the address goes back to it
  const turns = { graph: 0, series: 0 };

  // ---- the address ---------------------------------------------------------------------------
  // since, until, max_blocs, all_modalities, date_by, all_reports (the scope form); dyad=RUS-USA
  // (one dyad, each direction apart) or dyads=RUS-USA,RUS-IRN (one line each); by; measure;
  // state (the state whose dyads are listed). The API checks what the address asks on first
  // use: a value it refuses is named with its reason (the 422's) and left at its default.
  const SCOPE_NAMES = ["since", "until", "max_blocs", "all_modalities", "date_by", "all_reports"];
  const TRUE_WORDS = ["true", "1", "yes", "on", "t", "y"];
  const FALSE_WORDS = ["false", "0", "no", "off", "f", "n", ""];
  const MEASURES = [...measurePick.options].map((option) => option.value);
  const initial = new Map(); // each control's default: what a bad value falls back to
  for (const form of [scopeForm, dyadForm]) {
    for (const control of form.elements) {
      if (control.name) initial.set(control.name, control.type === "checkbox" ? control.checked : control.value);
    }
  }
  const fromAddress = new Set(); // parameters the address set, until the API has taken them
  const unshown = new Map(); // address values no control can hold: sent as they are, for the API's reason
  const defaults = { scope: scopeParams(), by: byPick.value, measure: measurePick.value };
  const problems = [];
  const wanted = { dyad: null, dyads: null, state: null };

  function noteProblem(message) {
    problems.push(message);
    addressProblem.textContent = "From the address: " + problems.join("; ") + ". The default is shown instead.";
    addressProblem.hidden = false;
  }

  function control(name) {
    return scopeForm.elements.namedItem(name) || dyadForm.elements.namedItem(name);
  }

  // Put `value` into the control called `name`; false if the control cannot hold it.
  function setControl(name, value) {
    const field = control(name);
    if (field.type === "checkbox") {
      if (value !== "" && value !== "true") return false;
      field.checked = value === "true";
      return true;
    }
    field.value = value;
    if (field.value === value) return true;
    resetControl(name);
    return false;
  }

  function resetControl(name) {
    const field = control(name);
    if (field.type === "checkbox") field.checked = initial.get(name);
    else field.value = initial.get(name);
  }

  function readAddress(params) {
    for (const name of [...SCOPE_NAMES, "by"]) {
      if (!params.has(name)) continue;
      let value = params.get(name).trim();
      if (name === "all_modalities" || name === "all_reports") {
        const word = value.toLowerCase();
        value = TRUE_WORDS.includes(word) ? "true" : FALSE_WORDS.includes(word) ? "" : value;
      } else if (name === "max_blocs" && /^\d+$/.test(value)) {
        value = String(Number(value));
      } else if (name === "by") {
        value = value.toLowerCase();
      }
      fromAddress.add(name);
      if (!setControl(name, value)) unshown.set(name, value);
    }
    const listed = params.getAll("dyads").join(",").split(",").map((part) => part.trim()).filter(Boolean);
    if (listed.length) {
      wanted.dyads = listed.join(", ");
      fromAddress.add("dyads");
    } else if (params.get("dyad")) {
      const value = params.get("dyad").trim();
      const [a, b] = value.toUpperCase().split("-").map((part) => part.trim());
      if (a && b) {
        wanted.dyad = [a, b];
        fromAddress.add("dyad");
      } else {
        noteProblem("dyad: '" + value.slice(0, 40) + "' is no dyad (two states: RUS-USA)");
      }
    }
    if (params.has("measure")) {
      const value = params.get("measure").trim().toLowerCase();
      if (MEASURES.includes(value)) measurePick.value = value;
      else noteProblem("measure: Input should be " + MEASURES.map((m) => "'" + m + "'").join(" or "));
    }
    if (params.get("state")) wanted.state = params.get("state").trim().toUpperCase();
  }

  // An address value the API refused, or one it took that no control can show: dropped.
  function drop(name) {
    fromAddress.delete(name);
    unshown.delete(name);
    if (name === "dyad") {
      wanted.dyad = null;
      fillPickers();
      pickBusiest();
    } else if (name === "dyads") {
      wanted.dyads = null;
      dyadList.value = "";
    } else {
      resetControl(name);
    }
  }

  // GET the url `build` makes (none: null); while the address's values are on trial, a 422
  // naming one of `names` shows its reason and asks again without it.
  async function ask(names, build) {
    try {
      for (;;) {
        const url = build();
        if (!url) return null;
        try {
          const data = await D.fetchJSON(url);
          const stuck = names.filter((name) => unshown.has(name));
          if (!stuck.length) return data;
          for (const name of stuck) {
            noteProblem(name + ": '" + unshown.get(name).slice(0, 40) + "' is not a choice of this page");
            drop(name);
          }
        } catch (err) {
          // the one-dyad series names its states in the path: a and b
          const named = (err.fields || []).map((name) => (name === "a" || name === "b" ? "dyad" : name));
          const refused = [...new Set(named)].filter((name) => names.includes(name) && fromAddress.has(name));
          if (err.status !== 422 || !refused.length) throw err;
          noteProblem(err.message.replace(/^(path\.)?[ab]: /, "dyad: "));
          refused.forEach(drop);
        }
      }
    } finally {
      names.forEach((name) => {
        fromAddress.delete(name);
        unshown.delete(name);
      });
    }
  }

  // The address of what is shown, defaults left out; replaced, so Back leaves the page.
  function writeAddress() {
    if (!started) return;
    const params = new URLSearchParams();
    for (const [name, value] of appliedScope || []) {
      if (defaults.scope.get(name) !== value) params.append(name, value);
    }
    if (shown && shown.several) params.set("dyads", shown.data.dyads.map((line) => line.dyad.join("-")).join(","));
    else if (shown) params.set("dyad", shown.data.dyad.join("-"));
    if (shown && shown.by !== defaults.by) params.set("by", shown.by);
    if (measurePick.value !== defaults.measure) params.set("measure", measurePick.value);
    if (selected && graph.nodes.some((n) => n.id === selected)) params.set("state", selected);
    const query = params.toString().replace(/%2C/gi, ",");
    history.replaceState(history.state, "", window.location.pathname + (query ? "?" + query : ""));
  }

  // plotly reads hover text as a small HTML subset: escape what comes from the database
  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function scopeParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(scopeForm)) {
      if (String(value).trim() !== "") params.append(name, String(value).trim());
    }
    // an address value no control can hold, on its way to the API's verdict
    for (const name of SCOPE_NAMES) if (unshown.has(name)) params.set(name, unshown.get(name));
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
    writeAddress();
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
    const options = nodes.map((n) => [n.id, n.id + " — " + n.name]);
    // a dyad the address names may have no event in this scope: it can still be drawn (empty)
    for (const code of wanted.dyad || []) {
      if (!options.some(([id]) => id === code)) options.push([code, code]);
    }
    for (const select of [pickA, pickB]) {
      const previous = select.value;
      select.replaceChildren(...options.map(([id, label]) => D.el("option", { value: id }, label)));
      if (options.some(([id]) => id === previous)) select.value = previous;
    }
    if (options.length > 1 && pickA.value === pickB.value) pickB.value = options[1][0];
  }

  function pickBusiest() {
    if (!graph.edges.length) return;
    const top = graph.edges.slice().sort((a, b) => b.events - a.events)[0];
    pickA.value = top.source;
    pickB.value = top.target;
  }

  async function loadGraph() {
    D.setStatus(status, "Loading the network…");
    const turn = ++turns.graph;
    try {
      const payload = await ask(SCOPE_NAMES, () => "/api/graph?" + scopeParams().toString());
      if (turn !== turns.graph) return;
      graph = payload;
      appliedScope = scopeParams();
      if (!graph.nodes.length) {
        D.setStatus(status, "No events between two different states in this period.");
      } else {
        D.setStatus(status, graph.nodes.length + " states, " + graph.edges.length + " dyads, " +
          payload.partition.count + " bloc" + (payload.partition.count === 1 ? "" : "s") + ".");
      }
      drawNetwork();
      renderBlocs(payload.partition);
      fillPickers();
      if (!started) {
        await firstCharts();
        return;
      }
      if (selected && graph.nodes.some((n) => n.id === selected)) showState(selected);
      writeAddress();
      // the dyad the user picked, in the new scope
      if (graph.edges.length) loadSeries();
    } catch (err) {
      if (turn === turns.graph) D.setStatus(status, err.message, "error");
    }
  }

  // First visit: the state, dyad(s) and period the address asks for, else the busiest dyad.
  async function firstCharts() {
    if (wanted.state) {
      if (graph.nodes.some((n) => n.id === wanted.state)) showState(wanted.state);
      else noteProblem("state: no state '" + wanted.state.slice(0, 40) + "' in the network of this period");
    }
    pickBusiest();
    if (wanted.dyad) [pickA.value, pickB.value] = wanted.dyad;
    if (wanted.dyads) dyadList.value = wanted.dyads;
    if (graph.edges.length || wanted.dyad || wanted.dyads) await loadSeries();
    for (const [name, value] of unshown) { // asked of no API: no chart to draw it on
      noteProblem(name + ": '" + value.slice(0, 40) + "' is not a choice of this page");
      drop(name);
    }
    fromAddress.clear();
    started = true;
    writeAddress();
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
    params.set("by", unshown.get("by") || byPick.value);
    return params;
  }

  // What the dyad form asks for: several dyads (the Dyads box) or the two states picked.
  function seriesRequest() {
    const params = seriesParams();
    const listed = listedDyads();
    if (listed.length) {
      params.set("dyads", listed.join(","));
      return { several: true, by: params.get("by"), url: "/api/series?" + params.toString(),
               csv: "/api/series.csv?" + params.toString(), events: null };
    }
    const a = pickA.value;
    const b = pickB.value;
    if (!a || !b) return null;
    const path = "/api/dyads/" + encodeURIComponent(a) + "-" + encodeURIComponent(b);
    return { several: false, by: params.get("by"), url: path + "/series?" + params.toString(),
             csv: path + "/series.csv?" + params.toString(), events: eventsLink(a, b) };
  }

  async function loadSeries() {
    const box = document.getElementById("changes");
    const turn = ++turns.series;
    let request = null;
    try {
      const data = await ask(["by", "dyad", "dyads"], () => {
        request = seriesRequest();
        return request && request.url;
      });
      if (!data || turn !== turns.series) return;
      setLinks(request.csv, request.events);
      shown = { several: request.several, data, by: request.by };
      appliedScope = scopeParams();
      drawShown();
      if (request.several) {
        box.replaceChildren(D.el("p", { class: "hint" },
          "Change points are found for one dyad at a time: empty the Dyads box to see them."));
      } else {
        renderChanges(data, box);
      }
    } catch (err) {
      if (turn === turns.series) box.replaceChildren(D.el("p", { class: "status error" }, err.message));
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
    writeAddress();
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

  // Periods are days ("2003-03-01"), which plotly draws as that day in any time zone. The page
  // must read them alike: as UTC days, never through the browser's zone (local midnight in
  // Kiritimati is the day before in UTC), and hand plotly zone-free "YYYY-MM-DD hh:mm:ss".
  function dayMs(day) {
    const [year, month, date] = String(day).slice(0, 10).split("-").map(Number);
    return Date.UTC(year, month - 1, date);
  }

  function plotDate(ms) {
    return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
  }

  // Readable dates for the period length; a lone period gets some room on each side (plotly
  // would otherwise zoom to fractions of a second around it).
  function timeAxis(by, rows) {
    const FORMAT = { day: "%d %b %Y", week: "%d %b %Y", month: "%b %Y", quarter: "%b %Y", year: "%Y" };
    const axis = { anchor: "y2", type: "date", tickformat: FORMAT[by] };
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    if (periods.length === 1) {
      const middle = dayMs(periods[0]);
      const pad = PERIOD_DAYS[by] * 86400000;
      axis.range = [plotDate(middle - pad), plotDate(middle + pad)];
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

  // what the address asked is history once the reader asks for something else
  function forgetAddressProblems() {
    problems.length = 0;
    addressProblem.hidden = true;
  }

  scopeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    forgetAddressProblems();
    loadGraph();
  });
  dyadForm.addEventListener("submit", (event) => {
    event.preventDefault();
    forgetAddressProblems();
    loadSeries();
  });
  document.getElementById("dyad-add").addEventListener("click", addDyad);
  measurePick.addEventListener("change", drawShown);

  if (typeof Plotly === "undefined") {
    D.setStatus(status, "The chart library did not load (/vendor/plotly.min.js).", "error");
    return;
  }
  readAddress(new URLSearchParams(window.location.search));
  loadGraph();
})(window.detente);
