"""Remove page furniture from an lxml tree before trafilatura reads it.

trafilatura keeps some widgets that sit inside the article container: a "Читайте также"
box between two paragraphs, a photo caption and its credit, a related-articles card, a
layout table whose side column lists other headlines. Each rule below targets one markup
pattern, never one site:

1. Hidden text: schema.org microdata blocks that spell URLs and dates out as text (a
   hidden duplicate of the article that trafilatura would otherwise prefer), and elements
   hidden by their inline style (screen-reader-only text such as ", opens new tab").
   Other inline styles are dropped: trafilatura's precision mode discards any element
   whose style mentions "border", and text pasted from word processors carries
   ``box-sizing: border-box`` on every paragraph.
2. ``<figcaption>`` and the short text wrapped around an image (captions, photo credits).
3. Inside the article container (``itemprop="articleBody"`` or ``<article>``), a ``<div>``
   holding only inline text is a paragraph (a lead box, React paragraphs) and becomes
   ``<p>``, which precision mode would otherwise skip; a ``<div>`` that only wraps
   paragraphs becomes a ``<section>`` (precision mode drops a short closing ``<div>``
   holding any link, and with it the article's last paragraphs). In any ``<div>`` of
   paragraphs, a run of loose text and inline elements that reads as prose (a lead in
   ``<b>`` written straight into the container) becomes a ``<p>`` of its own.
4. Layout tables (tables holding headings, paragraphs or other tables) are marked
   ``role="presentation"`` so trafilatura reads them as blocks, not as one data table.
5. Elements whose class or id names furniture (``related``, ``share``, ``tags``,
   ``sidebar``, ``caption``...; see :mod:`.labels`).
6. Link bars: lists, tables or paragraphs made of several short links (menus, tag
   lists, share and print bars).
7. Widgets found by their visible heading ("Читайте также", "Лента новостей", "Read
   more"...): the heading and the link-dominated block around it, or the links after it.

A guard keeps every rule away from the article: an element holding the
``itemprop="articleBody"`` container, the ``<h1>``, ``<main>``, or two or more long prose
paragraphs, is never removed, and a widget never grows past an ``<article>``.
"""

from __future__ import annotations

import logging
import re

from lxml.html import HtmlElement

from citecheck.extract.labels import CHROME_CLASS_WORDS, WEAK_LABELS, WIDGET_LABELS, class_words, label_key

LOGGER = logging.getLogger(__name__)

# A paragraph this long with sentence punctuation is article prose, not a widget line.
LONG_PROSE_CHARS = 160
# This many long prose paragraphs inside an element protect it from removal.
PROTECTING_PARAGRAPHS = 2
# Longest visible heading considered as a widget label.
MAX_LABEL_CHARS = 48
# A widget (label plus its links) is at most this long; larger blocks are content.
WIDGET_MAX_CHARS = 2500
# Share of a block's text (besides its label) inside links that makes it a link widget.
LINK_DENSITY = 0.55
# Text around an image at most this long is a caption or credit.
CAPTION_MAX_CHARS = 300
# Tags a caption climb may pass through on its way up from an image.
_MEDIA_WRAPPERS = frozenset({"div", "figure", "picture", "span", "a", "section", "center", "font"})
# Elements that hold blocks of their own, marking a table as layout rather than data.
_LAYOUT_MARKERS = ".//table|.//h1|.//h2|.//h3|.//p"
# A data table rarely holds more paragraphs than this.
LAYOUT_MIN_PARAGRAPHS = 2
# Inline tags a text-only <div> may hold and still be a paragraph.
_INLINE = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "span",
        "br",
        "sup",
        "sub",
        "font",
        "mark",
        "small",
        "time",
        "abbr",
        "cite",
        "q",
        "code",
        "wbr",
    }
)
# Block tags a paragraph-wrapper <div> holds (retagged so trafilatura judges each paragraph).
_TEXT_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"})
# A text-only <div> shorter than this (a date, a label) stays a <div>, unless it is a
# sentence of at least SENTENCE_BLOCK_MIN_CHARS ("You shouldn't just believe them.").
TEXT_BLOCK_MIN_CHARS = 40
SENTENCE_BLOCK_MIN_CHARS = 12
# Paragraphs a <div> must hold for loose text between them to be read as paragraphs too.
LOOSE_RUN_MIN_PARAGRAPHS = 2
# Elements tested as link bars, and what makes one: several links, short on average, and
# hardly any letters outside them (separators such as "|" or "•" do not count).
_LINK_BAR_TAGS = ".//ul|.//ol|.//table|.//p|.//menu|.//nav"
LINK_BAR_MIN_LINKS = 3
LINK_BAR_MEAN_CHARS = 25
LINK_BAR_DENSITY = 0.9
# Inline styles that hide an element, or shrink it to the 1-pixel screen-reader box.
_HIDING_STYLES = ("display:none", "visibility:hidden", "clip:rect(0", "clip-path:inset(50%)", "height:1px;")
# Microdata properties whose values are URLs or dates, never visible prose.
_METADATA_PROPS = frozenset(
    {
        "mainEntityOfPage",
        "url",
        "datePublished",
        "dateModified",
        "dateCreated",
        "image",
        "thumbnailUrl",
        "contentUrl",
        "inLanguage",
        "identifier",
    }
)
_METADATA_VALUE = re.compile(r"^(?:https?://\S+|\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]*)?)$")
# A block with this many such values written as element text is a hidden metadata block.
MICRODATA_MIN_SPELLED = 2
# Something inside an element that marks it as (or as holding) the article.
_HOLDS_ARTICLE = "boolean(.//*[@itemprop='articleBody'] | .//h1 | .//main)"
_CONTAINERS = "//*[@itemprop='articleBody']|//article"
_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
_WORD_CHAR = re.compile(r"\w")
_NEVER_REMOVE = frozenset({"html", "body", "head", "main"})


def _text_len(element: HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))


def _word_chars(element: HtmlElement) -> int:
    """Letters and digits in an element's text (separators such as "|" or "•" not counted)."""
    return len(_WORD_CHAR.findall(element.text_content()))


def _link_len(element: HtmlElement) -> int:
    return sum(_text_len(a) for a in element.iter("a"))


def _is_protected(element: HtmlElement) -> bool:
    """True for elements that hold (or are) the article body."""
    if element.tag in _NEVER_REMOVE or element.get("itemprop") == "articleBody":
        return True
    if element.xpath(_HOLDS_ARTICLE):
        return True
    prose = 0
    for para in element.iter("p"):
        text = " ".join(para.text_content().split())
        if len(text) >= LONG_PROSE_CHARS and _SENTENCE_END.search(text) and _link_len(para) < len(text) / 2:
            prose += 1
            if prose >= PROTECTING_PARAGRAPHS:
                return True
    return False


def _drop(element: HtmlElement) -> None:
    """Remove an element but keep its tail text in the tree."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _promote_text_divs(tree: HtmlElement) -> None:
    """Rule 3: text-only divs inside the article container become paragraphs; divs that
    only wrap paragraphs become sections."""
    wrappers = []
    for container in tree.xpath(_CONTAINERS):
        for div in container.iter("div"):
            if div.get("itemprop") == "articleBody" or div is container:
                continue
            children = [child for child in div if isinstance(child.tag, str)]
            if all(child.tag in _INLINE for child in children):
                text = " ".join(div.text_content().split())
                if len(text) >= TEXT_BLOCK_MIN_CHARS or (
                    len(text) >= SENTENCE_BLOCK_MIN_CHARS and _SENTENCE_END.search(text)
                ):
                    div.tag = "p"
            elif all(child.tag in _TEXT_BLOCKS for child in children) and not (div.text or "").strip():
                wrappers.append(div)
    for div in wrappers:
        div.tag = "section"


def _wrap_loose_runs(body: HtmlElement) -> None:
    """Rule 3b: in a ``<div>`` of paragraphs, a run of loose text and inline elements between
    them (a lead in ``<b>`` written straight into the container) becomes a ``<p>``, which
    trafilatura would otherwise skip."""
    for div in list(body.iter("div")):
        if sum(1 for child in div if child.tag == "p") < LOOSE_RUN_MIN_PARAGRAPHS:
            continue
        if not any(_loose_text(run_text, run) for run_text, run in _runs(div)):
            continue
        rebuilt: list[HtmlElement] = []
        text, run = div.text, []
        div.text = None
        for child in list(div):
            div.remove(child)
            if isinstance(child.tag, str) and child.tag in _INLINE:
                run.append(child)
                continue
            rebuilt.extend(_close_run(div, rebuilt, text, run))
            text, run = child.tail, []
            child.tail = None
            rebuilt.append(child)
        rebuilt.extend(_close_run(div, rebuilt, text, run))
        for child in rebuilt:
            div.append(child)


def _runs(div: HtmlElement) -> list[tuple[str | None, list[HtmlElement]]]:
    """The loose runs of a ``<div>``: leading text and the inline elements up to a block."""
    runs: list[tuple[str | None, list[HtmlElement]]] = []
    text, run = div.text, []
    for child in div:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            run.append(child)
            continue
        runs.append((text, run))
        text, run = child.tail, []
    runs.append((text, run))
    return runs


def _loose_text(text: str | None, run: list[HtmlElement]) -> bool:
    """True when a loose run reads as a sentence of prose."""
    joined = " ".join(((text or "") + "".join(el.text_content() + (el.tail or "") for el in run)).split())
    return len(joined) >= TEXT_BLOCK_MIN_CHARS and bool(_SENTENCE_END.search(joined))


def _close_run(
    div: HtmlElement, rebuilt: list[HtmlElement], text: str | None, run: list[HtmlElement]
) -> list[HtmlElement]:
    """A loose run as a new ``<p>`` when it is prose; otherwise put back as it was."""
    if _loose_text(text, run):
        paragraph = div.makeelement("p", {})
        paragraph.text = text
        for element in run:
            paragraph.append(element)
        return [paragraph]
    if text:
        if rebuilt:
            rebuilt[-1].tail = (rebuilt[-1].tail or "") + text
        else:
            div.text = (div.text or "") + text
    return run


def _drop_cosmetic_styles(body: HtmlElement) -> None:
    """Rule 1: remove hidden elements (screen-reader-only text too); drop other inline styles."""
    for element in body.xpath(".//*[@style]"):
        style = element.get("style", "").replace(" ", "").lower()
        if any(marker in style for marker in _HIDING_STYLES):
            if not _is_protected(element):
                _drop(element)
        else:
            del element.attrib["style"]


def _drop_microdata_blocks(body: HtmlElement) -> int:
    """Rule 1: schema.org blocks that spell metadata out as text (hidden by the site's CSS)."""
    removed = 0
    for scope in body.xpath(".//*[@itemscope]"):
        spelled = 0
        for child in scope.iterchildren():
            if (
                isinstance(child.tag, str)
                and child.get("itemprop") in _METADATA_PROPS
                and child.tag != "meta"
            ):
                text = " ".join(child.text_content().split())
                spelled += bool(_METADATA_VALUE.match(text))
        if spelled >= MICRODATA_MIN_SPELLED and not _detached(scope, body):
            _drop(scope)
            removed += 1
    return removed


def _mark_layout_tables(body: HtmlElement) -> None:
    """Rule 4: let trafilatura read layout tables as blocks."""
    for table in body.iter("table"):
        markers = table.xpath(_LAYOUT_MARKERS)
        paragraphs = sum(1 for m in markers if m.tag == "p")
        if len(markers) > paragraphs or paragraphs >= LAYOUT_MIN_PARAGRAPHS:
            table.set("role", "presentation")


def _detached(element: HtmlElement, body: HtmlElement) -> bool:
    """True when an earlier rule removed the element or one of its ancestors."""
    for ancestor in element.iterancestors():  # noqa: SIM110
        if ancestor is body:
            return False
    return True


def _remove_by_class(body: HtmlElement) -> int:
    """Rule 5: elements whose class or id words name furniture."""
    removed = 0
    for element in list(body.iterdescendants()):
        if not isinstance(element.tag, str):
            continue
        attrs = (element.get("class") or "") + " " + (element.get("id") or "")
        if not attrs.strip() or not (class_words(attrs) & CHROME_CLASS_WORDS):
            continue
        if _detached(element, body) or _is_protected(element):
            continue
        _drop(element)
        removed += 1
    return removed


def _remove_link_bars(body: HtmlElement) -> int:
    """Rule 6: menus, tag lists and share bars (several short links and almost nothing else)."""
    removed = 0
    for element in body.xpath(_LINK_BAR_TAGS):
        if _detached(element, body):
            continue
        links = [n for n in (_word_chars(a) for a in element.iter("a")) if n]
        if len(links) < LINK_BAR_MIN_LINKS or sum(links) > LINK_BAR_MEAN_CHARS * len(links):
            continue
        if sum(links) >= LINK_BAR_DENSITY * _word_chars(element) and not _is_protected(element):
            _drop(element)
            removed += 1
    return removed


def _label_of(element: HtmlElement) -> tuple[str, int] | None:
    """``(label, length)`` when the element opens with a widget heading, else None."""
    head = element.text
    if not head or len(head) > MAX_LABEL_CHARS * 2:
        return None
    key = label_key(head)
    if not key or len(key) > MAX_LABEL_CHARS or key not in WIDGET_LABELS:
        return None
    return key, len(" ".join(head.split()))


def _widget_root(label_el: HtmlElement, label_len: int) -> tuple[HtmlElement, bool]:
    """Climb from a label to the largest link-dominated block around it."""
    node, has_links = label_el, False
    rest = _text_len(node) - label_len
    if rest > 0:
        if _link_len(node) < LINK_DENSITY * rest:
            return node, False
        has_links = True
    while True:
        parent = node.getparent()
        if parent is None or parent.tag in _NEVER_REMOVE or parent.tag == "article" or _is_protected(parent):
            return node, has_links
        total = _text_len(parent)
        rest = total - label_len
        if rest <= 0:
            node = parent
            continue
        if total > WIDGET_MAX_CHARS or _link_len(parent) < LINK_DENSITY * rest:
            return node, has_links
        node, has_links = parent, True


def _headline_like(element: HtmlElement) -> bool:
    """A sibling that reads as a list of links or one headline, not a paragraph."""
    total = _text_len(element)
    if total == 0:
        return True
    if _link_len(element) >= LINK_DENSITY * total:
        return total <= WIDGET_MAX_CHARS
    text = " ".join(element.text_content().split())
    return total < LONG_PROSE_CHARS and not _SENTENCE_END.search(text)


def _remove_labelled_widgets(body: HtmlElement) -> int:
    """Rule 7: widgets announced by a visible heading."""
    removed = 0
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.tag in _NEVER_REMOVE:
            continue
        found = _label_of(element)
        if found is None or _detached(element, body):
            continue
        key, length = found
        root, has_links = _widget_root(element, length)
        if _is_protected(root):
            continue
        if has_links:
            _drop(root)
            removed += 1
            continue
        followers = []
        sibling = root.getnext()
        while sibling is not None and isinstance(sibling.tag, str) and _headline_like(sibling):
            followers.append(sibling)
            sibling = sibling.getnext()
        if followers or key not in WEAK_LABELS:
            for item in [root, *followers]:
                _drop(item)
            removed += 1
    return removed


def _remove_captions(body: HtmlElement) -> int:
    """Rule 2: figure captions and the short text wrapped around an image."""
    removed = 0
    for caption in list(body.iter("figcaption")):
        if not _detached(caption, body):
            _drop(caption)
            removed += 1
    for image in list(body.iter("img", "picture", "video")):
        if _detached(image, body):
            continue
        node = image
        while True:
            parent = node.getparent()
            if parent is None or parent.tag not in _MEDIA_WRAPPERS or _text_len(parent) > CAPTION_MAX_CHARS:
                break
            if parent.find(".//p") is not None or _is_protected(parent):
                break
            node = parent
        if node is not image and node.getparent() is not None and _text_len(node) > 0:
            _drop(node)
            removed += 1
    return removed


def prune_chrome(tree: HtmlElement) -> int:
    """Remove widgets, captions and furniture from a parsed page, in place.

    Args:
        tree: the page's root element (as ``lxml.html`` or trafilatura's ``load_html`` gives).

    Returns:
        The number of elements removed (layout tables are re-marked, not counted).
    """
    body = tree.find(".//body") if tree.tag != "body" else tree
    if body is None:
        body = tree
    removed = _drop_microdata_blocks(body)
    _drop_cosmetic_styles(body)
    removed += _remove_captions(body)
    _wrap_loose_runs(body)
    _promote_text_divs(body)
    _mark_layout_tables(body)
    removed += _remove_by_class(body)
    removed += _remove_link_bars(body)
    removed += _remove_labelled_widgets(body)
    LOGGER.debug("pruned %d furniture elements", removed)
    return removed
