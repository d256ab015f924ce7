"""The handbook's own interface strings (notices, buttons, labels) in every site language."""

from __future__ import annotations

from handbook.project import LANGUAGE_BY_CODE

# key -> {language code -> text}. Every key has all five languages (a test checks this).
# Placeholders use str.format names, e.g. {count}.
# --- strings (each area adds its own keys, grouped under a comment naming the area) ---
UI_STRINGS: dict[str, dict[str, str]] = {
    # foundation
    "fallback.english": {
        "en": "This page is not translated yet; it is shown in English.",
        "he": "עמוד זה עדיין לא תורגם, ולכן הוא מוצג באנגלית.",
        "ar": "لم تُترجم هذه الصفحة بعد، لذلك تُعرض باللغة الإنجليزية.",
        "th": "หน้านี้ยังไม่ได้แปล จึงแสดงเป็นภาษาอังกฤษ",
        "ru": "Эта страница ещё не переведена и показана на английском языке.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (English if that language lacks it), formatted with `values`."""
    texts = UI_STRINGS[key]
    code = lang if lang in LANGUAGE_BY_CODE else "en"
    return texts.get(code, texts["en"]).format(**values)
