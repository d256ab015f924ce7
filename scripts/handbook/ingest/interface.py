"""The interface vocabulary of `handbook ingest`: page chrome in en, he, ar, th and ru, by kind.

`handbook.ingest.rules` knows the common navigation and widget words; this module adds what
pages of other kinds carry around an article: menus of shops, vendors, libraries and forums,
reader controls (font, background, night mode), age ratings, page and slide counters, view,
download and vote counters, language pickers, "was this helpful" buttons, photo credits, tag
lists, and posted/updated/uploaded/asked/answered lines with a date in any calendar the five
languages use (Gregorian, Hebrew -- also with a prefix letter on the month, "במרץ" --, Hijri,
Buddhist era) or a time ago, alone or beside a name ("Priya M. · 2 days ago").

And the shapes of controls in every language: pagers ("Next lesson: ...", "הפרק הבא", a link
with an arrow, "‹ Billing"), a section label with its count ("Discussion (14)"), sort controls
("Sort by:", "ترتيب حسب:"), skip links, search boxes ("Search for answers..."), downloads (a file
name, a format with its size, a list of formats), contact lines (a hotline label with a number,
or a phone number outside a sentence), the consent notice under a form ("By clicking ... you
agree"), a sponsor's line, prompts to log in or to ask for more help ("You must log in to
reply", "Остались вопросы?"), "read online" buttons, a library's metadata labels ("Жанр:"),
discounts and trial periods outside a sentence, a select's default option, a comment signed
after a dash with its author's name and date ("... – Олег 3 мар 2024 в 10:15"), forum ranks and follower counts, and quiz
counters and buttons ("Question 1 of 3", "Submit answer"), announcement bars ("New: ... —
Learn more"), "liked this article?" prompts, and a blog's menu entry.

Every rule is about the kind of a line, never one site's strings: a line goes only when it is
made *entirely* of such words, numbers and dates (at most one other word, such as a user's
rank), or has the shape of a control (short, no sentence), so a sentence that mentions them stays.

Why one module of this size: it is vocabulary -- word lists and patterns for five languages, one
short classifier at the end -- and splitting the lists from the one function that reads them
would only add imports.
"""

from __future__ import annotations

import re

# Reasons (the report's vocabulary).
MENU = "menu or button words (interface vocabulary)"
META = "date, counter or post metadata line (posted/updated/views/votes, any calendar)"
PAGE = "page, slide or post counter"
AGE = "age rating"
READER = "reader controls (font, background, night mode)"
LANGUAGES = "language picker"
CREDIT = "photo credit or advertisement label"
TAGS = "tag list, tag or user handle"
SEPARATOR = "separator line (no letter or digit)"
OFFER = "sign-up or free-trial offer (interface vocabulary)"
PAGER = "previous/next link (pager)"
FILE = "download link: a file name, format or size"
CONTACT = "contact line: a phone number or hotline"
CONSENT = "consent notice of a form (personal data, terms)"
PROMPT = "prompt to log in, or to ask for more help (interface vocabulary)"
COMMENT = "a comment signed with its author's name and date"


def word_set(text: str) -> frozenset[str]:
    """The casefolded words of a `|`-separated list (the rules' and this module's vocabularies)."""
    return frozenset(w.strip().casefold() for w in text.split("|") if w.strip())


MENU_WORDS = word_set(
    # en
    "skip to footer|skip to navigation|skip to main navigation|products|product|solutions|pricing|"
    "resources|about|about us|contact|contact us|questions|users|unanswered|ask question|"
    "ask a question|follow|improve this question|improve this answer|add a comment|your answer|"
    "post your answer|sorted by|download|download now|download presentation|customise|customize|"
    "sign me up|your email|sign up free|start free trial|free trial|try it free|night mode|"
    "dark mode|report|flag|flag as inappropriate|quote|books|authors|genres|new releases|"
    "add to favourites|add to favorites|upload|articles|blog|help center|help centre|cart|"
    "track order|track your order|offers|deals|departments|yes|no|was this helpful|"
    "was this article helpful|presentation transcript|document information|embed|"
    "บทความนี้มีประโยชน์หรือไม่|บทความนี้มีประโยชน์ไหม|была ли статья полезной|была ли эта статья полезной|"
    "هل كان هذا المقال مفيدا|هل كان هذا المقال مفيدًا|האם המידע עזר לך|"
    "reject non-essential|reject all|accept all cookies|manage cookies|cookie settings|"
    "necessary only|manage preferences|click to expand|free preview|you're reading a free preview|"
    "edit|edit this page|edit page|view source|view history|"
    "submit|submit answer|mark as complete|mark as done|mark complete|"
    "הבלוג|בלוג|المدونة|مدونة|บล็อก|блог|"
    "שלח|שליחה|הגש|הגשה|إرسال|أرسل|ส่ง|ส่งคำตอบ|отправить|отправить ответ|"
    # he
    "דלג לתוכן הראשי|דילוג לתוכן|ראשי|מאמרים|אודות|אודותינו|צור קשר|צרו קשר|העתקת קישור|השב|"
    "העלאה|התחברות|הורדה|הורדת pdf|שמירה|עקוב|עקבו|דווח|דיווח|ציטוט|מצב לילה|הוספת תגובה|"
    "תשובה מקובלת|מסמכים|חיפוש מסמכים|כן|לא|האם המאמר עזר לך|הצטרפו|עגלה|מבצעים|"
    # ar
    "مقالات|من نحن|اتصل بنا|الأقسام|العروض|تتبع الطلب|مركز المساعدة|إرسال التعليق|"
    "أحدث المقالات|عرض كل المقالات|عن الكاتب|عن الكاتبة|الوضع الليلي|تحميل|تنزيل|متابعة|إبلاغ|"
    "الإبلاغ|ابدأ مجانا|ابدأ مجانًا|جرب مجانا|السلة|نعم|لا|هل كانت هذه المقالة مفيدة|الأسئلة|"
    "المستخدمون|اطرح سؤالا|اطرح سؤالًا|إنشاء حساب|إضافة تعليق|الإجابة المقبولة|"
    # th
    "ข้ามไปที่เนื้อหา|ข้ามไปยังเนื้อหาหลัก|ห้อง|กระทู้|ตั้งกระทู้|ติดตาม|แจ้งลบ|รายงาน|เจ้าของกระทู้|"
    "เริ่มใช้ฟรี|ทดลองใช้ฟรี|แชทกับเจ้าหน้าที่|ดาวน์โหลด|อัปโหลด|ใช่|ไม่ใช่|ไม่|สินค้า|โปรโมชั่น|"
    "ติดต่อเรา|เกี่ยวกับเรา|บทความ|ตะกร้า|โหมดกลางคืน|"
    # ru
    "перейти к основному содержанию|перейти к содержанию|книги|авторы|жанры|новинки|в избранное|"
    "расшифровка слайдов|скачать|цитата|пожаловаться|сообщить о неприемлемом содержимом|"
    "ночной режим|статьи|о нас|о компании|контакты|загрузить|да|нет|корзина|акции|"
    "помогла ли вам эта статья|задать вопрос|войти / регистрация|править|редактировать|עריכה|ערוך|"
    "تعديل|عدّل|แก้ไข"
)
# A talk's or a letter's closing words, alone on their line: the last slide of a deck, the end of
# a post. They are the author's, not the site's, though short and at the end of the page.
CLOSING_WORDS = word_set(
    "thank you|thanks|thank you all|thank you for listening|thank you for your attention|"
    "תודה|תודה רבה|תודה לכולם|תודה על ההקשבה|شكرا|شكرًا|شكرا لكم|شكرًا لكم|شكرا جزيلا|"
    "شكرًا جزيلًا|شكرا لحسن استماعكم|شكرًا لحسن استماعكم|ขอบคุณ|ขอบคุณค่ะ|ขอบคุณครับ|ขอบคุณมาก|"
    "ขอบคุณที่รับฟัง|спасибо|спасибо за внимание|"
    "благодарю за внимание"
)


def closing(text: str) -> bool:
    """The whole line is a closing formula ("Thank you!", "Спасибо за внимание")."""
    return text.strip().strip(" .!?؟…:").casefold() in CLOSING_WORDS


SOCIAL = word_set(
    "facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|instagram|youtube|vk|вконтакте|"
    "одноклассники|viber|line|tiktok|פייסבוק|טוויטר|וואטסאפ|לינקדאין|אינסטגרם|טלגרם|فيسبوك|"
    "تويتر|واتساب|لينكدإن|لينكد إن|إنستغرام|تيليجرام|ไลน์|เฟซบุ๊ก|เฟสบุ๊ค|ทวิตเตอร์|อินสตาแกรม"
)
LANGUAGE_NAMES = word_set(
    "english|español|français|deutsch|italiano|português|русский|العربية|עברית|ไทย|中文|日本語|"
    "한국어|türkçe|polski|nederlands|українська|ελληνικά|हिन्दी|فارسی|bahasa indonesia|"
    "tiếng việt|english (us)|english (uk)"
)
# A vendor's offer: a free trial, no card needed, a demo (a short line, not an article's sentence).
_OFFER = re.compile(
    r"free trial|\btry \S+(?: \S+)? (?:for )?free\b|no credit card|start (?:your )?free|book a demo|"
    r"request a demo|ניסיון חינם|נסו \S+(?: \S+)? בחינם|ללא כרטיס אשראי|התחילו בחינם|تجربة مجانية|"
    r"جرّب \S+ مجان|جرب \S+ مجان|بدون بطاقة ائتمان|دون بطاقة ائتمان|ابدأ مجان|ทดลองใช้ฟรี|"
    r"ไม่ต้องใช้บัตรเครดิต|เริ่มใช้ฟรี|бесплатный пробный|попробуйте \S+(?: \S+)? бесплатно|"
    r"без банковской карты|без привязки карты|начать бесплатно|пробный период|тестовый период",
    re.IGNORECASE,
)
# A discount offered outside a sentence: "— скидка 30% до конца месяца", "Get 20% off".
_DISCOUNT = re.compile(
    r"(?:скидк\w*|discount|הנחה|خصم|ส่วนลด)\s*(?:до|of|של|بنسبة)?\s*\d{1,2}\s*%|"
    r"\d{1,2}\s*%\s*(?:off|скидк\w*|הנחה|خصم|ส่วนลด)",
    re.IGNORECASE,
)
_LANGUAGE_GLOSS = re.compile(r"\s*\([^)]{2,20}\)$")
SPONSORED = word_set(
    "advertisement|ad|ads|sponsored|sponsored content|promoted|реклама|спонсорский материал|"
    "פרסומת|תוכן ממומן|תוכן שיווקי|إعلان|محتوى ممول|محتوى مدفوع|โฆษณา|เนื้อหาที่ได้รับการสนับสนุน"
)
_CREDIT = re.compile(
    r"^(?:photo|image|picture|credit|photo credit|фото|иллюстрация|צילום|תמונה|صورة|تصوير|"
    r"ภาพ|ภาพประกอบ|ที่มาภาพ)\s*[:：]\s*\S.{0,60}$",
    re.IGNORECASE,
)
_TAGS = re.compile(
    r"^(?:tags|tagged|topics|теги|метки|ключевые слова|תגיות|נושאים|الوسوم|الكلمات المفتاحية|"
    r"แท็ก|คำค้น)\s*[:：]\s*\S",
    re.IGNORECASE,
)
# One token that is a tag slug or a user handle: "customer-support", "helpdesk_hannah".
_HANDLE = re.compile(r"^@?[a-z0-9]+(?:[_-][a-z0-9]+)+$|^@?\w+_\w+$")
_AGE = re.compile(
    r"(?:age rating|age|rated|возрастные ограничения|возраст|הגבלת גיל|גיל|דירוג גיל|"
    r"الفئة العمرية|العمر|التصنيف العمري|เรท|อายุ)\s*[:：]?\s*\S*\s*(?:\d{1,2}\s*\+|\+\s*\d{1,2})",
    re.IGNORECASE,
)
_READER = re.compile(
    r"^(?:font|font size|text size|background|theme|шрифт|размер шрифта|фон|тема|גופן|רקע|"
    r"الخط|حجم الخط|الخلفية|ตัวอักษร|ขนาดตัวอักษร|พื้นหลัง)\s*[:：]",
    re.IGNORECASE,
)
_ZOOM = re.compile(r"[-−–]\s*\d{2,3}\s*%\s*\+")
_PAGE = re.compile(
    r"^(?:page|slide|post|message|comment|reply|question|lesson|step|item|страница|слайд|сообщение|"
    r"комментарий|вопрос|урок|шаг|עמוד|שקופית|הודעה|תגובה|שאלה|שיעור|שלב|الصفحة|صفحة|الشريحة|"
    r"شريحة|المشاركة|سؤال|السؤال|درس|الدرس|خطوة|หน้า|สไลด์|ความคิดเห็นที่|คำถามที่|คำถาม|ข้อ|"
    r"บทเรียนที่)\s*"
    r"(?:#|№|no\.?)?\s*[\d٠-٩]+(?:\s*[-–]\s*[\d٠-٩]+)?"
    r"(?:\s*(?:of|/|из|מתוך|من|จาก)\s*[\d٠-٩]+)?$"
    r"|^[\d٠-٩]{1,4}\s*(?:/|of|из|מתוך|من|จาก)\s*[\d٠-٩]{1,4}$"
    r"|^(?:loading|загрузка|טוען|جار التحميل|กำลังโหลด)\b.{0,20}$",
    re.IGNORECASE,
)
# A pager: "Next lesson: ...", "Previous", "הפרק הבא", "الفصل التالي", a link with an arrow.
_NEXT_PREV = (
    r"next|previous|prev|следующ\w*|предыдущ\w*|הבא|הבאה|הקודם|הקודמת|التالي|التالية|السابق|"
    r"السابقة|ถัดไป|ก่อนหน้า"
)
_PAGER_NOUNS = (
    r"lesson|chapter|article|post|page|story|topic|thread|slide|section|unit|module|question|video|"
    r"урок|глава|статья|запись|страница|тема|слайд|раздел|вопрос|שיעור|פרק|כתבה|מאמר|עמוד|נושא|"
    r"שקופית|פוסט|درس|الدرس|فصل|الفصل|مقال|المقال|المقالة|صفحة|الصفحة|موضوع|الموضوع|شريحة|"
    r"الشريحة|บทเรียน|บทความ|บท|หน้า|กระทู้|สไลด์|ตอน"
)
_PAGER = re.compile(
    rf"^(?:{_NEXT_PREV})(?:\s+(?:{_PAGER_NOUNS}))?\s*(?::|$)"
    rf"|^ה?(?:{_PAGER_NOUNS})\s*(?:{_NEXT_PREV})(?=[\s:]|$)",
    re.IGNORECASE,
)
_ARROW_LINK = re.compile(r"^(?:[‹←❮⟵]|<<?)\s*\S|\S\s*(?:[›→❯⟶]|>>?)$")
# A section label with its count: "Discussion (14)", "السلة (0)".
_COUNTED_LABEL = re.compile(r"^[^\d()]{2,30}\s*\(\s*[\d٠-٩][\d٠-٩,.]*\s*\)$")
_COUNT_SUFFIX = re.compile(r"\s*\(\s*[\d٠-٩][\d٠-٩,.]*\s*\)$")
_SORT = re.compile(
    r"^(?:sort by|sorted by|order by|sort|сортировать по|сортировка|упорядочить по|מיין לפי|מיון לפי|"
    r"מיון|ترتيب حسب|رتب حسب|فرز حسب|الترتيب حسب|ترتيب|เรียงตาม|เรียงลำดับตาม|เรียงลำดับ)\s*[:：]",
    re.IGNORECASE,
)
_SKIP = re.compile(
    r"^(?:skip to|jump to|skip navigation|перейти к|перейти на|דלג ל|דילוג ל|تخطي إلى|تخطَّ إلى|"
    r"انتقل إلى|الانتقال إلى|ข้ามไป)",
    re.IGNORECASE,
)
_SEARCH_BOX = re.compile(
    r"^(?:search|find|ابحث|بحث|חפש|חיפוש|поиск|найти|искать)(?=\s|$)|^ค้นหา", re.IGNORECASE
)
# Downloads: a file name, a format with its size, or a list of formats.
_FILE_NAME = re.compile(
    r"\S\.(?:pdf|docx?|pptx?|xlsx?|odt|epub|fb2|mobi|zip|rar|csv|mp3|mp4)$", re.IGNORECASE
)
_FILE_FORMAT = re.compile(
    r"(?<![\w.])(?:pdf|docx?|pptx?|xlsx?|odt|epub|fb2|mobi|txt|rtf|zip|mp3|mp4)(?![\w.])", re.IGNORECASE
)
_FILE_SIZE = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:kb|mb|gb|kib|mib|кб|мб|гб|ميغابايت|ميجابايت|كيلوبايت|מ\"ב|ק\"ב)(?!\w)",
    re.IGNORECASE,
)
# Contact lines: a hotline label with a number, or a bare phone number outside a sentence.
_CONTACT_LABEL = re.compile(
    r"^(?:call us|call|phone|tel\.?|telephone|hotline|helpline|call cent(?:er|re)|contact cent(?:er|re)|"
    r"горячая линия|телефон|тел\.?|позвоните(?: нам)?|звоните|טלפון|טל'|מוקד טלפוני|חייגו|התקשרו|"
    r"هاتف|الهاتف|اتصل بنا|اتصل|الخط الساخن|โทร|โทรศัพท์|คอลเซ็นเตอร์|สายด่วน)(?=[\s:：.]|$|\d)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w.])(?:\+|\*)?\d[\d\s()\-–]{5,}\d(?![\w])|(?<![\w])\*\d{3,5}(?![\w])")
_CONSENT = re.compile(
    r"(?:by clicking|by subscribing|by signing up|by registering|by continuing|нажимая|продолжая|"
    r"подписываясь|регистрируясь|בלחיצה|בהרשמה|בלחיצתך|بالنقر|بالضغط|بالاشتراك|بالتسجيل|การกด|"
    r"การคลิก|เมื่อกด|การสมัคร).{0,120}(?:agree|accept|consent|соглаша|согласи|מסכים|מסכימ|מאשר|"
    r"توافق|تقبل|الموافقة|ยอมรับ|ยินยอม)",
    re.IGNORECASE,
)
_SPONSOR_LINE = re.compile(
    r"^(?:sponsored by|brought to you by|our sponsors?|this issue is sponsored|при поддержке|"
    r"спонсор\w*|בחסות|נותני החסות|برعاية|من رعاة|الراعي|ผู้สนับสนุน|สนับสนุนโดย)",
    re.IGNORECASE,
)
_PROMPT = re.compile(
    r"(?:you must |please )?(?:log in|login|sign in|register)\b.{0,30}\bto (?:reply|comment|post|"
    r"continue|read|join)|(?:войдите|зарегистрируйтесь|авторизуйтесь)\W.{0,30}чтобы|"
    r"(?:התחברו|התחבר|הירשמו|היכנסו) כדי|(?:سجّل|سجل) (?:الدخول|دخولك) (?:ل|كي|حتى)|"
    r"เข้าสู่ระบบ(?:ก่อน|เพื่อ)",
    re.IGNORECASE,
)
_MORE_HELP = re.compile(
    r"^(?:still need help|still stuck|still have questions|need more help|can't find what you|"
    r"didn't find what you|остались вопросы|не нашли ответ|לא מצאתם|עדיין צריכים עזרה|"
    r"צריכים עזרה נוספת|هل ما زلت بحاجة|لم تجد (?:ما|إجابة)|ยังไม่พบคำตอบ|ยังไม่พบคําตอบ|"
    r"ยังมีคำถาม|ต้องการความช่วยเหลือเพิ่มเติม|not the answer you['’]re looking for|"
    r"не тот ответ, который вы ищете|לא התשובה שחיפשתם|ليست الإجابة التي تبحث عنها|"
    r"ไม่ใช่คำตอบที่คุณกำลังมองหา|reactions\s*:|liked by\s*:?|реакции\s*:|понравилось\s*:|"
    r"לייקים\s*:|إعجابات\s*:|ถูกใจโดย)"
    r"|(?:liked|enjoyed) (?:this|the) (?:article|post)|понравилась статья|понравился материал|"
    r"אהבתם את (?:הכתבה|המאמר)|هل أعجبك (?:المقال|الموضوع)|ชอบบทความนี้"
    r"|not shown in this preview|end of (?:the )?preview|ознакомительн\w* фрагмент|"
    r"סוף התצוגה המקדימה|نهاية المعاينة|สิ้นสุดตัวอย่าง",
    re.IGNORECASE,
)
_DEFAULT_OPTION = re.compile(
    r"\((?:default|по умолчанию|ברירת מחדל|افتراضي|الافتراضي|ค่าเริ่มต้น)\)$", re.IGNORECASE
)
# "... – helpdesk_hannah Sep 14, 2021 at 12:03": a comment's text, a dash, its author and date.
_SIGNED = re.compile(r"^(?P<body>.*\S)\s+[–—-]\s+(?P<tail>\S[^–—]{0,60})$")
# An announcement bar: "New: ... — Learn more".
_ANNOUNCEMENT = re.compile(
    r"^\W*(?:new|новинка|новое|חדש|جديد|ใหม่)\s*[:：!].*(?:learn more|read more|find out more|"
    r"подробнее|узнать больше|למידע נוסף|לפרטים|اعرف المزيد|اقرأ المزيد|ดูเพิ่มเติม|อ่านเพิ่มเติม)\W*$",
    re.IGNORECASE,
)
_READ_ONLINE = re.compile(
    r"^(?:read online|read now|start reading|читать онлайн|читать|קרא אונליין|קראו אונליין|"
    r"اقرأ أونلاين|اقرأ الآن|اقرأ عبر الإنترنت|อ่านออนไลน์|อ่านเลย)(?=\s|$)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:genre|genres|category|publisher|isbn|language|series|жанр|жанры|категория|издательство|"
    r"серия|язык|ז'אנר|ז׳אנר|קטגוריה|הוצאה|הוצאה לאור|שפה|סדרה|النوع|التصنيف|الناشر|السلسلة|"
    r"اللغة|หมวด|หมวดหมู่|สำนักพิมพ์|ภาษา|ประเภท)\s*[:：]\s*\S",
    re.IGNORECASE,
)
_READING_RANGE = re.compile(
    r"^\d{1,2}\s*[-–]\s*\d{1,2}\s*(?:minutes?|mins?|минут[аы]?|мин\.?|דקות|دقائق|دقيقة|นาที)$",
    re.IGNORECASE,
)

# --- dates and post metadata -------------------------------------------------------------------

MONTHS = word_set(
    # Gregorian, en
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    # ru (both cases)
    "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    "янв|фев|мар|апр|июн|июл|авг|сен|окт|ноя|дек|"
    # he: Gregorian and Hebrew calendar
    "ינואר|פברואר|מרץ|מרס|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר|"
    "תשרי|חשוון|חשון|מרחשוון|כסלו|כסליו|טבת|שבט|אדר|ניסן|אייר|סיוון|סיון|תמוז|אב|מנחם-אב|אלול|"
    # ar: Gregorian (two naming systems) and Hijri
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
    "كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|"
    "محرم|صفر|ربيع|جمادى|رجب|شعبان|رمضان|شوال|القعدة|الحجة|ذو|الأول|الآخر|الآخرة|الأولى|الثاني|"
    # th: full and abbreviated
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|"
    "ธันวาคม|ม.ค.|ก.พ.|มี.ค.|เม.ย.|พ.ค.|มิ.ย.|ก.ค.|ส.ค.|ก.ย.|ต.ค.|พ.ย.|ธ.ค."
)
WEEKDAYS = word_set(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    "יום|ראשון|שני|שלישי|רביעי|חמישי|שישי|שבת|"
    "الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت"
)
# A calendar's mark after a year: Hijri, Buddhist era, Russian "year", Arabic "Gregorian".
_CALENDAR_MARK = re.compile(r"^(?:هـ|ه|م|г\.?|гг\.?|พ\.ศ\.|ค\.ศ\.|bc|ad|ce)$", re.IGNORECASE)
# A Hebrew year or day in letters: התשפ"ה, תשפ״ה, ל', ו׳.
_HEBREW_NUMERAL = re.compile(r"^(?:ה?ת[א-ת]{0,2}[\"״][א-ת]|[א-ת]{1,2}['׳]|[א-ת][\"״][א-ת])$")
_TIME_UNITS = word_set(
    "year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes|min|mins|second|seconds|"
    "yesterday|today|год|года|лет|месяц|месяца|месяцев|неделю|недели|недель|день|дня|дней|час|"
    "часа|часов|минуту|минуты|минут|вчера|сегодня|שנה|שנים|שנתיים|חודש|חודשים|חודשיים|שבוע|שבועות|"
    "יום|ימים|יומיים|שעה|שעות|שעתיים|דקה|דקות|אתמול|היום|سنة|سنتين|سنوات|شهر|شهرين|أشهر|شهور|"
    "أسبوع|أسبوعين|أسابيع|يوم|يومين|أيام|ساعة|ساعتين|ساعات|دقيقة|دقائق|أمس|اليوم|ปี|เดือน|สัปดาห์|"
    "วัน|ชั่วโมง|นาที|เมื่อวาน|วันนี้"
)
_AGO = word_set("ago|назад|לפני|منذ|ที่แล้ว|ก่อน")
_DATE_SHAPE = re.compile(
    r"^(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?|\d{1,2}[./]\d{4}|\d{1,2}:\d{2}|(?:1[3-9]|2[0-6])\d{2}|\d{1,2}(?:st|nd|rd|th)?)$"
)
# Words of post metadata: the verbs of posting and the counted things, and their connectives.
META_WORDS = word_set(
    # en
    "posted|updated|last updated|uploaded|published|added|asked|answered|edited|modified|viewed|"
    "created|on|at|in|by|times|views|view|downloads|download|pages|slides|likes|like|comments|"
    "comment|replies|reply|votes|vote|shares|reads|posts|messages|points|reputation|rating|score|"
    "joined|member since|registered|date|k|answers|answer|questions|question|"
    "read|reading|min|الموافق|قراءة|للقراءة|чтения|קריאה|"
    "a|an|over|about|almost|около|более|почти|מעל|כמעט|حوالي|أكثر|ประมาณ|กว่า|"
    "member|members|well-known|moderator|newbie|guest|followers|follower|following|thousand|"
    # he
    "פורסם|פורסמה|עודכן|עודכנה|הועלה|הועלתה|נשאל|נשאלה|נענה|נענתה|נערך|נצפה|נצפתה|נוסף|תאריך|"
    "העלאה|עדכון|אחרון|פעמים|פעם|צפיות|הורדות|עמודים|שקופיות|לייקים|תגובות|תשובות|קולות|הודעות|"
    'נקודות|הצטרף|הצטרפה|ב|ב-|על|ידי|ע"י|חבר|חברה|מנהל|מנהלת|אורח|עוקבים|עוקב|אלף|'
    # ar
    "نشر|نُشر|تم|الرفع|رفع|النشر|التحديث|تحديث|آخر|سُئل|سئل|عُدّل|عدل|أجاب|أجابت|شوهد|شوهدت|"
    "أضيف|في|مرة|مرات|مشاهدة|مشاهدات|تحميل|تحميلات|صفحة|صفحات|شريحة|شرائح|إعجاب|تعليق|تعليقًا|"
    "تعليقا|تعليقات|رد|ردود|صوت|أصوات|مشاركات|نقاط|انضم|تاريخ|بتاريخ|عضو|مشرف|زائر|متابع|متابعين|ألف|"
    # ru
    "опубликовано|опубликован|обновлено|обновлён|загружено|загружен|добавлено|добавлен|текст|"
    "изменено|дата|просмотров|просмотра|просмотр|скачиваний|страниц|слайдов|слайда|лайков|"
    "комментариев|комментария|комментарий|ответов|ответа|голосов|голоса|оценка|из|сообщений|"
    "регистрация|на|сайте|в|от|участник|модератор|новичок|гость|подписчиков|подписчика|тыс|"
    # th
    "โพสต์|โพสต์เมื่อ|เมื่อ|อัปเดต|อัพเดต|แก้ไข|เผยแพร่|วันที่|น.|ครั้ง|ดู|เข้าชม|ยอดวิว|ถูกใจ|"
    "ความคิดเห็น|ตอบ|ดาวน์โหลด|หน้า|สไลด์|คะแนน|สมาชิกหมายเลข|สมาชิก|คำตอบ|คําตอบ|ผู้ติดตาม|พัน"
)
_LETTER_OR_DIGIT = re.compile(r"\w")
_PARTS = re.compile(r"\s*[·•|]\s*")
_TOKEN_EDGES = "()[]{}«»\"“”'’,،;:：.-–—!?·•|/"


def _is_number(token: str) -> bool:
    return bool(re.fullmatch(r"[+~]?[\d٠-٩][\d٠-٩,.\s٬]*[kKmMкК]?\+?", token))


def _meta_tokens(text: str) -> tuple[int, int, int]:
    """(date-core tokens, known tokens, other tokens) of a line."""
    core = known = other = 0
    tokens = [t for t in re.split(r"[\s/]+", text) if t]
    for raw in tokens:
        token = raw.strip(_TOKEN_EDGES).casefold()
        if not token:
            continue
        if token.startswith(("ב-", "ל-")) and len(token) > 2:
            token = token[2:]
        dotted = raw.strip(_TOKEN_EDGES.replace(".", "")).casefold()
        if (
            _HEBREW_NUMERAL.match(token)
            or _HEBREW_NUMERAL.match(raw.strip(_TOKEN_EDGES.replace("'", "")).removeprefix("ב-"))
            or _CALENDAR_MARK.match(dotted)
            or token in MONTHS
            or dotted in MONTHS
            or (len(token) > 3 and token[0] in "בלמו" and token[1:] in MONTHS)
        ):
            core += 1
        elif _DATE_SHAPE.match(token):
            core += 1 if not token.isdigit() or len(token) == 4 else 0
            known += 1
        elif _is_number(token):
            known += 1
        elif token in _AGO or (token.endswith("ที่แล้ว") and len(token) > 7):
            core += 1
        elif token in _TIME_UNITS:
            known += 1
        elif token in WEEKDAYS or (token.startswith("วัน") and token.endswith("ที่")):
            known += 1
        elif token in META_WORDS or dotted in META_WORDS or token in MENU_WORDS:
            known += 1
        else:
            other += 1
    return core, known, other


def _meta_line(text: str) -> bool:
    """Every part of the line is a date, a count or a metadata word (one other word allowed)."""
    if len(text) > 100 or not re.search(r"[\d٠-٩]|ที่แล้ว|לפני|منذ|назад|\bago\b|[\"״][א-ת]", text):
        return False
    core, known, other = _meta_tokens(text)
    if other > 1 or core + known == 0:
        return False
    if core:
        return True
    # No date: a count with its word ("1,706 views", "ถูกใจ 38", "Сообщений: 4").
    words = [t.strip(_TOKEN_EDGES).casefold() for t in re.split(r"[\s/]+", text)]
    counted = any(w in META_WORDS and not _is_number(w) and len(w) > 1 for w in words)
    numbers = any(_is_number(w) for w in words if w)
    return counted and numbers and (other == 0 or bool(_PARTS.search(text)))


def _menu_parts(core: str, navigation: frozenset[str]) -> bool:
    """A line made only of menu words, alone or separated by · • | / ("Like · Quote · Report"),
    each perhaps with its count ("Like (3)")."""
    parts = [
        _COUNT_SUFFIX.sub("", p).strip(" .:")
        for p in re.split(r"\s*[·•|/]\s*", core)
        if _COUNT_SUFFIX.sub("", p).strip(" .:")
    ]
    words = MENU_WORDS | SOCIAL | navigation if navigation else MENU_WORDS | SOCIAL
    return bool(parts) and all(p.casefold() in words for p in parts)


def _sentence(text: str) -> bool:
    """Running text: ends like a sentence (not on an abbreviation such as Thai "น.") and has at
    least eight words."""
    words = text.split()
    return len(words) >= 8 and text.rstrip()[-1] in ".!?…؟" and len(words[-1]) > 2


def _name_beside_date(text: str) -> bool:
    """A name or a site beside a date, in parts: "Priya M. · 2 days ago", "Олег · 3 марта 2025"."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    if not 2 <= len(parts) <= 4:
        return False
    dated = [p for p in parts if _meta_line(p) and _meta_tokens(p)[0]]
    return bool(dated) and all(p in dated or len(p.split()) <= 3 for p in parts)


def _signed_comment(text: str) -> bool:
    """A comment signed after a dash with a name and a date: the date has a day or a time, and the
    name is at most two words."""
    match = _SIGNED.match(text)
    if not match:
        return False
    tail = match.group("tail")
    core, known, other = _meta_tokens(tail)
    return core >= 1 and known >= 1 and 1 <= other <= 2 and bool(re.search(r"\d", tail))


def _download(text: str) -> bool:
    if len(text.split()) > 12:
        return False
    formats = len(_FILE_FORMAT.findall(text))
    return bool(_FILE_NAME.search(text)) or (formats >= 1 and bool(_FILE_SIZE.search(text))) or formats >= 2


def _contact(text: str) -> bool:
    if len(text) > 120 or _sentence(text) or not re.search(r"\d", text):
        return False
    if _CONTACT_LABEL.match(text):
        return True
    phone = _PHONE.search(text)
    return bool(phone) and len(re.findall(r"\d", phone.group())) >= 7 and len(text.split()) <= 12


def classify(text: str, navigation: frozenset[str] = frozenset()) -> str | None:
    """The interface reason this whole line goes, or None (`navigation`: more menu words)."""
    if text.strip() and not _LETTER_OR_DIGIT.search(text):
        return SEPARATOR
    stripped = text.strip().strip("-–— ").strip()
    if not stripped or len(stripped) > 120:
        return None
    core = stripped.strip(" :：|•·»«›‹>*#_\"'“”„?؟").casefold()
    if _menu_parts(core, navigation):
        return MENU
    short_line = len(stripped) <= 100 and not _sentence(stripped)
    if (
        short_line
        and len(stripped.split()) <= 12
        and (_PAGER.match(stripped) or _ARROW_LINK.search(stripped))
    ):
        return PAGER
    if _COUNTED_LABEL.match(stripped) and len(stripped.split()) <= 4:
        return META
    words = len(stripped.split())
    if short_line and words <= 6 and (_SORT.match(stripped) or _SKIP.match(stripped)):
        return MENU
    if (
        _SEARCH_BOX.match(stripped)
        and words <= 5
        and (stripped.endswith(("...", "…")) or words <= 4)
        and not _sentence(stripped)
        and (len(stripped) <= 30 or " " in stripped)
    ):
        return MENU
    if core in LANGUAGE_NAMES or _LANGUAGE_GLOSS.sub("", core) in LANGUAGE_NAMES:
        return LANGUAGES
    if core in SPONSORED or _CREDIT.match(stripped):
        return CREDIT
    if _PAGE.match(stripped) or _READING_RANGE.match(stripped):
        return PAGE
    if len(stripped) <= 60 and _AGE.search(stripped):
        return AGE
    if (_READER.match(stripped) and len(stripped.split()) <= 6) or _ZOOM.search(stripped):
        return READER
    if _HANDLE.match(stripped):
        return TAGS
    if _TAGS.match(stripped) and not stripped.rstrip().endswith("."):
        return TAGS
    if _meta_line(stripped) or (len(stripped) <= 80 and _name_beside_date(stripped)):
        return META
    if _download(stripped):
        return FILE
    if _contact(stripped):
        return CONTACT
    if len(stripped.split()) <= 30 and _CONSENT.search(stripped):
        return CONSENT
    if len(stripped.split()) <= 8 and _SPONSOR_LINE.match(stripped):
        return CREDIT
    if (words <= 12 and _PROMPT.search(stripped)) or (words <= 30 and _MORE_HELP.search(stripped)):
        return PROMPT
    if short_line and words <= 6 and _DEFAULT_OPTION.search(stripped):
        return MENU
    if _signed_comment(stripped):
        return COMMENT
    if words <= 16 and _ANNOUNCEMENT.search(stripped):
        return OFFER
    if short_line and words <= 6 and _READ_ONLINE.match(stripped):
        return MENU
    if short_line and words <= 8 and _LABEL.match(stripped):
        return META
    if len(stripped) <= 100 and (
        _OFFER.search(stripped) or (_DISCOUNT.search(stripped) and not _sentence(stripped))
    ):
        return OFFER
    return None
