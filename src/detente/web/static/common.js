// Shared helpers for every page. Article text and anything from the database is untrusted:
// it only ever reaches the page through textContent / text nodes / attributes, never innerHTML.
"use strict";

window.detente = (function () {
  const QUADS = {
    1: "verbal coop.",
    2: "material coop.",
    3: "verbal conflict",
    4: "material conflict",
  };

  // Create an element; strings among the children become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // fetch + JSON, turning the API's error bodies (FastAPI's {detail}) into one-line messages.
  async function fetchJSON(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      throw new Error("the server cannot be reached (" + err.message + ")");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      const error = new Error(errorMessage(response.status, body));
      error.status = response.status;
      error.fields = errorFields(body); // the parameters a 422 names: "since", "dyads", "a"
      throw error;
    }
    return body;
  }

  function errorFields(body) {
    const detail = body && body.detail;
    if (!Array.isArray(detail)) return [];
    return detail.map((d) => (d.loc || []).filter((part) => part !== "query" && part !== "body" && part !== "path")[0])
      .filter((name) => typeof name === "string");
  }

  function errorMessage(status, body) {
    const detail = body && body.detail;
    if (Array.isArray(detail)) {
      return detail
        .map((d) => {
          const where = (d.loc || []).filter((part) => part !== "query" && part !== "body");
          return (where.length ? where.join(".") + ": " : "") + d.msg;
        })
        .join("; ");
    }
    if (typeof detail === "string") return detail;
    return "the server answered " + status;
  }

  function setStatus(node, message, kind) {
    if (!node) return;
    node.textContent = message || "";
    node.className = "status" + (kind ? " " + kind : "");
  }

  function quadChip(quad) {
    const label = QUADS[quad] || "?";
    return el("span", { class: "quad-chip q" + quad, title: "quad class " + quad }, quad + " " + label);
  }

  function actorCell(actor) {
    if (!actor || (!actor.text && !actor.code)) return el("span", { class: "code" }, "—");
    const code = actor.code || actor.country || "";
    // imported (GDELT) and generated rows have codes but no words from a text
    if (!actor.text) return el("span", { class: "actor-text" }, code);
    // "Ivanov (Sergei Ivanov)", but not "Minister Kamal Kharrazi (Kamal Kharrazi)"
    const extra = actor.name && !actor.text.includes(actor.name) ? " (" + actor.name + ")" : "";
    return el(
      "span",
      {},
      el("span", { class: "actor-text" }, actor.text + extra),
      el("span", { class: "code" }, code),
    );
  }

  function eventCell(ev) {
    const trigger = ev.trigger && ev.trigger.text ? "“" + ev.trigger.text + "”" : "";
    return el(
      "span",
      {},
      el("span", { class: "event-name" }, ev.cameo_name || ev.cameo || ""),
      el("span", { class: "code" }, "CAMEO " + (ev.cameo || "?") + (ev.plover ? " · " + ev.plover : "")),
      trigger ? el("span", { class: "trigger-text" }, trigger) : null,
    );
  }

  // When the event happened: "2001-10-04" + "(day, ‘on Thursday’)", or the article's date.
  function dateLabel(ev) {
    const date = ev.date || "";
    switch (ev.date_precision) {
      case "year":
        return date.slice(0, 4);
      case "month":
        return date.slice(0, 7);
      case "range":
        return ev.date_end ? date + " – " + ev.date_end : date;
      default:
        return date;
    }
  }

  function whenCell(ev) {
    if (!ev.date) return el("span", { class: "code" }, "—");
    const resolved = ev.date_precision && ev.date_precision !== "article";
    const how = resolved
      ? "(" + ev.date_precision + (ev.date_text ? ", ‘" + ev.date_text + "’" : "") + ")"
      : "(article date)";
    const title = resolved
      ? (ev.date_end ? ev.date + " to " + ev.date_end : ev.date) +
        (ev.date_text ? ", from the words “" + ev.date_text + "”" : "") +
        (ev.article_date ? "; article dated " + ev.article_date : "")
      : "the text gives no date for this event: the article's date";
    return el(
      "span",
      { class: "when", title },
      el("span", { class: "when-date" }, dateLabel(ev)),
      el("span", { class: "when-how" }, how),
    );
  }

  function placeName(location) {
    return (location.qualifier ? location.qualifier + " " : "") + location.name;
  }

  // Where the event happened (only when its clause says so).
  function whereCell(ev) {
    const location = ev.location;
    if (!location || !location.name) return null;
    const detail = [location.feature, location.country].filter(Boolean).join(" · ");
    const at = Number.isFinite(location.lat) && Number.isFinite(location.lon)
      ? " (" + location.lat.toFixed(2) + ", " + location.lon.toFixed(2) + ")"
      : "";
    return el(
      "span",
      { class: "where", title: (location.text ? "“" + location.text + "”" : location.name) + at },
      el("span", { class: "place-name" }, placeName(location)),
      detail ? el("span", { class: "when-how" }, detail) : null,
    );
  }

  function goldstein(value) {
    if (value === null || value === undefined) return "";
    const number = Number(value);
    return (number > 0 ? "+" : "") + number.toFixed(1);
  }

  function modalityText(ev) {
    return ev.modality || "asserted";
  }

  // Split `text` (which starts at document offset `base`) at every mark boundary; covered
  // pieces become spans carrying the marks' classes, data and titles.
  function markedFragment(text, base, marks) {
    const fragment = document.createDocumentFragment();
    const cuts = new Set([0, text.length]);
    const local = [];
    for (const mark of marks) {
      const start = Math.max(0, mark.start - base);
      const end = Math.min(text.length, mark.end - base);
      if (!(end > start)) continue;
      local.push({ mark, start, end });
      cuts.add(start);
      cuts.add(end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i += 1) {
      const from = points[i];
      const to = points[i + 1];
      const piece = text.slice(from, to);
      const covering = local.filter((item) => item.start <= from && item.end >= to);
      if (!covering.length) {
        fragment.append(document.createTextNode(piece));
        continue;
      }
      const classes = new Set();
      const data = {};
      const titles = [];
      for (const { mark } of covering) {
        (mark.classes || []).forEach((name) => classes.add(name));
        for (const [key, value] of Object.entries(mark.data || {})) {
          (data[key] = data[key] || new Set()).add(String(value));
        }
        if (mark.title) titles.push(mark.title);
      }
      const span = document.createElement("span");
      span.textContent = piece;
      span.className = [...classes].join(" ");
      for (const [key, values] of Object.entries(data)) span.dataset[key] = [...values].join(" ");
      if (titles.length) span.title = [...new Set(titles)].join("\n");
      fragment.append(span);
    }
    return fragment;
  }

  // Trigger, actor and place marks of events (document offsets); `index` tags each mark with its event.
  function eventMarks(events) {
    const marks = [];
    events.forEach((ev, index) => {
      const trigger = ev.trigger || {};
      if (Number.isInteger(trigger.start) && Number.isInteger(trigger.end)) {
        marks.push({
          start: trigger.start,
          end: trigger.end,
          classes: ["m-trigger", "q" + ev.quad_class],
          data: { evTrigger: index },
          title: "CAMEO " + ev.cameo + " " + (ev.cameo_name || ""),
        });
      }
      const place = ev.location;
      if (place && Number.isInteger(place.start) && Number.isInteger(place.end)) {
        marks.push({
          start: place.start,
          end: place.end,
          classes: ["m-place"],
          data: { evPlace: index },
          title: "place: " + place.name + (place.country ? " (" + place.country + ")" : ""),
        });
      }
      for (const role of ["source", "target", "attribution"]) {
        const actor = ev[role];
        if (!actor || !Number.isInteger(actor.start) || !Number.isInteger(actor.end)) continue;
        marks.push({
          start: actor.start,
          end: actor.end,
          classes: ["m-actor"],
          data: { evActor: index },
          title: (actor.code || actor.country || "actor") + " (" + role + ")",
        });
      }
    });
    return marks;
  }

  return {
    el,
    fetchJSON,
    errorMessage,
    setStatus,
    quadChip,
    actorCell,
    eventCell,
    goldstein,
    modalityText,
    dateLabel,
    whenCell,
    whereCell,
    placeName,
    markedFragment,
    eventMarks,
    QUADS,
  };
})();
