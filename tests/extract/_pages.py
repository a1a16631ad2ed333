"""Builders for synthetic news pages: an article body plus whatever furniture a test adds."""

from __future__ import annotations

import json
from collections.abc import Sequence

URL = "https://news.example.org/2025/03/14/budget-vote.html"
TITLE = "Парламент принял бюджет на следующий год"

PARAGRAPHS_RU = (
    "МОСКВА, 14 марта. Депутаты приняли во втором чтении проект бюджета на следующий год, "
    "за документ проголосовали 312 парламентариев, против выступили 41 человек.",
    "Доходы казны запланированы в объеме 38,2 трлн рублей, расходы составят 41,7 трлн рублей. "
    "Дефицит, по оценке министерства финансов, не превысит полутора процентов ВВП.",
    "«Бюджет сбалансирован и учитывает все социальные обязательства государства», — заявил "
    "председатель комитета по бюджету, выступая перед голосованием в зале заседаний.",
    "Оппозиция потребовала увеличить расходы на здравоохранение и образование, однако поправки "
    "о перераспределении 120 млрд рублей были отклонены большинством голосов.",
    "Третье чтение законопроекта назначено на следующую неделю, после чего документ направят "
    "в верхнюю палату, которая должна рассмотреть его до конца месяца.",
)

PARAGRAPHS_UK = (
    "КИЇВ, 14 березня. Верховна Рада ухвалила в другому читанні проєкт бюджету на наступний рік, "
    "за документ проголосували 256 народних депутатів.",
    "Доходи державної скарбниці заплановано в обсязі 2,1 трлн гривень, а видатки становитимуть "
    "3,6 трлн гривень. Дефіцит покриють за рахунок міжнародної допомоги.",
    "Міністр фінансів наголосив, що країна й надалі отримуватиме підтримку партнерів, і "
    "пообіцяв, що всі соціальні виплати будуть здійснені вчасно.",
)

PARAGRAPHS_EN = (
    "LONDON, March 14 - Lawmakers approved the budget for next year on Thursday, with 312 members "
    "voting in favour and 41 against after a debate that lasted most of the day.",
    "Revenue is expected to reach 38.2 billion pounds while spending will total 41.7 billion, the "
    "finance ministry said in a statement released after the vote.",
    "The opposition called for more money for hospitals and schools, but its amendments were "
    "rejected by a large majority in the chamber.",
)


def paragraphs_html(paragraphs: Sequence[str], inserts: dict[int, str] | None = None) -> str:
    """``<p>`` elements, with extra markup inserted after the paragraph at each index."""
    parts = []
    for index, text in enumerate(paragraphs):
        parts.append(f"<p>{text}</p>")
        if inserts and index in inserts:
            parts.append(inserts[index])
    return "\n".join(parts)


def page(
    body: str,
    *,
    title: str = TITLE,
    head: str = "",
    before: str = "",
    after: str = "",
    sidebar: str = "",
    lang: str = "ru",
    container: str = "article",
) -> str:
    """A full page: header and menu, the article (``body`` in its container), a sidebar."""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} - Новости</title>{head}</head>
<body>
<header><a href="/">Новости</a><nav><a href="/politics/">Политика</a> <a href="/economy/">Экономика</a></nav></header>
<div class="layout">
<div class="content">
{before}
<{container} class="story">
<h1>{title}</h1>
<div class="story__text">
{body}
</div>
</{container}>
{after}
</div>
<div class="column">{sidebar}</div>
</div>
<div class="bottom-links"><a href="/about/">О проекте</a> <a href="/contacts/">Контакты</a></div>
</body></html>"""


def jsonld(data: dict[str, object]) -> str:
    """A JSON-LD ``<script>`` holding ``data``."""
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def headline_links(headlines: Sequence[str], prefix: str = "/2025/03/13/") -> str:
    """Links to other articles, one per headline."""
    return "".join(f'<a href="{prefix}{i}.html">{h}</a>' for i, h in enumerate(headlines))
