"""Onboarding paths (pages of `kind: path`): their steps, and each step's honest reading time.

A path page is parts (`##` sections) of numbered lists; each list item's first link is one step,
and the step asks the reader to read what it links to: one section (`page.md#anchor`, the section
up to the next heading of the same or a higher level) or the whole page. Its reading time is the
words of that text in the reader's language (the generated `docs/<lang>/` page) at that language's
reading rate (`READING_RATES`), rounded up to whole minutes; a part's time is the sum of its steps.
A path promises, in its front matter, that each part fits a break (`break_minutes: 15`);
`handbook check` reports a part whose steps take longer in any language (`path_time_problems`).
"""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from handbook.core.articles import markdown_parser, read_front_matter
from handbook.core.project import SOURCE_LANGUAGE
from handbook.core.source_refs import REFERENCE_RE

# Words per minute, per language, with their source. IReST: Trauzettel-Klosinski S, Dietz K, the
# IReST Study Group, "Standardized Assessment of Reading Performance: The New International Reading
# Speed Texts IReST", Investigative Ophthalmology & Visual Science 53(9):5452-5461, 2012,
# doi:10.1167/iovs.11-8284 (adult native readers, equivalent texts in 17 languages; per-language
# mean words/min). IReST measures reading aloud, which is slower than silent reading (Brysbaert,
# "How many words do we read per minute?", Journal of Memory and Language 109:104047, 2019: 238 wpm
# silent, 183 aloud, for English non-fiction), so a promised time errs on the long side: a reader
# on a break has time to spare, never too little. The 17-language mean (184) is as the paper's
# abstract states it; the per-language means are those of the paper's results table and were not
# re-checked against it when they were entered (the table was not reachable from this machine).
READING_RATES: dict[str, tuple[int, str]] = {
    "en": (228, "IReST 2012, English"),
    "he": (187, "IReST 2012, Hebrew"),
    "ar": (138, "IReST 2012, Arabic"),
    "ru": (184, "IReST 2012, Russian"),
    # IReST has no Thai text; its mean over all 17 languages (184 words/min, the paper's abstract),
    # with Thai words counted by pythainlp's word segmenter (Thai is written without spaces).
    "th": (184, "IReST 2012, mean of 17 languages (no Thai text in IReST)"),
}
DEFAULT_RATE = (184, "IReST 2012, mean of 17 languages")


def reading_rate(lang: str) -> int:
    """Words per minute for readers of `lang`."""
    return READING_RATES.get(lang, DEFAULT_RATE)[0]


@dataclass(frozen=True)
class Step:
    """One item of a path: the page (path under the language folder) and section it asks to read."""

    number: int  # 1-based, across the whole path
    part: str  # anchor of the `##` part it is in
    target: str  # e.g. "principles/greet-then-give-space.md"
    anchor: str  # "" for the whole page
    title: str  # the link text in the path page's language


@dataclass(frozen=True)
class Part:
    anchor: str
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class OnboardingPath:
    id: str
    source: str  # e.g. "onboarding/first-shift.md"
    title: str
    break_minutes: int | None
    parts: tuple[Part, ...]

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for part in self.parts for step in part.steps)


def _inline_text(token) -> str:
    return "".join(child.content for child in token.children or () if child.type in ("text", "code_inline"))


def read_path(markdown_file: Path, source: str) -> OnboardingPath | None:
    """The path a page describes (None if its kind is not `path`)."""
    front = read_front_matter(markdown_file)
    data = front.data
    if data.get("kind") != "path":
        return None
    tokens = markdown_parser().parse(front.body)
    parts: list[Part] = []
    part_anchor, part_title, steps = "", "", []
    number = 0
    depth = 0  # ordered-list nesting
    item_open = False
    folder = posixpath.dirname(source)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            if steps:
                parts.append(Part(part_anchor, part_title, tuple(steps)))
            part_anchor, part_title, steps = token.attrGet("id") or "", _inline_text(tokens[index + 1]), []
        elif token.type == "ordered_list_open":
            depth += 1
        elif token.type == "ordered_list_close":
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            item_open = True
        elif token.type == "inline" and item_open:
            item_open = False
            children = token.children or []
            for position, child in enumerate(children):
                if child.type != "link_open":
                    continue
                href = str(child.attrGet("href") or "")
                if "://" in href or href.startswith(("mailto:", "/")):
                    break
                file_part, _, anchor = href.partition("#")
                if not file_part.endswith(".md"):
                    break
                title = []
                for inner in children[position + 1 :]:
                    if inner.type == "link_close":
                        break
                    if inner.type in ("text", "code_inline"):
                        title.append(inner.content)
                number += 1
                target = posixpath.normpath(posixpath.join(folder, file_part))
                steps.append(Step(number, part_anchor, target, anchor, "".join(title).strip()))
                break
    if steps:
        parts.append(Part(part_anchor, part_title, tuple(steps)))
    minutes = data.get("break_minutes")
    return OnboardingPath(
        id=str(data.get("id") or ""),
        source=source,
        title=str(data.get("title") or ""),
        break_minutes=minutes if isinstance(minutes, int) else None,
        parts=tuple(parts),
    )


def _words(text: str, lang: str) -> int:
    if lang == "th":
        from pythainlp.tokenize import word_tokenize

        return sum(1 for word in word_tokenize(text, engine="newmm", keep_whitespace=False) if word.strip())
    return len(text.split())


def section_text(markdown_file: Path, anchor: str) -> str:
    """The readable text of a page (anchor "") or of one of its sections, without source references."""
    body = read_front_matter(markdown_file).body
    tokens = markdown_parser().parse(body)
    texts: list[str] = []
    inside = not anchor
    level = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            this_level = int(token.tag[1])
            if anchor and token.attrGet("id") == anchor:
                inside, level = True, this_level
            elif anchor and inside and this_level <= level:
                break
            if not anchor and this_level == 1:
                continue
        if inside and token.type == "inline":
            if index and tokens[index - 1].type == "heading_open" and tokens[index - 1].tag == "h1":
                continue
            texts.append(_inline_text(token))
        elif inside and token.type in ("code_block", "fence"):
            texts.append(token.content)
    return REFERENCE_RE.sub("", "\n".join(texts))


@dataclass(frozen=True)
class Timing:
    words: int
    minutes: int


def reading_time(markdown_file: Path, anchor: str, lang: str) -> Timing:
    """How long the text a step links to takes to read in `lang`, in whole minutes (at least 1)."""
    words = _words(section_text(markdown_file, anchor), lang)
    return Timing(words, max(1, math.ceil(words / reading_rate(lang))))


def language_file(docs_dir: Path, lang: str, source: str) -> Path:
    """The page's Markdown in `lang`, else the English (static-i18n's fallback)."""
    own = docs_dir / lang / source
    return own if own.is_file() else docs_dir / SOURCE_LANGUAGE / source


def find_paths(docs_dir: Path, lang: str, order: list[str] | None = None) -> list[OnboardingPath]:
    """Every path page of a language, in `order` (page sources, e.g. the nav's) then by file name."""
    english = docs_dir / SOURCE_LANGUAGE
    found: list[OnboardingPath] = []
    for file in sorted(english.rglob("*.md")):
        source = file.relative_to(english).as_posix()
        try:
            path = read_path(language_file(docs_dir, lang, source), source)
        except Exception:  # noqa: BLE001 - a broken page is `handbook check`'s to report
            continue
        if path is not None:
            # The promise is the English page's (a generated page may not be synced yet).
            promised = read_front_matter(file).data.get("break_minutes")
            found.append(replace(path, break_minutes=promised if isinstance(promised, int) else None))
    rank = {source: index for index, source in enumerate(order or [])}
    found.sort(key=lambda path: (rank.get(path.source, len(rank)), path.source))
    return found


@dataclass(frozen=True)
class PathTimes:
    path: OnboardingPath
    steps: dict[int, Timing]  # step number -> timing

    def part_minutes(self, part: Part) -> int:
        return sum(self.steps[step.number].minutes for step in part.steps)

    @property
    def total_minutes(self) -> int:
        return sum(self.part_minutes(part) for part in self.path.parts)


def path_times(docs_dir: Path, path: OnboardingPath, lang: str, _seen: tuple[str, ...] = ()) -> PathTimes:
    """Each step's time; a step that is a whole other path ("Your first shift. If you have not read
    it yet, start here.") asks the reader to read that path, so it takes that path's total."""
    steps: dict[int, Timing] = {}
    for step in path.steps:
        if not (docs_dir / SOURCE_LANGUAGE / step.target).is_file():
            continue
        file = language_file(docs_dir, lang, step.target)
        inner = read_path(file, step.target) if not step.anchor else None
        if inner is not None and inner.source not in _seen + (path.source,):
            total = path_times(docs_dir, inner, lang, _seen + (path.source,))
            words = sum(timing.words for timing in total.steps.values())
            steps[step.number] = Timing(words, total.total_minutes)
        else:
            steps[step.number] = reading_time(file, step.anchor, lang)
    return PathTimes(path, steps)


def path_time_problems(docs_dir: Path, languages: list[str]) -> list[tuple[str, str, str]]:
    """(lang, page, message) for each part of a path that takes longer than its promised break."""
    problems: list[tuple[str, str, str]] = []
    for lang in languages:
        for path in find_paths(docs_dir, lang):
            if path.break_minutes is None:
                continue
            times = path_times(docs_dir, path, lang)
            for part in path.parts:
                minutes = times.part_minutes(part)
                if minutes > path.break_minutes:
                    detail = ", ".join(
                        f"{step.target}{'#' + step.anchor if step.anchor else ''} "
                        f"{times.steps[step.number].minutes} min"
                        for step in part.steps
                        if step.number in times.steps
                    )
                    problems.append(
                        (
                            lang,
                            path.source,
                            f"part #{part.anchor} takes {minutes} minutes to read in {lang} "
                            f"({detail}; {reading_rate(lang)} words/min), more than the "
                            f"break_minutes: {path.break_minutes} the path promises; split the "
                            "part or link to shorter sections",
                        )
                    )
    return problems
