"""Outcome rules on page content and URL shape (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.fetch import urlshape
from citecheck.fetch.classify import ProbeAnswer, classify_page, classify_status, matches_probe
from citecheck.fetch.page import page_signals
from citecheck.models import Outcome
from tests.fetch.servers import article_html

REAL_HTML = Path(__file__).resolve().parents[3] / "shared" / "real-html"
NOT_FREE = '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":"False"}</script>'
ARTICLE_URL = "https://outlet.example/news/2025/09/15/some-long-article-slug"


def shell(title: str, body: str, *, lang: str = "ru", head: str = "") -> str:
    """A site page with realistic chrome (menu, related links, footer) around ``body``."""
    menu = "".join(f'<a href="/rubric/{i}">Рубрика {i}</a> ' for i in range(12))
    related = "".join(
        f'<li><a href="/news/2025/09/15/item-{i}">Новость дня номер {i} о событиях</a></li>' for i in range(8)
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f'<body><header><a href="/">Logo</a><nav>{menu}</nav></header><main>{body}'
        f'<section class="related"><h2>Популярное</h2><ul>{related}</ul></section></main>'
        f'<div class="cookie-banner">Мы используем cookie. <button>OK</button></div>'
        f"<footer>© 2025 Outlet. Все права защищены. 18+</footer></body></html>"
    )


def outcome(html: str, url: str = ARTICLE_URL, final: str | None = None) -> Outcome:
    return classify_page(url, final or url, page_signals(html)).outcome


@pytest.mark.parametrize(
    ("title", "body", "lang"),
    [
        ("Страница не найдена", "<h1>Ошибка 404</h1><p>Такой страницы на сайте нет.</p>", "ru"),
        ("Материал удалён — Outlet", "<h1>Материал удалён</h1><p>Приносим извинения.</p>", "ru"),
        ("Outlet", "<h1>Ой!</h1><p>Запрашиваемая страница не найдена или была удалена.</p>", "ru"),
        ("Сторінку не знайдено", "<h1>Помилка</h1><p>Можливо, її було видалено.</p>", "uk"),
        ("Outlet", "<h1>Упс</h1><p>Статтю видалено або перенесено.</p>", "uk"),
        ("Page not found | Outlet", "<h1>Sorry</h1><p>Try the search.</p>", "en"),
        ("Outlet", "<h1>Oops</h1><p>The page you were looking for doesn't exist.</p>", "en"),
        ("Outlet", "<h1>This story is no longer available</h1>", "en"),
        ("Коммерсантъ", "<h1>Документ не найден</h1><p>Проверьте адрес.</p>", "ru"),
        ("Outlet", "<h1>Документ не знайдено</h1><p>Перевірте адресу.</p>", "uk"),
        ("Outlet", "<h1>Здесь ничего нет</h1><p>Возможно, вы ошиблись при наборе адреса.</p>", "ru"),
        ("Outlet", "<h1>Тут нічого немає</h1><p>Можливо, ви помилилися в адресі.</p>", "uk"),
        ("Outlet", "<h1>Hmm, we can't seem to find what you're looking for.</h1><p>Try search.</p>", "en"),
        ("Outlet", "<h1>Sorry</h1><p>The link you followed may be broken.</p>", "en"),
        ("Outlet", "<h1>Здається, цей матеріал кудись подівся</h1><p>Спробуйте пошук.</p>", "uk"),
        ("Outlet", "<h1>Lost in transit</h1><p>The story at this address is no longer with us.</p>", "en"),
        ("Outlet", "<h1>Упс</h1><p>По этому адресу ничего нет.</p>", "ru"),
    ],
)
def test_soft_404_pages_in_three_languages(title: str, body: str, lang: str) -> None:
    assert outcome(shell(title, body, lang=lang)) is Outcome.SOFT_404


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (
            '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>',
            "<h1>Бюджет</h1><p>Лид статьи о бюджете на следующий год.</p>",
        ),
        (
            "",
            '<h1>Бюджет</h1><p>Лид статьи.</p><div class="paywall">Полный текст доступен подписчикам. '
            "Оформите подписку.</div>",
        ),
        (
            "",
            "<h1>Budget</h1><p>Lead.</p><div>Subscribe to continue reading. "
            "Already a subscriber? Log in</div>",
        ),
        (
            "",
            "<h1>Бюджет</h1><p>Лід.</p><div>Матеріал доступний лише для передплатників. "
            "Оформіть передплату</div>",
        ),
        ("", "<h1>Порт теряет объемы</h1><p>Продолжение доступно после регистрации. Зарегистрируйтесь.</p>"),
        ("", "<h1>Budget</h1><p>Lead.</p><div>Create a free account to keep reading.</div>"),
    ],
)
def test_paywall_shells(head: str, body: str) -> None:
    assert outcome(shell("Бюджет — Outlet", body, head=head)) is Outcome.PAYWALLED


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Доступ ограничен", "<h1>Доступ к ресурсу ограничен</h1><p>На основании 149-ФЗ.</p>"),
        ("Outlet", "<h1>Sorry</h1><p>This content is not available in your country.</p>"),
        ("Just a moment...", "<p>Checking your browser before accessing the site.</p>"),
        ("Outlet", "<h1>Доступ обмежено</h1><p>Ресурс недоступний у вашому регіоні.</p>"),
    ],
)
def test_block_pages(title: str, body: str) -> None:
    assert outcome(shell(title, body)) is Outcome.BLOCKED


def test_real_articles_with_tricky_words_stay_ok() -> None:
    flight = article_html("Flight 404 landed safely", lang="en")
    subscribe = article_html("Новость", lang="ru", extra_head="").replace(
        "</article>", "<p>Подпишитесь на наш телеграм-канал, чтобы не пропустить новости.</p></article>"
    )
    metered = article_html(
        "Full text served",
        paragraphs=20,
        extra_head=NOT_FREE,
    )
    wrapper = article_html("Wrapped", paragraphs=12).replace("<article>", '<article class="paywall-content">')
    for html in (flight, subscribe, metered, wrapper):
        assert outcome(html) is Outcome.OK, html[:80]


@pytest.mark.parametrize(
    ("title", "lang", "paragraphs"),
    [
        ("Six months on, police have not found the stolen landscape", "en", 20),
        ("Passport website hit by 'page not found' errors for five hours", "en", 20),
        ("Московский театр покажет спектакль «Страница не найдена»", "ru", 8),
        ("Міністерство видалило допис: «Сторінку не знайдено» замість переліку", "uk", 20),
        ('"Сторінку не знайдено": компанія прибрала з сайту звіт', "uk", 6),
        ("'Page not found': IT failure at the airport cancels 310 flights", "en", 8),
    ],
)
def test_headlines_about_an_error_stay_articles(title: str, lang: str, paragraphs: int) -> None:
    """A headline that only holds the words is news about them when the page reads as an article."""
    assert outcome(article_html(title, paragraphs, lang=lang)) is Outcome.OK


@pytest.mark.parametrize(
    "title",
    ["Страница не найдена - Outlet", "Outlet | Page not found", "BBC - 404: Not Found", "Материал удалён"],
)
def test_an_error_title_decides_even_with_article_markup(title: str) -> None:
    """A title part that is the whole message is an error page, whatever teasers it carries."""
    teasers = "".join(f"<p>Анонс материала номер {i} о событиях дня в стране и мире.</p>" for i in range(12))
    html = article_html(title, 0, lang="ru").replace("</article>", f"{teasers}</article>")
    assert page_signals(html).text_length >= 500
    assert outcome(html) is Outcome.SOFT_404


def test_redirect_shapes() -> None:
    page = article_html("Home of the outlet", paragraphs=12)
    assert outcome(page, final="https://outlet.example/") is Outcome.SOFT_404
    assert outcome(page, final="https://www.outlet.example/ru/") is Outcome.SOFT_404
    assert outcome(page, final="https://outlet.example/politics/") is Outcome.SOFT_404
    assert outcome(page, final="https://outlet.example/news/2025/09/15/") is Outcome.SOFT_404
    assert outcome(page, final="https://outlet.example/errors/404.html") is Outcome.SOFT_404
    assert outcome(page, final="https://outlet.example/news/2025/09/16/another-article-slug") is Outcome.MOVED
    assert (
        outcome(page, final="https://www.outlet.example/news/2025/09/15/some-long-article-slug/")
        is Outcome.OK
    )
    assert outcome(page, url="https://outlet.example/", final="https://outlet.example/ru/") is Outcome.MOVED


def test_status_rules() -> None:
    assert classify_status(200, conditional=False) is None
    assert classify_status(304, conditional=True).outcome is Outcome.OK  # type: ignore[union-attr]
    assert classify_status(304, conditional=False).outcome is Outcome.ERROR  # type: ignore[union-attr]
    assert classify_status(410, conditional=False).outcome is Outcome.DEAD  # type: ignore[union-attr]
    assert classify_status(451, conditional=False).outcome is Outcome.BLOCKED  # type: ignore[union-attr]


def test_probe_comparison() -> None:
    template = shell("Outlet — новости", "<h1>Извините</h1><p>Что-то пошло не так.</p>")
    mine = page_signals(template)
    probe = ProbeAnswer("https://outlet.example/news/99123", 200, "https://outlet.example/news/99123", mine)
    assert matches_probe(ARTICLE_URL, mine, probe)
    article = page_signals(article_html("Real story", paragraphs=10))
    assert matches_probe(ARTICLE_URL, article, probe) is None
    real_404 = ProbeAnswer(
        "https://outlet.example/news/99123", 404, "https://outlet.example/news/99123", None
    )
    assert matches_probe(ARTICLE_URL, mine, real_404) is None
    to_home = ProbeAnswer("https://outlet.example/news/99123", 200, "https://outlet.example/", None)
    assert matches_probe("https://outlet.example/", None, to_home)


def test_thin_or_link_only_pages_ask_for_a_probe() -> None:
    thin = classify_page(ARTICLE_URL, ARTICLE_URL, page_signals(shell("Outlet", "<h1>Outlet</h1>")))
    assert thin.outcome is Outcome.OK and thin.suspicious
    full = classify_page(ARTICLE_URL, ARTICLE_URL, page_signals(article_html("Story", paragraphs=12)))
    assert full.outcome is Outcome.OK and not full.suspicious


def test_url_shapes() -> None:
    assert urlshape.looks_like_article("https://tass.ru/politika/23183745")
    assert urlshape.looks_like_article("https://lenta.ru/news/2025/07/06/putin-obratilsya/")
    assert urlshape.looks_like_article("http://www.angi.ru/news.shtml?oid=2931478")
    assert not urlshape.looks_like_article("https://lenta.ru/rubrics/russia/")
    assert urlshape.is_home("https://www.rbc.ru/") and urlshape.is_home("https://x.ua/index.php")
    assert urlshape.is_section("https://lenta.ru/rubrics/russia/")
    assert urlshape.same_resource("http://www.a.ru/x/?utm_source=tg", "https://a.ru/x")
    assert not urlshape.same_resource("https://a.ru/x", "https://b.ru/x")


@pytest.mark.parametrize(
    "url",
    [
        "https://tass.ru/politika/23183745",
        "https://ria.ru/20250218/lavrov-2000217384.html",
        "https://lenta.ru/news/2025/07/06/putin-obratilsya/",
        "http://www.angi.ru/news.shtml?oid=2931478",
        "https://meduza.io/feature/some-slug",
        "https://x.ru/",
    ],
)
def test_probe_urls_keep_the_route_and_differ(url: str) -> None:
    probe = urlshape.probe_url(url)
    assert probe != url and urlshape.bare_host(probe.split("/")[2]) == urlshape.bare_host(url.split("/")[2])
    assert probe.endswith("/") == url.endswith("/")
    if "20250218" in url:
        assert "/20250218/lavrov-99" in probe  # the date stays, the id moves out of range
    assert urlshape.probe_url(url) != probe  # random each time


def _real_pages() -> list[Path]:
    return sorted(REAL_HTML.glob("*.html")) if REAL_HTML.is_dir() else []


@pytest.mark.skipif(not _real_pages(), reason="../shared/real-html is not present")
def test_every_real_article_is_ok() -> None:
    manifest = {
        json.loads(line)["file"]: json.loads(line)
        for line in (REAL_HTML / "MANIFEST.jsonl").read_text().splitlines()
    }
    for path in _real_pages():
        url = manifest[path.name]["original_url"]
        cls = classify_page(url, url, page_signals(path.read_text(encoding="utf-8")))
        assert cls.outcome is Outcome.OK and not cls.suspicious, path.name


def test_a_redirect_from_an_amp_page_to_its_article_is_no_section() -> None:
    page = article_html("Article of the outlet", paragraphs=12)
    amp = "https://outlet.example/2026/03/18/75214903/amp/"
    assert not urlshape.is_section("https://outlet.example/2026/03/18/75214903/", amp)
    assert urlshape.is_section("https://outlet.example/2026/03/18/", amp)
    assert urlshape.is_section(
        "https://outlet.example/news/2025/", "https://outlet.example/news/2025/some-long-slug-of-a-story"
    )
    assert outcome(page, final="https://outlet.example/news/2025/09/15/") is Outcome.SOFT_404


def test_a_parent_section_whose_slug_joins_words_is_a_section() -> None:
    assert urlshape.is_section("https://tass.ru/armiya-i-opk", "https://tass.ru/armiya-i-opk/24998121")
    article = "https://outlet.example/news/putin-i-tramp-vstretilis-v-alyaske"
    assert not urlshape.is_section(article, article + "/amp")


def test_a_prompt_with_the_subscriptions_prices_is_a_paywall() -> None:
    offers = (
        "<p>Try unlimited access. Only $1 for 4 weeks. Then $75 per month. Complete digital access to quality "
        "journalism on any device. Cancel anytime during your trial.</p><p>Standard Digital — $45 per month. "
        "Premium Digital — $75 per month. Print + Premium Digital — $79 per month.</p>"
        "<p>Check whether you already have access via your university or organisation. Explore more "
        "offers for teams and groups.</p>"
    )
    shell = (
        "<html><head><title>Ukraine races to secure interceptors | Outlet</title></head><body>"
        "<h1>Ukraine races to secure air defence interceptors before winter</h1>"
        "<p>Kyiv warns stocks are running low as Russia steps up combined strikes.</p>"
        "<p>Subscribe to unlock this article</p>" + offers + "</body></html>"
    )
    assert page_signals(shell).text_length > 500  # not thin: its offers are text
    assert outcome(shell) is Outcome.PAYWALLED
    # The same prompt on an article of its own, with no prices, is a promo.
    story = article_html("Ukraine races to secure air defence interceptors before winter", paragraphs=8)
    story = story.replace("</h1>", "</h1><p>Subscribe to read our morning briefing.</p>", 1)
    assert "Subscribe to read" in story
    assert outcome(story) is Outcome.OK
