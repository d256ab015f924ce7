"""Source references to one source that stand together in the English stay together in translations.

`[src-004 §7] [src-004 §8]` at the end of an English paragraph is one source note on the site
("Source: …, ¶7, ¶8"; `handbook.site.source_notes` merges a run of references to one source that
are separated by single spaces). In the PO file they are two placeholders, `{1} {2}`. A
translation that puts a word between them (`… {1} שירות {2}`) would make two notes, one element
more than the English page, reading apart; one that reorders a run of mixed sources could merge
two notes into one.

The rule is the English's: a *cluster* is a run of reference placeholders separated by single
spaces in the English segment that cites some source more than once (so the site merges some of
it), and it is drawn as in the English, whole, in English order. References to different sources
are two notes wherever they stand, and a translator may place them freely. When a page is
rendered (`together`), a cluster's placeholders are taken out of the translation and put back as
one run where its last one stood; the translator's words that stood between them stay, before
the run. Nothing is dropped and no note is added. Because that moves a translator's words,
`handbook check` reports such a reviewed entry (`qa-citations`) and `handbook import` refuses such
a draft (`apart`: the placeholders, their references and the fix).

The reverse: two references to one source that the English keeps apart (text between them, two
notes) and a translation puts side by side would merge into one note. The page keeps them two
notes where the translator put them (a no-break space between them instead of the space the site
merges on), and `handbook check` / `handbook import` report it too (`side_by_side`).
"""

from __future__ import annotations

import re

from handbook.core.source_refs import REFERENCE_RE
from handbook.translate.segments import PLACEHOLDER_RE, Segment

_BLANKS = " \t"


def clusters(segment: Segment) -> list[tuple[str, ...]]:
    """The segment's runs of reference placeholders (`("{1}", "{2}")`, English order) that cite
    some source more than once."""
    sources = _sources(segment)
    return [
        run for run in _runs(segment.source, set(sources)) if len({sources[name] for name in run}) < len(run)
    ]


def _sources(segment: Segment) -> dict[str, str]:
    """Each reference placeholder of the segment (`{1}`) and the source it cites (`src-004`)."""
    return {
        f"{{{index}}}": match.group(1)
        for index, original in enumerate(segment.originals, start=1)
        if (match := REFERENCE_RE.fullmatch(original))
    }


def _runs(text: str, references: set[str]) -> list[tuple[str, ...]]:
    """The runs of two or more of `references` in `text` separated by single spaces, in text order
    (what the site merges into one source note when they cite one source)."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    previous_end = -1
    for match in PLACEHOLDER_RE.finditer(text):
        name = match.group(0)
        if name in references and run and text[previous_end : match.start()] == " ":
            run.append(name)
        else:
            if len(run) > 1:
                found.append(tuple(run))
            run = [name] if name in references else []
        previous_end = match.end()
    if len(run) > 1:
        found.append(tuple(run))
    return found


def _merged_apart(segment: Segment, text: str) -> list[tuple[str, str]]:
    """Neighbours in `text` (`("{1}", "{3}")`, separated by one space) that cite one source but
    stand apart in the English: the site would merge their two notes into one."""
    sources = _sources(segment)
    english = {
        pair for run in _runs(segment.source, set(sources)) for pair in zip(run, run[1:], strict=False)
    }
    return [
        (one, two)
        for run in _runs(text, set(sources))
        for one, two in zip(run, run[1:], strict=False)
        if sources[one] == sources[two] and (one, two) not in english
    ]


def _matches(text: str, cluster: tuple[str, ...]) -> list[re.Match[str]]:
    return [match for match in PLACEHOLDER_RE.finditer(text) if match.group(0) in cluster]


def _as_in_english(text: str, cluster: tuple[str, ...]) -> bool:
    """Each placeholder once, in English order, separated by single spaces."""
    found = _matches(text, cluster)
    return tuple(match.group(0) for match in found) == cluster and all(
        text[one.end() : two.start()] == " " for one, two in zip(found, found[1:], strict=False)
    )


def together(segment: Segment, text: str) -> str:
    """`text` (a translation of `segment`) with each cluster drawn as in the English.

    A cluster the translation already writes as the English does is left alone; otherwise its
    placeholders (every occurrence) are removed, each with the spaces before it (after it, at a
    line start), and the whole cluster is put where the last of them stood. A cluster the
    translation leaves out entirely stays out (`pages.with_source_references` adds it).
    """
    for cluster in clusters(segment):
        if _as_in_english(text, cluster):
            continue
        found = _matches(text, cluster)
        if not found:
            continue
        pieces: list[str] = []
        cursor = 0
        for match in found[:-1]:
            start, end = match.start(), match.end()
            while start > cursor and text[start - 1] in _BLANKS:
                start -= 1
            if start == 0 or text[start - 1] == "\n":
                while end < len(text) and text[end] in _BLANKS:
                    end += 1
            pieces.append(text[cursor:start])
            cursor = end
        last = found[-1]
        pieces += [text[cursor : last.start()], " ".join(cluster), text[last.end() :]]
        text = "".join(pieces)
    for one, two in _merged_apart(segment, text):  # two notes in the English: two notes here
        text = text.replace(f"{one} {two}", f"{one}\u00a0{two}", 1)
    return text


def apart(segment: Segment, text: str) -> str | None:
    """Why `text` does not keep the segment's clusters as the English does, with the fix; or None.

    A cluster the translation lacks a placeholder of is left to `qa-placeholders`.
    """
    for cluster in clusters(segment):
        found = _matches(text, cluster)
        if {match.group(0) for match in found} != set(cluster) or _as_in_english(text, cluster):
            continue
        joined = " ".join(cluster)
        references = " ".join(segment.originals[int(name[1:-1]) - 1] for name in cluster)
        between = text[found[0].end() : found[-1].start()]
        words = re.sub(r"\s+", " ", PLACEHOLDER_RE.sub(" ", between)).strip()
        found_text = f"{words!r} stands between them" if words else "they are ordered or spaced otherwise"
        return (
            f"the source references {joined} ({references}) stand together in the English, as one "
            f"source note, but {found_text} here: write {joined} together, in this order, as one unit "
            "(usually at the end of the sentence)"
        )
    return None


def side_by_side(segment: Segment, text: str) -> str | None:
    """Why `text` puts side by side two references to one source that the English keeps apart (two
    source notes, which would read as one), with the fix; or None."""
    for one, two in _merged_apart(segment, text):
        references = ", ".join(segment.originals[int(name[1:-1]) - 1] for name in (one, two))
        return (
            f"the source references {one} and {two} ({references}) are two source notes in the English, "
            f"with text between them, but stand side by side here, where they read as one note: put each "
            "after the words it supports, as the English does"
        )
    return None
