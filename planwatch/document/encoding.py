"""Bytes → text for .txt and .html files, the way Chinese government files come.

Order: a byte-order mark decides; else the encoding an HTML page declares; else strict
UTF-8; else strict GB18030 (a superset of GBK and GB2312, which most older government
files use). Nothing is decoded with replacement characters: a file that fits none of
these is refused rather than silently garbled.
"""

from __future__ import annotations

import codecs
import re

from planwatch.errors import DocumentError

UNDECODABLE = "无法识别文件编码（不是 UTF-8 或 GBK）"
BINARY = "不是文本文件（看起来是二进制文件）"
EMPTY = "文件为空"

# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that do not occur in text. Allowed: \t \n \v \f \r, and \x1c-\x1e,
# which some exports use as separators.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB_NAMES = {"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "936"}


def decode(data: bytes, name: str, *, html: bool = False) -> tuple[str, str]:
    """(text, encoding name) of `data`; `html` also honours a `<meta charset>`.

    GBK and GB2312 files are reported as "gb18030", the codec that read them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError:
                label = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]  # UTF-8, UTF-16…
                reason = f"文件以 {label} 字节顺序标记开头，但内容不是有效的 {label}"
                raise DocumentError(reason, file=name) from None
            _check_text(text, name)
            return text, encoding
    if b"\x00" in data or _too_many(len(_CONTROL_BYTES.findall(data)), len(data)):
        raise DocumentError(BINARY, file=name)
    candidates = ["utf-8", "gb18030"]
    declared = _declared_charset(data) if html else None
    if declared is not None:
        candidates.insert(0, declared)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (ValueError, LookupError):  # UnicodeDecodeError, or a declared non-text codec
            continue
        _check_text(text, name)
        return text, encoding
    raise DocumentError(UNDECODABLE, file=name)


def _declared_charset(data: bytes) -> str | None:
    """The Python codec for the page's `<meta charset>`, if it names a usable one."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _GB_NAMES:
        return "gb18030"
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    # A page that can declare itself in ASCII is not UTF-16 or UTF-32 (the HTML standard says the same).
    if codec.name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec.name


def _check_text(text: str, name: str) -> None:
    if "\x00" in text or _too_many(len(_CONTROL_CHARS.findall(text)), len(text)):
        raise DocumentError(BINARY, file=name)
    if not text.strip():
        raise DocumentError(EMPTY, file=name)


def _too_many(controls: int, total: int) -> bool:
    return total > 0 and controls > total * _MAX_CONTROL_SHARE
