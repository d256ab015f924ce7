"""The interface vocabulary and the block classifier of `handbook ingest`, in every language."""

from __future__ import annotations

import pytest

from handbook.ingest import blocks, interface, rules
from handbook.ingest.pipeline import ingest_bytes

INTERFACE_JUNK = [
    # dates in every calendar, with the words of posting
    ("פורסם ב-ל' אב התשפ\"ה", interface.META),
    ("ו' אלול התשפ\"ה", interface.META),
    ("الأحد 14 جمادى الآخرة 1446 هـ - 15 ديسمبر 2024", interface.META),
    ("تم الرفع في 9 أكتوبر 2023", interface.META),
    ("วันอังคารที่ 19 พฤศจิกายน พ.ศ. 2567", interface.META),
    ("19 พ.ย. 2567 09:42 น.", interface.META),
    ("Загружено: 14 марта 2024 г.", interface.META),
    ("asked Sep 14, 2021 at 9:12", interface.META),
    ("Modified 1 year ago", interface.META),
    ("سُئل منذ 4 أشهر عُدّل منذ شهرين شوهد 1,376 مرة", interface.META),
    ("נשאלה לפני שנתיים · נצפתה 2,310 פעמים", interface.META),
    ("5 ชั่วโมงที่แล้ว", interface.META),
    # counters
    ("1,706 views", interface.META),
    ("2,418 مشاهدة", interface.META),
    ("3 214 просмотров", interface.META),
    ("ถูกใจ 38", interface.META),
    ("Эксперт · Сообщений: 2 317", interface.META),
    # page, slide and post counters, reading-time ranges
    ("Page 4 of 12", interface.PAGE),
    ("עמוד 1 מתוך 9", interface.PAGE),
    ("--- Страница 2 из 11 ---", interface.PAGE),
    ("الصفحة 41 من 186", interface.PAGE),
    ("4 / 11", interface.PAGE),
    ("Loading in ...5", interface.PAGE),
    ("6–8 minutes", interface.PAGE),
    # age ratings and reader controls
    ("Age rating: 12+", interface.AGE),
    ("Возрастные ограничения: +12", interface.AGE),
    ("الفئة العمرية: +12", interface.AGE),
    ("เรท: ทั่วไป 13+", interface.AGE),
    ("Шрифт:", interface.READER),
    ("الخط: - 100% +", interface.READER),
    # menus and buttons, language pickers, credits, tags
    ("Log in / Sign up", interface.MENU),
    ("Нравится · Цитата · Пожаловаться", interface.MENU),
    ("اتصل بنا", interface.MENU),
    ("צור קשר", interface.MENU),
    ("แจ้งลบ", interface.MENU),
    ("Español (Spanish)", interface.LANGUAGES),
    ("العربية (Arabic)", interface.LANGUAGES),
    ("Photo: Pexels / Chevanon", interface.CREDIT),
    ("Реклама", interface.CREDIT),
    ("תגיות: תלונות לקוחות, שימור לקוחות", interface.TAGS),
    ("helpdesk_hannah", interface.TAGS),
    ("----------------------------------------", interface.SEPARATOR),
    ("บทความนี้มีประโยชน์หรือไม่?", interface.MENU),
    ("Была ли статья полезной?", interface.MENU),
    # answer counters and vendors' offers, in every language
    ("3 Answers", interface.META),
    ("Try Replyloop free for 14 days", interface.OFFER),
    ("Shared inbox and reports in one place. No credit card required.", interface.OFFER),
    ("נסו את Helvora בחינם", interface.OFFER),
    ("جرّب Helvora مجانًا لمدة 14 يومًا", interface.OFFER),
    ("ทดลองใช้ฟรี 30 วัน ไม่ต้องใช้บัตรเครดิต", interface.OFFER),
    ("Попробуйте Связькит бесплатно", interface.OFFER),
    ("Practical support tips, once a month. No spam.", rules.NEWSLETTER),
    ("Раз в месяц присылаем лучшие статьи. Без спама!", rules.NEWSLETTER),
    # round 3: pagers, counted section labels, sort controls, skip links, search boxes
    ("Next lesson: Handling a second complaint", interface.PAGER),
    ("Previous lesson", interface.PAGER),
    ("‹ เวลาทำการ", interface.PAGER),
    ("การส่งต่อแชท ›", interface.PAGER),
    ("הפרק הבא", interface.PAGER),
    ("الفصل التالي ←", interface.PAGER),
    ("Следующая статья", interface.PAGER),
    ("Discussion (14)", interface.META),
    ("السلة (0)", interface.MENU),
    ("Reply · Like (3)", interface.MENU),
    ("Sort by: Newest", interface.MENU),
    ("Edit", interface.MENU),
    ("עריכה", interface.MENU),
    ("Править", interface.MENU),
    ("ترتيب حسب: الأعلى تقييمًا", interface.MENU),
    ("מיון לפי: הכי חדש", interface.MENU),
    ("เรียงตาม: ล่าสุด", interface.MENU),
    ("Сортировать по: дате", interface.MENU),
    ("تخطي إلى المحتوى الرئيسي", interface.MENU),
    ("Skip to footer", interface.MENU),
    ("Search for answers...", interface.MENU),
    ("ابحث في مقالات المساعدة...", interface.MENU),
    ("ค้นหาในคู่มือ", interface.MENU),
    ("Поиск по сайту", interface.MENU),
    ("חיפוש באתר", interface.MENU),
    # a name or a site beside a date
    ("Priya M. · 2 days ago", interface.META),
    ("Олег Ветров · 3 марта 2025", interface.META),
    # Hebrew dates with a prefix letter on the month
    ("הועלה ב-ג' בכסלו התשפ\"ד", interface.META),
    ("12 במרץ 2025", interface.META),
    # downloads: file names, formats and sizes
    ("Download slides (PDF, 1.2 MB)", interface.FILE),
    ("Available Formats: PDF, TXT or read online", interface.FILE),
    ("มาตรฐานการต้อนรับแขกสำหรับพนักงานส่วนหน้า.pdf", interface.FILE),
    ("تحميل الملف (PDF، 2.4 ميغابايت)", interface.FILE),
    ("Скачать (DOCX, 340 КБ)", interface.FILE),
    # phone lines and hotlines
    ("Горячая линия: 8 800 555-49-43", interface.CONTACT),
    ("Call Center 1756 กด 2 ทุกวัน 08.00-20.00 น.", interface.CONTACT),
    ("Call us: 0345 600 2210", interface.CONTACT),
    ("מוקד טלפוני: 03-555-1234", interface.CONTACT),
    ("هاتف: ‎+966 11 520 4400", interface.CONTACT),
    ("Позвоните нам: 8 800 100-47-47 (ежедневно с 8:00 до 22:00, звонок", interface.CONTACT),
    # consent under a form, and a newsletter's own lines
    ("Нажимая кнопку, вы соглашаетесь на обработку персональных данных", interface.CONSENT),
    ("By subscribing you agree to receive our emails", interface.CONSENT),
    ("בלחיצה על הרשמה אני מסכים/ה לתנאי השימוש", interface.CONSENT),
    ("بالنقر على اشترك، فإنك توافق على تلقي رسائلنا", interface.CONSENT),
    ("การกดสมัครถือว่าคุณยินยอมรับข่าวสารจากเรา", interface.CONSENT),
    ("وصلتك هذه الرسالة لأنك مشترك في نشرة رواق الخدمة.", rules.NEWSLETTER),
    ("You are receiving this email because you signed up on our website.", rules.NEWSLETTER),
    ("مرحبًا بك في عدد هذا الأسبوع من نشرتنا.", rules.NEWSLETTER),
    ("من رعاة هذا العدد", interface.CREDIT),
    ("Sponsored by Replyloop", interface.CREDIT),
    # forum ranks and follower counts, quiz and lesson counters, quiz buttons
    ("Well-known member   Messages 2,486", interface.META),
    ("Модератор · Сообщений: 4 218", interface.META),
    ("1.2 אלף עוקבים", interface.META),
    ("3 คำตอบ", interface.META),
    ("Question 1 of 3", interface.PAGE),
    ("Урок 4 из 9", interface.PAGE),
    ("שאלה 2 מתוך 5", interface.PAGE),
    ("Submit answer", interface.MENU),
    ("Mark as complete", interface.MENU),
    # prompts to log in, to ask for more help, to read online
    ("You must log in or register to reply here.", interface.PROMPT),
    ("Войдите, чтобы оставить комментарий", interface.PROMPT),
    ("התחברו כדי להגיב", interface.PROMPT),
    ("سجّل الدخول لإضافة تعليق", interface.PROMPT),
    ("กรุณาเข้าสู่ระบบก่อนแสดงความคิดเห็น", interface.PROMPT),
    ("Still need help?", interface.PROMPT),
    ("Остались вопросы?", interface.PROMPT),
    ("ยังไม่พบคำตอบที่ต้องการ?", interface.PROMPT),
    ("לא מצאתם תשובה?", interface.PROMPT),
    ("هل ما زلت بحاجة إلى مساعدة؟", interface.PROMPT),
    ("Читать онлайн «Гостеприимство изнутри»", interface.MENU),
    (
        "Not the answer you're looking for? Browse other questions tagged kpi or ask your own question.",
        interface.PROMPT,
    ),
    ("Not the answer you’re looking for? Browse other questions tagged kpi.", interface.PROMPT),
    ("Reactions: gardencentre_gemma and 3 others", interface.PROMPT),
    ("Pages 6 to 12 are not shown in this preview.", interface.PROMPT),
    ("Конец ознакомительного фрагмента", interface.PROMPT),
    ("Highest score (default)", interface.MENU),
    ("Сначала новые (по умолчанию)", interface.MENU),
    # a comment signed with its author's name and date
    ("Seven days is a great idea, stealing that. – helpdesk_hannah Sep 14, 2021 at 12:03", interface.COMMENT),
    ("Спасибо, очень помогло! – Олег 3 мар 2024 в 10:15", interface.COMMENT),
    ("תודה, זה בדיוק מה שחיפשתי – דנה 12.03.2025", interface.COMMENT),
    # a library's metadata labels, discounts and trial periods
    ("Жанр: Управление, подбор персонала", interface.META),
    ("Genre: Business, management", interface.META),
    ("الناشر: دار المعرفة", interface.META),
    ("Онлайн-курс «Продажи в рознице» — скидка 30% до конца месяца", interface.OFFER),
    ("Кассовые программы для аптек — бесплатный тестовый период 30 дней", interface.OFFER),
    ("Get 20% off your first year", interface.OFFER),
    # round 3, after holdout3: blog menus, dual-calendar dates with reading time, announcement bars
    ("Updated over a week ago", interface.META),
    ("Понравилась статья? Раз в месяц присылаем лучшие материалы блога.", interface.PROMPT),
    ("Liked this article? Share it with your team.", interface.PROMPT),
    ("קראו עוד: רשת פארם תפתח חנות ללא קופאים", rules.RELATED),
    ("المدونة", interface.MENU),
    ("הבלוג", interface.MENU),
    ("Блог", interface.MENU),
    ("12 شعبان 1446 هـ الموافق 11 فبراير 2025 · قراءة في 6 دقائق", interface.META),
    ("🎉 جديد: تكامل مع واتساب للأعمال — اعرف المزيد", interface.OFFER),
    ("New: our WhatsApp integration is here. Learn more", interface.OFFER),
    ("Новинка: интеграция с WhatsApp — подробнее", interface.OFFER),
    # who answered, who uploaded
    ('ענה: רו"ח גלעד מ.', rules.BYLINE),
    ("ענתה: טלי, בעלת חנות בחיפה", rules.BYLINE),
    ("הועלה על ידי: מחלקת_שירות_רשת_אופק", rules.BYLINE),
    ("อัปโหลดโดย HR_Riverside", rules.BYLINE),
    ("Uploaded by Nadia", rules.BYLINE),
    ("بقلم هالة منصور · مديرة نجاح العملاء", rules.BYLINE),
    ("By Dana Whitfield · Head of Customer Care", rules.BYLINE),
    ("Ответил: Сергей К.", rules.BYLINE),
    ("أجاب: خالد م.", rules.BYLINE),
]

# Sentences that mention the same things stay.
CONTENT = [
    "We reply to every complaint within 2 days, and 3 of 4 customers come back.",
    "3 إجابات",
    "Posted letters take 14 days to arrive in December, so we answer by email instead.",
    'בחודש אב התשפ"ה פתחנו מוקד שירות חדש שעונה גם בערב.',
    "Страница с ответами на частые вопросы помогает не всем: многие звонят сразу.",
    "ลูกค้าที่ร้องเรียนภายใน 24 ชั่วโมงมักได้รับการแก้ไขเร็วกว่า",
    # round 3: the same words inside sentences and headings
    "Next steps",
    "Next, ask the customer what a good outcome would look like for them.",
    "Sort by urgency first, then by the age of the ticket.",
    "Search the order history before you ask the customer for the number again.",
    "Call us on 0345 600 2210 and we will book the collection for you the same day.",
    "Позвоните по номеру 8 800 100-47-47, и мы оформим возврат за пять минут.",
    "If you send the PDF version of the receipt, we can refund the order the same day.",
    "Our support team (14 people) answers every message within a day.",
    "By clicking through the menu with a customer, you learn where they get lost.",
    "Answered by the team within two hours, most tickets never become complaints.",
    "A 10% discount rarely wins back a customer who was treated badly at the desk.",
    "Customers who log in to reply to a survey are usually the ones who had a problem.",
    "Question 1 of the survey asks how easy it was to reach us.",
    "The desk opens at eight – and by nine the queue is out of the door.",
    "Refunds take five days – March 2024 was the first month we met that.",
    "ชำระด้วยบัตรของขวัญ: เงินจะกลับเข้าบัตรภายใน 15 นาที",
    "New: customers can now book a callback from the app, and most of them do it at night.",
]


@pytest.mark.parametrize(("line", "reason"), INTERFACE_JUNK)
def test_interface_lines_go_with_their_reason(line: str, reason: str) -> None:
    assert rules.classify_line(line) == reason


@pytest.mark.parametrize("line", CONTENT)
def test_sentences_that_mention_interface_words_stay(line: str) -> None:
    assert rules.classify_line(line) is None


def _page(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


ARTICLE = [
    "Good service starts with listening to the customer until they have finished, without interrupting them.",
    "",
    "Then repeat what you heard in your own words, so that the customer knows you understood the problem.",
    "",
    "Finally, say what you will do and by when, and keep that promise even when it is a small one.",
]


def test_a_menu_the_rules_do_not_know_goes_by_its_place_before_the_article() -> None:
    source = ingest_bytes(_page("Replyloop", "Widgets", "Gadgets", "Gizmos", "", *ARTICLE), name="a.txt")
    kept = [b.text for b in source.blocks]
    assert not {"Widgets", "Gadgets", "Gizmos"} & set(kept)
    reasons = {c.text: c.reason for c in source.removed}
    assert reasons["Gadgets"] == blocks.EDGE
    assert len(kept) == 3


def test_a_short_line_between_junk_lines_goes_and_the_article_title_stays() -> None:
    page = _page(
        "Skip to main content",
        "Home > Blog > Service",
        "How we answer complaints at the front desk",
        "Posted",
        "5 min read",
        "",
        *ARTICLE,
        "",
        "Share",
        "Widgets",
        "© 2024 Service Notes. All rights reserved.",
    )
    source = ingest_bytes(page, name="a.txt")
    assert source.title == "How we answer complaints at the front desk"
    assert "Widgets" not in [b.text for b in source.blocks]
    assert {c.text: c.reason for c in source.removed}["Widgets"] == blocks.EDGE


def test_the_lines_above_a_title_the_text_follows_are_the_pages_header() -> None:
    # A reader-mode or select-all capture: the site's name and a course name above the title,
    # longer than a menu's words; the byline and reading time between the title and the text.
    page = _page(
        "Northwind Service Academy Online",
        "Customer Care course, module two",
        "Ending a support call the customer remembers well",
        "Dana Whitfield",
        "6 min read",
        "",
        *ARTICLE,
    )
    source = ingest_bytes(page, name="a.txt")
    assert source.title == "Ending a support call the customer remembers well"
    reasons = {c.text: c.reason for c in source.removed}
    assert reasons["Northwind Service Academy Online"] == blocks.LEAD
    assert reasons["Customer Care course, module two"] == blocks.LEAD
    assert [b.text for b in source.blocks][-3:] == [line for line in ARTICLE if line]


@pytest.mark.parametrize(
    "tab",
    [
        "How we answer complaints at the front desk — Service Notes",
        "Service Notes | How we answer complaints at the front desk",
        "How we answer complaints at the front desk - Blog - Service Notes",
    ],
)
def test_the_tab_title_above_the_article_goes_and_its_heading_is_the_title(tab: str) -> None:
    page = _page(
        "service-notes.example",
        tab,
        "",
        "How we answer complaints at the front desk",
        "5 min read",
        "",
        *ARTICLE,
    )
    source = ingest_bytes(page, name="a.txt")
    assert source.title == "How we answer complaints at the front desk"
    assert {c.text: c.reason for c in source.removed}[tab] == blocks.TAB_TITLE


def test_a_decks_title_above_its_longer_subtitle_is_not_the_pages_header() -> None:
    page = _page(
        "Slide 1",
        "Service standards at the table",
        "Training for new waiters, module one",
        "Slide 2",
        *ARTICLE,
    )
    kept = [b.text for b in ingest_bytes(page, name="a.txt").blocks]
    title = ingest_bytes(page, name="a.txt").title
    assert {"Service standards at the table", "Training for new waiters, module one"} <= {title, *kept}


@pytest.mark.parametrize("marks", [("1. ", "2. "), ("- ", "- ")])
def test_a_short_list_that_ends_the_article_is_kept(marks: tuple[str, str]) -> None:
    page = _page(
        "How we answer complaints at the front desk",
        "",
        *ARTICLE,
        "",
        "When to call a supervisor",
        "",
        f"{marks[0]}The refund is over £250",
        f"{marks[1]}The customer has no receipt",
        "",
        "Share",
        "© 2024 Service Notes. All rights reserved.",
    )
    kept = [b.text for b in ingest_bytes(page, name="a.txt").blocks]
    last = [t.removeprefix("1. ").removeprefix("2. ") for t in kept[-3:]]
    assert last == ["When to call a supervisor", "The refund is over £250", "The customer has no receipt"]


THAI_WRAPPED = [
    [
        "เมื่อร้านค้ายกเลิกคำสั่งซื้อหลังจากลูกค้าชำระเงินแล้ว ระบบจะคืนเงินให้",
        "โดยอัตโนมัติ ลูกค้าไม่ต้องติดต่อพนักงาน และจะได้รับข้อความแจ้งเตือน",
        "ทันทีที่คืนเงินสำเร็จ",
    ],
    [
        "ถ้าสินค้าที่ได้รับไม่ครบหรือผิดรายการ ให้แจ้งปัญหาจากหน้าประวัติ",
        "คำสั่งซื้อภายในหนึ่งวัน",
        "พร้อมแนบรูปถ่ายสินค้าที่ได้รับ",
        "ทีมงานจะตรวจสอบและคืนเงินเฉพาะรายการที่มีปัญหา",
    ],
]


def test_a_thai_paragraph_wrapped_at_a_fixed_width_is_one_paragraph() -> None:
    # A lynx dump wraps Thai at its few spaces: lines of very different lengths.
    page = _page(
        "ขอคืนเงินเมื่อร้านยกเลิกคำสั่งซื้อ",
        "",
        "   อัปเดตล่าสุด 2 เดือนที่แล้ว",
        "",
        *[f"   {line}" for line in THAI_WRAPPED[0]],
        "",
        "ถ้าได้รับสินค้าไม่ครบ",
        "",
        *[f"   {line}" for line in THAI_WRAPPED[1]],
        "",
        "   บทความนี้มีประโยชน์หรือไม่ [11]ใช่ [12]ไม่ใช่",
        "   [13]เข้าสู่ระบบ",
    )
    kept = "".join(b.text for b in ingest_bytes(page, name="a.txt").blocks).replace(" ", "")
    for paragraph in THAI_WRAPPED:
        assert "".join(paragraph).replace(" ", "") in kept


def test_the_wrapped_rest_of_a_junk_line_goes_with_it() -> None:
    page = _page(
        "How we answer complaints at the front desk",
        "",
        *ARTICLE,
        "",
        "   Call us: 0345 600 2210 (every day from 8am to 10pm, calls are",
        "   free) or write to our support chat.",
    )
    source = ingest_bytes(page, name="a.txt")
    assert [b.text for b in source.blocks] == [line for line in ARTICLE if line]
    reasons = {c.text: c.reason for c in source.removed}
    assert reasons["free) or write to our support chat."] == interface.CONTACT


def test_a_run_of_short_lines_goes_as_a_menu_and_a_bulleted_list_stays() -> None:
    page = _page(
        "How we answer complaints at the front desk",
        "",
        ARTICLE[0],
        "- Hear them out",
        "- Say sorry once",
        "- Fix the problem",
        "",
        *ARTICLE[2:],
        "",
        "Retail",
        "Complaints",
        "Staff training",
        "Dana Whitfield writes about service and trains new support teams every spring.",
    )
    source = ingest_bytes(page, name="a.txt")
    kept = [b.text for b in source.blocks]
    items = ["Hear them out", "Say sorry once", "Fix the problem"]
    assert [t for t in kept if t in items] == items
    reasons = {c.text: c.reason for c in source.removed}
    assert reasons["Retail"] == reasons["Complaints"] == blocks.MENU_RUN


def test_lynx_link_lists_and_vote_counts_go_by_density() -> None:
    page = _page("[1]Alpha [2]Beta [3]Gamma", "", *ARTICLE[:3], "", "14", "", *ARTICLE[4:])
    reasons = {c.text: c.reason for c in ingest_bytes(page, name="a.txt").removed}
    assert reasons["[1]Alpha [2]Beta [3]Gamma"] == blocks.LINKS
    assert reasons["14"] == blocks.DIGITS


def test_a_latin_menu_on_a_hebrew_page_goes_as_another_script() -> None:
    page = _page(
        "Enterprise Plans",
        "",
        "שירות טוב מתחיל בהקשבה ללקוח עד שסיים לדבר, בלי להפריע לו באמצע המשפט.",
        "",
        "אחר כך חזרו במילים שלכם על מה ששמעתם, כדי שהלקוח יידע שהבנתם את הבעיה.",
    )
    reasons = {c.text: c.reason for c in ingest_bytes(page, name="a.txt").removed}
    assert reasons["Enterprise Plans"] == blocks.OTHER_SCRIPT


def test_thai_stop_words_come_from_pythainlp() -> None:
    assert {"และ", "ที่", "ของ"} <= blocks.stoplist("th")
    assert "the" in blocks.stoplist("en") and "של" in blocks.stoplist("he")


# --- saved HTML: every visible block is classified, trafilatura's selection is one signal ----------

FORUM_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Night shifts on the help desk - Work Talk forum</title></head><body>
<div id="top"><a href="/">Work Talk</a> <a href="/login">Log in</a> <a href="/join">Join</a></div>
<div class="thread">
<h1>Night shifts on the help desk</h1>
<div class="post"><div class="user">maria_k · Member · Posts: 12</div>
<div class="post-body"><p>I have moved to the night shift on our help desk and the calls feel much harder.
People who call at three in the morning are tired and often angry before I say a word. How do you cope?</p></div>
<div class="post-actions"><a href="#">Quote</a> <a href="#">Reply</a> <a href="#">Report</a></div></div>
<div class="post"><div class="user">dan_w · Veteran · Posts: 1,204</div>
<div class="post-body"><p>I did four years of nights. Keep a short script for the first minute of every call,
because it carries you when you are tired, and take the break you are owed even when the queue is long.</p></div>
<div class="post-actions"><a href="#">Quote</a> <a href="#">Reply</a> <a href="#">Report</a></div></div>
<div class="post"><div class="user">maria_k · Member</div>
<div class="post-body"><p>Thank you both. I asked my team lead for a proper break at two and she agreed straight away.</p></div>
<div class="post-actions"><a href="#">Quote</a> <a href="#">Reply</a></div></div>
</div>
<aside class="author-box"><h4>About the forum</h4><p>Work Talk has been a place for people in service jobs to share advice since 2009.</p></aside>
<footer>Work Talk © 2024 · <a href="#">Rules</a> · <a href="#">Contact</a></footer>
</body></html>"""

FAQ_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Returns | Help</title></head><body>
<header><nav><a href="/">Help centre</a> <a href="/orders">Orders</a> <a href="/login">Sign in</a></nav></header>
<div class="article"><h1>Returning an item bought online</h1>
<p>You can return most items within thirty days of delivery, in the original packaging, with the receipt or order number.</p>
<h2>Do I pay for the return postage?</h2>
<p>No. Print the free label from your order page and drop the parcel at any post office counter.</p>
<div class="faq"><button class="faq-q" aria-expanded="false">When will I get my money back?</button>
<div class="faq-a"><p>We refund to the card you paid with within five working days of the parcel reaching our warehouse.</p></div></div>
<div class="article-votes"><span>Was this article helpful?</span><button>Yes</button><button>No</button></div>
</div><footer><p>© 2024 Shop Ltd.</p></footer></body></html>"""


def _kept(page: str) -> list[str]:
    source = ingest_bytes(page.encode("utf-8"), name="page.html")
    return [block.text for block in source.blocks]


def test_html_forum_posts_are_kept_wherever_trafilatura_draws_the_main_text() -> None:
    kept = _kept(FORUM_PAGE)
    posts = [text for text in kept if len(text) > 80]
    assert [text.split()[0] for text in posts] == ["I", "I", "Thank"]
    assert not [text for text in kept if "Quote" in text or "Work Talk" in text]
    source = ingest_bytes(FORUM_PAGE.encode("utf-8"), name="page.html")
    reasons = {change.text: change.reason for change in source.removed}
    assert (
        reasons["Work Talk has been a place for people in service jobs to share advice since 2009."]
        == blocks.CHROME
    )


def test_html_faq_questions_are_kept_with_their_answers_and_the_buttons_go() -> None:
    kept = _kept(FAQ_PAGE)
    assert kept == [
        "You can return most items within thirty days of delivery, in the original packaging, with the receipt or order number.",
        "Do I pay for the return postage?",
        "No. Print the free label from your order page and drop the parcel at any post office counter.",
        "When will I get my money back?",
        "We refund to the card you paid with within five working days of the parcel reaching our warehouse.",
    ]


def test_a_tag_line_after_the_text_does_not_become_the_title() -> None:
    page = _page("How we answer complaints at the front desk", "", *ARTICLE, "", "Tag: complaints")
    source = ingest_bytes(page, name="a.txt")
    assert source.title == "How we answer complaints at the front desk"


def test_a_short_line_between_two_interface_lines_is_not_a_heading() -> None:
    page = _page(
        "How do I stop agents closing tickets early?",
        "",
        *ARTICLE,
        "customer-support",
        "kpi",
        "team-management",
        "asked Sep 14, 2021 at 9:12",
        "OwenR",
        "5,102 ● 3 ● 27",
        "",
        *ARTICLE,
    )
    kept = [b.text for b in ingest_bytes(page, name="a.txt").blocks]
    assert "kpi" not in kept and "OwenR" not in kept


def test_numbered_table_of_contents_entries_go_when_their_headings_follow() -> None:
    page = _page(
        "How to write saved replies that do not sound canned",
        "",
        "Table of contents",
        "1. Start from real conversations",
        "2. Keep a small library",
        "",
        "Start from real conversations",
        ARTICLE[0],
        "",
        "Keep a small library",
        ARTICLE[2],
    )
    source = ingest_bytes(page, name="a.txt")
    assert [b.text for b in source.blocks] == [
        "Start from real conversations",
        ARTICLE[0],
        "Keep a small library",
        ARTICLE[2],
    ]
    assert {c.text: c.reason for c in source.removed}["1. Start from real conversations"] == rules.TOC


def test_a_related_list_goes_on_through_the_reading_times_of_its_entries() -> None:
    page = _page(
        *ARTICLE,
        "",
        "Related articles",
        "The support metrics that actually predict churn",
        "6 min read",
        "Building a tone of voice guide for your help desk",
        "5 min read",
    )
    source = ingest_bytes(page, name="a.txt")
    assert [b.text for b in source.blocks] == ARTICLE[::2]
    reasons = {c.text: c.reason for c in source.removed}
    assert reasons["Building a tone of voice guide for your help desk"] == rules.RELATED
    assert reasons["6 min read"] == rules.STAMP


@pytest.mark.parametrize(
    ("closing", "lang_article"),
    [
        ("Thank you!", ARTICLE),
        (
            "شكرًا لكم",
            [
                "الخدمة الجيدة تبدأ بالاستماع إلى العميل حتى ينتهي من كلامه، دون مقاطعته في منتصف الجملة.",
                "",
                "ثم أعد ما سمعته بكلماتك، حتى يعرف العميل أنك فهمت المشكلة جيدًا وأنك ستساعده.",
            ],
        ),
    ],
)
def test_a_decks_closing_thank_you_slide_is_kept(closing: str, lang_article: list[str]) -> None:
    page = _page(*lang_article, "", "10 of 12", closing, "11 of 12", "Recommended", "Other decks")
    kept = [b.text for b in ingest_bytes(page, name="a.txt").blocks]
    assert kept[-1] == closing


def test_thai_compounds_of_stop_words_count_as_stop_words() -> None:
    from handbook.ingest import thai

    assert {"ไม่", "ต้อง"} <= set(thai.words_for_stopwords("ไม่ต้องรีบตอบลูกค้า"))


def test_a_thai_line_of_everyday_words_before_a_byline_is_kept() -> None:
    # newmm segments this line into compounds (ไม่ต้อง, พูดถึง) none of which is a stop-word
    page = _page(
        "ตอบรีวิวหนึ่งดาวอย่างไรดี",
        "",
        "ลูกค้าที่เขียนรีวิวไม่ดีส่วนใหญ่อยากให้มีคนฟัง ถ้าเราตอบอย่างสุภาพและเร็ว คนที่มาอ่านทีหลังจะเห็นว่าร้านใส่ใจลูกค้า",
        "",
        "   เริ่มจากขอบคุณที่มาใช้บริการ แล้วขอโทษเรื่องที่ต้องรอ",
        "   เล่าสั้น ๆ ว่าร้านแก้ไขอะไรไปแล้วบ้าง",
        "   แล้วชวนให้โทรมาคุยกับร้านโดยตรง",
        "   ไม่ต้องพูดถึงกล้องวงจรปิด ไม่ต้องบอกว่าลูกค้าพูดไม่จริง",
        "",
        "   ตอบโดย [4]เจ้าของร้าน | ระดับ: สมาชิก | 3 ม.ค. 2568",
    )
    source = ingest_bytes(page, name="a.txt")
    assert "ไม่ต้องพูดถึงกล้องวงจรปิด" in "".join(b.text for b in source.blocks)


def test_a_run_of_menu_lines_is_not_kept_as_headings_near_the_text() -> None:
    # jusText makes a short heading good when good text (over 200 characters) follows within 200
    # characters; a run of menu lines right above the title is not a run of headings
    long_text = [ARTICLE[0] + " " + ARTICLE[2], "", ARTICLE[4] + " " + ARTICLE[2]]
    page = _page(
        "Skip to content",
        "Acme Academy",
        "My courses",
        "Catalogue",
        "Certificates",
        "Help",
        "",
        "Lesson 2: Greeting a customer on the phone",
        "",
        *long_text,
    )
    source = ingest_bytes(page, name="a.txt")
    assert source.title == "Lesson 2: Greeting a customer on the phone"
    assert [b.text for b in source.blocks] == long_text[::2]


def test_a_headings_edit_link_is_not_part_of_the_heading() -> None:
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Callbacks</title></head><body>
<div id="content"><h1>Callbacks</h1>
<p>{ARTICLE[0]}</p>
<h2><span class="mw-headline">Making the promise</span><span class="mw-editsection">[<a href="?action=edit">edit</a>]</span></h2>
<p>{ARTICLE[2]}</p></div></body></html>"""
    kept = [b.text for b in ingest_bytes(page.encode("utf-8"), name="a.html").blocks]
    assert kept == [ARTICLE[0], "Making the promise", ARTICLE[2]]


def _html_page(body: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Callbacks</title></head>'
        f"<body><h1>Callbacks</h1><p>{ARTICLE[0]}</p>{body}<p>{ARTICLE[2]}</p><p>{ARTICLE[4]}</p></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "body",
    [
        # furniture named by its class, though it holds running text
        '<div class="author-bio"><p>Margaret spent eighteen years in front office management and now trains reception teams.</p></div>',
        # an image caption with its credit
        '<figure><img src="a.jpg" alt=""><figcaption>Staff at a busy front desk greet every guest within ten seconds, even at the busiest hours.</figcaption></figure>',
        # text a browser does not show
        '<div style="display: none"><p>Our front desk opens at seven every morning and closes at eleven at night, all week.</p></div>',
        "<div hidden><p>Guests who arrive after midnight ring the bell, and the night porter lets them in at once.</p></div>",
        # a site-wide notice, a wiki's note above a section, a forum signature, a feedback box
        '<div id="siteNotice"><p>The wiki is moving to a new server on Saturday, and editing will pause for two hours.</p></div>',
        '<div class="hatnote">For callbacks requested through the website form, see the page on web callbacks.</div>',
        '<div class="post-signature">Twenty years behind a hotel desk and still learning something new every week.</div>',
        '<div class="page-feedback"><span>Was this page useful to you and your team today?</span> <button>Yes</button></div>',
    ],
    ids=["class-name", "figcaption", "display-none", "hidden", "notice", "hatnote", "signature", "feedback"],
)
def test_html_furniture_and_hidden_text_go(body: str) -> None:
    kept = [b.text for b in ingest_bytes(_html_page(body), name="a.html").blocks]
    assert kept == ARTICLE[::2]


def test_html_text_written_straight_into_the_body_is_read_line_by_line() -> None:
    page = f"<html><head><title>Greeting</title></head><body>{ARTICLE[0]}<br><br>{ARTICLE[2]}</body></html>"
    kept = [b.text for b in ingest_bytes(page.encode(), name="a.html").blocks]
    assert kept == [ARTICLE[0], ARTICLE[2]]


def test_html_text_in_old_layout_elements_is_read() -> None:
    page = f"<html><head><title>Greeting</title></head><body><center><font>{ARTICLE[0]}</font></center></body></html>"
    assert [b.text for b in ingest_bytes(page.encode(), name="a.html").blocks] == [ARTICLE[0]]
