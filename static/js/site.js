// The little JavaScript the reader site needs: pausing the ticker, the
// copy-link button and the most-read beacon. Everything works without it.
(function () {
  "use strict";

  // Pixels a second: slow enough to read a headline as it passes.
  const TICKER_SPEED = 50;

  function setUpTicker(ticker) {
    // Readers who asked for less motion keep the still list the page has.
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      return;
    }
    const button = ticker.querySelector("[data-ticker-toggle]");
    const viewport = ticker.querySelector(".ticker-viewport");
    const list = ticker.querySelector(".ticker-items");
    ticker.classList.add("ticker--animated");
    const width = list.getBoundingClientRect().width;
    if (width <= viewport.clientWidth) {
      // Everything fits on one line: nothing to scroll.
      ticker.classList.remove("ticker--animated");
      return;
    }
    // A copy after the items, hidden from screen readers and the keyboard,
    // lets the strip move by half its width and start again without a jump.
    Array.from(list.children).forEach(function (item) {
      const copy = item.cloneNode(true);
      copy.classList.add("ticker-item--copy");
      copy.setAttribute("aria-hidden", "true");
      copy.querySelectorAll("a").forEach(function (link) { link.tabIndex = -1; });
      list.appendChild(copy);
    });
    list.style.animationDuration = Math.round(width / TICKER_SPEED) + "s";
    function setPaused(paused) {
      ticker.classList.toggle("ticker--paused", paused);
      // The page gives the labels in its own language.
      button.textContent = paused
        ? button.dataset.labelPlay || "Play"
        : button.dataset.labelPause || "Pause";
    }
    setPaused(false);
    button.hidden = false;
    button.addEventListener("click", function () {
      setPaused(!ticker.classList.contains("ticker--paused"));
    });
    // Hovering or focusing a headline stops it moving under the pointer.
    ticker.addEventListener("focusin", function () { ticker.classList.add("ticker--holding"); });
    ticker.addEventListener("focusout", function () { ticker.classList.remove("ticker--holding"); });
  }

  function setUpCopyLink(button) {
    // The button only works with this script, so only this script shows it.
    button.closest("li").hidden = false;
    button.addEventListener("click", function () {
      const status = button.parentElement.querySelector(".share-copied");
      const done = function (text) { if (status) { status.textContent = text; } };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(button.dataset.copyLink)
          .then(function () { done(button.dataset.copiedText || "Link copied"); })
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
