"""Site: the static site built from `docs/` with MkDocs and Material.

- `plugin`: the `handbook` mkdocs plugin (notices, copy links, search box, directions, 404 pages)
- `build`, `build_language`: `handbook build`, one mkdocs process per language, then assembly
- `search`: the per-language Pagefind index and the search box
- `search_box`: how a program drives the search box (browser tests and benchmarks share it)
- `nav_cache`: reuse of rendered navigation between pages
- `notices`, `features`, `link_features`: what the plugin adds to pages
- `links`: every page's and section's stable URL, and the `urls.yml` registry
- `serve`: a local server for the built site
- `print_pack`, `print_style`, `print_pdf`: `handbook print`, onboarding packs as PDF from the built site
- `bidi`, `reader_language`: right-to-left layout of Latin runs, the theme's interface in the reader's language

Site imports `handbook.core` and `handbook.translate`.
"""
