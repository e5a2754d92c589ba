// The article page: the stored text with its events highlighted (?event=ID focuses one).
"use strict";

(function (D) {
  const section = document.getElementById("article");
  if (!section) return; // no article: the page shows why
  const status = document.getElementById("status");

  async function load() {
    const id = section.dataset.articleId;
    try {
      const article = await D.fetchJSON("/api/articles/" + encodeURIComponent(id));
      const select = D.showCoded(
        document.getElementById("doc"),
        document.querySelector("#event-table tbody"),
        article,
      );
      const wanted = new URLSearchParams(window.location.search).get("event");
      const index = article.events.findIndex((ev) => ev.event_id === wanted);
      if (index >= 0) select(index);
    } catch (err) {
      D.setStatus(status, err.message, "error");
    }
  }

  load();
})(window.detente);
