"""Live pages on 127.0.0.1: soft-404s (cues, probes, redirects), paywalls, lying charsets."""

from __future__ import annotations

import asyncio

import pytest

from citecheck.fetch import Fetcher
from citecheck.models import FetchResult, Outcome
from citecheck.net.client import make_client
from tests.fetch.conftest import make_settings
from tests.fetch.servers import FakeTime, Request, article_html, html_response, response_bytes, serve

pytestmark = pytest.mark.asyncio

ARTICLE_PATH = "/news/2025/09/15/real-article-about-talks"
ARTICLE = article_html("Переговоры продолжатся", paragraphs=12, lang="ru")
LISTING = (
    '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Outlet: новости</title></head><body>'
    + "".join(f'<a href="/news/2025/09/15/item-{i}">Заголовок новости номер {i}</a> ' for i in range(40))
    + "<p>Выберите интересующий вас раздел.</p></body></html>"
)


async def fetch_all(base_handler, urls: list[str], fake: FakeTime, **overrides: object) -> list[FetchResult]:  # type: ignore[no-untyped-def]
    settings = make_settings(**overrides)
    async with serve(base_handler) as server, make_client(settings) as client:
        fetcher = Fetcher(client, settings, clock=fake.clock, sleep=fake.sleep)
        results = [await fetcher.fetch(server.url(u)) for u in urls]
    fetch_all.server = server  # type: ignore[attr-defined]
    return results


def catch_all(real: dict[str, bytes], fallback: bytes):  # type: ignore[no-untyped-def]
    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(real.get(request.path, fallback))

    return handle


async def test_catch_all_template_is_found_by_the_probe(fake_time: FakeTime) -> None:
    handler = catch_all({ARTICLE_PATH: html_response(ARTICLE)}, html_response(LISTING))
    gone, real = await fetch_all(
        handler, ["/news/2025/09/14/removed-article-about-budget", ARTICLE_PATH], fake_time
    )
    server = fetch_all.server  # type: ignore[attr-defined]
    assert gone.outcome is Outcome.SOFT_404 and "surely-missing" in gone.reason
    assert real.outcome is Outcome.OK
    paths = [r.path for r in server.requests]
    probes = [p for p in paths if "citecheck-probe" in p]
    assert len(probes) == 1 and probes[0].startswith("/news/2025/09/14/")
    assert paths.count(ARTICLE_PATH) == 1  # the real article asked for no probe


async def test_probe_answering_404_keeps_a_short_real_page(fake_time: FakeTime) -> None:
    short = article_html("Коротко", paragraphs=3, lang="ru")
    handler = catch_all(
        {"/news/2025/09/15/short-item-news-x": html_response(short)},
        response_bytes(404, b"nope", {"Content-Type": "text/plain"}),
    )
    (result,) = await fetch_all(handler, ["/news/2025/09/15/short-item-news-x"], fake_time)
    assert result.outcome is Outcome.OK
    assert any("citecheck-probe" in r.path for r in fetch_all.server.requests)  # type: ignore[attr-defined]


async def test_probing_can_be_turned_off(fake_time: FakeTime) -> None:
    handler = catch_all({}, html_response(LISTING))
    (result,) = await fetch_all(
        handler, ["/news/2025/09/14/removed-article-x"], fake_time, soft404_probe=False
    )
    assert result.outcome is Outcome.OK
    assert len(fetch_all.server.requests) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "heading", "lang"),
    [
        ("Сторінку не знайдено", "Вибачте", "uk"),
        ("Oops", "We can't find that page", "en"),
        ("Ошибка", "Новость удалена", "ru"),
    ],
)
async def test_error_pages_with_status_200(fake_time: FakeTime, title: str, heading: str, lang: str) -> None:
    page = (
        f'<html lang="{lang}"><head><title>{title}</title></head><body><h1>{heading}</h1>'
        '<a href="/">Home</a></body></html>'
    )
    (result,) = await fetch_all(
        catch_all({}, html_response(page)), ["/a/2025/story-slug-words"], fake_time, soft404_probe=False
    )
    assert result.outcome is Outcome.SOFT_404 and result.status == 200


async def test_redirect_to_home_is_a_soft_404(fake_time: FakeTime) -> None:
    handler = catch_all({"/": html_response(LISTING)}, response_bytes(301, headers={"Location": "/"}))
    (result,) = await fetch_all(handler, ["/politics/16/08/2025/68a00ba09a79473e"], fake_time)
    assert result.outcome is Outcome.SOFT_404 and "home page" in result.reason
    assert result.final_url.endswith(f":{fetch_all.server.port}/")  # type: ignore[attr-defined]
    assert result.url.endswith("/politics/16/08/2025/68a00ba09a79473e")


async def test_paywall_shell_served_live(fake_time: FakeTime) -> None:
    shell = (
        '<html><head><title>Явка без интриги</title><script type="application/ld+json">'
        '{"@type":"NewsArticle","isAccessibleForFree":"False"}</script></head><body><article>'
        "<h1>Явка без интриги</h1><p>Единый день голосования завершился.</p>"
        '<div class="paywall">Полный текст доступен подписчикам.</div></article></body></html>'
    )
    (result,) = await fetch_all(catch_all({}, html_response(shell)), ["/doc/8063540"], fake_time)
    assert result.outcome is Outcome.PAYWALLED


@pytest.mark.parametrize(
    ("wire", "declared"),
    [
        ("cp1251", "utf-8"),
        ("koi8-r", None),
        ("utf-8", "windows-1251"),
        ("cp1251", "koi8-r"),
        ("koi8-r", "cp1251"),
    ],
)
async def test_lying_charsets(fake_time: FakeTime, wire: str, declared: str | None) -> None:
    body = ARTICLE.replace('<meta charset="utf-8">', "").encode(wire)
    ctype = f"text/html; charset={declared}" if declared else "text/html"
    answer = response_bytes(200, body, {"Content-Type": ctype})
    (result,) = await fetch_all(catch_all({}, answer), [ARTICLE_PATH], fake_time)
    assert result.text is not None and "Переговоры продолжатся" in result.text
    assert result.body == body
    assert result.outcome is Outcome.OK
