/*
 * The root 404.html in the language of the requested path (issue 20; handbook.site.reader_language).
 * A server (or the offline service worker) that answers /he/missing with the root page shows
 * Hebrew: language, direction, title, heading and a link home at once (nothing of the default
 * language's page kept); then the body of /he/404.html (its navigation, search box and footer)
 * when it can be fetched.
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
  // Until the language's own page is in (or if it cannot be fetched): only the heading and a link
  // home, in the language, in the theme's layout (the default language's header, navigation and
  // footer would be English).
  function element(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }
  var heading = element("h1");
  heading.textContent = entry.heading;
  var link = element("a");
  link.href = entry.home_url;
  link.textContent = entry.home;
  var article = element("article", "md-content__inner md-typeset", [heading, element("p", null, [link])]);
  var main = element("main", "md-main", [
    element("div", "md-main__inner md-grid", [element("div", "md-content", [article])]),
  ]);
  document.body.replaceChildren(element("div", "md-container", [main]));

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
