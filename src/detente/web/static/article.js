// The article page: the stored text with its events, places, people and arms transfers
// highlighted (?event=ID or ?transfer=ID focuses one).
"use strict";

(function (D) {
  const section = document.getElementById("article");
  if (!section) return; // no article: the page shows why
  const status = document.getElementById("status");

  async function load() {
    const id = section.dataset.articleId;
    try {
      const article = await D.fetchJSON("/api/articles/" + encodeURIComponent(id));
      const select = D.showCoded(D.codedNodes(), article);
      const params = new URLSearchParams(window.location.search);
      const event = article.events.findIndex((ev) => ev.event_id === params.get("event"));
      const transfer = article.transfers.findIndex((t) => t.transfer_id === params.get("transfer"));
      if (event >= 0) select(event);
      else if (transfer >= 0) select(transfer, "transfers");
    } catch (err) {
      D.setStatus(status, err.message, "error");
    }
  }

  load();
})(window.detente);
