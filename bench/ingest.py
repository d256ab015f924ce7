"""Benchmark `handbook ingest`: articles per second on generated ~5 KB articles in five languages.

Usage: .venv/bin/python bench/ingest.py [--count 1000] [--html-share 0.3] [--seed 7] [--no-record]

Articles are built from the content paragraphs of the test fixtures and the clean seed sources,
with the kinds of junk ingest removes (navigation words, share widgets, reading time, cookie
notices, related-link lists, placeholders, footers) and, for a share of them, wrapped in an HTML
page (nav, cookie banner, article, related aside, footer). Legacy encodings are mixed in too.
The time measured is `handbook.ingest.pipeline.ingest_bytes` + `render_clean` per article, single process.
Results go to the `## ingest` section of `bench/RESULTS.md` (other sections are left alone); every
figure and verdict in it is computed by the run that writes it.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from results import record_section  # noqa: E402  (bench/results.py, beside this script)

from handbook.ingest.output import render_clean  # noqa: E402
from handbook.ingest.pipeline import ingest_bytes  # noqa: E402

LANGS = ("en", "he", "ar", "th", "ru")
LEGACY = {"he": "cp1255", "ar": "cp1256", "th": "cp874", "ru": "cp1251", "en": "utf-16"}
JUNK = {
    "en": [
        "Share",
        "Facebook Twitter LinkedIn",
        "5 min read",
        "Posted",
        "$config[code] not found",
        "Leave a comment",
    ],
    "he": ["שתף", "הדפס", "זמן קריאה: 3 דקות", "$config[code] not found", "סגור"],
    "ar": ["مشاركة", "طباعة", "وقت القراءة: 4 دقائق", "فيسبوك تويتر واتساب", "$config[code] not found"],
    "th": ["แชร์", "อ่าน 3 นาที", "Credit : สล็อตออนไลน์ 999", "$config[code] not found"],
    "ru": ["Поделиться", "Время чтения: 4 минуты", "ВКонтакте Telegram WhatsApp", "CLOSE", "Пример"],
}
TAIL = {
    "en": [
        "Related articles:",
        "Ten phrases that calm an angry caller",
        "© 2024 Service Notes. All rights reserved.",
    ],
    "he": ["קרא גם:", "חמש טעויות בשירות טלפוני", "כל הזכויות שמורות © 2024"],
    "ar": ["اقرأ أيضا:", "خمس عبارات تهدئ العميل", "جميع الحقوق محفوظة © 2024"],
    "th": ["บทความที่เกี่ยวข้อง", "ทำไมลูกค้าถึงกลับมาซื้อซ้ำ", "สงวนลิขสิทธิ์ © 2024"],
    "ru": ["Читайте также:", "Почему клиенты возвращаются", "© 2024 Блог о сервисе. Все права защищены."],
}
COOKIE = {
    "en": "We use cookies to improve your experience on this website.",
    "he": "אנו משתמשים בעוגיות כדי לשפר את חוויית הגלישה באתר.",
    "ar": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على الموقع.",
    "th": "เว็บไซต์นี้ใช้คุกกี้เพื่อมอบประสบการณ์ที่ดีที่สุดแก่คุณ",
    "ru": "Мы используем файлы cookie, чтобы сайт работал лучше.",
}


def content_pool() -> dict[str, tuple[list[str], list[str]]]:
    """Per language: (paragraphs, headings) from the fixtures and the clean seed sources."""
    pool: dict[str, tuple[list[str], list[str]]] = {lang: ([], []) for lang in LANGS}
    for path in sorted((ROOT / "tests" / "data" / "ingest" / "fixtures").glob("*.expect.yml")):
        expect = yaml.safe_load(path.read_text(encoding="utf-8"))
        paragraphs, headings = pool[expect["lang"]]
        for block in expect["blocks"]:
            (headings if block.startswith("#") else paragraphs).append(block.lstrip("# "))
    for path in sorted((ROOT / "sources" / "clean").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        lang = yaml.safe_load(front)["lang"]
        paragraphs, headings = pool[lang]
        for block in body.split("\n\n"):
            block = block.strip().replace("\\", "")
            if block.startswith("#"):
                headings.append(block.lstrip("# "))
            elif len(block) > 60:
                paragraphs.append(block)
    return pool


def make_article(rng: random.Random, lang: str, pool, *, html: bool, target: int = 5000) -> tuple[bytes, str]:
    paragraphs, headings = pool[lang]
    title = rng.choice(headings)
    body: list[tuple[str, str]] = []
    size = 0
    while size < target:
        if rng.random() < 0.25:
            body.append(("h", rng.choice(headings)))
        text = rng.choice(paragraphs)
        body.append(("p", text))
        size += len(text.encode("utf-8"))
        if rng.random() < 0.3:
            body.append(("junk", rng.choice(JUNK[lang])))
    if html:
        direction = ' dir="rtl"' if lang in ("he", "ar") else ""
        parts = [
            f'<!DOCTYPE html><html lang="{lang}"{direction}><head><meta charset="utf-8"><title>{title}</title></head>',
            '<body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>',
            f'<div class="cookie">{COOKIE[lang]} <button>OK</button></div><main><article><h1>{title}</h1>',
        ]
        for kind, text in body:
            tag = {"h": "h2", "p": "p", "junk": "p"}[kind]
            parts.append(f"<{tag}>{text}</{tag}>")
        parts.append(
            f"</article><aside><h3>{TAIL[lang][0]}</h3><ul><li><a href='/x'>{TAIL[lang][1]}</a></li></ul>"
        )
        parts.append(f"</aside></main><footer>{TAIL[lang][2]}</footer></body></html>")
        return "\n".join(parts).encode("utf-8"), f"article-{lang}.html"
    lines = [title, rng.choice(JUNK[lang]), ""]
    for kind, text in body:
        lines.extend([text, ""] if kind != "junk" else [text])
    lines.extend([*TAIL[lang], COOKIE[lang]])
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.2:
        return text.encode(LEGACY[lang], errors="ignore"), f"article-{lang}.txt"
    return text.encode("utf-8"), f"article-{lang}.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--html-share", type=float, default=0.3, help="share of HTML articles (default 0.3)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--no-record", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = content_pool()
    articles = [
        (lang, *make_article(rng, lang, pool, html=rng.random() < args.html_share))
        for lang in (LANGS[i % len(LANGS)] for i in range(args.count))
    ]
    sizes = [len(data) for _, data, _ in articles]
    # Warm up imports and lazily loaded models (trafilatura, pythainlp) outside the timing.
    for lang in LANGS:
        for _, data, name in [a for a in articles if a[0] == lang][:2]:
            ingest_bytes(data, name=name)
    load_before = os.getloadavg()[0]
    per_kind: dict[str, list[float]] = {"txt": [], "html": []}
    failures = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    for lang, data, name in articles:
        t0 = time.perf_counter()
        try:
            source = ingest_bytes(data, name=name)
            render_clean(source)
            if source.lang != lang:
                failures += 1
        except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, it does not stop
            failures += 1
            print(f"failed: {name}: {exc}", file=sys.stderr)
        per_kind["html" if name.endswith(".html") else "txt"].append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"articles: {len(articles)} ({len(per_kind['txt'])} text, {len(per_kind['html'])} HTML)")
    print(f"mean size: {statistics.mean(sizes) / 1024:.1f} KB; wrong language or errors: {failures}")
    print(f"wall: {elapsed:.2f} s -> {len(articles) / elapsed:.1f} articles/s (one process)")
    print(
        f"cpu:  {cpu:.2f} s -> {len(articles) / cpu:.1f} articles per CPU-second (the rate on an idle core)"
    )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for kind, times in per_kind.items():
        if times:
            print(
                f"  {kind}: median {statistics.median(times) * 1000:.1f} ms, {len(times) / sum(times):.1f} articles/s"
            )

    section = render(
        args, len(articles), statistics.mean(sizes), per_kind, elapsed, cpu, failures, load_before
    )
    print(section)
    if not args.no_record:
        record_section("## ingest", section, ROOT / "bench" / "RESULTS.md")


AIM = 50.0  # articles per second, wall, one process


def render(
    args, count: int, mean_size: float, per_kind: dict, wall: float, cpu: float, failures: int, load: float
) -> str:
    """The `## ingest` section: every figure and the verdict come from this run's measurements."""
    rate = count / wall
    medians = {kind: statistics.median(times) * 1000 if times else 0.0 for kind, times in per_kind.items()}
    met = "met" if rate >= AIM and failures == 0 else "**not met**"
    return f"""## ingest

`handbook ingest` throughput on {count:,} generated articles (mean {mean_size / 1024:.1f} KB), spread evenly
over en, he, ar, th and ru; {1 - args.html_share:.0%} plain text (a fifth of those in a legacy code page or
UTF-16), {args.html_share:.0%} saved HTML pages with navigation, cookie banner, share widget, related-links
aside and footer. Each article goes through `ingest_bytes` and `render_clean`. Single process.

Command: `.venv/bin/python bench/ingest.py --count {args.count} --html-share {args.html_share} --seed {args.seed}`

| date | machine state | wall | articles/s (wall) | articles per CPU-second | text median | HTML median | wrong language or errors |
|---|---|---|---|---|---|---|---|
| {date.today().isoformat()} | {os.cpu_count()} cores, load average {load:.1f} before / {os.getloadavg()[0]:.1f} after, Python {platform.python_version()} | {wall:.1f} s | {rate:.1f} | {count / cpu:.1f} | {medians["txt"]:.1f} ms | {medians["html"]:.1f} ms | {failures} |

Aim: at least {AIM:.0f} articles/s (wall, one process), with no article failing: {met}.
"""


if __name__ == "__main__":
    main()
