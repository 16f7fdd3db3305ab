"""Where the article is on a web page: the plan's text inside a portal's page chrome.

A government site wraps the document (usually in a `div` such as `TRS_Editor` or `zoom`) in menus,
breadcrumbs, link lists, a search box and a footer (版权所有, 网站标识码, 备案号). The article is
the deepest element that still holds nearly all of the page's own text: text inside links does not
count (menus and link lists are made of it), and neither do scripts and styles. A page that is all
article (a Word export, a plain page) is read whole, since only the body holds all of its text.

The document's title often sits above the article box in its own heading; when the article holds
no heading of its own, that nearest heading (or the page `<title>` without its site suffix) is
read first, so the cover is still there for the parse stage.
"""

from __future__ import annotations

import re
from typing import Any

_SHARE = 0.9  # the article holds at least this share of the page's own text
_MIN_TEXT = 200  # characters: a page shorter than this has no chrome worth cutting
_HEADINGS = frozenset({"h1", "h2", "h3"})
_TITLE_CLASS = re.compile(r"title|biaoti|bt", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s*[_|｜\-—–]+\s*[^_|｜\-—–]*(?:政府|人民政府|委员会|网|门户|局)[^_|｜\-—–]*$")
_UNSEEN = frozenset({"script", "style", "noscript", "head", "template", "iframe", "object", "embed", "svg"})


def main_content(body: Any) -> tuple[Any, str | None]:
    """The element holding the article, and a title to read before it (None when not needed)."""
    sizes: dict[Any, int] = {}
    total = _measure(body, sizes)
    if total < _MIN_TEXT:
        return body, None
    node = body
    while True:
        child = next((c for c in _children(node) if sizes.get(c, 0) >= total * _SHARE), None)
        if child is None:
            break
        node = child
    if node is body:
        return body, None
    return node, _title_before(body, node)


def _children(element: Any) -> list[Any]:
    return [c for c in element if isinstance(c.tag, str)]


def _measure(element: Any, sizes: dict[Any, int]) -> int:
    """Visible characters outside links in `element`, recorded for it and every descendant."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _UNSEEN or not tag:
        return 0
    own = 0 if tag == "a" else _count(element.text)
    for child in element:
        own += _measure(child, sizes) if tag != "a" else 0
        own += _count(child.tail)
    sizes[element] = own
    return own


def _count(text: str | None) -> int:
    return len(re.sub(r"\s+", "", text)) if text else 0


def _title_before(body: Any, main: Any) -> str | None:
    if any(isinstance(e.tag, str) and e.tag.lower() in _HEADINGS for e in main.iter()):
        return None
    heading = None
    around = set(main.iterancestors())
    for element in body.iter():
        if element is main:
            break
        if not isinstance(element.tag, str) or element in around:
            continue
        tag = element.tag.lower()
        titled = tag in _HEADINGS or _TITLE_CLASS.search(
            f"{element.get('class', '')} {element.get('id', '')}"
        )
        if titled and not any(isinstance(a.tag, str) and a.tag.lower() == "a" for a in element.iter()):
            text = " ".join(element.text_content().split())
            if len(text) >= 6:
                heading = text
    if heading is not None:
        return heading
    title = body.getroottree().findtext(".//title")
    if title:
        cleaned = _SITE_SUFFIX.sub("", " ".join(title.split()))
        return cleaned or None
    return None
