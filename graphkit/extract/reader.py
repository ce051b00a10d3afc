"""Turn an input string into plain report text plus metadata.

Text and Markdown may open with YAML front-matter (title, published, source, language).
Markdown markup is removed so that evidence sentences read as prose; HTML pages have their
main text extracted (selectolax) with scripts, navigation, headers and footers dropped.
All regexes here are anchored or bounded so reading stays linear on hostile input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from graphkit.errors import InputError
from graphkit.extract.tokens import word_set

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_MD_RULES = [
    (re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,2000}\)"), r"\1"),  # links -> text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE), ""),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # quotes
    (re.compile(r"^[ \t]*(?:[-*+])[ \t]+", re.MULTILINE), "• "),  # bullets
    (re.compile(r"(\*\*|__)(?=\S)([^\n]{0,500}?\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{0,500}?\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]{0,500}?\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]{0,500})`"), r"\1"),  # inline code
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"<[^<>\n]{1,200}>"), ""),  # stray inline HTML
]
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "menu",
)
_BLOCK_TAGS = word_set(
    "p div li h1 h2 h3 h4 h5 h6 br tr section article blockquote ul ol table pre dd dt "
    "figcaption main hr td th"
)
_BOILERPLATE = re.compile(
    r"(?:cookie|share this|follow us|subscribe|all rights reserved|privacy policy|skip to)",
    re.IGNORECASE,
)


@dataclass
class ReadResult:
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def split_front_matter(text: str) -> ReadResult:
    """Strip a leading ``---`` YAML block; keep the scalar fields we know."""
    start = _FRONT.match(text)
    if not start:
        return ReadResult(text)
    end = _FRONT_END.search(text, start.end())
    if not end:
        return ReadResult(text)
    try:
        data = yaml.safe_load(text[start.end() : end.start()])
    except Exception:
        # not YAML (YAMLError), or YAML whose scalars PyYAML cannot build: a date such as
        # 2024-13-45 (ValueError), "!!float" (IndexError), deep nesting (RecursionError),
        # a 5,000-digit integer: not front-matter we can read, so it stays report text
        return ReadResult(text)
    meta: dict[str, str] = {}
    if isinstance(data, dict):
        for key in ("title", "published", "source", "language"):
            value = data.get(key)
            if value is not None and not isinstance(value, dict | list):
                meta[key] = str(value)
    return ReadResult(text[end.end() :].lstrip("\n"), meta)


def markdown_to_text(text: str) -> str:
    for rx, repl in _MD_RULES:
        text = rx.sub(repl, text)
    return text


def html_to_text(html: str) -> ReadResult:
    """Main text of an HTML page, one block element per line, with title and date."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta: dict[str, str] = {}
    title = tree.css_first("meta[property='og:title']") or tree.css_first("title")
    if title is not None:
        value = title.attributes.get("content") if title.tag == "meta" else title.text()
        if value and value.strip():
            meta["title"] = " ".join(value.split())
    for selector in (
        "meta[property='article:published_time']",
        "meta[name='date']",
        "meta[name='dcterms.date']",
        "time[datetime]",
    ):
        node = tree.css_first(selector)
        if node is not None:
            value = node.attributes.get("content") or node.attributes.get("datetime") or ""
            m = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
            if m:
                meta["published"] = m.group()
                break
    tree.strip_tags(list(_DROP_TAGS))
    root = (
        tree.css_first("article")
        or tree.css_first("main")
        or tree.css_first("[role=main]")
        or tree.body
        or tree.root
    )
    if root is None:
        return ReadResult("", meta)
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCK_TAGS:
            parts.append("\n")
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    kept = [ln for ln in lines if ln and not (len(ln) < 80 and _BOILERPLATE.search(ln))]
    return ReadResult("\n\n".join(kept), meta)


def read(text: str, fmt: str = "text") -> ReadResult:
    """Plain report text and metadata from ``text`` in format ``text``, ``markdown`` or ``html``."""
    if fmt not in ("text", "markdown", "html"):
        raise InputError(f"unknown input format {fmt!r} (expected text, markdown or html)")
    if fmt == "html":
        return html_to_text(text)
    result = split_front_matter(text)
    if fmt == "markdown":
        result.text = markdown_to_text(result.text)
    return result
