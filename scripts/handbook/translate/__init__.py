"""Translate: the English pages, the translation memory and the generated language pages.

- `segments`: Markdown <-> translatable segments with placeholders (`extract`, `render`)
- `memory`: PO files (one per page per language), segment states, loading and saving
- `sync`: merge the English into every PO file and regenerate `docs/<lang>/`
- `engines`, `argos`, `tinymodel`, `models`: machine drafts (Argos Translate, installed models,
  the tiny model built at test time)
- `importing`, `alignment`: translators' full-page drafts into the memory
- `glossary`: `translations/glossary.yml`; `money`: its money rule (issue 20)
- `status`: per page and language, how much is reviewed

Translate imports `handbook.core` only.
"""
