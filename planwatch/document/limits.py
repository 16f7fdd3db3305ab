"""What one input may cost: the checks every reader makes before and while it parses.

A small file can unpack into gigabytes (a zip of repeated XML, a PDF Flate stream) or hold
millions of elements. Each reader calls its `check_*` function first, on the raw bytes, before
a library parses anything: sizes declared in a zip's directory, the number of PDF pages, the
tags of a page. `reading(name)` wraps the whole read: it starts the clock (PLANWATCH_READ_TIMEOUT)
and a budget of decompressed PDF bytes, and turns a limit hit deep inside a library into one
`DocumentError` naming the file. Every limit is a setting (planwatch.config, docs/security.md).

The zip checks trust the sizes in the zip's central directory because Python's zipfile (which
python-docx and openpyxl read through) never inflates a member beyond its declared size: a
member that claims 1 KB and inflates to 1 GB stops at 1 KB and fails its CRC check.
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
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


def _over(what: str, limit: int, setting: config.Setting, *, actual: str = "") -> str:
    shown = f"（{actual}）" if actual else ""
    return f"{what}{shown}超过上限 {describe_size(limit)}（设置 {setting.name}）"


def _too_many(what: str, limit: int, setting: config.Setting, unit: str = "个") -> str:
    return f"{what}超过上限 {limit:,} {unit}（设置 {setting.name}）"


# ---- the clock and the budget of one read ---------------------------------------------------------


@dataclass(slots=True)
class _Budget:
    deadline: float
    decoded_left: int  # PDF bytes still allowed to be decompressed


_current: ContextVar[_Budget | None] = ContextVar("planwatch_read_budget", default=None)


@contextmanager
def reading(name: str) -> Iterator[None]:
    """The span of reading one file: its time limit and decompression budget, limits as DocumentError."""
    seconds = config.count(config.READ_TIMEOUT)
    budget = _Budget(time.monotonic() + seconds, config.size(config.PDF_MAX_DECODED_SIZE))
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
        raise DocumentError(_too_many("文件的行数", limit, config.MAX_LINES, "行"), file=name)


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
        reason = _over("解压后的大小", unzipped, config.MAX_UNZIPPED_SIZE, actual=describe_size(total))
        raise DocumentError(reason + "，可能是恶意文件", file=name)
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith(_XML_SUFFIXES))
    xml_limit = config.size(config.MAX_XML_SIZE)
    if xml > xml_limit:
        reason = _over("解压后的 XML 内容", xml_limit, config.MAX_XML_SIZE, actual=describe_size(xml))
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
                reason = _too_many("共享字符串表的条目", limit, config.XLSX_MAX_SHARED_STRINGS)
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
        reason = _over("网页文件", limit, config.HTML_MAX_SIZE, actual=describe_size(len(data)))
        raise DocumentError(reason, file=name)
    # Each element starts with "<" and a letter; counting "<" less closing tags "</" is close enough
    # (and never too low), and costs one pass in C.
    elements = data.count(b"<") - data.count(b"</")
    element_limit = config.count(config.HTML_MAX_ELEMENTS)
    if elements > element_limit:
        raise DocumentError(_too_many("网页中的标签", element_limit, config.HTML_MAX_ELEMENTS), file=name)


# ---- .pdf -------------------------------------------------------------------------------------


def check_pdf(data: bytes, name: str) -> None:
    """The page count (by walking the page tree, not trusting /Count), with the stream guard on.

    A file pdfminer cannot open is left to the reader, which tells damaged from encrypted.
    """
    guard_pdf()
    limit = config.count(config.PDF_MAX_PAGES)
    try:
        pages = _count_pages(data, limit)
    except LimitExceeded as exceeded:
        raise DocumentError(exceeded.reason, file=name) from None
    except Exception:  # pdfminer's many errors for a damaged or encrypted file
        return
    if pages > limit:
        raise DocumentError(_too_many("PDF 的页数", limit, config.PDF_MAX_PAGES, "页"), file=name)


def _count_pages(data: bytes, stop_after: int) -> int:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    count = 0
    for _ in PDFPage.create_pages(document):
        count += 1
        if count > stop_after:
            break
    return count


_guarded = False


def guard_pdf() -> None:
    """Make pdfminer work within the limits (idempotent; pdfminer is changed once, for good).

    pdfminer decodes every stream (page contents, object streams, fonts) in `PDFStream.decode`
    through the `zlib`, `lzwdecode` and `rldecode` names of its pdftypes module. Those names are
    replaced by bounded versions: a stream may not inflate past PLANWATCH_PDF_MAX_STREAM_SIZE,
    and, inside `reading`, the streams of one file not past PLANWATCH_PDF_MAX_DECODED_SIZE
    together, nor past its time limit. Without a limit hit they return exactly what pdfminer's did.
    Its page interpreter and pdfplumber's table finder are bounded too (`_guard_interpreter`,
    `_guard_table_finder`).
    """
    global _guarded
    if _guarded:
        return
    import importlib

    from pdfminer.lzw import LZWDecoder

    pdftypes: Any = importlib.import_module("pdfminer.pdftypes")  # Any: its names are replaced below
    pdftypes.zlib = _BoundedZlib()
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = lambda data: _bounded_join(LZWDecoder(io.BytesIO(data)).run())
    original_rldecode: Callable[[bytes], bytes] = pdftypes.rldecode
    pdftypes.rldecode = lambda data: _charged(original_rldecode(data))
    _guard_interpreter()
    _guard_table_finder()
    _guarded = True


def _allowance() -> int:
    """How many more bytes the next stream may inflate to."""
    check_time()
    per_stream = config.size(config.PDF_MAX_STREAM_SIZE)
    budget = _current.get()
    return per_stream if budget is None else min(per_stream, budget.decoded_left)


def _refuse_stream() -> LimitExceeded:
    budget = _current.get()
    per_stream = config.size(config.PDF_MAX_STREAM_SIZE)
    if budget is not None and budget.decoded_left < per_stream:
        total = config.size(config.PDF_MAX_DECODED_SIZE)
        return LimitExceeded(
            _over("PDF 解压后的数据", total, config.PDF_MAX_DECODED_SIZE) + "，文件过大或是恶意文件"
        )
    return LimitExceeded(
        _over("PDF 中一个数据流解压后", per_stream, config.PDF_MAX_STREAM_SIZE) + "，可能是恶意文件"
    )


def _charged(data: bytes) -> bytes:
    """`data`, its size taken from the budget of the current read (LimitExceeded if over it)."""
    if len(data) > _allowance():
        raise _refuse_stream()
    _charge(len(data))
    return data


def _charge(count: int) -> None:
    budget = _current.get()
    if budget is not None:
        budget.decoded_left -= count


def _bounded_join(parts: Iterator[bytes]) -> bytes:
    allowed = _allowance()
    out = bytearray()
    for part in parts:
        out += part
        if len(out) > allowed:
            raise _refuse_stream()
    return _charged(bytes(out))


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted`, bounded and linear: the stream up to a damaged checksum.

    pdfminer's own feeds zlib one byte at a time and appends to a bytes object, which is quadratic;
    a truncated stream of a few megabytes would take hours. This one feeds 64 KB at a time and goes
    byte by byte only through the chunk where zlib fails, to keep what came before the damage.
    As pdfminer's: damage more than 3 bytes before the end is an error, within them a loss accepted.
    """
    allowed = _allowance()
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    produced = 0
    step = 1 << 16
    position = 0
    while position < len(data):
        chunk = data[position : position + step]
        try:
            out = inflater.decompress(chunk, allowed - produced + 1)
        except zlib.error:
            if step == 1:
                if position < len(data) - 3:
                    raise
                break
            inflater = _replay(data[:position])  # back to the state before this chunk, bytewise from here
            step = 1
            continue
        produced += len(out)
        if produced > allowed:
            raise _refuse_stream()
        parts.append(out)
        position += len(chunk)
        check_time()
    return _charged(b"".join(parts))


def _replay(data: bytes) -> Any:
    """A decompressor that has consumed `data` (which inflated without error before)."""
    inflater = zlib.decompressobj()
    inflater.decompress(data, _allowance() + 1)
    return inflater


# Content bytes run on the page being read; a form XObject counts each time it is drawn.
_page_content: ContextVar[list[int] | None] = ContextVar("planwatch_pdf_page_content", default=None)


def _guard_interpreter() -> None:
    """Bound the content pdfminer runs per page: every operator becomes objects (a character is a
    dict of ~2 KB in pdfplumber), so a 1 MB content stream of text costs over a gigabyte.

    `process_page` starts a page's count and checks the time; `execute` (page contents and each
    drawing of a form) adds the bytes it is about to run and refuses past PLANWATCH_PDF_MAX_PAGE_CONTENT.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value

    interpreter: Any = PDFPageInterpreter
    process_page = interpreter.process_page
    execute = interpreter.execute

    def bounded_process_page(self: Any, page: Any) -> None:
        check_time()
        token = _page_content.set([0])
        try:
            process_page(self, page)
        finally:
            _page_content.reset(token)

    def bounded_execute(self: Any, streams: Any) -> None:
        counter = _page_content.get() or [0]
        limit = config.size(config.PDF_MAX_PAGE_CONTENT)
        for stream in streams:
            counter[0] += len(stream_value(stream).get_data())
            if counter[0] > limit:
                reason = _over("PDF 一页的内容", limit, config.PDF_MAX_PAGE_CONTENT)
                raise LimitExceeded(reason + "，页面过于复杂或是恶意文件")
        check_time()
        execute(self, streams)

    interpreter.process_page = bounded_process_page
    interpreter.execute = bounded_execute


def _guard_table_finder() -> None:
    """Bound pdfplumber's table finder, which compares every vertical ruling line with every
    horizontal one and then every crossing point with every other (quadratic): a 20 KB page of
    grid lines took 45 s. Past PLANWATCH_PDF_MAX_TABLE_LINES lines or _TABLE_POINTS crossings on
    one page the file is refused; real plans have a few dozen lines and a few hundred crossings.
    """
    import pdfplumber.table

    table: Any = pdfplumber.table
    find_crossings = table.edges_to_intersections

    def bounded_crossings(edges: Any, x_tolerance: Any = 1, y_tolerance: Any = 1) -> Any:
        check_time()
        lines = config.count(config.PDF_MAX_TABLE_LINES)
        if len(edges) > lines:
            reason = _too_many("PDF 一页中的表格线", lines, config.PDF_MAX_TABLE_LINES, "条")
            raise LimitExceeded(reason + "，页面过于复杂或是恶意文件")
        crossings = find_crossings(edges, x_tolerance, y_tolerance)
        points = config.count(config.PDF_MAX_TABLE_POINTS)
        if len(crossings) > points:
            reason = _too_many("PDF 一页中表格线的交点", points, config.PDF_MAX_TABLE_POINTS)
            raise LimitExceeded(reason + "，页面过于复杂或是恶意文件")
        return crossings

    table.edges_to_intersections = bounded_crossings


class _BoundedZlib:
    """The part of the zlib module pdfminer's pdftypes uses, with inflation bounded."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        allowed = _allowance()
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, allowed + 1)
        if len(out) > allowed:
            raise _refuse_stream()
        if not inflater.eof:
            # Truncated or followed by garbage: zlib.decompress raises, and pdfminer then retries
            # with decompress_corrupted (bounded too). Keep that behaviour.
            raise zlib.error("incomplete or truncated stream")
        return _charged(out)
