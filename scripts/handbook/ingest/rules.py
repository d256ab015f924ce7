"""Line-level boilerplate rules of `handbook ingest`: each rule names the reason a line goes.

Rules are general: word lists per language (en, he, ar, th, ru) and shapes of lines (a template
placeholder, a list of social networks, a date stamp), never keyed to one article.
"""

from __future__ import annotations

import re

from handbook.ingest import interface

# --- reasons (the report's vocabulary) -------------------------------------------------------

TEMPLATE = "template placeholder"
NAVIGATION = "navigation word"
WIDGET = "share/print/font-size widget"
STAMP = "reading time or date stamp"
COOKIE = "cookie notice"
FOOTER = "footer"
NEWSLETTER = "newsletter widget"
SPAM = "spam or ad credit"
VIDEO = "unrelated video title"
RELATED = "related-links list"
TOC = "table-of-contents stub"
ARCHIVE = "tag-archive header"
BYLINE = "byline stub"
BREADCRUMB = "breadcrumb navigation"
DANGLING = "dangling link word"
DANGLING_TAIL = "dangling link words at paragraph end (link text of a source credit)"
REPEATED = "repeated title"
TEASER = "related-articles teaser list"

# Sentence-ending marks of the punctuated scripts (Thai marks sentences with spaces instead).
SENTENCE_END = ".!?…؟۔。»”\"'’)"
_CLOSERS = "»”\"'’)"


def _alternation(words: str) -> str:
    items = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in items)


NAVIGATION_WORDS = interface.word_set(
    # en
    "close|posted|share|share this|print|print this|email|e-mail|menu|home|search|next|previous|"
    "prev|back|back to top|top|reply|comments|comment|leave a comment|leave a reply|read more|more|"
    "continue reading|skip to content|skip to main content|tweet|like|follow us|subscribe|log in|"
    "login|sign in|sign up|register|loading|load more|show more|view all|see all|tags|categories|"
    "category|archives|next post|previous post|older posts|newer posts|accept|accept all|"
    "decline|reject|ok|cancel|save|bookmark|listen|copy link|toggle navigation|main menu|"
    # he
    "סגור|סגירה|פורסם|שתף|שתפו|שיתוף|הדפס|הדפסה|תפריט|דף הבית|בית|חיפוש|הבא|הקודם|חזרה למעלה|"
    "למעלה|הגב|תגובה|תגובות|השאר תגובה|קרא עוד|קראו עוד|המשך קריאה|הירשם|הרשמה|התחבר|כניסה|"
    "העתק קישור|שמור|אישור|ביטול|תגיות|קטגוריות|אני מסכים|מסכים|דלג לתוכן|"
    # ar
    "إغلاق|اغلاق|أغلق|نشر|مشاركة|شارك|طباعة|اطبع|القائمة|الرئيسية|الصفحة الرئيسية|بحث|التالي|"
    "السابق|العودة للأعلى|للأعلى|رد|تعليق|تعليقات|أضف تعليق|اترك تعليقا|اقرأ المزيد|المزيد|"
    "متابعة القراءة|اشترك|تسجيل الدخول|تسجيل|نسخ الرابط|حفظ|موافق|قبول|إلغاء|الوسوم|التصنيفات|"
    "تخطي إلى المحتوى|"
    # th
    "ปิด|โพสต์|แชร์|แบ่งปัน|พิมพ์|เมนู|หน้าแรก|หน้าหลัก|ค้นหา|ถัดไป|ก่อนหน้า|กลับด้านบน|"
    "ขึ้นด้านบน|ตอบกลับ|ความคิดเห็น|แสดงความคิดเห็น|อ่านต่อ|อ่านเพิ่มเติม|สมัครสมาชิก|เข้าสู่ระบบ|"
    "ลงทะเบียน|คัดลอกลิงก์|บันทึก|ตกลง|ยกเลิก|ยอมรับ|ยอมรับทั้งหมด|แท็ก|หมวดหมู่|ข้ามไปยังเนื้อหา|"
    # ru
    "закрыть|опубликовано|поделиться|поделитесь|печать|распечатать|версия для печати|меню|главная|"
    "на главную|поиск|далее|назад|вперёд|вперед|следующая|предыдущая|наверх|ответить|комментарий|"
    "комментарии|оставить комментарий|читать далее|читать дальше|подробнее|продолжить чтение|"
    "подписаться|подпишитесь|войти|вход|регистрация|копировать ссылку|сохранить|ок|отмена|"
    "принять|принять все|согласен|теги|метки|рубрики|категории|нравится|перейти к содержимому"
)

DANGLING_WORDS = interface.word_set(
    "example|here|link|source|photo|image|click here|read here|watch|"
    "דוגמה|דוגמא|כאן|קישור|מקור|תמונה|לחץ כאן|צילום|"
    "مثال|هنا|رابط|المصدر|صورة|انقر هنا|اضغط هنا|"
    "ตัวอย่าง|ที่นี่|ลิงก์|ที่มา|ภาพ|รูปภาพ|คลิกที่นี่|คลิก|"
    "пример|здесь|тут|ссылка|источник|фото|изображение|нажмите здесь|смотреть"
)

BYLINE_WORDS = interface.word_set(
    "anonim|anonymous|admin|administrator|editor|guest|staff|"
    "אנונימי|מנהל|עורך|מערכת|"
    "مجهول|المدير|مشرف|المحرر|"
    "ผู้ดูแลระบบ|แอดมิน|บรรณาธิการ|"
    "аноним|админ|администратор|редакция|редактор|гость"
)

SOCIAL_NAMES = interface.word_set(
    "facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|instagram|youtube|vk|vkontakte|"
    "вконтакте|одноклассники|ok.ru|reddit|email|e-mail|viber|line|threads|tiktok|פייסבוק|"
    "טוויטר|וואטסאפ|فيسبوك|تويتر|واتساب|ไลน์|เฟซบุ๊ก|ทวิตเตอร์|почта"
)
_SHARE_START = re.compile(
    r"^(?:" + _alternation("share|share on|share this|שתף|שתפו|شارك|مشاركة|แชร์|แบ่งปัน|поделиться") + r")\b",
    re.IGNORECASE,
)
_FONT_CONTROLS = re.compile(r"^(?:[aAаАא]{1,2}\s*[+\-−]?\s*)+$|^(?:[+\-−]\s*){1,3}$")
_FONT_WORDS = re.compile(
    r"(?:font size|text size|increase font|decrease font|размер шрифта|גודל גופן|גודל טקסט|"
    r"حجم الخط|ขนาดตัวอักษร|ขนาดข้อความ)",
    re.IGNORECASE,
)

_PLACEHOLDER = re.compile(
    r"\$\w+(?:\[[^\]\n]*\])+|\$\{[^}\n]*\}|\{\{[^}\n]*\}\}|\{%[^%\n]*%\}|%%?[A-Z_]{3,}%%?|"
    r"\[/?(?:caption|embed|gallery|shortcode|ad|ads|video|audio)[^\]\n]*\]|<\?php.*?\?>|__[A-Z_]{3,}__"
)
_PLACEHOLDER_START = re.compile(r"[$%_\[{]|<\?")
_PLACEHOLDER_FILLER = re.compile(
    r"\b(?:not found|undefined|null|none|error|missing|is not defined)\b", re.IGNORECASE
)

_STAMP_PREFIX = re.compile(
    r"^(?:reading time|read time|время чтения|время на чтение|זמן קריאה|وقت القراءة|مدة القراءة|"
    r"เวลาในการอ่าน|เวลาอ่าน|updated|last updated|posted on|posted by|published|published on|"
    r"обновлено|опубликовано|дата публикации|עודכן|פורסם|עדכון אחרון|פורסם ב|تم التحديث|"
    r"آخر تحديث|تاريخ النشر|تم النشر|نشر في|نُشر في|อัปเดต|อัพเดต|อัปเดตล่าสุด|เผยแพร่|โพสต์เมื่อ)",
    re.IGNORECASE,
)
_STAMP_COUNT = re.compile(
    r"\d+\s*(?:min(?:ute)?s?\.?\s*read|мин(?:ут[аы]?)?\.?\s*(?:чтения|на чтение)|"
    r"דק(?:ות|')?\s*(?:קריאה|לקריאה)|دقائق?\s*(?:قراءة|للقراءة)|นาทีในการอ่าน)"
    r"|^\d+\s*นาที$"
    r"|^(?:อ่าน|читать)\s*\d+\s*(?:นาที|мин)"
    r"|^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"cookie|куки|עוגיות|ملفات تعريف الارتباط|الكوكيز|كوكيز|คุกกี้", re.IGNORECASE)
# A cookie *notice* also talks about the site, consent or tracking (cookies can be food too).
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we use|this site|this website|website|browsing|consent|accept|privacy|analytics|"
    r"experience)\b|сайт|используем|согласи|אתר|משתמשים|מסכים|الموقع|نستخدم|موافق|เว็บไซต์|ใช้|ยอมรับ",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|all rights reserved|все права защищены|כל הזכויות שמורות|جميع الحقوق محفوظة|"
    r"สงวนลิขสิทธิ์|privacy policy|политика конфиденциальности|מדיניות פרטיות|سياسة الخصوصية|"
    r"นโยบายความเป็นส่วนตัว|terms of use|terms of service|условия использования|תנאי שימוש|"
    r"شروط الاستخدام|ข้อกำหนดการใช้งาน|powered by",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"newsletter|subscribe to|sign up for|no spam|рассылк|подпишитесь на|без спама|ניוזלטר|הירשמו ל|"
    r"הרשמו ל|בלי ספאם|ללא ספאם|بدون رسائل مزعجة|بلا رسائل مزعجة|ไม่มีสแปม|"
    r"النشرة البريدية|النشرة الإخبارية|اشترك في|จดหมายข่าว|สมัครรับ|نشرة|نشرتنا|"
    r"you are receiving this|you received this|this email was sent|вы получили это письмо|"
    r"это письмо отправлено|קיבלת את המייל|קיבלת הודעה זו|وصلتك هذه الرسالة|تلقيت هذه الرسالة|"
    r"คุณได้รับอีเมลนี้",
    re.IGNORECASE,
)
_SPAM_PREFIX = re.compile(
    r"^(?:credits?|sponsored(?: by)?|advertisement|ad|реклама|спонсор|на правах рекламы|"
    r"партн[её]рский материал|פרסומת|ממומן|תוכן שיווקי|إعلان|برعاية|محتوى ممول|โฆษณา|"
    r"สนับสนุนโดย|เครดิต)\s*[:：]",
    re.IGNORECASE,
)
_SPAM_WORDS = re.compile(
    r"casino|казино|букмекер|ставки на спорт|slot online|online slots?|slot ?gacor|\bslot\d|"
    r"สล็อต|บาคาร่า|แทงบอล|คาสิโน|\bufa|poker|"
    r"viagra|كازينو|קזינו|הימורים|betting|bet\d",
    re.IGNORECASE,
)
_VIDEO = re.compile(
    r"^(?:video|watch|видео|смотрите видео|וידאו|סרטון|צפו|فيديو|شاهد|วิดีโอ|คลิป|ดูวิดีโอ)\s*[:：]",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:"
    + _alternation(
        "related|related posts|related articles|related stories|related reading|see also|קראו עוד|"
        "read also|also read|you may also like|more from|recommended|recommended for you|"
        "похожие статьи|похожие записи|похожие материалы|читайте также|см. также|см также|"
        "смотрите также|по теме|рекомендуем|вам может понравиться|ที่เกี่ยวข้อง|"
        "บทความที่เกี่ยวข้อง|บทความแนะนำ|เรื่องที่เกี่ยวข้อง|קרא גם|קראו גם|כתבות קשורות|"
        "כתבות נוספות|מאמרים קשורים|מאמרים נוספים|ראו גם|עוד בנושא|اقرأ أيضا|اقرأ أيضاً|"
        "مقالات ذات صلة|ذات صلة|مواضيع ذات صلة|قد يعجبك أيضا|قد يعجبك أيضاً|اقرأ أيضًا|"
        "אולי יעניין אותך גם|עוד כתבות|อ่านเพิ่มเติม|คุณอาจสนใจ|บทความที่คุณอาจสนใจ|กระทู้ที่คุณอาจสนใจ|"
        "you might also like|more articles|другие статьи|другие статьи раздела"
    )
    + r")\s*[:：]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_TOC = re.compile(
    r"^(?:"
    + _alternation(
        "table of contents|contents|on this page|in this article|содержание|оглавление|"
        "содержание статьи|תוכן עניינים|תוכן העניינים|בעמוד זה|במאמר זה|جدول المحتويات|"
        "المحتويات|محتويات|في هذا المقال|สารบัญ|เนื้อหา|ในบทความนี้"
    )
    + r")\s*[:：]?$",
    re.IGNORECASE,
)
_ARCHIVE = re.compile(
    r"^(?:"
    + _alternation(
        "tag archives|tag archive|archive for tag|posts tagged|tagged|tag|category archives|"
        "category|архив тегов|архив метки|архив рубрики|записи с меткой|метка|тег|рубрика|"
        "ארכיון תגיות|ארכיון תגית|ארכיון קטגוריה|תגית|קטגוריה|أرشيف الوسوم|أرشيف الوسم|"
        "أرشيف التصنيف|الوسم|وسم|التصنيف|คลังแท็ก|แท็ก|ป้ายกำกับ|หมวดหมู่"
    )
    + r")\s*[:：]\s*(?P<tag>.{1,60})$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|author|автор|מאת|כותב|بقلم|بواسطة|الكاتب|โดย|ผู้เขียน|"
    r"answered by|asked by|uploaded by|shared by|added by|ответил|ответила|спросил|спросила|"
    r"загрузил|загрузила|добавил|добавила|ענה|ענתה|הועלה על ידי|הועלה ע\"י|נכתב על ידי|"
    r"أجاب|أجابت|سأل|سألت|رفعه|تم الرفع بواسطة|ตอบโดย|ถามโดย|อัปโหลดโดย|อัพโหลดโดย|โพสต์โดย)"
    r"\s*[:：]?\s+\S",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"^\d+\s*(?:comments?|replies|likes|views|shares|комментари\w*|просмотр\w*|ответ\w*|"
    r"תגובות|צפיות|שיתופים|تعليقات?|مشاهدات?|ردود|ความคิดเห็น|ครั้ง|การดู)$",
    re.IGNORECASE,
)
_BREADCRUMB_SEP = re.compile(r"\s+[›»>/|→]\s+")
_EDGE_PUNCT = " \t:：|•·-–—»«›‹>*#_\"'“”„()[]"
_KEY_STRIP = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """A comparison key: case-folded, punctuation dropped, spaces collapsed."""
    return _SPACES.sub(" ", _KEY_STRIP.sub(" ", text.casefold())).strip()


_SECTION_NUMBER = re.compile(r"^\d{1,2}(?: \d{1,2})* (?=\S)")


def toc_key(text: str) -> str:
    """The comparison key without a leading section number: a table of contents numbers its
    entries ("1. Start here") whether or not the headings they point to are numbered."""
    return _SECTION_NUMBER.sub("", key(text))


def _core(text: str) -> str:
    return text.strip(_EDGE_PUNCT).casefold()


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence punctuation (a closing quote after it counts too)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END


def strip_placeholders(text: str) -> tuple[str, bool]:
    """`text` without template placeholders, and whether any were found."""
    if not _PLACEHOLDER_START.search(text):
        return text.strip(), False
    cleaned, count = _PLACEHOLDER.subn("", text)
    if not count:
        return text.strip(), False
    return _SPACES.sub(" ", cleaned).strip(), bool(count)


def classify_line(text: str) -> str | None:
    """The reason this whole line is boilerplate, or None when it may be content."""
    stripped = text.strip()
    core = _core(stripped)
    words = stripped.split()
    short = len(stripped) <= 200
    without, had_placeholder = strip_placeholders(stripped)
    if had_placeholder and len(re.findall(r"[^\W\d_]", _PLACEHOLDER_FILLER.sub("", without))) < 4:
        return TEMPLATE
    if core in NAVIGATION_WORDS or _COUNTER.match(core):
        return NAVIGATION
    if core in DANGLING_WORDS:
        return DANGLING
    if core in BYLINE_WORDS or (
        _BYLINE.match(stripped)
        # a byline's first part, perhaps with the author's role after a separator
        and len(re.split(r"\s+[·•|]\s+", stripped)[0].split()) <= 6
        and len(words) <= 12
        # a sentence does not end a byline, an initial does ("ענה: רו"ח גלעד מ.")
        and (not ends_sentence(stripped) or len(words[-1].strip(".")) <= 1)
    ):
        return BYLINE
    if _FONT_CONTROLS.match(stripped) or (_FONT_WORDS.search(stripped) and len(words) <= 8):
        return WIDGET
    if len(stripped) > 400:
        return None  # every rule below is about short lines; long ones are content
    if len(stripped) <= 120:
        tokens = [t for t in (_core(w) for w in re.split(r"[\s,|•·/]+", stripped)) if t]
        social = sum(t in SOCIAL_NAMES for t in tokens)
        if (social >= 2 and social * 2 >= len(tokens)) or (_SHARE_START.match(core) and len(words) <= 8):
            return WIDGET
    if len(stripped) <= 80 and (
        _STAMP_COUNT.search(stripped)
        or (_STAMP_PREFIX.match(stripped) and (re.search(r"\d", stripped) or len(words) <= 2))
    ):
        return STAMP
    if _VIDEO.match(stripped):
        return VIDEO
    if _SPAM_PREFIX.match(stripped) or (len(stripped) <= 120 and _SPAM_WORDS.search(stripped)):
        return SPAM
    if len(stripped) <= 400 and _COOKIE.search(stripped) and _COOKIE_CONTEXT.search(stripped):
        return COOKIE
    if short and _FOOTER.search(stripped):
        return FOOTER
    if short and _NEWSLETTER.search(stripped) and len(words) <= 25:
        return NEWSLETTER
    if _TOC.match(stripped):
        return TOC
    if _ARCHIVE.match(stripped):
        return ARCHIVE
    if _RELATED.match(stripped) and (len(words) <= 16 or stripped.rstrip()[-1] not in ".!"):
        return RELATED
    parts = _BREADCRUMB_SEP.split(stripped)
    if len(parts) >= 3 and len(stripped) <= 150 and all(0 < len(p.split()) <= 6 for p in parts):
        return BREADCRUMB
    return interface.classify(stripped, NAVIGATION_WORDS)


def archive_tag(text: str) -> str | None:
    """The tag named by a tag-archive header line, or None."""
    match = _ARCHIVE.match(text.strip())
    return match.group("tag").strip() if match else None


def related_rest(text: str) -> str:
    """What follows a related-links header on the same line ('' for a bare header)."""
    match = _RELATED.match(text.strip())
    return match.group("rest").strip() if match else ""


# --- words that cannot end a sentence (a line ending with one was broken mid-sentence) --------

CONNECTIVES: dict[str, frozenset[str]] = {
    "en": interface.word_set("and|or|but|the|a|an|of|to|in|for|with|that|on|at|by|from|which|who|as|is|are"),
    "ru": interface.word_set(
        "и|или|а|но|в|во|на|с|со|к|ко|по|для|что|как|от|до|из|о|об|за|при|не|чтобы|который|которые"
    ),
    "he": interface.word_set("של|את|על|עם|או|אבל|כי|אשר|גם|אם|ש|אל|מן|כמו|בין"),
    "ar": interface.word_set("في|من|على|إلى|الى|عن|و|أو|لكن|أن|ان|التي|الذي|مع|بين|حتى|لأن|كما"),
    "th": interface.word_set(
        "ซึ่ง|ที่|และ|หรือ|แต่|กับ|ของ|ว่า|เพื่อ|โดย|ใน|จาก|ให้|คือ|เมื่อ|ถ้า|หาก|เพราะ|จึง|ก็|"
        "ต่อ|การ|ความ|ทั้ง|เกี่ยวกับ|สำหรับ|ตาม|แก่|ถึง"
    ),
}
