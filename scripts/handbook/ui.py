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
    # links: copy-link buttons and last-changed dates (handbook.link_features)
    "links.copy": {
        "en": "Copy link to section “{title}”",
        "he": "העתקת קישור לסעיף „{title}”",
        "ar": "نسخ رابط القسم «{title}»",
        "th": "คัดลอกลิงก์ของหัวข้อ “{title}”",
        "ru": "Скопировать ссылку на раздел «{title}»",
    },
    "links.copied": {
        "en": "Link copied",
        "he": "הקישור הועתק",
        "ar": "تم نسخ الرابط",
        "th": "คัดลอกลิงก์แล้ว",
        "ru": "Ссылка скопирована",
    },
    "links.copy_failed": {
        "en": "Could not copy automatically. The link is: {url}",
        "he": "לא ניתן להעתיק אוטומטית. הקישור: {url}",
        "ar": "تعذّر النسخ تلقائيًا. الرابط: {url}",
        "th": "คัดลอกอัตโนมัติไม่ได้ ลิงก์คือ: {url}",
        "ru": "Не удалось скопировать автоматически. Ссылка: {url}",
    },
    "links.last_changed": {
        "en": "Last changed: {date}",
        "he": "עודכן לאחרונה: {date}",
        "ar": "آخر تعديل: {date}",
        "th": "แก้ไขล่าสุด: {date}",
        "ru": "Последнее изменение: {date}",
    },
    "links.english_last_changed": {
        "en": "English text last changed: {date}",
        "he": "הנוסח האנגלי עודכן לאחרונה: {date}",
        "ar": "آخر تعديل على النص الإنجليزي: {date}",
        "th": "ต้นฉบับภาษาอังกฤษแก้ไขล่าสุด: {date}",
        "ru": "Английский текст последний раз изменён: {date}",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (English if that language lacks it), formatted with `values`."""
    texts = UI_STRINGS[key]
    code = lang if lang in LANGUAGE_BY_CODE else "en"
    return texts.get(code, texts["en"]).format(**values)
