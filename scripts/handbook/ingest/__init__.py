"""Ingest: raw scraped articles -> clean, attributed source texts and a report of every removal.

- `decode`: bytes -> text (BOMs, declared and detected legacy code pages)
- `language`: which of the five languages an article is in
- `html`: every visible block of a saved HTML page (lxml), with its signals (furniture markup,
  link text, trafilatura's main text)
- `thai`: Thai word segmentation
- `rules`: line-level boilerplate rules, each naming its reason
- `interface`: the interface vocabulary of the five languages (menus, counters, dated metadata)
- `blocks`: block-level boilerplate classification (jusText's classifier on our blocks)
- `pipeline`: one article's bytes -> `CleanSource`, and the files of `handbook ingest`

Ingest imports only `handbook.core`.
"""
