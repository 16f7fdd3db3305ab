"""Word building blocks python-docx lacks: the page of a Chinese official document (GB/T 9704),
fonts by script, fields (a table of contents, page numbers), real footnotes, cell shading.

Fonts are named as an office's Word has them (仿宋_GB2312, 黑体, 楷体_GB2312); the PDF conversion
maps them onto the Noto CJK fonts LibreOffice has (present/report/pdf.py, docs/reports.md).
"""

from __future__ import annotations

from typing import Final

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from planwatch.present.report.docx_xml import clean

BODY_FONT: Final = "仿宋_GB2312"
HEADING_FONT: Final = "黑体"  # 一级标题
SUBHEADING_FONT: Final = "楷体_GB2312"  # 二级标题
TITLE_FONT: Final = "方正小标宋简体"  # the cover's title
LATIN_FONT: Final = "Times New Roman"
BODY_SIZE: Final = Pt(16)  # 三号
TABLE_SIZE: Final = Pt(10.5)  # 五号
SMALL_SIZE: Final = Pt(9)  # 小五: the wide indicator tables
TEXT_WIDTH: Final = Mm(156)  # A4 210 mm less 28 mm left and 26 mm right


def set_font(element: object, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run or a style per script (a theme font would override a name: dropped)."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def page_setup(document: DocumentObject) -> None:
    """A4 with the official margins, Chinese as the East Asian language, the official styles."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = styles["Normal"]
    set_font(normal.element, BODY_FONT)
    normal.font.size = BODY_SIZE
    normal.paragraph_format.line_spacing = Pt(28)  # 22 lines a page
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.first_line_indent = Pt(32)  # two characters
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, font, bold in (
        ("Heading 1", HEADING_FONT, False),
        ("Heading 2", SUBHEADING_FONT, False),
        ("Heading 3", BODY_FONT, True),
    ):
        style = styles[name]
        set_font(style.element, font)
        style.font.size = BODY_SIZE
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.first_line_indent = Pt(32)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = Pt(28)
        style.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    set_font(caption.element, HEADING_FONT)
    caption.font.size = Pt(12)
    caption.font.bold = False
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.space_before = Pt(8)
    caption.paragraph_format.space_after = Pt(4)
    caption.paragraph_format.keep_with_next = True


def centered(
    document: DocumentObject, text: str, font: str, size: Pt, *, space_before: Pt | None = None
) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.space_before = space_before or Pt(0)
    paragraph.paragraph_format.line_spacing = 1.25
    run = paragraph.add_run(clean(text))
    set_font(run._element, font)
    run.font.size = size
    return paragraph


def placeholder(document: DocumentObject, text: str) -> Paragraph:
    """A bracketed, highlighted note for the writer: never filled with invented text."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(f"【{text}】")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def begin_field(paragraph: Paragraph, instruction: str, *, dirty: bool = False) -> None:
    paragraph.add_run()._element.append(_field_char("begin", dirty=dirty))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._element.append(code)
    paragraph.add_run()._element.append(_field_char("separate"))


def end_field(paragraph: Paragraph) -> None:
    paragraph.add_run()._element.append(_field_char("end"))


def table_of_contents(document: DocumentObject, entries: list[tuple[int, str, int | None]]) -> None:
    """A TOC field (levels 1–2) holding `entries` (level, heading, page or None) as its shown result;
    Word refreshes it on opening (settings' updateFields), the PDF is made with the pages filled in."""
    if not entries:
        entries = [(1, "（目录）", None)]
    last = len(entries) - 1
    for index, (level, text, page) in enumerate(entries):
        paragraph = document.add_paragraph()
        form = paragraph.paragraph_format
        form.first_line_indent = Pt(0)
        form.left_indent = Pt(0 if level == 1 else 32)
        form.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if index == 0:
            begin_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', dirty=True)
        run = paragraph.add_run(clean(text))
        set_font(run._element, HEADING_FONT if level == 1 else BODY_FONT)
        paragraph.add_run("\t" + (str(page) if page is not None else ""))
        if index == last:
            end_field(paragraph)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    _insert_in_order(document.settings.element, update, SETTINGS_AFTER_UPDATE_FIELDS)


# What must follow an element in its parent (the schema's order: Word refuses a file out of it)
SETTINGS_AFTER_UPDATE_FIELDS: Final = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
SECTION_AFTER_PAGE_NUMBERS: Final = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
_MATH_AND_SCHEMAS: Final = ("{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr",)


def _insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    wanted = {qn(tag) for tag in successors} | set(_MATH_AND_SCHEMAS)
    following = next((element for element in parent if element.tag in wanted), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def new_numbered_section(document: DocumentObject) -> Section:
    """A section starting on a new page whose pages are numbered from 1, `— N —` in the footer:
    odd pages on the right, even pages on the left, one character in (GB/T 9704)."""
    section: Section = document.add_section(WD_SECTION.NEW_PAGE)
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    _insert_in_order(section._sectPr, number_type, SECTION_AFTER_PAGE_NUMBERS)
    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        form = paragraph.paragraph_format
        form.first_line_indent = Pt(0)
        form.left_indent = Pt(14) if alignment == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        form.right_indent = Pt(14) if alignment == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        _footer_run(paragraph, "— ")
        begin_field(paragraph, "PAGE")
        _footer_run(paragraph, "1")
        end_field(paragraph)
        _footer_run(paragraph, " —")
    return section


def turn_page(document: DocumentObject, *, landscape: bool) -> Section:
    """A new section, landscape for the wide tables or back to portrait; its pages keep counting and
    keep the footers (the margins turn with the page)."""
    section: Section = document.add_section(WD_SECTION.NEW_PAGE)
    for restart in section._sectPr.findall(qn("w:pgNumType")):
        section._sectPr.remove(restart)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    return section


def _footer_run(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    set_font(run._element, "宋体")
    run.font.size = Pt(14)  # 四号


class Footnotes:
    """Real Word footnotes (python-docx has none): a footnotes part, and references in the text."""

    def __init__(self, document: DocumentObject) -> None:
        xml = (
            f"<w:footnotes {nsdecls('w')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            "</w:footnotes>"
        )
        self.element = parse_xml(xml)
        part = XmlPart(
            PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, self.element, document.part.package
        )
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        self.count = 0

    def add(self, paragraph: Paragraph, text: str) -> int:
        """A footnote reference at the end of `paragraph`, with `text` at the foot of the page."""
        self.count += 1
        number = self.count
        reference = paragraph.add_run()
        reference.font.superscript = True
        mark = OxmlElement("w:footnoteReference")
        mark.set(qn("w:id"), str(number))
        reference._element.append(mark)
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{number}"><w:p><w:pPr>'
            '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr>'
            '<w:r><w:rPr><w:sz w:val="18"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            "</w:p></w:footnote>"
        )
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for attribute, name in (("ascii", LATIN_FONT), ("hAnsi", LATIN_FONT), ("eastAsia", BODY_FONT)):
            fonts.set(qn(f"w:{attribute}"), name)
        properties.append(fonts)
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "18")
        properties.append(size)
        run.append(properties)
        body = OxmlElement("w:t")
        body.set(qn("xml:space"), "preserve")
        body.text = " " + clean(text)
        run.append(body)
        note.find(qn("w:p")).append(run)
        self.element.append(note)
        return number
