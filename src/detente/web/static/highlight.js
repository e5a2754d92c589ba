// The article text with its evidence: sentences, actor mentions, places, triggers, people and
// arms-transfer equipment as spans built from text nodes; the events, people and transfers
// tables whose rows highlight that evidence.
"use strict";

(function (D) {
  const FOCUS = ["evidence", "ev-trigger", "ev-actor", "ev-place", "pe-focus", "tr-equip", "tr-trigger", "tr-actor"];
  const SECTORS = {
    AGR: "agriculture", BUS: "business", COP: "police", CRM: "criminal", CVL: "civilian",
    EDU: "education", ELI: "elite", ENV: "environment", GOV: "government", HLH: "health",
    HRI: "human rights", LAB: "labour", LEG: "legislature", MED: "media", MIL: "military",
    NGO: "NGO", OPP: "opposition", PTY: "party", REB: "rebels", REF: "refugees",
    REL: "religion", SPY: "intelligence", UAF: "armed forces", JUD: "judiciary",
  };
  const STATUSES = {
    delivered: "delivered: the equipment has been handed over",
    contracted: "contracted: a deal is signed",
    planned: "planned: announced or agreed, not yet delivered",
    requested: "requested: asked for",
    possible: "possible: may happen",
  };

  function sentencesOf(sentences, events) {
    const given = (sentences || []).filter((s) => s.end > s.start);
    if (given.length) return given.slice().sort((a, b) => a.start - b.start);
    // No stored sentence boundaries: use the sentences the events quote.
    const seen = new Map();
    for (const ev of events) {
      if (ev.sentence && Number.isInteger(ev.sentence_start) && !seen.has(ev.sentence_index)) {
        seen.set(ev.sentence_index, {
          index: ev.sentence_index,
          start: ev.sentence_start,
          end: ev.sentence_start + ev.sentence.length,
        });
      }
    }
    return [...seen.values()].sort((a, b) => a.start - b.start);
  }

  function hasSpan(item) {
    return item && Number.isInteger(item.start) && Number.isInteger(item.end) && item.end > item.start;
  }

  function personLabel(person) {
    return [person.name || person.text, person.role, person.country].filter(Boolean).join(", ");
  }

  // The introducing mention of each person (marked, styled only when the person is chosen).
  function personMarks(people) {
    const marks = [];
    people.forEach((person, index) => {
      if (!hasSpan(person)) return;
      marks.push({ start: person.start, end: person.end, classes: ["m-person"], data: { person: index },
        title: "person: " + personLabel(person) });
    });
    return marks;
  }

  function categoryName(category) {
    return String(category || "").replace(/_/g, " ");
  }

  // Equipment words, trigger and (when the coder gave offsets) supplier and recipient.
  function transferMarks(transfers) {
    const marks = [];
    transfers.forEach((transfer, index) => {
      for (const item of transfer.equipment || []) {
        if (!hasSpan(item)) continue;
        const what = [item.designation, categoryName(item.category)].filter(Boolean).join(" · ");
        marks.push({ start: item.start, end: item.end, classes: ["m-equip"], data: { trEquip: index },
          title: "equipment: " + what });
      }
      if (hasSpan(transfer.trigger)) {
        marks.push({ start: transfer.trigger.start, end: transfer.trigger.end, data: { trTrigger: index } });
      }
      for (const side of ["supplier", "recipient"]) {
        if (hasSpan(transfer[side])) {
          marks.push({ start: transfer[side].start, end: transfer[side].end, data: { trActor: index } });
        }
      }
    });
    return marks;
  }

  // Fill `container` with the result's text; returns functions that highlight the evidence of
  // event i, person i or transfer i.
  function renderDocument(container, result) {
    const text = result.text;
    const events = result.events || [];
    const people = result.people || [];
    const transfers = result.transfers || [];
    const sentences = sentencesOf(result.sentences, events);
    const marks = [...D.eventMarks(events), ...personMarks(people), ...transferMarks(transfers)];
    container.replaceChildren();
    let position = 0;
    for (const sentence of sentences) {
      const start = Math.max(sentence.start, position);
      const end = Math.min(sentence.end, text.length);
      if (end <= start) continue;
      if (start > position) {
        container.append(D.markedFragment(text.slice(position, start), position, marks));
      }
      const span = D.el("span", { class: "sent", dataset: { sent: String(sentence.index) } });
      span.append(D.markedFragment(text.slice(start, end), start, marks));
      container.append(span);
      position = end;
    }
    if (position < text.length) {
      container.append(D.markedFragment(text.slice(position), position, marks));
    }

    function clear() {
      container.querySelectorAll("." + FOCUS.join(", ."))
        .forEach((node) => node.classList.remove(...FOCUS));
    }

    // Add `cls` to every span whose data-`key` lists `index`; returns the first one.
    function tag(key, index, cls) {
      const wanted = String(index);
      let first = null;
      container.querySelectorAll("[data-" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + "]")
        .forEach((node) => {
          if (!node.dataset[key].split(" ").includes(wanted)) return;
          node.classList.add(cls);
          first = first || node;
        });
      return first;
    }

    function sentenceNode(index, offset) {
      let number = Number.isInteger(index) ? index : null;
      if (number === null && Number.isInteger(offset)) {
        const found = sentences.find((s) => s.start <= offset && offset < s.end);
        number = found ? found.index : null;
      }
      if (number === null) return null;
      const node = container.querySelector('.sent[data-sent="' + Number(number) + '"]');
      if (node) node.classList.add("evidence");
      return node;
    }

    function focusEvent(index) {
      clear();
      const ev = events[index];
      if (!ev) return;
      const sentence = sentenceNode(ev.sentence_index);
      const trigger = tag("evTrigger", index, "ev-trigger");
      tag("evActor", index, "ev-actor");
      tag("evPlace", index, "ev-place");
      scrollTo(container, trigger || sentence);
    }

    function focusPerson(index) {
      clear();
      const person = people[index];
      if (!person) return;
      const sentence = sentenceNode(null, person.start);
      scrollTo(container, tag("person", index, "pe-focus") || sentence);
    }

    function focusTransfer(index) {
      clear();
      const transfer = transfers[index];
      if (!transfer) return;
      const sentence = sentenceNode(transfer.sentence_index, (transfer.trigger || {}).start);
      const item = tag("trEquip", index, "tr-equip");
      tag("trTrigger", index, "tr-trigger");
      tag("trActor", index, "tr-actor");
      scrollTo(container, item || sentence);
    }

    return { focusEvent, focusPerson, focusTransfer, focus: focusEvent };
  }

  // Scroll the text box (not the whole page) so the evidence sits in its upper third; bring
  // the box itself into view first if it is off screen.
  function scrollTo(container, target) {
    if (!target) return;
    const box = container.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) container.scrollIntoView({ block: "start" });
    const offset = target.getBoundingClientRect().top - container.getBoundingClientRect().top;
    container.scrollTo({ top: container.scrollTop + offset - container.clientHeight / 3, behavior: "smooth" });
  }

  // A clickable (and keyboard-selectable) row; choosing it unselects the rows of every table.
  function pickRow(tbody, index, dataset, onSelect, cells) {
    const select = () => {
      document.querySelectorAll("table.pickable tbody tr.selected")
        .forEach((row) => row.classList.remove("selected"));
      row.classList.add("selected");
      onSelect(index);
    };
    const row = D.el(
      "tr",
      {
        tabindex: "0",
        dataset: { index: String(index), ...dataset },
        onclick: select,
        onkeydown: (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            select();
          }
        },
      },
      cells,
    );
    tbody.append(row);
    return row;
  }

  function emptyRow(tbody, columns, message) {
    tbody.append(D.el("tr", {}, D.el("td", { colspan: String(columns), class: "empty" }, message)));
  }

  // Rows of the events table (code and article pages); clicking one calls onSelect(i).
  function renderEventRows(tbody, events, onSelect) {
    tbody.replaceChildren();
    const table = tbody.closest("table");
    if (table) table.classList.toggle("no-attribution", !events.some((ev) => ev.attribution));
    if (!events.length) {
      emptyRow(tbody, 8, "No events found in this text.");
      return;
    }
    events.forEach((ev, index) => {
      pickRow(tbody, index, { sentence: String(ev.sentence_index) }, onSelect, [
        D.el("td", { class: "num" }, String(index + 1)),
        D.el("td", {}, D.actorCell(ev.source)),
        D.el("td", {}, D.eventCell(ev)),
        D.el("td", {}, D.actorCell(ev.target)),
        D.el("td", { class: "when-cell" }, D.whenCell(ev), D.whereCell(ev)),
        D.el("td", {}, D.quadChip(ev.quad_class), D.el("span", { class: "goldstein", title: "Goldstein score" }, D.goldstein(ev.goldstein))),
        D.el("td", {}, D.modalityText(ev)),
        D.el("td", {}, ev.attribution ? D.actorCell(ev.attribution) : ""),
      ]);
    });
  }

  function codeWithName(code, names) {
    if (!code) return D.el("span", { class: "code" }, "—");
    const name = names[code];
    return D.el("span", {}, name ? D.el("span", { class: "actor-text" }, name) : null, D.el("span", { class: "code" }, code));
  }

  function renderPeopleRows(tbody, people, onSelect) {
    tbody.replaceChildren();
    if (!people.length) {
      emptyRow(tbody, 4, "No people introduced in this text.");
      return;
    }
    people.forEach((person, index) => {
      const mention = person.text && person.text !== person.name ? "“" + person.text + "”" : null;
      pickRow(tbody, index, { name: person.name || "" }, onSelect, [
        D.el("td", {}, D.el("span", { class: "person-name" }, person.name || person.text || "?"),
          mention ? D.el("span", { class: "trigger-text" }, mention) : null),
        D.el("td", {}, person.role || "—"),
        D.el("td", {}, D.el("span", { class: "actor-text" }, person.country || "—"),
          person.code && person.code !== person.country ? D.el("span", { class: "code" }, person.code) : null),
        D.el("td", {}, codeWithName(person.sector, SECTORS)),
      ]);
    });
  }

  function party(actor) {
    if (!actor || (!actor.text && !actor.code)) return D.el("span", { class: "party unknown" }, "?");
    return D.el(
      "span",
      { class: "party" },
      actor.text || actor.code,
      actor.text && actor.code ? D.el("span", { class: "code" }, " " + actor.code) : null,
    );
  }

  function equipmentCell(transfer) {
    const items = transfer.equipment || [];
    if (!items.length) return D.el("span", { class: "code" }, "—");
    return D.el(
      "span",
      { class: "equipment" },
      items.map((item) => D.el(
        "span",
        { class: "item" },
        D.el("span", { class: "designation" }, item.designation || item.text || "?"),
        item.category ? D.el("span", { class: "cat-chip" }, categoryName(item.category)) : null,
        item.designation && item.text && item.text !== item.designation
          ? D.el("span", { class: "trigger-text" }, "“" + item.text + "”")
          : null,
      )),
    );
  }

  function quantityText(transfer) {
    if (Number.isFinite(transfer.quantity)) {
      const unit = (transfer.equipment || []).map((item) => item.unit).find(Boolean);
      return String(transfer.quantity) + (unit ? " " + unit + (transfer.quantity === 1 ? "" : "s") : "");
    }
    const counts = (transfer.equipment || []).map((item) => item.quantity).filter(Number.isFinite);
    return counts.length ? counts.join(" + ") : "—";
  }

  function money(value, currency) {
    if (!Number.isFinite(value)) return null;
    const scales = [[1e12, " trillion"], [1e9, " billion"], [1e6, " million"]];
    let amount = value.toLocaleString("en");
    for (const [size, word] of scales) {
      if (Math.abs(value) >= size) {
        amount = (value / size).toLocaleString("en", { maximumFractionDigits: 2 }) + word;
        break;
      }
    }
    return (currency ? currency + " " : "") + amount;
  }

  function valueCell(transfer) {
    const shown = money(transfer.value, transfer.currency);
    if (!shown) return transfer.value_text || "—";
    return D.el("span", { class: "nowrap", title: transfer.value_text ? "“" + transfer.value_text + "”" : null }, shown);
  }

  function statusBadge(status) {
    const name = STATUSES[status] ? status : "unknown";
    return D.el("span", { class: "status-badge st-" + name, title: STATUSES[status] || null }, status || "?");
  }

  function renderTransferRows(tbody, transfers, onSelect) {
    tbody.replaceChildren();
    if (!transfers.length) {
      emptyRow(tbody, 6, "No arms transfers in this text.");
      return;
    }
    transfers.forEach((transfer, index) => {
      pickRow(tbody, index, { status: transfer.status || "", transferId: transfer.transfer_id || "" }, onSelect, [
        D.el("td", { class: "parties" }, party(transfer.supplier), D.el("span", { class: "arrow" }, " → "), party(transfer.recipient)),
        D.el("td", {}, equipmentCell(transfer)),
        D.el("td", { class: "num" }, quantityText(transfer)),
        D.el("td", { class: "num" }, valueCell(transfer)),
        D.el("td", {}, statusBadge(transfer.status)),
        D.el("td", { class: "nowrap" }, transfer.date || "—"),
      ]);
    });
  }

  // Text + tables together. `nodes`: {doc, events, people, transfers} (the tables' tbody
  // elements; people and transfers may be missing). Returns select(i), which picks event i.
  function showCoded(nodes, result) {
    const view = renderDocument(nodes.doc, result);
    renderEventRows(nodes.events, result.events || [], view.focusEvent);
    if (nodes.people) renderPeopleRows(nodes.people, result.people || [], view.focusPerson);
    if (nodes.transfers) renderTransferRows(nodes.transfers, result.transfers || [], view.focusTransfer);
    for (const [key, list] of [["people", result.people], ["transfers", result.transfers]]) {
      const count = document.getElementById(key + "-count");
      if (count) count.textContent = String((list || []).length);
    }
    return function select(index, table) {
      const row = (nodes[table || "events"] || nodes.events).querySelector('tr[data-index="' + Number(index) + '"]');
      if (row) row.click();
    };
  }

  // The tbody elements of the text-and-tables pages.
  function codedNodes() {
    const body = (id) => {
      const table = document.getElementById(id);
      return table ? table.querySelector("tbody") : null;
    };
    return { doc: document.getElementById("doc"), events: body("event-table"), people: body("people-table"), transfers: body("transfer-table") };
  }

  D.renderDocument = renderDocument;
  D.renderEventRows = renderEventRows;
  D.renderPeopleRows = renderPeopleRows;
  D.renderTransferRows = renderTransferRows;
  D.showCoded = showCoded;
  D.codedNodes = codedNodes;
})(window.detente);
