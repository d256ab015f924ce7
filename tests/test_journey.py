"""The new hire's journey (issue 23): path bar, honest reading times, start here, trust badges,
report link, copy-link controls, language switcher and header titles on a phone."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import PUBLIC_SITE_URL

from handbook.checks import run_checks
from handbook.core.ui import t
from handbook.site.journey import minutes_text
from handbook.site.paths import find_paths, reading_time

CODES = ["en", "he", "ar", "th", "ru"]
PHONE = {"width": 360, "height": 800}


def _prefix(code: str) -> str:
    return "" if code == "en" else f"{code}/"


def _read(site: Path, code: str, page: str) -> str:
    return (site / _prefix(code) / page / "index.html").read_text(encoding="utf-8")


# --- honest time (build time) ---


def test_reading_time_counts_the_linked_section_only(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    words = " ".join(["word"] * 500)
    page.write_text(
        "---\nid: p\nkind: page\ntitle: P\n---\n\n# P\n\n## Short {#short}\n\none two three [src-001 §3]\n\n"
        f"### Inside {{#inside}}\n\nfour five\n\n## Long {{#long}}\n\n{words}\n",
        encoding="utf-8",
    )
    short = reading_time(page, "short", "en")
    assert short.words == 1 + 3 + 1 + 2  # heading, paragraph (no source reference), sub-heading, paragraph
    assert short.minutes == 1
    assert reading_time(page, "", "en").words == 1 + 3 + 1 + 2 + 1 + 500
    assert reading_time(page, "long", "en").minutes == 3  # 501 words at 228 a minute
    assert reading_time(page, "long", "ar").minutes == 4  # at 138 a minute


def test_every_path_part_fits_its_break_in_every_language(built_site: Path) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    for code in CODES:
        paths = find_paths(docs, code)
        assert {path.id for path in paths} >= {"first-shift", "first-week", "handling-complaints"}
        for path in paths:
            assert path.break_minutes, path.id
            html = _read(built_site, code, path.source.removesuffix(".md"))
            # Each step shows its time; each part and the whole path too.
            items = re.findall(r'<li data-hb-step="(\d+)">(.*?)</li>', html, re.S)
            assert [int(number) for number, _ in items] == list(range(1, len(path.steps) + 1))
            for number, inner in items:
                href = re.search(r'<a href="([^"]+)"', inner).group(1)
                query = parse_qs(urlparse(href.replace("&amp;", "&")).query)
                assert query == {"hb-path": [path.id], "hb-step": [number]}, href
                assert 'class="hb-step-time"' in inner
            assert html.count('class="hb-part-time"') == len(path.parts)
            assert 'class="hb-path-time"' in html


def test_check_fails_when_a_path_promises_less_time_than_its_items_take(project_copy) -> None:
    page = project_copy.docs_dir / "en" / "onboarding" / "first-week.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("break_minutes: 15", "break_minutes: 2"), "utf-8"
    )
    problems = [problem for problem in run_checks(project_copy) if problem.code == "path-time"]
    assert {problem.lang for problem in problems} == set(CODES)
    assert all(problem.page == "onboarding/first-week.md" for problem in problems)
    assert any(
        "part #day-2 takes" in problem.message and "break_minutes: 2" in problem.message
        for problem in problems
    )


def test_minutes_use_each_languages_plural_forms() -> None:
    assert minutes_text(1, "en") == "1 minute"
    assert minutes_text(3, "ru") == "3 минуты"
    assert minutes_text(5, "ru") == "5 минут"
    assert minutes_text(21, "ru") == "21 минута"
    assert minutes_text(3, "ar") == "3 دقائق"
    assert minutes_text(12, "ar") == "12 دقيقة"
    assert minutes_text(4, "th") == "4 นาที"


# --- trust badges, report link, owner, reviewed date (build time) ---


def test_case_pages_show_their_trust_level_under_the_title(built_site: Path) -> None:
    for code in CODES:
        html = _read(built_site, code, "cases/zappos-sends-callers-to-competitors")
        after_title = html.split("</h1>", 1)[1].lstrip()
        assert after_title.startswith('<p class="hb-trust"'), after_title[:200]
        level = t("journey.trust", code, level=t("journey.trust.low", code))
        assert f'href="#source">{level}</a>' in after_title.split("</p>", 1)[0]


def test_every_page_ends_with_a_report_link_filled_in_for_it(built_site: Path) -> None:
    for code in CODES:
        for page in (
            "",
            "principles/greet-then-give-space",
            "cases/del-taco-upland",
            "onboarding/first-shift",
        ):
            html = (
                _read(built_site, code, page)
                if page
                else (built_site / _prefix(code) / "index.html").read_text("utf-8")
            )
            footer = re.search(r'<p class="hb-page-footer"[^>]*>(.*?)</p>', html, re.S)
            assert footer is not None, (code, page)
            link = re.search(r'<a class="hb-report" href="([^"]+)"[^>]*>(.*?)</a>', footer.group(1))
            assert link.group(2) == t("journey.report", code)
            href = link.group(1).replace("&amp;", "&")
            assert href.startswith("mailto:service-handbook@example.org?")
            fields = parse_qs(href.split("?", 1)[1])
            body, subject = fields["body"][0], fields["subject"][0]
            assert f"{PUBLIC_SITE_URL}{_prefix(code)}{page + '/' if page else ''}\n" in body
            assert (
                f"\n{t('journey.report_body', code, url='', language=code, title='').splitlines()[1]}" in body
            )
            assert subject.startswith(t("journey.report_subject", code, title="")), subject
            assert len(subject) > len(t("journey.report_subject", code, title="")) + 3
            # (he/ar isolate the Latin name in <bdi>: handbook.site.bidi)
            assert t("journey.owner", code, owner="Service Training team") in re.sub(
                r"</?bdi>", "", footer.group(1)
            )
            # The date line before it says "Reviewed on <date>".
            reviewed = "links.last_changed" if code == "en" else "links.english_last_changed"
            assert t(reviewed, code, date="").strip() in html


def test_copy_link_buttons_only_on_h2(built_site: Path) -> None:
    for code in CODES:
        html = _read(built_site, code, "principles/greet-then-give-space")
        assert re.search(r"<h3[^>]*>((?!</h3>).)*hb-copy-link", html, re.S) is None
        assert len(re.findall(r"<h2[^>]*>((?!</h2>).)*hb-copy-link", html, re.S)) >= 4


def test_switcher_marks_the_current_language_and_each_items_language(built_site: Path) -> None:
    for code in CODES:
        html = _read(built_site, code, "principles/greet-then-give-space")
        items = re.findall(
            r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link" lang="([^"]+)" dir="([^"]+)"( aria-current="true")?',
            html,
        )
        assert sorted(item[1] for item in items) == sorted(CODES)
        for href, hreflang, lang, direction, current in items:
            assert lang == hreflang
            assert direction == ("rtl" if lang in ("he", "ar") else "ltr")
            assert bool(current) == (lang == code)
            assert not re.match(r"^[a-z]+:|^/", href), href  # relative


# --- in the browser, on a phone ---


def _walk(tab, site_url: str, code: str, path_id: str, count: int) -> list[str]:
    """Open the path page, take step 1, then follow the bar's Next to the end; returns the pages."""
    tab.goto(f"{site_url}/{_prefix(code)}onboarding/{path_id}/", wait_until="domcontentloaded")
    tab.locator('li[data-hb-step="1"] a').first.click()
    seen = []
    for step in range(1, count + 1):
        bar = tab.locator(".hb-path-bar")
        bar.wait_for(state="visible")
        position = t("journey.bar_position", code, current=step, total=count)
        assert position in bar.inner_text(), (step, bar.inner_text())
        box = bar.bounding_box()
        assert box is not None and 0 <= box["y"] < 800, box  # on the screen the reader lands on
        seen.append(urlparse(tab.url).path)
        if step < count:
            footer_next = tab.locator(".md-footer__link--next")
            next_link = bar.locator(".hb-path-bar__next")
            assert footer_next.get_attribute("href") == next_link.get_attribute("href")
            next_link.click()
            tab.wait_for_url(re.compile(rf"hb-step={step + 1}"))
        else:
            assert bar.locator(".hb-path-bar__next").count() == 0
            assert bar.locator(".hb-path-bar__back").inner_text() == t("journey.bar_back", code)
    return seen


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "he"])
def test_walk_your_first_shift_on_a_phone(browser, site_url: str, code: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    try:
        seen = _walk(tab, site_url, code, "first-shift", 8)
        docs = Path(__file__).resolve().parent.parent / "docs"
        path = next(p for p in find_paths(docs, code) if p.id == "first-shift")
        expected = [f"/{_prefix(code)}{step.target.removesuffix('.md')}/" for step in path.steps]
        assert seen == expected
        # Back on a step's plain address (no query), the tab's session still knows the place.
        tab.goto(f"{site_url}/{_prefix(code)}principles/friends-not-kings/", wait_until="domcontentloaded")
        assert t("journey.bar_position", code, current=3, total=8) in tab.locator(".hb-path-bar").inner_text()
    finally:
        context.close()


@pytest.mark.browser
def test_a_step_through_its_neutral_link_keeps_the_path(browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="ru-RU")
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}/go/greet-then-give-space/?hb-path=first-shift&hb-step=2#on-a-shift")
        tab.wait_for_url(
            re.compile(r"/ru/principles/greet-then-give-space/\?hb-path=first-shift&hb-step=2#on-a-shift$")
        )
        bar = tab.locator(".hb-path-bar")
        bar.wait_for(state="visible")
        assert t("journey.bar_position", "ru", current=2, total=8) in bar.inner_text()
        assert "Относитесь к клиентам как к друзьям" in bar.locator(".hb-path-bar__next").inner_text()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_phone_first_screen_start_here_header_and_controls(browser, site_url: str, code: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    try:
        tab.goto(f"{site_url}/{_prefix(code)}", wait_until="networkidle")
        start = tab.locator(".hb-start-here")
        box = start.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, box
        assert start.locator("a").get_attribute("href") == "onboarding/first-shift/"
        # The site name fits the phone's header (two lines at most), never cut.
        fits = tab.evaluate(
            "(() => { const e = document.querySelector('.md-header__topic:first-child .md-ellipsis');"
            " return e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 3; })()"
        )
        assert fits, code
        # Onboarding is first after Home in the menu, also in the drawer opened from a case page.
        onboarding = {
            "en": "Onboarding",
            "he": "קליטת עובדים",
            "ar": "تأهيل الموظفين الجدد",
            "th": "การปฐมนิเทศ",
            "ru": "Адаптация",
        }
        for where in ("", "cases/del-taco-upland/"):
            if where:
                tab.goto(f"{site_url}/{_prefix(code)}{where}", wait_until="networkidle")
            labels = tab.eval_on_selector_all(
                ".md-nav--primary > .md-nav__list > .md-nav__item > :is(a, label, div) ",
                "els => els.map(e => e.textContent.trim()).filter(Boolean)",
            )
            labels = list(dict.fromkeys(labels))
            assert len(labels) >= 2 and labels[1].startswith(onboarding[code]), (where, labels)
        # Copy-link controls: visible without hover, 44 px, contrast >= 3:1 on the page.
        tab.goto(f"{site_url}/{_prefix(code)}principles/greet-then-give-space/", wait_until="networkidle")
        button = tab.locator("#why-it-matters .hb-copy-link").first
        size = button.bounding_box()
        assert size["width"] >= 44 - 0.01 and size["height"] >= 44 - 0.01, size
        ratio = tab.evaluate(
            """(el) => {
              const s = getComputedStyle(el);
              if (parseFloat(s.opacity) < 1) return 0;
              const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
              const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
              const fg = lum(rgb(s.color)), bg = lum([255, 255, 255]);
              return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            }""",
            button.element_handle(),
        )
        assert ratio >= 3, ratio
        # The switcher names the current language; its items are 44 px tall.
        assert tab.locator(".hb-lang-button__name").inner_text().strip()
        tab.locator(".md-select").first.hover()
        item = tab.locator('.md-select__link[aria-current="true"]')
        item.wait_for(state="visible")
        assert item.get_attribute("lang") == code
        assert item.bounding_box()["height"] >= 44 - 0.01  # subpixel layout
        # Nothing asked of any other host (the report link is only a link).
        assert [
            url
            for url in requests
            if urlparse(url).hostname not in ("127.0.0.1",) and not url.startswith(("data:", "blob:"))
        ] == []
    finally:
        context.close()


def test_reader_facing_text_never_names_a_source_by_its_number(built_site: Path) -> None:
    checked = 0
    for code in CODES:
        for page in (built_site / _prefix(code)).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            article = html.split("<div data-pagefind-body", 1)[-1]
            for text in re.findall(r'<a [^>]*href="[^"]*sources/#src-[^"]*"[^>]*>(.*?)</a>', article, re.S):
                assert not re.search(r"(?<![\d.,])0\d\d(?!\d)", re.sub(r"<[^>]+>", "", text)), (page, text)
                checked += 1
        sources = _read(built_site, code, "sources")
        for heading in re.findall(r'<h2 id="src-[^"]+"[^>]*>(.*?)<button', sources, re.S):
            assert not re.match(r"\s*\d", heading), (code, heading)
            checked += 1
    assert checked > 100


def test_a_step_that_is_a_whole_path_takes_that_paths_time() -> None:
    from handbook.site.paths import path_times

    docs = Path(__file__).resolve().parent.parent / "docs"
    for code in ("en", "ar"):
        paths = {path.id: path for path in find_paths(docs, code)}
        week = path_times(docs, paths["first-week"], code)
        shift = path_times(docs, paths["first-shift"], code)
        assert paths["first-week"].steps[0].target == "onboarding/first-shift.md"
        assert week.steps[1].minutes == shift.total_minutes > 5
