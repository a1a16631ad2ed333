"""Furniture shaped like the widgets of the evaluation pages, under neutral class names.

Each widget here copies the markup of a kind met on a real news page (a "read also" box in a
tinted layout table, a donation teaser, a cookie notice, a share toolbar, an unlabelled tag
row, a caption with a credit), with class names that say nothing, so the rules that find it
are the ones that read text and structure. The headlines carry numbers and names that a
claim could match: kept in the text, they would make a false "supported".
"""

from __future__ import annotations

from citecheck.extract import extract, normalize_text
from tests.extract._pages import PARAGRAPHS_RU, URL, page, paragraphs_html

HEADLINES = (
    "Глава Минфина пообещал снизить налог на прибыль до 15 процентов",
    "В Курской области эвакуировали 12 избирательных участков",
)


def _check(html: str, *absent: str) -> None:
    result = extract(html, URL)
    lines = [normalize_text(line) for line in result.text.splitlines()]
    assert lines == [normalize_text(p) for p in PARAGRAPHS_RU]
    folded = normalize_text(result.text)
    for snippet in (*HEADLINES, *absent):
        assert normalize_text(snippet) not in folded


def test_read_also_in_a_tinted_layout_table() -> None:
    box = (
        '<table width="100%" cellpadding="4" border="0" bgcolor="#F0F0E6"><tr><td><font size="1">'
        "<b>Читайте также:</b><br>"
        + "".join(
            f'&raquo; <a href="http://old.example.ru/n/{i}.html">{h}</a><br>' for i, h in enumerate(HEADLINES)
        )
        + "</font></td></tr></table>"
    )
    _check(page(paragraphs_html(PARAGRAPHS_RU, {2: box})), "Читайте также")


def test_read_more_list_between_paragraphs() -> None:
    box = (
        '<div class="q7"><div class="q7__t">Читайте также</div><ul>'
        + "".join(f'<li><a href="/news/{i}.html">{h}</a></li>' for i, h in enumerate(HEADLINES))
        + "</ul></div>"
    )
    _check(page(paragraphs_html(PARAGRAPHS_RU, {1: box})))


def test_topic_cards_with_spans() -> None:
    box = (
        '<div class="b-it"><div class="b-it__h">Материалы по теме</div>'
        + "".join(
            f'<a class="b-it__c" href="/news/{i}/"><span class="b-it__x">{h}</span></a>'
            for i, h in enumerate(HEADLINES)
        )
        + "</div>"
    )
    _check(page(paragraphs_html(PARAGRAPHS_RU, {3: box})), "Материалы по теме")


def test_share_toolbar_and_unlabelled_tag_row_inside_the_article() -> None:
    tail = (
        '<div class="m1"><button>Скопировать ссылку</button><a href="https://t.me/share/url?url=x">Telegram</a>'
        '<a href="https://www.facebook.com/sharer.php?u=x">Facebook</a><a href="https://twitter.com/intent/tweet?url=x">X</a></div>'
        '<div class="m2"><a href="/t/1">бюджет</a><a href="/t/2">Госдума</a><a href="/t/3">налоги</a>'
        '<a href="/t/4">Минфин</a></div>'
    )
    _check(page(paragraphs_html(PARAGRAPHS_RU) + tail), "Скопировать ссылку", "Telegram", "Госдума")


def test_cookie_notice_and_donation_teaser_outside_the_article() -> None:
    before = (
        '<div id="n9"><p>Мы используем файлы cookie, чтобы сделать сайт удобнее. Оставаясь на сайте, '
        'вы соглашаетесь с <a href="/c/">условиями их использования</a>.</p><span>Понятно</span></div>'
    )
    after = (
        '<div class="d5"><h3>Редакция продолжает работать благодаря нашим читателям.</h3>'
        '<p>Каждый ежемесячный взнос помогает нам оставаться независимыми. <a href="https://support.example.org/">'
        "Поддержать</a></p></div>"
    )
    html = page(paragraphs_html(PARAGRAPHS_RU), after=after).replace("<body>", f"<body>{before}")
    _check(html, "cookie", "ежемесячный взнос")


def test_caption_and_credit_with_neutral_classes() -> None:
    picture = (
        '<div class="p3"><img class="p3__i" src="/i/1.jpg" alt="Зал"><div class="p3__c">'
        '<div class="p3__t">Депутаты голосуют за бюджет в зале пленарных заседаний</div>'
        '<div class="p3__s">Фото: Иван Иванов / Агентство</div></div></div>'
    )
    _check(page(paragraphs_html(PARAGRAPHS_RU, {0: picture})), "Депутаты голосуют", "Иван Иванов")
