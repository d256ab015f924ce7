// A language-neutral address, /go/<id>/ (handbook.site.neutral_links): open the page in the
// reader's language, keeping the #anchor. The language the reader last chose in the switcher
// (localStorage "handbook.lang", set by handbook-links.js), else the first of the browser's
// languages the handbook has, else the default language. Without JavaScript the page lists the
// page in every language.
(function () {
  "use strict";
  var list = document.getElementById("hb-go");
  if (!list) {
    return;
  }
  var pages = {};
  list.querySelectorAll("a[hreflang]").forEach(function (link) {
    pages[link.getAttribute("hreflang").toLowerCase()] = link.href;
  });
  function known(tag) {
    if (!tag) {
      return null;
    }
    var code = String(tag).toLowerCase();
    if (pages[code]) {
      return code;
    }
    code = code.split("-")[0];
    return pages[code] ? code : null;
  }
  var chosen = null;
  try {
    chosen = known(window.localStorage.getItem("handbook.lang"));
  } catch (error) {
    chosen = null; // storage blocked: fall back to the browser's languages
  }
  var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (var i = 0; !chosen && i < preferred.length; i += 1) {
    chosen = known(preferred[i]);
  }
  chosen = chosen || known(list.dataset.hbDefault);
  if (chosen) {
    // The query too: an onboarding path's place (?hb-path=…&hb-step=…, handbook-paths.js).
    window.location.replace(pages[chosen] + window.location.search + window.location.hash);
  }
})();
