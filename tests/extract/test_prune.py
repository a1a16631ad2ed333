"""The tree rules on their own: what they remove, and what they must never touch."""

from __future__ import annotations

import lxml.html
import pytest

from citecheck.extract.prune import prune_chrome
from tests.extract._pages import PARAGRAPHS_RU, paragraphs_html

BODY = paragraphs_html(PARAGRAPHS_RU)


def _pruned(body: str) -> str:
    tree = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    prune_chrome(tree)
    return " ".join(tree.text_content().split())


def _keeps_body(text: str) -> None:
    for paragraph in PARAGRAPHS_RU:
        assert " ".join(paragraph.split()) in text


def test_labelled_widget_goes_with_its_links() -> None:
    text = _pruned(
        f'<div class="x">{BODY}<div class="y"><b>Читайте также:</b> » <a href="/1">Первый заголовок '
        'другой статьи</a> » <a href="/2">Второй заголовок другой статьи</a></div></div>'
    )
    _keeps_body(text)
    assert "Читайте также" not in text and "заголовок" not in text and "» »" not in text


def test_links_after_a_bare_label_go() -> None:
    text = _pruned(
        f'<div>{BODY}<h4>Новости партнеров</h4><ul><li><a href="/a">Заголовок один про '
        'погоду</a></li><li><a href="/b">Заголовок два про курс</a></li></ul></div>'
    )
    _keeps_body(text)
    assert "Заголовок" not in text and "партнеров" not in text


def test_weak_label_followed_by_prose_is_a_real_subheading() -> None:
    text = _pruned(f"<div>{BODY}<h2>Главное</h2><p>{PARAGRAPHS_RU[0]}</p></div>")
    assert "Главное" in text


@pytest.mark.parametrize("name", ["related-news", "ReadAlso_container__x9", "share-bar", "tags", "sidebar"])
def test_class_words(name: str) -> None:
    text = _pruned(f'<div>{BODY}<div class="{name}"><a href="/a">Чужой заголовок здесь</a></div></div>')
    _keeps_body(text)
    assert "Чужой заголовок" not in text


@pytest.mark.parametrize("name", ["page-with-sidebar", "share-enabled"])
def test_furniture_class_on_the_article_wrapper_is_ignored(name: str) -> None:
    _keeps_body(_pruned(f'<div class="{name}"><h1>Заголовок</h1>{BODY}</div>'))


def test_article_body_is_protected_whatever_its_class() -> None:
    _keeps_body(_pruned(f'<div class="related" itemprop="articleBody">{BODY}</div>'))


def test_link_bar() -> None:
    text = _pruned(
        f'<div>{BODY}<p><a href="/p">Версия для печати</a> | <a href="/s">Отправить другу</a> | '
        '<a href="/v">ВКонтакте</a></p></div>'
    )
    _keeps_body(text)
    assert "Версия для печати" not in text


def test_paragraph_with_several_links_is_not_a_link_bar() -> None:
    para = (
        '<p>По данным <a href="/a">Минфина</a> и <a href="/b">Центробанка</a>, а также '
        '<a href="/c">Росстата</a>, инфляция в феврале замедлилась до 7,2% в годовом выражении.</p>'
    )
    assert "инфляция в феврале замедлилась" in _pruned(f"<div>{BODY}{para}</div>")


def test_caption_around_an_image() -> None:
    text = _pruned(
        f'<div>{BODY}<div class="m"><img src="/a.jpg"><div>Подпись к снимку</div>'
        "<div>Фото: агентство</div></div></div>"
    )
    _keeps_body(text)
    assert "Подпись к снимку" not in text and "агентство" not in text


def test_image_inside_a_paragraph_keeps_the_paragraph() -> None:
    para = f'<p><img src="/icon.png">{PARAGRAPHS_RU[0]}</p>'
    assert " ".join(PARAGRAPHS_RU[0].split()) in _pruned(f"<div>{para}{BODY}</div>")


def test_hidden_elements_and_microdata() -> None:
    text = _pruned(
        f'<div>{BODY}<div style="display: none">Скрытый текст</div>'
        '<div itemscope><div itemprop="url">https://example.org/a</div>'
        '<div itemprop="dateModified">2025-01-01T10:00</div><div itemprop="articleBody">Дубликат</div></div></div>'
    )
    _keeps_body(text)
    assert "Скрытый текст" not in text and "Дубликат" not in text


def test_a_lead_written_straight_into_the_container_becomes_a_paragraph() -> None:
    lead = (
        "<b>Южноуральский трубопрокатный завод с 1 марта переводит на неполную неделю около 2,5 тыс. "
        "сотрудников.</b> Об этом сообщили в пресс-службе предприятия."
    )
    tree = lxml.html.document_fromstring(
        f'<html><body><div class="newstext">{lead}{BODY}</div></body></html>'
    )
    prune_chrome(tree)
    first = tree.xpath("//div[@class='newstext']/p")[0]
    assert first.text_content().startswith("Южноуральский трубопрокатный завод")
    assert first.text_content().endswith("пресс-службе предприятия.")
    # A short loose label ("Фото:") is no paragraph and stays where it was.
    tree = lxml.html.document_fromstring(f'<html><body><div class="x"><b>Фото</b>{BODY}</div></body></html>')
    prune_chrome(tree)
    assert tree.xpath("//div[@class='x']/b")[0].text == "Фото"


def test_trafilatura_reads_the_lead_it_used_to_skip() -> None:
    from citecheck.extract import extract

    lead = (
        "<b>Южноуральский трубопрокатный завод с 1 марта переводит на неполную неделю около 2,5 тыс. "
        "сотрудников.</b> Об этом сообщили в пресс-службе предприятия."
    )
    html = f'<html><body><h1>Завод переходит на четырехдневку</h1><div class="newstext">{lead}{BODY}</div></body></html>'
    assert "около 2,5 тыс. сотрудников" in extract(html, "https://example.org/n").text
