"""What a PDF page holds for reading: its glyphs with their boxes, and the ruling lines drawn on it.

PDFium (through pypdfium2, BSD/Apache licensed) parses the page: it is about ten times faster than
pdfminer on a plan of a hundred pages, which is the difference between reading a plan in half a
second and in five. Coordinates are turned to the top-down convention of pdfplumber (`top` grows
down the page) so that pdfplumber's table finder can run on the rules found here.

Only what reading needs is kept: a glyph's character and box and baseline, and for drawn paths the
horizontal and vertical segments (table rulings). Characters PDFium generates itself (the spaces
and line breaks it guesses) are skipped, except spaces, which mark word gaps in Latin text.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

from planwatch import config
from planwatch.document.limits import LimitExceeded, over
from planwatch.errors import DocumentError

CORRUPT = "无法读取 .pdf 文件（文件损坏或不是 PDF）"
ENCRYPTED = "无法读取 .pdf 文件（文件已加密，需要密码）"
_AXIS = 0.6  # points: a segment this close to horizontal or vertical is a rule
_MIN_RULE = 2.0  # points: shorter segments are glyph details, not rules
_THIN = 2.5  # points: a filled rectangle this thin is drawn as a rule
_MAX_DEPTH = 8  # nesting of form XObjects followed


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float  # top-down y of the character's origin
    size: float  # font size in points (0 for a generated space)


@dataclass(frozen=True, slots=True)
class Rule:
    """A drawn horizontal ("h") or vertical ("v") line, in top-down page coordinates."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float

    def as_edge(self) -> dict[str, Any]:
        """The edge dict pdfplumber's table functions take."""
        return {
            "x0": self.x0,
            "x1": self.x1,
            "top": self.top,
            "bottom": self.bottom,
            "width": self.x1 - self.x0,
            "height": self.bottom - self.top,
            "orientation": self.orientation,
            "object_type": "line",
        }


@dataclass(frozen=True, slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]
    images: int  # image objects: a page of images and no glyphs is a scan
    unmapped: bool  # PDFium met glyphs whose font has no usable map to Unicode


def open_pdf(data: bytes, name: str) -> Any:
    """The PdfDocument of `data`; a DocumentError for a damaged or password-protected file."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        reason = ENCRYPTED if code == pdfium_c.FPDF_ERR_PASSWORD else CORRUPT
        raise DocumentError(reason, file=name) from exc
    except Exception as exc:  # a non-PDF buffer can fail before PDFium reports a code
        raise DocumentError(CORRUPT, file=name) from exc


@dataclass(frozen=True, slots=True)
class _Frame:
    """From PDF user space (y up, the page unrotated) to the page as shown (top-down, /Rotate applied).

    A landscape table is often a portrait page turned by /Rotate 90: its text runs up the page in
    user space and reads left to right only once turned.
    """

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # 0, 90, 180 or 270, clockwise

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) of a user-space box as shown."""
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_page(document: Any, index: int) -> PageContent:
    """The glyphs and rules of page `index` (0-based), in top-down coordinates of the page as shown."""
    import pypdfium2.raw as pdfium_c

    page = document[index]
    try:
        width, height = page.get_size()  # as shown: PDFium swaps them for a page turned by 90°
        left, bottom, right, top = page.get_bbox()
        frame = _Frame(left, bottom, right, top, page.get_rotation() % 360)
        text_page = page.get_textpage()
        try:
            glyphs = _glyphs(text_page.raw, frame)
            unmapped = bool(_any_unmapped(text_page.raw))
        finally:
            text_page.close()
        rules: list[Rule] = []
        images = _walk(page.raw, pdfium_c, rules, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), frame)
    finally:
        page.close()
    return PageContent(index + 1, width, height, tuple(glyphs), tuple(rules), images, unmapped)


BYTES_PER_CHARACTER = 8  # how PLANWATCH_PDF_MAX_PAGE_CONTENT is counted on a page PDFium has read


def _check_page_content(characters: int) -> None:
    """PDFium has run the page's content (in C); before a Python object is made for each of its
    characters, refuse a page whose text alone would pass the page content limit."""
    limit = config.size(config.PDF_MAX_PAGE_CONTENT)
    if characters * BYTES_PER_CHARACTER > limit:
        reason = over("PDF 一页的内容", limit, config.PDF_MAX_PAGE_CONTENT)
        raise LimitExceeded(reason + "，页面过于复杂或是恶意文件")


def _glyphs(text_page: Any, frame: _Frame) -> list[Glyph]:
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(text_page)
    _check_page_content(count)
    codes = _codes(text_page, count)
    box = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    origin = pdfium_c.FPDFText_GetCharOrigin
    font_size = pdfium_c.FPDFText_GetFontSize
    generated = pdfium_c.FPDFText_IsGenerated
    upright, left, top = frame.rotation == 0, frame.left, frame.top
    glyphs: list[Glyph] = []
    for k, code in enumerate(codes):
        if code == 0xFFFE:  # GetText's mark for the hyphen that ends a printed line (U+0002)
            code = 0x02
        if code in (0x0D, 0x0A, 0xFFFF, 0):
            continue
        is_generated = code == 0x20 and generated(text_page, k) == 1
        if not loose_box(text_page, k, box):
            continue
        origin(text_page, k, ox, oy)
        # PDFium reports a hyphen that ends a printed line as U+0002.
        char = "-" if code == 0x02 else chr(code) if code < 0x110000 else "\ufffd"
        size = 0.0 if is_generated else float(font_size(text_page, k))
        if upright:  # the common case, without the general mapping's calls
            glyphs.append(
                Glyph(
                    char,
                    box.left - left,
                    top - box.top,
                    box.right - left,
                    top - box.bottom,
                    top - oy.value,
                    size,
                )
            )
        else:
            x0, y0, x1, y1 = frame.box(box.left, box.bottom, box.right, box.top)
            glyphs.append(Glyph(char, x0, y0, x1, y1, frame.point(ox.value, oy.value)[1], size))
    return glyphs


def _codes(text_page: Any, count: int) -> list[int]:
    """The code point of each character index: one call for the page unless it holds surrogates."""
    import pypdfium2.raw as pdfium_c

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(
        text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    units = buffer.raw[: max(0, written - 1) * 2]
    if len(units) == count * 2:
        text = units.decode("utf-16-le", errors="surrogatepass")
        if not any("\ud800" <= c <= "\udfff" for c in text):
            # PDFium marks generated characters itself; the text holds them at their index.
            return [ord(c) for c in text]
    return [pdfium_c.FPDFText_GetUnicode(text_page, k) for k in range(count)]


def _any_unmapped(text_page: Any) -> int:
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(text_page)
    step = max(1, count // 400)  # a sample: a font without a map breaks many glyphs, not one
    return sum(pdfium_c.FPDFText_HasUnicodeMapError(text_page, k) == 1 for k in range(0, count, step))


Matrix = tuple[float, float, float, float, float, float]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _object_matrix(obj: Any, pdfium_c: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(page: Any, pdfium_c: Any, rules: list[Rule], outer: Matrix, frame: _Frame) -> int:
    """Collect the rules of the page's paths (inside forms too); return the number of images."""
    images = 0
    stack: list[tuple[Any, Matrix, int, bool]] = [(page, outer, 0, True)]
    while stack:
        container, matrix, depth, is_page = stack.pop()
        count = (
            pdfium_c.FPDFPage_CountObjects(container)
            if is_page
            else pdfium_c.FPDFFormObj_CountObjects(container)
        )
        for i in range(count):
            obj = (
                pdfium_c.FPDFPage_GetObject(container, i)
                if is_page
                else pdfium_c.FPDFFormObj_GetObject(container, i)
            )
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                own = _compose(_object_matrix(obj, pdfium_c), matrix)
                rules.extend(_path_rules(obj, pdfium_c, own, frame))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
                own = _compose(_object_matrix(obj, pdfium_c), matrix)
                stack.append((obj, own, depth + 1, False))
    return images


def _path_rules(obj: Any, pdfium_c: Any, matrix: Matrix, frame: _Frame) -> list[Rule]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not fill.value and not stroke.value:
        return []  # a clipping path draws nothing
    a, b, c, d, e, f = matrix
    points: list[tuple[int, float, float, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        closes = bool(pdfium_c.FPDFPathSegment_GetClose(segment))
        shown_x, shown_y = frame.point(px, py)
        points.append((kind, shown_x, shown_y, closes))
    if stroke.value:
        return _stroked(points, pdfium_c)
    return _filled(points)


def _stroked(points: list[tuple[int, float, float, bool]], pdfium_c: Any) -> list[Rule]:
    rules: list[Rule] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for kind, x, y, closes in points:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = previous = (x, y)
            continue
        if previous is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
            rules.extend(_segment(previous, (x, y)))
        previous = (x, y)
        if closes and start is not None:
            rules.extend(_segment((x, y), start))
    return rules


def _filled(points: list[tuple[int, float, float, bool]]) -> list[Rule]:
    """A thin filled rectangle is a rule (Word and WPS draw borders so); other fills are ignored."""
    if not points:
        return []
    xs, ys = [p[1] for p in points], [p[2] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if bottom - top <= _THIN and x1 - x0 >= _MIN_RULE:
        middle = (top + bottom) / 2
        return [Rule("h", x0, middle, x1, middle)]
    if x1 - x0 <= _THIN and bottom - top >= _MIN_RULE:
        middle = (x0 + x1) / 2
        return [Rule("v", middle, top, middle, bottom)]
    return []


def _segment(p: tuple[float, float], q: tuple[float, float]) -> list[Rule]:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= _AXIS and abs(x1 - x0) >= _MIN_RULE:
        y = (y0 + y1) / 2
        return [Rule("h", min(x0, x1), y, max(x0, x1), y)]
    if abs(x1 - x0) <= _AXIS and abs(y1 - y0) >= _MIN_RULE:
        x = (x0 + x1) / 2
        return [Rule("v", x, min(y0, y1), x, max(y0, y1))]
    return []
