// Keeps the "also open by" notice of the article form up to date. It only
// informs: nothing here blocks a save.
(function () {
  "use strict";

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function ping(box, leave) {
    const body = new URLSearchParams();
    if (leave) {
      body.set("leave", "1");
    }
    return fetch(box.dataset.presenceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      body: body,
      keepalive: Boolean(leave),
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) {
          return;
        }
        const others = box.querySelector(".presence-others");
        box.querySelector(".presence-names").textContent = data.others.join(", ");
        others.hidden = data.others.length === 0;
      })
      .catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    const box = document.querySelector("[data-presence-url]");
    if (!box) {
      return;
    }
    const seconds = parseInt(box.dataset.presenceInterval, 10) || 20;
    setInterval(function () { ping(box, false); }, seconds * 1000);
    window.addEventListener("pagehide", function () { ping(box, true); });
  });
})();
