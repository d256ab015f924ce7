"""The stylesheet of a printed onboarding pack (WeasyPrint's CSS paged media).

Page numbers in the table of contents come from `target-counter()`; the cover has no number. The
marks of not-reviewed text copy the site's (`overrides/assets/handbook.css`): a line at the start
side of the block, dashed for a machine draft, dotted for a stale (outdated) translation, grey for
English shown in its place. Fonts are Debian's Noto families (fonts-noto-core), embedded by WeasyPrint.
"""

from __future__ import annotations

PAPER_SIZES = {"a4": "A4", "letter": "letter"}

_CSS = """
@page {
  size: %(size)s;
  margin: 18mm 16mm 20mm;
  @bottom-center { content: counter(page); font-size: 9pt; }
}
@page :first { @bottom-center { content: none; } }
html { font-family: "Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", "Noto Sans Thai", sans-serif;
       font-size: 11pt; line-height: 1.5; color: #000; }
body { margin: 0; }
h1 { font-size: 18pt; line-height: 1.25; margin: 0 0 0.6em; break-after: avoid; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; break-after: avoid; }
h3 { font-size: 12pt; margin: 1em 0 0.3em; break-after: avoid; }
p, li, dd { orphans: 2; widows: 2; }
table { border-collapse: collapse; }
th, td { border: 0.5pt solid #888; padding: 2pt 4pt; }
pre, table, figure, blockquote, .admonition { break-inside: avoid; }
code { font-family: "Noto Sans Mono", monospace; font-size: 0.9em; }

.hb-cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.hb-cover-site { font-size: 13pt; margin: 0 0 1em; }
.hb-cover-title { font-size: 28pt; margin: 0 0 1.2em; }
.hb-cover p { margin: 0.2em 0; }
.hb-toc { break-before: page; }
.hb-toc ol { list-style: none; padding: 0; }
.hb-toc li { margin: 0.35em 0; }
.hb-toc a { color: #000; text-decoration: none; }
.hb-toc a::after { content: leader('.') target-counter(attr(href), page); }
.hb-pack-page { break-before: page; }
.hb-pack-link { text-decoration: underline; text-decoration-color: #777; }
.hb-note-ref { font-size: 0.7em; line-height: 0; }
.hb-note-ref::before { content: "["; }
.hb-note-ref::after { content: "]"; }
.hb-notes li { margin: 0.2em 0; }
.hb-note-url { word-break: break-all; font-size: 9.5pt; }
.hb-last-changed { font-size: 9pt; color: #333; margin-top: 1.5em; }
a.hb-source-note, .hb-source-note { font-size: 0.8em; }

.admonition { border: 1pt solid #8d6e00; border-inline-start-width: 3pt; padding: 0.3em 0.8em; margin: 1em 0; }
.admonition-title { font-weight: bold; margin: 0.2em 0; }
.hb-pack-fallback { border: 1pt solid #666; padding: 0.3em 0.8em; font-weight: bold; }
.hb-machine, .hb-stale, .hb-missing { border-inline-start: 2pt solid #8d6e00; padding-inline-start: 5pt; }
.hb-machine { border-inline-start-style: dashed; }
.hb-stale { border-inline-start-style: dotted; border-inline-start-color: #b3261e; }
.hb-missing { border-inline-start-color: #777; }
"""


def pack_css(paper: str) -> str:
    """The pack's stylesheet for `paper` (`a4` or `letter`)."""
    return _CSS % {"size": PAPER_SIZES[paper]}
