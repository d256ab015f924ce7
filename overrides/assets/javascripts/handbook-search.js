/*
 * Handbook search (issue 7): Material's header search box, served by the Pagefind index of the
 * page's own language (Pagefind picks it from <html lang>), with results in Material's markup.
 *
 * Hebrew and Arabic words carry prefixes Pagefind cannot see through, and Pagefind keeps Thai
 * compounds whole. `handbook build` indexes prefix-stripped stems and Thai inner words as
 * index-only tokens between U+2063 and U+2064 (see scripts/handbook/search.py); this script
 * searches the query's stems too, picks excerpts by the words a reader sees and removes those
 * tokens from excerpts and titles. `stemVariants` mirrors `handbook.search.stem_variants` exactly; both are
 * tested against tests/data/search/normalise_cases.yml.
 */
(function () {
  "use strict";

  var MIN_STEM = 3;
  var MAX_PREFIX = 5;
  var MAX_QUERIES = 12;
  var BATCH = 10; // results rendered at a time; more as the reader scrolls or arrows down (as Material)
  var PREFIX_GRAMMAR = {
    he: /^ו?(?:ש|כש|מש)?[בכלמ]?ה?$/u,
    ar: /^[وف]?(?:[بكل]?(?:ال)?|لل|هال|عال)$/u,
  };

  /* The word without diacritics or tatweel (Thai marks kept), as handbook.site.search_tokens.fold. */
  function fold(word) {
    // Thai vowel and tone marks are letters of the word: they stay.
    return word.normalize("NFD").replace(/(?![\u0E00-\u0E7F])\p{M}/gu, "").replace(/\u0640/g, "");
  }

  /* Two forms of one word by their ending (доверять, доверяю; trusted, trust): sharing their first
   * five letters and all but the last two of the shorter one (правила, rules, is not правда, true). */
  function sameStem(a, b) {
    return sameStart(a, b, 5, Math.min);
  }

  /* Whether `a` and `b` share their first max(least, length(a, b) - 2) letters (length: Math.min or Math.max of theirs). */
  function sameStart(a, b, least, length) {
    var x = Array.from(a), y = Array.from(b);
    var shared = Math.max(least, length(x.length, y.length) - 2);
    if (x.length < shared || y.length < shared) return false;
    for (var at = 0; at < shared; at++) if (x[at] !== y[at]) return false;
    return true;
  }

  /* Every reading of `word` with a valid prefix run removed, longest stem first. */
  function stemVariants(word, lang) {
    var grammar = PREFIX_GRAMMAR[lang];
    if (!grammar) return [];
    var folded = Array.from(fold(word));
    var variants = [];
    var last = Math.min(MAX_PREFIX, folded.length - MIN_STEM);
    for (var cut = 1; cut <= last; cut++) {
      if (grammar.test(folded.slice(0, cut).join(""))) variants.push(folded.slice(cut).join(""));
    }
    return variants;
  }

  /*
   * A Hebrew or Arabic query word (or prefix-free stem) as searched: a sound plural's ending off
   * (Hebrew ים/ות, Arabic ات; at least 3 letters left), so the plural reaches its singular:
   * Pagefind matches a query word as the start of index words, so the shorter form still finds
   * every page the typed one did (מאמרים: 3 of מאמר's 20 pages; منتجات: 1 of منتج's 3). A Hebrew
   * word of 3 letters or more in a final letter is searched with the ordinary one (מלך as מלכ, as
   * handbook.site.search_tokens.open_ending indexes it beside the word): one search finds the
   * singular and its plural (מלכים), and the plural's stem its singular (נאמנים, נאמן). Arabic final
   * ى is typed for ي (حقيقى, the pages' حقيقي). No extra search: it replaces the typed form.
   */
  var SOUND_PLURAL = { he: /^(.{3,}?)(ים|ות)$/u, ar: /^(.{3,}?)ات$/u };
  var FINAL_LETTERS = { "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ" };

  /* A Hebrew word with its final letter opened, as the index holds it (open_ending: not a sound plural in ים). */
  function openEnding(word, lang) {
    var letters = Array.from(word);
    var last = letters[letters.length - 1];
    if (lang !== "he" || letters.length < MIN_STEM || !FINAL_LETTERS[last] || /^.{3,}ים$/u.test(word)) return word;
    return letters.slice(0, -1).join("") + FINAL_LETTERS[last];
  }

  function searchForm(word, lang) {
    var found = SOUND_PLURAL[lang] && SOUND_PLURAL[lang].exec(word);
    if (found) word = found[1];
    return lang === "ar" ? word.replace(/ى$/u, "ي") : openEnding(word, lang);
  }

  /* The query as typed, then its readings with prefixes removed (at most MAX_QUERIES in all). */
  function queryVariants(query, lang) {
    var words = query.trim().split(/\s+/).filter(Boolean);
    var combos = [[]];
    words.forEach(function (word) {
      var choices = [word].concat(stemVariants(word, lang));
      var next = [];
      combos.forEach(function (combo) {
        choices.forEach(function (choice) {
          if (next.length < MAX_QUERIES) next.push(combo.concat([choice]));
        });
      });
      combos = next;
    });
    var seen = {};
    return combos
      .map(function (combo) { return combo.join(" "); })
      .filter(function (text) {
        if (!text || seen[text]) return false;
        seen[text] = true;
        return true;
      });
  }

  /* Index-only tokens as they appear in Pagefind's text: a space, the marks, maybe <mark> around. */
  var INDEX_ONLY = /[ \u200B]*(<mark>)?\u2063([^\u2064]*)\u2064(<\/mark>)?/g;

  /* Plain text (titles) without index-only tokens. */
  function cleanText(text) {
    return String(text || "").replace(/[ \u200B]*\u2063[^\u2064]*\u2064/g, "");
  }

  var LETTER = /[\p{L}\p{M}]/u;

  /* The text nodes under `root` that `keep` accepts (collected first: marking splits them). */
  function textNodes(root, keep) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      if (keep(walker.currentNode)) nodes.push(walker.currentNode);
    }
    return nodes;
  }

  /* Where the run of letters that ends at `at` in `text` starts. */
  function wordStart(text, at) {
    while (at > 0 && LETTER.test(text.charAt(at - 1))) at--;
    return at;
  }

  /* Puts the text node `node` inside a new <mark>. */
  function wrapInMark(node) {
    var mark = document.createElement("mark");
    node.parentNode.replaceChild(mark, node);
    mark.appendChild(node);
  }

  /*
   * Wraps `token` in <mark> wherever it appears in `root`'s text outside existing marks; with
   * `wholeWord`, the whole word around it (ש<mark>הלקוח</mark> would split a word; Arabic letters
   * must stay joined), for Thai just the letters (its words are not separated).
   */
  function highlight(root, token, wholeWord, skip) {
    var avoid = "mark" + (skip ? ", " + skip : "");
    textNodes(root, function (node) { return !node.parentNode.closest(avoid); }).forEach(function (node) {
      var at = node.data.indexOf(token);
      while (at !== -1) {
        var start = at;
        var end = at + token.length;
        if (wholeWord) {
          start = wordStart(node.data, start);
          while (end < node.data.length && LETTER.test(node.data.charAt(end))) end++;
        }
        var hit = node.splitText(start);
        node = hit.splitText(end - start);
        wrapInMark(hit);
        at = node.data.indexOf(token);
      }
    });
  }

  var ANCHOR = "\uE000"; // where a marked Hebrew/Arabic token stood, right after its word

  /* Marks the word just before each ANCHOR in `root` (unless it is marked), and drops the anchors. */
  function markAnchoredWords(root) {
    textNodes(root, function (node) { return node.data.indexOf(ANCHOR) !== -1; }).forEach(function (node) {
      var at = node.data.lastIndexOf(ANCHOR);
      while (at !== -1) {
        var rest = node.splitText(at);
        rest.data = rest.data.slice(1);
        var start = wordStart(node.data, at);
        if (start < at && !node.parentNode.closest("mark")) wrapInMark(node.splitText(start));
        at = node.data.lastIndexOf(ANCHOR);
      }
    });
  }

  /*
   * A Pagefind excerpt (escaped text + <mark>) without index-only tokens. When the hit was an
   * index-only token, the visible word is marked instead: in Hebrew and Arabic the whole word the
   * token follows (ש<mark>הלקוח</mark>, and <mark>المبادئ</mark> for the singular مبدأ), in Thai
   * the same letters inside the run (นม<mark>ถั่วเหลือง</mark>).
   */
  function cleanExcerpt(html, lang, content, headings, at) {
    var text = String(html || "");
    var lead = content ? excerptLead(text, content, lang, headings, at) : "";
    if (lead === INVISIBLE) return "";
    // Pagefind puts the space before an index-only token inside the <mark>: out with the token.
    text = text.replace(/[ \u200B]+<\/mark>(?=[ \u200B]*(?:<mark>)?\u2063)/g, "</mark>");
    // An excerpt may start or end inside an index-only token: close it at the edge.
    var firstEnd = text.indexOf("\u2064");
    var firstStart = text.indexOf("\u2063");
    if (firstEnd !== -1 && (firstStart === -1 || firstEnd < firstStart)) text = "\u2063" + text;
    if (text.lastIndexOf("\u2063") > text.lastIndexOf("\u2064")) text += "\u2064";
    var hits = [];
    var cleaned = text.replace(INDEX_ONLY, function (all, open, inner, close) {
      var tags = (open || "") + (inner.match(/<\/?mark>/g) || []).join("") + (close || "");
      var marked = tags.indexOf("<mark>") !== -1;
      if (marked) hits.push(inner.replace(/<[^>]*>|\s|\u200B/g, ""));
      return (marked && lang !== "th" ? ANCHOR : "") + tags.replace(/<mark><\/mark>/g, "");
    });
    // Marks left around nothing or punctuation only (the token's trailing "." or ",").
    cleaned = cleaned.replace(/<mark>([\s\p{P}]*)<\/mark>/gu, "$1");
    cleaned = cleaned.replace(/^[ \u200B]+/, "");
    if (lead === ELLIPSIS) cleaned = ELLIPSIS + " " + cleaned.replace(/^[\s\p{P}]+(?=\p{L})/u, "");
    else if (lead) cleaned = escapeText(lead) + cleaned;
    if (lang === "th" && content) cleaned = withoutAddedThaiSpaces(cleaned, content);
    if (!hits.length) return cleaned;
    var holder = document.createElement("div");
    holder.innerHTML = cleaned;
    markAnchoredWords(holder);
    hits
      .filter(Boolean)
      .sort(function (a, b) { return b.length - a.length; })
      .forEach(function (token) { highlight(holder, token, lang !== "th"); });
    return holder.innerHTML;
  }

  /*
   * Index-only words do not move excerpts (issue 22). Pagefind picks an excerpt as the window of
   * `excerptLength` words of the index copy that holds the most matches, counting every word there:
   * a synonym group's everyday words, indexed after each occurrence of its page word, can fill that
   * window, leaving a word or two a reader sees, and its start can sit anywhere. So the excerpts
   * are picked again here from the fragment's text, the way Pagefind picks them (the densest window,
   * its middle; within a section's words for a section) but counting only the words a reader sees:
   * a match on an index-only token counts for the word it follows. The excerpt keeps Pagefind's form
   * (words of the index text, matches in <mark>, index-only tokens after their words), so
   * cleanExcerpt cleans it as before. No new request: the fragment is the one Pagefind loaded.
   */
  var EXCERPT_WORDS = { th: 30 }; // words a reader sees in an excerpt (Thai: the indexer's pieces)
  var DEFAULT_EXCERPT_WORDS = 24;
  var SEEN_LETTER = /[\p{L}\p{N}]/u;
  var MARKS = /[\u2063\u2064]/;

  /*
   * The page's words as Pagefind cuts its text (`raw`, its raw_content: at U+200B where the indexer
   * segmented it, else at whitespace), where each starts in the fragment's `content` (U+200B taken
   * out, < and > not escaped), which of them a reader sees (a letter or digit outside
   * U+2063...U+2064), and for each word the number of the seen word it belongs to (the last one at
   * or before it; -1 for the summary and keywords blocks that open the text). Between spaces, the
   * rest of a word after an index-only token (customer's, интернет-магазин: the tokens follow
   * *customer* and *интернет*) belongs to the word: the shown text joins them again.
   */
  function pageWords(raw) {
    var zws = raw.indexOf("\u200B") !== -1;
    var parts = raw.split(zws ? /(\u200B)/ : /([\r\n\s]+)/);
    var words = [];
    var offsets = [];
    var offset = 0;
    parts.forEach(function (part, index) {
      if (index % 2 === 0) {
        words.push(part);
        offsets.push(offset);
        offset += part.replace(/&lt;|&gt;/g, "<").length;
      } else if (!zws) {
        offset += part.length;
      }
    });
    var seen = [];
    var owner = [];
    var inside = false;
    words.forEach(function (word, index) {
      var shown = false;
      var rest = !zws && (inside || word.charAt(0) === "\u2063");
      if (!MARKS.test(word)) {
        shown = !inside && SEEN_LETTER.test(word);
      } else {
        for (var at = 0; at < word.length; at++) {
          var char = word.charAt(at);
          if (char === "\u2063") inside = true;
          else if (char === "\u2064") inside = false;
          else if (!inside && !shown) shown = SEEN_LETTER.test(char);
        }
      }
      if (shown && !(rest && seen.length)) seen.push(index);
      owner.push(seen.length - 1);
    });
    return { words: words, offsets: offsets, joiner: zws ? "" : " ", seen: seen, owner: owner };
  }

  /* Pagefind's calculate_excerpt_region, as it is: the middle of the starts (each one word
   * before its window) of the windows of `length` words with the most score. */
  function densestStart(scores, length) {
    if (scores.length <= length) return 0;
    var sum = 0;
    for (var at = 0; at < length; at++) sum += scores[at] || 0;
    var densest = sum;
    var starts = [0];
    for (var start = 0; start < scores.length; start++) {
      sum += (scores[start + length] || 0) - (scores[start] || 0);
      if (sum > densest) {
        densest = sum;
        starts = [start];
      } else if (sum === densest && starts[starts.length - 1] === start - 1) {
        starts.push(start);
      }
    }
    return starts[Math.floor(starts.length / 2)];
  }

  /*
   * The excerpt of the matches `weighted` (Pagefind's weighted_locations) and `locations` among the
   * words [from, to) of `layout` (pageWords), `length` seen words long: {excerpt, at}, the excerpt in
   * Pagefind's form and where it starts in the fragment's content; null when no match falls on or
   * after a seen word there (a match in the summary block only).
   */
  function seenExcerpt(layout, weighted, locations, from, to, length) {
    var first = from > 0 ? layout.owner[from - 1] + 1 : 0;
    var last = to < layout.words.length ? layout.owner[to - 1] + 1 : layout.seen.length;
    var scores = [];
    var found = false;
    (weighted || []).forEach(function (hit) {
      var word = layout.owner[hit.location];
      if (word === undefined || word < first || word >= last) return;
      scores[word - first] = (scores[word - first] || 0) + (hit.balanced_score || 0);
      found = true;
    });
    if (!found) return null;
    // Pagefind's sub-result and build_excerpt bounds, in seen words.
    var start = first + densestStart(scores, length);
    if (to < layout.words.length) length = Math.min(last - start, length);
    length = Math.min(length, last - first);
    if (start + length > last) start = last - length;
    if (start < first) start = first;
    var end = start + length;
    var rawStart = layout.seen[start];
    var rawEnd = Math.min(end < layout.seen.length ? layout.seen[end] : layout.words.length, to);
    var marked = {};
    (locations || []).forEach(function (location) { marked[location] = true; });
    var excerpt = layout.words
      .slice(rawStart, rawEnd)
      .map(function (word, index) {
        if (layout.stops[rawStart + index]) {
          var cut = word.lastIndexOf("\u2064") + 1;
          word = word.slice(0, cut) + "." + word.slice(cut);
        }
        return marked[rawStart + index] && word.indexOf("<mark>") !== 0 ? "<mark>" + word + "</mark>" : word;
      })
      .join(layout.joiner);
    // Where it starts in the content (-1 if the word is not there: the excerpt is then searched for).
    var opening = layout.words[rawStart].replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    var at = layout.offsets[rawStart] + opening.match(/^\s*/)[0].length;
    opening = opening.trim();
    if (layout.content.slice(at, at + opening.length) !== opening) at = -1;
    return { excerpt: excerpt.trim(), at: at };
  }

  /*
   * Pagefind ends each block of text with a full stop, but not one whose last word has index-only
   * tokens (their end mark is no letter): the words (of `layout`) that end such a heading, after
   * whose tokens an excerpt puts the full stop back. `content` is the fragment's.
   */
  function headingStops(layout, headings, content) {
    var stops = {};
    headings.forEach(function (anchor) {
      var start = layout.offsets[anchor.location];
      if (start === undefined || !/\u2064$/.test(anchor.text)) return;
      var end = start + anchor.text.length;
      if (content.slice(start, end) !== anchor.text) return;
      if (/^\s*[.!?\u061F\u06D4:;]/.test(content.slice(end, end + 8))) return;
      // The last word starting before the heading's end.
      var low = anchor.location;
      var high = layout.offsets.length - 1;
      while (low < high) {
        var middle = Math.ceil((low + high) / 2);
        if (layout.offsets[middle] < end) low = middle;
        else high = middle - 1;
      }
      stops[low] = true;
    });
    return stops;
  }

  /*
   * The excerpts of a Pagefind result (`page`, the fragment `data()` gave) picked by seen words:
   * {page, sections} (one per sub-result, in order), each {excerpt, at} (seenExcerpt) or
   * Pagefind's own excerpt ({excerpt}).
   */
  function seenExcerpts(page, lang) {
    var length = EXCERPT_WORDS[lang] || DEFAULT_EXCERPT_WORDS;
    var sections = page.sub_results || [];
    if (!page.raw_content) {
      return { page: { excerpt: page.excerpt }, sections: sections.map(function (section) { return { excerpt: section.excerpt }; }) };
    }
    var layout = pageWords(page.raw_content);
    var total = layout.words.length;
    var headings = (page.anchors || []).filter(function (anchor) {
      return /h\d/i.test(anchor.element) && anchor.text && /\S/.test(anchor.text);
    });
    layout.content = page.content || "";
    layout.stops = headingStops(layout, headings, layout.content);
    // A section's words run from its heading to the next heading (Pagefind's sub-results).
    var starts = headings.map(function (anchor) { return anchor.location; });
    return {
      page: seenExcerpt(layout, page.weighted_locations, page.locations, 0, total, length) || { excerpt: page.excerpt },
      sections: sections.map(function (section) {
        var from = section.anchor ? section.anchor.location : 0;
        var to = starts.reduce(function (end, at) { return at > from && at < end ? at : end; }, total);
        return seenExcerpt(layout, section.weighted_locations, section.locations, from, to, length) || { excerpt: section.excerpt };
      }),
    };
  }

  var ELLIPSIS = "\u2026";
  var INVISIBLE = "\u2063"; // excerptLead: the excerpt is index-only text, not to be shown
  var SENTENCE_END = /[.!?\u061F\u06D4:;]["'\u201D\u00BB)\]]*\s+|\n+/g;
  var LEAD_MAX = 120; // characters: a sentence start further back than this is not worth showing
  var LOOK_BACK = 400; // characters of the page's text before an excerpt searched for its sentence's start
  // Thai: a phrase's end (a Thai letter or closing punctuation) and the space after it before a Thai word.
  var THAI_PHRASE_END = /[\u0E01-\u0E4E)\]"'\u201D]$/;
  var THAI_SPACE_BEFORE_WORD = /[\u0E01-\u0E4E)\]"'\u201D]\s+(?=[\u0E01-\u0E4E])/g;

  function escapeText(text) {
    var holder = document.createElement("div");
    holder.textContent = text;
    return holder.innerHTML;
  }

  /*
   * Where an excerpt should start (issue 23): Pagefind's excerpt is a window of words that may open
   * mid-sentence, inside a Thai compound or on an index-only token. Found in the page's text, it
   * is extended back to its sentence's start when that is near (the text to put before it), or
   * else opened with an ellipsis at a word boundary (ELLIPSIS). "" when it already starts a sentence.
   * `at`, where the excerpt starts in `content` when known (seenExcerpts), else it is searched for.
   */
  function excerptLead(excerptHtml, content, lang, headings, at) {
    var holder = document.createElement("div");
    holder.innerHTML = excerptHtml;
    var plain = holder.textContent;
    var known = typeof at === "number" && at >= 0;
    // Else the longest start of the excerpt found in the page's text (a short one may occur twice:
    // a word and the index-only run after it occur as often as the word).
    if (!known) {
      [200, 80, 40, 24].some(function (length) {
        at = plain ? content.indexOf(plain.slice(0, length)) : -1;
        return at !== -1;
      });
    }
    if (at <= 0) return "";
    // The text before it, LOOK_BACK characters a reader sees: runs of index-only tokens (a synonym
    // group's everyday words after a word) do not count, however long.
    var from = at;
    var before = "";
    for (var back = LOOK_BACK; from > 0 && cleanText(withoutCutStart(before)).length < LOOK_BACK; back *= 2) {
      from = Math.max(0, at - back);
      before = content.slice(from, at);
    }
    // The excerpt lies inside an index-only run (the summary or keywords block): not page text.
    if (before.lastIndexOf("\u2063") > before.lastIndexOf("\u2064") && plain.indexOf("\u2064") === -1) return INVISIBLE;
    // Cut inside an index-only token at either edge: close it there (as cleanExcerpt does).
    before = withoutCutStart(before);
    if (plain.indexOf("\u2064") !== -1 && (plain.indexOf("\u2063") === -1 || plain.indexOf("\u2064") < plain.indexOf("\u2063"))) {
      plain = "\u2063" + plain;
    }
    if (plain.lastIndexOf("\u2063") > plain.lastIndexOf("\u2064")) plain += "\u2064";
    // The page's visible text before the excerpt: a token takes its leading space with it, so the
    // text before and the excerpt are cleaned together (ดูแล|ลูกค้า has no space between them).
    var shown = cleanText(plain).replace(/^[ \u200B]+/, "");
    var joined = cleanText(before + plain);
    if (joined.slice(joined.length - shown.length) !== shown) return "";
    before = joined.slice(0, joined.length - shown.length);
    var space = /\s$/.test(before) ? " " : "";
    before = before.replace(/\s+$/, "");
    if (!before) return "";
    // Thai ends a sentence or phrase with a space before the next Thai word.
    var thaiStart = lang === "th" && /^[\u0E01-\u0E4E]/.test(shown);
    if (space && thaiStart && THAI_PHRASE_END.test(before)) return "";
    if (space && /[.!?\u061F\u06D4:;]["'\u201D\u00BB)\]]*$/.test(before)) return "";
    var cut = -1;
    var match;
    SENTENCE_END.lastIndex = 0;
    while ((match = SENTENCE_END.exec(before))) cut = match.index + match[0].length;
    if (lang === "th") {
      THAI_SPACE_BEFORE_WORD.lastIndex = 0;
      while ((match = THAI_SPACE_BEFORE_WORD.exec(before))) cut = Math.max(cut, match.index + match[0].length);
    }
    // A heading ends a block: Pagefind adds no full stop after one that ends on an index-only token.
    (headings || []).forEach(function (heading) {
      var end = before.lastIndexOf(heading);
      while (end !== -1) {
        var after = end + heading.length;
        // The heading's own text, not the same words in a sentence: a block ended just before it.
        var blockStart = end === 0 || /(?:[.!?\u061F\u06D4:;]["'\u201D\u00BB)\]]*|^)\s+$/.test(before.slice(Math.max(0, end - 8), end));
        if (blockStart && (after === before.length || /\s/.test(before.charAt(after)))) {
          if (after === before.length && space) cut = before.length;
          else if (after < before.length) cut = Math.max(cut, after + before.slice(after).match(/^\s*/)[0].length);
          break;
        }
        end = end ? before.lastIndexOf(heading, end - 1) : -1;
      }
    });
    if (cut === before.length) return "";
    if (cut <= 0 && from === 0) cut = 0; // the page's first sentence
    if (cut >= 0 && before.length - cut <= LEAD_MAX) return before.slice(cut) + space;
    return ELLIPSIS;
  }

  /* `text`, a slice of a page's content, without the end of an index-only token it starts inside. */
  function withoutCutStart(text) {
    var close = text.indexOf("\u2064");
    var open = text.indexOf("\u2063");
    return close !== -1 && (open === -1 || close < open) ? text.slice(close + 1) : text;
  }

  /*
   * Thai: a space between two Thai letters that the page's own text does not have there (the
   * indexer's, left beside a removed token or inside a <mark>) is dropped. `html` is an excerpt
   * (escaped text and <mark>); the letters around each space are compared with the page's text.
   */
  function withoutAddedThaiSpaces(html, content) {
    var visible = cleanText(content).replace(/\s+/g, " ");
    var THAI_SPACE = /([\u0E01-\u0E4E]{1,6})((?:<\/?mark>)*) ((?:<\/?mark>)*)(?=(?:<\/?mark>)*[\u0E01-\u0E4E])/g;
    return html.replace(THAI_SPACE, function (all, left, close, open, offset, whole) {
      var after = whole.slice(offset + all.length).replace(/<\/?mark>/g, "").match(/^[\u0E01-\u0E4E]{1,6}/);
      var right = after ? after[0] : "";
      if (!right || visible.indexOf(left + " " + right) !== -1 || visible.indexOf(left + right) === -1) return all;
      return left + close + open;
    });
  }

  var HIGHLIGHT_PARAM = "h";

  /*
   * A page opened from a search result (`?h=word word`): marks those words in the article, then
   * removes `?h=` from the address bar, so a link copied from it is the page's plain URL. The
   * words are only ever compared with the page's text (never inserted as HTML).
   */
  function highlightFromAddress() {
    var params = new URLSearchParams(window.location.search);
    var words = (params.get(HIGHLIGHT_PARAM) || "").split(/\s+/).filter(Boolean).slice(0, 12);
    var article = document.querySelector("article.md-content__inner");
    if (!words.length || !article) return;
    var pageLang = (document.documentElement.getAttribute("lang") || "en").split("-")[0];
    // The page's own text only: not the notices, dates, buttons or code.
    var skip = ".hb-translation-notice, .hb-last-changed, .hb-copy-link, .headerlink, .md-source-file, code, pre";
    words
      .sort(function (a, b) { return b.length - a.length; })
      .forEach(function (word) { highlight(article, word, pageLang !== "th", skip); });
    var first = article.querySelector("mark");
    if (first) first.setAttribute("data-hb-highlight", "");
    params.delete(HIGHLIGHT_PARAM);
    var rest = params.toString();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(
        window.history.state,
        "",
        window.location.pathname + (rest ? "?" + rest : "") + window.location.hash
      );
    }
  }

  var THAI_JOIN = 4; // segmenter pieces at most in one re-joined Thai word
  var thaiSegmenter = null;
  var wordSet = { list: null, has: null };

  /* The index's word list as a set (kept for the last list asked about). */
  function hasWord(words) {
    if (wordSet.list !== words) {
      var has = Object.create(null);
      words.forEach(function (word) { has[word] = true; });
      wordSet = { list: words, has: has };
    }
    return wordSet.has;
  }

  /*
   * Thai `text` cut into words as the index cut them ({text, start, end}): the browser's segmenter
   * (ICU's dictionary) cuts finer than the build's pythainlp (ร้อง|เรียน for the index's ร้องเรียน,
   * and เรียน alone finds "study"), so adjacent pieces that together are one of the index's
   * `words` (or of the `also` set: the stopwords, เห|รอ is เหรอ) are joined again, the longest
   * such run of pieces first.
   */
  function thaiWords(text, words, also) {
    thaiSegmenter = thaiSegmenter || new Intl.Segmenter("th", { granularity: "word" });
    var has = words && words.length ? hasWord(words) : {};
    also = also || {};
    var pieces = Array.from(thaiSegmenter.segment(text)).filter(function (part) { return part.isWordLike; });
    var out = [];
    for (var at = 0; at < pieces.length; ) {
      var take = 1;
      var joined = pieces[at].segment;
      for (var next = at + 1; next < pieces.length && next < at + THAI_JOIN; next++) {
        if (pieces[next].index !== pieces[next - 1].index + pieces[next - 1].segment.length) break;
        joined += pieces[next].segment;
        var form = fold(joined).toLowerCase();
        if (has[form] === true || also[form] === true) take = next - at + 1;
      }
      var end = pieces[at + take - 1].index + pieces[at + take - 1].segment.length;
      out.push({ text: text.slice(pieces[at].index, end), start: pieces[at].index, end: end });
      at += take;
    }
    return out;
  }

  /*
   * The site's root URL: Material's config gives it (`base`) relative to the page. handbook-offline.js,
   * included after this script by the theme (overrides/main.html), registers the service worker
   * there through window.handbookSearch.siteRoot.
   */
  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  var api = {
    siteRoot: siteRoot,
    thaiWords: thaiWords,
    fold: fold,
    stemVariants: stemVariants,
    searchForm: searchForm,
    openEnding: openEnding,
    queryVariants: queryVariants,
    cleanText: cleanText,
    cleanExcerpt: cleanExcerpt,
    pageWords: pageWords,
    seenExcerpts: seenExcerpts,
  };
  window.handbookSearch = api;

  highlightFromAddress();

  var box = document.querySelector("[data-hb-search]");
  if (!box) return;
  var input = box.querySelector("[data-hb-search-query]");
  var form = input.form;
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scrollwrap = box.querySelector(".md-search__scrollwrap");
  var moreButton = box.querySelector("[data-hb-search-more]");
  var toggle = document.getElementById("__search");
  var settings = {};
  try {
    settings = JSON.parse(box.querySelector("[data-hb-search-config]").textContent);
  } catch (error) {
    settings = {};
  }
  var labels = settings.labels || {};
  var lang = (document.documentElement.getAttribute("lang") || settings.lang || "en").split("-")[0];
  var rootUrl = siteRoot();
  var pagefind = null;
  var sequence = 0;
  var timer = null;
  var scheduled = "";
  var shownQuery = ""; // the query whose results are being rendered
  var pending = []; // ranked hits of the shown query not rendered yet
  var rendering = null; // the batch being rendered, if any

  function label(key, count) {
    var text = labels[key] || key;
    return count === undefined ? text : text.replace("{count}", String(count));
  }

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", rootUrl).href).then(function (module) {
        return module
          .options({
            baseUrl: rootUrl.pathname,
            excerptLength: lang === "th" ? 40 : PREFIX_GRAMMAR[lang] ? 36 : 24,
            ranking: RANKING,
          })
          .then(function () { return module.init(); })
          .then(function () {
            // Pagefind's first search over hundreds of pages costs several times a later one (its
            // wasm and worker code warming up): the language's warm-up word (a stopword on nearly
            // every page, one index chunk: handbook.site.search.WARM_UP_WORDS) is searched now,
            // results unused, not awaited (a query's searches reach the worker at once).
            if (settings.warm) module.search(settings.warm).catch(function () { /* a query reports it */ });
            return module;
          });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  /*
   * The engine (pagefind.js, its worker and wasm, the language's meta file) is loaded before the
   * first query (issue 22: first result within 0.35 s): when the reader shows intent (a pointer on
   * the search button or box, focus in the box) and, unless the browser asks to save data, once the
   * page has loaded and the browser is idle, never earlier: the first view stays fast. At idle only
   * once per tab: its files are in the browser's cache since, and later pages of the tab load them
   * on intent only (no requests on every page view for readers who do not search).
   */
  var LOADED_IN_TAB = "hb-search-engine-loaded"; // sessionStorage key

  function warm() {
    loadPagefind()
      .then(function () {
        try {
          window.sessionStorage.setItem(LOADED_IN_TAB, "1");
        } catch (error) { /* storage blocked: the engine loads at idle on every page */ }
      })
      .catch(function () { /* reported when a query runs */ });
  }

  function loadedInTab() {
    try {
      return window.sessionStorage.getItem(LOADED_IN_TAB) === "1";
    } catch (error) {
      return false;
    }
  }

  function warmWhenIdle() {
    var connection = navigator.connection;
    if ((connection && connection.saveData) || loadedInTab()) return;
    (window.requestIdleCallback || function (run) { setTimeout(run, 1); })(warm);
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    warm();
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A result's link; `picked` is its excerpt ({excerpt, at}: seenExcerpts). */
  function resultLink(url, title, picked, isPage, fallbackLang, content, headings) {
    var excerpt = picked.excerpt;
    var link = element("a", "md-search-result__link");
    link.href = url;
    var article = element("article", "md-search-result__article md-typeset");
    if (fallbackLang) {
      article.lang = fallbackLang;
      article.dir = "ltr";
    }
    if (isPage) article.appendChild(element("div", "md-search-result__icon md-icon"));
    var heading = article.appendChild(element(isPage ? "h1" : "h2", null, cleanText(title)));
    if (isPage && fallbackLang === "en" && lang !== "en") {
      // An English page offered to a reader of another language says so, in the reader's language.
      var badge = element("span", "hb-search-lang", label("in_english"));
      badge.lang = lang;
      badge.dir = document.documentElement.dir || "auto";
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(badge);
    }
    var shown = excerpt ? cleanExcerpt(excerpt, fallbackLang || lang, content, headings, picked.at) : "";
    var marked = [];
    if (shown) {
      var text = element("p");
      text.innerHTML = shown;
      article.appendChild(text);
      marked = markedWords(text);
    }
    // An excerpt of index-only text is not shown, but the page still opens with the words marked.
    if (excerpt) link.href = withHighlight(url, marked.concat(queryTerms(shownQuery), shownTerms));
    // rtl: Latin runs in the title and the excerpt isolated (handbook-bidi.js, he/ar pages only).
    if (window.handbookBidi && !fallbackLang) Array.prototype.forEach.call(article.children, window.handbookBidi.isolate);
    link.appendChild(article);
    link.addEventListener("click", function () { if (toggle) toggle.checked = false; });
    return link;
  }

  /* The distinct words an excerpt marks, longest first (what the opened page highlights). */
  function markedWords(root) {
    var seen = {};
    return Array.prototype.map
      .call(root.querySelectorAll("mark"), function (mark) { return mark.textContent.trim(); })
      .filter(function (word) {
        if (!word || seen[word]) return false;
        seen[word] = true;
        return true;
      })
      .sort(function (a, b) { return b.length - a.length; });
  }

  /* The query's words and their prefix-free stems (Hebrew, Arabic), for highlighting. */
  function queryTerms(query) {
    var terms = [];
    query.trim().split(/\s+/).filter(Boolean).forEach(function (word) {
      terms.push(word);
      terms = terms.concat(stemVariants(word, lang));
    });
    return terms;
  }

  /* `url` with `?h=` listing `words` (before any #fragment), as Material's search.highlight does. */
  function withHighlight(url, words) {
    var seen = {};
    words = words.filter(function (word) {
      if (seen[word]) return false;
      seen[word] = true;
      return true;
    });
    if (!words.length) return url;
    var hash = url.indexOf("#");
    var path = hash === -1 ? url : url.slice(0, hash);
    var fragment = hash === -1 ? "" : url.slice(hash);
    var query = HIGHLIGHT_PARAM + "=" + encodeURIComponent(words.slice(0, 12).join(" "));
    return path + (path.indexOf("?") === -1 ? "?" : "&") + query + fragment;
  }

  function resultItem(page, english) {
    var item = element("li", "md-search-result__item");
    var fallbackLang = english ? "en" : page.meta && page.meta.fallback;
    var title = (page.meta && page.meta.title) || page.url;
    var content = page.content || "";
    // The page's headings that end without Pagefind's full stop (their last word has index-only
    // tokens): each still ends a block in `content`, where excerptLead stops.
    var shownContent = cleanText(content);
    var headings = (page.anchors || [])
      .filter(function (anchor) { return /^h[1-6]$/i.test(anchor.element); })
      .concat(page.sub_results || [])
      .map(function (heading) { return cleanText(heading.text || heading.title).replace(/\s+/g, " ").trim(); })
      .filter(function (heading) { return heading && shownContent.indexOf(heading + ".") === -1; });
    // The excerpts picked by the words a reader sees (seenExcerpts), each section with its own.
    var picked = seenExcerpts(page, fallbackLang || lang);
    var all = (page.sub_results || []).map(function (section, index) {
      return { url: section.url, title: section.title, excerpt: picked.sections[index] };
    });
    // A page excerpt of index-only text (the summary block) gives way to its first shown section's.
    var excerpt = picked.page;
    if (!cleanExcerpt(excerpt.excerpt, fallbackLang || lang, content, headings, excerpt.at)) {
      all.some(function (section) {
        if (!cleanExcerpt(section.excerpt.excerpt, fallbackLang || lang, content, headings, section.excerpt.at)) return false;
        excerpt = section.excerpt;
        return true;
      });
    }
    item.appendChild(resultLink(page.url, title, excerpt, true, fallbackLang, content, headings));
    // Sections of the page that matched, minus the page itself and its <h1> (same title).
    var sections = all.filter(function (section) {
      return (
        section.url !== page.url &&
        section.url.indexOf("#") !== -1 &&
        cleanText(section.title) !== cleanText(title)
      );
    });
    sections.slice(0, 2).forEach(function (section) {
      item.appendChild(resultLink(section.url, section.title, section.excerpt, false, fallbackLang, content, headings));
    });
    var more = sections.slice(2);
    if (more.length) {
      var details = element("details", "md-search-result__more");
      var summary = element("summary");
      summary.appendChild(element("div", null, label("more", more.length)));
      details.appendChild(summary);
      more.forEach(function (section) {
        details.appendChild(resultLink(section.url, section.title, section.excerpt, false, fallbackLang, content, headings));
      });
      item.appendChild(details);
    }
    return item;
  }

  function show(message, items) {
    meta.textContent = message;
    list.replaceChildren.apply(list, items || []);
    updateMore();
  }

  /* The visible "show more" button (issue 23): there whenever ranked results are not rendered yet. */
  function updateMore() {
    if (!moreButton) return;
    moreButton.hidden = !pending.length;
    moreButton.textContent = pending.length ? label("show_more", pending.length) : "";
  }

  /* Render the next batch of the shown query's results; resolves when they are in the list. */
  function showMore() {
    if (rendering) return rendering;
    if (!pending.length) return Promise.resolve();
    var mine = sequence;
    var batch = pending.splice(0, BATCH);
    rendering = Promise.all(batch.map(function (hit) { return hit.result.data(); }))
      .then(function (pages) {
        rendering = null;
        if (mine !== sequence) return;
        pages.forEach(function (page) { list.appendChild(resultItem(page)); });
        box.setAttribute("data-hb-search-shown", String(list.children.length));
        updateMore();
        fill();
      })
      .catch(function (error) {
        rendering = null;
        if (window.console) window.console.error("handbook search:", error);
      });
    return rendering;
  }

  /* More results while the reader is near the end of the list, or the list does not fill the box. */
  function fill() {
    if (!pending.length || !scrollwrap) return;
    var left = scrollwrap.scrollHeight - scrollwrap.scrollTop - scrollwrap.clientHeight;
    if (left < scrollwrap.clientHeight / 2) showMore();
  }

  var STOPWORDS = {};
  (settings.stopwords || []).forEach(function (word) { STOPWORDS[fold(word).toLowerCase()] = true; });
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(lang, { granularity: "word" }) : null;

  var indexVocabulary = null; // the index's word list once loaded (Thai pieces are re-joined by it)

  /*
   * The query's words, lower case, each with where it stands ({text, chunk, start, end}); Thai
   * (no spaces) is split by the browser's word segmenter and, once the word list is loaded,
   * re-joined into the index's words (`thaiWords`; not when `raw`).
   */
  function queryWordsOf(query, raw) {
    var words = [];
    query.split(/\s+/).filter(Boolean).forEach(function (chunk, chunkIndex) {
      var parts = [];
      if (lang === "th" && segmenter) {
        parts = raw ? thaiWords(chunk) : thaiWords(chunk, indexVocabulary, STOPWORDS);
      } else if (segmenter) {
        Array.from(segmenter.segment(chunk)).forEach(function (part) {
          if (part.isWordLike) parts.push({ text: part.segment, start: part.index });
        });
      } else {
        var found;
        var pattern = /[\p{L}\p{M}\p{N}]+/gu;
        while ((found = pattern.exec(chunk))) parts.push({ text: found[0], start: found.index });
      }
      parts.forEach(function (part) {
        // Thai: a word typed doubled with the repetition mark (เงียบๆ, ซ้ำๆ) is the word the pages
        // say (เงียบ); the word is a prefix of a page's own เล็กๆ, so that stays found.
        var text = lang === "th" ? part.text.replace(/\u0E46+$/, "") : part.text;
        if (!text) return;
        words.push({
          // a phone's curly apostrophe (don’t) is the keyboard's straight one (don't)
          text: text.toLowerCase().replace(/[\u2018\u2019\u02BC\uFF07]/g, "'"),
          chunk: chunkIndex,
          start: part.start,
          end: part.start + text.length,
        });
      });
    });
    return words;
  }

  function isContentWord(word) {
    // A lone Thai letter is a piece the segmenter cut off a word it does not know (ส|ตาร์บัคส์).
    var text = fold(word.text);
    return !STOPWORDS[text] && !(lang === "th" && (Array.from(text).length < 2 || ofStopwords(text))) && !/^\d{1,2}$/.test(text);
  }

  /*
   * Thai: a word of the word list made only of stopwords (ก็|ได้, ให้|ได้, ไม่|ต้อง, ทำ|ได้: newmm keeps
   * them whole, so the query's pieces are joined into them) is a function word too (`text` folded, lower case).
   */
  function ofStopwords(text) {
    // can[i]: text from i on is a run of stopwords (ICU keeps ทำได้ whole, so it is not asked to cut it)
    var can = [];
    can[text.length] = true;
    for (var at = text.length - 1; at >= 0; at--) {
      can[at] = false;
      for (var end = at + 1; end <= text.length && !can[at]; end++) {
        can[at] = can[end] === true && end - at < text.length && STOPWORDS[text.slice(at, end)] === true;
      }
    }
    return can[0];
  }

  /* The words that decide the results: all but the stopwords (all of them if nothing else is left). */
  function contentWords(words) {
    var seen = {};
    var content = words.filter(isContentWord);
    return (content.length ? content : words).filter(function (word) {
      if (seen[word.text]) return false;
      seen[word.text] = true;
      return true;
    });
  }

  var vocabulary = null;

  /* The index's words, most frequent first (handbook.site.search.vocabulary, gzip-compressed). */
  function loadVocabulary() {
    if (!vocabulary) {
      vocabulary = fetch(new URL("pagefind/handbook-words-" + lang + ".json.gz", rootUrl).href)
        .then(function (response) {
          if (!response.ok || typeof DecompressionStream === "undefined") return [];
          return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
        })
        .then(function (words) {
          if (words.length) indexVocabulary = words;
          return words;
        })
        .catch(function () { return []; });
    }
    return vocabulary;
  }

  /* Whether `a` becomes `b` with at most one letter changed, added, removed or swapped with the next. */
  function oneEditApart(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return true;
    var rest = function (x, from) { return typeof x === "string" ? x.slice(from) : x.slice(from).join(""); };
    if (a.length === b.length) {
      if (rest(a, i + 1) === rest(b, i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2);
    }
    return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
  }

  var MIN_TYPO = 5; // letters: shorter words are not corrected (too many neighbours)
  // Languages Pagefind stems (a word it knows "by stem" finds pages through its stem); Hebrew's
  // "stem" is only a shared start (knownIn), Thai is segmented.
  var STEMMED = { en: true, ar: true, ru: true };

  /* The index's most frequent words one edit away from `word` (or one of its prefix-free stems). */
  function corrections(word, words) {
    var forms = [word].concat(stemVariants(word, lang)).map(function (form) { return Array.from(fold(form)); });
    var found = [];
    for (var index = 0; index < words.length && found.length < 2; index++) {
      // a phrase's word (ǂלאיבוד, handbook.site.search.vocabulary) is compared without its mark
      var candidate = Array.from(words[index].replace(PHRASE_MARK, ""));
      if (candidate.length < MIN_TYPO - 1) continue;
      if (forms.some(function (form) { return form.length >= MIN_TYPO - 1 && oneEditApart(form, candidate); })) {
        if (forms.every(function (form) { return form.join("") !== candidate.join(""); })) found.push(words[index]);
      }
    }
    return found;
  }

  // the word list's shortest words (handbook.site.search.MIN_VOCABULARY_WORD; Thai: MIN_THAI_VOCABULARY_WORD)
  var MIN_VOCABULARY_WORD = lang === "th" ? 2 : 4;
  var vocabularySet = null;

  /*
   * Thai: index words of five letters or more found, with one edit, inside a run of the query, that
   * cover one of its `pieces` (content words cut by the segmenter) that is not itself an index word
   * (the exact word always wins: เรื่อง is not read as เครื่อง), or found as a typing slip (thaiSlip:
   * ลูก|คา is ลูกค้า); the longest first (ร้องเรียน before เรียน inside ร้องเรีน), at most two that do
   * not overlap.
   */
  function thaiCorrections(run, words, pieces) {
    if (!vocabularySet || vocabularySet.list !== words) {
      vocabularySet = { list: words, has: {} };
      words.forEach(function (word) { vocabularySet.has[word] = true; });
    }
    var letters = Array.from(run);
    // Thai letters are one UTF-16 unit each: the run and the words are compared as strings (fast).
    var plain = letters.length === run.length;
    var isOpen = function (piece) {
      return !(Array.from(piece.text).length >= MIN_VOCABULARY_WORD && vocabularySet.has[piece.text]);
    };
    var open = pieces.filter(isOpen);
    var found = [];
    var typed = plain ? run : letters;
    // No typo is read inside an index word typed as it is, however the segmenter cut it (เรื่อ|งอ|เม|ซอน).
    var exact = [];
    if (plain) {
      words.forEach(function (word, rank) {
        for (var at = run.indexOf(word); at !== -1; at = run.indexOf(word, at + 1)) exact.push([at, at + word.length, rank]);
      });
    }
    var inExact = function (from, to) { return exact.some(function (span) { return span[0] <= from && to <= span[1]; }); };
    // A near word starts and ends where the segmenter cuts the run, or where the letters beyond it are
    // cut into an index word or a stopword (ขอโทด|ลูกค้า: the typo's ด went to the next piece), never
    // inside a syllable: หัวร้อ|นมา is not หัวข้อ, วั|นเดียว not คนเดียว, เข้างา|น not เข้ามา.
    var cuts = {};
    cuts[0] = cuts[run.length] = true;
    thaiSegmenter = thaiSegmenter || new Intl.Segmenter("th", { granularity: "word" });
    Array.from(thaiSegmenter.segment(run)).forEach(function (piece) { cuts[piece.index] = true; });
    // (an index word of four letters or more: short ones are too easily made of a typo's letters,
    // เงื่อน|ไข is not เพื่อน|ไข)
    var known = function (text, last) {
      var cut = thaiWords(text, words, STOPWORDS);
      if (!cut.length) return true;
      var form = fold(cut[last ? cut.length - 1 : 0].text).toLowerCase();
      return (form.length >= 4 && vocabularySet.has[form] === true) || STOPWORDS[form] === true;
    };
    var fits = function (from, to) {
      if (!plain) return true;
      if (THAI_MARK.test(run.charAt(from)) || THAI_MARK.test(run.charAt(to))) return false;
      // A vowel written before its consonant (เ แ โ ใ ไ) ends no word: ขั้นตอไ|ม่ครบ is not ขั้นตอน.
      if (THAI_LEADING.test(run.charAt(to - 1)) || THAI_LEADING.test(run.charAt(from - 1))) return false;
      return (cuts[from] || known(run.slice(0, from), true)) && (cuts[to] || known(run.slice(to), false));
    };
    // The first place `text` holds `target` with one edit (as long, one letter shorter, one longer; a
    // letter wrong or swapped read first as one missing: ขอโทด|ลูกค้า would leave its ด on the next word)
    // outside an exact word and where a word fits; `at` maps a place in `text` to the run (null: the same).
    var nearIn = function (text, target, at, keepFirst) {
      var place = function (i) { return at === null ? i : i < text.length ? at[i] : run.length; };
      for (var start = 0; start < text.length; start++) {
        // One edit keeps the first letter, or the second, in one of the first two places.
        var first = text[start];
        var second = text[start + 1];
        if (keepFirst ? first !== target[0] : first !== target[0] && first !== target[1] && second !== target[0] && second !== target[1]) continue;
        for (var edit = 0; edit < 3; edit++) {
          var size = target.length + [0, -1, 1][edit];
          if (start + size > text.length || size < MIN_TYPO - 1) continue;
          var from = place(start);
          var to = place(start + size);
          var typedHere = text.slice(start, start + size);
          if (!inExact(from, to) && oneEditApart(typedHere, target) && fits(from, to)) {
            return { start: from, end: to, slip: at === null && thaiSlip(typedHere, target) };
          }
        }
      }
      return null;
    };
    var bare = plain ? thaiBare(run) : null;
    words.forEach(function (word, index) {
      if (run.indexOf(word) !== -1) return;
      // A word typed without its tone marks, or with the wrong ones (ลูก|คา, ลูก|ค่า for ลูกค้า: its
      // pieces may each be a word, but no one means them together), as in thaiSlip, however many.
      var slip = toneSlip(run, bare, word);
      if (slip && !inExact(slip.start, slip.end) && fits(slip.start, slip.end)) {
        found.push({ text: word, start: slip.start, end: slip.end, size: word.length, rank: index, slip: true });
      }
      var target = plain ? word : Array.from(word);
      var spots = [target.length >= MIN_TYPO ? nearIn(typed, target, null, false) : null];
      // A loanword typed as heard, without its silent letters or tone marks (ออเดร์ for ออร์เดอร์: two edits):
      // an index word with a karan is compared with the run, both bare (thaiBare), its first letter kept.
      // เลอร์ is เลอ bare: เผลอ is one letter from it, so a bare word has five letters or more.
      var bareWord = bare && word.indexOf("\u0E4C") !== -1 ? thaiBare(word).text : "";
      if (bareWord.length >= MIN_TYPO) spots.push(nearIn(bare.text, bareWord, bare.at, true));
      spots.forEach(function (spot) {
        if (spot) found.push({ text: word, start: spot.start, end: spot.end, size: word.length, rank: index, slip: spot.slip });
      });
    });
    var chosen = [];
    var rest = pieces;
    // A slip cuts no index word (of four letters or more) typed as it is that is more frequent than
    // the one it reads: ตอบแชทลูกค้าที่ has no slip คาที่ (a rare word of the index, from ราคาที่),
    // ลูกคาที่ has the slip ลูกค้า (cutting that คาที่).
    var cutsWord = function (near) {
      return exact.some(function (span) {
        return span[1] - span[0] >= 4 && span[2] <= near.rank &&
          span[0] < near.end && near.start < span[1] && !(near.start <= span[0] && span[1] <= near.end);
      });
    };
    // The letters of open pieces a near word covers (of any piece, for a slip: thaiSlip): the one
    // that explains most of them first.
    var covered = function (near) {
      return (near.slip && !cutsWord(near) ? rest : open).reduce(function (sum, piece) {
        return sum + Math.max(0, Math.min(piece.end, near.end) - Math.max(piece.start, near.start));
      }, 0);
    };
    // One at a time: the run is cut again around each word chosen, and the next must cover a piece of that.
    while (chosen.length < 2) {
      var next = null;
      var best = 0;
      found.forEach(function (near) {
        var apart = chosen.every(function (other) { return other.end <= near.start || other.start >= near.end; });
        var count = apart ? covered(near) : 0;
        if (count > best || (count && count === best && (near.size > next.size || (near.size === next.size && near.rank < next.rank)))) {
          next = near;
          best = count;
        }
      });
      if (!next) break;
      chosen.push({ text: next.text, start: next.start, end: next.end });
      rest = thaiRest(letters, chosen, 0);
      open = rest.filter(isOpen);
    }
    return chosen;
  }

  /*
   * Thai typing slips, read as the word meant even where the pieces typed are each a word of the
   * index (ลูก|คา, ชด|เฉย, ทัก|ทา, นะ|นำ), unlike any other one-letter edit (ขาด|ของ is no typo of
   * ขายของ, ที่|ส่ง none of ที่สอง): `typed` is `word` with a tone mark missing, extra or wrong
   * (ลูกคา, ลูกค่า for ลูกค้า), a letter swapped for one that sounds the same (ชดเฉย for ชดเชย, ไส่ for
   * ใส่, ลุกค้า for ลูกค้า; at the end of the word, a final of the same sound: ขอโทด for ขอโทษ), its
   * vowel written before the consonant left out (นะนำ for แนะนำ) or its last letter left out (ทักทา
   * for ทักทาย, ขั้นตอ for ขั้นตอน).
   */
  var THAI_TONES = /[\u0E48-\u0E4B]/g;
  var THAI_SOUNDS = ["ชฉฌ", "ซสศษ", "ทธฑฒถ", "คขฆ", "พภผ", "ฟฝ", "ตฏ", "ดฎ", "นณ", "ลฬ", "ยญ", "หฮ", "ใไ", "\u0E38\u0E39", "\u0E34\u0E35", "\u0E36\u0E37"];
  var THAI_FINAL_SOUNDS = ["ดตถทธฎฏฐฑฒจชซศษส", "นณญรลฬ", "กขคฆ", "บปพภฟ"];
  function thaiSlip(typed, word) {
    if (typed === word) return false;
    if (typed.replace(THAI_TONES, "") === word.replace(THAI_TONES, "")) return true;
    var same = function (groups, a, b) { return groups.some(function (group) { return group.indexOf(a) !== -1 && group.indexOf(b) !== -1; }); };
    var at = 0;
    while (at < typed.length && at < word.length && typed[at] === word[at]) at++;
    if (typed.length === word.length) {
      if (typed.slice(at + 1) !== word.slice(at + 1)) return false;
      var last = word.slice(at + 1).replace(THAI_TONES, "").replace("\u0E4C", "") === "";
      return same(THAI_SOUNDS, typed[at], word[at]) || (last && same(THAI_FINAL_SOUNDS, typed[at], word[at]));
    }
    if (typed.length !== word.length - 1 || typed.slice(at) !== word.slice(at + 1)) return false;
    return at === word.length - 1 || THAI_LEADING.test(word[at]);
  }

  /*
   * Where the Thai `run` (`bare`: thaiBare of it, when its letters are plain) has `word` (five letters
   * or more) with only its tone marks missing or wrong ({start, end} in the run), or null.
   */
  function toneSlip(run, bare, word) {
    if (!bare || !/[\u0E48-\u0E4B]/.test(word) || word.indexOf("\u0E4C") !== -1) return null;
    var target = thaiBare(word).text;
    if (target.length < MIN_TYPO) return null;
    var at = bare.text.indexOf(target);
    if (at === -1) return null;
    var end = at + target.length;
    // the typed span ends after its last letter's marks (ลูกค่า: the wrong ่ is part of it)
    var to = end < bare.at.length ? bare.at[end] : run.length;
    return { start: bare.at[at], end: to };
  }

  /*
   * Thai `text` without tone marks and without the letters a karan silences (the consonant before ์,
   * and a vowel mark between: ร์, ติ์), with where each letter kept stands in `text` ({text, at}).
   */
  function thaiBare(text) {
    var kept = [];
    var at = [];
    for (var index = 0; index < text.length; index++) {
      var letter = text.charAt(index);
      if (letter >= "\u0E48" && letter <= "\u0E4B") continue;
      if (letter === "\u0E4C") {
        if (kept.length && /[\u0E34-\u0E3A]/.test(kept[kept.length - 1])) { kept.pop(); at.pop(); }
        if (kept.length) { kept.pop(); at.pop(); }
        continue;
      }
      kept.push(letter);
      at.push(index);
    }
    return { text: kept.join(""), at: at };
  }

  /* Content words of a Thai run outside the `spans` (corrected words), as queryWordsOf gives them. */
  function thaiRest(letters, spans, chunk) {
    var rest = [];
    var from = 0;
    spans
      .slice()
      .sort(function (a, b) { return a.start - b.start; })
      .concat([{ start: letters.length, end: letters.length }])
      .forEach(function (span) {
        if (span.start > from) {
          queryWordsOf(letters.slice(from, span.start).join("")).forEach(function (word) {
            rest.push({ text: word.text, chunk: chunk, start: from + word.start, end: from + word.end });
          });
        }
        from = Math.max(from, span.end);
      });
    return rest.filter(isContentWord);
  }

  /* Pagefind's hits for a query word (null: none) and `extra` words: page id -> {result, score}; stems count 0.8, corrections 0.9. */
  function wordHits(module, word, extra) {
    var typed = word === null ? [] : [{ text: searchForm(word, lang), weight: 1 }].concat(
      stemVariants(word, lang).map(function (stem) { return { text: searchForm(stem, lang), weight: 0.8 }; })
    );
    var variants = typed.concat((extra || []).map(function (text) { return { text: text, weight: 0.9 }; }));
    return Promise.all(variants.map(function (variant) { return module.search(variant.text); })).then(function (searches) {
      var hits = {};
      searches.forEach(function (found, index) {
        ((found && found.results) || []).forEach(function (result) {
          var score = result.score * variants[index].weight;
          if (!hits[result.id] || hits[result.id].score < score) hits[result.id] = { result: result, score: score };
        });
      });
      return hits;
    });
  }

  /*
   * Ranks pages by the query's content words each one has and by how well the page matches each
   * (Pagefind's score, where title, summary, keyword and heading matches weigh more, relative to
   * the word's best page; a title match counts half a word more): a page that has the query's main
   * word in its title or summary comes before one that mentions more of its words in passing.
   * Pagefind's score already counts a rare word more; the rarest word's hit gives the excerpt.
   */
  var MATCH_WEIGHT = 3;
  var TITLE_BONUS = 0.5;
  /*
   * Long everyday queries (issue 22, round 10): a word's match strength is weighed by its best
   * page's Pagefind score next to the query's strongest word's, softly (power 0.25; 0.5 and 1 lose
   * as many queries as they win). bench/search_relevance.py, tuning and seen sets, all five
   * languages: top-3 446 -> 449 of 480, top-1 376 -> 378 (bench/RESULTS.md, round 10 ranking).
   */
  var STRENGTH_POWER = 0.25;
  /*
   * Pagefind's own ranking: a page's length counts fully against its word counts (pageLength 1,
   * Pagefind's default 0.75), so a word a long case study uses in passing scores less there than
   * on a shorter page that is about it. Measured with bench/search_relevance.py: en, he, ar, ru
   * tuning and seen sets: 4 queries better, none worse (bench/RESULTS.md, round 9 tuning).
   */
  var RANKING = { pageLength: 1.0 };

  function rank(words, hitsByWord) {
    var union = {};
    hitsByWord.forEach(function (hits) { Object.keys(hits).forEach(function (id) { union[id] = true; }); });
    var total = Math.max(Object.keys(union).length, 1);
    var strongest = 0;
    hitsByWord.forEach(function (hits) { Object.keys(hits).forEach(function (id) { strongest = Math.max(strongest, hits[id].score); }); });
    var pages = {};
    hitsByWord.forEach(function (hits) {
      var ids = Object.keys(hits);
      if (!ids.length) return;
      var rarity = Math.log(total / ids.length);
      var best = Math.max.apply(null, ids.map(function (id) { return hits[id].score; })) || 1;
      // Thai: a word on (nearly) every page hit that no page has strongly (ลูกค้า, ร้าน, next to a
      // topic word) counts only as present, not by how well each page matches it.
      var everywhere = lang === "th" && ids.length > 0.8 * total && best < strongest / 4;
      // A word's match strength counts by how strongly its best page matches it, next to the
      // query's strongest word (to the power STRENGTH_POWER): in a long everyday query the words
      // some page is about (rival, samples, coworker) decide before those every page says in passing.
      var strength = strongest > 0 ? Math.pow(best / strongest, STRENGTH_POWER) : 1;
      ids.forEach(function (id) {
        var page = pages[id] || (pages[id] = { id: id, score: 0, words: 0, result: null, lead: -1 });
        var inTitle = (hits[id].result.matchedMetaFields || []).indexOf("title") !== -1;
        page.score += 1 + (everywhere ? 0 : MATCH_WEIGHT * strength * hits[id].score / best) + (inTitle ? TITLE_BONUS : 0);
        page.words += 1;
        if (rarity > page.lead) {
          page.lead = rarity;
          page.result = hits[id].result;
        }
      });
    });
    return Object.keys(pages)
      .map(function (id) { return pages[id]; })
      .sort(function (a, b) { return b.score - a.score || b.words - a.words; });
  }

  var THAI = /[\u0E01-\u0E4E]/;
  // Thai letters that never start a syllable: vowels after or above/below a consonant, tone marks, karan.
  var THAI_MARK = /^[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]/;
  // Thai vowels written before the consonant they follow in speech: they never end a word.
  var THAI_LEADING = /^[\u0E40-\u0E44]/;

  /*
   * Everyday phrases ("money back", "short staffed") are indexed whole, their words joined after a
   * PHRASE_MARK (handbook.site.search_words.phrase_token: a letter no one types, so that no typed
   * word is the start of a phrase token), never as their words: each two words of
   * the query that stand together (three with a stopword between: word of mouth) are searched so
   * joined, and a page with the phrase counts as having each of its words. Up to 32 runs: a long
   * everyday query (she got the blue one instead of red, does she have to post it back) has its
   * phrase after its first twelve runs (issue 22, round 15).
   */
  var PHRASE_MARK = "\u01c2";
  var MAX_PHRASES = 32;

  function phraseRuns(query) {
    if (lang === "th") return []; // Thai everyday words are single runs
    var all = queryWordsOf(query);
    var runs = [];
    for (var at = 0; at + 1 < all.length; at++) {
      runs.push(all.slice(at, at + 2));
      if (at + 2 < all.length && !isContentWord(all[at + 1])) runs.push(all.slice(at, at + 3));
    }
    return runs.filter(function (run) { return run.some(isContentWord); }).slice(0, MAX_PHRASES);
  }

  /* For each run of phraseRuns (with a word of `only`, when given): its words and the pages with the phrase (page id -> {result, score}). */
  function phraseHits(module, query, only) {
    var runs = phraseRuns(query).filter(function (run) {
      return !only || run.some(function (word) { return Object.prototype.hasOwnProperty.call(only, word.text); });
    });
    return Promise.all(runs.map(function (run) {
      // joined without apostrophes, as the build joins a phrase (don't know: \u01c2dontknow)
      var rest = run.slice(1).map(function (word) { return fold(word.text); }).join("");
      var texts = [fold(run[0].text)].concat(stemVariants(run[0].text, lang)).map(function (first) {
        return PHRASE_MARK + (first + rest).replace(/'/g, "");
      });
      return wordHits(module, null, texts).then(function (hits) {
        return { words: run.map(function (word) { return word.text; }), hits: hits };
      });
    }));
  }

  /* `hitsByWord` with each phrase's pages added to the hits of the query words it is made of. */
  function withPhrases(words, hitsByWord, phrases) {
    return hitsByWord.map(function (hits, index) {
      var merged = Object.assign({}, hits);
      (phrases || []).forEach(function (phrase) {
        if (phrase.words.indexOf(words[index].text) === -1) return;
        Object.keys(phrase.hits).forEach(function (id) {
          if (!merged[id] || merged[id].score < phrase.hits[id].score) merged[id] = phrase.hits[id];
        });
      });
      return merged;
    });
  }

  // English endings whose removal leaves an index word: the word is that word inflected (knownIn).
  var ENGLISH_ENDINGS = ["ing", "ed", "es", "s", "d"];

  /*
   * How the index knows `word`: "exact" (as it is, behind a prefix, as the start of a longer
   * word, or in English an index word with an ending: passed), "stem" (it starts like an index
   * word but for an ending: refunding, обратившегося) or "" (not at all: Pagefind would answer with whatever shares its first few letters).
   */
  function knownIn(list) {
    var set = {};
    list.forEach(function (word) { set[word] = true; });
    var starts = function (prefix) { return list.some(function (entry) { return entry.lastIndexOf(prefix, 0) === 0; }); };
    return function (word) {
      // Thai: the segmenter's pieces are often inside the index's words.
      if (lang === "th") return list.some(function (entry) { return entry.indexOf(word) !== -1; }) ? "exact" : "";
      var forms = [fold(word)].concat(stemVariants(word, lang));
      if (forms.some(function (form) { return set[form] || starts(form); })) return "exact";
      // English: an inflected form of an index word is no typo (passed is pass + ed, not pissed).
      if (lang === "en" && ENGLISH_ENDINGS.some(function (end) {
        var base = forms[0].slice(0, -end.length);
        return forms[0].length - end.length >= MIN_STEM && forms[0].slice(-end.length) === end && set[base] === true;
      })) return "exact";
      var stem = forms.some(function (form) {
        var letters = Array.from(form);
        return starts(letters.slice(0, Math.max(4, letters.length - 5)).join(""));
      });
      return stem ? "stem" : "";
    };
  }

  /* Whether a query of these content words may have a typo to correct (the word list is needed). */
  function wantsVocabulary(query, words) {
    if (lang !== "th") return words.some(function (word) { return Array.from(word.text).length >= MIN_TYPO; });
    return query.split(/\s+/).some(function (run) { return Array.from(run).length >= MIN_TYPO && THAI.test(run); });
  }

  /*
   * Every content word's hits. A word of five letters or more the index does not have (Pagefind
   * still returns loose matches for it) is searched as its nearest index words instead (one letter
   * wrong, missing, extra or swapped); in Thai, where a typo also changes how the run is cut into
   * words, a near index word inside a run stands for the pieces it covers when no page has them
   * all or a piece is not an index word.
   * The index's word list is fetched, beside the searches, only for a query with such a word.
   */
  function gather(module, query) {
    var words = contentWords(queryWordsOf(query));
    var runs = query.split(/\s+/).filter(Boolean);
    // (a definition question's term is read with it too: definesTerm)
    var long = wantsVocabulary(query, words) || definitionTerm(query) !== null;
    return Promise.all([
      Promise.all(words.map(function (word) { return wordHits(module, word.text); })),
      long ? loadVocabulary() : Promise.resolve([]),
      phraseHits(module, query),
    ]).then(function (both) {
      if (lang !== "th" || !both[1] || !both[1].length) return both;
      // Thai: the pieces cut again now that the word list is here (ร้อง|เรียน is ร้องเรียน).
      var searched = words;
      words = contentWords(queryWordsOf(query));
      return Promise.all(words.map(function (word) {
        var same = searched.findIndex(function (old) { return old.text === word.text && old.chunk === word.chunk && old.start === word.start; });
        return same !== -1 ? both[0][same] : wordHits(module, word.text);
      })).then(function (hits) { return [hits, both[1]]; });
    }).then(function (both) {
      var hitsByWord = both[0];
      var vocab = both[1] || [];
      var phrases = both[2];
      var known = knownIn(vocab);
      var fixed = [];
      var byPhrase = {}; // a correction to a phrase's word only -> the word typed (reported if the phrase is found)
      var spelled = {}; // a word typed -> its corrections (a definition question's term is read with them)
      var asked = null; // Thai: the query with its corrected words in place of the letters they cover
      var fixes = words.map(function (word) {
        var size = Array.from(word.text).length;
        if (!vocab.length || size < MIN_TYPO - 1) return null;
        var how = known(word.text);
        if (how === "exact") return null;
        var found = lang === "th" || size < MIN_TYPO ? [] : corrections(word.text, vocab);
        if (!found.length && how === "stem") return null; // an ending Pagefind's stemmer removes
        if (how === "stem" && STEMMED[lang] && found.every(function (fix) { return fix.charAt(0) === PHRASE_MARK; })) {
          // Near a phrase's word only (перестали, ǂперестал): the word keeps the pages Pagefind's
          // stemmer finds for it, and the phrase is tried too; it is not shown as corrected.
          found = found.slice();
          found.keep = true;
          return found;
        }
        spelled[word.text] = found.map(function (fix) { return fix.replace(PHRASE_MARK, ""); });
        spelled[word.text].forEach(function (fix) {
          if (found.indexOf(fix) === -1) byPhrase[fix] = word.text;
        });
        fixed = fixed.concat(spelled[word.text]);
        return found; // [] when nothing is near: the word matches nothing
      });
      hitsByWord = hitsByWord.map(function (hits, index) { return fixes[index] && !fixes[index].length ? {} : hits; });
      var ranked = rank(words, withPhrases(words, hitsByWord, phrases));
      // Thai: every run is read for typos, even when every page word seems found: Pagefind matches a
      // piece no index word is (ขั้น|ตอ, the segmenter's cut of a word typed short) loosely, as the
      // start of longer words, and the pieces of a slip may each be a word (ลูก|คา: thaiSlip).
      if (lang === "th" && vocab.length) {
        var extraWords = [];
        var runsAsked = runs.slice();
        runs.forEach(function (run, chunk) {
          if (Array.from(run).length < MIN_TYPO || !THAI.test(run)) return;
          var pieces = words.filter(function (word) { return word.chunk === chunk; });
          var near = thaiCorrections(run, vocab, pieces).sort(function (a, b) { return a.start - b.start; });
          if (!near.length) return;
          // The corrected words stand for the letters they cover, and the rest of the run is cut into
          // words again (ขอโทด|ลูกค้า gives ขอโทษ and ลูกค้า, not the segmenter's ขอ|โท|ดลูก|ค้า).
          var rest = thaiRest(Array.from(run), near, chunk);
          var kept = words.map(function (word) { return word.chunk !== chunk; });
          words = words.filter(function (word, index) { return kept[index]; });
          fixes = fixes.filter(function (fix, index) { return kept[index]; });
          hitsByWord = hitsByWord.filter(function (hits, index) { return kept[index]; });
          rest.forEach(function (word) {
            if (words.some(function (other) { return other.text === word.text; })) return;
            words.push(word);
            fixes.push(null);
            hitsByWord.push(null); // searched below
          });
          var letters = Array.from(run);
          var from = 0;
          runsAsked[chunk] = near.reduce(function (text, found) {
            var before = letters.slice(from, found.start).join("");
            from = found.end;
            return text + before + found.text;
          }, "") + letters.slice(from).join("");
          near.forEach(function (found) {
            extraWords.push({ text: found.text, chunk: chunk, start: found.start, end: found.end });
            fixed.push(found.text);
          });
        });
        asked = runsAsked.join(" ");
        words = words.concat(extraWords);
        fixes = fixes.concat(extraWords.map(function (word) { return [word.text]; }));
      }
      var result = { words: words, ranked: ranked, fixed: [], spelled: spelled, asked: asked };
      if (!fixed.length && !fixes.some(function (fix) { return fix && fix.keep; })) return result;
      // A typo in a phrase's word (הלך לאיבוב for the phrase הלך לאיבוד, short stafed for short
      // staffed: the word list holds a phrase's words): the phrases with the corrected word are
      // searched too, as the typed word's (not Thai, which has no phrases).
      var typedOf = {};
      var corrected = lang === "th" ? [] : queryWordsOf(query).map(function (typed) {
        var at = words.findIndex(function (word) { return word.text === typed.text; });
        if (at === -1 || !fixes[at] || !fixes[at].length) return typed.text;
        var fix = (fixes[at].find(function (near) { return near.charAt(0) === PHRASE_MARK; }) || fixes[at][0]).replace(PHRASE_MARK, "");
        typedOf[fix] = typed.text;
        return fix;
      });
      var fixedPhrases = !Object.keys(typedOf).length ? Promise.resolve([]) : phraseHits(module, corrected.join(" "), typedOf).then(function (found) {
        return found.map(function (phrase) {
          return { words: phrase.words.map(function (word) { return typedOf[word] || word; }), hits: phrase.hits };
        });
      });
      return Promise.all([fixedPhrases].concat(
        words.map(function (word, index) {
          // a correction is an index word as typed (נאמן), searched as the index holds it (נאמנ)
          if (fixes[index] && fixes[index].length && !fixes[index].keep) {
            // a phrase's word is found through its phrase only (alone, Pagefind answers loosely)
            var plain = fixes[index].filter(function (fix) { return fix.charAt(0) !== PHRASE_MARK; });
            return wordHits(module, null, plain.map(function (fix) { return openEnding(fix, lang); }));
          }
          return hitsByWord[index] ? Promise.resolve(hitsByWord[index]) : wordHits(module, word.text);
        })
      )).then(function (again) {
        var all = (phrases || []).concat(again[0]); // none in Thai
        // A correction to a phrase's word only is reported when a page has the phrase: with the
        // phrase's other word absent (לאיבוב alone, snipy) it found nothing, so nothing was corrected.
        var inPhraseFound = {};
        again[0].forEach(function (phrase) {
          if (Object.keys(phrase.hits).length) phrase.words.forEach(function (word) { inPhraseFound[word] = true; });
        });
        result.fixed = fixed.filter(function (fix) {
          return !Object.prototype.hasOwnProperty.call(byPhrase, fix) || inPhraseFound[byPhrase[fix]] === true;
        });
        result.ranked = rank(words, withPhrases(words, again.slice(1), all));
        return result;
      });
    });
  }

  /*
   * Within the first results: pages whose title has every word of the query first, and the home
   * page, glossary and sources (kind "page") last unless the query names them: a word of their
   * title, or one of the words the build lists as naming it (`hb_names`: the everyday words its
   * title's words have as synonyms, "meaning" for the glossary, "trust" for the sources). `reader`
   * is the search's pageReader (the query's definition term; how many of its words a page has).
   */
  function preferPages(pages, words, query, reader) {
    var titleHas = function (page, word) {
      var title = fold(cleanText((page.meta && page.meta.title) || "")).toLowerCase();
      return [fold(word.text)].concat(stemVariants(word.text, lang)).some(function (form) { return title.indexOf(form) !== -1; });
    };
    // Thai: a name may be a part of a query word (เชื่อถือ of เชื่อถือได้) or span two (หมาย|ถึง): a
    // word also stands for the segmenter's first piece of it, and that joined with the next one or two.
    var pieces = lang === "th" && query ? queryWordsOf(query, true) : [];
    var joins = function (word) {
      var at = pieces.findIndex(function (piece) { return piece.chunk === word.chunk && piece.start === word.start; });
      if (at < 0) return [];
      var text = pieces[at].text;
      var found = [fold(text).toLowerCase()];
      for (var next = at + 1; next < pieces.length && next <= at + 2; next++) {
        if (pieces[next].chunk !== word.chunk || pieces[next].start !== pieces[next - 1].end) break;
        text += pieces[next].text;
        found.push(fold(text).toLowerCase());
      }
      return found;
    };
    var named = function (page, word) {
      if (titleHas(page, word)) return true;
      var names = ((page.meta && page.meta.hb_names) || "").split(" ").filter(Boolean);
      var forms = [fold(word.text).toLowerCase()].concat(stemVariants(word.text, lang));
      var whole = forms.concat(joins(word));
      return names.some(function (name) {
        if (whole.indexOf(name) !== -1) return true;
        return lang !== "th" && forms.some(function (form) { return sameStem(form, name); });
      });
    };
    // A name that is a phrase (ǂوينجابوا, "where did they get"): the query's runs joined as phraseHits joins them.
    var runNames = !query ? [] : phraseRuns(query).reduce(function (all, run) {
      var rest = run.slice(1).map(function (word) { return fold(word.text); }).join("");
      return all.concat([fold(run[0].text)].concat(stemVariants(run[0].text, lang)).map(function (first) {
        return (PHRASE_MARK + first + rest).replace(/'/g, "").toLowerCase();
      }));
    }, []);
    var phraseNamed = function (page) {
      var names = ((page.meta && page.meta.hb_names) || "").split(" ");
      return runNames.some(function (name) { return names.indexOf(name) !== -1; });
    };
    var term = reader.term;
    var group = function (page) {
      var glossary = isGlossary(page);
      if (glossary && term && definesTerm(page, term)) return 0;
      if (words.length && words.every(function (word) { return titleHas(page, word); })) return 1;
      var reference = page.meta && page.meta.hb_kind === "page";
      if (glossary && term && term.length <= MAX_NAMING_TERM && reader.wordsOf(page) === words.length) return 2;
      return reference && !words.some(function (word) { return named(page, word); }) && !phraseNamed(page) ? 3 : 2;
    };
    return [0, 1, 2, 3].reduce(function (ordered, rank) {
      return ordered.concat(pages.filter(function (page) { return group(page) === rank; }));
    }, []);
  }

  function isGlossary(page) {
    return !!(page && page.meta && page.meta.hb_kind === "page" && /\/glossary\/$/.test(page.url || ""));
  }

  /*
   * Definition questions (issue 22): staff ask what a handbook word means ("what is a shift lead",
   * что такое X, ما معنى X, מה זה X, X คืออะไร) in the patterns of the language's `definitions`
   * (translations/glossary.yml, search section: `*` where the term stands). A pattern's words stand
   * together in the query (only fillers may come between them: "what exactly is", not "what to do
   * when there is"), anywhere in it ("new here, what is a shift lead exactly"), or (`^`) at its start,
   * stopwords and fillers aside (ما هو also negates, что за exclaims); one with the term first ends it,
   * fillers (and Thai particles: ครับ) aside; a Thai one in the unspaced text. The term is
   * what stands at `*`: its content words without the fillers (exactly, בעצם), one to MAX_TERM of
   * them, from the pattern that leaves the fewest. When the glossary page has a heading they name
   * (definesTerm), the glossary comes first; a shorter definition question that names none still
   * names the glossary if it has every word of the query (it is ranked among the pages, not after
   * them): "what is the refund policy" does not (no "policy").
   */
  var MAX_TERM = 4; // words: the glossary's longest terms (бонус на следующую покупку) have three or four
  var MAX_NAMING_TERM = 3;
  var DEFINITIONS = settings.definitions || {};
  var FILLER = {};
  (DEFINITIONS.filler || []).forEach(function (word) { FILLER[fold(word).toLowerCase()] = true; });
  var ASK = (DEFINITIONS.ask || []).map(function (pattern) {
    var opens = /^\^/.test(pattern);
    var parts = pattern.replace(/^\^/, "").split(/\s+/).filter(Boolean).map(function (word) { return word === "*" ? word : fold(word).toLowerCase(); });
    var at = parts.indexOf("*");
    return { before: parts.slice(0, at), after: parts.slice(at + 1), opens: opens };
  });
  var THAI_FILLERS = Object.keys(FILLER).sort(function (a, b) { return b.length - a.length; });

  function isFiller(word) {
    return FILLER[fold(word.text).toLowerCase()] === true;
  }

  /*
   * Thai `words` (queryWordsOf of the unspaced `text`) without the fillers that are whole words of
   * them, or runs of whole words (คำ|ว่า, ใน|คู่มือ): never a filler's letters inside a word of the
   * cut (คำ of คำแนะนำ, ศัพท์ of โทรศัพท์: the index's words, which the cut keeps whole).
   */
  function withoutThaiFillers(words, text) {
    var dropped = {};
    words.forEach(function (word, first) {
      THAI_FILLERS.some(function (filler) {
        var end = word.start + filler.length;
        if (text.slice(word.start, end) !== filler) return false;
        for (var last = first; last < words.length && words[last].end < end; last++);
        if (last === words.length || words[last].end !== end) return false;
        for (var at = first; at <= last; at++) dropped[at] = true;
        return true;
      });
    });
    return words.filter(function (word, index) { return !dropped[index]; });
  }

  /* Whether `form` (folded, lower case) is a whole word of the index's word list (false before it is loaded). */
  function indexHas(form) {
    return indexVocabulary !== null && hasWord(indexVocabulary)[form] === true;
  }

  /* Whether unspaced Thai `text` is only fillers and stopwords (particles: ครับ, ค่ะ, นะ). */
  function onlyParticles(text) {
    return !text || !queryWordsOf(text).some(function (word) { return isContentWord(word) && !isFiller(word); });
  }

  /*
   * Where `pattern` (words) stands in `texts` from `from` on: [start, end) of its first place, or
   * null. Only fillers (`skippable`) may stand between its words: "what exactly is", not "what to
   * do when there is". `last`: the first place that may start it.
   */
  function patternAt(texts, pattern, from, skippable, last) {
    var until = last === undefined ? texts.length - 1 : Math.min(last, texts.length - 1);
    for (var start = from; start <= until; start++) {
      if (texts[start] !== pattern[0]) continue;
      var at = start + 1;
      var matched = 1;
      while (matched < pattern.length && at < texts.length) {
        if (texts[at] === pattern[matched]) matched++;
        else if (!skippable[at]) break;
        at++;
      }
      if (matched === pattern.length) return [start, at];
    }
    return null;
  }

  /*
   * The term a definition question asks about: its deciding words ({text, fixes, ...}), or null;
   * `fixes`, the corrections the search made of the word (`spelled`: a word typed -> its corrections).
   */
  function definitionTerm(query, spelled) {
    if (!ASK.length) return null;
    var best = null;
    var keep = function (words) {
      var content = words.filter(function (word) { return isContentWord(word) && !isFiller(word); });
      if (content.length && content.length <= MAX_TERM && (!best || content.length < best.length)) best = content;
    };
    if (lang === "th") {
      var text = query.replace(/\s+/g, "").toLowerCase();
      ASK.forEach(function (pattern) {
        var before = pattern.before.join("");
        var after = pattern.after.join("");
        var start = before ? text.indexOf(before) : 0;
        if (start === -1 || (pattern.opens && !onlyParticles(text.slice(0, start)))) return;
        var from = start + before.length;
        var end = after ? text.indexOf(after, from + 1) : text.length;
        // A pattern with the term first ends the question (ลูกค้าประจำแปลว่าอะไรคะ), particles aside:
        // สินค้าหมดแปลว่าลูกค้าต้องไปร้านอื่น is a sentence, not a question.
        while (after && !before && end !== -1 && !onlyParticles(text.slice(end + after.length))) end = text.indexOf(after, end + 1);
        if (end === -1 || end <= from) return;
        var rest = text.slice(from, end);
        keep(withoutThaiFillers(queryWordsOf(rest), rest));
      });
      return best; // (Thai: the query is read with its corrected words in place: gather's `asked`)
    }
    var all = queryWordsOf(query);
    var texts = all.map(function (word) { return fold(word.text); });
    var skippable = all.map(isFiller);
    // Where an opening pattern may start: anywhere, or (`^`) after stopwords and fillers only.
    var lead = 0;
    while (lead < all.length && (skippable[lead] || !isContentWord(all[lead]))) lead++;
    ASK.forEach(function (pattern) {
      var from = 0;
      var to = all.length;
      if (pattern.before.length) {
        var opening = patternAt(texts, pattern.before, 0, skippable, pattern.opens ? lead : undefined);
        if (!opening) return;
        from = opening[1];
      }
      if (pattern.after.length) {
        var closing = patternAt(texts, pattern.after, from + 1, skippable);
        // A pattern with the term first ends the question, fillers aside ("shift lead meaning").
        while (closing && !pattern.before.length && !skippable.slice(closing[1]).every(Boolean)) {
          closing = patternAt(texts, pattern.after, closing[0] + 1, skippable);
        }
        if (!closing) return;
        to = closing[0];
      }
      keep(all.slice(from, to));
    });
    return best && best.map(function (word) {
      return Object.assign({}, word, { fixes: (spelled && spelled[word.text]) || [] });
    });
  }

  /*
   * Two forms of one word: the same, or (four letters or more) sharing all but the last two letters
   * of the longer (смены, смена; leads, lead): not regulations and regular, конкурс and конкурент.
   */
  function alike(a, b) {
    return a === b || sameStart(a, b, 4, Math.max);
  }

  /*
   * Hebrew: a heading word in a final ת (משמרת, ביקורת) is another word than the typed one when that
   * is the heading word without its ת and a word of the index (ביקור, a visit, is no form of ביקורת,
   * a review; `typed` and `heading`: their formsOf). A typed word the index lacks (משמר) may be the
   * heading word with a letter missing: it stays alike.
   */
  function anotherWord(typed, heading) {
    return lang === "he" && typed.some(function (form) { return indexHas(form) && heading.indexOf(form + "\u05EA") !== -1; });
  }

  /* A typed word the index lacks (no form of it a word of the word list) one letter from a heading word (four letters or more each). */
  function nearHeadingWord(typed, heading) {
    var a = Array.from(typed);
    var b = Array.from(heading);
    return a.length >= MIN_TYPO - 1 && b.length >= MIN_TYPO - 1 && oneEditApart(a, b);
  }

  /* A word's forms as compared with a heading's: as typed, without a prefix, as the index holds it. */
  function formsOf(text) {
    var forms = [fold(text).toLowerCase()].concat(stemVariants(text, lang));
    return forms.concat(forms.map(function (form) { return searchForm(form, lang); }));
  }

  /*
   * The glossary's headings (its terms) as read from Pagefind's anchors: each word of the heading
   * with the index-only words that follow it (its stems, forms and the everyday words synonyms give
   * it; not phrases). Thai: the heading's text unspaced, and its tokens.
   */
  function glossaryTerms(page) {
    return (page.anchors || [])
      .filter(function (anchor) { return /^h2$/i.test(anchor.element || ""); })
      .map(function (anchor) {
        var slots = [];
        var pattern = /\u2063([^\u2064]*)\u2064|[\p{L}\p{M}\p{N}']+/gu;
        var found;
        var text = String(anchor.text || "");
        while ((found = pattern.exec(text))) {
          if (found[1] === undefined) {
            slots.push({ word: fold(found[0]).toLowerCase(), tokens: [] });
          } else if (slots.length) {
            found[1].split(/\s+/).forEach(function (token) {
              if (token && token.charAt(0) !== PHRASE_MARK) slots[slots.length - 1].tokens.push(fold(token).toLowerCase());
            });
          }
        }
        return { slots: slots, text: cleanText(text).replace(/\s+/g, "").toLowerCase() };
      });
  }

  /*
   * Whether the glossary `page` has a heading that the `term` (definitionTerm) names: each of its
   * words is a word of the heading (in another form too: смены, смена; العميل, عميل) or an index
   * word that follows one (a synonym's everyday word: زبون for عميل), and one at least is the
   * heading's own (a synonym alone, "rules" for standard, does not name a term). Thai: a word is a
   * part of the heading's unspaced text, or one of its index words.
   */
  function definesTerm(page, term) {
    return glossaryTerms(page).some(function (heading) {
      var own = false;
      var all = term.every(function (word) {
        if (lang === "th") {
          var inText = heading.text.indexOf(fold(word.text).toLowerCase()) !== -1;
          own = own || inText;
          return inText || heading.slots.some(function (slot) { return slot.tokens.indexOf(fold(word.text).toLowerCase()) !== -1; });
        }
        // the word as typed and as the search corrected it (пастоянный: постоянный)
        var asTyped = formsOf(word.text);
        var forms = (word.fixes || []).reduce(function (list, fix) { return list.concat(formsOf(fix)); }, asTyped);
        var unknown = indexVocabulary !== null && !asTyped.some(indexHas);
        var mine = heading.slots.some(function (slot) {
          var slotForms = formsOf(slot.word);
          if (anotherWord(asTyped, slotForms)) return false;
          return slotForms.some(function (form) {
            return forms.some(function (typed) { return alike(typed, form); }) ||
              (unknown && asTyped.some(function (typed) { return nearHeadingWord(typed, form); }));
          });
        });
        own = own || mine;
        return mine || heading.slots.some(function (slot) {
          return slot.tokens.some(function (token) { return forms.some(function (typed) { return alike(typed, token); }); });
        });
      });
      return all && own;
    });
  }

  // For the tests: the term of a definition question (its words, or null), and whether it names a
  // glossary heading of that text.
  api.definitionTerm = function (query) {
    var term = definitionTerm(query);
    return term && term.map(function (word) { return word.text; });
  };
  api.definesHeading = function (query, heading) {
    var term = definitionTerm(query);
    return !!term && definesTerm({ anchors: [{ element: "h2", text: heading }] }, term);
  };

  /*
   * How one search reads its ranked hits' pages: {read(hit): the page, wordsOf(page): how many of the
   * query's words it has, term: definitionTerm of the query}. The count is kept in a map of this
   * search's own, not written onto the page: without a worker Pagefind gives every search the same
   * object for a page (its fragment cache), which another search may be reading.
   */
  function pageReader(term) {
    var counts = new WeakMap();
    return {
      term: term,
      read: function (hit) {
        return hit.result.data().then(function (page) {
          counts.set(page, hit.words);
          return page;
        });
      },
      wordsOf: function (page) { return counts.get(page); },
    };
  }

  /*
   * A definition question whose glossary ranked below the first results: the next results' pages
   * are read (a batch at a time, at most GLOSSARY_BATCHES, none once `stale()`: a newer query was
   * typed) until the glossary is among them. It joins the first results only if preferPages will
   * rank it there: its heading is the term (definesTerm), or it has every one of the query's
   * `wordCount` words ("what is wrong with the coffee machine" names no term: the glossary stays
   * out). {pages, rest}.
   */
  var GLOSSARY_BATCHES = 3;
  function withGlossary(pages, rest, wordCount, stale, reader) {
    var term = reader.term;
    if (!term || pages.some(isGlossary)) return Promise.resolve({ pages: pages, rest: rest });
    var names = function (page) {
      return definesTerm(page, term) || (term.length <= MAX_NAMING_TERM && reader.wordsOf(page) === wordCount);
    };
    var look = function (from, batches) {
      var batch = rest.slice(from, from + BATCH);
      if (!batch.length || !batches || stale()) return Promise.resolve({ pages: pages, rest: rest });
      return Promise.all(batch.map(reader.read)).then(function (more) {
        var at = more.findIndex(isGlossary);
        if (at === -1) return look(from + BATCH, batches - 1);
        if (!names(more[at])) return { pages: pages, rest: rest };
        return { pages: pages.concat([more[at]]), rest: rest.filter(function (hit) { return hit !== batch[at]; }) };
      });
    };
    return look(0, GLOSSARY_BATCHES);
  }

  var shownTerms = [];
  var english = null;

  /*
   * Pagefind's English index (same bundle), for a query with no result in the reader's language.
   * Pagefind takes an instance's language from <html lang> when it is created; it is created with
   * "en" there for that moment only (synchronously: nothing renders in between).
   */
  function englishIndex() {
    if (!english) {
      english = loadPagefind().then(function (module) {
        var root = document.documentElement;
        var was = root.getAttribute("lang");
        var instance;
        root.setAttribute("lang", "en");
        try {
          instance = module.createInstance({ basePath: new URL("pagefind/", rootUrl).href });
        } finally {
          root.setAttribute("lang", was);
        }
        return instance;
      });
      english.catch(function () { english = null; });
    }
    return english;
  }

  /* The English pages matching the query's content words (ranked as in `rank`), at most one batch. */
  function englishPages(query) {
    var words = contentWords(queryWordsOf(query)).filter(function (word) { return Array.from(word.text).length >= 2; });
    if (!words.length) return Promise.resolve([]);
    return englishIndex()
      .then(function (instance) {
        return Promise.all(words.map(function (word) {
          return instance.search(word.text).then(function (found) {
            var hits = {};
            ((found && found.results) || []).forEach(function (result) { hits[result.id] = { result: result, score: result.score }; });
            return hits;
          });
        }));
      })
      .then(function (hitsByWord) {
        var ranked = rank(words, hitsByWord).slice(0, BATCH);
        return Promise.all(ranked.map(function (page) { return page.result.data(); }));
      })
      .catch(function () { return []; });
  }

  function search(query) {
    var mine = ++sequence;
    query = query.trim();
    pending = [];
    if (!query) {
      show(label("prompt"));
      return Promise.resolve();
    }
    if (!pagefind) meta.textContent = label("loading");
    return loadPagefind()
      .then(function (module) { return early && early.query === query ? early.found : gather(module, query); })
      .then(function (found) {
        if (mine !== sequence) return null;
        var ranked = found.ranked.map(function (page) { return { result: page.result, score: page.score, words: page.words }; });
        var partial = ranked.length > 0 && !ranked.some(function (page) { return page.words === found.words.length; });
        // a definition question's term is read corrected, as the search read its words (gather)
        var reader = pageReader(definitionTerm(found.asked || query, found.spelled));
        return Promise.all(ranked.slice(0, BATCH).map(reader.read))
          .then(function (pages) {
            var stale = function () { return mine !== sequence; };
            return withGlossary(pages, ranked.slice(BATCH), found.words.length, stale, reader);
          })
          .then(function (shown) {
            return {
              pages: preferPages(shown.pages, found.words, query, reader),
              total: ranked.length,
              rest: shown.rest,
              partial: partial,
              fixed: found.fixed,
            };
          });
      })
      .then(function (found) {
        if (!found || mine !== sequence || found.total || lang === "en") return found;
        return englishPages(query).then(function (pages) {
          found.english = pages;
          return found;
        });
      })
      .then(function (found) {
        if (!found || mine !== sequence) return;
        shownQuery = query;
        shownTerms = found.fixed;
        var total = found.total;
        var inEnglish = found.english || [];
        box.toggleAttribute("data-hb-search-english", inEnglish.length > 0);
        if (inEnglish.length) {
          pending = [];
          show(label("english"), inEnglish.map(function (page) { return resultItem(page, true); }));
          box.toggleAttribute("data-hb-search-partial", false);
          box.setAttribute("data-hb-search-fixed", "");
          box.setAttribute("data-hb-search-shown", String(inEnglish.length));
          box.setAttribute("data-hb-search-done", query);
          return;
        }
        var message = total === 0 ? label("none") : found.partial ? label("partial", total) : total === 1 ? label("one") : label("other", total);
        // Not .map(resultItem): map's index would arrive as `english` (every result but the first
        // rendered as an English page: lang=en, the badge, English excerpt rules).
        show(message, found.pages.map(function (page) { return resultItem(page); }));
        box.toggleAttribute("data-hb-search-partial", found.partial);
        box.setAttribute("data-hb-search-fixed", found.fixed.join(" ")); // words corrected (typos)
        pending = found.rest;
        updateMore();
        box.setAttribute("data-hb-search-shown", String(found.pages.length));
        box.setAttribute("data-hb-search-done", query);
        fill();
      })
      .catch(function (error) {
        if (mine !== sequence) return;
        show(label("error"));
        if (window.console) window.console.error("handbook search:", error);
      });
  }

  /* Runs on `input` and on `keyup` (like Material's box), once per distinct query. */
  function schedule() {
    if (input.value === scheduled) return;
    scheduled = input.value;
    clearTimeout(timer);
    box.removeAttribute("data-hb-search-done");
    timer = setTimeout(function () { search(scheduled); }, 100);
    preload(scheduled);
  }

  var PRELOAD_MIN = 3; // letters: a shorter start of a word spans many index chunks
  var early = null; // {query, found, busy}: the last query gathered while it waited out its pause

  /*
   * While the query waits out the keystroke pause, Pagefind already searches it (`gather`: its
   * index chunks, the word list when needed, the ranking); the pause then only decides whether its
   * results are fetched and shown, and `search` takes the ranking from here. One such search at a
   * time: while one runs, a newer query only loads its chunks (a word being typed asks for those
   * of its first letters once: a longer start needs a subset of them).
   */
  function preload(query) {
    query = query.trim();
    var words = contentWords(queryWordsOf(query)).filter(function (word) {
      return Array.from(word.text).length >= PRELOAD_MIN;
    });
    if (!words.length || (early && early.query === query)) return;
    if (wantsVocabulary(query, words)) loadVocabulary();
    loadPagefind()
      .then(function (module) {
        if (!early || !early.busy) {
          var mine = (early = { query: query, found: gather(module, query), busy: true });
          mine.found.then(
            function () { mine.busy = false; },
            function () {
              mine.busy = false;
              if (early === mine) early = null; // the search after the pause tries again
            }
          );
          return;
        }
        words.forEach(function (word) {
          [word.text].concat(stemVariants(word.text, lang)).forEach(function (text) {
            module.preload(text).catch(function () { /* the search reports it */ });
          });
        });
      })
      .catch(function () { /* reported when a query runs */ });
  }

  function focusables() {
    // As in Material: result links, the "more on this page" toggles, and links they have opened.
    var selector = ":not(details) > .md-search-result__link, summary, details[open] .md-search-result__link";
    return [input].concat(Array.prototype.slice.call(list.querySelectorAll(selector)).filter(
      function (link) { return link.offsetParent !== null; }
    ));
  }

  if (moreButton) {
    moreButton.addEventListener("click", function () {
      var before = list.children.length;
      showMore().then(function () {
        var next = list.children[before] && list.children[before].querySelector(".md-search-result__link");
        if (next) next.focus();
      });
    });
  }
  input.addEventListener("focus", open);
  [box, document.querySelector("label.md-header__button[for='__search']")].forEach(function (target) {
    if (!target) return;
    target.addEventListener("pointerenter", warm);
    target.addEventListener("pointerdown", warm);
  });
  if (document.readyState === "complete") warmWhenIdle();
  else window.addEventListener("load", warmWhenIdle);
  if (scrollwrap) scrollwrap.addEventListener("scroll", fill, { passive: true });
  input.addEventListener("input", schedule);
  input.addEventListener("keyup", schedule);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      scheduled = "";
      search("");
      input.focus();
    }, 0);
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var active = document.activeElement;
    var searching = toggle ? toggle.checked : box.contains(active);
    if (!searching) {
      var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        input.focus();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var items = focusables();
      var at = items.indexOf(active);
      if (at === -1) at = 0;
      event.preventDefault();
      if (event.key === "ArrowDown" && at === items.length - 1 && pending.length) {
        showMore().then(function () {
          var more = focusables();
          if (more.length > items.length) more[items.length].focus();
        });
        return;
      }
      var next = event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
      items[next].focus();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link");
      if (first) first.click();
    }
  });
})();
