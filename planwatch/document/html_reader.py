"""HTML → lines and tables: a plan as a government portal publishes it.

Text is laid out as a browser shows it: each block element (heading, paragraph, list
item, div…) and each `<br>` ends a line, runs of ASCII whitespace in the source collapse
to one space, and lines that show nothing are skipped. Non-breaking and ideographic
spaces are content (portals indent paragraphs with them) and are kept as decoded.
Scripts, styles, `<head>`, `<nav>` and comments are dropped, and on a portal's page only the
article is read (html_main: the page chrome around it is left out). Each `<table>` is flattened
as Word's "save as text" does; a rowspan/colspan cell's text sits in its first grid
position and the positions it covers are "".
"""

from __future__ import annotations

import re
from typing import Any

from planwatch.document import limits
from planwatch.document.encoding import decode
from planwatch.document.html_main import main_content
from planwatch.document.lines import LineBuilder
from planwatch.document.model import Line, Table
from planwatch.errors import DocumentError

CORRUPT = "无法读取 .html 文件（不是有效的网页）"
_DROP = frozenset(
    {"script", "style", "noscript", "head", "template", "nav", "iframe", "object", "embed", "svg", "canvas"}
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "ol", "p", "section", "summary", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_ASCII_SPACES = re.compile(r"[ \t\n\r\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_MAX_COLSPAN = 100  # browsers allow 1000; no plan table is that wide
_MAX_GRID = 1_000_000  # grid positions per table: beyond this it is an attack, not a plan


def read_html(data: bytes, name: str) -> tuple[tuple[Line, ...], tuple[Table, ...], str]:
    limits.check_html(data, name)  # size and number of tags, before lxml builds the tree
    text, encoding = decode(data, name, html=True)
    try:
        import lxml.html

        # lxml refuses a str that still carries an XML declaration naming its encoding.
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
        builder = LineBuilder()
        walker = _Walker(builder, name)
        body = root.find("body")
        article, title = main_content(body) if body is not None else (root, None)
        if title:
            builder.add_line(title)
        walker.walk(article)
        walker.flush()
    except DocumentError:
        raise
    except Exception as exc:  # lxml's parser errors, deep nesting (RecursionError)…
        raise DocumentError(CORRUPT, file=name) from exc
    if not builder.has_text():
        raise DocumentError("文件中没有文字", file=name)
    return builder.lines(), builder.tables(), encoding


class _Walker:
    """Turns an element tree into lines: into the builder, or (for a cell) into `lines`."""

    def __init__(self, builder: LineBuilder | None, name: str) -> None:
        self.builder = builder
        self.name = name
        self.lines: list[str] = []
        self._parts: list[str] = []

    def flush(self) -> None:
        """End the current line, keeping it only if it shows something."""
        line = _ASCII_SPACES.sub(" ", "".join(self._parts)).strip(" ")
        self._parts.clear()
        if line.strip():
            if self.builder is None:
                self.lines.append(line)
            else:
                self.builder.add_line(line)

    def walk(self, element: Any) -> None:
        if not isinstance(element.tag, str):
            return  # a comment or processing instruction; its tail is read by the parent
        tag = element.tag.lower()
        if tag in _DROP:
            return
        if tag == "br":
            self.flush()
        elif tag == "table" and self.builder is not None:
            self.flush()
            for child in element:
                if isinstance(child.tag, str) and child.tag.lower() == "caption":
                    self.walk(child)
            self.builder.add_grid(_grid(element, self.name), "html")
        elif tag == "pre":
            self.flush()
            self._pre(element)
        else:
            block = tag in _BLOCK
            if block:
                self.flush()
            self.walk_children(element)
            if block:
                self.flush()

    def walk_children(self, element: Any) -> None:
        if element.text:
            self._parts.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self._parts.append(child.tail)

    def _pre(self, element: Any) -> None:
        """Preformatted text keeps its spaces and line breaks."""
        text = "".join(_visible_text(element))
        lines = text.split("\n")
        if lines and not lines[0].strip():
            lines = lines[1:]  # a newline right after <pre> is not content
        for line in lines:
            line = line.rstrip("\r")
            if line.strip():
                if self.builder is None:
                    self.lines.append(line)
                else:
                    self.builder.add_line(line)


def _visible_text(element: Any) -> list[str]:
    parts: list[str] = []
    if isinstance(element.tag, str) and element.tag.lower() not in _DROP:
        if element.text:
            parts.append(element.text)
        for child in element:
            parts.extend(_visible_text(child))
            if child.tail:
                parts.append(child.tail)
    return parts


def _grid(table: Any, name: str) -> list[list[str]]:
    """Cell texts by grid position, rowspan and colspan resolved as a browser lays them out."""
    rows = _rows(table)
    texts: list[dict[int, str]] = [{} for _ in rows]
    for r, tr in enumerate(rows):
        col = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while col in texts[r]:
                col += 1
            across = min(_span(cell.get("colspan")), _MAX_COLSPAN)
            down = _span(cell.get("rowspan"), zero_means=len(rows) - r)
            text = _cell_text(cell, name)
            for dr in range(min(down, len(rows) - r)):
                for dc in range(across):
                    texts[r + dr][col + dc] = text if dr == dc == 0 else ""
            col += across
        if sum(len(row) for row in texts) > _MAX_GRID:
            raise DocumentError("网页中的表格过大，无法读取", file=name)
    return [[row.get(c, "") for c in range(max(row, default=-1) + 1)] for row in texts]


def _rows(table: Any) -> list[Any]:
    """The table's own rows, not those of tables nested in its cells."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in _SECTIONS:
            rows.extend(tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")
    return rows


def _span(value: str | None, zero_means: int = 1) -> int:
    """A rowspan/colspan attribute read as browsers do: leading digits, else 1."""
    match = re.match(r"\s*(\d+)", value or "")
    if match is None:
        return 1
    number = int(match.group(1)[:6])
    return zero_means if number == 0 else number


def _cell_text(cell: Any, name: str) -> str:
    """A cell's text on one line: its lines (paragraphs, <br>, nested tables) joined with nothing."""
    walker = _Walker(None, name)
    walker.walk_children(cell)
    walker.flush()
    return "".join(walker.lines)
