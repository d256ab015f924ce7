"""The markdown-it-py parser of `handbook.translate.segments`, with its inline rules wrapped.

The spans that become placeholders (inline code, link and image destinations, autolinks, bare
URLs, inline HTML, attribute lists, literal `{N}`, source references `[src-000 §4]`) are recorded by markdown-it's own inline rules,
never found with regexes over the Markdown; `inline_spans(text)` returns them for one text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from handbook.core.source_refs import REFERENCE_RE

# --- the parser -------------------------------------------------------------------------------

# Inline rules whose matches become placeholders, by markdown-it rule name.
_PROTECTED_RULES = ("backticks", "autolink", "html_inline", "escape")
_ATTR_LIST_RE = re.compile(r"\{[:#.][^{}\n]*\}|\{\d+\}")
_URL_START_RE = re.compile(r"(?<![\w/@.])https?://")
_URL_RE = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+")
_URL_TRAILING = ".,;:!?"


def _spans(state: StateInline) -> list[tuple[str, int, int]] | None:
    return state.env.get("_segment_spans")


def _wrap_rule(name: str, function: Callable) -> Callable:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        matched = function(state, silent)
        spans = _spans(state)
        if matched and not silent and spans is not None:
            spans.append((name, start, state.pos))
        return matched

    return wrapped


def _wrap_link(name: str, function: Callable, label_offset: int) -> Callable:
    """Record where a link's destination part starts: the text between the brackets stays."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        spans = _spans(state)
        label_end = -1
        if (
            not silent
            and spans is not None
            and state.src.startswith("!" if label_offset == 2 else "[", start)
        ):
            label_end = state.md.helpers.parseLinkLabel(state, start + label_offset - 1, label_offset == 1)
            state.pos = start
        index = len(spans) if spans is not None else 0
        matched = function(state, silent)
        if matched and not silent and spans is not None and label_end >= 0:
            # Inserted before the label's own spans so spans stay in source order.
            spans.insert(index, (name, start, label_end, state.pos))  # type: ignore[arg-type]
        return matched

    return wrapped


def _keep_verbatim(state: StateInline, match: re.Match[str], kind: str, silent: bool) -> bool:
    """Consume `match` as plain text and record it as a protected span of `kind`."""
    if not silent:
        token = state.push("text", "", 0)
        token.content = match.group(0)
        spans = _spans(state)
        if spans is not None:
            spans.append((kind, match.start(), match.end()))
    state.pos = match.end()
    return True


def _attr_list_rule(state: StateInline, silent: bool) -> bool:
    """`{#id}`, `{: .class}` (attr_list) and literal `{7}`: kept verbatim, shown as text."""
    if state.src[state.pos] != "{":
        return False
    match = _ATTR_LIST_RE.match(state.src, state.pos)
    if match is None:
        return False
    return _keep_verbatim(state, match, "attr", silent)


def _source_ref_rule(state: StateInline, silent: bool) -> bool:
    """`[src-000 §4]`: one protected span, kept verbatim (before `link`, so a same-named link
    definition cannot turn it into a link). Silent (a link label being scanned) it matches
    nothing, so a `[` inside link text still counts as a bracket and the link is not refused."""
    if silent or state.src[state.pos] != "[":
        return False
    match = REFERENCE_RE.match(state.src, state.pos)
    if match is None or match.end() > state.posMax:
        return False
    return _keep_verbatim(state, match, "source_ref", silent)


def _bare_url_rule(state: StateInline, silent: bool) -> bool:
    """A bare http(s) URL in running text (Python-Markdown shows it as text; we protect it)."""
    if state.src[state.pos] != "h" or not _URL_START_RE.match(state.src, state.pos):
        return False
    if state.pos > 0 and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "/@."):
        return False
    match = _URL_RE.match(state.src, state.pos)
    if match is None:
        return False
    end = match.end()
    while end > state.pos and state.src[end - 1] in _URL_TRAILING:
        end -= 1
    if not silent:
        token = state.push("text", "", 0)
        token.content = state.src[state.pos : end]
        spans = _spans(state)
        if spans is not None:
            spans.append(("url", state.pos, end))
    state.pos = end
    return True


_TERMINATORS = frozenset("\n!#$%&*+-:<=>@[\\]^_`{}~")


# Where the text rule may stop: a terminator, or an "h" that may start a bare URL.
_TEXT_STOP = re.compile("[" + re.escape("".join(sorted(_TERMINATORS))) + "h]")


def _text_rule(state: StateInline, silent: bool) -> bool:
    """markdown-it's text rule, but it also stops where a bare URL starts."""
    pos = state.pos
    src = state.src
    maximum = state.posMax
    while pos < maximum:
        stop = _TEXT_STOP.search(src, pos, maximum)  # the scan in C, not a character at a time
        if stop is None:
            pos = maximum
            break
        pos = stop.start()
        if src[pos] != "h" or (pos > state.pos and _URL_START_RE.match(src, pos)):
            break
        pos += 1
    if pos == state.pos:
        return False
    if not silent:
        state.pending += src[state.pos : pos]
    state.pos = pos
    return True


def _core_inline(state) -> None:
    """Parse each inline block on its own, recording the protected spans on the token."""
    for token in state.tokens:
        if token.type == "inline":
            state.env["_segment_spans"] = spans = []
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta["spans"] = spans
    state.env.pop("_segment_spans", None)


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(front_matter_plugin).use(deflist_plugin).use(admon_plugin)
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in _PROTECTED_RULES:
        md.inline.ruler.at(name, _wrap_rule(name, rules[name]))
    md.inline.ruler.at("link", _wrap_link("link", rules["link"], 1))
    md.inline.ruler.at("image", _wrap_link("image", rules["image"], 2))
    md.inline.ruler.at("text", _text_rule)
    md.inline.ruler.before("text", "handbook_attr_list", _attr_list_rule)
    md.inline.ruler.before("link", "handbook_source_ref", _source_ref_rule)
    md.inline.ruler.before("text", "handbook_bare_url", _bare_url_rule)
    md.core.ruler.at("inline", _core_inline)
    return md


_PARSER = _make_parser()


def inline_spans(text: str) -> list[tuple]:
    """The protected spans markdown-it finds in one piece of inline Markdown (for QA and escaping)."""
    env: dict = {"_segment_spans": []}
    tokens: list[Token] = []
    _PARSER.inline.parse(text, _PARSER, env, tokens)
    return env["_segment_spans"]
