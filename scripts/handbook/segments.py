"""The public contract `handbook.segments.extract` and `handbook.segments.render`.

The code lives in `handbook.translate.segments`; this module only re-exports it so imports
written against the first layout keep working.
"""

from __future__ import annotations

from handbook.translate.segments import *  # noqa: F403
from handbook.translate.segments import extract, render

__all__ = ["extract", "render"]
