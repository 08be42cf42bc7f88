// Live progress of an import batch: polls the batch's JSON endpoint and
// reloads the page once when the batch finishes, to show every outcome.
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("import-progress");
    if (!box || box.dataset.finished === "true") {
      return;
    }
    var bar = box.querySelector("progress");
    var text = box.querySelector(".import-progress-text");
    var status = box.querySelector(".import-progress-status");

    function poll() {
      fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (data) {
          bar.max = data.total;
          bar.value = data.processed;
          text.textContent = data.progress_text;  // in the reader's language
          status.textContent = data.status_label;
          if (data.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1500);
          }
        })
        .catch(function () {
          window.setTimeout(poll, 5000);
        });
    }
    window.setTimeout(poll, 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
