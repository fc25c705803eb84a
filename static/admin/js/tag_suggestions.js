// Suggests existing tags under the comma-separated tag field, so journalists
// reuse "Caspian" instead of inventing "caspian sea" and "Caspian Sea".
(function () {
  "use strict";

  function currentTerm(value) {
    const parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function replaceTerm(value, tag) {
    const parts = value.split(",");
    parts[parts.length - 1] = " " + (tag.includes(" ") ? '"' + tag + '"' : tag);
    return parts.join(",").replace(/^\s+/, "") + ", ";
  }

  function attach(input) {
    const list = document.createElement("ul");
    list.className = "tag-suggestions";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.insertAdjacentElement("afterend", list);
    let timer = null;

    function choose(tag) {
      input.value = replaceTerm(input.value, tag);
      list.hidden = true;
      input.focus();
    }

    function show(results) {
      list.replaceChildren();
      results.forEach(function (tag) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.tabIndex = -1;
        item.textContent = tag;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(tag);
        });
        item.addEventListener("keydown", function (event) {
          if (event.key === "Enter") {
            event.preventDefault();
            choose(tag);
          }
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const term = currentTerm(input.value);
      if (term.length < 2) {
        list.hidden = true;
        return;
      }
      timer = setTimeout(function () {
        const url = input.dataset.tagSuggestions + "?q=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { show(data.results); })
          .catch(function () { list.hidden = true; });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !list.hidden && list.firstChild) {
        event.preventDefault();
        list.firstChild.focus();
      }
      if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (!list.contains(document.activeElement)) {
          list.hidden = true;
        }
      }, 100);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-suggestions]").forEach(attach);
  });
})();
