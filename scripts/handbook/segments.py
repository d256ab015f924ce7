"""The public contract `handbook.segments.extract` and `handbook.segments.render` (ARCHITECTURE.md).

The code lives in `handbook.translate.segments` (reading a page into segments) and
`handbook.translate.render` (putting translations back); this module only re-exports the two
functions so code written against the contract keeps working.
"""

from __future__ import annotations

from handbook.translate.render import render
from handbook.translate.segments import extract

__all__ = ["extract", "render"]
