/*
 * Right-to-left pages (Hebrew, Arabic): Latin runs in text the scripts draw at run time (search
 * results and their excerpts) are isolated with <bdi>, by the rule handbook.site.bidi applies to
 * the built pages: a run starts and ends with a left-to-right letter and holds no right-to-left
 * one; a full stop after its last letter belongs to it when a space (not a line break) and more
 * text follow in the same block; a number joins it only as the number of a short unit ("5 km") or after a currency
 * code ("USD 5"); URLs are left alone. tests/data/bidi/runs.yml holds the cases both implement.
 * Loaded on Hebrew and Arabic pages only (overrides/main.html).
 */
(function () {
  "use strict";

  var RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
  var LETTER = /\p{L}/u;
  var URL = /(?:https?:\/\/|mailto:|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.-]+/gi;
  var NUMBER_BEFORE = /(\d[\d.,\u00a0\u202f]*)[ \u00a0\u202f]?$/;
  var NUMBER_AFTER = /^[ \u00a0\u202f](\d[\d.,\u00a0\u202f]*\d|\d)/;
  var UNIT = /^[A-Za-z]{1,3}$/;
  var CURRENCY_CODE = /^[A-Z]{3}$/;
  var UNTOUCHED = { CODE: 1, PRE: 1, KBD: 1, SAMP: 1, SCRIPT: 1, STYLE: 1, BDI: 1, BDO: 1, SVG: 1 };

  function strong(ch) {
    if (RTL.test(ch)) return "R";
    return LETTER.test(ch) ? "L" : null;
  }

  /* [start, end) spans of `text` to isolate; `following` is the block's text after it. */
  function runs(text, following) {
    var chars = Array.from(text);  // code points, as Python indexes them
    var blocked = chars.map(function () { return false; });
    var flat = chars.join("");
    var match;
    URL.lastIndex = 0;
    while ((match = URL.exec(flat)) !== null) {
      var from = Array.from(flat.slice(0, match.index)).length;
      var length = Array.from(match[0]).length;
      for (var b = from; b < from + length; b++) blocked[b] = true;
    }
    var spans = [];
    var i = 0;
    var n = chars.length;
    while (i < n) {
      if (blocked[i] || strong(chars[i]) !== "L") { i++; continue; }
      var start = i;
      var end = i + 1;
      for (var k = i + 1; k < n && !blocked[k]; k++) {
        var kind = strong(chars[k]);
        if (kind === "R") break;
        if (kind === "L") end = k + 1;
      }
      var rest = chars.slice(end + 1).join("") + (following || "");
      if (end < n && chars[end] === "." && /^[ \t\u00a0]+\S/.test(rest)) end++;
      var word = chars.slice(start, end).join("");
      var number = NUMBER_BEFORE.exec(chars.slice(0, start).join(""));
      if (number && UNIT.test(word)) {
        start -= Array.from(number[0]).length;
      } else if (CURRENCY_CODE.test(word)) {
        var after = NUMBER_AFTER.exec(chars.slice(end).join(""));
        if (after) end += Array.from(after[0]).length;
      }
      spans.push([start, end]);
      i = end;
    }
    return spans;
  }

  function textNodes(root) {
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var up = node.parentNode; up && up !== root.parentNode; up = up.parentNode) {
          if (UNTOUCHED[up.nodeName.toUpperCase()]) return NodeFilter.FILTER_REJECT;
          if (up.nodeType === 1 && (up.getAttribute("dir") === "ltr" || up.getAttribute("lang") === "en")) {
            return NodeFilter.FILTER_REJECT;
          }
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  /* Wrap every Latin run in the text under `root` (one block: a title or an excerpt) in <bdi>. */
  function isolate(root) {
    var nodes = textNodes(root);
    nodes.forEach(function (node, index) {
      var text = node.data;
      var following = "";
      for (var next = index + 1; next < nodes.length; next++) {
        following += nodes[next].data;
        if (/\S/.test(nodes[next].data)) break;
      }
      var spans = runs(text, following);
      if (!spans.length) return;
      var chars = Array.from(text);
      var fragment = document.createDocumentFragment();
      var last = 0;
      spans.forEach(function (span) {
        if (span[0] > last) fragment.appendChild(document.createTextNode(chars.slice(last, span[0]).join("")));
        var bdi = document.createElement("bdi");
        bdi.textContent = chars.slice(span[0], span[1]).join("");
        fragment.appendChild(bdi);
        last = span[1];
      });
      if (last < chars.length) fragment.appendChild(document.createTextNode(chars.slice(last).join("")));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  window.handbookBidi = { runs: runs, isolate: isolate };
})();
