"""A report as PDF: the Word document converted by LibreOffice (`soffice --headless`).

The document names the fonts an office's Word has (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体);
LibreOffice here has the Noto CJK fonts instead. Each conversion runs with its own throwaway
LibreOffice profile whose font replacement table maps those names onto Noto Serif / Sans CJK SC
(docs/reports.md), so the PDF shows every Chinese character in a font of the same kind, never a box.

Word fills in the table of contents when it opens the file; LibreOffice does not, so the PDF is
made twice: the first rendering tells on which page each heading falls, the second prints them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from planwatch import config
from planwatch.present.report.content import ReportError

# What the document names → what LibreOffice draws it with
FONT_REPLACEMENTS = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}


def soffice() -> str:
    """The LibreOffice program: PLANWATCH_SOFFICE, else `soffice` on PATH; a clear line when absent."""
    configured = config.SOFFICE.value().strip()
    found = shutil.which(configured or "soffice")
    if found is None:
        where = f"设置 PLANWATCH_SOFFICE 指定的 {configured}" if configured else "soffice"
        raise ReportError(
            f"未找到 LibreOffice（{where}），无法生成 PDF：请安装 libreoffice-writer-nogui，"
            "或改用 --format docx"
        )
    return found


def available() -> bool:
    try:
        soffice()
    except ReportError:
        return False
    return True


def require_cjk_fonts() -> None:
    """Without a Chinese font LibreOffice draws every character as a box: refuse instead."""
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        listed = ""
    if not listed.strip():
        raise ReportError("未安装中文字体，PDF 中的汉字将无法显示：请安装 fonts-noto-cjk 后重试")


def _profile(directory: Path) -> str:
    user = directory / "user"
    user.mkdir(parents=True)
    pairs = "".join(
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f'<node oor:name="_{index}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{name}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{substitute}</value></prop>'
        "</node></item>"
        for index, (name, substitute) in enumerate(FONT_REPLACEMENTS.items())
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        f"{pairs}</oor:items>",
        encoding="utf-8",
    )
    return directory.resolve().as_uri()


def docx_to_pdf(docx: bytes) -> bytes:
    """One conversion, in a temporary directory with its own profile; the PDF's bytes."""
    program = soffice()
    timeout = config.count(config.REPORT_PDF_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as temporary:
        work = Path(temporary)
        source = work / "report.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={_profile(work / 'profile')}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=work)
        except subprocess.TimeoutExpired:
            raise ReportError(f"LibreOffice 转换 PDF 超过 {timeout} 秒，已放弃") from None
        except OSError as error:
            raise ReportError(f"无法运行 LibreOffice（{program}）：{error.strerror}") from None
        result = work / "out" / "report.pdf"
        data = result.read_bytes() if result.is_file() else b""
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
        raise ReportError("LibreOffice 未能把报告转换为 PDF（未生成完整的文件）")
    return data


def heading_pages(pdf: bytes, headings: Sequence[str]) -> list[int | None]:
    """The printed page number (`— N —`, counted from the first numbered page) of each heading, found
    in order; None for a heading not found."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append("".join(text_page.get_text_range().split()))
            text_page.close()
            page.close()
    finally:
        document.close()
    first = next((index for index, text in enumerate(texts) if "—1—" in text), None)
    if first is None:
        return [None] * len(headings)
    found: list[int | None] = []
    at = first
    for heading in headings:
        wanted = "".join(heading.split())
        page = next((index for index in range(at, len(texts)) if wanted in texts[index]), None)
        if page is None:
            found.append(None)
            continue
        at = page
        found.append(page - first + 1)
    return found
