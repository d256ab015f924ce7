/*
 * The root 404.html in the language of the requested path (issue 20; handbook.site.reader_language).
 * A server (or the offline service worker) that answers /he/missing with the root page shows
 * Hebrew: language, direction, title and heading at once; then the body of /he/404.html (its
 * navigation, search box and footer) when it can be fetched, else the English navigation hidden
 * and a link to the language's home page.
 */
(function () {
  "use strict";

  var data = document.querySelector("[data-hb-not-found]");
  if (!data) return;
  var table = JSON.parse(data.textContent);
  var path = location.pathname;
  var rest = path.indexOf(table.base) === 0 ? path.slice(table.base.length) : path.replace(/^\/+/, "");
  var code = rest.split("/")[0];
  var entry = Object.prototype.hasOwnProperty.call(table.languages, code) ? table.languages[code] : null;
  if (!entry) return;

  function show(root, dir) {
    root.lang = code;
    root.dir = dir;
  }
  show(document.documentElement, entry.dir);
  show(document.body, entry.dir);
  document.title = entry.heading;
  var heading = document.querySelector(".md-content h1");
  if (heading) {
    heading.textContent = entry.heading;
    var home = document.createElement("p");
    var link = document.createElement("a");
    link.href = entry.home_url;
    link.textContent = entry.home;
    home.appendChild(link);
    heading.parentNode.insertBefore(home, heading.nextSibling);
  }
  // The default language's navigation, header title, search box and footer: out of sight until
  // the language's own page is in.
  var english = document.querySelectorAll(
    ".md-header__title, .md-header__option, .md-search, .md-sidebar, .md-footer, .md-skip, .md-tabs"
  );
  Array.prototype.forEach.call(english, function (element) { element.style.display = "none"; });

  fetch(entry.page, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var body = document.adoptNode(page.body);
      document.title = page.title || entry.heading;
      document.body.replaceWith(body);
      // The new body's own scripts do not run when moved in: start the handbook's again (the
      // search box and copy links bind to their elements when they load).
      Array.prototype.forEach.call(body.querySelectorAll("script[src*='handbook-']"), function (old) {
        var script = document.createElement("script");
        script.src = old.src;
        old.replaceWith(script);
      });
    })
    .catch(function () { /* offline and not cached: the translated heading and link stay */ });
})();
