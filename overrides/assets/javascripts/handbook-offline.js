/*
 * Offline reading (issue 20), the page's side: once the page has loaded (not before: the first view
 * stays fast), register the site's service worker (sw.js at the site root) and, a moment later and
 * not during a search, ask it to save this page's language; say so when it is saved, and offer
 * "updated, reload" when a new build's worker is ready. Where service workers are unavailable
 * (file://, plain HTTP, blocked) nothing happens.
 */
(function () {
  "use strict";

  var data = document.querySelector("script[data-hb-offline]");
  // the site's root, as handbook-search.js reads it (the theme includes that script before this one)
  var shared = window.handbookSearch;
  var container;
  try {
    container = navigator.serviceWorker;
  } catch (error) {
    return; // storage blocked: some browsers throw on the property itself
  }
  if (!data || !shared || !container || !window.isSecureContext) return;
  var strings = JSON.parse(data.textContent);
  var lang = document.documentElement.lang.split("-")[0];
  var reloading = false;

  /* The small status line under the footer's navigation: "saved for offline reading". */
  function showSaved() {
    if (document.querySelector("[data-hb-offline-saved]")) return;
    var status = document.createElement("p");
    status.className = "hb-offline-status";
    status.setAttribute("data-hb-offline-saved", "");
    status.setAttribute("role", "status");
    status.textContent = strings.saved;
    var footer = document.querySelector(".md-footer-meta__inner") || document.body;
    footer.appendChild(status);
  }

  /* The bar offering the new build: its button asks the waiting worker to take over, then reloads. */
  function offerUpdate(waiting) {
    if (document.querySelector("[data-hb-offline-update]")) return;
    var bar = document.createElement("div");
    bar.className = "hb-offline-update";
    bar.setAttribute("data-hb-offline-update", "");
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = strings.updated;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = strings.reload;
    button.addEventListener("click", function () {
      reloading = true;
      button.disabled = true;
      waiting.postMessage({ type: "skip-waiting" });
    });
    bar.appendChild(text);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(button);
    document.body.appendChild(bar);
  }

  function watchUpdates(registration) {
    if (registration.waiting && container.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", function () {
        if (installing.state === "installed" && container.controller) offerUpdate(installing);
      });
    });
  }

  /* Saving fetches the language's pages and search files (about 2 MB): it waits until the page has
   * been open for SAVE_DELAY ms and no search is under way (a query typed whose results are not yet
   * shown), so a reader who searches as soon as the page opens gets the network and CPU first. */
  var SAVE_DELAY = 2000;

  function whenNotSearching(then) {
    var box = document.querySelector("[data-hb-search]");
    var input = box && box.querySelector("[data-hb-search-query]");
    var waited = 0;
    function searching() {
      return Boolean(input && input.value.trim()) && box.getAttribute("data-hb-search-done") !== input.value;
    }
    setTimeout(function check() {
      if (searching() && waited < 20000) {
        waited += 500; // a search that never finishes (an error shown) holds saving back 20 s at most
        setTimeout(check, 500);
      } else {
        then();
      }
    }, SAVE_DELAY);
  }

  function start() {
    var root = shared.siteRoot();
    container.addEventListener("message", function (event) {
      if (event.data && event.data.type === "saved" && event.data.lang === lang) showSaved();
    });
    container.addEventListener("controllerchange", function () {
      if (reloading) window.location.reload();
    });
    container
      .register(new URL("sw.js", root).href, { scope: root.href })
      .then(function (registration) {
        watchUpdates(registration);
        return container.ready;
      })
      .then(function (registration) {
        var worker = registration.active;
        if (worker) whenNotSearching(function () { worker.postMessage({ type: "save", lang: lang }); });
      })
      .catch(function () {
        return undefined; // refused (blocked, file://): the site works as before, online only
      });
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
