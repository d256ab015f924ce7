// Copy-link buttons on headings (added by handbook.link_features.CopyLinkButtons).
// Copies the section's stable absolute URL and says so, in the page's language, next to the button.
(function () {
  "use strict";

  // Material fetches sitemap.xml beside each <link rel="alternate"> when the page is ready
  // (DOMContentLoaded, after this script), to map its language selector's links to pages. The
  // handbook's switcher links already name this page in each language (the click handler below
  // keeps Material's own out), so those sitemaps would be five downloads on every first visit, about
  // 0.5 MB each at 800 pages per language, never used; and with the public per-page alternates
  // they would not exist, or be on another host when the site is served from another address. For
  // that moment the alternates are not rel="alternate"; once Material has looked they are put back,
  // so the document keeps the public per-page alternates search engines read.
  (function hideAlternatesFromMaterial() {
    var hidden = [];
    document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
      hidden.push(link);
      link.setAttribute("rel", "hb-alternate");
    });
    document.addEventListener("DOMContentLoaded", function () {
      hidden.forEach(function (link) { link.setAttribute("rel", "alternate"); });
    }, { once: true });
  })();

  function copyWithSelection(text) {
    // For pages served over plain http on an intranet, where navigator.clipboard is unavailable.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function statusFor(button) {
    var next = button.nextElementSibling;
    if (next && next.classList.contains("hb-copy-feedback")) {
      return next;
    }
    var status = document.createElement("span");
    status.className = "hb-copy-feedback";
    status.setAttribute("role", "status");
    status.setAttribute("data-pagefind-ignore", "");
    status.lang = button.lang;
    button.after(status);
    return status;
  }

  function show(button, copied) {
    var status = statusFor(button);
    var message = copied ? button.dataset.hbCopied : button.dataset.hbFailed;
    button.classList.toggle("hb-copy-link--done", copied);
    status.classList.toggle("hb-copy-feedback--failed", !copied);
    // A live region announces changes made after it exists: write the text on the next tick.
    window.setTimeout(function () { status.textContent = message; }, 50);
    window.clearTimeout(button.hbTimer);
    button.hbTimer = window.setTimeout(function () {
      status.textContent = "";
      button.classList.remove("hb-copy-link--done");
    }, copied ? 3000 : 15000);
  }

  // Language switcher: follow the link static-i18n wrote (this page in the other language).
  // Material's own handler looks pages up in a sitemap next to each <link rel="alternate">, which
  // it expects to be a language root; with per-page hreflang alternates it finds nothing and goes
  // to the page URL without its trailing slash, which strict static hosts answer with a 404.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (link && !event.metaKey && !event.ctrlKey) {
      event.stopPropagation();
      // Remembered for the language-neutral addresses /go/<id>/ (handbook-go.js).
      try {
        window.localStorage.setItem("handbook.lang", link.getAttribute("hreflang"));
      } catch (error) {
        // storage blocked: /go/ links then follow the browser's languages
      }
    }
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest(".hb-copy-link") : null;
    if (!target) {
      return;
    }
    event.preventDefault();
    copy(target.dataset.hbUrl).then(function (copied) { show(target, copied); });
  });
})();
