"""`handbook check` translation QA: every reviewed segment of every language passes `handbook.qa`."""

from __future__ import annotations

from handbook.checks import Problem, check
from handbook.glossary import load_glossary
from handbook.memory import SegmentState, load_catalog
from handbook.project import TARGET_LANGUAGES, Project
from handbook.qa import check_segment


@check
def translation_qa(project: Project) -> list[Problem]:
    """Numbers, placeholders, glossary, script, spacing and punctuation of reviewed translations."""
    glossary = load_glossary(project.translations_dir / "glossary.yml")
    problems: list[Problem] = []
    for lang in TARGET_LANGUAGES:
        folder = project.translations_dir / lang
        for path in sorted(folder.rglob("*.po")):
            page = path.relative_to(folder).with_suffix(".md").as_posix()
            catalog = load_catalog(path, lang=lang, page=page)
            for entry in catalog.entries:
                if entry.state is not SegmentState.REVIEWED:
                    continue
                for finding in check_segment(entry.msgid, entry.msgstr, lang, glossary):
                    excerpt = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "..."
                    problems.append(Problem(finding.code, lang, page, f"{finding.message} — in {excerpt!r}"))
    return problems
