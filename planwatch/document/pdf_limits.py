"""PDF within the limits: pdfminer and pdfplumber bounded where their work depends on content.

The size of a PDF says little about its cost. A 1.9 MB file held a Flate stream of 1 GB; 1 MB of
text operators on one page made pdfplumber hold 1.4 GB of character objects; a 20 KB page of grid
lines kept its table finder busy for 45 s. `guard_pdf` bounds each, once per process, by
replacing names inside the two libraries (pinned in pyproject.toml; tests/test_document_limits.py
fails if a new version moves them). Limits hit inside them raise `LimitExceeded`, which
`limits.reading` turns into one DocumentError naming the file.
"""

from __future__ import annotations

import io
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from planwatch import config
from planwatch.document.limits import LimitExceeded, check_time, current_budget, over, too_many
from planwatch.errors import DocumentError


def check_pdf(data: bytes, name: str) -> None:
    """The page count (by walking the page tree, not trusting /Count), with the stream guard on,
    and every Flate stream of the file inflated once within the limits before PDFium (which reads
    the pages, in C) can inflate it without any.

    A file pdfminer cannot open is left to the reader, which tells damaged from encrypted.
    """
    guard_pdf()
    try:
        _inflate_every_stream(data)
    except LimitExceeded as exceeded:
        raise DocumentError(exceeded.reason, file=name) from None
    limit = config.count(config.PDF_MAX_PAGES)
    try:
        pages = _count_pages(data, limit)
    except LimitExceeded as exceeded:
        raise DocumentError(exceeded.reason, file=name) from None
    except Exception:  # pdfminer's many errors for a damaged or encrypted file
        return
    if pages > limit:
        raise DocumentError(too_many("PDF 的页数", limit, config.PDF_MAX_PAGES, "页"), file=name)


_STREAM_START = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20


def _inflate_every_stream(data: bytes) -> None:
    """Inflate, in bounded chunks, whatever follows a `stream` keyword that zlib can read: no stream
    may pass the per-stream limit, nor all of them the file's. Nothing is kept. A stream that is not
    Flate (or is encrypted) is not zlib data and is skipped; its own filter is PDFium's to bound."""
    for found in _STREAM_START.finditer(data):
        start = found.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        if b"/RunLengthDecode" in data[data.rfind(b"obj", 0, start) + 3 : start]:
            _charge_run_length(data, start, end)
            continue
        inflater = zlib.decompressobj()
        allowed, produced = _allowance(), 0
        pending = memoryview(data)[start:end]
        try:
            while pending and produced <= allowed and not inflater.eof:
                out = inflater.decompress(pending, _CHUNK)
                produced += len(out)
                pending = memoryview(inflater.unconsumed_tail)
                if not out:
                    break  # what is left after the stream's end (a newline) stays unconsumed
        except zlib.error:
            continue  # not Flate, or damaged: nothing more to inflate
        if produced > allowed:
            raise _refuse_stream()
        _charge(produced)


def _charge_run_length(data: bytes, start: int, end: int) -> None:
    """What a RunLength stream decodes to, counted without decoding it (a length byte n < 128 copies
    n + 1 bytes; 257 − n repeats the next byte; 128 ends the stream)."""
    allowed, produced, at = _allowance(), 0, start
    while at < end:
        length = data[at]
        if length == 128:
            break
        if length < 128:
            produced, at = produced + length + 1, at + length + 2
        else:
            produced, at = produced + 257 - length, at + 2
        if produced > allowed:
            raise _refuse_stream()
    _charge(produced)


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
_guard_lock = threading.Lock()


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
    with _guard_lock:  # the web app reads in threads: patch once, not once per thread
        if not _guarded:
            _install_pdf_guards()
            _guarded = True


def _install_pdf_guards() -> None:
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


def _allowance() -> int:
    """How many more bytes the next stream may inflate to."""
    check_time()
    per_stream = config.size(config.PDF_MAX_STREAM_SIZE)
    budget = current_budget()
    return per_stream if budget is None else min(per_stream, budget.decoded_left)


def _refuse_stream() -> LimitExceeded:
    budget = current_budget()
    per_stream = config.size(config.PDF_MAX_STREAM_SIZE)
    if budget is not None and budget.decoded_left < per_stream:
        total = config.size(config.PDF_MAX_DECODED_SIZE)
        return LimitExceeded(
            over("PDF 解压后的数据", total, config.PDF_MAX_DECODED_SIZE) + "，文件过大或是恶意文件"
        )
    return LimitExceeded(
        over("PDF 中一个数据流解压后", per_stream, config.PDF_MAX_STREAM_SIZE) + "，可能是恶意文件"
    )


def _charged(data: bytes) -> bytes:
    """`data`, its size taken from the budget of the current read (LimitExceeded if over it)."""
    if len(data) > _allowance():
        raise _refuse_stream()
    _charge(len(data))
    return data


def _charge(count: int) -> None:
    budget = current_budget()
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
                reason = over("PDF 一页的内容", limit, config.PDF_MAX_PAGE_CONTENT)
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
            reason = too_many("PDF 一页中的表格线", lines, config.PDF_MAX_TABLE_LINES, "条")
            raise LimitExceeded(reason + "，页面过于复杂或是恶意文件")
        crossings = find_crossings(edges, x_tolerance, y_tolerance)
        points = config.count(config.PDF_MAX_TABLE_POINTS)
        if len(crossings) > points:
            reason = too_many("PDF 一页中表格线的交点", points, config.PDF_MAX_TABLE_POINTS)
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
