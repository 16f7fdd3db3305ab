"""The seed plan as the PDFs an office makes: its Word file, restyled, exported by LibreOffice.

tests/fixtures/seed.docx (a copy of shared/plans/000_d4b95dcfe9f62ad4.docx) is the bundled
draft as a Word file with real merged-cell tables. Each variant changes what changes a PDF's
layout: paper and orientation; the font and its size (宋体/仿宋/黑体 by the names offices
use, which LibreOffice replaces with an installed CJK face); first-line indents; page headers
and footers with page numbers; the table header row repeated on every page or not; rows
allowed to break across a page or not. `soffice --headless --convert-to pdf` then exports
them all in one run, as an office does.

The PDFs are not committed (about 1 MB each); tests build them once into pytest's cache
(`pdf_paths` in test_document_pdf_seed.py), and `python tests/seed_pdfs.py DIR` writes them
to DIR for a look. Needs LibreOffice Writer (libreoffice-writer-nogui, scripts/system-deps.sh).
"""

from __future__ import annotations

import copy
import hashlib
import io
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SEED_DOCX = Path(__file__).resolve().parent / "fixtures" / "seed.docx"


@dataclass(frozen=True)
class Variant:
    name: str
    paper: str  # "letter" (the file as it is) or "a4"
    landscape: bool = False
    font: str | None = None  # East Asian font name as a Word file names it
    size: float | None = None  # points
    indent: bool = False  # first-line indent of two characters, as 公文 are set
    exact_spacing: float | None = None  # fixed line distance in points
    header: str | None = None  # running title at the top of every page
    footer: str | None = None  # "dash" (— 12 —) or "page_of" (第 12 页 共 98 页)
    repeat_header_row: bool = False
    rows_cant_split: bool = False


VARIANTS = (
    Variant("as_is", "letter"),
    Variant(
        "a4_fangsong_gongwen",
        "a4",
        font="仿宋_GB2312",
        size=16,
        indent=True,
        exact_spacing=28,
        footer="dash",
        repeat_header_row=True,
    ),
    Variant("a4_landscape_heiti", "a4", landscape=True, font="黑体", size=10.5, repeat_header_row=True),
    Variant(
        "a4_songti_running_title",
        "a4",
        font="宋体",
        size=12,
        header="新建区国民经济和社会发展第十四个五年规划纲要（征求意见稿）",
        footer="page_of",
        rows_cant_split=True,
    ),
    Variant("a4_noto_serif", "a4", font="Noto Serif CJK SC", size=11, indent=True),
)


def styled(source: bytes, variant: Variant) -> bytes:
    """The seed .docx restyled as `variant` says."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document(io.BytesIO(source))
    for section in document.sections:
        if variant.paper == "a4":
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(28)
            section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        if variant.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
            section.top_margin = section.bottom_margin = Mm(20)
        if variant.header:
            section.header.paragraphs[0].text = variant.header
        if variant.footer:
            _page_number_footer(section.footer.paragraphs[0], variant.footer)
    normal = document.styles["Normal"]
    if variant.font:
        normal.font.name = variant.font
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), variant.font)
    if variant.size:
        normal.font.size = Pt(variant.size)
    if variant.indent:
        normal.paragraph_format.first_line_indent = Pt(2 * (variant.size or 11))
    if variant.exact_spacing:
        normal.paragraph_format.line_spacing = Pt(variant.exact_spacing)
    for table in document.tables:
        for index, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            if variant.repeat_header_row and index == 0:
                properties.append(OxmlElement("w:tblHeader"))
            if variant.rows_cant_split:
                properties.append(OxmlElement("w:cantSplit"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_number_footer(paragraph: object, style: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    element = paragraph._p  # type: ignore[attr-defined]

    def run(text: str) -> None:
        element.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>'))

    def field(code: str) -> None:
        element.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )

    if style == "dash":
        run("— ")
        field("PAGE")
        run(" —")
    else:
        run("第 ")
        field("PAGE")
        run(" 页 共 ")
        field("NUMPAGES")
        run(" 页")


def build(out: Path, variants: tuple[Variant, ...] = VARIANTS) -> dict[str, Path]:
    """Export every variant to `out/<name>.pdf` with one LibreOffice run; name → path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: scripts/system-deps.sh test")
    out.mkdir(parents=True, exist_ok=True)
    source = SEED_DOCX.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = []
        for variant in variants:
            path = work / f"{variant.name}.docx"
            path.write_bytes(styled(source, variant) if variant.name != "as_is" else copy.copy(source))
            inputs.append(str(path))
        profile = work / "profile"  # a private profile: no clash with another soffice running
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *inputs,
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return {variant.name: out / f"{variant.name}.pdf" for variant in variants}


def turned(source: Path, first: int, last: int, out: Path) -> tuple[Path, Path]:
    """Pages first..last (1-based) of `source` twice: as they are, and as portrait pages whose
    content is drawn turned and shown by /Rotate 90 — how some tools write landscape pages."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    plain, rotated = pdfium.PdfDocument.new(), pdfium.PdfDocument.new()
    indices = list(range(first - 1, last))
    plain.import_pages(src, indices)
    for index in indices:
        width, height = src[index].get_size()
        page = rotated.new_page(height, width)
        drawing = src.page_as_xobject(index, rotated).as_pageobject()
        drawing.transform(pdfium.PdfMatrix(0, 1, -1, 0, height, 0))  # (x, y) → (h − y, x)
        page.insert_obj(drawing)
        page.gen_content()
        page.set_rotation(90)
    out.mkdir(parents=True, exist_ok=True)
    paths = (out / f"pages_{first}_{last}.pdf", out / f"pages_{first}_{last}_turned.pdf")
    plain.save(str(paths[0]))
    rotated.save(str(paths[1]))
    return paths


def build_html(out: Path) -> Path:
    """The seed exported as a web page by LibreOffice (`--convert-to html`): `out/seed.html`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: scripts/system-deps.sh test")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "seed.docx"
        source.write_bytes(SEED_DOCX.read_bytes())
        profile = Path(tmp) / "profile"
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "html"]
        subprocess.run(
            [*command, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=600
        )
    return out / "seed.html"


def fingerprint() -> str:
    """Changes when the seed or the variants change: the key of the cached PDFs."""
    digest = hashlib.sha256(SEED_DOCX.read_bytes())
    digest.update(repr(VARIANTS).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "seed-pdfs")).items():
        print(f"{name}: {path} ({path.stat().st_size} bytes)")
