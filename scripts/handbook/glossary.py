"""The term list `translations/glossary.yml`: names never translated and one rendering per key term."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from handbook.errors import HandbookError
from handbook.project import TARGET_LANGUAGES

# Languages whose words inflect at the end (Russian cases; Hebrew and Arabic plurals and construct
# forms): a rendering also matches when only its last letters change. Prefixes (ה, ال) are covered by
# substring matching. Irregular forms (Arabic broken plurals) go in the glossary's `forms`.
_INFLECTING_SUFFIX = {"ru": 2, "he": 1, "ar": 1}


@dataclass(frozen=True)
class Term:
    """One key term: the English and its agreed rendering per language (plus accepted other forms)."""

    english: str
    renderings: dict[str, tuple[str, ...]]

    @cached_property
    def source_pattern(self) -> re.Pattern[str]:
        words = [re.escape(word) for word in self.english.split()]
        # "customer" also matches "customers"/"customer's"; never "customary".
        return re.compile(r"\b" + r"\s+".join(words) + r"(?:s|es|'s)?\b", re.IGNORECASE)

    def accepted(self, lang: str, text: str) -> bool:
        """Whether `text` uses the agreed rendering (in any of its accepted forms) for `lang`."""
        folded = text.casefold()
        for form in self.renderings.get(lang, ()):
            if form.casefold() in folded:
                return True
            cut = _INFLECTING_SUFFIX.get(lang)
            if cut:
                stems = [word[:-cut] if len(word) > cut + 3 else word for word in form.casefold().split()]
                if all(stem in folded for stem in stems):
                    return True
        return False


@dataclass(frozen=True)
class Glossary:
    do_not_translate: tuple[str, ...]
    terms: tuple[Term, ...]

    def names_in(self, text: str) -> list[str]:
        return [name for name in self.do_not_translate if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def load_glossary(path: Path) -> Glossary:
    """Read and validate the glossary; a HandbookError names the entry and the fix."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise HandbookError("the glossary is missing", path=path, fix="restore it from git") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise HandbookError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=mark.line + 1 if mark else None,
            fix="correct the YAML syntax at that line",
        ) from None
    terms: list[Term] = []
    for index, entry in enumerate(data.get("terms") or [], start=1):
        missing = [key for key in ("en", *TARGET_LANGUAGES) if not entry.get(key)]
        if missing:
            raise HandbookError(
                f"term #{index} ({entry.get('en', '?')!r}) lacks {', '.join(missing)}",
                path=path,
                fix="give every term a rendering in en, he, ar, th and ru",
            )
        forms = entry.get("forms") or {}
        renderings = {
            lang: (str(entry[lang]), *(str(f) for f in forms.get(lang, []))) for lang in TARGET_LANGUAGES
        }
        terms.append(Term(str(entry["en"]), renderings))
    names = tuple(str(name) for name in data.get("do_not_translate") or [])
    return Glossary(names, tuple(terms))
