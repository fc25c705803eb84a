// The little JavaScript the reader site needs: pausing the ticker, the
// copy-link button and the most-read beacon. Everything works without it.
(function () {
  "use strict";

  function setUpTicker(ticker) {
    const button = ticker.querySelector("[data-ticker-toggle]");
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
    function setPaused(paused) {
      ticker.classList.toggle("ticker--paused", paused);
      button.setAttribute("aria-pressed", String(paused));
      button.textContent = paused ? "Play" : "Pause";
    }
    ticker.classList.add("ticker--animated");
    setPaused(reduced.matches);
    button.addEventListener("click", function () {
      setPaused(!ticker.classList.contains("ticker--paused"));
    });
    // Hovering or focusing a headline stops it moving under the pointer.
    ticker.addEventListener("focusin", function () { ticker.classList.add("ticker--holding"); });
    ticker.addEventListener("focusout", function () { ticker.classList.remove("ticker--holding"); });
  }

  function setUpCopyLink(button) {
    button.addEventListener("click", function () {
      const status = button.parentElement.querySelector(".share-copied");
      const done = function (text) { if (status) { status.textContent = text; } };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(button.dataset.copyLink)
          .then(function () { done("Link copied"); })
          .catch(function () { done(button.dataset.copyLink); });
      } else {
        done(button.dataset.copyLink);
      }
    });
  }

  function sendReadBeacon(article) {
    const url = article.dataset.readBeacon;
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else {
      fetch(url, { method: "POST", keepalive: true }).catch(function () {});
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-ticker]").forEach(setUpTicker);
    document.querySelectorAll("[data-copy-link]").forEach(setUpCopyLink);
    document.querySelectorAll("[data-read-beacon]").forEach(sendReadBeacon);
  });
})();
