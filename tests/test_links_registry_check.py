"""`links.unresolved` and `links.redirect-broken` on a hand-made built site (no mkdocs build).

The four-build test in tests/test_links.py proves the check on the real site; this one is fast and
reaches every branch: a redirect stub is not a page, a broken redirect target is reported (with
its anchor), an external target is left alone, and a translated URL is redirected in its language.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from handbook.checks.links import published_urls_resolve
from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.site.links import (
    REGISTRY_HEADER,
    load_registry,
    redirect_maps,
    render_registry,
    resolve_url,
    sources_for,
    split_url,
    url_problem,
)

REPO = Path(__file__).resolve().parent.parent
# The redirects plugin's maps in mkdocs.yml, replaced by each test's own.
_REDIRECT_MAPS = re.compile(r"^      redirect_maps:(?: \{\})?\n(?:        .*\n)*", re.M)
STUB = '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=../new/"></head></html>'


def page(*ids: str) -> str:
    return "<html><body>" + "".join(f'<h2 id="{i}">{i}</h2>' for i in ids) + "</body></html>"


def make_site(root: Path, redirects: dict[str, str], files: dict[str, str], urls: list[str]) -> Project:
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert _REDIRECT_MAPS.search(config), "mkdocs.yml has no redirect_maps"
    maps = "".join(f"        {old}: {new}\n" for old, new in redirects.items())
    config = _REDIRECT_MAPS.sub(
        lambda _: f"      redirect_maps:\n{maps}" if maps else "      redirect_maps: {}\n", config, count=1
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "urls.yml").write_text(render_registry(urls), encoding="utf-8")
    for name, html in {"index.html": page("top"), **files}.items():
        path = root / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return Project(root)


def problems(project: Project) -> list[tuple[str, str, str]]:
    return [(p.code, p.lang, p.page) for p in published_urls_resolve(project)]


def test_a_page_and_anchor_that_exist_resolve(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {"p/a/index.html": page("why")}, ["/", "/p/a/", "/p/a/#why"])
    assert problems(project) == []


def test_a_missing_anchor_without_redirect_is_unresolved(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {"p/a/index.html": page("why")}, ["/p/a/#how"])
    [problem] = published_urls_resolve(project)
    assert (problem.code, problem.lang, problem.page) == ("links.unresolved", "en", "/p/a/#how")
    assert problem.message == (
        "published URL /p/a/#how no longer resolves (site/p/a/index.html has no element with id 'how') "
        "and no redirect covers it; add `p/a.md: <new page>.md` under the redirects plugin's "
        "redirect_maps in mkdocs.yml, or restore the page or anchor"
    )


def test_a_redirect_to_a_page_with_the_anchor_resolves(tmp_path: Path) -> None:
    files = {"p/old/index.html": STUB, "p/new/index.html": page("why"), "he/p/new/index.html": page("why")}
    urls = ["/p/old/", "/p/old/#why", "/he/p/old/#why"]
    assert problems(make_site(tmp_path, {"p/old.md": "p/new.md"}, files, urls)) == []


def test_a_redirect_stub_is_not_a_page(tmp_path: Path) -> None:
    # The stub mkdocs-redirects leaves at the old URL exists, but the redirect target does not.
    project = make_site(tmp_path, {"p/old.md": "p/gone.md"}, {"p/old/index.html": STUB}, ["/p/old/"])
    [problem] = published_urls_resolve(project)
    assert (problem.code, problem.lang, problem.page) == ("links.redirect-broken", "en", "/p/old/")
    assert problem.message == (
        "published URL /p/old/ is redirected (p/old.md -> p/gone.md) but the target /p/gone/ does not "
        "resolve (site/p/gone/index.html is missing); fix the redirect target in mkdocs.yml"
    )
    assert resolve_url(project.site_dir, "p/old/", "") == "site/p/old/index.html is a redirect stub"


def test_a_stub_without_any_redirect_is_unresolved(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {"p/old/index.html": STUB}, ["/p/old/"])
    assert problems(project) == [("links.unresolved", "en", "/p/old/")]


def test_a_redirect_target_without_the_anchor_is_broken(tmp_path: Path) -> None:
    files = {"p/new/index.html": page("other"), "he/p/new/index.html": page("why")}
    project = make_site(tmp_path, {"p/old.md": "p/new.md"}, files, ["/p/old/#why", "/he/p/old/#why"])
    [problem] = published_urls_resolve(project)
    assert (problem.code, problem.lang, problem.page) == ("links.redirect-broken", "en", "/p/old/#why")
    assert "the target /p/new/#why does not resolve (site/p/new/index.html has no element with id 'why')" in (
        problem.message
    )


def test_the_redirect_targets_own_anchor_counts(tmp_path: Path) -> None:
    files = {"p/new/index.html": page("why")}
    assert problems(make_site(tmp_path / "a", {"p/old.md": "p/new.md#why"}, files, ["/p/old/"])) == []
    broken = make_site(tmp_path / "b", {"p/old.md": "p/new.md#how"}, files, ["/p/old/"])
    [problem] = published_urls_resolve(broken)
    assert problem.code == "links.redirect-broken"
    assert "the target /p/new/#how does not resolve" in problem.message


def test_a_translated_url_is_redirected_in_its_language(tmp_path: Path) -> None:
    files = {"p/new/index.html": page("why")}  # only the English target exists
    project = make_site(tmp_path, {"p/old.md": "p/new.md"}, files, ["/he/p/old/"])
    [problem] = published_urls_resolve(project)
    assert (problem.code, problem.lang, problem.page) == ("links.redirect-broken", "he", "/he/p/old/")
    assert "the target /he/p/new/ does not resolve (site/he/p/new/index.html is missing)" in problem.message


def test_an_index_page_redirect_is_found(tmp_path: Path) -> None:
    project = make_site(tmp_path, {"p/index.md": "q/index.md"}, {"q/index.html": page()}, ["/p/"])
    assert problems(project) == []
    shutil.rmtree(project.site_dir / "q")
    assert problems(project) == [("links.redirect-broken", "en", "/p/")]


def test_an_external_redirect_target_is_not_checked(tmp_path: Path) -> None:
    project = make_site(tmp_path, {"p/old.md": "https://example.org/new"}, {}, ["/p/old/"])
    assert problems(project) == []


def test_no_registry_means_nothing_to_check(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {}, [])
    (project.root / "urls.yml").unlink()
    assert problems(project) == []


def test_an_unbuilt_site_is_named(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {}, ["/", "/p/"])
    (project.site_dir / "index.html").unlink()
    [problem] = published_urls_resolve(project)
    assert (problem.code, problem.lang, problem.page) == ("links.site-not-built", "", "urls.yml")
    assert problem.message == (
        "site/ is not built, so the 2 published URLs in urls.yml cannot be checked; run "
        "`handbook build` first, then `handbook check`"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", None),
        ("/p/a/", None),
        ("/p/a/#why", None),
        ("/p/a/#how", "site/p/a/index.html has no element with id 'how'"),
        ("/p/b/", "site/p/b/index.html is missing"),
        ("/p/stub/", "site/p/stub/index.html is a redirect stub"),
    ],
)
def test_url_problem(tmp_path: Path, url: str, expected: str | None) -> None:
    project = make_site(tmp_path, {}, {"p/a/index.html": page("why"), "p/stub/index.html": STUB}, [])
    assert url_problem(project.site_dir, url) == expected


def test_every_url_is_checked_whatever_comes_before_it(tmp_path: Path) -> None:
    # In registry order: one that resolves, one redirected to another host (not checkable
    # offline), one unresolved, one whose redirect is broken. Each kind must not end the loop.
    files = {"a/index.html": page()}
    redirects = {"b.md": "https://example.org", "d.md": "gone.md"}
    project = make_site(tmp_path, redirects, files, ["/a/", "/b/", "/c/", "/d/"])
    assert problems(project) == [("links.unresolved", "en", "/c/"), ("links.redirect-broken", "en", "/d/")]


def test_the_check_is_registered() -> None:
    from handbook.checks.registry import CHECKS

    assert published_urls_resolve in CHECKS


# --- the registry file and URL resolution, each function on its own ---------------------------


def test_the_registry_file_is_sorted_unique_and_keeps_every_script(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {}, ["/he/עקרונות/", "/b/", "/a/#why", "/b/"])
    text = (project.root / "urls.yml").read_text(encoding="utf-8")
    assert text == REGISTRY_HEADER + "urls:\n- /a/#why\n- /b/\n- /he/עקרונות/\n"
    assert load_registry(project) == ["/a/#why", "/b/", "/he/עקרונות/"]


def test_no_registry_file_is_an_empty_registry(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {}, [])
    (project.root / "urls.yml").unlink()
    assert load_registry(project) == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("urls: [/a/\n", "the URL registry is not valid YAML"),
        ("- /a/\n", "expected a mapping with a list of URL strings under 'urls'"),
        ("urls: /a/\n", "expected a mapping with a list of URL strings under 'urls'"),
        ("urls:\n- /a/\n- 3\n", "expected a mapping with a list of URL strings under 'urls'"),
        ("links:\n- /a/\n", "expected a mapping with a list of URL strings under 'urls'"),
    ],
)
def test_a_damaged_registry_is_refused_with_the_fix(tmp_path: Path, text: str, detail: str) -> None:
    project = make_site(tmp_path, {}, {}, [])
    (project.root / "urls.yml").write_text(text, encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_registry(project)
    assert caught.value.path == str(project.root / "urls.yml")
    assert caught.value.detail.startswith(detail)
    assert caught.value.fix == "restore urls.yml from git, then run `handbook links --update-registry`"


@pytest.mark.parametrize(
    ("head", "redirect"),
    [
        ('<meta http-equiv="refresh" content="0; url=../new/">', True),
        ('<META HTTP-EQUIV="Refresh" CONTENT="0; url=../new/">', True),
        ('<meta charset="utf-8"><meta name="viewport" content="width=device-width">', False),
        ('<meta http-equiv="content-type" content="text/html; charset=utf-8">', False),
        ('<meta http-equiv="x-ua-compatible" content="ie=edge">', False),
        ('<div http-equiv="refresh"></div><p http-equiv="refresh"></p>', False),
    ],
)
def test_only_a_meta_refresh_makes_a_redirect_stub(tmp_path: Path, head: str, redirect: bool) -> None:
    project = make_site(tmp_path, {}, {"p/index.html": f"<html><head>{head}</head><body></body></html>"}, [])
    expected = "site/p/index.html is a redirect stub" if redirect else None
    assert resolve_url(project.site_dir, "p/", "") == expected


def test_the_plugins_redirect_maps_are_read_whatever_comes_before_them() -> None:
    maps = {"p/old.md": "p/new.md", 3: "q.md"}
    assert redirect_maps({"plugins": ["search", {"i18n": {}}, {"redirects": {"redirect_maps": maps}}]}) == {
        "p/old.md": "p/new.md",
        "3": "q.md",
    }
    assert redirect_maps({"plugins": [{"redirects": None}]}) == {}
    assert redirect_maps({"plugins": [{"redirects": {"redirect_maps": None}}]}) == {}
    assert redirect_maps({"plugins": None}) == {}
    assert redirect_maps({}) == {}


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        ("/he/principles/x/#why", ("he", "principles/x/", "why")),
        ("/ru/", ("ru", "", "")),
        ("/ar/x/", ("ar", "x/", "")),
        ("/principles/x/", ("en", "principles/x/", "")),
        ("/hello/", ("en", "hello/", "")),
        ("/en/x/", ("en", "en/x/", "")),
        ("/#top", ("en", "", "top")),
    ],
)
def test_split_url_names_the_language_the_page_and_the_anchor(url: str, parts: tuple[str, str, str]) -> None:
    assert split_url(url, ["en", "he", "ar", "th", "ru"]) == parts


def test_the_sources_a_neutral_path_may_come_from() -> None:
    assert sources_for("") == ["index.md", "README.md"]
    assert sources_for("/") == ["index.md", "README.md"]
    assert sources_for("p/x/") == ["p/x.md", "p/x/index.md", "p/x/README.md"]


def test_a_path_names_a_file_or_a_folders_index(tmp_path: Path) -> None:
    files = {"404.html": page("oops"), "p/index.html": page("why")}
    project = make_site(tmp_path, {}, files, [])
    site = project.site_dir
    assert resolve_url(site, "", "top") is None
    assert resolve_url(site, "404.html", "oops") is None
    assert resolve_url(site, "p/", "why") is None
    assert resolve_url(site, "p", "") == "site/p is missing"
    assert url_problem(site, "/404.html#oops") is None
    assert url_problem(site, "404.html#top") == "site/404.html has no element with id 'top'"


def test_a_language_neutral_address_resolves_through_the_page_it_leads_to(tmp_path: Path) -> None:
    neutral = '<html><body><main data-hb-page="p/a/">…</main></body></html>'
    files = {"p/a/index.html": page("why"), "go/a/index.html": neutral, "go/b/index.html": page()}
    site = make_site(tmp_path, {}, files, []).site_dir
    assert url_problem(site, "/go/a/") is None
    assert url_problem(site, "/go/a/#why") is None
    assert url_problem(site, "/go/a/#how") == "site/p/a/index.html has no element with id 'how'"
    assert url_problem(site, "/go/c/") == "site/go/c/index.html is missing"
    assert url_problem(site, "/go/b/") == "site/go/b/index.html is not a language-neutral page"


def test_a_rebuilt_page_is_read_again(tmp_path: Path) -> None:
    project = make_site(tmp_path, {}, {"p/index.html": page("why")}, [])
    assert resolve_url(project.site_dir, "p/", "how") is not None
    path = project.site_dir / "p" / "index.html"
    path.write_text(page("how"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert resolve_url(project.site_dir, "p/", "how") is None


def test_a_page_is_parsed_once_for_all_its_anchors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check resolves every registry URL, many of them anchors of one page: the page's ids
    are read once (until it changes, as the test above shows), not once an anchor."""
    import handbook.site.links as links

    site = make_site(tmp_path, {}, {"p/index.html": page("a", "b", "c")}, []).site_dir
    parsed: list[str] = []
    feed = links._PageFacts.feed
    monkeypatch.setattr(
        links._PageFacts, "feed", lambda self, data: (parsed.append(data), feed(self, data))[1]
    )
    assert [resolve_url(site, "p/", anchor) for anchor in ("a", "b", "c", "")] == [None] * 4
    assert len(parsed) == 1
