// The events page: a filterable, sortable, paginated table over GET /api/events. The filters
// live in the address bar, so a filtered view can be bookmarked or shared.
"use strict";

(function (D) {
  const form = document.getElementById("filters");
  if (!form) return; // no database: the page says so
  const table = document.getElementById("events-table");
  const tbody = table.querySelector("tbody");
  const status = document.getElementById("status");
  const pagers = [document.getElementById("pager-top"), document.getElementById("pager-bottom")];
  const state = { page: 1, sort: "date", order: "asc" };
  const MULTI = ["quad"];

  function formParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== "") params.append(name, String(value).trim());
    }
    params.set("page", String(state.page));
    params.set("sort", state.sort);
    params.set("order", state.order);
    return params;
  }

  function fillForm(params) {
    for (const element of form.elements) {
      if (!element.name) continue;
      const values = params.getAll(element.name);
      if (element.type === "checkbox") {
        element.checked = MULTI.includes(element.name)
          ? values.flatMap((v) => v.split(",")).includes(element.value)
          : values.includes("true");
      } else if (element.tagName === "SELECT" && values.length) {
        selectValue(element, values.join(","));
      } else if (values.length) {
        element.value = values.join(",");
      }
    }
    state.page = Math.max(1, Number(params.get("page")) || 1);
    state.sort = params.get("sort") || "date";
    state.order = params.get("order") === "desc" ? "desc" : "asc";
  }

  // A link may name a choice in another case (plover=accuse) or several (ACCUSE,AID), which
  // the API takes: the select shows it as given rather than dropping the filter unseen.
  function selectValue(select, wanted) {
    const found = Array.from(select.options)
      .find((option) => option.value.toLowerCase() === wanted.toLowerCase());
    if (!found) {
      const option = document.createElement("option");
      option.value = wanted;
      option.textContent = wanted;
      select.appendChild(option);
    }
    select.value = found ? found.value : wanted;
  }

  function renderWarnings(warnings) {
    const box = document.getElementById("warnings");
    box.textContent = warnings.join(" ");
    box.hidden = warnings.length === 0;
  }

  async function load() {
    const params = formParams();
    history.replaceState(null, "", "?" + params.toString());
    D.setStatus(status, "Loading…");
    table.setAttribute("aria-busy", "true");
    try {
      const page = await D.fetchJSON("/api/events?" + params.toString());
      if (!page.events.length && page.total > 0 && state.page > page.pages) {
        // a bookmarked page past the end (fewer events now, or a larger page size): its last
        // page, not "No events match" under "90 events match"
        state.page = page.pages;
        return await load();
      }
      renderRows(page.events);
      renderPagers(page);
      renderWarnings(page.warnings || []);
      // the download holds every matching event, not one page
      const all = new URLSearchParams(params);
      all.delete("page");
      all.delete("page_size");
      document.getElementById("csv-link").href = "/api/events.csv?" + all.toString();
      showDownload(page.total);
      D.setStatus(status, page.total + " event" + (page.total === 1 ? "" : "s") + " match.");
    } catch (err) {
      D.setStatus(status, err.message, "error");
    } finally {
      table.removeAttribute("aria-busy");
      markSort();
    }
  }

  // A selection past what one download holds gets a reason in place of the link: the API
  // refuses it (413), and a link would save that refusal as "events.csv".
  function showDownload(total) {
    const max = Number(document.getElementById("csv-box").dataset.max);
    const tooMany = max > 0 && total > max;
    const note = document.getElementById("csv-too-many");
    document.getElementById("csv-link").hidden = tooMany;
    note.hidden = !tooMany;
    note.textContent = tooMany
      ? total.toLocaleString("en") + " events match, more than the " + max.toLocaleString("en") +
        " one download holds: narrow the filter, or write them all with `detente export`."
      : "";
  }

  // The event's sentence with its trigger and actors marked (offsets are document offsets).
  function evidence(ev) {
    if (!ev.sentence) return D.el("span", { class: "code" }, "—");
    const span = D.el("span", {});
    span.append(D.markedFragment(ev.sentence, ev.sentence_start || 0, D.eventMarks([ev])));
    return span;
  }

  function articleLink(ev) {
    if (!ev.article_id) {
      const origin = ev.origin && ev.origin !== "detente" ? ev.origin : "—";
      return D.el("span", { class: "code", title: "no stored article text for this event" }, origin);
    }
    const href = "/articles/" + encodeURIComponent(ev.article_id) + "?event=" + encodeURIComponent(ev.event_id);
    return D.el("a", { href, title: ev.doc_id || ev.article_id }, "open");
  }

  function renderRows(events) {
    tbody.replaceChildren();
    if (!events.length) {
      tbody.append(D.el("tr", {}, D.el("td", { colspan: "9", class: "empty" }, "No events match these filters.")));
      return;
    }
    for (const ev of events) {
      tbody.append(
        D.el(
          "tr",
          { dataset: { eventId: ev.event_id || "", quad: String(ev.quad_class) } },
          D.el("td", { class: "nowrap" }, ev.date || ""),
          D.el("td", {}, D.actorCell(ev.source)),
          D.el("td", {}, D.eventCell(ev)),
          D.el("td", {}, D.actorCell(ev.target)),
          D.el("td", {}, D.quadChip(ev.quad_class)),
          D.el("td", { class: "num" }, D.goldstein(ev.goldstein)),
          D.el("td", {}, D.modalityText(ev)),
          D.el("td", { class: "evidence-cell" }, evidence(ev)),
          D.el("td", {}, articleLink(ev)),
        ),
      );
    }
  }

  function renderPagers(page) {
    for (const pager of pagers) {
      const previous = D.el("button", { type: "button", class: "prev", disabled: page.page <= 1 }, "‹ previous");
      const next = D.el("button", { type: "button", class: "next", disabled: page.page >= page.pages }, "next ›");
      previous.addEventListener("click", () => go(page.page - 1));
      next.addEventListener("click", () => go(page.page + 1));
      const where = "page " + page.page + " of " + page.pages + " · " + page.total + " events";
      pager.replaceChildren(previous, D.el("span", { class: "where" }, where), next);
    }
  }

  function go(number) {
    state.page = number;
    load();
  }

  function markSort() {
    for (const button of table.querySelectorAll("th button[data-sort]")) {
      if (button.dataset.sort === state.sort) {
        button.setAttribute("aria-sort", state.order === "desc" ? "descending" : "ascending");
      } else {
        button.removeAttribute("aria-sort");
      }
    }
  }

  table.querySelectorAll("th button[data-sort]").forEach((button) => {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.order = state.sort === key && state.order === "asc" ? "desc" : "asc";
      state.sort = key;
      state.page = 1;
      load();
    });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.page = 1;
    load();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      state.page = 1;
      load();
    }, 0);
  });

  fillForm(new URLSearchParams(window.location.search));
  load();
})(window.detente);
