"""Bytes → text for .txt and .html files, the way Chinese government files come.

Order: a byte-order mark decides; else UTF-16 without a mark, when the bytes read as text in
one byte order (NUL bytes and plausible characters); else the encoding an HTML page declares;
else strict UTF-8; else strict GB18030 (a superset of GBK and GB2312, which most older
government files use). Nothing is decoded with replacement characters: a file that fits none
of these is refused rather than silently garbled.

A file cut off in the middle of its last character (a copy that did not finish) is read up to
it: `decode_text` reports the broken tail as a problem, `decode` refuses it with that reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    broken_tail: bytes = b""  # bytes after the last whole character, not decoded

    def tail_problem(self) -> str | None:
        """The Chinese reason to report when the file ended inside a character."""
        if not self.broken_tail:
            return None
        shown = " ".join(f"{byte:02X}" for byte in self.broken_tail)
        return f"文件末尾的 {len(self.broken_tail)} 个字节（{shown}）不是完整的字符，文件可能不完整；已忽略"


def decode(data: bytes, name: str, *, html: bool = False) -> tuple[str, str]:
    """(text, encoding name) of `data`; `html` also honours a `<meta charset>`.

    GBK and GB2312 files are reported as "gb18030", the codec that read them. A file that ends
    inside a character is refused (see `decode_text` to read it with the tail reported).
    """
    decoded = decode_text(data, name, html=html)
    if (reason := decoded.tail_problem()) is not None:
        raise DocumentError(reason, file=name)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, name: str, *, html: bool = False) -> Decoded:
    """`data` as text; a last character cut off is left out and named in `broken_tail`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError:
                label = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]  # UTF-8, UTF-16…
                reason = f"文件以 {label} 字节顺序标记开头，但内容不是有效的 {label}"
                raise DocumentError(reason, file=name) from None
            _check_text(text, name)
            return Decoded(text, encoding)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DocumentError(BINARY, file=name)
        _check_text(utf16.text, name)
        return utf16
    if _too_many(len(_CONTROL_BYTES.findall(data)), len(data)):
        raise DocumentError(BINARY, file=name)
    candidates = ["utf-8", "gb18030"]
    declared = _declared_charset(data) if html else None
    if declared is not None:
        candidates.insert(0, declared)
    for encoding in candidates:
        decoded = _strict_or_cut(data, encoding)
        if decoded is not None:
            _check_text(decoded.text, name)
            return decoded
    raise DocumentError(UNDECODABLE, file=name)


# Python's reasons for a multibyte character that the data ends inside of.
_INCOMPLETE = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")
_MAX_CHARACTER_BYTES = 4


def _strict_or_cut(data: bytes, encoding: str) -> Decoded | None:
    """`data` decoded strictly, or up to a last character the data ends inside of; else None."""
    try:
        return Decoded(data.decode(encoding), encoding)
    except LookupError:  # a declared codec Python does not know
        return None
    except UnicodeDecodeError as error:
        cut = error.start
        if error.reason not in _INCOMPLETE or len(data) - cut >= _MAX_CHARACTER_BYTES:
            return None
    except ValueError:
        return None
    try:
        return Decoded(data[:cut].decode(encoding), encoding, data[cut:])
    except (ValueError, LookupError):
        return None


# Characters text is made of: ASCII, Latin-1, general punctuation, CJK symbols, kana, CJK
# ideographs and compatibility forms, full-width forms. Random bytes read as UTF-16 land mostly
# elsewhere in the 65,536 code points; Chinese text read in the wrong byte order too.
_TEXT_RANGES = re.compile(
    "[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2100-\u27ff\u3000-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_MIN_TEXT_SHARE = 0.95
_SAMPLE_CHARACTERS = 1 << 16  # judged on the first 64K characters: enough, and costs no memory


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 in the byte order whose characters look like text; None for binary data."""
    best: tuple[float, Decoded] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        decoded = _strict_or_cut(data, encoding)
        if decoded is None or not decoded.text:
            continue
        sample = decoded.text[:_SAMPLE_CHARACTERS]
        share = 1 - len(_TEXT_RANGES.sub("", sample)) / len(sample)
        if share >= _MIN_TEXT_SHARE and (best is None or share > best[0]):
            best = (share, decoded)
    return best[1] if best else None


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
