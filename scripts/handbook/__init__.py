"""The service handbook: ingest, translation memory, sync, checks and the mkdocs plugin."""

from __future__ import annotations

__version__ = "0.1.0"
