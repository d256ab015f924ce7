"""`handbook check` translation QA: every reviewed segment of every language passes `handbook.checks.qa`.

A reviewer who has checked a finding and found it wrong (a term used in another sense, say)
silences it for that one entry with a translator comment in the PO file, as Weblate's
`ignore-*` flags do: `# qa-ignore: qa-glossary` (several codes separated by commas).
"""

from __future__ import annotations

from handbook.checks.qa import check_segment
from handbook.checks.registry import Problem, check
from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.translate.glossary import load_glossary
from handbook.translate.memory import SegmentState, load_catalog

IGNORE_PREFIX = "qa-ignore:"


def ignored_codes(comments: tuple[str, ...]) -> set[str]:
    """QA codes a reviewer silenced for one entry with `# qa-ignore: code, code`."""
    codes: set[str] = set()
    for comment in comments:
        if comment.startswith(IGNORE_PREFIX):
            codes.update(code.strip() for code in comment[len(IGNORE_PREFIX) :].split(",") if code.strip())
    return codes


@check
def translation_qa(project: Project) -> list[Problem]:
    """Numbers, placeholders, glossary, script, spacing and punctuation of reviewed translations."""
    catalogs = [
        (lang, path)
        for lang in project.target_languages
        for path in sorted((project.translations_dir / lang).rglob("*.po"))
    ]
    if not catalogs:
        return []
    try:
        glossary = load_glossary(project.translations_dir / "glossary.yml")
    except HandbookError as error:
        return [Problem("qa-glossary-file", "", "translations/glossary.yml", error.format_message())]
    problems: list[Problem] = []
    for lang, path in catalogs:
        page = path.relative_to(project.translations_dir / lang).with_suffix(".md").as_posix()
        try:
            catalog = load_catalog(path, lang=lang, page=page)
        except HandbookError:
            continue  # a PO file that does not parse is reported by the sync checks
        for entry in catalog.entries:
            if entry.state is not SegmentState.REVIEWED:
                continue
            ignored = ignored_codes(entry.comments)
            for finding in check_segment(entry.msgid, entry.msgstr, lang, glossary):
                if finding.code not in ignored:
                    excerpt = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "..."
                    problems.append(Problem(finding.code, lang, page, f"{finding.message} — in {excerpt!r}"))
    return problems
