"""The HTML reader: selectolax (lexbor) DOM -> blocks; endnote elements -> notes.

Footnote references are in-page anchors that look like markers (``<sup><a href="#fn1">1``,
``<a class="footnote-ref" href="#fn1"><sup>1</sup></a>``, Wikipedia's
``<sup class="reference"><a href="#cite_note-2">[2]</a>``). The element an anchor points at
(or its enclosing list item / paragraph, when the target is an empty anchor) is the note;
the other items of a list holding notes are notes too (so a note never cited is reported).
Anchors are taken in document order and those inside an accepted note are back-links.
Navigation, share buttons, scripts and similar chrome are skipped.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from citecheck.articles.doc import (
    KIND_HTML_ENDNOTE,
    KIND_INLINE_LINK,
    ROLE_NOTES,
    Note,
    RawBlock,
    RawDoc,
    Run,
)
from citecheck.articles.markdown import MARKER_TEXT_RE
from citecheck.articles.urls import find_urls, is_malformed_href, is_valid_url, resolve_href

LOGGER = logging.getLogger(__name__)

_SKIP_TAGS_WORDS = (
    "script style noscript template svg iframe form button nav aside footer select input "
    "textarea canvas video audio object embed head title meta link img picture source math "
    "figure"
)
_SKIP_TAGS = frozenset(_SKIP_TAGS_WORDS.split())
_BLOCK_TAGS_WORDS = (
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr td "
    "th dl dt dd figure figcaption hr address details summary center caption"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAGS_WORDS.split())
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_CHROME_ROLES = frozenset(
    ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar"]
)
_CHROME_CLASS_RE = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|related|breadcrumbs?|newsletter|subscribe|subscription|promo"
    r"|advert|advertising|ads?|banner|comments?|tags|navbar|nav|menu|sidebar|cookie|popup|modal|toc"
    r"|navbox|editsection|noprint|print-hide|sr-only|visually-hidden|byline)(?:$|[-_\s])",
    re.IGNORECASE,
)
# A chrome-classed element is skipped only when it holds less than this share of the body's text.
CHROME_MAX_SHARE = 0.3
_FOOTNOTE_ATTR_RE = re.compile(r"footnote|noteref|fnref|cite_ref|endnote", re.IGNORECASE)
# The chosen article container must hold at least this share of the page's text.
CONTAINER_MIN_SHARE = 0.15
# A target shorter than this is an anchor inside its note, not the note itself.
MIN_NOTE_CHARS = 3
# The text of an in-page anchor that is a footnote reference: "12", "[1234]", "iv", "*", "[a]".
_REF_TEXT_RE = re.compile(
    r"^(?:" + MARKER_TEXT_RE.pattern[1:-1] + r"|\[?\d{4}\]?|[*†‡]{1,3}|\[?[a-z]\]?)$", re.I
)
# Inline styles that hide text from sight but not from screen readers ("visually hidden").
_CLIPPED_RE = re.compile(r"clip:rect\(0|clip-path:inset\(50%\)")
# A reused wikitext reference, <ref name="x" />: HTML parsers ignore the "/>" of unknown tags.
_SELF_CLOSING_REF_RE = re.compile(r"<ref\b([^<>]*?)\s*/>", re.IGNORECASE)
_NOTE_BLOCKS = frozenset(["li", "p", "div", "dd", "td", "section", "aside", "footer", "blockquote"])


def _attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value or ""


def _text(node: LexborNode) -> str:
    return " ".join((node.text(deep=True) or "").split())


def _ancestors(node: LexborNode) -> list[LexborNode]:
    out: list[LexborNode] = []
    parent = node.parent
    while parent is not None and parent.tag not in ("-document", None):
        out.append(parent)
        parent = parent.parent
    return out


def _in_sup(node: LexborNode) -> bool:
    parent = node.parent
    return (parent is not None and parent.tag == "sup") or node.css_first("sup") is not None


def _ref_like(a: LexborNode) -> bool:
    """Return True for an in-page anchor shaped like a footnote marker."""
    if _attr(a, "role") == "doc-backlink":
        return False
    text = _text(a)
    if not _REF_TEXT_RE.match(text):
        return False
    strong = _FOOTNOTE_ATTR_RE.search(" ".join((_attr(a, "class"), _attr(a, "id"), _attr(a, "role"))))
    bracketed = text.startswith("[") and text.endswith("]")  # "[1]" shows a footnote by itself
    return bracketed or _in_sup(a) or bool(strong) or _attr(a, "rel") == "footnote"


class _HtmlReader:
    """Find notes, then walk the article container into blocks."""

    def __init__(self, raw: str, source: str) -> None:
        self.tree = LexborHTMLParser(raw)
        base = self.tree.css_first("base[href]")
        base_href = _attr(base, "href") if base is not None else ""
        self.base = resolve_href(base_href, source) or source if base_href else source
        self.notes: dict[str, Note] = {}
        self.note_nodes: dict[int, str] = {}  # mem_id of a note element -> note key
        self.note_elements: list[LexborNode] = []
        self.refs: dict[int, tuple[str, str]] = {}  # mem_id of a ref anchor -> (key, label)
        self.blocks: list[RawBlock] = []
        self.cur: RawBlock | None = None
        self.ctx: list[str] = []
        self.lists: dict[int, list[int]] = {}  # mem_id of ol/ul -> [list id, last ordinal]
        self.list_stack: list[int] = []
        self.item_ordinal: int | None = None
        self.item_new = False
        self.container_len = 1
        self.ordinals: dict[int, dict[int, int]] = {}  # mem_id of a list -> its items' numbers

    # -- notes ------------------------------------------------------------------------------

    def _note_element(self, target: LexborNode) -> LexborNode:
        if len(_text(target)) >= MIN_NOTE_CHARS and target.tag not in ("a", "sup", "span"):
            return target
        for parent in _ancestors(target):
            if parent.tag in _NOTE_BLOCKS:
                return parent
        return target

    def _ordinal(self, li: LexborNode) -> int:
        """Return the number an ordered list shows for an item (numbered once per list)."""
        parent = li.parent
        if parent is None:
            return 1
        numbers = self.ordinals.get(parent.mem_id)
        if numbers is None:
            numbers = self.ordinals[parent.mem_id] = {}
            start = _attr(parent, "start")
            number = int(start) - 1 if start.lstrip("-").isdigit() else 0
            node = parent.child
            while node is not None:
                if node.tag == "li":
                    value = _attr(node, "value")
                    number = int(value) if value.isdigit() else number + 1
                    numbers[node.mem_id] = number
                node = node.next
        return numbers.get(li.mem_id, 1)

    def _note_text(self, element: LexborNode) -> tuple[str, list[str], list[str]]:
        """Return a note element's text without back-links, its URLs and malformed URLs."""
        parts: list[str] = []
        hrefs: list[str] = []
        bad: list[str] = []
        stack = [element]
        while stack:
            node = stack.pop()
            if node.tag == "-text":
                parts.append(node.text_content or "")
                continue
            if node.tag in ("script", "style") or "mw-cite-backlink" in _attr(node, "class"):
                continue
            if node.tag == "a":
                href = _attr(node, "href").strip()
                if href.startswith("#"):
                    continue
                url = resolve_href(href, self.base)
                if url is not None:
                    (hrefs if is_valid_url(url) else bad).append(url)
                elif is_malformed_href(href):
                    bad.append(href)
            stack.extend(reversed(list(node.iter(include_text=True))))
        text = " ".join("".join(parts).replace("↩", " ").replace("↑", " ").split())
        urls, text_bad = find_urls(text)
        merged: dict[str, str] = {}
        for url in hrefs + urls:
            merged.setdefault(unquote(url), url)
        return text, list(merged.values()), bad + [b for b in text_bad if b not in bad]

    def _register(self, element: LexborNode, label: str) -> str:
        key = self.note_nodes.get(element.mem_id)
        if key is None:
            key = f"html:{element.mem_id}"
            text, urls, bad = self._note_text(element)
            if element.tag == "li" and not label:
                label = str(self._ordinal(element))  # a note never cited: its number in the list
            self.notes[key] = Note(key, label, text, urls, bad, len(self.notes))
            self.note_nodes[element.mem_id] = key
            self.note_elements.append(element)
        return key

    def find_notes(self) -> None:
        ids: dict[str, LexborNode] = {}
        for node in self.tree.css("[id]"):
            ids.setdefault(_attr(node, "id"), node)
        for a in self.tree.css("a[href]"):
            href = _attr(a, "href").strip()
            if "#" not in href or not _ref_like(a):
                continue
            page, frag = href.split("#", 1)
            if page and not (self.base and self.base.split("#")[0].endswith(page)):
                continue
            if any(p.mem_id in self.note_nodes for p in _ancestors(a)):
                continue  # a back-link inside a note
            label = _text(a).strip("[]()")
            target = ids.get(unquote(frag)) or ids.get(frag)
            if target is None:
                self.refs[a.mem_id] = (f"html:missing:{frag}", label)
                continue
            element = self._note_element(target)
            if any(p.mem_id == element.mem_id for p in _ancestors(a)):
                continue  # points at its own paragraph: not a note
            self.refs[a.mem_id] = (self._register(element, label), label)
        self._find_raw_refs()
        lists_done: set[int] = set()
        for element in list(self.note_elements):
            parent = element.parent
            if element.tag != "li" or parent is None or parent.mem_id in lists_done:
                continue
            lists_done.add(parent.mem_id)
            for sibling in parent.iter():
                if sibling.tag == "li" and sibling.mem_id not in self.note_nodes and _text(sibling):
                    self._register(sibling, "")

    def _find_raw_refs(self) -> None:
        """Number wikitext ``<ref>`` elements in order of first use; a named ref may be reused."""
        labels: dict[str, str] = {}
        nodes = self.tree.css("ref")
        defined = {_attr(n, "name").strip(): n for n in nodes if _attr(n, "name").strip() and _text(n)}
        for node in nodes:
            name = _attr(node, "name").strip()
            element = defined.get(name) if name else node
            if element is None:
                self.refs[node.mem_id] = (f"ref:missing:{name}", name)
                continue
            key = self.note_nodes.get(element.mem_id)
            if key is None:
                label = labels.setdefault(f"ref:{name or element.mem_id}", str(len(labels) + 1))
                key = self._register(element, label)
                self.note_elements.remove(element)  # not an item of an endnote list
            self.refs[node.mem_id] = (key, self.notes[key].label)

    # -- body -------------------------------------------------------------------------------

    def _container(self) -> LexborNode | None:
        body = self.tree.body or self.tree.root
        if body is None:
            return None
        total = max(1, len(_text(body)))
        for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
            nodes = self.tree.css(selector)
            if nodes:
                best = max(nodes, key=lambda n: len(_text(n)))
                if len(_text(best)) >= CONTAINER_MIN_SHARE * total:
                    return best
        return body

    def _skip(self, node: LexborNode) -> bool:
        tag = node.tag or ""
        if tag in _SKIP_TAGS:
            return True
        attrs = node.attributes
        if "hidden" in attrs or _attr(node, "aria-hidden") == "true" or _attr(node, "role") in _CHROME_ROLES:
            return True
        style = _attr(node, "style").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or _CLIPPED_RE.search(style):
            return True
        marks = f"{_attr(node, 'class')} {_attr(node, 'id')}"
        if _CHROME_CLASS_RE.search(marks):
            return len(_text(node)) < CHROME_MAX_SHARE * self.container_len
        return False

    def _kind(self) -> tuple[str, int]:
        for tag in reversed(self.ctx):
            if tag in _HEADINGS:
                return "heading", int(tag[1])
        if "li" in self.ctx:
            return "item", 0
        if "blockquote" in self.ctx:
            return "quote", 0
        return ("code", 0) if "pre" in self.ctx else ("para", 0)

    def _block(self) -> RawBlock:
        if self.cur is None:
            kind, level = self._kind()
            prev = self.blocks[-1] if self.blocks else None
            sep = "\n" if prev is not None and kind == "item" and prev.kind == "item" else "\n\n"
            list_id = self.lists[self.list_stack[-1]][0] if kind == "item" and self.list_stack else -1
            self.cur = RawBlock(kind, [], level=level, list_id=list_id, sep=sep)
            if kind == "item" and self.item_new:
                self.cur.ordinal = self.item_ordinal
                self.cur.runs.append(Run("text", "- "))
                self.item_new = False
            self.blocks.append(self.cur)
        return self.cur

    def _add_text(self, text: str) -> None:
        if self.cur is None and not text.strip():
            return
        self._block().runs.append(Run("text", text))

    def _visible_text(self, node: LexborNode) -> str:
        """Return an element's text without hidden parts (screen-reader text such as "opens new tab")."""
        parts: list[str] = []
        stack = [node]
        while stack:
            current = stack.pop()
            if current.tag == "-text":
                parts.append(current.text_content or "")
            elif current is node or not self._skip(current):
                stack.extend(reversed(list(current.iter(include_text=True))))
        return " ".join("".join(parts).split())

    def _anchor(self, a: LexborNode) -> None:
        ref = self.refs.get(a.mem_id)
        if ref is not None:
            self._block().runs.append(Run("ref", label=ref[1], key=ref[0], cite_kind=KIND_HTML_ENDNOTE))
            return
        text = self._visible_text(a)
        url = resolve_href(_attr(a, "href"), self.base)
        if url is None and text and is_malformed_href(_attr(a, "href")):
            url = _attr(a, "href").strip()  # reported as a bad URL, never fetched
        if url is None or not text:
            self._add_text(text)
            return
        match = MARKER_TEXT_RE.match(text)
        if match:
            self._block().runs.append(Run("ref", label=match.group(1), href=url, cite_kind=KIND_INLINE_LINK))
        else:
            self._block().runs.append(Run("link", text, href=url, cite_kind=KIND_INLINE_LINK))

    def _enter(self, node: LexborNode) -> bool:
        """Open an element; return True when its children were handled here."""
        tag = node.tag or ""
        if tag == "ref":
            key, label = self.refs.get(node.mem_id, ("", ""))
            if key:
                self._block().runs.append(Run("ref", label=label, key=key, cite_kind=KIND_HTML_ENDNOTE))
            return True
        if node.mem_id in self.note_nodes:
            self.cur = None
            text = self.notes[self.note_nodes[node.mem_id]].text
            block = RawBlock("item" if tag == "li" else "para", [Run("text", text)], role=ROLE_NOTES)
            block.sep = "\n" if self.blocks and self.blocks[-1].role == ROLE_NOTES else "\n\n"
            self.blocks.append(block)
            return True
        if tag == "a":
            self._anchor(node)
            return True
        if tag == "br":
            if self.cur is not None:
                self.cur.runs.append(Run("break", "\n"))
            return True
        if tag == "sup":
            anchors = [a for a in node.css("a") if a.mem_id in self.refs]
            if anchors:
                for a in anchors:
                    self._anchor(a)
                return True
            text = _text(node)
            if MARKER_TEXT_RE.match(text):
                self._block().runs.append(Run("ref", label=text.strip("[]()"), weak=True))
                return True
        if tag in _BLOCK_TAGS:
            self.cur = None
            self.ctx.append(tag)
            if tag in ("ol", "ul"):
                start = _attr(node, "start")
                first = int(start) - 1 if start.lstrip("-").isdigit() else 0
                self.lists[node.mem_id] = [len(self.lists), first]
                self.list_stack.append(node.mem_id)
            elif tag == "li" and self.list_stack:
                entry = self.lists[self.list_stack[-1]]
                value = _attr(node, "value")
                entry[1] = int(value) if value.isdigit() else entry[1] + 1
                self.item_ordinal, self.item_new = entry[1], True
            elif tag == "li":
                self.item_ordinal, self.item_new = None, True
        return False

    def _leave(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag in _BLOCK_TAGS:
            self.cur = None
            if self.ctx:
                self.ctx.pop()
            if tag in ("ol", "ul") and self.list_stack:
                self.list_stack.pop()

    def walk(self, container: LexborNode) -> None:
        self.container_len = max(1, len(_text(container)))
        stack: list[tuple[LexborNode, bool]] = [(container, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node)
                continue
            tag = node.tag or ""
            if tag == "-text":
                self._add_text(node.text_content or "")
                continue
            if tag.startswith("-") or (node is not container and self._skip(node)):
                continue
            if self._enter(node):
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))

    def title(self, container: LexborNode | None) -> str | None:
        node = self.tree.css_first("title")
        heading = container.css_first("h1") if container is not None else None
        for candidate in (heading, node):
            if candidate is not None and _text(candidate):
                return _text(candidate)
        return None


def read_html(raw: str, source: str = "") -> RawDoc:
    """Read an HTML article: its body text as blocks, and its endnotes.

    Args:
        raw: the HTML.
        source: its path or URL (relative links are resolved against a URL).

    Returns:
        the document; note elements are blocks with role ``notes``.
    """
    if "<ref" in raw:
        raw = _SELF_CLOSING_REF_RE.sub(r"<ref\1></ref>", raw)
    reader = _HtmlReader(raw, source)
    reader.find_notes()
    container = reader._container()
    if container is not None:
        reader.walk(container)
    return RawDoc(reader.blocks, reader.notes, title=reader.title(container))
