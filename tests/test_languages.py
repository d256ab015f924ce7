"""mkdocs.yml is the only list of languages: a sixth one is added there, in its PO folder and its
interface strings, and every command and the site take it up; what is missing is named."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.core.project import LANGUAGES, Project, read_languages, text_direction
from handbook.core.ui import UI_STRINGS

PERSIAN = """        - locale: fa
          name: فارسی
          build: true
          site_name: راهنمای خدمات
          nav_translations:
            Home: خانه
            Principles: اصول
            Case studies: مطالعات موردی
            Onboarding: آشنایی
            Glossary: واژه‌نامه
            Sources: منابع
"""


def _add_persian(project: Project) -> None:
    text = project.config_file.read_text(encoding="utf-8")
    assert "  - handbook\n" in text
    project.config_file.write_text(
        text.replace("  - handbook\n", PERSIAN + "  - handbook\n", 1), encoding="utf-8"
    )


def _persian_strings() -> str:
    return "".join(
        f"{key}: {json.dumps('[fa] ' + texts['en'], ensure_ascii=False)}\n"
        for key, texts in UI_STRINGS.items()
    )


def test_the_languages_come_from_mkdocs_yml() -> None:
    assert [(lang.code, lang.name, lang.dir) for lang in LANGUAGES] == [
        ("en", "English", "ltr"),
        ("he", "Hebrew", "rtl"),
        ("ar", "Arabic", "rtl"),
        ("th", "Thai", "ltr"),
        ("ru", "Russian", "ltr"),
    ]
    assert LANGUAGES[1].native_name == "עברית"  # the `name` of its mkdocs.yml entry
    assert text_direction("fa") == "rtl" and text_direction("es") == "ltr"


def test_a_config_without_languages_is_a_clear_error(tmp_path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - i18n:\n      languages:\n        - {locale: he}\n")
    with pytest.raises(HandbookError) as caught:
        read_languages(config)
    assert caught.value.format_message() == (
        f"{config.resolve()}: exactly one language, 'en', must be marked default: true\n"
        "  fix: list each language under plugins: i18n: languages in mkdocs.yml (locale, name; the "
        "English one with default: true)"
    )
    config.write_text(
        "site_name: x\nplugins:\n  - i18n:\n      languages:\n        - {locale: en, default: true}\n        - {locale: zz-qq}\n"
    )
    with pytest.raises(HandbookError, match="'zz-qq' is not a language code Unicode CLDR knows"):
        read_languages(config)


def test_a_sixth_language_needs_only_mkdocs_yml_its_folder_and_its_strings(project_copy: Project) -> None:
    runner = CliRunner()
    _add_persian(project_copy)
    assert project_copy.target_languages == ("he", "ar", "th", "ru", "fa")

    # Its PO folder and generated pages come from sync.
    synced = runner.invoke(main, ["sync", "--lang", "fa"])
    assert synced.exit_code == 0, synced.output
    assert (project_copy.translations_dir / "fa" / "principles" / "customer-comes-first.po").is_file()
    po = (project_copy.translations_dir / "fa" / "index.po").read_text(encoding="utf-8")
    assert po.startswith("# Persian translation of docs/en/index.md.")
    status = json.loads(runner.invoke(main, ["status", "--json"]).stdout)
    assert list(status["languages"]) == ["he", "ar", "th", "ru", "fa"]
    unknown = runner.invoke(main, ["sync", "--lang", "xx"])
    assert "expected one of: he, ar, th, ru, fa" in unknown.output

    # Without its interface strings the build names the file and the keys.
    failed = runner.invoke(main, ["build", "-j", "2"])
    assert failed.exit_code == 1
    ui_file = project_copy.translations_dir / "fa" / "ui.yml"
    assert f"{ui_file}: the interface strings of 'fa' (buttons, notices, search labels) are missing" in (
        failed.output
    )
    ui_file.write_text(
        _persian_strings().replace("search.placeholder:", "search.placeholder_typo:"), encoding="utf-8"
    )
    failed = runner.invoke(main, ["build", "-j", "2"])
    assert failed.exit_code == 1
    assert f"{ui_file}: missing keys: search.placeholder" in failed.output

    ui_file.write_text(_persian_strings(), encoding="utf-8")
    built = runner.invoke(main, ["build", "-j", "2"])
    assert built.exit_code == 0, built.output
    home = (project_copy.site_dir / "fa" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl"' in home
    assert "راهنمای خدمات" in home  # its site_name
    assert "[fa] " + UI_STRINGS["search.placeholder"]["en"] in home
    assert re.search(r'hreflang="fa" href="[^"]*/fa/"', home)
    assert (project_copy.site_dir / "fa" / "sitemap.xml").is_file()

    links = json.loads(runner.invoke(main, ["links", "--lang", "fa", "--format", "json"]).stdout)
    assert links and all("/fa/" in link["url"] for link in links)
    checked = json.loads(runner.invoke(main, ["check", "--json"]).stdout)
    assert [p for p in checked["problems"] if p["lang"] == "fa"] == []
