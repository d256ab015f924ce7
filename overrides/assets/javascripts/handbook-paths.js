// The onboarding path bar (handbook.site.journey, issue 23): on a page opened from a path, a bar at
// the top in the reader's language, "Your first shift · 2 of 8 · Next: … → · Back to the list",
// and the footer's Next follows the path. Where the reader is comes from the address
// (?hb-path=<id>&hb-step=<n>, which the path page's links carry and /go/ links pass on), else from
// the tab's sessionStorage (kept while the reader follows the bar's links or comes back): no server.
(function () {
  "use strict";
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showPathBar, { once: true });
  } else {
    showPathBar();
  }
})();

function showPathBar() {
  "use strict";
  var block = document.getElementById("hb-paths");
  if (!block) {
    return;
  }
  var data;
  try {
    data = JSON.parse(block.textContent);
  } catch (error) {
    return;
  }
  var KEY = "handbook.path";
  var params = new URLSearchParams(window.location.search);
  var state = null;
  if (params.get("hb-path")) {
    state = { path: params.get("hb-path"), step: parseInt(params.get("hb-step"), 10) || 1 };
  } else {
    try {
      state = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    } catch (error) {
      state = null;
    }
  }
  if (!state) {
    return;
  }
  var path = null;
  data.paths.forEach(function (candidate) {
    if (candidate.id === state.path) {
      path = candidate;
    }
  });
  if (!path || !path.steps.length) {
    return;
  }
  // The step on this page: the one asked for, else the nearest step of the path that is this page
  // (a reader who came back, or used the language switcher); none: the reader left the path.
  var index = -1;
  var wanted = state.step - 1;
  if (path.steps[wanted] && path.steps[wanted].page === data.page) {
    index = wanted;
  } else {
    var best = Infinity;
    path.steps.forEach(function (step, i) {
      if (step.page === data.page && Math.abs(i - wanted) < best) {
        best = Math.abs(i - wanted);
        index = i;
      }
    });
  }
  if (index < 0) {
    return;
  }
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ path: path.id, step: index + 1 }));
  } catch (error) {
    // storage blocked: the address still carries the path
  }

  function withStep(url, number) {
    var hash = "";
    var at = url.indexOf("#");
    if (at >= 0) {
      hash = url.slice(at);
      url = url.slice(0, at);
    }
    return url + "?hb-path=" + encodeURIComponent(path.id) + "&hb-step=" + number + hash;
  }

  function text(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  var strings = data.strings;
  var bar = document.createElement("nav");
  bar.className = "hb-path-bar";
  bar.setAttribute("aria-label", strings.bar_label);
  bar.setAttribute("data-pagefind-ignore", "");
  var title = document.createElement("a");
  title.className = "hb-path-bar__title";
  title.href = path.url;
  title.textContent = path.title;
  var position = document.createElement("span");
  position.className = "hb-path-bar__position";
  position.textContent = text(strings.bar_position, { current: index + 1, total: path.steps.length });
  var parts = [title, position];
  var next = path.steps[index + 1];
  if (next) {
    var nextLink = document.createElement("a");
    nextLink.className = "hb-path-bar__next";
    nextLink.rel = "next";
    nextLink.href = withStep(next.url, index + 2);
    nextLink.textContent = text(strings.bar_next, { title: next.title });
    parts.push(nextLink);
  }
  var back = document.createElement("a");
  back.className = "hb-path-bar__back";
  back.href = path.url;
  back.textContent = strings.bar_back;
  parts.push(back);
  parts.forEach(function (part, i) {
    if (i) {
      var dot = document.createElement("span");
      dot.className = "hb-path-bar__sep";
      dot.setAttribute("aria-hidden", "true");
      dot.textContent = " · ";
      bar.appendChild(dot);
    }
    bar.appendChild(part);
  });
  // Just above what this step asks to read: the linked section (the browser has scrolled to it),
  // else the top of the article.
  var article = document.querySelector(".md-content__inner");
  var target = null;
  try {
    target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
  } catch (error) {
    target = null;
  }
  if (target && article && article.contains(target)) {
    target.parentNode.insertBefore(bar, target);
    // The browser scrolls to the #section once the page has loaded: leave room above the heading
    // for the bar, so it lands in view without a scroll back up (which would raise Material's
    // "Back to top" button over it).
    var header = document.querySelector(".md-header");
    target.style.scrollMarginTop = (bar.offsetHeight + (header ? header.offsetHeight : 0) + 48) + "px";
    var reveal = function () {
      if (bar.getBoundingClientRect().top < 0) {
        target.scrollIntoView({ block: "start" });
      }
    };
    if (document.readyState === "complete") {
      reveal();
    } else {
      window.addEventListener("load", function () {
        window.setTimeout(reveal, 0);
      }, { once: true });
    }
  } else if (article) {
    article.insertBefore(bar, article.firstChild);
  }
  // The footer's Next follows the path, not the menu.
  var footerNext = document.querySelector(".md-footer__link--next");
  if (footerNext && next) {
    footerNext.href = withStep(next.url, index + 2);
    footerNext.setAttribute("aria-label", text(strings.bar_next, { title: next.title }).replace(/\s*[→←]\s*$/, ""));
    var label = footerNext.querySelector(".md-footer__title .md-ellipsis");
    if (label) {
      label.textContent = next.title;
    }
  } else if (footerNext) {
    footerNext.href = path.url;
    footerNext.setAttribute("aria-label", strings.bar_back);
    var backLabel = footerNext.querySelector(".md-footer__title .md-ellipsis");
    if (backLabel) {
      backLabel.textContent = path.title;
    }
  }
}
