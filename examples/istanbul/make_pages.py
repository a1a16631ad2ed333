"""Write the example's synthetic fixture web (site/ and later/) from the texts below.

Every page is a synthetic example written for citecheck, marked as such in its HTML; none is a
copy of a real article. Run from anywhere: ``python examples/istanbul/make_pages.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHROME_TOP = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}">
<meta name="citecheck-example" content="synthetic page written for the citecheck example; not a real article">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T12:00:00+03:00">
<link rel="canonical" href="{url}">
</head><body>
<header><nav><a href="/">Главная</a> <a href="/politics/">Политика</a> <a href="/economy/">Экономика</a>
<a href="/world/">В мире</a> <a href="/sport/">Спорт</a></nav></header>
<main><article>
<h1>{title}</h1>
<div class="article__info"><time datetime="{date}">{date_ru}</time></div>
<div class="article__body">
"""

CHROME_BOTTOM = """</div>
<div class="article__tags"><a href="/tag/peregovory/">Переговоры</a> <a href="/tag/turkey/">Турция</a></div>
</article>
<aside class="related"><h3>Читайте также</h3><ul>
<li><a href="/news/1">Минфин разместил ОФЗ на 150 млрд рублей</a></li>
<li><a href="/news/2">В Москве ожидается до 35 градусов тепла</a></li>
<li><a href="/news/3">Курс доллара опустился ниже 78 рублей</a></li>
</ul></aside></main>
<footer><p>Синтетическая страница-пример для citecheck. Не является настоящей новостью.</p>
<p>&copy; 2025 {site}. Все права защищены.</p></footer>
</body></html>
"""

PAGES = {
    "ria-medinsky": {
        "url": "https://ria.ru/20250602/example-medinskiy-2020400001.html",
        "site": "РИА Новости",
        "title": "Мединский рассказал об итогах переговоров в Стамбуле",
        "date": "2025-06-02",
        "date_ru": "2 июня 2025",
        "paragraphs": [
            "СТАМБУЛ, 2 июн — РИА Новости. Россия в одностороннем порядке передаст Украине "
            "6 тыс. тел погибших украинских военнослужащих, заявил журналистам глава российской "
            "делегации, помощник президента Владимир Мединский.",
            "«Передача состоится на следующей неделе», — уточнил он.",
            "По словам Мединского, стороны договорились о масштабном обмене тяжелоранеными и "
            "молодыми военными в возрасте до 25 лет по формуле «всех на всех», не менее тысячи "
            "человек с каждой стороны.",
            "Российская сторона также предложила конкретное перемирие на два-три дня на отдельных "
            "участках линии соприкосновения, чтобы собрать тела погибших.",
        ],
    },
    "tass-umerov": {
        "url": "https://tass.ru/politika/example-24100001",
        "site": "ТАСС",
        "title": "Умеров предложил провести новую встречу делегаций с 20 по 30 июня",
        "date": "2025-06-02",
        "date_ru": "2 июня 2025",
        "paragraphs": [
            "СТАМБУЛ, 2 июня. /ТАСС/. Киев предложил провести следующую встречу делегаций России и "
            "Украины в период с 20 по 30 июня. Об этом заявил глава украинской делегации, министр "
            "обороны Рустем Умеров.",
            "По его словам, стороны также договорились об обмене телами погибших. Умеров добавил, "
            "что Киеву понадобится неделя, чтобы изучить российский меморандум.",
        ],
    },
    "rbc-memorandum": {
        "url": "https://www.rbc.ru/politics/02/06/2025/example683d0001",
        "site": "РБК",
        "title": "Что говорится в российском меморандуме об урегулировании",
        "date": "2025-06-02",
        "date_ru": "2 июня 2025",
        "paragraphs": [
            "Российский меморандум, переданный украинской стороне в Стамбуле, состоит из трех разделов.",
            "Первый раздел посвящен основным параметрам окончательного урегулирования.",
            "Второй раздел описывает условия прекращения огня, причем предлагаются два варианта перемирия.",
            "Третий раздел содержит последовательность шагов и сроки их реализации, включая подписание "
            "мирного договора.",
        ],
    },
    "strana-draft": {
        "url": "https://ctrana.one/news/example-485900-proekt-memoranduma.html",
        "site": "Страна.ua",
        "title": "СМИ опубликовали проект документа Украины для переговоров в Стамбуле",
        "date": "2025-06-01",
        "date_ru": "1 июня 2025",
        "charset": "windows-1251",
        "paragraphs": [
            "Накануне переговоров в Стамбуле в СМИ появился проект украинского меморандума.",
            "Документ предусматривает полное и безоговорочное прекращение огня в воздухе, на суше и "
            "на море сроком не менее 30 дней с возможностью продления, как необходимое условие "
            "для мирных переговоров.",
            "Вступление Украины в НАТО, согласно тексту, зависит от консенсуса внутри альянса.",
        ],
    },
}

# The later state of the web: the TASS page is gone and the RBC page was edited.
LATER_CHANGES = {
    "tass-umerov": {"status": 404},
    "rbc-memorandum": {
        "paragraphs": [
            "Российский меморандум, переданный украинской стороне в Стамбуле, состоит из двух разделов.",
            "Первый раздел посвящен основным параметрам окончательного урегулирования.",
            "Второй раздел описывает условия прекращения огня.",
        ]
    },
}

NOT_FOUND = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<meta name="citecheck-example" content="synthetic page written for the citecheck example">
<title>Страница не найдена - ТАСС</title></head><body><h1>Ошибка 404</h1>
<p>Такой страницы не существует. Вернуться на <a href="/">главную</a>.</p></body></html>
"""


def render(page: dict[str, object]) -> str:
    """One page's HTML."""
    charset = str(page.get("charset", "utf-8"))
    top = CHROME_TOP.format(
        charset=charset, **{k: page[k] for k in ("title", "site", "date", "date_ru", "url")}
    )
    body = "".join(f"<p>{p}</p>\n" for p in page["paragraphs"])  # type: ignore[attr-defined]
    return top + body + CHROME_BOTTOM.format(site=page["site"])


def write_site(folder: Path, pages: dict[str, dict[str, object]]) -> None:
    """Write pages/ and pages.jsonl for one state of the fixture web."""
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    lines = []
    for name, page in pages.items():
        status = int(page.get("status", 200))  # type: ignore[call-overload]
        html = render(page) if status == 200 else NOT_FOUND
        (folder / "pages" / f"{name}.html").write_text(html, encoding="utf-8")
        charset = str(page.get("charset", "utf-8"))
        lines.append(
            {
                "url": page["url"],
                "file": f"pages/{name}.html",
                "status": status,
                "headers": {"Content-Type": f"text/html; charset={charset}"},
                "encoding": charset,
                "lang": "ru",
            }
        )
    # An old URL of the RBC page that now redirects to it (a `moved` citation elsewhere).
    lines.append(
        {
            "url": "https://www.rbc.ru/rbcfreenews/example683d0001",
            "status": 301,
            "headers": {"Location": str(pages["rbc-memorandum"]["url"])},
            "encoding": "utf-8",
            "lang": "ru",
        }
    )
    (folder / "pages.jsonl").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )


def main() -> None:
    """Write site/ (the web at the first check) and later/ (after it changed)."""
    write_site(HERE / "site", PAGES)
    later = {name: {**page, **LATER_CHANGES.get(name, {})} for name, page in PAGES.items()}
    write_site(HERE / "later", later)


if __name__ == "__main__":
    main()
