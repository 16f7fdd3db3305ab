"""What one input may cost: the checks every reader makes before and while it parses.

A small file can unpack into gigabytes (a zip of repeated XML, a PDF Flate stream) or hold
millions of elements. Each reader calls its `check_*` function first, on the raw bytes, before
a library parses anything: sizes declared in a zip's directory, the number of PDF pages, the
tags of a page. `reading(name)` wraps the whole read: it starts the clock (PLANWATCH_READ_TIMEOUT)
and a budget of decompressed PDF bytes, and turns a limit hit deep inside a library into one
`DocumentError` naming the file. What pdfminer and pdfplumber do with a page is bounded in
pdf_limits. Every limit is a setting (planwatch.config, docs/security.md).

The zip checks trust the sizes in the zip's central directory because Python's zipfile (which
python-docx and openpyxl read through) never inflates a member beyond its declared size: a
member that claims 1 KB and inflates to 1 GB stops at 1 KB and fails its CRC check.
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from planwatch import config
from planwatch.errors import DocumentError

_XML_SUFFIXES = (".xml", ".rels", ".vml")


class LimitExceeded(BaseException):
    """A limit hit inside a third-party parser.

    A BaseException so that the parser's own `except Exception` (pdfminer and pdfplumber catch
    broadly) cannot swallow it and carry on; `reading` turns it into a `DocumentError`.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def describe_size(count: int) -> str:
    """`1.5 MB`, `200 KB`, `12 字节`: a size as a planner reads it."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} 字节"


def over(what: str, limit: int, setting: config.Setting, *, actual: str = "") -> str:
    """`…（actual）超过上限 32 MB（设置 NAME）`: the reason for a size over its limit."""
    shown = f"（{actual}）" if actual else ""
    return f"{what}{shown}超过上限 {describe_size(limit)}（设置 {setting.name}）"


def too_many(what: str, limit: int, setting: config.Setting, unit: str = "个") -> str:
    """`…超过上限 1,000 个（设置 NAME）`: the reason for a count over its limit."""
    return f"{what}超过上限 {limit:,} {unit}（设置 {setting.name}）"


# ---- the clock and the budget of one read ---------------------------------------------------------


@dataclass(slots=True)
class Budget:
    """What the read in progress may still spend."""

    deadline: float
    decoded_left: int  # PDF bytes still allowed to be decompressed


_current: ContextVar[Budget | None] = ContextVar("planwatch_read_budget", default=None)


@contextmanager
def reading(name: str) -> Iterator[None]:
    """The span of reading one file: its time limit and decompression budget, limits as DocumentError."""
    seconds = config.count(config.READ_TIMEOUT)
    budget = Budget(time.monotonic() + seconds, config.size(config.PDF_MAX_DECODED_SIZE))
    token = _current.set(budget)
    try:
        yield
    except LimitExceeded as exceeded:
        raise DocumentError(exceeded.reason, file=name) from None
    except DocumentError as error:
        if error.file is not None:
            raise
        # Raised where the file's name is not known (the line builder): name it here.
        raise DocumentError(error.reason, file=name, line=error.line, field=error.field) from None
    finally:
        _current.reset(token)


def check_time() -> None:
    """Raise LimitExceeded once the current read has run past PLANWATCH_READ_TIMEOUT."""
    budget = _current.get()
    if budget is not None and time.monotonic() > budget.deadline:
        seconds = config.count(config.READ_TIMEOUT)
        raise LimitExceeded(
            f"读取超时：超过 {seconds} 秒仍未读完，文件过大或过于复杂（设置 {config.READ_TIMEOUT.name}）"
        )


# ---- any file -----------------------------------------------------------------------------------


def max_file_size() -> int:
    return config.size(config.MAX_FILE_SIZE)


def file_too_large(size: int) -> str:
    """The reason for refusing a file of `size` bytes (the caller has compared it)."""
    limit = describe_size(max_file_size())
    return f"文件过大（{describe_size(size)}，上限 {limit}，设置 {config.MAX_FILE_SIZE.name}）"


def check_line_count(count: int, name: str | None = None) -> None:
    limit = config.count(config.MAX_LINES)
    if count > limit:
        raise DocumentError(too_many("文件的行数", limit, config.MAX_LINES, "行"), file=name)


# ---- .docx and .xlsx: zip archives of XML ---------------------------------------------------------


def check_zip(data: bytes, name: str) -> list[zipfile.ZipInfo]:
    """The archive's members, once their declared sizes are within the limits (DocumentError if not).

    A file that is not a zip at all is left to the reader, which knows what to call it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception:  # BadZipFile, and struct/Value errors on truncated archives
        return []
    total = sum(info.file_size for info in infos)
    unzipped = config.size(config.MAX_UNZIPPED_SIZE)
    if total > unzipped:
        reason = over("解压后的大小", unzipped, config.MAX_UNZIPPED_SIZE, actual=describe_size(total))
        raise DocumentError(reason + "，可能是恶意文件", file=name)
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith(_XML_SUFFIXES))
    xml_limit = config.size(config.MAX_XML_SIZE)
    if xml > xml_limit:
        reason = over("解压后的 XML 内容", xml_limit, config.MAX_XML_SIZE, actual=describe_size(xml))
        raise DocumentError(reason + "，文件过大或是恶意文件", file=name)
    return infos


def check_docx(data: bytes, name: str) -> None:
    check_zip(data, name)


def check_xlsx(data: bytes, name: str) -> None:
    """Zip sizes, then the number of shared strings, counted as the part streams by (not trusted)."""
    infos = check_zip(data, name)
    strings = [info for info in infos if info.filename.lower().endswith("sharedstrings.xml")]
    if not strings:
        return
    limit = config.count(config.XLSX_MAX_SHARED_STRINGS)
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in strings:
            try:
                count += _count_tags(archive.open(info), b"<si", limit - count)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                return  # a damaged part: openpyxl reports the file as invalid
            if count > limit:
                reason = too_many("共享字符串表的条目", limit, config.XLSX_MAX_SHARED_STRINGS)
                raise DocumentError(reason, file=name)


def _count_tags(stream: Any, tag: bytes, stop_after: int) -> int:
    """Occurrences of `tag` followed by `>`, a space or `/` in a stream, reading in chunks; stops early."""
    count = 0
    tail = b""
    with stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            for end in (b">", b" ", b"/"):
                count += window.count(tag + end)
            tail = window[-len(tag) :]
            if count > stop_after:
                break
    return count


# ---- .html ------------------------------------------------------------------------------------


def check_html(data: bytes, name: str) -> None:
    """The page's size and its number of tags, before lxml builds a tree of them."""
    limit = config.size(config.HTML_MAX_SIZE)
    if len(data) > limit:
        reason = over("网页文件", limit, config.HTML_MAX_SIZE, actual=describe_size(len(data)))
        raise DocumentError(reason, file=name)
    # Each element starts with "<" and a letter; counting "<" less closing tags "</" is close enough
    # (and never too low), and costs one pass in C.
    elements = data.count(b"<") - data.count(b"</")
    element_limit = config.count(config.HTML_MAX_ELEMENTS)
    if elements > element_limit:
        raise DocumentError(too_many("网页中的标签", element_limit, config.HTML_MAX_ELEMENTS), file=name)


# ---- .pdf -------------------------------------------------------------------------------------


def check_pdf(data: bytes, name: str) -> None:
    """The page count, with pdfminer and pdfplumber bounded from here on (see pdf_limits)."""
    from planwatch.document import pdf_limits  # pdfminer loads only when a PDF is read

    pdf_limits.check_pdf(data, name)


def current_budget() -> Budget | None:
    """The budget of the read in progress (inside `reading`), or None."""
    return _current.get()
