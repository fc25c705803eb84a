// The article form keeps what is typed: it is autosaved, as the writer's own
// copy, a few seconds after they stop typing (and at least every few seconds
// while they keep going), and leaving the page with changes asks first.
// The server decides who may autosave; this only sends the form.
(function () {
  "use strict";

  const IDLE_MS = 2000;
  const MAX_WAIT_MS = 10000;
  const RETRY_MS = 5000;
  // A save pressed while an autosave is on its way waits for it, so the
  // autosave cannot land after the save and outlive it, but not for long.
  const SUBMIT_WAIT_MS = 3000;

  // What the writer typed: the form without its bookkeeping fields.
  function typed(form) {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    data.delete("_autosave");
    return new URLSearchParams(data).toString();
  }

  function csrfToken(form) {
    const field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    const status = document.querySelector("[data-autosave-url]");
    const form = status && status.closest("form");
    if (!form) {
      return;
    }
    const idField = form.querySelector("input[name=_autosave]");
    const opened = typed(form);
    let lastKept = opened;
    let timer = null;
    let firstChange = null;
    let inFlight = null;
    let submitting = false;
    let stopped = false;

    function show(text, conflict) {
      status.textContent = text || "";
      status.classList.toggle("newsroom-autosave-status--conflict", Boolean(conflict));
      if (conflict) {
        const detail = document.createElement("span");
        detail.className = "newsroom-autosave-conflict";
        detail.textContent = conflict;
        status.append(" ", detail);
      }
    }

    function later(ms) {
      clearTimeout(timer);
      timer = setTimeout(autosave, ms);
    }

    function changed() {
      if (stopped || submitting) {
        return;
      }
      const now = Date.now();
      if (firstChange === null) {
        firstChange = now;
      }
      later(Math.max(0, Math.min(IDLE_MS, firstChange + MAX_WAIT_MS - now)));
    }

    function autosave() {
      timer = null;
      if (stopped || submitting) {
        return;
      }
      if (inFlight) {
        later(IDLE_MS);
        return;
      }
      const snapshot = typed(form);
      firstChange = null;
      if (snapshot === lastKept) {
        return;
      }
      const body = new URLSearchParams(new FormData(form));
      inFlight = fetch(status.dataset.autosaveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) },
        body: body,
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () { return {}; })
            .then(function (data) {
              if (response.ok || response.status === 409) {
                lastKept = snapshot;
                if (idField && data.id) {
                  idField.value = data.id;
                }
                show(data.status, data.conflict);
              } else {
                stopped = true;
                show(data.error || status.dataset.refusedText);
              }
            });
        })
        .catch(function () {
          show(status.dataset.failedText);
          later(RETRY_MS);
        })
        .then(function () {
          inFlight = null;
        });
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // Inputs joined to the form from outside it (form="…"), such as the
    // note to the editor, count as typing too.
    document.addEventListener("input", function (event) {
      if (event.target.form === form && !form.contains(event.target)) {
        changed();
      }
    });

    form.addEventListener("submit", function (event) {
      if (inFlight && !submitting) {
        event.preventDefault();
        const submitter = event.submitter;
        const wait = new Promise(function (resolve) { setTimeout(resolve, SUBMIT_WAIT_MS); });
        Promise.race([inFlight, wait]).then(function () {
          inFlight = null;
          form.requestSubmit(submitter || undefined);
        });
        return;
      }
      submitting = true;
      clearTimeout(timer);
    });

    window.addEventListener("beforeunload", function (event) {
      if (submitting || typed(form) === opened) {
        return;
      }
      event.preventDefault();
      event.returnValue = "";
    });
  });
})();
