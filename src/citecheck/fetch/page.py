"""Read the signals a fetched HTML page gives about itself: title, text mass, markup, cues.

The cue lists cover English, Russian and Ukrainian. They are matched on the title and
the main heading (strong evidence) or on the page's own visible text with navigation,
footers, cookie banners and link text removed (weak evidence, used only on thin pages).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

LOGGER = logging.getLogger(__name__)

# Elements whose text is never the page's own content.
_DROP = "script, style, noscript, template, svg, iframe, nav, footer, aside, select, button"
# Banners and overlays that every page of a site carries.
_CHROME = "[class*=cookie i], [id*=cookie i], [class*=consent i], [class*=gdpr i]"
# Paywall boxes: their prompt is not the article's text.
_PAYWALL = (
    "[class*=paywall i], [id*=paywall i], [class*=subscribe-wall i], [class*=premium-wall i],"
    " [class*=regwall i], [data-paywall]"
)
# Most text a paywall prompt box holds; a larger "paywall" element wraps the article itself.
_PAYWALL_BOX_MAX = 800
# Characters of visible text kept for similarity and cue matching.
_TEXT_KEEP = 20_000
# Characters at the start of the visible text searched for weak (body) cues.
_BODY_CUE_SPAN = 1_500

NOT_FOUND = re.compile(
    "|".join(
        (
            # English
            r"(?:^|[|—–:]\s*)404(?:\s*[|—–:!.-]|\s*$)",
            r"(?:error|page|ошибка|страница|помилка|сторінка)\s*404",
            r"not\s+found",
            r"page\s+(?:you\s+(?:are|were)\s+looking\s+for|you\s+requested)",
            r"(?:does\s*n[o’']t|does\s+not|no\s+longer)\s+exists?",
            r"(?:can\s*not|can[’']t|couldn[’']t|could\s+not|unable\s+to)\s+(?:be\s+)?(?:find|found|locate)",
            r"(?:article|story|page|content|post|document)\s+(?:has\s+been|was|is)\s+"
            r"(?:removed|deleted|unpublished|unavailable|no\s+longer)",
            r"no\s+longer\s+available",
            r"(?:can\s*not|can[’']t|couldn[’']t)\s+seem\s+to\s+find",
            r"(?:link|url|address)\s+(?:you\s+followed\s+)?(?:may\s+be|is)\s+broken",
            r"nothing\s+(?:to\s+see\s+)?here",
            r"(?:story|page|article)\s+at\s+this\s+address",
            r"no\s+longer\s+with\s+us",
            r"may\s+have\s+been\s+(?:moved|renamed|removed|deleted|taken\s+down)",
            # Russian
            r"страниц[аыу]\s+не\s+(?:найден|существует)",
            r"(?:такой\s+)?страниц[аы]\s+(?:на\s+сайте\s+)?(?:нет|не\s+существует)",
            r"(?:материал|статья|новость|страница|публикация|запись|документ)\w*\s+(?:был[аио]?\s+)?"
            r"(?:удал[её]н|не\s+найден|недоступ|снят|не\s+существует)",
            r"запрашиваем\w+\s+(?:страниц|материал|ресурс)\w*\s+(?:не\s+)?(?:найден|удал|отсутств|не\s+существ)",
            r"ничего\s+не\s+найдено",
            r"не\s+удалось\s+найти",
            r"здесь\s+ничего\s+нет",
            r"по\s+этому\s+адресу\s+ничего\s+(?:нет|не\s+найдено)",
            r"куда-то\s+(?:делся|делась|пропал|пропала|исчез)",
            r"ошиблись\s+(?:при\s+наборе\s+|в\s+)?адрес",
            r"(?:неверно|неправильно)\s+(?:набран|указан|введ[её]н)\w*\s+адрес",
            # Ukrainian
            r"сторінк[аиу]\s+не\s+(?:знайден|існує)",
            r"(?:такої\s+)?сторінки\s+(?:не\s+існує|немає)",
            r"(?:матеріал|стаття|статтю|новин[аиу]|сторінк[аиу]|публікаці[яю]|документ)\w*\s+(?:було\s+)?"
            r"(?:видален|не\s+знайден|недоступн|не\s+існує)",
            r"нічого\s+не\s+знайдено",
            r"не\s+вдалося\s+знайти",
            r"тут\s+нічого\s+(?:немає|нема)",
            r"за\s+цією\s+адресою\s+нічого\s+(?:немає|нема|не\s+знайдено)",
            r"кудись\s+(?:подівся|поділася|зник|зникла)",
            r"помилилис[яь]\s+(?:при\s+введенні\s+|в\s+)?адрес",
        )
    ),
    re.I | re.M,
)
GEO_BLOCK = re.compile(
    r"not\s+available\s+in\s+your\s+(?:country|region|location|area)|unavailable\s+for\s+legal\s+reasons"
    r"|access\s+(?:to\s+this\s+(?:page|site|resource|content)\s+)?(?:is\s+|has\s+been\s+)?(?:denied|restricted|blocked)"
    r"|(?:blocked|restricted)\s+in\s+your\s+(?:country|region)"
    r"|доступ\s+(?:к\s+\w+\s+(?:ресурсу|сайту|странице|материалу)?\s*)?(?:ограничен|заблокирован|закрыт)"
    r"|(?:ресурс|сайт|страница|материал)\w*\s+(?:был[аио]?\s+)?заблокирован|недоступ\w+\s+в\s+вашем\s+(?:регионе|стране)"
    r"|149-ФЗ|eais\.rkn\.gov\.ru|реестр\w*\s+запрещ"
    r"|доступ\s+(?:до\s+\w+\s+)?обмежен|недоступн\w+\s+(?:у|в)\s+вашому\s+(?:регіоні|країні)|заблоковано",
    re.I,
)
ANTI_BOT = re.compile(
    r"just\s+a\s+moment|attention\s+required|checking\s+your\s+browser|verify(?:ing)?\s+you\s+are\s+(?:a\s+)?human"
    r"|are\s+you\s+a\s+robot|enable\s+javascript\s+and\s+cookies|ddos-guard|captcha|cf-browser-verification"
    r"|проверка\s+браузера|вы\s+не\s+робот|подтвердите,?\s+что\s+вы\s+(?:не\s+робот|человек)"
    r"|перевірка\s+браузера|ви\s+не\s+робот",
    re.I,
)
PAYWALL_PROMPT = re.compile(
    r"subscribe\s+(?:now\s+)?to\s+(?:continue|read|unlock|keep\s+reading)|subscribers?\s+only|for\s+subscribers"
    r"|to\s+continue\s+reading|already\s+(?:a\s+)?subscriber|this\s+(?:article|content)\s+is\s+(?:for|available\s+to)"
    r"\s+(?:paid\s+)?subscribers|premium\s+(?:content|article)|unlock\s+(?:this|full)\s+article"
    r"|доступ\w*\s+(?:только\s+)?(?:для\s+)?подписчик|оформите\s+подписку|(?:уже\s+)?(?:есть|оформлена)\s+подписка"
    r"|читать\s+(?:полностью|дальше|далее)\s+(?:по|с)\s+подписк|только\s+(?:для\s+)?подписчик|платн\w+\s+подписк"
    r"|доступн\w*\s+(?:лише\s+)?(?:для\s+)?передплатник|оформіть\s+передплату|передплатіть|(?:лише|тільки)\s+для"
    r"\s+(?:передплатник|підписник)|оформіть\s+підписку"
    # registration walls
    r"|(?:продолжение|полная\s+версия)\s+доступн\w*\s+после\s+(?:регистрации|входа|авторизации)|зарегистрируйтесь"
    r"|(?:продовження|повна\s+версія)\s+доступн\w*\s+після\s+(?:реєстрації|входу)|зареєструйтеся"
    r"|(?:register|sign\s+(?:in|up)|log\s+in|create\s+a\s+(?:free\s+)?account)\s+to\s+(?:continue|read|keep\s+reading)",
    re.I,
)
_WS = re.compile(r"\s+")
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report", re.I)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What an HTML page says about itself."""

    title: str
    heading: str
    text: str  # visible own text (no navigation, footers, banners, paywall boxes, links)
    text_length: int
    link_text_length: int
    article_markup: bool  # JSON-LD *Article, og:type article, itemprop=articleBody or <article>
    accessible_for_free: bool | None  # schema.org isAccessibleForFree, when stated
    paywall_markup: bool
    paywall_text: str  # the text of paywall boxes (their prompt)
    site_name: str
    og_title: str

    @property
    def title_cue_text(self) -> str:
        """Title and main heading, where a page names what it is."""
        return f"{self.title}\n{self.heading}"

    @property
    def lead(self) -> str:
        """The start of the visible text, where an error page states its error."""
        return self.text[:_BODY_CUE_SPAN]


def _clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _meta(tree: LexborHTMLParser, prop: str) -> str:
    node = tree.css_first(f'meta[property="{prop}"], meta[name="{prop}"]')
    return _clean(node.attributes.get("content") if node else None)


def _walk_ld(data: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _free_flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _json_ld(tree: LexborHTMLParser) -> tuple[bool, bool | None]:
    """(an Article type is declared, isAccessibleForFree) from JSON-LD blocks."""
    article = False
    free: bool | None = None
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "null")
        except ValueError:
            continue
        for obj in _walk_ld(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                article = True
            flag = _free_flag(obj.get("isAccessibleForFree"))
            if flag is not None:
                free = flag if free is None else (free and flag)
    return article, free


def page_signals(html: str) -> PageSignals:
    """Parse an HTML page and collect its signals.

    Args:
        html: the decoded page.

    Returns:
        The page's :class:`PageSignals`.
    """
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = _clean(title_node.text() if title_node else "")
    ld_article, free = _json_ld(tree)
    og_type = _meta(tree, "og:type").lower()
    article_markup = (
        ld_article or og_type == "article" or tree.css_first('[itemprop="articleBody"], article') is not None
    )
    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css(_CHROME):
        node.decompose()
    paywall_nodes = []
    for node in tree.css(_PAYWALL):
        box_text = _clean(node.text(separator=" "))
        if len(box_text) <= _PAYWALL_BOX_MAX:  # a prompt box, not a wrapper around the article
            paywall_nodes.append(box_text)
            node.decompose()
    paywall_text = " ".join(paywall_nodes)
    heading_node = tree.css_first("h1")
    heading = _clean(heading_node.text() if heading_node else "")
    links = sum(len(_clean(a.text())) for a in tree.css("a"))
    for node in tree.css("a"):
        node.decompose()
    body = tree.body
    text = _clean(body.text(separator=" ") if body else "")
    return PageSignals(
        title=title,
        heading=heading,
        text=text[:_TEXT_KEEP],
        text_length=len(text),
        link_text_length=links,
        article_markup=article_markup,
        accessible_for_free=free,
        paywall_markup=bool(paywall_nodes),
        paywall_text=paywall_text[:_TEXT_KEEP],
        site_name=_meta(tree, "og:site_name"),
        og_title=_meta(tree, "og:title"),
    )
