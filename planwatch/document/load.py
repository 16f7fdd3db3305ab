"""Read a plan file into a `Document`: choose the reader, enforce limits, decode text.

`load_document` reads a path, `load_bytes` the same bytes from memory (a web upload).
The format comes from the suffix (.txt/.text/.md, .docx, .pdf, .html/.htm); an
unknown suffix is sniffed from the content. Every failure a user can cause comes out
as a `DocumentError` naming the file, never as a library's exception. Each read runs inside
`limits.reading`: its time limit and decompression budget (see planwatch.document.limits).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import PurePath

from planwatch.document import limits
from planwatch.document.docx_reader import read_docx
from planwatch.document.encoding import EMPTY, decode_text
from planwatch.document.html_reader import read_html
from planwatch.document.lines import split_lines
from planwatch.document.model import Document, Line, Notice, Printed, Table
from planwatch.document.pdf_reader import read_pdf
from planwatch.errors import DocumentError

__all__ = ["load_bytes", "load_document", "split_lines"]

_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_DOC = "不支持 .doc 格式，请在 Word 中另存为 .docx"


def load_document(path: str | os.PathLike[str]) -> Document:
    """The document at `path` (its `path` field is `path` as given)."""
    name = os.fspath(path)
    return _load(_read_file(name), name)


def load_bytes(data: bytes, name: str) -> Document:
    """The document in `data`; `name` (a file name) gives the suffix and names it in errors."""
    if len(data) > limits.max_file_size():
        raise DocumentError(limits.file_too_large(len(data)), file=name)
    return _load(data, name)


def _read_file(name: str) -> bytes:
    limit = limits.max_file_size()
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError("这是一个文件夹，不是文件", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("不是普通文件（可能是设备或管道）", file=name)
        if info.st_size > limit:
            raise DocumentError(limits.file_too_large(info.st_size), file=name)
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except (FileNotFoundError, NotADirectoryError):
        raise DocumentError("文件不存在", file=name) from None
    except PermissionError:
        raise DocumentError("没有读取这个文件的权限", file=name) from None
    except ValueError:  # a path with a NUL character
        raise DocumentError("文件名无效", file=name) from None
    except OSError as exc:
        raise DocumentError(f"无法读取文件（系统错误 {exc.errno}）", file=name) from None
    if len(data) > limit:
        raise DocumentError(limits.file_too_large(len(data)), file=name)
    return data


def _load(data: bytes, name: str) -> Document:
    suffix = PurePath(name).suffix.lower()
    if suffix == ".doc":
        raise DocumentError(_DOC, file=name)
    if not data.strip():
        raise DocumentError(EMPTY, file=name)
    kind = _FORMATS.get(suffix) or _sniff(data)
    encoding: str | None = None
    tables: tuple[Table, ...] = ()
    printed: tuple[tuple[Printed, ...], ...] = ()
    notices: tuple[Notice, ...] = ()
    lines: tuple[Line, ...]
    with limits.reading(name):
        if kind == "docx":
            lines, tables = read_docx(data, name)
        elif kind == "pdf":
            reading = read_pdf(data, name)
            lines, tables, printed, notices = reading.lines, reading.tables, reading.printed, reading.notices
        elif kind == "html":
            lines, tables, encoding = read_html(data, name)
        else:
            # Tables in a text file are already flattened; the parse stage rebuilds them.
            decoded = decode_text(data, name)
            text = decoded.text  # lines counted before they are built, as raw_lines will cut them
            limits.check_line_count(text.count("\n") + (not text.endswith("\n")), name)
            lines, encoding = split_lines(text), decoded.encoding
            if (reason := decoded.tail_problem()) is not None:
                tail = decoded.broken_tail.hex(" ").upper()
                notices = (Notice(max(len(lines), 1), "文件", reason, tail),)
    return Document(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=kind,
        lines=lines,
        tables=tables,
        encoding=encoding,
        printed=printed,
        notices=notices,
    )


def _sniff(data: bytes) -> str:
    """The format of a file whose suffix says nothing, from its first bytes."""
    if data.startswith(b"PK\x03\x04") and b"word/" in data:
        return "docx"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "html"
    return "txt"
