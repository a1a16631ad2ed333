"""Furniture inside and around the article body stays out of the extracted text."""

from __future__ import annotations

import pytest

from citecheck.extract import extract, normalize_text
from tests.extract._pages import PARAGRAPHS_EN, PARAGRAPHS_RU, URL, headline_links, page, paragraphs_html

DISTRACTORS = (
    "Министр назвал рост цен на бензин временным явлением",
    "Курс доллара опустился ниже 80 рублей впервые за год",
)


def _assert_body(text: str, paragraphs: tuple[str, ...] = PARAGRAPHS_RU) -> None:
    """Every paragraph present, in order, each on its own line."""
    lines = [normalize_text(line) for line in text.splitlines()]
    assert lines == [normalize_text(p) for p in paragraphs]


def _assert_absent(text: str, *snippets: str) -> None:
    folded = normalize_text(text)
    for snippet in snippets:
        assert normalize_text(snippet) not in folded


@pytest.mark.parametrize(
    "label",
    ["Читайте также", "Читайте також", "Материалы по теме", "Смотрите также", "Read more", "По теме:"],
)
def test_inline_related_block_between_paragraphs(label: str) -> None:
    widget = f'<div class="blk"><div class="blk__label">{label}</div>{headline_links(DISTRACTORS)}</div>'
    result = extract(page(paragraphs_html(PARAGRAPHS_RU, {1: widget})), URL)
    assert result.outcome == "ok"
    _assert_body(result.text)
    _assert_absent(result.text, label, *DISTRACTORS)


@pytest.mark.parametrize("label", ["Читайте также:", "До теми:", "Читайте материал"])
def test_read_also_paragraph_with_one_link(label: str) -> None:
    widget = f'<p><strong>{label}</strong> <a href="/2025/03/13/1.html">{DISTRACTORS[0]}</a></p>'
    result = extract(page(paragraphs_html(PARAGRAPHS_RU, {2: widget})), URL)
    _assert_body(result.text)
    _assert_absent(result.text, DISTRACTORS[0])


@pytest.mark.parametrize(
    "label", ["Лента новостей", "Популярное", "Новости партнёров", "Главное", "Последние новости"]
)
def test_sidebar_feeds(label: str) -> None:
    items = "".join(
        f'<div class="it"><span class="t">12:0{i}</span><a href="/2025/03/14/{i}.html">{h}</a></div>'
        for i, h in enumerate(DISTRACTORS)
    )
    sidebar = f'<div class="feed"><div class="feed__head">{label}</div>{items}</div>'
    result = extract(page(paragraphs_html(PARAGRAPHS_RU), sidebar=sidebar, after=sidebar), URL)
    _assert_body(result.text)
    _assert_absent(result.text, *DISTRACTORS)


def test_headline_list_after_a_bare_heading() -> None:
    tail = "<h3>Рекомендуем</h3>" + "".join(
        f'<p><a href="/x/{i}">{h}</a></p>' for i, h in enumerate(DISTRACTORS)
    )
    result = extract(page(paragraphs_html(PARAGRAPHS_RU) + tail), URL)
    _assert_body(result.text)
    _assert_absent(result.text, *DISTRACTORS)


def test_photo_caption_and_credit() -> None:
    photo = (
        '<div class="pic"><img src="/i/1.jpg" alt="Зал заседаний"><div class="pic__t">Депутаты в зале '
        'заседаний во время голосования</div><div class="pic__a">Фото: пресс-служба парламента</div></div>'
    )
    figure = '<figure><img src="/i/2.jpg"><figcaption>Спикер парламента перед началом заседания</figcaption></figure>'
    result = extract(page(paragraphs_html(PARAGRAPHS_RU, {0: photo, 2: figure})), URL)
    _assert_body(result.text)
    _assert_absent(result.text, "Депутаты в зале заседаний", "Фото:", "Спикер парламента перед началом")


def test_tags_share_buttons_and_comments() -> None:
    after = (
        '<div class="meta-row"><span>Теги</span><a href="/tag/1">бюджет</a><a href="/tag/2">Госдума</a>'
        '<a href="/tag/3">экономика</a></div>'
        '<div class="row"><a href="https://vk.com/share.php?u=1">ВКонтакте</a> | <a href="https://t.me/share?u=1">'
        'Telegram</a> | <a href="https://ok.ru/share?u=1">Одноклассники</a></div>'
        '<div id="comments"><h3>Комментарии</h3><div class="comment"><p>Читатель: это решение приведет к '
        "росту налогов на 15 процентов уже в следующем году, и никто этого не заметит.</p></div></div>"
    )
    result = extract(page(paragraphs_html(PARAGRAPHS_RU) + after), URL)
    _assert_body(result.text)
    _assert_absent(result.text, "Госдума", "ВКонтакте", "Одноклассники", "15 процентов")


def test_quotes_in_the_body_are_kept() -> None:
    quote = (
        "<blockquote>Мы не допустим роста дефицита выше двух процентов, сказал министр финансов.</blockquote>"
    )
    result = extract(page(paragraphs_html(PARAGRAPHS_RU, {1: quote})), URL)
    assert "Мы не допустим роста дефицита выше двух процентов" in result.text
    assert "«Бюджет сбалансирован и учитывает все социальные обязательства государства»" in result.text


def test_layout_table_with_a_side_column() -> None:
    side = (
        "<table><tr><td><b>Последние новости</b></td></tr>"
        + "".join(
            f'<tr><td>14.03 1{i}:00<br><a href="/news.php?id={i}">{h}</a></td></tr>'
            for i, h in enumerate(DISTRACTORS)
        )
        + "</table>"
    )
    body = f"<h1>Парламент принял бюджет</h1><div class='newstext'>{paragraphs_html(PARAGRAPHS_RU)}</div>"
    html = (
        '<html><head><meta charset="utf-8"><title>Бюджет</title></head><body><table width="980">'
        '<tr><td colspan="2"><a href="/">Главная</a> | <a href="/news/">Новости</a></td></tr>'
        f"<tr><td width='600'>{body}</td><td width='200'>{side}</td></tr></table></body></html>"
    )
    result = extract(html, "http://old.example.ru/news.php?id=99")
    _assert_body(result.text)
    _assert_absent(result.text, *DISTRACTORS, "|")


def test_hidden_microdata_duplicate_is_not_read() -> None:
    meta = (
        '<div class="meta" itemscope itemtype="https://schema.org/Article">'
        f'<div itemprop="mainEntityOfPage">{URL}</div><div itemprop="datePublished">2025-03-14T10:00</div>'
        f'<div itemprop="articleBody">{" ".join(PARAGRAPHS_RU)}</div></div>'
    )
    result = extract(page(paragraphs_html(PARAGRAPHS_RU), before=meta), URL)
    _assert_body(result.text)


def test_screen_reader_only_text() -> None:
    hidden = '<span style="clip:rect(0 0 0 0);position:absolute;height:1px;width:1px">, opens new tab</span>'
    body = paragraphs_html(PARAGRAPHS_EN).replace(
        "in a statement", f'in <a href="/s">a statement{hidden}</a>'
    )
    result = extract(page(body, lang="en", title="Budget approved"), URL)
    _assert_body(result.text, PARAGRAPHS_EN)


def test_word_processor_styles_do_not_lose_paragraphs() -> None:
    body = paragraphs_html(PARAGRAPHS_RU).replace(
        "<p>", '<p style="box-sizing: border-box; margin: 0 0 20px">'
    )
    _assert_body(extract(page(body), URL).text)


def test_closing_block_with_a_link_is_kept() -> None:
    *first, last = PARAGRAPHS_RU
    linked = last.replace("в верхнюю палату", '<a href="https://council.example.org/">в верхнюю палату</a>')
    body = (
        "".join(f'<div class="blk"><p>{p}</p></div>' for p in first)
        + f'<div class="blk"><p>{linked}</p></div>'
    )
    _assert_body(extract(page(body), URL).text)


def test_lead_in_a_text_only_div_is_kept() -> None:
    lead, *rest = PARAGRAPHS_RU
    body = f'<div class="overview"><span>{lead}</span></div>' + paragraphs_html(rest)
    html = page(body).replace('<div class="story__text">', '<div class="story__text" itemprop="articleBody">')
    _assert_body(extract(html, URL).text)


def test_closing_credits_and_promotions() -> None:
    tail = (
        "<p>Reporting by Anna Smith; Editing by John Brown</p>"
        "<p>Follow our newsroom on Twitter and Facebook.</p>"
        "<p>Подписывайтесь на наш телеграм-канал</p>"
    )
    result = extract(page(paragraphs_html(PARAGRAPHS_EN) + tail, lang="en", title="Budget"), URL)
    _assert_body(result.text, PARAGRAPHS_EN)


def test_headline_repeated_in_the_body_is_dropped() -> None:
    body = (
        f"<p>{PARAGRAPHS_RU[0][:0]}</p><h2>Парламент принял бюджет на следующий год</h2>"
        + paragraphs_html(PARAGRAPHS_RU)
    )
    _assert_body(extract(page(body), URL).text)
