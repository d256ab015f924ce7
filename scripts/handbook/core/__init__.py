"""Core: the shared records every stage uses, and nothing else.

- `project`: `Project` (where the checkout is) and the languages
- `errors`: `HandbookError`, the one error type a command turns into a clear message and exit 1
- `fsutil`: safe file writing (atomic replace, keep unchanged files) and the project lock
- `ui`: the interface strings of the site in every language
- `articles`: the front matter of an English article

Core imports nothing from the other subpackages.
"""
