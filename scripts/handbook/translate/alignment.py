"""Structural comparison of an English page and a translated page: same blocks, links, anchors, code.

Used to check a translator's full-page draft before it is imported into the translation memory, and
by `python -m handbook.translate.alignment EN.md TRANSLATED.md` for translators checking their own work.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin

from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.translate import segments
from handbook.translate.glossary import TARGET_LANGUAGES, NumberRule, load_glossary

_ANCHOR = re.compile(r"\{#[^}]+\}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Thousands separators differ by language (4,000 / 4 000); compare the digits only.
_GROUPING = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)")
TRANSLATED_KEYS = ("title", "summary", "keywords")


@dataclass(frozen=True)
class Block:
    """One block of a page with the parts a translation must keep."""

    kind: str
    line: int
    links: tuple[str, ...]
    code: tuple[str, ...]
    anchors: tuple[str, ...]
    numbers: tuple[str, ...]
    text: str = ""


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(admon_plugin)


def split_front_matter(text: str, *, path: str | None = None) -> tuple[dict, str, int]:
    """(front matter, body, lines before the body), parsed as `handbook sync` parses pages."""
    front = segments.split_front_matter(text, path=path)
    return front.data, text[front.body_start :], text[: front.body_start].count("\n")


def blocks(text: str) -> list[Block]:
    """Block structure of a Markdown body: each inline run with its block kind and kept parts."""
    tokens = _parser().parse(text)
    result: list[Block] = []
    stack: list[str] = []
    for token in tokens:
        if token.nesting == 1:
            stack.append(token.tag or token.type)
            if token.type == "admonition_open":
                result.append(
                    Block(
                        f"admonition:{token.info.split()[0] if token.info else ''}",
                        (token.map or [0])[0] + 1,
                        (),
                        (),
                        (),
                        (),
                    )
                )
            continue
        if token.nesting == -1:
            stack.pop()
            continue
        if token.type != "inline":
            if token.type in ("fence", "code_block", "hr", "html_block"):
                result.append(Block(token.type, (token.map or [0])[0] + 1, (), (token.content,), (), ()))
            continue
        links = tuple(
            child.attrs.get("href", "") for child in token.children or [] if child.type == "link_open"
        )
        code = tuple(child.content for child in token.children or [] if child.type == "code_inline")
        plain = _GROUPING.sub("", "".join(c.content for c in token.children or [] if c.type == "text"))
        result.append(
            Block(
                kind="/".join(stack),
                line=(token.map or [0])[0] + 1,
                links=links,
                code=code,
                anchors=tuple(_ANCHOR.findall(token.content)),
                numbers=tuple(sorted(_NUMBER.findall(plain))),
                text=plain,
            )
        )
    return result


def compare(
    english: str,
    translated: str,
    *,
    path: str | None = None,
    lang: str = "",
    numbers: NumberRule | None = None,
) -> list[str]:
    """Problems that stop `translated` (at `path`) from lining up with `english`, block by block.
    With `numbers` (the glossary's rule for `lang`), a small number may be spelled out as one of
    its accepted words."""
    problems: list[str] = []
    en_meta, en_body, en_offset = split_front_matter(english)
    try:
        tr_meta, tr_body, tr_offset = split_front_matter(translated, path=path)
    except HandbookError as error:
        return [error.detail + (f" (line {error.line})" if error.line else "")]
    for key, value in en_meta.items():
        if key in TRANSLATED_KEYS:
            if not tr_meta.get(key):
                problems.append(f"front matter: {key!r} is missing or empty")
        elif tr_meta.get(key) != value:
            problems.append(f"front matter: {key!r} must be copied unchanged from the English")
    en_blocks, tr_blocks = blocks(en_body), blocks(tr_body)
    if len(en_blocks) != len(tr_blocks):
        problems.append(f"the English has {len(en_blocks)} blocks, the translation {len(tr_blocks)}")
    for en, tr in zip(en_blocks, tr_blocks, strict=False):
        where = f"line {tr.line + tr_offset} (English line {en.line + en_offset})"
        if en.kind != tr.kind:
            problems.append(f"{where}: expected a {en.kind} block, found {tr.kind}")
            break
        for part in ("links", "code", "anchors"):
            if getattr(en, part) != getattr(tr, part):
                problems.append(f"{where}: {part} differ: {getattr(en, part)} != {getattr(tr, part)}")
        if en.numbers != tr.numbers and not _spelled_out(en, tr, lang, numbers):
            problems.append(f"{where}: numbers differ: {en.numbers} != {tr.numbers}")
    return problems


def _spelled_out(en: Block, tr: Block, lang: str, rule: NumberRule | None) -> bool:
    """Whether the numbers `tr` lacks are spelled out as the rule allows (and it adds none)."""
    english, written = Counter(en.numbers), Counter(tr.numbers)
    if rule is None or written - english:
        return False
    missing = english - written
    return not (missing - rule.spelled_out(missing, tr.text, lang))


def _draft_language(path: Path) -> str:
    """The target language a draft's path names (`.../he/principles/x.md`), or ""."""
    return next((part for part in reversed(path.parts[:-1]) if part in TARGET_LANGUAGES), "")


def _number_rule(lang: str) -> NumberRule | None:
    """The project's glossary rule for `lang` (found from the working directory), if any."""
    if not lang:
        return None
    try:
        glossary = Project.discover().translations_dir / "glossary.yml"
        return load_glossary(glossary).numbers.get(lang) if glossary.is_file() else None
    except HandbookError:
        return None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m handbook.translate.alignment ENGLISH.md TRANSLATED.md", file=sys.stderr)
        return 2
    english, translated = (Path(arg).read_text(encoding="utf-8") for arg in argv)
    lang = _draft_language(Path(argv[1]).resolve())
    problems = compare(english, translated, path=argv[1], lang=lang, numbers=_number_rule(lang))
    for problem in problems:
        print(f"{argv[1]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
