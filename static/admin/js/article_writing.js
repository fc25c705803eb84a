// Counts for the writer, updated as they type: characters in the headline
// and the SEO title (search results cut a longer line), and the body's words
// and reading time. Counting only: nothing here changes what is saved.
(function () {
  "use strict";

  // Words a reader gets through in a minute, the usual figure for news.
  const WORDS_PER_MINUTE = 200;

  // The admin's JavaScript catalog (jsi18n) translates, when it is loaded.
  const ngettext =
    window.ngettext ||
    function (singular, plural, n) {
      return n === 1 ? singular : plural;
    };
  const interpolate =
    window.interpolate ||
    function (format, values) {
      return format.replace(/%\((\w+)\)s/g, function (_, name) {
        return String(values[name]);
      });
    };

  function characters(text) {
    // Counted as readers see them: an emoji or an accented letter is one.
    return Array.from(text).length;
  }

  function words(text) {
    const found = text.trim().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
    return found ? found.length : 0;
  }

  function countCharacters(input) {
    const advice = parseInt(input.dataset.countAdvice, 10) || 0;
    const output = document.createElement("p");
    output.className = "newsroom-char-count";
    output.id = `${input.id}_count`;
    output.setAttribute("aria-live", "polite");
    const describedBy = input.getAttribute("aria-describedby");
    input.setAttribute(
      "aria-describedby",
      describedBy ? `${describedBy} ${output.id}` : output.id,
    );
    const update = function () {
      const n = characters(input.value);
      const max = input.maxLength > 0 ? input.maxLength : null;
      let text = interpolate(
        ngettext("%(n)s character", "%(n)s characters", n),
        { n: n },
        true,
      );
      if (advice && n > advice) {
        text += ` · ${interpolate("search results show about %(advice)s", { advice: advice }, true)}`;
      } else if (max) {
        text += ` ${interpolate("of %(max)s", { max: max }, true)}`;
      }
      output.textContent = text;
      output.classList.toggle("newsroom-char-count--over", advice > 0 && n > advice);
    };
    input.insertAdjacentElement("afterend", output);
    input.addEventListener("input", update);
    if (input.tagName === "TEXTAREA") {
      // A headline wraps in its box but is one line: Enter does not break it.
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
    }
    update();
  }

  function countWords(body, row) {
    const output = document.createElement("p");
    output.className = "newsroom-wordcount";
    output.setAttribute("aria-live", "polite");
    let timer = null;
    const update = function () {
      timer = null;
      const n = words(body.innerText || body.textContent || "");
      const minutes = Math.max(1, Math.round(n / WORDS_PER_MINUTE));
      const counted = interpolate(
        ngettext("%(n)s word", "%(n)s words", n),
        { n: n.toLocaleString("en-GB") },
        true,
      );
      output.textContent =
        n === 0
          ? counted
          : `${counted} · ${interpolate("%(minutes)s min read", { minutes: minutes }, true)}`;
    };
    // Beside the field's label, where the writer starts, not 20,000
    // characters further down.
    const label = row.querySelector("label");
    if (label) {
      label.insertAdjacentElement("afterend", output);
    } else {
      row.prepend(output);
    }
    // Counting a long piece on every key would slow typing down.
    const later = function () {
      if (timer === null) {
        timer = window.setTimeout(update, 300);
      }
    };
    new MutationObserver(later).observe(body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    update();
  }

  function bodyEditor(row, tries) {
    // The prose editor builds itself after the page loads.
    const body = row.querySelector("[contenteditable=true], .article-body-read");
    if (body) {
      countWords(body, row);
    } else if (tries > 0) {
      window.setTimeout(function () {
        bodyEditor(row, tries - 1);
      }, 100);
    }
  }

  // On a new piece the admin focuses the form's first control, which is the
  // Save button at the top: the writer's first keys belong in the headline.
  window.addEventListener("load", function () {
    const constants = document.getElementById("django-admin-form-add-constants");
    const headline = document.getElementById("id_headline");
    const focused = document.activeElement;
    if (
      constants &&
      constants.dataset.modelName &&
      headline &&
      (!focused || focused === document.body || focused.type === "submit")
    ) {
      headline.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-count-chars]").forEach(countCharacters);
    const row = document.querySelector(".form-row.field-body, .form-row.field-body_as_read");
    if (row) {
      bodyEditor(row, 50);
    }
  });
})();
