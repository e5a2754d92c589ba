// The article text with its events' evidence: sentences, actor mentions and triggers as
// spans built from text nodes, and an events table whose rows highlight that evidence.
"use strict";

(function (D) {
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

  // Fill `container` with `text`; returns {focus(i)} that highlights event i's evidence.
  function renderDocument(container, text, sentences, events) {
    const marks = D.eventMarks(events);
    container.replaceChildren();
    let position = 0;
    for (const sentence of sentencesOf(sentences, events)) {
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

    function focus(index) {
      container
        .querySelectorAll(".evidence, .ev-trigger, .ev-actor")
        .forEach((node) => node.classList.remove("evidence", "ev-trigger", "ev-actor"));
      const ev = events[index];
      if (!ev) return;
      const key = String(index);
      const sentence = container.querySelector('.sent[data-sent="' + Number(ev.sentence_index) + '"]');
      if (sentence) sentence.classList.add("evidence");
      container.querySelectorAll("[data-ev-trigger]").forEach((node) => {
        if (node.dataset.evTrigger.split(" ").includes(key)) node.classList.add("ev-trigger");
      });
      container.querySelectorAll("[data-ev-actor]").forEach((node) => {
        if (node.dataset.evActor.split(" ").includes(key)) node.classList.add("ev-actor");
      });
      scrollTo(container, container.querySelector(".ev-trigger") || sentence);
    }
    return { focus };
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

  // Rows of the events table (code and article pages); clicking one calls onSelect(i).
  function renderEventRows(tbody, events, onSelect) {
    tbody.replaceChildren();
    const table = tbody.closest("table");
    if (table) table.classList.toggle("no-attribution", !events.some((ev) => ev.attribution));
    if (!events.length) {
      tbody.append(D.el("tr", {}, D.el("td", { colspan: "8", class: "empty" }, "No events found in this text.")));
      return;
    }
    events.forEach((ev, index) => {
      const attribution = ev.attribution ? D.actorCell(ev.attribution) : "";
      const select = () => {
        tbody.querySelectorAll("tr.selected").forEach((row) => row.classList.remove("selected"));
        row.classList.add("selected");
        onSelect(index);
      };
      const row = D.el(
        "tr",
        {
          tabindex: "0",
          dataset: { index: String(index), sentence: String(ev.sentence_index) },
          onclick: select,
          onkeydown: (event) => {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              select();
            }
          },
        },
        D.el("td", { class: "num" }, String(index + 1)),
        D.el("td", {}, D.actorCell(ev.source)),
        D.el("td", {}, D.eventCell(ev)),
        D.el("td", {}, D.actorCell(ev.target)),
        D.el("td", {}, D.quadChip(ev.quad_class)),
        D.el("td", { class: "num" }, D.goldstein(ev.goldstein)),
        D.el("td", {}, D.modalityText(ev)),
        D.el("td", {}, attribution),
      );
      tbody.append(row);
    });
  }

  // Text + table together; returns select(i) so a page can focus an event itself.
  function showCoded(docNode, tbody, result) {
    const view = renderDocument(docNode, result.text, result.sentences, result.events);
    renderEventRows(tbody, result.events, view.focus);
    return function select(index) {
      const row = tbody.querySelector('tr[data-index="' + index + '"]');
      if (row) row.click();
    };
  }

  D.renderDocument = renderDocument;
  D.renderEventRows = renderEventRows;
  D.showCoded = showCoded;
})(window.detente);
