// The "Code an article" page: send the text (or a file) to the API and show the result.
"use strict";

(function (D) {
  const form = document.getElementById("code-form");
  const text = document.getElementById("text");
  const date = document.getElementById("date");
  const file = document.getElementById("file");
  const clearFile = document.getElementById("clear-file");
  const store = document.getElementById("store");
  const submit = document.getElementById("submit");
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  const maxBytes = Number(form.dataset.maxBytes);

  function fileChanged() {
    const chosen = file.files[0];
    text.disabled = Boolean(chosen);
    clearFile.hidden = !chosen;
    if (chosen && chosen.size > maxBytes) {
      D.setStatus(status, chosen.name + " is over the " + maxBytes / 1000 + " kB limit", "error");
    } else {
      D.setStatus(status, chosen ? "The file " + chosen.name + " will be coded." : "");
    }
  }

  async function send() {
    const chosen = file.files[0];
    if (chosen) {
      const data = new FormData();
      data.append("file", chosen);
      if (date.value) data.append("date", date.value);
      if (store.checked) data.append("store", "true");
      return D.fetchJSON("/api/code/file", { method: "POST", body: data });
    }
    if (!text.value.trim()) throw new Error("paste an article (or choose a file) first");
    const size = new Blob([text.value]).size;
    if (size > maxBytes) {
      throw new Error("the text is " + Math.round(size / 1000) + " kB; the limit is " + maxBytes / 1000 + " kB");
    }
    const body = { text: text.value, date: date.value || null, store: store.checked };
    return D.fetchJSON("/api/code", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  function summary(coded) {
    const sentences = coded.sentences.length;
    let message = coded.events.length + " event" + (coded.events.length === 1 ? "" : "s") +
      " in " + sentences + " sentence" + (sentences === 1 ? "" : "s") +
      (coded.date ? ", dated " + coded.date : ", no date");
    const people = (coded.people || []).length;
    const transfers = (coded.transfers || []).length;
    if (people) message += "; " + people + (people === 1 ? " person" : " people");
    if (transfers) message += "; " + transfers + " arms transfer" + (transfers === 1 ? "" : "s");
    if (coded.stored) message += coded.stored.new ? "; stored." : "; already in the database.";
    return message;
  }

  function show(coded) {
    result.hidden = false;
    document.getElementById("event-count").textContent = "(" + coded.events.length + ")";
    D.showCoded(D.codedNodes(), coded);
    D.setStatus(status, summary(coded), "ok");
    if (coded.stored) {
      status.append(" ", D.el("a", { href: coded.stored.url, id: "stored-link" }, "open the stored article"));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    D.setStatus(status, "Coding…");
    try {
      show(await send());
    } catch (err) {
      D.setStatus(status, err.message, "error");
    } finally {
      submit.disabled = false;
    }
  });
  file.addEventListener("change", fileChanged);
  clearFile.addEventListener("click", () => {
    file.value = "";
    fileChanged();
  });
})(window.detente);
