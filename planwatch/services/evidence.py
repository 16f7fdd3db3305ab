"""Evidence files of a task report: PDF or image, within the size limit, their type read from their
content (magic bytes) and required to agree with their name's extension.

The file is kept in the database under a generated id, never under the uploader's name, and served
only as a download (Content-Disposition: attachment, X-Content-Type-Options: nosniff), so a file
dressed up as something else is neither stored nor rendered by a browser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from planwatch import config
from planwatch.errors import PlanwatchError

FIELD = "佐证材料"
# extension → (media type, the bytes its content starts with)
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]')
MAX_NAME = 120


class EvidenceRefused(PlanwatchError):
    """An evidence file that is not kept: too large, too many, or not what its name says."""


@dataclass(frozen=True, slots=True)
class CheckedFile:
    file_name: str  # the uploader's name, cleaned for a download header; never used as a path
    media_type: str
    content: bytes


def check_files(files: list[tuple[str, bytes]]) -> list[CheckedFile]:
    """Every file checked, or the first that fails refused with its name and reason."""
    most = config.count(config.EVIDENCE_MAX_FILES)
    if len(files) > most:
        raise EvidenceRefused(
            f"佐证材料最多{most}个（设置 {config.EVIDENCE_MAX_FILES.name}），本次{len(files)}个", field=FIELD
        )
    return [check_file(name, content) for name, content in files]


def check_file(name: str, content: bytes) -> CheckedFile:
    shown = clean_name(name)
    limit = config.size(config.EVIDENCE_MAX_SIZE)
    if len(content) > limit:
        raise EvidenceRefused(
            f"“{shown}”有 {_mb(len(content))}，超过佐证材料的大小上限 {_mb(limit)}"
            f"（设置 {config.EVIDENCE_MAX_SIZE.name}）",
            field=FIELD,
        )
    if not content:
        raise EvidenceRefused(f"“{shown}”是空文件", field=FIELD)
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in KINDS:
        raise EvidenceRefused(f"“{shown}”不是可接受的佐证材料：只收 PDF、PNG、JPEG 文件", field=FIELD)
    media_type, signatures = KINDS[suffix]
    if not content.startswith(signatures):
        actual = sniff(content)
        what = f"实际是{actual}" if actual else "内容无法识别"
        raise EvidenceRefused(f"“{shown}”的内容与扩展名{suffix}不符（{what}），不予接收", field=FIELD)
    return CheckedFile(shown, media_type, content)


def sniff(content: bytes) -> str | None:
    """What the content is, by its first bytes, for the refusal message."""
    for suffix, (_, signatures) in KINDS.items():
        if content.startswith(signatures):
            return suffix.removeprefix(".").upper() + " 文件"
    if content.startswith(b"PK\x03\x04"):
        return "ZIP 压缩包（或 Office 文件）"
    if content.startswith(b"MZ") or content.startswith(b"\x7fELF"):
        return "可执行程序"
    head = content[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<svg", b"<?xml", b"<script")):
        return "网页或 XML 文本"
    return None


def clean_name(name: str) -> str:
    """The last part of an uploaded name, without control or path characters, not too long."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = unicodedata.normalize("NFC", _UNSAFE.sub("_", base)).strip(" .") or "佐证材料"
    if len(base) > MAX_NAME:
        stem, suffix = PurePosixPath(base).stem, PurePosixPath(base).suffix
        base = stem[: MAX_NAME - len(suffix)] + suffix
    return base


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
