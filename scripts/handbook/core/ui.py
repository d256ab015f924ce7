"""The handbook's own interface strings (notices, buttons, labels) in every site language.

The languages the handbook started with have their strings here. A language added later (in
mkdocs.yml) brings its own in `translations/<lang>/ui.yml`, a mapping of every key below to its
text; `load_language_strings` reads it for the build and names any key it lacks.

Why one module of this size: it is mostly one table, every interface string in five languages
(each area's group under its comment); translators and the completeness test read it in one place.
"""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError, yaml_error

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
    # links: copy-link buttons and last-changed ("reviewed on", issue 23) dates (handbook.site.link_features)
    "links.copy": {
        "en": "Copy link to section “{title}”",
        "he": "העתקת קישור לסעיף „{title}”",
        "ar": "نسخ رابط القسم «{title}»",
        "th": "คัดลอกลิงก์ของหัวข้อ “{title}”",
        "ru": "Скопировать ссылку на раздел «{title}»",
    },
    "links.copy_neutral": {
        "en": "Copy a link to “{title}” that opens in each reader’s language",
        "he": "העתקת קישור לסעיף „{title}” שנפתח בשפה של כל קורא",
        "ar": "نسخ رابط القسم «{title}» يُفتح بلغة كل قارئ",
        "th": "คัดลอกลิงก์ของหัวข้อ “{title}” ที่เปิดเป็นภาษาของผู้อ่านแต่ละคน",
        "ru": "Скопировать ссылку на раздел «{title}», которая откроется на языке читателя",
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
        "en": "Reviewed on {date}",
        "he": "נבדק ב־{date}",
        "ar": "تمت المراجعة في {date}",
        "th": "ตรวจทานเมื่อ {date}",
        "ru": "Проверено {date}",
    },
    "links.english_last_changed": {
        "en": "English text reviewed on {date}",
        "he": "הנוסח האנגלי נבדק ב־{date}",
        "ar": "تمت مراجعة النص الإنجليزي في {date}",
        "th": "ต้นฉบับภาษาอังกฤษตรวจทานเมื่อ {date}",
        "ru": "Английский текст проверен {date}",
    },
    # translation notices on generated pages (handbook.site.notices; counts written by handbook sync)
    "translation.notice_title": {
        "en": "Translation not fully reviewed",
        "he": "התרגום עדיין לא נבדק במלואו",
        "ar": "لم تتم مراجعة الترجمة بالكامل",
        "th": "คำแปลยังตรวจทานไม่ครบ",
        "ru": "Перевод проверен не полностью",
    },
    "translation.notice_summary": {
        "en": "Text blocks on this page not reviewed yet: {unreviewed} of {total}.",
        "he": "קטעי טקסט בעמוד זה שעדיין לא נבדקו: {unreviewed} מתוך {total}.",
        "ar": "مقاطع النص غير المراجَعة في هذه الصفحة: {unreviewed} من {total}.",
        "th": "ส่วนของข้อความในหน้านี้ที่ยังไม่ได้ตรวจทาน: {unreviewed} จาก {total}",
        "ru": "Фрагментов текста на этой странице без проверки: {unreviewed} из {total}.",
    },
    "translation.machine": {
        "en": "machine translation: {count}",
        "he": "תרגום מכונה: {count}",
        "ar": "ترجمة آلية: {count}",
        "th": "แปลด้วยเครื่อง: {count}",
        "ru": "машинный перевод: {count}",
    },
    "translation.stale": {
        "en": "the English changed after translation: {count}",
        "he": "הטקסט באנגלית השתנה אחרי התרגום: {count}",
        "ar": "تغيّر النص الإنجليزي بعد الترجمة: {count}",
        "th": "ต้นฉบับภาษาอังกฤษเปลี่ยนไปหลังการแปล: {count}",
        "ru": "английский текст изменился после перевода: {count}",
    },
    "translation.missing": {
        "en": "not translated yet, shown in English: {count}",
        "he": "עדיין לא תורגם ומוצג באנגלית: {count}",
        "ar": "لم يُترجم بعد ويُعرض بالإنجليزية: {count}",
        "th": "ยังไม่ได้แปล แสดงเป็นภาษาอังกฤษ: {count}",
        "ru": "ещё не переведено, показано на английском: {count}",
    },
    "translation.marked": {
        "en": "These blocks are marked with a line at the side.",
        "he": "קטעים אלה מסומנים בקו בצד.",
        "ar": "هذه المقاطع مميَّزة بخط على جانبها.",
        "th": "ส่วนเหล่านี้มีเส้นกำกับไว้ด้านข้าง",
        "ru": "Такие фрагменты отмечены линией сбоку.",
    },
    "translation.english_link": {
        "en": "Read the English original",
        "he": "לקריאת המקור באנגלית",
        "ar": "اقرأ النص الإنجليزي الأصلي",
        "th": "อ่านต้นฉบับภาษาอังกฤษ",
        "ru": "Читать английский оригинал",
    },
    # source notes: `[src-000 §4]` on the site (handbook.site.source_notes; titles in sources.yml)
    "source_note.text": {
        "en": "Source: {title}, {paragraph}",
        "he": "מקור: {title}, {paragraph}",
        "ar": "المصدر: {title}، {paragraph}",
        "th": "ที่มา: {title} {paragraph}",
        "ru": "Источник: {title}, {paragraph}",
    },
    # between the paragraphs of one note ("¶5, ¶7")
    "source_note.separator": {
        "en": ", ",
        "he": ", ",
        "ar": "، ",
        "th": ", ",
        "ru": ", ",
    },
    # read out instead of the ¶ sign, before the number (hidden on screen)
    "source_note.paragraph": {
        "en": "paragraph",
        "he": "פסקה",
        "ar": "الفقرة",
        "th": "ย่อหน้าที่",
        "ru": "абзац",
    },
    # search: the header search box (handbook.site.search, handbook-search.js)
    "search.placeholder": {
        "en": "Search the handbook",
        "he": "חיפוש במדריך",
        "ar": "ابحث في الدليل",
        "th": "ค้นหาในคู่มือ",
        "ru": "Поиск по справочнику",
    },
    "search.prompt": {
        "en": "Type a word to search this language's pages",
        "he": "הקלידו מילה כדי לחפש בעמודים בעברית",
        "ar": "اكتب كلمة للبحث في صفحات العربية",
        "th": "พิมพ์คำเพื่อค้นหาในหน้าภาษาไทย",
        "ru": "Введите слово для поиска по страницам на русском",
    },
    "search.loading": {
        "en": "Loading search…",
        "he": "החיפוש נטען…",
        "ar": "جارٍ تحميل البحث…",
        "th": "กำลังโหลดการค้นหา…",
        "ru": "Загрузка поиска…",
    },
    "search.none": {
        "en": "No matching pages",
        "he": "לא נמצאו עמודים מתאימים",
        "ar": "لا توجد صفحات مطابقة",
        "th": "ไม่พบหน้าที่ตรงกัน",
        "ru": "Подходящих страниц не найдено",
    },
    "search.one": {
        "en": "1 matching page",
        "he": "נמצא עמוד מתאים אחד",
        "ar": "صفحة مطابقة واحدة",
        "th": "พบ 1 หน้าที่ตรงกัน",
        "ru": "Найдена 1 подходящая страница",
    },
    "search.other": {
        "en": "{count} matching pages",
        "he": "נמצאו {count} עמודים מתאימים",
        "ar": "عدد الصفحات المطابقة: {count}",
        "th": "พบ {count} หน้าที่ตรงกัน",
        "ru": "Найдено подходящих страниц: {count}",
    },
    "search.partial": {
        "en": "No page has all your words; {count} pages have some of them",
        "he": "אין עמוד עם כל המילים שחיפשתם; ב-{count} עמודים יש חלק מהן",
        "ar": "لا توجد صفحة فيها كل كلماتك؛ بعضها موجود في {count} من الصفحات",
        "th": "ไม่มีหน้าที่มีทุกคำที่ค้นหา มี {count} หน้าที่มีบางคำ",
        "ru": "Ни на одной странице нет всех слов запроса; часть из них есть на страницах: {count}",
    },
    "search.more": {
        "en": "More on this page: {count}",
        "he": "עוד בעמוד זה: {count}",
        "ar": "المزيد في هذه الصفحة: {count}",
        "th": "เพิ่มเติมในหน้านี้: {count}",
        "ru": "Ещё на этой странице: {count}",
    },
    "search.error": {
        "en": "Search is not available: the search index could not be loaded.",
        "he": "החיפוש אינו זמין: לא ניתן היה לטעון את אינדקס החיפוש.",
        "ar": "البحث غير متاح: تعذّر تحميل فهرس البحث.",
        "th": "ใช้การค้นหาไม่ได้ เนื่องจากโหลดดัชนีการค้นหาไม่สำเร็จ",
        "ru": "Поиск недоступен: не удалось загрузить поисковый индекс.",
    },
    "search.results": {
        "en": "Search results",
        "he": "תוצאות חיפוש",
        "ar": "نتائج البحث",
        "th": "ผลการค้นหา",
        "ru": "Результаты поиска",
    },
    "search.clear": {
        "en": "Clear search",
        "he": "ניקוי החיפוש",
        "ar": "مسح البحث",
        "th": "ล้างคำค้นหา",
        "ru": "Очистить поиск",
    },
    # search results (issue 23 item 5): "show more", and English pages offered when the reader's
    # language has none
    "search.show_more": {
        "en": "Show {count} more",
        "he": "להציג עוד {count}",
        "ar": "عرض {count} نتائج أخرى",
        "th": "ดูเพิ่มอีก {count} หน้า",
        "ru": "Показать ещё: {count}",
    },
    "search.english": {
        "en": "No matching pages; matching pages in English:",
        "he": "לא נמצאו עמודים מתאימים בעברית. עמודים מתאימים באנגלית:",
        "ar": "لا توجد صفحات مطابقة بالعربية. صفحات مطابقة بالإنجليزية:",
        "th": "ไม่พบหน้าภาษาไทยที่ตรงกัน แต่พบหน้าภาษาอังกฤษเหล่านี้",
        "ru": "На русском подходящих страниц нет. Подходящие страницы на английском:",
    },
    "search.in_english": {
        "en": "English",
        "he": "באנגלית",
        "ar": "بالإنجليزية",
        "th": "ภาษาอังกฤษ",
        "ru": "на английском",
    },
    # print: printable onboarding packs (handbook.site.print_pack; the link on path pages with build --print)
    "print.pack_link": {
        "en": "Printable version of this path (PDF)",
        "he": "גרסה להדפסה של המסלול הזה (PDF)",
        "ar": "نسخة قابلة للطباعة من هذا المسار (PDF)",
        "th": "ฉบับสำหรับพิมพ์ของเส้นทางนี้ (PDF)",
        "ru": "Версия этого курса для печати (PDF)",
    },
    "print.contents": {
        "en": "Contents",
        "he": "תוכן העניינים",
        "ar": "المحتويات",
        "th": "สารบัญ",
        "ru": "Содержание",
    },
    "print.appendix": {
        "en": "Appendix: {title}",
        "he": "נספח: {title}",
        "ar": "ملحق: {title}",
        "th": "ภาคผนวก {title}",
        "ru": "Приложение: {title}",
    },
    "print.notes": {
        "en": "Link addresses",
        "he": "כתובות הקישורים",
        "ar": "عناوين الروابط",
        "th": "ที่อยู่ของลิงก์",
        "ru": "Адреса ссылок",
    },
    "print.notes_intro": {
        "en": "Each number in the text points to an address below. Handbook pages open in the reader’s own language.",
        "he": "כל מספר בטקסט מפנה לכתובת שלהלן. עמודי המדריך נפתחים בשפה של הקורא.",
        "ar": "يشير كل رقم في النص إلى عنوان أدناه. تُفتح صفحات الدليل بلغة القارئ نفسه.",
        "th": "ตัวเลขแต่ละตัวในเนื้อหาตรงกับที่อยู่ด้านล่าง หน้าของคู่มือจะเปิดเป็นภาษาของผู้อ่านเอง",
        "ru": "Каждый номер в тексте указывает на адрес ниже. Страницы справочника открываются на языке читателя.",
    },
    "print.language": {
        "en": "Language: {language}",
        "he": "שפה: {language}",
        "ar": "اللغة: {language}",
        "th": "ภาษา {language}",
        "ru": "Язык: {language}",
    },
    "print.date": {
        "en": "Printed on {date}",
        "he": "הודפס ב-{date}",
        "ar": "تاريخ الطباعة: {date}",
        "th": "พิมพ์เมื่อ {date}",
        "ru": "Дата печати: {date}",
    },
    "print.version": {
        "en": "Handbook version {version}",
        "he": "גרסת המדריך: {version}",
        "ar": "إصدار الدليل: {version}",
        "th": "คู่มือฉบับ {version}",
        "ru": "Версия справочника: {version}",
    },
    # rtl: the reader's language only (handbook.site.reader_language, overrides/partials/
    # copyright.html, overrides/404.html, handbook-404.js; issue 20). The English texts are
    # Material's own, so English pages stay as they were.
    "generator.made_with": {
        "en": "Made with",
        "he": "נבנה באמצעות",
        "ar": "أُنشئ باستخدام",
        "th": "สร้างด้วย",
        "ru": "Создано с помощью",
    },
    "notfound.heading": {
        "en": "404 - Not found",
        "he": "הדף לא נמצא (שגיאה 404)",
        "ar": "الصفحة غير موجودة (خطأ 404)",
        "th": "ไม่พบหน้าที่ต้องการ (ข้อผิดพลาด 404)",
        "ru": "Страница не найдена (ошибка 404)",
    },
    "redirect.title": {
        "en": "Redirecting...",
        "he": "מעבר לכתובת החדשה…",
        "ar": "جارٍ الانتقال إلى العنوان الجديد…",
        "th": "กำลังไปยังที่อยู่ใหม่…",
        "ru": "Переход на новый адрес…",
    },
    "redirect.text": {
        "en": "You're being redirected to a {link}.",
        "he": "העמוד עבר לכתובת חדשה: {link}",
        "ar": "انتقلت هذه الصفحة إلى عنوان جديد: {link}",
        "th": "หน้านี้ย้ายไปที่อยู่ใหม่แล้ว {link}",
        "ru": "Страница переехала по новому адресу: {link}",
    },
    "redirect.link": {
        "en": "new destination",
        "he": "לעמוד החדש",
        "ar": "افتح الصفحة",
        "th": "เปิดหน้านี้",
        "ru": "открыть страницу",
    },
    "notfound.home": {
        "en": "Go to the handbook’s home page",
        "he": "למעבר לדף הבית של המדריך",
        "ar": "الانتقال إلى الصفحة الرئيسية للدليل",
        "th": "ไปที่หน้าแรกของคู่มือ",
        "ru": "Перейти на главную страницу справочника",
    },
    # offline: reading without a network (handbook.site.offline, handbook-offline.js, sw.js)
    "offline.saved": {
        "en": "Saved for offline reading",
        "he": "נשמר לקריאה ללא חיבור",
        "ar": "محفوظ للقراءة دون اتصال",
        "th": "บันทึกไว้อ่านแบบออฟไลน์แล้ว",
        "ru": "Сохранено для чтения без сети",
    },
    "offline.updated": {
        "en": "The handbook has been updated.",
        "he": "המדריך עודכן.",
        "ar": "تم تحديث الدليل.",
        "th": "คู่มือมีการปรับปรุงใหม่",
        "ru": "Справочник обновлён.",
    },
    "offline.reload": {
        "en": "Reload",
        "he": "טעינה מחדש",
        "ar": "إعادة التحميل",
        "th": "โหลดใหม่",
        "ru": "Обновить",
    },
    "offline.title": {
        "en": "You are offline",
        "he": "אין חיבור לאינטרנט",
        "ar": "أنت غير متصل بالإنترنت",
        "th": "คุณออฟไลน์อยู่",
        "ru": "Нет подключения к сети",
    },
    "offline.not_saved": {
        "en": "This page is not saved on this device, so it cannot be opened without a network. The pages of your language are saved: you can still read and search them.",
        "he": "העמוד הזה לא נשמר במכשיר, ולכן אי אפשר לפתוח אותו בלי חיבור לרשת. העמודים בשפה שלכם שמורים, ואפשר להמשיך לקרוא ולחפש בהם.",
        "ar": "هذه الصفحة غير محفوظة على هذا الجهاز، لذلك لا يمكن فتحها دون اتصال بالشبكة. أمّا صفحات لغتك فهي محفوظة، ويمكنك قراءتها والبحث فيها.",
        "th": "หน้านี้ไม่ได้บันทึกไว้ในอุปกรณ์นี้ จึงเปิดไม่ได้เมื่อไม่มีเครือข่าย แต่หน้าต่างๆ ในภาษาของคุณบันทึกไว้แล้ว คุณยังอ่านและค้นหาได้ตามปกติ",
        "ru": "Эта страница не сохранена на устройстве, поэтому без сети её не открыть. Страницы на вашем языке сохранены: их можно читать и искать по ним.",
    },
    "offline.home": {
        "en": "Go to the handbook’s home page",
        "he": "מעבר לדף הבית של המדריך",
        "ar": "الانتقال إلى الصفحة الرئيسية للدليل",
        "th": "ไปที่หน้าแรกของคู่มือ",
        "ru": "На главную страницу справочника",
    },
    # journey: onboarding paths, start here, trust badges, report a problem (handbook.site.journey)
    "journey.minutes.one": {
        "en": "{n} minute",
        "he": "{n} דקה",
        "ar": "{n} دقيقة",
        "th": "{n} นาที",
        "ru": "{n} минута",
    },
    "journey.minutes.two": {
        "en": "{n} minutes",
        "he": "{n} דקות",
        "ar": "{n} دقيقة",
        "th": "{n} นาที",
        "ru": "{n} минуты",
    },
    "journey.minutes.few": {
        "en": "{n} minutes",
        "he": "{n} דקות",
        "ar": "{n} دقائق",
        "th": "{n} นาที",
        "ru": "{n} минуты",
    },
    "journey.minutes.many": {
        "en": "{n} minutes",
        "he": "{n} דקות",
        "ar": "{n} دقيقة",
        "th": "{n} นาที",
        "ru": "{n} минут",
    },
    "journey.minutes.other": {
        "en": "{n} minutes",
        "he": "{n} דקות",
        "ar": "{n} دقيقة",
        "th": "{n} นาที",
        "ru": "{n} минуты",
    },
    "journey.step_time": {
        "en": "Reading time: {time}",
        "he": "זמן קריאה: {time}",
        "ar": "مدة القراءة: {time}",
        "th": "เวลาอ่าน {time}",
        "ru": "Время чтения: {time}",
    },
    "journey.path_time": {
        "en": "Reading time in all: {time}. Each part fits a break of {minutes}.",
        "he": "זמן הקריאה הכולל: {time}. כל חלק אפשר לקרוא בהפסקה של {minutes}.",
        "ar": "مدة القراءة الإجمالية: {time}. يمكن قراءة كل جزء في استراحة مدتها {minutes}.",
        "th": "เวลาอ่านทั้งหมด {time} แต่ละส่วนอ่านจบได้ในช่วงพัก {minutes}",
        "ru": "Общее время чтения: {time}. Каждую часть можно прочитать за перерыв в {minutes}.",
    },
    "journey.bar_label": {
        "en": "Reading path",
        "he": "מסלול קריאה",
        "ar": "مسار القراءة",
        "th": "ลำดับการอ่าน",
        "ru": "Порядок чтения",
    },
    "journey.bar_position": {
        "en": "{current} of {total}",
        "he": "{current} מתוך {total}",
        "ar": "{current} من {total}",
        "th": "{current} จาก {total}",
        "ru": "{current} из {total}",
    },
    "journey.bar_next": {
        "en": "Next: {title} →",
        "he": "הבא: {title} ←",
        "ar": "التالي: {title} ←",
        "th": "ถัดไป {title} →",
        "ru": "Далее: {title} →",
    },
    "journey.bar_back": {
        "en": "Back to the list",
        "he": "חזרה לרשימה",
        "ar": "العودة إلى القائمة",
        "th": "กลับไปที่รายการ",
        "ru": "Вернуться к списку",
    },
    "journey.start_here": {
        "en": "New here? Start with {path}",
        "he": "חדשים כאן? התחילו מ{path}",
        "ar": "جديد هنا؟ ابدأ بقراءة {path}",
        "th": "เพิ่งมาใหม่ใช่ไหม เริ่มที่ {path}",
        "ru": "Вы здесь впервые? Начните с раздела {path}",
    },
    "journey.trust": {
        "en": "Trust: {level}",
        "he": "מידת אמינות: {level}",
        "ar": "درجة الموثوقية: {level}",
        "th": "ความน่าเชื่อถือ {level}",
        "ru": "Надёжность: {level}",
    },
    "journey.trust.high": {"en": "high", "he": "גבוהה", "ar": "عالية", "th": "สูง", "ru": "высокая"},
    "journey.trust.medium": {
        "en": "medium",
        "he": "בינונית",
        "ar": "متوسطة",
        "th": "ปานกลาง",
        "ru": "средняя",
    },
    "journey.trust.low": {"en": "low", "he": "נמוכה", "ar": "منخفضة", "th": "ต่ำ", "ru": "низкая"},
    "journey.trust_machine": {
        "en": "from a machine-translated source",
        "he": "לפי מקור בתרגום מכונה",
        "ar": "من مصدر مترجم آليًا",
        "th": "จากแหล่งที่มาที่แปลด้วยเครื่อง",
        "ru": "по источнику в машинном переводе",
    },
    "journey.report": {
        "en": "Something wrong or out of date? Tell us",
        "he": "משהו שגוי או לא עדכני? ספרו לנו",
        "ar": "هل فيها خطأ أو معلومة قديمة؟ أخبرنا",
        "th": "มีข้อมูลผิดหรือล้าสมัยไหม แจ้งเรา",
        "ru": "Что-то неверно или устарело? Сообщите нам",
    },
    "journey.report_subject": {
        "en": "Handbook page: {title}",
        "he": "עמוד במדריך: {title}",
        "ar": "صفحة في الدليل: {title}",
        "th": "หน้าในคู่มือ {title}",
        "ru": "Страница справочника: {title}",
    },
    "journey.report_body": {
        "en": "Page: {url}\nLanguage: {language}\nTitle: {title}\n\nWhat is wrong or out of date:\n",
        "he": "עמוד: {url}\nשפה: {language}\nכותרת: {title}\n\nמה שגוי או לא עדכני:\n",
        "ar": "الصفحة: {url}\nاللغة: {language}\nالعنوان: {title}\n\nما الخطأ أو المعلومة القديمة:\n",
        "th": "หน้า {url}\nภาษา {language}\nชื่อเรื่อง {title}\n\nสิ่งที่ผิดหรือล้าสมัย\n",
        "ru": "Страница: {url}\nЯзык: {language}\nЗаголовок: {title}\n\nЧто неверно или устарело:\n",
    },
    "journey.owner": {
        "en": "Owner: {owner}",
        "he": "באחריות: {owner}",
        "ar": "الجهة المسؤولة: {owner}",
        "th": "ผู้ดูแล {owner}",
        "ru": "Ответственный: {owner}",
    },
    "journey.language": {
        "en": "Language: {name}",
        "he": "שפה: {name}",
        "ar": "اللغة: {name}",
        "th": "ภาษา {name}",
        "ru": "Язык: {name}",
    },
}


# Strings of languages added in mkdocs.yml, read from translations/<lang>/ui.yml for the build.
_ADDED: dict[str, dict[str, str]] = {}
UI_FILE = "ui.yml"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def ui_file(translations_dir: Path, lang: str) -> Path:
    return translations_dir / lang / UI_FILE


def load_language_strings(translations_dir: Path, languages: list[str]) -> None:
    """Read translations/<lang>/ui.yml of every language in `languages` that has no strings here.

    A missing file, a missing key or a text with other {placeholders} than the English is one
    HandbookError naming the file and every key to add.
    """
    for lang in languages:
        if all(lang in texts for texts in UI_STRINGS.values()):
            continue
        path = ui_file(translations_dir, lang)
        fix = (
            f"give {path.name} every key of handbook.core.ui with its {lang} text "
            f"(copy the English: {', '.join(sorted(UI_STRINGS))})"
        )
        if not path.is_file():
            raise HandbookError(
                f"the interface strings of {lang!r} (buttons, notices, search labels) are missing",
                path=path,
                fix=fix,
            )
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise yaml_error(exc, what="the interface strings", path=path, fix=fix) from None
        if not isinstance(data, dict):
            raise HandbookError("expected a mapping of key: text", path=path, fix=fix)
        missing = sorted(key for key in UI_STRINGS if not str(data.get(key) or "").strip())
        if missing:
            raise HandbookError(f"missing keys: {', '.join(missing)}", path=path, fix=fix)
        wrong = sorted(key for key in UI_STRINGS if _fields(str(data[key])) != _fields(UI_STRINGS[key]["en"]))
        if wrong:
            raise HandbookError(
                f"keys whose {{placeholders}} differ from the English: {', '.join(wrong)}",
                path=path,
                fix="keep each {name} of the English text, translated around it",
            )
        _ADDED[lang] = {key: str(data[key]) for key in UI_STRINGS}


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (English if that language lacks it), formatted with `values`."""
    texts = UI_STRINGS[key]
    text = texts.get(lang) or _ADDED.get(lang, {}).get(key) or texts["en"]
    return text.format(**values)
